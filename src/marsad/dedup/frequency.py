"""Document frequencies of shingles, hashed into counters, that can be taken back exactly.

The template test (`index.template`) reads how many documents carry each shingle. The counters are uint8
(16 MB), saturating at 255, which is all the test needs. Why not only that: when documents arrive earlier than
documents already indexed, the later ones are taken out and added again after them (`persist.py`), and a
counter that saturated could not be brought back to its true count. The few slots past 254 (the shingles of
stock phrases) keep their exact count aside, so taking documents out leaves exactly the counters that a build
without them would hold.
"""

from __future__ import annotations

import numpy as np

DF_SLOTS = 1 << 24            # hashed document-frequency counters (16 MB)
SATURATED = 255               # a counter at this value holds its exact count in `Frequencies.big`


def slots(hashes: np.ndarray) -> np.ndarray:
    """The counter of each shingle hash."""
    return (hashes & np.uint64(DF_SLOTS - 1)).astype(np.int64)


def _distinct_counts(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct values and their counts (np.unique's result, by one sort: cheaper on small arrays)."""
    s = np.sort(values)
    first = np.empty(len(s), dtype=bool)
    first[0] = True
    np.not_equal(s[1:], s[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    return s[starts], np.diff(np.append(starts, len(s)))


class Frequencies:
    """Documents per shingle slot: `small` saturating at 255 (what is read), `big` the exact counts past it."""

    def __init__(self, small: np.ndarray | None = None, big: dict[int, int] | None = None):
        self.small = small if small is not None else np.zeros(DF_SLOTS, dtype=np.uint8)
        self.big: dict[int, int] = dict(big or {})

    @property
    def nbytes(self) -> int:
        return self.small.nbytes

    def __call__(self, hashes: np.ndarray) -> np.ndarray:
        """Documents carrying each shingle, saturated at 255."""
        return self.small[slots(hashes)]

    def change(self, hashes: np.ndarray, sign: int = 1) -> None:
        """Count (sign 1) or take back (sign -1) these shingles, with their repeats (a phrase repeated inside one
        text counts more than once: rare, and only ever towards "formula")."""
        if not len(hashes):
            return
        u, c = _distinct_counts(slots(hashes))
        current = self.small[u].astype(np.int64)
        over = current == SATURATED
        if over.any():
            current[over] = [self.big[s] for s in u[over].tolist()]
        new = current + sign * c
        if new.min() < 0:
            raise ValueError("taking back shingles that were never counted")
        self.small[u] = np.minimum(new, SATURATED).astype(np.uint8)
        touched = over | (new >= SATURATED)
        if touched.any():
            for s, v in zip(u[touched].tolist(), new[touched].tolist()):
                if v >= SATURATED:
                    self.big[s] = v
                else:
                    self.big.pop(s, None)

    def big_arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """The exact counts past 254 as two arrays (slots, counts), sorted: what the store keeps."""
        keys = np.array(sorted(self.big), dtype=np.int64)
        return keys, np.array([self.big[k] for k in keys.tolist()], dtype=np.int64)
