"""The recognizer's view of a text: words with their matching form, the proclitics peeled off when what remains
is a word we know, and the punctuation between them. Shared by the recognizer and by the tagger's lexicon
features, which must see the words exactly as the rules do."""

from __future__ import annotations

from dataclasses import dataclass

from ..arabic.normalize import normalize_word
from ..arabic.segment import WORD_RE, WordMemo, peel_proclitics, surface_cut

QUOTE_MARKS = "“”«»\"″'‘’"


@dataclass(slots=True)
class Tok:
    text: str
    start: int
    end: int
    norm: str               # normalized surface
    bare: str               # proclitics peeled when the rest is a known word or starts with the article
    cut: int                # surface characters of the peeled proclitics
    boundary_before: bool   # punctuation (other than quote marks) between this token and the previous
    conj: bool              # starts with the conjunction و/ف: a new noun phrase begins here
    gap: bool = False       # any non-space character (quote marks included) before this token


class Tokenizer:
    """Tokens of a text against one set of known words (lexicon.known_words), with a cache of each word's
    analysis: news vocabulary is Zipfian, so most words are looked up, not analysed."""

    def __init__(self, known: frozenset[str]) -> None:
        self.known = known
        self._cache = WordMemo(self._analyse)

    def tokens(self, text: str, words: list[tuple[int, int, str, str]] | None = None) -> list[Tok]:
        out: list[Tok] = []
        prev_end = 0
        cached = self._cache
        if words is None:
            words = [(m.start(), m.end(), m.group(0), "") for m in WORD_RE.finditer(text)]
        for s, e, word, _ in words:
            if s - prev_end == 1 and text[prev_end] == " ":
                boundary = any_gap = False          # the common case: one space between words
            else:
                gap = text[prev_end:s]
                stripped = gap.strip()
                boundary = bool(stripped.strip(QUOTE_MARKS)) or "\n" in gap
                any_gap = bool(stripped)
            n, bare, cut, conj = cached[word]
            out.append(Tok(word, s, e, n, bare, cut, boundary, conj, any_gap))
            prev_end = e
        return out

    def info(self, word: str) -> tuple[str, str, int, bool]:
        """(matching form, bare form, surface characters of the peeled proclitics, starts with و/ف)."""
        return self._cache[word]

    def _analyse(self, word: str) -> tuple[str, str, int, bool]:
        known = self.known.__contains__
        n = normalize_word(word)
        bare, cut = peel_proclitics(n, known)
        conj = n[:1] in ("و", "ف") and (cut > 0 or (not known(n) and known(n[1:])))
        return n, bare, surface_cut(word, cut), conj

