"""A long ingest's corpus passes run in a process of their own (corpus_process): what the pass left alive goes
back to the system with it. What the ingest must still get from it: the counts, the timings, each stage's name,
and a clear error when the pass fails, dies or is interrupted; the child never outlives the call."""

from __future__ import annotations

import fcntl
import multiprocessing as mp
import os
import shutil
import signal
import threading
import time

import pytest

from marsad import corpus
from marsad.corpus_process import CorpusProcessError, rebuild_apart
from marsad.executors.base import Interrupted, stop_on_signals
from marsad.store import open_store


def _child_started(timeout: float = 60.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        found = [p for p in mp.active_children() if p.name == "marsad-corpus"]
        if found:
            return found[0]
        time.sleep(0.05)
    raise AssertionError("the corpus process never started")


@pytest.fixture
def demo_copy(demo_db, tmp_path):
    """A copy of the demo store (the passes here are full rebuilds or wait on its lock: each has work)."""
    db = tmp_path / "store.db"
    shutil.copy(demo_db, db)
    return db


def test_a_pass_apart_reports_its_stages_counts_and_timings(demo_copy):
    stages: list[str] = []
    timings: dict[str, float] = {}
    counts = rebuild_apart(str(demo_copy), progress=stages.append, timings=timings, full=True)
    assert stages == [s.name for s in corpus.STAGES] and set(timings) == set(stages)
    assert counts["stories"] > 0 and counts["entities"] > 0
    store = open_store(demo_copy)
    try:
        assert not store.corpus_dirty()
    finally:
        store.close()
    assert not [p for p in mp.active_children() if p.name == "marsad-corpus"]


def test_a_pass_that_fails_says_why_in_its_own_words(tmp_path):
    """The error is the child's, class and message, for the run's problems table."""
    (tmp_path / "a-directory.db").mkdir()
    with pytest.raises(CorpusProcessError, match=r"^\w+Error: "):
        rebuild_apart(str(tmp_path / "a-directory.db"))


def test_a_pass_that_dies_is_an_error_not_a_hang(demo_copy):
    """Killed (out of memory, kill -9): the ingest is told, and the views of the stage are as they were. The
    pass is held on the corpus lock here, as behind another ingest's pass, so that it is surely mid-way."""
    with open(str(demo_copy) + "-corpus.lock", "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        killer = threading.Thread(target=lambda: os.kill(_child_started().pid, signal.SIGKILL))
        killer.start()
        with pytest.raises(CorpusProcessError, match="ended without finishing"):
            rebuild_apart(str(demo_copy))
        killer.join()


def test_a_signal_to_the_ingest_stops_its_pass(demo_copy):
    """Ctrl-C or SIGTERM during a pass: the ingest stops as during the analysis, and the pass stops with it."""
    seen = {}

    def interrupt():
        seen["child"] = _child_started()
        os.kill(os.getpid(), signal.SIGTERM)

    with open(str(demo_copy) + "-corpus.lock", "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        sender = threading.Thread(target=interrupt)
        sender.start()
        with pytest.raises(Interrupted), stop_on_signals():
            rebuild_apart(str(demo_copy))
        sender.join()
    assert not seen["child"].is_alive()
