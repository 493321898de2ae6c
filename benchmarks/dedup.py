"""Duplicates and wire copies on SaudiNewsNet: quality against its duplicate groups, speed and memory against
rensa and datasketch, in one run on the same texts.

    python benchmarks/dedup.py [--sizes 10000 20000 0] [--rounds 1] [--json] [--review FILE]

Every system goes end to end from the raw article text: normalize (the same `arabic.normalize` matching form
for all), tokenize, word 5-gram shingles, hash, MinHash (128 values), LSH index (32 bands × 4 rows), query each
article against those indexed before it. Marsad also verifies every candidate on the two texts and classifies
the pair (exact / near / wire); the peers stop at LSH candidates, which is less work. Each run is a fresh
process, so "memory per document" is the growth of its resident memory from the loaded texts to the finished
index, divided by the number of articles.

Quality (Marsad; the peers' LSH candidates are shown for the same groups):
- exact groups: articles with identical content after the dataset's own normalization (NFC, invisible marks
  removed, whitespace collapsed); found when all members are joined by `exact` pairs;
- same-lead groups (`near_duplicates_prefix300.jsonl`, cross-outlet ones): found when all members are
  connected by reported pairs; pair recall over their cross-outlet pairs;
- precision: a fixed sample of 200 reported non-exact pairs (chosen by a hash of the two ids, so it is the
  same sample while the output is the same), judged by reading both articles. The verdicts are in
  `benchmarks/dedup_review.json` (ids and verdicts only, no text); `--review FILE` writes the sample with the
  texts to read, for pairs not judged yet.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import hashlib
import json
import re
import subprocess
import sys
import time
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SNN = ROOT.parent / "shared" / "data" / "saudinewsnet"
REVIEW = ROOT / "benchmarks" / "dedup_review.json"
sys.path.insert(0, str(ROOT / "src"))

from marsad.dedup.components import Components  # noqa: E402

NUM_PERM, BANDS = 128, 32
SHINGLE = 5
_WORD = re.compile(r"\w+")


def load(limit: int | None = None) -> list[dict]:
    out = []
    with gzip.open(SNN / "articles.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            out.append(json.loads(line))
            if limit and len(out) >= limit:
                break
    return out


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * 4096 / 2**20


def shingle_strings(text: str, normalize) -> list[str]:
    """The peers' front end: the same matching form, word 5-grams as strings (what their users write)."""
    words = _WORD.findall(normalize(text))
    if len(words) < SHINGLE:
        return [" ".join(words)] if words else []
    return [" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)]


# -- one system, one size, in this process -----------------------------------------------------------------

def run_marsad(texts: list[str]) -> tuple[float, dict]:
    from marsad.dedup.index import Deduplicator
    dedup = Deduplicator(lambda keys: {k: texts[k] for k in keys})
    t = time.perf_counter()
    pairs = dedup.add([(i, text, (i,)) for i, text in enumerate(texts)])
    elapsed = time.perf_counter() - t
    return elapsed, {"pairs": [(p.a, p.b, p.kind, p.score, p.shared_chars) for p in pairs], "keep": dedup}


def run_rensa(texts: list[str]) -> tuple[float, dict]:
    import rensa
    from marsad.arabic.normalize import normalize
    lsh = rensa.RMinHashLSH(0.5, NUM_PERM, BANDS)
    cand = []
    t = time.perf_counter()
    batch = 256
    for s in range(0, len(texts), batch):
        sets = [shingle_strings(x, normalize) or [""] for x in texts[s:s + batch]]
        hashes = rensa.RMinHash.from_token_sets(sets, NUM_PERM, 42)
        for j, m in enumerate(hashes):
            cand.extend((c, s + j) for c in lsh.query(m))
            lsh.insert(s + j, m)
    elapsed = time.perf_counter() - t
    return elapsed, {"pairs": cand, "keep": lsh}


def run_datasketch(texts: list[str]) -> tuple[float, dict]:
    from datasketch import MinHash, MinHashLSH
    from marsad.arabic.normalize import normalize
    lsh = MinHashLSH(num_perm=NUM_PERM, params=(BANDS, NUM_PERM // BANDS))
    cand = []
    t = time.perf_counter()
    batch = 256
    for s in range(0, len(texts), batch):
        sets = [[x.encode() for x in shingle_strings(x, normalize)] or [b""] for x in texts[s:s + batch]]
        hashes = MinHash.bulk(sets, num_perm=NUM_PERM)
        for j, m in enumerate(hashes):
            cand.extend((c, s + j) for c in lsh.query(m))
            lsh.insert(s + j, m)
    elapsed = time.perf_counter() - t
    return elapsed, {"pairs": cand, "keep": lsh}


SYSTEMS = {"marsad": run_marsad, "rensa": run_rensa, "datasketch": run_datasketch}


def worker(system: str, n: int, out: str) -> None:
    """Run one system on the first n articles (0: all) and write its timing, memory and pairs."""
    texts = [a["content"] for a in load(n or None)]
    from marsad.arabic.normalize import normalize
    from marsad.dedup.shingles import shingle_texts
    normalize("تهيئة"), shingle_texts(["تهيئة الجداول"])   # warm both front ends' tables
    gc.collect()
    before = rss_mb()
    elapsed, res = SYSTEMS[system](texts)
    gc.collect()
    after = rss_mb()
    Path(out).write_text(json.dumps({"system": system, "n": len(texts), "seconds": elapsed,
                                     "docs_per_s": len(texts) / elapsed,
                                     "kb_per_doc": (after - before) * 1024 / len(texts),
                                     "pairs": res["pairs"]}))


def spawn(system: str, n: int) -> dict:
    import tempfile
    with tempfile.NamedTemporaryFile(suffix=".json") as tmp:
        subprocess.run([sys.executable, __file__, "--worker", system, "--n", str(n), "--out", tmp.name], check=True)
        return json.loads(Path(tmp.name).read_text())


# -- quality ---------------------------------------------------------------------------------------------

_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def dataset_normal(text: str) -> str:
    """The dataset README's normalization for its exact groups."""
    return re.sub(r"\s+", " ", _INVISIBLE.sub("", unicodedata.normalize("NFC", text))).strip()


def pair_key(a: str, b: str) -> str:
    return hashlib.blake2b(f"{min(a, b)}|{max(a, b)}".encode(), digest_size=8).hexdigest()


def quality(arts: list[dict], pairs: list, candidates: dict[str, list]) -> dict:
    n = len(arts)
    index = {a["id"]: i for i, a in enumerate(arts)}
    out: dict = {}
    groups = defaultdict(list)
    for i, a in enumerate(arts):
        norm = dataset_normal(a["content"])
        if norm:
            groups[norm].append(i)
    exact_groups = [g for g in groups.values() if len(g) > 1]
    exact = Components(range(n))
    for a, b, kind, *_ in pairs:
        if kind == "exact":
            exact.union(a, b)
    found = sum(len({exact.find(i) for i in g}) == 1 for g in exact_groups)
    out["exact_groups"] = {"groups": len(exact_groups), "found": found,
                           "recall": round(found / len(exact_groups), 4) if exact_groups else None}

    silver = [json.loads(line) for line in (SNN / "near_duplicates_prefix300.jsonl").open(encoding="utf-8")]
    cross = [[index[i] for i in g["ids"]] for g in silver if g["cross_outlet"] and all(i in index for i in g["ids"])]
    gold_pairs = {(min(x, y), max(x, y)) for g in cross for i, x in enumerate(g) for y in g[i + 1:]
                  if arts[x]["source"] != arts[y]["source"]}

    def recall(system_pairs) -> tuple[int, float, float]:
        comp = Components(range(n))
        found_pairs = set()
        for a, b, *_ in system_pairs:
            comp.union(a, b)
            found_pairs.add((min(a, b), max(a, b)))
        groups_found = sum(len({comp.find(i) for i in g}) == 1 for g in cross)
        return groups_found, groups_found / len(cross), len(gold_pairs & found_pairs) / len(gold_pairs)

    g, gr, pr = recall(pairs)
    out["same_lead_groups"] = {"groups": len(cross), "found": g, "recall": round(gr, 4), "pair_recall": round(pr, 4)}
    for name, cand in candidates.items():
        g, gr, pr = recall(cand)
        out[f"same_lead_groups_{name}_candidates"] = {"found": g, "recall": round(gr, 4), "pair_recall": round(pr, 4),
                                                      "candidate_pairs": len(cand)}
    kinds = defaultdict(int)
    for _, _, kind, *_ in pairs:
        kinds[kind] += 1
    out["pairs"] = dict(kinds)
    out["cross_outlet_share"] = round(sum(arts[a]["source"] != arts[b]["source"] for a, b, *_ in pairs)
                                      / max(1, len(pairs)), 3)

    # precision on a fixed sample of reported non-exact pairs, judged by reading
    reported = [(arts[a]["id"], arts[b]["id"], kind, score, chars) for a, b, kind, score, chars in pairs
                if kind != "exact"]
    sample = sorted(reported, key=lambda p: pair_key(p[0], p[1]))[:200]
    verdicts = {}
    if REVIEW.exists():
        for v in json.loads(REVIEW.read_text(encoding="utf-8"))["verdicts"]:
            verdicts[pair_key(v["a"], v["b"])] = v["correct"]
    judged = [verdicts[pair_key(a, b)] for a, b, *_ in sample if pair_key(a, b) in verdicts]
    out["precision_sample"] = {"sampled": len(sample), "judged": len(judged), "correct": sum(judged),
                               "precision": round(sum(judged) / len(judged), 4) if judged else None}
    out["_sample"] = sample
    out["_unjudged"] = [p for p in sample if pair_key(p[0], p[1]) not in verdicts]
    return out


def write_review(path: str, arts: list[dict], unjudged: list) -> None:
    by_id = {a["id"]: a for a in arts}
    with open(path, "w", encoding="utf-8") as fh:
        for a, b, kind, score, chars in unjudged:
            rec = {"a": a, "b": b, "kind": kind, "score": score, "shared_chars": chars,
                   "a_outlet": by_id[a]["source"], "b_outlet": by_id[b]["source"],
                   "a_text": by_id[a]["content"][:2500], "b_text": by_id[b]["content"][:2500]}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10000, 20000, 0], help="0 = all articles")
    ap.add_argument("--systems", nargs="+", default=list(SYSTEMS))
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--review", help="write the unjudged sample pairs with their texts to this JSONL file")
    ap.add_argument("--worker"), ap.add_argument("--n", type=int), ap.add_argument("--out")
    args = ap.parse_args()
    if args.worker:
        return worker(args.worker, args.n, args.out)

    runs: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for _ in range(args.rounds):
        for n in args.sizes:
            for system in args.systems:                      # interleaved: drift hits every system alike
                runs[(system, n)].append(spawn(system, n))
    arts = load()
    full = max(args.sizes, key=lambda n: n or 10**9)
    n_full = full or len(arts)
    arts = arts[:n_full]
    best = {k: min(v, key=lambda r: r["seconds"]) for k, v in runs.items()}
    qual = quality(arts, best[("marsad", full)]["pairs"],
                   {s: best[(s, full)]["pairs"] for s in args.systems if s != "marsad" and (s, full) in best})
    if args.review:
        write_review(args.review, arts, qual["_unjudged"])
        print(f"{len(qual['_unjudged'])} pairs to read written to {args.review}")
    speed = []
    for n in args.sizes:
        row = {"n": best[(args.systems[0], n)]["n"]}
        for s in args.systems:
            r = best[(s, n)]
            row[s] = {"docs_per_s": round(r["docs_per_s"]), "seconds": round(r["seconds"], 2),
                      "kb_per_doc": round(r["kb_per_doc"], 2)}
        speed.append(row)
    result = {"speed": speed, "quality": {k: v for k, v in qual.items() if not k.startswith("_")}}
    demo = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "demo_eval.py"), "--json"],
                          capture_output=True, text=True)
    if demo.returncode == 0:
        result["demo"] = json.loads(demo.stdout)["duplicates"]
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return
    print_tables(result, args.systems)


def print_tables(result: dict, systems: list[str]) -> None:
    print("\nSpeed, end to end (normalize, shingle, hash, index, query; Marsad also verifies and classifies)")
    head = f"{'articles':>9} " + " ".join(f"{s + ' docs/s':>18}" for s in systems)
    head += " " + " ".join(f"{'marsad/' + s:>18}" for s in systems if s != "marsad")
    print(head)
    for row in result["speed"]:
        line = f"{row['n']:>9} " + " ".join(f"{row[s]['docs_per_s']:>18}" for s in systems)
        if "marsad" in systems:
            line += " " + " ".join(f"{row['marsad']['docs_per_s'] / row[s]['docs_per_s']:>17.2f}×"
                                   for s in systems if s != "marsad")
        print(line)
    print("\nMemory per article (resident growth, KB)")
    for row in result["speed"]:
        print(f"{row['n']:>9} " + " ".join(f"{s}: {row[s]['kb_per_doc']:.2f}" for s in systems))
    if "marsad" in systems and len(result["speed"]) > 1:
        first, last = result["speed"][0], result["speed"][-1]
        t0 = first["marsad"]["seconds"] / first["n"]
        t1 = last["marsad"]["seconds"] / last["n"]
        print(f"\nScaling: time per article {t0 * 1e6:.0f} µs at {first['n']} → {t1 * 1e6:.0f} µs at {last['n']} "
              f"({t1 / t0:.2f}×; 1.00 is linear)")
    q = result["quality"]
    print("\nQuality on SaudiNewsNet")
    e, s = q["exact_groups"], q["same_lead_groups"]
    print(f"  exact groups found          {e['found']}/{e['groups']} (recall {e['recall']})")
    print(f"  same-lead groups found      {s['found']}/{s['groups']} "
          f"(recall {s['recall']}, pair recall {s['pair_recall']})")
    for k, v in q.items():
        if k.startswith("same_lead_groups_"):
            name = k.split("_")[3]
            print(f"    {name} LSH candidates        {v['found']}/{s['groups']} (recall {v['recall']}, "
                  f"{v['candidate_pairs']} candidate pairs)")
    p = q["precision_sample"]
    print(f"  pairs reported              {q['pairs']} ({q['cross_outlet_share']:.0%} across outlets)")
    print(f"  precision, read sample      {p['correct']}/{p['judged']} judged of {p['sampled']} sampled "
          f"(precision {p['precision']})")
    if "demo" in result:
        d = result["demo"]
        print(f"\nDemo gold pairs: F1 {d['f1']} (P {d['precision']}, R {d['recall']}); with kind {d['f1_with_kind']}")


if __name__ == "__main__":
    main()
