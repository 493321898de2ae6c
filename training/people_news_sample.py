"""Draw SaudiNewsNet articles for hand annotation as tagger training text (ids only; the texts stay in
../shared/data/saudinewsnet).

    python training/people_news_sample.py [--n 1600] > training/people_news/sample.json
    python training/people_news_sample.py --n 1600 --seed 3701 --skip training/people_news/sample.json  # a later round

The people benchmark (benchmarks/people/gold.json) measures on 678 annotated articles; a tagger trained on news
must never have seen them, nor a copy of them: SaudiNewsNet carries the same wire story in several outlets. So
the draw leaves out the benchmark's articles and every article that shares a run of eight words with one of them
in a tenth of its runs or more. Lengths as in the benchmark (300 to 2,500 characters), articles taken from each
outlet in turn, drawn with a fixed seed in rounds of 1,600; nothing is chosen by reading the texts.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "saudinewsnet" / "articles.jsonl.gz"
BENCH = ROOT / "benchmarks" / "people" / "gold.json"
RUN, SHARE = 8, 0.1
ROUND = 1600                    # drawn in rounds: a larger --n keeps the earlier rounds' ids and order


def _shuffled(rng: random.Random, ids: list[str]) -> list[str]:
    rng.shuffle(ids)
    return ids


def runs(text: str) -> set[int]:
    words = re.findall(r"\w+", text)
    return {hash(tuple(words[k:k + RUN])) for k in range(max(0, len(words) - RUN + 1))}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1600)
    ap.add_argument("--seed", type=int, default=3401)
    ap.add_argument("--skip", action="append", default=[], help="a sample.json whose ids were drawn before")
    args = ap.parse_args()
    bench = {a["id"] for a in json.loads(BENCH.read_text(encoding="utf-8"))["articles"]}
    drawn = {i for path in args.skip for i in json.loads(Path(path).read_text(encoding="utf-8"))["ids"]}
    records = []
    with gzip.open(DATA, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            records.append((d["id"], d["source"], d["content"]))
    seen: set[int] = set()
    for i, _, content in records:
        if i in bench:
            seen |= runs(content)
    by_outlet: dict[str, list[str]] = defaultdict(list)
    copies = 0
    for i, source, content in records:
        if i in bench or i in drawn or not 300 <= len(content) <= 2500:
            continue
        mine = runs(content)
        if mine and len(mine & seen) >= SHARE * len(mine):
            copies += 1
            continue
        by_outlet[source].append(i)
    rng = random.Random(args.seed)
    for ids in by_outlet.values():
        rng.shuffle(ids)
    pool: list[str] = []
    while len(pool) < args.n and any(by_outlet.values()):
        for ids in by_outlet.values():
            if ids and len(pool) < args.n:
                pool.append(ids.pop())
    pool = [i for k in range(0, len(pool), ROUND) for i in _shuffled(rng, pool[k:k + ROUND])]
    print(json.dumps({"about": f"{len(pool)} articles, none of the benchmark's nor a copy of one ({copies} left out)",
                      "ids": pool}, indent=0))


if __name__ == "__main__":
    main()
