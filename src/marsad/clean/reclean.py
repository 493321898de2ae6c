"""Learn each outlet's boilerplate from the store, and re-clean the stored articles it changes.

Runs before the corpus views (duplicates, entities, stories), so they see the cleaner bodies. Counting is
incremental (only documents stored since the last run are read), and only the articles of outlets whose
template took new lines, and that have a body line now known as boilerplate, are processed again, from their
raw bytes: the first pages of a new outlet get the benefit of what its later pages taught. An outlet whose
template did not grow has only its new pages read again (cleaned with the template as it was when their run
began, they may predate what another run's corpus stages learned since); its older ones were checked when it
last grew.
"""

from __future__ import annotations

from collections.abc import Callable

from . import templates
from ..document import Document
from ..pipeline import PIPELINE_VERSION, FatalInputError, make_document, process
from ..readers.sources import stored_input
from ..store.base import Store
from ..store.records import to_record

BATCH = 200


def affected(store: Store, learned: templates.Templates, outlets: set[str], after: int = 0) -> list[str]:
    """Ids of stored articles of these outlets with a body line that the outlet's template calls boilerplate, and
    of stored articles without an outlet that the templates now identify (only those stored after the mark
    `after`, when it is given)."""
    ids = []
    if learned:
        # pages that named no outlet: their boilerplate may now say whose they are
        for doc_id, lines in store.line_records(None, after):
            hashes = {ln[2] for ln in lines if len(ln) >= 4 and ln[1] == "boilerplate"}
            if learned.identify(hashes):
                ids.append(doc_id)
    for outlet in sorted(outlets):
        boiler = learned.for_outlet(outlet)
        if not boiler:
            continue
        for doc_id, lines in store.line_records(outlet, after):
            if any(_template_hit(ln, boiler) for ln in lines):
                ids.append(doc_id)
    return ids


def _template_hit(ln: list, boiler: frozenset[str]) -> bool:
    """Does the outlet's template now take this stored body line, or a tail phrase of it?"""
    if len(ln) < 4 or ln[1] != "body":
        return False
    return ln[2] in boiler or (len(ln) > 4 and not boiler.isdisjoint(ln[4]))


def reprocess(store: Store, doc_id: str, configure: Callable | None = None) -> Document:
    """The document processed again from its stored raw bytes and reader hints (given outlet/date kept, unless
    `configure`, the settings of marsad.toml and the command line, now says otherwise)."""
    s = store.stored_input(doc_id)
    item = stored_input(s.raw, source=s.source, fmt=s.format, locator=s.locator, hints=s.hints)
    if configure is not None:
        item = configure(item)
    published = None if "published_given" in item.hints else s.published if s.published_source == "given" else None
    outlet = None if "outlet_given" in item.hints else s.outlet if s.outlet_source == "given" else None
    doc = make_document(item.raw, source=item.source, fmt=item.format, hints=item.hints, locator=item.locator,
                        published=published, outlet=outlet)
    return process(doc)


def _redo(store: Store, ids: list[str], on_progress: Callable[[int, int], None] | None,
          configure: Callable | None = None) -> tuple[int, int]:
    """Process these stored documents again and replace their analysis, in batches. Returns (done, failed);
    a document that fails keeps its stored analysis."""
    done = failed = 0
    batch = []
    for i, doc_id in enumerate(ids, 1):
        try:
            batch.append(to_record(reprocess(store, doc_id, configure), PIPELINE_VERSION))
        except (FatalInputError, ValueError):
            failed += 1
        if len(batch) >= BATCH or i == len(ids):
            done += store.replace_records(batch)
            batch = []
        if on_progress:
            on_progress(i, len(ids))
    return done, failed


def learn_and_reclean(store: Store, *, on_progress: Callable[[int, int], None] | None = None,
                      full: bool = False) -> dict:
    """Update the outlet templates from new documents and re-clean what they change (`full`: check the pages of
    every outlet whose counts changed, grown or not). Returns counts."""
    before, since = templates.learned(store), store.templates_mark()
    changed = store.count_template_lines()
    learned = templates.learned(store)
    grown = changed if full else {o for o in changed if learned.for_outlet(o) - before.for_outlet(o)}
    todo = affected(store, learned, grown) if grown else []
    if changed - grown:
        # the new pages of the other outlets: their workers may have had an older template (a run that began
        # before another run's corpus stages learned more)
        seen = set(todo)
        todo += [d for d in affected(store, learned, changed - grown, after=since) if d not in seen]
    templates.install(learned)
    done, failed = _redo(store, todo, on_progress)
    return {"template_outlets": len(learned.by_outlet),
            "template_lines": sum(len(v) for v in learned.by_outlet.values()),
            "recleaned": done, "reclean_failed": failed}


def reprocess_all(store: Store, *, outlet: str | None = None,
                  on_progress: Callable[[int, int], None] | None = None, configure: Callable | None = None) -> dict:
    """Process stored documents again from their raw bytes (after a Marsad upgrade): every document, or one
    outlet's. The outlet templates are counted afresh from the new line records, so what the old version
    stored cannot skew them. `configure` applies the settings in force (outlet names, dates, outlets per source)
    to each stored input, so that a corrected marsad.toml reaches the articles already stored."""
    ids = store.document_ids(outlet)
    templates.install(templates.learned(store))
    done, failed = _redo(store, ids, on_progress, configure)
    store.reset_templates()
    return {"reprocessed": done, "failed": failed}
