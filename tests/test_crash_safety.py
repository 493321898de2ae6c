"""A `kill -9` in the middle of an ingest loses nothing committed, and a re-run finishes without duplicates."""

from __future__ import annotations

import gzip
import itertools
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from .conftest import SNN

pytestmark = [pytest.mark.shared, pytest.mark.slow]


def _count(db) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def test_kill_minus_nine_then_rerun(tmp_path):
    records = tmp_path / "part.jsonl"
    with gzip.open(SNN, "rb") as src, open(records, "wb") as dst:
        dst.writelines(itertools.islice(src, 1500))
    db = tmp_path / "crash.db"
    cmd = [sys.executable, "-m", "marsad.cli", "ingest", str(records), "--db", str(db), "--workers", "1",
           "--no-corpus"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while _count(db) < 200 and time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
    assert proc.poll() is None, "ingest finished before it could be interrupted"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    kept = con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    assert 200 <= kept < 1500
    for table in ("raw", "documents_fts"):          # each document is whole or absent
        assert con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == kept
    con.close()

    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert "already stored" in done.stderr
    con = sqlite3.connect(db)
    total = con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    assert total == con.execute("SELECT COUNT(DISTINCT id) FROM documents").fetchone()[0]
    empty = con.execute("SELECT COUNT(*) FROM errors WHERE message LIKE '%empty body%'").fetchone()[0]
    assert total + empty == 1500


def test_a_worker_that_dies_costs_only_its_input(tmp_path, monkeypatch, cli):
    """A worker killed mid-batch (out of memory, a crash in a C extension) must not hang or stop the run."""
    text = ("أعلنت وزارة الصحة تسجيل حالات جديدة من الكوليرا في الحديدة، وقال الوزير إن فرق الاستجابة انتشرت "
            "في المديريات الأكثر تضررا منذ مطلع الشهر. رقم {}.")
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(300):
        (folder / f"{i:03d}.txt").write_text(text.format(i) + (" POISON" if i == 137 else ""), encoding="utf-8")
    monkeypatch.setenv("MARSAD_FAULT_INJECT", "POISON")
    db = tmp_path / "w.db"
    result = cli("ingest", folder, "--db", db, "--workers", "2", "--no-corpus", ok=False)
    assert result.exit_code == 1
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 299
    failed = con.execute("SELECT source, message FROM errors").fetchall()
    assert len(failed) == 1 and failed[0][0].endswith("137.txt") and "worker process died" in failed[0][1]
