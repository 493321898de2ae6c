"""The duplicate index kept in the store and brought up to date incrementally.

The index's segments and document frequencies live in `dedup_state`, the documents it holds (with the body
hash they were indexed with) in `dedup_docs`. An update takes out what was deleted or re-cleaned since, adds
what is new (each new article queries the persisted index; nothing indexed before is hashed again), writes the
new pairs, and recomputes provenance only for the articles whose set of earlier related articles changed.
"""

from __future__ import annotations

import io
import json
import zlib

import numpy as np

from .index import Deduplicator, Prepared, shingle_all
from .provenance import Article, provenance
from .segments import SegmentIndex

_INDEXES = ("exact", "bands", "samples")


def _chunks(values: list, size: int = 500):
    """(chunk, "?,?,…") pieces of a list, to keep `IN (…)` queries under SQLite's parameter limit."""
    for i in range(0, len(values), size):
        chunk = list(values[i:i + size])
        yield chunk, ",".join("?" * len(chunk))


def _order(sort_key: str, rowid: int) -> tuple:
    return (sort_key or "9999", rowid)


def _pack(index: SegmentIndex) -> bytes:
    buf = io.BytesIO()
    arrays = {f"k{i}": s.keys for i, s in enumerate(index.segments)}
    arrays.update({f"d{i}": s.docs for i, s in enumerate(index.segments)})
    arrays["deleted"] = np.fromiter(index.deleted, dtype=np.int64, count=len(index.deleted))
    np.savez(buf, **arrays)
    return buf.getvalue()


def _unpack(data: bytes) -> SegmentIndex:
    z = np.load(io.BytesIO(data), allow_pickle=False)
    n = sum(1 for name in z.files if name.startswith("k"))
    return SegmentIndex.from_blobs([(z[f"k{i}"].tobytes(), z[f"d{i}"].tobytes()) for i in range(n)],
                                   z["deleted"].tolist())


def load(db) -> Deduplicator:
    def text_of(keys: list[int]) -> dict[int, str]:
        out = {}
        for chunk, marks in _chunks(keys):
            out.update(db.execute(f"SELECT rowid, body FROM documents WHERE rowid IN ({marks})", chunk).fetchall())
        return out

    dedup = Deduplicator(text_of)
    for name, data in db.execute("SELECT name, data FROM dedup_state"):
        if name == "df":
            dedup.df = np.frombuffer(zlib.decompress(data), dtype=np.uint8).copy()
        elif name in _INDEXES:
            setattr(dedup, name, _unpack(data))
    dedup.orders = {rowid: _order(sort_key, rowid) for rowid, sort_key in
                    db.execute("SELECT rowid, sort_key FROM dedup_docs WHERE body_hash IS NOT NULL")}
    return dedup


def save(db, dedup: Deduplicator) -> None:
    for name in _INDEXES:
        index = getattr(dedup, name)
        if sum(len(s.keys) for s in index.segments) and len(index.deleted) > 0.2 * len(dedup.orders):
            index.compact()
        db.execute("INSERT OR REPLACE INTO dedup_state(name, data) VALUES (?, ?)", (name, _pack(index)))
    db.execute("INSERT OR REPLACE INTO dedup_state(name, data) VALUES ('df', ?)", (zlib.compress(dedup.df.tobytes(), 1),))


def update(store) -> dict:
    """Bring the persisted index, the duplicates table and provenance up to date. One write transaction."""
    db = store.db
    stale = db.execute("SELECT x.rowid, x.doc_id FROM dedup_docs x LEFT JOIN documents d ON d.rowid = x.rowid "
                       "WHERE d.rowid IS NULL OR d.body_hash IS NOT x.body_hash").fetchall()
    fresh = db.execute("SELECT d.rowid, d.id, d.body, d.published, d.body_hash FROM documents d "
                       "LEFT JOIN dedup_docs x ON x.rowid = d.rowid "
                       "WHERE x.rowid IS NULL OR d.body_hash IS NOT x.body_hash ORDER BY d.rowid").fetchall()
    if not stale and not fresh:
        return {"indexed": 0, "removed": 0, "pairs": 0}
    dedup = load(db)
    with db:
        affected: set[str] = set()
        stale_ids = [r[1] for r in stale]
        for chunk, marks in _chunks(stale_ids):
            affected.update(r[0] for r in db.execute(
                f"SELECT b FROM duplicates WHERE a IN ({marks}) UNION SELECT a FROM duplicates WHERE b IN ({marks})",
                chunk + chunk))
            db.execute(f"DELETE FROM duplicates WHERE a IN ({marks}) OR b IN ({marks})", chunk + chunk)
            db.execute(f"DELETE FROM provenance WHERE doc_id IN ({marks})", chunk)
        dedup.remove([r[0] for r in stale])
        db.executemany("DELETE FROM dedup_docs WHERE rowid = ?", [(r[0],) for r in stale])

        items = [(r["rowid"], r["body"], _order(r["published"] or "", r["rowid"])) for r in fresh]
        pairs = dedup.add(items)
        db.executemany("INSERT OR REPLACE INTO dedup_docs(rowid, doc_id, body_hash, sort_key) VALUES (?,?,?,?)",
                       [(r["rowid"], r["id"], r["body_hash"], r["published"] or "") for r in fresh])
        ids = dict(db.execute("SELECT rowid, doc_id FROM dedup_docs").fetchall()) if pairs else {}
        rows = [(ids[p.a], ids[p.b], p.kind, p.score, p.shared_chars, p.jaccard, p.a_in_b, p.b_in_a) for p in pairs]
        db.executemany("INSERT OR REPLACE INTO duplicates(a, b, kind, score, shared_chars, jaccard, a_in_b, b_in_a) "
                       "VALUES (?,?,?,?,?,?,?,?)", rows)
        affected.update(r[1] for r in rows)                  # the later article's earlier sources changed
        affected.difference_update(stale_ids)
        _provenance(db, sorted(affected))
        save(db, dedup)
    return {"indexed": len(fresh), "removed": len(stale), "pairs": len(pairs)}


def _provenance(db, doc_ids: list[str]) -> None:
    """Recompute the provenance rows of these articles from their earlier related articles."""
    for chunk, marks in _chunks(doc_ids, 200):
        links = db.execute(f"SELECT a, b FROM duplicates WHERE b IN ({marks})", chunk).fetchall()
        needed = sorted(set(chunk) | {a for a, _ in links})
        arts = _articles(db, needed)
        sources: dict[str, list[str]] = {d: [] for d in chunk}
        for a, b in links:
            sources[b].append(a)
        db.execute(f"DELETE FROM provenance WHERE doc_id IN ({marks})", chunk)
        out = []
        for d in chunk:
            if d not in arts or not sources[d]:
                continue
            srcs = sorted((arts[a] for a in sources[d] if a in arts), key=lambda x: x.order)
            p = provenance(arts[d], srcs)
            out.append((d, p["originality"], p["agency"], json.dumps(p["sources"], ensure_ascii=False),
                        json.dumps(p["paragraphs"])))
        db.executemany("INSERT INTO provenance(doc_id, originality, agency, sources, paragraphs) VALUES (?,?,?,?,?)",
                       out)


def _articles(db, ids: list[str]) -> dict[str, Article]:
    rows = []
    for chunk, marks in _chunks(ids):
        rows += db.execute(f"SELECT rowid, id, body, outlet, credits, dateline_agency, published FROM documents "
                           f"WHERE id IN ({marks})", chunk).fetchall()
    shingled = shingle_all([r["body"] for r in rows])
    out = {}
    for r, s in zip(rows, shingled):
        out[r["id"]] = Article(r["id"], r["body"], Prepared(s), r["outlet"], tuple(json.loads(r["credits"] or "[]")),
                               r["dateline_agency"], _order(r["published"] or "", r["rowid"]))
    return out
