"""Linking inside one article, once every mention is found: what needs the whole text.

- words that are never names here (currencies, months) and descriptions ("المنظمة الدولية") are dropped;
- a name chain the recognizer found in pieces is one mention ("سلمان" + "بن عبدالعزيز"), and a name inside a
  chain is never a mention of its own;
- a person named by part of a full name given in the article links to it when the parts fit
  (person_name.compatible): "الورشفاني" to "عبد السلام الورشفاني", "الملك سلمان"'s "سلمان" to "سلمان بن
  عبدالعزيز", "محمد بن سلمان" to "محمد بن سلمان بن عبدالعزيز"; never "سلمان" to "محمد بن سلمان" (his father),
  and a short name that fits two people of the article stays unresolved;
- an organization named by some of the words of a longer one in the article ("المصرف المركزي" and
  "مصرف ليبيا المركزي", "وزارة المالية" and "وزارة المالية المصرية", "الخارجية الروسية" and "وزارة الخارجية
  الروسية") links to it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..arabic.calendar import WEEKDAYS
from ..arabic.normalize import normalize
from ..document import Entity
from ..spans import FirstBefore
from .lexicon import given_and_title_heads, words
from .names import is_given_name, name_key, word_key
from .national import _BY_NISBA as _NISBA_WORDS, article_country, local_country, qualify
from .person_name import PersonName, compatible, fuller, parse
from .roles import title_references

def _not_names() -> frozenset[str]:
    """Words the tagger learned to tag that are never names here: currencies, months, weekdays, God, plural
    administrative nouns named alone ("في الولايتين")."""
    from ..arabic.calendar import GREGORIAN_MONTHS, HIJRI_MONTHS, WEEKDAYS
    words = set(GREGORIAN_MONTHS) | set(HIJRI_MONTHS) | set(WEEKDAYS)
    words |= set("""دولار دولارا دولارات الدولار جنيه جنيها جنيهات الجنيه دينار دينارا دنانير الدينار يورو اليورو ريال
    ريالا الريال درهم درهما دراهم الدرهم ليرة الليرة روبل الروبل ين الين فرنك الفرنك إسترليني الإسترليني السولار
    البنزين المازوت الله الولايات الولايتين المحافظات البلديات""".split())
    return frozenset(normalize(w) for w in words)


NOT_NAMES = _not_names()
# months as written (آب with madda is August; إب is a Yemeni city, and normalization folds them together)
MONTHS_AS_WRITTEN = frozenset("آب أيار آذار نيسان تموز أيلول شباط حزيران".split())
# common words that normalize to a short place name: "أب" (father), "اب" are not the Yemeni city إب
WRITTEN_NOT_PLACE = frozenset("أب اب".split())
_GENERIC_ADJ = {normalize(w) for w in "الدولية الأممية العالمية الإقليمية المحلية المعنية المختصة".split()}
# a head noun a short name of the institution leaves out ("الخارجية الروسية" for "وزارة الخارجية الروسية")
_DROPPED_HEADS = {normalize(w) for w in ("وزارة", "وزاره")}


def resolve_in_document(text: str, ents: list[Entity], home: str | None = None,
                        count: Callable[[str], int] = lambda _: 0) -> list[Entity]:
    """The article-level pass over the recognizer's mentions (see the module's docstring). `count` is how often
    news uses a word (the recognizer's word counts): a common word after a name chain is not its family name."""
    out = []
    for e in ents:
        words = normalize(e.name).split()
        if (e.source != "gazetteer" and " ".join(words) in NOT_NAMES) or not words or e.name in MONTHS_AS_WRITTEN \
                or (e.type == "LOC" and e.name in WRITTEN_NOT_PLACE):
            continue
        if e.type == "ORG" and len(words) == 2 and words[0].startswith("ال") and words[1] in _GENERIC_ADJ:
            continue
        if e.type == "PER" and len(words) == 1 and not e.title and (words[0] in _NISBA_WORDS
                                                                    or words[0] in _PEOPLES):
            continue                                  # "مصدر دبلوماسي روسي": a nationality is no one's name
        if e.type == "ORG" and _in_title(text, e, words):
            continue                                  # "وزير الخارجية الروسي": a title, the ministry is not named
        out.append(e)
    out = tidy_people(text, join_name_chains(text, out, count))
    _link_short_names(text, out)
    refs = title_references(text, out)
    if refs:
        out = sorted(out + refs, key=lambda e: e.start)
    country = article_country(normalize(text).split(), out, home)
    for e in out:
        if e.type == "ORG" and normalize(e.canonical) == normalize(e.name):
            here = local_country(text, e.start, e.end) or country
            if here:
                e.canonical = qualify(e.name, here) or e.canonical
    return out


# a name never runs over a line break: spaces and tabs only
_CHAIN_GAP = re.compile(r"[ \t]+(?:بن|ابن|بنت|إبن)[ \t]+")
_CHAIN_BEFORE = re.compile(r"(?:^|[ \t])(?:بن|ابن|بنت|إبن)[ \t]+$")
_NAME_WORD = r"(?:عبد[ \t]+)?[\u0621-\u064a\u0640]{2,}"
_CHAIN_AFTER = re.compile(rf"(?:[ \t]+(?:بن|ابن|بنت)[ \t]+{_NAME_WORD})*(?:[ \t]+آل[ \t]+[\u0621-\u064a]{{2,}})?")
_FAMILY_AFTER = re.compile(r"[ \t]+(ال[\u0621-\u064a\u0640]{3,})(?![\u0621-\u064a])")
_NOT_FAMILY = words("MORE_TITLE_HEADS") | words("STOPWORDS") | words("DESCRIPTIVE_ADJ") | _GENERIC_ADJ \
    | words("AFTER_NAME") | {normalize(w) for w in WEEKDAYS} | words("NOT_FAMILY_AFTER_CHAIN")


_ELATIVE = re.compile(r"الا\w{3}")                # الأقرب، الأكبر: "the nearest", no family
_NISBA_FAMILY = re.compile(r"ال\w{3,}ي")           # القحطاني، الدوسري
RARE_FAMILY = 400                                    # a family name that is no nisba is a word news rarely uses


def _nisba_family(word: str) -> bool:
    """"سلمان الحربي": a family nisba after a bare given name (not a nationality, not an adjective)."""
    w = normalize(word)
    return _NISBA_FAMILY.fullmatch(w) is not None and w not in _NOT_FAMILY and w not in _NISBA_WORDS


def _chain_from_title(text: str, e: Entity) -> None:
    """The recognizer took "سلطان بن" for part of a title before "سلمان بن عبدالعزيز": the name starts at the
    word before بن, and the title ends before it."""
    words = e.title.split()
    if len(words) < 2:
        return
    name_start = e.end - len(e.name)
    k = text.rfind(words[-2], e.start, name_start)
    if k < 0:
        return
    e.name = text[k:e.end]
    e.canonical = e.name
    e.title = " ".join(words[:-2]) or None


def _family_word(word: str, count: Callable[[str], int]) -> bool:
    """May this definite word after a nasab chain be the family name ("القحطاني", "الفهد"), not a weekday,
    an adjective, a noun ("المباراة") or a nationality ("السعودي")?"""
    w = normalize(word)
    if w in _NOT_FAMILY or w in _NISBA_WORDS or w in given_and_title_heads()[1]:
        return False
    if _NISBA_FAMILY.fullmatch(w):
        return True
    return count(w) < RARE_FAMILY and not w.endswith("ه") and not _ELATIVE.fullmatch(w)


_ABD_BEFORE = re.compile(r"(?:^|(?<=\s))عبد[ \t]+$")


def _extend(e: Entity, text: str, end: int) -> None:
    """e's name runs on to `end`."""
    name_start = e.end - len(e.name)
    e.end = end
    e.name = text[name_start:end]
    e.text = text[e.start:end]
    e.canonical = e.name          # a longer name may be someone else's ("فهد بن عبدالعزيز العواد" is no king)


_PEOPLES = words("NATIONALITY_PLURALS")
_MINISTERS = {normalize(w) for w in ("وزير", "وزيرة", "نائب", "مساعد", "وكيل")}


def _in_title(text: str, e: Entity, words_: list[str]) -> bool:
    """An institution whose adjective agrees with the title before it, not with it ("وزير الخارجية الروسي"):
    the minister is meant, and the ministry is not named."""
    before = text[max(0, e.start - 12):e.start].split()
    return len(words_) >= 2 and words_[0].startswith("ال") and words_[0].endswith("ه") \
        and words_[-1].endswith("ي") and bool(before) and normalize(before[-1]) in _MINISTERS


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
            starts_chain = normalize(e.name).split()[0] in ("بن", "ابن", "بنت")
            if _CHAIN_GAP.fullmatch(gap) or (starts_chain and not gap.strip()):
                _extend(prev, text, e.end)
                continue
        before = text[max(0, e.start - 8):e.start]
        if e.type == "PER" and e.title is None and _CHAIN_BEFORE.search(before):
            continue
        if e.type == "PER" and e.start == e.end - len(e.name) and _ABD_BEFORE.search(before):
            k = before.rfind("عبد")
            e.start -= len(before) - k
            e.name = text[e.start:e.end]
            e.text = e.name
            e.canonical = e.name
        if e.type == "PER" and e.title and normalize(e.title).split()[-1] in ("بن", "ابن", "بنت"):
            _chain_from_title(text, e)                # "الأمير سلطان بن" + "سلمان بن عبدالعزيز": one name
        if e.type == "PER":
            tail = _CHAIN_AFTER.match(text, e.end)
            if tail is not None and tail.end() > e.end:
                _extend(e, text, tail.end())          # "... بن عبدالعزيز آل سعود" the recognizer stopped before
            family = _FAMILY_AFTER.match(text, e.end)
            p = parse(e.name)
            if family is not None and p.family is None and (" بن " in e.name and _family_word(family.group(1), count)
                                                            or p.given_only and _nisba_family(family.group(1))):
                _extend(e, text, family.end())        # "جديع بن نهار القحطاني": the family after the chain
        out.append(e)
    return out


def _link_short_names(text: str, out: list[Entity]) -> None:
    """`resolve_in_document`'s linking, in place: short names of people to the full name of the article they
    fit, organizations to the longer name that holds theirs (first before them, else first after them). The
    candidates come from `_People` and `_Orgs` indexes, not from a scan over every mention of the text."""
    people = _People(out)
    orgs = _Orgs(out)
    for e in out:
        if e.source == "gazetteer" or normalize(e.canonical) != normalize(e.name):
            continue
        key = name_key(e.name).split()
        if e.type == "ORG" and len(key) == 2 and e.source != "gazetteer":   # "ميليشيات الورشفاني": his militia
            full = people.with_family(key[1])
            if full is not None:
                cut = e.name.index(" ")
                e.name = e.name[cut:].lstrip()
                e.start = e.end - len(e.name)
                e.text = text[e.start:e.end]
                e.type, e.canonical, key = "PER", full.canonical, key[1:]
                orgs.moved(e)
                continue
        if e.type == "PER":
            full = people.resolve(e.name)
            if full is not None:
                e.canonical = full.canonical
                continue
        elif len(key) == 1:
            full = people.with_family(key[0])            # "حفتر" tagged as a place: the person named in full
            if full is not None:
                e.type, e.canonical = "PER", full.canonical
                continue
        if e.type == "ORG":
            words = [_strip_al(w) for w in normalize(e.name).split()]
            full = orgs.containing(words).find(e.start)
            if full is None and words[0] not in _DROPPED_HEADS:
                for head in _DROPPED_HEADS:
                    full = orgs.containing([head] + words).find(e.start)
                    if full is not None:
                        break
            if full is not None:
                e.canonical = full.canonical


def _first_before(e: Entity, cands: list[Entity]) -> Entity | None:
    """The candidate mentioned first before e, else the first after it. (The plain scan `_People` and `_Orgs`
    answer with `FirstBefore` instead; the tests hold them to it.)"""
    if not cands:
        return None
    before = [c for c in cands if c.start < e.start]
    return (before or cands)[0]


class _People:
    """The people an article names in more than one part, by their given name, family name and father's
    name, each distinct name with its first mention. A short name resolves to the fullest of the names it fits
    when they are all one person; to none when it fits two people ("الأمير محمد" in an article about محمد بن
    نايف and محمد بن سلمان). Looking up costs the number of distinct names sharing a part, not of mentions."""

    def __init__(self, ents: list[Entity]) -> None:
        self._by: dict[tuple[str, str], dict[str, tuple[PersonName, Entity]]] = {}
        for e in ents:
            if e.type != "PER":
                continue
            p = parse(e.name)
            if p.parts < 2:
                continue
            key = name_key(e.name)
            for part in self._parts(p):
                names = self._by.setdefault(part, {})
                if key not in names or e.start < names[key][1].start:
                    names[key] = (p, e)               # each name by its first mention

    @staticmethod
    def _parts(p: PersonName) -> list[tuple[str, str]]:
        out = []
        if p.given is not None:
            out.append(("given", p.given))
        if p.family is not None:
            out.append(("family", p.family))
        if p.nasab and p.with_bin:
            out.append(("father", p.nasab[0]))
        return out

    def _one_person(self, cands: list[tuple[PersonName, Entity]]) -> Entity | None:
        if not cands:
            return None
        for i, (a, _) in enumerate(cands):
            if any(not compatible(a, b) for b, _ in cands[i + 1:]):
                return None
        return max(cands, key=lambda c: (c[0].parts, -c[1].start))[1]

    def with_family(self, word: str) -> Entity | None:
        """The person whose family name is `word` (a name key's word)."""
        return self._one_person(list(self._by.get(("family", word_key(word)), {}).values()))

    def resolve(self, name: str) -> Entity | None:
        """The full name of the article a short name stands for, if exactly one person fits."""
        q = parse(name)
        if q.parts >= 2:
            part = ("given", q.given) if q.given is not None else ("family", q.family or "")
            return self._one_person([c for c in self._by.get(part, {}).values() if fuller(q, c[0])])
        if q.family is not None:
            fam = q.family
            if fam.startswith("بن "):                   # "بن سلمان": the son of سلمان named in the article
                cands = list(self._by.get(("father", fam.split()[-1]), {}).values())
                return self._one_person(cands + list(self._by.get(("family", fam), {}).values()))
            return self._one_person(list(self._by.get(("family", fam), {}).values()))
        if q.given is None:
            return None
        by_family = list(self._by.get(("family", q.given), {}).values())
        return self._one_person(by_family or list(self._by.get(("given", q.given), {}).values()))


class _Orgs:
    """The organizations of a document (in document order) grouped by their distinct word lists under their
    first word. The longer names that hold a short one ("وزارة المالية" in "وزارة المالية المصرية") are found
    once per distinct short name, not once per mention over every organization of the text; their mentions
    are searched by `FirstBefore`."""

    def __init__(self, ents: list[Entity]) -> None:
        self._orgs = [e for e in ents if e.type == "ORG"]
        self._groups: dict[str, dict[tuple[str, ...], list[int]]] = {}
        for i, e in enumerate(self._orgs):
            ow = tuple(_strip_al(w) for w in normalize(e.name).split())
            self._groups.setdefault(ow[0], {}).setdefault(ow, []).append(i)
        self._found: dict[tuple[str, ...], FirstBefore[Entity]] = {}
        self._where: dict[int, list[tuple[FirstBefore[Entity], int]]] = {}

    def containing(self, words: list[str]) -> FirstBefore[Entity]:
        """The organizations whose name has more words than `words`, the same first word, and `words` in order
        among them, in document order."""
        key = tuple(words)
        found = self._found.get(key)
        if found is None:
            groups = self._groups.get(words[0], {})
            idx = sorted(i for ow, members in groups.items() if len(ow) > len(words) and _subsequence(words, ow)
                         for i in members)
            found = self._found[key] = FirstBefore([self._orgs[i] for i in idx])
            for pos, i in enumerate(idx):
                self._where.setdefault(id(self._orgs[i]), []).append((found, pos))
        return found

    def moved(self, e: Entity) -> None:
        """e's start changed (it became the person it names): the searches that hold it must see the new one."""
        for found, pos in self._where.get(id(e), ()):
            found.moved(pos)


def _subsequence(short: Sequence[str], long: Sequence[str]) -> bool:
    it = iter(long)
    return all(w in it for w in short)


def _strip_al(w: str) -> str:
    return w[2:] if w.startswith("ال") and len(w) > 4 else w


_NAMED_AFTER = words("NAMED_AFTER_HEADS")
_NAMED_AFTER_PLACES = words("NAMED_AFTER_PLACES")
_ROYAL = words("ROYAL_TITLES")
_NOT_LAST = words("NOT_LAST_OF_PERSON")
_NOT_COMPLEMENT = words("STOPWORDS") | words("AFTER_NAME") | words("MORE_TITLE_HEADS") \
    | words("NOT_FAMILY_AFTER_CHAIN") | {normalize(w) for w in WEEKDAYS}
_WORD = re.compile(r"[\u0621-\u064a\u0640\u064b-\u0652]+")


def _bare(word: str) -> str:
    """A word in matching form without a leading conjunction or preposition ("وبمطار" → "مطار")."""
    w = normalize(word)
    for k in (2, 1):
        if len(w) > k + 2 and all(c in "وفبلك" for c in w[:k]):
            rest = w[k:]
            if rest in _NAMED_AFTER or rest in _ROYAL:
                return rest
    return w


def _named_after(text: str, e: Entity) -> Entity | None:
    """The institution or place a person's name is inside ("مطار الملك عبدالعزيز الدولي", "مدينة سلطان بن
    عبدالعزيز للخدمات الإنسانية"), as an entity of its own; None when the name is a person's."""
    name_start = e.end - len(e.name)
    before = list(_WORD.finditer(text, max(0, name_start - 40), name_start))
    k = len(before) - 1
    if k > 0 and _bare(before[k].group()) in _ROYAL:
        k -= 1                                        # "مطار الملك عبدالعزيز": the title is the place's name
    if k < 0 or any(c in "،,.:؛\n" for c in text[before[k].end():name_start]):
        return None
    head = before[k]
    bare = _bare(head.group())
    if bare not in _NAMED_AFTER or (k > 0 and normalize(before[k - 1].group()) == "عن"):
        return None                                   # "عن طريق رياض حمادوش": "by", no road
    start = head.end() - len(bare) if normalize(head.group()) != bare else head.start()
    etype = "LOC" if bare in _NAMED_AFTER_PLACES else "ORG"
    end = _complements_end(text, e.end)
    name = text[start:end]
    return Entity(text=name, start=start, end=end, type=etype, name=name, canonical=name, source="rule",
                  rule="named_after")


_COMPLEMENT = re.compile(r"[ \t]+(و?(?:لل|ال)[\u0621-\u064a\u0640]{2,})")


def _complements_end(text: str, end: int) -> int:
    """The end of an institution's name after the person it is named after: its definite complements
    ("مركز الملك سلمان للإغاثة والأعمال الإنسانية", "مطار الملك عبدالعزيز الدولي"), up to five words."""
    for _ in range(5):
        m = _COMPLEMENT.match(text, end)
        if m is None:
            break
        w = normalize(m.group(1))
        bare = w[1:] if w.startswith("و") else w
        if bare in _NOT_COMPLEMENT or bare in _NISBA_WORDS or bare in given_and_title_heads()[1]:
            break                                     # "… الإنسانية الدكتور رأفت الصباغ": a title, a person
        end = m.end()
    return end


def _split_coordinated(text: str, e: Entity) -> list[Entity]:
    """"بيبي وكريم بنزيمه", "كريس ولوك": two people the recognizer took for one name, split where a word
    starts with و and the rest of it is a given name (a name that itself starts with و, وليد, stays whole)."""
    parts = list(_WORD.finditer(e.name))
    given = given_and_title_heads()[0]
    for m in parts[1:]:
        w = normalize(m.group())
        if w[:1] == "و" and w not in given and not is_given_name(word_key(w)) and (
                w[1:] in given or is_given_name(word_key(w[1:]))):
            cut = e.end - len(e.name) + m.start()
            head = text[e.end - len(e.name):cut].rstrip()
            surface = text[e.start:cut].rstrip()
            first = Entity(text=surface, start=e.start, end=e.start + len(surface), type="PER", name=head,
                           title=e.title, canonical=head, source=e.source, rule=e.rule)
            rest_name = text[cut + 1:e.end]
            second = Entity(text=rest_name, start=cut + 1, end=e.end, type="PER", name=rest_name,
                            canonical=rest_name, source=e.source, rule=e.rule)
            return [first] + _split_coordinated(text, second)
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
            or second in ("بن", "ابن", "بنت"):
        return e
    cut = e.name.index(words_[1], len(words_[0]))
    name_start = e.end - len(e.name) + cut
    e.name = text[name_start:e.end]
    e.title = ((e.title or "") + " " + words_[0]).strip()
    e.canonical = e.name if normalize(e.canonical) == normalize(" ".join(words_)) else e.canonical
    return e


def tidy_people(text: str, ents: list[Entity]) -> list[Entity]:
    """People the recognizer over- or under-reached on: a name inside an institution's or a place's name
    becomes that institution or place; two coordinated people become two."""
    out: list[Entity] = []
    for e in ents:
        if out and out[-1].rule == "named_after" and e.start < out[-1].end:
            continue                                  # inside the institution's name ("للإغاثة والأعمال …")
        if e.type != "PER":
            out.append(e)
            continue
        if normalize(e.name).split()[-1] in _NOT_LAST:
            continue                                  # "أمين العاصمة": a title, no name
        e = _without_leading_adjective(text, e)
        inside = _named_after(text, e)
        if inside is not None:
            while out and out[-1].end > inside.start:
                if out[-1].start < inside.start:
                    break
                out.pop()                             # "مطار الملك" found before: part of this name
            if not out or out[-1].end <= inside.start:
                out.append(inside)
            continue
        out.extend(_split_coordinated(text, e) if " و" in e.name else [e])
    return out
