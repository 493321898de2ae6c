"""Shared fixtures. Evaluation data is read from ../shared/data (never copied into the repository)."""

from __future__ import annotations

import json
import os
import sys
import uuid
from importlib import resources
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
SEEDS = sorted((SHARED / "seeds").glob("*.txt"))
DEMO = ROOT / "examples" / "demo_corpus"
SNN = SHARED / "saudinewsnet" / "articles.jsonl.gz"


def pytest_collection_modifyitems(config, items):
    if not SHARED.exists():
        skip = pytest.mark.skip(reason="../shared/data is not beside the repository")
        for item in items:
            if "shared" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def schema() -> dict:
    return json.loads(resources.files("marsad.schema").joinpath("analyze.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def cli():
    from marsad.cli import app

    runner = CliRunner()

    def run(*args: str, ok: bool = True):
        result = runner.invoke(app, [str(a) for a in args], catch_exceptions=False)
        if ok and result.exit_code != 0:
            raise AssertionError(f"marsad {' '.join(map(str, args))} exited {result.exit_code}:\n{result.output}")
        return result

    return run


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory, cli) -> Path:
    """The demo corpus ingested once for the whole session (2 workers, as the README runs it)."""
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    cli("ingest", DEMO, "--db", db, "--workers", "2")
    return db


PG_URL = os.environ.get("MARSAD_PG_URL")
REQUIRE_PG = os.environ.get("MARSAD_REQUIRE_PG") == "1"


def with_schema(url: str, schema: str) -> str:
    """The same server and database, with tables made and read in their own schema."""
    return url + ("&" if "?" in url else "?") + f"options=-csearch_path%3D{schema}"


def pg_schema(prefix: str = "t_"):
    """A fresh schema on the server scripts/test.sh started (through scripts/with-postgres.sh), as a store URL;
    dropped when the generator is closed. Skips the test (or fails it, when PostgreSQL is required) without one."""
    if not PG_URL:
        if REQUIRE_PG:
            pytest.fail("MARSAD_PG_URL is not set, but this run requires PostgreSQL")
        pytest.skip("no PostgreSQL server: run the suite with scripts/test.sh, which starts a throwaway one")
    import psycopg

    schema = prefix + uuid.uuid4().hex[:12]
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    yield with_schema(PG_URL, schema)
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def pg_url():
    """A PostgreSQL store of its own for one test."""
    yield from pg_schema()


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request, tmp_path) -> str:
    """The contract suite runs on both backends: a SQLite file, then a PostgreSQL schema."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return request.getfixturevalue("pg_url")


def stored(store, docs) -> int:
    """Store analyzed documents as an ingest does; returns how many were new."""
    from marsad.pipeline import PIPELINE_VERSION
    from marsad.store.records import to_record

    return len(store.add_records([to_record(d, PIPELINE_VERSION) for d in docs]))


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip().startswith(("{", "["))]


sys.path.insert(0, str(ROOT / "examples" / "demo_source"))
