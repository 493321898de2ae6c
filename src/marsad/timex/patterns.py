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
from . import periods, recurring
from .lexicon import (AMPM_RX, HMONTH, HOUR_WORD, MINUTES, MONTH_PAIR, NUMBER, ORDINAL, PART, QUALIFIER, REL,
                      UNIT, UNIT_DEF, UNIT_DUAL, WEEKDAY, ZONE, ZULU, alt)

B = r"(?<!\w)"
E = r"(?!\w)"
YEAR = r"(?:19\d\d|20\d\d)"
HYEAR = r"(?:1[34]\d\d)"
CL = r"(?:[وفب]|ل(?!ل))?"            # a conjunction or preposition glued to the first word (وأمس، بيوم، ومنذ)
REL_DAY = _f(r"(?:أول\s+من\s+أمس|أول\s+أمس|أمس\s+الأول|أمس|البارحة|يوم\s+غد|بعد\s+غد|غدا|الغد|غد(?=\s+" + WEEKDAY + r")"
             r"|(?:(?<=صباح\s)|(?<=مساء\s)|(?<=ظهر\s)|(?<=عصر\s)|(?<=فجر\s)|(?<=ليل\s))غد"
             r"|هذا\s+اليوم|اليوم(?=\s+" + WEEKDAY + r")|اليوم(?!\s+(?!إلى|التي|الذي|إلا(?!\w))ال\w)"
             r"|ليلة\s+أمس|الليلة\s+الماضية|الليلة|هذه\s+الليلة|(?<=ال)أمس"
             r"|هذا\s+الصباح|هذا\s+المساء)")
# an expression may open with a weekday, itself after a relative day: "اليوم الأحد 29 شعبان", "يوم الثلاثاء 5"
LEAD = (rf"(?:(?P<rd>{REL_DAY})\s*[،,]?\s*)?(?:{CL}يوم\s+|[وف])?(?P<wd>{WEEKDAY})"
        rf"(?:\s+(?:المقبل|القادم|الماضي|الفائت|المنصرم))?\s*[،,]?\s*")
MOD = alt(["مطلع", "منتصف", "أواسط", "أواخر", "أوائل", "نهاية", "بداية", "آخر", "مستهل", "نهايات", "بدايات",
           "أول"])
ERA = _f(r"(?:\s*م(?!\w)|\s+ميلادية?)?")
HERA = _f(r"(?:\s*هـ?(?!\w)|\s+هجرية?|\s+للهجرة)")
YREL = _f(r"(?:العام|السنة)\s+(?:" + REL[3:-1] + r"|نفسه|ذاته|نفسها|ذاتها)")
PAST_FUT = _f(r"(?:المقبلة|المقبل|القادمة|القادم|الماضية|الماضي|الفائتة|الفائت|المنصرمة|المنصرم|"
              r"الأخيرة|الأخير|السابقة|السابق)")

# words after which "العيد" alone is the feast as a time ("أجواء العيد", "صلاة العيد", "خلال العيد")
_EID_AFTER = "|".join(f"(?<={w}\\s)العيد" for w in ("أجواء", "مناسبة", "بمناسبة", "احتفالات", "فرحة", "إجازة",
                                                      "عطلة", "صلاة", "خلال", "قبل", "بعد", "منذ", "طوال", "وقفة"))
# a century's name, longest first: "التاسع" alone must not stop short of "التاسع عشر" (the nineteenth)
_CENTURY_WORD = alt(["الماضي", "الحالي", "الجاري", "المنصرم", "الأول", "الثاني", "الثالث", "الرابع", "الخامس",
                     "السادس", "السابع", "الثامن", "التاسع", "العاشر", "الحادي عشر", "الثاني عشر", "الثالث عشر",
                     "الرابع عشر", "الخامس عشر", "السادس عشر", "السابع عشر", "الثامن عشر", "التاسع عشر", "العشرين",
                     "الحادي والعشرين"])
# "الأشهر الستة الأولى من العام": the first months of a year are that year's opening months, not a span
_OF_YEAR = (rf"(?:(?<=الأولى)\s+(?:من|في)\s+(?:(?P<of>(?:هذا\s+)?العام|(?:هذه\s+)?السنة)(?:\s+(?P<ofrel>{REL}))?"
            rf"|(?:عام\s+|العام\s+)?(?P<ofy>{YEAR})))?")
# the space after a number, or none: typed pages glue digits to the next word ("19شوال", "الساعة 11من صباح")
_GLUED = r"(?:\s+|(?<=\d))"
_DAYPART_NEXT = r"\s+(?:من\s+)?(?:ال)?(?:صباح|مساء|ليل|فجر|ظهر|ظهيرة|عصر)"   # "ساعات الظهيرة": a part of the day

_RAW: list[tuple[str, str]] = [
    ("hijri", rf"{B}{CL}(?P<d>\d{{1,2}}|{ORDINAL}){_GLUED}(?:من\s+)?(?:شهر\s+)?(?P<hm>{HMONTH})"
              rf"(?:\s+(?:من\s+)?(?:عام\s+|سنة\s+|لعام\s+|لسنة\s+)?(?P<y>{HYEAR})|\s+(?P<rel>{REL}))?(?:{HERA})?"
              rf"{E}(?=\s*[،,(]?\s*(?:الموافق|الموافقة|وفق|يوافق)\s*(?:ل\s*)?(?:{WEEKDAY}\s*[،,]?\s*)?(?P<gd>\d{{1,2}})"
              rf"\s+(?:من\s+)?(?P<gm>{MONTH_PAIR})(?:\s+(?P<gy>{YEAR}))?)?"),
    ("hijri_day_range", rf"{B}(?:(?:من|بين)\s+)?(?P<d1>\d{{1,2}})\s*(?:إلى|حتى|-|–|و)\s*(?P<d2>\d{{1,2}})"
                        rf"{_GLUED}(?:من\s+)?(?:شهر\s+)?(?P<hm>{HMONTH})"
                        rf"(?:\s+(?:من\s+)?(?:عام\s+|سنة\s+)?(?P<y>{HYEAR})|\s+(?P<rel>{REL}))?(?:{HERA})?{E}"),
    # "3 – 11 - 1436هـ": a dash may be an en dash, and the two need not be the same one
    ("hijri_num", rf"{B}(?P<d>\d{{1,2}})\s*(?:(?P<sl>/)|(?P<dot>\.)|[\-–])\s*(?P<m>\d{{1,2}})"
                  rf"\s*(?(sl)/|(?(dot)\.|[\-–]))\s*(?P<y>{HYEAR}){HERA}{E}"),
    ("hijri_ymd", rf"{B}(?P<y>{HYEAR})\s*/\s*(?P<m>\d{{1,2}})\s*/\s*(?P<d>\d{{1,2}})\s*(?:هـ?|هجرية?)(?!\w)"),
    ("dmy", rf"{B}{CL}(?P<d>(?:ال)?\d{{1,2}}|{ORDINAL}){_GLUED}(?:من\s+)?(?:شهر\s+)?(?P<m>{MONTH_PAIR})"
            rf"(?:\s+(?:من\s+)?(?:عام\s+|سنة\s+|العام\s+)?(?P<y>{YEAR}|1[5-8]\d\d){ERA}"
            rf"|\s+(?P<rel>{REL})(?:\s+(?P<y2>{YEAR}){ERA})?"
            rf"|\s+(?:من\s+)?(?P<yrel>{YREL}))?{E}"),
    ("month_week", rf"{B}{CL}(?:ال)?أسبوع\s+(?P<n>الأول|الثاني|الثالث|الرابع|الخامس|الأخير)\s+(?:من\s+)?"
                   rf"(?:شهر\s+)?(?P<m>{MONTH_PAIR})(?:\s+(?:من\s+)?(?:عام\s+|سنة\s+|العام\s+)?(?P<y>{YEAR})"
                   rf"|\s+(?P<rel>{REL}))?{E}"),
    ("numeric", rf"{B}{CL}(?:بتاريخ\s+)?\(?\s*(?P<d>\d{{1,2}})\s*(?P<sep>[/.\-])\s*(?P<m>\d{{1,2}})\s*(?P=sep)\s*"
                rf"(?P<y>{YEAR})\s*\)?{ERA}(?!\s*ه(?:ـ|جري)?(?!\w)){E}"),
    ("day_of_month", rf"{B}{CL}يوم\s+(?P<d>\d{{1,2}})(?=\s*[،,.؛)]|\s+(?:و|أمام|في|من|على|ضد|حيث|إلى|حتى|بين)\s)"),
    ("numeric_dm", rf"{B}{CL}(?:بتاريخ|يوم)\s+\(?\s*(?P<d>\d{{1,2}})\s*/\s*(?P<m>\d{{1,2}})(?!\s*[/\d])\s*\)?"),
    ("iso", rf"{B}{CL}(?P<y>{YEAR})(?P<sep>[/\-])(?P<m>\d{{1,2}})(?P=sep)(?P<d>\d{{1,2}}){E}"),
    ("my", rf"{B}{CL}(?P<m>{MONTH_PAIR})"
           rf"(?:\s+(?:من\s+)?(?:عام\s+|سنة\s+|العام\s+)?(?P<y>{YEAR}){ERA}|\s+(?P<rel>{REL})"
           rf"|\s+(?:من\s+)?(?P<yrel>{YREL}))?{E}"),
    ("year_range", rf"{B}(?:(?P<kw>بين|من|منذ)\s+)?(?:عامي\s+|العامين\s+|عام\s+|سنة\s+)?"
                   rf"(?:[وفب](?=\d))?\(?(?P<y1>{YEAR})\)?"
                   rf"\s*(?:و\s*|-\s*|–\s*|/|إلى\s+|حتى\s+)(?:عام\s+|سنة\s+)?\(?(?P<y2>{YEAR})\)?{ERA}{E}"),
    ("hijri_year_range", rf"{B}(?:(?P<kw>بين|من|منذ)\s+)?(?:عامي\s+|العامين\s+|عام\s+|سنة\s+)?"
                         rf"(?:[وفب](?=\d))?(?P<y1>{HYEAR})"
                         rf"\s*(?:و\s*|-\s*|–\s*|/\s*|إلى\s+|حتى\s+)(?P<y2>{HYEAR})\s*(?:هـ?|هجرية?|للهجرة){E}"),
    ("century", rf"{B}{CL}(?:(?P<mod>{MOD})\s+|(?P<half>النصف|الربع)\s+(?P<hq>الأول|الثاني|الثالث|الرابع|الأخير)"
                rf"\s+(?:من\s+)?)?(?:هذا\s+)?القرن\s+"
                rf"(?P<c>{_CENTURY_WORD})?"
                rf"(?:\s+(?P<cal>الميلادي|الهجري))?(?:\s+(?P<c2>الماضي|الحالي|المنصرم))?{E}"),
    ("decade", rf"{B}{CL}(?:(?:عقد|حقبة|فترة|سنوات)\s+)?(?:ال)?"
               rf"(?P<dec>عشرينات|عشرينيات|ثلاثينات|ثلاثينيات|أربعينات|أربعينيات|"
               rf"خمسينات|خمسينيات|ستينات|ستينيات|سبعينات|سبعينيات|ثمانينات|ثمانينيات|تسعينات|تسعينيات)"
               rf"(?:\s+(?:من\s+)?(?:القرن\s+)?(?P<cent>الماضي|العشرين|التاسع\s+عشر))?{E}"),
    ("year", rf"{B}(?:{CL}(?P<mod>{MOD})\s+)?{CL}(?:عام|سنة|العام|السنة|للعام|للسنة)\s+\(?\s*(?P<y>\d{{4}})\s*\)?"
             rf"(?P<era>\s*م(?!\w)|\s+ميلادية?|\s*هـ?(?!\w)|\s+هجرية?|\s+للهجرة)?{E}"),
    ("bare_year", rf"{B}(?:(?P<pre>[وف]?(?:في|منذ|حتى|قبل|بعد|خلال|إلى|مطلع|نهاية|بداية|أواخر|منتصف|ربيع|صيف|خريف"
                  rf"|شتاء))\s+|(?P<cl>[وفب])(?=\d))?\(?\s*(?P<y>{YEAR})(?P<era>\s*م(?!\w)|\s+ميلادية?)?{E}"),
    ("hijri_year", rf"{B}(?:(?P<pre>[وف]?(?:في|منذ|حتى|قبل|بعد|خلال))\s+)?"
                   rf"\(?\s*(?P<y>{HYEAR})\s*\)?\s*(?:هجرية?|للهجرة|هـ|ه){E}"),
    ("quarter_rel", rf"{B}{CL}(?P<half>الربع)\s+(?:المالي\s+)?"
                    rf"(?P<rel>الماضي|المنصرم|السابق|الحالي|الجاري|المقبل|القادم){E}"),
    ("quarter", rf"{B}(?:{CL}(?P<mod>{MOD})\s+)?(?:{CL}(?P<half>الربع|النصف)|ل(?P<half2>لربع|لنصف))\s+(?:المالي\s+)?"
                rf"(?P<q>الأول|الثاني|الثالث|الرابع|الأخير)(?:\s+(?:(?:من|في)\s+)?"
                rf"(?:(?:ال|لل)(?:عام|سنة)\s+(?P<rel>{REL}|نفسه|ذاته)|ل?(?:هذا\s+العام|هذه\s+السنة)"
                rf"|(?:عام\s+|سنة\s+|العام\s+|لعام\s+)?(?P<y>{YEAR})))?{E}"),
    ("season", rf"{B}(?:(?P<pre>{CL}(?:فصل|موسم|خلال|في|مطلع|بداية|نهاية|أواخر|منتصف|مع\s+حلول|حلول|طوال|طيلة)\s+)"
               rf"|(?P<bare>{CL}))"
               rf"(?:ال)?(?P<s>صيف|خريف|شتاء|ربيع)(?!\s+(?:العربي|عربي|الديمقراطي|دمشق|براغ|بيروت))"
               rf"(?:\s+(?P<rel>{REL})|\s+(?:عام\s+|سنة\s+|العام\s+|السنة\s+)?(?P<y>{YEAR}){ERA})?{E}"),
    ("day_range", rf"{B}(?:(?:من|بين)\s+)?(?P<d1>\d{{1,2}})\s*(?:إلى|حتى|-|–|و)\s*(?P<d2>\d{{1,2}})"
                  rf"\s+(?:من\s+)?(?:شهر\s+)?"
                  rf"(?P<m>{MONTH_PAIR})(?:\s+(?:من\s+)?(?:عام\s+|سنة\s+)?(?P<y>{YEAR}){ERA}|\s+(?P<rel>{REL}))?{E}"),
    ("this_month_day", rf"{B}{CL}(?P<d>(?:ال)?\d{{1,2}}|{ORDINAL})\s+من\s+(?:هذا\s+)?(?:الشهر|شهرنا)\s+"
                       rf"(?P<rel>الجاري|الحالي|الماضي|المقبل|القادم|المنصرم|نفسه|ذاته|هذا){E}"),
    ("holiday", rf"{B}{CL}(?:(?P<first>أول\s+أيام|ثاني\s+أيام|ثالث\s+أيام|رابع\s+أيام|ليلة|عشية|يوم"
                rf"|اليوم\s+(?:الأول|الثاني|الثالث|الرابع)\s+(?:من|ل))\s*|(?P<days>أيام)\s+)?"
                rf"(?:(?P<eid>(?<=ل)العيد|(?<=ل)لعيد|(?<=من\s)العيد|(?<=أيام\s)العيد|{_EID_AFTER})"
                rf"(?!\s+(?:الوطني|الذهبي|الفضي|الماسي|السنوي|الأول|(?!التي|الذي)ال\w+ي\b))"
                rf"|عيد\s+(?P<h>الفطر|الأضحى|الميلاد|الفصح)"
                rf"|(?P<h2>رأس\s+السنة\s+(?:الهجرية|الميلادية)|المولد\s+النبوي|ليلة\s+القدر|يوم\s+عرفة))"
                rf"(?:\s+(?:المبارك|السعيد|الشريف|المجيد))?(?:\s+(?P<rel>{REL}))?(?:\s+(?:لعام|عام)\s+(?P<y>{YEAR}|{HYEAR}))?{E}"),
    ("ramadan", rf"{B}(?:(?P<kw>خلال|طوال|طيلة|طول)\s+"
                rf"|(?P<kw2>في|قبل|بعد|حتى|منذ|مع\s+حلول|بحلول|مطلع|نهاية)\s+)?"
                rf"(?:(?P<first>أول\s+أيام|أول\s+يوم\s+(?:من|في)|غرة|فاتح|مطلع|"
                rf"بداية|منتصف|أواخر|نهاية|(?P<last10>العشر\s+الأواخر)\s+من)\s+)?"
                rf"(?:شهر\s+(?P<hm>{HMONTH}|الصيام)|(?P<r>رمضان)"
                rf"|(?P<this>هذا\s+)?الشهر\s+(?:الفضيل|الكريم|المبارك|المعظم)|(?<=أيام\s)الصيام)"
                rf"(?:\s+(?:المبارك|الكريم|الفضيل|المعظم))?(?:\s+(?P<rel>قبل\s+الماضي|المقبل|القادم|الماضي|الجاري|الحالي|المنصرم))?"
                rf"(?:\s+(?:ل|من\s+)?(?:(?:عام|سنة)\s+)?(?P<y>{HYEAR}){HERA}?"
                rf"|\s+(?:من|في)\s+(?P<yrel>(?:العام|السنة)\s+(?:الماضي|الماضية|الحالي|الحالية|الجاري|الجارية|"
                rf"المنصرم|الفائت|المقبل|القادم)|هذا\s+العام|هذه\s+السنة))?{E}"),
    ("rel_day", rf"{B}(?:[وفب]|بال|وبال|فبال|وال|ال)?(?P<rd>{REL_DAY})(?:\s*[،,(]?\s*(?P<wd>{WEEKDAY})\s*\)?)?{E}"),
    ("weekday_pair", rf"{B}{CL}يومي\s+(?P<wd>{WEEKDAY})\s+و\s*(?P<wd2>{WEEKDAY}){E}"),
    ("weekday", rf"{B}{CL}(?:يوم\s+)?(?P<wd>{WEEKDAY})(?:\s+(?P<rel>قبل\s+الماضية?|{PAST_FUT}|نفسه|ذاته))?{E}"),
    ("period", rf"{B}(?:{CL}(?P<mod>{MOD})\s+)?{CL}(?P<this>هذا\s+|هذه\s+)?(?P<unit>الأسبوع|الشهر|العام|السنة)"
               rf"(?:\s+(?P<rel>{REL}))?{E}(?!\s+(?:الفضيل|الكريم|المبارك|المعظم))"),
    ("anaphor", rf"{B}(?:في\s+)?{CL}(?P<unit>اليوم|الأسبوع|الشهر|العام|السنة|الليلة)\s+"
                rf"(?P<r>التالي|التالية|الموالي|الموالية|اللاحق|اللاحقة|السابق|السابقة|نفسه|نفسها|ذاته|ذاتها|الذي\s+سبقه"
                rf"|الذي\s+تلاه|الذي\s+يليه|الذي\s+قبله|الذي\s+بعده)(?!\s+(?:ل|من)\s)"),
    ("since_then", rf"{B}{CL}منذ\s+(?:ذلك|تلك)\s+(?:الحين|التاريخ|الوقت|اليوم|الفترة|اللحظة){E}"),
    ("duration", rf"{B}(?:[وف]|(?P<bi>ب))?(?:(?P<kwl>ل)(?=\w))?"
                 rf"(?:(?P<par>\(\s*)?(?P<num>{NUMBER})(?(par)\s*\)){_GLUED}(?P<unit>{UNIT})"
                 rf"|(?P<unit2>{UNIT})(?!\s+\(?\d|{_DAYPART_NEXT}))"
                 rf"(?P<extra>\s+(?:إضافي|إضافية|إضافيا|آخر|أخرى|"
                 rf"كاملة|كاملا|كاملين|كاملتين|كامل|واحدة|واحدا|واحد|متتالية|متتاليا|متتاليين|متواصلة|متواصلا|متواصلين)"
                 rf"|\s+(?:و\s*)?(?:نصف|ونصف)(?:\s+الساعة)?"
                 rf"|\s+ونيف)?(?:\s+(?P<rel>الماضية|الماضي|الأخيرة|الأخير|المقبلة|المقبل|القادمة|القادم))?"
                 rf"{E}(?P<anchor>(?=(?:\s+(?:فقط|فحسب|تقريبا|كاملة|كاملين))?\s+(?:على|من)\s+\D))?"),
    ("duration_def_num", rf"{B}(?:(?P<kw>خلال|طيلة|طوال|على\s+مدى|على\s+مدار|في\s+غضون|منذ|لمدة)\s+)?"
                         rf"{CL}(?P<num>ال\w+(?:\s+(?:عشر|عشرة)|\s+وال\w+)?)\s+(?P<unit>{UNIT_DEF})"
                         rf"\s+(?P<rel>الماضية|الماضيين|الأخيرة|الأخيرين|المقبلة|المقبلين|القادمة|القادمين|الأولى|الفائتة|المنصرمة)"
                         rf"{_OF_YEAR}{E}"),
    ("duration_def", rf"{B}(?:(?P<kw>خلال|طيلة|طوال|على\s+مدى|على\s+مدار|في\s+غضون|منذ|لمدة)\s+)?"
                     rf"{CL}(?P<unit>{UNIT_DEF})"
                     rf"\s+(?:(?P<num>{NUMBER})\s+|(?P<few>القليلة|العديدة|الطويلة)\s+)?(?P<rel>الماضية|الماضيين|الماضيتين|الأخيرة|الأخيرين|الأخيرتين|المقبلة|"
                     rf"المقبلين|المقبلتين|القادمة|القادمين|الأولى|الأولين|الفائتة|المنصرمة|المنقضية){_OF_YEAR}{E}"
                     rf"(?!{_DAYPART_NEXT})"),
    # "لفترة تتجاوز الأسبوعين", "قرابة الساعتين": a definite dual is two of its unit
    ("duration_dual", rf"{B}{CL}(?:ال|لل)(?P<unit>{UNIT_DUAL})"
                      rf"(?!\s*\(?\d|\s+(?:الماضي|المقبل|القادم|الأخير|الأول)){E}"),
    ("duration_whole", rf"{B}{CL}(?P<kw>طوال|طيلة|طول)\s+(?P<unit>اليوم|النهار|الأسبوع|الشهر|العام|السنة)"
                       rf"(?!\s+(?:ال|{WEEKDAY})){E}"),
    ("fraction", rf"{B}(?:(?P<q>{QUALIFIER})\s+)?{CL}(?P<f>ربع|نصف|ثلث|ثلاثة\s+أرباع)"
                 rf"\s+(?:ال)?(?P<u>ساعة|قرن|ساعه|يوم|شهر|عام|سنة)"
                 rf"(?!\s+ال\w){E}"),
    ("set", rf"{B}[وك]?(?:(?P<adv>يوميا|أسبوعيا|شهريا|سنويا|يوميًا)"
            rf"|بشكل\s+(?:شبه\s+)?(?P<adj>يومي|أسبوعي|شهري|سنوي)"
            rf"|(?:في\s+)?كل\s+(?:(?P<each>يوم|ليلة|أسبوع|شهر|عام|سنة|صباح|مساء|ساعة)"
            rf"(?!\s+(?:من|\d))(?:\s+(?P<ewd>{WEEKDAY}))?|(?P<ewd2>{WEEKDAY}))|أيام\s+(?P<pwd>{WEEKDAY})|كل\s+(?P<en>{NUMBER})\s+(?P<eu>{UNIT})"
            rf"|(?<=[\w\d)]\s)(?:في\s+|ب)(?P<per>اليوم|الأسبوع|الشهر|العام|السنة|الساعة)(?:\s+(?P<one>الواحد|الواحدة))?"
            rf"(?!\s*(?:(?!إلى|التي|الذي)ال|\d|[،,]?\s*{WEEKDAY}))){E}"),
    ("clock", rf"{B}(?:(?P<pre>(?:{CL}(?:في\s+تمام|تمام|عند|على|حوالي|قرابة|نحو|حتى|منذ)\s+)?{CL}الساعة)\s+)?"
              rf"\(?(?P<h>\d{{1,2}})\s*(?P<sep>[:.,])\s*(?P<min>\d{{2}})(?!\d)(?:\s+(?P<ap>{AMPM_RX}))?"
              rf"(?:\s*(?P<z>{ZULU})|\s+(?P<zone>{ZONE}))?"),
    ("clock_hm", rf"{B}(?:(?:{CL}(?:في\s+تمام|تمام|عند|على|حوالي)\s+)?{CL}الساعة\s+|(?<=\())"
                 rf"(?P<hm>\d{{4}})\s*(?P<z>{ZULU}){E}"),
    ("clock_h", rf"{B}(?:{CL}(?:في\s+تمام|تمام|عند|على|حوالي|قرابة|نحو|حتى|منذ)\s+)?"
                rf"{CL}الساعة\s+(?P<h>\d{{1,2}})(?!\s*[:.,]\s*\d)"
                rf"(?:{_GLUED}(?P<ap>{AMPM_RX}))?(?:\s*(?P<z>{ZULU})|\s+(?P<zone>{ZONE}))?(?:{E}|(?<=\d)(?=من\s))"),
    ("clock_words", rf"{B}(?:(?P<pre>(?:{CL}(?:في\s+تمام|تمام|عند|على|حوالي|قرابة|نحو|حتى|منذ)\s+)?{CL}الساعة)\s+"
                    rf"|(?P<pre2>{CL}(?:منذ|حتى|عند|في\s+تمام|تمام|حوالي|قرابة|نحو)\s+))?(?P<hw>{HOUR_WORD}){MINUTES}"
                    rf"(?:\s+(?P<ap>{AMPM_RX}))?(?:\s*(?P<z>{ZULU})|\s+(?P<zone>{ZONE}))?(?P<of>(?=\s+من\s+{CL}{PART}))?{E}"),
    ("part", rf"{B}(?:(?:{CL}(?:في\s+)?(?:ال)?ساع(?:ة|ات)\s+(?:الأولى|متأخرة|مبكرة|الأولى)\s+من\s+|"
             rf"{CL}(?:طوال|طيلة|مع|حتى|منذ|في|قبل|بعد)\s+|{CL}ساعات\s+)(?:ال)(?P<p>صباح|مساء|ليل|ظهيرة|فجر|عصر|ظهر)"
             rf"(?:\s+(?:الأولى|الباكر))?|(?P<p3>{CL}(?:بعد\s+)?منتصف\s+الليل)|(?P<p2>ليلتها|صباحها|مساءها)){E}"),
]

_RAW[:0] = periods.RAW                    # school, sports and fiscal years; match minutes (timex/periods.py)
_RAW += recurring.RAW                     # "التدريبات اليومية": a recurrence said by an adjective (timex/recurring.py)
PATTERNS: list[tuple[str, re.Pattern]] = [(name, re.compile(_f(rx))) for name, rx in _RAW]

# What may stand before a pattern's match, read leftwards from its start once it has matched: a pattern that
# opens with long optional words ("اليوم الأحد 29 شعبان", "على مدى نحو ثلاثة أشهر") would try them at every
# position of the text. Each is anchored at the match start (`$` at endpos) and its groups join the match's.
_DURATION_LEFT = (rf"(?<!\w)(?:[وف]?(?P<kw>منذ|قبل|بعد|خلال|لمدة|طيلة|طوال|على\s+مدى|على\s+مدار|في\s+غضون|غضون|مدة"
                  rf"|لفترة)\s+(?:(?P<q>{QUALIFIER})\s+)?|[وف]?(?P<kwl>ل)?(?P<q2>{QUALIFIER})\s+)$")
_LEAD_HINTS = ("اثنين", "ثلاثاء", "اربعاء", "خميس", "جمعه", "سبت", "احد")
# words one of which a left context must hold: a substring test skips the search where none occurs
LEFT_HINTS: dict[str, tuple[str, ...]] = {
    "hijri": _LEAD_HINTS, "hijri_num": _LEAD_HINTS, "dmy": _LEAD_HINTS, "numeric": _LEAD_HINTS,
    "hijri_ymd": _LEAD_HINTS,
    "my": ("مطلع", "منتصف", "اواسط", "اواخر", "اوايل", "نهايه", "بدايه", "اخر", "مستهل", "نهايات", "بدايات", "اول",
           "شهر"),
    "duration": ("منذ", "قبل", "بعد", "خلال", "لمده", "طيله", "طوال", "مدي", "مدار", "غضون", "مده", "لفتره", "نحو",
                 "قرابه", "حوالي", "زهاء", "اكثر", "اقل", "يزيد", "يقل", "يقارب", "يناهز", "ازيد", "يقرب", "يربو")}
LEFT: dict[str, re.Pattern] = {name: re.compile(_f(rx)) for name, rx in {
    "hijri": rf"(?<!\w)(?:{LEAD})$", "hijri_num": rf"(?<!\w)(?:{LEAD})$", "dmy": rf"(?<!\w)(?:{LEAD})$",
    "numeric": rf"(?<!\w)(?:{LEAD})$", "hijri_ymd": rf"(?<!\w)(?:{LEAD})$",
    "my": rf"(?<!\w)(?:(?:{CL}(?P<mod>{MOD})\s+)(?:(?P<shahr>{CL}شهر)\s+)?|(?P<shahr2>{CL}شهر)\s+)$",
    "duration": _DURATION_LEFT}.items()}

_ENDS = (" ", "/", "،", ",", ")", ".", "\n", "(")
_MONTH_WORDS = ("يناير", "فبر", "مارس", "ابريل", "مايو", "يونيو", "يونيه", "يولي", "اغسطس", "سبتمبر", "اكتوبر",
                "نوفمبر", "ديسمبر", "دسمبر", "كانون", "شباط", "اذار", "نيسان", "ايار", "حزيران", "تموز", "ايلول",
                "تشرين", "جانفي", "فيفري", "افريل", "جوان", "جويل", "دجنبر", "نونبر", "شتنبر", "غشت") + tuple(
    w + end for w in ("ماي", "اوت") for end in _ENDS) + tuple(     # short names as whole words ("اب" ends كتاب)
    start + "اب" + end for start in (" ", "/", "(", "و", "\n") for end in _ENDS)
_HOUR_WORDS = ("الساعه", "صباح", "مساء", "ظهر", "عصر", "فجر", "ليل")
_DATE_NUM = re.compile(r"\d{1,4}\s*[/.\-]\s*\d{1,2}")
_YEAR_NUM = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_CLOCK_NUM = re.compile(r"\d\s*[:.,]\s*\d\d")
_TENS_ENDS = ("ين", "ون", "عشر", "عشره", "مئه", "مايه", "الف")
_INSIDE = {f"{x} {u}" for x in _TENS_ENDS for u in ("عام", "يوم", "شهر", "سنه")}   # "خمسين سنة": ends a number word
_EVERY_NUM = re.compile(r"كل\s+\d")                 # "كل 3 أشهر"
_DOM_NUM = re.compile(r"يوم\s+\d")                   # "أمام الوصل يوم 27"
_NUM_UNIT = re.compile(r"\d\)?\s+(?:عام|يوم|شهر|سنه)")       # "مئة عام" is in words; "200 عام" needs this
_FOUR_NUM = re.compile(r"(?<!\d)\d{4}(?!\d)")
_HYEAR_NUM = re.compile(r"(?<!\d)1[34]\d\d(?!\d)")
_HHMM_NUM = re.compile(r"(?<!\d)\d{4}(?!\d)\s*(?:ت|بتوقيت|gmt|GMT)")
# Each pattern runs only near its trigger words (a substring, or a regex for digits): see tagger._windows.
TRIGGERS: dict[str, tuple] = {
    "hijri": ("محرم", "صفر", "ربيع", "جماد", "رجب", "شعبان", "رمضان", "شوال", "القعده", "الحجه"),
    "hijri_num": (_DATE_NUM,), "hijri_day_range": ("محرم", "صفر", "ربيع", "جماد", "رجب", "شعبان", "رمضان", "شوال",
                                                   "القعده", "الحجه"),
    "dmy": _MONTH_WORDS, "month_week": _MONTH_WORDS, "numeric": (_DATE_NUM,), "numeric_dm": (_DATE_NUM,),
    "hijri_year": (_HYEAR_NUM,), "iso": (_DATE_NUM,),
    "my": _MONTH_WORDS, "year_range": (_YEAR_NUM,), "year": (_FOUR_NUM,), "bare_year": (_YEAR_NUM,),
    "quarter": ("الربع", "النصف", "للربع", "للنصف"), "season": ("صيف", "خريف", "شتاء", "ربيع"),
    "hijri_year_range": (_HYEAR_NUM,), "day_of_month": (_DOM_NUM,), "century": ("القرن",),
    "decade": ("عشرين", "ثلاثين", "اربعين", "خمسين", "ستين", "سبعين", "ثمانين", "تسعين"),
    "day_range": _MONTH_WORDS, "hijri_ymd": (_DATE_NUM,), "quarter_rel": ("الربع",),
    "duration_def_num": ("الايام", "الاسابيع", "الاشهر", "الشهور", "الاعوام", "السنوات", "السنين", "الساعات", "العقود"),
    "this_month_day": ("الشهر", "شهرنا"),
    "holiday": ("العيد", "لعيد", "عيد الفطر", "عيد الاضحي", "عيد الميلاد", "راس السنه",
                "المولد النبوي", "ليله القدر", "يوم عرفه"),
    "ramadan": ("رمضان", "الصيام", "الفضيل", "الكريم", "المبارك", "المعظم", "شعبان", "شوال", "محرم", "رجب", "الحجه",
                "القعده", "شهر صفر", "شهر ربيع", "شهر جماد"),
    "rel_day": ("امس", "اليوم", "غد", "البارحه", "الليله", "الصباح", "المساء"),
    "weekday_pair": ("يومي",),
    "weekday": ("الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "الاحد"),
    "period": ("الاسبوع", "الشهر", "العام", "السنه"),
    "anaphor": ("التالي", "الموالي", "اللاحق", "السابق", "اليوم نفس", "اليوم ذات", "الليله نفس", "الليله ذات",
                "سبقه", "تلاه", "يليه", "قبله", "بعده"), "since_then": ("منذ",),
    # the singular of a common unit ("عام" is also "general", "يوم" opens "يوم الأحد") triggers only beside the
    # words a span needs; after a number the digit scan triggers it
    "duration": ("يوما", "يومين", "يومان", "ايام", "اسبوع", "اسابيع", "شهرا", "شهرين", "شهران", "اشهر", "شهور",
                 "عاما", "عامين", "عامان", "اعوام", "سنوات", "سنين", "سنت", "ساعه", "ساعات", "ساعت", "دقيق", "دقاي",
                 "عقدين", "عقدان", "عقود", "قرن", "قرون") + tuple(
        f"{w} {u}" for w in ("منذ", "قبل", "بعد", "خلال", "لمده", "طيله", "طوال", "مدي", "مدار", "غضون", "نحو", "قرابه",
                             "حوالي", "زهاء", "من", "مده", "لفتره", "ربع", "نصف", "مئه", "مايه", "الف", "الفي", "مئتي")
        for u in ("عقد", "عام", "يوم", "شهر", "سنه")) + tuple(
        f"{u} {x}" for u in ("عام", "يوم", "شهر", "سنه")
        for x in ("كامل", "واحد", "ونصف", "اضافي", "اخر", "اخري", "او", "متتالي", "متواصل")) + tuple(
        f" {c}{u}" for c in ("ل", "ب") for u in ("عام", "يوم", "شهر", "سنه")) + tuple(
        f"{x} {u}" for x in _TENS_ENDS for u in ("عام", "يوم", "شهر", "سنه")) + (
        _NUM_UNIT,),
    "duration_def": ("اليوم", "الايام", "الاسبوع", "الاسابيع", "الشهر", "الاشهر", "الشهور", "العام", "الاعوام",
                     "السنوات", "السنتين", "السنين", "الساع", "الدقاي", "الدقيق", "السنت", "العقد", "العقود",
                     "القرن", "القرون"),
    "duration_whole": ("طوال", "طيله", "طول "),
    "duration_dual": ("اسبوعين", "ساعتين", "شهرين", "عامين", "يومين", "سنتين", "دقيقتين", "عقدين", "قرنين"),
    "fraction": ("ساعه", "قرن", "ربع ", "نصف ", "ثلث "),
    "set": ("يوميا", "اسبوعيا", "شهريا", "سنويا", "ايام ال", "بشكل", _EVERY_NUM) + tuple(
        f"كل {w}" for w in ("ثلاث", "اربع", "خمس", "ست", "سبع", "ثمان", "تسع", "عشر", "بضع", "عده", "اسبوعين", "شهرين",
                            "عامين", "يومين", "سنتين", "ساعتين")) + (
        "باليوم", "بالاسبوع", "بالشهر", "بالعام", "بالسنه", "كل يوم", "كل ليله", "كل اسبوع", "كل شهر", "كل عام",
        "كل سنه", "كل صباح", "كل مساء", "كل ساعه", "في اليوم", "في الاسبوع", "في الشهر", "في العام", "في السنه",
        "في الساعه"),
    "clock": (_CLOCK_NUM,), "clock_hm": (_HHMM_NUM,), "clock_h": ("الساعه",),
    "clock_words": ("الواحده", "الثانيه", "الثالثه", "الرابعه", "الخامسه", "السادسه", "السابعه", "الثامنه",
                    "التاسعه", "العاشره", "الحاديه"),
    "part": _HOUR_WORDS + ("ظهير", "ليلتها", "صباحها", "مساءها", "فجرها", "منتصف"),
    **periods.TRIGGERS,
    **recurring.TRIGGERS,
}
# characters a match may reach before and after its trigger word
SPAN: dict[str, tuple[int, int]] = {"day_range": (40, 45), "this_month_day": (40, 30), "hijri": (30, 90),
                                    "dmy": (30, 50), "my": (4, 45), "numeric": (20, 30),
                                    "hijri_num": (10, 30), "duration": (24, 32), "duration_def": (40, 60),
                                    "ramadan": (45, 60), "clock": (50, 50), "clock_words": (50, 70)}


def _automaton():
    import ahocorasick

    words: dict[str, list[str]] = {}
    for name, trig in TRIGGERS.items():
        for w in trig:
            if isinstance(w, str):
                words.setdefault(w, []).append(name)
    a = ahocorasick.Automaton()
    for w, names in words.items():        # each word: its length, whether it may sit inside a word, the reach
        a.add_word(w, (len(w), w in _INSIDE, tuple((n, *SPAN.get(n, (60, 60))) for n in names)))
    a.make_automaton()
    return a


TRIGGER_AUTOMATON = _automaton()
DIGIT_TRIGGERS: dict[str, tuple[tuple[str, int, int], ...]] = {
    kind: tuple((n, *SPAN.get(n, (60, 60))) for n, trig in TRIGGERS.items() if rx in trig)
    for kind, rx in (("date", _DATE_NUM), ("year", _YEAR_NUM), ("clock", _CLOCK_NUM), ("hyear", _HYEAR_NUM),
                     ("four", _FOUR_NUM), ("numunit", _NUM_UNIT), ("every", _EVERY_NUM), ("dom", _DOM_NUM),
                     ("hhmm", _HHMM_NUM), ("dmin", periods.MINUTE_D))}
