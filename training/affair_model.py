"""Learns the affair model (src/marsad/models/story_affair.json): when a story folds into a larger one of its days.

    python training/affair_model.py --db STORE [--day 2015-08-07 2015-08-08]

The store holds the hand-grouped days (benchmarks/story_events/README.md). Their articles are placed as at
assignment with the shipped event model and no folding; then every story is compared, as `StoryBook.fold_affairs`
compares it, with the larger stories the index finds for it. A pair is positive when the hand-made affairs most
of their articles belong to are one (pairs whose majorities lie on different days are not labelled: a day's
grouping says nothing of another's). A gradient-boosted tree ensemble (scikit-learn) learns from those pairs and
is written as plain trees; the threshold is chosen by running the whole assignment with folding over the store and
keeping, among those that leave every training day's other affairs (the day without its largest affair) at least
as well grouped as placement alone does, the best mean of two pairwise F1s: over the day's affairs and over the
day without its largest (one bombing holds 96% of a day's affair pairs; the threshold must not buy it with the
rest). The held-out day is never read here.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from marsad.stories.affair import AffairModel, affair_features  # noqa: E402
from marsad.stories.assign import StoryBook, StoryState, assign, copies  # noqa: E402
from marsad.stories.event import shipped_model  # noqa: E402
from marsad.stories.profile import profile  # noqa: E402
from story_events import evaluate, load_gold, read_store  # noqa: E402

OUT = ROOT / "src" / "marsad" / "models" / "story_affair.json"
TREES, DEPTH, RATE = 150, 4, 0.1


def placed_book(inputs) -> StoryBook:
    """The stories of the store's articles as placement alone makes them (no folding)."""
    model = replace(shipped_model(), merge_threshold=1.01)
    book = StoryBook([], model)
    assign(book, [profile(a) for a in inputs.articles], copies(inputs.pairs), {})
    return book


def majority(s: StoryState, ids: dict[str, str], gold: dict[str, dict[str, str]]) -> tuple[str, str] | None:
    """(day, hand-made affair) most of the story's articles belong to."""
    labels = Counter((day, g[ids[a]]) for a in s.added for day, g in gold.items() if ids.get(a) in g)
    return min(labels.items(), key=lambda kv: (-kv[1], kv[0]))[0] if labels else None


def examples(book: StoryBook, ids: dict[str, str], gold: dict[str, dict[str, str]]) -> tuple[np.ndarray, np.ndarray]:
    X, y = [], []
    label = {s.id: majority(s, ids, gold) for s in book.stories.values()}
    for s in sorted(book.stories.values(), key=lambda s: (s.profile.n, s.id)):
        if label[s.id] is None:
            continue
        for c in book._larger(s):
            other = label[c.id]
            if other is None or other[0] != label[s.id][0]:
                continue
            X.append(affair_features(s.profile, c.profile, s.id))
            y.append(int(other == label[s.id]))
    return np.array(X), np.array(y)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--day", nargs="+", default=["2015-08-07", "2015-08-08"],
                    help="the hand-grouped days to learn from (never the held-out day)")
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args()
    gold = load_gold("affairs")
    tuning = {day: gold[day] for day in args.day}
    inputs, ids = read_store(args.db)
    X, y = examples(placed_book(inputs), ids, tuning)
    clf = HistGradientBoostingClassifier(max_iter=TREES, max_depth=DEPTH, learning_rate=RATE, random_state=0)
    clf.fit(X, y)
    print(f"{len(y)} story pairs, {int(y.sum())} of one affair")
    model = AffairModel.from_sklearn(clf, 0.5, f"SaudiNewsNet {', '.join(args.day)}, hand-grouped affairs")
    alone = evaluate(inputs, ids, tuning, shipped_model())
    grid = {}
    for t in (0.4, 0.5, 0.6, 0.7, 0.8):
        scores = evaluate(inputs, ids, tuning, shipped_model(), replace(model, threshold=t))
        kept = all(r["rest"]["f1"] >= alone[d]["rest"]["f1"] for d, r in scores.items())
        grid[t] = (kept, round(sum(r["f1"] + r["rest"]["f1"] for r in scores.values()) / (2 * len(scores)), 4))
        print(f"  threshold {t:.2f}: {grid[t]} " + " ".join(f"{d} F1 {r['f1']} rest {r['rest']['f1']}"
                                                          for d, r in scores.items()), flush=True)
    best = max(grid, key=lambda t: (grid[t], t))
    Path(args.out).write_text(json.dumps(replace(model, threshold=best).to_json()) + "\n", encoding="utf-8")
    print(f"threshold {best} ((rest kept, mean F1 and F1 without the largest) {grid[best]} "
          f"on {', '.join(args.day)}) -> {args.out}")


if __name__ == "__main__":
    main()
