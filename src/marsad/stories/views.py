"""A story as it is shown: its title (the article nearest its centre), outlets, dates, attributed summary, key
statements, timeline, framing and wire provenance, computed from its articles."""

from __future__ import annotations

from collections import defaultdict

from ..arabic.segment import index_terms
from ..store.views import CorpusDoc, Story
from .assign import StoryState
from .framing import frames, framing
from .inputs import StoryInputs
from .summary import statements, summary
from .timeline import timeline
from .wire import wire

VIEW_ARTICLES = 300        # a story's most recent articles its views are computed from (its list stays whole)


class ViewBuilder:
    """Views of the stories a run changed, from their articles' inputs (read once for all of them)."""

    def __init__(self, data: StoryInputs):
        self.data = data
        self.by_id = {d.id: d for d in data.docs}
        self.inputs = {a.id: a for a in data.articles}
        self.quotes = _group(data.quotes)
        self.people = _group(data.people)
        self.related: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for p in data.pairs:
            self.related[p.a].append((p.b, p.kind))
            self.related[p.b].append((p.a, p.kind))
        self.events = {a.id: a.event_day for a in data.articles if a.event_day}   # read once, by inputs.read

    def view(self, s: StoryState, members: list[str], n_articles: int) -> Story:
        docs = sorted((self.by_id[i] for i in members if i in self.by_id), key=lambda d: (d.published or "", d.id))
        quotes = [q for d in docs for q in self.quotes.get(d.id, [])]
        people = [m for d in docs for m in self.people.get(d.id, [])]
        dates = [d.published for d in docs if d.published]
        return Story(
            s.id, self._title(s, docs), sorted(members), sorted({d.outlet for d in docs if d.outlet}),
            min(dates) if dates else None, max(dates) if dates else None, s.storyline, summary(docs, quotes),
            timeline(docs, self.events),
            framing([(m.entity_id, m.canonical, self.by_id[m.doc_id].outlet, [m.title, *m.descriptors])
                     for m in people if m.entity_id]),
            wire(docs, self.related, self.data.origin), n_articles,
            statements([(q, self.by_id[q.doc_id].published, self.by_id[q.doc_id].outlet) for q in quotes]),
            frames(docs, people, quotes, {n for d in docs for _, n in self._entities(d.id)}, self._terms(docs)))

    def _terms(self, docs: list[CorpusDoc]) -> dict[str, str]:
        """The index words of these articles' titles and bodies the store gave (those it did not are derived)."""
        out = {}
        for d in docs:
            a = self.inputs.get(d.id)
            if a is not None and a.title_terms is not None and a.body_terms is not None:
                out[d.id] = f"{a.title_terms} {a.body_terms}"
        return out

    def _entities(self, doc_id: str) -> list[tuple[str, str]]:
        found = self.inputs.get(doc_id)
        return found.entities if found else []

    def _title(self, s: StoryState, docs: list[CorpusDoc]) -> str | None:
        """The title whose words are nearest the story's titles."""
        best, best_sim = None, -1.0
        for d in docs:
            if not d.title or d.id not in self.inputs:
                continue
            found = self.inputs[d.id].title_terms
            terms = (found if found is not None else index_terms(d.title)).split()
            # each word once, in the title's order: summed in a set's order (the process's string hashing), two
            # titles that tie but for the last bit of a float won in one run and lost in the next
            sim = sum(s.profile.title.get(t, 0.0) for t in dict.fromkeys(terms)) / (len(terms) or 1) ** 0.5
            if sim > best_sim:
                best, best_sim = d.title, sim
        return best or (docs[0].title if docs else None)


def _group(rows: list) -> dict[str, list]:
    out: dict[str, list] = defaultdict(list)
    for r in rows:
        out[r.doc_id].append(r)
    return out
