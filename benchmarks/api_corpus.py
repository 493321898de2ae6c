"""The 100,000-article store `api_load.py` loads: SaudiNewsNet four times over, plus the demo corpus.

    python benchmarks/api_corpus.py --db PATH_OR_URL [--articles 100000] [--workers 2]

SaudiNewsNet holds 26,389 articles of three weeks of 2015; a newsroom's store holds months. Copy 0 is the data
as it is; copy k (1, 2, 3) is each article published k × 45 days later, its paragraphs rotated by k places and
its URL marked with the copy, so that every copy is a document of its own (not an exact duplicate), its
paragraphs still the real text of the outlet that ran it, and the store spans half a year. The demo corpus
(examples/demo_corpus/articles) is ingested with it, so stories with quotes, framing and timelines are there.

The records are written to a gzipped JSON Lines file in the work folder and ingested with `marsad ingest`, as a
user would; api_load.py reuses a store whose corpus views cover every document. SaudiNewsNet's 310 empty
articles are left out, so that the store holds exactly `--articles` documents.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SNN = ROOT.parent / "shared" / "data" / "saudinewsnet" / "articles.jsonl.gz"
DEMO = ROOT / "examples" / "demo_corpus" / "articles"
SHIFT_DAYS = 45
DEMO_ARTICLES = 86


def copies(limit: int):
    """Records of copy 0, 1, 2, … of SaudiNewsNet until `limit` records (its 310 empty articles left out)."""
    with gzip.open(SNN, "rt", encoding="utf-8") as fh:
        base = [rec for rec in map(json.loads, fh) if (rec.get("content") or "").strip()]
    n = 0
    for k in range(limit // max(1, len(base)) + 1):
        for rec in base:
            if n >= limit:
                return
            yield _copy(rec, k)
            n += 1


def _copy(rec: dict, k: int) -> dict:
    body = rec.get("content") or ""
    paras = [p.strip() for p in body.split("\n") if p.strip()]
    if k and paras:
        r = k % len(paras)
        paras = paras[r:] + paras[:r]
    day = (rec.get("date_extracted") or "")[:10]
    try:
        published = (dt.date.fromisoformat(day) + dt.timedelta(days=SHIFT_DAYS * k)).isoformat()
    except ValueError:
        published = None
    url = rec.get("url")
    return {"id": f"{rec['id']}-c{k}", "outlet": rec.get("source"), "title": rec.get("title"),
            "url": f"{url}#copy{k}" if url and k else url, "published": published,
            "text": "\n\n".join(paras)}


def write_records(path: Path, limit: int) -> int:
    n = 0
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=3) as out:
        for rec in copies(limit):
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    return n


def build(db: str, articles: int, workers: int, work: Path) -> float:
    """Ingest the records into `db`; returns the seconds it took."""
    work.mkdir(parents=True, exist_ok=True)
    records = work / f"snn_{articles - DEMO_ARTICLES}.jsonl.gz"
    if not records.exists():
        tmp = records.with_suffix(".part")
        write_records(tmp, articles - DEMO_ARTICLES)
        tmp.rename(records)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "marsad.cli", "ingest", str(records), str(DEMO), "--db", db,
                           "--workers", str(workers)])
    if done.returncode not in (0, 1):            # 1: some inputs failed (recorded), the store is complete
        raise SystemExit(f"marsad ingest exited {done.returncode}")
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--work", type=Path, default=Path("/tmp/marsad-api-corpus"))
    a = ap.parse_args()
    print(f"built in {build(a.db, a.articles, a.workers, a.work):.0f} s")


if __name__ == "__main__":
    main()
