"""Stories and storylines: the baseline the story-clustering work is measured against.

Stories: TF-IDF (sublinear, over the search index's matching-form terms, title counted twice) and cosine
similarity. Articles are taken in date order; each joins the story whose members of the last few days are,
on average, most similar to it (group-average single pass, as in topic detection and tracking), or opens a
new story. Plain single-link was tried first: on SaudiNewsNet it chained 5,000 unrelated articles into one
"story" through pairs of near-boilerplate texts; the group average cannot chain.
Storylines: the same group-average pass over story centroids with a window of weeks, so an event and its
follow-up a month later form one line (single-link chained 17,000 SaudiNewsNet articles into one line).
Similarities are computed in day blocks, so the cost grows with the articles per window, not the corpus squared,
and each article reads at most MAX_NEIGHBOURS earlier neighbours (a window of thousands of near-identical
articles stays bounded in memory and in Python work). An undated article's similarity to an earlier undated one
counts once (it used to count twice, both products being read).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator
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
MAX_NEIGHBOURS = 1000      # earlier articles an article is compared with, the most similar (SaudiNewsNet: 591 at most)
BLOCK = 256                # articles whose similarities are computed at once
CENTRAL_ENTRIES = 1 << 22  # centroid entries spelled out at once when choosing central articles (~50 MB)


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


def _pass_order(days: list[int | None]) -> list[int]:
    """The order of the single pass: by day (undated articles last), then by place in the list."""
    return sorted(range(len(days)), key=lambda i: (days[i] if days[i] is not None else 10**9, i))


def _blocks(days: list[int | None], order: list[int], window: int) -> Iterator[tuple[np.ndarray, np.ndarray, bool]]:
    """Blocks of articles in pass order, each with the articles before them that they may join (pass order):
    those of the window's earlier days and of their own day for a dated article, all for an undated one. The
    flag says whether the block is the left factor of the similarity product (undated), as it was before the
    products were cut into blocks: each cosine is summed over the same terms in the same order as then."""
    by_day: dict[int, list[int]] = defaultdict(list)
    undated = []
    for i in order:
        (undated if days[i] is None else by_day[days[i]]).append(i)
    for d in sorted(by_day):
        earlier = [j for dd in range(d - window, d) for j in by_day.get(dd, [])]
        members = by_day[d]
        for k in range(0, len(members), BLOCK):
            yield np.array(members[k:k + BLOCK]), np.array(earlier + members[:k + BLOCK]), False
    dated = [i for i in order if days[i] is not None]
    for k in range(0, len(undated), BLOCK):
        yield np.array(undated[k:k + BLOCK]), np.array(dated + undated[:k + BLOCK]), True


def _neighbours(X, days: list[int | None], window: int, floor: float) -> Iterator[tuple[int, np.ndarray, np.ndarray,
                                                                                         bool]]:
    """Each article in pass order with the articles before it in the pass, within its window, at cosine ≥ floor:
    (article, neighbours, cosines, whether some were left out). At most MAX_NEIGHBOURS, the most similar (then
    the earliest): in a cluster of thousands of near-identical articles, each would otherwise be compared with
    all the others one by one. The similarities are computed a block of articles at a time (bounded memory)."""
    order = _pass_order(days)
    rank = np.empty(len(days), dtype=np.int64)
    rank[order] = np.arange(len(days))
    for block, before, block_left in _blocks(days, order, window):
        if block_left:                                # entries grouped by block article: rows here, columns below
            sims = (X[block] @ X[before].T).tocsr()
        else:                                         # the earlier article is the left factor, as it was
            sims = (X[before] @ X[block].T).tocsc()
        for k, i in enumerate(block.tolist()):
            lo, hi = sims.indptr[k], sims.indptr[k + 1]
            e, v = before[sims.indices[lo:hi]], sims.data[lo:hi]
            keep = (v >= floor) & (rank[e] < rank[i])
            e, v = e[keep], v[keep]
            cut = len(e) > MAX_NEIGHBOURS
            if cut:
                top = np.lexsort((rank[e], -v))[:MAX_NEIGHBOURS]
                e, v = e[top], v[top]
            yield i, e, v, cut


def _single_pass(n: int, days: list[int | None], neighbours, window: int, threshold: float) -> list[list[int]]:
    """Each article, in pass order, joins the story whose recent members are on average most similar to it (at
    least `threshold`), or opens one. `neighbours` yields what `_neighbours` does."""
    cluster_of = np.full(n, -1, dtype=np.int64)
    members: list[list[int]] = []
    dated: list[list[int]] = []                       # each story's members' days, in pass order (non-decreasing)
    for i, near, sims, cut in neighbours:
        best = _best(days[i], cluster_of[near], sims, members, dated, window, threshold, cut)
        if best is None:
            best = len(members)
            members.append([])
            dated.append([])
        members[best].append(i)
        if days[i] is not None:
            dated[best].append(days[i])
        cluster_of[i] = best
    return members


def _best(day: int | None, clusters: np.ndarray, sims: np.ndarray, members: list[list[int]], dated: list[list[int]],
          window: int, threshold: float, cut: bool) -> int | None:
    """The story with the highest mean similarity over its recent members (those of the last `window` days, or
    all when none is that recent), if it reaches `threshold`. When the article's neighbours were cut to the
    MAX_NEIGHBOURS most similar, the mean is over at most that many members."""
    if not len(clusters):
        return None
    found, index = np.unique(clusters, return_inverse=True)
    totals = np.bincount(index.ravel(), weights=sims)
    best, best_mean = None, threshold
    for c, total in zip(found.tolist(), totals.tolist()):
        recent = len(dated[c]) - bisect_left(dated[c], day - window) if day is not None else len(members[c])
        recent = recent or len(members[c])
        mean = total / (min(recent, MAX_NEIGHBOURS) if cut else recent)
        if mean >= best_mean:
            best, best_mean = c, mean
    return best


def cluster(articles: list[Article], *, window: int = STORY_WINDOW_DAYS, threshold: float = STORY_THRESHOLD,
            line_window: int = STORYLINE_WINDOW_DAYS, line_threshold: float = STORYLINE_THRESHOLD):
    """Returns (stories, storylines, X): stories as lists of article indices, storylines as lists of story
    indices, and the TF-IDF matrix (rows = articles) for choosing representative articles."""
    if not articles:
        return [], [], None
    X = vectorize(articles)
    days = [_day(a.published) for a in articles]
    stories = _single_pass(len(articles), days, _neighbours(X, days, window, threshold / 2), window, threshold)
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
    Sparse products over many stories at once instead of one per story, a bounded number of entries at a time:
    each member's row of its centroid is spelled out, which for a story of thousands of near-identical articles
    (a centroid as wide as their vocabulary) would not fit; such a story is scored by one product instead."""
    if X is None or not stories:
        return []
    sizes = np.array([len(g) for g in stories])
    rows = np.repeat(np.arange(len(stories)), sizes)
    cols = np.concatenate([np.asarray(g) for g in stories])
    M = csr_matrix((np.ones(len(cols), dtype=np.float32), (rows, cols)), shape=(len(stories), X.shape[0]))
    centroids = M @ X
    start = np.concatenate(([0], np.cumsum(sizes)))
    scores = np.empty(len(cols), dtype=np.float32)
    for lo, hi, wide in _spans(sizes * np.diff(centroids.indptr), CENTRAL_ENTRIES):
        a, b = start[lo], start[hi]
        if wide:
            scores[a:b] = np.asarray((X[cols[a:b]] @ centroids[lo].T).todense()).ravel()
        else:
            scores[a:b] = np.asarray(X[cols[a:b]].multiply(centroids[rows[a:b]]).sum(axis=1)).ravel()
    return [int(cols[start[k] + int(np.argmax(scores[start[k]:start[k + 1]]))]) for k in range(len(stories))]


def _spans(cost: np.ndarray, limit: int) -> Iterator[tuple[int, int, bool]]:
    """Runs of consecutive stories whose costs add up to at most `limit`, (first, end, False), and each story
    over the limit alone, (k, k + 1, True)."""
    lo, total = 0, 0
    for k, c in enumerate(cost.tolist()):
        if c > limit or total + c > limit:
            if k > lo:
                yield lo, k, False
            lo, total = k, 0
            if c > limit:
                yield k, k + 1, True
                lo = k + 1
                continue
        total += c
    if lo < len(cost):
        yield lo, len(cost), False


__all__ = ["Article", "cluster", "vectorize", "central_indices", "_stable_id"]
