"""Person mentions that are words of the sentence, not a name: the tagger and the rules read a given name that is
also a common word ("حسن" good, "يزيد" exceeds, "سعيد" happy, "ملك" king) as the start of a name. Each test
here says why a mention goes; `person_spans.tidy_people` asks them."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..arabic.normalize import normalize
from ..arabic.segment import OBJECT_ENDINGS, PRONOUN_ENDINGS
from ..document import Entity
from .lexicon import homograph_given, name_parts, nationality_forms, title_words, words
from .names import is_given_name, word_key
from .person_name import NISBA_FAMILY

_HOMOGRAPH_GIVEN = homograph_given()
_TITLE_WORDS = title_words()
_COPULAS = frozenset(normalize(w) for w in "أنا نحن أنت هو هي كان كانت أصبح أصبحت ليس لست بات ظل جد جدا".split())
_PRONOUNS = frozenset("أنا انا نحن أنت انت أنتم انتم هو هي هم".split())     # as written: "آنا" (Anna) is no "أنا"
_BEFORE_WORD = re.compile(r"([\u0621-\u064a]+)[ \t]+$")
_NATIONALITIES = nationality_forms()
_POSSESSIVE = PRONOUN_ENDINGS + ("ه", "ك")               # "his", "your" besides the longer endings
_NUMBER_WORDS = frozenset(normalize(w) for w in words("NUMBER_WORDS"))
# how often news prints the word after a given name that is a word too before the two are taken for a phrase: 30
# for an undefined word ("حسن تنفيذها"), 100 for a definite one, which is as often a family name ("حسن الراهب",
# "علي الدوابشة" are men; "حسن السيرة" a phrase): chosen on the people benchmark's tuning parts and the first half
# of the tenth session's annotated articles (100 against 300 and 1,000)
_COMMON_AFTER_GIVEN, _DEFINITE_COMMON = 30, 100
# before a given name that is a word too, these make it the word: a verb ("وألا يزيد المؤهل", "ما يزيد الفائض"), a
# noun after a preposition ("في صالح الشاعرة": in the poet's favour)
_VERB_PARTICLES = frozenset(normalize(w) for w in
                            "أن ألا لا لن لم قد سوف كي لكي حتى وألا ولا ولن ولم وقد ما مما وما في على وفي وعلى".split())
_COMPOUND_TAILS = frozenset(normalize(w) for w in ("الدين", "الله", "الرحمن", "الإسلام"))


def common_phrase(text: str, e: Entity, count: Callable[[str], int]) -> bool:
    """An untitled two-word "name" whose first word is a given name that is also a common word and whose second
    word is a common word, not a name: "حسن السيرة" (good conduct), "يزيد المؤهل" (exceeds), "علي المصابة" (on
    the patient), "أسماء ضحايا" (names of victims), "حسن تنفيذها"; "حسن الجاسر", "سالم الدوسري", "نور الدين"
    stay."""
    ws = normalize(e.name).split()
    if "\u064b" in e.name or (len(ws) == 1 and ws[0] in _NUMBER_WORDS):
        return True                                   # "جهداً وسخاءً", "فوراً": accusatives; "ستون": sixty
    if any(w in _PRONOUNS or (w[:1] == "و" and w[1:] in _PRONOUNS) for w in e.name.split()):
        return True                                   # "سعيدا وأنا سعيد", "أنا سعيد": "I am happy"
    if len(ws) == 1 and not e.title:
        return _common_word_alone(text, e, ws[0], count)
    if e.title or len(ws) != 2 or ws[0] not in _HOMOGRAPH_GIVEN:
        return False
    w = ws[1]
    if w in name_parts() or is_given_name(word_key(w)) or NISBA_FAMILY.fullmatch(w) or w in _COMPOUND_TAILS:
        return False
    before = _BEFORE_WORD.search(text, max(0, e.start - 12), e.start)
    verb = before is not None and normalize(before.group(1)) in _VERB_PARTICLES      # "وألا يزيد المؤهل"
    definite = w.startswith("ال") and not verb
    return w.endswith(OBJECT_ENDINGS) or count(w) >= (_DEFINITE_COMMON if definite else _COMMON_AFTER_GIVEN)



def nationality_phrase(e: Entity) -> bool:
    """A "name" that is a nationality ("مصرية", "الكونغولي") or a noun it describes: "مصدر روسي" (a source),
    "مازيمبي الكونغولي" (a club; a man from the Congo is "الكونغولي X"), "أياد مصرية". A given name before the
    nationality makes it a family name ("أحمد المصري"); a title keeps the mention for the words before it."""
    ws = normalize(e.name).split()
    if len(ws) == 2 and ws[1][:1] == "و" and ws[1][1:] in _NATIONALITIES and ws[0] in _NATIONALITIES:
        return True                                   # "فرنسي واوكراني": a Frenchman and a Ukrainian
    if ws[-1] not in _NATIONALITIES:
        return False
    if len(ws) == 1 or (ws[-1].endswith("ه") and not ws[-1].startswith("ال")):
        return True                                   # "أياد مصرية": hands, not إياد; no family name is so
    return not e.title and not is_given_name(word_key(ws[0])) and not any(w in name_parts() for w in ws[:-1])


def _common_word_alone(text: str, e: Entity, w: str, count: Callable[[str], int]) -> bool:
    """A one-word "name" that is a word of the sentence: a title with no name ("لملك البحرين"), a noun with a
    possessive ("أمنه وأمانه": its security), an adjective after a pronoun or a copula ("وأنا سعيد")."""
    if w in _TITLE_WORDS or "ال" + w in _TITLE_WORDS:
        return True
    if not is_given_name(word_key(w)) and any(w.endswith(x) and count(w[:-len(x)]) >= 200 for x in _POSSESSIVE):
        return True                                   # "أمنه", "عمرها", "رأيك": a noun with a possessive
    if len(w) >= 6 and w.endswith(("يون", "يين")) and count(w[:-2]) >= 20:
        return True                                   # "برلمانيون": a people or a profession, in the plural
    before = _BEFORE_WORD.search(text, max(0, e.start - 12), e.start)
    if w not in _HOMOGRAPH_GIVEN or before is None:
        return False
    prev = normalize(before.group(1))
    return prev in _COPULAS or (prev[:1] in "وف" and prev[1:] in _COPULAS)
