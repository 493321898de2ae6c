"""Corpus-level entity linking: every mention of one person, place or organization gets one entity id.

Within an article the recognizer already joins a short mention to the full name seen earlier ("حفتر" after
"خليفة حفتر", "الملك سلمان" after "سلمان بن عبدالعزيز"). Across the corpus this module joins what one article
cannot see:
- spelling variants: names with the same `name_key` (سيرغي/سيرجي لافروف, فائز/فايز السراج, كوزنتسوف/كوزنيتسوف)
  are one entity;
- a shorter form of a fuller name whose parts fit it (person_name.fuller: "محمد بن سلمان" and "محمد بن سلمان بن
  عبدالعزيز آل سعود"), when the corpus has one such person or one that carries at least 80% of the mentions;
- a bare family name in an article that never gives the full name ("قال لافروف …"): joined the same way to the
  full names with that family name. A father's name at the end of a nasab chain is no family name: "سلمان"
  never joins "محمد بن سلمان";
- a bare given name ("محمد", "فهد", "عبدالله") that its article did not resolve is many people's name: it stays
  unresolved (no entity id) rather than becoming one corpus entity that lumps them together.
Ids are `entity_id(type, canonical)` of the linked entity, and keys fold the variants, so an entity keeps its id
whichever of its spellings becomes the most common; the canonical spelling is the most used full one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from operator import itemgetter

from ..arabic.normalize import normalize
from .names import entity_key, is_given_name
from .national import nisba_country
from .person_name import PersonName, compatible, fuller, parse
from .roles import corpus_wide, parse_role_name, title_roles

DOMINANT = 0.8


def top_spelling(counts: Counter) -> str:
    """The most common key, the first counted among equals: `most_common(1)`'s answer without its list and heap
    (linking asks it 146,000 times a run at 100,000 articles)."""
    return max(counts.items(), key=itemgetter(1))[0]


def _dominant(cands: list[tuple[int, int]]) -> int | None:
    """The candidate that is the only one, or carries DOMINANT of all their mentions."""
    if not cands:
        return None
    cands = sorted(cands, reverse=True)
    total = sum(n for n, _ in cands)
    return cands[0][1] if len(cands) == 1 or cands[0][0] >= DOMINANT * total else None


class PersonIndex:
    """The corpus's person keys by their parts, with their mention counts."""

    def __init__(self, by_key: dict[tuple[str, str], Counter],
                 parsed: dict[tuple[str, str], PersonName] | None = None) -> None:
        """`parsed`: names already parsed (`parse` of each name's most common spelling), as relink.py keeps them."""
        self.parsed: dict[tuple[str, str], PersonName] = {}
        self.count: dict[tuple[str, str], int] = {}
        self.by_part: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
        # the spellings of each name, normalized, and the surname each full name is spelled with: read only for the
        # one-word names (`fuller_of`), so normalized when first read (most of a large corpus's names never are)
        self._written = by_key
        self._spellings: dict[tuple[str, str], set[str]] = {}
        self._surnames: dict[tuple[str, str], set[str]] = {}
        self._has_surname: set[tuple[str, str]] = set()
        # the given-name buckets split by family and by first father's name: where a fuller name can only be found
        # (see `_fuller_pool`); "محمد" alone is thousands of names in a large corpus, and comparing each with each
        # made linking quadratic in them
        self.by_given_family: dict[tuple[str, str | None], list[tuple[str, str]]] = defaultdict(list)
        self.by_given_nasab: dict[tuple[str, str | None], list[tuple[str, str]]] = defaultdict(list)
        for k, spellings in by_key.items():
            if k[0] != "PER":
                continue
            p = parsed[k] if parsed is not None and k in parsed else parse(top_spelling(spellings))
            self.parsed[k], self.count[k] = p, sum(spellings.values())
            if p.given is not None:
                self.by_part[("given", p.given)].append(k)
            if p.family is not None and p.parts > 1:
                self.by_part[("family", p.family)].append(k)
                self._has_surname.add(k)
            if p.given is not None:
                self.by_given_family[(p.given, p.family)].append(k)
                self.by_given_nasab[(p.given, p.nasab[0] if p.nasab else None)].append(k)

    def fuller_of(self, k: tuple[str, str]) -> tuple[str, str] | None:
        """The fuller name this key is a short form of, if one person dominates."""
        p = self.parsed[k]
        if p.parts >= 2:
            cands = [c for c in self._fuller_pool(p) if c != k and fuller(p, self.parsed[c])]
        elif p.family is not None:
            cands = list(self.by_part.get(("family", p.family), []))
        else:
            # a single word: a family name ("كاميرون") unless it is a given name no full name ends with
            cands = list(self.by_part.get(("family", p.given), []))
        if p.parts == 1:
            # a bare word joins a full name only as it is spelled there: "دينيس" (Dennis) and "دونيس" fold to one
            # key, and a surname alone has no first name to tell them apart
            written = self.spellings(k)
            cands = [c for c in cands if written & self.surname_spellings(c)]
        people = self._people(cands)
        best = _dominant([(sum(self.count[c] for c in group), i) for i, group in enumerate(people)])
        return None if best is None else max(people[best], key=lambda c: (self.count[c], c))

    def spellings(self, k: tuple[str, str]) -> set[str]:
        found = self._spellings.get(k)
        if found is None:
            found = self._spellings[k] = {normalize(s) for s in self._written[k]}
        return found

    def surname_spellings(self, k: tuple[str, str]) -> set[str]:
        """The last word of each spelling of a name with a family name and more, normalized (none for others)."""
        found = self._surnames.get(k)
        if found is None:
            words = (normalize(s).split()[-1] for s in self._written[k]) if k in self._has_surname else ()
            found = self._surnames[k] = set(words)
        return found

    def _fuller_pool(self, p: PersonName) -> list[tuple[str, str]]:
        """Every key that can be a fuller form of p (and some that cannot): a fuller name has p's family when p has
        one (`fuller` wants it, `compatible` wants it equal), and when p has fathers' names and no family, either
        none or p's first one (`compatible` wants one chain to start the other)."""
        if p.given is None:
            return self.by_part.get(("family", p.family), [])
        if p.family is not None:
            return self.by_given_family.get((p.given, p.family), [])
        if p.nasab:
            return self.by_given_nasab.get((p.given, p.nasab[0]), []) + self.by_given_nasab.get((p.given, None), [])
        return self.by_part.get(("given", p.given), [])

    def _people(self, cands: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
        """The candidates grouped into people: each joins the first group (most mentioned first) whose names it
        all fits ("محمد بن نايف بن عبدالعزيز" and "محمد بن نايف بن عبدالعزيز آل سعود" are one man's forms)."""
        groups: list[list[tuple[str, str]]] = []
        for c in sorted(cands, key=lambda c: (-self.count[c], c)):
            p = self.parsed[c]
            home = next((g for g in groups if all(compatible(p, self.parsed[o]) for o in g)), None)
            if home is None:
                groups.append([c])
            else:
                home.append(c)
        return groups

    def unresolved(self, k: tuple[str, str]) -> bool:
        """A bare given name, or a kunya alone: many people's, no corpus entity."""
        p = self.parsed[k]
        return p.parts == 1 and p.given is not None and is_given_name(p.given)


Key = tuple[str, str]                     # (type, name_key)
Link = tuple[str | None, str]             # (entity id or None when unresolved, canonical)


@dataclass
class Linked:
    """Where every name of the corpus goes: what entities/relink.py keeps of each name to update from a batch."""
    by_key: dict[Key, Counter]                         # each name's spellings, counted, in the order first counted
    local_key: dict[str, Key]                          # local entity id -> name
    roles: dict[Key, tuple[tuple[str, ...], str | None]]   # the role names left open: (role, month)
    direct: dict[Key, Key | None]                      # a person's name: the fuller name it is a short form of,
                                                       # itself, or None (a bare given name: unresolved)
    target: dict[Key, Key | None]                      # the name whose entity it takes (None: unresolved)
    out: dict[Key, Link]


def link(rows: list[tuple[str, str, str, int]], entity_id: Callable[[str, str], str],
         holders: list[tuple[str, str, str, str, int]] = ()) -> dict[str, Link]:
    """rows: (local entity id, type, local canonical, mentions); holders: (local canonical, title, the word
    before it, month, mentions) of the people named with a title that may hold a role (`RoleHolders`). Returns
    local id -> (entity id, canonical); the entity id is None for a mention left unresolved."""
    linked = link_names(rows, entity_id, holders)
    return {eid: linked.out[k] for eid, k in linked.local_key.items()}


def link_names(rows: list[tuple[str, str, str, int]], entity_id: Callable[[str, str], str],
               holders: list[tuple[str, str, str, str, int]] = ()) -> Linked:
    """`link`, with where each name goes."""
    by_key: dict[Key, Counter] = defaultdict(Counter)     # (type, key) -> canonical spellings
    local_key: dict[str, Key] = {}
    for eid, etype, canonical, n in rows:
        k = (etype, entity_key(etype, canonical))
        if not k[1]:
            continue
        by_key[k][canonical] += n
        local_key[eid] = k
    open_roles = {k: r for k, spellings in by_key.items()
                  if k[0] == "PER" and (r := parse_role_name(top_spelling(spellings))) is not None}
    direct = _people_direct({k: v for k, v in by_key.items() if k not in open_roles})
    target: dict[Key, Key | None] = {k: k for k in by_key if k not in open_roles}
    target.update(follow(direct))
    target.update(_one_country_names(by_key))
    target.update(RoleHolders(holders, target).resolve(open_roles))
    out = outputs(by_key, target, open_roles, entity_id)
    return Linked(by_key, local_key, open_roles, direct, target, out)


def outputs(by_key: dict[Key, Counter], target: dict[Key, Key | None], roles: dict | set,
            entity_id: Callable[[str, str], str]) -> dict[Key, Link]:
    """Each name's (entity id, canonical): its target's, whose canonical is the most used full spelling of the
    names that go to it (a role is no spelling of its holder's name); (None, its own spelling) when unresolved.
    `by_key` holds every name whose target is one of those in `target`, in the order first counted."""
    merged: dict[Key, Counter] = defaultdict(Counter)
    for k, spellings in by_key.items():
        if target.get(k) is not None and k not in roles:
            merged[target[k]].update(spellings)
    canon = {k: _canonical(k[0], c) for k, c in merged.items()}
    ids = {t: (entity_id(t[0], c), c) for t, c in canon.items()}        # once per entity, not per local name
    return {k: (None, top_spelling(by_key[k])) if t is None else ids[t] for k, t in target.items()}


def _people_direct(by_key: dict[Key, Counter]) -> dict[Key, Key | None]:
    """Where each person's name goes first: the fuller name it is a short form of, itself, or nowhere (a bare
    given name)."""
    people = PersonIndex(by_key)
    return {k: direct_of(people, k) for k in people.parsed}


def direct_of(people: PersonIndex, k: Key) -> Key | None:
    up = people.fuller_of(k)
    if up is not None:
        return up
    return None if people.unresolved(k) else k


def follow(direct: dict[Key, Key | None], keys=None) -> dict[Key, Key | None]:
    """Chains followed: short → fuller → fullest (a fuller name has more parts, so a chain never loops; `seen`
    guards it anyway). `direct` holds every name of the chains; `keys` are those to follow (all by default)."""
    out = {}
    for k in (direct if keys is None else keys):
        t, seen = direct[k], {k}
        while t is not None and direct[t] not in (None, t) and t not in seen:
            seen.add(t)
            t = direct[t]
        out[k] = t
    return out


def _one_country_names(by_key: dict[tuple[str, str], Counter]) -> dict[tuple[str, str], tuple[str, str]]:
    """An organization named with its country's adjective and without it ("حكومة الوفاق الوطني الليبية",
    "حكومة الوفاق الوطني") is one, when the corpus gives the name no other country and the name says more than
    what every country has (three words before the adjective: "وزارة الخارجية الروسية" stays the Russian one)."""
    by_stem: dict[tuple[str, str], dict[str, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    for k, spellings in by_key.items():
        words = top_spelling(spellings).split() if k[0] == "ORG" else []
        country = nisba_country(words[-1]) if len(words) >= 4 else None
        if country is not None:
            stem = ("ORG", entity_key("ORG", " ".join(words[:-1])))
            by_stem[stem][country].append(k)
    return {k: stem for stem, countries in by_stem.items() if stem in by_key and len(countries) == 1
            for keys in countries.values() for k in keys}


class RoleHolders:
    """Who the corpus names with each role, month by month: "ولي العهد الأمير محمد بن نايف" in an article of
    August 2015 is one mention of him as the heir then. A role an article left open goes to the man who carries
    SHARE of the role's mentions (and at least MIN_HOLDER of them) in its month and the months on either side:
    roles change hands (a King dies, an heir is replaced), and a role the heirs of several Gulf states share has
    no dominant holder and stays open. Only roles `corpus_wide` accepts are resolved: a minister with no country
    ("وزير الخارجية") is his article's country's. The share is lower than names' DOMINANT: news still calls a man
    by the role he held a few months before ("ولي العهد الأمير مقرن" in July 2015)."""

    MIN_HOLDER, SHARE = 3, 2 / 3

    def __init__(self, holders: list[tuple[str, str, str, str, int]] | tuple,
                 target: dict[tuple[str, str], tuple[str, str] | None]) -> None:
        self.by_role: dict[tuple[str, ...], dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
        roles_of: dict[tuple[str, str], list[tuple[str, ...]]] = {}
        for canonical, title, before, month, n in holders:
            held = roles_of.get((title, before))
            if held is None:
                held = roles_of[(title, before)] = title_roles(title, before)
            who = target.get(("PER", entity_key("PER", canonical)))
            for role in held if who is not None else ():
                self.by_role[role][month or ""][who] += n

    def resolve(self, open_roles: dict[tuple[str, str], tuple[tuple[str, ...], str | None]]
                ) -> dict[tuple[str, str], tuple[str, str] | None]:
        return {k: self.holder(role, month) for k, (role, month) in open_roles.items()}

    def holder(self, role: tuple[str, ...], month: str | None) -> tuple[str, str] | None:
        if not corpus_wide(role):
            return None
        by_month = self.by_role.get(role, {})
        months = by_month if month is None else around(month)
        counts: Counter = Counter()
        for m in months:
            counts.update(by_month.get(m, {}))
        if not counts:
            return None
        (best, n), total = counts.most_common(1)[0], sum(counts.values())
        return best if n >= self.MIN_HOLDER and n >= self.SHARE * total else None


def around(month: str) -> tuple[str, ...]:
    """The month ("2015-08") and the months before and after it."""
    try:
        y, m = int(month[:4]), int(month[5:7])
    except ValueError:
        return (month,)
    prev = f"{y - 1}-12" if m == 1 else f"{y}-{m - 1:02d}"
    nxt = f"{y + 1}-01" if m == 12 else f"{y}-{m + 1:02d}"
    return (prev, month, nxt)


def _canonical(etype: str, spellings: Counter) -> str:
    """The most used spelling among the fullest forms a person goes by (a surname alone is the name only when
    the corpus never gives more)."""
    if etype != "PER":
        return top_spelling(spellings)
    full = Counter({s: n for s, n in spellings.items() if len(s.split()) > 1})
    return top_spelling(full or spellings)

