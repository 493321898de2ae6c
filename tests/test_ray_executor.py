"""The Ray executor stores what the local one stores, loses only the inputs that fail, and stops cleanly.

One Ray of 2 CPUs is started for the module; `marsad ingest --executor ray` (in this process) uses it as it
is, as it would a Ray a notebook started.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import pytest

from marsad.executors.base import ingest
from marsad.readers.sources import RawInput, iter_inputs
from marsad.store import open_store

from .conftest import DEMO, ROOT

TEXT = ("أعلنت وزارة الصحة تسجيل حالات جديدة من الكوليرا في الحديدة، وقال الوزير إن فرق الاستجابة انتشرت في "
        "المديريات الأكثر تضررا منذ مطلع الشهر. رقم {}.")


@pytest.fixture(scope="module")
def ray_cluster():
    from marsad.executors.ray import cluster

    with cluster(2):
        yield


def _files(folder, n: int, marked: dict[int, str] | None = None):
    folder.mkdir(parents=True)
    for i in range(n):
        (folder / f"{i:03d}.txt").write_text(TEXT.format(i) + (marked or {}).get(i, ""), encoding="utf-8")
    return folder


def _json(cli, *args):
    return json.loads(cli(*args, "--json").stdout)


def _export(cli, db) -> list[dict]:
    lines = cli("export", "--db", db).stdout.splitlines()
    return sorted((json.loads(line) for line in lines if line.strip()), key=lambda d: d["id"])


def _stages_left(folder) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith("marsad-stage-")]


def test_ray_and_local_store_the_same_documents_and_views(ray_cluster, tmp_path, cli):
    local, on_ray = tmp_path / "local.db", tmp_path / "ray.db"
    cli("ingest", DEMO, "--db", local, "--workers", "2")
    summary = _json(cli, "ingest", DEMO, "--db", on_ray, "--executor", "ray", "--workers", "2")
    assert summary["added"] == 86 and summary["failed"] == 0 and summary["corpus"]["stories"] > 0
    docs = _export(cli, on_ray)
    assert len(docs) == 86 and docs == _export(cli, local)       # ids, body, title, outlet, date, spans, lines…
    assert any(d["entities"] for d in docs) and any(d["quotes"] for d in docs) and any(d["times"] for d in docs)
    for view in (["stories", "--limit", "1000"], ["entities", "--limit", "5000"], ["duplicates"], ["stats"]):
        assert _json(cli, *view, "--db", on_ray) == _json(cli, *view, "--db", local), view
    assert not _stages_left(tmp_path)                              # every shard loaded and its folder removed


def test_an_input_that_kills_its_worker_is_recorded_and_the_rest_stored(ray_cluster, tmp_path, cli, monkeypatch):
    src = _files(tmp_path / "in", 80, {37: " POISON"})
    monkeypatch.setenv("MARSAD_FAULT_INJECT", "POISON")
    db = tmp_path / "w.db"
    first = cli("ingest", src, "--db", db, "--executor", "ray", "--workers", "2", "--no-corpus", "--json", ok=False)
    assert first.exit_code == 1
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 79
    (source, message, raw), = con.execute("SELECT source, message, raw FROM errors").fetchall()
    assert source.endswith("037.txt") and "worker process died" in message and b"POISON" in raw
    again = json.loads(cli("ingest", src, "--db", db, "--executor", "ray", "--workers", "2", "--no-corpus",
                           "--json", ok=False).stdout)
    assert again["added"] == 0 and again["already_stored"] == 79 and again["failed"] == 1
    assert con.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 79
    assert not _stages_left(tmp_path)


def test_a_ray_run_stores_into_postgresql_with_its_stage_dir_given(ray_cluster, pg_url, tmp_path, cli):
    src, stage = _files(tmp_path / "in", 30), tmp_path / "stage"
    stage.mkdir()
    args = ("ingest", src, "--db", pg_url, "--executor", "ray", "--workers", "2", "--stage-dir", stage, "--no-corpus")
    first, again = _json(cli, *args), _json(cli, *args)
    assert (first["added"], again["added"], again["already_stored"]) == (30, 0, 30)
    assert list(stage.iterdir()) == []
    with open_store(pg_url, readonly=True) as store:
        assert store.count_documents() == 30


def test_the_templates_learned_so_far_reach_the_ray_workers(ray_cluster, tmp_path):
    """The workers of a run clean new pages with what the store learned of their outlet, as local workers do;
    the same workers, kept by Ray from the run before, take the new templates."""
    from marsad.corpus import rebuild
    from marsad.executors.ray import RayExecutor

    from .test_templates import PROMO, TOPICS, page, write_pages

    with open_store(tmp_path / "t.db") as store:
        ingest(RayExecutor(2, tmp_path), iter_inputs([write_pages(tmp_path, range(12))]), store=store)
        assert rebuild(store)["re-cleaned by templates"] == 12
        (tmp_path / "new").mkdir()
        (tmp_path / "new" / "12.txt").write_text(page(12), encoding="utf-8")
        assert ingest(RayExecutor(2, tmp_path), iter_inputs([tmp_path / "new"]), store=store).added == 1
        new = next(d for d in store.iter_documents(spans=False) if d.source.endswith("12.txt"))
        assert PROMO not in new.body and TOPICS[12] in new.body


def test_a_task_that_raises_costs_only_its_input(ray_cluster, tmp_path):
    import ray

    from marsad.executors.ray import RayExecutor, _task

    def broken(todo, fault, shard, run_key, learned_ref):
        if any(b"BROKEN" in item.raw for item, _ in todo):
            raise ValueError("a stage broke")
        return _task(todo, fault, shard, run_key, learned_ref)

    runner = RayExecutor(2, tmp_path)
    runner.remote = ray.remote(max_retries=0)(broken)
    with open_store(tmp_path / "t.db") as store:
        report = ingest(runner, iter_inputs([_files(tmp_path / "in", 20, {4: " BROKEN"})]), store=store)
        assert (report.added, report.failed, report.seen) == (19, 1, 20)
        (kind, source, message), = report.problems
        assert source.endswith("004.txt") and "failed (ValueError: a stage broke)" in message
    assert not _stages_left(tmp_path)


def test_sigterm_stops_a_ray_run_with_what_is_committed_kept(ray_cluster, tmp_path):
    from marsad.executors.ray import RayExecutor

    import ray

    from marsad.executors.ray import _task

    src = _files(tmp_path / "in", 300, {i: " SLOW" for i in range(64, 300)})
    timers = []

    def slow(todo, *args):
        if any(b"SLOW" in item.raw for item, _ in todo):
            time.sleep(2)               # a long batch: this process waits on Ray for it
        return _task(todo, *args)

    def stop_soon(n: int) -> None:
        """After the first batch is stored, a SIGTERM while this process waits on Ray for the next ones (Ray's
        own signal check once turned it into a SystemError and a traceback)."""
        if not timers:
            timers.append(threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGTERM)))
            timers[0].start()

    runner = RayExecutor(2, tmp_path)
    runner.remote = ray.remote(max_retries=0)(slow)
    with open_store(tmp_path / "s.db") as store:
        stopped = ingest(runner, iter_inputs([src]), store=store, on_progress=stop_soon)
        kept = store.count_documents()
        assert stopped.interrupted == "SIGTERM" and stopped.added == kept == 64
        assert not _stages_left(tmp_path)
        rest = ingest(RayExecutor(2, tmp_path), iter_inputs([src]), store=store)
        assert (rest.added, rest.skipped, store.count_documents()) == (300 - kept, kept, 300)


def test_parquet_rows_are_read_as_json_lines_records(ray_cluster, tmp_path, cli):
    import pyarrow as pa
    import pyarrow.parquet as pq

    lines = (DEMO / "articles" / "alkhaleej-alaan.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    rows[2]["text"] = ""
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "rows.parquet", row_group_size=5)
    (tmp_path / "rows.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    items = list(iter_inputs([tmp_path / "rows.parquet"]))
    assert [i.locator for i in items] == [f"row {n}" for n in range(1, len(rows) + 1)]
    assert not isinstance(items[2], RawInput) and items[2].message == "row 3: empty body in field 'text'"
    assert json.loads(items[0].raw) == rows[0]                         # the row is kept as its JSON object
    cli("ingest", tmp_path / "rows.parquet", "--db", tmp_path / "p.db", "--executor", "ray", ok=False)
    cli("ingest", tmp_path / "rows.jsonl", "--db", tmp_path / "j.db", ok=False)
    same = [{k: v for k, v in d.items() if k != "id"} for d in _export(cli, tmp_path / "p.db")]
    assert len(same) == len(rows) - 1 and same == [{k: v for k, v in d.items() if k != "id"}
                                                   for d in _export(cli, tmp_path / "j.db")]


def test_shards_give_back_the_records_written(tmp_path):
    from marsad.executors.local import _work
    from marsad.executors.shards import read_shard, write_shard

    items = [i for i in iter_inputs([DEMO / "articles" / "alkhaleej-alaan.jsonl", DEMO / "articles" / "dijla24"])
             if isinstance(i, RawInput)]
    records = _work([(i, {}) for i in items]).docs
    assert records and any(r.mentions and r.quotes and r.times for r in records)
    assert read_shard(write_shard(records, tmp_path / "s.parquet")) == records
    assert [p.name for p in tmp_path.iterdir()] == ["s.parquet"]       # no temporary file left beside it


def test_ray_missing_or_out_of_reach_is_one_line_before_anything_is_stored(tmp_path, cli, monkeypatch):
    db = tmp_path / "none.db"
    out = subprocess.run([sys.executable, "-m", "marsad.cli", "ingest", str(DEMO), "--db", str(db), "--executor",
                          "ray", "--address", "127.0.0.1:9"], capture_output=True, text=True, cwd=ROOT,
                         timeout=120, env={**os.environ, "COLUMNS": "200"})
    assert out.returncode == 2 and "cannot reach the Ray cluster at 127.0.0.1:9" in out.stderr
    monkeypatch.setitem(sys.modules, "ray", None)
    missing = cli("ingest", DEMO, "--db", db, "--executor", "ray", ok=False)
    assert missing.exit_code == 2 and "needs the ray package" in " ".join(missing.output.split())
    assert cli("ingest", DEMO, "--db", db, "--address", "h:1", ok=False).exit_code == 2
    assert not db.exists()


def test_reprocess_runs_on_local_workers_and_on_ray_as_in_one_process(ray_cluster, tmp_path, cli):
    """`marsad reprocess` (after an upgrade, or a date rule for stored articles) analyzes again where an ingest
    does: the same documents whether one process, two local workers or a Ray cluster did it."""
    import shutil

    base = tmp_path / "base.db"
    cli("ingest", DEMO / "articles" / "dijla24", DEMO / "articles" / "alkhaleej-alaan.jsonl", "--db", base,
        "--workers", "1")
    stored = len(_export(cli, base))
    outs = []
    for name, extra in (("one", ["--workers", "1"]), ("pool", ["--workers", "2"]),
                        ("ray", ["--executor", "ray", "--workers", "2"])):
        db = tmp_path / f"{name}.db"
        shutil.copy(base, db)
        summary = _json(cli, "reprocess", "--db", db, "--published", "2024-03-05", *extra)
        assert (summary["reprocessed"], summary["failed"]) == (stored, 0), name
        outs.append(_export(cli, db))
    assert outs[0] == outs[1] == outs[2]
    assert stored > 10 and all(d["published"] == "2024-03-05" for d in outs[0])
    assert not _stages_left(tmp_path)
