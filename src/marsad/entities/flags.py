"""The tagger's lexicon features: per token, what our own word lists and the gazetteer say about it. The tagger
was trained with these bits; the recognizer computes them from the tokens it already has."""

from __future__ import annotations

from functools import lru_cache

from .gazetteer import Gazetteer, load
from .lexicon import given_and_title_heads, known_words, words
from .tokens import Tokenizer

_ORG_HEADS = frozenset(words("ORG_HEADS"))
_LOC_HEADS = frozenset(words("LOC_HEADS"))


@lru_cache(maxsize=1)
def _default() -> tuple[Tokenizer, Gazetteer]:
    gaz = load()
    return Tokenizer(known_words(gaz)), gaz


LEX_TYPES = ("PER", "LOC", "ORG", "MISC")
N_LEX = 12


def lexicon_flags(tokens: list[str]) -> list[int]:
    """Per token, a bit mask of what our own lexicons say: gazetteer B-/I- of each type (bits 0-7), a known
    given name (8), a title head (9), an organization head noun (10), a place head noun (11). These carry
    knowledge the training set lacks: names of leaders, places and agencies it never saw."""
    tokenizer, gaz = _default()
    words = []
    pos = 0
    for tok in tokens:
        words.append((pos, pos + len(tok), tok, ""))
        pos += len(tok) + 1
    text = " ".join(tokens)
    toks = tokenizer.tokens(text, words)
    marks = [(t.start, t.end, t.text, t.norm, (not t.norm.isalnum()) or (i > 0 and not toks[i - 1].norm.isalnum()))
             for i, t in enumerate(toks)]
    return token_flags(toks, gaz.find(text, marks))


def token_flags(toks: list, gaz_matches: list) -> list[int]:
    """`lexicon_flags` from tokens and gazetteer matches the recognizer already has (its hot path: tokenizing
    and matching each sentence a second time cost a quarter of the tagger's time)."""
    given, titles = given_and_title_heads()
    flags = [0] * len(toks)
    for i, t in enumerate(toks):
        b = t.bare
        f = 0
        if b in given:
            f |= 1 << 8
        if b in titles:
            f |= 1 << 9
        if b in _ORG_HEADS:
            f |= 1 << 10
        if b in _LOC_HEADS:
            f |= 1 << 11
        flags[i] = f
    for m in gaz_matches:
        k = LEX_TYPES.index(m.entry.type) if m.entry.type in LEX_TYPES else 3
        flags[m.first_token] |= 1 << (2 * k)
        for j in range(m.first_token + 1, m.last_token + 1):
            flags[j] |= 1 << (2 * k + 1)
    return flags
