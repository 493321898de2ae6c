"""The Hijri calendar as Arabic news uses it (Umm al-Qura, through hijridate): a Hijri day, month or year as
Gregorian days, the instance of a month nearest a page's date, and whether a sentence counts in Hijri months
("منتصف الشهر الجاري" beside "25 شوال 1436 هـ" is the middle of Shawwal, not of August)."""

from __future__ import annotations

import datetime as dt
import re

from .lexicon import HMONTHS


def _hijri_to_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        from hijridate import Hijri
        g = Hijri(y, m, d).to_gregorian()
        return dt.date(g.year, g.month, g.day)
    except (ValueError, OverflowError):
        return None


def _to_hijri(day: dt.date):
    """The Hijri date of a Gregorian day (hijridate's), or None outside the calendar's range."""
    try:
        from hijridate import Gregorian
        return Gregorian(day.year, day.month, day.day).to_hijri()
    except (ValueError, OverflowError):
        return None


def _hijri_year(P: dt.date) -> int | None:
    h = _to_hijri(P)
    return h.year if h is not None else None


def _month_span(y: int, m: int) -> tuple[dt.date, dt.date] | None:
    """First and last Gregorian day of Hijri month m of year y."""
    start = _hijri_to_date(y, m, 1)
    nxt = _hijri_to_date(y + (m == 12), m % 12 + 1, 1)
    return (start, nxt - dt.timedelta(days=1)) if start and nxt else None


def _hijri_month_near(hm: int, P: dt.date, sign: int = 0, year: int | None = None) -> tuple[dt.date, dt.date] | None:
    """First and last day of Hijri month `hm`: of `year`, else the instance nearest to P (or the last / next)."""
    hy = year or _hijri_year(P)
    if hy is None:
        return None
    if sign < -1 and not year:       # "رمضان قبل الماضي": the month of two Hijri years back (Ramadan 1434 in 1436)
        year = hy + sign
    spans = [span for y in ([year] if year else [hy - 1, hy, hy + 1]) if (span := _month_span(y, hm))]
    if not spans:
        return None
    if year:
        return spans[0]
    if sign < 0:
        past = [s for s in spans if s[0] <= P]
        return past[-1] if past else spans[0]
    if sign > 0:
        fut = [s for s in spans if s[0] > P]
        return fut[0] if fut else spans[-1]
    return min(spans, key=lambda s: 0 if s[0] <= P <= s[1] else min(abs((s[0] - P).days), abs((s[1] - P).days)))


def _hijri_month_in(hm: int, gy: int) -> tuple[dt.date, dt.date] | None:
    """Hijri month `hm` as it falls in Gregorian year `gy`: "صفر من العام الماضي" in 2015 is the Safar of 2014
    (Safar 1436), the year named being the calendar one the page counts in. The instance whose middle is in `gy`."""
    hy = _hijri_year(dt.date(gy, 7, 1))
    if hy is None:
        return None
    for y in (hy - 1, hy, hy + 1):
        span = _month_span(y, hm)
        if span and (span[0] + (span[1] + dt.timedelta(days=1) - span[0]) / 2).year == gy:
            return span
    return None


_HIJRI_NEAR = re.compile(rf"(?:\d{{1,2}}\s+(?:من\s+)?(?:شهر\s+)?(?:{'|'.join(sorted(HMONTHS, key=len, reverse=True))})"
                         r"|\d{4}\s*(?:هـ|ه)(?!\w)|هجري)")


_HMONTH_NEXT = re.compile(rf"\s*[(،,]?\s*(?:{'|'.join(sorted(HMONTHS, key=len, reverse=True))})(?!\w)")


def _hijri_context(m: re.Match) -> bool:
    """A Hijri date in the same sentence, before or after: its months are the ones the text counts in."""
    before = re.split(r"[.!?؟\n]", m.string[max(0, m.start() - 160):m.start()])[-1]
    after = re.split(r"[.!?؟\n]", m.string[m.end():m.end() + 120])[0]
    return bool(_HIJRI_NEAR.search(before) or _HIJRI_NEAR.search(after) or _HMONTH_NEXT.match(after))


def _hijri_month_at(P: dt.date, step: int) -> tuple[dt.date, dt.date] | None:
    """The Hijri month P falls in, moved by `step` months: its first and last Gregorian days."""
    h = _to_hijri(P)
    if h is None:
        return None
    return _month_span(h.year + (h.month - 1 + step) // 12, (h.month - 1 + step) % 12 + 1)


def _hijri_day_of(day: dt.date) -> int | None:
    h = _to_hijri(day)
    return h.day if h is not None else None
