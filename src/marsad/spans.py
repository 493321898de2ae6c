"""Indexes over one document's spans and mentions, built once per document, shared by the stages.

Entities, times and quotes ask the same questions of every mention: "is this inside one of those spans?",
"which of these mentions came first (or last) before here?". Asked by a scan over everything found so far, they
cost the square of the text's length: a 1 MB text (many articles pasted into one) spent much of its time in such
scans. These helpers answer the same questions, with the same answers, in constant or logarithmic time.
"""

from __future__ import annotations

import bisect
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
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


class Spans:
    """Spans [start, end) that do not overlap, as the contents attributed so far are: whether an offset is inside
    one, or a span overlaps one, is a bisection (testing every content for every cue is quadratic in a long
    page). Kept sorted by (start, end); with no two overlapping, the ends are then in order too, so the last span
    that starts before a point is the only one that can reach past it."""

    __slots__ = ("_spans",)

    def __init__(self) -> None:
        self._spans: list[tuple[int, int]] = []

    def __len__(self) -> int:
        return len(self._spans)

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return iter(self._spans)

    def covers(self, pos: int) -> bool:
        """Whether some span has start <= pos < end."""
        i = bisect.bisect_right(self._spans, (pos, _INF))
        return i > 0 and self._spans[i - 1][1] > pos

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some span [a, b) has a < end and start < b (the test that keeps two quotes apart)."""
        i = bisect.bisect_left(self._spans, (end, -_INF))
        return i > 0 and self._spans[i - 1][1] > start

    def add_if_free(self, start: int, end: int) -> bool:
        """Add [start, end) unless it overlaps a span already in; whether it was added."""
        if self.overlaps(start, end):
            return False
        bisect.insort(self._spans, (start, end))
        return True


_INF = float("inf")


class LastBefore:
    """For each key, the items that have it, by their (ascending) index: the last item with a key before an index
    is one bisection. Back-references ("الوزير", "المنظمة") look for the last person or organization named
    before them that fits; scanning all earlier ones for each is quadratic in a page with thousands of names."""

    __slots__ = ("_at",)

    def __init__(self) -> None:
        self._at: dict[object, list[int]] = {}

    def add(self, key: object, i: int) -> None:
        """Item i has `key`; items are added in ascending order of i (again for the same i is a no-op)."""
        at = self._at.setdefault(key, [])
        if not at or at[-1] != i:
            at.append(i)

    def last(self, key: object, bound: int) -> int | None:
        """The largest index below `bound` of an item with `key`, or None."""
        at = self._at.get(key)
        if not at:
            return None
        j = bisect.bisect_left(at, bound)
        return at[j - 1] if j else None
