"""Stories and storylines: the baseline the story-clustering work is measured against.

Stories: TF-IDF (sublinear, over the search index's matching-form terms, title counted twice) and cosine
similarity, single-link within a window of ±2 days, with a threshold; articles about one event across
outlets end up in one connected component. Storylines: stories more than two days apart are chained when
their centroids are similar, so a January event and its July follow-up can form one line.
Comparisons are blocked by day, so the cost grows with the articles per window, not the corpus squared.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize as l2

from ..arabic.segment import index_terms

STORY_WINDOW_DAYS = 2
STORY_THRESHOLD = 0.2
STORYLINE_WINDOW_DAYS = 60
STORYLINE_THRESHOLD = 0.17
MIN_TERM_LEN = 2


@dataclass
class Article:
    id: str
    title: str
    body: str
    published: str | None
    outlet: str | None


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _analyzer(text: str) -> list[str]:
    return [t for t in index_terms(text).split() if len(t) > MIN_TERM_LEN and not t.isdigit()]


def _day(s: str | None) -> int | None:
    try:
        return dt.date.fromisoformat(s[:10]).toordinal() if s else None
    except ValueError:
        return None


def vectorize(articles: list[Article]):
    texts = [f"{a.title or ''} {a.title or ''} {a.body[:4000]}" for a in articles]
    vec = TfidfVectorizer(analyzer=_analyzer, sublinear_tf=True, min_df=1, max_df=0.3 if len(texts) > 50 else 1.0,
                          dtype=np.float32)
    return vec.fit_transform(texts)


def _link(X, days: list[int | None], window: int, threshold: float, uf: _UnionFind) -> None:
    by_day: dict[int | None, list[int]] = defaultdict(list)
    for i, d in enumerate(days):
        by_day[d].append(i)
    dated = sorted(d for d in by_day if d is not None)
    for d in dated:
        left = by_day[d]
        right = [j for dd in range(d, d + window + 1) for j in by_day.get(dd, [])]
        if not right:
            continue
        sims = (X[left] @ X[right].T).tocoo()
        for r, c, v in zip(sims.row, sims.col, sims.data):
            i, j = left[r], right[c]
            if i < j and v >= threshold:
                uf.union(i, j)
    undated = by_day.get(None, [])
    if undated:   # articles without a date are compared with everything
        sims = (X[undated] @ X.T).tocoo()
        for r, c, v in zip(sims.row, sims.col, sims.data):
            i = undated[r]
            if i != c and v >= threshold:
                uf.union(i, int(c))


def _stable_id(prefix: str, member_ids: list[str]) -> str:
    return prefix + hashlib.sha1(min(member_ids).encode()).hexdigest()[:10]


def cluster(articles: list[Article], *, window: int = STORY_WINDOW_DAYS, threshold: float = STORY_THRESHOLD,
            line_window: int = STORYLINE_WINDOW_DAYS, line_threshold: float = STORYLINE_THRESHOLD):
    """Returns (stories, storylines, X): stories as lists of article indices, storylines as lists of story
    indices, and the TF-IDF matrix (rows = articles) for choosing representative articles."""
    if not articles:
        return [], [], None
    X = vectorize(articles)
    days = [_day(a.published) for a in articles]
    uf = _UnionFind(len(articles))
    _link(X, days, window, threshold, uf)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(articles)):
        groups[uf.find(i)].append(i)
    stories = sorted(groups.values(), key=lambda g: (min(days[i] or 10**9 for i in g), min(articles[i].id for i in g)))

    # storylines: centroids of stories, linked over a long window
    centroids = l2(np.vstack([np.asarray(X[g].mean(axis=0)) for g in stories]))
    from scipy.sparse import csr_matrix

    C = csr_matrix(centroids)
    sdays = [min((days[i] for i in g if days[i] is not None), default=None) for g in stories]
    uf2 = _UnionFind(len(stories))
    _link(C, sdays, line_window, line_threshold, uf2)
    lines: dict[int, list[int]] = defaultdict(list)
    for s in range(len(stories)):
        lines[uf2.find(s)].append(s)
    return stories, list(lines.values()), X


def central_index(X, members: list[int]) -> int:
    """The member most similar to the others: its title names the story."""
    if len(members) == 1:
        return members[0]
    sub = X[members]
    sims = np.asarray((sub @ sub.T).sum(axis=1)).ravel()
    return members[int(np.argmax(sims))]


__all__ = ["Article", "cluster", "vectorize", "central_index", "_stable_id"]
