"""Time expressions in Arabic news text, resolved against the publication date.

Covers absolute dates in every month-name family (يناير / كانون الثاني / جانفي / يوليوز, and pairs such as
"8 يوليو/تموز 2020"), numeric dates, Hijri dates (converted with hijridate, Umm al-Qura), relative days
("أمس الاثنين", "صباح اليوم", "الأحد المقبل"), relative weeks/months/years, "منذ/قبل/بعد + count + unit",
durations ("لمدة شهرين", "منذ أبريل 2019"), and clock times. A named weekday is checked against the date it
resolves to (`consistent`). All matching runs on a digit-normalized copy of the text, which is
length-preserving, so offsets point into the original body.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from ..arabic.calendar import GREGORIAN_MONTHS, HIJRI_MONTHS, NUMBER_WORDS, ORDINAL_DAYS, WEEKDAYS, _GREGORIAN, _HIJRI
from ..arabic.normalize import normalize, normalize_digits
from ..document import TimeExpr


def _variant_class(word: str) -> str:
    """Regex for a word in all its hamza/yaa/taa spellings."""
    out = []
    for ch in word:
        if ch in "اأإآ":
            out.append("[اأإآ]")
        elif ch in "يى":
            out.append("[يى]")
        elif ch in "ةه":
            out.append("[ةه]")
        elif ch == " ":
            out.append(r"\s+")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _alternation(words: Iterable[str]) -> str:
    return "|".join(_variant_class(w) for w in sorted(set(words), key=len, reverse=True))


_B = r"(?<![\w])"      # word start (clitics are matched explicitly where allowed)
_E = r"(?![\w])"
CL = r"(?:[وفب]|ل)?"  # a proclitic before a time word: وأمس، بعد … فاليوم
MONTH = f"(?:{_alternation(n for names in _GREGORIAN.values() for n in names)})"
HMONTH = f"(?:{_alternation(n for names in _HIJRI.values() for n in names)})"
WEEKDAY = "(?:" + _alternation(["الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]) + ")"
DAY = r"(?:[0-3]?\d)"
YEAR = r"(?:1[3-4]\d\d|19\d\d|20\d\d)"
ORD = "(?:" + _alternation(["غرة", "الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن",
                             "التاسع", "العاشر", "الحادي عشر", "الثاني عشر", "الثالث عشر", "الرابع عشر",
                             "الخامس عشر", "السادس عشر", "السابع عشر", "الثامن عشر", "التاسع عشر", "العشرين",
                             "الحادي والعشرين", "الثاني والعشرين", "الثالث والعشرين", "الرابع والعشرين",
                             "الخامس والعشرين", "السادس والعشرين", "السابع والعشرين", "الثامن والعشرين",
                             "التاسع والعشرين", "الثلاثين"]) + ")"
PART = "(?:" + _alternation(["صباح", "مساء", "ظهر", "عصر", "فجر", "ليل", "ليلة", "منتصف ليل", "منتصف ليلة", "ظهيرة"]) + ")"
REL_DAY = "(?:" + _alternation(["أول أمس", "أول من أمس", "أمس", "البارحة", "اليوم", "غدا", "غداً", "بعد غد"]) + ")"
NUMW = "(?:" + _alternation(list(NUMBER_WORDS)) + ")"
UNIT = "(?:" + _alternation(["يوم", "يوما", "أيام", "يومين", "يومان", "أسبوع", "أسبوعا", "أسابيع", "أسبوعين",
                              "شهر", "شهرا", "أشهر", "شهور", "شهرين", "عام", "عاما", "أعوام", "عامين", "سنة",
                              "سنوات", "سنتين", "ساعة", "ساعات", "ساعتين", "دقيقة", "دقائق"]) + ")"
SEP = r"[\s،,]*"

PATTERNS: list[tuple[str, re.Pattern]] = [
    # Hijri, optionally joined to its Gregorian equivalent by الموافق
    ("hijri", re.compile(
        rf"{_B}(?:{CL}(?:يوم\s+)?(?P<wd>{WEEKDAY}){SEP})?(?P<d>{DAY}|{ORD})\s+(?:من\s+)?(?:شهر\s+)?(?P<hm>{HMONTH})"
        rf"(?:\s+(?:عام\s+|سنة\s+)?(?P<y>{YEAR}))?\s*(?:هـ|ه)?{_E}"
        rf"(?:{SEP}(?:الموافق|الموافقة|وفق|م?وافق){SEP}(?:(?:ل|لـ)\s*)?(?:{WEEKDAY}{SEP})?(?P<gd>{DAY})\s+(?P<gm>{MONTH})"
        rf"(?:\s*[/(]\s*{MONTH}\s*\)?)?(?:\s+(?P<gy>{YEAR}))?\s*م?)?")),
    ("dmy", re.compile(
        rf"{_B}(?:{CL}(?:يوم\s+)?(?P<wd>{WEEKDAY}){SEP})?(?:{CL}(?P<d>{DAY}))\s+(?:من\s+)?(?:شهر\s+)?(?P<m>{MONTH})"
        rf"(?:\s*[/(]\s*(?:{MONTH})\s*\)?)?(?:\s*[(]\s*(?:{MONTH})\s*[)])?(?:\s+(?:من\s+)?(?:عام\s+|سنة\s+)?(?P<y>{YEAR})\s*م?"
        rf"|\s+(?P<rel>الماضي|المقبل|القادم|الجاري|الحالي|المنصرم|الفائت))?{_E}")),
    ("numeric", re.compile(rf"{_B}(?P<d>[0-3]?\d)[/.\-](?P<m>[01]?\d)[/.\-](?P<y>(?:19|20)\d\d){_E}")),
    ("iso", re.compile(rf"{_B}(?P<y>(?:19|20)\d\d)[/\-](?P<m>[01]?\d)[/\-](?P<d>[0-3]?\d){_E}")),
    ("since_my", re.compile(
        rf"{_B}{CL}(?P<kw>منذ|مند)\s+(?:شهر\s+)?(?P<m>{MONTH})(?:\s*[/(]\s*{MONTH}\s*\)?)?(?:\s+(?:عام\s+)?(?P<y>{YEAR})\s*م?)?{_E}")),
    ("since_y", re.compile(rf"{_B}{CL}(?P<kw>منذ)\s+(?:عام|سنة|العام)\s+(?P<y>{YEAR}){_E}")),
    ("my", re.compile(
        rf"{_B}(?:(?P<mod>{_alternation(['مطلع', 'منتصف', 'أواخر', 'أوائل', 'نهاية', 'بداية', 'أواسط', 'آخر'])})\s+)?"
        rf"(?:{CL}شهر\s+)?{CL}(?P<m>{MONTH})(?:\s*[/(]\s*{MONTH}\s*\)?)?"
        rf"(?:\s+(?:من\s+)?(?:عام\s+|العام\s+)?(?P<y>{YEAR})\s*م?|\s+(?P<rel>الماضي|المقبل|القادم|الجاري|الحالي|المنصرم|الفائت))?{_E}")),
    ("year", re.compile(rf"{_B}{CL}(?:عام|سنة|العام)\s+(?P<y>{YEAR})\s*(?P<era>م|هـ|ه)?{_E}")),
    ("rel_day", re.compile(
        rf"{_B}(?:{CL}(?P<part>{PART})\s+)?{CL}(?P<rel>{REL_DAY})(?:{SEP}(?P<wd>{WEEKDAY}))?{_E}")),
    ("rel_wd", re.compile(
        rf"{_B}(?:{CL}(?P<part>{PART})\s+)?{CL}(?:يوم\s+)?(?P<wd>{WEEKDAY})(?:\s+(?P<rel>المقبل|القادم|الماضي|الفائت|المنصرم|الأخير))?{_E}")),
    ("rel_period", re.compile(
        rf"{_B}{CL}(?P<unit>الأسبوع|الاسبوع|الشهر|العام|السنة)\s+(?P<rel>الماضي|الماضية|المقبل|المقبلة|القادم|القادمة|الجاري|الجارية|الحالي|الحالية|المنصرم|الفائت|المنقضي)"
        rf"(?:\s+(?P<extra>\d+))?{_E}")),
    ("offset", re.compile(
        rf"{_B}{CL}(?P<kw>منذ|قبل|بعد|خلال|لمدة|طيلة|طوال|على مدى|على مدار)\s+(?:(?P<num>\d+|{NUMW})\s+)?(?P<unit>{UNIT})"
        rf"(?:\s+(?P<rel>الماضية|الماضي|المقبلة|المقبل|القادمة|القادم|الأخيرة|الأخير))?{_E}")),
    ("clock", re.compile(
        rf"{_B}(?:{CL}(?:الساعة|في تمام الساعة|تمام الساعة)\s+)(?P<h>[0-2]?\d)(?::(?P<min>[0-5]\d))?"
        rf"(?:\s+(?P<ap>صباحا|صباحاً|مساء|مساءً|ظهرا|عصرا|ليلا))?(?:\s+(?P<tz>بتوقيت غرينتش|بتوقيت جرينتش|بتوقيت غرينيتش|ت\.?غ|GMT))?{_E}")),
    ("clock_words", re.compile(
        rf"{_B}{CL}الساعة\s+(?P<hw>{ORD}|الواحدة|الحادية عشرة|الثانية عشرة|الثانية|الثالثة|الرابعة|الخامسة|السادسة|السابعة|الثامنة|التاسعة|العاشرة)"
        rf"(?:\s+(?:و(?:النصف|الربع|نصف)))?(?:\s+(?P<ap>صباحا|صباحاً|مساء|مساءً|ظهرا|عصرا|ليلا|فجرا))?{_E}")),
]

_MONTH_NAMES = {n for names in _GREGORIAN.values() for n in names}
_MONTH_LONG = sorted({n.split()[0] for n in _MONTH_NAMES if len(n.split()[0]) >= 4})
_MONTH_SHORT = re.compile(r"(?<!\w)[وفب]?(?:" + "|".join(sorted({n for n in _MONTH_NAMES if len(n.split()[0]) < 4},
                                                                  key=len, reverse=True)) + r")(?!\w)")


class _MonthGate:
    """Trigger for month names: long names by substring, short ones (آب، ماي، أوت) as whole words only."""

    def search(self, text: str) -> bool:
        return any(w in text for w in _MONTH_LONG) or _MONTH_SHORT.search(text) is not None


_HIJRI_WORDS = ["محرم", "صفر", "ربيع", "جماد", "رجب", "شعبان", "رمضان", "شوال", "القعدة", "الحجة"]
_WEEKDAY_WORDS = ["اثنين", "ثلاثاء", "أربعاء", "اربعاء", "خميس", "جمعة", "جمعه", "سبت", "أحد", "احد"]
_NUMERIC = re.compile(r"\d[/.\-]\d")
# Each pattern runs only when one of its trigger words occurs in the text: plain substring tests in C are
# far cheaper than scanning every position with a large alternation.
TRIGGERS: dict[str, list[str] | re.Pattern | _MonthGate] = {
    "hijri": _HIJRI_WORDS, "dmy": _MonthGate(), "numeric": _NUMERIC, "iso": _NUMERIC, "since_my": ["منذ", "مند"],
    "since_y": ["منذ"], "my": _MonthGate(), "year": ["عام", "سنة", "العام"],
    "rel_day": ["أمس", "امس", "اليوم", "غدا", "غداً", "البارحة", "بعد غد"], "rel_wd": _WEEKDAY_WORDS,
    "rel_period": ["الأسبوع", "الاسبوع", "الشهر", "العام", "السنة"],
    "offset": ["منذ", "قبل", "بعد", "خلال", "لمدة", "طيلة", "طوال", "على مدى", "على مدار"],
    "clock": ["الساعة"], "clock_words": ["الساعة"],
}


_TIME_STARTS = tuple(normalize(w) for w in (
    "منذ", "مند", "قبل", "بعد", "خلال", "لمدة", "طيلة", "طوال", "على مدى", "على مدار", "أمس", "أول", "اليوم", "غدا",
    "البارحة", "الليلة", "يوم", "صباح", "مساء", "ظهر", "عصر", "فجر", "ليل", "منتصف", "مطلع", "أواخر", "أوائل", "نهاية",
    "بداية", "أواسط", "آخر", "الساعة", "في تمام", "تمام", "عام", "سنة", "العام", "الأسبوع", "الشهر", "السنة", "شهر",
    "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"))


def _starts_time_word(rest: str) -> bool:
    return normalize(rest[:14]).startswith(_TIME_STARTS)


def _triggered(name: str, text: str) -> bool:
    trig = TRIGGERS.get(name)
    if trig is None:
        return True
    if not isinstance(trig, list):
        return bool(trig.search(text))
    return any(w in text for w in trig)


HOUR_WORDS = {normalize(k): v for k, v in {
    "الواحدة": 1, "الثانية": 2, "الثالثة": 3, "الرابعة": 4, "الخامسة": 5, "السادسة": 6, "السابعة": 7,
    "الثامنة": 8, "التاسعة": 9, "العاشرة": 10, "الحادية عشرة": 11, "الثانية عشرة": 12}.items()}
PART_CODE = {"صباح": "MO", "فجر": "NI", "ظهر": "AF", "ظهيره": "AF", "عصر": "AF", "مساء": "EV", "ليل": "NI",
             "ليله": "NI", "منتصف ليل": "NI", "منتصف ليله": "NI"}
UNIT_DAYS = {"يوم": 1, "ايام": 1, "يوما": 1, "يومين": 1, "يومان": 1, "اسبوع": 7, "اسبوعا": 7, "اسابيع": 7,
             "اسبوعين": 7, "شهر": 30, "شهرا": 30, "اشهر": 30, "شهور": 30, "شهرين": 30, "عام": 365, "عاما": 365,
             "اعوام": 365, "عامين": 365, "سنه": 365, "سنوات": 365, "سنتين": 365}
DUAL = {"يومين", "يومان", "اسبوعين", "شهرين", "عامين", "سنتين", "ساعتين"}
UNIT_CODE = {1: "D", 7: "W", 30: "M", 365: "Y"}


def _num(s: str | None) -> int | None:
    if s is None:
        return None
    s = normalize(s)
    if s.isdigit():
        return int(s)
    return NUMBER_WORDS.get(s)


def _closest_year(month: int, day: int, ref: dt.date | None) -> int | None:
    if ref is None:
        return None
    best = None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            cand = dt.date(y, month, day)
        except ValueError:
            continue
        if best is None or abs((cand - ref).days) < abs((best - ref).days):
            best = cand
    return best.year if best else None


def _weekday_check(wd: str | None, value: dt.date | None) -> bool | None:
    if not wd or value is None:
        return True
    want = WEEKDAYS.get(normalize(wd).lstrip("وفب"))
    if want is None:
        want = WEEKDAYS.get(normalize(wd))
    return want == value.weekday() if want is not None else True


def _iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _add_months(d: dt.date, n: int) -> tuple[int, int]:
    m = d.month - 1 + n
    return d.year + m // 12, m % 12 + 1


def find_times(text: str, published: dt.date | None) -> list[TimeExpr]:
    """All time expressions in `text`, longest match first, non-overlapping, in text order."""
    work = normalize_digits(text)
    found: list[TimeExpr] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for name, rx in PATTERNS:
        if not _triggered(name, work):
            continue
        for m in rx.finditer(work):
            s, e = m.span()
            while s < e and work[s] in " ،,":
                s += 1
            if work[s] in "وفبل" and _starts_time_word(work[s + 1:e]):
                s += 1          # "ومنذ", "وأمس", "بعد": the conjunction or preposition is not part of the expression
            if s >= e or not free(s, e):
                continue
            tx = _resolve(name, m, published)
            if tx is None:
                continue
            value, ttype, anchor, consistent = tx
            found.append(TimeExpr(text=text[s:e], start=s, end=e, value=value, type=ttype, anchor=anchor,
                                  consistent=consistent))
            taken.append((s, e))
    found.sort(key=lambda t: t.start)
    return found


def _resolve(name: str, m: re.Match, P: dt.date | None):
    g = m.groupdict()
    if name == "hijri":
        d = _num(g["d"]) if g["d"] and g["d"].isdigit() else ORDINAL_DAYS.get(normalize(g["d"]))
        hm = HIJRI_MONTHS.get(normalize(" ".join(g["hm"].split())))
        year = int(g["y"]) if g.get("y") else None
        value = None
        if g.get("gd") and g.get("gm"):
            gy = int(g["gy"]) if g.get("gy") else _closest_year(GREGORIAN_MONTHS[normalize(" ".join(g["gm"].split()))], int(g["gd"]), P)
            try:
                value = dt.date(gy, GREGORIAN_MONTHS[normalize(" ".join(g["gm"].split()))], int(g["gd"])) if gy else None
            except ValueError:
                value = None
        if value is None and d and hm:
            if year is None and P is not None:
                from hijridate import Gregorian
                year = Gregorian(P.year, P.month, P.day).to_hijri().year
            if year:
                try:
                    from hijridate import Hijri
                    gr = Hijri(year, hm, d).to_gregorian()
                    value = dt.date(gr.year, gr.month, gr.day)
                except (ValueError, OverflowError):
                    value = None
        if value is None:
            return None
        return value.isoformat(), "date", "absolute" if year or g.get("gy") else "published", _weekday_check(g.get("wd"), value)
    if name in ("dmy", "numeric", "iso"):
        day = int(g["d"])
        month = GREGORIAN_MONTHS.get(normalize(" ".join(g["m"].split()))) if name == "dmy" else int(g["m"])
        if not month or not 1 <= month <= 12 or not 1 <= day <= 31:
            return None
        year = int(g["y"]) if g.get("y") else _closest_year(month, day, P)
        rel = normalize(g["rel"]) if g.get("rel") else None
        if rel and P is not None and not g.get("y"):
            # "13 شباط الماضي": the most recent past 13 February; "المقبل": the next one to come
            past = rel in ("الماضي", "المنصرم", "الفايت")
            year = P.year
            for y in (P.year + 1, P.year, P.year - 1, P.year - 2):
                try:
                    cand = dt.date(y, month, day)
                except ValueError:
                    continue
                if (past and cand < P) or (not past and rel in ("المقبل", "القادم") and cand > P):
                    year = y
                    if not past:
                        continue
                    break
        if year is None:
            return None
        try:
            value = dt.date(year, month, day)
        except ValueError:
            return None
        anchor = "absolute" if g.get("y") else "published"
        return value.isoformat(), "date", anchor, _weekday_check(g.get("wd"), value)
    if name == "since_my":
        month = GREGORIAN_MONTHS.get(normalize(" ".join(g["m"].split())))
        year = int(g["y"]) if g.get("y") else (None if P is None else (P.year if month <= P.month else P.year - 1))
        if year is None:
            return None
        end = P.isoformat() if P else ""
        return (f"{year}-{month:02d}/{end}" if end else f"{year}-{month:02d}"), "duration", "absolute", True
    if name == "since_y":
        if int(g["y"]) < 1800:
            return None
        end = P.isoformat() if P else ""
        return (f"{g['y']}/{end}" if end else g["y"]), "duration", "absolute", True
    if name == "my":
        month = GREGORIAN_MONTHS.get(normalize(" ".join(g["m"].split())))
        if month is None:
            return None
        if g.get("y"):
            return f"{g['y']}-{month:02d}", "date", "absolute", True
        if not g.get("mod") and not g.get("rel") and "شهر" not in m.group(0):
            return None   # a bare month name ("مارس", "ماي") is too often another word
        if P is None:
            return None
        rel = normalize(g["rel"]) if g.get("rel") else None
        if rel in ("الماضي", "المنصرم", "الفايت"):
            year = P.year if month < P.month else P.year - 1
        elif rel in ("المقبل", "القادم"):
            year = P.year if month > P.month else P.year + 1
        else:
            year = P.year if month <= P.month + 2 else P.year - 1
        return f"{year}-{month:02d}", "date", "published", True
    if name == "year":
        if g.get("era") in ("هـ", "ه") or int(g["y"]) < 1800:
            return None, "date", "none", None     # a Hijri year spans two Gregorian years: found, not valued
        return g["y"], "date", "absolute", True
    if name == "rel_day":
        rel = normalize(" ".join(g["rel"].split()))
        offset = {"اول امس": -2, "اول من امس": -2, "امس": -1, "البارحه": -1, "اليوم": 0, "غدا": 1, "بعد غد": 2}.get(rel)
        if offset is None:
            return None
        if P is None:
            return None, "date", "none", None
        day = P + dt.timedelta(days=offset)
        part = g.get("part")
        consistent = _weekday_check(g.get("wd"), day)
        if part:
            code = PART_CODE.get(normalize(" ".join(part.split())).lstrip("وفب"), PART_CODE.get(normalize(part)))
            return f"{day.isoformat()}T{code or 'MO'}", "time", "published", consistent
        return day.isoformat(), "date", "published", consistent
    if name == "rel_wd":
        want = WEEKDAYS.get(normalize(g["wd"]))
        if want is None or P is None:
            return (None, "date", "none", None) if want is not None else None
        rel = normalize(g["rel"]) if g.get("rel") else None
        if rel in ("المقبل", "القادم"):
            delta = (want - P.weekday()) % 7 or 7
        elif rel in ("الماضي", "الفايت", "المنصرم", "الاخير"):
            delta = -((P.weekday() - want) % 7 or 7)
        else:
            delta = -((P.weekday() - want) % 7)
        day = P + dt.timedelta(days=delta)
        part = g.get("part")
        if part:
            code = PART_CODE.get(normalize(" ".join(part.split())).lstrip("وفب"), PART_CODE.get(normalize(part)))
            return f"{day.isoformat()}T{code or 'MO'}", "time", "published", True
        return day.isoformat(), "date", "published", True
    if name == "rel_period":
        if P is None:
            return None, "date", "none", None
        unit = normalize(g["unit"])
        rel = normalize(g["rel"])
        step = -1 if rel.startswith(("الماضي", "المنصرم", "الفايت", "المنقضي")) else 1 if rel.startswith(("المقبل", "القادم")) else 0
        if unit in ("الاسبوع",):
            return _iso_week(P + dt.timedelta(days=7 * step)), "date", "published", True
        if unit == "الشهر":
            y, mo = _add_months(P, step)
            return f"{y}-{mo:02d}", "date", "published", True
        return str(P.year + step), "date", "published", True
    if name == "offset":
        kw = normalize(g["kw"])
        unit = normalize(g["unit"])
        n = _num(g.get("num"))
        if n is None:
            n = 2 if unit in DUAL else (1 if unit in ("يوم", "اسبوع", "شهر", "عام", "سنه", "ساعه") else None)
        if n is None:
            return None
        if unit.startswith(("ساع", "دقي")):
            return f"PT{n}{'H' if unit.startswith('ساع') else 'M'}", "duration", "none", True
        size = UNIT_DAYS.get(unit, 1)
        if kw in ("منذ", "قبل", "بعد") and not g.get("rel"):
            if P is None:
                return None, "date", "none", None
            sign = 1 if kw == "بعد" else -1
            if size == 1:
                return (P + dt.timedelta(days=sign * n)).isoformat(), "date", "published", True
            if size == 7:
                return (P + dt.timedelta(days=sign * 7 * n)).isoformat(), "date", "published", True
            if size == 30:
                y, mo = _add_months(P, sign * n)
                return f"{y}-{mo:02d}", "date", "published", True
            return str(P.year + sign * n), "date", "published", True
        return f"P{n}{UNIT_CODE.get(size, 'D')}", "duration", "none", True
    if name == "clock":
        h = int(g["h"])
        mi = int(g["min"]) if g.get("min") else 0
        ap = normalize(g["ap"]) if g.get("ap") else None
        if ap and ap.startswith(("مساء", "عصر", "ليل")) and h < 12:
            h += 12
        if h > 23:
            return None
        z = "Z" if g.get("tz") else ""
        if P is None:
            return f"T{h:02d}:{mi:02d}{z}", "time", "none", True
        return f"{P.isoformat()}T{h:02d}:{mi:02d}{z}", "time", "published", True
    if name == "clock_words":
        h = HOUR_WORDS.get(normalize(" ".join(g["hw"].split())))
        if h is None:
            return None
        ap = normalize(g["ap"]) if g.get("ap") else None
        if ap and ap.startswith(("مساء", "عصر", "ليل")) and h < 12:
            h += 12
        if P is None:
            return f"T{h:02d}:00", "time", "none", True
        return f"{P.isoformat()}T{h:02d}:00", "time", "published", True
    return None


def parse_date(text: str) -> dt.date | None:
    """The first absolute date in a short text (a date line, a meta value, a URL path)."""
    text = normalize_digits(text)
    m = re.search(r"((?:19|20)\d\d)[-/](\d{1,2})[-/](\d{1,2})", text)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            pass
    for t in find_times(text, None):
        if t.anchor == "absolute" and t.value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", t.value):
            return dt.date.fromisoformat(t.value)
    return None
