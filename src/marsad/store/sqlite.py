"""The embedded store: one SQLite file in WAL mode.

Why these choices: WAL lets readers (search, the web page) work while an ingest writes; each batch is one
transaction, so a `kill -9` loses at most the batch in flight and a re-run skips every document already
committed (documents are keyed by the hash of their raw bytes, `INSERT OR IGNORE`). Raw bytes are kept
zlib-compressed, which is lossless: `raw_bytes(id)` returns the input exactly as it was read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import NamedTuple

from ..arabic.segment import WORD_RE, index_terms
from ..clean.templates import MIN_PAGES, SHORT_MIN, Templates, line_hash, threshold
from ..document import Document
from ..pipeline import PIPELINE_VERSION, body_hash
from ..readers.sources import InputError
from .schema import LATEST, MIGRATIONS


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class Prepared(NamedTuple):
    """One document as rows for the store; built where the pipeline runs so the single writer only inserts."""

    id: str
    document: tuple
    raw: tuple
    mentions: list[tuple]
    quotes: list[tuple]
    times: list[tuple]
    fts: tuple
    errors: list[tuple]          # (source, message, locator, None, None, kind) for the errors table


def prepare(d: Document) -> Prepared:
    hidden = ("content", "fts_title", "fts_body", "body_hash")
    document = (
        d.id, d.source, d.format, d.locator, d.url, d.encoding, d.lang, d.outlet, d.outlet_source, d.title,
        d.published, d.published_source, d.byline, d.dateline.place if d.dateline else None,
        d.dateline.agency if d.dateline else None, json.dumps(d.credits, ensure_ascii=False), d.body,
        d.hints["body_hash"] if "body_hash" in d.hints else body_hash(d.body),
        json.dumps([asdict(c) for c in d.comments], ensure_ascii=False),
        # each line as [n, role, hash of its matching form, words]: what outlet templates are learned from
        json.dumps([[ln.n, ln.role, line_hash(ln.text), len(ln.text.split())] for ln in d.lines]),
        json.dumps([asdict(e) for e in d.errors], ensure_ascii=False),
        json.dumps({k: v for k, v in d.hints.items() if k not in hidden and isinstance(v, (str, int, float, bool))},
                   ensure_ascii=False, default=str),
        len(d.body), PIPELINE_VERSION)
    packed = zlib.compress(d.raw, 1)
    raw = (d.id, "zlib", len(d.raw), packed) if len(packed) < len(d.raw) else (d.id, "none", len(d.raw), d.raw)
    if "fts_body" in d.hints:        # computed by the pipeline's index stage
        fts = (d.hints["fts_title"], d.hints["fts_body"])
    else:
        fts = (index_terms(d.title or ""), index_terms(d.body))
    return Prepared(
        d.id, document, raw,
        [(d.id, e.start, e.end, e.text, e.type, e.name, e.title, e.canonical, e.entity_id, e.source,
          json.dumps(e.descriptors, ensure_ascii=False) if e.descriptors else None) for e in d.entities],
        [(d.id, q.start, q.end, q.speaker, q.speaker_entity_id, q.speaker_text, q.cue, q.kind, q.content, q.via)
         for q in d.quotes],
        [(d.id, t.start, t.end, t.text, t.value, t.type, t.anchor, None if t.consistent is None else int(t.consistent))
         for t in d.times],
        fts,
        [(d.source, e.message, d.locator, None, None, e.kind) for e in d.errors])


# the columns of `documents` that `prepare` fills, in the order of Prepared.document after the id
DOC_COLUMNS = ("source", "format", "locator", "url", "encoding", "lang", "outlet", "outlet_source", "title",
               "published", "published_source", "byline", "dateline_place", "dateline_agency", "credits", "body",
               "body_hash", "comments", "lines", "errors", "hints", "n_chars", "pipeline_version")


class SchemaError(RuntimeError):
    pass


class SQLiteStore:
    def __init__(self, path: str | Path, *, readonly: bool = False):
        self.path = str(path)
        if readonly:
            if not Path(self.path).exists():
                raise FileNotFoundError(f"no database at {self.path}; run `marsad ingest` first")
            self.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=30)
        else:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=30)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA foreign_keys=ON")
        if not readonly:
            self.migrate()
        else:
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
            if version != LATEST:
                raise SchemaError(f"{self.path} is at schema version {version}, this Marsad expects {LATEST}; "
                                  f"open it once with `marsad ingest` (or any writing command) to migrate")

    # -- schema ----------------------------------------------------------------------------------------
    def migrate(self) -> int:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > LATEST:
            raise SchemaError(f"{self.path} was written by a newer Marsad (schema {version} > {LATEST})")
        for number, sql in MIGRATIONS:
            if number <= version:
                continue
            with self.db:
                self.db.executescript("BEGIN;" + sql + f"; PRAGMA user_version = {number};")
            version = number
        return version

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "SQLiteStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------------------
    def start_run(self, command: str, args: dict) -> int:
        with self.db:
            cur = self.db.execute("INSERT INTO runs(command, args, started_at, status) VALUES (?,?,?, 'running')",
                                  (command, json.dumps(args, ensure_ascii=False, default=str), _now()))
        return int(cur.lastrowid)

    def finish_run(self, run_id: int, *, added: int, skipped: int, failed: int, status: str) -> None:
        with self.db:
            self.db.execute("UPDATE runs SET finished_at=?, added=?, skipped=?, failed=?, status=? WHERE id=?",
                            (_now(), added, skipped, failed, status, run_id))

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        found: set[str] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            q = f"SELECT id FROM documents WHERE id IN ({','.join('?' * len(chunk))})"
            found.update(r[0] for r in self.db.execute(q, chunk))
        return found

    def add_documents(self, docs: list[Document], run_id: int | None = None) -> int:
        """Store documents with their spans and search terms in one transaction. Returns how many were new."""
        return len(self.add_prepared([prepare(d) for d in docs], run_id))

    def add_prepared(self, prepared: list["Prepared"], run_id: int | None = None,
                     failures: list[InputError] | None = None) -> list[str]:
        """Store documents already turned into rows (by `prepare`, in the workers): the writer only inserts.

        The batch's documents, their notes (stage errors, warnings) and the batch's failed inputs are one
        transaction: a crash keeps all of them or none. Returns the ids of the documents that were new."""
        now = _now()
        stored: list[tuple["Prepared", int]] = []
        notes: list = list(failures or [])
        with self.db:
            for p in prepared:
                cur = self.db.execute(
                    f"INSERT OR IGNORE INTO documents(id, {', '.join(DOC_COLUMNS)}, run_id, ingested_at) "
                    f"VALUES ({', '.join('?' * (len(DOC_COLUMNS) + 3))})", p.document + (run_id, now))
                if cur.rowcount == 0:
                    continue
                stored.append((p, cur.lastrowid))
                notes.extend(p.errors)
            self.db.executemany("INSERT INTO raw(doc_id, codec, size, bytes) VALUES (?,?,?,?)",
                                [p.raw for p, _ in stored])
            self._insert_analysis(stored)
            if notes:
                self._insert_errors(notes, run_id)
        return [p.id for p, _ in stored]

    def replace_prepared(self, prepared: list["Prepared"]) -> int:
        """Overwrite the analysis of documents already stored (same id, same raw bytes, same rowid) with a new
        one: re-cleaning after a template change. Spans and search terms are replaced in the same
        transaction. Returns how many documents were replaced."""
        stored: list[tuple["Prepared", int]] = []
        with self.db:
            for p in prepared:
                row = self.db.execute("SELECT rowid FROM documents WHERE id=?", (p.id,)).fetchone()
                if row is None:
                    continue
                rowid = row[0]
                self.db.execute(f"UPDATE documents SET {', '.join(c + '=?' for c in DOC_COLUMNS)} WHERE rowid=?",
                                p.document[1:] + (rowid,))
                for table in ("mentions", "quotes", "times"):
                    self.db.execute(f"DELETE FROM {table} WHERE doc_id=?", (p.id,))
                self.db.execute("DELETE FROM documents_fts WHERE rowid=?", (rowid,))
                stored.append((p, rowid))
            self._insert_analysis(stored)
        return len(stored)

    def _insert_analysis(self, stored: list[tuple["Prepared", int]]) -> None:
        """Spans and search terms of documents whose row exists (with its rowid), in the caller's
        transaction: the one writer of these tables for new and re-analysed documents alike."""
        self.db.executemany('INSERT INTO mentions(doc_id,start,"end",text,type,name,title,canonical,entity_id,source,'
                            "descriptors) VALUES (?,?,?,?,?,?,?,?,?,?,?)", [m for p, _ in stored for m in p.mentions])
        self.db.executemany('INSERT INTO quotes(doc_id,start,"end",speaker,speaker_entity_id,speaker_text,cue,kind,'
                            "content,via) VALUES (?,?,?,?,?,?,?,?,?,?)", [q for p, _ in stored for q in p.quotes])
        self.db.executemany('INSERT INTO times(doc_id,start,"end",text,value,type,anchor,consistent) '
                            "VALUES (?,?,?,?,?,?,?,?)", [t for p, _ in stored for t in p.times])
        self.db.executemany("INSERT INTO documents_fts(rowid, title, body) VALUES (?,?,?)",
                            [(rowid, *p.fts) for p, rowid in stored])

    # -- outlet templates (clean/templates.py) ---------------------------------------------------------------
    def update_template_counts(self) -> set[str]:
        """Count the lines of the documents stored since the last call into the per-outlet tables. Incremental:
        each document is counted once, copies of an article body once per outlet. Returns the outlets whose
        counts changed."""
        mark_row = self.db.execute("SELECT value FROM meta WHERE key='templates_rowid'").fetchone()
        mark = int(mark_row[0]) if mark_row else 0
        changed: set[str] = set()
        with self.db:
            top = self.db.execute("SELECT COALESCE(MAX(rowid), 0) FROM documents").fetchone()[0]
            counts: dict[tuple[str, str], list[int]] = {}
            pages: dict[str, int] = {}
            for outlet, bhash, lines in self.db.execute(
                    "SELECT outlet, body_hash, lines FROM documents WHERE rowid > ? AND rowid <= ? AND outlet IS NOT "
                    "NULL AND outlet != '' ORDER BY rowid", (mark, top)).fetchall():
                if bhash and self.db.execute("INSERT OR IGNORE INTO template_bodies(outlet, body_hash) VALUES (?,?)",
                                             (outlet, bhash)).rowcount == 0:
                    continue             # a copy of an article already counted for this outlet
                seen: dict[str, int] = {}
                for ln in json.loads(lines or "[]"):
                    if len(ln) >= 4 and ln[2]:
                        seen[ln[2]] = max(seen.get(ln[2], 0), ln[3])
                if not seen:
                    continue
                pages[outlet] = pages.get(outlet, 0) + 1
                for h, w in seen.items():
                    c = counts.setdefault((outlet, h), [0, 0])
                    c[0] += 1
                    c[1] = max(c[1], w)
            self.db.executemany(
                "INSERT INTO template_lines(outlet, h, pages, words) VALUES (?,?,?,?) ON CONFLICT(outlet, h) DO "
                "UPDATE SET pages = pages + excluded.pages, words = max(words, excluded.words)",
                [(o, h, c[0], c[1]) for (o, h), c in counts.items()])
            self.db.executemany(
                "INSERT INTO template_outlets(outlet, pages) VALUES (?,?) ON CONFLICT(outlet) DO UPDATE SET "
                "pages = pages + excluded.pages", list(pages.items()))
            self.db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('templates_rowid', ?)", (str(top),))
            changed.update(pages)
        return changed

    def templates(self) -> Templates:
        """Each outlet's learned boilerplate lines, by the thresholds of clean/templates.py."""
        by_outlet: dict[str, set[str]] = {}
        for outlet, h, n, words, total in self.db.execute(
                "SELECT l.outlet, l.h, l.pages, l.words, o.pages FROM template_lines l JOIN template_outlets o "
                "ON o.outlet = l.outlet WHERE o.pages >= ? AND l.pages >= ?", (MIN_PAGES, SHORT_MIN)):
            if n >= threshold(total, words):
                by_outlet.setdefault(outlet, set()).add(h)
        return Templates({o: frozenset(hs) for o, hs in by_outlet.items()})

    def template_report(self, outlet: str | None = None) -> list[dict]:
        """Per outlet: pages counted and learned boilerplate lines, for `marsad templates`."""
        t = self.templates()
        rows = self.db.execute("SELECT outlet, pages FROM template_outlets " +
                               ("WHERE outlet = ? " if outlet else "") + "ORDER BY pages DESC",
                               (outlet,) if outlet else ()).fetchall()
        return [{"outlet": o, "pages": n, "boilerplate_lines": len(t.for_outlet(o))} for o, n in rows]

    def add_errors(self, errors: list[InputError | tuple[str, str, str | None, bytes | None, int | None, str]],
                   run_id: int | None = None) -> None:
        """Record input errors (idempotent: the same problem with the same input is one row)."""
        with self.db:
            self._insert_errors(errors, run_id)

    def _insert_errors(self, errors, run_id: int | None) -> None:
        now = _now()
        rows = []
        for e in errors:
            if isinstance(e, InputError):
                source, message, locator, raw, size, kind = e.source, e.message, e.locator, e.raw, e.size, "error"
            else:
                source, message, locator, raw, size, kind = e
            sha = hashlib.sha256(raw).hexdigest() if raw is not None else None
            rows.append((source, locator or "", message, kind, size if size is not None else (len(raw) if raw else None),
                         sha, raw, now, now, run_id))
        self.db.executemany(
            """INSERT INTO errors(source, locator, message, kind, size, raw_sha256, raw, first_seen, last_seen, run_id)
               VALUES (?,?,?,?,?,?,?,?,?,?)
               ON CONFLICT(source, locator, message) DO UPDATE SET last_seen=excluded.last_seen,
               run_id=excluded.run_id""", rows)

    def corpus_dirty(self) -> bool:
        """Whether documents exist that the corpus views do not cover yet (above their high-water mark)."""
        row = self.db.execute("SELECT value FROM meta WHERE key='corpus_rowid'").fetchone()
        covered = int(row[0]) if row else 0
        return self.db.execute("SELECT COALESCE(MAX(rowid), 0) FROM documents").fetchone()[0] > covered

    # -- reading ---------------------------------------------------------------------------------------
    def raw_bytes(self, doc_id: str) -> bytes:
        row = self.db.execute("SELECT codec, bytes FROM raw WHERE doc_id=?", (doc_id,)).fetchone()
        if row is None:
            raise KeyError(doc_id)
        return zlib.decompress(row["bytes"]) if row["codec"] == "zlib" else bytes(row["bytes"])

    def provenance(self, doc_id: str) -> dict:
        """Paragraph provenance of one article; an article that shares nothing with earlier ones is all its own."""
        row = self.db.execute("SELECT originality, agency, sources, paragraphs FROM provenance WHERE doc_id=?",
                              (doc_id,)).fetchone()
        if row is None:
            from ..arabic.segment import paragraphs
            body = self.db.execute("SELECT body FROM documents WHERE id=?", (doc_id,)).fetchone()
            spans = paragraphs(body[0]) if body else []
            return {"article_id": doc_id, "originality": 1.0, "agency": None, "sources": [],
                    "paragraphs": [{"index": i, "start": a, "end": b, "source": None} for i, (a, b) in enumerate(spans)]}
        return {"article_id": doc_id, "originality": row["originality"], "agency": row["agency"],
                "sources": json.loads(row["sources"]), "paragraphs": json.loads(row["paragraphs"])}

    def delete_documents(self, doc_ids: list[str]) -> int:
        """Remove documents with their raw bytes, spans, search terms and story memberships. The duplicate index
        notices at its next update (dedup/persist.py) and takes them out of pairs and provenance."""
        removed = 0
        with self.db:
            for doc_id in doc_ids:
                row = self.db.execute("SELECT rowid FROM documents WHERE id=?", (doc_id,)).fetchone()
                if row is None:
                    continue
                for table in ("mentions", "quotes", "times", "raw", "story_articles"):
                    self.db.execute(f"DELETE FROM {table} WHERE doc_id=?", (doc_id,))
                self.db.execute("DELETE FROM documents_fts WHERE rowid=?", (row[0],))
                self.db.execute("DELETE FROM documents WHERE rowid=?", (row[0],))
                removed += 1
        return removed

    def resolve_id(self, prefix: str) -> str | None:
        if not prefix or not all(c in "0123456789abcdef" for c in prefix.lower()):
            return None
        rows = self.db.execute("SELECT id FROM documents WHERE substr(id, 1, ?) = ? LIMIT 2",
                               (len(prefix), prefix.lower())).fetchall()
        return rows[0][0] if len(rows) == 1 else None

    def document(self, doc_id: str) -> dict | None:
        row = self.db.execute("SELECT * FROM documents WHERE id=?", (doc_id,)).fetchone()
        if row is None:
            return None
        return self._doc_dict(row)

    def _doc_dict(self, row: sqlite3.Row, spans: bool = True) -> dict:
        d = {
            "id": row["id"], "source": row["source"], "outlet": row["outlet"], "title": row["title"],
            "url": row["url"], "published": row["published"], "published_source": row["published_source"],
            "dateline": ({"place": row["dateline_place"], "agency": row["dateline_agency"]}
                         if row["dateline_place"] or row["dateline_agency"] else None),
            "credits": json.loads(row["credits"] or "[]"), "byline": row["byline"], "lang": row["lang"],
            "body": row["body"], "comments": json.loads(row["comments"] or "[]"),
            "lines": [{"n": ln[0], "role": ln[1]} for ln in json.loads(row["lines"] or "[]")],
            "errors": [e["message"] for e in json.loads(row["errors"] or "[]")],
            "format": row["format"], "encoding": row["encoding"],
        }
        if spans:
            did = row["id"]
            d["entities"] = [dict(r, descriptors=json.loads(r["descriptors"] or "[]")) for r in self.db.execute(
                'SELECT text,start,"end",type,name,title,canonical,entity_id,descriptors FROM mentions WHERE doc_id=? '
                'ORDER BY start', (did,))]
            d["quotes"] = [dict(r) for r in self.db.execute(
                'SELECT speaker,speaker_entity_id,speaker_text,cue,kind,content,start,"end",via FROM quotes WHERE doc_id=? ORDER BY start', (did,))]
            d["times"] = [dict(r, consistent=None if r["consistent"] is None else bool(r["consistent"])) for r in self.db.execute(
                'SELECT text,start,"end",value,type,anchor,consistent FROM times WHERE doc_id=? ORDER BY start', (did,))]
        return d

    def iter_documents(self, spans: bool = True, batch: int = 500) -> Iterator[dict]:
        last = 0
        while True:
            rows = self.db.execute("SELECT * FROM documents WHERE rowid > ? ORDER BY rowid LIMIT ?", (last, batch)).fetchall()
            if not rows:
                return
            for r in rows:
                yield self._doc_dict(r, spans)
            last = rows[-1]["rowid"]

    def count(self, table: str) -> int:
        return self.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]

    def stats(self) -> dict:
        q = lambda sql: self.db.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "documents": self.count("documents"),
            "errors": q("SELECT COUNT(*) FROM errors WHERE kind='error'"),
            "outlets": q("SELECT COUNT(DISTINCT outlet) FROM documents WHERE outlet IS NOT NULL"),
            "stories": self.count("stories"),
            "storylines": self.count("storylines"),
            "entities": self.count("entities"),
            "quotes": self.count("quotes"),
            "mentions": self.count("mentions"),
            "times": self.count("times"),
            "duplicates": self.count("duplicates"),
            "warnings": q("SELECT COUNT(*) FROM errors WHERE kind='warning'"),
        }

    def errors(self, limit: int = 1000) -> list[dict]:
        return [dict(r) for r in self.db.execute(
            "SELECT source, locator, message, kind, size, raw_sha256, raw IS NOT NULL AS raw_kept, first_seen, last_seen "
            "FROM errors ORDER BY id LIMIT ?", (limit,))]

    # -- search ----------------------------------------------------------------------------------------
    def search(self, query: str, limit: int = 20, offset: int = 0) -> list[dict]:
        fts = fts_query(query)
        if not fts:
            return []
        rows = self.db.execute(
            """SELECT d.id, d.title, d.outlet, d.published, d.body, bm25(documents_fts, 3.0, 1.0) AS rank
               FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
               WHERE documents_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?""", (fts, limit, offset)).fetchall()
        terms = [t for t in index_terms(query.replace('"', " ")).split() if t]
        return [{"article_id": r["id"], "title": r["title"], "outlet": r["outlet"], "published": r["published"],
                 "snippet": snippet(r["body"], terms), "score": round(-float(r["rank"]), 4)} for r in rows]


def fts_query(query: str) -> str:
    """A user query in the index's matching form: quoted parts are phrases, other words must all appear."""
    parts = []
    for phrase, word in re.findall(r'"([^"]+)"|(\S+)', query):
        terms = index_terms(phrase or word).split()
        if not terms:
            continue
        parts.append('"' + " ".join(terms) + '"' if len(terms) > 1 else f'"{terms[0]}"')
    return " AND ".join(parts)


def snippet(body: str, terms: list[str], width: int = 180) -> str:
    """A window of the original body around the first matched term, matched terms in [brackets]."""
    tokens = [(m.start(), m.end(), index_terms(m.group(0))) for m in WORD_RE.finditer(body)]
    wanted = set(terms)
    hits = [(s, e) for s, e, k in tokens if k in wanted]
    if not hits:
        return body[:width].replace("\n", " ")
    center = hits[0][0]
    start = max(0, center - width // 3)
    end = min(len(body), start + width)
    while start > 0 and not body[start - 1].isspace():
        start -= 1
    out, pos = [], start
    for s, e in hits:
        if s < start or e > end:
            continue
        out.append(body[pos:s])
        out.append(f"[{body[s:e]}]")
        pos = e
    out.append(body[pos:end])
    text = "".join(out).replace("\n", " ")
    return ("…" if start > 0 else "") + text + ("…" if end < len(body) else "")
