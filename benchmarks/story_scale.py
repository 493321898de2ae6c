"""What story assignment costs as the store grows: a batch of 1,000 new articles added to stores of 10,000, 50,000
and 100,000, the cost per article and the peak memory of the run.

    python benchmarks/story_scale.py [--work /tmp/marsad-story-scale] [--sizes 10000 50000 100000] [--batch 1000]

The articles are api_corpus.py's (SaudiNewsNet four times over, each copy 45 days later, paragraphs rotated), in
publication order: a store of N holds the first N, each store is built as a newsroom's grows (`marsad ingest` a
chunk at a time, so its stories were placed incrementally), and each store's batch is the 1,000 articles that
follow it (so every batch meets news of the same density in its days). Each measurement runs in a fresh process
on a copy of the store: the batch is ingested without the corpus stages, the stages before stories run untimed,
then the assignment (reading the new articles and the stories of their days, placing them: it writes nothing) is
timed REPEAT times, the fastest and the median reported with their parts, and the whole stories stage once
(assignment, then "views": storylines, the changed stories' views and the write). Peak memory is the process's
maximum resident set.
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

CHUNK = 10_000
REPEAT = 5               # placements of each batch timed


def write_records(work: Path, total: int) -> list[Path]:
    """The articles in publication order, in files of CHUNK (the batch last, in its own file)."""
    from api_corpus import copies
    records = sorted(copies(total), key=lambda r: (r.get("published") or r.get("date_extracted") or "", r["url"]))
    files = []
    for k in range(0, len(records), CHUNK):
        path = work / f"chunk_{k // CHUNK:03d}.jsonl.gz"
        with gzip.open(path, "wt", encoding="utf-8") as out:
            out.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records[k:k + CHUNK])
        files.append(path)
    return files


def build(work: Path, sizes: list[int], batch: int) -> Path:
    """Stores of each size (copies of one growing store) and the batch file."""
    total = max(sizes) + batch
    files = write_records(work, total)
    db = work / "grow.db"
    for path in (db, *db.parent.glob("grow.db-*")):
        path.unlink(missing_ok=True)
    for k, path in enumerate(files[:max(sizes) // CHUNK]):
        t = time.time()
        _ingest(path, db)
        stored = (k + 1) * CHUNK
        print(f"  {stored} stored ({time.time() - t:.0f} s)", flush=True)
        if stored in sizes:
            shutil.copy(db, work / f"store_{stored}.db")
    return files[-1]


def _ingest(records: Path, db: Path, *extra: str) -> None:
    done = subprocess.run([sys.executable, "-m", "marsad.cli", "ingest", str(records), "--db", str(db), "--workers",
                           "2", *extra], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if done.returncode not in (0, 1):            # 1: some inputs failed (recorded), the store is complete
        raise SystemExit(f"marsad ingest exited {done.returncode}")


def measure(store_path: Path, batch: Path, repeat: int = REPEAT) -> dict:
    """In this process: ingest the batch into the store, run the stages before stories, time the assignment
    `repeat` times (it writes nothing: each placement of the batch starts from the same store, the per-word caches
    emptied first as after every corpus stage; this shared machine's speed drifts by a third between minutes, so
    the fastest and the median of several are reported), then time the whole stories stage once."""
    from marsad import memory
    from marsad.corpus import STAGES
    from marsad.store import open_store
    from marsad.stories import stage
    _ingest(batch, store_path, "--no-corpus")
    store = open_store(str(store_path))
    for s in STAGES:
        if s.name in ("outlet templates", "duplicates", "entity linking"):
            s.run(store, False)
    memory.release()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        run = stage.assignment(store)
        runs.append({"assignment": time.perf_counter() - start, **run.seconds})
        n = max(len(run.placements), 1)
        del run
        memory.release()
    timings: dict = {}
    counts = stage.update(store, timings=timings)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    store.close()

    def ms(key: str) -> list[float]:
        values = sorted(1000 * r[key] / n for r in runs)
        return [round(values[0], 2), round(statistics.median(values), 2)]

    return {"articles": n, "stories read": timings["stories read"],
            "assignment ms/article (fastest, median)": ms("assignment"),
            "assignment parts ms/article (fastest, median)": {k: ms(k) for k in runs[0] if k != "assignment"},
            "stage ms/article": round(1000 * (timings["assignment"] + timings["views"]) / n, 2),
            "peak MB": round(peak / 1024), "peak MB before stories": round(before / 1024), "stories": counts}


def _batch(work: Path, size: int, n: int) -> Path:
    """The n articles that follow the first `size` in publication order: each store gets the batch that would
    arrive next, so every batch meets the same density of news in its days."""
    path = work / f"batch_{size}.jsonl.gz"
    with gzip.open(work / f"chunk_{size // CHUNK:03d}.jsonl.gz", "rt", encoding="utf-8") as src, \
            gzip.open(path, "wt", encoding="utf-8") as out:
        for k, line in enumerate(src):
            if k >= n:
                break
            out.write(line)
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", type=Path, default=Path("/tmp/marsad-story-scale"))
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 100_000])
    ap.add_argument("--batch", type=int, default=1000)
    ap.add_argument("--reuse", action="store_true", help="keep the stores a previous run built")
    ap.add_argument("--one", nargs=2, metavar=("STORE", "BATCH"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(measure(Path(args.one[0]), Path(args.one[1]))))
        return
    args.work.mkdir(parents=True, exist_ok=True)
    if not args.reuse:
        build(args.work, args.sizes, args.batch)
    print(f"{'stored':>8} {'batch':>6} {'stories read':>12} {'assign ms/art (fastest, median)':>32} "
          f"{'stage ms/art':>12} {'peak MB':>8}")
    for size in args.sizes:
        trial = args.work / "trial.db"
        shutil.copy(args.work / f"store_{size}.db", trial)
        batch = _batch(args.work, size, args.batch)
        out = subprocess.run([sys.executable, __file__, "--one", str(trial), str(batch)], check=True,
                             capture_output=True, text=True).stdout
        r = json.loads(out.strip().splitlines()[-1])
        fastest, median = r["assignment ms/article (fastest, median)"]
        print(f"{size:>8} {r['articles']:>6} {r['stories read']:>12} {f'{fastest} / {median}':>32} "
              f"{r['stage ms/article']:>12} {r['peak MB']:>8}", flush=True)
        print("    parts (fastest, median):", json.dumps(r["assignment parts ms/article (fastest, median)"]),
              flush=True)


if __name__ == "__main__":
    main()
