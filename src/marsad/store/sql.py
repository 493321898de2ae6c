"""What SQLite and PostgreSQL share: the store's SQL, written once.

The statements are plain SQL both engines read alike (`ON CONFLICT … DO NOTHING/UPDATE`, `RETURNING`,
`IS DISTINCT FROM`, `NULLS FIRST`), with `?` placeholders that the PostgreSQL backend rewrites. Where the
engines differ (connections and transactions, locks, the search index, a few functions) a backend fills in a
hook. Text that is ordered by is compared byte-wise on both (SQLite's default, `COLLATE "C"` columns in
PostgreSQL), and every order is total, so the two backends list the same things in the same order.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from urllib.parse import quote, unquote

from ..arabic.segment import paragraphs
from ..arabic.hashes import LONG_LINE_WORDS
from ..document import Comment, Dateline, Entity, InputError, Line, Quote, TimeExpr
from .base import Filters, Store, StoredInput
from .records import DOC_COLUMNS, MENTION_COLUMNS, QUOTE_COLUMNS, TIME_COLUMNS, Record, unpack_raw
from .sql_browse import BrowseTables
from .sql_links import LinkTables
from .sql_stories import StoryTables
from .sql_views import CorpusTables, chunks
from .search import Query, highlight_terms, snippet_marked
from .views import ArticleRef, ErrorRecord, Page, Provenance, SearchHit, StoredDocument

_DOC_SELECT = ("SELECT rowid, id, source, format, encoding, outlet, title, url, published, published_source, "
               "dateline_place, dateline_agency, credits, byline, lang, body, comments, lines, errors FROM documents")
MAX_ERROR_TEXT = 400      # characters of an error's source and message kept (an index entry stays small)
BATCH = 500               # documents read at a time


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _json(text: str | None, default):
    return json.loads(text) if text else default


def _url_forms(key: str) -> list[str]:
    """The forms one page's address is written in: http or https or none, a last slash or not."""
    if "/" not in key or " " in key:
        return [key]
    bare = key.split("://", 1)[1] if "://" in key else key
    forms = [key]
    for scheme in ("https://", "http://", ""):
        for tail in ("", "/"):
            forms.append(scheme + bare.rstrip("/") + tail)
    return list(dict.fromkeys(forms))


class SQLStore(BrowseTables, StoryTables, LinkTables, CorpusTables, Store):
    """The shared implementation; a backend provides the connection hooks and the search index."""

    GREATEST = "max"             # the two-argument maximum

    # -- hooks ---------------------------------------------------------------------------------------------
    def _cursor(self) -> AbstractContextManager:
        """A DB-API cursor in this thread's transaction when one is open, else one that commits each statement."""
        raise NotImplementedError

    def _sql(self, sql: str) -> str:
        return sql

    def _lock_writer(self) -> None:
        """Serialize the commits that add documents, so that ingestion order (rowid) is commit order."""

    def _index_search(self, stored: list[tuple[Record, int]]) -> None:
        raise NotImplementedError

    def _unindex_search(self, pairs: list[tuple[str, int]]) -> None:
        raise NotImplementedError

    # -- statement helpers -----------------------------------------------------------------------------------
    def _run(self, sql: str, params: Iterable = ()) -> list[tuple]:
        with self._cursor() as cur:
            cur.execute(self._sql(sql), tuple(params))
            return cur.fetchall() if cur.description else []

    def _exec(self, sql: str, params: Iterable = ()) -> int:
        with self._cursor() as cur:
            cur.execute(self._sql(sql), tuple(params))
            return cur.rowcount

    def _many(self, sql: str, rows: Iterable) -> None:
        """`rows` may be a generator: a large write then never holds all its rows at once."""
        if rows:
            with self._cursor() as cur:
                cur.executemany(self._sql(sql), rows)

    def _one(self, sql: str, params: Iterable = ()):
        rows = self._run(sql, params)
        return rows[0][0] if rows else None

    def _meta(self, key: str) -> str | None:
        return self._one("SELECT value FROM meta WHERE key = ?", (key,))

    def _set_meta(self, key: str, value: str) -> None:
        self._exec("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                   (key, value))

    # -- runs and errors -------------------------------------------------------------------------------------
    def start_run(self, command: str, args: dict) -> int:
        with self.transaction():
            return self._run("INSERT INTO runs(command, args, started_at, status) VALUES (?,?,?, 'running') "
                             "RETURNING id", (command, json.dumps(args, ensure_ascii=False, default=str), now()))[0][0]

    def finish_run(self, run_id: int, *, added: int, skipped: int, failed: int, status: str) -> None:
        with self.transaction():
            self._exec("UPDATE runs SET finished_at=?, added=?, skipped=?, failed=?, status=? WHERE id=?",
                       (now(), added, skipped, failed, status, run_id))

    def close_stale_runs(self, alive) -> int:
        stale = [rid for rid, args in self._run("SELECT id, args FROM runs WHERE status='running'", ())
                 if not alive(json.loads(args or "{}"))]
        closed = 0
        with self.transaction():
            for rid in stale:             # a run that finished meanwhile keeps what it wrote itself
                closed += self._exec(
                    "UPDATE runs SET status='interrupted', finished_at=?, "
                    "added=(SELECT COUNT(*) FROM documents WHERE run_id=?), "
                    "failed=(SELECT COUNT(DISTINCT source) FROM errors WHERE run_id=? AND kind='error') "
                    "WHERE id=? AND status='running'", (now(), rid, rid, rid))
        return closed

    def add_errors(self, errors, run_id: int | None = None) -> None:
        with self.transaction():
            self._insert_errors(list(errors), run_id)

    def _insert_errors(self, errors: list, run_id: int | None) -> None:
        stamp = now()
        rows = []
        for e in errors:
            if isinstance(e, InputError):
                source, message, locator, raw, size, kind = e.source, e.message, e.locator, e.raw, e.size, "error"
            else:
                (source, message, locator, kind), raw, size = e, None, None
            sha = hashlib.sha256(raw).hexdigest() if raw is not None else None
            rows.append((source[:MAX_ERROR_TEXT], (locator or "")[:MAX_ERROR_TEXT], message[:MAX_ERROR_TEXT], kind,
                         size if size is not None else (len(raw) if raw else None), sha, raw, stamp, stamp, run_id))
        self._many("INSERT INTO errors(source, locator, message, kind, size, raw_sha256, raw, first_seen, last_seen, "
                   "run_id) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT(source, locator, message) DO UPDATE SET "
                   "last_seen=excluded.last_seen, run_id=excluded.run_id", rows)

    def errors(self, limit: int = 1000, offset: int = 0) -> list[ErrorRecord]:
        rows = self._run("SELECT source, locator, message, kind, size, raw_sha256, raw IS NOT NULL, first_seen, "
                         "last_seen FROM errors ORDER BY id LIMIT ? OFFSET ?", (limit, offset))
        return [ErrorRecord(r[0], r[1], r[2], r[3], r[4], r[5], int(r[6]), r[7], r[8]) for r in rows]

    # -- documents in ----------------------------------------------------------------------------------------
    def known_ids(self, ids: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for chunk, marks in chunks(list(ids)):
            found.update(r[0] for r in self._run(f"SELECT id FROM documents WHERE id IN ({marks})", chunk))
        return found

    def add_records(self, records: list[Record], run_id: int | None = None,
                    failures: list[InputError] | None = None) -> list[str]:
        notes: list = list(failures or [])
        with self.transaction():
            self._lock_writer()
            stored = self._insert_documents(records, run_id, now())
            self._dedup_todo([r.id for r, _ in stored])
            for r, _ in stored:
                notes.extend(r.notes)
            self._bulk("raw", ("doc_id", "codec", "size", "bytes"),
                       [(r.id, r.raw_codec, r.raw_size, r.raw_bytes) for r, _ in stored])
            self._insert_analysis(stored)
            if notes:
                self._insert_errors(notes, run_id)
        return [r.id for r, _ in stored]

    def _insert_documents(self, records: list[Record], run_id: int | None, stamp: str) -> list[tuple[Record, int]]:
        """Insert the documents not stored yet; returns them with their ingestion number (rowid)."""
        insert = (f"INSERT INTO documents({', '.join(DOC_COLUMNS)}, run_id, ingested_at) VALUES "
                  f"({', '.join('?' * (len(DOC_COLUMNS) + 2))}) ON CONFLICT(id) DO NOTHING RETURNING rowid")
        stored = []
        for r in records:
            rows = self._run(insert, r.row() + (run_id, stamp))
            if rows:
                stored.append((r, rows[0][0]))
        return stored

    def _dedup_todo(self, doc_ids: list[str]) -> None:
        """Documents stored, re-analysed or deleted: the duplicate index looks at them when it next runs."""
        self._many("INSERT INTO dedup_todo(doc_id) VALUES (?) ON CONFLICT(doc_id) DO NOTHING", [(d,) for d in doc_ids])

    def _bulk(self, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        """Insert many rows into a table (PostgreSQL copies them in)."""
        if rows:
            names = ", ".join(f'"{c}"' for c in columns)
            self._many(f"INSERT INTO {table}({names}) VALUES ({', '.join('?' * len(columns))})", rows)

    def _insert_analysis(self, stored: list[tuple[Record, int]]) -> None:
        """Spans and search terms of documents whose row exists: the one writer of these tables for new and
        re-analysed documents alike."""
        self._bulk("mentions", ("doc_id",) + MENTION_COLUMNS, [(r.id, *m) for r, _ in stored for m in r.mentions])
        self._bulk("quotes", ("doc_id",) + QUOTE_COLUMNS, [(r.id, *q) for r, _ in stored for q in r.quotes])
        self._bulk("times", ("doc_id",) + TIME_COLUMNS, [(r.id, *t) for r, _ in stored for t in r.times])
        self._index_search(stored)

    def _clear_analysis(self, pairs: list[tuple[str, int]]) -> None:
        self._unlink_docs([d for d, _ in pairs])
        for table in ("mentions", "quotes", "times"):
            self._many(f"DELETE FROM {table} WHERE doc_id = ?", [(d,) for d, _ in pairs])
        self._unindex_search(pairs)

    def replace_records(self, records: list[Record], keep_indexed: bool = True) -> int:
        stored: list[tuple[Record, int]] = []
        columns = DOC_COLUMNS[1:]
        with self.transaction():
            if keep_indexed:
                self._retire_indexed([(r.id, r.fields["body_hash"]) for r in records])
            self._uncount_docs([r.id for r in records], again=True)
            self._unrole_docs([r.id for r in records])
            for r in records:
                rows = self._run(f"UPDATE documents SET {', '.join(c + '=?' for c in columns)} WHERE id=? "
                                 "RETURNING rowid", r.row()[1:] + (r.id,))
                if rows:
                    stored.append((r, rows[0][0]))
            self._dedup_todo([r.id for r, _ in stored])
            self._clear_analysis([(r.id, seq) for r, seq in stored])
            self._insert_analysis(stored)
        return len(stored)

    def _retire_indexed(self, changes: list[tuple[str, str | None]]) -> None:
        """Keep the indexed text of documents whose body is about to change (to this body hash; None: deleted), so
        the duplicate index can take exactly that text back out (dedup/persist.py). The first text kept stays:
        a document re-cleaned twice before the index runs was indexed with the first."""
        self._many("INSERT INTO dedup_retired(doc_id, body_hash, body) SELECT d.id, d.body_hash, d.body "
                   "FROM documents d JOIN dedup_index x ON x.doc_id = d.id WHERE d.id = ? "
                   "AND d.body_hash = x.body_hash AND d.body_hash IS DISTINCT FROM ? "
                   "ON CONFLICT(doc_id) DO NOTHING", changes)

    def delete_documents(self, ids: list[str]) -> int:
        with self.transaction():
            found: list[tuple[str, int]] = []
            for chunk, marks in chunks(ids):
                found += [(r[0], r[1]) for r in self._run(f"SELECT id, rowid FROM documents WHERE id IN ({marks})",
                                                          chunk)]
            self._retire_indexed([(d, None) for d, _ in found])
            self._dedup_todo([d for d, _ in found])
            self._uncount_docs([d for d, _ in found], again=False)
            self._unrole_docs([d for d, _ in found])
            self._clear_analysis(found)
            stories = self.stories_of_docs([d for d, _ in found])
            for table in ("raw", "story_articles"):
                self._many(f"DELETE FROM {table} WHERE doc_id = ?", [(d,) for d, _ in found])
            self._many("DELETE FROM documents WHERE id = ?", [(d,) for d, _ in found])
            self._forget_story_articles(sorted(set(stories.values())))
        return len(found)

    # -- documents out ---------------------------------------------------------------------------------------
    def _stored(self, row: tuple, spans: dict | None) -> StoredDocument:
        (seq, did, source, fmt, enc, outlet, title, url, published, psource, dplace, dagency, credits, byline, lang,
         body, comments, lines, errors) = row
        doc = StoredDocument(
            did, seq, source, fmt, enc, outlet, title, url, published, psource,
            Dateline(dplace, dagency) if dplace or dagency else None, _json(credits, []), byline, lang, body,
            [Comment(**c) for c in _json(comments, [])], [Line(ln[0], ln[1]) for ln in _json(lines, [])],
            [e["message"] for e in _json(errors, [])], spans=spans is not None)
        if spans is not None:
            doc.entities, doc.quotes, doc.times = (spans[k].get(did, []) for k in ("entities", "quotes", "times"))
        return doc

    def _spans(self, ids: list[str]) -> dict:
        out: dict = {"entities": {}, "quotes": {}, "times": {}}
        for chunk, marks in chunks(ids):
            for r in self._run('SELECT doc_id, text, start, "end", type, name, title, canonical, entity_id, source, '
                               f"descriptors FROM mentions WHERE doc_id IN ({marks}) ORDER BY doc_id, start, rowid",
                               chunk):
                out["entities"].setdefault(r[0], []).append(Entity(*r[1:10], descriptors=_json(r[10], [])))
            for r in self._run('SELECT doc_id, speaker, speaker_entity_id, speaker_text, cue, kind, content, start, '
                               f'"end", via, why FROM quotes WHERE doc_id IN ({marks}) '
                               'ORDER BY doc_id, start, rowid', chunk):
                out["quotes"].setdefault(r[0], []).append(Quote(*r[1:]))
            for r in self._run('SELECT doc_id, text, start, "end", value, type, anchor, consistent FROM times '
                               f"WHERE doc_id IN ({marks}) ORDER BY doc_id, start, rowid", chunk):
                out["times"].setdefault(r[0], []).append(
                    TimeExpr(*r[1:7], consistent=None if r[7] is None else bool(r[7])))
        return out

    def document(self, doc_id: str) -> StoredDocument | None:
        rows = self._run(_DOC_SELECT + " WHERE id = ?", (doc_id,))
        return self._stored(rows[0], self._spans([doc_id])) if rows else None

    def iter_documents(self, spans: bool = True, outlet: str | None = None) -> Iterator[StoredDocument]:
        last = 0
        while True:
            rows = self._run(_DOC_SELECT + " WHERE rowid > ?" + (" AND outlet = ?" if outlet else "") +
                             " ORDER BY rowid LIMIT ?", (last, outlet, BATCH) if outlet else (last, BATCH))
            if not rows:
                return
            found = self._spans([r[1] for r in rows]) if spans else None
            for r in rows:
                yield self._stored(r, found)
            last = rows[-1][0]

    def document_ids(self, outlet: str | None = None) -> list[str]:
        if outlet:
            return [r[0] for r in self._run("SELECT id FROM documents WHERE outlet = ? ORDER BY rowid", (outlet,))]
        return [r[0] for r in self._run("SELECT id FROM documents ORDER BY rowid")]

    def articles(self, ids: list[str]) -> list[ArticleRef]:
        out = []
        for chunk, marks in chunks(ids):
            out += [ArticleRef(*r) for r in self._run(
                f"SELECT id, title, outlet, published FROM documents WHERE id IN ({marks})", chunk)]
        out.sort(key=lambda a: (a.published is not None, a.published or "", a.id))
        return out

    def resolve_id(self, prefix: str) -> str | None:
        key = (prefix or "").strip()
        low = key.lower()
        if low and all(c in "0123456789abcdef" for c in low):
            rows = self._run("SELECT id FROM documents WHERE id >= ? AND id < ? ORDER BY id LIMIT 2",
                             (low, low + "g"))
            if rows:
                return rows[0][0] if len(rows) == 1 else None
        return self._by_source(key) if key else None

    def _by_source(self, key: str) -> str | None:
        """The one article whose source id (a JSON Lines record's id, a file path) or URL is `key`; a URL may be
        given as the browser shows it or percent-encoded, with http or https or no scheme, with or without its
        last slash."""
        keys = list(dict.fromkeys(k for u in _url_forms(key) for k in (u, unquote(u), quote(u, safe=":/?&=#%+@,;~"))))
        marks = ", ".join("?" * len(keys))
        rows = self._run(f"SELECT id FROM documents WHERE source IN ({marks}) UNION "
                         f"SELECT id FROM documents WHERE url IN ({marks}) LIMIT 2", (*keys, *keys))
        return rows[0][0] if len(rows) == 1 else None

    def raw_bytes(self, doc_id: str) -> bytes:
        rows = self._run("SELECT codec, bytes FROM raw WHERE doc_id = ?", (doc_id,))
        if not rows:
            raise KeyError(doc_id)
        return unpack_raw(rows[0][0], rows[0][1])

    def stored_input(self, doc_id: str) -> StoredInput:
        rows = self._run("SELECT source, format, locator, hints, published, published_source, outlet, outlet_source "
                         "FROM documents WHERE id = ?", (doc_id,))
        if not rows:
            raise KeyError(doc_id)
        r = rows[0]
        return StoredInput(self.raw_bytes(doc_id), r[0], r[1], r[2], _json(r[3], {}), *r[4:])

    def count(self, table: str) -> int:
        """Rows of one of the store's tables (for tests and tools)."""
        return int(self._one(f"SELECT COUNT(*) FROM {table}"))

    def count_documents(self) -> int:
        return int(self._one("SELECT COUNT(*) FROM documents"))

    def stats(self) -> dict[str, int]:
        def count(sql: str) -> int:
            return int(self._one(sql))
        return {
            "documents": count("SELECT COUNT(*) FROM documents"),
            "errors": count("SELECT COUNT(*) FROM errors WHERE kind = 'error'"),
            "outlets": count("SELECT COUNT(DISTINCT outlet) FROM documents WHERE outlet IS NOT NULL"),
            "stories": count("SELECT COUNT(*) FROM stories"),
            "storylines": count("SELECT COUNT(*) FROM storylines"),
            "entities": count("SELECT COUNT(*) FROM entities"),
            "quotes": count("SELECT COUNT(*) FROM quotes"),
            "mentions": count("SELECT COUNT(*) FROM mentions"),
            "times": count("SELECT COUNT(*) FROM times"),
            "duplicates": count("SELECT COUNT(*) FROM duplicates"),
            "warnings": count("SELECT COUNT(*) FROM errors WHERE kind = 'warning'"),
        }

    # -- search ----------------------------------------------------------------------------------------------
    @staticmethod
    def _filter_sql(filters: Filters, alias: str = "d") -> tuple[str, list]:
        sql, args = [], []
        if filters.outlet:
            sql.append(f"{alias}.outlet = ?")
            args.append(filters.outlet)
        if filters.since:
            sql.append(f"substr({alias}.published, 1, 10) >= ?")
            args.append(filters.since)
        if filters.until:
            sql.append(f"substr({alias}.published, 1, 10) <= ?")
            args.append(filters.until)
        if filters.entity_ids is not None:
            marks = ",".join("?" * len(filters.entity_ids)) or "NULL"
            sql.append(f"{alias}.id IN (SELECT m.doc_id FROM mentions m WHERE m.entity_id IN ({marks}))")
            args.extend(filters.entity_ids)
        return "".join(" AND " + s for s in sql), args

    def _ranked(self, query: Query, filters: Filters, limit: int, offset: int) -> tuple[list[tuple[float, str]], int]:
        """(score, document id) of one page of matches, best first (ties by id), and how many match in all."""
        raise NotImplementedError

    def search(self, query: Query, filters: Filters | None = None, limit: int = 20, offset: int = 0) -> Page:
        page, total = self._ranked(query, filters or Filters(), limit, offset)
        docs = {}
        for chunk, marks in chunks([d for _, d in page]):
            docs.update({r[0]: r for r in self._run(
                f"SELECT id, title, outlet, published, body FROM documents WHERE id IN ({marks})", chunk)})
        whole, prefixes = highlight_terms(query)
        hits = [SearchHit(did, docs[did][1], docs[did][2], docs[did][3],
                          *snippet_marked(docs[did][4], whole, prefixes), score=round(score, 4))
                for score, did in page if did in docs]
        return Page(hits, total, limit, offset)

    # -- outlet templates ------------------------------------------------------------------------------------
    def count_template_lines(self) -> set[str]:
        changed: set[str] = set()
        with self.transaction():
            mark = int(self._meta("templates_rowid") or 0)
            top = int(self._one("SELECT COALESCE(MAX(rowid), 0) FROM documents"))
            counts: dict[tuple[str, str], list[int]] = {}
            pages: dict[str, int] = {}
            rows = self._run("SELECT outlet, body_hash, lines FROM documents WHERE rowid > ? AND rowid <= ? AND "
                             "outlet IS NOT NULL AND outlet != '' ORDER BY rowid", (mark, top))
            for outlet, bhash, lines in rows:
                if bhash and self._exec("INSERT INTO template_bodies(outlet, body_hash) VALUES (?,?) "
                                        "ON CONFLICT DO NOTHING", (outlet, bhash)) == 0:
                    continue             # a copy of an article already counted for this outlet
                seen: dict[str, int] = {}
                for ln in _json(lines, []):
                    if len(ln) >= 4 and ln[2]:
                        seen[ln[2]] = max(seen.get(ln[2], 0), ln[3])
                    for key in (ln[4] if len(ln) > 4 else ()):
                        seen[key] = LONG_LINE_WORDS     # a tail phrase needs the evidence of a long line
                if not seen:
                    continue
                pages[outlet] = pages.get(outlet, 0) + 1
                for h, w in seen.items():
                    c = counts.setdefault((outlet, h), [0, 0])
                    c[0] += 1
                    c[1] = max(c[1], w)
            self._many("INSERT INTO template_lines(outlet, h, pages, words) VALUES (?,?,?,?) ON CONFLICT(outlet, h) "
                       "DO UPDATE SET pages = template_lines.pages + excluded.pages, "
                       f"words = {self.GREATEST}(template_lines.words, excluded.words)",
                       [(o, h, c[0], c[1]) for (o, h), c in sorted(counts.items())])
            self._many("INSERT INTO template_outlets(outlet, pages) VALUES (?,?) ON CONFLICT(outlet) DO UPDATE SET "
                       "pages = template_outlets.pages + excluded.pages", sorted(pages.items()))
            self._set_meta("templates_rowid", str(top))
            changed.update(pages)
        return changed

    def template_line_counts(self, floors: dict[str, int]) -> list[tuple]:
        # one outlet at a time, over its part of the primary key: a large store counts hundreds of thousands of
        # lines, a few dozen of which are any outlet's boilerplate
        return [row for outlet in sorted(floors) for row in self._run(
            "SELECT l.outlet, l.h, l.pages, l.words, o.pages FROM template_lines l "
            "JOIN template_outlets o ON o.outlet = l.outlet WHERE l.outlet = ? AND l.pages >= ? ORDER BY l.h",
            (outlet, floors[outlet]))]

    def template_outlets(self, outlet: str | None = None) -> list[tuple[str, int]]:
        return [(r[0], int(r[1])) for r in self._run(
            "SELECT outlet, pages FROM template_outlets" + (" WHERE outlet = ?" if outlet else "") +
            " ORDER BY pages DESC, outlet", (outlet,) if outlet else ())]

    def line_records(self, outlet: str | None, after: int = 0) -> Iterator[tuple[str, list]]:
        if outlet is None:
            rows = self._run("SELECT id, lines FROM documents WHERE outlet IS NULL AND rowid > ? ORDER BY rowid",
                             (after,))
        else:
            rows = self._run("SELECT id, lines FROM documents WHERE outlet = ? AND rowid > ? ORDER BY rowid",
                             (outlet, after))
        for doc_id, lines in rows:
            yield doc_id, _json(lines, [])

    def templates_mark(self) -> int:
        return int(self._meta("templates_rowid") or 0)

    def reset_templates(self) -> None:
        with self.transaction():
            for table in ("template_lines", "template_outlets", "template_bodies"):
                self._exec(f"DELETE FROM {table}")
            self._exec("DELETE FROM meta WHERE key IN ('templates_rowid', 'corpus_rowid')")

    def corpus_dirty(self) -> bool:
        covered = int(self._meta("corpus_rowid") or 0)
        return self.max_seq() > covered

    def max_seq(self) -> int:
        return int(self._one("SELECT COALESCE(MAX(rowid), 0) FROM documents"))

    # -- provenance ------------------------------------------------------------------------------------------
    def provenance(self, doc_id: str) -> Provenance | None:
        rows = self._run("SELECT originality, agency, sources, paragraphs FROM provenance WHERE doc_id = ?", (doc_id,))
        if rows:
            r = rows[0]
            return Provenance(doc_id, r[0], r[1], json.loads(r[2]), json.loads(r[3]))
        body = self._one("SELECT body FROM documents WHERE id = ?", (doc_id,))
        if body is None:
            return None
        return Provenance(doc_id, 1.0, None, [], [{"index": i, "start": a, "end": b, "source": None}
                                                  for i, (a, b) in enumerate(paragraphs(body))])
