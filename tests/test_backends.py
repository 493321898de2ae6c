"""The two backends give the same answers, and several writers at once lose and duplicate nothing."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from marsad.store import open_store

from .conftest import DEMO, ROOT

QUERIES = ["فايق الهونى", "الورشفاني OR الهوني", '"مذكرة التفاهم" -موسكو', "جنيف", "النفط*", "ليبيا"]


def _json(cli, *args):
    return json.loads(cli(*args).stdout)


@pytest.mark.slow
def test_the_demo_corpus_reads_the_same_on_both_backends(demo_db, pg_url, cli):
    """The bar of the store issue: the same documents, groups, pairs and hits on SQLite and PostgreSQL."""
    cli("ingest", DEMO, "--db", pg_url, "--workers", "2")
    for args in (["stats"], ["stories", "--limit", "100"], ["entities", "--limit", "1000"], ["duplicates"],
                 ["quotes", "--entity", "فايق الهونى"], ["templates"], ["provenance", "0b802b1f04"],
                 ["show", "0b802b1f04"]):
        assert _json(cli, *args, "--db", pg_url, "--json") == _json(cli, *args, "--db", demo_db, "--json"), args
    for q in QUERIES:
        on_pg = _json(cli, "search", q, "--db", pg_url, "--json", "--limit", "100")
        on_sqlite = _json(cli, "search", q, "--db", demo_db, "--json", "--limit", "100")
        assert on_pg == on_sqlite and on_pg, q          # hits, order and scores alike
    first = _json(cli, "stories", "--db", demo_db, "--json", "--limit", "1")[0]["id"]
    assert _json(cli, "story", first, "--db", pg_url, "--json") == _json(cli, "story", first, "--db", demo_db, "--json")


def _ingest(db: str, path, workers: int = 1) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "marsad.cli", "ingest", str(path), "--db", db, "--workers",
                             str(workers)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "COLUMNS": "200"}, cwd=ROOT)


@pytest.mark.slow
def test_two_ingests_at_once_lose_nothing_and_duplicate_nothing(store_url, tmp_path):
    """Two scrapers feed one store at the same time, with articles in common: every article is stored once,
    with its spans once, and the corpus views cover all of them when both are done."""
    articles = DEMO / "articles"
    one, two = tmp_path / "one", tmp_path / "two"
    shutil.copytree(articles / "nabd-alsham", one / "nabd-alsham")
    shutil.copytree(articles / "alraed-online", one / "alraed-online")
    shutil.copytree(articles / "alraed-online", two / "alraed-online")       # in both
    shutil.copytree(articles / "dijla24", two / "dijla24")
    shutil.copy(articles / "alkhaleej-alaan.jsonl", two)
    open_store(store_url).close()                                              # migrated once, before both
    runs = [_ingest(store_url, one), _ingest(store_url, two)]
    for run in runs:
        _, err = run.communicate(timeout=600)
        assert run.returncode == 0, err[-2000:]
    expected = {p.name for p in (one / "nabd-alsham").iterdir()} | {p.name for p in (one / "alraed-online").iterdir()}
    expected |= {p.name for p in (two / "dijla24").iterdir()}
    with open_store(store_url, readonly=True) as store:
        docs = list(store.iter_documents())
        from_files = [d for d in docs if d.format != "jsonl"]
        assert len(from_files) == len(docs) - 14 and {d.source.rsplit("/", 1)[-1] for d in from_files} == expected
        assert len({d.id for d in docs}) == len(docs)
        for d in docs:
            spans = [(e.start, e.end, e.type) for e in d.entities]
            assert len(spans) == len(set(spans)), d.source           # no span stored twice
            assert store.raw_bytes(d.id)
        assert not store.corpus_dirty() and store.stats()["stories"] >= 3
        assert store.stats()["errors"] == 0
