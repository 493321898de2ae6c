"""Resolved time values read out in Arabic words, for people.

The analysis stores TIMEX3-like codes (CONTRACT.md): `2020-01-14TMO`, `2024-W07`, `PTXH`, `2019/2024-02-12`.
They are exact and sortable but a reader should not have to decode them, so every view shows the reading beside
the code: "صباح الثلاثاء 14 يناير 2020", "الأسبوع 7 من 2024 (12–18 فبراير)", "بضع ساعات". A code this module does
not know is returned unchanged: a reading is a courtesy, never a guess.
"""

from __future__ import annotations

import datetime as dt
import re

from ..arabic.calendar import MONTH_NAMES, WEEKDAY_NAMES

PARTS_OF_DAY = {"MO": "صباح", "AF": "بعد ظهر", "EV": "مساء", "NI": "ليلة", "MI": "منتصف نهار"}
QUARTERS = {1: "الربع الأول", 2: "الربع الثاني", 3: "الربع الثالث", 4: "الربع الرابع"}
HALVES = {1: "النصف الأول", 2: "النصف الثاني"}
# unit: one, two, three to ten, eleven and more (the counted noun's forms in Arabic)
UNITS = {
    "Y": ("سنة", "سنتان", "سنوات", "سنة"), "M": ("شهر", "شهران", "أشهر", "شهرا"),
    "W": ("أسبوع", "أسبوعان", "أسابيع", "أسبوعا"), "D": ("يوم", "يومان", "أيام", "يوما"),
    "DE": ("عقد", "عقدان", "عقود", "عقدا"), "CE": ("قرن", "قرنان", "قرون", "قرنا"),
    "H": ("ساعة", "ساعتان", "ساعات", "ساعة"), "TM": ("دقيقة", "دقيقتان", "دقائق", "دقيقة"),
    "S": ("ثانية", "ثانيتان", "ثوان", "ثانية"),
}
FEMININE = {"Y", "H", "TM", "S"}     # سنة، ساعة، دقيقة، ثانية
EVERY = {"Y": "كل عام", "M": "كل شهر", "W": "كل أسبوع", "D": "كل يوم", "H": "كل ساعة"}

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T(MO|AF|EV|NI|MI)|T(\d{2}):(\d{2})(Z)?)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_PART = re.compile(r"^(\d{4})-(Q|H)(\d)$")
_YEAR = re.compile(r"^(\d{4})$")
_DURATION = re.compile(r"^P(T?)(\d+|X)(DE|CE|[YMWDHS])$")
_WEEKDAY_SET = re.compile(r"^XXXX-WXX-([1-7])$")


def in_words(value: str | None, type_: str | None = None) -> str | None:
    """The reading of one value (None for None); `type_` tells a period ("set": every …) from a duration."""
    if not value:
        return None
    if type_ == "set":
        return _every(value) or value
    if "/" in value:
        start, _, end = value.partition("/")
        a, b = _point(start), _point(end)
        return f"من {a} إلى {b}" if a and b else value
    return _point(value) or _duration(value) or value


def _point(value: str) -> str | None:
    for read in (_day, _month, _week, _part, _year):
        found = read(value)
        if found:
            return found
    return None


def _date(y: int, m: int, d: int) -> str | None:
    try:
        day = dt.date(y, m, d)
    except ValueError:
        return None
    return f"{WEEKDAY_NAMES[day.weekday()]} {d} {MONTH_NAMES[m]} {y}"


def _day(value: str) -> str | None:
    m = _DAY.match(value)
    if not m:
        return None
    date = _date(int(m[1]), int(m[2]), int(m[3]))
    if date is None:
        return None
    if m[4]:
        return f"{PARTS_OF_DAY[m[4]]} {date}"
    if m[5]:
        return f"{date}، الساعة {m[5]}:{m[6]}" + (" بتوقيت غرينتش" if m[7] else "")
    return date


def _month(value: str) -> str | None:
    m = _MONTH.match(value)
    return f"{MONTH_NAMES[int(m[2])]} {m[1]}" if m and 1 <= int(m[2]) <= 12 else None


def _week(value: str) -> str | None:
    m = _WEEK.match(value)
    if not m:
        return None
    try:
        monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
    except ValueError:
        return None
    sunday = monday + dt.timedelta(days=6)
    span = f"{monday.day}–{sunday.day} {MONTH_NAMES[monday.month]}" if monday.month == sunday.month else \
        f"{monday.day} {MONTH_NAMES[monday.month]} – {sunday.day} {MONTH_NAMES[sunday.month]}"
    return f"الأسبوع {int(m[2])} من {m[1]} ({span})"


def _part(value: str) -> str | None:
    m = _PART.match(value)
    if not m:
        return None
    names = QUARTERS if m[2] == "Q" else HALVES
    return f"{names[int(m[3])]} من {m[1]}" if int(m[3]) in names else None


def _year(value: str) -> str | None:
    m = _YEAR.match(value)
    return f"عام {m[1]}" if m else None


def _duration(value: str) -> str | None:
    m = _DURATION.match(value)
    if not m:
        return None
    unit = "TM" if m[1] and m[3] == "M" else m[3]
    one, two, few, many = UNITS[unit]
    if m[2] == "X":                 # بضعة before a masculine plural (أشهر، أيام)، بضع before a feminine (ساعات)
        return f"{'بضع' if unit in FEMININE else 'بضعة'} {few}"
    n = int(m[2])
    if unit == "TM" and n > 60:
        hours = _duration(f"PT{n // 60}H")
        return f"{hours} و{_duration(f'PT{n % 60}M')}" if n % 60 else hours
    if n == 1:
        return one
    if n == 2:
        return two
    return f"{n} {few if n <= 10 else many}"


def _every(value: str) -> str | None:
    m = _WEEKDAY_SET.match(value)
    if m:
        return f"كل يوم {WEEKDAY_NAMES[int(m[1]) - 1].removeprefix('ال')}"
    m = _DURATION.match(value)
    if not m or m[2] == "X":
        return None
    unit = "TM" if m[1] and m[3] == "M" else m[3]
    if m[2] == "1":
        return EVERY.get(unit) or f"كل {UNITS[unit][0]}"
    return f"كل {_duration(value)}"
