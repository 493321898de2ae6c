"""Wire provenance of a story: which texts several outlets ran, from which agency, and who added to them."""

from __future__ import annotations

from collections import Counter

from ..dedup.components import Components
from ..store.views import CorpusDoc

ADDED_REPORTING = 0.2          # a copy with a fifth or more of its text its own "added its own reporting"


def wire(members: list[CorpusDoc], related: dict[str, list[tuple[str, str]]],
         origin: dict[str, tuple[float, str | None]]) -> dict:
    """Credited agencies, and for each text that several articles share, how many outlets ran it, from which
    agency, and how many added their own reporting ("7 outlets ran the same AFP text; 2 added their own
    reporting"). related: article id → (other article, kind) of its duplicate pairs."""
    agencies: Counter = Counter()
    for d in members:
        for a in d.credits:
            agencies[a] += 1
    ids = [d.id for d in members]          # a list, not a set: groups come out in the same order every run
    by_id = {d.id: d for d in members}
    components = Components(ids)
    for i in ids:
        for o, _ in related.get(i, []):
            if o in by_id:
                components.union(i, o)
    texts = []
    for group in components.groups():
        if len(group) < 2:
            continue
        group.sort(key=lambda i: (by_id[i].published or "9999", i))     # not by arrival: by id
        source, copies = group[0], group[1:]
        votes = Counter(origin[i][1] for i in copies if i in origin and origin[i][1])
        agency = votes.most_common(1)[0][0] if votes else None
        added = sum(1 for i in copies if i in origin and origin[i][0] >= ADDED_REPORTING)
        outlets = sorted({by_id[i].outlet for i in group if by_id[i].outlet})
        texts.append({"source_article": source, "agency": agency, "articles": len(group), "outlets": len(outlets),
                      "outlet_names": outlets, "added_reporting": added,
                      "line": (f"{len(outlets)} outlets ran the same {agency or 'shared'} text; "
                               f"{added} added their own reporting" if len(outlets) > 1 else
                               f"{len(group)} copies of one text in {outlets[0] if outlets else 'one outlet'}")})
    texts.sort(key=lambda t: -t["articles"])
    copies = sum(t["articles"] for t in texts)
    return {"agencies": dict(agencies.most_common()), "articles_sharing_text": copies, "texts": texts}
