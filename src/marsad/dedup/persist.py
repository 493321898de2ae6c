"""The duplicate index kept in the store and brought up to date incrementally.

The store keeps the index's segments (each in a row of its own, written once: an update writes the segments
its batch made and the list of them), document frequencies and sample counts as named blobs, and which
documents the index holds: by document id, with the index's own integer key, the body hash it was indexed with
and its publication date (store.base.DedupEntry).

The pairs are those of the documents taken in one order, earlier publication first, then document id
(`Deduplicator`), so they depend on which documents are stored, not on the order or the batches they came in.
An update adds new documents that come after every indexed one (each queries the persisted index; nothing
indexed before is hashed again). When some come earlier, the indexed documents after the earliest of them are
taken out (their entries, pairs, provenance and document frequencies) and added again after it.

The store lists the documents stored, re-analysed or deleted since the last update (`dedup_todo`), so an update
reads those, not every stored document. Documents re-cleaned or deleted since the last update are taken out with
the text the index holds of them (the store keeps it when the body changes: `dedup_retired`), and a re-cleaned one
is added again in its place under a new key: its nearest documents before it and after it are verified, and so are
the later documents it was paired with (their own queries chose it). The other documents' pairs stand: a full
rebuild can differ where the changed text moved a count another document's decision read (a document frequency by
one; a key's carriers, which a later document counts up to itself: a copy that meets the re-cleaned text only
through a key ten earlier documents carry is not found). Why not take out everything after it, as for a new earlier
document: templates re-clean an outlet's old pages whenever they learn a line, and that would cost a whole rebuild
on every batch. The index is rebuilt from the stored documents when the store did not keep a changed text (a store
written before it did), when more than REBUILD_SHARE of the index changed (`marsad reprocess`: as cheap, and
exact), on `marsad corpus --full`, and when the index was written by an older Marsad. Provenance is recomputed for
the articles whose pairs or sources were written again.
"""

from __future__ import annotations

import hashlib
import io
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from ..store.base import DedupCandidate, DedupEntry, Store
from ..store.views import DuplicatePair, Provenance
from .index import Deduplicator, Prepared, shingle_all
from .provenance import Article, provenance
from .segments import Segment, SegmentIndex

VERSION = b"2"                # the index as Deduplicator builds it now (older ones are rebuilt once)
_INDEXES = ("exact", "bands", "samples")
CHUNK = 4096                  # documents read from the store and added at a time
REBUILD_SHARE = 0.5           # more of the index re-cleaned or deleted than this: rebuilt rather than patched


def _order(sort_key: str, doc_id: str) -> tuple:
    """Earlier publications first; an article without a date after every dated one; then the document id (not
    the place in the store: that is arrival order)."""
    return (sort_key or "9999", doc_id)


def _arrays(**arrays: np.ndarray) -> bytes:
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    return buf.getvalue()


def _pack(name: str, index: SegmentIndex) -> tuple[dict[str, bytes | memoryview], list[str]]:
    """The rows that store an index: one per segment not stored yet (named by its content), and the index's list
    of segments with its tombstones under `name`; and the names of all its rows. A segment never changes once
    built, so an update writes the batch's new segment and what merges made, not the whole index."""
    rows: dict[str, bytes | memoryview] = {}
    for seg in index.segments:
        if seg.name is None:
            data = _stored_form(seg)
            seg.name = f"{name}/{hashlib.blake2b(data, digest_size=8).hexdigest()}"
            rows[seg.name] = data
    names = [seg.name for seg in index.segments]
    rows[name] = _arrays(segments=np.array(names, dtype=str),
                         deleted=np.fromiter(index.deleted, dtype=np.int64, count=len(index.deleted)))
    return rows, [name, *names]


def _stored_form(seg: Segment) -> memoryview:
    """A new segment's row: its keys then its documents, little-endian int64, and the segment's arrays made views of
    that one buffer. Why: written as two `tobytes` joined, a segment was held four times over while it was packed
    (its arrays, their two copies, the joined bytes) and twice until the write; a merge at 100,000 articles makes
    segments of tens of MB."""
    n = len(seg.keys)
    both = np.concatenate((seg.keys, seg.docs)).astype("<i8", copy=False)
    seg.keys, seg.docs = both[:n], both[n:]
    return memoryview(both).cast("B")


def _unpack(name: str, state: dict[str, bytes]) -> SegmentIndex:
    z = np.load(io.BytesIO(state[name]), allow_pickle=False)
    if "segments" in z.files:
        segs = []
        for seg_name in z["segments"].tolist():
            # its keys, then its documents: read-only views of the stored bytes (a segment is never changed)
            both = np.frombuffer(state[seg_name], dtype="<i8")
            segs.append(Segment(both[:len(both) // 2], both[len(both) // 2:], seg_name))
    else:       # the whole index in one row, as Marsad wrote it before: its segments are stored one by one next time
        segs = [Segment(z[f"k{i}"], z[f"d{i}"]) for i in range(sum(1 for f in z.files if f.startswith("k")))]
    index = SegmentIndex(segs)
    index.remove(z["deleted"].tolist())
    return index


def _pack_pairs(keys: np.ndarray, values: np.ndarray) -> bytes:
    return _arrays(keys=keys.astype(np.int64), values=values.astype(np.int64))


def _unpack_pairs(data: bytes) -> dict[int, int]:
    z = np.load(io.BytesIO(data), allow_pickle=False)
    return dict(zip(z["keys"].tolist(), z["values"].tolist()))


def load(store: Store) -> tuple[Deduplicator, dict[str, DedupEntry]]:
    state, entries = store.dedup_load()
    return restore(store, state, entries), {e.doc_id: e for e in entries}


def restore(store: Store, state: dict[str, bytes], entries: list[DedupEntry]) -> Deduplicator:
    """The in-memory index from its persisted state."""
    dedup = Deduplicator(store.dedup_bodies)
    for name, data in state.items():
        if name == "df":
            dedup.df.small = np.frombuffer(zlib.decompress(data), dtype=np.uint8).copy()
        elif name == "df_big":
            dedup.df.big = _unpack_pairs(data)
        elif name == "sample_n":
            dedup.sample_n = _unpack_pairs(data)
        elif name in _INDEXES:
            setattr(dedup, name, _unpack(name, state))
    # documents indexed with an empty body hold no shingles and take no part in pairs
    dedup.orders = {e.key: _order(e.sort_key, e.doc_id) for e in entries if e.body_hash is not None}
    return dedup


def _state(dedup: Deduplicator) -> tuple[dict[str, bytes], set[str]]:
    """The rows to write (what changed) and the names of every row the index now consists of."""
    out: dict[str, bytes] = {}
    names = {"df", "df_big", "sample_n", "version"}
    for name in _INDEXES:
        index = getattr(dedup, name)
        if sum(len(s.keys) for s in index.segments) and len(index.deleted) > 0.2 * len(dedup.orders):
            index.compact()
        rows, held = _pack(name, index)
        out.update(rows)
        names.update(held)
    out["df"] = zlib.compress(dedup.df.small.tobytes(), 1)
    out["df_big"] = _pack_pairs(*dedup.df.big_arrays())
    keys = np.array(sorted(dedup.sample_n), dtype=np.int64)
    out["sample_n"] = _pack_pairs(keys, np.array([dedup.sample_n[k] for k in keys.tolist()], dtype=np.int64))
    out["version"] = VERSION
    return out, names


def _next_key(dedup: Deduplicator, held: dict[str, DedupEntry]) -> int:
    """A key no entry of the index uses, deleted ones included (they stay in segments until a merge)."""
    top = max((e.key for e in held.values()), default=0)
    for index in (getattr(dedup, name) for name in _INDEXES):
        top = max([top, *index.deleted, *(int(s.docs.max()) for s in index.segments if len(s.docs))])
    return top + 1


@dataclass
class _Work:
    """What one update does: the index to add to, the indexed documents taken out to be added again (`redo`),
    the new entries (`fresh`, in order with `redo`), the re-cleaned documents added again in their place before
    those (`patched`), and the bodies of the documents to index."""
    dedup: Deduplicator
    redo: list[DedupEntry]
    fresh: list[DedupEntry]
    bodies: dict[str, str]
    rebuilt: bool
    patched: list[DedupEntry] = field(default_factory=list)


def update(store: Store, full: bool = False) -> dict:
    """Bring the persisted index, the duplicate pairs and provenance up to date (`full`: rebuild the index from
    the stored documents). One write transaction.

    Returns counts: documents `indexed` (new or re-cleaned), `removed` (deleted or re-cleaned), `reindexed`
    (taken out and added again to keep the order), `rebuilt` (1 when the whole index was), new `pairs` (not
    related before, in either direction), candidate pairs `compared` on their texts, and `provenance`
    comparisons (article, earlier source)."""
    with store.transaction():
        stale, fresh = store.dedup_pending()
        outdated = store.dedup_outdated(VERSION)
        if not stale and not fresh and not full and not outdated:
            store.dedup_save([], [], {})          # what the store listed to look at was nothing to do
            return _nothing()
        state, entries = store.dedup_load()
        if not stale and not fresh and not outdated and not (full and entries):
            return _nothing()
        work = _plan(store, state, entries, stale, fresh, rebuild=outdated or full)
        held = set(state)
        del state                                 # a rebuilt index no longer needs the stored one's bytes
        links = _Links.read(store, work, stale)
        store.dedup_remove(links.taken)
        id_of = {e.key: e.doc_id for e in entries + work.patched + work.fresh}
        pairs = _add(store, work, id_of)
        pairs += _recheck(work, links.later, entries, pairs)
        rows = [DuplicatePair(id_of[p.a], id_of[p.b], p.kind, p.score, p.shared_chars, p.jaccard, p.a_in_b,
                              p.b_in_a) for p in pairs]
        changed, names = _state(work.dedup)
        store.dedup_save(work.patched + work.redo + work.fresh, rows, changed, sorted(held - names))
        sources = _provenance(store, links.again(store, rows))
    return {"indexed": len(fresh), "removed": len(stale), "reindexed": len(work.redo), "rebuilt": int(work.rebuilt),
            "pairs": links.new(rows), "compared": work.dedup.compared, "provenance": sources}


def _nothing() -> dict:
    return dict.fromkeys(("indexed", "removed", "reindexed", "rebuilt", "pairs", "compared", "provenance"), 0)


@dataclass
class _Links:
    """The pairs an update takes away, read before it does: they decide whose provenance is computed again and
    which pairs are new."""
    taken: list[str]                            # documents taken out of the index: changed, or put back in order
    earlier: list[tuple[str, str]]              # pairs whose later member was taken out
    later: list[tuple[str, str]]                # pairs of a changed document with a later one that stays
    kept: dict[str, tuple[frozenset[str], Provenance]]     # provenance that may be stored again as it was

    @classmethod
    def read(cls, store: Store, work: _Work, stale: list[DedupEntry]) -> "_Links":
        gone = {e.doc_id for e in stale}
        taken = gone | {e.doc_id for e in work.redo}
        earlier = store.earlier_related(sorted(taken))
        later = [(a, b) for a, b in store.later_related(sorted(gone)) if b not in taken]
        changed = gone | {b for a, b in earlier if a in gone}       # their provenance reads a changed text
        kept = {} if work.rebuilt else _provenance_of(store, [(a, b) for a, b in earlier if b not in changed])
        return cls(sorted(taken), earlier, later, kept)

    def again(self, store: Store, rows: list[DuplicatePair]) -> list[str]:
        """The articles whose provenance is computed again (the others' kept one is stored back)."""
        now = _sources([(r.a, r.b) for r in rows])
        return sorted(set(_put_back(store, self.kept, now)) | {b for _, b in self.later if b not in now})

    def new(self, rows: list[DuplicatePair]) -> int:
        before = {frozenset(link) for link in self.earlier + self.later}
        return sum(1 for r in rows if frozenset((r.a, r.b)) not in before)


def _recheck(work: _Work, later: list[tuple[str, str]], entries: list[DedupEntry], found: list) -> list:
    """The pairs a re-cleaned document put back in place had with later documents, verified on its new text (those
    its own query did not find again)."""
    key_of = {e.doc_id: e.key for e in entries}
    put_back = {e.doc_id: e.key for e in work.patched}
    have = {(p.a, p.b) for p in found} | {(p.b, p.a) for p in found}
    todo = [(put_back[a], key_of[b]) for a, b in later if a in put_back and b in key_of]
    return work.dedup.recheck([pair for pair in todo if pair not in have])


def _sources(links: list[tuple[str, str]]) -> dict[str, frozenset[str]]:
    """Each later article's earlier related articles."""
    out: dict[str, set[str]] = {}
    for a, b in links:
        out.setdefault(b, set()).add(a)
    return {b: frozenset(a) for b, a in out.items()}


def _provenance_of(store: Store, links: list[tuple[str, str]]) -> dict[str, tuple[frozenset[str], Provenance]]:
    """The provenance of the articles taken out to be added again, with their sources, read before it is
    removed with them: an article that comes back with the same sources (unchanged texts, as nothing was
    re-cleaned) keeps it instead of having it computed again."""
    out = {}
    for b, a in _sources(links).items():
        p = store.provenance(b)
        if p is not None:
            out[b] = (a, p)
    return out


def _put_back(store: Store, kept: dict[str, tuple[frozenset[str], Provenance]],
              now: dict[str, frozenset[str]]) -> list[str]:
    """Store again the kept provenance of articles whose sources are unchanged; returns the others, in order."""
    same = [kept[b][1] for b, a in now.items() if b in kept and kept[b][0] == a]
    store.put_provenance([p.article_id for p in same], same)
    return sorted(b for b, a in now.items() if not (b in kept and kept[b][0] == a))


def _plan(store: Store, state: dict[str, bytes], entries: list[DedupEntry], stale: list[DedupEntry],
          fresh: list[DedupCandidate], rebuild: bool) -> _Work:
    """The index to add to and what to add: the changed documents taken out (the re-cleaned to be added again in
    place), the new documents with the indexed ones that come after the earliest of them, taken back out of the
    persisted index; or everything, into an empty index (rebuild)."""
    bodies = {c.doc_id: c.body for c in fresh}
    gone = {e.doc_id for e in stale}
    if not rebuild and len(stale) <= REBUILD_SHARE * len(entries):
        dedup = restore(store, state, entries)
        new_entries = _new_entries(dedup, entries, fresh)
        cut = min((_at(e) for e in new_entries if e.body_hash is not None and e.doc_id not in gone), default=None)
        # re-cleaned documents before the earliest new one go back in place; those after it, in order with it
        patched = sorted((e for e in new_entries if e.doc_id in gone and (cut is None or _at(e) < cut)), key=_at)
        if _retire(store, dedup, stale):
            redo = _later(entries, cut, dedup)
            if _take_back(store, dedup, redo):
                inplace = {e.doc_id for e in patched}
                return _Work(dedup, redo, [e for e in new_entries if e.doc_id not in inplace], bodies, False,
                             patched)
    dedup = Deduplicator(store.dedup_bodies)
    redo = [e for e in entries if e.doc_id not in gone and e.body_hash is not None]
    return _Work(dedup, redo, _new_entries(dedup, entries, fresh), bodies, True)


def _at(entry: DedupEntry) -> tuple:
    return _order(entry.sort_key, entry.doc_id)


def _retire(store: Store, dedup: Deduplicator, stale: list[DedupEntry]) -> bool:
    """Take the re-cleaned and deleted documents out of the index with the texts it holds of them, a chunk at a
    time. False when the store did not keep one of those texts, or a text's counts cannot be taken back: the index
    is then built again."""
    held = [e for e in stale if e.key in dedup.orders]            # an empty body was indexed with nothing
    try:
        for chunk in _chunks(held):
            texts = store.dedup_retired([e.doc_id for e in chunk])
            if any(texts.get(e.doc_id, ("",))[0] != e.body_hash for e in chunk):
                return False
            dedup.take_back([(e.key, texts[e.doc_id][1]) for e in chunk])
    except ValueError:
        return False
    return True


def _later(entries: list[DedupEntry], cut: tuple | None, dedup: Deduplicator) -> list[DedupEntry]:
    """The indexed documents that come after `cut` (the earliest new one), in order."""
    if cut is None:
        return []
    return sorted((e for e in entries if e.key in dedup.orders and _at(e) > cut), key=_at)


def _take_back(store: Store, dedup: Deduplicator, redo: list[DedupEntry]) -> bool:
    """Take these documents back out of the index. False when a stored text is not the one that was indexed
    after all (its counts cannot be taken back): the index is then built again."""
    try:
        for chunk in _chunks(redo):
            texts = _bodies(store, [e.doc_id for e in chunk])
            dedup.take_back([(e.key, texts[e.doc_id]) for e in chunk if e.doc_id in texts])
    except ValueError:
        return False
    return True


def _new_entries(dedup: Deduplicator, entries: list[DedupEntry], fresh: list[DedupCandidate]) -> list[DedupEntry]:
    """Entries for the documents to index, each under a key no entry has used: a re-cleaned document's old key
    may still be in the index's segments as a tombstone, which would hide its new entries."""
    first = _next_key(dedup, {e.doc_id: e for e in entries})
    return [DedupEntry(c.doc_id, first + i, c.body_hash, c.published or "", c.seq) for i, c in enumerate(fresh)]


def _chunks(items: list) -> Iterable[list]:
    for i in range(0, len(items), CHUNK):
        yield items[i:i + CHUNK]


def _bodies(store: Store, doc_ids: list[str]) -> dict[str, str]:
    """Bodies by document id (also of documents whose index entry this update took out)."""
    return {d.id: d.body for d in store.provenance_inputs(doc_ids)}


def _add(store: Store, work: _Work, id_of: dict[int, str]) -> list:
    """Add the re-cleaned documents in place, then those taken out and the new ones, in order, a chunk of bodies
    at a time."""
    by_key = {e.key: e.doc_id for e in work.patched + work.redo + work.fresh}
    pending = work.bodies

    def text_of(keys: list[int]) -> dict[int, str]:
        """Texts of candidates: this update's new documents from memory, others from the store by id."""
        out = {k: pending[by_key[k]] for k in keys if k in by_key and by_key[k] in pending}
        rest = [k for k in keys if k not in out and k in id_of]
        found = _bodies(store, [id_of[k] for k in rest])
        out.update({k: found[id_of[k]] for k in rest if id_of[k] in found})
        return out

    work.dedup.text_of = text_of
    pairs = []
    for in_place, chunk in [*((True, c) for c in _chunks(work.patched)),
                            *((False, c) for c in _chunks(sorted(work.redo + work.fresh, key=_at)))]:
        texts = _bodies(store, [e.doc_id for e in chunk if e.doc_id not in pending])
        texts.update((e.doc_id, pending[e.doc_id]) for e in chunk if e.doc_id in pending)
        pairs.extend(work.dedup.add([(e.key, texts[e.doc_id], _at(e)) for e in chunk if e.doc_id in texts],
                                    in_place))
    return pairs


def _provenance(store: Store, doc_ids: list[str]) -> int:
    """Recompute the provenance of these articles from their earlier related articles. Returns the (article,
    source) comparisons made: at most MAX_CANDIDATES per article, as the index verifies no more candidates."""
    made = 0
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
            made += len(srcs)
            p = provenance(arts[d], srcs)
            out.append(Provenance(d, p["originality"], p["agency"], p["sources"], p["paragraphs"]))
        store.put_provenance(chunk, out)
    return made


def _articles(store: Store, ids: list[str]) -> dict[str, Article]:
    docs = store.provenance_inputs(ids)
    shingled = shingle_all([d.body for d in docs])
    return {d.id: Article(d.id, d.body, Prepared(s), d.outlet, tuple(d.credits), d.dateline_agency,
                          _order(d.published or "", d.id)) for d, s in zip(docs, shingled)}
