"""When things happened, read from the text: the publication date of a page that has none, and the day each
sentence reports (the stories timeline dates an article by the event in its lead, not by when it was posted).

Publication-date inference uses what news writes near its own date: explicit dates (the latest one, preferring
one printed with its weekday, as datelines are: "الأربعاء 8 يوليو/تموز 2020") and the weekday of relative days
("أمس الاثنين" means the page is of a Tuesday). A page with only relative days gets no date: a weekday
alone does not say which week; nor does a page whose dates are all bare (a history, a biography) and that
speaks of no yesterday or today.
"""

from __future__ import annotations

import datetime as dt
import re

from ..document import TimeExpr
from .fold import Folded
from .lexicon import WEEKDAY, WEEKDAY_NUM, fold_key
from .resolve import REL_DAY_OFFSET
from .tagger import find_times

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_REL_WD = re.compile(rf"(?<!\w)[وفب]?(?P<rd>اول\s+من\s+امس|اول\s+امس|امس|اليوم|غدا|بعد\s+غد)"
                     rf"\s*[،,]?\s*(?P<wd>{WEEKDAY})(?!\w)")
_HAS_WEEKDAY = re.compile(rf"{WEEKDAY}")


def infer_published(text: str) -> dt.date | None:
    """The publication date a page implies, or None when its dates do not fix one."""
    times = find_times(text, None)
    days = []
    for t in times:
        if t.anchor == "absolute" and t.value and t.type in ("date", "time") and _DAY.match(t.value) \
                and "/" not in t.value:
            days.append((bool(_HAS_WEEKDAY.search(fold_key(t.text))), dt.date.fromisoformat(t.value[:10])))
    if not days:
        return None
    with_wd = [d for w, d in days if w]
    relative = any(t.value is None and t.anchor == "none" for t in times)
    if not with_wd and not relative:
        return None          # a history of 1922 is not a page of 1922: only news-like dating counts
    base = max(with_wd) if with_wd else max(d for _, d in days)
    votes: dict[int, int] = {}
    for m in _REL_WD.finditer(Folded(text).text):
        wd = WEEKDAY_NUM.get(fold_key(m.group("wd")))
        off = REL_DAY_OFFSET.get(" ".join(m.group("rd").split()))
        if wd is not None and off is not None:
            pub_wd = (wd - off) % 7
            votes[pub_wd] = votes.get(pub_wd, 0) + 1
    if votes:
        want = max(votes, key=votes.get)
        return base + dt.timedelta(days=(want - base.weekday()) % 7)
    return base


def sentence_dates(times: list[TimeExpr], sentences: list[tuple[int, int]]) -> list[str | None]:
    """For each sentence, the day it reports: its first expression that names a day (not a span)."""
    out: list[str | None] = []
    i = 0
    ordered = sorted(times, key=lambda t: t.start)
    for s, e in sentences:
        while i < len(ordered) and ordered[i].start < s:
            i += 1
        day = None
        j = i
        while j < len(ordered) and ordered[j].start < e:
            t = ordered[j]
            if t.type in ("date", "time") and t.value and _DAY.match(t.value):
                day = t.value[:10]
                break
            j += 1
        out.append(day)
    return out


def lead_date(times: list[TimeExpr], sentences: list[tuple[int, int]], within: int = 2) -> str | None:
    """The day an article's lead reports (its first `within` sentences), the date a timeline shows for it."""
    for d in sentence_dates(times, sentences[:within]):
        if d:
            return d
    return None
