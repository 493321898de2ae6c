"""The corpus stages of entities: linking mentions across articles, and the table of canonical entities."""

from __future__ import annotations

from collections import Counter, defaultdict

from ..pipeline import entity_id as make_entity_id
from ..store.base import Store
from ..store.views import EntityView, MentionCount
from .linking import link

MAX_ALIASES, MAX_TITLES, MAX_TITLES_PER_OUTLET = 30, 30, 10


def link_stage(store: Store) -> dict:
    """Corpus-level linking (linking.py), restarted from what each article said on its own."""
    mapping = link(store.local_entities(), make_entity_id)
    return {"mentions linked across articles": store.apply_links(mapping)}


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
    out.sort(key=lambda x: (-x.articles, -x.mentions, x.canonical))
    return out


def table_stage(store: Store) -> dict:
    with store.snapshot():
        names = store.mention_counts()
        counts = store.entity_counts()
    entities = table(names, counts)
    store.write_entities(entities)
    return {"entities": len(entities)}
