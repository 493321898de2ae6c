"""Years that are not calendar years, and the minutes of a match: patterns and their values.

A sports season and a school or training year run across two calendar years ("الموسم الماضي" in a July 2015
article is 2014/2015, "العام الدراسي المقبل" 2015/2016); a Saudi school year written in Hijri years ("للعام
الدراسي 1436/1437هـ") is the same Gregorian pair. Between June and August the coming season is the one spoken
of as this one and as the next ("الموسم الجديد", "هذا الموسم"), the one that ended is the last. Fiscal years
are left alone: Saudi Arabia's is the calendar year, Egypt's runs from July, and a page does not say whose it
means. A match report's minutes
("الدقيقة 23") are offsets from the kick-off, kept as durations for its timeline."""

from __future__ import annotations

import datetime as dt
import re

from .hijri import _hijri_to_date
from .lexicon import REL, fold_key, sign_of

_ONES = {"الاولي": 1, "الحاديه": 1, "الثانيه": 2, "الثالثه": 3, "الرابعه": 4, "الخامسه": 5, "السادسه": 6,
         "السابعه": 7, "الثامنه": 8, "التاسعه": 9}
_TENS = {"العشرين": 20, "الثلاثين": 30, "الاربعين": 40, "الخمسين": 50, "الستين": 60, "السبعين": 70, "الثمانين": 80,
         "التسعين": 90}
# "الدقيقة الخامسة عشرة", "الدقيقة الثامنة والثلاثين": the minute as a feminine ordinal (folded spelling)
_MINUTE_ORDINAL = (r"(?:(?:الحاديه|الثانيه|الثالثه|الرابعه|الخامسه|السادسه|السابعه|الثامنه|التاسعه)\s+عشر[ه]?"
                   r"|(?:الحاديه|الثانيه|الثالثه|الرابعه|الخامسه|السادسه|السابعه|الثامنه|التاسعه)\s+و\s*"
                   r"(?:العشرين|الثلاثين|الاربعين|الخمسين|الستين|السبعين|الثمانين|التسعين)"
                   r"|الاولي|الثانيه|الثالثه|الرابعه|الخامسه|السادسه|السابعه|الثامنه|التاسعه|العاشره"
                   r"|العشرين|الثلاثين|الاربعين|الخمسين|الستين|السبعين|الثمانين|التسعين)(?!\w)")
# "الدقيقة الثامنة من زمن الشوط الثاني": counted from the second half's kick-off, 45 minutes in
_SECOND_HALF = r"\s+(?:من\s+)?(?:زمن\s+)?(?:هذا\s+)?الشوط\s+الثاني(?!\w)"
# words of a match report: "د 79" is a minute only there
_MATCH_REPORT = re.compile(r"(?:مباراه|مباريات|الدوري|الكاس|هدف|هدفه|اهداف|الشوط|سجل|مرمي|ركله|تعادل)")


MINUTE_D = re.compile(r"(?<![\w.])د\s?\d")                 # the digit trigger of "د40", "د 85"


def _ordinal_minute(s: str) -> int | None:
    """The number of a feminine ordinal ("الخامسه عشره" → 15), folded."""
    words = re.sub(r"\s+و\s*", " ", s).split()
    if len(words) == 1:
        return _ONES.get(words[0]) or _TENS.get(words[0]) or (10 if words[0] == "العاشره" else None)
    if words[-1] in ("عشر", "عشره"):
        return 10 + _ONES[words[0]]
    return _ONES[words[0]] + _TENS[words[-1]]


_ACADEMIC = (r"(?:العام|السنة|السنه|لعام|لسنة|لسنه)\s+(?:الدراسي|الدراسية|الدراسيه|التدريبي|التدريبية|الجامعي|الجامعية|"
             r"الأكاديمي|الاكاديمي)")
_SPORT = r"(?:ال|ل)موسم(?:\s+(?:الرياضي|الكروي|الدراسي))?"
_NEW = r"(?:الجديد|الجديدة|الجديده)"
_YEARS = r"(?P<y1>1[34]\d\d|19\d\d|20\d\d)\s*[/\-]\s*(?P<y2>1[34]\d\d|19\d\d|20\d\d)\s*(?P<era>هـ|ه(?!\w)|هجري\w*)?"

RAW: list[tuple[str, str]] = [
    ("school_year", rf"(?<!\w)(?:[وفب]|ل(?=ل))?(?:(?P<mod>بداية|نهاية|مطلع|منتصف|أواخر|اواخر|مستهل|ختام)\s+)?"
                    rf"(?P<this>هذا\s+)?(?P<unit>ل?{_ACADEMIC}|ل?{_SPORT})"
                    rf"(?:\s+(?P<rel>{REL}|{_NEW})|\s+(?:{_YEARS}))?(?!\w)"),
    ("in_a_row", r"(?<!\w)(?:لل|في\s+ال)(?:سنة|سنه|عام|موسم)\s+(?P<ord>\w+)(?:\s+\w+)?\s+(?:على\s+التوالي|تواليا)"),
    ("seasons_ago", r"(?<!\w)[وف]?قبل\s+(?P<n>موسمين|ثلاثة\s+مواسم|موسم)(?!\w)"),
    ("year_after_year", r"(?<!\w)(?:(?P<u1>يوما|اسبوعا|أسبوعا|شهرا|عاما|سنة|سنه)\s+(?:عن|بعد)\s+"
                        r"(?:يوم|اسبوع|أسبوع|شهر|عام|سنة|سنه|أخرى|اخري)"
                        r"|من\s+(?P<u2>يوم|اسبوع|أسبوع|شهر|عام|سنة|سنه)\s+(?:لآخر|لاخر|إلى\s+آخر|الى\s+اخر|لأخرى|لاخري))(?!\w)"),
    ("match_minute", rf"(?<!\w)(?:[وفب]|ل(?=ل))?(?:في\s+)?ال(?:دقيقة|دقيقه)\s*(?:\(\s*)?"
                     rf"(?:(?P<m>\d{{1,3}})(?!\d)|(?P<ow>{_MINUTE_ORDINAL}))"
                     rf"(?:\s*\+\s*(?P<extra>\d{{1,2}}))?(?P<second>{_SECOND_HALF})?"),
    # "سجل فهد السويلم د40": a match report's short form of the minute
    ("match_minute_d", r"(?<![\w.])د\s?(?P<m>\d{1,3})(?!\d)(?:\s*\+\s*(?P<extra>\d{1,2}))?"),
]
TRIGGERS = {"school_year": ("الدراسي", "الدراسيه", "التدريبي", "التدريبيه", "الجامعي", "الجامعيه", "الاكاديمي",
                            "الموسم", "للموسم", "لموسم"),
            "seasons_ago": ("موسمين", "مواسم", "قبل موسم"), "in_a_row": ("التوالي", "تواليا"),
            "match_minute": ("الدقيقه", "بالدقيقه"), "match_minute_d": (MINUTE_D,),
            "year_after_year": ("عن يوم", "بعد يوم", "عن عام", "بعد عام", "بعد سنه", "بعد شهر", "عن شهر", "لاخر",
                                "الي اخر", "لاخري")}


def _upcoming(P: dt.date) -> int:
    """The first calendar year of the season spoken of as this one: from June on, the one about to start."""
    return P.year if P.month >= 6 else P.year - 1


def _pair(y: int) -> str:
    return f"{y}/{y + 1}"


def _hijri_first_year(h: int) -> int | None:
    """The Gregorian year Hijri year h opens in."""
    first = _hijri_to_date(h, 1, 1)
    return first.year if first is not None else None


def r_school_year(g, m, P, res, future: bool = False):
    if g.get("y1"):
        y1, y2 = int(g["y1"]), int(g["y2"])
        if y2 != y1 + 1:
            return None
        if y1 < 1600:                       # "العام الدراسي 1436/1437هـ": the Gregorian pair it runs over
            g1 = _hijri_first_year(y2)
            return res(_pair(g1), anchor="absolute") if g1 else None
        return res(_pair(y1), anchor="absolute")
    if P is None:
        return res(None, anchor="none", consistent=None)
    rel = fold_key(g.get("rel") or "")
    if not (rel or g.get("this") or g.get("mod")):
        return None                         # "الموسم" alone: of what, the text says elsewhere
    y = _upcoming(P)
    if g.get("this") and not rel and not g.get("mod") and P.month in (6, 7) and "موسم" in fold_key(g["unit"]) \
            and not future:
        y -= 1              # "تلقى خسارة في ملعبه هذا الموسم" in July: the season that has just ended
    if rel in ("الجديد", "الجديده"):
        return res(_pair(y))
    sign = sign_of(rel)
    if sign > 0 and not 6 <= P.month <= 8:
        y += 1                              # out of the summer break, "المقبل" is the one after the current
    elif sign < 0:
        y += sign                           # the last one, or "قبل الماضي" the one before it
    return res(_pair(y))


_AGO = {"موسمين": 2, "ثلاثه مواسم": 3, "موسم": 1}


def r_seasons_ago(g, m, P, res):
    n = _AGO.get(fold_key(g["n"]))
    if n is None or P is None:
        return None
    if not re.search(r"(?:مباراه|مباريات|الدوري|الكاس|نهائي|بطوله|هدف|اهداف|لاعب|فريق|نادي)", m.string[
            max(0, m.start() - 200):m.end() + 200]):
        return None                         # seasons of a sport, not of a harvest or of a series
    return res(_pair(_upcoming(P) - n))


def r_in_a_row(g, m, P, res):
    """"للسنة الثامنة على التوالي": this year, the eighth of a run (its span ends before the run's words)."""
    if P is None:
        return None
    return res(str(P.year))


_EVERY = {"يوما": "P1D", "يوم": "P1D", "اسبوعا": "P1W", "اسبوع": "P1W", "شهرا": "P1M", "شهر": "P1M",
          "عاما": "P1Y", "عام": "P1Y", "سنه": "P1Y"}


def r_year_after_year(g, m, P, res):
    """"يوما عن يوم", "عاما بعد عام", "من عام لآخر": the unit's set (each year, growing from one to the next)."""
    code = _EVERY.get(fold_key(g.get("u1") or g.get("u2") or ""))
    return res(code, type="set", anchor="none") if code else None


def r_match_minute(g, m, P, res):
    if g.get("ow"):
        n = _ordinal_minute(" ".join(g["ow"].split()))
        if n is None:
            return None
    else:
        n = int(g["m"])
    n += int(g.get("extra") or 0) + (45 if g.get("second") and n <= 45 else 0)
    if not 0 < n <= 130:
        return None
    return res(f"PT{n}M", type="duration", anchor="none")


def r_match_minute_d(g, m, P, res):
    """"سجل فهد السويلم د40": "د" and a number are a minute in a match report, and nothing elsewhere."""
    if not _MATCH_REPORT.search(m.string[max(0, m.start() - 300):m.end() + 300]):
        return None
    return r_match_minute(g, m, P, res)
