"""The search language, and the ranking, shared by every backend.

A query is parsed once into a small tree, in the index's matching form (arabic.segment.index_terms: spelling
variants folded, clitics peeled), then written out for the backend: an FTS5 MATCH expression for SQLite, a
`tsquery` for PostgreSQL. Both backends index the same space-separated terms, so they find the same articles;
ranking is FTS5's BM25 (title ×3, body ×1), which SQLite computes itself and PostgreSQL in SQL, both after the
reference `bm25` below, so both rank them alike too.

Syntax, as in web search engines:
    words            all must appear, in any spelling variant or with clitics (والسراج finds السراج)
    "a phrase"       these words next to each other, in this order
    a OR b           either (OR binds tighter than the implicit AND: `الملك سلمان OR محمد`)
    -word, -"a b"    articles with it are left out (NOT word says the same; AND may stand between words)
    word*            any word that starts so (at least two letters)
    ( … )            grouping
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..arabic.normalize import normalize_word
from ..arabic.segment import PROCLITICS, WORD_RE, index_word

K1, B = 1.2, 0.75
TITLE_WEIGHT = 3.0
MIN_PREFIX = 2
MAX_DEPTH = 20
MAX_TERMS = 64


class QuerySyntaxError(ValueError):
    """A query that cannot be understood; the message says why, for a person to read."""


# -- the tree ------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Leaf:
    """Terms next to each other (one term for a word); `prefix`: the last term is a prefix."""

    terms: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True)
class Any_:
    items: tuple


@dataclass(frozen=True)
class All:
    include: tuple
    exclude: tuple = ()


@dataclass
class Query:
    text: str
    root: All
    leaves: list[Leaf] = field(default_factory=list)     # what is looked for (not what is left out), in order


# -- parsing -------------------------------------------------------------------------------------------------
_TOKEN = re.compile(r'\s*(?:(?P<neg>-)?(?:"(?P<phrase>[^"]*)"(?P<pstar>\*)?|(?P<open>\()|(?P<word>[^\s()"]+))'
                    r'|(?P<close>\))|(?P<quote>"))')


def _prefix_term(word: str) -> str:
    """A prefix in index form: clitics are peeled as from whole words, as long as two letters remain."""
    norm = normalize_word(word)
    for p in PROCLITICS:
        if norm.startswith(p) and len(norm) - len(p) >= MIN_PREFIX:
            return norm[len(p):]
    return norm


def _leaf(text: str, prefix: bool) -> Leaf | None:
    words = WORD_RE.findall(text)
    if not words:
        return None
    terms = [index_word(normalize_word(w)) for w in words]
    if prefix:
        terms[-1] = _prefix_term(words[-1])
        if len(terms[-1]) < MIN_PREFIX:
            raise QuerySyntaxError(f"a prefix needs at least {MIN_PREFIX} letters before '*': {text}*")
    return Leaf(tuple(terms), prefix)


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.tokens = self._lex(text)
        self.i = 0
        self.depth = 0

    def _lex(self, text: str) -> list[tuple[str, str | None, bool]]:
        """(kind, value, negated): kinds word, phrase, open, close, or."""
        out = []
        pos = 0
        while pos < len(text):
            m = _TOKEN.match(text, pos)
            if m is None or m.end() == pos:
                if text[pos:].strip():
                    raise QuerySyntaxError(f"cannot read the query from: {text[pos:].strip()!r}")
                break
            pos = m.end()
            neg = bool(m.group("neg")) or (bool(out) and out[-1][0] == "not")
            if out and out[-1][0] == "not":
                out.pop()
            if m.group("quote"):
                raise QuerySyntaxError("a quotation mark is not closed: write \"a phrase\" with both marks")
            if m.group("phrase") is not None:
                out.append(("phrase", m.group("phrase") + ("*" if m.group("pstar") else ""), neg))
            elif m.group("open"):
                out.append(("open", None, neg))
            elif m.group("close"):
                out.append(("close", None, False))
            else:
                word = m.group("word")
                if word == "OR" and not neg:
                    out.append(("or", None, False))
                elif word == "NOT" and not neg:
                    out.append(("not", None, False))       # NOT x is -x
                elif word != "AND" or neg:                  # AND is what words do anyway
                    out.append(("word", word, neg))
        if out and out[-1][0] == "not":
            raise QuerySyntaxError("NOT needs a word after it, as in: الملك NOT سلمان")
        return out

    def peek(self) -> tuple | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def parse(self) -> All:
        root = self.all_(top=True)
        if self.peek() is not None:
            raise QuerySyntaxError("a closing parenthesis has no opening one")
        return root

    def all_(self, top: bool = False) -> All:
        include, exclude = [], []
        while (tok := self.peek()) is not None and tok[0] != "close":
            if tok[0] == "or":
                raise QuerySyntaxError("OR needs something to search for on both sides, as in: الملك OR الأمير")
            neg = tok[2]
            item = self.any_()
            if item is None:
                continue
            (exclude if neg else include).append(item)
        if not include:
            if exclude:
                raise QuerySyntaxError("a query needs at least one word to look for; -word only leaves articles out")
            raise QuerySyntaxError("there is nothing to search for" + ("" if top else " inside ( )"))
        return All(tuple(include), tuple(exclude))

    def any_(self):
        neg = self.peek()[2]
        items = [self.unary()]
        while (tok := self.peek()) is not None and tok[0] == "or":
            self.i += 1
            nxt = self.peek()
            if nxt is None or nxt[0] in ("or", "close"):
                raise QuerySyntaxError("OR needs something to search for on both sides, as in: الملك OR الأمير")
            if neg or nxt[2]:
                raise QuerySyntaxError("-word cannot stand beside OR: leave words out of the whole query, "
                                       "as in (الملك OR الأمير) -سلمان")
            items.append(self.unary())
        items = [x for x in items if x is not None]
        if not items:
            return None
        return items[0] if len(items) == 1 else Any_(tuple(items))

    def unary(self):
        kind, value, _ = self.tokens[self.i]
        self.i += 1
        if kind == "open":
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise QuerySyntaxError(f"parentheses nest more than {MAX_DEPTH} deep")
            inner = self.all_()
            self.depth -= 1
            if self.peek() is None or self.peek()[0] != "close":
                raise QuerySyntaxError("a parenthesis is not closed")
            self.i += 1
            return inner
        if kind == "phrase":
            prefix = value.endswith("*")
            return _leaf(value.rstrip("*"), prefix)
        prefix = value.endswith("*") and len(value.rstrip("*")) > 0
        if "*" in value.rstrip("*") or (value.endswith("*") and not prefix):
            raise QuerySyntaxError(f"'*' marks a prefix and goes at the end of a word, as in وزار*: {value!r}")
        return _leaf(value.rstrip("*"), prefix)


def parse(text: str) -> Query:
    """The query tree; raises QuerySyntaxError with a message for a person."""
    if not text or not text.strip():
        raise QuerySyntaxError("the query is empty")
    if len(text) > 2000:
        raise QuerySyntaxError("the query is too long (more than 2,000 characters)")
    root = _Parser(text).parse()
    leaves: list[Leaf] = []
    _collect(root, leaves)
    n_terms = _n_terms(root)
    if n_terms > MAX_TERMS:       # each term is an index lookup and a ranking pass: hundreds of them stall a server
        raise QuerySyntaxError(f"the query has too many words ({n_terms}; at most {MAX_TERMS})")
    return Query(text, root, leaves)        # a leaf given twice counts twice, as in FTS5's bm25


def _n_terms(node) -> int:
    """Every term of the query, left-out words included."""
    if isinstance(node, Leaf):
        return len(node.terms)
    if isinstance(node, Any_):
        return sum(_n_terms(x) for x in node.items)
    return sum(_n_terms(x) for x in (*node.include, *node.exclude))


def _collect(node, out: list[Leaf]) -> None:
    if isinstance(node, Leaf):
        out.append(node)
    elif isinstance(node, Any_):
        for x in node.items:
            _collect(x, out)
    else:
        for x in node.include:
            _collect(x, out)


# -- backends ------------------------------------------------------------------------------------------------
def _fts5_leaf(leaf: Leaf) -> str:
    return '"' + " ".join(leaf.terms) + '"' + (" *" if leaf.prefix else "")


def to_fts5(node) -> str:
    """The tree as an FTS5 MATCH expression (terms are plain letters and digits: quoting them is enough)."""
    if isinstance(node, Leaf):
        return _fts5_leaf(node)
    if isinstance(node, Any_):
        return "(" + " OR ".join(to_fts5(x) for x in node.items) + ")"
    expr = "(" + " AND ".join(to_fts5(x) for x in node.include) + ")"
    for x in node.exclude:
        expr = f"({expr} NOT {to_fts5(x)})"
    return expr


def _lexeme(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def to_tsquery(node) -> str:
    """The tree as a PostgreSQL tsquery literal (cast with ::tsquery; no parser or dictionary in between)."""
    if isinstance(node, Leaf):
        parts = [_lexeme(t) for t in node.terms]
        if node.prefix:
            parts[-1] += ":*"
        return "(" + " <-> ".join(parts) + ")"
    if isinstance(node, Any_):
        return "(" + " | ".join(to_tsquery(x) for x in node.items) + ")"
    parts = [to_tsquery(x) for x in node.include] + ["!" + to_tsquery(x) for x in node.exclude]
    return "(" + " & ".join(parts) + ")"


MAX_POSITION = 16383           # PostgreSQL's largest tsvector position; later words share it
MAX_POSITIONS = 256            # positions kept per lexeme
MAX_LEXEME_BYTES = 2046


def tsvector_literal(title_terms: str, body_terms: str) -> str:
    """The tsvector of a document's search terms: title words weighted A, then the body after a gap of one
    position, so that a phrase never runs from the title into the body (as FTS5 keeps columns apart).

    Built in Python, cast by PostgreSQL without its parser, so the terms are exactly the FTS5 index's."""
    title: dict[str, list[str]] = {}
    for n, term in enumerate(title_terms.split(), 1):
        title.setdefault(term, []).append(f"{n}A" if n < MAX_POSITION else f"{MAX_POSITION}A")
    body: dict[str, list[int]] = {}
    start = len(title_terms.split()) + 2
    for n, term in enumerate(body_terms.split(), start):
        body.setdefault(term, []).append(n)
    quote = _lexeme if ("'" in title_terms or "\\" in title_terms or "'" in body_terms or "\\" in body_terms) \
        else (lambda t: f"'{t}'")
    clamp = start + len(body_terms) > MAX_POSITION          # only very long texts reach the last position
    out = []
    for term in title.keys() | body.keys():
        if len(term) * 4 > MAX_LEXEME_BYTES and len(term.encode()) > MAX_LEXEME_BYTES:
            continue
        found = body.get(term, ())
        if clamp:
            found = [min(p, MAX_POSITION) for p in found]
        head = title.get(term)
        positions = ",".join((head + list(map(str, found)))[:MAX_POSITIONS]) if head else \
            ",".join(map(str, found[:MAX_POSITIONS]))
        out.append(f"{quote(term)}:{positions}")
    return " ".join(out)


# -- ranking -------------------------------------------------------------------------------------------------
def spaced(terms: str) -> str:
    """Terms with every separator doubled and two spaces around: each occurrence of a leaf's pattern then
    starts and ends in a separator of its own, so occurrences next to each other are all counted."""
    return "  " + terms.replace(" ", "  ") + "  "


def leaf_pattern(leaf: Leaf) -> str:
    """What a leaf looks like in `spaced` terms: ' a  b ' (a prefix leaf: ' a  b', the word's rest follows)."""
    return " " + "  ".join(leaf.terms) + ("" if leaf.prefix else " ")


@lru_cache(maxsize=256)
def _prefix_re(pattern: str) -> re.Pattern:
    return re.compile(re.escape(pattern) + r"\S*")


def occurrences(leaf: Leaf, text: str) -> int:
    """How often a leaf occurs in `spaced` terms. A phrase whose end is also its start ("جدا جدا" in "جدا جدا
    جدا") is counted once per pass where FTS5 counts every position; nothing else differs."""
    pattern = leaf_pattern(leaf)
    return len(_prefix_re(pattern).findall(text)) if leaf.prefix else text.count(pattern)


def term_counts(title_terms: str, body_terms: str) -> dict[str, float]:
    """Each term's count in a document, a title occurrence counting TITLE_WEIGHT times (BM25's tf of a word)."""
    counts: dict[str, float] = dict.fromkeys(title_terms.split(), 0.0)
    for term in title_terms.split():
        counts[term] += TITLE_WEIGHT
    for term in body_terms.split():
        counts[term] = counts.get(term, 0.0) + 1
    return counts


def idf(n_docs: int, n_hit: int) -> float:
    value = math.log((n_docs - n_hit + 0.5) / (n_hit + 0.5))
    return value if value > 0 else 1e-6


def bm25(leaves: list[Leaf], idfs: list[float], title_terms: str, body_terms: str, length: int,
         avgdl: float) -> float:
    """FTS5's bm25 with column weights (title 3, body 1), `length` the document's terms: the figure SQLite's
    FTS5 computes, and PostgreSQL in SQL (store/postgres.py), written once here as their common reference."""
    title, body = spaced(title_terms), spaced(body_terms)
    norm = K1 * (1 - B + B * length / (avgdl or 1.0))
    score = 0.0
    for leaf, weight in zip(leaves, idfs):
        tf = TITLE_WEIGHT * occurrences(leaf, title) + occurrences(leaf, body)
        score += weight * tf * (K1 + 1) / (tf + norm)
    return score


def highlight_terms(query: Query) -> tuple[set[str], tuple[str, ...]]:
    """Terms to mark in snippets: whole terms, and prefixes."""
    whole = {t for leaf in query.leaves for t in (leaf.terms[:-1] if leaf.prefix else leaf.terms)}
    prefixes = tuple(leaf.terms[-1] for leaf in query.leaves if leaf.prefix)
    return whole, prefixes


def snippet(body: str, whole: set[str], prefixes: tuple[str, ...] = (), width: int = 180) -> str:
    """A window of the original body around the first matched term, matched terms in [brackets]. Words are
    read only up to the end of the window."""
    return snippet_marked(body, whole, prefixes, width)[0]


def snippet_marked(body: str, whole: set[str], prefixes: tuple[str, ...] = (),
                   width: int = 180) -> tuple[str, list[list[int]]]:
    """The snippet, and the [start, end) of each bracketed term in it (brackets included): a page marks exactly
    those, whatever brackets the article itself holds."""
    def hit(word: str) -> bool:
        k = index_word(normalize_word(word))
        return k in whole or bool(prefixes) and k.startswith(prefixes)

    hits: list[tuple[int, int]] = []
    start, end = 0, width
    for m in WORD_RE.finditer(body):
        if hits and m.start() >= end:
            break
        if hit(m.group(0)):
            if not hits:
                start = max(0, m.start() - width // 3)
                end = min(len(body), start + width)
            hits.append((m.start(), m.end()))
    if not hits:
        return body[:width].replace("\n", " "), []
    while start > 0 and not body[start - 1].isspace():
        start -= 1
    lead = "…" if start > 0 else ""
    out, marks, pos, length = [], [], start, len(lead)
    for s, e in hits:
        if s < start or e > end:
            continue
        out.append(body[pos:s])
        length += s - pos
        out.append(f"[{body[s:e]}]")
        marks.append([length, length + e - s + 2])
        length += e - s + 2
        pos = e
    out.append(body[pos:end])
    text = "".join(out).replace("\n", " ")
    return lead + text + ("…" if end < len(body) else ""), marks
