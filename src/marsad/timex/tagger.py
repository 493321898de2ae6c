"""Time expressions in Arabic news text, resolved against the publication date.

Four passes over the folded body (see `fold`): every pattern proposes matches and the longest resolvable
ones win (`patterns`, `resolve`); a part of the day or "منذ" before a dated expression joins it ("مساء أمس
الأحد", "منذ 20 فبراير الماضي" → an interval to the publication date); a clock time joins the day after it
("الساعة التاسعة من صباح اليوم الأربعاء"); and what names no day of its own ("الساعة الثانية فجرا",
"اليوم التالي", "منذ ذلك الحين") takes the day its sentence, or the text before it, is about.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass

from ..document import TimeExpr
from ..spans import Covering
from .fold import Folded
from .lexicon import HMONTHS, MONTHS, PART, PART_OF, WEEKDAY_NUM, fold_key
from .patterns import DIGIT_TRIGGERS, LEFT, LEFT_HINTS, PATTERNS, TRIGGER_AUTOMATON
from .hijri import _hijri_month_near
from .resolve import REL_DAY_OFFSET, Res, resolve

_LEFT_REACH = 48                # characters a left context may span ("أول من أمس الأحد، يوم" …)
_PRIORITY = {name: i for i, (name, _) in enumerate(PATTERNS)}
_PART_BEFORE = re.compile(rf"(?<!\w)[وفب]?(?P<p>{PART}|(?:عقب|قبيل|بعد)\s+غروب\s+شمس|بعد\s+منتصف\s+الليل|"
                          rf"منتصف\s+ليل[ه]?)\s+(?:من\s+)?(?:يوم\s+)?$")
# "حتى ساعة متأخرة من البارحة", "في وقت متأخر من الليلة الماضية": late that day, its night
_LATE_BEFORE = re.compile(r"(?<!\w)[وفب]?(?P<p>(?:ساعه|وقت)\s+متاخر[ه]?)\s+من\s+$")
# "منذ منتصف الشهر الماضي" starts on the 15th (the real-news annotation); the demo gold keeps a named month's
# middle as the month ("منذ منتصف يناير" → 2024-01/…), so only the relative month is read so
_MIDDLE = re.compile(r"(?:[وف]?منذ\s+)?(?:منتصف|اواسط)\s+الشهر\s")
_SINCE_BEFORE = re.compile(r"(?<!\w)[وف]?منذ\s+$")
_CLOCK_GAP = re.compile(r"^\s*(?:من\s+|في\s+)?(?:يوم\s+)?$")
_CLITICS = {"و", "ف", "ب", "ل", "ك", "ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل", "وب", "فب", "ول", "فل",
            "وك", "وبال", "فبال", "وكال"}
_ANY_DIGIT = re.compile(r"\d")
_DIGITS = re.compile(r"\d+")
_NUM_UNIT_AFTER = re.compile(r"\s+(?:عام|يوم|شهر|سنه)")
_HHMM_AFTER = re.compile(r"\s*(?:ت|بتوقيت|gmt|GMT)")
_CLOCK_AFTER = re.compile(r"\s*[:.,]\s*\d\d")
_DATE_AFTER = re.compile(r"\s*[/.\-–]\s*\d")
_STOPS = re.compile(r"[.!?؟\n]")
_NEWLINE = re.compile("\n")
# a glued conjunction or preposition before these is not part of the expression ("وأمس" is "أمس")
_STARTS = tuple(fold_key(w) for w in (
    "منذ", "قبل", "بعد", "خلال", "لمدة", "طيلة", "طوال", "على", "أمس", "أول", "اليوم", "غدا", "الغد", "البارحة",
    "الليلة", "يوم", "صباح", "مساء", "ظهر", "عصر", "فجر", "ليل", "منتصف", "مطلع", "أواخر", "أوائل", "نهاية",
    "بداية", "أواسط", "آخر", "الساعة", "في تمام", "تمام", "عام", "سنة", "العام", "الأسبوع", "الشهر", "السنة",
    "شهر", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد", "هذا", "هذه", "غرة", "فاتح",
    "الربع", "النصف", "كل", "أيام", "نحو", "قرابة", "حوالي", "أكثر", "أقل", "ثلاث", "أربع", "خمس", "ست", "سبع",
    "ثمان", "تسع", "عشر", "أحد", "إحدى", "اثن", "بضع", "عدة", "ساع", "ربع", "نصف", "ثلث", "في", "عيد", "فصل",
    "موسم", "الصيف", "الخريف", "الشتاء", "الربيع", "رمضان", "شهر", "بشكل", "الربع", "القرن")) + tuple(MONTHS) + \
    tuple(HMONTHS)


@dataclass
class _Item:
    s: int
    e: int
    kind: str
    res: Res
    text_folded: str = ""


def _windows(t: str) -> dict[str, list[tuple[int, int]]]:
    """For each pattern, the stretches of text around its trigger words, merged: a pattern runs only there.
    Scanning every position of a body with two dozen large patterns is what makes general parsers slow; the
    trigger words are found in one Aho-Corasick pass, the digit triggers in one scan of the digit runs."""
    hits: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for end, (k, inside, reach) in TRIGGER_AUTOMATON.iter(t):
        s = end - k + 1
        # inside a word ("ليل" in "تحليل") unless after clitics
        if not inside and s and t[s - 1].isalpha() and t[s].isalpha():
            j = s - 1
            while j >= 0 and s - j <= 4 and t[j].isalpha():
                j -= 1
            if t[j + 1:s] not in _CLITICS or (j >= 0 and t[j].isalpha()):
                continue
        e = end + 1
        for name, before, after in reach:
            hits[name].append((s - before, e + after))
    if _ANY_DIGIT.search(t):
        for m in _DIGITS.finditer(t):
            s, e = m.span()
            nxt = t[e:e + 4]
            kinds = []
            if e - s == 4:
                kinds.append("four")
                head = t[s:s + 2]
                if head in ("19", "20"):
                    kinds.append("year")
                elif head in ("13", "14"):
                    kinds.append("hyear")
                if _HHMM_AFTER.match(t, e):
                    kinds.append("hhmm")
            if _CLOCK_AFTER.match(nxt):
                kinds.append("clock")
            if _NUM_UNIT_AFTER.match(t, e):
                kinds.append("numunit")
            before = t[max(0, s - 5):s]
            if before.endswith(("كل ", "كل  ")):
                kinds.append("every")
            elif before.endswith(("يوم ", "يوم  ")):
                kinds.append("dom")
            if _DATE_AFTER.match(nxt):
                kinds.append("date")
            lead = before[:-1] if before.endswith(" ") else before
            if lead.endswith("د") and not lead[-2:-1].isalpha():
                kinds.append("dmin")        # "سجل فهد السويلم د40": a match minute, if the page is a match report
            for kind in kinds:
                for name, before, after in DIGIT_TRIGGERS[kind]:
                    hits[name].append((s - before, e + after))
    out: dict[str, list[tuple[int, int]]] = {}
    for name, spans in hits.items():
        spans.sort()
        merged = [spans[0]]
        for a, b in spans:
            last = merged[-1]
            if a <= last[1]:
                if b > last[1]:
                    merged[-1] = (last[0], b)
            else:
                merged.append((a, b))
        out[name] = [(max(0, a), b) for a, b in merged]     # finditer clips an end past the text itself
    return out


def _candidates(t: str, everywhere: bool = False) -> list[tuple]:
    """Every match of every pattern, unresolved: (start, end, pattern, match, groups read to its left).
    `everywhere` scans the whole text, which is what the windows must reproduce (tests compare the two)."""
    out = []
    windows = {name: [(0, len(t))] for name, _ in PATTERNS} if everywhere else _windows(t)
    for name, rx in PATTERNS:
        left = LEFT.get(name)
        hints = LEFT_HINTS.get(name, ())
        for ws, we in windows.get(name, ()):
            for m in rx.finditer(t, ws, we):
                s, e = m.span()
                extra = None
                if left is not None:
                    lo = max(0, s - _LEFT_REACH)
                    seg = t[lo:s]
                    first = min((i for i in map(seg.find, hints) if i >= 0), default=-1)
                    # the search starts a little before the first word a left context needs, not 48 characters back
                    lm = left.search(t, max(lo, lo + first - 16), s) if first >= 0 else None
                    if lm is not None and lm.start() < s:
                        extra = {k: v for k, v in lm.groupdict().items() if v is not None}
                        s = lm.start()
                while s < e and t[s] in " ،,(":
                    s += 1
                while e > s and t[e - 1] in " ،,":
                    e -= 1
                if s < e - 1 and t[s] in "وفبل" and (t[s + 1].isdigit() or t[s + 1:s + 14].startswith(_STARTS)):
                    s += 1
                if name != "set" and t.startswith("في ", s) and e - s > 4:
                    s += 3                  # "في" before a date is the sentence's preposition, not the date
                    while s < e - 1 and t[s] in " (":
                        s += 1
                if s < e:
                    out.append((s, e, name, m, extra))
    return out


def _select(candidates: list[tuple], P: dt.date | None) -> list[_Item]:
    """Longest first, then the earlier pattern; no two chosen expressions overlap; a match is resolved only
    when it is a candidate for a free stretch (most short matches sit inside a longer one), and one that
    resolves to nothing ("مارس" the verb) leaves the stretch to the others."""
    chosen: list[_Item] = []
    taken = bytearray(max((c[1] for c in candidates), default=0) + 1)
    for s, e, name, m, extra in sorted(candidates, key=lambda c: (c[0] - c[1], _PRIORITY[c[2]], c[0])):
        if taken.find(1, s, e) >= 0:
            continue
        res = resolve(name, m, P, extra)
        if res is not None and res.bare:
            g = m.groupdict()
            s = m.start("num") if g.get("num") else m.start("unit2") if g.get("unit2") else s
            if taken.find(1, s, e) >= 0:
                continue
        if res is not None:
            chosen.append(_Item(s, e, name, res, m.group(0) if name == "rel_day" else ""))
            taken[s:e] = b"\x01" * (e - s)
    chosen.sort(key=lambda i: i.s)
    return chosen


def _extend(t: str, items: list[_Item], P: dt.date | None) -> None:
    """A part of the day or "منذ" printed before a dated expression becomes part of it."""
    prev_end = 0
    for it in items:
        r = it.res
        window = t[max(prev_end, it.s - 30):it.s]
        if r.day is not None and r.type == "date":
            m = _PART_BEFORE.search(window)
            if m:
                word = fold_key(m.group("p"))
                code = PART_OF.get(word) or ("EV" if "غروب" in word else "NI" if "ليل" in word else None)
                if code:
                    it.s -= len(window) - m.start("p")
                    r.value, r.type = f"{r.day.isoformat()}T{code}", "time"
                    window = t[max(prev_end, it.s - 30):it.s]
        late = _LATE_BEFORE.search(window) if r.day is not None and r.type in ("date", "time") else None
        if late:
            it.s -= len(window) - late.start("p")
            r.value, r.type = f"{r.day.isoformat()}TNI", "time"
            window = t[max(prev_end, it.s - 30):it.s]
        m = _SINCE_BEFORE.search(window)
        if m and r.type in ("date", "time") and (r.value or r.clock is not None):
            it.s -= len(window) - m.start() - (1 if t[it.s - len(window) + m.start()] in "وف" else 0)
            if r.type == "date" and r.value and P is not None:
                start = r.value
                if r.anchor == "published" and re.match(r"^\d{4}-\d{2}", start) \
                        and start[:len(P.isoformat())] > P.isoformat()[:len(start)]:
                    start = f"{int(start[:4]) - 1}{start[4:]}"     # "منذ 30 يناير" in August: the January past
                if re.fullmatch(r"\d{4}-\d\d", start) and _MIDDLE.match(t, it.s):
                    start += "-15"                  # "منذ منتصف الشهر الماضي": from the 15th
                if re.fullmatch(r"\d{4}-W\d\d", start):          # "منذ مطلع الأسبوع الجاري": from its Monday
                    y, w = map(int, start.split("-W"))
                    start = dt.date.fromisocalendar(y, w, 1).isoformat()
                r.value, r.type = f"{start}/{P.isoformat()}", "duration"
        prev_end = it.e


def _merge_clocks(t: str, items: list[_Item]) -> list[_Item]:
    """"الساعة التاسعة من صباح اليوم الأربعاء": a clock time followed by the day it is on is one expression."""
    out: list[_Item] = []
    i = 0
    while i < len(items):
        it = items[i]
        nxt = items[i + 1] if i + 1 < len(items) else None
        if (it.res.clock and it.res.clock.startswith("T") and it.res.value is None and nxt is not None
                and nxt.res.day is not None and _CLOCK_GAP.match(t[it.e:nxt.s])):
            clock = it.res.clock if it.res.clock[1:3].isdigit() else None
            if clock and (nxt.res.value or "").endswith(("TAF", "TEV")) and int(clock[1:3]) < 12:
                clock = f"T{int(clock[1:3]) + 12:02d}{clock[3:]}"     # "الواحدة و24 دقيقة ظهر اليوم": 13:24
            value = f"{nxt.res.day.isoformat()}{clock}" if clock else nxt.res.value
            out.append(_Item(it.s, nxt.e, "clock", Res(value, type="time", anchor=nxt.res.anchor,
                                                       consistent=nxt.res.consistent, day=nxt.res.day)))
            i += 2
            continue
        out.append(it)
        i += 1
    return out


def _early(clock: str) -> bool:
    """A time of the night or morning: after an evening in focus it falls on the next day."""
    if clock.endswith("+") or clock == "TMO":
        return True
    return clock[1:3].isdigit() and int(clock[1:3]) < 12


def _evening(r: Res) -> bool:
    v = r.value or ""
    return v.endswith("TEV") or (len(v) >= 13 and v[10] == "T" and v[11:13].isdigit() and int(v[11:13]) >= 18)


class _Context:
    """What the expressions before the current one offer as context: the last that names a day, a year, a month,
    a week and a period. `_contextual` moves forward one expression at a time and adds each once it is done
    with it (only the current one is changed), so every lookup is one step; scanning all earlier expressions
    for each one is quadratic, and a page of 5 MB has thousands."""

    __slots__ = ("day", "year", "month", "week", "period")

    def __init__(self) -> None:
        self.day: _Item | None = None               # the last with a day (`res.day`)
        self.year: _Item | None = None              # the last whose value starts with a year
        self.month: _Item | None = None             # the last whose value is a month or a day in one
        self.week: _Item | None = None              # the last whose value is an ISO week
        self.period: tuple[int, int | None] | None = None    # `_period_of` of the last that has one

    def add(self, it: _Item) -> None:
        r = it.res
        if r.day is not None:
            self.day = it
        v = r.value
        if v:
            if _YEAR_VALUE.match(v):
                self.year = it
            if _MONTH_VALUE.match(v):
                self.month = it
            if _WEEK_VALUE.fullmatch(v):
                self.week = it
        period = _period_of(it)
        if period is not None:
            self.period = period


_YEAR_VALUE = re.compile(r"^\d{4}")
_MONTH_VALUE = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?(?:T|$)")
_WEEK_VALUE = re.compile(r"\d{4}-W\d\d")
_PERIOD_VALUE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?!\d|-W)")


class SentenceBounds:
    """The sentence and the paragraph around an offset, found by bisection in the stops (. ! ? ؟ or a line
    break) and the line breaks of the whole text, listed once: a scan of the stops, or a search for the line
    break before or after, per expression is quadratic in a long text (or one with few line breaks)."""

    __slots__ = ("_stops", "_n", "_newlines")

    def __init__(self, t: str) -> None:
        self._stops = [m.start() for m in _STOPS.finditer(t)]
        self._n = len(t)
        self._newlines = [m.start() for m in _NEWLINE.finditer(t)]

    def around(self, pos: int) -> tuple[int, int]:
        """(last stop before `pos` or -1, first stop at or after `pos` or the text's length)."""
        i = bisect_left(self._stops, pos)
        lo = self._stops[i - 1] if i else -1
        hi = self._stops[i] if i < len(self._stops) else self._n
        return lo, hi

    def paragraph_start(self, pos: int) -> int:
        """`t.rfind("\\n", 0, pos)`: the last line break before `pos`, or -1."""
        i = bisect_left(self._newlines, pos)
        return self._newlines[i - 1] if i else -1

    def in_last_paragraph(self, pos: int) -> bool:
        """`t.find("\\n", pos) == -1` for pos >= 0: no line break at or after `pos`."""
        return not self._newlines or self._newlines[-1] < pos


def _contextual(t: str, items: list[_Item], P: dt.date | None) -> None:
    """Dates for what names none: from the nearest day before it in its sentence, else after it in the
    sentence, else before it in its paragraph, else earlier in the text (a narrative moves forward from the
    last day it named), else the publication date."""
    bounds = SentenceBounds(t)
    seen = _Context()
    for k, it in enumerate(items):
        if it.res.clock is not None and it.res.value is None:
            _date_from_context(t, items, k, P, bounds, seen)
        seen.add(it)


def _date_from_context(t: str, items: list[_Item], k: int, P: dt.date | None, bounds: SentenceBounds,
                       seen: _Context) -> None:
    """The date of items[k], an expression that names no day of its own; `seen` holds what came before it."""
    it = items[k]
    r = it.res
    last = seen.day                  # items are in text order, so the last with a day is the nearest before it
    if r.clock == "since":
        if seen.year is not None and P is not None:
            r.value = f"{seen.year.res.value.split('/')[0][:10]}/{P.isoformat()}"
        if r.value is None:
            r.anchor, r.consistent = "none", None
        return
    unit, _, step = r.clock.partition(":")
    if unit == "dom":
        if seen.month is not None:
            y, mo = int(seen.month.res.value[:4]), int(seen.month.res.value[5:7])
            try:
                day = dt.date(y, mo, int(step))
                r.value, r.day, r.anchor = day.isoformat(), day, seen.month.res.anchor
            except ValueError:
                pass
        if r.value is None:
            r.anchor, r.consistent = "none", None
        return
    if r.clock.startswith("T"):
        _date_clock(t, items, k, P, bounds, last)
    elif unit == "الاسبوع":
        if seen.week is not None:
            y, w = map(int, seen.week.res.value.split("-W"))
            monday = dt.date.fromisocalendar(y, w, 1) + dt.timedelta(days=7 * int(step))
            r.value = "%d-W%02d" % monday.isocalendar()[:2]
        elif last is not None:
            y, w, _ = (last.res.day + dt.timedelta(days=7 * int(step))).isocalendar()
            r.value = f"{y}-W{w:02d}"
    elif unit in ("الشهر", "العام", "السنه") and seen.period:
        y, mo = seen.period
        if unit == "الشهر" and mo:
            m = mo - 1 + int(step)
            r.value = f"{y + m // 12}-{m % 12 + 1:02d}"
        elif unit != "الشهر":
            r.value = str(y + int(step))
    elif last is not None:
        focus = last.res.day
        if unit in ("اليوم", "الليله"):
            day = focus + dt.timedelta(days=int(step or 0))
            r.value, r.day = (f"{day.isoformat()}TNI" if unit == "الليله" else day.isoformat()), day
        elif unit == "الشهر":
            m = focus.month - 1 + int(step)
            r.value = f"{focus.year + m // 12}-{m % 12 + 1:02d}"
        elif unit in ("العام", "السنه"):
            r.value = str(focus.year + int(step))
    if r.value is None:
        r.anchor, r.consistent = "none", None


def _day_after(t: str, items: list[_Item], k: int, s_hi: int) -> _Item | None:
    """The expression with a day right after clock time items[k] in its sentence, across connectors and other
    clock times only: "…، أي الساعة ٩:٠٠ …، من يوم الأحد"."""
    prev_end = items[k].e
    for j in range(k + 1, len(items)):
        o = items[j]
        if o.s >= s_hi or not _AFTER_GAP.match(t[prev_end:o.s]):
            return None
        if o.res.day is not None:
            return o
        if not (o.res.clock or "").startswith("T"):
            return None
        prev_end = o.e
    return None


def _date_clock(t: str, items: list[_Item], k: int, P: dt.date | None, bounds: SentenceBounds,
                last: _Item | None) -> None:
    """A clock time takes the day of its sentence (before it, else after it), else of its paragraph, else the
    last day named, else the publication date. `last` is the last expression before it with a day."""
    it = items[k]
    r = it.res
    s_lo, s_hi = bounds.around(it.s)
    p_lo = bounds.paragraph_start(it.s)
    after = _day_after(t, items, k, s_hi)
    # expressions are in text order: the last one with a day is in the sentence (or paragraph) if any is
    same = last if last is not None and last.s > s_lo else None
    para = last if last is not None and last.s > p_lo else None
    src = same or after or para or last
    if same is None and after is None and bounds.in_last_paragraph(it.e) and it.s - p_lo < 40:
        src = None              # an agency's footer ("الرياض 12:47 ت م") is the page's own time
    focus = src.res.day if src else P
    clock = r.clock.rstrip("+")
    if focus is not None and src is not None and src.s < it.s and _early(r.clock) and _evening(src.res):
        focus += dt.timedelta(days=1)
    if focus is not None:
        r.value, r.day = f"{focus.isoformat()}{clock}", focus
    else:
        r.value, r.anchor = clock, "none"


def _period_of(it: _Item) -> tuple[int, int | None] | None:
    """Year and month an expression names, when it names a year or a month and is no span."""
    m = _PERIOD_VALUE.match(it.res.value or "")
    if m and it.res.type != "duration":
        return int(m.group(1)), int(m.group(2)) if m.group(2) else None
    return None


def _last_period(items: list[_Item]) -> tuple[int, int | None] | None:
    """Year and month of the last expression before that names a year or a month ("العام الذي سبقه")."""
    for o in reversed(items):
        period = _period_of(o)
        if period is not None:
            return period
    return None


_NAMED_DAY = re.compile(r"^\s*(?:[،,]\s*)?(?:هو|هي|سيكون|ليكون|يكون)?\s*$")


def _first_days(t: str, items: list[_Item]) -> None:
    """"الثلاثاء هو فاتح رمضان": where a page names the weekday a month begins on, that day is its first day
    (the start of Ramadan differs by country and by sighting; the calendar gives only Umm al-Qura's)."""
    for a, b in zip(items, items[1:]):
        if b.kind in ("ramadan", "hijri") and b.res.anchor == "published" and b.res.day is not None \
                and a.kind in ("weekday", "rel_day") and a.res.day \
                and _NAMED_DAY.match(t[a.e:b.s]):
            b.res.value, b.res.day = a.res.day.isoformat(), a.res.day


_OUTLET_TODAY = re.compile(r"(?:عين|روسيا|مصر|اخبار|الخليج|الجزائر|تونس|المغرب|فلسطين|سوريا|لبنان|العراق|ليبيا|الاردن|"
                           r"اليمن|السودان|الكويت|قطر|البحرين|عمان|الامارات|السعوديه|[«\"“])\s*$")
_NAMED_TODAY = re.compile(r"(?:(?<!\w)عين|صحيفه|جريده)\s*[(«\"“]?\s*$")
_REL_WD = re.compile(r"(?P<rd>اول\s+من\s+امس|اول\s+امس|امس|البارحه|اليوم|هذا\s+اليوم|غدا|الغد|يوم\s+غد)\s*[،,(]?\s*"
                     r"(?P<wd>الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعه|السبت|الاحد)")
# a clock time takes the day after it only across a few words ("الساعة ٩:٠٠ بتوقيت غرينتش، من يوم الأحد")
_AFTER_GAP = re.compile(r"^[\s،,()]*(?:(?:اي|او|و|من|في|يوم)[\s،,()]+)*$")
_SHARED_YEAR_GAP = re.compile(r"^\s*(?:و\s*(?:حتي|الي)|و|او|ثم|-|–|الي|حتي|[،,])?\s*$")


def _shared_years(t: str, items: list[_Item]) -> None:
    """"في مارس (آذار) وأبريل (نيسان) 2012": a month without a year takes the year of the date joined to it."""
    for a, b in zip(items, items[1:]):
        if a.kind in ("my", "dmy") and b.kind in ("my", "dmy") and not a.res.fixed and b.res.fixed and \
                a.res.value and b.res.value and _SHARED_YEAR_GAP.match(t[a.e:b.s]):
            y = b.res.value[:4]
            a.res.value, a.res.anchor = y + a.res.value[4:], b.res.anchor
            if a.res.day is not None:
                a.res.day = a.res.day.replace(year=int(y))


_AGREEING_GAP = re.compile(r"^\s*[،,(]?\s*(?:و?ال|و?)موافق(?:ه)?\s*(?:ل\s*)?$")


def _agreeing_weekdays(t: str, items: list[_Item]) -> None:
    """"يوم الأحد الموافق 2 أغسطس", "يوم الأربعاء الموافق 20-10-1436هـ": the date after "الموافق" says which
    week the weekday is in, when it falls on that weekday (the two stay two expressions, as the guide marks them)."""
    for a, b in zip(items, items[1:]):
        if a.kind == "weekday" and a.res.day is not None and b.res.day is not None and \
                b.res.day.weekday() == a.res.day.weekday() and _AGREEING_GAP.match(t[a.e:b.s]):
            a.res.value, a.res.day = b.res.day.isoformat(), b.res.day


def _named_again(items: list[_Item]) -> None:
    """"قبل موقعة الأحد المقبل ضد تشلسي … في مباراة الأحد": a bare weekday after the same weekday named with
    المقبل or الماضي is that day again, not a guess from the tense of its own clause."""
    named: dict[int, dt.date] = {}
    for it in items:
        if it.kind != "weekday" or it.res.day is None:
            continue
        wd = it.res.day.weekday()
        if it.res.fixed:
            named[wd] = it.res.day
        elif wd in named:
            it.res.value, it.res.day = named[wd].isoformat(), named[wd]


# how far the day a page was written may lie from the date it carries: a day on either side (a copy of the day
# before, a time zone), or up to six days before (a page crawled days after it was written: SaudiNewsNet's pages
# carry their crawl date)
_SHIFTS = (0, -1, 1, -2, -3, -4, -5, -6)


_RANGE_FROM = re.compile(r"(?<!\w)(?P<kw>[وف]?(?:من|بين))\s+$")
_RANGE_TO = re.compile(r"\s*(?:(?:و\s*(?:حتي|الي)|الي|حتي|و|-|–)\s*(?:غايه\s+)?)?$")
# "المعلنة بتاريخ 4 – 9 - 1436هـ إلى 15- 9 - 1436هـ": two full dates joined by "إلى" are a span without "من"
_RANGE_TO_ONLY = re.compile(r"\s*(?:و\s*)?(?:الي|حتي)\s*$")
_FULL_DATES = ("hijri_num", "hijri_ymd", "numeric", "iso")


def _day_ranges(t: str, items: list[_Item]) -> list[_Item]:
    """"من 28 سبتمبر إلى 6 أكتوبر المقبلين", "بين 22 ديسمبر المقبل والرابع من يناير 2016": two days joined as
    the ends of one span are one expression, an interval from the first to the second."""
    out: list[_Item] = []
    i = 0
    while i < len(items):
        a = items[i]
        b = items[i + 1] if i + 1 < len(items) else None
        lead = _RANGE_FROM.search(t, max(0, a.s - 24), a.s)
        if lead is None and b is not None and a.kind in _FULL_DATES and b.kind in _FULL_DATES and \
                _RANGE_TO_ONLY.match(t, a.e, b.s):
            lead = re.compile(r"(?P<kw>)").match(t, a.s)
        # "من يوم الأحد المقبل حتى الثلاثاء 19شوال": a weekday opening the span is a day the text names on its own
        if b is not None and lead and a.kind != "weekday" and a.res.day is not None and b.res.day is not None \
                and a.res.type == "date" \
                and b.res.type == "date" and _RANGE_TO.match(t, a.e, b.s) and a.res.day < b.res.day and \
                (t[a.e:b.s].strip() or t.startswith("و", b.s)):
            out.append(_Item(lead.start("kw"), b.e, "day_range",
                             Res(f"{a.res.day.isoformat()}/{b.res.day.isoformat()}", type="duration",
                                 anchor=a.res.anchor)))
            i += 2
            continue
        out.append(a)
        i += 1
    return out


_NEXT_MINUTE = re.compile(r"\s*(?:و|،|,)\s*(\d{1,3})(?!\d)")


def _more_minutes(t: str, items: list[_Item]) -> list[_Item]:
    """"هدفين في الدقيقة (٦١ و٧١)": the minutes listed after the first are minutes too, each its own expression."""
    out: list[_Item] = []
    for it in items:
        out.append(it)
        if it.kind != "match_minute":
            continue
        end = it.e
        while (m := _NEXT_MINUTE.match(t, end)) is not None and 0 < int(m.group(1)) <= 130 and \
                not any(o.s < m.end() and o.e > m.start(1) for o in items):
            out.append(_Item(m.start(1), m.end(1), "match_minute",
                             Res(f"PT{int(m.group(1))}M", type="duration", anchor="none")))
            end = m.end()
    return out


_THIS_MONTH = re.compile(r"(?:[وفب]|ل(?!ل))?(?:في\s+)?هذا\s+الشهر$")


def _ramadan_this_month(t: str, items: list[_Item], P: dt.date | None) -> None:
    """"يعد رمضان شهرا للعبادة، و هذا الشهر يعد غذاء للروح": "this month" in the sentence that names Ramadan, or in
    the next one, is Ramadan (the annotators' reading), not the calendar month of the page."""
    last_ramadan: _Item | None = None
    bounds: SentenceBounds | None = None
    for it in items:
        if it.kind == "ramadan" and it.res.value and "/" in it.res.value:
            last_ramadan = it
        if it.kind != "period" or not _THIS_MONTH.search(t, it.s, it.e):
            continue
        bounds = bounds or SentenceBounds(t)          # built once, only for a page that says "هذا الشهر"
        lo, _ = bounds.around(it.s)
        prev_lo, _ = bounds.around(max(0, lo - 1))
        if last_ramadan is not None and last_ramadan.s >= prev_lo:
            it.res.value, it.res.type = last_ramadan.res.value, "date"
        elif _RAMADAN_WORD.search(t, max(0, prev_lo), it.s) and P is not None:
            span = _hijri_month_near(9, P)
            if span:
                it.res.value = f"{span[0].isoformat()}/{span[1].isoformat()}"


_RAMADAN_WORD = re.compile(r"(?<!\w)[وفبل]?رمضان(?!\w)")


def writing_day(items: list[_Item], P: dt.date | None) -> dt.date | None:
    """The day the text was written: the publication date, or the day before or after it when every relative
    day printed with its weekday says so ("اليوم الجمعة" in a page dated Saturday is Friday's dispatch), or a
    day of the week before it (a page crawled after it was written; its weekdays are then flagged)."""
    if P is None:
        return P
    shifts = set()
    for it in items:
        if it.kind != "rel_day":
            continue                    # beside an explicit date, the date says the day and the check flags the rest
        m = _REL_WD.search(it.text_folded) if it.text_folded else None
        if m is None:
            continue
        wd_n = WEEKDAY_NUM.get(fold_key(m.group("wd")))
        off = REL_DAY_OFFSET.get(fold_key(m.group("rd")))
        if wd_n is None or off is None:
            continue
        day = P + dt.timedelta(days=off)
        shifts.add(next((d for d in _SHIFTS if (day + dt.timedelta(days=d)).weekday() == wd_n), None))
    if len(shifts) == 1 and None not in shifts:
        return P + dt.timedelta(days=shifts.pop())
    return P


def _as_date(published) -> dt.date | None:
    if published is None or isinstance(published, dt.date) and not isinstance(published, dt.datetime):
        return published
    if isinstance(published, dt.datetime):
        return published.date()
    return dt.date.fromisoformat(str(published)[:10])


def find_times(text: str, published: dt.date | str | None, *, everywhere: bool = False) -> list[TimeExpr]:
    """All time expressions in `text`, non-overlapping, in text order, resolved against `published` (a date,
    a datetime or an ISO string). `everywhere` runs every pattern over the whole text instead of around its
    trigger words (for tests)."""
    folded = Folded(text)
    t = folded.text
    candidates = _candidates(t, everywhere)
    published = _as_date(published)
    items = _select(candidates, published)
    today = writing_day(items, published)
    if today != published:
        late = abs((today - published).days) > 1
        published = today
        items = _select(candidates, published)
        if late:                            # "اليوم الأحد" in a page crawled the Friday after: written that Sunday
            for it in items:
                if it.kind == "rel_day" and _REL_WD.search(it.text_folded or ""):
                    it.res.consistent = False
    _shared_years(t, items)
    _agreeing_weekdays(t, items)
    _named_again(items)
    _extend(t, items, published)
    items = _merge_clocks(t, items)
    items = _day_ranges(t, items)
    _first_days(t, items)
    items = _more_minutes(t, items)
    _ramadan_this_month(t, items, published)
    _contextual(t, items, published)
    out = []
    for it in items:
        r = it.res
        if it.kind == "rel_day" and (_OUTLET_TODAY.search(t, max(0, it.s - 8), it.s) and
                                     not re.match(r"\s+\w", t[it.e:it.e + 2]) or
                                     _NAMED_TODAY.search(t, max(0, it.s - 10), it.s)):
            continue                    # "عين اليوم – أنقرة", "روسيا اليوم", "صحيفة (اليوم)": a name, not today
        s, e = folded.start(it.s), folded.end(it.e)
        out.append(TimeExpr(text=text[s:e], start=s, end=e, value=r.value, type=r.type,
                            anchor=r.anchor if r.value else "none", consistent=r.consistent if r.value else None))
    return out


def drop_inside(times: list[TimeExpr], spans: list[tuple[int, int]]) -> list[TimeExpr]:
    """The expressions not wholly inside any of `spans` (start, end), in their order: what lies inside a person's
    name ("يزيد الخميس") is no time. One bisection per expression (spans.Covering), so a long page with thousands
    of names and times stays linear."""
    covering = Covering(spans)
    return [x for x in times if not covering.covers(x.start, x.end)]


def parse_date(text: str) -> dt.date | None:
    """The first absolute date in a short text (a date line, a meta value, a URL path)."""
    t = Folded(text).text
    m = re.search(r"((?:19|20)\d\d)[-/](\d{1,2})[-/](\d{1,2})", t)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            pass
    for x in find_times(text, None):
        if x.anchor == "absolute" and x.value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", x.value):
            return dt.date.fromisoformat(x.value)
    return None
