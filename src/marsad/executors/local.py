"""Run the per-document pipeline over many inputs on one machine, in-process or in worker processes.

The reader runs in the main process and streams raw inputs; batches whose documents are all already stored
are skipped before any work (idempotent re-runs are cheap); the rest go to a process pool. Results come
back in input order and each batch is committed in one transaction, so a crash loses at most the batches in
flight and a re-run finishes the rest without duplicates.
"""

from __future__ import annotations

import gc
import itertools
import multiprocessing as mp
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from ..document import Document, ProcessingError, content_id
from ..pipeline import FatalInputError, make_document, process
from ..readers.sources import InputError, RawInput
from ..store.sqlite import Prepared, prepare

BATCH = 64


@dataclass
class Outcome:
    docs: list[Prepared] = field(default_factory=list)          # rows ready for the store
    failures: list[InputError] = field(default_factory=list)


@dataclass
class Report:
    seen: int = 0
    added: int = 0
    skipped: int = 0
    failed: int = 0
    warnings: int = 0
    elapsed: float = 0.0
    problems: list[tuple[str, str, str]] = field(default_factory=list)   # (kind, source, message)

    @property
    def rate(self) -> float:
        return self.seen / self.elapsed if self.elapsed else 0.0


def _to_document(item: RawInput, published=None, outlet=None) -> Document:
    return make_document(item.raw, source=item.source, fmt="jsonl" if item.format == "jsonl" else
                         ("text" if item.format == "text" else "html" if item.format in ("html", "warc") else item.format),
                         hints=item.hints, locator=item.locator, published=published, outlet=outlet)


def _init_worker() -> None:
    """Worker start: resources are loaded lazily by the stages; the collector is relaxed because a document
    creates many short-lived span objects and none of them form reference cycles worth chasing."""
    gc.set_threshold(50_000, 20, 20)


def _work(batch: list[tuple[RawInput, dict]]) -> Outcome:
    out = Outcome()
    for item, opts in batch:
        doc = _to_document(item, **opts)
        try:
            out.docs.append(prepare(process(doc)))
        except FatalInputError as exc:
            out.failures.append(InputError(item.source, str(exc), item.locator,
                                           raw=item.raw if len(item.raw) <= 1024 * 1024 else None, size=len(item.raw)))
    return out


def _batches(items: Iterable[RawInput | InputError], size: int) -> Iterator[list[RawInput | InputError]]:
    it = iter(items)
    while True:
        chunk = list(itertools.islice(it, size))
        if not chunk:
            return
        yield chunk


def run(items: Iterable[RawInput | InputError], *, store, workers: int = 1, run_id: int | None = None,
        published=None, outlet=None, on_progress: Callable[[int], None] | None = None,
        limit: int | None = None) -> Report:
    """Process and store every input. `on_progress(n)` is called with the number of inputs just handled."""
    report = Report()
    start = time.perf_counter()
    opts = {"published": published, "outlet": outlet}
    if limit is not None:
        items = itertools.islice(items, limit)

    def prepared() -> Iterator[tuple[list[tuple[RawInput, dict]], list[InputError], int]]:
        for chunk in _batches(items, BATCH):
            errors = [x for x in chunk if isinstance(x, InputError)]
            raws = [x for x in chunk if isinstance(x, RawInput)]
            known = store.known_ids(content_id(r.raw) for r in raws) if raws else set()
            todo = [(r, opts) for r in raws if content_id(r.raw) not in known]
            # the same bytes twice in one batch are one document
            seen_ids: set[str] = set()
            unique = []
            for r, o in todo:
                cid = content_id(r.raw)
                if cid not in seen_ids:
                    seen_ids.add(cid)
                    unique.append((r, o))
            yield unique, errors, len(chunk) - len(unique) - len(errors)

    def consume(outcome: Outcome, errors: list[InputError], skipped: int, n_items: int) -> None:
        failures = errors + outcome.failures
        added = store.add_prepared(outcome.docs, run_id)
        report.added += added
        report.skipped += skipped + (len(outcome.docs) - added)
        report.failed += len(failures)
        if failures:
            store.add_errors(failures, run_id)
            report.problems.extend(("error", f.source, f.message) for f in failures)
        notes = []
        for p in outcome.docs:
            for note in p.errors:
                notes.append(note)
                source, message, _, _, _, kind = note
                report.problems.append((kind, source, message))
                if kind == "warning":
                    report.warnings += 1
                else:
                    report.failed += 1
        if notes:
            store.add_errors(notes, run_id)
        report.seen += n_items
        if on_progress:
            on_progress(n_items)

    if workers <= 1:
        for todo, errors, skipped in prepared():
            consume(_work(todo), errors, skipped, len(todo) + len(errors) + skipped)
    else:
        ctx = mp.get_context("fork" if sys.platform.startswith("linux") else "spawn")
        with ctx.Pool(workers, initializer=_init_worker) as pool:
            pending: list[tuple[object, list[InputError], int, int]] = []
            for todo, errors, skipped in prepared():
                pending.append((pool.apply_async(_work, (todo,)), errors, skipped,
                                len(todo) + len(errors) + skipped))
                while len(pending) > workers * 3:
                    res, errs, sk, n = pending.pop(0)
                    consume(res.get(), errs, sk, n)
            for res, errs, sk, n in pending:
                consume(res.get(), errs, sk, n)
    report.elapsed = time.perf_counter() - start
    return report


__all__ = ["run", "Report", "ProcessingError"]
