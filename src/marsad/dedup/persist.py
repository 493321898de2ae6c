"""The duplicate index kept in the store and brought up to date incrementally.

The store keeps the index's segments and document frequencies as named blobs, and which documents the index
holds: by document id, with the index's own integer key, the body hash it was indexed with and its place in
time (store.base.DedupEntry). An update takes out what was deleted or re-cleaned since, adds what is new (each
new article queries the persisted index; nothing indexed before is hashed again), writes the new pairs, and
recomputes provenance only for the articles whose set of earlier related articles changed.
"""

from __future__ import annotations

import io
import zlib

import numpy as np

from ..store.base import DedupEntry, Store
from ..store.views import DuplicatePair, Provenance
from .index import Deduplicator, Prepared, shingle_all
from .provenance import Article, provenance
from .segments import SegmentIndex

_INDEXES = ("exact", "bands", "samples")


def _order(sort_key: str, seq: int) -> tuple:
    """Earlier publications first; among the same day, what was stored first."""
    return (sort_key or "9999", seq)


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


def load(store: Store) -> tuple[Deduplicator, dict[str, DedupEntry]]:
    state, entries = store.dedup_load()
    dedup = Deduplicator(store.dedup_bodies)
    for name, data in state.items():
        if name == "df":
            dedup.df = np.frombuffer(zlib.decompress(data), dtype=np.uint8).copy()
        elif name in _INDEXES:
            setattr(dedup, name, _unpack(data))
    # documents indexed with an empty body hold no shingles and take no part in pairs
    dedup.orders = {e.key: _order(e.sort_key, e.seq) for e in entries if e.body_hash is not None}
    return dedup, {e.doc_id: e for e in entries}


def _state(dedup: Deduplicator) -> dict[str, bytes]:
    out = {}
    for name in _INDEXES:
        index = getattr(dedup, name)
        if sum(len(s.keys) for s in index.segments) and len(index.deleted) > 0.2 * len(dedup.orders):
            index.compact()
        out[name] = _pack(index)
    out["df"] = zlib.compress(dedup.df.tobytes(), 1)
    return out


def _next_key(dedup: Deduplicator, held: dict[str, DedupEntry]) -> int:
    """A key no entry of the index uses, deleted ones included (they stay in segments until a merge)."""
    top = max((e.key for e in held.values()), default=0)
    for index in (getattr(dedup, name) for name in _INDEXES):
        top = max([top, *index.deleted, *(int(s.docs.max()) for s in index.segments if len(s.docs))])
    return top + 1


def update(store: Store) -> dict:
    """Bring the persisted index, the duplicate pairs and provenance up to date. One write transaction."""
    stale, fresh = store.dedup_pending()
    if not stale and not fresh:
        return {"indexed": 0, "removed": 0, "pairs": 0}
    dedup, held = load(store)
    with store.transaction():
        stale_ids = [e.doc_id for e in stale]
        affected = store.dedup_remove(stale_ids)
        dedup.remove([e.key for e in stale])
        keys = {e.doc_id: e.key for e in stale}            # a re-cleaned document keeps its key
        new = _next_key(dedup, held)
        entries = []
        for c in fresh:
            key = keys.get(c.doc_id)
            if key is None:
                key, new = new, new + 1
            entries.append(DedupEntry(c.doc_id, key, c.body_hash, c.published or "", c.seq))
        items = [(e.key, c.body, _order(e.sort_key, c.seq)) for e, c in zip(entries, fresh)]
        bodies = {key: body for key, body, _ in items}

        def text_of(keys: list[int]) -> dict[int, str]:
            """Texts of candidates: this update's from memory (not stored in the index yet), others from the store."""
            out = {k: bodies[k] for k in keys if k in bodies}
            rest = [k for k in keys if k not in bodies]
            return {**out, **store.dedup_bodies(rest)} if rest else out

        dedup.text_of = text_of
        pairs = dedup.add(items)
        id_of = {e.key: e.doc_id for e in held.values()}
        id_of.update({e.key: e.doc_id for e in entries})
        rows = [DuplicatePair(id_of[p.a], id_of[p.b], p.kind, p.score, p.shared_chars, p.jaccard, p.a_in_b, p.b_in_a)
                for p in pairs]
        store.dedup_save(entries, rows, _state(dedup))
        affected.update(r.b for r in rows)                  # the later article's earlier sources changed
        affected.difference_update(stale_ids)
        _provenance(store, sorted(affected))
    return {"indexed": len(fresh), "removed": len(stale), "pairs": len(pairs)}


def _provenance(store: Store, doc_ids: list[str]) -> None:
    """Recompute the provenance of these articles from their earlier related articles."""
    for i in range(0, len(doc_ids), 200):
        chunk = doc_ids[i:i + 200]
        links = store.earlier_related(chunk)
        arts = _articles(store, sorted(set(chunk) | {a for a, _ in links}))
        sources: dict[str, list[str]] = {d: [] for d in chunk}
        for a, b in links:
            sources[b].append(a)
        out = []
        for d in chunk:
            if d not in arts or not sources[d]:
                continue
            srcs = sorted((arts[a] for a in sources[d] if a in arts), key=lambda x: x.order)
            p = provenance(arts[d], srcs)
            out.append(Provenance(d, p["originality"], p["agency"], p["sources"], p["paragraphs"]))
        store.put_provenance(chunk, out)


def _articles(store: Store, ids: list[str]) -> dict[str, Article]:
    docs = store.provenance_inputs(ids)
    shingled = shingle_all([d.body for d in docs])
    return {d.id: Article(d.id, d.body, Prepared(s), d.outlet, tuple(d.credits), d.dateline_agency,
                          _order(d.published or "", d.seq)) for d, s in zip(docs, shingled)}
