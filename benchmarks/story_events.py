"""Story clustering against hand-grouped days of real news (benchmarks/story_events/*.json, ids only).

    python benchmarks/story_events.py --db STORE [--tune DAY ...] [--level events] [--no-affairs] [--json]

The store holds the hand-grouped days' SaudiNewsNet articles (benchmarks/story_events/README.md says how to
build it). Articles are placed in time order by the shipped event model (stories/assign.py) and the stories folded
by the affair model; pairwise precision, recall and F1 are counted over the article pairs of each day (pairs put
together: keeping everything apart scores 0), with the day without its largest affair beside it. The event model
was learned on 7 and 8 August (training/story_model.py), the affair fold on 7, 8 and 9 August
(training/affair_model.py); 10 August is held out and reported with them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from marsad.store import open_store  # noqa: E402
from marsad.stories import inputs as story_inputs  # noqa: E402
from marsad.stories.assign import StoryBook, assign, copies  # noqa: E402
from marsad.stories.affair import shipped_affair_model  # noqa: E402
from marsad.stories.event import EventModel, shipped_model  # noqa: E402
from marsad.stories.profile import profile  # noqa: E402

GOLD = ROOT / "benchmarks" / "story_events"
LEVEL = "affairs"


def load_gold(level: str = LEVEL) -> dict[str, dict[str, str]]:
    """day → {SaudiNewsNet id → group label}; every article of the day, singletons under their own id. level:
    "affairs" (a happening with its reactions and follow-ups: what a story is) or "events" (single happenings)."""
    out = {}
    for path in sorted(GOLD.glob("*.json")):
        g = json.loads(path.read_text(encoding="utf-8"))
        if level not in g:
            continue
        events = {i: e["label"] + f"#{k}" for k, e in enumerate(g[level]) for i in e["ids"]}
        out[g["day"]] = {i: events.get(i, i) for i in g["all_ids"]}
    return out


def source_ids(store) -> dict[str, str]:
    """Store document id → SaudiNewsNet id (the record's own id, kept with its input)."""
    return {doc.id: doc.source for doc in store.iter_documents(spans=False)}


def read_store(db: str):
    """The stories stage's inputs for every article of the store, and store id → SaudiNewsNet id."""
    with open_store(db) as store:
        return story_inputs.read(store, store.corpus_documents(store.max_seq())), source_ids(store)


def pairwise(system: dict[str, str], gold: dict[str, str]) -> dict:
    ids = sorted(i for i in gold if i in system)
    tp = fp = fn = 0
    for x, y in combinations(ids, 2):
        same_g, same_s = gold[x] == gold[y], system[x] == system[y]
        tp += same_g and same_s
        fp += same_s and not same_g
        fn += same_g and not same_s
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"articles": len(ids), "precision": round(p, 3), "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0, "gold_pairs": tp + fn, "system_pairs": tp + fp}


def without_largest(gold: dict[str, str]) -> dict[str, str]:
    """The day without its largest group: on these days one bombing holds 96% of the affair pairs, and a figure
    over the rest says how the other happenings fare."""
    largest = Counter(gold.values()).most_common(1)[0][0]
    return {i: label for i, label in gold.items() if label != largest}


def place_all(inputs, model, affairs=None) -> dict[str, str]:
    profiles = [profile(a) for a in inputs.articles]
    story_of: dict[str, str] = {}
    assign(StoryBook([], model, affairs), profiles, copies(inputs.pairs), story_of)
    return story_of


def evaluate(inputs, ids: dict[str, str], gold: dict[str, dict[str, str]], model, affairs=None) -> dict[str, dict]:
    placed = place_all(inputs, model, affairs)
    system = {ids[d]: s for d, s in placed.items()}
    return {day: {**pairwise(system, g), "rest": pairwise(system, without_largest(g))} for day, g in gold.items()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--tune", nargs="+", default=["2015-08-07", "2015-08-08", "2015-08-09"],
                    help="the days the models were trained and their thresholds chosen on (the event model on the "
                         "first two, the affair fold on all three)")
    ap.add_argument("--model", help="a model file to measure instead of the shipped one")
    ap.add_argument("--level", default=LEVEL, choices=("affairs", "events"))
    ap.add_argument("--no-affairs", action="store_true", help="placement alone, without the affair fold")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    gold = load_gold(args.level)
    inputs, ids = read_store(args.db)
    model = (EventModel.from_json(json.loads(Path(args.model).read_text(encoding="utf-8"))) if args.model
             else shipped_model())
    affairs = None if args.no_affairs else shipped_affair_model()
    result = {"model": model.to_json(), "days": evaluate(inputs, ids, gold, model, affairs)}
    if args.json:
        print(json.dumps(result, indent=1))
        return
    print(f"model trained on {model.trained_on}; threshold {model.threshold}")
    for day, r in result["days"].items():
        role = "tuning" if day in args.tune else "held out"
        print(f"{day} ({role}): P {r['precision']} R {r['recall']} F1 {r['f1']} "
              f"({r['articles']} articles, {r['gold_pairs']} gold pairs, {r['system_pairs']} system pairs)")


if __name__ == "__main__":
    main()
