"""The pieces under the pages: an article's marks (nested and overlapping spans), coverage charts, search
snippets' highlights, and the query layer's memory of corpus-wide reads."""

from __future__ import annotations

from marsad.document import Entity, Quote, TimeExpr
from marsad.store.search import highlight_terms, parse, snippet, snippet_marked
from marsad.store.views import CoverageDay, StoredDocument
from marsad.web.charts import OTHERS, coverage_chart
from marsad.web.marks import paragraphs

BODY = ("طرابلس – قال رئيس الحكومة فايق الهوني أمس الاثنين إن \"الاتفاق مع المصرف المركزي قريب\".\n"
        "وأضاف أن التوقيع سيتم في القاهرة.")


def _doc(**spans) -> StoredDocument:
    return StoredDocument(id="d1", seq=1, source=None, format="text", encoding="utf-8", outlet="منفذ", title="ت",
                          url=None, published="2024-03-04", published_source="text", dateline=None, credits=[],
                          byline=None, lang="ar", body=BODY, comments=[], lines=[], errors=[], **spans)


def _span(text: str, start_from: int = 0) -> tuple[int, int]:
    start = BODY.index(text, start_from)
    return start, start + len(text)


def test_marks_nest_and_overlap_and_keep_every_character():
    hs, he = _span("فايق الهوني")
    qs, qe = _span("الاتفاق مع المصرف المركزي قريب")
    ms, me = _span("المصرف المركزي")
    ts, te = _span("أمس الاثنين")
    cs, ce = _span("القاهرة")
    doc = _doc(entities=[Entity("فايق الهوني", hs, he, "PER", "فايق الهوني", None, "فايق الهوني", "p1"),
                         Entity("المصرف المركزي", ms, me, "ORG", "المصرف المركزي", None, "المصرف المركزي", "o1"),
                         Entity("القاهرة", cs, ce, "LOC", "القاهرة", None, "القاهرة", "l1"),
                         Entity("الهوني", BODY.index("الهوني"), he, "PER", "الهوني", None, "فايق الهوني", "p1")],
               quotes=[Quote("فايق الهوني", "p1", "قال", "قال", "direct", BODY[qs:qe], qs, qe)],
               times=[TimeExpr("أمس الاثنين", ts, te, "2024-03-03", "date", "published", True)])
    paras = paragraphs(doc)
    assert len(paras) == 2
    assert "".join(p.text for para in paras for p in para.pieces) == BODY.replace("\n", "")
    pieces = {p.text: p for para in paras for p in para.pieces if p.marks}
    assert "m-quote" in pieces["المصرف المركزي"].css and "m-org" in pieces["المصرف المركزي"].css
    assert pieces["المصرف المركزي"].ref == "e1"          # the innermost mark: the organization's side entry
    assert "m-time" in pieces["أمس الاثنين"].css and "2024-03-03" in pieces["أمس الاثنين"].title
    assert "الأحد 3 مارس 2024" in pieces["أمس الاثنين"].title       # the code and its reading
    assert pieces["القاهرة"].ref == "e2" and "m-loc" in pieces["القاهرة"].css
    assert pieces["المصرف المركزي"].refs == "q0 e1"       # hovering the quote's entry lights the name too
    assert {p.ref for p in pieces.values() if "الهوني" in p.text} == {"e0"}   # one entry per canonical name


def test_marks_ignore_spans_outside_the_body_and_paragraphs_get_their_source():
    doc = _doc(entities=[Entity("x", 5, 10_000, "PER", "x", None, "x", "e"), Entity("y", 7, 3, "PER", "y", None,
                                                                                  "y", "e")])
    second = BODY.index("\n") + 1
    paras = paragraphs(doc, [{"start": 0, "end": second - 1, "source": None},
                             {"start": second, "end": len(BODY), "source": "earlier1"}])
    assert all(not p.marks for para in paras for p in para.pieces)
    assert [p.source for p in paras] == [None, "earlier1"]


def test_coverage_chart_days_weeks_months_and_the_rest_of_the_outlets():
    rows = [CoverageDay("2024-03-01", f"منفذ {i}", i + 1) for i in range(12)] + [CoverageDay("2024-03-03", None, 2)]
    chart = coverage_chart(rows)
    assert chart["unit"] == "day" and chart["labels"] == ["2024-03-01", "2024-03-02", "2024-03-03"]
    assert len(chart["datasets"]) == 9 and chart["datasets"][-1]["label"] == OTHERS
    assert chart["total"] == sum(range(1, 13)) + 2 == sum(sum(d["data"]) for d in chart["datasets"])
    year = coverage_chart([CoverageDay("2023-01-05", "أ", 1), CoverageDay("2024-12-20", "أ", 3)])
    assert year["unit"] == "month" and len(year["labels"]) == 24 and year["labels"][:2] == ["2023-01", "2023-02"]
    assert year["datasets"][0]["data"][0] == 1 and year["datasets"][0]["data"][-1] == 3   # empty months kept
    assert year["display"][0] == "يناير 2023" and chart["display"][0] == "1 مارس"
    half = coverage_chart([CoverageDay("2024-01-06", "أ", 1), CoverageDay("2024-06-20", "أ", 3)])
    assert half["unit"] == "week" and half["labels"][0] == "2024-01-06"            # weeks begin on Saturday
    assert half["display"][0] == "أسبوع 6 يناير"
    assert coverage_chart([])["labels"] == []


def test_snippet_highlights_point_at_the_terms_even_with_brackets_in_the_text():
    body = "قال [المصدر] إن الحكومة [الليبية] ستعلن قرارها، وإن الحكومة مستعدة."
    whole, prefixes = highlight_terms(parse("الحكومة"))
    text, marks = snippet_marked(body, whole, prefixes)
    assert text == snippet(body, whole, prefixes)
    assert [text[a:b] for a, b in marks] == ["[الحكومة]", "[الحكومة]"]
    long = "كلمة " * 100 + "الحكومة تعلن"
    text, marks = snippet_marked(long, whole, prefixes)
    assert text.startswith("…") and [text[a:b] for a, b in marks] == ["[الحكومة]"]


def test_corpus_wide_reads_are_kept_until_the_store_changes(demo_db, tmp_path, cli):
    import shutil

    import marsad

    db = tmp_path / "copy.db"
    shutil.copy(demo_db, db)
    corpus = marsad.open(str(db))
    calls = []
    real = corpus.store.stats
    corpus.store.stats = lambda: calls.append(1) or real()
    first = corpus.stats()
    assert corpus.stats() == first and len(calls) == 1
    (tmp_path / "new.txt").write_text("خبر جديد\nالرياض – أعلنت الوزارة اليوم عن مشروع جديد للمياه في المدينة.\n",
                                      encoding="utf-8")
    cli("ingest", tmp_path / "new.txt", "--db", db)
    assert corpus.stats()["documents"] == first["documents"] + 1 and len(calls) == 2
    corpus.close()


def test_arabic_counted_nouns_agree_with_their_number():
    from marsad.web.render import count

    assert [count(n, "article") for n in (0, 1, 2, 3, 10, 11, 99, 100, 102, 103, 111, 1000)] == [
        "لا مقالات", "مقال واحد", "مقالان", "3 مقالات", "10 مقالات", "11 مقالًا", "99 مقالًا", "100 مقال",
        "102 مقال", "103 مقالات", "111 مقالًا", "1,000 مقال"]
    assert count(1, "story") == "قصة واحدة" and count(25, "story") == "25 قصة" and count(5, "outlet") == "5 مواقع"
