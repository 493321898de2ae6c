"""Run the per-document stages over many inputs on one machine, in this process or in worker processes.

The reader runs in the main process and streams raw inputs; what a run shares with every executor (batches,
the skip of stored inputs, one transaction per batch, counting, signals) is in base.py. With one worker the
stages run here; with more, batches go to a process pool, at most a few in flight, and come back in input
order. A worker that dies (out of memory, a crash in a C extension) costs its batch, which is retried alone
and then input by input, so only the input that kills a worker is recorded as failed, not the run.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from ..clean import templates
from ..clean.templates import Templates
from ..document import Document
from ..pipeline import PIPELINE_VERSION, FatalInputError, make_document, process_many
from ..readers.sources import InputError, RawInput
from ..store.records import to_record
from .base import (BATCH, BATCH_BYTES, IN_FLIGHT_BYTES, KEEP_PROBLEMS, Batch, Executor, InFlight,  # noqa: F401
                   Interrupted, Outcome, Report, Signals, StoreFailed, Work, failed_inputs, ingest, injected_fault,
                   salvage, stop_on_signals)
from .base import batches as _batches  # noqa: F401 - the name tests and older callers know
from .lifeline import die_with_parent


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


def _work(batch: Work, fault: str | None = None) -> Outcome:
    """Process a batch. `fault` is for tests only: the worker dies on an input containing that marker
    (set MARSAD_FAULT_INJECT in the parent; it travels with the work, since pool workers do not see the
    parent's later environment)."""
    out = Outcome()
    if fault and any(fault.encode() in item.raw for item, _ in batch):
        os._exit(70)
    docs, made = [], []
    for pair in batch:
        try:
            docs.append(_to_document(pair[0], **pair[1]))
            made.append(pair)
        except ValueError as exc:         # a stored date that no longer parses (reprocess): this input fails alone
            out.extend(failed_inputs([pair], f"{exc.__class__.__name__}: {exc}"))
    for pair, result in zip(made, process_many(docs)):
        if isinstance(result, FatalInputError):
            out.extend(failed_inputs([pair], str(result)))
        else:
            out.docs.append(to_record(result, PIPELINE_VERSION))
    return out


WORKER_DIED = "worker process died while processing this input's batch (it was retried alone and the worker " \
              "died again)"


class InProcess(Executor):
    """One worker: the stages run in this process, between the reads and the commits."""

    def run(self, batches: Iterable[Batch], learned: Templates) -> Iterator[tuple[Batch, Outcome]]:
        import numpy  # noqa: F401 - loaded before the limit, as in _init_worker
        from threadpoolctl import threadpool_limits

        templates.install(learned)
        with threadpool_limits(1):          # one worker is one core: a second BLAS thread only spins
            for batch in batches:
                yield batch, _work(batch.todo)


class Pool(InFlight):
    """Batches through a pool of worker processes, handed back in input order (see `InFlight`).

    Workers come from a fork server (not a fork of this process, whose progress-bar thread and open
    database a fork would copy mid-flight), which loads the stages' models once before it forks any (warm.py).
    If a worker dies, the pool is broken: every batch in flight fails with it, not only the one that killed
    it, so the oldest batch is retried alone on a fresh pool (then input by input) and the others are
    submitted again."""

    def __init__(self, workers: int, fault: str | None = None) -> None:
        self.workers, self.fault = workers, fault
        self.ctx = worker_context()
        self.pool: ProcessPoolExecutor | None = None
        self.learned: Templates | None = None

    def start(self, learned: Templates) -> None:
        self.learned = learned
        self._renew()

    def rest(self) -> None:
        """The workers stop for the pause (a corpus pass runs in a process of its own, and the workers' models and
        per-word caches, 420 MB each by 26,000 articles, would sit beside it). A shutdown that waits finishes the
        batches in flight first; their outcomes stay in their futures for `next`, and the next batch starts fresh
        workers from the fork server."""
        if self.pool is None:
            return
        self.pool.shutdown(wait=True)
        self.pool = None

    def submit(self, todo: Work) -> Future:
        """A broken pool refuses work at once (a batch sent after one killed a worker, before its result was
        read): the batch gets a future that fails as its batch would have, and `next` retries it as any other."""
        if self.pool is None:
            self._renew()
        try:
            return self.pool.submit(_work, todo, self.fault)
        except BrokenProcessPool as exc:
            failed: Future = Future()
            failed.set_exception(exc)
            return failed

    def next(self, pending: deque) -> Iterator[tuple[Batch, Outcome]]:
        fut, batch = pending.popleft()
        try:
            outcome = fut.result()
        except BrokenProcessPool:
            retry = [b for _, b in pending]
            pending.clear()
            self._renew()
            outcome = salvage(batch.todo, self._attempt, (BrokenProcessPool,), lambda exc: WORKER_DIED)
            pending.extend((self.submit(b.todo) if b.todo else None, b) for b in retry)
        yield batch, outcome

    def abort(self, pending: deque) -> None:
        if self.pool is not None:
            _stop(self.pool)
        self.pool = None

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)

    def _renew(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
        self.pool = EagerPool(self.workers, mp_context=self.ctx, initializer=_init_worker, initargs=(self.learned,))

    def _attempt(self, todo: Work) -> Outcome:
        """`todo` on the pool, waited for; a worker that dies leaves a fresh pool behind for the next try."""
        try:
            return self.submit(todo).result()
        except BrokenProcessPool:
            self._renew()
            raise


class EagerPool(ProcessPoolExecutor):
    """A process pool that starts all its workers with the first batch, as it does with "fork", never one at a time
    as batches come in (its way with a fork server in Python 3.11). Why: a worker that dies while `submit` is
    starting another (a pool just renewed after a worker died, sent the retried batches one after the other) left
    the new worker outside the broken pool's list: it was never told to stop, blocked writing its result to a pipe
    nobody read, and the pool's shutdown waited for it for ever (the crash test hung in 1 to 2 runs in 40 on a loaded
    machine; CPython 3.14 guards its spawn paths against a like race, gh-119592). Started together before the
    pool's manager thread, every worker is on the list a broken pool stops."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._safe_to_dynamically_spawn_children = False     # read by submit and the first start (CPython 3.11)


def worker_context():
    """Where worker processes come from: the warm fork server on Linux (it dies with us, and loads the stages'
    models once before it forks any: warm.py), a fresh interpreter elsewhere."""
    ctx = mp.get_context("forkserver" if sys.platform.startswith("linux") else "spawn")
    if ctx.get_start_method() == "forkserver":
        ctx.set_forkserver_preload([f"{__package__}.forkserver_lifeline", f"{__package__}.warm"])
    return ctx


def executor(workers: int = 1) -> Executor:
    """The local executor for `workers` processes."""
    return InProcess() if workers <= 1 else Pool(workers, injected_fault())


def run(items: Iterable[RawInput | InputError], *, store, workers: int = 1, run_id: int | None = None,
        published=None, outlet=None, on_progress: Callable[[int], None] | None = None,
        limit: int | None = None, report: Report | None = None) -> Report:
    """Process and store every input on this machine (see `base.ingest`: what a run does whatever runs it)."""
    return ingest(executor(workers), items, store=store, run_id=run_id, published=published, outlet=outlet,
                  on_progress=on_progress, limit=limit, report=report)


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


__all__ = ["run", "executor", "Report", "Interrupted", "stop_on_signals"]
