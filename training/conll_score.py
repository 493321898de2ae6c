"""Entity-level micro precision, recall and F1 by the conlleval rules (exact span and type)."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from marsad.entities.tagger import bio_spans  # noqa: E402


def score(gold: list[list[str]], pred: list[list[str]]) -> dict:
    tp: Counter = Counter()
    ng: Counter = Counter()
    ns: Counter = Counter()
    for g, p in zip(gold, pred):
        gs = set(bio_spans(g))
        ps = set(bio_spans(p))
        for s in gs:
            ng[s[2]] += 1
        for s in ps:
            ns[s[2]] += 1
        for s in gs & ps:
            tp[s[2]] += 1

    def prf(t: int, s: int, g: int) -> dict:
        p = t / s if s else 0.0
        r = t / g if g else 0.0
        return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "gold": g}

    out = {"all": prf(sum(tp.values()), sum(ns.values()), sum(ng.values()))}
    for t in sorted(ng):
        out[t] = prf(tp[t], ns[t], ng[t])
    return out
