"""A re-cleaned or deleted document is taken out of the duplicate index with the text the index holds of it (the
store keeps that text when the body changes) and a re-cleaned one is put back in place: no rebuild of the whole
index, so adding a batch to a large store does not cost a pass over it when templates re-clean old pages."""

from __future__ import annotations

import pytest

from marsad.dedup import persist
from marsad.store.records import to_record

from .conftest import stored
from .test_dedup import DISPATCH, LOCAL_INTRO, LOCAL_OUTRO, OTHER
from .test_dedup_order import _article, fresh  # noqa: F401  (a fixture: an empty store on either backend)

SIDEBAR = "\n".join(DISPATCH.split("\n")[:3])     # a "related news" block that quotes another article's lead


def _corpus() -> tuple[list, object]:
    """A page of the Tunisian news whose stored body still holds a sidebar with the dispatch's opening
    paragraphs (its outlet's template will learn to drop it), published before everything else; the dispatch,
    a local article built on it, a later copy of the Tunisian news."""
    page = _article(OTHER + "\n" + SIDEBAR, "2024-02-27", "نشرة تونس", "page")
    docs = [page, _article(DISPATCH, "2024-03-01", "وكالة سبأ", "dispatch"),
            _article(LOCAL_INTRO + DISPATCH + LOCAL_OUTRO, "2024-03-02", "الموقع", "local"),
            _article(OTHER, "2024-03-03", "بوابة تونس", "tunis")]
    return docs, page


def _pairs(store) -> list[tuple]:
    return sorted((p.a, p.b, p.kind, p.score, p.shared_chars) for p in store.duplicates(limit=1000).items)


def _reclean(store, doc, body: str) -> None:
    """What the templates stage does to a stored page: the same input, a cleaner body."""
    doc.body = body
    store.replace_records([to_record(doc, "test")])


@pytest.fixture
def store(fresh):  # noqa: F811  (the imported fixture)
    s = fresh("patch")
    yield s
    s.close()


def test_a_recleaned_old_page_is_put_back_in_place_without_a_rebuild(store):
    docs, page = _corpus()
    stored(store, docs)
    persist.update(store)
    ids = {d.source: d.id for d in docs}
    before = {(p[0], p[1]) for p in _pairs(store)}
    assert (ids["page"], ids["dispatch"]) in before and (ids["page"], ids["tunis"]) in before
    assert store.provenance(ids["dispatch"]).sources[0]["article_id"] == ids["page"]

    _reclean(store, page, OTHER)
    assert store._one("SELECT COUNT(*) FROM dedup_retired") == 1
    counts = persist.update(store)
    assert (counts["rebuilt"], counts["removed"], counts["indexed"], counts["reindexed"]) == (0, 1, 1, 0)
    after = _pairs(store)
    pairs = {(p[0], p[1]) for p in after}
    assert (ids["page"], ids["dispatch"]) not in pairs and (ids["page"], ids["local"]) not in pairs
    assert (ids["page"], ids["tunis"], "exact") in {p[:3] for p in after}      # now the same text
    assert (ids["dispatch"], ids["local"]) in pairs
    # the dispatch lost its earlier source; the local article still has the dispatch
    assert store.provenance(ids["dispatch"]).sources == []
    assert [s["article_id"] for s in store.provenance(ids["local"]).sources] == [ids["dispatch"]]
    assert store._one("SELECT COUNT(*) FROM dedup_retired") == 0
    counts = persist.update(store, full=True)
    assert counts["rebuilt"] == 1 and _pairs(store) == after                 # what a rebuild finds


def test_a_store_that_did_not_keep_the_indexed_text_rebuilds_once(store):
    docs, page = _corpus()
    stored(store, docs)
    persist.update(store)
    _reclean(store, page, OTHER)
    with store.transaction():
        store._exec("DELETE FROM dedup_retired")             # as a store written by an older Marsad
    assert persist.update(store)["rebuilt"] == 1
    assert {(p[0], p[1]) for p in _pairs(store)} == {(page.id, docs[3].id), (docs[1].id, docs[2].id)}


def test_a_page_recleaned_twice_before_the_index_runs_is_taken_out_with_its_first_text(store):
    docs, page = _corpus()
    stored(store, docs)
    persist.update(store)
    _reclean(store, page, OTHER + "\n" + SIDEBAR.split("\n")[0])
    _reclean(store, page, OTHER)
    assert persist.update(store)["rebuilt"] == 0
    patched = _pairs(store)
    persist.update(store, full=True)
    assert _pairs(store) == patched


def test_deleting_a_source_updates_its_copies_provenance_without_a_rebuild(store):
    docs, page = _corpus()
    stored(store, docs)
    persist.update(store)
    store.delete_documents([page.id])
    counts = persist.update(store)
    assert counts["rebuilt"] == 0 and counts["removed"] == 1
    assert all(page.id not in p[:2] for p in _pairs(store))
    assert store.provenance(docs[1].id).sources == []               # the dispatch has no earlier source left
    assert [s["article_id"] for s in store.provenance(docs[2].id).sources] == [docs[1].id]


def test_reprocessing_most_of_the_store_rebuilds_the_index(store):
    docs, page = _corpus()
    stored(store, docs)
    persist.update(store)
    for d in docs[:3]:
        _reclean(store, d, d.body + "\nاقرأ أيضا")
    counts = persist.update(store)
    assert counts["rebuilt"] == 1 and counts["removed"] == 3


def test_a_recleaned_wire_original_keeps_its_copies_and_finds_no_pair_a_rebuild_would_not(store):
    """The agency's dispatch, run by 30 outlets after it (each with a line of its own), is re-cleaned (a block of
    other news dropped). Put back in place, its own query verifies its 16 nearest documents before it and its 16
    after it, and the copies it was paired with are verified again on its new text: none is lost (before, only
    16 candidates in all were verified, and copies crowded out the rest). Every pair is one a rebuild finds; a
    rebuild finds one more (a copy whose containment samples ten earlier copies carry meets the original only
    when the carriers are counted up to itself, which putting one document back cannot redo)."""
    lines = [f"وأفاد مراسل الصحيفة رقم {k} أن الأهالي طالبوا بتسريع الاستجابة في المديريات المتضررة."
             for k in range(30)]
    original = _article(DISPATCH + "\n" + OTHER, "2024-03-01", "وكالة سبأ", "dispatch")
    copies = [_article(DISPATCH + "\n" + line, f"2024-03-{2 + k % 5:02d}", f"صحيفة {k}", f"copy{k}")
              for k, line in enumerate(lines)]
    stored(store, [original, *copies])
    persist.update(store)
    paired = {p[1] for p in _pairs(store) if p[0] == original.id}
    assert len(paired) == 7
    _reclean(store, original, DISPATCH)
    assert persist.update(store)["rebuilt"] == 0
    patched = _pairs(store)
    assert {p[1] for p in patched if p[0] == original.id} == paired
    assert all(store.provenance(c).sources[0]["article_id"] == original.id for c in paired)
    persist.update(store, full=True)
    rebuilt = _pairs(store)
    assert set(patched) < set(rebuilt) and len(rebuilt) == len(patched) + 1
