"""The attributed summary of a story: who said what, in the order it was said."""

from __future__ import annotations

from ..store.views import StoredQuote

SUMMARY_SIZE = 6
MIN_STATEMENT = 20            # characters: shorter statements say too little to summarize a story


def summary(quotes: list[tuple[StoredQuote, str | None]], limit: int = SUMMARY_SIZE) -> list[dict]:
    """quotes: (statement, its article's publication date). One statement per speaker, named people first,
    in time order."""
    seen, out = set(), []
    ordered = sorted(quotes, key=lambda q: (q[1] or "", q[0].doc_id, q[0].start))
    for q, published in sorted(ordered, key=lambda q: q[0].speaker_entity_id is None):
        if q.speaker in seen or len(q.content) < MIN_STATEMENT:
            continue
        seen.add(q.speaker)
        out.append({"text": q.content, "article_id": q.doc_id, "speaker": q.speaker, "date": published,
                    "kind": q.kind})
        if len(out) >= limit:
            break
    return out
