"""Corpus stages over the store: duplicates, entities across articles, stories and storylines.

They run after an ingest that added documents (the store marks itself dirty) and rebuild their tables in one
transaction, so an interrupted run leaves the previous views in place and the next run redoes them.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict

from .dedup.fingerprints import DocText, find_duplicates
from .stories.cluster import Article, _stable_id, central_index, cluster
from .store.sqlite import SQLiteStore


def rebuild(store: SQLiteStore, *, progress=None) -> dict:
    """Recompute every corpus view. Returns counts for the run summary."""
    db = store.db
    rows = db.execute("SELECT rowid, id, title, body, body_hash, published, outlet, lang, credits, "
                      "dateline_agency FROM documents ORDER BY rowid").fetchall()
    docs = [r for r in rows if r["body"] and r["body"].strip()]
    step = (lambda name: progress(name)) if progress else (lambda name: None)

    step("duplicates")
    dups = find_duplicates([DocText(r["id"], r["body"], r["body_hash"], r["published"], r["rowid"]) for r in docs])

    step("entities")
    entities = _entities(db)

    step("stories")
    arabic = [r for r in docs if r["lang"] == "ar"]
    arts = [Article(r["id"], r["title"] or "", r["body"], r["published"], r["outlet"]) for r in arabic]
    stories, lines, X = cluster(arts)
    story_rows, member_rows, line_rows = _stories(db, arabic, stories, lines, X, dups)

    with db:
        db.execute("DELETE FROM duplicates")
        db.executemany("INSERT INTO duplicates(a,b,kind,score,shared_chars) VALUES (?,?,?,?,?)", dups)
        db.execute("DELETE FROM entities")
        db.executemany("INSERT INTO entities(entity_id,canonical,type,aliases,titles,mentions,articles) "
                       "VALUES (?,?,?,?,?,?,?)", entities)
        db.execute("DELETE FROM stories")
        db.execute("DELETE FROM story_articles")
        db.execute("DELETE FROM storylines")
        db.executemany("INSERT INTO stories(id,title,first_seen,last_seen,storyline,outlets,summary,timeline,framing,"
                       "wire,n_articles) VALUES (?,?,?,?,?,?,?,?,?,?,?)", story_rows)
        db.executemany("INSERT INTO story_articles(story_id, doc_id) VALUES (?,?)", member_rows)
        db.executemany("INSERT INTO storylines(id,title,first_seen,last_seen,stories) VALUES (?,?,?,?,?)", line_rows)
        db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('corpus_dirty', '0')")
    return {"duplicates": len(dups), "entities": len(entities), "stories": len(story_rows),
            "storylines": len(line_rows)}


def _entities(db) -> list[tuple]:
    """One row per canonical entity: the most common full name, its aliases and titles, counts."""
    agg: dict[str, dict] = {}
    for r in db.execute("SELECT entity_id, type, canonical, name, title, doc_id FROM mentions"):
        e = agg.setdefault(r["entity_id"], {"type": Counter(), "canonical": Counter(), "aliases": Counter(),
                                             "titles": Counter(), "docs": set(), "n": 0})
        e["type"][r["type"]] += 1
        e["canonical"][r["canonical"]] += 1
        e["aliases"][r["name"]] += 1
        if r["title"]:
            e["titles"][r["title"]] += 1
        e["docs"].add(r["doc_id"])
        e["n"] += 1
    out = []
    for eid, e in agg.items():
        canonical = e["canonical"].most_common(1)[0][0]
        aliases = [a for a, _ in e["aliases"].most_common() if a != canonical][:30]
        titles = [t for t, _ in e["titles"].most_common(30)]
        out.append((eid, canonical, e["type"].most_common(1)[0][0], json.dumps(aliases, ensure_ascii=False),
                    json.dumps(titles, ensure_ascii=False), e["n"], len(e["docs"])))
    out.sort(key=lambda x: (-x[6], -x[5], x[1]))
    return out


def _stories(db, arabic, stories, lines, X, dups):
    story_rows, member_rows, line_rows = [], [], []
    if not stories:
        return story_rows, member_rows, line_rows
    dup_index = defaultdict(list)
    for a, b, kind, score, chars in dups:
        dup_index[a].append((b, kind))
        dup_index[b].append((a, kind))
    story_ids = []
    for members in stories:
        story_ids.append(_stable_id("s-", [arabic[i]["id"] for i in members]))
    line_of: dict[int, str | None] = {}
    for chain in lines:
        if len(chain) < 2:
            for s in chain:
                line_of[s] = None
            continue
        lid = _stable_id("l-", [story_ids[s] for s in chain])
        dates = [arabic[i]["published"] for s in chain for i in stories[s] if arabic[i]["published"]]
        head = min(chain, key=lambda s: min((arabic[i]["published"] or "9999") for i in stories[s]))
        title = arabic[central_index(X, stories[head])]["title"]
        line_rows.append((lid, title, min(dates) if dates else None, max(dates) if dates else None, len(chain)))
        for s in chain:
            line_of[s] = lid
    for s, members in enumerate(stories):
        ids = [arabic[i]["id"] for i in members]
        sid = story_ids[s]
        dates = sorted(arabic[i]["published"] for i in members if arabic[i]["published"])
        outlets = sorted({arabic[i]["outlet"] for i in members if arabic[i]["outlet"]})
        title = arabic[central_index(X, members)]["title"]
        story_rows.append((sid, title, dates[0] if dates else None, dates[-1] if dates else None, line_of.get(s),
                           json.dumps(outlets, ensure_ascii=False),
                           json.dumps(_summary(db, ids), ensure_ascii=False),
                           json.dumps(_timeline([arabic[i] for i in members]), ensure_ascii=False),
                           json.dumps(_framing(db, ids), ensure_ascii=False),
                           json.dumps(_wire([arabic[i] for i in members], dup_index), ensure_ascii=False),
                           len(members)))
        member_rows.extend((sid, i) for i in ids)
    return story_rows, member_rows, line_rows


def _summary(db, ids: list[str], limit: int = 6) -> list[dict]:
    """Attributed statements of the story: who said what, one per speaker, named people first."""
    q = f"""SELECT q.doc_id, q.speaker, q.speaker_entity_id, q.content, q.kind, d.published
            FROM quotes q JOIN documents d ON d.id = q.doc_id
            WHERE q.doc_id IN ({','.join('?' * len(ids))}) ORDER BY d.published, q.start"""
    seen, out = set(), []
    rows = db.execute(q, ids).fetchall()
    for r in sorted(rows, key=lambda r: (r["speaker_entity_id"] is None, r["published"] or "")):
        if r["speaker"] in seen or len(r["content"]) < 20:
            continue
        seen.add(r["speaker"])
        out.append({"text": r["content"], "article_id": r["doc_id"], "speaker": r["speaker"],
                    "date": r["published"], "kind": r["kind"]})
        if len(out) >= limit:
            break
    return out


def _timeline(members) -> list[dict]:
    seen, out = set(), []
    for r in sorted(members, key=lambda r: (r["published"] or "9999", r["id"])):
        key = (r["published"], r["title"])
        if key in seen:
            continue
        seen.add(key)
        out.append({"date": r["published"], "text": r["title"], "article_id": r["id"]})
    return out


def _framing(db, ids: list[str]) -> list[dict]:
    """How each outlet describes each person: the titles and descriptors attached to their mentions."""
    q = f"""SELECT m.entity_id, m.canonical, d.outlet, m.title FROM mentions m JOIN documents d ON d.id = m.doc_id
            WHERE m.doc_id IN ({','.join('?' * len(ids))}) AND m.type = 'PER'"""
    agg: dict[tuple, dict] = {}
    for r in db.execute(q, ids):
        key = (r["entity_id"], r["outlet"])
        a = agg.setdefault(key, {"entity_id": r["entity_id"], "canonical": r["canonical"], "outlet": r["outlet"],
                                 "descriptors": Counter(), "count": 0})
        a["count"] += 1
        if r["title"]:
            a["descriptors"][r["title"]] += 1
    out = []
    for a in agg.values():
        if a["descriptors"]:
            out.append({**a, "descriptors": [t for t, _ in a["descriptors"].most_common()]})
    out.sort(key=lambda a: (a["canonical"], a["outlet"] or ""))
    return out


def _wire(members, dup_index) -> dict:
    """Wire provenance in one line of numbers: credited agencies and how many articles copy one another."""
    agencies = Counter()
    for r in members:
        for a in json.loads(r["credits"] or "[]"):
            agencies[a] += 1
    ids = {r["id"] for r in members}
    copies = {i for i in ids if any(o in ids and k in ("exact", "near", "wire") for o, k in dup_index.get(i, []))}
    return {"agencies": dict(agencies.most_common()), "articles_sharing_text": len(copies)}
