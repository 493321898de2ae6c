"""Shared fixtures. Evaluation data is read from ../shared/data (never copied into the repository)."""

from __future__ import annotations

import json
import sys
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


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip().startswith(("{", "["))]


sys.path.insert(0, str(ROOT / "examples" / "demo_source"))
