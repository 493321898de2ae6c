"""Institutions, places and prizes named after a person ("مركز الملك سلمان للإغاثة والأعمال الإنسانية", "مطار الملك
عبدالعزيز الدولي", "جامعة محمد الخامس"): the person's name inside is no mention of him, and the name is the
institution's, complements included.

Two ways in, for `person_spans.tidy_people`:
- `institution_of`: a person the recognizer found right after such a head noun (and a royal title) becomes the
  institution;
- `royal_institutions`: head noun + royal title + a given name and its chain, found in the text whatever the
  tagger made of it. Saudi news prints hundreds of these (جامعة الملك سعود، مستشفى الملك فهد), and a tagger taught
  on annotators who mark no person inside them no longer tags the King there, which was the first way's only cue.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ..arabic.calendar import WEEKDAYS
from ..arabic.normalize import normalize
from ..arabic.segment import surface_cut
from ..document import Entity
from .lexicon import given_and_title_heads, words
from .names import is_given_name, word_key
from .national import _BY_NISBA as _NISBA_WORDS

NAMED_AFTER = words("NAMED_AFTER_HEADS")
_PLACES = words("NAMED_AFTER_PLACES")
_HONOURS = words("NAMED_AFTER_HONOURS")
_STARRING, _FILM_WORDS = words("STARRING_HEADS"), words("FILM_WORDS")
ROYAL = words("ROYAL_TITLES")
_EPITHETS = words("ROYAL_EPITHETS")
_NOT_COMPLEMENT = words("STOPWORDS") | words("AFTER_NAME") | words("MORE_TITLE_HEADS") \
    | words("NOT_FAMILY_AFTER_CHAIN") | {normalize(w) for w in WEEKDAYS}
_ROAD = normalize("طريق")
_LONGEST_TITLE = max(map(len, given_and_title_heads()[1]))
ARABIC_WORD = re.compile(r"[\u0621-\u064a\u0640\u064b-\u0652]+")          # letters, tatweel and diacritics
_COMPLEMENT = re.compile(r"[ \t]+(و?(?:لل|ال)[\u0621-\u064a\u0640]{2,})")
NAME_WORD = r"(?:عبد[ \t]+)?[\u0621-\u064a\u0640]{2,}"           # one word of a name, "عبد" + the next as one
# a one-word royal title, then the name and its chain ("الملك سلمان بن عبدالعزيز آل سعود", "الأمير عبد الله")
_ROYAL_NAME = re.compile(r"(?<![\u0621-\u064a])(?:ال(?:ملك|ملكة|أمير|أميرة|امير|اميرة|شيخ|سلطان|إمام|امام))"
                         rf"(?:[ \t]+(?:{'|'.join(sorted(_EPITHETS))}))?"
                         rf"[ \t]+({NAME_WORD}(?:[ \t]+(?:بن|ابن|بنت)[ \t]+{NAME_WORD})*"
                         r"(?:[ \t]+آل[ \t]+[\u0621-\u064a]{2,})?)")


def bare_head(word: str) -> str:
    """A word in matching form without a leading conjunction or preposition ("وبمطار" → "مطار"); not the article
    after ل ("للصندوق هناء الزهير": "of the fund", a definite noun no name is the complement of)."""
    w = normalize(word)
    for k in (2, 1):
        if len(w) > k + 2 and all(c in "وفبلك" for c in w[:k]) and not w.startswith("لل"):
            rest = w[k:]
            if rest in NAMED_AFTER or rest in ROYAL:
                return rest
    return w


def institution_of(text: str, e: Entity) -> Entity | None:
    """The institution or place a person's name is inside ("مطار الملك عبدالعزيز الدولي", "مدينة سلطان بن
    عبدالعزيز للخدمات الإنسانية"), as an entity of its own; None when the name is a person's."""
    name_start = e.end - len(e.name)
    before = list(ARABIC_WORD.finditer(text, max(0, name_start - 40), name_start))
    k = len(before) - 1
    if k > 1 and normalize(before[k].group()) in _EPITHETS and bare_head(before[k - 1].group()) in ROYAL:
        k -= 1                                        # "جامع الملك الشهيد فيصل"
    if k > 0 and bare_head(before[k].group()) in ROYAL:
        k -= 1                                        # "مطار الملك عبدالعزيز": the title is the place's name
    if k < 0 or any(c in "،,.:؛\n" or (c.isascii() and c.isalnum()) for c in text[before[k].end():name_start]):
        return None                                   # "مجموعة mbc وليد البراهيم": the group is mbc
    head = before[k]
    bare = bare_head(head.group())
    if bare not in NAMED_AFTER or (bare == _ROAD and k > 0 and normalize(before[k - 1].group()) == "عن"):
        return None                                   # "عن طريق رياض حمادوش": "by", no road
    if bare in _STARRING and k == len(before) - 1 and _film_before(text, head.start()):
        return None                                   # "الفيلم بطولة آدم ساندلر": starring, no championship
    start = head.start() + surface_cut(head.group(), len(normalize(head.group())) - len(bare))   # "بمركزيْ"
    etype = "LOC" if bare in _PLACES else "MISC" if bare in _HONOURS else "ORG"
    end = _complements_end(text, e.end)
    name = text[start:end]
    return Entity(text=name, start=start, end=end, type=etype, name=name, canonical=name, source="rule",
                  rule="named_after")


def _film_before(text: str, start: int) -> bool:
    """A film, a series or a play among the six words before `start` ("الفيلم بطولة", "المسلسل من بطولة")."""
    words_ = ARABIC_WORD.findall(text, max(0, start - 80), start)[-6:]
    return any(bare_head(w) in _FILM_WORDS or normalize(w)[1:] in _FILM_WORDS for w in words_)


def _complements_end(text: str, end: int) -> int:
    """The end of an institution's name after the person it is named after: its definite complements
    ("مركز الملك سلمان للإغاثة والأعمال الإنسانية", "مطار الملك عبدالعزيز الدولي"), up to five words."""
    for _ in range(5):
        m = _COMPLEMENT.match(text, end)
        if m is None:
            break
        w = normalize(m.group(1))
        bare = w[1:] if w.startswith("و") else w
        if bare in _NOT_COMPLEMENT or bare in _NISBA_WORDS or bare in given_and_title_heads()[1] \
                or glued_title_cut(bare):
            break                                     # "… الإنسانية الدكتور رأفت الصباغ": a title, a person
        end = m.end()
    return end


def glued_title_cut(word: str) -> int:
    """Where the given name starts in a title and a given name printed without the space between
    ("الدكتورعبدالله": 7), in normalized characters; 0 when the word is no such pair."""
    for cut in range(4, min(len(word) - 2, _LONGEST_TITLE + 1)):     # a title is short: no scan of a long word
        if word[:cut] in given_and_title_heads()[1] and is_given_name(word_key(word[cut:])):
            return cut
    return 0


def royal_institutions(text: str, ents: list[Entity]) -> list[Entity]:
    """`ents` (in text order) with the institutions named after a royal the text holds ("بجامعة الملك فيصل
    بالأحساء", "مدينة الملك عبدالعزيز الطبية") in place of what the recognizer made of them: the King as a person,
    "جامعة الملك" cut at the title, nothing. One already found whole is kept; a person that runs on from the
    King's name into the next man's ("جامعة الملك سعود عبد الله الصقعبي") starts after the institution. The
    mentions near each name are found by bisection: the cost grows with the text, not with its square."""
    starts = [e.start for e in ents]
    found: list[Entity] = []
    for m in _ROYAL_NAME.finditer(text):
        first = m.group(1).split()
        if not is_given_name(word_key(" ".join(first[:2]) if first[0] == "عبد" else first[0])):
            continue                                  # "طريق الملك بطول 58 كيلومترا": no name after the title
        person = Entity(text=m.group(1), start=m.start(1), end=m.end(1), type="PER", name=m.group(1))
        inst = institution_of(text, person)
        if inst is None or (found and found[-1].end > inst.start):
            continue
        near = ents[bisect_left(starts, inst.start - 80):bisect_right(starts, inst.start)]
        whole = [e for e in near if e.type != "PER" and e.start <= inst.start and e.end >= person.end]
        found.append(whole[0] if whole else inst)
    if not found:
        return ents
    found_starts = [i.start for i in found]
    kept = []
    for e in ents:
        k = bisect_left(found_starts, e.end) - 1       # the last institution that starts before e ends
        inst = found[k] if k >= 0 and found[k].end > e.start and found[k] is not e else None
        if inst is None:
            kept.append(e)
        elif e.type == "PER" and inst.start <= e.start and e.end > inst.end:
            _start_after(text, e, inst.end)
            rest = e.name.split()
            if len(rest) > 1 or (rest and is_given_name(word_key(rest[0]))):
                kept.append(e)                        # not "ببيشة" of "مستشفى الملك عبدالله ببيشة"
        elif e.start < inst.start and e.end > inst.end:
            kept.append(e)                            # a longer name that holds the institution's
    new = [i for i in found
           if not any(i is e for e in ents[bisect_left(starts, i.start):bisect_right(starts, i.start)])]
    return sorted(kept + new, key=lambda e: (e.start, -e.end))


def _start_after(text: str, e: Entity, end: int) -> None:
    """e cut to the words after `end`, its title gone with the words it loses."""
    m = ARABIC_WORD.search(text, end, e.end)
    start = m.start() if m is not None else e.end
    old, e.text, e.name = e.name, text[start:e.end], text[start:e.end]
    e.start, e.title = start, None
    if e.canonical == old:
        e.canonical = e.name
