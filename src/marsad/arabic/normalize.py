"""Arabic normalization for matching and search.

Display always keeps the original text; these functions produce the *matching form* in which spelling
variants that Arabic news uses interchangeably meet: hamza seats on alef (أ إ آ ٱ → ا), ئ → ي and ؤ → و
(فائز / فايز), alef maqsura (ى → ي), taa marbuta (ة → ه), diacritics and tatweel removed, Eastern-Arabic and
Persian digits to ASCII, Persian letters to their Arabic counterparts, and invisible marks (zero-width, bidi
controls) dropped. Hand-written rather than pyarabic because it is one `str.translate` call (measured ~40x
faster than chaining pyarabic's functions) and because the exact mapping is part of the product's contract
with the search index: index and query must use the same function.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Words a per-word cache keeps (normalize_word here, WordMemo and the entity stage's per-word answers). News
# vocabulary is Zipfian: the first 65,536 distinct words of a stream are most of any later text's tokens, and a
# cache's memory stops growing there. At 262,144 (a million for the tagger's forms) the caches were still filling
# at the end of a 100,000-article ingest, whose workers grew from 470 to 695 MB (README, speed and scale); 12,000
# SaudiNewsNet articles analysed either way took the same time (145.1 and 143.6 s, 2026-12-06).
WORD_CACHE = 65_536

DIACRITICS = "".join(chr(c) for c in range(0x064B, 0x0653)) + "\u0670\u0653\u0654\u0655\u0656\u0657\u0658"
TATWEEL = "\u0640"
INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u00ad\u061c"
EASTERN_DIGITS = "٠١٢٣٤٥٦٧٨٩"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"

_DIGITS = str.maketrans(EASTERN_DIGITS + PERSIAN_DIGITS + "٫٬", "0123456789" * 2 + ".,")
# Cleaning for display: invisible marks go, Arabic letters stay as written.
_INVISIBLE_RE = re.compile(f"[{INVISIBLE}]")

_MATCH_MAP: dict[int, str | None] = {ord(c): None for c in DIACRITICS + TATWEEL + INVISIBLE}
_MATCH_MAP.update({ord(a): b for a, b in {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ئ": "ي", "ؤ": "و", "ة": "ه",
    "ی": "ي", "ي": "ي", "ک": "ك", "ڪ": "ك", "گ": "ك", "ڤ": "ف", "ڨ": "ق", "پ": "ب", "چ": "ج", "ژ": "ز",
    "ۀ": "ه", "ە": "ه", "ہ": "ه", "ھ": "ه",
}.items()})
for _d, _a in zip(EASTERN_DIGITS + PERSIAN_DIGITS, "0123456789" * 2):
    _MATCH_MAP[ord(_d)] = _a
for _space in "\t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000":
    _MATCH_MAP[ord(_space)] = " "          # every kind of space is a plain space; runs are collapsed below
_MATCH_MAP[ord("٫")] = "."
_MATCH_MAP[ord("٬")] = ","

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")
_SPECIAL = re.compile(f"[{INVISIBLE}\ufb50-\ufdff\ufe70-\ufefe]")


def clean_display(text: str) -> str:
    """Decoded text made safe to show and offset into: NFC, presentation forms unfolded, invisibles removed.

    This is applied once, before cleaning, so every offset downstream refers to this text. One regex scan finds
    whether there is anything to do (most pages have neither invisibles nor presentation forms); str.translate
    or max() over a 170 KB page would cost 4-15 ms, the scan 1 ms.
    """
    text = unicodedata.normalize("NFC", text)
    if not _SPECIAL.search(text):
        return text
    if _PRESENTATION.search(text):  # legacy encoders emit contextual glyph forms (ﻻ, ﺍ …)
        text = _PRESENTATION.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)
    return _INVISIBLE_RE.sub("", text)


_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# separators stay separators (vertical tab, form feed, the file/group/record separators and NEL become line
# breaks, the unit separator a space), so the words on either side do not run together; the rest go
_UNSAFE_MAP = {**{c: None for c in [*range(0x09), *range(0x0E, 0x20), *range(0x7F, 0xA0), 0xFFFE, 0xFFFF]},
               0x0B: "\n", 0x0C: "\n", 0x1C: "\n", 0x1D: "\n", 0x1E: "\n", 0x85: "\n", 0x1F: " "}


def _unsafe(m: re.Match) -> str:
    c = ord(m.group(0))
    return "\ufffd" if 0xD800 <= c <= 0xDFFF else (_UNSAFE_MAP.get(c) or "")


MAX_MARKS = 16
_NON_WORD_RUN = re.compile(r"[^\w\s]{%d,}" % (MAX_MARKS + 1))     # combining marks are neither word nor space


def _trim_marks(m: re.Match) -> str:
    """A run of characters that are neither letters nor spaces, with every combining mark past the
    MAX_MARKS-th in a row dropped (punctuation in the run stays)."""
    out, row = [], 0
    for c in m.group(0):
        row = row + 1 if unicodedata.combining(c) else 0
        if row <= MAX_MARKS:
            out.append(c)
    return "".join(out)


def safe_text(text: str) -> str:
    """Text from outside made storable and safe to show, once at the boundary: NUL and other control characters
    (escape codes, bells, C1 controls) removed, separators (vertical tab, form feed, NEL …) turned into line
    breaks, and lone surrogates (a JSON "\\ud800") replaced by U+FFFD. Either would break a later stage or the
    store: PostgreSQL refuses NUL, UTF-8 cannot encode a surrogate, and the shingler splits on NUL. Tab, line
    feed and carriage return stay. Combining marks stacked past MAX_MARKS on one letter are dropped. A scan
    for each finds whether there is anything to do."""
    if _UNSAFE.search(text):
        text = _UNSAFE.sub(_unsafe, text)
    if _NON_WORD_RUN.search(text):     # Unicode normalization sorts a run of marks in quadratic time: 40,000
        text = _NON_WORD_RUN.sub(_trim_marks, text)   # marks on one letter took 5 s; no script needs 17
    return text


def normalize_digits(text: str) -> str:
    """Eastern-Arabic and Persian digits to ASCII, length-preserving (offsets stay valid)."""
    return text.translate(_DIGITS)


def normalize(text: str) -> str:
    """Matching form: the same word in its spelling variants maps to one string. Not length-preserving."""
    out = text.translate(_MATCH_MAP).lower()
    return _SPACES.sub(" ", out) if "  " in out else out


def normalize_pattern(pattern: str) -> str:
    """A hand-written regex put in matching form, so it can run on `normalize`d text: Arabic letters folded
    like the text is, but no lower-casing, which would turn escapes such as \\S or \\D into their opposites."""
    return pattern.translate(_MATCH_MAP)


@lru_cache(maxsize=WORD_CACHE)
def normalize_word(word: str) -> str:
    """`normalize` for single tokens, cached: news vocabulary is Zipfian, so most lookups are hits."""
    return word.translate(_MATCH_MAP).lower()


_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff]")
_ANY_LETTER = re.compile(r"[^\W\d_]")


def arabic_ratio(text: str) -> float:
    """Share of letters that are Arabic script: the first, cheap test of whether a text is Arabic.
    Counted with two regex passes in C (subn), ~50x faster than a Python loop over characters."""
    letters = _ANY_LETTER.subn("", text)[1]
    return _ARABIC_LETTER.subn("", text)[1] / letters if letters else 0.0


_VARIANTS = {"ا": "اأإآٱ", "ي": "يىئی", "و": "وؤ", "ه": "هة", "ك": "كک", "ف": "فڤ"}
MARKS = "[\u064b-\u065f\u0670\u0640]*"


def tolerant(word: str) -> str:
    """A regex for a word in matching form that finds it in original text: any hamza/yaa/taa spelling,
    with diacritics or tatweel anywhere inside. Lets a search run on the text itself, so match offsets are
    offsets into the original and never need mapping back from a normalized copy."""
    out = []
    for ch in normalize(word):
        alts = _VARIANTS.get(ch)
        out.append((f"[{alts}]" if alts else re.escape(ch)) + MARKS)
    return "".join(out)
