"""The corpus stages of entities: linking mentions across articles, and the table of canonical entities.

Both are incremental. Linking reads the names the new batch brought (and those re-cleaning or deleting took away),
adds them to the store's counted names and links the names again (linking.py works on distinct names, not on
mentions); only mentions whose link changed, and the new ones, are written. The table then adds the counts of new
articles, takes off and adds again those of articles analysed again (re-cleaned by a template, reprocessed) and
takes off those of deleted ones, and counts again whole only the entities whose links moved mentions. `full=True`
starts both from what each article said, as a check or after an upgrade of the rules.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import astuple

from ..pipeline import entity_id as make_entity_id
from ..store.base import Store
from ..store.views import EntityView, MentionCount
from .linking import link_names
from .relink import Relink, full_rows, key_id

MAX_ALIASES, MAX_TITLES, MAX_TITLES_PER_OUTLET = 30, 30, 10


def link_stage(store: Store, full: bool = False) -> dict:
    """Corpus-level linking (linking.py) of the mentions stored since the last run: from the batch's names
    (relink.py) once the store keeps where each name goes, from every name the first time and when asked."""
    if full:
        store.reset_links()
    with store.snapshot():
        mark = store.max_seq()
        pending = store.pending_names(mark)
        if not pending and store.links_ready():
            return {"mentions linked across articles": store.linked_mentions()}
        roles = store.pending_role_titles(mark)
    return {"mentions linked across articles": link_batch(store, mark, pending, roles)}


def link_batch(store: Store, mark: int, pending: list[tuple], roles: list[tuple]) -> int:
    """Link these counts of names (and of role holders) added and taken away; returns the linked mentions."""
    with store.snapshot():
        relink = Relink(store, make_entity_id) if store.links_ready() and pending else None
        found = relink.run(pending, roles) if relink is not None else None
        if found is None:
            names, before, holders = store.local_names(), store.entity_links(), store.role_titles()
    if found is not None:
        mapping, gone, before = found
        keys, whole = relink.changed_rows(), False
    else:
        linked = link_names(_merged(names, pending), make_entity_id, _merged(holders, roles))
        mapping = {eid: linked.out[k] for eid, k in linked.local_key.items()}
        gone = set(before) - set(mapping)
        # the table of names is kept when every name is its local id's (as `pipeline.entity_id` makes them)
        whole = all(key_id(k) == eid for eid, k in linked.local_key.items())
        keys = ([astuple(r) for r in full_rows(linked)], []) if whole else None
    changed = {k: v for k, v in mapping.items() if before.get(k) != v}
    gone = sorted(g for g in gone if g in before)
    # entities that lost or gained mentions already counted, counted again whole; a new name's mentions are the
    # batch's, which the table adds to the counts it has
    moved = [k for k in [*changed, *gone] if k in before]
    touched = {before[k][0] for k in moved} | {changed[k][0] for k in moved if k in changed}
    return store.commit_links(mark, pending, changed, gone, {t for t in touched if t}, roles, keys=keys,
                              all_keys=whole)


def _merged(stored: list[tuple], pending: list[tuple]) -> list[tuple]:
    """The stored counts (rows whose last item is a count) with the batch's added (and removed) mentions, rows with
    no mention left dropped, in the order the store keeps them."""
    counts: dict[tuple, int] = {row[:-1]: row[-1] for row in stored}
    for row in pending:
        counts[row[:-1]] = counts.get(row[:-1], 0) + row[-1]
    return [(*k, n) for k, n in sorted(counts.items()) if n > 0]


def table(names: list[MentionCount], counts: dict[str, tuple[int, int]]) -> list[EntityView]:
    """One entity per id: its most common full name, aliases, titles (overall and by outlet) and counts, the
    entities in most articles first. Counting happens in the store; this ranks the few names per entity."""
    agg: dict[str, dict] = {}
    for m in names:
        if m.entity_id is None:                       # a bare given name left unresolved: no corpus entity
            continue
        e = agg.setdefault(m.entity_id, {"type": Counter(), "canonical": Counter(), "aliases": Counter(),
                                         "titles": Counter(), "by_outlet": defaultdict(Counter)})
        e["type"][m.type] += m.count
        e["canonical"][m.canonical] += m.count
        if m.name != m.title:                         # a title-only reference ("ولي العهد") is no name of his
            e["aliases"][m.name] += m.count
        if m.title:
            e["titles"][m.title] += m.count
            e["by_outlet"][m.outlet or ""][m.title] += m.count
    out = []
    for eid, e in agg.items():
        canonical = e["canonical"].most_common(1)[0][0]
        aliases = [a for a, _ in e["aliases"].most_common() if a != canonical][:MAX_ALIASES]
        titles = [t for t, _ in e["titles"].most_common(MAX_TITLES)]
        by_outlet = {o: [t for t, _ in c.most_common(MAX_TITLES_PER_OUTLET)] for o, c in sorted(e["by_outlet"].items())}
        n, docs = counts[eid]
        out.append(EntityView(eid, canonical, e["type"].most_common(1)[0][0], aliases, titles, n, docs, by_outlet))
    out.sort(key=lambda x: (-x.articles, -x.mentions, x.canonical, x.entity_id))
    return out


def table_stage(store: Store) -> dict:
    """The rows of the entities the run touched. Entities whose mentions only came or went with articles (new,
    analysed again, deleted) take those articles' counts on or off the counts the table was written with; those
    whose links moved mentions are counted again from their mentions; after a full link, all of them are."""
    with store.snapshot():
        recount = store.touched_entities()
        mark = store.max_seq()
        if recount is None:
            names, counts = store.mention_counts(), store.entity_counts()
        else:
            names, counts = _added(store, set(recount), (store.entities_mark(), mark))
            names += store.mention_counts(recount)
            counts.update(store.entity_counts(recount))
    entities = table(names, counts)
    only = None if recount is None else sorted(set(recount) | set(counts) - {None}
                                               | {n.entity_id for n in names if n.entity_id})
    store.write_entities(entities, only=only, counts=names, mark=mark)
    return {"entities": store.entities(limit=0).total if only is not None else len(entities)}


def _added(store: Store, recount: set[str], docs: tuple[int, int]
           ) -> tuple[list[MentionCount], dict[str, tuple[int, int]]]:
    """The counts of the entities that articles stored, analysed again or deleted since the table was written
    name, and of those that speak in them (all but those counted again whole): what the table was written with,
    plus the mentions of the new and re-analysed articles, less what the re-analysed and deleted ones had when the
    table counted them; ordered as counting them from the mentions would order them. An article analysed again
    costs its own mentions, not a count of every entity it names over the store."""
    redone = store.redone_documents()
    taken, taken_totals = store.count_changes()
    new = [m for m in store.mention_counts(docs=docs) + store.mention_counts(doc_ids=redone) + taken
           if m.entity_id is not None and m.entity_id not in recount]
    ids = sorted({m.entity_id for m in new} | (set(taken_totals) | store.speaker_entities(docs, redone)) - recount)
    merged: dict[tuple, int] = {}
    for m in store.counted_mentions(ids) + new:
        key = (m.entity_id, m.type, m.canonical, m.name, m.title, m.outlet)
        merged[key] = merged.get(key, 0) + m.count
    names = [MentionCount(*k, n) for k, n in sorted(merged.items(), key=lambda kv: _nulls_first(kv[0])) if n > 0]
    parts = (store.entity_totals(ids), store.entity_counts(docs=docs), store.entity_counts(doc_ids=redone),
             taken_totals)
    counts = {e: tuple(sum(p.get(e, (0, 0))[i] for p in parts) for i in (0, 1)) for e in ids}
    return names, counts


def _nulls_first(key: tuple) -> tuple:
    return tuple((v is not None, v or "") for v in key)
