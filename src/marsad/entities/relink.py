"""Linking from the batch: where the names a batch brought (and those it took away) change where names go, found
through the store's table of linked names (`link_keys`), so that a run reads the names near the batch's, not every
name of the store.

linking.py decides where a name goes from every name of the corpus, but what it reads for one name is narrow:
- a person's name: its pool (the names sharing its given name, or its family name), where the fuller name it is a
  short form of is found (`direct`), then the chain of fuller names after that (`target`);
- an organization named with its country's adjective: the names with the same stem;
- a role left open ("ولي العهد" in an August article): who the corpus names with it that month and the months
  on either side;
- a name's entity: the spellings of every name that goes to the same one (its canonical spelling).
A batch changes the counts of a few names. This module recomputes what depends on them, in that order, and the
result is the one `link` gives over the whole store (tests/test_relink.py checks it batch by batch); the first run
over a store, and `marsad corpus --full`, link everything with `link` and fill the table.

Names are their local entity ids (a hash of type and name key, `pipeline.entity_id`), as the store keeps them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import astuple, dataclass, replace

from ..pipeline import key_entity_id
from ..store.base import Store
from .linking import Key, Link, Linked, PersonIndex, RoleHolders, around, direct_of, follow, outputs, top_spelling
from .names import entity_key
from .national import nisba_country
from .person_name import PersonName, fuller, parse
from .roles import parse_role_name

Name = tuple[str, str, str, int]            # (local entity id, type, local canonical, mentions)
Role = tuple[str, str, str, str, int]       # (local canonical, title, the word before it, month, mentions)


def key_id(k: Key) -> str:
    """A name's local entity id: `pipeline.entity_id` of any of its spellings."""
    return key_entity_id(*k)


@dataclass(frozen=True, slots=True)
class KeyRow:
    """A row of `link_keys`: one name, what finds it, and where it goes (local entity ids)."""
    lid: str
    type: str
    key: str
    top: str                     # its most used spelling (the first counted among equals)
    given: str | None = None     # a person's (not a role's): its name's parts (person_name.PersonName), by which
    family: str | None = None    # its fuller forms are found
    parts: int | None = None
    nasab: str | None = None     # the fathers' names, joined by tabs
    kunya: str | None = None
    with_bin: bool | None = None
    stem: str | None = None      # an organization named with a country's adjective: the name without it
    role_words: str | None = None
    role_month: str | None = None
    direct: str | None = None    # a person's: the fuller name, itself, or None (unresolved)
    target: str | None = None    # the name whose entity it takes; None: unresolved

    @property
    def person(self) -> bool:
        return self.type == "PER" and self.role_words is None

    def parsed(self) -> PersonName:
        """The person's name as `parse` reads its most used spelling, without parsing it again."""
        return PersonName(self.given, tuple(self.nasab.split("\t")) if self.nasab else (), self.family, self.kunya,
                          bool(self.with_bin))

    @property
    def role(self) -> tuple[tuple[str, ...], str | None] | None:
        return None if self.role_words is None else (tuple(self.role_words.split()), self.role_month)


def facts(lid: str, k: Key, top: str) -> KeyRow:
    """What a name is found by, from its most used spelling (where it goes is set after)."""
    role = parse_role_name(top) if k[0] == "PER" else None
    if role is not None:
        return KeyRow(lid, k[0], k[1], top, role_words=" ".join(role[0]), role_month=role[1])
    if k[0] == "PER":
        p = parse(top)
        return KeyRow(lid, k[0], k[1], top, p.given, p.family, p.parts, "\t".join(p.nasab) or None, p.kunya,
                      p.with_bin)
    words = top.split() if k[0] == "ORG" else []
    if len(words) >= 4 and nisba_country(words[-1]) is not None:
        return KeyRow(lid, k[0], k[1], top, stem=key_id(("ORG", entity_key("ORG", " ".join(words[:-1])))))
    return KeyRow(lid, k[0], k[1], top)


def full_rows(linked: Linked) -> list[KeyRow]:
    """Every name's row, from a whole-store `link`."""
    ids = {k: key_id(k) for k in linked.by_key}
    rows = []
    for k, spellings in linked.by_key.items():
        row = facts(ids[k], k, top_spelling(spellings))
        d = linked.direct.get(k, k) if row.person else None
        t = linked.target.get(k)
        rows.append(replace(row, direct=None if d is None else ids[d], target=None if t is None else ids[t]))
    return rows


class Relink:
    """One run's view of the names: stored rows read as needed, and the new rows of those the batch changed."""

    def __init__(self, store: Store, entity_id: Callable[[str, str], str]) -> None:
        self.store, self.entity_id = store, entity_id
        self.stored: dict[str, KeyRow | None] = {}        # as the table has them (None: no such name)
        self.new: dict[str, KeyRow | None] = {}           # changed by this run (None: no longer counted)
        self.spellings: dict[str, Counter] = {}           # current spellings, read or recounted
        self.was: dict[str, set[str]] = {}                # the spellings the batch's names had before it

    # -- reading -------------------------------------------------------------------------------------------------
    def _keep(self, rows: list[tuple]) -> list[KeyRow]:
        out = []
        for r in rows:
            row = self.stored.get(r[0]) or KeyRow(*r)
            self.stored[row.lid] = row
            out.append(row)
        return out

    def load(self, lids) -> None:
        missing = [lid for lid in lids if lid not in self.stored]
        self._keep(self.store.link_keys("local_entity_id", missing))
        for lid in missing:
            self.stored.setdefault(lid, None)

    def row(self, lid: str) -> KeyRow | None:
        if lid in self.new:
            return self.new[lid]
        if lid not in self.stored:
            self.load([lid])
        return self.stored[lid]

    def spelled(self, lids) -> None:
        """The spellings of these names, as counted (in the order `link` counts them: by type and spelling)."""
        missing = sorted(set(lids) - set(self.spellings))
        found: dict[str, Counter] = defaultdict(Counter)
        for lid, _, canonical, n in sorted(self.store.name_rows(missing)):
            found[lid][canonical] += n
        for lid in missing:
            self.spellings[lid] = found.get(lid, Counter())

    def _put(self, row: KeyRow | None, lid: str) -> None:
        self.new[lid] = row

    # -- the run -------------------------------------------------------------------------------------------------
    def run(self, pending: list[Name], roles: list[Role]
            ) -> tuple[dict[str, Link], set[str], dict[str, Link]] | None:
        """Returns the new (entity id, canonical) of every name whose own may have changed, the names no longer
        counted, and what those had before; None when a pending name is not its id's (link the whole store)."""
        changed = self._recount(pending)
        if changed is None:
            return None
        moved = self._people(changed)
        moved |= self._organizations(changed)
        moved |= self._roles(changed, moved, roles)
        return self._outputs(changed | moved)

    def _recount(self, pending: list[Name]) -> set[str] | None:
        """The batch's names with their new counts and spellings, and what they are found by: the names the rest
        of the run starts from."""
        keys: dict[str, Key] = {}
        for lid, etype, canonical, _ in pending:
            k = (etype, entity_key(etype, canonical))
            if k[1] and key_id(k) != lid:
                return None
            if k[1]:
                keys[lid] = k
        self.load(keys)
        self.spelled(keys)
        self.was = {lid: set(self.spellings[lid]) for lid in keys}
        for lid, _, canonical, n in sorted(pending):
            if lid in keys:
                self.spellings[lid][canonical] += n
        for lid, k in keys.items():
            spellings = self.spellings[lid] = Counter(
                {s: n for s, n in sorted(self.spellings[lid].items()) if n > 0})
            old = self.stored[lid]
            row = facts(lid, k, top_spelling(spellings)) if spellings else None
            if row is not None:
                kept = old is not None and old.person and row.person
                row = replace(row, direct=old.direct if kept else None, target=old.target if old else None)
                if row.type not in ("PER", "ORG"):
                    row = replace(row, target=lid)
            self._put(row, lid)
        return set(keys)

    def _people(self, changed: set[str]) -> set[str]:
        """Persons' names whose fuller form (direct) may have changed, then those whose chain runs through one:
        their new targets. Returns the names whose target changed."""
        olds = [self.stored[lid] for lid in changed]
        news = [self.new[lid] for lid in changed]
        parses = [r.parsed() for r in olds + news if r is not None and r.person]
        if not parses:
            return set()
        given = {p.given for p in parses if p.given is not None}
        # the family names whose pools hold the changed names, and a word alone's own pool (its family name's)
        family = {p.family for p in parses if p.family is not None}
        family |= {p.given for p in parses if p.parts < 2 and p.family is None and p.given is not None}
        near = {r.lid for r in self._keep(self.store.near_link_keys(given, family))}
        pool = {lid for lid in near | changed if (r := self.row(lid)) is not None and r.person}
        self.spelled(pool)
        index = PersonIndex({self._key(lid): self.spellings[lid] for lid in sorted(pool)},
                             {self._key(lid): self.row(lid).parsed() for lid in pool})
        depend = _Changed(parses).depend
        affected = [lid for lid in sorted(pool) if lid in changed or depend(index.parsed[self._key(lid)])]
        redirected = {lid for lid in changed if (old := self.stored[lid]) is not None and old.person
                      and (self.new[lid] is None or not self.new[lid].person)}
        for lid in affected:
            d = direct_of(index, self._key(lid))
            d = None if d is None else key_id(d)
            old = self.stored.get(lid)
            if old is None or not old.person or old.direct != d:
                redirected.add(lid)
            self._put(replace(self.row(lid), direct=d), lid)
        return self._retarget(redirected)

    def _key(self, lid: str) -> Key:
        r = self.row(lid)
        return (r.type, r.key)

    def _retarget(self, redirected: set[str]) -> set[str]:
        """New targets of the persons' names whose direct changed and of those whose chain runs through one."""
        above, frontier = set(redirected), set(redirected)
        while frontier:
            found = {r.lid for r in self._keep(self.store.link_keys("direct", frontier))}
            found |= {lid for lid, r in self.new.items() if r is not None and r.direct in frontier}
            frontier = {lid for lid in found if lid not in above and (r := self.row(lid)) is not None and r.person}
            above |= frontier
        people = [lid for lid in sorted(above) if (r := self.row(lid)) is not None and r.person]
        moved = {lid for lid in redirected if self.row(lid) is None or not self.row(lid).person}
        for lid, t in follow(self._chains(people), people).items():
            moved |= self._aim(self.row(lid), t)
        return moved

    def _chains(self, lids: list[str]) -> dict[str, str | None]:
        """The direct of every name on these names' chains."""
        directs: dict[str, str | None] = {}
        frontier = set(lids)
        while frontier:
            self.load(frontier)
            nxt = set()
            for lid in frontier:
                d = (r := self.row(lid)) and r.direct
                directs[lid] = d
                if d is not None and d not in directs:
                    nxt.add(d)
            frontier = nxt - set(directs)
        return directs

    def _organizations(self, changed: set[str]) -> set[str]:
        """Organizations named with and without their country's adjective: one when the corpus gives the name no
        other country (linking._one_country_names), for the stems the batch's names touch."""
        orgs = [lid for lid in changed if any(r is not None and r.type == "ORG"
                                              for r in (self.stored[lid], self.new[lid]))]
        stems = {r.stem for lid in orgs for r in (self.stored[lid], self.new[lid]) if r is not None and r.stem}
        stems |= set(orgs)
        if not stems:
            return set()
        members = {r.lid for r in self._keep(self.store.link_keys("stem", stems))} | set(orgs)
        self.load(stems)
        by_stem: dict[str, list[KeyRow]] = defaultdict(list)
        for lid in sorted(members):
            r = self.row(lid)
            if r is not None and r.type == "ORG":
                by_stem[r.stem or ""].append(r)
        moved = set()
        for stem in stems:
            countries = {nisba_country(r.top.split()[-1]) for r in by_stem.get(stem, [])}
            one = self.row(stem) is not None and len(countries) == 1
            for r in by_stem.get(stem, []):
                moved |= self._aim(r, stem if one else r.lid)
        for lid in orgs:
            r = self.row(lid)
            if r is not None and not r.stem:
                moved |= self._aim(r, lid)
        return moved

    def _aim(self, row: KeyRow, target: str | None) -> set[str]:
        """The name goes to `target`; {it} when that is not where the table had it go."""
        old = self.stored.get(row.lid)
        self._put(replace(row, target=target), row.lid)
        return {row.lid} if old is None or old.target != target else set()

    def _roles(self, changed: set[str], moved: set[str], roles: list[Role]) -> set[str]:
        """Roles left open whose holder may have changed: in the months around those where the batch counted a
        role's holders, where a holder's name now goes elsewhere, and the batch's own role names."""
        months = {r[3] for r in roles}
        people = [lid for lid in moved if any(r is not None and r.type == "PER"
                                              for r in (self.stored.get(lid), self.new.get(lid)))]
        if people:
            self.spelled(people)
            months |= self.store.role_months([s for lid in people
                                              for s in self.spellings[lid].keys() | self.was.get(lid, set())])
        own = [lid for lid in changed if (r := self.new[lid]) is not None and r.role is not None]
        if not months and not own:
            return set()
        near = sorted({m for month in months for m in around(month)})
        keys = {r.lid for r in self._keep(self.store.role_link_keys(near))} if months else set()
        keys = {lid for lid in keys | set(own) if (r := self.row(lid)) is not None and r.role is not None}
        asked = [self.row(lid).role[1] for lid in keys]
        read = None if None in asked else sorted({m for month in asked for m in around(month)})
        counts: dict[tuple, int] = {row[:-1]: row[-1] for row in self.store.role_titles(read)}
        for row in roles:
            if read is None or row[3] in read:
                counts[row[:-1]] = counts.get(row[:-1], 0) + row[-1]
        holders = [(*k, n) for k, n in sorted(counts.items()) if n > 0]
        names = {("PER", entity_key("PER", c)) for c in {h[0] for h in holders}}
        self.load(key_id(k) for k in names)
        target = {k: r.target for k in names if (r := self.row(key_id(k))) is not None and r.person}
        found = RoleHolders(holders, target).resolve({self._key(lid): self.row(lid).role for lid in keys})
        return set().union(*(self._aim(self.row(key_id(k)), t) for k, t in found.items())) if found else set()

    def _outputs(self, moved: set[str]) -> tuple[dict[str, Link], set[str], dict[str, Link]]:
        """Every name of the entities the moved names left or joined, with its (entity id, canonical)."""
        ends = {t for lid in moved for r in (self.stored.get(lid), self.new.get(lid)) if r is not None
                for t in (r.target,) if t is not None}
        members = {r.lid for r in self._keep(self.store.link_keys("target", ends))} | moved
        self.load(members | ends)
        members = {lid for lid in members if (r := self.row(lid)) is not None and (r.target in ends or lid in moved)}
        self.spelled(members)
        rows = {lid: self.row(lid) for lid in sorted(members)}
        by_key = {(r.type, r.key): self.spellings[lid] for lid, r in rows.items()}
        target = {(r.type, r.key): None if r.target is None else self._key(r.target) for r in rows.values()}
        roles = {(r.type, r.key) for r in rows.values() if r.role is not None}
        out = outputs(by_key, target, roles, self.entity_id)
        gone = {lid for lid in moved if self.row(lid) is None}
        before = self.store.links_of(set(rows) | gone)
        return {r.lid: out[k] for k, r in zip(by_key, rows.values())}, gone, before

    def changed_rows(self) -> tuple[list[tuple], list[str]]:
        """The table rows to write and the names to drop."""
        rows = [astuple(r) for lid, r in sorted(self.new.items()) if r is not None and r != self.stored.get(lid)]
        return rows, sorted(lid for lid, r in self.new.items() if r is None and self.stored.get(lid) is not None)


class _Changed:
    """The changed persons' names (as they were and are), by the parts a name they may be a fuller form of shares
    with them (as linking.PersonIndex._fuller_pool finds fuller forms): `fuller` wants the given names equal,
    the family names equal when the shorter has one, and one nasab chain to start the other."""

    def __init__(self, parses: list[PersonName]) -> None:
        self.by_given: dict[str, list[PersonName]] = defaultdict(list)
        self.by_given_family: dict[tuple, list[PersonName]] = defaultdict(list)
        self.by_given_nasab: dict[tuple, list[PersonName]] = defaultdict(list)
        self.by_family: dict[str, list[PersonName]] = defaultdict(list)
        for q in parses:
            if q.given is not None:
                self.by_given[q.given].append(q)
                self.by_given_family[(q.given, q.family)].append(q)
                self.by_given_nasab[(q.given, q.nasab[0] if q.nasab else None)].append(q)
            if q.family is not None:
                self.by_family[q.family].append(q)

    def depend(self, p: PersonName) -> bool:
        """Can a changed name be a candidate for this name's fuller form: a fuller name in its pool, or, for a word
        alone, any full name in its pool (the full names with that word as their family name)?"""
        if p.parts < 2:
            word = p.family if p.family is not None else p.given
            return any(q.parts > 1 for q in self.by_family.get(word, ()))
        if p.given is None:
            same = self.by_family.get(p.family, ())
        elif p.family is not None:
            same = self.by_given_family.get((p.given, p.family), ())
        elif p.nasab:
            same = self.by_given_nasab.get((p.given, p.nasab[0]), []) + self.by_given_nasab.get((p.given, None), [])
        else:
            same = self.by_given.get(p.given, ())
        return any(fuller(p, q) for q in same)
