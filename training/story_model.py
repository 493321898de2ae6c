"""Learns the story event model (src/marsad/models/story_event.json) from a hand-grouped day of real news.

    python training/story_model.py --db STORE [--day 2015-08-07 2015-08-08]

The store holds the hand-grouped days (benchmarks/story_events/README.md says how it is built). Articles of each
training day are replayed in the order assignment places them; each is compared, exactly as at assignment, with
the stories the index finds for it among the hand-made stories built so far (plus its own, when the index misses
it): its own story is a positive example, the others negatives; an article that opens a story gives negatives
only. Close copies of a text already placed are left out (assignment places them by the copy rule, not the
model); a looser copy's pair score is a feature of the story it is in.
A logistic regression (scikit-learn) learns the weights; the threshold is then chosen by running the assignment
over the whole store and keeping the one with the best mean pairwise F1 on the training days. The held-out day is
reported by benchmarks/story_events.py and is never read here.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from marsad.stories import assign as assign_module  # noqa: E402
from marsad.stories.assign import COPY_FORCE, StoryBook, StoryState, copies, other_actors  # noqa: E402
from marsad.stories.event import FEATURES, EventModel, features  # noqa: E402
from marsad.stories.profile import StoryProfile, profile  # noqa: E402
from story_events import evaluate, load_gold, read_store  # noqa: E402

OUT = ROOT / "src" / "marsad" / "models" / "story_event.json"


def examples(inputs, ids: dict[str, str], gold: dict[str, str]) -> tuple[np.ndarray, np.ndarray]:
    partners = copies(inputs.pairs)
    book = StoryBook([], None)
    seen: dict[str, str] = {}                   # article → its hand-made story
    X, y = [], []
    for art in inputs.articles:
        sid = ids.get(art.id)
        if sid not in gold:
            continue
        a = profile(art)
        label = "g-" + gold[sid]
        shared: dict[str, float] = {}
        for p, score in partners.get(art.id, ()):
            if p in seen:
                shared[seen[p]] = max(shared.get(seen[p], 0.0), score)
        if max(shared.values(), default=0.0) < COPY_FORCE:
            found = {s.id: s for s in book.candidates(a)}
            found.update((sid, book.stories[sid]) for sid in shared)
            if label in book.stories:
                found.setdefault(label, book.stories[label])
            for s in found.values():
                if assign_module.OTHER_ACTORS and not shared.get(s.id) and other_actors(a, s.profile):
                    continue                    # the rule decides these, not the model
                X.append(features(a, s.profile, shared.get(s.id, 0.0)))
                y.append(int(s.id == label))
        story = book.stories.get(label) or StoryState(label, StoryProfile(), new=True)
        book._join(a, story, "gold")
        seen[art.id] = label
    return np.array(X), np.array(y)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--day", nargs="+", default=["2015-08-07", "2015-08-08"],
                    help="the hand-grouped days to learn from (never the held-out day)")
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--level", default="events", choices=("affairs", "events"))
    args = ap.parse_args()
    gold = load_gold(args.level)
    inputs, ids = read_store(args.db)
    parts = [examples(inputs, ids, gold[day]) for day in args.day]
    X, y = np.vstack([p[0] for p in parts]), np.concatenate([p[1] for p in parts])
    clf = LogisticRegression(C=1.0, max_iter=2000).fit(X, y)
    print(f"{len(y)} examples, {int(y.sum())} positive")
    for name, c in zip(FEATURES, clf.coef_[0]):
        print(f"  {name:16} {c:+.3f}")
    model = EventModel(clf.coef_[0], float(clf.intercept_[0]), 0.5,
                       f"SaudiNewsNet {', '.join(args.day)}, hand-grouped")
    tuning = {day: gold[day] for day in args.day}
    grid = {}
    for t in [x / 100 for x in range(10, 61, 10)]:
        for m in [1.01, 0.5, 0.7, 0.9]:
            trial = replace(model, threshold=t, merge_threshold=m)
            scores = evaluate(inputs, ids, tuning, trial)
            grid[(t, m)] = round(sum(r["f1"] for r in scores.values()) / len(scores), 4)
            print(f"  threshold {t:.2f}, merge {m:.2f}: F1 {grid[(t, m)]}", flush=True)
    best = max(grid, key=lambda k: (grid[k], -k[0], k[1]))
    model = replace(model, threshold=best[0], merge_threshold=best[1])
    Path(args.out).write_text(json.dumps(model.to_json(), ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"threshold {best[0]}, merge {best[1]} (mean F1 {grid[best]} on {', '.join(args.day)}) -> {args.out}")


if __name__ == "__main__":
    main()
