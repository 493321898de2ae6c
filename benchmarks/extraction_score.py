"""Scorer of the article extraction benchmark (ScrapingHub/Zyte), written here from the specification in
../shared/data/article_extraction_benchmark/README.md (the upstream evaluate.py is not copied).

Shingle-multiset precision and recall per document, each document normalised to equal weight, averaged
over documents; F1 from the two means; accuracy = exact token-list match. Checked against the published
trafilatura 2.0.0 figures (F1 0.958, P 0.938, R 0.978, accuracy 0.293) in tests/test_clean_benchmark.py.
"""

from __future__ import annotations

import random
import re
from collections import Counter

TOKEN_RE = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    return TOKEN_RE.findall(text or "")


def shingles(toks: list[str], n: int = 4) -> Counter:
    if not toks:
        return Counter()
    if len(toks) < n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i:i + n]) for i in range(len(toks) - n + 1))


def doc_counts(true: str, pred: str) -> tuple[float, float, float]:
    t, p = shingles(tokens(true)), shingles(tokens(pred))
    tp = fp = fn = 0
    for s in t.keys() | p.keys():
        a, b = t.get(s, 0), p.get(s, 0)
        tp += min(a, b)
        fp += max(0, b - a)
        fn += max(0, a - b)
    total = tp + fp + fn
    if total > 0:
        return tp / total, fp / total, fn / total
    return 0.0, 0.0, 0.0


def _prf(per_doc: list[tuple[float, float, float, bool]]) -> tuple[float, float, float, float]:
    precisions, recalls = [], []
    for tp, fp, fn, _ in per_doc:
        if tp + fp > 0:
            precisions.append(1.0 if fp == 0 and fn == 0 else tp / (tp + fp))
        if tp + fn > 0:
            recalls.append(1.0 if fp == 0 and fn == 0 else tp / (tp + fn))
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    acc = sum(1 for d in per_doc if d[3]) / len(per_doc) if per_doc else 0.0
    return f1, p, r, acc


def score(truth: dict[str, str], pred: dict[str, str], bootstrap: int = 0, seed: int = 0) -> dict:
    """truth/pred: item_id -> article body. Returns f1, precision, recall, accuracy (and f1_std with bootstrap)."""
    per_doc = []
    for item, true in truth.items():
        predicted = pred.get(item, "")
        tp, fp, fn = doc_counts(true, predicted)
        per_doc.append((tp, fp, fn, tokens(true) == tokens(predicted)))
    f1, p, r, acc = _prf(per_doc)
    out = {"f1": f1, "precision": p, "recall": r, "accuracy": acc, "n": len(per_doc)}
    if bootstrap:
        rng = random.Random(seed)
        f1s = [_prf([rng.choice(per_doc) for _ in per_doc])[0] for _ in range(bootstrap)]
        mean = sum(f1s) / len(f1s)
        out["f1_std"] = (sum((x - mean) ** 2 for x in f1s) / len(f1s)) ** 0.5
    return out


def load_predictions(data: dict) -> dict[str, str]:
    """Either {id: {"articleBody": …}} or {"version": …, "output": {…}}."""
    if "output" in data and isinstance(data["output"], dict):
        data = data["output"]
    return {k: (v or {}).get("articleBody") or "" for k, v in data.items()}
