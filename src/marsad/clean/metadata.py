"""Who published an article, when, and from where: outlet, byline, dateline, wire credits, date.

Signals are taken in order of trust and each value records where it came from (`published_source`,
`outlet_source`): what the caller gave, the page's own metadata, the article text, the URL.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from urllib.parse import urlparse

from ..document import Dateline
from ..entities.gazetteer import Gazetteer
from ..timex.tagger import parse_date
from .lexicon import AGENCY_KEYS, find_agencies, key

DASH = r"[-–—]"
BYLINE_RE = re.compile(r"^(?:كتب|كتبت|بقلم|إعداد|اعداد|تقرير|متابعة|حوار|ترجمة|بواسطة|الكاتب)"
                       r"\s*[:：]?\s*(?P<name>.{2,60})$")
INITIALS_RE = re.compile(r"^[\u0621-\u064a]{1,2}(?:\s*[./]\s*[\u0621-\u064a]{1,2}){1,3}\.?$"
                         r"|^[\u0621-\u064a]\.\s*[\u0621-\u064a]{2,15}$")
AUTHOR_BOX_RE = re.compile(r"^عن\s+(?P<name>[^\s].{1,40})$")
BRAND_RE = re.compile(r"^\S+(?:\s+\S+)?\s+(?:أونلاين|اونلاين|نت|نيوز|بوست|برس|تايمز|ميديا|24|اليوم|الآن|الان)$"
                      r"|^(?:بوابة|موقع|صحيفة|جريدة)\s+\S+(?:\s+\S+)?$")
URL_DATE_RE = re.compile(r"/((?:19|20)\d\d)[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|$|[^\d])")


@lru_cache(maxsize=1)
def _gaz() -> Gazetteer:
    from ..entities.gazetteer import load

    return load()


def is_place(text: str) -> bool:
    return _gaz().is_place(text)


def is_agency(text: str) -> bool:
    return key(text) in AGENCY_KEYS


def split_dateline(text: str) -> Dateline | None:
    """Read "PLACE (AGENCY) -", "PLACE – AGENCY:", "AGENCY – PLACE" or "PLACE:" at the start of a text."""
    head = text[:90]
    m = re.match(rf"^\s*(?P<a>[^\s()\-–—:،]+(?:\s+[^\s()\-–—:،]+){{0,2}})"
                 rf"\s*\(\s*(?P<b>[^()]{{1,30}})\s*\)\s*(?:{DASH}|:)", head)
    if m and is_place(m.group("a")):
        return Dateline(place=m.group("a").strip(), agency=m.group("b").strip())
    m = re.match(rf"^\s*(?P<a>[^\s()\-–—:،]+(?:\s+[^\s()\-–—:،]+){{0,2}})"
                 rf"\s*{DASH}\s*\(?(?P<b>[^()\-–—:،.]{{1,30}}?)\)?\s*(?::|{DASH}|$)", head)
    if m:
        a, b = m.group("a").strip(), m.group("b").strip()
        if is_place(a) and len(b.split()) <= 4:
            return Dateline(place=a, agency=b)
        if is_place(b) and len(a.split()) <= 4:
            return Dateline(place=b, agency=a)
    m = re.match(r"^\s*(?P<a>[^\s():،]+(?:\s+[^\s():،]+){0,2})\s*:", head)
    if m and is_place(m.group("a")):
        return Dateline(place=m.group("a").strip(), agency=None)
    return None


def find_dateline(paragraphs: list[str], before: list[str]) -> Dateline | None:
    """A dateline on its own line just above the article ("أوج – اسطنبول"), else at the start of the article,
    or of its second paragraph when the first is a short kicker or subtitle ("ممثل الصحة العالمية: “…”")."""
    for line in reversed(before[-3:]):
        if len(line.split()) <= 6:
            d = split_dateline(line)
            if d and d.agency:
                return d
    if not paragraphs:
        return None
    found = split_dateline(paragraphs[0])
    if found is None and len(paragraphs) > 1 and len(paragraphs[0].split()) <= 15 \
            and not paragraphs[0].rstrip().endswith("."):
        found = split_dateline(paragraphs[1])
    return found


def find_credits(after: list[str], body_last: str | None, dateline: Dateline | None) -> list[str]:
    """Wire credits printed after the article ("فرانس 24/ أ ف ب", "(رويترز)", "المصدر: الأناضول")."""
    credits: list[str] = []
    candidates = list(after[:6])
    if body_last and len(body_last.split()) <= 6:
        candidates.insert(0, body_last)
    for line in candidates:
        text = re.sub(r"^(?:المصدر|مصدر|المصادر|نقلا عن|بالتعاون مع)\s*[:：]?\s*", "", line.strip())
        if len(text.split()) > 7:
            continue
        for a in find_agencies(text):
            if a not in credits:
                credits.append(a)
    if dateline and dateline.agency and is_agency(dateline.agency) and dateline.agency not in credits:
        credits.append(dateline.agency)
    return credits


def find_byline(before: list[str], after: list[str], body_first: str | None, tail: list[str] = ()) -> str | None:
    """The writer: a "كتب: …" line above or at the start of the article, initials or a writer's box ("عن …")
    below it; `tail` is the rest of the page after the article, where some sites print the writer's box
    (below the comments header, "عن Houda Karmani")."""
    for line in before[-6:] + ([body_first] if body_first else []):
        m = BYLINE_RE.match(line.strip())
        if m and len(m.group("name").split()) <= 6:
            return m.group("name").strip(" .،")
    for line in after[:4]:
        s = line.strip()
        if INITIALS_RE.match(s):
            return s
        m = AUTHOR_BOX_RE.match(s) or BYLINE_RE.match(s)
        if m and len(m.group("name").split()) <= 4:
            return m.group("name").strip()
    for line in tail[:12]:
        m = AUTHOR_BOX_RE.match(line.strip())
        if m and len(m.group("name").split()) <= 4:
            return m.group("name").strip()
    return None


def copyright_holder(line: str) -> str | None:
    """"© 2024 نبض الشام. جميع الحقوق محفوظة", "جميع الحقوق محفوظة لبوابة النيل © 2024" → the outlet's name."""
    if not re.search(r"©|حقوق (?:النشر|الطبع)|الحقوق محفوظة|copyright", line, re.I):
        return None
    rest = re.sub(r"©|\(c\)|copyright|جميع الحقوق محفوظة|الحقوق محفوظة"
                  r"|حقوق (?:النشر|الطبع)(?: محفوظة)?|\b(?:19|20)\d\d\b",
                  " ", line, flags=re.I)
    rest = re.sub(r"^\s*[-–|.,،:]*\s*(?:ل|لـ)?(?=\S)", "", rest.strip())
    parts = [p.strip(" -–|.,،:") for p in re.split(r"\s[-–|]\s|[.،,]", rest) if p.strip(" -–|.,،:")]
    if not parts:
        return None
    name = re.sub(r"^(?:موقع|صحيفة|جريدة|شبكة)\s+", "", parts[0])
    if name.startswith("ل") and len(name) > 3 and not name.startswith(("لو", "لا")):
        name = name[1:]      # "لبوابة النيل" = ل + the name
    return name if 1 <= len(name.split()) <= 4 else None


def find_outlet_in_text(before: list[str], after: list[str], dateline: Dateline | None) -> str | None:
    for line in list(reversed(after[-8:])) + before[:6]:
        name = copyright_holder(line)
        if name and not is_agency(name):
            return name
    if dateline and dateline.agency and not is_agency(dateline.agency):
        return dateline.agency
    for line in before:
        s = line.strip()
        if BRAND_RE.match(s) and not is_place(s):
            return s
    return None


def outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).hostname or ""
    host = re.sub(r"^(www\d?|m|ar|arabic|amp)\.", "", host)
    return host or None


def date_from_url(url: str | None) -> dt.date | None:
    if not url:
        return None
    m = URL_DATE_RE.search(urlparse(url).path)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def date_from_lines(lines: list[str]) -> dt.date | None:
    """A publication date printed near the title ("نشر في 06 فيفري 2024 - 14:32", "2024-02-06")."""
    for line in lines:
        if len(line.split()) <= 14:
            d = parse_date(line)
            if d:
                return d
    return None


def parse_meta_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    value = value.strip()
    m = re.match(r"^((?:19|20)\d\d)-(\d\d)-(\d\d)", value)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    return parse_date(value)


def find_agencies_only(line: str) -> bool:
    """True when a short line is nothing but wire credits ("(أ ف ب)", "فرانس 24/ أ ف ب", "المصدر: رويترز")."""
    stripped = re.sub(r"^(?:المصدر|مصدر)\s*[:：]?\s*", "", line.strip())
    agencies = find_agencies(stripped)
    rest = stripped
    for a in agencies:
        rest = rest.replace(a, " ")
    return bool(agencies) and not re.sub(r"[\W_]+|\bو", "", rest)
