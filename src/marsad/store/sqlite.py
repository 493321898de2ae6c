"""The embedded store: one SQLite file in WAL mode.

Why these choices: WAL lets readers (search, the web page) work while an ingest writes; each batch is one
transaction, so a `kill -9` loses at most the batch in flight and a re-run skips every document already
committed (documents are keyed by the hash of their raw bytes). Raw bytes are kept zlib-compressed, which is
lossless: `raw_bytes(id)` returns the input exactly as it was read. Each thread gets its own connection, so a
threaded server can share one store object.
"""

from __future__ import annotations

import fcntl
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from .base import Filters, MissingStore, SchemaError, StoreError
from .records import Record
from .schema import LATEST, MIGRATIONS
from .search import TITLE_WEIGHT, Query, to_fts5
from .sql import SQLStore

MIN_SQLITE = (3, 39)          # IS DISTINCT FROM; RETURNING and NULLS FIRST are older


def _rollback(db: sqlite3.Connection) -> None:
    """Roll back what is still open, quietly: SQLite may have rolled back itself (a full disk does), and the
    error that led here is the one to report, not "no transaction is active"."""
    if db.in_transaction:
        try:
            db.execute("ROLLBACK")
        except sqlite3.Error:
            pass


class SQLiteStore(SQLStore):
    def __init__(self, path: str | Path, *, readonly: bool = False):
        if sqlite3.sqlite_version_info < MIN_SQLITE:
            raise StoreError(f"Marsad needs SQLite {'.'.join(map(str, MIN_SQLITE))} or newer; this Python has "
                             f"{sqlite3.sqlite_version}")
        self.path = str(path)
        self.url = self.path
        self.readonly = readonly
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._guard = threading.Lock()
        if readonly and not Path(self.path).exists():
            raise MissingStore(f"no database at {self.path}; run `marsad ingest` first")
        if not readonly:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._connection()
        if not readonly:
            self.migrate()
        else:
            version = self._version()
            if version != LATEST:
                raise SchemaError(f"{self.path} is at schema version {version}, this Marsad expects {LATEST}; "
                                  f"open it once with `marsad ingest` (or any writing command) to migrate")

    # -- connections ---------------------------------------------------------------------------------------
    def _connection(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            if self.readonly:
                db = sqlite3.connect(f"file:{quote(self.path)}?mode=ro", uri=True, timeout=30, isolation_level=None,
                                     check_same_thread=False)
            else:
                db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA foreign_keys=ON")
            self._local.db = db
            self._local.depth = 0
            with self._guard:
                self._connections.append(db)
        return db

    @property
    def db(self) -> sqlite3.Connection:
        """This thread's connection (for tests and tools that inspect the file; the store's own SQL is above)."""
        return self._connection()

    @contextmanager
    def _cursor(self) -> Iterator[sqlite3.Cursor]:
        cur = self._connection().cursor()
        try:
            yield cur
        finally:
            cur.close()

    @contextmanager
    def _begin(self, statement: str):
        db = self._connection()
        if self._local.depth:
            self._local.depth += 1
            try:
                yield
            finally:
                self._local.depth -= 1
            return
        db.execute(statement)
        self._local.depth = 1
        try:
            yield
        except BaseException:
            self._local.depth = 0
            _rollback(db)
            raise
        self._local.depth = 0
        try:
            db.execute("COMMIT")
        except BaseException:
            _rollback(db)             # a commit that failed (a full disk) must not leave the transaction open
            raise

    def transaction(self):
        return self._begin("BEGIN IMMEDIATE")

    def snapshot(self):
        return self._begin("BEGIN")

    @contextmanager
    def corpus_lock(self):
        """A lock file beside the database (never the database file itself: closing another descriptor of it
        would drop SQLite's own locks)."""
        with open(self.path + "-corpus.lock", "a+b") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def close(self) -> None:
        with self._guard:
            for db in self._connections:
                try:
                    db.close()
                except sqlite3.Error:
                    pass
            self._connections.clear()
        self._local = threading.local()

    # -- schema --------------------------------------------------------------------------------------------
    def _version(self) -> int:
        return self._connection().execute("PRAGMA user_version").fetchone()[0]

    def migrate(self) -> int:
        version = self._version()
        if version > LATEST:
            raise SchemaError(f"{self.path} was written by a newer Marsad (schema {version} > {LATEST})")
        db = self._connection()
        for number, sql in MIGRATIONS:
            if number <= version:
                continue
            try:
                db.executescript("BEGIN IMMEDIATE;" + sql + f"; PRAGMA user_version = {number}; COMMIT;")
            except sqlite3.Error:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise
            version = number
        return version

    # -- the search index: FTS5 ---------------------------------------------------------------------------------
    def _index_search(self, stored: list[tuple[Record, int]]) -> None:
        self._many("INSERT INTO documents_fts(rowid, title, body) VALUES (?,?,?)",
                   [(seq, r.fts_title, r.fts_body) for r, seq in stored])

    def _unindex_search(self, pairs: list[tuple[str, int]]) -> None:
        self._many("DELETE FROM documents_fts WHERE rowid = ?", [(seq,) for _, seq in pairs])

    def _ranked(self, query: Query, filters: Filters, limit: int, offset: int) -> tuple[list[tuple[float, str]], int]:
        """FTS5 ranks in C with its bm25, the formula search.bm25 computes for PostgreSQL: over the same terms
        (the tokenizer splits where the index terms are split) it gives the same figures."""
        fsql, args = self._filter_sql(filters)
        base = ("FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
                "WHERE documents_fts MATCH ?" + fsql)
        params = [to_fts5(query.root), *args]
        total = int(self._one("SELECT COUNT(*) " + base, params))
        rank = f"bm25(documents_fts, {TITLE_WEIGHT}, 1.0)"
        rows = self._run(f"SELECT -{rank}, d.id {base} ORDER BY {rank}, d.id LIMIT ? OFFSET ?",
                         params + [limit, offset])
        return [(float(score), did) for score, did in rows], total

    def search_terms(self, upto: int, lang: str = "ar", doc_ids: list[str] | None = None
                     ) -> dict[str, tuple[str, str]]:
        if doc_ids is not None:
            return {r[0]: (r[1], r[2]) for r in self._for_docs(
                "SELECT d.id, f.title, f.body FROM documents d JOIN documents_fts f ON f.rowid = d.rowid",
                doc_ids, column="d.id")}
        return {r[0]: (r[1], r[2]) for r in self._run(
            "SELECT d.id, f.title, f.body FROM documents d JOIN documents_fts f ON f.rowid = d.rowid "
            "WHERE d.lang = ? AND d.rowid <= ?", (lang, upto))}


__all__ = ["SQLiteStore", "SchemaError"]
