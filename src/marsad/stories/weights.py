"""How telling a word is: inverse document frequency from a shipped table of Arabic news (training/story_df.py).

Why not the store's own counts: weights then do not depend on what was ingested before, so an article gets the
same vector whether it arrives first or after a million others, and story assignment is repeatable."""

from __future__ import annotations

import gzip
import math
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, int], int]:
    counts: dict[str, int] = {}
    n = 1
    with resources.files("marsad.models").joinpath("news_df.tsv.gz").open("rb") as raw, \
            gzip.open(raw, "rt", encoding="utf-8") as fh:
        for line in fh:
            term, _, count = line.rstrip("\n").partition("\t")
            if term == "#articles":
                n = int(count)
            else:
                counts[term] = int(count)
    return counts, n


@lru_cache(maxsize=262144)
def idf(term: str) -> float:
    """Smoothed idf; a term the table does not know weighs as one seen in a single article."""
    counts, n = _table()
    return math.log((n + 1) / (counts.get(term, 1) + 1)) + 1.0
