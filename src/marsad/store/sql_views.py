"""The corpus half of the shared SQL: the duplicate index's state, what the corpus stages read and write, and
the listings the query layer pages through. A mixin of `sql.SQLStore` (it uses that class's statement helpers).
"""

from __future__ import annotations

import json

from .base import DedupCandidate, DedupEntry, Filters
from .views import (CorpusDoc, DayTime, DuplicatePair, EntityView, MentionCount, Page, PersonMention, Provenance,
                    QuoteView, Story, StoredQuote, Storyline)

_DUP_COLUMNS = "d.a, d.b, d.kind, d.score, d.shared_chars, d.jaccard, d.a_in_b, d.b_in_a"
STORY_COLUMNS = ("s.id, s.title, s.first_seen, s.last_seen, s.storyline, s.outlets, s.summary, s.timeline, "
                  "s.framing, s.wire, s.n_articles, s.statements, s.frames")


def _marks(values: list) -> str:
    return ",".join("?" * len(values))


def chunks(values: list, size: int = 500):
    """(chunk, "?,?,…") pieces of a list, to keep `IN (…)` lists short."""
    for i in range(0, len(values), size):
        chunk = list(values[i:i + size])
        yield chunk, _marks(chunk)


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False)


class CorpusTables:
    """Methods of SQLStore that read and write the corpus views."""

    # -- the duplicate index -------------------------------------------------------------------------------------
    def dedup_pending(self) -> tuple[list[DedupEntry], list[DedupCandidate]]:
        """Of the documents stored, re-analysed or deleted since the index ran (dedup_todo): the index entries
        whose document is gone or has another body now, and the documents not indexed with their body."""
        stale = self._run("SELECT x.doc_id, x.key, x.body_hash, x.sort_key, d.rowid FROM dedup_todo t "
                          "JOIN dedup_index x ON x.doc_id = t.doc_id LEFT JOIN documents d ON d.id = x.doc_id "
                          "WHERE d.id IS NULL OR d.body_hash IS DISTINCT FROM x.body_hash ORDER BY x.key")
        fresh = self._run("SELECT d.id, d.rowid, d.body, d.published, d.body_hash FROM dedup_todo t "
                          "JOIN documents d ON d.id = t.doc_id LEFT JOIN dedup_index x ON x.doc_id = d.id "
                          "WHERE x.doc_id IS NULL OR d.body_hash IS DISTINCT FROM x.body_hash ORDER BY d.rowid")
        return ([DedupEntry(r[0], r[1], r[2], r[3], r[4] or 0) for r in stale],
                [DedupCandidate(*r) for r in fresh])

    def dedup_outdated(self, version: bytes) -> bool:
        if self._one("SELECT COUNT(*) FROM (SELECT 1 FROM dedup_index LIMIT 1) x") == 0:
            return False
        rows = self._run("SELECT data FROM dedup_state WHERE name = 'version'")
        return not rows or bytes(rows[0][0]) != version

    def dedup_load(self) -> tuple[dict[str, bytes], list[DedupEntry]]:
        state = {name: bytes(data) for name, data in self._run("SELECT name, data FROM dedup_state")}
        entries = [DedupEntry(r[0], r[1], r[2], r[3], r[4] or 0) for r in self._run(
            "SELECT x.doc_id, x.key, x.body_hash, x.sort_key, d.rowid FROM dedup_index x "
            "LEFT JOIN documents d ON d.id = x.doc_id ORDER BY x.key")]
        return state, entries

    def dedup_bodies(self, keys: list[int]) -> dict[int, str]:
        out: dict[int, str] = {}
        for chunk, marks in chunks(keys):
            out.update(self._run(f"SELECT x.key, d.body FROM dedup_index x JOIN documents d ON d.id = x.doc_id "
                                 f"WHERE x.key IN ({marks})", chunk))
        return out

    def dedup_remove(self, doc_ids: list[str]) -> set[str]:
        affected: set[str] = set()
        with self.transaction():
            for chunk, marks in chunks(doc_ids):
                affected.update(r[0] for r in self._run(
                    f"SELECT b FROM duplicates WHERE a IN ({marks}) "
                    f"UNION SELECT a FROM duplicates WHERE b IN ({marks})",
                    chunk + chunk))
                self._exec(f"DELETE FROM duplicates WHERE a IN ({marks}) OR b IN ({marks})", chunk + chunk)
                self._exec(f"DELETE FROM provenance WHERE doc_id IN ({marks})", chunk)
                self._exec(f"DELETE FROM dedup_index WHERE doc_id IN ({marks})", chunk)
        return affected - set(doc_ids)

    def dedup_retired(self, doc_ids: list[str]) -> dict[str, tuple[str, str]]:
        return {r[0]: (r[1], r[2]) for r in self._for_docs("SELECT doc_id, body_hash, body FROM dedup_retired",
                                                           doc_ids)}

    def dedup_save(self, entries: list[DedupEntry], pairs: list[DuplicatePair], state: dict[str, bytes],
                   drop: list[str] | None = None) -> None:
        with self.transaction():
            self._many("DELETE FROM dedup_state WHERE name = ?", [(name,) for name in drop or []])
            self._exec("DELETE FROM dedup_todo")
            self._exec("DELETE FROM dedup_retired")
            self._many("INSERT INTO dedup_index(doc_id, key, body_hash, sort_key) VALUES (?,?,?,?) ON CONFLICT(doc_id) "
                       "DO UPDATE SET key = excluded.key, body_hash = excluded.body_hash, sort_key = excluded.sort_key",
                       [(e.doc_id, e.key, e.body_hash, e.sort_key) for e in entries])
            self._many("INSERT INTO duplicates(a, b, kind, score, shared_chars, jaccard, a_in_b, b_in_a) "
                       "VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(a, b) DO UPDATE SET kind = excluded.kind, "
                       "score = excluded.score, shared_chars = excluded.shared_chars, jaccard = excluded.jaccard, "
                       "a_in_b = excluded.a_in_b, b_in_a = excluded.b_in_a",
                       [(p.a, p.b, p.kind, p.score, p.shared_chars, p.jaccard, p.a_in_b, p.b_in_a) for p in pairs])
            self._many("INSERT INTO dedup_state(name, data) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET "
                       "data = excluded.data", sorted(state.items()))

    def earlier_related(self, doc_ids: list[str]) -> list[tuple[str, str]]:
        return self._pairs_of("b", doc_ids)

    def later_related(self, doc_ids: list[str]) -> list[tuple[str, str]]:
        return self._pairs_of("a", doc_ids)

    def _pairs_of(self, side: str, doc_ids: list[str]) -> list[tuple[str, str]]:
        """(a, b) duplicate pairs with one of these documents as `side`, by that document."""
        other = "a" if side == "b" else "b"
        return [(a, b) for a, b in self._for_docs("SELECT a, b FROM duplicates", doc_ids,
                                                  order=f"ORDER BY {side}, {other}", column=side)]

    def provenance_inputs(self, doc_ids: list[str]) -> list[CorpusDoc]:
        out = []
        for chunk, marks in chunks(doc_ids):
            out += [CorpusDoc(r[0], r[1], None, r[2], None, r[3], r[4], None, json.loads(r[5] or "[]"), r[6])
                    for r in self._run("SELECT id, rowid, body, published, outlet, credits, dateline_agency "
                                       f"FROM documents WHERE id IN ({marks}) ORDER BY rowid", chunk)]
        return out

    def put_provenance(self, doc_ids: list[str], rows: list[Provenance]) -> None:
        with self.transaction():
            self._many("DELETE FROM provenance WHERE doc_id = ?", [(d,) for d in doc_ids])
            self._many("INSERT INTO provenance(doc_id, originality, agency, sources, paragraphs) VALUES (?,?,?,?,?)",
                       [(p.article_id, p.originality, p.agency, _dumps(p.sources), json.dumps(p.paragraphs))
                        for p in rows])

    # -- what the corpus stages read -----------------------------------------------------------------------------
    def corpus_documents(self, upto: int, after: int = 0) -> list[CorpusDoc]:
        return [CorpusDoc(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], json.loads(r[8] or "[]")) for r in self._run(
            "SELECT id, rowid, title, body, body_hash, published, outlet, lang, credits FROM documents "
            "WHERE rowid <= ? AND rowid > ? ORDER BY rowid", (upto, after))]

    def documents_by_id(self, doc_ids: list[str]) -> list[CorpusDoc]:
        rows = self._for_docs("SELECT id, rowid, title, body, body_hash, published, outlet, lang, credits "
                              "FROM documents", doc_ids, column="id")
        return [CorpusDoc(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], json.loads(r[8] or "[]"))
                for r in sorted(rows, key=lambda r: r[1])]

    def _for_docs(self, select: str, doc_ids: list[str] | None, cond: str = "", order: str = "",
                  column: str = "doc_id") -> list:
        """Rows of `select` for the given documents, a chunk of ids at a time (rows come ordered within a chunk),
        or for every document when doc_ids is None."""
        if doc_ids is None:
            return self._run(f"{select} {'WHERE ' + cond if cond else ''} {order}")
        out = []
        for chunk, marks in chunks(sorted(set(doc_ids))):
            out += self._run(f"{select} WHERE {column} IN ({marks}) {'AND ' + cond if cond else ''} {order}", chunk)
        return out

    def all_duplicates(self, doc_ids: list[str] | None = None) -> list[DuplicatePair]:
        if doc_ids is None:
            return [DuplicatePair(*r) for r in self._run(f"SELECT {_DUP_COLUMNS} FROM duplicates d ORDER BY d.a, d.b")]
        rows = (self._for_docs(f"SELECT {_DUP_COLUMNS} FROM duplicates d", doc_ids, column="d.a")
                + self._for_docs(f"SELECT {_DUP_COLUMNS} FROM duplicates d", doc_ids, column="d.b"))
        return [DuplicatePair(*r) for r in sorted({(r[0], r[1]): r for r in rows}.values())]

    def originality(self, doc_ids: list[str] | None = None) -> dict[str, tuple[float, str | None]]:
        if doc_ids is None:
            return {r[0]: (r[1], r[2]) for r in self._run("SELECT doc_id, originality, agency FROM provenance")}
        return {r[0]: (r[1], r[2]) for r in self._for_docs("SELECT doc_id, originality, agency FROM provenance",
                                                            doc_ids)}

    def mention_counts(self, entity_ids: list[str] | None = None, docs: tuple[int, int] | None = None,
                       doc_ids: list[str] | None = None) -> list[MentionCount]:
        group = ("GROUP BY m.entity_id, m.type, m.canonical, m.name, m.title, d.outlet "
                 "ORDER BY m.entity_id NULLS FIRST, m.type NULLS FIRST, m.canonical NULLS FIRST, m.name NULLS FIRST, "
                 "m.title NULLS FIRST, d.outlet NULLS FIRST")
        select = ("SELECT m.entity_id, m.type, m.canonical, m.name, m.title, d.outlet, COUNT(*) FROM mentions m "
                  "JOIN documents d ON d.id = m.doc_id")
        if docs is not None:
            rows = self._run(f"{select} WHERE d.rowid > ? AND d.rowid <= ? {group}", docs)
        elif doc_ids is not None:
            rows = self._for_docs(select, doc_ids, "", group, column="m.doc_id")
        else:
            rows = self._for_docs(select, entity_ids, "", group, column="m.entity_id")
        return [MentionCount(*r[:6], int(r[6])) for r in rows]

    def entity_counts(self, entity_ids: list[str] | None = None, docs: tuple[int, int] | None = None,
                      doc_ids: list[str] | None = None) -> dict[str, tuple[int, int]]:
        """Each entity's mentions and articles: of the entities given, of the documents stored in the `docs` range,
        or of the documents given (summed over chunks of them: a document is in one chunk)."""
        if docs is not None:
            rows = self._run("SELECT m.entity_id, COUNT(*), COUNT(DISTINCT m.doc_id) FROM mentions m JOIN documents d "
                             "ON d.id = m.doc_id WHERE d.rowid > ? AND d.rowid <= ? GROUP BY m.entity_id", docs)
        elif doc_ids is not None:
            rows = self._for_docs("SELECT entity_id, COUNT(*), COUNT(DISTINCT doc_id) FROM mentions", doc_ids, "",
                                  "GROUP BY entity_id")
        else:
            rows = self._for_docs("SELECT entity_id, COUNT(*), COUNT(DISTINCT doc_id) FROM mentions", entity_ids, "",
                                  "GROUP BY entity_id", column="entity_id")
        out: dict[str, tuple[int, int]] = {}
        for e, n, d in rows:
            before = out.get(e, (0, 0))
            out[e] = (before[0] + int(n), before[1] + int(d))
        return out

    def count_changes(self) -> tuple[list[MentionCount], dict[str, tuple[int, int]]]:
        """What re-analysed and deleted documents took off the entity table's counts since it last ran: by its rows,
        and each entity's mentions and articles (negative)."""
        rows = self._run("SELECT entity_id, type, canonical, name, title, outlet, mentions FROM entity_count_changes "
                         "ORDER BY entity_id, type, canonical, name, title, outlet")
        totals = self._run("SELECT entity_id, mentions, articles FROM entity_total_changes")
        return ([MentionCount(r[0], *(v or None for v in r[1:6]), int(r[6])) for r in rows],
                {r[0]: (int(r[1]), int(r[2])) for r in totals})

    def redone_documents(self) -> list[str]:
        """Documents the entity table had counted that were analysed again since: their mentions are new to it."""
        return [r[0] for r in self._run("SELECT doc_id FROM entities_redo ORDER BY doc_id")]

    def speaker_entities(self, docs: tuple[int, int], doc_ids: list[str]) -> set[str]:
        """The entities that speak in these documents (the `docs` range and those given)."""
        rows = self._run("SELECT DISTINCT q.speaker_entity_id FROM quotes q JOIN documents d ON d.id = q.doc_id "
                         "WHERE d.rowid > ? AND d.rowid <= ? AND q.speaker_entity_id IS NOT NULL", docs)
        rows += self._for_docs("SELECT DISTINCT speaker_entity_id FROM quotes", doc_ids,
                               "speaker_entity_id IS NOT NULL")
        return {r[0] for r in rows}

    def counted_mentions(self, entity_ids: list[str]) -> list[MentionCount]:
        rows = self._for_docs("SELECT entity_id, type, canonical, name, title, outlet, mentions FROM entity_counts",
                              entity_ids, "", "ORDER BY entity_id, type, canonical, name, title, outlet",
                              column="entity_id")
        return [MentionCount(r[0], *(v or None for v in r[1:6]), int(r[6])) for r in rows]

    def entity_totals(self, entity_ids: list[str]) -> dict[str, tuple[int, int]]:
        return {r[0]: (int(r[1]), int(r[2])) for r in self._for_docs(
            "SELECT entity_id, mentions, articles FROM entities", entity_ids, column="entity_id")}

    def entities_mark(self) -> int:
        return int(self._meta("entities_rowid") or 0)

    def stored_quotes(self, doc_ids: list[str] | None = None) -> list[StoredQuote]:
        rows = self._for_docs("SELECT doc_id, speaker, speaker_entity_id, content, kind, start, rowid FROM quotes",
                              doc_ids)
        return [StoredQuote(*r[:6]) for r in sorted(rows, key=lambda r: r[6])]

    def person_mentions(self, doc_ids: list[str] | None = None) -> list[PersonMention]:
        rows = self._for_docs("SELECT doc_id, entity_id, canonical, title, descriptors, rowid FROM mentions",
                              doc_ids, "type = 'PER'")
        return [PersonMention(r[0], r[1], r[2], r[3], json.loads(r[4] or "[]"))
                for r in sorted(rows, key=lambda r: r[5])]

    def entity_mentions(self, doc_ids: list[str]) -> list[tuple[str, str, str]]:
        """(document, type, corpus name) of every linked mention of the documents, in text order (a bare given
        name left unresolved, with no entity id, is no one's and is left out)."""
        return [(r[0], r[1], r[2]) for r in self._for_docs(
            "SELECT doc_id, type, canonical FROM mentions", doc_ids, "canonical IS NOT NULL AND entity_id IS NOT NULL",
            "ORDER BY doc_id, start")]

    def day_times(self, doc_ids: list[str] | None = None) -> list[DayTime]:
        rows = self._for_docs('SELECT doc_id, start, "end", text, value, type, rowid FROM times', doc_ids,
                              "type IN ('date', 'time') AND value IS NOT NULL", "ORDER BY doc_id, start, rowid")
        return [DayTime(*r[:6]) for r in rows]

    # -- what the corpus stages write ----------------------------------------------------------------------------
    def write_entities(self, entities: list[EntityView], only: list[str] | None = None,
                       counts: list[MentionCount] | None = None, mark: int | None = None) -> None:
        with self.transaction():
            if only is None:
                self._exec("DELETE FROM entities")
            else:
                self._many("DELETE FROM entities WHERE entity_id = ?", [(e,) for e in only])
            # listings order by articles, mentions, name and id: the `position` column is no longer written
            self._many("INSERT INTO entities(entity_id, canonical, type, aliases, titles, mentions, articles, "
                       "titles_by_outlet) VALUES (?,?,?,?,?,?,?,?)",
                       [(e.entity_id, e.canonical, e.type, _dumps(e.aliases), _dumps(e.titles), e.mentions, e.articles,
                         _dumps(e.titles_by_outlet)) for e in entities])
            self._write_counts(only, counts or [])
            self._set_meta("entities_version", str(int(self._meta("entities_version") or 0) + 1))
            if mark is not None:
                self._set_meta("entities_rowid", str(mark))
            # a quote's speaker goes by the corpus's name for the entity (the article's own spelling stays in
            # speaker_text), so one person's statements read under one name across outlets
            speaker = ("UPDATE quotes SET speaker = e.canonical FROM entities e WHERE e.entity_id = "
                       "quotes.speaker_entity_id AND quotes.speaker IS DISTINCT FROM e.canonical")
            if only is None:
                self._exec(speaker)
            else:
                self._many(f"{speaker} AND e.entity_id = ?", [(e,) for e in only])
            for table in ("entities_touched", "entity_count_changes", "entity_total_changes", "entities_redo"):
                self._exec(f"DELETE FROM {table}")
            self._set_meta("entities_rebuild", "0")

    def _write_counts(self, only: list[str] | None, counts: list[MentionCount]) -> None:
        """The entity table's counts by name, title and outlet: all of them, or those of the entities `only` lists
        (every row of `counts` is one of theirs) written where they changed. Why not delete and insert them all: a
        batch touches the entities it names, the largest with hundreds of rows, and over the 100,000-article store
        27,501 of the 39,927 rows a batch of 1,000 rewrote were unchanged, each in an index page of its own."""
        new = {(c.entity_id, c.type or "", c.canonical or "", c.name or "", c.title or "", c.outlet or ""): c.count
               for c in counts if c.entity_id is not None}
        old: dict[tuple, int] = {}
        if only is None:
            self._exec("DELETE FROM entity_counts")
        else:
            old = {tuple(r[:6]): r[6] for r in self._for_docs(
                "SELECT entity_id, type, canonical, name, title, outlet, mentions FROM entity_counts", only,
                column="entity_id")}
            self._many("DELETE FROM entity_counts WHERE entity_id = ? AND type = ? AND canonical = ? AND name = ? AND "
                       "title = ? AND outlet = ?", [k for k in old if k not in new])
        self._many("INSERT INTO entity_counts(entity_id, type, canonical, name, title, outlet, mentions) "
                   "VALUES (?,?,?,?,?,?,?) ON CONFLICT(entity_id, type, canonical, name, title, outlet) DO UPDATE "
                   "SET mentions = excluded.mentions", [(*k, n) for k, n in new.items() if old.get(k) != n])

    def entities_version(self) -> str:
        return self._meta("entities_version") or "0"

    # -- listings ------------------------------------------------------------------------------------------------
    def _page(self, select: str, where: str, args: list, order: str, limit: int, offset: int) -> tuple[list, int]:
        total = int(self._one(f"SELECT COUNT(*) {where}", args))
        return self._run(f"{select} {where} ORDER BY {order} LIMIT ? OFFSET ?", args + [limit, offset]), total

    def _stories_of(self, rows: list) -> list[Story]:
        ids = [r[0] for r in rows]
        members: dict[str, list[str]] = {i: [] for i in ids}
        for chunk, marks in chunks(ids):
            for sid, doc in self._run(
                    "SELECT sa.story_id, sa.doc_id FROM story_articles sa JOIN documents d ON d.id = sa.doc_id "
                    f"WHERE sa.story_id IN ({marks}) ORDER BY sa.story_id, d.published NULLS FIRST, d.id",
                    chunk):
                members[sid].append(doc)
        return [Story(r[0], r[1], members[r[0]], json.loads(r[5]), r[2], r[3], r[4], json.loads(r[6]),
                      json.loads(r[7]), json.loads(r[8]), json.loads(r[9] or "{}"), int(r[10]),
                      json.loads(r[11] or "[]"), json.loads(r[12] or "{}")) for r in rows]

    def stories(self, filters: Filters, entity_ids: list[str] | None = None, storyline: str | None = None,
                limit: int = 50, offset: int = 0) -> Page:
        where, args = "FROM stories s WHERE 1 = 1", []
        if filters.since:
            where += " AND s.last_seen >= ?"
            args.append(filters.since)
        if filters.until:
            where += " AND s.first_seen <= ?"
            args.append(filters.until)
        if filters.outlet:
            where += (" AND EXISTS (SELECT 1 FROM story_articles sa JOIN documents d ON d.id = sa.doc_id "
                      "WHERE sa.story_id = s.id AND d.outlet = ?)")
            args.append(filters.outlet)
        if entity_ids is not None:
            if not entity_ids:
                return Page([], 0, limit, offset)
            where += (" AND s.id IN (SELECT sa.story_id FROM mentions m JOIN story_articles sa ON sa.doc_id = m.doc_id "
                      f"WHERE m.entity_id IN ({_marks(entity_ids)}))")
            args += entity_ids
        if storyline:
            where += " AND s.storyline = ?"
            args.append(storyline)
        rows, total = self._page(f"SELECT {STORY_COLUMNS}", where, args,
                                 "s.n_articles DESC, s.first_seen NULLS FIRST, s.position", limit, offset)
        return Page(self._stories_of(rows), total, limit, offset)

    def story(self, story_id: str) -> Story | None:
        rows = self._run(f"SELECT {STORY_COLUMNS} FROM stories s WHERE s.id = ?", (story_id,))
        return self._stories_of(rows)[0] if rows else None

    def storylines(self, limit: int = 50, offset: int = 0) -> Page:
        rows, total = self._page("SELECT id, title, first_seen, last_seen, stories, frames", "FROM storylines", [],
                                 "stories DESC, position", limit, offset)
        return Page([Storyline(*r[:4], int(r[4]), json.loads(r[5] or "{}")) for r in rows], total, limit, offset)

    def entities(self, type_: str | None = None, entity_ids: list[str] | None = None, limit: int = 50,
                 offset: int = 0) -> Page:
        where, args = "FROM entities WHERE 1 = 1", []
        if type_:
            where += " AND type = ?"
            args.append(type_)
        if entity_ids is not None:
            if not entity_ids:
                return Page([], 0, limit, offset)
            where += f" AND entity_id IN ({_marks(entity_ids)})"
            args += entity_ids
        rows, total = self._page("SELECT entity_id, canonical, type, aliases, titles, mentions, articles, "
                                 "titles_by_outlet", where, args, "articles DESC, mentions DESC, canonical, entity_id",
                                 limit, offset)
        return Page([EntityView(r[0], r[1], r[2], json.loads(r[3]), json.loads(r[4]), int(r[5]), int(r[6]),
                                json.loads(r[7] or "{}")) for r in rows], total, limit, offset)

    def entity_names(self) -> list[tuple[str, str, list[str]]]:
        return [(r[0], r[1], json.loads(r[2])) for r in self._run(
            "SELECT entity_id, canonical, aliases FROM entities "
            "ORDER BY articles DESC, mentions DESC, canonical, entity_id")]

    def quotes(self, filters: Filters, entity_ids: list[str] | None = None, speaker: str | None = None,
               story: str | None = None, limit: int = 50, offset: int = 0) -> Page:
        fsql, args = self._filter_sql(filters)
        where = "FROM quotes q JOIN documents d ON d.id = q.doc_id WHERE 1 = 1" + fsql
        who = []
        if entity_ids:
            who.append(f"q.speaker_entity_id IN ({_marks(entity_ids)})")
            args += entity_ids
        if speaker is not None:
            who.append("q.speaker = ?")
            args.append(speaker)
        if who:
            where += " AND (" + " OR ".join(who) + ")"
        if story:
            where += " AND q.doc_id IN (SELECT doc_id FROM story_articles WHERE story_id = ?)"
            args.append(story)
        rows, total = self._page('SELECT q.doc_id, q.speaker, q.speaker_entity_id, q.speaker_text, q.cue, q.kind, '
                                 'q.content, q.start, q."end", q.via, d.outlet, d.published, q.why', where, args,
                                 "d.published NULLS FIRST, q.doc_id, q.start, q.rowid", limit, offset)
        return Page([QuoteView(*r[:-1], why=r[-1]) for r in rows], total, limit, offset)

    def duplicates(self, kind: str | None = None, article: str | None = None, limit: int = 1000,
                   offset: int = 0) -> Page:
        where = "FROM duplicates d LEFT JOIN documents x ON x.id = d.a LEFT JOIN documents y ON y.id = d.b WHERE 1 = 1"
        args: list = []
        if kind:
            where += " AND d.kind = ?"
            args.append(kind)
        if article:
            where += " AND (d.a = ? OR d.b = ?)"
            args += [article, article]
        rows, total = self._page(f"SELECT {_DUP_COLUMNS}, x.outlet, y.outlet", where, args,
                                 "x.published NULLS FIRST, d.a, d.b", limit, offset)
        return Page([DuplicatePair(*r) for r in rows], total, limit, offset)
