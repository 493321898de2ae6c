"""The extraction benchmark's scorer (written from its specification) and Marsad's HTML stage on it."""

from __future__ import annotations

import gzip
import json
import sys

import pytest

from tests.conftest import ROOT, SEEDS, SHARED

sys.path.insert(0, str(ROOT / "benchmarks"))
from extraction_score import load_predictions, score, shingles, tokens  # noqa: E402

AEB = SHARED / "article_extraction_benchmark"


def test_shingles_follow_the_specification():
    assert tokens("Hello, wörld — 2020!") == ["Hello", "wörld", "2020"]
    assert shingles(tokens("a b c")) == {("a", "b", "c"): 1}
    assert sum(shingles(tokens("a b c d e")).values()) == 2
    assert score({"x": "one two three four five"}, {"x": "one two three four five"})["f1"] == 1.0
    assert score({"x": "one two three four five"}, {"x": ""})["recall"] == 0.0


@pytest.mark.shared
def test_scorer_reproduces_the_published_trafilatura_figures():
    truth = load_predictions(json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8")))
    pred = load_predictions(json.loads((AEB / "output" / "trafilatura.json").read_text(encoding="utf-8")))
    s = score(truth, pred)
    assert (round(s["f1"], 3), round(s["precision"], 3), round(s["recall"], 3), round(s["accuracy"], 3)) == \
        (0.958, 0.938, 0.978, 0.293)


@pytest.mark.shared
@pytest.mark.slow
def test_marsad_is_not_worse_than_trafilatura_on_the_extraction_benchmark():
    """Quality only (speed is measured in benchmarks/clean.py): the bar says no lower than trafilatura."""
    import trafilatura

    from marsad.clean.html_page import extract

    truth = load_predictions(json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8")))
    pages = {k: gzip.open(AEB / "html" / f"{k}.html.gz").read().decode("utf-8") for k in truth}
    ours = score(truth, {k: extract(h).body for k, h in pages.items()})
    theirs = score(truth, {k: trafilatura.extract(h) or "" for k, h in pages.items()})
    assert ours["f1"] >= theirs["f1"]


@pytest.mark.shared
def test_seed_pages_line_roles():
    """Read line by line (benchmarks/clean.py --seeds): the roles a reader gives each seed's lines."""
    from marsad.pipeline import analyze

    docs = {p.name[:3]: analyze(p.read_bytes(), source=p.name) for p in SEEDS}
    for d in docs.values():
        roles = [ln.role for ln in d.lines]
        assert roles.count("title") >= 1 and "body" in roles
        body_lines = [ln.text for ln in d.lines if ln.role == "body"]
        assert all(len(t.split()) >= 3 for t in body_lines)
        for chrome in ("مقالات ذات صلة", "اترك تعليقاً", "زر الذهاب إلى الأعلى", "شاهد أيضاً"):
            assert chrome not in d.body
    s001 = {ln.n: ln.role for ln in docs["001"].lines}
    assert s001[5] == s001[10] == "title" and s001[12] == "boilerplate" and s001[14] == "body"
    assert s001[43] == "boilerplate" and docs["001"].byline == "ع.س"
    assert len(docs["001"].comments) == 4 and all(ln.role == "comment" for ln in docs["001"].lines if ln.n >= 52)
    assert docs["002"].credits == ["فرانس 24", "أ ف ب"] and docs["002"].byline == "Houda Karmani"
    d3 = docs["003"]
    assert (d3.dateline.place, d3.dateline.agency, d3.outlet) == ("اسطنبول", "أوج", "أوج")
    assert {ln.n: ln.role for ln in d3.lines}[5] == "boilerplate"
    assert {ln.n: ln.role for ln in docs["000"].lines}[13] == "body"     # a subheading inside the article
