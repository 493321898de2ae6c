"""Storylines: the stories of one affair chained over weeks and months ("Haftar leaves Moscow without signing" in
January, "Russia says Haftar is ready to sign" in July).

A story joins a storyline when it shares a central actor with one of the line's stories and its words are close
to the whole line's (the line's summed profile, not its nearest story: comparing with single stories would chain
every "the King received…" into one line). There is no time limit: earlier stories are found through their
central actors (the store's `story_keys`), the most recent of each actor first, so the cost stays per story.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass

from ..store.base import Store
from .assign import StoryState
from .profile import StoryProfile, dot

LINE_THRESHOLD = 0.3            # cosine between a story's words and a storyline's
PER_KEY = 50                    # earlier stories read per central actor


def line_id(first_story: str) -> str:
    return "l-" + hashlib.sha1(first_story.encode()).hexdigest()[:10]


def keys(p: StoryProfile) -> list[str]:
    return ["@" + k for k in p.central()]


def similarity(a: StoryProfile, b: StoryProfile) -> float:
    if not a.terms or not b.terms:
        return 0.0
    na, nb = a.terms_norm(), b.terms_norm()
    return dot(a.terms, b.terms) / (na * nb) if na and nb else 0.0


@dataclass
class LineState:
    id: str
    profile: StoryProfile


@dataclass
class Linked:
    lines: dict[str, LineState]            # storylines this run changed, with their profiles
    moved: dict[str, str]                  # stories not otherwise rewritten that joined a line: story → line


class Linker:
    """Links the stories a run changed to storylines, reading earlier stories and lines from the store."""

    def __init__(self, store: Store | None, known: dict[str, StoryState]):
        """store: where earlier stories and lines are read; None when every story is in `known` (a repair)."""
        self.store = store
        self.known = known                              # the stories of this run (the assignment's book)
        self.lines: dict[str, LineState] = {}
        self.others: dict[str, StoryState] = {}         # earlier stories read as candidates
        self.in_run: dict[str, list[StoryState]] = defaultdict(list)
        self.moved: dict[str, str] = {}
        self.touched: set[str] = set()                  # lines this run changes (others were only compared with)
        self.absent: set[str] = set()                   # line ids a story names that the store does not hold
        self.whole: set[str] = set()                    # lines held with their whole profile (the others: words)
        self.by_words: set[str] = set()                 # earlier stories whose profile holds their words alone

    def link(self, changed: list[StoryState], added: dict[str, list]) -> Linked:
        """added: story → the article profiles this run placed in it (they grow its line's profile)."""
        self.changed = {s.id for s in changed}
        self.counted: set[str] = set()      # stories whose whole profile (new articles too) is in their line already
        for s in sorted(changed, key=lambda s: (min(s.profile.days, default=10**9), s.id)):
            if s.storyline:
                line = self._whole(s.storyline)
                if line is not None:
                    self.touched.add(line.id)
                    if s.id not in self.counted:
                        for a in added.get(s.id, []):
                            line.profile.add(a)
                    continue
                s.storyline = None
            self._attach(s)
            for k in keys(s.profile):
                self.in_run[k].append(s)
        # only the lines that changed are written: one only compared with stays as stored
        return Linked({lid: line for lid, line in self.lines.items() if lid in self.touched}, self.moved)

    def _line(self, lid: str) -> LineState | None:
        if lid not in self.lines:
            self._read_lines([lid])
        return self.lines.get(lid)

    def _read_lines(self, line_ids: list[str]) -> None:
        """Read the words of these storylines not read yet, in one query (a story's candidates are in dozens of
        lines in a large store), and remember the ids the store does not hold. A line compared with is compared by
        its words alone; holding thousands of whole profiles (a 5,000-article pass over a 100,000-article store
        read 9,000) cost 450 MB."""
        todo = sorted({i for i in line_ids if i not in self.lines and i not in self.absent})
        found = self.store.storyline_profiles(todo) if self.store and todo else {}
        for lid in todo:
            if lid in found:
                self.lines[lid] = LineState(lid, _by_words(found[lid]))
            else:
                self.absent.add(lid)

    def _whole(self, lid: str) -> LineState | None:
        """The line with its whole profile (a line this run changes), read from the store unless the run holds it
        whole already (one only compared with so far is held by its words); None when the store does not hold it."""
        if lid not in self.whole:
            found = self.store.storyline_profiles([lid]).get(lid) if self.store and lid not in self.absent else None
            if found is None:
                self.absent.add(lid)
                return None
            if lid in self.lines:
                self.lines[lid].profile = StoryProfile.from_json(found)
            else:
                self.lines[lid] = LineState(lid, StoryProfile.from_json(found))
            self.whole.add(lid)
        return self.lines[lid]

    def _attach(self, s: StoryState) -> None:
        best, best_sim = None, LINE_THRESHOLD
        candidates = self._candidates(s)
        self._read_lines([c.storyline for c in candidates if c.storyline])
        self._read_profiles([c for c in candidates if c.profile is None
                             and (not c.storyline or self._line(c.storyline) is None)])
        by_line: dict[str, float] = {}          # a line's stories are compared through it: once
        for c in candidates:
            target = self._line(c.storyline) if c.storyline else None
            if target is None:
                sim = similarity(s.profile, c.profile)
            elif target.id in by_line:
                sim = by_line[target.id]
            else:
                sim = by_line[target.id] = similarity(s.profile, target.profile)
            if sim >= best_sim:
                best, best_sim = c, sim
        if best is None:
            return
        self.counted.add(s.id)
        if best.storyline and best.storyline in self.lines:
            s.storyline = best.storyline
            self._whole(best.storyline).profile.merge(s.profile)
            self.touched.add(best.storyline)
            return
        lid = line_id(min(best.id, s.id))
        if best.id in self.by_words:                # an earlier story read by its words: now read whole
            found = self.store.story_states_by_id([best.id])
            best.profile = StoryProfile.from_json(found[0].profile if found else {})
            self.by_words.discard(best.id)
        profile = best.profile.copy()
        profile.merge(s.profile)
        self.lines[lid] = LineState(lid, profile)
        self.whole.add(lid)
        self.touched.add(lid)
        s.storyline = best.storyline = lid
        self.counted.add(best.id)
        if best.id not in self.changed:
            self.moved[best.id] = lid

    def _candidates(self, s: StoryState) -> list[StoryState]:
        wanted = keys(s.profile)
        if not wanted:
            return []
        ids = {c.id for k in wanted for c in self.in_run[k]}
        if self.store is not None:
            ids |= set(self.store.stories_by_keys(wanted, PER_KEY))
        ids.discard(s.id)
        missing = [i for i in ids if i not in self.known and i not in self.others]
        for sid, line in (self.store.story_lines_by_id(missing) if missing else {}).items():
            self.others[sid] = StoryState(sid, None, line)       # its profile is read only if it is compared
        return [self.known.get(i) or self.others[i] for i in sorted(ids) if i in self.known or i in self.others]

    def _read_profiles(self, stories: list[StoryState]) -> None:
        """The profiles of earlier stories compared on their own (not in a storyline), read together, by their
        words alone (what `similarity` reads; the one that starts a line is read whole then). A story in a line is
        compared through the line's profile: reading the most recent PER_KEY stories of every central actor whole
        cost most of a batch's time, and memory, in a large store; holding the 4,025 compared whole in a pass of
        5,000 articles over a 10,000-article store, 118 MB."""
        if stories:
            found = {st.id: st.profile for st in self.store.story_states_by_id([c.id for c in stories])}
            for c in stories:
                c.profile = _by_words(found.get(c.id) or {})
                self.by_words.add(c.id)


def _by_words(data: dict) -> StoryProfile:
    """A stored story's or storyline's profile held by its words alone (and its size): all `similarity` reads."""
    return StoryProfile.from_json({"n": data.get("n", 0), "terms": data.get("terms", {})})
