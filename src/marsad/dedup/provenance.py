"""Paragraph-level provenance: which paragraphs of an article come from which earlier article, how much of it
is the outlet's own, and which agency the shared text probably comes from.

A paragraph is taken from an earlier article when at least half of its words are covered by shingles the two
share; the earliest such article is its source (copies of copies point back to the first publication). The
originality ratio is the share of the article's word characters that no earlier related article covers. The
probable agency combines the article's own wire credits and dateline, the credits of its sources, and the
outlet of the earliest source when that outlet is itself an agency (SPA publishing its own dispatch).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from ..arabic.segment import paragraphs
from ..clean.lexicon import AGENCY_KEYS, key
from .index import Prepared, _member, coverage

TAKEN = 0.5                     # share of a paragraph's words that makes it taken from a source


@dataclass
class Article:
    id: str
    text: str
    prepared: Prepared
    outlet: str | None = None
    credits: tuple = ()
    dateline_agency: str | None = None
    order: tuple = ()


def _agencies(art: Article) -> list[str]:
    found = [c for c in art.credits if key(c) in AGENCY_KEYS]
    if art.dateline_agency and key(art.dateline_agency) in AGENCY_KEYS and art.dateline_agency not in found:
        found.append(art.dateline_agency)
    return found


def provenance(art: Article, sources: list[Article]) -> dict:
    """sources: the earlier articles it shares text with, earliest first."""
    s = art.prepared.shingled
    spans = paragraphs(art.text)
    chars = (s.ends - s.starts).astype(np.int64)
    total = int(chars.sum()) or 1
    para_of_word = np.searchsorted(np.array([a for a, _ in spans], dtype=np.int64), s.starts, "right") - 1
    n_para = len(spans)
    words_per_para = np.bincount(para_of_word[para_of_word >= 0], minlength=n_para)
    source_of = [None] * n_para
    any_covered = np.zeros(s.words, dtype=bool)
    out_sources = []
    for src in sources:
        inter = art.prepared.unique[_member(art.prepared.unique, src.prepared.unique)]
        if not len(inter):
            continue
        cov = coverage(s, inter)
        any_covered |= cov
        per_para = np.bincount(para_of_word[cov & (para_of_word >= 0)], minlength=n_para)
        taken = [i for i in range(n_para) if words_per_para[i] and per_para[i] >= TAKEN * words_per_para[i]]
        for i in taken:
            if source_of[i] is None:
                source_of[i] = src.id
        out_sources.append({"article_id": src.id, "outlet": src.outlet, "paragraphs": taken,
                            "shared_chars": int(chars[cov].sum())})
    originality = 1.0 - float(chars[any_covered].sum()) / total
    agency = _probable_agency(art, sources)
    return {"originality": round(max(0.0, originality), 3), "agency": agency, "sources": out_sources,
            "paragraphs": [{"index": i, "start": a, "end": b, "source": source_of[i]}
                           for i, (a, b) in enumerate(spans)]}


def _probable_agency(art: Article, sources: list[Article]) -> str | None:
    own = _agencies(art)
    if own:
        return own[0]
    votes: Counter = Counter()
    for src in sources:
        for a in _agencies(src):
            votes[a] += 1
    if votes:
        return votes.most_common(1)[0][0]
    for src in sources:                           # earliest first: an agency's own site publishing its dispatch
        if src.outlet and key(src.outlet) in AGENCY_KEYS:
            return src.outlet
    return None
