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


# Tail phrases (clean/templates.py): chrome that ends an article's last paragraph and runs on with what changes
# on every page ("رابط الخبر بصحيفة الوئام: <the title>"). The store keeps their keys with the last body line
# and counts them like lines of LONG_LINE_WORDS words, whose evidence they need.
LONG_LINE_WORDS = 12
TAIL_WORDS = 40         # a tail phrase starts among the last words of the body
TAIL_KEY_WORDS = 3      # … and is known by its first words
_TAIL_START = re.compile(r"(?<!\w)(?=\w)")        # any word start: a tail is often glued to the text before it
_WORD = re.compile(r"\w+")
_ANNOUNCES = re.compile(r"(?:[^\s:：]+\s+){0,5}?[^\s:：]*(?:[:：]|https?://|www\.|\d)")


def tail_keys(line: str) -> list[tuple[str, int]]:
    """(key, offset) of every phrase that starts among the last TAIL_WORDS words of a line and announces what
    follows (a colon, a link or a number within its first words: "رابط الخبر: …", "المصدر:
    http…"), keyed by its first TAIL_KEY_WORDS words in matching form ("t" and 15 hex digits, never a line
    hash). Sentences of the article ("وأضاف أن …") announce nothing and give no key."""
    words = [m.start() for m in _WORD.finditer(line)]
    if len(words) < TAIL_KEY_WORDS:
        return []
    first = words[max(0, len(words) - TAIL_WORDS)]
    out = []
    for m in _TAIL_START.finditer(line, first):
        head = _WORD.findall(normalize(line[m.end():]))[:TAIL_KEY_WORDS]
        if len(head) == TAIL_KEY_WORDS and _ANNOUNCES.match(line, m.end()):
            key = hashlib.blake2b(" ".join(head).encode("utf-8"), digest_size=8).hexdigest()[:15]
            out.append(("t" + key, m.end()))
    return out
