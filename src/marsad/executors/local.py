"""Run the per-document pipeline over many inputs on one machine, in-process or in worker processes.

The reader runs in the main process and streams raw inputs; inputs already stored are skipped before any
work (idempotent re-runs are cheap); the rest go to a process pool in batches. Results come back in input
order and each batch (documents, their notes and the batch's failed inputs) is committed in one transaction,
so a crash loses at most the batches in flight and a re-run finishes the rest without duplicates. A worker
that dies (out of memory, a crash in a C extension) costs its batch, which is recorded as failed, not the run.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import multiprocessing as mp
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from ..clean import templates
from ..clean.templates import Templates
from ..document import Document, content_id
from ..pipeline import PIPELINE_VERSION, FatalInputError, make_document, process_many
from ..readers.sources import InputError, RawInput
from ..store.records import Record, to_record
from .lifeline import die_with_parent

BATCH = 64
BATCH_BYTES = 8 * 1024 * 1024
IN_FLIGHT_BYTES = 64 * 1024 * 1024     # raw input sent to workers and not yet stored
KEEP_PROBLEMS = 1000


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
    interrupted: str | None = None     # the signal that stopped the run (SIGINT, SIGTERM, SIGHUP)
    stopped: str | None = None         # why the store stopped taking documents (a full disk …)

    n_problems: int = 0                # all of them; `problems` keeps the first KEEP_PROBLEMS

    def note(self, kind: str, source: str, message: str) -> None:
        """A problem for the summary: counted always, kept for the first KEEP_PROBLEMS (all are in the store)."""
        self.n_problems += 1
        if len(self.problems) < KEEP_PROBLEMS:
            self.problems.append((kind, source, message))

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
    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)      # Ctrl-C is the main process's to handle: it stops us
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


def _batches(items: Iterable[RawInput | InputError], size: int,
             max_bytes: int = BATCH_BYTES) -> Iterator[list[RawInput | InputError]]:
    """Batches of at most `size` inputs and, past the first, `max_bytes` of raw input: 64 pages of 19 MB
    each in one batch (and a few such batches in flight) would hold gigabytes at once."""
    chunk: list[RawInput | InputError] = []
    held = 0
    for item in items:
        weight = len(item.raw) if isinstance(item, RawInput) else 0
        if chunk and (len(chunk) >= size or held + weight > max_bytes):
            yield chunk
            chunk, held = [], 0
        chunk.append(item)
        held += weight
    if chunk:
        yield chunk


class Interrupted(BaseException):
    """A signal (SIGINT, SIGTERM, SIGHUP) stopped the run; the message is its name. A BaseException, as
    KeyboardInterrupt is: the handlers that turn any error of one input into a recorded error (a reader's, a
    stage's) must not swallow it and go on."""


class StoreFailed(Exception):
    """The store could not take a batch (a full disk, a lost server): the run stops, what is stored stays."""


class Signals:
    """SIGINT, SIGTERM and SIGHUP as `Interrupted`, raised in the main thread, except inside `deferred()`
    (a batch being committed and counted), where the signal waits for the block to end: the run's counts
    then always match what the store holds."""

    def __init__(self) -> None:
        self.pending: str | None = None
        self.depth = 0

    def handler(self, signum, frame) -> None:
        name = signal.Signals(signum).name
        if self.depth:
            self.pending = self.pending or name
            return
        raise Interrupted(name)

    @contextlib.contextmanager
    def deferred(self):
        self.depth += 1
        try:
            yield
        finally:
            self.depth -= 1
            if not self.depth and self.pending:
                name, self.pending = self.pending, None
                raise Interrupted(name)


@contextlib.contextmanager
def stop_on_signals():
    """Signals that stop a run (see `Signals`) while the block runs. Outside the main thread, where Python
    delivers no signal, signals are left as they are and `deferred()` does nothing."""
    signals = Signals()
    if threading.current_thread() is not threading.main_thread():
        yield signals
        return
    # a signal the caller ignores stays ignored: `nohup marsad ingest …` must survive its terminal closing
    previous = {sig: signal.signal(sig, signals.handler) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
                if signal.getsignal(sig) is not signal.SIG_IGN}
    try:
        yield signals
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def run(items: Iterable[RawInput | InputError], *, store, workers: int = 1, run_id: int | None = None,
        published=None, outlet=None, on_progress: Callable[[int], None] | None = None,
        limit: int | None = None, report: Report | None = None) -> Report:
    """Process and store every input. `on_progress(n)` is called with the number of inputs just handled.

    Never raises for what happens to one input. A signal (Ctrl-C, SIGTERM) or a store that stops taking
    writes ends the run early: the workers are stopped, every batch already committed stays, and the report
    says why (`interrupted`, `stopped`); running the same command again resumes, since stored inputs are
    skipped. Pass `report` to keep the counts even if something unforeseen escapes."""
    report = report if report is not None else Report()
    start = time.perf_counter()
    try:
        with stop_on_signals() as signals:
            _run(items, store, workers, run_id, {"published": published, "outlet": outlet}, on_progress,
                 limit, report, signals)
    except KeyboardInterrupt:
        report.interrupted = "SIGINT"
    except Interrupted as exc:
        report.interrupted = str(exc)
    except StoreFailed as exc:
        report.stopped = str(exc)
    report.elapsed = time.perf_counter() - start
    return report


def _run(items, store, workers: int, run_id: int | None, opts: dict, on_progress, limit: int | None,
         report: Report, signals: Signals) -> None:
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
        with signals.deferred():
            try:
                added = set(store.add_records(outcome.docs, run_id, failures))
            except Exception as exc:  # noqa: BLE001 - the batch was rolled back; nothing half-written stays
                raise StoreFailed(f"{exc.__class__.__name__}: {str(exc).strip()}") from exc
            _count(report, outcome, added, failures, skipped, n_items)
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


def _count(report: Report, outcome: Outcome, added: set[str], failures: list[InputError], skipped: int,
           n_items: int) -> None:
    report.added += len(added)
    report.skipped += skipped + (len(outcome.docs) - len(added))
    report.failed += len(failures)
    for f in failures:
        report.note("error", f.source, f.message)
    for p in outcome.docs:
        if p.id not in added:
            continue                          # stored by another batch or run: its notes are there already
        kinds = {note[3] for note in p.notes}
        for note in p.notes:
            report.note(note[3], note[0], note[1])
        if "error" in kinds:
            report.failed += 1                # one failed input, however many of its stages failed
        elif "warning" in kinds:
            report.warnings += 1
    report.seen += n_items


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
    if ctx.get_start_method() == "forkserver":
        ctx.set_forkserver_preload([f"{__package__}.forkserver_lifeline"])

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
            while len(pending) > workers * 3 or len(pending) > 1 and _held(pending) > IN_FLIGHT_BYTES:
                drain_one()
        while pending:
            drain_one()
    except BaseException:
        _stop(pool)                 # interrupted, or the store failed: the work in flight is not waited for
        raise
    pool.shutdown(cancel_futures=True)


def _held(pending) -> int:
    return sum(len(item.raw) for _, todo, _, _ in pending for item, _ in todo)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop a pool now: its workers are terminated rather than waited for (one may be minutes into a long
    document). Batches in flight are not stored; running the same command again does them.

    The pool's feeder thread may be writing a batch into the pipe the workers read: with them gone, and the
    read end still open in this process, it would wait forever, and so would the shutdown (seen once in a few
    runs). Closing that read end here, as the pool itself does when it finds a worker dead (CPython gh-94777),
    makes the write fail instead."""
    # never raises: it runs while an interruption or a store failure is on its way up, which must stay the
    # reason the run reports
    procs = list((getattr(pool, "_processes", None) or {}).values())
    with _quiet_threads(pool):
        for step in (*(p.terminate for p in procs), *(lambda p=p: _join_or_kill(p) for p in procs),
                     lambda: _close_reader(pool), lambda: pool.shutdown(wait=True, cancel_futures=True)):
            try:
                step()
            except Exception:  # noqa: BLE001 - a pool half torn down may complain; it is going away
                pass


@contextmanager
def _quiet_threads(pool: ProcessPoolExecutor):
    """While the pool is torn down under them, its own threads (the manager, the call queue's feeder) may fail on
    a pipe just closed and print a traceback (seen once in a few dozen interrupted runs on a loaded machine):
    that is the teardown, not a fault to report. Other threads' failures are printed as ever."""
    own = {getattr(pool, "_executor_manager_thread", None), getattr(getattr(pool, "_call_queue", None), "_thread",
                                                                      None)} - {None}
    previous = threading.excepthook

    def hook(args):
        if args.thread not in own:
            previous(args)

    threading.excepthook = hook
    try:
        yield
    finally:
        threading.excepthook = previous


def _join_or_kill(proc) -> None:
    proc.join(5)
    if proc.is_alive():
        proc.kill()


def _close_reader(pool: ProcessPoolExecutor) -> None:
    reader = getattr(getattr(pool, "_call_queue", None), "_reader", None)
    if reader is not None:
        reader.close()


__all__ = ["run", "Report"]
