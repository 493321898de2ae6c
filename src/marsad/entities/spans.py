"""Indexes over one document's spans and mentions, built once per document.

The recognizer asks the same questions of every mention: "is this inside one of those spans?", "which of these
mentions came first before here?". Asked by a scan over everything found so far, they cost the square of the
text's length: a 1 MB text (many articles pasted into one) spent much of its time in such scans. These helpers
answer the same questions, with the same answers, in constant or logarithmic time.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import Generic, Protocol, TypeVar


class _Started(Protocol):
    start: int


M = TypeVar("M", bound=_Started)


class FirstBefore(Generic[M]):
    """Mentions in their given order, with a min-tree over their starts.

    `find(pos)` is the first mention (in the given order, not by start) that starts before `pos`, else the first
    mention of all; None when there are none. It is what a scan over the list would find, in O(log n), also when
    the list is not sorted by start. A mention whose start changes after the tree was built is taken into
    account by `moved`."""

    __slots__ = ("items", "_size", "_tree")

    def __init__(self, items: Sequence[M]) -> None:
        self.items = list(items)
        size = 1
        while size < len(self.items):
            size *= 2
        self._size = size
        tree = [float("inf")] * (2 * size)
        for i, m in enumerate(self.items):
            tree[size + i] = m.start
        for i in range(size - 1, 0, -1):
            tree[i] = min(tree[2 * i], tree[2 * i + 1])
        self._tree = tree

    def moved(self, i: int) -> None:
        """Item i's start changed: update the tree along its path to the root."""
        tree = self._tree
        k = self._size + i
        tree[k] = self.items[i].start
        k //= 2
        while k:
            tree[k] = min(tree[2 * k], tree[2 * k + 1])
            k //= 2

    def find(self, pos: int) -> M | None:
        """The first item that starts before pos, else the first item; None for no items."""
        if not self.items:
            return None
        tree = self._tree
        if tree[1] >= pos:
            return self.items[0]
        k = 1
        while k < self._size:                       # descend to the leftmost leaf below pos
            k = 2 * k if tree[2 * k] < pos else 2 * k + 1
        return self.items[k - self._size]


def joined_pairs(spans: Iterable[tuple[int, int, str]], etype: str) -> frozenset[int]:
    """The token positions p such that one span of type `etype` (first, last token, type) holds both p and p + 1,
    so that asking it of a token is one lookup instead of a scan over every span. Overlapping spans are merged
    first: each position is written once."""
    pairs = sorted((a, b - 1) for a, b, t in spans if t == etype and a < b)
    out: set[int] = set()
    reach = -1
    for lo, hi in pairs:
        out.update(range(max(lo, reach + 1), hi + 1))
        reach = max(reach, hi)
    return frozenset(out)


class Covering:
    """Character spans (start, end); `covers(start, end)` says whether one of them holds [start, end] whole,
    as `any(a <= start and end <= b for a, b in spans)` does, by a bisection over the spans sorted by start with
    the furthest end reached so far."""

    __slots__ = ("_starts", "_reach")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [a for a, _ in ordered]
        reach: list[float] = []
        best = float("-inf")
        for _, b in ordered:
            best = max(best, b)
            reach.append(best)
        self._reach = reach

    def covers(self, start: int, end: int) -> bool:
        k = bisect_right(self._starts, start)
        return k > 0 and self._reach[k - 1] >= end
