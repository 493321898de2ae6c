"""Where a person's name starts and ends, once the recognizer has found it: the repairs that need the text
around a mention.

- a name chain found in pieces is one name ("سلمان" + "بن عبدالعزيز", "... آل سعود"), with its family after the
  chain ("جديع بن نهار القحطاني"); a name inside a chain is no mention of its own; a name never runs over a line
  break;
- a person's name inside an institution's or a place's ("مطار الملك عبدالعزيز الدولي", "مركز الملك سلمان
  للإغاثة والأعمال الإنسانية") is that institution or place;
- two coordinated people are two ("بيبي وكريم بنزيمه"); an adjective before a name is no part of it
  ("اليونانيان إقليدس تساكالوتوس"); "أمين العاصمة" is a title, no name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from ..arabic.calendar import WEEKDAYS
from ..arabic.normalize import normalize
from ..arabic.segment import surface_cut
from ..document import Entity
from ..spans import Spans
from .lexicon import female_given, given_and_title_heads, homograph_given, name_parts, seldom_names, title_words, words
from .named_after import ARABIC_WORD as _WORD, NAME_WORD as _NAME_WORD, glued_title_cut, institution_of, \
    royal_institutions
from .names import is_given_name, word_key
from .national import _BY_NISBA as _NISBA_WORDS
from .person_bounds import NAME_PARTICLES, possessive_noun
from .person_name import CHAIN, KUNYA, NISBA_FAMILY, PersonName, parse
from .sentence_words import common_phrase, nationality_phrase

_GENERIC_ADJ = {normalize(w) for w in "الدولية الأممية العالمية الإقليمية المحلية المعنية المختصة".split()}

# a name never runs over a line break: spaces and tabs only
_CHAIN_GAP = re.compile(r"[ \t]+(?:بن|ابن|بنت|إبن)[ \t]+")
_CHAIN_BEFORE = re.compile(r"(?:^|[ \t])(?:بن|ابن|بنت|إبن)[ \t]+$")
_CHAIN_AFTER = re.compile(rf"(?:[ \t]+(?:بن|ابن|بنت)[ \t]+{_NAME_WORD})*"
                          r"(?:[ \t]+(?:آل|ال)[ \t]+[\u0621-\u064a]{2,})?")
_CHAIN_OPEN = re.compile(rf"[ \t]+{_NAME_WORD}")     # the name after a chain the recognizer left open ("وفاء بنت")
_FAMILY_AFTER = re.compile(r"[ \t]+(ال[\u0621-\u064a\u0640]{3,})(?![\u0621-\u064a])")
_WORD_AFTER = re.compile(r"[ \t]+([\u0621-\u064a\u0640]{3,})(?![\u0621-\u064a])")
_NOT_FAMILY = words("MORE_TITLE_HEADS") | words("STOPWORDS") | words("DESCRIPTIVE_ADJ") | _GENERIC_ADJ \
    | words("AFTER_NAME") | {normalize(w) for w in WEEKDAYS} | words("NOT_FAMILY_AFTER_CHAIN")


_FAMILY_HEADS, _TRIBE_WORDS, _GROUP_HEADS = words("FAMILY_HEADS"), words("TRIBE_WORDS"), words("GROUP_HEADS")
_ANIMAL_HEADS, _DISEASE_HEADS = words("ANIMAL_HEADS"), words("DISEASE_HEADS")


def _head_before(text: str, e: Entity, heads: set[str]) -> bool:
    """Is the word right before the mention one of `heads`, with or without ل, ب or و on it ("لجماعة")?"""
    m = _WORD_BEFORE.search(text, max(0, e.start - 20), e.start)
    if m is None:
        return False
    w = normalize(m.group(1))
    return w in heads or (w[:1] in ("ل", "ب", "و") and w[1:] in heads)


def _a_group(text: str, e: Entity) -> bool:
    """"لجماعة أبو سياف", "شبكة حقاني": the name after a group's head names the group (the guide's "جماعة
    الحوثي"), unless a title or a given name says it is a man ("وجماعة أحمد جبريل": his men)."""
    ws = normalize(e.name).split()
    if e.title or not ws or (len(ws) > 1 and ws[0] not in KUNYA and is_given_name(word_key(ws[0]))):
        return False
    return _head_before(text, e, _GROUP_HEADS)


_WORD_QUOTE_BEFORE = re.compile(r"([\u0621-\u064a\u0640]{2,})[ \t]*[\"«“'(]?[ \t]*$")


def _animal_or_disease(text: str, e: Entity) -> bool:
    """"على الجواد "الكسندر"", "الفرس "هيفاء"": a horse's name after the word for a horse, in quotation marks or
    not (race results), as "الشمبانزي ليو"; a disease's after the word for one ("بمرض باركنسون"); no person."""
    m = _WORD_QUOTE_BEFORE.search(text, max(0, e.start - 25), e.start)
    if e.title or m is None:
        return False
    w = normalize(m.group(1))
    heads = {w, w[1:]} if w[:1] in "وبلف" else {w}
    if heads & _ANIMAL_HEADS:
        return True
    # a disease is named after a foreign surname: "بسبب مرض عبدالله الزوري" is Abdullah's illness
    return bool(heads & _DISEASE_HEADS) and not is_given_name(word_key(normalize(e.name).split()[0]))


def _a_family(text: str, e: Entity) -> bool:
    """"عائلة دوابشة", "أسرة اليزيدي": a family name after the word for a family names the family, no one of it
    (a given name makes it a person: "أسرة الفقيد محمد اليزيدي", "عائلة عمر"); "بني سعد", "بنو أسد", "بني
    الحارث": a tribe, whatever the name."""
    ws = normalize(e.name).split()
    if len(ws) == 2 and ws[0] in _TRIBE_WORDS:
        return True                                   # a title before it too ("رئيس مركز بني حرير")
    if e.title or not ws:
        return False
    if len(ws) > 1:
        return False
    return _head_before(text, e, _TRIBE_WORDS) or (
        _head_before(text, e, _FAMILY_HEADS) and not is_given_name(word_key(ws[0])))


_ELATIVE = re.compile(r"الا\w{3}")                # الأقرب، الأكبر: "the nearest", no family
RARE_FAMILY = 700                                    # a family name that is no nisba is a word news rarely uses


def _nisba_family(word: str) -> bool:
    """"سلمان الحربي": a family nisba after a bare given name (not a nationality, not an adjective)."""
    w = normalize(word)
    return NISBA_FAMILY.fullmatch(w) is not None and w not in _NOT_FAMILY and w not in _NISBA_WORDS


def _title_into_name(text: str, e: Entity, n: int, adjacent: bool = False) -> None:
    """The last n words of e's title are the start of its name: "سلطان بن" before "سلمان بن عبدالعزيز" (the
    recognizer took them for part of the title), "انتصار" in "السيدة انتصار" before "السيسي" (adjacent: only when
    nothing stands between them and the name)."""
    words_ = e.title.split()
    if len(words_) < n:
        return
    name_start = e.end - len(e.name)
    k = text.rfind(words_[-n], e.start, name_start)
    if k < 0 or (adjacent and text[k + len(words_[-n]):name_start].strip()):
        return
    e.name = text[k:e.end]
    e.canonical = e.name
    e.title = " ".join(words_[:-n]) or None


def _given_in_title(title: str) -> bool:
    """Does the title end with a given name ("السيدة انتصار", "الأستاذة فاديا")? Then the name starts there."""
    words_ = normalize(title).split()
    last = words_[-1]
    return len(words_) >= 2 and last not in given_and_title_heads()[1] and (
        last in female_given() or last in given_and_title_heads()[0])


_WORD_BEFORE = re.compile(r"([\u0621-\u064a\u0640]{2,})[ \t]+$")


def _given_before_chain(text: str, e: Entity) -> None:
    """A name that starts with بن after a given name the recognizer left out (or took for a title: "مساعد" is
    also "assistant") starts at that given name."""
    name_start = e.end - len(e.name)
    m = _WORD_BEFORE.search(text, max(0, name_start - 30), name_start)
    if m is None:
        return
    w = normalize(m.group(1))
    if not (is_given_name(word_key(w)) or (w.startswith("ال") and is_given_name(word_key(w[2:])))):
        return
    e.name = text[m.start(1):e.end]
    e.canonical = e.name
    if e.title and normalize(e.title.split()[-1]) == w:
        e.title = " ".join(e.title.split()[:-1]) or None
    e.start = min(e.start, m.start(1))
    e.text = text[e.start:e.end]


def _family_word(word: str, count: Callable[[str], int]) -> bool:
    """May this definite word after a nasab chain be the family name ("القحطاني", "الفهد"), not a weekday,
    an adjective, a noun ("المباراة"), a plural ("الفائزين") or a nationality ("السعودي")?"""
    w = normalize(word)
    if w in _NOT_FAMILY or w in _NISBA_WORDS or w in given_and_title_heads()[1]:
        return False
    if NISBA_FAMILY.fullmatch(w) or w in name_parts():
        return True
    return count(w) < RARE_FAMILY and not w.endswith(("ه", "ين", "ون", "ات")) and not _ELATIVE.fullmatch(w)


_STOPWORDS = words("STOPWORDS")
_NOTHING_MORE = re.compile(r"[ \t]*(?:[،,.:؛\n]|$|(\S+))")


def _title_as_family(text: str, family: re.Match, count: Callable[[str], int]) -> bool:
    """A title word after a chain with nothing after it but a stop ("المهندس محمد بن عبدالرحمن المخرج، بجولة",
    "محمد بن عبد الرحمن المخرج أن"): his family name; "خالد بن سلمان السفير السعودي" keeps السفير a title."""
    w = normalize(family.group(1))
    if w not in title_words() or count(w) >= RARE_FAMILY:
        return False
    nxt = _NOTHING_MORE.match(text, family.end())
    return nxt.group(1) is None or normalize(nxt.group(1)) in _STOPWORDS


_ABD_BEFORE = re.compile(r"(?:^|(?<=\s))عبد[ \t]+$")


def _extend(e: Entity, text: str, end: int) -> None:
    """e's name runs on to `end`."""
    name_start = e.end - len(e.name)
    e.end = end
    e.name = text[name_start:end]
    e.text = text[e.start:end]
    e.canonical = e.name          # a longer name may be someone else's ("فهد بن عبدالعزيز العواد" is no king)


def _family_after(text: str, e: Entity, count: Callable[[str], int]) -> None:
    """The family name the recognizer stopped before: after a chain ("جديع بن نهار القحطاني", "عبدالله بن
    عبدالعزيز الربيعة", who is no king), after a bare given name when it is a nisba ("سلمان الحربي") or a word
    news uses as a family name (`name_parts`: "حسن الجاسر", "نبيل بهوي"), after a given and a father's name
    ("سعود إبراهيم المولد"). Of coordinated people the tagger took as one ("إيوانيس ونبيل بهوي"), the last."""
    p = parse(e.name.rsplit(" و", 1)[-1])
    if p.family is not None and is_given_name(p.family) and not p.nasab:
        p = PersonName(p.given, (p.family,))              # "سعود إبراهيم": a father's name, no family yet
    if p.family is not None or p.kunya is not None:
        return
    family = _FAMILY_AFTER.match(text, e.end)
    if family is not None and (p.with_bin and (_family_word(family.group(1), count)
                                               or _title_as_family(text, family, count))
                               or p.given_only and _nisba_family(family.group(1))
                               or p.given_only and is_given_name(p.given) and p.given not in _HOMOGRAPH_GIVEN
                               and _family_word(family.group(1), count)):
        _extend(e, text, family.end())
        return
    after = _WORD_AFTER.match(text, e.end)
    w = normalize(after.group(1)) if after is not None else ""
    if after is not None and w in name_parts() and w not in _NOT_FAMILY and (p.given_only or len(p.nasab) == 1) \
            and not (w[:1] == "و" and w[1:2] in ("ل", "ب", "ك") and count(w[2:]) >= 50):
        _extend(e, text, after.end())                 # not "سلمان بن عبدالعزيز ولصاحب السمو": and to His Highness


def join_name_chains(text: str, ents: list[Entity], count: Callable[[str], int] = lambda _: 0) -> list[Entity]:
    """One mention per name chain: "سلمان" + "بن عبدالعزيز" (or "سلمان" + "عبدالعزيز" across بن) found apart
    become one; a person mention right after "بن" with no person before it is inside someone else's name
    ("نجل الأمير محمد بن نايف" where only نايف was found) and is dropped; "العزيز" after "عبد" takes it in."""
    out: list[Entity] = []
    for e in sorted(ents, key=lambda x: x.start):
        prev = out[-1] if out else None
        if prev is not None and prev.type == "PER" and e.start < prev.end:
            continue                                  # inside a chain the person's name was extended over
        if e.type == "PER" and prev is not None and prev.type == "PER" and prev.end <= e.start:
            gap = text[prev.end:e.start]
            starts_chain = normalize(e.name).split()[0] in CHAIN
            if _CHAIN_GAP.fullmatch(gap) or (starts_chain and not gap.strip()):
                _extend(prev, text, e.end)
                continue
        before = text[max(0, e.start - 8):e.start]
        if e.type == "PER" and e.title is None and _CHAIN_BEFORE.search(before):
            continue
        if e.type == "PER" and normalize(e.name).split()[0] in CHAIN:
            _given_before_chain(text, e)              # "الوليد" + "بن طلال بن عبدالعزيز", "مساعد" + "بن عبدالعزيز"
        if e.type == "PER" and e.start == e.end - len(e.name) and _ABD_BEFORE.search(before):
            k = before.rfind("عبد")
            e.start -= len(before) - k
            e.name = text[e.start:e.end]
            e.text = e.name
            e.canonical = e.name
        if e.type == "PER" and e.title and normalize(e.title).split()[-1] in CHAIN:
            _title_into_name(text, e, 2)              # "الأمير سلطان بن" + "سلمان بن عبدالعزيز": one name
        elif e.type == "PER" and e.title and _given_in_title(e.title):
            _title_into_name(text, e, 1, adjacent=True)   # "السيدة انتصار" + "السيسي": her name, not his
        if e.type == "PER" and normalize(e.name).split()[-1] in CHAIN:
            opened = _CHAIN_OPEN.match(text, e.end)
            if opened is not None:
                _extend(e, text, opened.end())        # "وفاء بنت" + "علي المذن"
        if e.type == "PER":
            tail = _CHAIN_AFTER.match(text, e.end)
            if tail is not None and tail.end() > e.end:
                _extend(e, text, tail.end())          # "... بن عبدالعزيز آل سعود" the recognizer stopped before
            _family_after(text, e, count)
        out.append(e)
    return out


_LINKS = words("NAME_LINKS")                          # "عثمان ود الحاج": ود is "son of", no "and"
_NOT_LAST = words("NOT_LAST_OF_PERSON")


def _listed_family(word: str, count: Callable[[str], int]) -> bool:
    """"والجيزاني", "والدوسري": و and a family nisba news rarely prints as a word (not "والأرجنتيني", a
    nationality, nor "والعسكري", an adjective)."""
    w = normalize(word)
    return w.startswith("وال") and NISBA_FAMILY.fullmatch(w[1:]) is not None and w[1:] not in _NISBA_WORDS \
        and w[1:] not in _NOT_FAMILY and count(w[1:]) < 300


_DUAL_OR_PLURAL = re.compile(r"(?:ال[\u0621-\u064a]{2,}(?:ين|ان)|الثنائي|الثلاثي)[ \t]*$")
_LISTED_BEFORE_AND = re.compile(r"(?:^|\s)و[\u0621-\u064a]{2,}[ \t]+و$")      # "وافونسو وموسى ورافينها"


def _two_named(text: str, e: Entity, second: str, count: Callable[[str], int]) -> bool:
    """Two words joined by و that the tagger read as one name, the second printed more often with its و than
    without ("هيفاء وهبي", "زاهي وهبي"), are one name; two people when a dual or a plural announces them
    ("الظهيرين دوجلاس وخوردي"), when they go on a list of names ("وافونسو وموسى ورافينها"), when the second is
    a noun with a possessive ("سارة وعمرها 14 عاما") or when nothing says the و is the name's ("موسى ورافينها")."""
    if _DUAL_OR_PLURAL.search(text, max(0, e.start - 12), e.start) or (e.title and _DUAL_OR_PLURAL.search(e.title)):
        return True
    name_start = e.end - len(e.name)
    if _LISTED_BEFORE_AND.search(text, max(0, name_start - 30), name_start):
        return True                                   # "وافونسو وموسى ورافينها"
    if count(second) <= count(second[1:]) and not (_unseen_w_name(second, count)):
        return True                                   # "موسى ورافينها": no evidence the و is the name's
    return possessive_noun(second[1:], count)


def _split_coordinated(text: str, e: Entity, count: Callable[[str], int] = lambda _: 0) -> list[Entity]:
    """"بيبي وكريم بنزيمه", "كريس ولوك", "موسى ورافينها": two people the recognizer took for one name, split
    where a word starts with و and the rest of it is a given name, or a word news prints more often without the
    و, or the second of two words, or a word between two names of two words or more ("بنجامان بافار وسيهرو
    غيراسي"); a name that itself starts with و (وليد, ووكر, ويلشير) stays whole."""
    parts = list(_WORD.finditer(e.name))
    given = given_and_title_heads()[0]
    for k, m in enumerate(parts[1:], 1):
        w = normalize(m.group())
        if w[:1] == "و" and w not in given and not is_given_name(word_key(w)) and w not in _LINKS and (
                w[1:] in given or is_given_name(word_key(w[1:])) or count(w[1:]) >= max(5, 3 * count(w))
                or (((len(parts) == 2 and (e.source != "tagger" or _two_named(text, e, w, count)))
                     or 2 <= k < len(parts) - 1)
                    and w not in name_parts() and len(w) > 3
                    and (w[1] not in "اوي" or w.startswith("وال"))) or _listed_family(m.group(), count)):
            cut = e.end - len(e.name) + m.start()
            head = text[e.end - len(e.name):cut].rstrip()
            surface = text[e.start:cut].rstrip()
            first = Entity(text=surface, start=e.start, end=e.start + len(surface), type="PER", name=head,
                           title=e.title, canonical=head, source=e.source, rule=e.rule)
            rest_name = text[cut + 1:e.end]
            second = Entity(text=rest_name, start=cut + 1, end=e.end, type="PER", name=rest_name,
                            canonical=rest_name, source=e.source, rule=e.rule)
            if k == len(parts) - 1 and count(w) >= max(50, 3 * count(w[1:])) and not is_given_name(word_key(w[1:])):
                return [first]                        # "مهندس ياباني وسيلة نقل": و + a word news prints (means)
            return [first] + _split_coordinated(text, second, count)
    return [e]


_NISBA_SHAPE = re.compile(r"ال\w{2,}(?:ي|ية|يه|يان|يين|يون)")
_MAGHREB_GIVEN = words("MORE_GIVEN")


def _without_leading_adjective(text: str, e: Entity) -> Entity:
    """"اليونانيان إقليدس تساكالوتوس", "المصري محمد صلاح": a nationality or other adjective before a name is
    no part of it (an Arabic name does not start with a definite nisba followed by an indefinite word; الباجي
    قائد السبسي, whose given name is written with the article, is known by name)."""
    words_ = e.name.split()
    if len(words_) < 3 and not (len(words_) == 2 and e.title):
        return e
    first, second = normalize(words_[0]), normalize(words_[1])
    if not _NISBA_SHAPE.fullmatch(first) or second.startswith("ال") or first in _MAGHREB_GIVEN \
            or second in CHAIN:
        return e
    cut = e.name.index(words_[1], len(words_[0]))
    name_start = e.end - len(e.name) + cut
    e.name = text[name_start:e.end]
    e.title = ((e.title or "") + " " + words_[0]).strip()
    e.canonical = e.name if normalize(e.canonical) == normalize(" ".join(words_)) else e.canonical
    return e


def _without_conjunction(text: str, e: Entity, after_person: bool = False) -> Entity:
    """"ومشاري طلال الزهراني": the conjunction before a given name is no part of it (a name that starts with و,
    وليد or وفاء, is a given name itself); nor before any name right after another person's ("ألكسندر ميتروفيتش
    وأيوزي بيريز": the next item of a list)."""
    name_start = e.end - len(e.name)
    first = normalize(e.name.split()[0])
    if first[:1] == "و" and len(first) > 3 and not is_given_name(word_key(first)) and (
            after_person or is_given_name(word_key(first[1:]))):
        e.name = text[name_start + 1:e.end]
        e.canonical = e.name if normalize(e.canonical).startswith(first) else e.canonical
        if e.start == name_start:
            e.start += 1
            e.text = e.name
    return e


def _without_common_tail(text: str, e: Entity, count: Callable[[str], int]) -> Entity:
    """"آل عمرو حادث التفجير": a common indefinite noun after the name is the sentence's, not the name's (no
    chain, no family name news uses, no nisba). Definite words stay: "ماجد الجمعة" is a family name."""
    words_ = e.name.split()
    if len(words_) < 2 or words_[-2] in ("بن", "ابن", "بنت", "آل", "أبو", "ابو", "عبد") or e.source == "gazetteer":
        return e                                      # "علي أكبر ولايتي": the list knows the whole name
    last = normalize(words_[-1])
    if last.startswith("ال") or count(last) < 500 or last in name_parts() or is_given_name(word_key(last)) \
            or NISBA_FAMILY.fullmatch(last):
        return e
    name_start = e.end - len(e.name)
    e.end = len(text[:e.end - len(words_[-1])].rstrip())
    e.name = e.canonical = text[name_start:e.end]
    e.text = text[e.start:e.end]
    return e


def _counted(count: Callable[[str], int]) -> bool:
    """Whether `count` knows how often news prints words (a recognizer without the counts gives 0 for "من")."""
    return count("من") > 0


def _unseen_w_name(w: str, count: Callable[[str], int]) -> bool:
    """A word news never prints, with its و or without, that starts with the letters of و + ل or و + ال: a
    foreign name's ("ماثيو والش", "توم ولكنسون": Walsh, Wilkinson), not و and a second man named "الش"."""
    return w.startswith(("ول", "وال")) and count(w) == 0 == count(w[1:]) and _counted(count)


def _opens_next_phrase(word: str, count: Callable[[str], int]) -> bool:
    """و + ل…/ال…: the conjunction opening the next phrase ("والعريف", "ولي العهد", "والده") when news prints the
    word often or the word without its و far more often; a word news seldom prints either way is a name that
    starts with those letters (وليامسون، والكوت، والتر: Williamson, Walcott, Walter), no conjunction; one that
    ends in a pronoun is a verb or a noun with its object or owner ("مهدي ولحنها": and he composed it)."""
    w = normalize(word)
    if not w.startswith("ول") and not w.startswith("وال"):
        return False
    if not _counted(count):
        return True                               # no word counts (a recognizer without them): و opens the phrase
    return count(w) >= 100 or count(w[1:]) >= max(5, 3 * count(w)) or w.endswith(_HIS_THEIRS)


_HIS_THEIRS = ("ها", "هم", "هما", "هن", "ته", "يه")       # "والدته" (his mother), "ولذويه" (and to his family)


def _without_next_phrase(text: str, e: Entity, count: Callable[[str], int] = lambda _: 0) -> Entity | None:
    """"خالد محمد عبدالله الشحي والعريف", "زيكو والأرجنتيني": a word that opens the next phrase with و and the
    article is no part of the name before it; a mention that is only such a word is none. A family nisba stays
    ("عواجي والجيزاني": the next player, `_split_coordinated` makes him one), and so does a foreign name that
    starts with the letters of و + ل ("كريس وليامسون", "ثيو والكوت"; `_opens_next_phrase`)."""
    if e.source == "gazetteer":
        return e                                      # "علي أكبر ولايتي" is whole as the list has it
    words_ = e.name.split()
    keep = len(words_)
    while keep > 0 and _opens_next_phrase(words_[keep - 1], count) and not is_given_name(
            word_key(normalize(words_[keep - 1]))) and not (keep > 1 and _listed_family(words_[keep - 1], count)):
        keep -= 1
    if keep == len(words_):
        return e
    if keep == 0:
        return None
    name_start = e.end - len(e.name)
    cut = name_start + len(" ".join(words_[:keep])) if e.name.startswith(" ".join(words_[:keep])) else None
    if cut is None:
        return e
    e.end = cut
    e.name = text[name_start:cut]
    e.text = text[e.start:cut]
    e.canonical = e.name
    return e


_LETTER = "\u0621-\u064a"
_HOMOGRAPH_GIVEN = homograph_given()


def family_mentions(text: str, ents: list[Entity], count: Callable[[str], int]) -> list[Entity]:
    """The family name of a person whose name the article-level pass completed ("عبدالله بن عبدالعزيز الربيعة",
    "محمد بن عبدالرحمن المخرج") found where the article uses it alone ("الدكتور الربيعة", "والتقى المهندس
    المخرج"): the recognizer's short mentions ran before the name was whole. Words news uses very often stay
    out, as there."""
    people = [e for e in ents if e.type == "PER" and len(e.name.split()) > 1]
    taken = Spans()
    for e in ents:
        taken.add_if_free(e.start, e.end)
    found: list[Entity] = []
    seen: set[str] = set()
    for e in people:
        family = parse(e.name).family
        last = e.name.split()[-1]
        if family is None or " " in family or last in seen or count(normalize(last)) > 1500 \
                or is_given_name(family):
            continue                                  # "سعيد" of "محمد عبدالله سعيد" alone is anyone's name
        seen.add(last)
        for a in _standing_alone(text, last):
            b = a + len(last)
            given = _given_before(text, a)
            if not taken.add_if_free(a if given is None else given, b):
                continue
            if given is not None:                     # "وأحمد المولد" beside "سعود إبراهيم المولد": his kin
                found.append(Entity(text=text[given:b], start=given, end=b, type="PER", name=text[given:b],
                                    canonical=text[given:b], source="rule", rule="family_mentions"))
                continue
            alone = Entity(text=last, start=a, end=b, type="PER", name=last, canonical=e.canonical,
                           source="coref", rule="family_mentions")
            if not _a_family(text, alone):
                found.append(alone)
    return sorted(ents + found, key=lambda x: x.start) if found else ents


_FIRST_LETTER, _LAST_LETTER = _LETTER.split("-")


def _is_letter(ch: str) -> bool:
    """A letter of the `_LETTER` class the family name patterns use."""
    return _FIRST_LETTER <= ch <= _LAST_LETTER


def _standing_alone(text: str, word: str) -> Iterator[int]:
    """Where `word` stands as a word of its own, or after one of the clitics و ف ل ب: what
    `(?<![letter])[وفلب]?(word)(?![letter])` finds, without compiling a pattern for every family name (one per
    article's people; re's cache holds 512, and compiling them was a tenth of the entity stage)."""
    n = len(word)
    i = text.find(word)
    while i >= 0:
        after = i + n < len(text) and _is_letter(text[i + n])
        before = i > 0 and _is_letter(text[i - 1])
        clitic = before and text[i - 1] in "وفلب" and not (i > 1 and _is_letter(text[i - 2]))
        if not after and (not before or clitic):
            yield i
            i = text.find(word, i + n)
        else:
            i = text.find(word, i + 1)


_GIVEN_BEFORE = re.compile(rf"(?:^|(?<=[\s،,(]))(و?)([{_LETTER}]{{3,}})[ \t]+$")


def _given_before(text: str, start: int) -> int | None:
    """Where a given name written right before `start` begins ("وأحمد" before "المولد", "وعبدالإله" before
    "يحيى عسيري": the conjunction is no part of it), or None."""
    m = _GIVEN_BEFORE.search(text, max(0, start - 16), start)
    if m is None or not is_given_name(word_key(m.group(2))) or normalize(m.group(2)) in _HOMOGRAPH_GIVEN:
        return None
    return m.start(2)


_CAPITAL_BEFORE = re.compile(r"(?:^|(?<=\s))[وفب]?(?:ال)?عاصم[ةه](?:[ \t]+ال[\u0621-\u064a]+ي[ةه])?[ \t]+$")
_LISTED_BEFORE = re.compile(r"[/–\-][ \t]*([\u0621-\u064a]{3,})[ \t]+$")
_HOUSE_BEFORE = re.compile(r"(?:^|(?<=\s))آل[ \t]+$")
_PARTICLE_BEFORE = re.compile(rf"(?:^|(?<=\s))(?:{'|'.join(sorted(NAME_PARTICLES))})[ \t]+$")


def _start_of_name(text: str, e: Entity | None) -> Entity | None:
    """A name that starts later than it should: "آل" of "(الدكتور) آل عواض" left out; in an untitled name, a
    given name before a given and a father's name ("وعبدالإله" + "يحيى عسيري")."""
    if e is None:
        return e
    name_start = e.end - len(e.name)
    house = _HOUSE_BEFORE.search(text, max(0, name_start - 6), name_start)
    particle = _PARTICLE_BEFORE.search(text, max(0, name_start - 6), name_start)
    if house is not None and len(e.name.split()) == 1:
        start = house.start()
    elif particle is not None and len(e.name.split()) == 1 and not e.title and e.start == name_start:
        start = particle.start()                      # "فان جال": the particle is the surname's
    elif e.title or e.start != name_start:
        return e
    else:
        listed = _LISTED_BEFORE.search(text, max(0, e.start - 20), e.start)
        if listed is not None and normalize(listed.group(1)) not in _NOT_FAMILY:
            start = listed.start(1)                   # "العريف / مفرح علي أحمد …": a list of names, one per item
        elif len(e.name.split()) >= 2 and is_given_name(word_key(normalize(e.name).split()[0])):
            start = _given_before(text, e.start)
        else:
            return e
        if start is None or (e.source == "gazetteer"
                             and normalize(text[start:name_start].split()[0]) in seldom_names()):
            return e                                  # "وجماعة علي عبدالله صالح", "آنذاك نوري المالكي": known
    e.name = text[start:e.end]
    e.start = min(e.start, start)                     # a title before the house stays in the mention
    if e.title and house is not None and normalize(e.title).split()[-1] == "ال":
        e.title = e.title[:e.title.rfind(" ")].rstrip() or None     # "الدكتور آل": the house is the name's
    e.text, e.canonical = text[e.start:e.end], e.name
    return e


def _without_glued_title(text: str, e: Entity | None) -> Entity | None:
    """"الدكتورعبدالله بن عبدالعزيز الربيعة": a title printed glued to the given name is the title."""
    if e is None:
        return e
    name_start = e.end - len(e.name)
    first = e.name.split()[0]
    cut = glued_title_cut(normalize(first))
    if not cut:
        return e
    start = name_start + surface_cut(first, cut)
    e.title = (e.title + " " if e.title else "") + text[name_start:start]
    e.name = e.canonical = text[start:e.end]
    return e


_SPACED_WORD = re.compile(r"\S+")


def _past_seldom_names(text: str, e: Entity, before: list[Entity]) -> Entity | None:
    """A person whose first words news almost never uses inside a name (data/seldom_names.txt: "وتابعت "نثق في…",
    "اتهم بالتسبب في…", "الديموقراطي حشد صلاح الصيادي", "سارة وعمرها 14 عاما") starts after them, and is no
    person when they are all it has. Why last, on each name a mention was split into: the tagger, a quotation
    after its verb and a given-name rule each take such a word in a sentence they misread; how the rest of the
    news uses the word is the evidence they lack. A word of a longer name the article printed before is a name
    here ("وأضاف الجمال" after "محمد الجمال")."""
    if e.source == "gazetteer":
        return e                                      # "بان كي مون": a name we know is whole
    never = seldom_names()
    name_start = e.end - len(e.name)
    words_ = list(_SPACED_WORD.finditer(text, name_start, e.end))
    k = 0
    while k < len(words_) and normalize(words_[k].group()) in never:
        k += 1
    if k == 0 or any(p.type == "PER" and len(p.name.split()) > 1 and normalize(words_[0].group())
                     in normalize(p.name).split() for p in before):
        return e
    if k == len(words_):
        return None
    e.name = text[words_[k].start():e.end]
    if e.start == name_start:
        e.start = e.end - len(e.name)
    e.text, e.canonical = text[e.start:e.end], e.name
    return e


COMMON_WORD = 100                 # a word news uses this often is a noun first, unless the lexicons name it


def _noun_before_family(text: str, e: Entity, before: list[Entity], count: Callable[[str], int]) -> Entity:
    """"ويأتي نداء الحيدري" after "عبد الرقيب الحيدري": a common noun before the family name of a man the article
    named in full is the noun's construct ("al-Haidari's appeal"), not a second Haidari; the name is the family
    name. A given name of the lexicons keeps its place, a word too included ("محمد الحيدري", "منصور البلوي" beside
    "حامد البلوي": two men), as do the next item of a list of people, a kunya ("لحزام أبي دهمان" after "أحمد أبو
    دهمان") and a surname's particle ("فان جال" after "لويس جال")."""
    words_ = list(_SPACED_WORD.finditer(text, e.end - len(e.name), e.end))
    if len(words_) != 2 or e.title or _next_in_list(text, before, e):
        return e                                      # "محمد الحيدري وأمل الحيدري": a list of people
    first, family = normalize(words_[0].group()), normalize(words_[1].group())
    if first in KUNYA or first in NAME_PARTICLES or count(first) < COMMON_WORD or is_given_name(word_key(first)) \
            or first in homograph_given():
        return e                                      # a name's word, not a noun
    fuller = [normalize(p.name).split() for p in before if p.type == "PER"]
    if not any(len(w) > 1 and w[-1] == family for w in fuller) or any(first in w for w in fuller):
        return e                                      # "دي يونج" after "نايجل دي يونج": his name's words
    e.start = words_[1].start()
    e.name = e.text = e.canonical = text[e.start:e.end]
    return e


def tidy_people(text: str, ents: list[Entity], count: Callable[[str], int] = lambda _: 0) -> list[Entity]:
    """People the recognizer over- or under-reached on: a name inside an institution's or a place's name
    becomes that institution or place; two coordinated people become two; a common phrase that looked like a
    name goes."""
    out: list[Entity] = []
    for e in royal_institutions(text, ents):
        if out and out[-1].rule == "named_after" and e.start < out[-1].end:
            continue                                  # inside the institution's name ("للإغاثة والأعمال …")
        if e.type != "PER":
            out.append(e)
            continue
        if normalize(e.name).split()[-1] in _NOT_LAST or nationality_phrase(e) or _a_family(text, e) \
                or _animal_or_disease(text, e) \
                or (common_phrase(text, e, count) and not _next_in_list(text, out, e) and e.rule != "byline"
                    and e.source != "gazetteer"):
            continue                                  # "أمين العاصمة": a title, no name; "حسن السيرة"
        if _a_group(text, e):
            e.type = "ORG"                            # "لجماعة أبو سياف": the group, named after a man
            out.append(e)
            continue
        if _CAPITAL_BEFORE.search(text, max(0, e.start - 30), e.start) and not e.title:
            e.type = "LOC"                            # "العاصمة الجورجية تبيليسي": a city, not a man
            out.append(e)
            continue
        e = _without_leading_adjective(text, _without_conjunction(text, e, _right_after_person(text, out, e)))
        e = _without_next_phrase(text, _start_of_name(text, _without_common_tail(text, e, count)), count)
        e = _without_glued_title(text, e)
        if e is None:
            continue
        inside = institution_of(text, e)
        if inside is not None:
            while out and out[-1].end > inside.start:
                if out[-1].start < inside.start:
                    break
                out.pop()                             # "مطار الملك" found before: part of this name
            if not out or out[-1].end <= inside.start:
                out.append(inside)
            continue
        parts = [_noun_before_family(text, p, out, count)
                 for p in (_split_coordinated(text, e, count) if " و" in e.name else [e])
                 if _past_seldom_names(text, p, out) is not None]
        if e.rule == "rules.given" and len(parts) > 1 and all(" " not in p.name for p in parts) and not e.title:
            continue                                  # "بيئة آمنة ومحفزة": two words a given name opened, no names
        for part in parts:
            while out and out[-1].type == "PER" and part.start <= out[-1].start and out[-1].end <= part.end:
                out.pop()                             # "شبل" alone, inside "شبل عبدالله شبل" that reached back
            if not _joined_to_previous(text, out, part):
                out.append(part)
    return out


_AND_NEXT = re.compile(r"[ \t]*[،,]?[ \t]*و")


def _next_in_list(text: str, out: list[Entity], e: Entity) -> bool:
    """The next item of a list of people ("حسين عبدالغني وحسن الراهب"): a given name that is a word too is a name
    there, whatever the word after it."""
    prev = out[-1] if out else None
    return prev is not None and prev.type == "PER" and _AND_NEXT.fullmatch(text, prev.end, e.start) is not None


def _right_after_person(text: str, out: list[Entity], e: Entity) -> bool:
    """Does e follow the last person found with nothing but a space or a comma between?"""
    prev = out[-1] if out else None
    return prev is not None and prev.type == "PER" and prev.end <= e.start \
        and not text[prev.end:e.start].strip(" \t،,")


def _joined_to_previous(text: str, out: list[Entity], part: Entity) -> bool:
    """"وساري" + "عمرو", split apart from "سياف وساري" and "عمرو": one name, two single words with a space
    between. Not a name already linked to someone ("أسقط المدافع يحيى سعفان بلقاسمي": subject and object)."""
    prev = out[-1] if out else None
    if prev is None or prev.type != "PER" or part.title is not None or text[prev.end:part.start] != " " \
            or len(part.name.split()) != 1 or len(prev.name.split()) != 1 or part.canonical != part.name:
        return False
    _extend(prev, text, part.end)
    return True
