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

from collections.abc import Callable, Iterator
from contextlib import closing

from . import templates
from ..document import InputError
from ..executors.base import BATCH, Batch, Executor, batches
from ..executors.local import InProcess
from ..readers.sources import RawInput, stored_input
from ..store.base import Store


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


def _stored_work(store: Store, doc_id: str, configure: Callable | None) -> tuple[RawInput, dict]:
    """A stored document as an executor's work: its reader input rebuilt from the raw bytes, with the date and
    outlet it was given (kept unless the settings now give others)."""
    s = store.stored_input(doc_id)
    item = stored_input(s.raw, source=s.source, fmt=s.format, locator=s.locator, hints=s.hints)
    if configure is not None:
        item = configure(item)
    published = None if "published_given" in item.hints else s.published if s.published_source == "given" else None
    outlet = None if "outlet_given" in item.hints else s.outlet if s.outlet_source == "given" else None
    return item, {"published": published, "outlet": outlet}


def _stored_batches(store: Store, ids: list[str], configure: Callable | None) -> Iterator[Batch]:
    """The documents to process again, in batches as an ingest makes them (`executors.base.batches`); one whose
    stored record can no longer be read as its reader read it (ValueError) is a failed input, and keeps its
    stored analysis."""
    def items() -> Iterator[tuple[RawInput, dict] | InputError]:
        for doc_id in ids:
            try:
                yield _stored_work(store, doc_id, configure)
            except ValueError as exc:
                yield InputError(doc_id, f"{exc.__class__.__name__}: {exc}")

    def raw_bytes(item) -> int:
        return 0 if isinstance(item, InputError) else len(item[0].raw)

    for chunk in batches(items(), BATCH, weight=raw_bytes):
        yield Batch([x for x in chunk if not isinstance(x, InputError)],
                    [x for x in chunk if isinstance(x, InputError)], 0)


def _redo(store: Store, ids: list[str], learned: templates.Templates,
          on_progress: Callable[[int, int], None] | None, configure: Callable | None = None,
          runner: Executor | None = None, keep_indexed: bool = True) -> tuple[int, int]:
    """Process these stored documents again with `runner` (this process when None; the workers of `marsad
    reprocess --workers/--executor`) and replace their analysis, a batch (one transaction) at a time. Returns
    (done, failed); a document that fails keeps its stored analysis."""
    done = failed = handled = 0
    runner = runner or InProcess()
    results = runner.run(_stored_batches(store, ids, configure), learned)
    with closing(results):
        for batch, outcome in results:
            done += store.replace_records(outcome.docs, keep_indexed)
            failed += len(batch.errors) + len(outcome.failures)
            handled += batch.size
            if on_progress:
                on_progress(handled, len(ids))
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
    done, failed = _redo(store, todo, learned, on_progress)
    return {"template_outlets": len(learned.by_outlet),
            "template_lines": sum(len(v) for v in learned.by_outlet.values()),
            "recleaned": done, "reclean_failed": failed}


def reprocess_all(store: Store, *, outlet: str | None = None,
                  on_progress: Callable[[int, int], None] | None = None, configure: Callable | None = None,
                  runner: Executor | None = None) -> dict:
    """Process stored documents again from their raw bytes (after a Marsad upgrade): every document, or one
    outlet's, in this process or with `runner` (an executor: local worker processes, a Ray cluster). The outlet
    templates are counted afresh from the new line records, so what the old version stored cannot skew them.
    `configure` applies the settings in force (outlet names, dates, outlets per source) to each stored input, so
    that a corrected marsad.toml reaches the articles already stored."""
    ids = store.document_ids(outlet)
    # every document: the duplicate index will be rebuilt, so the texts it held are not kept
    done, failed = _redo(store, ids, templates.learned(store), on_progress, configure, runner,
                         keep_indexed=outlet is not None)
    store.reset_templates()
    return {"reprocessed": done, "failed": failed}
