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
from .lexicon import nationality_forms, words
from .names import name_key, word_key
from .national import _BY_NISBA as _NISBA_WORDS, article_country, local_country, qualify
from .person_bounds import NAME_PARTICLES as _PARTICLES      # "دي", "فان": parse takes them for given names
from .person_name import PersonName, compatible, fuller, parse
from .person_spans import _GENERIC_ADJ, family_mentions, join_name_chains, tidy_people
from .roles import title_references


def _not_names() -> frozenset[str]:
    """Words the tagger learned to tag that are never names here: currencies, months, weekdays, God, plural
    administrative nouns named alone ("في الولايتين")."""
    from ..arabic.calendar import GREGORIAN_MONTHS, HIJRI_MONTHS
    words = set(GREGORIAN_MONTHS) | set(HIJRI_MONTHS) | set(WEEKDAYS)
    words |= set("""دولار دولارا دولارات الدولار جنيه جنيها جنيهات الجنيه دينار دينارا دنانير الدينار يورو اليورو ريال
    ريالا الريال درهم درهما دراهم الدرهم ليرة الليرة روبل الروبل ين الين فرنك الفرنك إسترليني الإسترليني السولار
    البنزين المازوت الله الولايات الولايتين المحافظات البلديات""".split())
    return frozenset(normalize(w) for w in words)


NOT_NAMES = _not_names()
# words that may follow a lone given name before a comma without being his family name
_NOT_AFTER_GIVEN = words("STOPWORDS") | words("CUE_WORDS") | words("PREDICATES") | words("MORE_TITLE_HEADS") \
    | frozenset(normalize(w) for w in WEEKDAYS)
# months as written (آب with madda is August; إب is a Yemeni city, and normalization folds them together)
MONTHS_AS_WRITTEN = frozenset("آب أيار آذار نيسان تموز أيلول شباط حزيران".split())
# common words that normalize to a short place name: "أب" (father), "اب" are not the Yemeni city إب
WRITTEN_NOT_PLACE = frozenset("أب اب".split())
# the head noun a ministry's short name leaves out ("الخارجية الروسية" for "وزارة الخارجية الروسية")
_MINISTRY = normalize("وزارة")


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
        if _a_nationality(e):
            continue                                  # "مصدر دبلوماسي روسي": a nationality is no one's name
        if e.type == "ORG" and len(words) == 1 and not words[0].startswith("ال") and words[0] in _NISBA_WORDS:
            continue                                  # "توافق تركي-إيطالي": an adjective ("العربية" may be a channel)
        if e.type == "ORG" and _in_title(text, e, words):
            continue                                  # "وزير الخارجية الروسي": a title, the ministry is not named
        out.append(e)
    out = family_mentions(text, tidy_people(text, join_name_chains(text, out, count), count), count)
    out = _no_nationalities(out)                      # again: tidying cuts "فرنسي بأن" to "فرنسي"
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


_PEOPLES = words("NATIONALITY_PLURALS")
_NATIONALITY_FORMS = nationality_forms()      # "مهندس ياباني", "الفريق الأوزبكي": no one's name
_MINISTERS = {normalize(w) for w in ("وزير", "وزيرة", "نائب", "مساعد", "وكيل")}


def _no_nationalities(ents: list[Entity]) -> list[Entity]:
    """The mentions less the nationality adjectives tidying left alone, but for an item of a list of people, where
    a family name can be one ("الخيبري ومغربي والدوسري")."""
    people = sorted((e.start, e.end) for e in ents if e.type == "PER")
    return [e for e in ents if not _a_nationality(e) or (not e.title and any(0 < e.start - t <= 3 or 0 < s - e.end <= 3
                                                                             for s, t in people))]


def _a_nationality(e: Entity) -> bool:
    """A one-word person that is a nationality adjective or a people: no one's name. The adjectives that are
    family names too (المصري، التركي) are no name only with no title before them."""
    words_ = normalize(e.name).split()
    if e.type != "PER" or len(words_) != 1:
        return False
    if words_[0] in _NATIONALITY_FORMS:
        return True                                   # "مهندس ياباني": a Japanese engineer, title or not
    return not e.title and (words_[0] in _NISBA_WORDS or words_[0] in _PEOPLES)


def _in_title(text: str, e: Entity, words_: list[str]) -> bool:
    """An institution whose adjective agrees with the title before it, not with it ("وزير الخارجية الروسي"):
    the minister is meant, and the ministry is not named."""
    before = text[max(0, e.start - 12):e.start].split()
    return len(words_) >= 2 and words_[0].startswith("ال") and words_[0].endswith("ه") \
        and words_[-1].endswith("ي") and bool(before) and normalize(before[-1]) in _MINISTERS


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
            full = None if _not_his(text, e) else people.resolve(_unfused(e.name))
            if full is not None and (not _royal(e.title) or _royal_name(full)):
                e.canonical = full.canonical          # "الملك عبد الله" is no "الدكتور عبدالله الربيعة"
                continue
        elif len(key) == 1:
            full = people.with_family(key[0])            # "حفتر" tagged as a place: the person named in full
            if full is not None:
                e.type, e.canonical = "PER", full.canonical
                continue
        if e.type == "ORG":
            words = [_strip_al(w) for w in normalize(_unfused(e.name)).split()]
            full = orgs.containing(words).find(e.start)
            if full is None and words[0] != _MINISTRY:
                full = orgs.containing([_MINISTRY] + words).find(e.start)
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
            if p.parts < 2 or p.given in _PARTICLES:
                continue                              # "دي ميستورا" is a short name: "ميستورا" fits the full one
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
        if q.parts == 2 and q.given in _PARTICLES and q.family is not None:
            return self._one_person([c for c in self._by.get(("family", q.family), {}).values()
                                     if c[0].nasab[-1:] == (q.given,)])      # "دي مستورا": ستافان دي ميستورا
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


_ROYAL_TITLES = frozenset(normalize(w) for w in ("الملك", "الأمير", "الملكة", "الأميرة", "خادم", "السلطان"))
_WORD_THEN_STOP = re.compile(r"[ \t]+([\u0621-\u064a]{2,})[ \t]*[،,.؛]")


def _royal(title: str | None) -> bool:
    return bool(title) and any(w in _ROYAL_TITLES for w in normalize(title).split())


def _royal_name(e: Entity) -> bool:
    """Could this be a royal's full name: a royal title, or a nasab chain or a house ("آل سعود") as theirs are
    printed; not a commoner's "given + family" ("عبدالله الربيعة")."""
    p = parse(e.name)
    return _royal(e.title) or p.with_bin or (p.family or "").startswith("ال ")


def _not_his(text: str, e: Entity) -> bool:
    """A lone given name with one more word before a comma ("وقال المسؤول الأمني في المطار عبدالله قائد، إن"):
    the recognizer cut a man's family name that is a word too, so he is not the article's other Abdullah."""
    if len(e.name.split()) != 1 or not parse(e.name).given_only:
        return False
    m = _WORD_THEN_STOP.match(text, e.end)
    return m is not None and normalize(m.group(1)) not in _NOT_AFTER_GIVEN


def _unfused(name: str) -> str:
    """The name with a fused ل + ال on its first word written out as the article ("للعتيبي" → "العتيبي",
    "للأهلي" → "الأهلي"): the tagger takes the preposition in with the name, whose surface cannot drop it."""
    if name.startswith("لل") and len(name.split()[0]) > 4:
        return "ا" + name[1:]
    return name


def _strip_al(w: str) -> str:
    return w[2:] if w.startswith("ال") and len(w) > 4 else w

