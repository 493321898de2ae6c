"""A multimap from 64-bit keys to document numbers, queried a batch at a time: the storage of the LSH bands
and of the containment samples.

Why not a dict of lists: a document brings 32 band keys and ~40 samples, so a dict index spends most of the
duplicate stage in Python-level inserts and lookups (130 µs per article, measured) and ~5 KB per article in
objects. Here keys live in sorted numpy arrays ("segments", as in a log-structured merge tree): a batch is
added as one new segment, equal-sized neighbours are merged, so there are O(log n) segments and a batch
query is one binary search per segment. Deleted documents are tombstones, dropped at the next merge. A
segment is two arrays that never change once built: the store keeps each in a row of its own
(dedup/persist.py), so storing the index after a batch writes what the batch made, not the whole index.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class Segment:
    keys: np.ndarray                # int64, sorted
    docs: np.ndarray                # int64, same order
    name: str | None = None         # the name it is stored under (dedup/persist.py); None until it is stored.
                                    # A segment never changes once built (a merge makes a new one), so a stored
                                    # one is never written again

    @classmethod
    def build(cls, keys: np.ndarray, docs: np.ndarray) -> "Segment":
        order = np.argsort(keys, kind="stable")
        return cls(keys[order], docs[order])


@dataclass
class SegmentIndex:
    segments: list[Segment] = field(default_factory=list)
    deleted: set[int] = field(default_factory=set)
    _deleted_array: np.ndarray | None = None

    def __len__(self) -> int:
        return sum(len(s.keys) for s in self.segments)

    def nbytes(self) -> int:
        return sum(s.keys.nbytes + s.docs.nbytes for s in self.segments)

    def lookup(self, keys: np.ndarray, with_counts: bool = False):
        """(position in `keys`, document) for every stored entry whose key is in `keys`; with `with_counts`,
        also how many documents carry each key (deleted ones not counted: their entries wait for the next merge,
        and the counts are what a compacted index would give). The keys are searched in sorted order."""
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        qs, ds = [], []
        per_key = np.zeros(len(keys), dtype=np.int64)
        for seg in self.segments:
            left = np.searchsorted(seg.keys, sorted_keys, "left")
            right = np.searchsorted(seg.keys, sorted_keys, "right")
            counts = right - left
            total = int(counts.sum())
            if not total:
                continue
            per_key[order] += counts
            q = np.repeat(order, counts)
            starts = np.repeat(left - np.concatenate(([0], np.cumsum(counts)[:-1])), counts)
            ds.append(seg.docs[starts + np.arange(total)])
            qs.append(q)
        if not qs:
            q, d = np.zeros(0, np.intp), np.zeros(0, np.int64)
            return (q, d, per_key) if with_counts else (q, d)
        q, d = np.concatenate(qs), np.concatenate(ds)
        if self.deleted:
            live = ~np.isin(d, self._deleted())
            per_key -= np.bincount(q[~live], minlength=len(keys))
            q, d = q[live], d[live]
        return (q, d, per_key) if with_counts else (q, d)

    def add(self, keys: np.ndarray, docs: np.ndarray) -> None:
        if not len(keys):
            return
        self.segments.append(Segment.build(keys.astype(np.int64), docs.astype(np.int64)))
        while len(self.segments) > 1 and len(self.segments[-2].keys) <= 2 * len(self.segments[-1].keys):
            b, a = self.segments.pop(), self.segments.pop()
            self.segments.append(self._merge(a, b))

    def _merge(self, a: Segment, b: Segment) -> Segment:
        keys, docs = np.concatenate((a.keys, b.keys)), np.concatenate((a.docs, b.docs))
        if self.deleted:
            live = ~np.isin(docs, self._deleted())
            keys, docs = keys[live], docs[live]
        return Segment.build(keys, docs)

    def remove(self, docs) -> None:
        self.deleted.update(int(d) for d in docs)
        self._deleted_array = None

    def compact(self) -> None:
        """Merge everything into one segment and forget the tombstones."""
        if self.segments:
            merged = self.segments[0]
            for seg in self.segments[1:]:
                merged = Segment(np.concatenate((merged.keys, seg.keys)), np.concatenate((merged.docs, seg.docs)))
            if self.deleted:
                live = ~np.isin(merged.docs, self._deleted())
                merged = Segment(merged.keys[live], merged.docs[live])
            self.segments = [Segment.build(merged.keys, merged.docs)]
        self.deleted = set()
        self._deleted_array = None

    def _deleted(self) -> np.ndarray:
        if self._deleted_array is None:
            self._deleted_array = np.fromiter(self.deleted, dtype=np.int64, count=len(self.deleted))
        return self._deleted_array
