"""People in real Arabic news against hand-annotated SaudiNewsNet articles (benchmarks/people/gold.json).

    python benchmarks/people.py [--context 3000] [--work /tmp/marsad-people] [--json] [--errors]

The annotated articles (drawn by benchmarks/people/sample.py; offsets into the record's `content`, person ids
that are the same across articles) are ingested with the first `--context` articles of the file into a fresh
store, as a newsroom's store would hold them, so that linking across articles meets the names of the rest of the
news. Then, for the tuning and the held-out part separately:
- person mention F1: a mention counts when its name span (title and proclitics excluded) is the annotated one;
- linking BCubed F1 over the mentions found with the right span: the system's cluster of a mention is its entity
  id (a mention left unresolved is a cluster of its own), the gold cluster its person; merging two people costs
  precision, splitting one costs recall.
Offsets of the stored body are mapped back to the record's content by aligning the two texts.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from marsad.store import open_store  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "saudinewsnet" / "articles.jsonl.gz"
GOLD = ROOT / "benchmarks" / "people" / "gold.json"
# tuning: rules were changed by reading its errors; seen_held_out: reported as held out until the session that
# read its errors (2026-12-04, second); fourth: drawn and annotated in that session, held out for its first round
# of rules, then read; fifth: held out in that session, read in the next (2026-12-05, third); held_out: the sixth
# and seventh draws, annotated at the start of that session before any of its errors were printed; eighth: drawn
# and annotated in that session as more tuning text, as were ninth and tenth; eleventh_twelfth: drawn and annotated
# in the fifth session (2026-12-05) after its first rules, scored once as held out (0.860), then read; held_out_2:
# the thirteenth and fourteenth draws, annotated in that session while the eleventh and twelfth were read. The bar
# is read on held_out_all, both held-out parts: every article never tuned on (README.md)
PARTS = ("tuning", "seen_held_out", "fourth", "fifth", "eighth", "ninth", "tenth", "eleventh_twelfth",
         "fifteenth_sixteenth", "seventeenth_eighteenth", "held_out")
HELD_OUT = ("held_out", "held_out_2", "held_out_all")         # never tuned on; held_out_all is the two together


def records(ids: set[str], context: int) -> list[dict]:
    out = []
    with gzip.open(DATA, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            d = json.loads(line)
            if i < context or d["id"] in ids:
                out.append(d)
    return out


def build(work: Path, recs: list[dict]) -> Path:
    work.mkdir(parents=True, exist_ok=True)
    src, db = work / "people.jsonl", work / "people.db"
    for p in work.glob("people.db*"):
        p.unlink()
    with src.open("w", encoding="utf-8") as f:
        for d in recs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    done = subprocess.run([sys.executable, "-m", "marsad.cli", "ingest", str(src), "--db", str(db)],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})
    if done.returncode not in (0, 1):                 # 1: some records failed (SaudiNewsNet has empty bodies)
        raise SystemExit(f"ingest failed with exit status {done.returncode}")
    return db


def offset_map(body: str, content: str) -> list[int | None]:
    """Body position → content position, where the two texts agree."""
    out: list[int | None] = [None] * (len(body) + 1)
    for a, b, n in SequenceMatcher(None, body, content, autojunk=False).get_matching_blocks():
        for k in range(n + 1):
            out[a + k] = b + k
    return out


def name_span(e) -> tuple[int, int]:
    """The name inside the mention's surface (the surface includes a title before the name)."""
    k = e.text.rfind(e.name)
    return (e.start + k, e.start + k + len(e.name)) if k >= 0 else (e.start, e.end)


def system_mentions(db: Path, wanted: dict[str, str]) -> dict[str, list[tuple[int, int, str, str]]]:
    """SaudiNewsNet id → (start, end, entity id or a mention's own id, surface) in content offsets."""
    store = open_store(str(db))
    out: dict[str, list] = {}
    for doc in store.iter_documents(spans=True):
        if doc.source not in wanted:
            continue
        pos = offset_map(doc.body, wanted[doc.source])
        found = []
        for e in doc.entities:
            if e.type != "PER":
                continue
            s, t = name_span(e)
            a, b = pos[s], pos[t - 1]
            if a is None or b is None:
                continue
            kind = "title" if e.name == e.title else "name"      # a title-only reference ("ولي العهد")
            found.append((a, b + 1, e.entity_id or f"{doc.source}:{s}", f"{e.name} [{e.rule}]", kind))
        out[doc.source] = found
    store.close()
    return out


def bcubed(pairs: list[tuple[str, str]]) -> tuple[float, float, float]:
    """pairs: (system cluster, gold cluster) per mention."""
    if not pairs:
        return 0.0, 0.0, 0.0
    sys_c, gold_c, both = Counter(s for s, _ in pairs), Counter(g for _, g in pairs), Counter(pairs)
    p = sum(both[(s, g)] / sys_c[s] for s, g in pairs) / len(pairs)
    r = sum(both[(s, g)] / gold_c[g] for s, g in pairs) / len(pairs)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def title_refs(gold: list[dict], system: dict[str, list], pairs_by_person: dict[str, Counter]) -> dict:
    """Title-only references: found (the system resolved a title at the annotated span) and right (to the
    entity the system gives most of that person's name mentions)."""
    n = found = right = 0
    for art in gold:
        refs = {(a, b): eid for a, b, eid, _, kind in system.get(art["id"], []) if kind == "title"}
        for m in art.get("title_refs", []):
            n += 1
            eid = refs.get((m["start"], m["end"]))
            if eid is None or eid.startswith(art["id"] + ":"):
                continue                              # not found, or found and left open (no entity)
            found += 1
            main = pairs_by_person.get(m["person"])
            right += bool(main) and main.most_common(1)[0][0] == eid
    return {"title refs": n, "resolved": found, "to the right person": right}


def _around(text: str, span: tuple[int, int], width: int = 25) -> str:
    """The words around an error, for reading the listing without opening the article."""
    a, b = span
    return "… " + " ".join(text[max(0, a - width):b + width].split()) + " …"


def score(gold: list[dict], system: dict[str, list], content: dict[str, str]) -> dict:
    tp = fp = fn = 0
    pairs, errors = [], []
    for art in gold:
        g = {(m["start"], m["end"]): m for m in art["mentions"]}
        s = {(a, b): (eid, name) for a, b, eid, name, kind in system.get(art["id"], []) if kind == "name"}
        for span in g.keys() & s.keys():
            pairs.append((s[span][0], g[span]["person"]))
        tp += len(g.keys() & s.keys())
        fp += len(s.keys() - g.keys())
        fn += len(g.keys() - s.keys())
        text = content[art["id"]]
        errors += [(art["id"], "missed", text[k[0]:k[1]], k, _around(text, k)) for k in sorted(g.keys() - s.keys())]
        errors += [(art["id"], "spurious", s[k][1], k, _around(text, k)) for k in sorted(s.keys() - g.keys())]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    bp, br, bf = bcubed(pairs)
    merged = defaultdict(set)
    by_person: dict[str, Counter] = defaultdict(Counter)
    for sc, gc in pairs:
        merged[sc].add(gc)
        by_person[gc][sc] += 1
    return {"articles": len(gold), "gold mentions": tp + fn, "found": tp + fp, "precision": round(p, 3),
            "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "bcubed_precision": round(bp, 3), "bcubed_recall": round(br, 3), "bcubed_f1": round(bf, 3),
            "merged_people": {k: sorted(v) for k, v in merged.items() if len(v) > 1},
            **title_refs(gold, system, by_person), "errors": errors}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--context", type=int, default=3000, help="first articles of the file ingested beside them")
    ap.add_argument("--work", default="/tmp/marsad-people")
    ap.add_argument("--reuse", action="store_true", help="score the store built by the last run")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--errors", action="store_true", help="list every missed and spurious mention of the parts "
                    "read while tuning (the held-out part's only with --held-out-errors)")
    ap.add_argument("--held-out-errors", action="store_true", help="also list the held-out part's errors: a "
                    "part whose errors were read is a tuning part from then on")
    args = ap.parse_args()
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    parts = {name: set(gold[name]) for name in PARTS}
    if "held_out_2" in gold:
        parts["held_out_2"] = set(gold["held_out_2"])
        parts["held_out_all"] = parts["held_out"] | parts["held_out_2"]
    ids = set().union(*parts.values())
    recs = records(ids, args.context)
    db = Path(args.work) / "people.db"
    if not args.reuse:
        db = build(Path(args.work), recs)
    content = {d["id"]: d["content"] for d in recs if d["id"] in ids}
    system = system_mentions(db, content)
    report = {}
    for part, members in parts.items():
        report[part] = score([a for a in gold["articles"] if a["id"] in members], system, content)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return
    for part, r in report.items():
        print(f"{part}: {r['articles']} articles, {r['gold mentions']} person mentions, found {r['found']}; "
              f"P {r['precision']} R {r['recall']} F1 {r['f1']}; linking BCubed P {r['bcubed_precision']} "
              f"R {r['bcubed_recall']} F1 {r['bcubed_f1']}; title-only references {r['title refs']}: resolved "
              f"{r['resolved']}, to the right person {r['to the right person']}")
        for sc, people in r["merged_people"].items():
            print(f"  merged under {sc}: {' | '.join(people)}")
        if args.errors and (part not in HELD_OUT or args.held_out_errors):
            for e in r["errors"]:
                print("  ", *e)


if __name__ == "__main__":
    main()
