"""The recognizer's people against the tagger's hand-annotated training articles (training/people_news/gold.json):
a large check on rules, read before a rule is kept (benchmarks/people/README.md).

    python benchmarks/people_rules_on_training.py [--gold GOLD.json] [--save FOUND.json] [--against OLD.json]
                                                  [--errors]

Runs the recognizer (no store, no linking) over the 3,200 articles' texts and prints person mention P / R / F1
(exact name span); `--save` writes the spans found, `--against` lists each mention that changed between an earlier
run and this one, marked + (found now) or - (found before) and good or bad against the annotation. The tagger was
trained on these texts, so what it finds here is flattered; what the rules make of its spans is not. `--gold`
reads another annotated set of the same form (articles annotated after the shipped tagger was trained, which it
never met); `--errors` lists every missed and spurious mention with its context.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from marsad.entities.recognize import recognize_many  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "saudinewsnet" / "articles.jsonl.gz"
GOLD = ROOT / "training" / "people_news" / "gold.json"


def texts_of(ids: set[str]) -> dict[str, str]:
    out = {}
    with gzip.open(DATA, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["id"] in ids:
                out[d["id"]] = d["content"]
    return out


def found_spans(texts: dict[str, str]) -> dict[str, list[tuple[int, int]]]:
    ids, out = list(texts), {}
    for k in range(0, len(ids), 200):
        chunk = ids[k:k + 200]
        for i, ents in zip(chunk, recognize_many([(texts[i], None, None) for i in chunk])):
            out[i] = sorted({(e.end - len(e.name), e.end) for e in ents if e.type == "PER" and e.rule != "title_ref"})
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--save")
    ap.add_argument("--against")
    ap.add_argument("--gold", default=str(GOLD))
    ap.add_argument("--errors", action="store_true")
    args = ap.parse_args()
    gold = {a["id"]: {(m["start"], m["end"]) for m in a["mentions"]}
            for a in json.loads(Path(args.gold).read_text(encoding="utf-8"))["articles"]}
    texts = texts_of(set(gold))
    found = found_spans(texts)
    tp = sum(len(set(found[i]) & gold[i]) for i in gold)
    fp = sum(len(set(found[i]) - gold[i]) for i in gold)
    fn = sum(len(gold[i] - set(found[i])) for i in gold)
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    print(f"{len(gold)} articles, {sum(map(len, gold.values()))} mentions: P {p:.4f} R {r:.4f} "
          f"F1 {2 * p * r / max(1e-9, p + r):.4f}")
    if args.save:
        Path(args.save).write_text(json.dumps(found), encoding="utf-8")
    if args.errors:
        for i in sorted(gold):
            for s, e in sorted(set(found[i]) ^ gold[i]):
                mark = "spurious" if (s, e) in set(found[i]) else "missed"
                print(mark, i, texts[i][s:e], "|", texts[i][max(0, s - 35):e + 25].replace("\n", " "))
    if args.against:
        before = {i: {tuple(x) for x in v} for i, v in json.loads(Path(args.against).read_text()).items()}
        for i in sorted(gold):
            now = set(found[i])
            for s, e in sorted(now ^ before.get(i, set())):
                mark = ("+" if (s, e) in now else "-") + ("good" if (s, e) in gold[i] else "bad")
                print(mark, i, texts[i][s:e], "|", texts[i][max(0, s - 35):e + 25].replace("\n", " "))


if __name__ == "__main__":
    main()
