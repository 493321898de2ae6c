"""Incremental story assignment: each new article joins the recent story that reports the same event, or opens
one. Stories keep their ids as they grow.

An article is compared only with the stories an index finds for it (stories of the last days sharing one of
its heaviest words or names), so the cost grows with the batch and the news of those days, never with the store.
Rules come before the learned score, and each placement says which fired (`Placement.why`):
1. copy: a duplicate pair scored COPY_FORCE or more with an article already placed in a story of the same month
   (COPY_WINDOW_DAYS) puts the article in that article's story, whatever its words: one wire text is one event
   (printed again months later, it is news again: a story of its own);
2. other actors: a story whose people and bodies are all others than the article's is another event of the same
   kind ("the King receives condolences" is not "the Deputy Crown Prince receives condolences");
3. same event: the best score of the event model (stories/event.py) at its threshold or above; a looser duplicate
   pair (two texts sharing a release's paragraph) is one of the score's features;
4. opened: none of the above.
After a run's articles are placed, the stories it opened that report the event of another story of their days
are folded into it (pieces of one event opened before their articles showed it), and then those linked by the
affair model to other stories of their days as one affair (a bombing, its condemnations, the funerals of its
victims: stories/affair.py, `fold_affairs`), so that a story is one happening with its reactions and follow-ups;
the rule of other actors holds there too, for stories as wholes (`other_affair_actors`).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass

import numpy as np
import orjson

from .affair import AffairModel, Folding
from .event import MAX_GAP_DAYS, EventModel, features
from .profile import ArticleProfile, StoryProfile, heaviest_first, top_items

QUERY_TERMS = 12          # an article's heaviest words looked up in the index
INDEX_TERMS = 30          # a story's heaviest words it is found by (plus every word its articles were found by)
MAX_CANDIDATES = 25       # stories scored in full per article, those sharing most index weight
AFFAIR_CANDIDATES = 16    # stories a new story is compared with as one affair: those sharing most index weight
VERIFY_BELOW = 0.9        # a weaker affair link from a story folded into another is checked on what they are now
WINDOW_DAYS = MAX_GAP_DAYS
OTHER_ACTORS = True       # rule 2 below
COPY_FORCE = 0.8          # a duplicate pair this close is one text: its story is the article's
COPY_WINDOW_DAYS = 30     # ... when that story reports a day this close to the article's: the same release run a
                          # week later by a print paper, or dated apart by each lead ("خلال العيد" / "أمس"), is one
                          # event; the same text printed again months later is news again
OTHER_AFFAIR_ACTORS = True  # no affair link between stories of other actors (`other_affair_actors`)
SCORE_CHUNK = 512         # story pairs the affair model scores at once


def story_id(first_article: str) -> str:
    """A story is named after the article that opened it, so its id never changes as it grows."""
    return "s-" + hashlib.sha1(first_article.encode()).hexdigest()[:10]


class StoryState:
    """A story as a run holds it. profile None: an earlier story not read whole (storylines.Linker reads it if
    needed). A story read from the store with its lookup (`stored`) holds its profile as JSON text until it is
    first read: the book indexes it by the lookup's keys and days, and only about half of the stories of a batch's
    days are ever compared (parsing all of them was a fifth of the assignment, and half its memory)."""

    __slots__ = ("id", "_profile", "storyline", "added", "new", "_raw", "_lookup")

    def __init__(self, id: str, profile: StoryProfile | None, storyline: str | None = None,
                 added: list[str] | None = None, new: bool = False):
        self.id, self._profile, self.storyline = id, profile, storyline
        self.added: list[str] = added if added is not None else []     # articles placed in this run
        self.new = new
        self._raw: str | None = None
        self._lookup: dict | None = None

    @classmethod
    def stored(cls, id: str, raw: str, lookup: dict, storyline: str | None) -> StoryState:
        """An earlier story whose profile (JSON text) is parsed when first read; lookup: its "keys" and "days"."""
        s = cls(id, None, storyline)
        s._raw, s._lookup = raw, lookup
        return s

    @property
    def profile(self) -> StoryProfile | None:
        if self._raw is not None:
            self._profile, self._raw, self._lookup = StoryProfile.from_json(orjson.loads(self._raw)), None, None
        return self._profile

    @profile.setter
    def profile(self, value: StoryProfile | None) -> None:
        self._profile, self._raw, self._lookup = value, None, None

    def index_keys(self) -> list[str]:
        """What the book finds the story by (`_story_keys`), without parsing a stored profile."""
        return self._lookup["keys"] if self._lookup is not None else _story_keys(self.profile)

    def actor_names(self):
        """The story's people and bodies (its profile's `actors`), read from the lookup's keys while the profile is
        not parsed: placement refuses a story of other actors before comparing it, and half of the stored stories
        it first meets are refused so (10,000-article store, 2026-12-06)."""
        if self._lookup is not None:
            return {k[1:] for k in self._lookup["keys"] if k.startswith("@")}
        return self.profile.actors.keys()

    def event_days(self) -> list[int | None]:
        """The days the book files the story under (None: undated), without parsing a stored profile."""
        days = self._lookup["days"] if self._lookup is not None else list(self.profile.days)
        return days or [None]


@dataclass
class Placement:
    article: str
    story: str
    why: str


class StoryBook:
    """The stories an article may join: the recent stories read from the store and those this run opens."""

    def __init__(self, stories: list[StoryState], model: EventModel, affairs: AffairModel | None = None):
        """affairs: the model that folds the stories of one affair together after placement; None: no folding."""
        self.model = model
        self.affairs = affairs
        self.stories: dict[str, StoryState] = {}
        self.postings: dict[str, set[str]] = defaultdict(set)
        self.by_day: dict[int | None, set[str]] = defaultdict(set)
        self._near: dict[int | None, set[str]] = {}      # day → the stories of the days around it (`_near_days`)
        for s in stories:
            self._index(s, s.index_keys())

    def _index(self, s: StoryState, keys) -> None:
        self.stories[s.id] = s
        for k in keys:
            self.postings[k].add(s.id)
        for d in s.event_days():
            self.by_day[d].add(s.id)
            for near in self._near_sets(d):
                near.add(s.id)

    def _near_sets(self, d: int | None) -> list[set[str]]:
        """The remembered `_near_days` sets a story of day d belongs to."""
        if d is None:
            return [self._near[None]] if None in self._near else []
        return [self._near[c] for c in range(d - WINDOW_DAYS, d + WINDOW_DAYS + 1) if c in self._near]

    def rename(self, mapping: dict[str, str]) -> None:
        """Gives stories other ids (a repair keeps the old ones); call before anything reads the index again."""
        renamed = {old: self.stories.pop(old) for old in mapping}
        self._near = {}
        for old, s in renamed.items():
            s.id = mapping[old]
            self.stories[s.id] = s

    def forget_unchanged(self) -> None:
        """Keeps only the stories this run added articles to, and no index: what is left to do with the book
        once placement and storylines are done (views and the write) reads those alone."""
        self.stories = {sid: s for sid, s in self.stories.items() if s.added}
        self.postings = defaultdict(set)
        self.by_day = defaultdict(set)
        self._near = {}

    def candidates(self, a: ArticleProfile, limit: int = MAX_CANDIDATES) -> list[StoryState]:
        near = self._near_days(a.day)
        hits: dict[str, float] = {}
        get = hits.get
        for key, w in _article_keys(a):
            posting = self.postings.get(key)
            if posting:
                for sid in posting & near:          # each story's sum adds the keys in the same order
                    hits[sid] = get(sid, 0.0) + w
        return [self.stories[sid] for sid, _ in top_items(hits, limit)]

    def _near_days(self, day: int | None) -> set[str]:
        """The stories reporting a day within WINDOW_DAYS of `day` (the undated ones for None), remembered per day
        and kept up to date as stories are indexed and dropped: a batch asks for the same few days thousands of
        times. The set is the book's own: read it, do not change it."""
        if day not in self._near:
            if day is None:
                self._near[None] = set(self.by_day.get(None, ()))
            else:
                out: set[str] = set()
                for d in range(day - WINDOW_DAYS, day + WINDOW_DAYS + 1):
                    out |= self.by_day.get(d, set())
                self._near[day] = out
        return self._near[day]

    def place(self, a: ArticleProfile, partner_stories: list[tuple[str, float]]) -> Placement:
        """partner_stories: (story, pair score) of the article's copies already placed. A copy's story counts
        only when it reports a day within COPY_WINDOW_DAYS of the article's (`near_day`), so that a run (which
        reads the stories of its copies' partners beside those of its days) and a repair (which holds every
        story) place a text printed again months later alike: it opens a story of its own."""
        known = [(s, score) for s, score in partner_stories if s in self.stories and near_day(a, self.stories[s])]
        copies = Counter(s for s, score in known if score >= COPY_FORCE)
        if copies:
            sid, _ = min(copies.items(), key=heaviest_first)
            return self._join(a, self.stories[sid], "copy of an article in the story")
        shared: dict[str, float] = {}
        for sid, score in known:
            shared[sid] = max(shared.get(sid, 0.0), score)
        found = {s.id: s for s in self.candidates(a)}
        found.update((sid, self.stories[sid]) for sid in shared)
        best, best_p = self._best(a, list(found.values()), shared)
        if best is None:
            s = StoryState(story_id(a.id), StoryProfile(), new=True)
            return self._join(a, s, "opened: no recent story reports the same event")
        return self._join(a, best, f"same event, score {best_p:.2f}")

    def _best(self, a: ArticleProfile, found: list[StoryState], shared: dict[str, float],
              threshold: float | None = None) -> tuple[StoryState | None, float]:
        """The story the article most likely reports the same event as, at `threshold` or above. Rule before
        the score: a story whose people and bodies are all others than the article's (both naming some) is
        another event of the same kind, unless they share a text."""
        best, best_p = None, self.model.threshold if threshold is None else threshold
        for s in sorted(found, key=lambda s: s.id):
            copy = shared.get(s.id, 0.0)
            if OTHER_ACTORS and not copy and _other_names(a.actors, s.actor_names()):
                continue
            p = self.model.score(features(a, s.profile, copy))
            if p >= best_p:
                best, best_p = s, p
        return best, best_p

    def merge_new(self, threshold: float) -> dict[str, str]:
        """Stories opened in this run that report the event of another story of their days, folded into it (the
        smaller into the larger): pieces of one event opened before their articles showed it. Returns the
        folded story → the story it went to."""
        folded: dict[str, str] = {}
        for s in sorted((s for s in self.stories.values() if s.new), key=lambda s: (s.profile.n, s.id)):
            if s.id in folded:
                continue
            a = s.profile.as_article(s.id)
            others = [c for c in self.candidates(a) if c.id != s.id and c.id not in folded]
            into, _ = self._best(a, others, {}, threshold)
            if into is not None:
                self._fold(s, into, folded)
        return folded

    def fold_affairs(self, model: AffairModel) -> dict[str, str]:
        """Stories opened in this run that tell one affair with other stories of their days (a condemnation of
        the bombing, a funeral of its victims), folded together. Every new story is scored by the affair model
        (stories/affair.py) against the AFFAIR_CANDIDATES stories the index finds for it; the links at the
        model's threshold or above are taken strongest first, and the two stories (or what they have grown
        into) become one. Why links and not one best story each: placement splits a large affair into dozens of
        happenings, each close to a few others and to no single main story; folding each into its best larger
        story, smallest first (the earlier way), kept half of a bombing's pieces apart. Why a check: a chain of
        links can lead from one accident to another, so a link under VERIFY_BELOW from a story already folded
        into another holds only if the model scores the two stories they are now in as one affair too (on the
        hand-grouped days: pure chains gathered the bombing and lumped the rest). Whatever its score, no link
        joins two stories (as they are now) of other actors (`other_affair_actors`): the affair model, learned
        on days one bombing filled, linked ministries' Eid receptions and banks' results. A link between two stories
        that still keep their ids is taken as scored, even when one has absorbed others (the rule chosen on the
        validation day; checking those too was not measured). A link that would join two stories of earlier
        runs is left out: those keep their ids and articles until a repair. Returns the folded story -> the
        story it went to (at each join the story of an earlier run keeps its id, else the larger side)."""
        parent: dict[str, str] = {}

        def root(sid: str) -> str:
            while sid in parent:
                sid = parent[sid]
            return sid

        folded: dict[str, str] = {}
        for p, a, b in self._affair_links(model):
            ra, rb = root(a), root(b)
            if ra == rb or not (self.stories[ra].new or self.stories[rb].new):
                continue
            keep, gone = sorted((ra, rb), key=self._fold_rank)
            if OTHER_AFFAIR_ACTORS and other_affair_actors(self.stories[keep].profile, self.stories[gone].profile):
                continue
            if p < VERIFY_BELOW and (ra, rb) != (a, b) and not self._one_affair(model, keep, gone):
                continue
            parent[gone] = keep
            self._fold(self.stories[gone], self.stories[keep], folded)
        return folded

    def _one_affair(self, model: AffairModel, *sids: str) -> bool:
        """The affair model's verdict on two stories as they are now, the smaller as the one that folds."""
        small, large = _by_size(*(self.stories[sid] for sid in sids))
        return model.score(Folding(small.profile, small.id).features(large.profile)) >= model.threshold

    def _affair_links(self, model: AffairModel) -> list[tuple[float, str, str]]:
        """(score, story, story) of every new story and each candidate the index finds for it, at the model's
        threshold or above, strongest first; a pair is scored once, the smaller story as the one that folds. A
        story's Folding is made once: its centroid finds the candidates and is what the features compare."""
        foldings: dict[str, Folding] = {}

        def folding(s: StoryState) -> Folding:
            if s.id not in foldings:
                foldings[s.id] = Folding(s.profile, s.id)
            return foldings[s.id]

        by_small: dict[str, dict[str, StoryState]] = defaultdict(dict)
        for s in sorted((s for s in self.stories.values() if s.new), key=lambda s: s.id):
            for c in self.candidates(folding(s).article, AFFAIR_CANDIDATES):
                if c.id != s.id:
                    small, large = _by_size(s, c)
                    by_small[small.id][large.id] = large
        pairs = [(sid, c) for sid, larger in sorted(by_small.items()) for c in larger.values()]
        if not pairs:
            return []
        rows = np.array([folding(self.stories[sid]).features(c.profile) for sid, c in pairs])
        # the trees walked for many pairs at once (a call a story cost more than its walk), a chunk at a time (the
        # walk holds trees × rows arrays)
        scores = np.concatenate([model.scores(rows[k:k + SCORE_CHUNK]) for k in range(0, len(rows), SCORE_CHUNK)])
        links = [(float(p), sid, c.id) for (sid, c), p in zip(pairs, scores) if p >= model.threshold]
        return sorted(links, key=lambda link: (-link[0], link[1], link[2]))

    def _fold_rank(self, sid: str) -> tuple:
        """Which of two joined stories keeps its id: one of an earlier run, else the larger, else the first id."""
        s = self.stories[sid]
        return (s.new, -s.profile.n, sid)

    def _fold(self, s: StoryState, into: StoryState, folded: dict[str, str]) -> None:
        into.profile.merge(s.profile)
        into.added += s.added
        self._index(into, _story_keys(into.profile))
        folded[s.id] = into.id
        self.drop(s.id)

    def drop(self, sid: str) -> None:
        s = self.stories.pop(sid)
        for d in s.event_days():
            self.by_day[d].discard(sid)
            for near in self._near_sets(d):
                near.discard(sid)

    def _join(self, a: ArticleProfile, s: StoryState, why: str) -> Placement:
        s.profile.add(a)
        s.added.append(a.id)
        self._index(s, [k for k, _ in _article_keys(a)] + ([] if s.profile.n > 1 else _story_keys(s.profile)))
        return Placement(a.id, s.id, why)


def near_day(a: ArticleProfile, s: StoryState) -> bool:
    """The story reports a day within COPY_WINDOW_DAYS of the article's event day (or one of them is undated)."""
    days = s.profile.days
    return a.day is None or not days or any(abs(a.day - d) <= COPY_WINDOW_DAYS for d in days)


def _by_size(*stories: StoryState) -> list[StoryState]:
    """Smaller first (ties by id): the one that folds, as the affair model learned its pairs."""
    return sorted(stories, key=lambda s: (s.profile.n, s.id))


def other_actors(a: ArticleProfile, s: StoryProfile) -> bool:
    """Both name people or bodies, and none of the article's is among the story's."""
    return _other_names(a.actors, s.actors.keys())


def _other_names(mine: dict, theirs) -> bool:
    return bool(mine) and bool(theirs) and not mine.keys() & theirs


def other_affair_actors(a: StoryProfile, b: StoryProfile) -> bool:
    """Two stories each with people or bodies most of its articles name, none of which the other names at all:
    the same kind of happening told of other actors (the Eid receptions of the Interior and the Health ministries,
    one bank's results and another's), not one affair. A condemnation names the bombing's people or bodies
    somewhere, so it still joins; two pieces of one affair told of other actors only (a hospital's bulletin, an
    emir's words) stay apart unless other links gather them (7 August 2015: 20 links of one affair refused)."""
    mine, theirs = a.frequent("actors"), b.frequent("actors")
    return bool(mine) and bool(theirs) and not mine & b.actors.keys() and not theirs & a.actors.keys()


def _article_keys(a: ArticleProfile) -> list[tuple[str, float]]:
    words = top_items(a.terms, QUERY_TERMS)
    return words + [("@" + k, 0.5) for k in a.actors] + [("#" + k, 0.3) for k in a.places]


def stored_lookup(data: dict) -> dict:
    """What a story written with this profile (its JSON `data`, as the store keeps it) is found by: the keys and
    days the book files it under once parsed, so that a story read lazily is filed exactly as a parsed one."""
    p = StoryProfile.from_json(data)
    return {"keys": _story_keys(p), "days": list(p.days)}


def _story_keys(p: StoryProfile) -> list[str]:
    words = top_items(p.terms, INDEX_TERMS)
    return [t for t, _ in words] + ["@" + k for k in p.actors] + ["#" + k for k in p.places]


def copies(pairs) -> dict[str, list[tuple[str, float]]]:
    """article → (its copy, the pair's score), from the duplicate stage's pairs."""
    out: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for p in pairs:
        out[p.a].append((p.b, p.score or 0.0))
        out[p.b].append((p.a, p.score or 0.0))
    return out


def assign(book: StoryBook, articles: list[ArticleProfile], partners: dict[str, list[tuple[str, float]]],
           story_of: dict[str, str]) -> list[Placement]:
    """Places the articles in order, then folds the stories this run opened into others of the same event.
    partners: `copies`; story_of: where articles already are (the store's placements, extended as this run places
    more)."""
    out = []
    for a in articles:
        placed = book.place(a, [(story_of[p], score) for p, score in partners.get(a.id, ()) if p in story_of])
        story_of[a.id] = placed.story
        out.append(placed)
    folded = book.merge_new(book.model.merge_threshold) if book.model.merge_threshold <= 1 else {}
    affair = book.fold_affairs(book.affairs) if book.affairs is not None else {}
    folded.update(affair)
    for p in out:
        if p.story in folded:
            first = p.story
            p.story = final_story(folded, p.story)
            p.why += f"; its story joined {p.story}" + (" (one affair)" if first in affair else "")
            story_of[p.article] = p.story
    return out


def final_story(folded: dict[str, str], sid: str) -> str:
    while sid in folded:
        sid = folded[sid]
    return sid
