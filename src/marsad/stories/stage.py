"""The stories corpus stage, incremental: the articles stored since the last run are placed into the stories of
their days (stories/assign.py), the stories they changed are linked to storylines (stories/storylines.py), and
only those stories and lines are written again, with the stories' mark, in one transaction.

`repair` is the periodic pass: it places every article again in time order from nothing, keeps each story's id
where the new story is mostly the old one, writes everything, and says what it merged, split and moved. The first
run on a store (or on one written before stories were incremental) is a repair.

Reads happen in one snapshot; a document committed by another ingest meanwhile is above the mark, so the next
run places it, and an interrupted run leaves the previous stories in place.
"""

from __future__ import annotations

import gc
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from .. import memory
from ..arabic.segment import index_word
from ..store.base import Store
from ..store.sql_stories import StoredStoryState, StoryWrite, profile_text
from ..store.views import Storyline
from . import inputs as story_inputs
from .affair import shipped_affair_model
from .assign import (COPY_WINDOW_DAYS, WINDOW_DAYS, Placement, StoryBook, StoryState, assign, copies, story_id,
                     stored_lookup)
from .event import EventModel, shipped_model
from .profile import ArticleProfile, StoryProfile, entity_weight, profile
from .storylines import Linked, Linker, keys
from .views import VIEW_ARTICLES, ViewBuilder
from .weights import idf

VIEW_CHUNK = 2000          # articles whose inputs are read at once to build the changed stories' views


@dataclass
class Changes:
    """What a run did, for the ingest summary and `marsad stories --repair`."""
    placed: int = 0
    opened: int = 0
    stories: int = 0
    storylines: int = 0
    merged: list[dict] = field(default_factory=list)
    split: list[dict] = field(default_factory=list)
    moved: int = 0

    def counts(self) -> dict:
        return {"stories": self.stories, "storylines": self.storylines, "articles placed": self.placed,
                "stories opened": self.opened}


def update(store: Store, model: EventModel | None = None, timings: dict[str, float] | None = None) -> dict:
    """Places the articles stored since the last run. timings, when given, receives the seconds each phase took:
    "assignment" (`assignment`: reading the new articles and the stories of their days, placing them; its parts as
    "assignment: inputs", "…: profiles", "…: stories", "…: placement") and "views" (storylines, the changed
    stories' views, writing)."""
    if store.story_mark() == 0:
        return repair(store, model).counts()
    start = time.perf_counter()
    run = assignment(store, model)
    placed = time.perf_counter()
    changes = _write(store, run.book, run.placements, run.added, run.mark, replace=False)
    if timings is not None:
        timings.update({"assignment": placed - start, "views": time.perf_counter() - placed,
                        "articles": len(run.placements), "stories read": run.stories_read})
        timings.update({f"assignment: {name}": t for name, t in run.seconds.items()})
    return changes.counts()


@dataclass
class Assignment:
    """What placing a batch made, for the write: the book (the stories of the batch's days, those it changed
    marked), the placements, the profiles of the articles each story was given, and what it cost."""
    book: StoryBook
    placements: list[Placement]
    added: dict[str, list[ArticleProfile]]
    mark: int
    stories_read: int
    seconds: dict[str, float]


def assignment(store: Store, model: EventModel | None = None) -> Assignment:
    """Reads the articles stored since the last run and the stories of their days, and places them; writes
    nothing (`update` writes; benchmarks/story_scale.py times this part again and again on one store)."""
    model = model or shipped_model()
    clock = [time.perf_counter()]
    with store.snapshot(), _collector_paused():
        mark = store.max_seq()
        fresh = story_inputs.read(store, store.corpus_documents(mark, after=store.story_mark()))
        clock.append(time.perf_counter())
        profiles = [profile(a) for a in fresh.articles]
        partners = copies(fresh.pairs)
        del fresh                   # the batch's bodies and rows: placement reads the profiles alone
        # the per-word caches the profiles filled (each word's vector row, weight and letter 4-grams: 60 MB for a
        # pass of 5,000 articles) are not read again: their room goes to the stories of the batch's days. Kept:
        # what weighs a name by its rarest word, which placement asks for every story it compares
        memory.forget_words(keep=(idf, index_word, entity_weight))
        clock.append(time.perf_counter())
        states = _recent_states(store, profiles)
        story_of = store.stories_of_docs(sorted({p for ps in partners.values() for p, _ in ps}))
        states += _copies_stories(store, states, story_of, [p for p in profiles if p.id in partners])
        book = StoryBook(states, model, shipped_affair_model())
        clock.append(time.perf_counter())
        placements = assign(book, profiles, partners, story_of)
        clock.append(time.perf_counter())
    seconds = {name: b - a for name, a, b in zip(("inputs", "profiles", "stories", "placement"), clock, clock[1:])}
    # the profiles are held by `added` alone from here, which `_write` empties when the storylines are done
    return Assignment(book, placements, _placed_profiles(book, profiles), mark, len(states), seconds)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while stories are read and placed: the stories of a batch's days are millions
    of small dicts and floats (5,500 profiles for a batch of 1,000 in a store of 10,000), every one of them
    tracked, and the collector walked them again and again as more were made (0.6 s of a 6 s batch). Nothing
    placement makes refers to itself, so nothing waits for the collector. At the end what was made meanwhile joins
    the oldest generation without a walk (freeze, then unfreeze: two list splices), so the first collections after
    the stage do not walk it all at once; it is freed by reference counts as the stage lets go of it. A process
    that froze objects of its own (a server before it forks) keeps them frozen: then nothing is spliced."""
    was_on, frozen_before = gc.isenabled(), gc.get_freeze_count()
    gc.disable()
    try:
        yield
    finally:
        if not frozen_before:
            gc.freeze()
            gc.unfreeze()
        if was_on:
            gc.enable()


def _recent_states(store: Store, profiles: list[ArticleProfile]) -> list[StoryState]:
    days = [p.day for p in profiles if p.day is not None]
    undated = any(p.day is None for p in profiles)
    if not days and not undated:
        return []
    lo, hi = (min(days) - WINDOW_DAYS, max(days) + WINDOW_DAYS) if days else (1, 0)
    return [_state(s) for s in store.story_states(lo, hi, undated=undated)]


def _state(s: StoredStoryState) -> StoryState:
    """A stored story for the book: its profile left unparsed when it came with its lookup."""
    if s.lookup is not None:
        return StoryState.stored(s.id, s.raw, s.lookup, s.storyline)
    return StoryState(s.id, StoryProfile.from_json(s.profile), s.storyline)


def _copies_stories(store: Store, states: list[StoryState], story_of: dict[str, str],
                    copies_: list[ArticleProfile]) -> list[StoryState]:
    """The stories of the batch's copies' partners that the stories of its days leave out: a copy joins its
    partner's story up to a month apart (`assign.COPY_WINDOW_DAYS`), as in a repair, which holds every story.
    Those whose days are further from every copy's are not read (the same text printed again months later)."""
    wanted = sorted(set(story_of.values()) - {s.id for s in states})
    days = [p.day for p in copies_]
    if not wanted or not days:
        return []
    near = None if None in days else (min(days) - COPY_WINDOW_DAYS, max(days) + COPY_WINDOW_DAYS)
    return [_state(s) for s in store.story_states_by_id(wanted, near)]


def _placed_profiles(book: StoryBook, profiles: list[ArticleProfile]) -> dict[str, list[ArticleProfile]]:
    """Each story this run added articles to → the profiles of those articles (they grow its storyline)."""
    by_id = {p.id: p for p in profiles}
    return {s.id: [by_id[a] for a in s.added if a in by_id] for s in book.stories.values() if s.added}


def _write(store: Store, book: StoryBook, placements: list[Placement], added: dict[str, list[ArticleProfile]],
           mark: int, *, replace: bool, changes: Changes | None = None) -> Changes:
    """Links the changed stories to storylines, builds their views and writes them. `added` (`_placed_profiles`)
    is emptied once the storylines have grown by it, and the stories the run only read are dropped from the book:
    the views read each story's members again, and what placement held would otherwise stay beside them until
    the write (a pass over 5,000 articles peaked there)."""
    changes = changes or Changes()
    changed = [s for s in book.stories.values() if s.added]
    linked = Linker(None if replace else store, book.stories).link(changed, added)
    added.clear()
    book.forget_unchanged()
    lines, moved = _line_rows(linked), linked.moved
    del linked
    members = _members(store, changed, replace)
    writes = _views(store, changed, members)
    store.save_stories(writes, [(p.story, p.article, p.why) for p in placements], lines, mark,
                       replace=replace, moved=moved)
    changes.placed, changes.opened = len(placements), sum(1 for s in changed if s.new)
    changes.stories, changes.storylines = store.story_counts()
    return changes


def _members(store: Store, changed: list[StoryState], replace: bool) -> dict[str, tuple[list[str], int]]:
    """Each changed story's articles its views are computed from (the most recent VIEW_ARTICLES), and how many it
    has in all."""
    stored = {} if replace else store.story_members([s.id for s in changed if not s.new])
    out = {}
    for s in changed:
        ids = list(dict.fromkeys(stored.get(s.id, []) + s.added))
        out[s.id] = (ids[-VIEW_ARTICLES:], len(ids))
    return out


def _views(store: Store, changed: list[StoryState], members: dict[str, tuple[list[str], int]]) -> list[StoryWrite]:
    """The changed stories' views, built from their members' inputs read VIEW_CHUNK articles at a time: a story's
    view reads only its own articles, and reading those of thousands of stories at once (a repair, the first
    pass of a large ingest) held them all in memory."""
    writes: list[StoryWrite] = []
    group: list[StoryState] = []
    size = 0
    for i, s in enumerate(changed):
        group.append(s)
        size += len(members[s.id][0])
        if size >= VIEW_CHUNK or i == len(changed) - 1:
            with store.snapshot():
                ids = sorted({a for g in group for a in members[g.id][0]})
                builder = ViewBuilder(story_inputs.read(store, store.documents_by_id(ids)))
            writes += [_story_write(builder, g, members[g.id]) for g in group]
            group, size = [], 0
    return writes


def _story_write(builder: ViewBuilder, s: StoryState, members: tuple[list[str], int]) -> StoryWrite:
    ids, n = members
    days = sorted(s.profile.days)
    view = builder.view(s, ids, n)
    data = s.profile.to_json()
    return StoryWrite(view, profile_text(data), days[0] if days else None, days[-1] if days else None,
                      keys(s.profile), profile_text(stored_lookup(data)))


def _line_rows(linked: Linked) -> list[tuple[Storyline, str]]:
    return [(Storyline(line.id, None, None, None, 0), profile_text(line.profile.to_json()))
            for line in linked.lines.values()]


def repair(store: Store, model: EventModel | None = None) -> Changes:
    """Places every article again, in time order, from nothing; keeps ids; reports merges, splits and moves."""
    model = model or shipped_model()
    with store.snapshot():
        mark = store.max_seq()
        data = story_inputs.read(store, store.corpus_documents(mark))
        before = store.stories_of_docs([a.id for a in data.articles])
    with _collector_paused():
        profiles = [profile(a) for a in data.articles]
        book = StoryBook([], model, shipped_affair_model())
        placements = assign(book, profiles, copies(data.pairs), {})
    del data
    changes = _keep_ids(book, placements, before)
    added = _placed_profiles(book, profiles)
    del profiles
    return _write(store, book, placements, added, mark, replace=True, changes=changes)


def _keep_ids(book: StoryBook, placements: list[Placement], before: dict[str, str]) -> Changes:
    """Renames each new story after the old story most of its articles were in (biggest stories first, each old
    id used once), and counts what changed."""
    members: dict[str, list[str]] = defaultdict(list)
    for p in placements:
        members[p.story].append(p.article)
    rename, taken = {}, set()
    for sid in sorted(members, key=lambda s: (-len(members[s]), s)):
        old = Counter(before[a] for a in members[sid] if a in before)
        for oid, _ in sorted(old.items(), key=lambda kv: (-kv[1], kv[0])):
            if oid not in taken:
                rename[sid] = oid
                taken.add(oid)
                break
    for sid in sorted(members):
        if sid not in rename and sid in taken:          # its own id went to the story that kept most of it
            rename[sid] = story_id(sid + "/")
    changes = Changes()
    olds_of_new = {sid: {before[a] for a in ms if a in before} for sid, ms in members.items()}
    changes.merged = [{"story": rename.get(s, s), "from": sorted(o)} for s, o in olds_of_new.items() if len(o) > 1]
    news_of_old: dict[str, set[str]] = defaultdict(set)
    for sid, ms in members.items():
        for a in ms:
            if a in before:
                news_of_old[before[a]].add(rename.get(sid, sid))
    changes.split = [{"story": o, "into": sorted(n)} for o, n in sorted(news_of_old.items()) if len(n) > 1]
    for p in placements:
        p.story = rename.get(p.story, p.story)
        changes.moved += p.article in before and before[p.article] != p.story
    book.rename(rename)
    return changes
