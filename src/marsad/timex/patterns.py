"""The patterns of Arabic time expressions, written for folded text (see `fold`).

Each pattern names a kind of expression; `resolve` turns its groups into a value. All patterns are run and
the longest matches win, so a pattern may freely overlap another (the date inside "مساء اليوم الأحد 29 شعبان
1445 هـ الموافق 10 مارس 2024" is also a weekday, a Hijri date and a Gregorian date). Every pattern has trigger
words: a plain substring test in C decides whether the regex runs at all, which keeps the tagger fast on the
many paragraphs that hold no date.
"""

from __future__ import annotations

import re

from ..arabic.normalize import normalize_pattern as _f
from .lexicon import (AMPM_RX, HMONTH, HOUR_WORD, MINUTES, MONTH_PAIR, NUMBER, ORDINAL, PART, QUALIFIER, REL,
                      UNIT, UNIT_DEF, WEEKDAY, ZONE, ZULU, alt)

B = r"(?<!\w)"
E = r"(?!\w)"
YEAR = r"(?:19\d\d|20\d\d)"
HYEAR = r"(?:1[34]\d\d)"
CL = r"(?:[وفب]|ل(?!ل))?"            # a conjunction or preposition glued to the first word (وأمس، بيوم، ومنذ)
REL_DAY = _f(r"(?:أول\s+من\s+أمس|أول\s+أمس|أمس|البارحة|يوم\s+غد|بعد\s+غد|غدا|الغد|غد(?=\s+" + WEEKDAY + r")|(?:(?<=صباح\s)|(?<=مساء\s)|(?<=ظهر\s)|(?<=عصر\s)|(?<=فجر\s)|(?<=ليل\s))غد"
             r"|هذا\s+اليوم|اليوم(?=\s+" + WEEKDAY + r")|اليوم(?!\s+(?!إلى|التي|الذي)ال\w)|ليلة\s+أمس|الليلة\s+الماضية|الليلة|هذه\s+الليلة|(?<=ال)أمس"
             r"|هذا\s+الصباح|هذا\s+المساء)")
# an expression may open with a weekday, itself after a relative day: "اليوم الأحد 29 شعبان", "يوم الثلاثاء 5"
LEAD = (rf"(?:(?P<rd>{REL_DAY})\s*[،,]?\s*)?(?:{CL}يوم\s+)?(?P<wd>{WEEKDAY})"
        rf"(?:\s+(?:المقبل|القادم|الماضي|الفائت|المنصرم))?\s*[،,]?\s*")
MOD = alt(["مطلع", "منتصف", "أواسط", "أواخر", "أوائل", "نهاية", "بداية", "آخر", "مستهل", "نهايات", "بدايات",
           "أول"])
ERA = _f(r"(?:\s*م(?!\w)|\s+ميلادية?)?")
HERA = _f(r"(?:\s*هـ?(?!\w)|\s+هجرية?|\s+للهجرة)")
YREL = _f(r"(?:العام|السنة)\s+(?:" + REL[3:-1] + r"|نفسه|ذاته|نفسها|ذاتها)")
PAST_FUT = _f(r"(?:المقبلة|المقبل|القادمة|القادم|الماضية|الماضي|الفائتة|الفائت|المنصرمة|المنصرم|الأخيرة|الأخير|السابقة|السابق)")

_DAYPART_NEXT = r"\s+(?:من\s+)?(?:ال)?(?:صباح|مساء|ليل|فجر|ظهر|ظهيرة|عصر)"   # "ساعات الظهيرة": a part of the day

_RAW: list[tuple[str, str]] = [
    ("hijri", rf"{B}{CL}(?P<d>\d{{1,2}}|{ORDINAL})\s+(?:من\s+)?(?:شهر\s+)?(?P<hm>{HMONTH})"
              rf"(?:\s+(?:من\s+)?(?:عام\s+|سنة\s+|لعام\s+|لسنة\s+)?(?P<y>{HYEAR}))?(?:{HERA})?"
              rf"(?:\s*[،,(]?\s*(?:الموافق|الموافقة|وفق|يوافق)\s*(?:ل\s*)?(?:{WEEKDAY}\s*[،,]?\s*)?(?P<gd>\d{{1,2}})"
              rf"\s+(?:من\s+)?(?P<gm>{MONTH_PAIR})(?:\s+(?P<gy>{YEAR}))?{ERA}\s*\)?)?{E}"),
    ("hijri_num", rf"{B}(?P<d>\d{{1,2}})\s*/\s*(?P<m>\d{{1,2}})\s*/\s*(?P<y>{HYEAR}){HERA}{E}"),
    ("dmy", rf"{B}{CL}(?P<d>(?:ال)?\d{{1,2}}|{ORDINAL})\s+(?:من\s+)?(?:شهر\s+)?(?P<m>{MONTH_PAIR})"
            rf"(?:\s+(?:من\s+)?(?:عام\s+|سنة\s+|العام\s+)?(?P<y>{YEAR}){ERA}|\s+(?P<rel>{REL})"
            rf"|\s+(?:من\s+)?(?P<yrel>{YREL}))?{E}"),
    ("numeric", rf"{B}{CL}(?:بتاريخ\s+)?\(?\s*(?P<d>\d{{1,2}})\s*(?P<sep>[/.\-])\s*(?P<m>\d{{1,2}})\s*(?P=sep)\s*"
                rf"(?P<y>{YEAR})\s*\)?{ERA}(?!\s*ه(?:ـ|جري)?(?!\w)){E}"),
    ("numeric_dm", rf"{B}{CL}(?:بتاريخ|يوم)\s+\(?\s*(?P<d>\d{{1,2}})\s*/\s*(?P<m>\d{{1,2}})(?!\s*[/\d])\s*\)?"),
    ("iso", rf"{B}{CL}(?P<y>{YEAR})(?P<sep>[/\-])(?P<m>\d{{1,2}})(?P=sep)(?P<d>\d{{1,2}}){E}"),
    ("my", rf"{B}{CL}(?P<m>{MONTH_PAIR})"
           rf"(?:\s+(?:من\s+)?(?:عام\s+|سنة\s+|العام\s+)?(?P<y>{YEAR}){ERA}|\s+(?P<rel>{REL})"
           rf"|\s+(?:من\s+)?(?P<yrel>{YREL}))?{E}"),
    ("year_range", rf"{B}(?:(?P<kw>بين|من|منذ)\s+)?(?:عامي\s+|العامين\s+|عام\s+|سنة\s+)?\(?(?P<y1>{YEAR})\)?"
                   rf"\s*(?:و\s*|-|–|/|إلى\s+|حتى\s+)(?:عام\s+|سنة\s+)?\(?(?P<y2>{YEAR})\)?{E}"),
    ("year", rf"{B}(?:{CL}(?P<mod>{MOD})\s+)?{CL}(?:عام|سنة|العام|السنة)\s+\(?\s*(?P<y>\d{{4}})\s*\)?"
             rf"(?P<era>\s*م(?!\w)|\s+ميلادية?|\s*هـ?(?!\w)|\s+هجرية?|\s+للهجرة)?{E}"),
    ("bare_year", rf"{B}(?:(?P<pre>[وف]?(?:في|منذ|حتى|قبل|بعد|خلال|إلى|مطلع|نهاية|بداية|أواخر|منتصف|ربيع|صيف|خريف"
                  rf"|شتاء))\s+|(?P<cl>[وفب])(?=\d))?\(?\s*(?P<y>{YEAR})\s*\)?{E}"),
    ("hijri_year", rf"{B}(?:(?P<pre>[وف]?(?:في|منذ|حتى|قبل|بعد|خلال))\s+)?\(?\s*(?P<y>{HYEAR})\s*\)?\s*(?:هجرية?|للهجرة|هـ|ه){E}"),
    ("quarter", rf"{B}(?:{CL}(?P<mod>{MOD})\s+)?{CL}(?P<half>الربع|النصف)\s+(?P<q>الأول|الثاني|الثالث|الرابع|الأخير)(?:\s+(?:من\s+)?"
                rf"(?:(?:العام|السنة)\s+(?P<rel>{REL}|نفسه|ذاته)|(?:هذا\s+العام|هذه\s+السنة)|(?:عام\s+|سنة\s+|العام\s+)?(?P<y>{YEAR})))?{E}"),
    ("season", rf"{B}(?:(?P<pre>{CL}(?:فصل|موسم|خلال|في|مطلع|بداية|نهاية|أواخر|منتصف|مع\s+حلول|حلول|طوال|طيلة)\s+)|(?P<bare>{CL}))"
               rf"(?:ال)?(?P<s>صيف|خريف|شتاء|ربيع)(?!\s+(?:العربي|عربي|الديمقراطي|دمشق|براغ|بيروت))"
               rf"(?:\s+(?P<rel>{REL})|\s+(?:عام\s+|سنة\s+|العام\s+)?(?P<y>{YEAR}))?{E}"),
    ("day_range", rf"{B}(?:(?:من|بين)\s+)?(?P<d1>\d{{1,2}})\s*(?:إلى|حتى|-|–|و)\s*(?P<d2>\d{{1,2}})\s+(?:من\s+)?(?:شهر\s+)?"
                  rf"(?P<m>{MONTH_PAIR})(?:\s+(?:من\s+)?(?:عام\s+|سنة\s+)?(?P<y>{YEAR}){ERA}|\s+(?P<rel>{REL}))?{E}"),
    ("this_month_day", rf"{B}{CL}(?P<d>(?:ال)?\d{{1,2}}|{ORDINAL})\s+من\s+(?:هذا\s+)?(?:الشهر|شهرنا)\s+"
                       rf"(?P<rel>الجاري|الحالي|الماضي|المقبل|القادم|المنصرم|نفسه|ذاته|هذا){E}"),
    ("holiday", rf"{B}{CL}(?:(?P<first>أول\s+أيام|ثاني\s+أيام|ثالث\s+أيام|ليلة|عشية|يوم)\s+)?(?:عيد\s+(?P<h>الفطر|الأضحى|الميلاد|الفصح)"
                rf"|(?P<h2>رأس\s+السنة\s+(?:الهجرية|الميلادية)|المولد\s+النبوي|ليلة\s+القدر|يوم\s+عرفة))"
                rf"(?:\s+(?:المبارك|السعيد|الشريف|المجيد))?(?:\s+(?P<rel>{REL}))?(?:\s+(?:لعام|عام)\s+(?P<y>{YEAR}|{HYEAR}))?{E}"),
    ("ramadan", rf"{B}(?:(?P<kw>خلال|طوال|طيلة|طول)\s+|(?P<kw2>في|قبل|بعد|حتى|منذ|مع\s+حلول|بحلول|مطلع|نهاية)\s+)?(?:(?P<first>أول\s+أيام|أول\s+يوم\s+(?:من|في)|غرة|فاتح|مطلع|"
                rf"بداية|منتصف|أواخر|نهاية|العشر\s+الأواخر\s+من)\s+)?"
                rf"(?:شهر\s+(?P<hm>رمضان|شعبان|شوال|محرم|رجب|ذي\s+الحجة|ذو\s+الحجة|الصيام)|(?P<r>رمضان)"
                rf"|الشهر\s+(?:الفضيل|الكريم|المبارك|المعظم)|(?<=أيام\s)الصيام)"
                rf"(?:\s+(?:المبارك|الكريم|الفضيل|المعظم))?(?:\s+(?P<rel>المقبل|القادم|الماضي|الجاري|الحالي|المنصرم))?"
                rf"(?:\s+(?:ل|من\s+)?(?:عام|سنة)\s+(?P<y>{HYEAR}){HERA}?)?{E}"),
    ("rel_day", rf"{B}(?:[وفب]|بال|وبال|فبال|وال)?(?P<rd>{REL_DAY})(?:\s*[،,(]?\s*(?P<wd>{WEEKDAY})\s*\)?)?{E}"),
    ("weekday", rf"{B}{CL}(?:يوم\s+)?(?P<wd>{WEEKDAY})(?:\s+(?P<rel>{PAST_FUT}|نفسه|ذاته))?{E}"),
    ("period", rf"{B}(?:{CL}(?P<mod>{MOD})\s+)?{CL}(?P<this>هذا\s+|هذه\s+)?(?P<unit>الأسبوع|الشهر|العام|السنة)"
               rf"(?:\s+(?P<rel>{REL}))?{E}(?!\s+(?:الفضيل|الكريم|المبارك|المعظم))"),
    ("anaphor", rf"{B}(?:في\s+)?{CL}(?P<unit>اليوم|الأسبوع|الشهر|العام|السنة|الليلة)\s+"
                rf"(?P<r>التالي|التالية|الموالي|الموالية|اللاحق|اللاحقة|السابق|السابقة|نفسه|نفسها|ذاته|ذاتها|الذي\s+سبقه"
                rf"|الذي\s+تلاه|الذي\s+يليه|الذي\s+قبله|الذي\s+بعده)(?!\s+(?:ل|من)\s)"),
    ("since_then", rf"{B}{CL}منذ\s+(?:ذلك|تلك)\s+(?:الحين|التاريخ|الوقت|اليوم|الفترة|اللحظة){E}"),
    ("duration", rf"{B}(?:[وف]|ب(?=\d))?(?:(?P<kwl>ل)(?=\w))?(?:(?P<num>{NUMBER})\s+(?P<unit>{UNIT})|(?P<unit2>{UNIT})(?!\s+\(?\d|{_DAYPART_NEXT}))"
                 rf"(?P<extra>\s+(?:كاملة|كاملا|كاملين|كاملتين|كامل|واحدة|واحدا|واحد|متتالية|متتاليا|متتاليين|متواصلة|متواصلا|متواصلين)|\s+(?:و\s*)?(?:نصف|ونصف)(?:\s+الساعة)?"
                 rf"|\s+ونيف)?(?:\s+(?P<rel>الماضية|الماضي|الأخيرة|الأخير|المقبلة|المقبل|القادمة|القادم))?"
                 rf"{E}(?P<anchor>(?=\s+(?:على|من)\s+\D))?"),
    ("duration_def", rf"{B}(?:(?P<kw>خلال|طيلة|طوال|على\s+مدى|على\s+مدار|في\s+غضون|منذ|لمدة)\s+)?{CL}(?P<unit>{UNIT_DEF})"
                     rf"\s+(?:(?P<num>{NUMBER})\s+|(?P<few>القليلة|العديدة|الطويلة)\s+)?(?P<rel>الماضية|الماضيين|الماضيتين|الأخيرة|الأخيرين|الأخيرتين|المقبلة|"
                     rf"المقبلين|المقبلتين|القادمة|القادمين|الأولى|الأولين|الفائتة|المنصرمة|المنقضية){E}(?!{_DAYPART_NEXT})"),
    ("duration_whole", rf"{B}{CL}(?P<kw>طوال|طيلة|طول)\s+(?P<unit>اليوم|النهار|الأسبوع|الشهر|العام|السنة)(?!\s+(?:ال|{WEEKDAY})){E}"),
    ("fraction", rf"{B}(?:(?P<q>{QUALIFIER})\s+)?{CL}(?P<f>ربع|نصف|ثلث|ثلاثة\s+أرباع)\s+(?:ال)?ساعة{E}"),
    ("set", rf"{B}(?:(?P<adv>يوميا|أسبوعيا|شهريا|سنويا|يوميًا)|(?:في\s+)?كل\s+(?:(?P<each>يوم|ليلة|أسبوع|شهر|عام|سنة|صباح|مساء|ساعة)"
            rf"(?!\s+(?:من|\d))(?:\s+(?P<ewd>{WEEKDAY}))?|(?P<ewd2>{WEEKDAY}))|أيام\s+(?P<pwd>{WEEKDAY})"
            rf"|(?<=[\w\d]\s)في\s+(?P<per>اليوم|الأسبوع|الشهر|العام|السنة|الساعة)(?:\s+(?P<one>الواحد|الواحدة))?"
            rf"(?!\s*(?:(?!إلى|التي|الذي)ال|\d|[،,]?\s*{WEEKDAY}))){E}"),
    ("clock", rf"{B}(?:(?P<pre>(?:{CL}(?:في\s+تمام|تمام|عند|على|حوالي|قرابة|نحو|حتى|منذ)\s+)?{CL}الساعة)\s+)?"
              rf"\(?(?P<h>\d{{1,2}})\s*(?P<sep>[:.,])\s*(?P<min>\d{{2}})(?!\d)(?:\s+(?P<ap>{AMPM_RX}))?"
              rf"(?:\s*(?P<z>{ZULU})|\s+(?P<zone>{ZONE}))?"),
    ("clock_hm", rf"{B}(?:(?:{CL}(?:في\s+تمام|تمام|عند|على|حوالي)\s+)?{CL}الساعة\s+|(?<=\())(?P<hm>\d{{4}})\s*(?P<z>{ZULU}){E}"),
    ("clock_h", rf"{B}(?:{CL}(?:في\s+تمام|تمام|عند|على|حوالي|قرابة|نحو|حتى|منذ)\s+)?{CL}الساعة\s+(?P<h>\d{{1,2}})(?!\s*[:.,]\s*\d)"
                rf"(?:\s+(?P<ap>{AMPM_RX}))?(?:\s*(?P<z>{ZULU})|\s+(?P<zone>{ZONE}))?{E}"),
    ("clock_words", rf"{B}(?:(?P<pre>(?:{CL}(?:في\s+تمام|تمام|عند|على|حوالي|قرابة|نحو|حتى|منذ)\s+)?{CL}الساعة)\s+"
                    rf"|(?P<pre2>{CL}(?:منذ|حتى|عند|في\s+تمام|تمام|حوالي|قرابة|نحو)\s+))?(?P<hw>{HOUR_WORD}){MINUTES}"
                    rf"(?:\s+(?P<ap>{AMPM_RX}))?(?:\s*(?P<z>{ZULU})|\s+(?P<zone>{ZONE}))?(?P<of>(?=\s+من\s+{CL}{PART}))?{E}"),
    ("part", rf"{B}(?:(?:{CL}(?:في\s+)?(?:ال)?ساع(?:ة|ات)\s+(?:الأولى|متأخرة|مبكرة|الأولى)\s+من\s+|"
             rf"{CL}(?:طوال|طيلة|مع|حتى|منذ|في|قبل|بعد)\s+|{CL}ساعات\s+)(?:ال)(?P<p>صباح|مساء|ليل|ظهيرة|فجر|عصر|ظهر)"
             rf"(?:\s+(?:الأولى|الباكر))?|(?P<p3>{CL}(?:بعد\s+)?منتصف\s+الليل)|(?P<p2>ليلتها|صباحها|مساءها|فجرها)){E}"),
]

PATTERNS: list[tuple[str, re.Pattern]] = [(name, re.compile(_f(rx))) for name, rx in _RAW]

# What may stand before a pattern's match, read leftwards from its start once it has matched: a pattern that
# opens with long optional words ("اليوم الأحد 29 شعبان", "على مدى نحو ثلاثة أشهر") would try them at every
# position of the text. Each is anchored at the match start (`$` at endpos) and its groups join the match's.
_DURATION_LEFT = (rf"(?<!\w)(?:[وف]?(?P<kw>منذ|قبل|بعد|خلال|لمدة|طيلة|طوال|على\s+مدى|على\s+مدار|في\s+غضون|غضون|مدة"
                  rf"|لفترة)\s+(?:(?P<q>{QUALIFIER})\s+)?|(?P<kwl>ل)?(?P<q2>{QUALIFIER})\s+)$")
LEFT: dict[str, re.Pattern] = {name: re.compile(_f(rx)) for name, rx in {
    "hijri": rf"(?<!\w)(?:{LEAD})$", "hijri_num": rf"(?<!\w)(?:{LEAD})$", "dmy": rf"(?<!\w)(?:{LEAD})$",
    "numeric": rf"(?<!\w)(?:{LEAD})$",
    "my": rf"(?<!\w)(?:(?:{CL}(?P<mod>{MOD})\s+)(?:(?P<shahr>{CL}شهر)\s+)?|(?P<shahr2>{CL}شهر)\s+)$",
    "duration": _DURATION_LEFT}.items()}

_ENDS = (" ", "/", "،", ",", ")", ".", "\n", "(")
_MONTH_WORDS = ("يناير", "فبر", "مارس", "ابريل", "مايو", "يونيو", "يونيه", "يولي", "اغسطس", "سبتمبر", "اكتوبر", "نوفمبر",
                "ديسمبر", "دسمبر", "كانون", "شباط", "اذار", "نيسان", "ايار", "حزيران", "تموز", "ايلول", "تشرين",
                "جانفي", "فيفري", "افريل", "جوان", "جويل", "دجنبر", "نونبر", "شتنبر", "غشت") + tuple(
    w + end for w in ("ماي", "اوت") for end in _ENDS) + tuple(     # short names as whole words ("اب" ends كتاب)
    start + "اب" + end for start in (" ", "/", "(", "و", "\n") for end in _ENDS)
_HOUR_WORDS = ("الساعه", "صباح", "مساء", "ظهر", "عصر", "فجر", "ليل")
_DATE_NUM = re.compile(r"\d{1,4}\s*[/.\-]\s*\d{1,2}")
_YEAR_NUM = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_CLOCK_NUM = re.compile(r"\d\s*[:.,]\s*\d\d|(?<!\d)\d{4}(?!\d)")
# Each pattern runs only near its trigger words (a substring, or a regex for digits): see tagger._windows.
TRIGGERS: dict[str, tuple] = {
    "hijri": ("محرم", "صفر", "ربيع", "جماد", "رجب", "شعبان", "رمضان", "شوال", "القعده", "الحجه"),
    "hijri_num": (_DATE_NUM,), "dmy": _MONTH_WORDS, "numeric": (_DATE_NUM,), "numeric_dm": ("بتاريخ", "يوم"), "hijri_year": (_CLOCK_NUM,), "iso": (_DATE_NUM,),
    "my": _MONTH_WORDS, "year_range": (_YEAR_NUM,), "year": (_CLOCK_NUM,), "bare_year": (_YEAR_NUM,),
    "quarter": ("الربع", "النصف"), "season": ("صيف", "خريف", "شتاء", "ربيع"),
    "day_range": _MONTH_WORDS, "this_month_day": ("الشهر", "شهرنا"),
    "holiday": ("عيد الفطر", "عيد الاضحي", "عيد الميلاد", "راس السنه", "المولد النبوي", "ليله القدر", "يوم عرفه"), "ramadan": ("رمضان", "الصيام", "الفضيل", "الكريم", "المبارك", "المعظم",
                                            "شعبان", "شوال", "محرم", "رجب", "الحجه"),
    "rel_day": ("امس", "اليوم", "غد", "البارحه", "الليله", "الصباح", "المساء"),
    "weekday": ("الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "الاحد"),
    "period": ("الاسبوع", "الشهر", "العام", "السنه"),
    "anaphor": ("التالي", "الموالي", "اللاحق", "السابق", "اليوم نفس", "اليوم ذات", "الليله نفس", "الليله ذات",
                "سبقه", "تلاه", "يليه", "قبله", "بعده"), "since_then": ("منذ",),
    "duration": ("يوم", "ايام", "اسبوع", "اسابيع", "شهر", "اشهر", "شهور", "عام", "اعوام", "سنه", "سنوات", "سنين", "سنت",
                 "ساعه", "ساعات", "ساعت", "دقيق", "دقاي", "عقدين", "عقدان", "عقود") + tuple(
        f"{w} عقد" for w in ("منذ", "قبل", "بعد", "خلال", "نحو", "قرابه", "حوالي", "مدي", "مدار", "من", "زهاء")),
    "duration_def": ("اليوم", "الايام", "الاسبوع", "الاسابيع", "الشهر", "الاشهر", "الشهور", "العام", "الاعوام",
                     "السنوات", "السنتين", "السنين", "الساع", "الدقاي", "الدقيق", "السنت", "العقد", "العقود"),
    "duration_whole": ("طوال", "طيله", "طول "), "fraction": ("ساعه",),
    "set": ("يوميا", "اسبوعيا", "شهريا", "سنويا", "ايام ال", "كل يوم", "كل ليله", "كل اسبوع", "كل شهر", "كل عام",
            "كل سنه", "كل صباح", "كل مساء", "كل ساعه", "في اليوم", "في الاسبوع", "في الشهر", "في العام", "في السنه",
            "في الساعه"),
    "clock": (_CLOCK_NUM,), "clock_hm": (_CLOCK_NUM,), "clock_h": ("الساعه",),
    "clock_words": ("الواحده", "الثانيه", "الثالثه", "الرابعه", "الخامسه", "السادسه", "السابعه", "الثامنه",
                    "التاسعه", "العاشره", "الحاديه"),
    "part": _HOUR_WORDS + ("ظهير", "ليلتها", "صباحها", "مساءها", "فجرها", "منتصف"),
}
# characters a match may reach before and after its trigger word
SPAN: dict[str, tuple[int, int]] = {"day_range": (40, 45), "this_month_day": (40, 30), "hijri": (30, 90), "dmy": (30, 50), "my": (4, 45), "numeric": (20, 30),
                                    "hijri_num": (10, 30), "duration": (30, 45), "duration_def": (40, 60),
                                    "ramadan": (45, 60), "clock": (50, 50), "clock_words": (50, 70)}


def _automaton():
    import ahocorasick

    words: dict[str, list[str]] = {}
    for name, trig in TRIGGERS.items():
        for w in trig:
            if isinstance(w, str):
                words.setdefault(w, []).append(name)
    a = ahocorasick.Automaton()
    for w, names in words.items():
        a.add_word(w, (len(w), tuple(names)))
    a.make_automaton()
    return a


TRIGGER_AUTOMATON = _automaton()
DIGIT_TRIGGERS: dict[str, tuple[str, ...]] = {
    kind: tuple(n for n, trig in TRIGGERS.items() if rx in trig)
    for kind, rx in (("date", _DATE_NUM), ("year", _YEAR_NUM), ("clock", _CLOCK_NUM))}
