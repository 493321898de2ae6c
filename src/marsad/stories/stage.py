"""The stories corpus stage: stories and storylines over the store, with their summary, timeline, framing
and wire provenance.

Every read happens in one snapshot, then the views are computed and written in one write transaction together
with the high-water mark of the documents they cover. A document committed by another ingest meanwhile is
above the mark, so the store stays "dirty" and the next run includes it; an interrupted run leaves the
previous views in place.
"""

from __future__ import annotations

from collections import defaultdict

from ..store.base import Store
from ..store.views import CorpusDoc, Story, Storyline
from .cluster import Article, _stable_id, central_indices, cluster
from .framing import framing
from .summary import summary
from .timeline import event_dates, timeline
from .wire import wire


def update(store: Store) -> dict:
    with store.snapshot():
        mark = store.max_seq()
        docs = [d for d in store.corpus_documents(mark) if d.body and d.body.strip()]
        terms = store.search_terms(mark)
        pairs = store.all_duplicates()
        origin = store.originality()
        quotes = store.stored_quotes()
        people = store.person_mentions()
        day_times = store.day_times()
    arabic = sorted((d for d in docs if d.lang == "ar"), key=_in_time)
    when = {d.id: _in_time(d) for d in arabic}
    people = sorted(people, key=lambda m: when.get(m.doc_id, ("", m.doc_id)))   # stable: a text's own order stays
    arts = [Article(d.id, d.title or "", d.body, d.published, d.outlet,
                    f"{terms[d.id][0]} {terms[d.id][0]} {terms[d.id][1]}" if d.id in terms else None) for d in arabic]
    groups, chains, X = cluster(arts)
    related: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for p in pairs:
        related[p.a].append((p.b, p.kind))
        related[p.b].append((p.a, p.kind))
    stories, lines = build(arabic, groups, chains, X, related, quotes, people, origin, event_dates(arabic, day_times))
    store.write_stories(stories, lines, mark)
    return {"stories": len(stories), "storylines": len(lines)}


def _in_time(doc: CorpusDoc) -> tuple[str, str]:
    """The order articles are clustered in: by publication, then id. Why not the store's order: that is the order
    of arrival, and the stories would depend on it."""
    return (doc.published or "9999", doc.id)


def _lines(arabic: list[CorpusDoc], groups, chains, story_ids, central) -> tuple[list[Storyline], dict]:
    lines, line_of = [], {}
    for chain in chains:
        if len(chain) < 2:
            for s in chain:
                line_of[s] = None
            continue
        lid = _stable_id("l-", [story_ids[s] for s in chain])
        dates = [arabic[i].published for s in chain for i in groups[s] if arabic[i].published]
        head = min(chain, key=lambda s: min((arabic[i].published or "9999") for i in groups[s]))
        lines.append(Storyline(lid, arabic[central[head]].title, min(dates) if dates else None,
                               max(dates) if dates else None, len(chain)))
        for s in chain:
            line_of[s] = lid
    return lines, line_of


def build(arabic: list[CorpusDoc], groups, chains, X, related, quotes, people, origin,
          event_of: dict[str, str]) -> tuple[list[Story], list[Storyline]]:
    """Stories (article index groups) and storylines (story index chains) as views with everything they show."""
    if not groups:
        return [], []
    story_ids = [_stable_id("s-", [arabic[i].id for i in members]) for members in groups]
    central = central_indices(X, groups)
    story_of = {arabic[i].id: s for s, members in enumerate(groups) for i in members}
    by_id = {d.id: d for d in arabic}
    quotes_by_story: dict[int, list] = defaultdict(list)
    for q in quotes:
        s = story_of.get(q.doc_id)
        if s is not None:
            quotes_by_story[s].append((q, by_id[q.doc_id].published))
    frames_by_story: dict[int, list] = defaultdict(list)
    for m in people:
        s = story_of.get(m.doc_id)
        if s is not None:
            frames_by_story[s].append((m.entity_id, m.canonical, by_id[m.doc_id].outlet, [m.title, *m.descriptors]))
    lines, line_of = _lines(arabic, groups, chains, story_ids, central)
    stories = []
    for s, members in enumerate(groups):
        docs = [arabic[i] for i in members]
        dates = sorted(d.published for d in docs if d.published)
        stories.append(Story(
            story_ids[s], arabic[central[s]].title, [d.id for d in docs], sorted({d.outlet for d in docs if d.outlet}),
            dates[0] if dates else None, dates[-1] if dates else None, line_of.get(s),
            summary(quotes_by_story.get(s, [])), timeline(docs, event_of), framing(frames_by_story.get(s, [])),
            wire(docs, related, origin), len(members)))
    return stories, lines
