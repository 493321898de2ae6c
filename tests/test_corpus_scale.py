"""A cluster of near-identical texts stays bounded (issue: 10,000 tiny files, the same few sentences with one number
changed, stored in 3 s, and the corpus views did not finish in 10 minutes): each document is verified against a
bounded number of candidates, its provenance reads a bounded number of sources, and the story pass compares each
article with a bounded number of earlier ones. The bounds are asserted on counts, never on time."""

from __future__ import annotations

import numpy as np
import pytest

from marsad.dedup import index as dedup_index
from marsad.dedup import persist
from marsad.dedup.components import Components
from marsad.dedup.index import Deduplicator
from marsad.stories import cluster as stories

from .conftest import stored

N = 300
PER_DOC = 20              # the budget: candidates verified, and sources read, per document (MAX_CANDIDATES is 16)


def _bulletin(i: int) -> str:
    return (f"أعلنت وزارة الصحة اليوم تسجيل {i} حالة جديدة في مدينة الرياض، وأكدت الوزارة أن الوضع الصحي مستقر "
            "وأن الفرق الطبية تعمل على مدار الساعة. ودعت المواطنين إلى الالتزام بالإجراءات الاحترازية.")


def test_a_near_identical_cluster_is_verified_against_the_nearest_few_only():
    texts = [_bulletin(i) for i in range(N)]
    dedup = Deduplicator(lambda keys: {k: texts[k] for k in keys})
    pairs = dedup.add([(i, t, (i,)) for i, t in enumerate(texts)])
    assert len(pairs) <= N * PER_DOC                   # every pair with every other would be ~N²/2
    assert dedup.compared <= N * PER_DOC
    linked = Components(range(N))
    for p in pairs:
        linked.union(p.a, p.b)
    assert len({linked.find(i) for i in range(N)}) == 1      # still one copied text
    _, _, carriers = dedup.bands.lookup(np.unique(np.concatenate([s.keys for s in dedup.bands.segments])),
                                         with_counts=True)
    assert carriers.max() <= dedup_index.MAX_POSTINGS        # a key stops being indexed once that many carry it


def test_the_store_stage_bounds_pairs_and_provenance(tmp_path):
    from marsad.corpus import rebuild
    from marsad.pipeline import analyze
    from marsad.store import open_store

    store = open_store(str(tmp_path / "tiny.db"))
    stored(store, [analyze(_bulletin(i), published="2024-05-01", source=f"n{i}.txt") for i in range(N)])
    counts = persist.update(store)
    assert store.duplicates(limit=0).total <= N * PER_DOC
    assert counts["compared"] <= N * PER_DOC and counts["provenance"] <= N * PER_DOC
    rebuild(store)                                             # entities and stories over the same cluster
    assert store.stats()["stories"] >= 1
    store.close()


@pytest.mark.parametrize("published", ["2024-05-01", None])
def test_the_story_pass_reads_at_most_max_neighbours_and_keeps_the_cluster_whole(monkeypatch, published):
    monkeypatch.setattr(stories, "MAX_NEIGHBOURS", 25)
    arts = [stories.Article(f"a{i:04d}", "تسجيل حالات جديدة في الرياض", _bulletin(i), published, "صحيفة")
            for i in range(N)]
    X = stories.vectorize(arts)
    days = [stories._day(a.published) for a in arts]
    seen = list(stories._neighbours(X, days, stories.STORY_WINDOW_DAYS, stories.STORY_THRESHOLD / 2))
    assert len(seen) == N and max(len(near) for _, near, _, _ in seen) == 25
    assert sum(cut for *_, cut in seen) == N - 26             # the first 26 have 25 earlier neighbours or fewer
    groups, _, _ = stories.cluster(arts)
    assert len(groups) == 1                                    # the mean over the nearest members keeps it one story


def test_central_articles_of_a_story_too_wide_to_spell_out_are_the_same(monkeypatch):
    arts = [stories.Article(f"a{i:04d}", f"عنوان {i}", _bulletin(i) + (" وأضافت الوزارة" * (i % 3)), "2024-05-01",
                            "صحيفة") for i in range(40)]
    X = stories.vectorize(arts)
    groups = [list(range(0, 25)), list(range(25, 40))]
    expected = stories.central_indices(X, groups)
    monkeypatch.setattr(stories, "CENTRAL_ENTRIES", 10)       # every story is over the limit: one product each
    assert stories.central_indices(X, groups) == expected
