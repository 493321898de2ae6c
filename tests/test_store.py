"""The SQLite store: migrations, idempotence, exact raw bytes, normalized search, error records."""

from __future__ import annotations

import sqlite3

import pytest

import marsad
from marsad.readers.sources import InputError
from marsad.store.schema import LATEST
from marsad.store.sqlite import SchemaError, SQLiteStore

TEXTS = [
    "وأكد رئيس المجلس الرئاسي فائز السراج أن حكومته ستواصل العمل مع الأمم المتحدة لتثبيت وقف إطلاق النار في طرابلس.",
    "وصل رئيس الحكومة فايز السراج إلى موسكو صباح اليوم لإجراء محادثات مع وزير الخارجية الروسي سيرغي لافروف.",
    "أعلنت وزارة الصحة في عدن تسجيل حالات جديدة من الكوليرا في الحديدة وتعز خلال الأسبوع الماضي.",
]


def _docs(texts=TEXTS):
    return [marsad.analyze(t.encode("utf-8"), source=f"t{i}.txt", published="2024-02-06") for i, t in enumerate(texts)]


def test_new_database_is_at_the_latest_schema_in_wal_mode(tmp_path):
    with SQLiteStore(tmp_path / "m.db") as s:
        assert s.db.execute("PRAGMA user_version").fetchone()[0] == LATEST
        assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert s.migrate() == LATEST          # running migrations again changes nothing


def test_a_database_from_a_newer_marsad_is_refused(tmp_path):
    path = tmp_path / "new.db"
    sqlite3.connect(path).execute(f"PRAGMA user_version = {LATEST + 1}")
    with pytest.raises(SchemaError, match="newer"):
        SQLiteStore(path)


def test_same_content_twice_is_one_document_and_raw_bytes_come_back_exactly(tmp_path):
    docs = _docs()
    with SQLiteStore(tmp_path / "s.db") as s:
        assert s.add_documents(docs) == 3
        assert s.add_documents(_docs()) == 0
        assert s.count("documents") == 3 and s.count("raw") == 3
        for d in docs:
            assert s.raw_bytes(d.id) == d.raw
        stored = s.document(docs[1].id)
        assert stored["entities"] and stored["published"] == "2024-02-06"


def test_search_finds_spelling_variants_and_clitic_forms(tmp_path):
    with SQLiteStore(tmp_path / "s.db") as s:
        s.add_documents(_docs())
        ids = lambda q: {r["article_id"] for r in s.search(q)}  # noqa: E731
        both = {d.id for d in _docs()[:2]}
        assert ids("فايز السراج") == both
        assert ids("فائز السراج") == both
        assert ids("والسراج") == both
        assert ids('"سيرغي لافروف"') == {_docs()[1].id}
        hit = s.search("الكوليرا")[0]
        assert "[الكوليرا]" in hit["snippet"] and hit["title"] is not None or hit["snippet"]


def test_errors_are_recorded_once_with_their_bytes(tmp_path):
    with SQLiteStore(tmp_path / "s.db") as s:
        err = InputError("dump.jsonl:7", "line 7: invalid JSON", "line 7", raw=b"{broken", size=7)
        s.add_errors([err])
        s.add_errors([err])
        rows = s.errors()
        assert len(rows) == 1 and rows[0]["raw_kept"] == 1 and rows[0]["locator"] == "line 7"
        assert s.db.execute("SELECT raw FROM errors").fetchone()[0] == b"{broken"


def test_readonly_open_of_a_missing_database_explains_itself(tmp_path):
    with pytest.raises(FileNotFoundError, match="marsad ingest"):
        SQLiteStore(tmp_path / "none.db", readonly=True)
