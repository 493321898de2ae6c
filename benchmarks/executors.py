"""The executors side by side: `marsad ingest` with the local executor and with Ray, one and two workers.

    python benchmarks/executors.py [--limit 2000] [--repeat 3] [--json]

The first N SaudiNewsNet records (a plain JSON Lines copy, made once) are ingested by the command as a user
runs it (`--no-corpus`: the corpus views do not depend on the executor) into a fresh SQLite store for each run:
local and Ray, each with 1 and 2 workers. The runs are interleaved (each round in another order), so that other
work on the machine slows all of them alike, and each figure is the median of the rounds. Reported per run:
the ingest phase (reading, analysis, storing; what the command's summary line times), the command end to end
(Python's start, Ray's start and shutdown included), articles per second of the ingest phase, and the peak
memory of the command's process tree (proportional set size, shared pages counted once; Ray's own processes
are children of the command, and counted).

`measure()` returns the same as a dict (`benchmarks/run_all.py` runs this script with --json).
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SNN = ROOT.parent / "shared" / "data" / "saudinewsnet" / "articles.jsonl.gz"
sys.path.insert(0, str(HERE))
from ingest import tree_pss_mb  # noqa: E402 - the same memory measure as the backends benchmark

CONFIGS = (("local", 1), ("local", 2), ("ray", 1), ("ray", 2))
_PHASE = re.compile(r"inputs in ([\d.]+)s")


def _sample(limit: int, folder: Path) -> Path:
    path = folder / f"snn-{limit}.jsonl"
    with gzip.open(SNN, "rb") as src, open(path, "wb") as dst:
        dst.writelines(itertools.islice(src, limit))
    return path


def _peak_memory(proc: subprocess.Popen, peak: list[float]) -> None:
    while proc.poll() is None:
        peak[0] = max(peak[0], tree_pss_mb(proc.pid))
        time.sleep(0.2)


def run_once(executor: str, workers: int, records: Path, folder: Path) -> dict:
    """One `marsad ingest` into a fresh store: its timings, memory and summary."""
    db = Path(tempfile.mkdtemp(dir=folder)) / "bench.db"
    cmd = [sys.executable, "-m", "marsad.cli", "ingest", str(records), "--db", str(db), "--executor", executor,
           "--workers", str(workers), "--no-corpus", "--json"]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "COLUMNS": "200", "PYTHONPATH": str(ROOT / "src")})
    peak = [0.0]
    watcher = threading.Thread(target=_peak_memory, args=(proc, peak), daemon=True)
    watcher.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    watcher.join()
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}:\n{err[-2000:]}")
    summary = json.loads(out.strip().splitlines()[-1])
    phase = _PHASE.search(" ".join(err.split()))
    return {"wall_s": wall, "ingest_s": float(phase.group(1)) if phase else wall, "peak_mb": peak[0],
            "added": summary["added"], "failed": summary["failed"]}


def measure(limit: int = 2000, repeat: int = 3, configs=CONFIGS) -> dict:
    """Every configuration `repeat` times, interleaved; the median of each figure per configuration."""
    with tempfile.TemporaryDirectory(prefix="marsad-bench-executors-") as tmp:
        folder = Path(tmp)
        records = _sample(limit, folder)
        rounds: dict[str, list[dict]] = {f"{e} --workers {w}": [] for e, w in configs}
        for r in range(repeat):
            order = configs[r % len(configs):] + configs[:r % len(configs)]
            for executor, workers in order:
                rounds[f"{executor} --workers {workers}"].append(run_once(executor, workers, records, folder))
    runs = {}
    for name, done in rounds.items():
        med = {k: statistics.median(d[k] for d in done) for k in ("wall_s", "ingest_s", "peak_mb")}
        runs[name] = {**med, "articles_per_s": done[0]["added"] / med["ingest_s"], "added": done[0]["added"],
                      "failed": done[0]["failed"], "wall_s_each": [round(d["wall_s"], 1) for d in done],
                      "ingest_s_each": [round(d["ingest_s"], 1) for d in done]}
    return {"records": limit, "repeat": repeat, "cores": os.cpu_count(), "runs": runs}


def table(result: dict) -> str:
    lines = [f"First {result['records']:,} SaudiNewsNet records, `marsad ingest --no-corpus` into a fresh SQLite "
             f"store, {result['cores']} cores, median of {result['repeat']} interleaved rounds",
             "",
             "| run | ingest s | articles/s | end to end s | peak MB | added | failed | ingest s, each round |",
             "|---|---:|---:|---:|---:|---:|---:|---|"]
    for name, r in result["runs"].items():
        lines.append(f"| {name} | {r['ingest_s']:.1f} | {r['articles_per_s']:.1f} | {r['wall_s']:.1f} | "
                     f"{r['peak_mb']:,.0f} | {r['added']:,} | {r['failed']:,} | "
                     f"{', '.join(f'{s:.1f}' for s in r['ingest_s_each'])} |")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=2000, help="SaudiNewsNet records to ingest (default 2000)")
    ap.add_argument("--repeat", type=int, default=3, help="interleaved rounds (default 3)")
    ap.add_argument("--json", action="store_true", help="also print the figures as JSON after the table")
    args = ap.parse_args()
    result = measure(args.limit, args.repeat)
    print(table(result))
    if args.json:
        print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
