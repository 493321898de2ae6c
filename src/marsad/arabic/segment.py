"""Tokens, sentences and paragraphs with character offsets into the text they came from.

Arabic punctuation (، ؛ ؟) and the quotation marks of Arabic news (“” «» ″) are handled as such; a sentence
never ends inside a quotation, so a quoted statement that runs over two sentences stays in one unit for
attribution.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

from .normalize import WORD_CACHE, normalize, normalize_word

WORD_RE = re.compile(r"[\w\u0640\u064b-\u065f\u0670]+", re.UNICODE)
SENTENCE_END = set(".!?؟…")
OPEN_QUOTES = {"“": "”", "«": "»", "″": "″", '"': '"', "„": "“"}

# Proclitics of Arabic news text: conjunctions و ف, prepositions ب ل ك, future س (on verbs, not names),
# fused with the article ال. Longest first so "وبال" wins over "و".
PROCLITICS = ("وبال", "وكال", "ولل", "فبال", "فال", "فلل", "وال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")


_PROCLITICS_BY_FIRST = {p[0]: tuple(q for q in PROCLITICS if q[0] == p[0]) for p in PROCLITICS}   # longest first


def strip_clitics(word: str) -> str:
    """Remove one proclitic cluster, the article included, when 3+ letters remain: the search-index form
    ("والسراج" → "سراج"), applied alike to documents and queries. Only the clusters that open with the word's
    first letter are tried (most words open with none of them)."""
    for p in _PROCLITICS_BY_FIRST.get(word[:1], ()):
        if word.startswith(p) and len(word) - len(p) >= 3:
            return word[len(p):]
    return word


def index_terms(text: str) -> str:
    """The search index form of a text: each word normalized and peeled of clitics, one space between terms.

    Index and queries go through this one function, so "فايز السراج" finds "فائز السراج" and "والسراج". Each word
    is looked up in the word memos below (one dict lookup in C each, no generator frame)."""
    norm, index = _NORM, _INDEX
    return " ".join([index[norm[w]] for w in WORD_RE.findall(text)])


@lru_cache(maxsize=WORD_CACHE)
def index_word(norm: str) -> str:
    """The index term of one word already in matching form."""
    return strip_clitics(norm)


MEMOS: weakref.WeakValueDictionary = weakref.WeakValueDictionary()     # id -> every WordMemo alive (see WordMemo)


class WordMemo(dict):
    """A pure function of one word, remembered for the first `limit` distinct words (bounded memory over any
    stream). A hit is one dict lookup in C: faster than functools.lru_cache's call, and it is asked once per
    word of every text. Every memo alive is listed in `MEMOS`, those an object holds (a tokenizer's, the tagger's)
    as well as a module's, so that `marsad.memory.release` can empty them all after a corpus stage."""

    __slots__ = ("fn", "limit", "__weakref__")

    def __init__(self, fn: Callable[[str], Any], limit: int = WORD_CACHE) -> None:
        super().__init__()
        self.fn, self.limit = fn, limit
        MEMOS[id(self)] = self             # by identity: two memos holding the same words are equal dicts

    def __missing__(self, word: str) -> Any:
        value = self.fn(word)
        if len(self) < self.limit:
            self[word] = value
        return value


_NORM = WordMemo(normalize_word)
_INDEX = WordMemo(strip_clitics)


def word_spans(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, surface, matching form) of every word: the one tokenization later stages share.

    The words and their spans are read by two scans in C (findall, then the spans of finditer) and zipped:
    measured 2.2x faster than one Python-level loop over the matches reading start, end and group of each."""
    norm = _NORM
    spans = [m.span() for m in WORD_RE.finditer(text)]
    return [(s, e, w, norm[w]) for (s, e), w in zip(spans, WORD_RE.findall(text))]


def index_line(norms: list[str]) -> str:
    """The index terms of words already in matching form, one space between them (`index_word` of each)."""
    index = _INDEX
    return " ".join([index[n] for n in norms])


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line of the body; the body keeps one paragraph per line."""
    return list(_paragraphs(text))


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            s = pos + (len(line) - len(line.lstrip()))
            yield s, s + len(stripped)
        pos += len(line) + 1


_SENT_EVENTS = re.compile(r'[“”«»″"„]|(?<!\d)[.!?؟…]+[”»"\)]*(?=\s|$)|(?<=\d)[.!?؟…]+[”»"\)]*(?=\s|$)')


# one Arabic letter after a space, a bracket or another initial's point, right before a point: "د." (doctor),
# "م." (engineer), "أ.د." (professor); not "1436ه." (a year closing a sentence); or a Latin initial spelled in two
# letters after another initial's point ("الروائي إي.إل. دوكتورو": E.L. Doctorow)
_INITIAL = re.compile(r"(?:^|(?<=[\s(.]))[\u0621-\u064a]$|(?<=[\u0621-\u064a]\.)[\u0621-\u064a]{2}$")


def sentences(text: str, start: int = 0, end: int | None = None, limit: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans in text[start:end]; never split inside quotation marks or at a decimal point. With `limit`,
    the first that many (a story's views read an article's lead: its first sentences, not the whole body).

    Only quotation marks and sentence-final punctuation are visited (one regex scan per paragraph), so the
    cost is per event, not per character."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for p_start, p_end in _paragraphs(text[start:end]):
        if limit is not None and len(spans) >= limit:
            return spans[:limit]
        p_start += start
        p_end += start
        s = p_start
        closing: list[str] = []
        for m in _SENT_EVENTS.finditer(text, p_start, p_end):
            tok = m.group(0)
            ch = tok[0]
            if len(tok) == 1 and ch in OPEN_QUOTES or ch in "”»":
                if closing and ch == closing[-1]:
                    closing.pop()
                elif ch in OPEN_QUOTES and not (ch == '"' and closing and closing[-1] == '"'):
                    closing.append(OPEN_QUOTES[ch])
                if len(closing) > 3:      # unbalanced marks: stop tracking quotes in this paragraph
                    closing.clear()
                continue
            if closing:
                # the closing quote may be glued to the punctuation: ".”"
                for q in tok[1:]:
                    if closing and q == closing[-1]:
                        closing.pop()
                if closing:
                    continue
            if tok == "." and _INITIAL.search(text, max(p_start, m.start() - 2), m.start()):
                continue                  # "د. محمد الفريدان", "أ.د.": a title's initial, not a sentence's end
            e = m.end()
            if s < e:
                spans.append((s, e))
                if limit is not None and len(spans) >= limit:     # a lead's sentences: no need to read on
                    return spans
            s = e
            while s < p_end and text[s].isspace():
                s += 1
        if s < p_end:
            spans.append((s, p_end))
    return spans if limit is None else spans[:limit]


ARTICLE_CLITICS = ("وبال", "وكال", "فبال", "وال", "فال", "بال", "كال")
FUSED_ARTICLE = ("ولل", "فلل", "لل")      # ل + ال with the alef dropped: للأمم
LETTER_CLITICS = ("وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")
# attached pronouns other than ه ("فوزهما", "تنفيذها"): a word ending so is a noun or a verb with its pronoun
PRONOUN_ENDINGS = ("ها", "هما", "هم", "كم")
OBJECT_ENDINGS = PRONOUN_ENDINGS + ("نا",)          # … and "ours" ("بلدنا")


def peel_proclitics(norm: str, known) -> tuple[str, int]:
    """(form, characters cut) for a normalized token. A proclitic is peeled only when the rest is a known
    word, or when it sits on the article (والسراج → السراج, بالعاصمة → العاصمة), so names that merely begin
    with و/ل/ف (وزير, لافروف, فائز) keep their letters. A fused ل+ال (للأمم) is kept whole: the name is
    written with it, only a conjunction before it (وللأمم) is cut."""
    if known(norm):
        return norm, 0
    for p in ARTICLE_CLITICS:
        if norm.startswith(p) and len(norm) - len(p) >= 2:
            return "ال" + norm[len(p):], len(p) - 2
    for p in FUSED_ARTICLE:
        if norm.startswith(p) and len(norm) - len(p) >= 2:
            return "ال" + norm[len(p):], len(p) - 2
    for p in LETTER_CLITICS:
        if norm.startswith(p) and len(norm) - len(p) >= 2 and known(norm[len(p):]):
            return norm[len(p):], len(p)
    return norm, 0


def proclitic_forms(norm: str) -> list[tuple[str, int]]:
    """The token with and without proclitics, with characters cut: "ولكوزنيتسوف" → itself (0),
    "لكوزنيتسوف" (1), "كوزنيتسوف" (2). For matching short mentions against names seen before."""
    out = [(norm, 0)]
    for p in ARTICLE_CLITICS:
        if norm.startswith(p):
            out.append(("ال" + norm[len(p):], len(p) - 2))
    for p in FUSED_ARTICLE:
        if norm.startswith(p):
            out.append(("ال" + norm[len(p):], len(p) - 2))
    for p in LETTER_CLITICS:
        if norm.startswith(p) and len(norm) - len(p) >= 3:
            out.append((norm[len(p):], len(p)))
    return out


def surface_cut(surface: str, normalized_cut: int) -> int:
    """Surface characters that cover the first `normalized_cut` normalized characters (diacritics between)."""
    if normalized_cut <= 0:
        return 0
    seen = 0
    for i, ch in enumerate(surface):
        if seen >= normalized_cut:
            return i
        if normalize(ch):
            seen += 1
    return len(surface)
