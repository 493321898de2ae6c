"""Storylines over earlier stories: an earlier story compared on its own is held by its words alone (a pass over
thousands of stories held them whole: 118 MB of 5,000 articles' pass), and the one a new story joins to start a
storyline is read whole, so the line's profile is the same as when every candidate was held whole."""

from __future__ import annotations

import datetime as dt

from marsad.store.sql_stories import StoredStoryState
from marsad.stories.assign import StoryState
from marsad.stories.profile import StoryProfile
from marsad.stories.storylines import Linker

DAY = dt.date(2015, 7, 20).toordinal()


def _profile(terms: dict[str, float], actors: dict[str, int], day: int, n: int = 2, outlet: str = "okaz") -> dict:
    return {"n": n, "terms": terms, "title": terms, "lead": terms, "chars": {}, "dense": [0.6, 0.8],
            "title_dense": [0.6, 0.8], "actors": actors, "places": {"الرياض": n}, "numbers": {},
            "speakers": {}, "days": {str(day): n}, "outlets": {outlet: n}}


class _Store:
    """The four reads a Linker makes of earlier stories, over stories held in a dict; counts whole reads."""

    def __init__(self, stories: dict[str, dict]):
        self.stories = stories
        self.reads: list[list[str]] = []

    def stories_by_keys(self, keys, per_key):
        return sorted(self.stories)

    def story_lines_by_id(self, ids):
        return {i: None for i in ids if i in self.stories}

    def story_states_by_id(self, ids):
        self.reads.append(sorted(ids))
        return [StoredStoryState(i, self.stories[i], None, None, None) for i in sorted(ids) if i in self.stories]

    def storyline_profiles(self, ids):
        return {}


def test_an_earlier_story_is_compared_by_its_words_and_read_whole_when_a_new_story_joins_it():
    grid = {"الشبكة": 0.6, "الكهرباء": 0.6, "انقطاع": 0.5}
    earlier = {"s-grid": _profile(grid, {"الشركة السعودية للكهرباء": 2}, DAY - 40),
               "s-other": _profile({"المنتخب": 0.8, "المباراة": 0.6}, {"الشركة السعودية للكهرباء": 2}, DAY - 30)}
    store = _Store(earlier)
    new = StoryState("s-new", StoryProfile.from_json(_profile(grid, {"الشركة السعودية للكهرباء": 3}, DAY, 3, "sabq")),
                     added=["a1"], new=True)
    linker = Linker(store, {"s-new": new})
    linked = linker.link([new], {"s-new": []})

    assert new.storyline is not None and list(linked.lines) == [new.storyline]
    line = linked.lines[new.storyline].profile
    # the earlier story's whole profile is in the line: its article count, its day and outlets, not only its words
    assert line.n == 5
    assert DAY - 40 in line.days and line.outlets == {"okaz": 2, "sabq": 3}
    assert line.actors["الشركة السعودية للكهرباء"] == 5
    assert linked.moved == {"s-grid": new.storyline}
    # the story compared and not joined is held by its words alone; the joined one was read a second time, whole
    other = linker.others["s-other"].profile
    assert other.terms and not other.actors and not other.days
    assert store.reads == [["s-grid", "s-other"], ["s-grid"]]
