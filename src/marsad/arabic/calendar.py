"""Calendar vocabulary of Arabic news: month-name families, weekdays, Hijri months.

Gregorian months are written differently by region: يناير/فبراير (Egypt, Gulf), كانون الثاني/شباط (Levant,
Iraq), جانفي/فيفري (Algeria, Tunisia), يوليوز/غشت/شتنبر (Morocco); many outlets print pairs
("8 يوليو/تموز 2020"). All keys here are in matching form (`normalize`), so variants like أبريل/ابريل meet.
"""

from __future__ import annotations

from .normalize import normalize

_GREGORIAN = {
    1: ["يناير", "كانون الثاني", "جانفي", "جانفييه", "ينائر"],
    2: ["فبراير", "شباط", "فيفري", "فبرير"],
    3: ["مارس", "آذار", "اذار"],
    4: ["أبريل", "ابريل", "إبريل", "نيسان", "أفريل", "افريل"],
    5: ["مايو", "أيار", "ايار", "ماي"],
    6: ["يونيو", "يونيه", "حزيران", "جوان"],
    7: ["يوليو", "يوليه", "تموز", "جويلية", "يوليوز", "جويليه"],
    8: ["أغسطس", "اغسطس", "آب", "اب", "أوت", "اوت", "غشت", "غشت"],
    9: ["سبتمبر", "أيلول", "ايلول", "شتنبر"],
    10: ["أكتوبر", "اكتوبر", "تشرين الأول", "تشرين أول"],
    11: ["نوفمبر", "تشرين الثاني", "تشرين ثاني", "نونبر"],
    12: ["ديسمبر", "كانون الأول", "كانون أول", "دجنبر", "دسمبر"],
}

MONTH_NAMES = {m: names[0] for m, names in _GREGORIAN.items()}     # the names a reader is shown (Egypt, Gulf)
GREGORIAN_MONTHS: dict[str, int] = {normalize(name): m for m, names in _GREGORIAN.items() for name in names}

_HIJRI = {
    1: ["محرم", "المحرم"],
    2: ["صفر"],
    3: ["ربيع الأول", "ربيع الاول", "ربيع أول"],
    4: ["ربيع الآخر", "ربيع الثاني", "ربيع ثاني", "ربيع الاخر"],
    5: ["جمادى الأولى", "جمادى الاولى", "جمادى الأول"],
    6: ["جمادى الآخرة", "جمادى الثانية", "جمادى الاخرة"],
    7: ["رجب"],
    8: ["شعبان"],
    9: ["رمضان"],
    10: ["شوال"],
    11: ["ذو القعدة", "ذي القعدة"],
    12: ["ذو الحجة", "ذي الحجة"],
}
HIJRI_MONTHS: dict[str, int] = {normalize(name): m for m, names in _HIJRI.items() for name in names}

WEEKDAY_NAMES = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]   # Monday first
WEEKDAYS: dict[str, int] = {normalize(k): v for k, v in {
    "الاثنين": 0, "الإثنين": 0, "اثنين": 0, "الثلاثاء": 1, "الأربعاء": 2, "الخميس": 3, "الجمعة": 4,
    "السبت": 5, "الأحد": 6,
}.items()}
