"""The structure of an Arabic person's name, and when two names can be one person.

Gulf news names people by chains: "سلمان بن عبدالعزيز آل سعود" is Salman, son of Abdulaziz, of the house of
Saud; "محمد بن سلمان" is his son. The last word of such a name is a father's name, not a family name, so the
usual rule of news linking (a bare surname is the person whose full name ends with it) merges sons with fathers,
and the King with the founder whose name is his nasab. A name is parsed into its parts:
- kunya: "أبو بكر", "أم كلثوم" before the given name;
- given: the first name, compounds joined whether written apart or not (عبد العزيز = عبدالعزيز, أبو بكر);
- nasab: the fathers' names after بن / ابن / بنت, in order; in names written without بن ("علي عبدالله صالح")
  the middle names play the same part;
- family: "آل سعود", a nisba or surname ("العتيبي", "الجبير"), the last word when it follows no بن, with a
  suffix that belongs to it ("داود أوغلو", "الثاني").
Two names are one person only when their parts fit (`compatible`): the same given name, the same family where
both have one, one nasab chain starting the other. Keys are `word_key`s, so spelling variants compare equal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..arabic.normalize import normalize
from .names import is_given_name, word_key

CHAIN = frozenset({"بن", "ابن", "بنت"})                # the words of a nasab chain (in matching form)
NASAB = CHAIN | {"ولد"}                                 # … and the Mauritanian ولد
KUNYA = frozenset({"ابو", "ام", "ابي", "بو"})
SUDANESE_SON = "ود"                                     # "عثمان ود الحاج": "ود الحاج" is his family name
NISBA_FAMILY = re.compile(r"ال\w{3,}ي")               # a family nisba in matching form: القحطاني، الدوسري
FAMILY_HOUSE = frozenset({"ال"})                        # "آل سعود" (normalization folds آل to ال)
COMPOUND_HEADS = frozenset({"عبد"})                     # عبد + the attribute of God: one given name
SUFFIXES = frozenset(normalize(w) for w in ["أوغلو", "اوغلو", "زاده", "الثاني", "الأول", "الثالث", "الرابع",
                                            "الخامس", "السادس", "جونيور"])


@dataclass(frozen=True, slots=True)
class PersonName:
    given: str | None                  # word keys throughout
    nasab: tuple[str, ...] = ()
    family: str | None = None
    kunya: str | None = None
    with_bin: bool = False             # the nasab was written with بن (a Gulf chain), not as bare middle names
    parts: int = field(init=False, compare=False, repr=False)     # given, each father, family and kunya, counted

    def __post_init__(self) -> None:
        # counted once: linking asks every pair it compares (600,000 times a run at 100,000 articles)
        object.__setattr__(self, "parts", (self.given is not None) + len(self.nasab) + (self.family is not None)
                           + (self.kunya is not None))

    @property
    def given_only(self) -> bool:
        """A bare given name ("محمد", "الملك سلمان"'s name): many people's, no one's until the text says whose."""
        return self.given is not None and not self.nasab and self.family is None and self.kunya is None

    @property
    def family_only(self) -> bool:
        return self.family is not None and self.given is None and not self.nasab and self.kunya is None


def _words(name: str) -> list[str]:
    """Normalized words with compounds joined: "عبد العزيز" → "عبدالعزيز", "أبو بكر" kept as two (a kunya)."""
    raw = normalize(name).split()
    out: list[str] = []
    i = 0
    while i < len(raw):
        w = raw[i]
        if w in COMPOUND_HEADS and i + 1 < len(raw):
            out.append(w + raw[i + 1])
            i += 2
            continue
        out.append(w)
        i += 1
    return out


@lru_cache(maxsize=100_000)
def parse(name: str) -> PersonName:
    """The parts of a person's name as written (titles already taken off by the recognizer)."""
    words = _words(name)
    if not words:
        return PersonName(None)
    kunya = None
    if words[0] in KUNYA and len(words) > 1:
        kunya, words = words[0] + " " + word_key(words[1]), words[2:]
    if not words:
        return PersonName(None, kunya=kunya)
    if words[0] in NASAB and len(words) > 1 and kunya is None:
        # "بن عمارة", "بن علي": a surname made of a nasab (Maghreb style), the name's family
        return PersonName(None, family=" ".join(word_key(w) for w in words))
    if words[0] in FAMILY_HOUSE and len(words) > 1:
        return PersonName(None, family="ال " + word_key(words[1]), kunya=kunya)
    if words[0] == SUDANESE_SON and len(words) == 2:
        return PersonName(None, family=SUDANESE_SON + " " + word_key(words[1]), kunya=kunya)
    if len(words) == 1 and words[0] in SUFFIXES:
        return PersonName(None, family=word_key(words[0]))
    if len(words) == 1 and words[0].startswith("ال") and kunya is None:
        return PersonName(None, family=word_key(words[0]))      # "الجبير": a family name on its own
    first_bin = next((i for i, w in enumerate(words) if w in NASAB and 0 < i < len(words) - 1), None)
    if first_bin is not None and first_bin > 1:
        words = [" ".join(words[:first_bin])] + words[first_bin:]   # "زين العابدين بن علي": one given name
    given, rest = " ".join(word_key(w) for w in words[0].split()), words[1:]
    nasab: list[str] = []
    family = None
    with_bin = False
    i = 0
    while i < len(rest):
        w = rest[i]
        if w in NASAB and i + 1 < len(rest):
            nasab.append(word_key(rest[i + 1]))
            with_bin = True
            i += 2
            continue
        if w in FAMILY_HOUSE and i + 1 < len(rest):
            family = "ال " + word_key(rest[i + 1])
            break
        tail = rest[i:]
        if len(tail) >= 2 and tail[-2] == SUDANESE_SON:
            nasab += [word_key(x) for x in tail[:-2]]
            family = SUDANESE_SON + " " + word_key(tail[-1])
        elif tail[-1] in SUFFIXES and len(tail) >= 2:
            nasab += [word_key(x) for x in tail[:-2]]
            family = word_key(tail[-2]) + " " + word_key(tail[-1])
        else:
            nasab += [word_key(x) for x in tail[:-1]]
            family = word_key(tail[-1])
        break
    return PersonName(given, tuple(nasab), family, kunya, with_bin)


def _prefix(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return long[:len(short)] == short


def compatible(a: PersonName, b: PersonName) -> bool:
    """Can the two names be one person? Every part both give must agree, and the nasab chains must be one the
    start of the other: "محمد بن سلمان" fits "محمد بن سلمان بن عبدالعزيز آل سعود", never "سلمان بن
    عبدالعزيز"; "الفيصل" fits "سعود الفيصل" and "خالد الفيصل" alike (the caller decides between them)."""
    for x, y in ((a.given, b.given), (a.family, b.family), (a.kunya, b.kunya)):
        if x is not None and y is not None and x != y:
            return False
    if not _prefix(a.nasab, b.nasab):
        return False
    for x, y in ((a, b), (b, a)):
        # "فهد بن عبدالعزيز آل سعود" and "فهد بن عبدالعزيز بن معمر": the second's last بن is his family (ابن
        # معمر), not a grandfather, unless it is a given name ("محمد بن سلمان بن عبدالعزيز" fits "… آل سعود")
        if x.family is not None and y.family is None and len(y.nasab) > len(x.nasab) \
                and not is_given_name(y.nasab[-1]):
            return False
    if a.given is None and b.given is None and a.family is None and b.family is None:
        return a.kunya is not None and a.kunya == b.kunya
    shared = (a.given is not None and b.given is not None) or (a.family is not None and b.family is not None) \
        or (a.kunya is not None and a.kunya == b.kunya)
    return shared


def fuller(a: PersonName, b: PersonName) -> bool:
    """Does b say everything a says and more (b could be the full name a short form stands for)? Parts are
    counted first: most names a linking pool offers say no more, and `compatible` costs more."""
    return b.parts > a.parts and compatible(a, b) and all(
        x is None or y is not None for x, y in ((a.given, b.given), (a.family, b.family), (a.kunya, b.kunya)))
