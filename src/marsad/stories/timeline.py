"""The timeline of a story: each article at the day its lead reports.

A lead's date counts only when it is near the article's publication (at most EVENT_LAG_DAYS before it, at most
a day after): a lead that recalls "19 يناير 2015" in a July stock report is not reporting January."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from ..arabic.segment import sentences
from ..document import TimeExpr
from ..store.views import CorpusDoc, DayTime
from ..timex.events import lead_date


def event_dates(docs: list[CorpusDoc], day_times: list[DayTime]) -> dict[str, str]:
    """The day each article's lead reports ("غادر حفتر أمس الاثنين موسكو" → the Monday), by article id."""
    by_doc: dict[str, list[TimeExpr]] = defaultdict(list)
    for t in day_times:
        by_doc[t.doc_id].append(TimeExpr(t.text, t.start, t.end, t.value, t.type, ""))
    out = {}
    for d in docs:
        found = by_doc.get(d.id)
        if found:
            day = lead_date(found, sentences(d.body, limit=2))
            if day and _near(day, d.published):
                out[d.id] = day
    return out


EVENT_LAG_DAYS = 7


def _near(day: str, published: str | None) -> bool:
    try:
        event = dt.date.fromisoformat(day[:10])
        return published is None or -1 <= (dt.date.fromisoformat(published[:10]) - event).days <= EVENT_LAG_DAYS
    except ValueError:
        return False


def timeline(members: list[CorpusDoc], event_of: dict[str, str]) -> list[dict]:
    """One entry per article (copies under another URL once), dated by the day its lead reports, else by its
    publication date; `published` keeps the latter."""
    seen, out = set(), []
    for d in members:
        key = (d.published, d.title)
        if key in seen:
            continue
        seen.add(key)
        out.append({"date": event_of.get(d.id) or d.published, "text": d.title, "article_id": d.id,
                    "published": d.published})
    out.sort(key=lambda e: (e["date"] or "9999", e["published"] or "9999", e["article_id"]))
    return out
