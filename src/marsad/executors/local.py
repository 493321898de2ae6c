"""Run the per-document pipeline over many inputs on one machine, in-process or in worker processes.

The reader runs in the main process and streams raw inputs; inputs already stored are skipped before any
work (idempotent re-runs are cheap); the rest go to a process pool in batches. Results come back in input
order and each batch (documents, their notes and the batch's failed inputs) is committed in one transaction,
so a crash loses at most the batches in flight and a re-run finishes the rest without duplicates. A worker
that dies (out of memory, a crash in a C extension) costs its batch, which is recorded as failed, not the run.
"""

from __future__ import annotations

import gc
import itertools
import multiprocessing as mp
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from ..clean import templates
from ..clean.templates import Templates
from ..document import Document, content_id
from ..pipeline import PIPELINE_VERSION, FatalInputError, make_document, process_many
from ..readers.sources import InputError, RawInput
from ..store.records import Record, to_record

BATCH = 64


@dataclass
class Outcome:
    docs: list[Record] = field(default_factory=list)            # documents ready for the store
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
    if item.format == "warc" or item.format == "jsonl":
        fmt = "jsonl" if item.format == "jsonl" else ("html" if item.hints.get("content_is_html", True) else "text")
    else:
        fmt = item.format
    return make_document(item.raw, source=item.source, fmt=fmt, hints=item.hints, locator=item.locator,
                         published=published, outlet=outlet)


def _init_worker(learned: Templates | None = None) -> None:
    """Worker start: the outlets' learned templates are installed for the clean stage; other resources are
    loaded lazily by the stages; the collector is relaxed because a document creates many short-lived span
    objects and none of them form reference cycles worth chasing. Each worker is one process on one core:
    BLAS thread pools are limited to one thread, or the entity tagger's many small matrix products would
    fight the other workers for the cores (2 workers ran 3x slower than 1 before this). NumPy is imported
    first: threadpoolctl only limits libraries already loaded, and a limit set before the import is a no-op."""
    import numpy  # noqa: F401 - BLAS must be loaded for threadpoolctl to find and limit it
    from threadpoolctl import threadpool_limits
    threadpool_limits(1)
    templates.install(learned)
    gc.set_threshold(50_000, 20, 20)


def _work(batch: list[tuple[RawInput, dict]], fault: str | None = None) -> Outcome:
    """Process a batch. `fault` is for tests only: the worker dies on an input containing that marker
    (set MARSAD_FAULT_INJECT in the parent; it travels with the work, since pool workers do not see the
    parent's later environment)."""
    out = Outcome()
    if fault and any(fault.encode() in item.raw for item, _ in batch):
        os._exit(70)
    docs = [_to_document(item, **opts) for item, opts in batch]
    for (item, _), result in zip(batch, process_many(docs)):
        if isinstance(result, FatalInputError):
            out.failures.append(InputError(item.source, str(result), item.locator,
                                           raw=item.raw if len(item.raw) <= 1024 * 1024 else None, size=len(item.raw)))
        else:
            out.docs.append(to_record(result, PIPELINE_VERSION))
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
            ids = [content_id(r.raw) for r in raws]   # hashed once: the known-ids query and the loop share them
            known = store.known_ids(ids) if raws else set()
            seen_ids: set[str] = set()
            unique = []
            for r, cid in zip(raws, ids):        # the same bytes twice in one batch are one document
                if cid not in known and cid not in seen_ids:
                    seen_ids.add(cid)
                    unique.append((r, opts))
            yield unique, errors, len(chunk) - len(unique) - len(errors)

    def consume(outcome: Outcome, errors: list[InputError], skipped: int, n_items: int) -> None:
        failures = errors + outcome.failures
        added = set(store.add_records(outcome.docs, run_id, failures))
        report.added += len(added)
        report.skipped += skipped + (len(outcome.docs) - len(added))
        report.failed += len(failures)
        report.problems.extend(("error", f.source, f.message) for f in failures)
        for p in outcome.docs:
            if p.id not in added:
                continue                          # stored by another batch or run: its notes are there already
            kinds = {note[3] for note in p.notes}
            report.problems.extend((note[3], note[0], note[1]) for note in p.notes)
            if "error" in kinds:
                report.failed += 1                # one failed input, however many of its stages failed
            elif "warning" in kinds:
                report.warnings += 1
        report.seen += n_items
        if on_progress:
            on_progress(n_items)

    learned = templates.learned(store)        # what the store has learned of each outlet's boilerplate so far
    if workers <= 1:
        import numpy  # noqa: F401 - loaded before the limit, as in _init_worker
        from threadpoolctl import threadpool_limits

        templates.install(learned)
        with threadpool_limits(1):          # one worker is one core: a second BLAS thread only spins
            for todo, errors, skipped in prepared():
                consume(_work(todo), errors, skipped, len(todo) + len(errors) + skipped)
    else:
        _run_pool(prepared(), consume, workers, os.environ.get("MARSAD_FAULT_INJECT"), learned)
    report.elapsed = time.perf_counter() - start
    return report


def _crashed(todo: list[tuple[RawInput, dict]], reason: str) -> Outcome:
    return Outcome(failures=[InputError(item.source, f"worker process died while processing this input's batch "
                                                     f"({reason})", item.locator,
                                        raw=item.raw if len(item.raw) <= 1024 * 1024 else None, size=len(item.raw))
                             for item, _ in todo])


def _run_pool(batches, consume, workers: int, fault: str | None = None, learned: Templates | None = None) -> None:
    """Batches through a pool of worker processes, at most a few in flight, consumed in input order.

    Workers come from a fork server (not a fork of this process, whose progress-bar thread and open
    database a fork would copy mid-flight). If a worker dies, the pool is broken: the batches in flight are
    recorded as failed inputs and a new pool takes over."""
    ctx = mp.get_context("forkserver" if sys.platform.startswith("linux") else "spawn")

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker, initargs=(learned,))

    pool = new_pool()
    pending: deque[tuple[Future, list, list[InputError], int]] = deque()

    def drain_one() -> None:
        nonlocal pool
        fut, todo, errs, skipped = pending.popleft()
        try:
            outcome = fut.result()
        except BrokenProcessPool:
            # every batch in flight fails with the pool, not only the one that killed it: retry this batch
            # alone on a fresh pool, and only if it kills that one too, record its inputs as failed
            retry = [(t, e, sk) for _, t, e, sk in pending]
            pending.clear()
            pool.shutdown(cancel_futures=True)
            pool = new_pool()
            try:
                outcome = pool.submit(_work, todo, fault).result()
            except BrokenProcessPool:
                # it was this batch: run its inputs one by one, so only the input that kills a worker is lost
                outcome = Outcome()
                pool.shutdown(cancel_futures=True)
                pool = new_pool()
                for one in todo:
                    try:
                        single = pool.submit(_work, [one], fault).result()
                    except BrokenProcessPool:
                        single = _crashed([one], "it was retried alone and the worker died again")
                        pool.shutdown(cancel_futures=True)
                        pool = new_pool()
                    outcome.docs.extend(single.docs)
                    outcome.failures.extend(single.failures)
            for t, e, sk in retry:
                pending.append((pool.submit(_work, t, fault), t, e, sk))
        consume(outcome, errs, skipped, len(todo) + len(errs) + skipped)

    try:
        for todo, errors, skipped in batches:
            pending.append((pool.submit(_work, todo, fault), todo, errors, skipped))
            while len(pending) > workers * 3:
                drain_one()
        while pending:
            drain_one()
    finally:
        pool.shutdown(cancel_futures=True)


__all__ = ["run", "Report"]
