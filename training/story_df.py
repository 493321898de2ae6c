"""Background document frequencies for story similarity: how common each index term is in Arabic news.

    python training/story_df.py [--out src/marsad/models/news_df.tsv.gz]

Counts, over SaudiNewsNet (../shared/data/saudinewsnet, 14 outlets, July-August 2015), in how many articles each
search-index term occurs (title and body, the same `index_terms` the store indexes). The two days hand-grouped
into events for the story benchmark (benchmarks/story_events/) are left out, so their figures are not flattered.
Why a shipped table and not the store's own counts: an article's weights then do not depend on what happened to
be ingested before it, so incremental assignment gives the same vectors in any arrival order, and a store of ten
articles weighs words as a store of a million does. Terms in fewer than MIN_DF articles are dropped: an unknown
term weighs as the rarest.
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter
from pathlib import Path

from marsad.arabic.segment import index_terms

ROOT = Path(__file__).resolve().parents[1]
SNN = ROOT.parent / "shared" / "data" / "saudinewsnet" / "articles.jsonl.gz"
HELD_OUT_DAYS = ("20150808", "20150809")
MIN_DF = 3


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "src" / "marsad" / "models" / "news_df.tsv.gz"))
    args = ap.parse_args()
    df: Counter = Counter()
    n = 0
    with gzip.open(SNN, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["id"][4:12] in HELD_OUT_DAYS or not (rec.get("content") or "").strip():
                continue
            n += 1
            df.update(set(index_terms(f"{rec.get('title') or ''} {rec['content']}").split()))
    kept = sorted((t, c) for t, c in df.items() if c >= MIN_DF and not t.isdigit())
    with gzip.open(args.out, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write(f"#articles\t{n}\n")
        out.writelines(f"{t}\t{c}\n" for t, c in kept)
    print(f"{n} articles, {len(df)} terms, {len(kept)} kept (df >= {MIN_DF}) -> {args.out}")


if __name__ == "__main__":
    main()
