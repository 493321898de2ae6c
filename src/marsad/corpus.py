"""Corpus stages over the store: outlet templates, duplicates, entities across articles, stories, storylines.

Every read happens in one snapshot (a read transaction), then the views are computed and written in one
write transaction together with the high-water mark of the documents they cover. A document committed by
another ingest while this runs is above the mark, so the store stays "dirty" and the next run includes it;
an interrupted run leaves the previous views in place.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict

from .arabic.segment import sentences
from .dedup import persist
from .document import TimeExpr
from .dedup.components import Components
from .entities.linking import link
from .pipeline import entity_id as make_entity_id
from .reclean import learn_and_reclean
from .store.sqlite import SQLiteStore
from .stories.cluster import Article, _stable_id, central_indices, cluster
from .timex.events import lead_date


ADDED_REPORTING = 0.2          # a copy with a fifth or more of its text its own "added its own reporting"


def rebuild(store: SQLiteStore, *, progress=None) -> dict:
    """Recompute every corpus view. Returns counts for the run summary."""
    db = store.db
    step = (lambda name: progress(name)) if progress else (lambda name: None)
    step("outlet templates")
    learned = learn_and_reclean(store)
    step("duplicates")
    dedup = persist.update(store)
    step("entity linking")
    linked = link_mentions(db)
    db.execute("BEGIN")                          # one consistent snapshot for every read below
    try:
        mark = db.execute("SELECT COALESCE(MAX(rowid), 0) FROM documents").fetchone()[0]
        rows = db.execute("SELECT rowid, id, title, body, body_hash, published, outlet, lang, credits "
                          "FROM documents WHERE rowid <= ? ORDER BY rowid", (mark,)).fetchall()
        dups = db.execute("SELECT a, b, kind, score, shared_chars FROM duplicates").fetchall()
        origin = {r[0]: (r[1], r[2]) for r in db.execute("SELECT doc_id, originality, agency FROM provenance")}
        terms = {r[0]: f"{r[1]} {r[1]} {r[2]}" for r in db.execute(
            "SELECT d.id, f.title, f.body FROM documents d JOIN documents_fts f ON f.rowid = d.rowid "
            "WHERE d.lang = 'ar' AND d.rowid <= ?", (mark,))}
        names = db.execute("SELECT m.entity_id, m.type, m.canonical, m.name, m.title, d.outlet, COUNT(*) "
                           "FROM mentions m JOIN documents d ON d.id = m.doc_id "
                           "GROUP BY m.entity_id, m.type, m.canonical, m.name, m.title, d.outlet").fetchall()
        counts = {eid: (n, docs) for eid, n, docs in db.execute(
            "SELECT entity_id, COUNT(*), COUNT(DISTINCT doc_id) FROM mentions GROUP BY entity_id")}
        quotes = db.execute("SELECT doc_id, speaker, speaker_entity_id, content, kind, start FROM quotes").fetchall()
        people = db.execute("SELECT doc_id, entity_id, canonical, title, descriptors FROM mentions "
                            "WHERE type = 'PER'").fetchall()
        day_times = db.execute("SELECT doc_id, start, \"end\", text, value, type FROM times "
                               "WHERE type IN ('date', 'time') AND value IS NOT NULL ORDER BY doc_id, start").fetchall()
    finally:
        db.commit()
    docs = [r for r in rows if r["body"] and r["body"].strip()]

    step("entities")
    entities = _entities(names, counts)

    step("stories")
    arabic = [r for r in docs if r["lang"] == "ar"]
    arts = [Article(r["id"], r["title"] or "", r["body"], r["published"], r["outlet"], terms.get(r["id"]))
            for r in arabic]
    stories, lines, X = cluster(arts)
    story_rows, member_rows, line_rows = _stories(arabic, stories, lines, X, dups, quotes, people, origin,
                                                  _event_dates(arabic, day_times))

    with db:
        db.execute("DELETE FROM entities")
        db.executemany("INSERT INTO entities(entity_id,canonical,type,aliases,titles,mentions,articles,"
                       "titles_by_outlet) VALUES (?,?,?,?,?,?,?,?)", entities)
        # a quote's speaker goes by the corpus's name for the entity (the article's own spelling stays in
        # speaker_text), so one person's statements read under one name across outlets
        db.execute("UPDATE quotes SET speaker = (SELECT canonical FROM entities e WHERE e.entity_id = "
                   "quotes.speaker_entity_id) WHERE speaker_entity_id IN (SELECT entity_id FROM entities)")
        db.execute("DELETE FROM stories")
        db.execute("DELETE FROM story_articles")
        db.execute("DELETE FROM storylines")
        db.executemany("INSERT INTO stories(id,title,first_seen,last_seen,storyline,outlets,summary,timeline,framing,"
                       "wire,n_articles) VALUES (?,?,?,?,?,?,?,?,?,?,?)", story_rows)
        db.executemany("INSERT INTO story_articles(story_id, doc_id) VALUES (?,?)", member_rows)
        db.executemany("INSERT INTO storylines(id,title,first_seen,last_seen,stories) VALUES (?,?,?,?,?)", line_rows)
        db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('corpus_rowid', ?)", (str(mark),))
    return {"duplicates": len(dups), "new duplicate pairs": dedup["pairs"], "entities": len(entities),
            "mentions linked across articles": linked, "stories": len(story_rows),
            "storylines": len(line_rows), "re-cleaned by templates": learned["recleaned"]}


def link_mentions(db) -> int:
    """Corpus-level linking (entities/linking.py), restarted from what each article said on its own.
    Returns how many mentions now carry another entity than their article gave them."""
    with db:
        db.execute("UPDATE mentions SET local_canonical = canonical, local_entity_id = entity_id "
                   "WHERE local_entity_id IS NULL")
        rows = db.execute("SELECT local_entity_id, type, local_canonical, COUNT(*) FROM mentions "
                          "WHERE local_entity_id IS NOT NULL GROUP BY local_entity_id, type, local_canonical").fetchall()
        mapping = link([tuple(r) for r in rows], make_entity_id)
        db.executemany("UPDATE mentions SET entity_id = ?, canonical = ? WHERE local_entity_id = ? "
                       "AND (entity_id IS NOT ? OR canonical IS NOT ?)",
                       [(eid, canon, local, eid, canon) for local, (eid, canon) in mapping.items()])
        db.executemany("UPDATE quotes SET speaker_entity_id = ? WHERE speaker_entity_id = ? AND ? != ?",
                       [(eid, local, eid, local) for local, (eid, _) in mapping.items()])
        return db.execute("SELECT COUNT(*) FROM mentions WHERE entity_id != local_entity_id").fetchone()[0]


def _entities(names: list, counts: dict) -> list[tuple]:
    """One row per canonical entity: the most common full name, its aliases, titles (overall and by outlet),
    counts. Counting happens in SQL; Python only ranks the (few) distinct names and titles per entity."""
    agg: dict[str, dict] = {}
    for eid, etype, canonical, name, title, outlet, n in names:
        e = agg.setdefault(eid, {"type": Counter(), "canonical": Counter(), "aliases": Counter(), "titles": Counter(),
                                 "by_outlet": defaultdict(Counter)})
        e["type"][etype] += n
        e["canonical"][canonical] += n
        e["aliases"][name] += n
        if title:
            e["titles"][title] += n
            e["by_outlet"][outlet or ""][title] += n
    out = []
    for eid, e in agg.items():
        canonical = e["canonical"].most_common(1)[0][0]
        aliases = [a for a, _ in e["aliases"].most_common() if a != canonical][:30]
        titles = [t for t, _ in e["titles"].most_common(30)]
        by_outlet = {o: [t for t, _ in c.most_common(10)] for o, c in sorted(e["by_outlet"].items())}
        n, docs = counts[eid]
        out.append((eid, canonical, e["type"].most_common(1)[0][0], json.dumps(aliases, ensure_ascii=False),
                    json.dumps(titles, ensure_ascii=False), n, docs, json.dumps(by_outlet, ensure_ascii=False)))
    out.sort(key=lambda x: (-x[6], -x[5], x[1]))
    return out


def _event_dates(arabic, day_times) -> dict[str, str]:
    """The day each article's lead reports ("غادر حفتر أمس الاثنين موسكو" → the Monday), for the timeline."""
    by_doc: dict[str, list[TimeExpr]] = defaultdict(list)
    for r in day_times:
        by_doc[r["doc_id"]].append(TimeExpr(r["text"], r["start"], r["end"], r["value"], r["type"], ""))
    out = {}
    for r in arabic:
        found = by_doc.get(r["id"])
        if found:
            day = lead_date(found, sentences(r["body"])[:2])
            if day:
                out[r["id"]] = day
    return out


def _stories(arabic, stories, lines, X, dups, quote_rows, people_rows, origin, event_of=None):
    story_rows, member_rows, line_rows = [], [], []
    if not stories:
        return story_rows, member_rows, line_rows
    dup_index = defaultdict(list)
    for a, b, kind, score, chars in dups:
        dup_index[a].append((b, kind))
        dup_index[b].append((a, kind))
    story_ids = [_stable_id("s-", [arabic[i]["id"] for i in members]) for members in stories]
    central = central_indices(X, stories)
    story_of = {arabic[i]["id"]: s for s, members in enumerate(stories) for i in members}
    outlet_of = {r["id"]: r["outlet"] for r in arabic}
    published_of = {r["id"]: r["published"] for r in arabic}
    quotes_by_story: dict[int, list] = defaultdict(list)
    for r in quote_rows:
        s = story_of.get(r["doc_id"])
        if s is not None:
            quotes_by_story[s].append((r["doc_id"], r["speaker"], r["speaker_entity_id"], r["content"], r["kind"],
                                       published_of[r["doc_id"]], r["start"]))
    frames_by_story: dict[int, list] = defaultdict(list)
    for r in people_rows:
        s = story_of.get(r["doc_id"])
        if s is not None:
            frames_by_story[s].append((r["entity_id"], r["canonical"], outlet_of[r["doc_id"]],
                                       [r["title"], *json.loads(r["descriptors"] or "[]")]))
    line_of: dict[int, str | None] = {}
    for chain in lines:
        if len(chain) < 2:
            for s in chain:
                line_of[s] = None
            continue
        lid = _stable_id("l-", [story_ids[s] for s in chain])
        dates = [arabic[i]["published"] for s in chain for i in stories[s] if arabic[i]["published"]]
        head = min(chain, key=lambda s: min((arabic[i]["published"] or "9999") for i in stories[s]))
        title = arabic[central[head]]["title"]
        line_rows.append((lid, title, min(dates) if dates else None, max(dates) if dates else None, len(chain)))
        for s in chain:
            line_of[s] = lid
    for s, members in enumerate(stories):
        ids = [arabic[i]["id"] for i in members]
        sid = story_ids[s]
        dates = sorted(arabic[i]["published"] for i in members if arabic[i]["published"])
        outlets = sorted({arabic[i]["outlet"] for i in members if arabic[i]["outlet"]})
        title = arabic[central[s]]["title"]
        story_rows.append((sid, title, dates[0] if dates else None, dates[-1] if dates else None, line_of.get(s),
                           json.dumps(outlets, ensure_ascii=False),
                           json.dumps(_summary(quotes_by_story.get(s, [])), ensure_ascii=False),
                           json.dumps(_timeline([arabic[i] for i in members], event_of or {}), ensure_ascii=False),
                           json.dumps(_framing(frames_by_story.get(s, [])), ensure_ascii=False),
                           json.dumps(_wire([arabic[i] for i in members], dup_index, origin), ensure_ascii=False),
                           len(members)))
        member_rows.extend((sid, i) for i in ids)
    return story_rows, member_rows, line_rows


def _summary(quotes: list[tuple], limit: int = 6) -> list[dict]:
    """Attributed statements of the story: who said what, one per speaker, named people first, in time order."""
    seen, out = set(), []
    ordered = sorted(quotes, key=lambda q: (q[5] or "", q[0], q[6]))
    for doc_id, speaker, entity_id, content, kind, published, _ in sorted(ordered, key=lambda q: q[2] is None):
        if speaker in seen or len(content) < 20:
            continue
        seen.add(speaker)
        out.append({"text": content, "article_id": doc_id, "speaker": speaker, "date": published, "kind": kind})
        if len(out) >= limit:
            break
    return out


def _timeline(members, event_of: dict[str, str]) -> list[dict]:
    """One entry per article (copies under another URL once), dated by the day its lead reports, else by its
    publication date; `published` keeps the latter."""
    seen, out = set(), []
    for r in members:
        key = (r["published"], r["title"])
        if key in seen:
            continue
        seen.add(key)
        out.append({"date": event_of.get(r["id"]) or r["published"], "text": r["title"], "article_id": r["id"],
                    "published": r["published"]})
    out.sort(key=lambda e: (e["date"] or "9999", e["published"] or "9999", e["article_id"]))
    return out


def _framing(mentions: list[tuple]) -> list[dict]:
    """How each outlet describes each person: the titles and descriptors attached to their mentions."""
    agg: dict[tuple, dict] = {}
    for entity_id, canonical, outlet, descriptors in mentions:
        a = agg.setdefault((entity_id, outlet), {"entity_id": entity_id, "canonical": canonical, "outlet": outlet,
                                                 "descriptors": Counter(), "count": 0})
        a["count"] += 1
        for d in descriptors:                 # the title before the name, then appositions after it
            if d:
                a["descriptors"][d] += 1
    out = [{**a, "descriptors": [t for t, _ in a["descriptors"].most_common()]} for a in agg.values() if a["descriptors"]]
    out.sort(key=lambda a: (a["canonical"], a["outlet"] or ""))
    return out


def _wire(members, dup_index, origin) -> dict:
    """Wire provenance of a story: credited agencies, and for each text that several articles share, how many
    outlets ran it, from which agency, and how many added their own reporting ("7 outlets ran the same AFP
    text; 2 added their own reporting")."""
    agencies = Counter()
    for r in members:
        for a in json.loads(r["credits"] or "[]"):
            agencies[a] += 1
    ids = {r["id"] for r in members}
    by_id = {r["id"]: r for r in members}
    components = Components(ids)
    for i in ids:
        for o, kind in dup_index.get(i, []):
            if o in ids:
                components.union(i, o)
    texts = []
    for group in components.groups():
        if len(group) < 2:
            continue
        group.sort(key=lambda i: (by_id[i]["published"] or "9999", by_id[i]["rowid"]))
        source, copies = group[0], group[1:]
        votes = Counter(origin[i][1] for i in copies if i in origin and origin[i][1])
        agency = votes.most_common(1)[0][0] if votes else None
        added = sum(1 for i in copies if i in origin and origin[i][0] >= ADDED_REPORTING)
        outlets = sorted({by_id[i]["outlet"] for i in group if by_id[i]["outlet"]})
        texts.append({"source_article": source, "agency": agency, "articles": len(group), "outlets": len(outlets),
                      "outlet_names": outlets, "added_reporting": added,
                      "line": (f"{len(outlets)} outlets ran the same {agency or 'shared'} text; "
                               f"{added} added their own reporting" if len(outlets) > 1 else
                               f"{len(group)} copies of one text in {outlets[0] if outlets else 'one outlet'}")})
    texts.sort(key=lambda t: -t["articles"])
    copies = sum(t["articles"] for t in texts)
    return {"agencies": dict(agencies.most_common()), "articles_sharing_text": copies, "texts": texts}
