"""The gazetteer we ship (data/gazetteer.tsv): places, organizations, agencies and leaders with variants.

Matching is on tokens, not characters: each token of the text is normalized and, when the token itself is not
a gazetteer word, peeled of its proclitics (وبموسكو → موسكو, للأمم → الأمم). The mapped tokens are joined and
scanned once with an Aho-Corasick automaton (pyahocorasick), so a match always starts and ends on token
boundaries and maps back to exact character offsets in the original text.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import ahocorasick

from ..arabic.normalize import normalize, normalize_word
from ..arabic.segment import ARTICLE_CLITICS, FUSED_ARTICLE, LETTER_CLITICS, WORD_RE, peel_proclitics, surface_cut


@dataclass(frozen=True)
class GazEntry:
    canonical: str
    type: str          # PER | ORG | LOC | MISC
    kind: str          # country, capital, city, agency, head, fm, …
    latin: str


@dataclass(frozen=True)
class GazMatch:
    start: int         # character offsets in the original text (clitics excluded)
    end: int
    entry: GazEntry
    first_token: int
    last_token: int


class Gazetteer:
    def __init__(self, rows: list[tuple[str, str, str, list[str], str]]):
        self.vocab: set[str] = set()
        self.first_vocab: set[str] = set()      # words that begin a gazetteer name
        self.automaton = ahocorasick.Automaton()
        self.places: set[str] = set()
        self.surnames: set[str] = set()         # last words of people's names ("الأسد", "صالح")
        by_key: dict[str, GazEntry] = {}
        for canonical, etype, kind, variants, latin in rows:
            entry = GazEntry(canonical, etype, kind, latin)
            for form in [canonical, *variants]:
                k = self.key(form)
                if not k or k in by_key and by_key[k].type == "PER" and etype != "PER":
                    continue
                by_key[k] = entry
                self.vocab.update(k.split())
                self.first_vocab.add(k.split()[0])
                if etype == "LOC":
                    self.places.add(k)
                if etype == "PER" and " " in k:
                    self.surnames.add(k.rsplit(" ", 1)[1])
        for k, entry in by_key.items():
            self._add(k, entry, 0)
            first, _, rest = k.partition(" ")
            if len(first) < 3:
                continue        # "إب" would turn "باب" into a city
            tail = f" {rest}" if rest else ""
            if first.startswith("ال"):
                for p in ARTICLE_CLITICS:              # والأمم، بالعاصمة، وبالقاهرة
                    self._add(f"{p}{first[2:]}{tail}", entry, len(p) - 2)
                for p in FUSED_ARTICLE:                # للأمم (kept whole), وللأمم (و cut)
                    self._add(f"{p}{first[2:]}{tail}", entry, len(p) - 2)
            else:
                for p in LETTER_CLITICS:               # وموسكو، بموسكو، ولافروف، وبحسب …
                    self._add(f"{p}{first}{tail}", entry, len(p))
        self.automaton.make_automaton()

    def _add(self, k: str, entry: GazEntry, cut: int) -> None:
        key = f" {k} "
        if key not in self.automaton:          # a real name wins over a clitic variant of another
            self.automaton.add_word(key, (key, entry, cut))

    @staticmethod
    def key(text: str) -> str:
        return " ".join(m.group(0) for m in WORD_RE.finditer(normalize(text)))

    def map_token(self, norm_token: str) -> tuple[str, int]:
        """The token as the gazetteer knows it, and how many characters of proclitics were cut."""
        return peel_proclitics(norm_token, self.first_vocab.__contains__)

    def is_place(self, text: str) -> bool:
        toks = self.key(text).split()
        if not toks:
            return False
        mapped = " ".join([self.map_token(toks[0])[0]] + toks[1:])
        return mapped in self.places or self.key(text) in self.places

    def lookup(self, text: str) -> GazEntry | None:
        toks = self.key(text).split()
        if not toks:
            return None
        for cand in (" ".join(toks), " ".join([self.map_token(toks[0])[0]] + toks[1:])):
            hit = self.automaton.get(f" {cand} ", None)
            if hit:
                return hit[1]
        return None

    def find(self, text: str, tokens: list[tuple[int, int, str, str, bool]] | None = None) -> list[GazMatch]:
        """Longest, leftmost, non-overlapping gazetteer matches in `text`, one automaton scan.

        `tokens` may be passed by a caller that already tokenized the text: (start, end, surface, normalized,
        punctuation-before) per word."""
        if tokens is None:
            tokens = []
            prev_end = None
            for m in WORD_RE.finditer(text):
                s, e = m.span()
                brk = prev_end is not None and bool(text[prev_end:s].strip())
                tokens.append((s, e, m.group(0), normalize_word(m.group(0)), brk))
                prev_end = e
        if not tokens:
            return []
        parts: list[str] = []
        starts: list[int] = []            # start of each token in the joined string
        pos = 1
        for s, e, surface, norm, brk in tokens:
            if brk:
                parts.append("\x00")      # punctuation between words: no name spans it
                pos += 2
            parts.append(norm)
            starts.append(pos)
            pos += len(norm) + 1
        joined = " " + " ".join(parts) + " "
        cands = []
        for end_idx, (k, entry, cut) in self.automaton.iter(joined):
            first_pos = end_idx - len(k) + 2
            first = bisect_right(starts, first_pos) - 1
            last = bisect_right(starts, end_idx - 1) - 1
            if first < 0 or starts[first] != first_pos:
                continue
            cands.append((first, last, entry, cut))
        cands.sort(key=lambda c: (c[0], -(c[1] - c[0])))
        out: list[GazMatch] = []
        used_until = -1
        for first, last, entry, cut in cands:
            if first <= used_until:
                continue
            start = tokens[first][0] + surface_cut(tokens[first][2], cut)
            out.append(GazMatch(start, tokens[last][1], entry, first, last))
            used_until = last
        return out


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    text = resources.files("marsad.data").joinpath("gazetteer.tsv").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        parts += [""] * (5 - len(parts))
        canonical, etype, kind, variants, latin = parts[:5]
        rows.append((canonical.strip(), etype.strip(), kind.strip(),
                     [v.strip() for v in variants.split("|") if v.strip()], latin.strip()))
    return Gazetteer(rows)
