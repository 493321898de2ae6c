"""Ingest throughput and peak memory on the first N articles of SaudiNewsNet, with 1 and 2 workers.

    python benchmarks/ingest.py [--limit 20000] [--workers 1 2]

Each run is `marsad ingest` into a fresh database, as a user runs it. Reported per run: the ingest phase
(read, analyze, store, index; the figure the foundation target of 300 docs/s is about), the corpus views
(duplicates, entities, stories) and the whole command end to end, plus the peak memory of the whole process
tree (main process and workers, sampled from /proc). The reference row in the same run is a plain load of the
same records into SQLite with an FTS5 index and no analysis: the floor any ingest pays, so the ratio shows
what the analysis costs. A second ingest of the same input checks idempotence.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SNN = ROOT.parent / "shared" / "data" / "saudinewsnet" / "articles.jsonl.gz"


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants (Linux /proc), in MB."""
    total = 0
    stack = [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    stack.extend(int(c) for c in fh.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total / 1024


def run_marsad(args: list[str]) -> dict:
    proc = subprocess.Popen([sys.executable, "-m", "marsad.cli", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "COLUMNS": "200"})
    peak = 0.0
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss_mb(proc.pid))
            time.sleep(0.2)

    t = threading.Thread(target=sample, daemon=True)
    start = time.perf_counter()
    t.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    done.set()
    t.join()
    m = re.search(r"([\d,]+) inputs in ([\d.]+)s .*?([\d,]+) added, ([\d,]+) already stored, ([\d,]+) failed", err)
    if not m:
        raise SystemExit(f"unexpected output from marsad:\n{err[-2000:]}")
    seen, ingest_s = int(m.group(1).replace(",", "")), float(m.group(2))
    return {"inputs": seen, "ingest_s": ingest_s, "wall_s": wall, "peak_mb": peak,
            "added": int(m.group(3).replace(",", "")), "skipped": int(m.group(4).replace(",", "")),
            "failed": int(m.group(5).replace(",", "")), "exit": proc.returncode}


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
            con.execute("INSERT OR IGNORE INTO docs VALUES (?,?,?,?)", (rec["id"], line, rec.get("title"), rec.get("content")))
            con.execute("INSERT INTO fts(title, body) VALUES (?,?)", (rec.get("title"), rec.get("content")))
    con.close()
    return {"inputs": n, "ingest_s": time.perf_counter() - start}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=20000)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if not SNN.exists():
        raise SystemExit(f"{SNN} not found (../shared/data must be beside the repository)")
    tmp = Path(tempfile.mkdtemp(prefix="marsad-bench-"))
    results = {}
    floor = plain_load(SNN, args.limit, tmp / "plain.db")
    for w in args.workers:
        db = tmp / f"w{w}.db"
        first = run_marsad(["ingest", str(SNN), "--limit", str(args.limit), "--db", str(db), "--workers", str(w)])
        again = run_marsad(["ingest", str(SNN), "--limit", str(args.limit), "--db", str(db), "--workers", str(w)])
        results[w] = (first, again)
    if args.json:
        print(json.dumps({"plain": floor, "runs": {w: {"first": a, "again": b} for w, (a, b) in results.items()}},
                         indent=1))
        return 0
    n = floor["inputs"]
    floor_rate = n / floor["ingest_s"]
    print(f"SaudiNewsNet, first {n:,} records; machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}\n")
    header = f"{'run':28} {'ingest s':>9} {'docs/s':>8} {'vs plain':>9} {'+corpus s':>10} {'end-to-end docs/s':>18} {'peak MB':>8}"
    print(header)
    print("-" * len(header))
    print(f"{'plain load (no analysis)':28} {floor['ingest_s']:9.1f} {floor_rate:8.0f} {1.0:9.2f} {'-':>10} {'-':>18} {'-':>8}")
    for w, (first, again) in results.items():
        rate = first["inputs"] / first["ingest_s"]
        corpus_s = first["wall_s"] - first["ingest_s"]
        print(f"{'marsad ingest --workers ' + str(w):28} {first['ingest_s']:9.1f} {rate:8.0f} {rate / floor_rate:9.2f} "
              f"{corpus_s:10.1f} {first['inputs'] / first['wall_s']:18.0f} {first['peak_mb']:8.0f}")
    print()
    for w, (first, again) in results.items():
        print(f"workers={w}: {first['added']:,} added, {first['failed']:,} failed (empty bodies, recorded); "
              f"re-run: {again['added']} added, {again['skipped']:,} already stored in {again['wall_s']:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
