"""The framing table of a story: how each outlet describes each person."""

from __future__ import annotations

from collections import Counter


def framing(mentions: list[tuple[str, str, str | None, list[str | None]]]) -> list[dict]:
    """mentions: (entity id, canonical, outlet, [title, *descriptors]). The titles and descriptors each outlet
    attaches to each person, most used first."""
    agg: dict[tuple, dict] = {}
    for entity_id, canonical, outlet, descriptors in mentions:
        a = agg.setdefault((entity_id, outlet), {"entity_id": entity_id, "canonical": canonical, "outlet": outlet,
                                                 "descriptors": Counter(), "count": 0})
        a["count"] += 1
        for d in descriptors:                 # the title before the name, then appositions after it
            if d:
                a["descriptors"][d] += 1
    out = [{**a, "descriptors": [t for t, _ in a["descriptors"].most_common()]} for a in agg.values()
           if a["descriptors"]]
    out.sort(key=lambda a: (a["canonical"], a["outlet"] or ""))
    return out
