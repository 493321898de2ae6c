"""Words of Arabic time expressions in matching form, and the small parsers for their numbers.

Every key and regex fragment here is folded like `fold.Folded` text (أمس → امس, الماضية → الماضيه): the
patterns never need spelling alternatives. Number words cover what news writes for spans and clock times:
units and their feminine forms (ثلاث/ثلاثة), teens (ثمانية عشر), tens with units (أربع وعشرين), the definite
forms of both (الثماني والأربعين), and the dual that carries its own number (يومين، ساعتين).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..arabic.calendar import GREGORIAN_MONTHS, HIJRI_MONTHS, WEEKDAYS
from ..arabic.normalize import normalize, normalize_pattern


def alt(words) -> str:
    """A regex alternation of folded words, longest first, spaces matching any run of spaces."""
    folded = sorted({normalize(w) for w in words}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in folded) + ")"


@lru_cache(maxsize=65536)
def fold_key(s: str) -> str:
    """A matched word or phrase as a lookup key: folded, one space between words (cached: the same few
    hundred time words recur in every article)."""
    return " ".join(normalize(s).split())


UNITS = {"واحد": 1, "واحدة": 1, "أحد": 1, "إحدى": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2,
         "اثني": 2, "اثنا": 2, "ثلاث": 3, "ثلاثة": 3, "أربع": 4, "أربعة": 4, "خمس": 5, "خمسة": 5, "ست": 6,
         "ستة": 6, "سبع": 7, "سبعة": 7, "ثمان": 8, "ثماني": 8, "ثمانية": 8, "تسع": 9, "تسعة": 9, "عشر": 10,
         "عشرة": 10}
TENS = {"عشرين": 20, "عشرون": 20, "ثلاثين": 30, "ثلاثون": 30, "أربعين": 40, "أربعون": 40, "خمسين": 50,
        "خمسون": 50, "ستين": 60, "ستون": 60, "سبعين": 70, "سبعون": 70, "ثمانين": 80, "ثمانون": 80,
        "تسعين": 90, "تسعون": 90, "مئة": 100, "مائة": 100}
_UNIT_F = {fold_key(k): v for k, v in UNITS.items()}
_TENS_F = {fold_key(k): v for k, v in TENS.items()}
_U = alt(k for k in UNITS if k not in ("بضع", "بضعة"))
_T = alt(TENS)
# "ثمانية عشر", "أربع وعشرين", "الثماني والأربعين", "عشرين", "72"
NUMBER = (rf"(?:(?:ال)?\d{{1,4}}|(?:ال)?(?:{_U}(?:\s+عشر[ه]?)?(?:\s+و(?:ال)?{_T})?|{_T})"
          rf"|{normalize_pattern('بضعة|بضع|عدة')})")


def number_value(s: str | None) -> int | None:
    """The value of a number written in digits or words ("أربع وعشرين" → 24); None when it is not one."""
    if not s:
        return None
    s = fold_key(s)
    if s.startswith("ال") and s[2:].isdigit():      # "السنوات الـ15 المقبلة"
        s = s[2:]
    if s.isdigit():
        return int(s)
    total = 0
    for part in re.split(r"\s+و", " " + s):
        words = [w[2:] if w.startswith("ال") and w[2:] in _UNIT_F | _TENS_F else w for w in part.split()]
        if not words:
            continue
        if len(words) == 2 and words[1] in ("عشر", "عشره") and words[0] in _UNIT_F:
            total += _UNIT_F[words[0]] + 10
        elif len(words) == 1 and words[0] in _UNIT_F:
            total += _UNIT_F[words[0]]
        elif len(words) == 1 and words[0] in _TENS_F:
            total += _TENS_F[words[0]]
        else:
            return None
    return total or None


# Units of spans: folded form → (ISO letter, whether the duration is in the time part, count carried by the
# word itself: a dual is two, a bare singular one, a plural needs a number).
_UNIT_WORDS = {
    "D": (["يوم", "يوما", "يوماً"], ["يومين", "يومان"], ["أيام"]),
    "W": (["أسبوع", "أسبوعا"], ["أسبوعين", "أسبوعان"], ["أسابيع"]),
    "M": (["شهر", "شهرا"], ["شهرين", "شهران"], ["أشهر", "شهور"]),
    "Y": (["عام", "عاما", "سنة"], ["عامين", "عامان", "سنتين", "سنتان"], ["أعوام", "سنوات", "سنين"]),
    "H": (["ساعة"], ["ساعتين", "ساعتان"], ["ساعات"]),
    "MIN": (["دقيقة"], ["دقيقتين", "دقيقتان"], ["دقائق"]),
    "DEC": (["عقد"], ["عقدين", "عقدان"], ["عقود"]),
    "CEN": (["قرن"], ["قرنين", "قرنان"], ["قرون"]),
}
UNIT_OF: dict[str, tuple[str, int | None]] = {}
for _code, (_one, _two, _many) in _UNIT_WORDS.items():
    for _w in _one:
        UNIT_OF[fold_key(_w)] = (_code, 1)
    for _w in _two:
        UNIT_OF[fold_key(_w)] = (_code, 2)
    for _w in _many:
        UNIT_OF[fold_key(_w)] = (_code, None)
UNIT = alt(w for ws in _UNIT_WORDS.values() for group in ws for w in group)
UNIT_DUAL = alt(w for ws in _UNIT_WORDS.values() for w in ws[1] if w.endswith("ين"))     # الأسبوعين، الساعتين
UNIT_DEF = alt("ال" + w for ws in _UNIT_WORDS.values() for group in ws[1:] for w in group)   # الأشهر، اليومين


def unit_of(word: str) -> tuple[str, int | None] | None:
    w = fold_key(word)
    if w not in UNIT_OF and w.startswith("ال"):
        w = w[2:]
    return UNIT_OF.get(w)


MONTHS = GREGORIAN_MONTHS
HMONTHS = dict(HIJRI_MONTHS)
HMONTHS.update({fold_key(k): v for k, v in {"جمادى الآخر": 6, "جمادي الثاني": 6, "ذا القعدة": 11,
                                           "ذا الحجة": 12, "رمضان المبارك": 9}.items()})
MONTH = alt(MONTHS)
HMONTH = alt(k for k in HMONTHS if k != fold_key("رمضان المبارك"))
# "يوليو/تموز", "يناير (كانون الثاني)", "فبراير شباط": the second name of a pair is part of the date
MONTH_PAIR = rf"{MONTH}(?:\s*[/\-–]\s*{MONTH}|\s*\(\s*{MONTH}\s*\)|\s+(?={MONTH}(?!\w)){MONTH})?"

WEEKDAY_NUM = WEEKDAYS
WEEKDAY = alt(["الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"])

ORDINALS = {"الأول": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الخامس": 5, "السادس": 6, "السابع": 7,
            "الثامن": 8, "التاسع": 9, "العاشر": 10, "الحادي عشر": 11, "الثاني عشر": 12, "الثالث عشر": 13,
            "الرابع عشر": 14, "الخامس عشر": 15, "السادس عشر": 16, "السابع عشر": 17, "الثامن عشر": 18,
            "التاسع عشر": 19, "العشرين": 20, "الحادي والعشرين": 21, "الثاني والعشرين": 22,
            "الثالث والعشرين": 23, "الرابع والعشرين": 24, "الخامس والعشرين": 25, "السادس والعشرين": 26,
            "السابع والعشرين": 27, "الثامن والعشرين": 28, "التاسع والعشرين": 29, "الثلاثين": 30,
            "الحادي والثلاثين": 31, "غرة": 1, "فاتح": 1, "مطلع": None}
ORDINAL_OF = {fold_key(k): v for k, v in ORDINALS.items() if v}
ORDINAL = alt(k for k, v in ORDINALS.items() if v)

HOURS = {"الواحدة": 1, "الثانية": 2, "الثالثة": 3, "الرابعة": 4, "الخامسة": 5, "السادسة": 6, "السابعة": 7,
         "الثامنة": 8, "التاسعة": 9, "العاشرة": 10, "الحادية عشرة": 11, "الحادية عشر": 11,
         "الثانية عشرة": 12, "الثانية عشر": 12}
HOUR_OF = {fold_key(k): v for k, v in HOURS.items()}
HOUR_WORD = alt(HOURS)
# minutes after an hour word: والنصف، والربع، والثلث، وعشر دقائق، و20 دقيقة، إلا ربعا
MINUTES = (rf"(?:\s+(?:و(?:النصف|الربع|الثلث|نصف|ربع|ثلث)|و\s*{NUMBER}\s+(?:دقيقه|دقايق|دقيقتين)"
           rf"|الا\s+(?:ربعا|الربع|ربع|ثلثا|الثلث|ثلث)))?")
MINUTE_OF = {"النصف": 30, "نصف": 30, "الربع": 15, "ربع": 15, "الثلث": 20, "ثلث": 20}

# parts of the day: folded word → TIMEX code
PARTS = {"صباح": "MO", "صبيحة": "MO", "ضحى": "MO", "ظهر": "AF", "ظهيرة": "AF", "عصر": "AF", "بعد ظهر": "AF",
         "مساء": "EV", "عشية": "EV", "غروب": "EV", "مغرب": "EV", "ليل": "NI", "ليلة": "NI", "فجر": "NI",
         "منتصف ليل": "NI", "منتصف ليلة": "NI", "منتصف الليل": "NI", "سحر": "NI"}
PART_OF = {fold_key(k): v for k, v in PARTS.items()}
PART = alt(PARTS)
# "صباحا", "مساءً", "عصرا" after a clock time
AMPM = {"صباحا": "MO", "صباح": "MO", "ظهرا": "AF", "بعد الظهر": "AF", "عصرا": "AF", "مساء": "EV", "مساءا": "EV",
        "ليلا": "NI", "فجرا": "NI"}
AMPM_OF = {fold_key(k): v for k, v in AMPM.items()}
AMPM_RX = alt(AMPM)
ZULU = normalize_pattern(r"(?:بتوقيت\s+(?:غرينتش|جرينتش|غرينيتش|جرينيتش|غرينيش)|ت\.?\s?غ\.?|(?i:gmt|utc))")
ZONE = normalize_pattern(r"(?:بالتوقيت\s+المحلي|بتوقيت\s+(?:\w+\s+)?\w+|ت\.?\s?م\.?(?!\w)|بتوقيت\s+مكة\s+المكرمة)")

REL_PAST = ("الماضي", "الماضيه", "المنصرم", "المنصرمه", "الفايت", "الفايته", "المنقضي", "المنقضيه",
            "السابق", "السابقه", "الاخير", "الاخيره", "الاخيرين", "الماضيين", "الفايتين", "المنصرمين")
REL_NEXT = ("المقبل", "المقبله", "القادم", "القادمه", "التالي", "التاليه", "المقبلين", "القادمين", "الاولي",
            "الاول", "الاولين")
# "قبل الماضي": the one before the last (two back), a modifier of its own
REL_BEFORE_LAST = ("قبل الماضي", "قبل الماضيه")
REL = alt(["قبل الماضي", "قبل الماضية", "الماضي", "الماضية", "المنصرم", "المنصرمة", "الفائت", "الفائتة", "المنقضي",
           "المنقضية", "المقبل",
           "المقبلة", "القادم", "القادمة", "الجاري", "الجارية", "الحالي", "الحالية", "المقبلين", "القادمين",
           "الماضيين"])
QUALIFIER = alt(["نحو", "قرابة", "حوالي", "حوالى", "زهاء", "أكثر من", "أقل من", "ما يزيد على", "ما يزيد عن",
                 "ما لا يقل عن", "ما يقارب", "ما يناهز", "أزيد من", "قرابة", "نحوا من", "أكثر قليلا من",
                 "ما يقرب من", "ما يربو على"])


def sign_of(rel: str | None) -> int:
    """-1 for a past modifier (الماضي، الأخيرة), +1 for a coming one (المقبل، القادمة), 0 for the current one,
    -2 for "قبل الماضي" (the one before the last): callers that step by the sign count two back."""
    if not rel:
        return 0
    r = fold_key(rel)
    if r in REL_BEFORE_LAST:
        return -2
    if r in REL_PAST:
        return -1
    if r in REL_NEXT:
        return 1
    return 0
