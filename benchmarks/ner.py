"""Entity tagger bar (issue "Entities"): ANERcorp test F1, AQMAR out-of-domain F1, speed, demo gold, seeds.

    python benchmarks/ner.py [--no-peer] [--no-demo]

Side by side in one run:
- Marsad: the shipped tagger (marsad/models/ner.npz: two BiLSTM-CRFs trained on ANERcorp and on SaudiNewsNet
  text tagged by their teachers, training/tagger.sh), in NumPy, one core;
- peer: a CRF (sklearn-crfsuite) with the usual word, affix, normalized and clitic-stripped features, trained
  here on the same ANERcorp train file (the method offline Arabic NER tools use);
- rules: Marsad's gazetteer and rule recognizer alone (what shipped before the tagger).
Scores are entity-level micro F1 by the conlleval rules (exact span and type). Speed counts tokens per second on
one core, feature extraction included (the tagger's caches are emptied before each run), tagging the test file's
sentences in one call, best of 3 runs.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")           # one core: set before NumPy loads BLAS
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import argparse  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "training"))

from conll_score import score  # noqa: E402
from corpus import DATA, read_conll  # noqa: E402

from marsad.entities.recognize import default_recognizer, rules_recognizer, tag_tokens_with  # noqa: E402
from marsad.entities.tagger import default_tagger, word_form  # noqa: E402


def crf_features(toks: list[str], i: int) -> dict:
    def one(t: str, p: str) -> dict:
        f = word_form(t)
        bare = f[2:] if f.startswith("ال") else f
        bare = bare[1:] if bare[:1] in "وفبلك" and len(bare) > 3 else bare
        return {p + "w": f, p + "p2": f[:2], p + "p3": f[:3], p + "s2": f[-2:], p + "s3": f[-3:],
                p + "bare": bare, p + "al": f.startswith("ال"), p + "digit": f.isdigit(), p + "alpha": f.isalpha()}
    feats = {"bias": 1.0, **one(toks[i], "")}
    for d in (-2, -1, 1, 2):
        j = i + d
        if 0 <= j < len(toks):
            feats[f"{d}w"] = word_form(toks[j])
            if abs(d) == 1:
                feats.update(one(toks[j], f"{d}:"))
        else:
            feats[f"{d}w"] = "<pad>"
    return feats


def rule_tags(tokens: list[str]) -> list[str]:
    return tag_tokens_with(rules_recognizer(), tokens)


def full_tags(tokens: list[str]) -> list[str]:
    return tag_tokens_with(default_recognizer(), tokens)


def timed(fn, sents, rounds: int = 1, reset=None):
    """Best of `rounds` runs; `reset` empties caches first, so feature extraction is always paid in full."""
    best, out = float("inf"), None
    for _ in range(rounds):
        if reset:
            reset()
        t0 = time.perf_counter()
        out = fn(sents)
        best = min(best, time.perf_counter() - t0)
    return out, best


def reset_tagger() -> None:
    tagger = default_tagger()
    tagger._char_cache.clear()
    tagger._proj_rows.clear()
    tagger.feat._cache.clear()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-peer", action="store_true")
    ap.add_argument("--no-demo", action="store_true")
    args = ap.parse_args()
    train = read_conll(DATA / "anercorp" / "train.conll")
    test = read_conll(DATA / "anercorp" / "test.conll")
    aqmar = read_conll(DATA / "aqmar" / "test.conll") + read_conll(DATA / "aqmar" / "dev.conll")
    n_test = sum(len(t) for t, _ in test)

    systems = {}
    tagger = default_tagger()
    tagger.tag_batch([t for t, _ in train[:50]])                          # load, warm the caches a little
    systems[f"Marsad tagger ({tagger.n_members} BiLSTM-CRFs, NumPy)"] = lambda ss: tagger.tag_batch(ss)
    if not args.no_peer:
        import sklearn_crfsuite
        t0 = time.perf_counter()
        crf = sklearn_crfsuite.CRF(algorithm="lbfgs", c1=0.1, c2=0.05, max_iterations=150)
        crf.fit([[crf_features(t, i) for i in range(len(t))] for t, _ in train], [g for _, g in train])
        print(f"(peer CRF trained in {time.perf_counter() - t0:.0f}s)", flush=True)
        systems["peer: CRF (sklearn-crfsuite)"] = lambda ss: crf.predict(
            [[crf_features(t, i) for i in range(len(t))] for t in ss])
    systems["Marsad tagger + gazetteer + rules (the pipeline)"] = lambda ss: [full_tags(t) for t in ss]
    systems["Marsad rules + gazetteer only (before the tagger)"] = lambda ss: [rule_tags(t) for t in ss]

    rows = []
    for name, fn in systems.items():
        pred, secs = timed(fn, [t for t, _ in test], rounds=3, reset=reset_tagger)
        res = score([g for _, g in test], pred)
        pred_aq, _ = timed(fn, [t for t, _ in aqmar])
        res_aq = score([g for _, g in aqmar], pred_aq)
        rows.append((name, res, res_aq, n_test / secs))
    base = rows[0][3]
    print(f"\nANERcorp test ({n_test:,} tokens, {sum(r['gold'] for k, r in rows[0][1].items() if k != 'all'):,} "
          f"entities); AQMAR test+dev ({sum(len(t) for t, _ in aqmar):,} tokens), out of domain\n")
    print("| system | P | R | F1 | PER | LOC | ORG | MISC | AQMAR F1 | tokens/s (1 core) "
          "| Marsad tagger's speed ÷ this |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, res, res_aq, tps in rows:
        a = res["all"]
        per_type = " | ".join(f"{res.get(t, {}).get('f1', 0):.3f}" for t in ("PER", "LOC", "ORG", "MISC"))
        print(f"| {name} | {a['precision']:.3f} | {a['recall']:.3f} | **{a['f1']:.3f}** | {per_type} | "
              f"{res_aq['all']['f1']:.3f} | {tps:,.0f} | {base / tps:.2f} |")
    if not args.no_demo:
        demo_report()
        seeds_report()


def demo_report() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import demo_eval
    with demo_eval.ingested([demo_eval.CORPUS], "marsad-ner-") as db:
        res = demo_eval.evaluate(db)["entities"]
    print(f"\nDemo gold ({demo_eval.CORPUS.relative_to(ROOT)}): mention F1 {res['f1']:.3f} "
          f"(P {res['precision']:.3f}, R {res['recall']:.3f}); "
          f"canonical linking accuracy {res['linking_accuracy']:.3f}")


def seeds_report() -> None:
    """Every form of each person in the seed pages (benchmarks/seed_people.json, names only) should carry one
    entity id. Prints the people whose forms split across ids or were not found as PER mentions."""
    import json
    import sqlite3

    from marsad.arabic.normalize import normalize
    people = json.loads((ROOT / "benchmarks" / "seed_people.json").read_text(encoding="utf-8"))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import demo_eval
    with demo_eval.ingested(sorted((DATA / "seeds").glob("*.txt")), "marsad-ner-") as path:
        db = sqlite3.connect(path)
        mentions = db.execute("SELECT name, entity_id, canonical, type FROM mentions").fetchall()
        db.close()
    ok = 0
    problems = []
    for p in people:
        forms = {normalize(f) for f in p["forms"]}
        hits = [(n, eid, c, t) for n, eid, c, t in mentions if normalize(n) in forms]
        ids = {eid for n, eid, c, t in hits if t == "PER"}
        found = {normalize(n) for n, eid, c, t in hits if t == "PER"}
        missing = sorted(forms - found)
        if len(ids) == 1 and not missing:
            ok += 1
            continue
        detail = []
        if len(ids) > 1:
            detail.append("split over " + ", ".join(sorted({c for n, eid, c, t in hits if t == "PER"})))
        if missing:
            wrong = sorted({f"{n} as {t}" for n, eid, c, t in hits if t != "PER"})
            detail.append("not found as PER: " + "، ".join(missing) + (f" (found {', '.join(wrong)})" if wrong else ""))
        problems.append(f"- {p['person']}: {'; '.join(detail)}")
    print(f"\nSeeds ({len(people)} people in benchmarks/seed_people.json): {ok} with every form linked to one "
          f"entity" + (":" if problems else "."))
    print("\n".join(problems))


if __name__ == "__main__":
    main()
