"""Name keys: one string for all the spellings Arabic news gives the same name.

Arabic transliterates foreign names freely: سيرغي/سيرجي لافروف, كوزنتسوف/كوزنيتسوف, غوتيريش/جوتيريش/قوتيريش,
ميركل/ميركيل, and writes its own with hamza and yaa variants: فائز/فايز السراج. `name_key` folds these to one
skeleton, so two mentions that differ only in such choices get the same entity id:
- the matching normalization (hamza, alef, yaa, taa marbuta, ڤ/ف, diacritics, tatweel);
- غ، ج، ق (the three ways to write a foreign g) become ج;
- long vowels ا، و، ي and ء inside a word of five letters or more are dropped (they are where transliterations
  disagree most); the first letter is kept; not in a definite word, which is an Arabic family name spelled as it
  is (البرقاوي and البارقي are two families);
- Arabic given names are exempt from both foldings: محمود is not محمد, سليمان is not سلمان, قاسم is not جاسم.
- doubled letters are written once (تشاووش, حسّان after shadda removal).
Keys are for comparison only; people see the canonical spelling.
"""

from __future__ import annotations

import re
from functools import lru_cache

from importlib import resources

from ..arabic.normalize import WORD_CACHE, normalize
from .lexicon import lines

_G = str.maketrans({"غ": "ج", "ق": "ج"})
_VOWELS = re.compile(r"(?<=.)[اويء]")
_DOUBLE = re.compile(r"(.)\1+")


@lru_cache(maxsize=1)
def arabic_given() -> frozenset[str]:
    """The Arabic section of data/first_names.txt (before the transliterated foreign names)."""
    text = resources.files("marsad.data").joinpath("first_names.txt").read_text(encoding="utf-8")
    out = set()
    for line in text.splitlines():
        if line.startswith("# transliterated"):
            break
        if line.strip() and not line.startswith("#"):
            out.add(normalize(line.strip()))
    return frozenset(out)


@lru_cache(maxsize=1)
def _given_keys() -> frozenset[str]:
    more = {normalize(w) for w in lines("given_names.txt")}
    return frozenset(word_key(w) for w in arabic_given() | more)


def is_given_name(key: str) -> bool:
    """Is this word key an Arabic given name (many people's name on its own)? Compounds with عبد are, by form."""
    return key in _given_keys() or (key.startswith("عبد") and len(key) > 4)


@lru_cache(maxsize=WORD_CACHE)
def word_key(word: str) -> str:
    w = normalize(word)
    if w in arabic_given():
        return w
    w = w.translate(_G)
    article = "ال" if w.startswith("ال") and len(w) > 4 else ""
    stem = _DOUBLE.sub(r"\1", w[len(article):])
    if len(stem) >= 5 and not article:           # an Arabic family name (البرقاوي, البارقي) is spelled as it is
        stem = _VOWELS.sub("", stem)
    return article + stem


_COMPOUND = re.compile(r"\b(عبد|ابو|بو) (?=\S)")


_MINISTRY = re.compile(r"^وزاره (?=ال)")


def light_key(name: str) -> str:
    """Places and organizations: the matching normalization and joined compounds, no vowel folding (سويسرا
    and سوريا differ only in vowels); a ministry goes by its short name too ("وزارة الخارجية الروسية" is
    "الخارجية الروسية")."""
    return " ".join(_MINISTRY.sub("", _COMPOUND.sub(r"\1", normalize(name))).split())


@lru_cache(maxsize=1 << 17)        # more than the distinct names linking reads at 100,000 articles (69,279)
def entity_key(etype: str, name: str) -> str:
    """The key entity ids and linking compare (kept for the most recent names: linking asks for a name's key
    three times in a run, for its row, its role titles and its id, and a document for each of its mentions).
    A person named by one word keeps it as written (in matching form): folding vowels is safe with a first name
    beside the surname, not on a word alone ("دينيس", Dennis, is not "دونيس", Donis); linking joins such a word
    to a full name where the corpus spells it that way."""
    if etype == "PER" and len(name.split()) > 1:
        return name_key(name)
    return light_key(name)


def name_key(name: str) -> str:
    """The skeleton of a multi-word name ("سيرجي لافروف" and "سيرغي لافروف" give the same key; so do
    "عبد الرقيب" and "عبدالرقيب", "أبو قرين" and "أبوقرين")."""
    return " ".join(word_key(w) for w in _COMPOUND.sub(r"\1", normalize(name)).split())
