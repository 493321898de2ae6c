"""Learn each outlet's boilerplate from the store, and re-clean the stored articles it changes.

Runs before the corpus views (duplicates, entities, stories), so they see the cleaner bodies. Counting is
incremental (only documents stored since the last run are read), and only the articles of outlets whose
counts changed, and that have a body line now known as boilerplate, are processed again, from their raw
bytes: the first pages of a new outlet get the benefit of what its later pages taught.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from .clean import templates
from .pipeline import FatalInputError, make_document, process
from .readers.sources import stored_input
from .store.sqlite import SQLiteStore, prepare

BATCH = 200


def affected(store: SQLiteStore, learned: templates.Templates, outlets: set[str]) -> list[str]:
    """Ids of stored articles of these outlets with a body line that the outlet's template calls boilerplate, and
    of stored articles without an outlet that the templates now identify."""
    ids = []
    if learned:
        # pages that named no outlet: their boilerplate may now say whose they are
        for doc_id, lines in store.db.execute("SELECT id, lines FROM documents WHERE outlet IS NULL"):
            hashes = {ln[2] for ln in json.loads(lines or "[]") if len(ln) >= 4 and ln[1] == "boilerplate"}
            if learned.identify(hashes):
                ids.append(doc_id)
    for outlet in sorted(outlets):
        boiler = learned.for_outlet(outlet)
        if not boiler:
            continue
        for doc_id, lines in store.db.execute("SELECT id, lines FROM documents WHERE outlet = ?", (outlet,)):
            if any(len(ln) >= 4 and ln[1] == "body" and ln[2] in boiler for ln in json.loads(lines or "[]")):
                ids.append(doc_id)
    return ids


def reprocess(store: SQLiteStore, doc_id: str):
    """The document processed again from its stored raw bytes and reader hints (given outlet/date kept)."""
    row = store.db.execute("SELECT source, format, locator, hints, published, published_source, outlet, "
                           "outlet_source FROM documents WHERE id = ?", (doc_id,)).fetchone()
    item = stored_input(store.raw_bytes(doc_id), source=row["source"], fmt=row["format"], locator=row["locator"],
                        hints=json.loads(row["hints"] or "{}"))
    doc = make_document(item.raw, source=item.source, fmt=item.format, hints=item.hints, locator=item.locator,
                        published=row["published"] if row["published_source"] == "given" else None,
                        outlet=row["outlet"] if row["outlet_source"] == "given" else None)
    return process(doc)


def _redo(store: SQLiteStore, ids: list[str], on_progress: Callable[[int, int], None] | None) -> tuple[int, int]:
    """Process these stored documents again and replace their analysis, in batches. Returns (done, failed);
    a document that fails keeps its stored analysis."""
    done = failed = 0
    batch = []
    for i, doc_id in enumerate(ids, 1):
        try:
            batch.append(prepare(reprocess(store, doc_id)))
        except (FatalInputError, ValueError):
            failed += 1
        if len(batch) >= BATCH or i == len(ids):
            done += store.replace_prepared(batch)
            batch = []
        if on_progress:
            on_progress(i, len(ids))
    return done, failed


def learn_and_reclean(store: SQLiteStore, *, on_progress: Callable[[int, int], None] | None = None) -> dict:
    """Update the outlet templates from new documents and re-clean what they change. Returns counts."""
    changed = store.update_template_counts()
    learned = store.templates()
    todo = affected(store, learned, changed) if changed else []
    templates.install(learned)
    done, failed = _redo(store, todo, on_progress)
    return {"template_outlets": len(learned.by_outlet),
            "template_lines": sum(len(v) for v in learned.by_outlet.values()),
            "recleaned": done, "reclean_failed": failed}


def reprocess_all(store: SQLiteStore, *, outlet: str | None = None,
                  on_progress: Callable[[int, int], None] | None = None) -> dict:
    """Process stored documents again from their raw bytes (after a Marsad upgrade): every document, or one
    outlet's. The outlet templates are counted afresh from the new line records, so what the old version
    stored cannot skew them."""
    query = "SELECT id FROM documents" + (" WHERE outlet = ?" if outlet else "") + " ORDER BY rowid"
    ids = [r[0] for r in store.db.execute(query, (outlet,) if outlet else ())]
    templates.install(store.templates())
    done, failed = _redo(store, ids, on_progress)
    with store.db:
        for table in ("template_lines", "template_outlets", "template_bodies"):
            store.db.execute(f"DELETE FROM {table}")
        store.db.execute("DELETE FROM meta WHERE key IN ('templates_rowid', 'corpus_rowid')")
    return {"reprocessed": done, "failed": failed}
