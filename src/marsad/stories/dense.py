"""A dense sense of what an article is about: the rarity-weighted mean of its title's and lead's word vectors.

The vectors are the shipped tagger's (fastText skip-gram with subwords over SaudiNewsNet, training/embeddings.py):
"مظاهرات" and "متظاهرون", "يتلقى اتصالا" and "تعازي" sit near each other, so two outlets' own wordings of one
happening are close where they share few words."""

from __future__ import annotations

import math
from array import array
from collections.abc import Sequence
from functools import lru_cache
from operator import mul

import numpy as np

from ..arabic.segment import WORD_RE, WordMemo, index_word
from ..arabic.normalize import normalize_word
from .weights import idf


def _tagger():
    from ..entities.tagger import default_tagger
    return default_tagger()


@lru_cache(maxsize=1)
def _centre() -> np.ndarray:
    """The direction every news text shares (the frequency-weighted mean word vector): taken away, so that two
    texts' vectors are close because of what they are about, not because both are Arabic news."""
    tagger = _tagger()
    counts = np.array([tagger.feat.counts.get(w, 0) for w in tagger.feat.words], dtype=np.float32)
    n = min(len(counts), len(tagger.vectors))
    return (counts[:n] @ tagger.vectors[:n]) / max(float(counts[:n].sum()), 1.0)


def _known(tok: str) -> tuple[int, float] | None:
    """The word's row among the tagger's vectors and its weight; None for a word the vectors skip."""
    if len(tok) < 3 or tok.isdigit():
        return None
    wi, si, _ = _tagger().feat.token(tok)
    row = wi or si
    return (row, idf(index_word(normalize_word(tok)))) if row else None


_KNOWN = WordMemo(_known)       # one lookup a word: titles and leads repeat the news's words


def embed(text: str) -> list[float]:
    """Unit vector (as a list, for JSON) of the text's known words, the shared direction taken away; empty when
    it has none."""
    known = [k for k in map(_KNOWN.__getitem__, WORD_RE.findall(text)) if k is not None]
    if not known:
        return []
    tagger = _tagger()
    rows, weights = zip(*known)
    w = np.asarray(weights, dtype=np.float32)
    v = (w @ tagger.vectors[list(rows)]) / float(w.sum()) - _centre()
    norm = float(np.linalg.norm(v))
    return [round(x, 4) for x in (v.astype(np.float64) / norm).tolist()] if norm else []


def cosine(a: Sequence[float], b: Sequence[float], norm_b: float | None = None) -> float:
    """Cosine of a unit vector with another (whose norm may be given, computed once for many comparisons). Two
    arrays of doubles (what profiles hold) are multiplied by numpy over their buffers, without a copy: a third of
    the time of a Python sum over 100 products, and story placement takes two such cosines per comparison."""
    if not len(a) or not len(b):
        return 0.0
    if isinstance(a, array) and isinstance(b, array) and a.typecode == b.typecode == "d" and len(a) == len(b):
        product = float(np.frombuffer(a) @ np.frombuffer(b))
    else:
        product = sum(map(mul, a, b))
    nb = math.sqrt(sum(map(mul, b, b))) if norm_b is None else norm_b
    return product / nb if nb else 0.0
