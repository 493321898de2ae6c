"""The per-document pipeline on real pages (../shared/data/seeds) and on realistic sentences."""

from __future__ import annotations

import datetime as dt

import jsonschema
import pytest

import marsad
from marsad.entities.recognize import recognize
from marsad.quotes.attribution import attribute
from marsad.timex.tagger import find_times

from .conftest import SEEDS

pytestmark = pytest.mark.shared


def _seed(prefix: str) -> bytes:
    return next(p for p in SEEDS if p.name.startswith(prefix)).read_bytes()


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_every_seed_page_gives_contract_shaped_output_with_consistent_offsets(path, schema):
    out = marsad.analyze(path.read_bytes(), source=str(path)).to_dict()
    jsonschema.validate(out, schema)
    assert out["title"] and len(out["body"]) > 1000
    for e in out["entities"]:
        assert out["body"][e["start"]:e["end"]] == e["text"]
        assert e["text"].endswith(e["name"])
    for q in out["quotes"]:
        assert out["body"][q["start"]:q["end"]] == q["content"]
    for t in out["times"]:
        assert out["body"][t["start"]:t["end"]] == t["text"]
    roles = {ln["role"] for ln in out["lines"]}
    assert {"title", "body", "boilerplate"} <= roles


def test_site_chrome_stays_out_of_the_article():
    doc = marsad.analyze(_seed("000"))
    for chrome in ("مقالات ذات صلة", "اترك تعليقاً", "لن يتم نشر عنوان بريدك", "زر الذهاب إلى الأعلى"):
        assert chrome not in doc.body
    assert doc.title.startswith("حفتر يغادر موسكو")


def test_reader_comments_are_split_from_the_article_with_their_authors():
    doc = marsad.analyze(_seed("001"))
    assert len(doc.comments) == 4
    assert doc.comments[0].author.startswith("عادل")
    assert doc.comments[1].author == "bahaeddinne"
    for c in doc.comments:
        assert c.text.split("\n")[-1][:30] not in doc.body
    assert doc.outlet == "الشروق أونلاين"
    assert doc.byline == "ع.س"
    assert "23186" not in doc.body


def test_wire_credit_and_dateline_are_read():
    assert marsad.analyze(_seed("002")).credits == ["فرانس 24", "أ ف ب"]
    d = marsad.analyze(_seed("003")).dateline
    assert (d.place, d.agency) == ("اسطنبول", "أوج")


def test_relative_dates_resolve_against_the_given_publication_date():
    doc = marsad.analyze(_seed("000"), published="2020-01-14")
    values = {t.text: t.value for t in doc.times}
    assert values["أمس الاثنين"] == "2020-01-13"
    assert doc.published == "2020-01-14" and doc.published_source == "given"
    assert all(t.consistent for t in doc.times)


def test_months_of_every_family_hijri_dates_and_weekday_checks():
    ref = dt.date(2024, 2, 14)
    text = ("اجتمع الوزراء الأربعاء 8 يوليو/تموز 2020 ثم في 13 شباط الماضي وفي 3 فيفري 2024، وأعلن ذلك "
            "يوم الأحد 29 شعبان 1445 هـ الموافق 10 مارس 2024م، على أن تعقد الجولة المقبلة الأحد المقبل، "
            "فيما صدر البيان يوم الثلاثاء ١٥ فبراير ٢٠٢٤ ومنذ أبريل 2019 تتواصل الأزمة.")
    got = {t.text.strip(): (t.value, t.consistent) for t in find_times(text, ref)}
    assert got["الأربعاء 8 يوليو/تموز 2020"] == ("2020-07-08", True)
    assert got["13 شباط الماضي"][0] == "2024-02-13"
    assert got["3 فيفري 2024"][0] == "2024-02-03"
    # two dates joined by "الموافق" are two expressions (issue 25)
    assert got["يوم الأحد 29 شعبان 1445 هـ"] == got["10 مارس 2024م"] == ("2024-03-10", True)
    assert got["الأحد المقبل"][0] == "2024-02-18"
    assert got["يوم الثلاثاء ١٥ فبراير ٢٠٢٤"] == ("2024-02-15", False)      # the 15th is a Thursday
    assert got["منذ أبريل 2019"][0] == "2019-04/2024-02-14"


def test_people_are_found_through_titles_clitics_and_short_mentions():
    text = ("قال وزير الخارجية الروسي سيرغي لافروف إن المحادثات في موسكو انتهت. وأكد لافروف أن العميد ميلاد "
            "الفرجاني غادر، فيما التقى الفرجاني بالسفير. ووصل فايز السراج إلى طرابلس.")
    ents = {(e.name, e.type, e.canonical, e.title) for e in recognize(text)}
    assert ("سيرغي لافروف", "PER", "سيرغي لافروف", "وزير الخارجية الروسي") in ents
    assert ("لافروف", "PER", "سيرغي لافروف", None) in ents
    assert ("ميلاد الفرجاني", "PER", "ميلاد الفرجاني", "العميد") in ents
    assert ("الفرجاني", "PER", "ميلاد الفرجاني", None) in ents
    assert ("فايز السراج", "PER", "فائز السراج", None) in ents
    assert ("موسكو", "LOC", "موسكو", None) in ents and ("طرابلس", "LOC", "طرابلس", None) in ents
    tags = marsad.tag_tokens("قال وزير الخارجية الروسي سيرغي لافروف في موسكو".split())
    assert tags[4:6] == ["B-PER", "I-PER"] and tags[7] == "B-LOC" and tags[1] == "O"


def test_direct_reported_and_implicit_quotes_with_agency_chains():
    text = ("وقال وزير الخارجية الروسي سيرغي لافروف إن بلاده ستواصل جهودها من أجل التسوية. "
            "وأضاف: «لا ينبغي الحكم على المسار كله من خلال اجتماع واحد». "
            "ونقلت وكالة إنترفاكس عن لافروف قوله إن موسكو تعمل مع أنقرة لإقناع الطرفين.")
    quotes = attribute(text, recognize(text))
    assert [(q.speaker, q.kind) for q in quotes] == [("سيرغي لافروف", "indirect"), ("سيرغي لافروف", "direct"),
                                                    ("سيرغي لافروف", "indirect")]
    assert quotes[1].content == "لا ينبغي الحكم على المسار كله من خلال اجتماع واحد"
    assert quotes[2].via == "إنترفاكس"


def test_non_arabic_documents_are_kept_and_flagged():
    doc = marsad.analyze("The talks in Geneva ended on Tuesday without an agreement, officials said. " * 5)
    assert doc.lang == "en" and doc.entities == [] and doc.body
    assert any("not Arabic" in e.message and e.kind == "warning" for e in doc.errors)


def test_a_failing_stage_is_recorded_and_the_document_survives(monkeypatch):
    from marsad import pipeline

    def broken(doc):
        raise RuntimeError("boom")

    stages = [(n, broken if n == "quotes" else s) for n, s in pipeline.STAGES]
    doc = pipeline.process(pipeline.make_document(_seed("002"), source="seed"), stages)
    assert doc.entities and doc.quotes == []
    assert any("stage quotes failed" in e.message for e in doc.errors)


def test_comments_written_as_author_bar_date_lines_keep_their_authors():
    page = ("سياسة\n\nالحكومة ترد على البيان الروسي وتؤكد تمسكها بالوثيقة\n\n"
            "وقال المكتب الإعلامي لرئيس الحكومة في بيان إن الحكومة وقعت الوثيقة بنصها الذي أقرته الأطراف برعاية "
            "أممية، وإن أي حديث عن ضمانات إضافية ليس إلا محاولة لمكافأة من أغلق الموانئ.\n\n"
            "وأضاف البيان أن الحكومة ستواصل اتصالاتها مع الشركاء الدوليين خلال الأيام المقبلة لشرح موقفها.\n\n"
            "تعليقات (2)\n\nابن سوق الجمعة | 12/03/2024 20:02\nالروس آخر ناس يتكلموا على السيادة\n\n"
            "Abdo Tarhuni | 12/03/2024 21:15\nالمهم يحلوا أزمة السيولة في المصارف\n\nأضف تعليقاً\n")
    doc = marsad.analyze(page)
    assert [(c.author, c.date) for c in doc.comments] == [("ابن سوق الجمعة", "12/03/2024 20:02"),
                                                          ("Abdo Tarhuni", "12/03/2024 21:15")]
    assert "السيولة" not in doc.body
    assert not any(q.speaker and q.speaker.startswith("بيان") for q in doc.quotes)   # a statement is the medium


def test_a_batch_gives_each_document_what_it_gets_alone_and_keeps_failures_apart(monkeypatch):
    """`process_many` (what ingest workers run) tags the sentences of all documents in one call; the result
    must not depend on the company a document keeps, and a document that is not one stays a failure."""
    from marsad import pipeline

    raws = [_seed("000"), _seed("002"), b"", _seed("004")]
    alone = [pipeline.analyze(r, source=str(i)) for i, r in enumerate(raws)]
    batch = pipeline.process_many([pipeline.make_document(r, source=str(i)) for i, r in enumerate(raws)])
    assert isinstance(batch[2], pipeline.FatalInputError)
    for i in (0, 1, 3):
        assert [(e.start, e.end, e.type, e.canonical) for e in batch[i].entities] == \
            [(e.start, e.end, e.type, e.canonical) for e in alone[i].entities] != []

    def fails_on_the_second(docs):
        raise RuntimeError("batch broke")

    real = pipeline.entities_stage

    def per_doc(doc):
        if doc.source == "1":
            raise RuntimeError("this one is broken")
        return real(doc)

    monkeypatch.setitem(pipeline.BATCHED, "entities", fails_on_the_second)
    stages = [(n, per_doc if n == "entities" else s) for n, s in pipeline.STAGES]
    out = pipeline.process_many([pipeline.make_document(r, source=str(i)) for i, r in enumerate(raws)], stages)
    assert out[0].entities and out[3].entities and not out[1].entities
    assert [any("stage entities failed" in e.message for e in out[i].errors) for i in (0, 1, 3)] == \
        [False, True, False]
