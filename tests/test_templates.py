"""Outlet templates: boilerplate learned from the store, applied at ingest and to the pages already stored."""

from __future__ import annotations

import json

from marsad.clean.templates import Templates, learned, line_hash, report, strip_lines, threshold
from marsad.corpus import rebuild
from marsad.document import Line
from marsad.executors.local import run
from marsad.readers.sources import iter_inputs
from marsad.store import open_store
from marsad.store.sqlite import SQLiteStore

OUTLET = "صدى الوادي"
PROMO = "ننتظر صوركم ومقاطعكم على رقم التحرير الخاص بالقراء"
BACKGROUND = ("ويعاني سكان الوادي منذ سنوات من انقطاع المياه في فصل الصيف بسبب تقادم شبكة التوزيع وضعف "
              "الاستثمار في محطات الضخ التي أنشئت قبل أربعة عقود.")
DISTRICTS = ["الحي الشمالي", "حي الزيتون", "حي المحطة", "حي النخيل", "حي السوق القديم", "حي الجامعة",
             "حي الميناء", "حي الورود", "حي القلعة", "حي البساتين", "حي الفرسان", "حي الربوة", "حي السلام"]
TOPICS = ["صيانة الطرق", "ترميم المدارس", "تنظيف الأسواق", "إنارة الشوارع", "غرس الأشجار", "توسعة المستشفى",
          "تجديد الملاعب", "مد قنوات الصرف", "تهيئة الحدائق", "ترميم المساجد", "تعبيد الأزقة", "إصلاح الجسور",
          "بناء المكتبة"]


def page(i: int, signed: bool = True) -> str:
    d, t = DISTRICTS[i], TOPICS[i]
    paras = [
        f"أعلنت بلدية الوادي صباح اليوم انطلاق أشغال {t} في {d} بكلفة تقارب {i + 3} ملايين دينار.",
        f"وقال رئيس البلدية في تصريح لصدى الوادي إن أشغال {t} ستستمر {i + 2} أشهر على الأقل.",
        PROMO,
        f"وأضاف أن سكان {d} طالبوا منذ مدة طويلة بمشروع {t} وأن البلدية استجابت لمطلبهم أخيرا.",
    ]
    if i % 3 == 0:
        paras.append(BACKGROUND)
    return "\n".join([
        "الرئيسية / محلي", "",
        f"انطلاق أشغال {t} في {d}", "",
        "\n\n".join(paras), "",
        "مقالات ذات صلة",
        "أرشيف الوادي | من نحن | أعلن معنا",
        "صدى الوادي… صوت الناس من قلب الحدث",
        f"© 2024 {OUTLET}. جميع الحقوق محفوظة" if signed else "",
    ])


def write_pages(tmp_path, rng: range):
    d = tmp_path / "sada"
    d.mkdir(exist_ok=True)
    for i in rng:
        (d / f"{i:02d}.txt").write_text(page(i), encoding="utf-8")
    return d


def by_source(store, suffix: str):
    """The stored document read from a file with this name, with what it was read from."""
    doc = next(d for d in store.iter_documents(spans=False) if d.source.endswith(suffix))
    doc.stored_input = store.stored_input(doc.id)
    return doc


def ingest(store, paths):
    report = run(iter_inputs([str(p) for p in paths]), store=store, workers=1)
    assert report.failed == 0
    return report


def test_thresholds_need_more_evidence_for_prose_lines():
    assert threshold(10, 5) == 4            # short line on a small outlet: the floor
    assert threshold(100, 5) == 20          # a fifth of the pages …
    assert threshold(10_000, 5) == 40       # … capped on large outlets
    assert threshold(10, 20) == 8           # a paragraph-length line needs half the pages and at least 8
    assert threshold(100, 20) == 50


def test_line_hash_keeps_numbers_and_ignores_spelling_variants():
    assert line_hash("سعر الدولار اليوم 49.5 جنيها") != line_hash("سعر الدولار اليوم 50.1 جنيها")
    assert line_hash("تابعونا على قناتنا") == line_hash("تابعونا علي قناتنا")
    assert line_hash("   ") == ""


def test_strip_lines_moves_removed_lines_to_before_and_after():
    body = "سطر ترويجي للموقع\nالفقرة الأولى من الخبر.\nالفقرة الثانية من الخبر.\n(أ ف ب)"
    lines = [Line(i + 1, "body", t) for i, t in enumerate(body.split("\n"))]
    boiler = frozenset({line_hash("سطر ترويجي للموقع"), line_hash("(أ ف ب)")})
    new_body, before, after = strip_lines(lines, body, boiler)
    assert new_body == "الفقرة الأولى من الخبر.\nالفقرة الثانية من الخبر."
    assert before == ["سطر ترويجي للموقع"] and after == ["(أ ف ب)"]
    assert [ln.role for ln in lines] == ["boilerplate", "body", "body", "boilerplate"]
    # a page made only of recurring lines keeps them
    assert strip_lines([Line(1, "body", "سطر ترويجي للموقع")], "سطر ترويجي للموقع", boiler) is None


def test_a_dateline_repeated_on_one_day_is_no_boilerplate():
    # an agency's dateline is the same on every page it sends from one city on one day (issue 25): it dates them
    dateline = "الرياض 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس"
    body = f"{dateline}\nقام الأمين العام بزيارة للمركز.\nجميع الحقوق محفوظة"
    lines = [Line(i + 1, "body", t) for i, t in enumerate(body.split("\n"))]
    boiler = frozenset({line_hash(dateline), line_hash("جميع الحقوق محفوظة")})
    new_body, _, after = strip_lines(lines, body, boiler)
    assert new_body == f"{dateline}\nقام الأمين العام بزيارة للمركز." and after == ["جميع الحقوق محفوظة"]


def test_outlet_template_is_learned_and_cleans_old_and_new_pages(tmp_path, store_url):
    store = open_store(store_url)
    ingest(store, [write_pages(tmp_path, range(12))])
    bodies = [d.body for d in store.iter_documents(spans=False)]
    assert all(PROMO in b for b in bodies)                 # nothing learned before the corpus stage
    counts = rebuild(store)
    assert counts["re-cleaned by templates"] == 12

    docs = list(store.iter_documents(spans=False))
    assert all(d.outlet == OUTLET for d in docs)
    assert not any(PROMO in d.body for d in docs)          # learned from the outlet's own pages, old ones re-cleaned
    with_background = [d for d in docs if BACKGROUND in d.body]
    assert len(with_background) == 4                       # article text repeated in a third of pages is kept
    assert all(len(d.body.split("\n")) == 3 for d in docs if BACKGROUND not in d.body)
    # the re-cleaned articles are searchable by their new text and their spans point into the new body
    for d in store.iter_documents():
        for e in d.entities:
            assert d.body[e.start:e.end] == e.text
    learned_report = report(store, OUTLET)
    assert learned_report[0]["pages"] == 12 and learned_report[0]["boilerplate_lines"] >= 1

    # a new page of the same outlet is cleaned at ingest, before any corpus stage runs
    newdir = tmp_path / "new"
    newdir.mkdir()
    (newdir / "12.txt").write_text(page(12), encoding="utf-8")
    ingest(store, [newdir])
    new = [d for d in store.iter_documents(spans=False) if d.source.endswith("12.txt")][0]
    assert PROMO not in new.body and TOPICS[12] in new.body
    promo_lines = [ln for ln in new.lines if ln.role == "boilerplate"]
    assert promo_lines
    store.close()


def test_an_unsigned_page_is_identified_by_the_outlet_boilerplate_it_carries(tmp_path, store_url):
    store = open_store(store_url)
    unsigned = tmp_path / "unsigned"
    unsigned.mkdir()
    (unsigned / "u1.txt").write_text(page(12, signed=False), encoding="utf-8")
    ingest(store, [unsigned])                                  # stored before anything is learned: no outlet
    assert next(store.iter_documents(spans=False)).outlet is None
    ingest(store, [write_pages(tmp_path, range(12))])
    rebuild(store)
    row = by_source(store, "u1.txt")
    assert (row.outlet, row.stored_input.outlet_source) == (OUTLET, "learned") and PROMO not in row.body
    # and at ingest, for a new unsigned page
    (unsigned / "u2.txt").write_text(page(11, signed=False).replace("حي الفرسان", "حي الشهداء"), encoding="utf-8")
    ingest(store, [unsigned])
    row = by_source(store, "u2.txt")
    assert (row.outlet, row.stored_input.outlet_source) == (OUTLET, "learned")
    store.close()


def test_small_outlets_learn_nothing_and_copies_count_once(tmp_path):
    store = SQLiteStore(tmp_path / "t.db")
    d = write_pages(tmp_path, range(5))
    ingest(store, [d])
    # the same five articles again under other names: copies, not evidence
    copies = tmp_path / "copies"
    copies.mkdir()
    for f in d.iterdir():
        (copies / f.name).write_text(f.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    ingest(store, [copies])
    rebuild(store)
    assert learned(store).for_outlet(OUTLET) == frozenset()
    assert report(store, OUTLET)[0]["pages"] == 5
    assert all(PROMO in doc.body for doc in store.iter_documents(spans=False))


def test_old_line_format_is_read(tmp_path):
    """Databases written before templates stored lines as [n, role]: they still read, and are not counted."""
    store = SQLiteStore(tmp_path / "t.db")
    ingest(store, [write_pages(tmp_path, range(2))])
    store.db.execute("UPDATE documents SET lines = ?", (json.dumps([[1, "title"], [2, "body"]]),))
    store.db.commit()
    assert [ln.role for ln in next(store.iter_documents(spans=False)).lines] == ["title", "body"]
    assert store.count_template_lines() == set()
    assert Templates().for_outlet(OUTLET) == frozenset()


def test_identify_counts_only_lines_one_outlet_owns():
    shared, a1, a2, b1 = (line_hash(t) for t in ("مقالات ذات صلة", "سطر أ الأول", "سطر أ الثاني", "سطر ب"))
    t = Templates({"أ": frozenset({shared, a1, a2}), "ب": frozenset({shared, b1})})
    assert t.identify({shared, a1, a2}) == "أ"
    assert t.identify({shared, a1}) is None                  # one owned line is not enough
    assert t.identify({shared}) is None                      # a line every site prints says nothing
    assert t.identify({a1, a2, b1}) == "أ"
    assert Templates().identify({a1}) is None


def test_reprocess_rebuilds_every_document_from_its_raw_bytes(tmp_path, cli):
    db = tmp_path / "t.db"
    store = SQLiteStore(db)
    ingest(store, [write_pages(tmp_path, range(12))])
    rebuild(store)
    before = {d.id: d.body for d in store.iter_documents(spans=False)}
    # simulate an older Marsad: bodies that still carry the promo, lines without hashes
    store.db.execute("UPDATE documents SET body = body || ?, lines = '[]'", ("\n" + PROMO,))
    store.db.commit()
    store.close()
    out = cli("reprocess", "--db", db)
    assert "12 reprocessed" in out.stderr
    store = SQLiteStore(db)
    after = {d.id: d.body for d in store.iter_documents(spans=False)}
    assert after == before
    assert report(store, OUTLET)[0]["pages"] == 12              # counted afresh, once


def test_a_stored_document_that_no_longer_reads_fails_alone_and_keeps_its_analysis(tmp_path, cli):
    """A stored "given" date that no longer parses (a store edited by hand, an older Marsad): the document fails
    with a clear message and keeps what was stored; the others are processed again. Before, the ValueError
    stopped the whole reprocess in a worker process."""
    db = tmp_path / "t.db"
    store = SQLiteStore(db)
    ingest(store, [write_pages(tmp_path, range(6))])
    rebuild(store)
    bad = store.document_ids(None)[2]
    store.db.execute("UPDATE documents SET published = '2024-13-45', published_source = 'given' WHERE id = ?", (bad,))
    store.db.commit()
    before = store.document(bad).body
    store.close()
    out = cli("reprocess", "--db", db, "--workers", "2", ok=False)
    assert out.exit_code == 1 and "5 reprocessed, 1 failed" in out.stderr
    store = SQLiteStore(db)
    assert store.document(bad).body == before


def test_only_lines_at_an_outlets_floor_are_read_and_learned_the_same(tmp_path, store_url):
    """A large store counts hundreds of thousands of lines; `learned` reads those at the lower of the outlet's two
    thresholds, and learns what the thresholds over every counted line learn."""
    store = open_store(store_url)
    ingest(store, [write_pages(tmp_path, range(12))])
    store.count_template_lines()
    every = store.template_line_counts({OUTLET: 1})
    assert every and {row[0] for row in every} == {OUTLET}
    for floor in (2, 4, 12, 13):
        assert store.template_line_counts({OUTLET: floor}) == [row for row in every if row[2] >= floor]
    assert store.template_line_counts({"منفذ آخر": 1}) == []
    by_formula = frozenset(h for _, h, n, words, pages in every if n >= threshold(pages, words))
    assert by_formula and learned(store).for_outlet(OUTLET) == by_formula
    store.close()
