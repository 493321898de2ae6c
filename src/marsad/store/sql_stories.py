"""The stories' tables, incrementally: what story assignment reads (the stories of some days, the stories that
name some actors, where articles already are) and how a run writes only what it changed. A mixin of
`sql.SQLStore`, as `sql_views.CorpusTables` is.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import orjson

from .sql_views import _dumps, chunks
from .views import Story, Storyline

UNDATED_STORIES = 1000          # undated stories an undated article may join: the most recent
# Story and storyline profiles are parsed with orjson: a run reads the profiles of every story of its days (5,500
# stories, 39 MB of JSON for a batch of 1,000 in a store of 10,000); the standard parser took 1.3 s over them,
# orjson 0.46 s, giving the same dicts (floats included).


@dataclass
class StoredStoryState:
    """A story as assignment reads it back: its running profile and where it stands. A story written with its
    lookup (index keys and event days) is read by `story_states` with `profile` None and `raw` its profile's JSON
    text, parsed when the story is first compared."""
    id: str
    profile: dict | None
    storyline: str | None
    first_day: int | None
    last_day: int | None
    raw: str | None = None
    lookup: dict | None = None


@dataclass
class StoryWrite:
    """One story a run changed: its view, its profile as stored (JSON text, `profile_text`), the event days it
    spans, the keys it is found by."""
    story: Story
    profile: str
    first_day: int | None
    last_day: int | None
    keys: list[str]
    lookup: str | None = None           # what the story is found by (JSON: "keys", "days"), `StoredStoryState`


def profile_text(profile: dict) -> str:
    """A story's or storyline's profile as the store keeps it. The stories stage serializes each profile as soon
    as it is final: a pass holds thousands until its commit, and as dicts of floats they were the largest thing
    it held there (130 MB of a 5,000-article pass)."""
    return _dumps(profile)


class StoryTables:
    """Methods of SQLStore for incremental stories."""

    def storyline(self, line_id: str) -> Storyline | None:
        rows = self._run("SELECT id, title, first_seen, last_seen, stories, frames FROM storylines WHERE id = ?",
                         (line_id,))
        return Storyline(*rows[0][:4], int(rows[0][4]), json.loads(rows[0][5] or "{}")) if rows else None

    def story_counts(self) -> tuple[int, int]:
        """(stories, storylines): what a stories run reports, without counting every other table."""
        return int(self._one("SELECT COUNT(*) FROM stories")), int(self._one("SELECT COUNT(*) FROM storylines"))

    def stories_version(self) -> str:
        """Changes whenever the stories are written (a repair too, which adds no document)."""
        return self._meta("stories_version") or "0"

    def story_mark(self) -> int:
        """The last ingestion number the stories have placed."""
        return int(self._meta("stories_rowid") or 0)

    def story_states(self, first_day: int, last_day: int, undated: bool = False) -> list[StoredStoryState]:
        """Stories whose event days reach into [first_day, last_day]; with `undated`, also the most recent
        undated stories. A story with a lookup comes with its profile unparsed (`StoredStoryState`)."""
        cols = "id, profile, storyline, first_day, last_day, lookup"
        rows = self._run(f"SELECT {cols} FROM stories WHERE last_day >= ? AND first_day <= ? AND profile IS NOT NULL",
                         (first_day, last_day))
        if undated:
            rows += self._run(f"SELECT {cols} FROM stories WHERE last_day IS NULL AND profile IS NOT NULL "
                              "ORDER BY position DESC LIMIT ?", (UNDATED_STORIES,))
        return [StoredStoryState(r[0], None, r[2], r[3], r[4], r[1], orjson.loads(r[5])) if r[5] else
                StoredStoryState(r[0], orjson.loads(r[1]), r[2], r[3], r[4]) for r in rows]

    def story_states_by_id(self, story_ids: list[str], days: tuple[int, int] | None = None) -> list[StoredStoryState]:
        out = []
        within = " AND (last_day IS NULL OR (last_day >= ? AND first_day <= ?))" if days else ""
        for chunk, marks in chunks(sorted(set(story_ids))):
            out += [StoredStoryState(r[0], orjson.loads(r[1] or "{}"), r[2], r[3], r[4]) for r in self._run(
                f"SELECT id, profile, storyline, first_day, last_day FROM stories WHERE id IN ({marks}){within}",
                (*chunk, *(days or ())))]
        return out

    def story_lines_by_id(self, story_ids: list[str]) -> dict[str, str | None]:
        return dict(self._run_ids("SELECT id, storyline FROM stories", story_ids))

    def stories_by_keys(self, keys: list[str], per_key: int = 50) -> list[str]:
        """Stories found by any of the keys (central actors), the most recent `per_key` of each."""
        out: list[str] = []
        for key in sorted(set(keys)):
            out += [r[0] for r in self._run("SELECT story_id FROM story_keys WHERE key = ? "
                                            "ORDER BY last_day DESC NULLS LAST, story_id LIMIT ?", (key, per_key))]
        return sorted(set(out))

    def stories_of_docs(self, doc_ids: list[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for chunk, marks in chunks(sorted(set(doc_ids))):
            out.update(self._run(f"SELECT doc_id, story_id FROM story_articles WHERE doc_id IN ({marks})", chunk))
        return out

    def story_members(self, story_ids: list[str]) -> dict[str, list[str]]:
        """Each story's articles in the order they were stored (the most recent last)."""
        out: dict[str, list[str]] = {s: [] for s in story_ids}
        for chunk, marks in chunks(sorted(set(story_ids))):
            for sid, doc in self._run(f"SELECT sa.story_id, sa.doc_id FROM story_articles sa JOIN documents d "
                                      f"ON d.id = sa.doc_id WHERE sa.story_id IN ({marks}) "
                                      "ORDER BY sa.story_id, d.rowid", chunk):
                out[sid].append(doc)
        return out

    def _forget_story_articles(self, story_ids: list[str]) -> None:
        """After articles are deleted: their stories' counts follow, a story left with none goes (with its keys),
        and the next repair rebuilds the rest of their views."""
        self._many("UPDATE stories SET n_articles = (SELECT COUNT(*) FROM story_articles sa "
                   "WHERE sa.story_id = stories.id) WHERE id = ?", [(s,) for s in story_ids])
        for chunk, marks in chunks(story_ids):
            empty = [r[0] for r in self._run(f"SELECT id FROM stories WHERE id IN ({marks}) AND n_articles = 0",
                                             chunk)]
            self._many("DELETE FROM story_keys WHERE story_id = ?", [(e,) for e in empty])
            self._many("DELETE FROM stories WHERE id = ?", [(e,) for e in empty])

    def storyline_profiles(self, line_ids: list[str]) -> dict[str, dict]:
        out: dict[str, dict] = {}
        for chunk, marks in chunks(sorted(set(line_ids))):
            out.update((r[0], orjson.loads(r[1] or "{}")) for r in self._run(
                f"SELECT id, profile FROM storylines WHERE id IN ({marks})", chunk))
        return out

    def line_stories(self, line_id: str, limit: int = 200) -> list[str]:
        """A storyline's stories, the most recent first."""
        return [r[0] for r in self._run("SELECT id FROM stories WHERE storyline = ? "
                                        "ORDER BY last_seen DESC NULLS LAST, id LIMIT ?", (line_id, limit))]

    def save_stories(self, changed: list[StoryWrite], placements: list[tuple[str, str, str]],
                     lines: list[tuple[Storyline, str]], mark: int, *, replace: bool = False,
                     moved: dict[str, str] | None = None) -> None:
        """Writes the changed stories (all of them when `replace`: a repair), the new placements (story, article,
        why), the stories not otherwise rewritten that joined a storyline (`moved`: story → line) and the changed
        storylines with their profiles, and moves the stories' mark, in one transaction. A story keeps its place
        in listings when it is written again; a storyline's title, dates and size are its stories'."""
        with self.transaction():
            if replace:
                for table in ("stories", "story_articles", "storylines", "story_keys"):
                    self._exec(f"DELETE FROM {table}")
            self._write_story_rows(changed)
            self._many("UPDATE stories SET storyline = ? WHERE id = ?",
                       [(line, sid) for sid, line in sorted((moved or {}).items())])
            self._many("DELETE FROM story_articles WHERE doc_id = ?", [(doc,) for _, doc, _ in placements])
            self._many("INSERT INTO story_articles(story_id, doc_id, why) VALUES (?,?,?)", placements)
            self._write_line_rows(lines)
            self._set_meta("stories_rowid", str(mark))
            self._set_meta("stories_version", str(int(self.stories_version()) + 1))
            self._set_meta("corpus_rowid", str(mark))

    def _write_story_rows(self, changed: list[StoryWrite]) -> None:
        ids = [(w.story.id,) for w in changed]
        positions = dict(self._run_ids("SELECT id, position FROM stories", [w.story.id for w in changed]))
        start = self._next("stories")
        self._many("DELETE FROM stories WHERE id = ?", ids)
        self._many("DELETE FROM story_keys WHERE story_id = ?", ids)
        self._many("INSERT INTO stories(id, title, first_seen, last_seen, storyline, outlets, summary, timeline, "
                   "framing, wire, n_articles, position, profile, first_day, last_day, statements, frames, lookup) "
                   "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                   (_story_row(w, positions.get(w.story.id, start + i)) for i, w in enumerate(changed)))
        self._many("INSERT INTO story_keys(key, story_id, last_day) VALUES (?,?,?)",
                   [(k, w.story.id, w.last_day) for w in changed for k in sorted(set(w.keys))])

    def _write_line_rows(self, lines: list[tuple[Storyline, str]]) -> None:
        positions = dict(self._run_ids("SELECT id, position FROM storylines", [ln.id for ln, _ in lines]))
        start = self._next("storylines")
        self._many("DELETE FROM storylines WHERE id = ?", [(ln.id,) for ln, _ in lines])
        self._many("INSERT INTO storylines(id, stories, position, profile, frames) VALUES (?,?,?,?,?)",
                   [(ln.id, 0, positions.get(ln.id, start + i), p, _dumps(ln.frames))
                    for i, (ln, p) in enumerate(lines)])
        of_line = "FROM stories s WHERE s.storyline = storylines.id"
        self._many(f"UPDATE storylines SET stories = (SELECT COUNT(*) {of_line}), "
                   f"first_seen = (SELECT MIN(s.first_seen) {of_line}), "
                   f"last_seen = (SELECT MAX(s.last_seen) {of_line}), "
                   f"title = (SELECT s.title {of_line} ORDER BY s.first_seen NULLS LAST, s.id LIMIT 1) WHERE id = ?",
                   [(ln.id,) for ln, _ in lines])
        # a line left with one story is no line
        for lid, in self._run_ids("SELECT id FROM storylines", [ln.id for ln, _ in lines], "stories < 2"):
            self._exec("UPDATE stories SET storyline = NULL WHERE storyline = ?", (lid,))
            self._exec("DELETE FROM storylines WHERE id = ?", (lid,))

    def _run_ids(self, select: str, ids: list[str], cond: str = "") -> list[tuple]:
        out = []
        for chunk, marks in chunks(sorted(set(ids))):
            out += self._run(f"{select} WHERE id IN ({marks}){' AND ' + cond if cond else ''}", chunk)
        return out

    def _next(self, table: str) -> int:
        return int(self._one(f"SELECT COALESCE(MAX(position), 0) + 1 FROM {table}"))


def _story_row(w: StoryWrite, position: int) -> tuple:
    s = w.story
    return (s.id, s.title, s.first_seen, s.last_seen, s.storyline, _dumps(s.outlets), _dumps(s.summary),
            _dumps(s.timeline), _dumps(s.framing), _dumps(s.wire), s.n_articles, position, w.profile,
            w.first_day, w.last_day, _dumps(s.statements), _dumps(s.frames), w.lookup)
