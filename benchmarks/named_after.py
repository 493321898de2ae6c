"""Institutions named after a person in Saudi news ("مركز الملك سلمان للإغاثة", "جامعة الملك سعود", "مستشفى الأمير
محمد بن عبدالعزيز"): does the program keep the institution whole, or does it cut it at the title ("مركز الملك") or
give the King a mention of his own?

    python benchmarks/named_after.py [--articles 400] [--json]

The people benchmark cannot see this: its annotators mark no person inside an institution's name, and a tagger
taught on them may stop tagging the person there, which is how the recognizer found the institution. Articles are
SaudiNewsNet records past the first 20,000 that hold such a name (head noun + الملك/الأمير/الشيخ + name), none of
the people benchmark's nor of the tagger's training text (training/people_news). For each occurrence:
- whole: an organization, place or other non-person entity spans the head noun through the person's given name;
- cut: such an entity starts at the head but ends before the given name ("مركز الملك");
- person: no such entity, a person mention on the name (the King read where his hospital is meant);
- none: neither.
No gold: this compares two models on the same text (the rule for shipping a tagger asks `whole` not to drop).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

DATA = ROOT.parent / "shared" / "data" / "saudinewsnet" / "articles.jsonl.gz"
HEADS = ("مركز جامعة مستشفى مدينة مطار جائزة مؤسسة كلية قاعدة ميناء برنامج مجمع شارع طريق جسر معهد صندوق "
         "ملعب استاد مستشفيات وقف مكتبة").split()
NAMED_AFTER = re.compile(r"(?<![\u0621-\u064a])(?:[وبل]|وب|ول)?(?:ال)?(" + "|".join(HEADS) + r")\s+"
                         r"(?:ال(?:ملك|أمير|امير|شيخ))\s+([\u0621-\u064a]{2,})")


def excluded() -> set[str]:
    gold = json.loads((ROOT / "benchmarks" / "people" / "gold.json").read_text(encoding="utf-8"))
    ids = {a["id"] for a in gold["articles"]}
    for path in sorted((ROOT / "training" / "people_news").glob("sample*.json")):    # every round of training text
        ids |= set(json.loads(path.read_text(encoding="utf-8"))["ids"])
    return ids


def sample(n: int, skip: int = 20000) -> list[dict]:
    out, seen = [], excluded()
    with gzip.open(DATA, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i < skip:
                continue
            d = json.loads(line)
            if d["id"] not in seen and NAMED_AFTER.search(d.get("content") or ""):
                out.append(d)
                if len(out) >= n:
                    break
    return out


def judge(text: str, ents: list) -> Counter:
    """Each occurrence of a named-after institution in `text` judged against the entities found in it."""
    out: Counter = Counter()
    for m in NAMED_AFTER.finditer(text):
        head, given_end = m.start(1), m.end(2)
        inst = [e for e in ents if e.type != "PER" and e.start <= head < e.end]
        if any(e.end >= given_end for e in inst):
            out["whole"] += 1
        elif inst:
            out["cut"] += 1
        elif any(e.type == "PER" and m.start(2) <= e.start < given_end for e in ents):
            out["person"] += 1
        else:
            out["none"] += 1
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=400)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    from marsad import analyze

    total: Counter = Counter()
    recs = sample(args.articles)
    for d in recs:
        doc = analyze(d["content"], published=(d.get("date_extracted") or "")[:10] or None, outlet=d.get("source"))
        total += judge(doc.body, doc.entities)
    n = sum(total.values())
    result = {"articles": len(recs), "occurrences": n, **{k: total[k] for k in ("whole", "cut", "person", "none")},
              "whole_share": round(total["whole"] / n, 3) if n else None}
    print(json.dumps(result, ensure_ascii=False) if args.json else
          "\n".join(f"{k:12} {v}" for k, v in result.items()))


if __name__ == "__main__":
    main()
