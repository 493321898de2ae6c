"""Which country's ministry? National institutions named without their country.

"وزارة الخارجية" in an Egyptian article is Egypt's foreign ministry and in a Jordanian one Jordan's; linked
across a corpus as one "وزارة الخارجية" they would make one meaningless entity. An institution named by its head
alone gets the article's country as a nisba adjective in its canonical name, agreeing in gender with the head:
"وزارة المالية" → "وزارة المالية المصرية", "مجلس النواب" → "مجلس النواب الأردني". The article's country is the
country it names most (as a country or a nationality adjective), when it clearly leads.
"""

from __future__ import annotations

import re
from collections import Counter

from ..arabic.normalize import normalize

# country (as the gazetteer writes it) -> masculine nisba; the feminine adds ة
NISBA = {
    "مصر": "المصري", "الأردن": "الأردني", "ليبيا": "الليبي", "السعودية": "السعودي", "تونس": "التونسي",
    "الجزائر": "الجزائري", "المغرب": "المغربي", "العراق": "العراقي", "سوريا": "السوري", "قطر": "القطري",
    "الإمارات": "الإماراتي", "اليمن": "اليمني", "السودان": "السوداني", "لبنان": "اللبناني",
    "فلسطين": "الفلسطيني", "الكويت": "الكويتي", "البحرين": "البحريني", "سلطنة عمان": "العماني",
    "موريتانيا": "الموريتاني", "الصومال": "الصومالي", "جيبوتي": "الجيبوتي", "تركيا": "التركي",
    "روسيا": "الروسي", "إيران": "الإيراني", "فرنسا": "الفرنسي", "ألمانيا": "الألماني", "إيطاليا": "الإيطالي",
    "بريطانيا": "البريطاني", "الولايات المتحدة": "الأمريكي", "الصين": "الصيني", "إسرائيل": "الإسرائيلي",
}
_COUNTRY = {normalize(k): k for k in NISBA}
# capitals and major cities count for their country
for _city, _c in {"القاهرة": "مصر", "الإسكندرية": "مصر", "عمان": "الأردن", "طرابلس": "ليبيا", "بنغازي": "ليبيا",
                  "الرياض": "السعودية", "جدة": "السعودية", "مكة المكرمة": "السعودية", "الرباط": "المغرب",
                  "الدار البيضاء": "المغرب", "بغداد": "العراق", "البصرة": "العراق", "دمشق": "سوريا",
                  "الدوحة": "قطر", "أبوظبي": "الإمارات", "دبي": "الإمارات", "صنعاء": "اليمن", "عدن": "اليمن",
                  "الخرطوم": "السودان", "بيروت": "لبنان", "رام الله": "فلسطين", "غزة": "فلسطين",
                  "المنامة": "البحرين", "مسقط": "سلطنة عمان", "نواكشوط": "موريتانيا", "أنقرة": "تركيا",
                  "إسطنبول": "تركيا", "موسكو": "روسيا", "طهران": "إيران", "باريس": "فرنسا", "برلين": "ألمانيا",
                  "روما": "إيطاليا", "لندن": "بريطانيا", "واشنطن": "الولايات المتحدة", "بكين": "الصين",
                  "طبرق": "ليبيا", "مصراتة": "ليبيا", "سرت": "ليبيا", "حلب": "سوريا", "حمص": "سوريا",
                  "إدلب": "سوريا", "الموصل": "العراق", "كركوك": "العراق", "تعز": "اليمن",
                  "مأرب": "اليمن", "الحديدة": "اليمن", "المكلا": "اليمن"}.items():
    _COUNTRY[normalize(_city)] = _c
_BY_NISBA = {}
for _c, _m in NISBA.items():
    _BY_NISBA[normalize(_m)] = _c
    _BY_NISBA[normalize(_m + "ة")] = _c
    _BY_NISBA[normalize(_m[2:])] = _c          # without the article: "مسؤول مصري"
    _BY_NISBA[normalize(_m[2:] + "ة")] = _c

# institutions every state has; named by these words alone they are ambiguous
NATIONAL = [tuple(normalize(p).split()) for p in """
وزارة|المحكمة العليا|المحكمة الدستورية|مجلس النواب|مجلس الأعيان|مجلس الشيوخ|مجلس الشورى|مجلس الوزراء|
مجلس الأمة|البرلمان|البنك المركزي|المصرف المركزي|النيابة العامة|نقابة الصحفيين|الحماية المدنية|الداخلية|
الخارجية|رئاسة الجمهورية|هيئة الأركان|ديوان الإفتاء|دار الإفتاء""".replace("\n", "").split("|")]


def article_country(words: list[str], entities, dateline: str | None = None) -> str | None:
    """The country the article names most, as a country or a nationality adjective, if it clearly leads; the
    dateline's country counts as two mentions."""
    votes: Counter = Counter()
    if dateline:
        votes[dateline] += 2
    for e in entities:
        if e.type == "LOC":
            c = _COUNTRY.get(normalize(e.canonical))
            if c:
                votes[c] += 1
    for w in words:
        c = _BY_NISBA.get(w)
        if c:
            votes[c] += 1
    if not votes:
        return None
    (top, n), *rest = votes.most_common(2) + [(None, 0)]
    return top if n >= 2 and n > rest[0][1] else None


# "في تونس", and after a participle that places it: "مجلس النواب المنعقد في طبرق", "ومقره في"
_AFTER = re.compile(r"\s+(?:(?:ال)?(?:منعقد|منعقدة|موجود|موجودة|مقيم|مقيمة)\s+|و?مقره\s+|و?مقرها\s+)?"
                    r"(?:في|ب)\s*([\w\u0640]+(?:\s+[\w\u0640]+)?)")
_BEFORE = re.compile(r"(?<!\w)و?(?:في|ب)\s*([\w\u0640]+(?:\s+[\w\u0640]+)?)\s*[،,]\s*(?:[\w\u0640]+\s+){0,3}$")


def local_country(text: str, start: int, end: int) -> str | None:
    """The country an institution is placed in right where it is named: "ديوان الإفتاء في تونس", "وزارة
    الأوقاف … بالمغرب", or a place opening its clause ("وفي دمشق، أعلنت وزارة الأوقاف"). It outranks the
    article's country: a report on Ramadan's moon names a dozen countries' institutions."""
    m = _AFTER.match(text, end)
    if m:
        for words in (m.group(1), m.group(1).split()[0]):
            c = _COUNTRY.get(normalize(words))
            if c:
                return c
    m = _BEFORE.search(text, max(0, start - 60), start)
    if m:
        for words in (m.group(1), m.group(1).split()[0]):
            c = _COUNTRY.get(normalize(words))
            if c:
                return c
    return None


def qualify(name: str, country: str) -> str | None:
    """"وزارة المالية" + مصر → "وزارة المالية المصرية"; None when the name is not a bare national institution or
    already says whose it is."""
    words = normalize(name).split()
    if not words or any(w in _BY_NISBA or w in _COUNTRY for w in words):
        return None
    if not any(tuple(words[:len(p)]) == p for p in NATIONAL):
        return None
    nisba = NISBA[country]
    head = name.split()[0]
    feminine = normalize(head).endswith("ه") or normalize(head) in ("الداخليه", "الخارجيه", "رياسه")
    return f"{name} {nisba}{'ة' if feminine else ''}"


def nisba_country(word: str) -> str | None:
    """The country a definite nationality adjective names ("الليبية" → ليبيا); None for any other word."""
    return _definite_country(normalize(word))


def _definite_country(w: str) -> str | None:
    return _BY_NISBA.get(w) if w.startswith("ال") else None


def nisba_of(word: str) -> str | None:
    """The nationality adjective a definite word is, in its standard spelling ("المصرى" → "المصري",
    "الجزائرية" → "الجزائرية"); None for any other word."""
    w = normalize(word)
    country = _definite_country(w)
    if country is None:
        return None
    return NISBA[country] + ("ة" if w.endswith("ه") else "")



def dateline_country(place: str | None) -> str | None:
    """The country of a dateline's place ("أبوظبي" → الإمارات): a vote for whose institutions an article means
    when it names one alone (a vote, not the answer: a London office files stories about Tunisia)."""
    return _COUNTRY.get(normalize(place)) if place else None
