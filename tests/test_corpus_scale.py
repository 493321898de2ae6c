"""A cluster of near-identical texts stays bounded (issue: 10,000 tiny files, the same few sentences with one number
changed, stored in 3 s, and the corpus views did not finish in 10 minutes): each document is verified against a
bounded number of candidates, its provenance reads a bounded number of sources, and story assignment scores each
article against a bounded number of stories. The bounds are asserted on counts, never on time."""

from __future__ import annotations

import numpy as np
import pytest

from marsad.dedup import index as dedup_index
from marsad.dedup import persist
from marsad.dedup.components import Components
from marsad.dedup.index import Deduplicator
from marsad.stories.assign import MAX_CANDIDATES, StoryBook, assign
from marsad.stories.event import shipped_model
from marsad.stories.profile import ArticleInput, profile

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
def test_story_assignment_scores_a_bounded_number_of_stories_and_keeps_the_cluster_whole(published):
    arts = [profile(ArticleInput(f"a{i:04d}", "تسجيل حالات جديدة في الرياض", _bulletin(i), published, "صحيفة"))
            for i in range(N)]
    book = StoryBook([], shipped_model())
    placed = assign(book, arts, {}, {})
    assert len({p.story for p in placed}) == 1                 # one bulletin, three hundred times
    assert all(len(book.candidates(a)) <= MAX_CANDIDATES for a in arts)
