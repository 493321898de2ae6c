"""Boilerplate learned per outlet from the store: lines that recur across many pages of one outlet.

The hand-written lexicon knows chrome that every Arabic site shares; each outlet adds its own ("لمتابعة آخر
الأخبار تابعونا على قناتنا في تيليجرام", its slogan, a disclaimer, a promo for its app). Such a line recurs on
a large share of the outlet's pages, which article text never does. So the store counts, per outlet, in how
many distinct articles each line occurs (lines are kept as hashes of their matching form), and a line that
occurs often enough is boilerplate for that outlet from then on: in every new page at ingest, and in the pages
already stored, which are re-cleaned from their raw bytes.

Some chrome is not a line of its own but a fixed phrase that ends the article's last paragraph and runs on with
what changes on every page: "رابط الخبر بصحيفة الوئام: <the title>", "المصدر: <a URL>". For these, the last
TAIL_WORDS words of the last body line are keyed by the three words that open each of their phrases (after
punctuation); a key found at the end of at least half of an outlet's pages (the evidence a long line needs) is
a tail of that outlet, and the last paragraph is cut where it starts.

The thresholds guard article text that legitimately repeats: exact and near copies of the same article are
counted once (distinct body hashes), a short line must recur in a fifth of the outlet's pages (at least 4,
at most 40 pages once the outlet is large), and a long, prose-like line (a background paragraph repeated in
a running story) in half of them and at least 8. Nothing is learned before an outlet has MIN_PAGES pages.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from ..arabic.calendar import GREGORIAN_MONTHS, HIJRI_MONTHS
from ..arabic.normalize import normalize
from ..arabic.hashes import LONG_LINE_WORDS, line_hash, tail_keys  # noqa: F401 - line_hash: tests import it here

MIN_PAGES = 8            # an outlet's template exists from this many distinct pages on
SHORT_SHARE = 0.2        # a short line is boilerplate when it recurs in this share of the outlet's pages …
SHORT_MIN, SHORT_CAP = 4, 40   # … but in at least 4 and, on a large outlet, 40 pages are enough
LONG_WORDS = LONG_LINE_WORDS   # lines of this many words read like prose: they need much more evidence
LONG_SHARE, LONG_MIN = 0.5, 8


def threshold(pages: int, words: int) -> int:
    """How many distinct pages of an outlet a line must appear on to be that outlet's boilerplate."""
    if words >= LONG_WORDS:
        return max(LONG_MIN, math.ceil(LONG_SHARE * pages))
    return max(SHORT_MIN, min(math.ceil(SHORT_SHARE * pages), SHORT_CAP))


@dataclass
class Templates:
    """outlet → hashes of its boilerplate lines. Small (a few hundred hashes per outlet), so it travels to the
    worker processes whole."""

    by_outlet: dict[str, frozenset[str]] = field(default_factory=dict)

    def for_outlet(self, outlet: str | None) -> frozenset[str]:
        return self.by_outlet.get(outlet or "", frozenset())

    def __bool__(self) -> bool:
        return bool(self.by_outlet)

    @cached_property
    def _owners(self) -> dict[str, str]:
        """hash → the one outlet whose template holds it (lines in several outlets' templates are left out)."""
        owners: dict[str, list[str]] = {}
        for outlet, hs in self.by_outlet.items():
            for h in hs:
                owners.setdefault(h, []).append(outlet)
        return {h: o[0] for h, o in owners.items() if len(o) == 1}

    def identify(self, hashes: set[str], min_lines: int = 2) -> str | None:
        """The outlet a page comes from, by the boilerplate it shares with one outlet only (its menu, footer,
        slogan): for pages that print no name, no copyright line and come without a URL. Lines that several
        outlets share ("مقالات ذات صلة") say nothing and are not counted."""
        if not self.by_outlet or not hashes:
            return None
        votes = Counter(o for o in map(self._owners.get, hashes) if o is not None)
        if not votes:
            return None
        ranked = votes.most_common(2)
        best, n = ranked[0]
        second = ranked[1][1] if len(ranked) > 1 else 0
        return best if n >= min_lines and n >= 2 * second else None


def learned(store) -> Templates:
    """Each outlet's boilerplate lines in a store (`store.base.Store`), by the thresholds above."""
    by_outlet: dict[str, set[str]] = {}
    # only the lines that reach the lower of an outlet's two thresholds are read
    floors = {o: min(threshold(n, 1), threshold(n, LONG_WORDS)) for o, n in store.template_outlets() if n >= MIN_PAGES}
    for outlet, h, n, words, total in store.template_line_counts(floors):
        if n >= threshold(total, words):
            by_outlet.setdefault(outlet, set()).add(h)
    return Templates({o: frozenset(hs) for o, hs in by_outlet.items()})


def report(store, outlet: str | None = None) -> list[dict]:
    """Per outlet: pages counted and learned boilerplate lines, for `marsad templates`."""
    known = learned(store)
    return [{"outlet": o, "pages": n, "boilerplate_lines": len(known.for_outlet(o))}
            for o, n in store.template_outlets(outlet)]


_installed = Templates()


def install(templates: Templates | None) -> None:
    """Make templates visible to the clean stage of this process (the ingest's workers call this at start)."""
    global _installed
    _installed = templates or Templates()


def installed() -> Templates:
    return _installed


_DAY_MONTH: re.Pattern | None = None


def dated_line(line: str) -> bool:
    """A short line that prints a day of a month ("الرياض 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس"): a
    dateline, the same on every page an agency sends from one city on one day, but the date of each of them,
    never boilerplate."""
    global _DAY_MONTH
    if len(line.split()) > 16 or not any(ch.isdigit() for ch in line):
        return False
    if _DAY_MONTH is None:
        names = sorted(set(GREGORIAN_MONTHS) | set(HIJRI_MONTHS), key=len, reverse=True)
        _DAY_MONTH = re.compile(r"(?<!\d)\d{1,2}\s+(?:من\s+)?(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")
    return _DAY_MONTH.search(normalize(line)) is not None


def strip_lines(lines: list, body: str, boiler: frozenset[str]) -> tuple[str, list[str], list[str]] | None:
    """Apply one outlet's template to a cleaned page: body lines whose hash is boilerplate become boilerplate.

    Returns (new body, removed lines above the remaining body, removed lines below it), or None when nothing
    changed. Removed lines keep their place in `before`/`after`, so credits and bylines printed on them are
    still read as metadata.
    """
    if not boiler:
        return None
    paras = [p for p in body.split("\n") if p.strip()]
    hashes = [line_hash(p) for p in paras]
    drop = [h in boiler and not dated_line(p) for h, p in zip(hashes, paras)]
    keep_idx = [i for i, d in enumerate(drop) if not d]
    if not keep_idx:
        return None          # a page made only of recurring lines is odd, not empty: keep what it has
    first, last = keep_idx[0], keep_idx[-1]
    tail = next((at for key, at in tail_keys(paras[last]) if key in boiler), None)
    if tail is not None and (last == first and not tail or len(paras[last][tail:].split()) * 2 > sum(
            len(paras[i].split()) for i in keep_idx)):
        tail = None          # what would go is the article itself, not a phrase after it
    if not any(drop) and tail is None:
        return None
    removed_before = [paras[i] for i in range(first) if drop[i]]
    removed_after = [paras[i] for i in range(last + 1, len(paras)) if drop[i]]
    if tail is not None:
        kept = paras[last][:tail].rstrip()
        removed_after.insert(0, paras[last][tail:].strip())
        if kept:
            paras[last] = kept
        else:
            keep_idx.pop()
    dropped = {h for h, d in zip(hashes, drop) if d}
    for ln in lines:
        if ln.role == "body" and ln.text and line_hash(ln.text) in dropped:
            ln.role = "boilerplate"
    return "\n".join(paras[i] for i in keep_idx), removed_before, removed_after
