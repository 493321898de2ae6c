"""The text that time patterns run on: Arabic in matching form, with a map back to the original offsets.

Writing every pattern for every spelling (أمس/امس, الماضية/الماضيه, الجاري/الجارى, غداً/غدا, ٢٠٢٤/2024) makes
patterns unreadable and slow. Instead the body is folded once with the same mapping as `normalize`
(hamza seats, alef maqsura, taa marbuta, digits; diacritics and tatweel dropped) and the patterns are written
for that form. Folding drops characters (a few tanween marks in most bodies: غداً، يومياً), so the places where
characters were dropped are kept and an offset is mapped back with one bisection.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ..arabic.normalize import _MATCH_MAP

_DROPPED = re.compile("[" + "".join(re.escape(chr(c)) for c, v in _MATCH_MAP.items() if v is None) + "]")
# The 1:1 replacements of the matching form. A chain of str.replace over the few that occur is ~6x faster
# than str.translate with a dict, which looks up every character of the body in Python objects.
_PAIRS = [(chr(c), v) for c, v in _MATCH_MAP.items() if v is not None and chr(c) != v]


def fold_text(text: str) -> str:
    """`text.translate(_MATCH_MAP)`, faster."""
    if _DROPPED.search(text):
        text = _DROPPED.sub("", text)
    for a, b in _PAIRS:
        if a in text:
            text = text.replace(a, b)
    return text


class Folded:
    """`text` folded; `start(i)` / `end(j)` give original offsets of a folded span [i, j)."""

    __slots__ = ("text", "_gaps", "_orig")

    def __init__(self, original: str):
        self._orig = original
        self.text = fold_text(original)
        # gaps[k]: the folded offset at which the k-th dropped character was (several may share one offset)
        self._gaps = [m.start() - k for k, m in enumerate(_DROPPED.finditer(original))] \
            if len(self.text) != len(original) else []

    def start(self, i: int) -> int:
        """Original offset of the folded character at `i`."""
        return i + bisect_right(self._gaps, i) if self._gaps else i

    def end(self, j: int) -> int:
        """End offset in the original, taking the marks that follow the last letter (غداً ends after the tanween)."""
        if not self._gaps or j <= 0:
            return j
        e = self.start(j - 1) + 1
        orig, n = self._orig, len(self._orig)
        while e < n and _MATCH_MAP.get(ord(orig[e]), 1) is None:
            e += 1
        return e
