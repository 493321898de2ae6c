"""The store contract, on both backends: every test that takes `store_url` runs on a SQLite file and on a
PostgreSQL schema (scripts/test.sh starts a throwaway server). Idempotence, exact raw bytes, the search
language, errors, deletion, snapshots and locks."""

from __future__ import annotations

import ast
import sqlite3
import threading
import time
from pathlib import Path

import pytest

import marsad
from marsad.document import InputError
from marsad.store import StoreError, open_store
from marsad.store.base import Filters, MissingStore, SchemaError
from marsad.store.schema import LATEST
from marsad.store.search import QuerySyntaxError, parse
from marsad.store.sqlite import SQLiteStore

from .conftest import stored

TEXTS = [
    "وأكد رئيس المجلس الرئاسي فائز السراج أن حكومته ستواصل العمل مع الأمم المتحدة لتثبيت وقف إطلاق النار في طرابلس.",
    "وصل رئيس الحكومة فايز السراج إلى موسكو صباح اليوم لإجراء محادثات مع وزير الخارجية الروسي سيرغي لافروف.",
    "أعلنت وزارة الصحة في عدن تسجيل حالات جديدة من الكوليرا في الحديدة وتعز خلال الأسبوع الماضي.",
    "استقبل الملك سلمان بن عبد العزيز في الرياض وزير الطاقة لبحث خطط شركة أرامكو لزيادة الإنتاج.",
    "أعلنت شركة أرامكو السعودية أرباحا قياسية في الربع الثالث بعد ارتفاع أسعار النفط في الأسواق العالمية.",
]
OUTLETS = ["الوسط", "بوابة الأهرام", "عدن الغد", "الرياض", "الاقتصادية"]
DATES = ["2020-01-13", "2020-01-14", "2020-01-14", "2020-02-02", "2020-03-05"]


def _docs():
    return [marsad.analyze(t.encode("utf-8"), published=d, outlet=o, source=f"t{i}.txt")
            for i, (t, o, d) in enumerate(zip(TEXTS, OUTLETS, DATES))]


@pytest.fixture
def store(store_url):
    s = open_store(store_url)
    stored(s, _docs())
    yield s
    s.close()


def _ids(store, query: str, **filters) -> set[str]:
    return {h.article_id for h in store.search(parse(query), Filters(**filters), limit=100).items}


def test_same_content_twice_is_one_document_and_raw_bytes_come_back_exactly(store):
    docs = _docs()
    assert stored(store, _docs()) == 0
    assert store.count_documents() == 5 and store.known_ids([d.id for d in docs] + ["0" * 20]) == {d.id for d in docs}
    for d in docs:
        assert store.raw_bytes(d.id) == d.raw
    doc = store.document(docs[1].id)
    assert doc.entities and doc.published == "2020-01-14" and doc.outlet == "بوابة الأهرام"
    assert all(doc.body[e.start:e.end] == e.text for e in doc.entities)
    assert doc.to_dict()["entities"][0].keys() >= {"text", "start", "end", "type", "canonical", "entity_id"}
    assert [d.id for d in store.iter_documents(spans=False)] == [d.id for d in docs]    # ingestion order
    assert store.resolve_id(docs[2].id[:8]) == docs[2].id and store.resolve_id("zz") is None


def test_search_finds_spelling_variants_and_clitic_forms(store):
    docs = _docs()
    both = {docs[0].id, docs[1].id}
    assert _ids(store, "فايز السراج") == both
    assert _ids(store, "فائز السراج") == both
    assert _ids(store, "والسراج") == both
    assert _ids(store, '"سيرغي لافروف"') == {docs[1].id}
    hit = store.search(parse("الكوليرا"), limit=5).items[0]
    assert "[الكوليرا]" in hit.snippet and hit.outlet == "عدن الغد" and hit.published == "2020-01-14"


def test_search_language_or_not_prefix_phrase_and_groups(store):
    docs = _docs()
    assert _ids(store, "الملك OR أرامكو") == {docs[3].id, docs[4].id}      # measured before: found nothing
    assert _ids(store, "أرامكو -الملك") == _ids(store, "أرامكو NOT الملك") == {docs[4].id}
    assert _ids(store, "الملك AND أرامكو") == _ids(store, "الملك أرامكو") == {docs[3].id}
    assert _ids(store, "السراج -\"سيرغي لافروف\"") == {docs[0].id}
    assert _ids(store, "وزار*") == {docs[2].id}                            # وزارة, not وزير
    assert _ids(store, "وزي*") == {docs[1].id, docs[3].id}
    assert _ids(store, "(موسكو OR طرابلس) السراج") == {docs[0].id, docs[1].id}
    assert _ids(store, '"الأمم المتحدة" OR الكوليرا') == {docs[0].id, docs[2].id}
    assert _ids(store, '"المتحدة الأمم"') == set()                         # a phrase keeps its order
    assert _ids(store, "أرامكو", outlet="الرياض") == {docs[3].id}
    assert _ids(store, "أرامكو OR السراج", since="2020-01-14", until="2020-02-28") == {docs[1].id, docs[3].id}


def test_search_ranks_pages_and_counts(store):
    page = store.search(parse("أرامكو OR السراج OR الكوليرا"), limit=2, offset=1)
    assert page.total == 5 and len(page.items) == 2
    everything = store.search(parse("أرامكو OR السراج OR الكوليرا"), limit=10).items
    assert [h.article_id for h in everything[1:3]] == [h.article_id for h in page.items]
    assert [h.score for h in everything] == sorted((h.score for h in everything), reverse=True)
    assert store.search(parse("كلمة_لا_توجد"), limit=10).total == 0


def test_every_backend_ranks_by_the_reference_bm25(store_url):
    """FTS5's bm25 (SQLite) and the SQL ranking of PostgreSQL give search.bm25's figure, including a title hit,
    a word twice in a row, a phrase and a prefix."""
    from marsad.arabic.segment import index_terms
    from marsad.store.search import bm25, idf, occurrences, spaced

    texts = TEXTS + ["النفط النفط في الأسواق: ارتفعت أسعار النفط جدا جدا بعد قرار أوبك خفض الإنتاج.",
                     "أسعار النفط\nتراجعت أسعار الذهب بينما استقرت أسعار النفط في التعاملات الآسيوية."]
    docs = [marsad.analyze(t.encode(), published="2020-05-01", source=f"r{i}") for i, t in enumerate(texts)]
    with open_store(store_url) as s:
        stored(s, docs)
        terms = {d.id: (index_terms(d.title or ""), index_terms(d.body)) for d in docs}
        avgdl = sum(len(t.split()) + len(b.split()) for t, b in terms.values()) / len(docs)
        for text in ("النفط", "أسعار النفط", '"أسعار النفط"', "جدا", "أسع*", "النفط OR الذهب -أوبك"):
            q = parse(text)
            hits = [sum(1 for t, b in terms.values() if occurrences(leaf, spaced(t)) or occurrences(leaf, spaced(b)))
                    for leaf in q.leaves]
            idfs = [idf(len(docs), n) for n in hits]
            got = {h.article_id: h.score for h in s.search(q, limit=50).items}
            assert got, text
            for doc_id, score in got.items():
                t, b = terms[doc_id]
                expected = bm25(q.leaves, idfs, t, b, len(t.split()) + len(b.split()), avgdl)
                assert score == pytest.approx(expected, abs=1e-4), (text, doc_id)


@pytest.mark.parametrize("query, message", [
    ("", "empty"), ("OR", "both sides"), ("النفط OR", "both sides"), ("-النفط", "only leaves"),
    ("النفط OR -الملك", "beside OR"), ('"وقف إطلاق', "quotation mark"), ("(النفط", "not closed"),
    ("النفط)", "no opening"), ("*", "prefix"), ("و*", "at least 2"), ("()", "nothing to search"),
    ("النفط NOT", "NOT needs a word"),
])
def test_malformed_queries_are_refused_with_a_message(query, message):
    with pytest.raises(QuerySyntaxError, match=message):
        parse(query)


def test_errors_are_recorded_once_with_their_bytes(store_url):
    with open_store(store_url) as s:
        err = InputError("dump.jsonl:7", "line 7: invalid JSON", "line 7", raw=b"{broken", size=7)
        s.add_errors([err])
        s.add_errors([err])
        s.add_errors([("page.html", "stage quotes failed: KeyError", None, "warning")])
        rows = s.errors()
        assert len(rows) == 2 and rows[0].raw_kept == 1 and rows[0].locator == "line 7" and rows[0].size == 7
        assert (rows[1].kind, rows[1].raw_kept) == ("warning", 0)
        assert s.stats()["errors"] == 1 and s.stats()["warnings"] == 1


def test_deleting_removes_the_document_everywhere(store):
    docs = _docs()
    assert store.delete_documents([docs[3].id, "0" * 20]) == 1
    assert store.document(docs[3].id) is None and _ids(store, "الملك") == set()
    with pytest.raises(KeyError):
        store.raw_bytes(docs[3].id)
    assert store.count_documents() == 4 and _ids(store, "أرامكو") == {docs[4].id}


def test_replacing_an_analysis_keeps_the_document_and_its_place(store):
    from marsad.pipeline import PIPELINE_VERSION
    from marsad.store.records import to_record

    docs = _docs()
    again = marsad.analyze(docs[2].raw, published="2020-01-15", outlet="عدن الغد", source="t2.txt")
    again.id = docs[2].id
    assert store.replace_records([to_record(again, PIPELINE_VERSION)]) == 1
    assert store.document(docs[2].id).published == "2020-01-15"
    assert [d.id for d in store.iter_documents(spans=False)][2] == docs[2].id
    assert _ids(store, "الكوليرا") == {docs[2].id}


def test_the_corpus_views_answer_on_both_backends(store):
    from marsad.corpus import rebuild

    counts = rebuild(store)
    assert counts["stories"] >= 1 and not store.corpus_dirty()
    stories = store.stories(Filters(), limit=50).items
    assert sum(s.n_articles for s in stories) == 5
    sarraj = [e for e in store.entities("PER").items if "السراج" in e.canonical]
    assert sarraj and sarraj[0].articles == 2
    assert store.quotes(Filters(), [sarraj[0].entity_id], None, None, 10, 0).total >= 1
    assert store.stories(Filters(outlet="عدن الغد")).total == 1
    assert store.stories(Filters(since="2020-03-01")).total == 1


def test_a_snapshot_does_not_see_what_is_committed_meanwhile(store_url):
    reader, writer = open_store(store_url), open_store(store_url)
    stored(writer, _docs()[:2])
    with reader.snapshot():
        before = reader.count_documents()
        stored(writer, _docs()[2:])
        assert reader.count_documents() == before == 2
    assert reader.count_documents() == 5
    reader.close()
    writer.close()


def test_the_corpus_lock_lets_one_process_at_a_time(store_url):
    first, second = open_store(store_url), open_store(store_url)
    order: list[str] = []
    held = threading.Event()

    def other():
        held.wait()
        with second.corpus_lock():
            order.append("second")

    t = threading.Thread(target=other)
    t.start()
    with first.corpus_lock():
        held.set()
        time.sleep(0.3)
        order.append("first")
    t.join(10)
    assert order == ["first", "second"]
    first.close()
    second.close()


def test_new_sqlite_database_is_at_the_latest_schema_in_wal_mode(tmp_path):
    with SQLiteStore(tmp_path / "m.db") as s:
        assert s.db.execute("PRAGMA user_version").fetchone()[0] == LATEST
        assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert s.migrate() == LATEST          # running migrations again changes nothing


def test_a_database_from_a_newer_marsad_is_refused(tmp_path):
    path = tmp_path / "new.db"
    sqlite3.connect(path).execute(f"PRAGMA user_version = {LATEST + 1}")
    with pytest.raises(SchemaError, match="newer"):
        SQLiteStore(path)


def test_a_postgres_database_from_a_newer_marsad_is_refused(pg_url):
    from marsad.store.pg_schema import LATEST as PG_LATEST

    with open_store(pg_url) as s:
        assert s.migrate() == PG_LATEST
        s._exec("INSERT INTO marsad_schema(version) VALUES (?)", (PG_LATEST + 1,))
    with pytest.raises(SchemaError, match="newer"):
        open_store(pg_url)


def test_readonly_open_of_a_missing_database_explains_itself(tmp_path):
    with pytest.raises(MissingStore, match="marsad ingest"):
        open_store(tmp_path / "none.db", readonly=True)


def test_an_unreachable_server_is_a_clear_error():
    with pytest.raises(StoreError, match="cannot connect to PostgreSQL"):
        open_store("postgresql://nobody@/nothing?host=/nonexistent-dir&connect_timeout=1")


def test_an_old_sqlite_database_is_migrated_in_place(tmp_path):
    """A store written by the previous schema (rowid-keyed duplicate index, the old FTS tokenizer) keeps its
    documents, duplicate pairs and search after migration."""
    from marsad.store.schema import MIGRATIONS

    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    for number, sql in MIGRATIONS[:5]:
        db.executescript(sql + f"; PRAGMA user_version = {number};")
    db.execute("INSERT INTO documents(rowid, id, body, body_hash, published) VALUES (7, 'abc', 'نص', 'h', '2020')")
    db.execute("INSERT INTO documents_fts(rowid, title, body) VALUES (7, 'عنوان', 'نص قصير جدا')")
    db.execute("INSERT INTO dedup_docs(rowid, doc_id, body_hash, sort_key) VALUES (7, 'abc', 'h', '2020')")
    # stored and not indexed yet; indexed with a body it no longer has: what the duplicate index has to look at
    db.execute("INSERT INTO documents(rowid, id, body, body_hash) VALUES (8, 'def', 'نص آخر', 'h2')")
    db.execute("INSERT INTO documents(rowid, id, body, body_hash) VALUES (9, 'ghi', 'نص ثالث', 'h3')")
    db.execute("INSERT INTO dedup_docs(rowid, doc_id, body_hash, sort_key) VALUES (9, 'ghi', 'old', '')")
    db.execute("INSERT INTO stories(id, title) VALUES ('s-1', 'قصة')")
    db.commit()
    db.close()
    with SQLiteStore(path) as s:
        assert s.db.execute("SELECT n_terms FROM documents").fetchone()[0] == 4
        assert s.dedup_load()[1][0].key == 7 and s.dedup_load()[1][0].doc_id == "abc"
        assert _ids(s, "قصير") == {"abc"}
        stale, fresh = s.dedup_pending()
        assert [e.doc_id for e in stale] == ["ghi"] and [c.doc_id for c in fresh] == ["def", "ghi"]


def test_the_store_imports_nothing_above_it():
    """store/ stands under everything: it may import the data model, Arabic text handling and itself."""
    root = Path(marsad.__file__).parent / "store"
    for path in root.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                target = (node.module or "").split(".")[0]
                allowed = {"document", "arabic"} if node.level == 2 else {"base", "records", "search", "sql",
                                                                          "sql_browse", "sql_views", "sql_stories",
                                                                          "sql_links", "views", "schema",
                                                                          "pg_schema", "postgres", "sqlite", ""}
                assert target in allowed, f"{path.name} imports {'.' * node.level}{node.module}"
