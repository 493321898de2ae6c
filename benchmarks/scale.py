"""Scaling: `marsad ingest` of 1k, 10k, all of SaudiNewsNet and 100,000 articles, and the cost of adding a batch.

    python benchmarks/scale.py [--sizes 1000 10000 all 100000] [--workers 2] [--add-to 10000 100000]
                               [--batch 1000] [--repeat 2] [--matched] [--keep DIR] [--json]

Inputs: api_corpus.py's articles, SaudiNewsNet's 26,079 non-empty records and then copies of them re-dated
(copy k is 45 × k days later, its paragraphs rotated, an id of its own): new inputs that the pipeline analyzes in
full, that fall into other days' stories, and that the duplicate index finds as copies of the earlier ones, as a
wire story run again would be. The first N records of that stream make a store of N.

1. Scaling: the first N records of that stream into a fresh SQLite store, as a user runs it (`marsad ingest
   FILE --db DB --workers W`): wall time of the command (analysis, storing, every corpus stage), the ingest
   phase alone, articles/s, and the peak memory of the process tree (proportional set size, sampled every
   0.2 s) and of the main process alone (where the corpus stages run). Time should grow linearly with N and
   peak memory stay flat (streaming: no whole-corpus list).
2. Adding a batch: a store of N records (made by step 1, copied), then `marsad ingest` of a batch of B new
   articles (copy 9 of the first B records: new inputs dated after everything stored, each a copy of one or
   more stored articles), repeated on fresh copies of the store. The bar: adding to 100,000
   takes no longer than adding to 10,000, within noise.
3. `--matched`: the same, also on stores where each of the batch's articles has one stored copy as in the store
   of 10,000 (copy 0): the stream repeats SaudiNewsNet every 26,079 records, so a store of 100,000 holds copies
   0 to 3 of the batch's records, and each new article meets four times the copies (pairs to verify,
   provenance to compute, template lines made common) it meets at 10,000. Its other copies are deleted
   (`marsad delete`, not timed) from a copy of the store first. Not all of the difference goes: the articles a
   batch article shares wire copy with (another outlet's run of the same dispatch) keep their four copies.
"""

from __future__ import annotations

import argparse
import gzip
import json
import itertools
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from ingest import SNN, run_marsad  # noqa: E402

BATCH_COPY = 9
SNN_ARTICLES = 26_079          # SaudiNewsNet's records with a body


def stream(n: int, copy: int | None = None) -> Iterator[str]:
    """The first n records of the stream (or, with `copy`, that copy of the first n SaudiNewsNet records)."""
    from api_corpus import _copy, copies

    if copy is None:
        records = copies(n)
    else:
        base = (json.loads(line) for line in gzip.open(SNN, "rt", encoding="utf-8"))
        records = (_copy(rec, copy) for rec in itertools.islice(
            (r for r in base if (r.get("content") or "").strip()), n))
    return (json.dumps(r, ensure_ascii=False) for r in records)


def write(lines: Iterator[str], path: Path) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for line in lines:
            fh.write(line + "\n")
    return path


def ingest(src: Path, db: Path, workers: int) -> dict:
    out = run_marsad(["ingest", str(src), "--db", str(db), "--workers", str(workers), "--json"], None)
    out["articles_per_s"] = out["inputs"] / out["wall_s"] if out["wall_s"] else 0.0
    return out


def scaling(sizes: list[int], workers: int, tmp: Path) -> list[dict]:
    rows = []
    for n in sizes:
        src = write(stream(n), tmp / f"stream-{n}.jsonl")
        db = tmp / f"store-{n}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        res = ingest(src, db, workers)
        src.unlink()
        rows.append({"articles": n, **res})
        print(f"  {n:>7,} articles: {res['wall_s']:7.1f} s in all, ingest {res['ingest_s']:7.1f} s, "
              f"{res['articles_per_s']:6.1f} articles/s, peak {res['peak_mb']:6.0f} MB "
              f"(main process {res['main_peak_mb']:5.0f} MB)", flush=True)
    return rows


def other_copies(n: int, batch: int) -> list[str]:
    """Ids of the copies after copy 0 of the batch's records that the first n records of the stream hold."""
    from api_corpus import copies

    firsts = [rec["id"].removesuffix("-c0") for rec in copies(batch)]
    return [f"{rid}-c{k}" for i, rid in enumerate(firsts) for k in range(1, n // SNN_ARTICLES + 1)
            if k * SNN_ARTICLES + i < n]


def matched_store(base: Path, n: int, batch: int, tmp: Path) -> tuple[Path, int]:
    """A copy of the store of n without the batch's other copies (made once, kept beside it); with the count
    deleted."""
    ids = other_copies(n, batch)
    out = tmp / f"store-{n}-matched.db"
    if ids and not out.exists():
        _copy_store(base, out)
        for i in range(0, len(ids), 500):
            _marsad("delete", *ids[i:i + 500], "--db", str(out), "--no-corpus")
        _marsad("corpus", "--db", str(out))
    return (out if ids else base), len(ids)


def _copy_store(src: Path, dst: Path) -> None:
    """A SQLite store with its write-ahead log (what it holds since the last checkpoint is there)."""
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{src}{suffix}").exists():
            shutil.copy(f"{src}{suffix}", f"{dst}{suffix}")


def _marsad(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "marsad.cli", *args], check=True, capture_output=True)


def add_batch(bases: list[int], batch: int, repeat: int, workers: int, tmp: Path,
              matched: bool = False) -> list[dict]:
    src = write(stream(batch, copy=BATCH_COPY), tmp / "batch.jsonl")
    rows = []
    for n, match in [(n, m) for m in ((False, True) if matched else (False,)) for n in bases]:
        base = tmp / f"store-{n}.db"
        if not base.exists():
            ingest(write(stream(n), tmp / f"stream-{n}.jsonl"), base, workers)
        deleted = 0
        if match:
            base, deleted = matched_store(base, n, batch, tmp)
            if not deleted:
                continue                  # the store holds one copy of each already: its row above says it
        walls = []
        for r in range(repeat):
            db = tmp / f"add-{n}-{r}.db"
            _copy_store(base, db)
            res = ingest(src, db, workers)
            walls.append(res)
            db.unlink()
        rows.append({"store": n - deleted, "grown_to": n, "matched": match, "batch": batch,
                     "wall_s": [w["wall_s"] for w in walls],
                     "ingest_s": [w["ingest_s"] for w in walls], "peak_mb": max(w["peak_mb"] for w in walls),
                     "corpus_seconds": [w["corpus_seconds"] for w in walls],
                     "median_wall_s": statistics.median(w["wall_s"] for w in walls)})
        label = f"{n - deleted:>7,} (the {n:,} less the batch's {deleted:,} other copies)" if match else f"{n:>7,}"
        print(f"  add {batch:,} to {label}: " + ", ".join(f"{w['wall_s']:.1f} s (ingest {w['ingest_s']:.1f})"
                                                         for w in walls), flush=True)
        for w in walls:
            print("    corpus stages: " + ", ".join(f"{k} {v:.1f} s" for k, v in w["corpus_seconds"].items()),
                  flush=True)
    return rows


def measure(sizes: list[int | str], add_to: list[int], workers: int = 2, batch: int = 1000, repeat: int = 2,
            keep: Path | None = None, matched: bool = False) -> dict:
    sizes_n = [SNN_ARTICLES if s == "all" else int(s) for s in sizes]
    tmp = keep or Path(tempfile.mkdtemp(prefix="marsad-scale-"))
    tmp.mkdir(parents=True, exist_ok=True)
    try:
        out = {"workers": workers, "scaling": scaling(sizes_n, workers, tmp),
               "add_batch": add_batch(add_to, batch, repeat, workers, tmp, matched)}
    finally:
        if keep is None:
            shutil.rmtree(tmp, ignore_errors=True)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", nargs="*", default=["1000", "10000", "all", "100000"])
    ap.add_argument("--add-to", nargs="*", type=int, default=[10000, 100000])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--batch", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--matched", action="store_true", help="also add the batch to stores that hold one copy of "
                    "each of its articles (the others deleted first)")
    ap.add_argument("--keep", type=Path, help="keep the stores in this directory (and reuse them)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    out = measure(args.sizes, args.add_to, args.workers, args.batch, args.repeat, args.keep, args.matched)
    if args.json:
        print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
