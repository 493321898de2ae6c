"""Story clustering against hand-grouped days of real news (benchmarks/story_events/*.json, ids only).

    python benchmarks/story_events.py --db STORE [--tune DAY ...] [--level events] [--no-affairs] [--json]

The store holds the hand-grouped days' SaudiNewsNet articles (benchmarks/story_events/README.md says how to
build it). Articles are placed in time order by the shipped event model (stories/assign.py) and the stories folded
by the affair model; pairwise precision, recall and F1 are counted over the article pairs of each day (pairs put
together: keeping everything apart scores 0), with the day without its largest affair beside it. The event model
was learned on 7 and 8 August (training/story_model.py), the affair model on 7, 8 and 9 August
(training/affair_model.py); 10 August chose how the affair links are checked (assign.VERIFY_BELOW) and is
reported as validation, and so is 2 August (held out until it decided against a variant, 2026-12-05); 23 and 27
July (held out when first scored) are development days since their errors were read; 26 July and 4 August,
grouped afterwards by two readers who never ran Marsad, are held out.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
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
CROSS = GOLD / "cross_day.json"


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
    """Pairwise precision, recall and F1 over the articles both groupings hold, counted from the groups' sizes (the
    pairs put together in both, in the system's, in the gold's), so that four days at once cost no more than one."""
    ids = [i for i in gold if i in system]
    tp = _pairs(Counter((gold[i], system[i]) for i in ids))
    system_pairs, gold_pairs = _pairs(Counter(system[i] for i in ids)), _pairs(Counter(gold[i] for i in ids))
    p = tp / system_pairs if system_pairs else 0.0
    r = tp / gold_pairs if gold_pairs else 0.0
    return {"articles": len(ids), "precision": round(p, 3), "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0, "gold_pairs": gold_pairs,
            "system_pairs": system_pairs}


def _pairs(sizes: Counter) -> int:
    return sum(n * (n - 1) // 2 for n in sizes.values())


def across_days(gold: dict[str, dict[str, str]]) -> dict[str, str] | None:
    """Every article of the hand-grouped days → its affair over all of them: cross_day.json says which affairs of
    different days are one (the bombing on every day, a death and the next day's funeral) and which singletons of a
    day continue one; None without that file. Pairs across days count here, which no day's figure sees: two days'
    stock market sessions in one story are a false pair only here."""
    if not CROSS.is_file():
        return None
    out = {i: f"{day}:{label}" for day, g in gold.items() for i, label in g.items()}
    by_label = {(day, label.rsplit("#", 1)[0]): label for day, g in gold.items() for label in set(g.values())}
    for k, link in enumerate(json.loads(CROSS.read_text(encoding="utf-8"))["links"]):
        joined = {f"{m['day']}:{by_label[m['day'], m['label']]}" for m in link["members"]
                  if (m["day"], m["label"]) in by_label}
        for i, label in out.items():
            if label in joined:
                out[i] = f"link#{k}"
        out.update({i: f"link#{k}" for i in link.get("singletons", []) if i in out})
    return out


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


def evaluate(inputs, ids: dict[str, str], gold: dict[str, dict[str, str]], model, affairs=None,
             together: dict[str, str] | None = None) -> dict[str, dict]:
    """Each day's figures, for the days the store holds; with `together` (across_days), those days as one grouping
    under "all days"."""
    placed = place_all(inputs, model, affairs)
    system = {ids[d]: s for d, s in placed.items()}
    days = {day: g for day, g in gold.items() if any(i in system for i in g)}      # the days this store holds
    if together is not None and len(days) > 1:
        days = {**days, "all days": together}
    return {day: {**pairwise(system, g), "rest": pairwise(system, without_largest(g))} for day, g in days.items()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--tune", nargs="+", default=["2015-08-07", "2015-08-08", "2015-08-09"],
                    help="the days the models were trained and their thresholds chosen on (the event model on the "
                         "first two, the affair fold on all three)")
    ap.add_argument("--validation", nargs="*", default=["2015-08-10", "2015-08-02", "2015-07-23", "2015-07-27"],
                    help="the days choices were made or errors read on after the models were trained")
    ap.add_argument("--model", help="a model file to measure instead of the shipped one")
    ap.add_argument("--level", default=LEVEL, choices=("affairs", "events"))
    ap.add_argument("--no-affairs", action="store_true", help="placement alone, without the affair fold")
    ap.add_argument("--development", action="store_true",
                    help="score the tuning and validation days only: a store that holds a held-out day beside them "
                         "(the 27 July store holds 26 July) does not show it while choices are being made")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    gold = load_gold(args.level)
    if args.development:
        gold = {day: g for day, g in gold.items() if day in args.tune or day in args.validation}
    inputs, ids = read_store(args.db)
    model = (EventModel.from_json(json.loads(Path(args.model).read_text(encoding="utf-8"))) if args.model
             else shipped_model())
    affairs = None if args.no_affairs else shipped_affair_model()
    together = across_days(gold) if args.level == "affairs" else None
    result = {"model": model.to_json(), "days": evaluate(inputs, ids, gold, model, affairs, together)}
    if args.json:
        print(json.dumps(result, indent=1))
        return
    print(f"model trained on {model.trained_on}; threshold {model.threshold}")
    for day, r in result["days"].items():
        role = ("tuning" if day in args.tune else "validation" if day in args.validation else "held out"
                if day in gold else "pairs across days counted")
        print(f"{day} ({role}): P {r['precision']} R {r['recall']} F1 {r['f1']} "
              f"({r['articles']} articles, {r['gold_pairs']} gold pairs, {r['system_pairs']} system pairs); "
              f"without the largest: P {r['rest']['precision']} R {r['rest']['recall']} F1 {r['rest']['f1']}")


if __name__ == "__main__":
    main()
