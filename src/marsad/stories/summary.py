"""The attributed summary of a story: the few sentences that carry the news, each with its outlet, the same fact
said by several outlets kept once; and the key statements, one per speaker.

Sentences come from the leads (where news writing puts the facts), are scored by how close they are to the
story's centre (tf-idf over the shipped weights) with earlier sentences preferred, and taken greedily, skipping
any too close to one already taken (maximal marginal relevance): "7 outlets ran the same sentence" reads once,
credited to the first outlet that ran it.
"""

from __future__ import annotations

import math

from ..arabic.segment import index_terms, sentences
from ..store.views import CorpusDoc, StoredQuote
from .profile import tfidf

SUMMARY_SIZE = 5
STATEMENTS = 6
LEAD_SENTENCES = 3
MIN_SENTENCE = 40              # characters: shorter lead lines are datelines, bylines, captions
MAX_SENTENCE = 400
REDUNDANT = 0.4                # cosine above which a sentence says what a chosen one says
MIN_STATEMENT = 20


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def _speaker_at(quotes: list[StoredQuote], start: int, end: int) -> tuple[str | None, str]:
    for q in quotes:
        if start <= q.start < end:
            return q.speaker, q.kind
    return None, "sentence"


def summary(docs: list[CorpusDoc], quotes: list[StoredQuote], limit: int = SUMMARY_SIZE) -> list[dict]:
    """The sentences that carry the news, in time order of their articles."""
    by_doc: dict[str, list[StoredQuote]] = {}
    for q in quotes:
        by_doc.setdefault(q.doc_id, []).append(q)
    candidates = []
    for rank, d in enumerate(sorted(docs, key=lambda d: (d.published or "9999", d.id))):
        for k, (s, e) in enumerate(sentences(d.body, limit=LEAD_SENTENCES)):
            text = " ".join(d.body[s:e].split())
            if MIN_SENTENCE <= len(text) <= MAX_SENTENCE:
                candidates.append((rank, k, d, s, e, text, tfidf(index_terms(text).split())))
    if not candidates:
        return []
    centre: dict[str, float] = {}
    for c in candidates:
        for t, w in c[6].items():
            centre[t] = centre.get(t, 0.0) + w
    norm = math.sqrt(sum(w * w for w in centre.values())) or 1.0
    scored = sorted(candidates, key=lambda c: (-(_dot(c[6], centre) / norm) / (1 + 0.3 * c[1]), c[0], c[1]))
    chosen: list = []
    for c in scored:
        if all(_dot(c[6], o[6]) < REDUNDANT for o in chosen):
            chosen.append(c)
            if len(chosen) >= limit:
                break
    out = []
    for rank, k, d, s, e, text, _ in sorted(chosen, key=lambda c: (c[0], c[1])):
        speaker, kind = _speaker_at(by_doc.get(d.id, []), s, e)
        out.append({"text": text, "article_id": d.id, "outlet": d.outlet, "speaker": speaker, "date": d.published,
                    "kind": kind})
    return out


def statements(quotes: list[tuple[StoredQuote, str | None, str | None]], limit: int = STATEMENTS) -> list[dict]:
    """quotes: (statement, its article's publication date, its outlet). One statement per speaker, named people
    first, in time order."""
    seen, out = set(), []
    ordered = sorted(quotes, key=lambda q: (q[1] or "", q[0].doc_id, q[0].start))
    for q, published, outlet in sorted(ordered, key=lambda q: q[0].speaker_entity_id is None):
        if q.speaker in seen or len(q.content) < MIN_STATEMENT:
            continue
        seen.add(q.speaker)
        out.append({"text": q.content, "article_id": q.doc_id, "speaker": q.speaker, "date": published,
                    "kind": q.kind, "outlet": outlet})
        if len(out) >= limit:
            break
    return out
