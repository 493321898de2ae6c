"""The bundled demo corpus: reproducible from its sources, and as varied as the issue asks."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from collections import Counter

from marsad.document import content_id
from marsad.readers.sources import RawInput, iter_inputs

from .conftest import DEMO, ROOT

GOLD = json.loads((DEMO / "gold.json").read_text(encoding="utf-8"))
ARTS = GOLD["articles"]


def test_the_committed_corpus_is_exactly_what_the_sources_build():
    out = subprocess.run([sys.executable, str(ROOT / "examples" / "demo_source" / "build.py"), "--check"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_gold_ids_are_the_content_ids_marsad_computes_for_each_input():
    ids = {content_id(i.raw) for i in iter_inputs([DEMO]) if isinstance(i, RawInput)}
    assert ids == {a["doc_id"] for a in ARTS}


def test_size_variety_and_formats():
    assert len(ARTS) >= 80
    assert len({a["outlet"] for a in ARTS}) >= 6
    assert len(GOLD["stories"]) >= 10
    assert len([s for s, ids in GOLD["storylines"].items()
                if len({a["story"] for a in ARTS if a["storyline"] == s}) > 1]) >= 3
    days = sorted(dt.date.fromisoformat(a["published"]) for a in ARTS)
    assert (days[-1] - days[0]).days >= 28
    assert {a["format"] for a in ARTS} == {"text", "html", "jsonl", "warc"}
    assert sum(1 for a in ARTS if a["comments"]) >= 10


def test_wire_copies_and_duplicates_are_there():
    kinds = Counter(d["kind"] for d in GOLD["duplicates"])
    assert kinds["wire"] >= 10 and kinds["exact"] >= 3 and kinds["near"] >= 2
    agencies = Counter(c for a in ARTS for c in a["credits"])
    assert len(agencies) >= 8


def test_the_hard_cases_of_arabic_news_are_represented():
    bodies = "\n".join(a["body"] for a in ARTS)
    for family in (r"يناير|فبراير", r"كانون الثاني|شباط|آذار", r"جانفي|فيفري|أفريل", r"يوليوز|غشت|شتنبر"):
        assert re.search(family, bodies), family
    assert re.search(r"\d{1,2} (?:رجب|شعبان|رمضان) 1445", bodies) or re.search("[٠-٩]+ (?:شعبان|رمضان) ١٤٤٥", bodies)
    assert re.search("[٠-٩]{4}", bodies)
    for phrase in ("أمس", "المقبل", "منذ", "وأضاف"):
        assert phrase in bodies
    times = [t for a in ARTS for t in a["times"]]
    assert any(t["consistent"] is False for t in times) and any(t["type"] == "duration" for t in times)
    quotes = [q for a in ARTS for q in a["quotes"]]
    assert Counter(q["kind"] for q in quotes)["direct"] > 100 and any(q["via"] for q in quotes)


def test_the_same_person_is_named_and_framed_differently_by_outlet():
    mentions = [(a["outlet"], e) for a in ARTS for e in a["entities"] if e["canonical"] == "عبد السلام الورشفاني"]
    spellings = {e["name"] for _, e in mentions}
    assert {"عبد السلام الورشفاني", "الورشفاني"} <= spellings and len(spellings) >= 4
    titles_by_outlet = {}
    for outlet, e in mentions:
        titles_by_outlet.setdefault(outlet, set()).update(e["titles"])
    assert "المشير" in titles_by_outlet["بوابة النيل"]
    assert any("الانقلابي" in t or "مجرم" in t for t in titles_by_outlet["الوطن الحر"])
    assert any("المتقاعد" in t for t in titles_by_outlet["الرائد أونلاين"])


def test_gold_spans_point_at_their_text():
    for a in ARTS:
        for e in a["entities"]:
            assert a["body"][e["start"]:e["end"]] == e["text"] and e["text"].endswith(e["name"])
        for q in a["quotes"]:
            assert a["body"][q["start"]:q["end"]] == q["content"]
        for t in a["times"]:
            assert a["body"][t["start"]:t["end"]] == t["text"]
