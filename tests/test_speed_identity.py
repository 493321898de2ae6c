"""The speed work of issue 22 keeps the analysis identical: what a worker's caches hold never changes a result.

The full check runs over 3,096 documents (benchmarks/identity.py); these are its cheap guards, for the caches
added or changed for speed: a per-word memo of the recognizer's token tests, the tagger's table of form
projections (most recently used kept), its character features, the segmenter's word forms.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np

from marsad import pipeline

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "data" / "seeds"
TEXT = ("قال وزير الخارجية الروسي سيرغي لافروف في موسكو إن المشير خليفة حفتر غادر دون التوقيع على اتفاق وقف "
        "إطلاق النار مع حكومة الوفاق الوطني الليبية.\nوأضاف لافروف أن المحادثات ستستمر الأسبوع المقبل في "
        "برلين، بحسب وكالة إنترفاكس.\nوقال المتحدث باسم الحكومة التركية إن أنقرة مستعدة لدعم الاتفاق.")


def _analysis(docs: list) -> list[dict]:
    out = []
    for d in pipeline.process_many(docs):
        row = {f.name: getattr(d, f.name) for f in dataclasses.fields(d) if f.name not in ("raw", "text")}
        out.append(repr(row))
    return out


def _docs() -> list:
    texts = [TEXT] + [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    return [pipeline.make_document(t.encode("utf-8"), source=f"t{i}", fmt="text") for i, t in enumerate(texts)]


def test_the_analysis_does_not_depend_on_what_the_caches_hold():
    from marsad.entities.tagger import default_tagger
    tagger = default_tagger()
    first = _analysis(_docs())
    assert _analysis(_docs()) == first                   # warm caches
    try:
        tagger.CHAR_CACHE_MAX = 5                         # caches that fill up and evict within every batch
        tagger.PROJ_CACHE_BYTES = 40 * tagger._proj_table[:, 0].nbytes
        tagger._proj_rows.clear()
        tagger._char_cache.clear()
        assert _analysis(_docs()) == first
    finally:
        del tagger.PROJ_CACHE_BYTES, tagger.CHAR_CACHE_MAX


def test_a_form_projection_is_the_same_alone_or_in_a_batch():
    """NumPy multiplies a single row by gemv, whose sums differ from gemm's in the last bit: the tagger computes a
    lone new form as two, so a form's numbers never depend on what else its batch held."""
    from marsad.entities.tagger import default_tagger
    tagger = default_tagger()
    forms = ["لافروف", "موسكو", "الوفاق", "حفتر", "انترفاكس"]
    tagger._proj_rows.clear()
    together = tagger._proj_table[:, tagger._form_rows(forms)].copy()
    for k, f in enumerate(forms):
        tagger._proj_rows.clear()
        alone = tagger._proj_table[:, tagger._form_rows([f])[0]]
        assert np.array_equal(alone, together[:, k])


def test_word_memos_stay_bounded():
    from marsad.arabic.segment import WordMemo
    memo = WordMemo(str.upper, limit=3)
    assert [memo[w] for w in "abcdefab"] == list("ABCDEFAB")
    assert len(memo) == 3


def test_the_depth_limit_test_agrees_with_a_walk_of_the_tree():
    """clean.html_page._too_deep asks libxml2 (XPath) instead of walking every element in Python: the same answer
    on either side of the parser's limit."""
    from lxml import etree

    from marsad.clean.html_page import PARSER_DEPTH, _parse, _too_deep

    def walked(tree) -> bool:
        depth = 0
        for event, _ in etree.iterwalk(tree, events=("start", "end")):
            depth += 1 if event == "start" else -1
            if depth >= PARSER_DEPTH:
                return True
        return False

    for n in (1, PARSER_DEPTH - 4, PARSER_DEPTH - 3, PARSER_DEPTH - 2, PARSER_DEPTH + 40):
        tree = _parse("<html><body>" + "<div>" * n + "نص" + "</div>" * n + "</body></html>")
        assert _too_deep(tree) == walked(tree)
    assert _too_deep(_parse("<html><body>" + "<div>" * (PARSER_DEPTH + 40) + "</body></html>"))
