"""Hashes of text in its matching form: the same line or body in other spelling variants, spacing or
punctuation hashes alike. They live beside the normalization they depend on because three layers share them:
the clean stage (outlet templates), the store (what each document is kept with) and the corpus stages."""

from __future__ import annotations

import hashlib
import re

from .normalize import normalize
from .segment import word_spans

_NON_WORD = re.compile(r"[\W_]+")


def line_hash(text: str) -> str:
    """16 hex digits of the line's matching form: what the store keeps per line, and what templates hold.

    Unlike the boilerplate lexicon's `key`, numbers are kept: a daily report's "سعر الدولار اليوم 49.5 جنيها"
    must not look like yesterday's and become boilerplate."""
    k = " ".join(_NON_WORD.sub(" ", normalize(text)).split())
    return hashlib.blake2b(k.encode("utf-8"), digest_size=8).hexdigest() if k else ""


def body_hash(body: str, words: list[tuple[int, int, str, str]] | None = None) -> str | None:
    """Hash of the matching form of a body's words: the same article with other spelling variants, spacing
    or punctuation is equal. None for a body without words."""
    norm = " ".join(w[3] for w in (words if words is not None else word_spans(body)))
    return hashlib.sha1(norm.encode()).hexdigest()[:20] if norm else None
