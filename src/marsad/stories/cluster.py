"""Stories and storylines: the baseline the story-clustering work is measured against.

Stories: TF-IDF (sublinear, over the search index's matching-form terms, title counted twice) and cosine
similarity. Articles are taken in date order; each joins the story whose members of the last few days are,
on average, most similar to it (group-average single pass, as in topic detection and tracking), or opens a
new story. Plain single-link was tried first: on SaudiNewsNet it chained 5,000 unrelated articles into one
"story" through pairs of near-boilerplate texts; the group average cannot chain.
Storylines: the same group-average pass over story centroids with a window of weeks, so an event and its
follow-up a month later form one line (single-link chained 17,000 SaudiNewsNet articles into one line).
Similarities are computed in day blocks, so the cost grows with the articles per window, not the corpus squared.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from scipy.sparse import csr_matrix
from sklearn.preprocessing import normalize as l2

from ..arabic.segment import index_terms

STORY_WINDOW_DAYS = 2
STORY_THRESHOLD = 0.15     # mean cosine to the story's recent members
STORYLINE_WINDOW_DAYS = 60
STORYLINE_THRESHOLD = 0.2
MIN_TERM_LEN = 2


@dataclass
class Article:
    id: str
    title: str
    body: str
    published: str | None
    outlet: str | None
    terms: str | None = None       # the search index's terms of title + body, when already computed


def _analyzer(terms: str) -> list[str]:
    return [t for t in terms.split() if len(t) > MIN_TERM_LEN and not t.isdigit()]


def _day(s: str | None) -> int | None:
    try:
        return dt.date.fromisoformat(s[:10]).toordinal() if s else None
    except ValueError:
        return None


def vectorize(articles: list[Article]):
    texts = [a.terms if a.terms is not None else index_terms(f"{a.title or ''} {a.title or ''} {a.body[:4000]}")
             for a in articles]
    big = len(texts) > 50      # document-frequency cut-offs mean nothing on a handful of articles
    # min_df=2: a term seen in one article cannot make two articles similar, it only dilutes their vectors
    vec = TfidfVectorizer(analyzer=_analyzer, sublinear_tf=True, min_df=2 if big else 1, max_df=0.3 if big else 1.0,
                          dtype=np.float32)
    try:
        return vec.fit_transform(texts)
    except ValueError:
        # degenerate corpora (the same text many times, or no words of three letters) leave no vocabulary under
        # the cut-offs: fall back to every term, and to one story per article when even that is empty
        try:
            return TfidfVectorizer(analyzer=_analyzer, sublinear_tf=True, dtype=np.float32).fit_transform(texts)
        except ValueError:
            return csr_matrix((len(texts), 1), dtype=np.float32)


def _stable_id(prefix: str, member_ids: list[str]) -> str:
    return prefix + hashlib.sha1(min(member_ids).encode()).hexdigest()[:10]


def _neighbours(X, days: list[int | None], window: int, floor: float) -> dict[int, list[tuple[int, float]]]:
    """For each article, the earlier-or-same-window articles with cosine ≥ floor (both directions stored)."""
    out: dict[int, list[tuple[int, float]]] = defaultdict(list)
    by_day: dict[int | None, list[int]] = defaultdict(list)
    for i, d in enumerate(days):
        by_day[d].append(i)
    for d in sorted(k for k in by_day if k is not None):
        left = by_day[d]
        right = [j for dd in range(d, d + window + 1) for j in by_day.get(dd, [])]
        sims = (X[left] @ X[right].T).tocoo()
        keep = sims.data >= floor
        for i, j, v in zip(np.asarray(left)[sims.row[keep]].tolist(), np.asarray(right)[sims.col[keep]].tolist(),
                           sims.data[keep].tolist()):
            if i != j and (days[j] != d or i < j):
                out[i].append((j, v))
                out[j].append((i, v))
    undated = by_day.get(None, [])
    if undated:
        sims = (X[undated] @ X.T).tocoo()
        keep = sims.data >= floor
        for i, j, v in zip(np.asarray(undated)[sims.row[keep]].tolist(), sims.col[keep].tolist(),
                           sims.data[keep].tolist()):
            if i != j:
                out[i].append((j, v))
                out[j].append((i, v))
    return out


def _single_pass(n: int, days: list[int | None], neigh, window: int, threshold: float) -> list[list[int]]:
    order = sorted(range(n), key=lambda i: (days[i] if days[i] is not None else 10**9, i))
    cluster_of: dict[int, int] = {}
    members: list[list[int]] = []
    for i in order:
        di = days[i]
        sums: dict[int, float] = defaultdict(float)
        for j, v in neigh.get(i, ()):
            c = cluster_of.get(j)
            if c is not None:
                sums[c] += v
        best, best_mean = None, threshold
        for c, total in sums.items():
            recent = [m for m in members[c] if di is None or days[m] is None or di - days[m] <= window] or members[c]
            mean = total / len(recent)
            if mean >= best_mean:
                best, best_mean = c, mean
        if best is None:
            best = len(members)
            members.append([])
        members[best].append(i)
        cluster_of[i] = best
    return members


def cluster(articles: list[Article], *, window: int = STORY_WINDOW_DAYS, threshold: float = STORY_THRESHOLD,
            line_window: int = STORYLINE_WINDOW_DAYS, line_threshold: float = STORYLINE_THRESHOLD):
    """Returns (stories, storylines, X): stories as lists of article indices, storylines as lists of story
    indices, and the TF-IDF matrix (rows = articles) for choosing representative articles."""
    if not articles:
        return [], [], None
    X = vectorize(articles)
    days = [_day(a.published) for a in articles]
    neigh = _neighbours(X, days, window, threshold / 2)
    stories = _single_pass(len(articles), days, neigh, window, threshold)
    stories = sorted(stories, key=lambda g: (min(days[i] or 10**9 for i in g), min(articles[i].id for i in g)))

    # storylines: centroids of stories (sparse: stories × vocabulary would not fit densely), linked over weeks
    rows = np.concatenate([np.full(len(g), k) for k, g in enumerate(stories)])
    cols = np.concatenate([np.asarray(g) for g in stories])
    M = csr_matrix((np.ones(len(cols), dtype=np.float32), (rows, cols)), shape=(len(stories), len(articles)))
    C = l2(M @ X)
    sdays = [min((days[i] for i in g if days[i] is not None), default=None) for g in stories]
    lines = _single_pass(len(stories), sdays, _neighbours(C, sdays, line_window, line_threshold / 2),
                         line_window, line_threshold)
    return stories, lines, X


def central_indices(X, stories: list[list[int]]) -> list[int]:
    """For each story, the member most similar to the story's centroid: its title names the story.
    One sparse product for all stories instead of one per story."""
    if X is None or not stories:
        return []
    rows = np.concatenate([np.full(len(g), k) for k, g in enumerate(stories)])
    cols = np.concatenate([np.asarray(g) for g in stories])
    M = csr_matrix((np.ones(len(cols), dtype=np.float32), (rows, cols)), shape=(len(stories), X.shape[0]))
    centroids = M @ X
    scores = np.asarray(X[cols].multiply(centroids[rows]).sum(axis=1)).ravel()
    best: list[int] = []
    start = 0
    for g in stories:
        part = scores[start:start + len(g)]
        best.append(int(cols[start + int(np.argmax(part))]))
        start += len(g)
    return best


__all__ = ["Article", "cluster", "vectorize", "central_indices", "_stable_id"]
