"""Connected components of "shares text with" pairs: which articles form one copied text."""

from __future__ import annotations

from collections import defaultdict
from typing import Hashable, Iterable


class Components:
    """Union-find over any hashable keys (article ids, row numbers), created on first sight."""

    def __init__(self, keys: Iterable[Hashable] = ()):
        self.parent: dict = {k: k for k in keys}

    def find(self, x: Hashable) -> Hashable:
        parent = self.parent
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: Hashable, b: Hashable) -> None:
        self.parent[self.find(a)] = self.find(b)

    def groups(self) -> list[list]:
        out = defaultdict(list)
        for k in self.parent:
            out[self.find(k)].append(k)
        return list(out.values())
