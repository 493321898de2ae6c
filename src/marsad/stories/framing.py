"""How each outlet tells a story, measured: the titles and descriptors it gives each central person ("المشير" /
"الانقلابي" / "اللواء المتقاعد"), the words it puts in scare quotes ("هروب"), the words that set its language
apart from the other outlets', whom it quotes, and how much of its coverage goes to each side.

Distinctive words are "Fightin' Words" (Monroe, Colaresi and Quinn 2008): the log-odds ratio of a word in one
outlet against the story's other outlets, with an informative Dirichlet prior (half how common the word is in
Arabic news at large, from the shipped document frequencies, half how common it is in the story), divided by its
standard deviation: a z-score, so a word two articles repeat does not outrank one all of them use.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

from ..arabic.segment import WordMemo, index_terms
from ..store.views import CorpusDoc, PersonMention, StoredQuote
from .weights import idf

CENTRAL_PEOPLE = 4
DISTINCTIVE = 6                 # words per outlet
MIN_Z = 1.96
PRIOR_SIZE = 500.0              # α0: how much the background frequencies weigh, in words
SCARE_RE = re.compile(r"[“\"«]([^”\"»“«\n]{2,40})[”\"»]")
SCARE_WORDS = 3                 # a quoted span of at most this many words is a scare quote, not a statement
MIN_WORD_LEN = 3
MIN_IDF = 2.5                   # words in more than about a fifth of all news (هذا، بين، يوم) set no outlet apart


def framing(mentions: list[tuple[str, str, str | None, list[str | None]]]) -> list[dict]:
    """mentions: (entity id, canonical, outlet, [title, *descriptors]). The titles and descriptors each outlet
    attaches to each person, most used first."""
    agg: dict[tuple, dict] = {}
    for entity_id, canonical, outlet, descriptors in mentions:
        a = agg.setdefault((entity_id, outlet), {"entity_id": entity_id, "canonical": canonical, "outlet": outlet,
                                                 "descriptors": Counter(), "count": 0})
        a["count"] += 1
        for d in descriptors:                 # the title before the name, then appositions after it
            if d:
                a["descriptors"][d] += 1
    out = [{**a, "descriptors": [t for t, _ in a["descriptors"].most_common()]} for a in agg.values()
           if a["descriptors"]]
    out.sort(key=lambda a: (a["canonical"], a["outlet"] or ""))
    return out


def frames(docs: list[CorpusDoc], people: list[PersonMention], quotes: list[StoredQuote],
           names: set[str] = frozenset(), terms: dict[str, str] | None = None) -> dict:
    """The measured framing of a set of articles (a story, a storyline), by outlet. names: what the articles'
    entities are called (a name in quotation marks is no scare quote); terms: the search index's words of the
    articles' titles and bodies, where the store gave them (see `distinctive_words`)."""
    outlet_of = {d.id: d.outlet or "" for d in docs}
    central = _central(people)
    return {"central": [{"entity_id": e, "canonical": c} for e, c in central],
            "descriptors": _descriptors(people, outlet_of, dict(central)),
            "scare_quotes": _scare_quotes(docs, quotes, names),
            "distinctive_words": distinctive_words(docs, terms),
            "quoted": _quoted(quotes, outlet_of),
            "coverage": _coverage(docs, people, outlet_of, dict(central))}


def _central(people: list[PersonMention]) -> list[tuple[str, str]]:
    """The people most articles of the set name."""
    articles: dict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    for m in people:
        if m.entity_id:
            articles[m.entity_id].add(m.doc_id)
            names.setdefault(m.entity_id, m.canonical)
    top = sorted(articles, key=lambda e: (-len(articles[e]), names[e]))[:CENTRAL_PEOPLE]
    return [(e, names[e]) for e in top]


def _descriptors(people: list[PersonMention], outlet_of: dict[str, str], central: dict[str, str]) -> list[dict]:
    """For each central person and outlet: the titles and descriptors used, with counts."""
    found: dict[tuple[str, str], Counter] = defaultdict(Counter)
    mentions: Counter = Counter()
    for m in people:
        if m.entity_id in central:
            key = (m.entity_id, outlet_of.get(m.doc_id, ""))
            mentions[key] += 1
            found[key].update(d for d in [m.title, *m.descriptors] if d)
    return [{"entity_id": e, "canonical": central[e], "outlet": o, "mentions": mentions[(e, o)],
             "descriptors": dict(found[(e, o)].most_common())} for e, o in sorted(mentions)]


def _scare_quotes(docs: list[CorpusDoc], quotes: list[StoredQuote], names: set[str]) -> dict[str, dict[str, int]]:
    """Short spans an outlet puts in quotation marks that are no one's statement, no name (of a person, a body, an
    outlet or agency) and no piece of a quoted statement: "هروب" in a title."""
    stated = " | ".join(index_terms(q.content) for q in quotes)
    named = {index_terms(n) for n in names} | {index_terms(d.outlet or "") for d in docs}
    out: dict[str, Counter] = defaultdict(Counter)
    for d in docs:
        for m in SCARE_RE.finditer(f"{d.title or ''}\n{d.body}"):
            span = " ".join(m.group(1).split())
            key = index_terms(span)
            if 1 <= len(span.split()) <= SCARE_WORDS and key and key not in named and key not in stated:
                out[d.outlet or ""][span] += 1
    return {o: dict(c.most_common(10)) for o, c in sorted(out.items())}


def _is_telling(word: str) -> bool:
    """A word that can set an outlet apart: long enough, no number, not one news at large uses everywhere."""
    return len(word) >= MIN_WORD_LEN and not word.isdigit() and idf(word) >= MIN_IDF


_telling = WordMemo(_is_telling)


def distinctive_words(docs: list[CorpusDoc], terms: dict[str, str] | None = None) -> dict[str, list[dict]]:
    """Per outlet (when several cover the set), the words whose log-odds against the other outlets' articles,
    with the informative prior, have a z-score of at least MIN_Z. terms: article → its title's and body's index
    words as the search index holds them (the same words `index_terms` gives; deriving them again was a quarter of
    the views' time for a batch in a store of 100,000, whose changed stories read 8,000 articles)."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for d in docs:
        words = terms.get(d.id) if terms else None
        if words is None:
            words = index_terms(f"{d.title or ''} {d.body}")
        # an article's words counted in C, then the distinct ones kept: the same counts, added in the order of
        # first occurrence as counting word by word adds them (a story of 300 articles is 100,000 words)
        counts[d.outlet or ""].update({t: n for t, n in Counter(words.split()).items() if _telling[t]})
    if len(counts) < 2:
        return {}
    total = Counter()
    for c in counts.values():
        total.update(c)
    n_all = sum(total.values())
    size = min(PRIOR_SIZE, n_all / 2)                       # a short story's prior must not drown its words
    background = {w: math.exp(-idf(w)) for w in total}     # ∝ the word's document frequency in news at large
    norm = sum(background.values())
    # half the prior from news at large, half from the story's own pooled words: a word news rarely uses (a name,
    # "الانقلابي") still gets a prior, so one outlet using it and the others never does not read as noise
    alpha = {w: size * (background[w] / norm + total[w] / n_all) / 2 for w in total}
    return {o: _z_scores(c, total, alpha, n_all, size) for o, c in sorted(counts.items())}


def _z_scores(mine: Counter, total: Counter, alpha: dict[str, float], n_all: int, size: float) -> list[dict]:
    n_i = sum(mine.values())
    n_j = n_all - n_i
    out = []
    for w, y_i in mine.items():
        y_j, a = total[w] - y_i, alpha[w]
        rest_i, rest_j = n_i + size - y_i - a, n_j + size - y_j - a
        if rest_i <= 0 or rest_j <= 0:        # the outlet's (or the others') only word: no odds to compare
            continue
        delta = math.log((y_i + a) / rest_i) - math.log((y_j + a) / rest_j)
        z = delta / math.sqrt(1 / (y_i + a) + 1 / (y_j + a))
        if z >= MIN_Z and y_i >= 2:
            out.append({"word": w, "z": round(z, 2), "count": y_i})
    out.sort(key=lambda x: (-x["z"], x["word"]))
    return out[:DISTINCTIVE]


def _quoted(quotes: list[StoredQuote], outlet_of: dict[str, str]) -> dict[str, dict[str, int]]:
    """Whom each outlet quotes, and how often."""
    out: dict[str, Counter] = defaultdict(Counter)
    for q in quotes:
        if q.speaker:
            out[outlet_of.get(q.doc_id, "")][q.speaker] += 1
    return {o: dict(c.most_common()) for o, c in sorted(out.items())}


def _coverage(docs: list[CorpusDoc], people: list[PersonMention], outlet_of: dict[str, str],
              central: dict[str, str]) -> dict[str, dict]:
    """Each outlet's share of the articles, and how its mentions of the central people divide among them."""
    articles = Counter(d.outlet or "" for d in docs)
    sides: dict[str, Counter] = defaultdict(Counter)
    for m in people:
        if m.entity_id in central:
            sides[outlet_of.get(m.doc_id, "")][central[m.entity_id]] += 1
    out = {}
    for o, n in sorted(articles.items()):
        named = sum(sides[o].values())
        out[o] = {"articles": n, "share": round(n / len(docs), 3),
                  "sides": {p: round(c / named, 3) for p, c in sides[o].most_common()} if named else {}}
    return out
