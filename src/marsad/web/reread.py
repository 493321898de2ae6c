"""The lines cleaning took out of a page, read again from its stored raw bytes (the store keeps each line's
role, not its text: the text is in the raw bytes, which are kept whole)."""

from __future__ import annotations

from ..pipeline import STAGES, FatalInputError, make_document, process
from ..readers.sources import stored_input
from ..store.views import StoredDocument

READ_AGAIN = [(name, stage) for name, stage in STAGES if name in ("decode", "clean")]


def removed_lines(corpus, doc: StoredDocument) -> list[tuple[int, str, str]] | None:
    """(line number, role as stored, text) of every line that is not the article's title or body; None when
    the raw bytes cannot be read again. Kept by the corpus (`remember`): cleaning a page again is costly."""
    return corpus.remember(("removed", doc.id), lambda: _reread(corpus, doc))


def _reread(corpus, doc: StoredDocument) -> list[tuple[int, str, str]] | None:
    s = corpus.store.stored_input(doc.id)
    item = stored_input(s.raw, source=s.source, fmt=s.format, locator=s.locator, hints=s.hints)
    again = make_document(item.raw, source=item.source, fmt=item.format, hints=item.hints, locator=item.locator)
    try:
        again = process(again, stages=READ_AGAIN, budget_s=None)
    except FatalInputError:
        return None
    text = {ln.n: ln.text for ln in again.lines}
    return [(ln.n, ln.role, text.get(ln.n, "")) for ln in doc.lines if ln.role in ("boilerplate", "comment")]
