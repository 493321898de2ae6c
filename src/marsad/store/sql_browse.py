"""The reads a person browsing the corpus makes beyond the contract's listings: articles by outlet, date and
entity, coverage per day, entities seen together, and what each outlet is made of. A mixin of `sql.SQLStore`.

Each read is one or two indexed statements; the ones that could touch every mention of a frequent entity read a
bounded sample of its latest articles (`SAMPLE_ARTICLES`) and say so, so a page never waits on the whole corpus.
"""

from __future__ import annotations

import json
from collections import Counter

from .base import Filters
from .sql_views import STORY_COLUMNS
from .views import ArticleRef, CoverageDay, OutletView, Page, Story

SAMPLE_ARTICLES = 500


def _marks(values: list) -> str:
    return ",".join("?" * len(values))


class BrowseTables:
    """Methods of SQLStore behind the web pages' lists and charts."""

    def list_articles(self, filters: Filters, entity_ids: list[str] | None = None, limit: int = 50,
                      offset: int = 0) -> Page:
        if entity_ids is not None and not entity_ids:
            return Page([], 0, limit, offset)
        fsql, args = self._filter_sql(Filters(filters.since, filters.until, filters.outlet, entity_ids))
        rows, total = self._page("SELECT d.id, d.title, d.outlet, d.published", "FROM documents d WHERE 1 = 1"
                                 + fsql, args, "d.published DESC NULLS LAST, d.id", limit, offset)
        return Page([ArticleRef(*r) for r in rows], total, limit, offset)

    def coverage(self, filters: Filters, entity_ids: list[str] | None = None,
                 doc_ids: list[str] | None = None) -> list[CoverageDay]:
        """Articles per day and outlet (undated articles are left out: they have no place on a time axis)."""
        if (entity_ids is not None and not entity_ids) or (doc_ids is not None and not doc_ids):
            return []
        fsql, args = self._filter_sql(Filters(filters.since, filters.until, filters.outlet, entity_ids))
        where = "FROM documents d WHERE d.published IS NOT NULL" + fsql
        if doc_ids is not None:
            where += f" AND d.id IN ({_marks(doc_ids)})"
            args += list(doc_ids)
        rows = self._run(f"SELECT substr(d.published, 1, 10) AS day, d.outlet, COUNT(*) {where} "
                         "GROUP BY substr(d.published, 1, 10), d.outlet ORDER BY day, d.outlet", args)
        return [CoverageDay(r[0], r[1], int(r[2])) for r in rows]

    def _latest_docs(self, entity_ids: list[str]) -> str:
        """A sub-select of the latest articles that mention these entities, at most SAMPLE_ARTICLES."""
        return ("SELECT d.id FROM documents d WHERE d.id IN (SELECT x.doc_id FROM mentions x WHERE "
                f"x.entity_id IN ({_marks(entity_ids)})) ORDER BY d.published DESC NULLS LAST, d.id "
                f"LIMIT {SAMPLE_ARTICLES}")

    def related_entities(self, entity_ids: list[str], limit: int = 12) -> list[tuple[str, int]]:
        """(entity id, articles shared) of the entities most often in the same articles as these, over their
        latest SAMPLE_ARTICLES articles."""
        if not entity_ids:
            return []
        rows = self._run(f"SELECT m.entity_id, COUNT(DISTINCT m.doc_id) AS n FROM mentions m "
                         f"WHERE m.doc_id IN ({self._latest_docs(entity_ids)}) AND m.entity_id IS NOT NULL "
                         f"AND m.entity_id NOT IN ({_marks(entity_ids)}) GROUP BY m.entity_id "
                         "ORDER BY n DESC, m.entity_id LIMIT ?", entity_ids + entity_ids + [limit])
        return [(r[0], int(r[1])) for r in rows]

    def entity_stories(self, entity_ids: list[str], limit: int = 20) -> list[Story]:
        """The stories of the entity's latest SAMPLE_ARTICLES articles, latest first."""
        if not entity_ids:
            return []
        rows = self._run(f"SELECT {STORY_COLUMNS} FROM stories s WHERE s.id IN (SELECT sa.story_id FROM story_articles "
                         f"sa WHERE sa.doc_id IN ({self._latest_docs(entity_ids)})) "
                         "ORDER BY s.last_seen DESC NULLS LAST, s.n_articles DESC, s.position LIMIT ?",
                         entity_ids + [limit])
        return self._stories_of(rows)

    def outlets(self, outlet: str | None = None) -> list[OutletView]:
        """Every outlet (or one) with its articles, dates and the share of its text that is its own."""
        rows = self._run(
            "SELECT d.outlet, COUNT(*), MIN(substr(d.published, 1, 10)), MAX(substr(d.published, 1, 10)), "
            "SUM(COALESCE(d.n_chars, 0)), SUM(COALESCE(d.n_chars, 0) * COALESCE(p.originality, 1.0)), "
            "SUM(CASE WHEN p.originality < 0.5 THEN 1 ELSE 0 END) "
            "FROM documents d LEFT JOIN provenance p ON p.doc_id = d.id "
            + ("WHERE d.outlet = ? " if outlet is not None else "")
            + "GROUP BY d.outlet ORDER BY COUNT(*) DESC, d.outlet", [outlet] if outlet is not None else [])
        return [OutletView(r[0], int(r[1]), r[2], r[3], (float(r[5]) / r[4]) if r[4] else 1.0, int(r[6] or 0))
                for r in rows]

    def outlet_profile(self, outlet: str, actors: int = 12) -> OutletView | None:
        """One outlet in full: the agencies it credits or copies, and how it names the people it covers most."""
        found = self.outlets(outlet)
        if not found:
            return None
        view = found[0]
        agencies: Counter = Counter()
        for credits, dateline, copied in self._run(
                "SELECT d.credits, d.dateline_agency, p.agency FROM documents d "
                "LEFT JOIN provenance p ON p.doc_id = d.id WHERE d.outlet = ?", (outlet,)):
            named = set(json.loads(credits or "[]")) | ({dateline} if dateline else set())
            named |= {copied} if copied else set()
            agencies.update(named)
        view.agencies = dict(agencies.most_common(20))
        view.actors = self._actors(outlet, actors)
        return view

    def _actors(self, outlet: str, limit: int) -> list[dict]:
        top = self._run("SELECT m.entity_id, MIN(e.canonical), COUNT(*) AS n FROM mentions m "
                        "JOIN documents d ON d.id = m.doc_id JOIN entities e ON e.entity_id = m.entity_id "
                        "WHERE d.outlet = ? AND m.type = 'PER' GROUP BY m.entity_id ORDER BY n DESC, m.entity_id "
                        "LIMIT ?", (outlet, limit))
        if not top:
            return []
        ids = [r[0] for r in top]
        names: dict[str, Counter] = {i: Counter() for i in ids}
        for eid, title, descriptors in self._run(
                "SELECT m.entity_id, m.title, m.descriptors FROM mentions m JOIN documents d ON d.id = m.doc_id "
                f"WHERE d.outlet = ? AND m.entity_id IN ({_marks(ids)})", [outlet] + ids):
            names[eid].update(([title] if title else []) + json.loads(descriptors or "[]"))
        return [{"entity_id": eid, "canonical": canonical, "mentions": int(n),
                 "descriptors": [{"text": t, "count": c} for t, c in names[eid].most_common(6)]}
                for eid, canonical, n in top]
