"""Ingest into SQLite and into PostgreSQL side by side, and reading while an ingest writes.

    python benchmarks/ingest.py [--limit 20000] [--workers 2] [--backends sqlite postgres]
                                [--readers 4] [--rw-limit 5000] [--json]

Run as is, it starts a throwaway PostgreSQL server for the run (scripts/with-postgres.sh); with MARSAD_PG_URL
set it uses that server (each run in a schema of its own, dropped afterwards).

1. Ingest: `marsad ingest` of the first N SaudiNewsNet records with W workers into a fresh store of each
   backend, as a user runs it. Reported: the ingest phase (read, analyze, store, index), the corpus views
   (templates, duplicates, entities, stories) and the command end to end, the peak memory of the marsad
   process tree and, for PostgreSQL, of the server's processes (proportional set size, so memory the
   processes share is counted once), and a second ingest of the same input (idempotence: nothing added).
   The reference row is a plain load of the same records into SQLite with an FTS5 index and no analysis:
   the floor any ingest pays.
2. Read while writing: one ingest writes the first M records while R reader processes search the same store
   in a loop (a mix of words, phrases, OR, -word and prefixes); each search's latency and every error is
   recorded. Reported per backend: searches done, p50 and p95 latency, errors (the bar: 0).
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing as mp
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import parse_qs, urlparse

ROOT = Path(__file__).resolve().parents[1]
SNN = ROOT.parent / "shared" / "data" / "saudinewsnet" / "articles.jsonl.gz"
sys.path.insert(0, str(ROOT / "src"))
QUERIES = ["السعودية", "وزير الصحة", "الرياض OR جدة", '"ولي العهد"', "النفط -أرامكو", "اقتصا*", "الهلال النصر",
           '"خادم الحرمين الشريفين" الملك', "التعليم OR الجامعة", "مكة المكرمة", "أمير منطقة", "الأمطار"]


# -- memory of process trees --------------------------------------------------------------------------------
def _children(pid: int) -> list[int]:
    out = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                out.extend(int(c) for c in fh.read().split())
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return out


def pss_kb(pid: int) -> int | None:
    """Proportional set size of one process (Linux), in KB; None when it is gone."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None
    return 0


def tree_pss_mb(pid: int) -> float:
    """Proportional set size of a process and its descendants (Linux), in MB: shared pages counted once."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        kb = pss_kb(p)
        if kb is None:
            continue
        total += kb
        stack.extend(_children(p))
    return total / 1024


def server_pid(url: str) -> int | None:
    """The postmaster of a throwaway cluster (scripts/with-postgres.sh keeps its data beside the socket)."""
    host = (parse_qs(urlparse(url).query).get("host") or [""])[0]
    pidfile = Path(host) / "data" / "postmaster.pid"
    try:
        return int(pidfile.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


class Peak:
    """Samples the memory of process trees every 0.2 s while a block runs."""

    def __init__(self, *pids_of, alone_of=None):
        """pids_of: the roots of the trees to sample; alone_of: a process whose own peak is kept too
        (`alone_peak`: the main process of an ingest, without its workers)."""
        self.pids_of, self.alone_of = pids_of, alone_of
        self.peaks = [0.0] * len(pids_of)
        self.alone_peak = 0.0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._done.is_set():
            for i, get in enumerate(self.pids_of):
                pid = get()
                if pid:
                    self.peaks[i] = max(self.peaks[i], tree_pss_mb(pid))
            if self.alone_of is not None:
                self.alone_peak = max(self.alone_peak, (pss_kb(self.alone_of()) or 0) / 1024)
            time.sleep(0.2)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._done.set()
        self._thread.join()


# -- stores -------------------------------------------------------------------------------------------------
def fresh_store(backend: str, tmp: Path, name: str) -> tuple[str, callable]:
    """A URL for a new, empty store of this backend, and a function that removes it."""
    if backend == "sqlite":
        path = tmp / f"{name}.db"
        return str(path), lambda: None
    import psycopg

    base = os.environ["MARSAD_PG_URL"]
    schema = f"bench_{name}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")

    def drop():
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")

    return base + ("&" if "?" in base else "?") + f"options=-csearch_path%3D{schema}", drop


def run_marsad(args: list[str], server: int | None) -> dict:
    proc = subprocess.Popen([sys.executable, "-m", "marsad.cli", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "COLUMNS": "200"})
    start = time.perf_counter()
    with Peak(lambda: proc.pid, lambda: server, alone_of=lambda: proc.pid) as peak:
        out, err = proc.communicate()
    wall = time.perf_counter() - start
    m = re.search(r"([\d,]+) inputs in ([\d.]+)s .*?([\d,]+) added, ([\d,]+) already stored, ([\d,]+) failed", err)
    if not m:
        raise SystemExit(f"unexpected output from marsad:\n{err[-2000:]}")
    num = [int(m.group(i).replace(",", "")) for i in (1, 3, 4, 5)]
    return {"inputs": num[0], "ingest_s": float(m.group(2)), "wall_s": wall, "peak_mb": peak.peaks[0],
            "server_peak_mb": peak.peaks[1], "main_peak_mb": peak.alone_peak, "added": num[1], "skipped": num[2],
            "failed": num[3],
            "exit": proc.returncode, "corpus_seconds": _json_summary(out).get("corpus_seconds", {})}


def _json_summary(stdout: str) -> dict:
    """The run's JSON summary, when it was asked for (`--json`)."""
    try:
        return json.loads(stdout) if stdout.strip() else {}
    except json.JSONDecodeError:
        return {}


def plain_load(path: Path, limit: int, db: Path) -> dict:
    """The reference floor: parse each record, store it and index its text, nothing else."""
    start = time.perf_counter()
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE TABLE docs(id TEXT PRIMARY KEY, raw BLOB, title TEXT, body TEXT)")
    con.execute("CREATE VIRTUAL TABLE fts USING fts5(title, body)")
    n = 0
    with gzip.open(path, "rb") as fh, con:
        for line in fh:
            if n >= limit:
                break
            n += 1
            rec = json.loads(line)
            con.execute("INSERT OR IGNORE INTO docs VALUES (?,?,?,?)", (rec["id"], line, rec.get("title"),
                                                                       rec.get("content")))
            con.execute("INSERT INTO fts(title, body) VALUES (?,?)", (rec.get("title"), rec.get("content")))
    con.close()
    return {"inputs": n, "ingest_s": time.perf_counter() - start}


# -- reading while writing ----------------------------------------------------------------------------------
THINK_S = 0.1          # a reader's pause between searches: people read results; a tight loop would only
                       # starve the writer


def reader(url: str, stop, out, seed: int) -> None:
    import marsad

    latencies, errors, n, found = [], [], 0, 0
    corpus = None
    while not stop.is_set():
        query = QUERIES[(seed + n) % len(QUERIES)]
        n += 1
        start = time.perf_counter()
        try:
            if corpus is None:
                corpus = marsad.open(url)
            found += bool(corpus.search(query, limit=20).items)
            latencies.append(time.perf_counter() - start)
        except Exception as exc:  # noqa: BLE001 - every failure is what this measures
            errors.append(f"{query}: {exc.__class__.__name__}: {exc}")
        time.sleep(THINK_S)
    out.put((latencies, errors, found))


def read_while_writing(backend: str, url: str, limit: int, workers: int, readers: int, server: int | None) -> dict:
    from marsad.store import open_store

    open_store(url).close()                     # the schema exists before anyone reads
    ctx = mp.get_context("spawn")
    stop, out = ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=reader, args=(url, stop, out, i * 3)) for i in range(readers)]
    for p in procs:
        p.start()
    time.sleep(2)
    write = run_marsad(["ingest", str(SNN), "--limit", str(limit), "--db", url, "--workers", str(workers)], server)
    stop.set()
    results = [out.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(30)
    lat = sorted(x for r in results for x in r[0])
    errors = [e for r in results for e in r[1]]
    return {"backend": backend, "searches": len(lat), "with_hits": sum(r[2] for r in results), "errors": len(errors),
            "error_examples": errors[:5],
            "p50_ms": 1000 * statistics.median(lat) if lat else None,
            "p95_ms": 1000 * lat[int(0.95 * (len(lat) - 1))] if lat else None,
            "ingest_docs_s": write["inputs"] / write["ingest_s"], "ingest_added": write["added"]}


# -- report -------------------------------------------------------------------------------------------------
def _measure(args: argparse.Namespace, tmp: Path, server: int | None) -> tuple[dict, dict, dict]:
    """The plain floor, Marsad's ingests (first and again) and reads while writing, stores kept under `tmp`."""
    floor = plain_load(SNN, args.limit, tmp / "plain.db")
    runs, rw = {}, {}
    for backend in args.backends if args.only != "rw" else ():
        url, drop = fresh_store(backend, tmp, "ingest")
        cmd = ["ingest", str(SNN), "--limit", str(args.limit), "--db", url, "--workers", str(args.workers)]
        pg = server if backend == "postgres" else None
        runs[backend] = (run_marsad(cmd, pg), run_marsad(cmd, pg))
        drop()
    for backend in args.backends if args.only != "ingest" else ():
        url, drop = fresh_store(backend, tmp, "rw")
        rw[backend] = read_while_writing(backend, url, args.rw_limit, args.workers, args.readers,
                                         server if backend == "postgres" else None)
        drop()
    return floor, runs, rw


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=20000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--backends", nargs="+", default=["sqlite", "postgres"], choices=["sqlite", "postgres"])
    ap.add_argument("--readers", type=int, default=4)
    ap.add_argument("--rw-limit", type=int, default=5000, help="records the read-while-writing ingest writes")
    ap.add_argument("--only", choices=["ingest", "rw"], help="run one of the two parts")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if not SNN.exists():
        raise SystemExit(f"{SNN} not found (../shared/data must be beside the repository)")
    if "postgres" in args.backends and not os.environ.get("MARSAD_PG_URL"):
        os.execvp("bash", ["bash", str(ROOT / "scripts" / "with-postgres.sh"), sys.executable, *sys.argv])
    server = server_pid(os.environ.get("MARSAD_PG_URL", ""))
    with tempfile.TemporaryDirectory(prefix="marsad-bench-") as folder:      # gone with the run, stores and all
        floor, runs, rw = _measure(args, Path(folder), server)
    if args.json:
        print(json.dumps({"plain": floor, "runs": {b: {"first": a, "again": c} for b, (a, c) in runs.items()},
                          "read_while_writing": rw}, indent=1, ensure_ascii=False))
        return 0
    report(args, floor, runs, rw)
    return 0


def _heading(head: str) -> None:
    print(head)
    print("-" * len(head))


def report(args, floor: dict, runs: dict, rw: dict) -> None:
    if runs:
        report_ingest(args, floor, runs)
    if rw:
        report_rw(args, rw)


def report_ingest(args, floor: dict, runs: dict) -> None:
    n = floor["inputs"]
    floor_rate = n / floor["ingest_s"]
    print(f"SaudiNewsNet, first {n:,} records, --workers {args.workers}; machine: {os.cpu_count()} cores, "
          f"Python {sys.version.split()[0]}\n")
    head = (f"{'run':26} {'ingest s':>9} {'docs/s':>7} {'vs plain':>9} {'+corpus s':>10} {'end-to-end':>11} "
            f"{'marsad MB':>10} {'server MB':>10}")
    _heading(head)
    print(f"{'plain load (no analysis)':26} {floor['ingest_s']:9.1f} {floor_rate:7.0f} {1.0:9.2f} {'-':>10} "
          f"{'-':>11} {'-':>10} {'-':>10}")
    for backend, (first, _) in runs.items():
        rate = first["inputs"] / first["ingest_s"]
        server = f"{first['server_peak_mb']:10.0f}" if backend == "postgres" else f"{'-':>10}"
        print(f"{'marsad → ' + backend:26} {first['ingest_s']:9.1f} {rate:7.0f} {rate / floor_rate:9.2f} "
              f"{first['wall_s'] - first['ingest_s']:10.1f} {first['inputs'] / first['wall_s']:8.0f} /s "
              f"{first['peak_mb']:10.0f} {server}")
    if {"sqlite", "postgres"} <= runs.keys():
        s, p = runs["sqlite"][0], runs["postgres"][0]
        print(f"\nPostgreSQL ÷ SQLite: ingest docs/s "
              f"{(p['inputs'] / p['ingest_s']) / (s['inputs'] / s['ingest_s']):.2f}, "
              f"end to end {(s['wall_s'] / p['wall_s']):.2f}, marsad memory {p['peak_mb'] / s['peak_mb']:.2f}")
    print()
    for backend, (first, again) in runs.items():
        print(f"{backend}: {first['added']:,} added, {first['failed']:,} failed (empty bodies, recorded); re-run: "
              f"{again['added']} added, {again['skipped']:,} already stored in {again['wall_s']:.1f}s")


def report_rw(args, rw: dict) -> None:
    print(f"\nReading while writing: {args.readers} processes search (one search, then {THINK_S:.1f} s to read it) "
          f"while one ingest writes {args.rw_limit:,} records")
    head = (f"{'backend':10} {'searches':>9} {'with hits':>10} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7} "
            f"{'ingest docs/s':>14}")
    _heading(head)
    for r in rw.values():
        print(f"{r['backend']:10} {r['searches']:9,} {r['with_hits']:10,} {r['p50_ms']:8.1f} {r['p95_ms']:8.1f} "
              f"{r['errors']:7} {r['ingest_docs_s']:14.0f}")
        for e in r["error_examples"]:
            print(f"  error: {e}")


if __name__ == "__main__":
    sys.exit(main())
