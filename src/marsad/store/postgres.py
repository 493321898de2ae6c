"""The shared store: PostgreSQL 15 through psycopg 3 and its connection pool.

A newsroom runs one server: analysts read while a scraper writes, and several ingests may write at once. Each
batch is one transaction; documents are keyed by the hash of their raw bytes (`ON CONFLICT DO NOTHING`), so
two ingests of overlapping inputs store each document once. The commits that add documents are serialized by
a transaction-level advisory lock, so that ingestion order (`documents.rowid`) is commit order and the corpus
stages' high-water marks never skip a document committed late; the corpus stages themselves hold a
session-level advisory lock, so two ingests never rebuild the views at the same time.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from . import redact
from .base import Filters, SchemaError, StoreError
from .pg_schema import LATEST, MIGRATIONS
from .records import DOC_COLUMNS, Record
from .search import B, K1, TITLE_WEIGHT, Query, idf, leaf_pattern, term_counts, to_tsquery, tsvector_literal
from .sql import SQLStore, chunks

WRITER_LOCK = 0x6D61727361640001     # 'marsad' + 1: commits that add documents
CORPUS_LOCK = 0x6D61727361640002     # the corpus stages
CONNECT_TIMEOUT_S = 10
MAX_TSVECTOR_CHARS = 900_000         # under PostgreSQL's 1 MB tsvector limit, with room to spare


def _import_psycopg():
    try:
        import psycopg
        from psycopg_pool import ConnectionPool
    except ImportError as exc:     # pragma: no cover - both are dependencies of Marsad
        raise StoreError("PostgreSQL support needs psycopg 3 and psycopg_pool (pip install 'psycopg[binary]' "
                         "psycopg_pool)") from exc
    return psycopg, ConnectionPool


class PostgresStore(SQLStore):
    GREATEST = "GREATEST"

    def __init__(self, url: str, *, readonly: bool = False, max_connections: int = 8):
        psycopg, ConnectionPool = _import_psycopg()
        self._psycopg = psycopg
        self.url = url
        self.readonly = readonly
        self._local = threading.local()
        self._bm25: tuple[tuple | None, dict] = (None, {})
        self._bm25_lock = threading.Lock()
        try:                  # one plain connection first: a wrong URL fails at once, with libpq's reason
            psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT_S).close()
        except psycopg.Error as exc:
            reason = " ".join(str(exc).split())
            raise StoreError(f"cannot connect to PostgreSQL at {redact(url)}: {reason}") from None
        self._pool = ConnectionPool(url, min_size=1, max_size=max(2, max_connections), open=False,
                                    kwargs={"autocommit": True}, name="marsad")
        try:
            self._pool.open(wait=True, timeout=CONNECT_TIMEOUT_S)
        except Exception as exc:  # noqa: BLE001 - psycopg's errors name the cause; say where we tried to go
            self._pool.close()
            raise StoreError(f"cannot connect to PostgreSQL at {redact(url)}: {exc}") from None
        if readonly:
            version = self._version()
            if version != LATEST:
                self.close()
                raise SchemaError(f"{redact(url)} is at Marsad schema version {version}, this Marsad expects "
                                  f"{LATEST}; open it once with `marsad ingest` (or any writing command) to migrate")
        else:
            self.migrate()

    # -- connections ---------------------------------------------------------------------------------------
    @contextmanager
    def _cursor(self) -> Iterator:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            with conn.cursor() as cur:
                yield cur
            return
        with self._pool.connection() as conn, conn.cursor() as cur:
            yield cur

    def _sql(self, sql: str) -> str:
        return sql.replace("%", "%%").replace("?", "%s")

    @contextmanager
    def _begin(self, isolation: str):
        if getattr(self._local, "conn", None) is not None:
            yield
            return
        with self._pool.connection() as conn:
            self._local.conn = conn
            try:
                conn.execute(isolation)
                try:
                    yield
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
            finally:
                self._local.conn = None

    def transaction(self):
        return self._begin("BEGIN")

    def snapshot(self):
        return self._begin("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")

    @contextmanager
    def corpus_lock(self):
        with self._pool.connection() as conn:
            conn.execute("SELECT pg_advisory_lock(%s)", (CORPUS_LOCK,))
            try:
                yield
            finally:
                conn.execute("SELECT pg_advisory_unlock(%s)", (CORPUS_LOCK,))

    def _lock_writer(self) -> None:
        self._run("SELECT pg_advisory_xact_lock(?)", (WRITER_LOCK,))

    def close(self) -> None:
        self._pool.close()

    # -- schema --------------------------------------------------------------------------------------------
    def _version(self) -> int:
        exists = self._one("SELECT to_regclass('marsad_schema') IS NOT NULL")
        if not exists:
            return 0
        return int(self._one("SELECT COALESCE(MAX(version), 0) FROM marsad_schema") or 0)

    def migrate(self) -> int:
        with self._pool.connection() as conn:
            # one migrating process at a time; the others wait and then find nothing to do
            conn.execute("SELECT pg_advisory_lock(%s)", (WRITER_LOCK,))
            try:
                conn.execute("CREATE TABLE IF NOT EXISTS marsad_schema (version INTEGER PRIMARY KEY, applied_at TEXT)")
                version = conn.execute("SELECT COALESCE(MAX(version), 0) FROM marsad_schema").fetchone()[0]
                if version > LATEST:
                    raise SchemaError(f"{redact(self.url)} was written by a newer Marsad (schema {version} > {LATEST})")
                for number, sql in MIGRATIONS:
                    if number <= version:
                        continue
                    with conn.transaction():
                        conn.execute(sql)
                        conn.execute("INSERT INTO marsad_schema(version, applied_at) VALUES (%s, now()::text)",
                                     (number,))
                    version = number
            finally:
                conn.execute("SELECT pg_advisory_unlock(%s)", (WRITER_LOCK,))
        return version

    # -- bulk writes: COPY ------------------------------------------------------------------------------------
    def _bulk(self, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        if not rows:
            return
        names = ", ".join(f'"{c}"' for c in columns)
        with self._cursor() as cur, cur.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def _insert_documents(self, records: list[Record], run_id: int | None, stamp: str) -> list[tuple[Record, int]]:
        """Under the writer lock no other transaction adds documents, so what is not stored yet can be copied in
        at once (one round trip instead of one per document)."""
        known = self.known_ids(r.id for r in records)
        new: dict[str, Record] = {}
        for r in records:
            if r.id not in known and r.id not in new:
                new[r.id] = r
        self._bulk("documents", DOC_COLUMNS + ("run_id", "ingested_at"),
                   [r.row() + (run_id, stamp) for r in new.values()])
        seq: dict[str, int] = {}
        for chunk, marks in chunks(list(new)):
            seq.update(self._run(f"SELECT id, rowid FROM documents WHERE id IN ({marks})", chunk))
        return [(r, seq[r.id]) for r in new.values()]

    # -- the search index: tsvector -------------------------------------------------------------------------------
    def _index_search(self, stored: list[tuple[Record, int]]) -> None:
        rows = []
        for r, _ in stored:
            literal = tsvector_literal(r.fts_title, r.fts_body)
            body = r.fts_body
            while len(literal) > MAX_TSVECTOR_CHARS:      # absurdly long texts: index their beginning
                body = body[: len(body) * 3 // 4].rsplit(" ", 1)[0]
                literal = tsvector_literal(r.fts_title, body)
            rows.append((r.id, r.fts_title, r.fts_body, literal, json.dumps(term_counts(r.fts_title, r.fts_body),
                                                                           ensure_ascii=False),
                         len(r.fts_title.split()) + len(r.fts_body.split())))
        self._bulk("search_index", ("doc_id", "title", "body", "terms", "counts", "n_terms"), rows)

    def _unindex_search(self, pairs: list[tuple[str, int]]) -> None:
        self._many("DELETE FROM search_index WHERE doc_id = ?", [(d,) for d, _ in pairs])

    def _ranked(self, query: Query, filters: Filters, limit: int, offset: int) -> tuple[list[tuple[float, str]], int]:
        """BM25 in SQL, after search.bm25 (the figure FTS5 computes), so only one page of ids and scores comes
        back whatever the number of matches: a word's count is looked up in the document's term counts, a
        prefix's summed over them; only a phrase is counted in the terms themselves (`spaced`, read from the
        text only when the query has a phrase)."""
        idfs, avgdl = self._bm25_inputs(query)
        fsql, args = self._filter_sql(filters)
        counts, params, phrases = [], [], False
        for i, leaf in enumerate(query.leaves):
            if len(leaf.terms) > 1:
                phrases = True
                counts.append(_phrase_count(leaf, i, params))
            elif leaf.prefix:
                counts.append("(SELECT COALESCE(SUM(value::float8), 0) FROM jsonb_each_text(counts) "
                              f"WHERE starts_with(key, ?)) AS tf{i}")
                params.append(leaf.terms[0])
            else:
                counts.append(f"COALESCE((counts ->> ?)::float8, 0) AS tf{i}")
                params.append(leaf.terms[0])
        text = (", '  ' || replace(s.title, ' ', '  ') || '  ' AS t, '  ' || replace(s.body, ' ', '  ') || '  ' AS b"
                if phrases else "")
        norm = f"{_float(K1)} * ({_float(1 - B)} + {_float(B)} * n / {_float(avgdl)})"
        score = " + ".join(f"{_float(w)} * tf{i} * {_float(K1 + 1)} / (tf{i} + {norm})" for i, w in enumerate(idfs))
        # the documents table (wide: bodies, metadata) is joined only when a filter reads it
        source = "search_index s JOIN documents d ON d.id = s.doc_id" if fsql else "search_index s"
        sql = (f"SELECT {score} AS score, doc_id, COUNT(*) OVER () FROM (SELECT doc_id, n, {', '.join(counts)} "
               f"FROM (SELECT s.doc_id, s.n_terms AS n, s.counts{text} FROM {source} "
               f"WHERE s.terms @@ ?::tsquery{fsql} OFFSET 0) m OFFSET 0) x "
               "ORDER BY score DESC, doc_id LIMIT ? OFFSET ?")
        rows = self._run(sql, [*params, to_tsquery(query.root), *args, limit, offset])
        if rows:
            return [(float(r[0]), r[1]) for r in rows], int(rows[0][2])
        total = self._one("SELECT COUNT(*) FROM search_index s JOIN documents d ON d.id = s.doc_id "
                          f"WHERE s.terms @@ ?::tsquery{fsql}", [to_tsquery(query.root), *args])
        return [], int(total)

    def _bm25_inputs(self, query: Query) -> tuple[list[float], float]:
        """BM25's document frequencies (as idf, one per leaf) and mean document length, over the whole index;
        counted once per state of the store (documents added, corpus views written), not once per search."""
        version = (self.max_seq(), self.entities_version())
        with self._bm25_lock:
            if self._bm25[0] != version:
                self._bm25 = (version, {})
            known = self._bm25[1]
        if "" not in known:
            n_docs, total_terms = self._run("SELECT COUNT(*), SUM(n_terms) FROM documents")[0]
            known[""] = (int(n_docs), float(total_terms or 0))
        n_docs, total_terms = known[""]
        for leaf in query.leaves:
            if leaf not in known:
                known[leaf] = int(self._one("SELECT COUNT(*) FROM search_index WHERE terms @@ ?::tsquery",
                                            (to_tsquery(leaf),)))
        dfs = [known[leaf] for leaf in query.leaves]
        if len(known) > 10_000:
            known.clear()
        avgdl = total_terms / n_docs if n_docs else 1.0
        return [idf(n_docs, n) for n in dfs], avgdl or 1.0

    def search_terms(self, upto: int, lang: str = "ar", doc_ids: list[str] | None = None
                     ) -> dict[str, tuple[str, str]]:
        if doc_ids is not None:
            return {r[0]: (r[1], r[2]) for r in self._for_docs(
                "SELECT d.id, s.title, s.body FROM documents d JOIN search_index s ON s.doc_id = d.id",
                doc_ids, column="d.id")}
        return {r[0]: (r[1], r[2]) for r in self._run(
            "SELECT d.id, s.title, s.body FROM documents d JOIN search_index s ON s.doc_id = d.id "
            "WHERE d.lang = ? AND d.rowid <= ?", (lang, upto))}


def _phrase_count(leaf, i: int, params: list) -> str:
    """SQL for a phrase's weighted count in the `spaced` title (t) and body (b); its pattern(s) go to params."""
    pattern = leaf_pattern(leaf)
    if leaf.prefix:
        regex = "".join(c if c.isalnum() or c == " " else "\\" + c for c in pattern) + "[^ ]*"
        params += [regex, regex]
        return f"{_float(TITLE_WEIGHT)} * regexp_count(t, ?) + regexp_count(b, ?) AS tf{i}"
    params += [pattern, pattern]
    return (f"{_float(TITLE_WEIGHT)} * ((length(t) - length(replace(t, ?, ''))) / {len(pattern)}) "
            f"+ ((length(b) - length(replace(b, ?, ''))) / {len(pattern)}) AS tf{i}")


def _float(x: float) -> str:
    """A constant of the ranking formula, as double precision (not numeric: the arithmetic FTS5 does)."""
    return f"CAST({x!r} AS float8)"
