"""What the stories stage reads from the store for a set of articles, read once per run in one snapshot."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..store.base import Store
from ..store.views import CorpusDoc, DayTime, DuplicatePair, PersonMention, StoredQuote
from .profile import ArticleInput
from .timeline import event_dates


@dataclass
class StoryInputs:
    docs: list[CorpusDoc]
    articles: list[ArticleInput]
    pairs: list[DuplicatePair]
    quotes: list[StoredQuote]
    people: list[PersonMention]
    day_times: list[DayTime]
    origin: dict[str, tuple[float, str | None]]


def in_time(doc: CorpusDoc) -> tuple[str, str]:
    """The order articles are placed in: by publication, then id. Why not the store's order: that is the order
    of arrival, and a repair would then depend on it."""
    return (doc.published or "9999", doc.id)


def read(store: Store, docs: list[CorpusDoc]) -> StoryInputs:
    """The Arabic articles among `docs` with everything stories are built from."""
    docs = sorted((d for d in docs if d.lang == "ar" and d.body and d.body.strip()), key=in_time)
    ids = [d.id for d in docs]
    terms = store.search_terms(0, doc_ids=ids)
    entities: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for doc_id, type_, name in store.entity_mentions(ids):
        entities[doc_id].append((type_, name))
    quotes = store.stored_quotes(ids)
    speakers: dict[str, list[str]] = defaultdict(list)
    for q in quotes:
        if q.speaker:
            speakers[q.doc_id].append(q.speaker)
    day_times = store.day_times(ids)
    events = event_dates(docs, day_times)
    articles = [ArticleInput(d.id, d.title or "", d.body, d.published, d.outlet,
                             terms[d.id][0] if d.id in terms else None, terms[d.id][1] if d.id in terms else None,
                             entities.get(d.id, []), speakers.get(d.id, []), events.get(d.id), d.seq) for d in docs]
    return StoryInputs(docs, articles, store.all_duplicates(ids), quotes, store.person_mentions(ids), day_times,
                       store.originality(ids))
