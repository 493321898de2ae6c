"""What every executor shares: batches in, stored documents out.

An executor only decides where the per-document stages run (this process, a pool of worker processes, a Ray
cluster). Everything around that is the same for all of them and lives here, so that a run means the same thing
whichever executor did it: inputs are cut into batches bounded in count and bytes; inputs already stored are
skipped before any work (idempotent re-runs are cheap); each batch's documents, notes and failed inputs are
committed in one transaction, in input order, and counted for the run's report; a signal or a store that stops
taking writes ends the run with every committed batch kept. Fault injection lives in the tests, not here.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import signal
import threading
import time
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from ..clean import templates
from ..clean.templates import Templates
from ..document import content_id
from ..readers.sources import KEEP_ERROR_BYTES, InputError, RawInput
from ..store.records import Record

BATCH = 64
BATCH_BYTES = 8 * 1024 * 1024
IN_FLIGHT_BYTES = 64 * 1024 * 1024     # raw input sent to workers and not yet stored
KEEP_PROBLEMS = 1000
FAULT_ENV = "MARSAD_FAULT_INJECT"      # tests only: a worker dies on an input holding this marker (local._work)


@dataclass
class Outcome:
    docs: list[Record] = field(default_factory=list)            # documents ready for the store
    failures: list[InputError] = field(default_factory=list)

    def extend(self, other: Outcome) -> None:
        self.docs.extend(other.docs)
        self.failures.extend(other.failures)


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
    corpus_seconds: dict[str, float] = field(default_factory=dict)     # per corpus stage, over every pass

    def note(self, kind: str, source: str, message: str) -> None:
        """A problem for the summary: counted always, kept for the first KEEP_PROBLEMS (all are in the store)."""
        self.n_problems += 1
        if len(self.problems) < KEEP_PROBLEMS:
            self.problems.append((kind, source, message))

    @property
    def rate(self) -> float:
        return self.seen / self.elapsed if self.elapsed else 0.0


Work = list[tuple[RawInput, dict]]      # inputs to process, each with its make_document options


@dataclass
class Batch:
    """One batch as the executors see it: the inputs to process (`todo`), the reader's errors that travel with
    them to the store, and how many inputs were skipped as already stored. `size` is what the progress counts."""

    todo: Work
    errors: list[InputError]
    skipped: int

    @property
    def size(self) -> int:
        return len(self.todo) + len(self.errors) + self.skipped

    @property
    def held(self) -> int:
        """Raw bytes of the inputs to process: what a batch in flight holds in memory."""
        return sum(len(item.raw) for item, _ in self.todo)


class Interrupted(BaseException):
    """A signal (SIGINT, SIGTERM, SIGHUP) stopped the run; the message is its name. A BaseException, as
    KeyboardInterrupt is: the handlers that turn any error of one input into a recorded error (a reader's, a
    stage's) must not swallow it and go on."""


class StoreFailed(Exception):
    """The store could not take a batch (a full disk, a lost server): the run stops, what is stored stays."""


class Executor(ABC):
    """Where the per-document stages run. `run(batches, learned)` yields each batch with its outcome (documents
    ready for the store, failed inputs), in input order; `ingest` stores them. An executor never stores and
    never counts: that is the same for all of them. When the consumer stops early (a signal, a failed store),
    the generator is closed and must stop its work in flight without waiting for it."""

    workers: int = 1

    @abstractmethod
    def run(self, batches: Iterable[Batch], learned: Templates) -> Iterator[tuple[Batch, Outcome]]:
        """Process every batch, with the outlets' learned templates installed where the stages run."""

    def rest(self) -> None:
        """Called between two batches the run hands back, before a long pause in taking them (a corpus pass): an
        executor may let go of what its workers hold meanwhile. Work in flight is not lost."""


class InFlight(Executor):
    """An executor that keeps a few batches in flight (at most 3 per worker, and IN_FLIGHT_BYTES of raw input,
    so memory does not grow with the input) and hands them back in input order. A subclass submits a batch's
    inputs (`submit`, returning a handle), waits for the oldest (`next`), and stops what is in flight when the
    run stops early (`abort`); `start` and `close` bracket the run."""

    def run(self, batches: Iterable[Batch], learned: Templates) -> Iterator[tuple[Batch, Outcome]]:
        self.start(learned)
        pending: deque[tuple[object, Batch]] = deque()
        try:
            for batch in batches:
                pending.append((self.submit(batch.todo) if batch.todo else None, batch))
                while len(pending) > self.workers * 3 or len(pending) > 1 and \
                        sum(b.held for _, b in pending) > IN_FLIGHT_BYTES:
                    yield from self._oldest(pending)
            while pending:
                yield from self._oldest(pending)
        except BaseException:
            self.abort(pending)      # interrupted, or the store failed: the work in flight is not waited for
            raise
        finally:
            self.close()

    def _oldest(self, pending: deque[tuple[object, Batch]]) -> Iterator[tuple[Batch, Outcome]]:
        """A batch with nothing to process (all of it stored already, or unreadable) is not sent to a worker:
        a re-run of a stored archive costs reading it, not a round trip per batch."""
        if pending[0][0] is None:
            yield pending.popleft()[1], Outcome()
        else:
            yield from self.next(pending)

    def start(self, learned: Templates) -> None:
        """Before the first batch: workers get the outlets' learned templates."""

    @abstractmethod
    def submit(self, todo: Work) -> object:
        """Start work on `todo`; the handle comes back to `next` with its batch."""

    @abstractmethod
    def next(self, pending: deque[tuple[object, Batch]]) -> Iterator[tuple[Batch, Outcome]]:
        """Take the oldest batch off `pending` and yield it with its outcome (once)."""

    @abstractmethod
    def abort(self, pending: deque[tuple[object, Batch]]) -> None:
        """Stop the work in flight now, without waiting for it; never raises."""

    def close(self) -> None:
        """After the run, however it ended."""


def injected_fault() -> str | None:
    """The tests' fault marker (FAULT_ENV), read in the main process: workers (a pool's, a cluster's) do not
    see its environment, so the marker travels with the work."""
    return os.environ.get(FAULT_ENV) or None


def failed_inputs(todo: Work, message: str) -> Outcome:
    """Every input of `todo` as a failed input with `message`, its raw bytes kept when small enough."""
    return Outcome(failures=[InputError(item.source, message, item.locator,
                                        raw=item.raw if len(item.raw) <= KEEP_ERROR_BYTES else None,
                                        size=len(item.raw))
                             for item, _ in todo])


def salvage(todo: Work, attempt: Callable[[Work], Outcome], crashes: tuple[type[BaseException], ...],
            message: Callable[[BaseException], str]) -> Outcome:
    """A batch whose worker died (or whose task failed): tried again alone, and if that fails too, input by
    input, so that only the inputs that fail on their own are lost. `attempt` runs a list of inputs and raises
    one of `crashes` when its worker dies; `message` says why an input was given up."""
    try:
        return attempt(todo)
    except crashes:
        pass
    outcome = Outcome()
    for one in todo:
        try:
            outcome.extend(attempt([one]))
        except crashes as exc:
            outcome.extend(failed_inputs([one], message(exc)))
    return outcome


def _raw_bytes(item: RawInput | InputError) -> int:
    return len(item.raw) if isinstance(item, RawInput) else 0


def batches(items: Iterable, size: int, max_bytes: int = BATCH_BYTES,
            weight: Callable[[object], int] = _raw_bytes) -> Iterator[list]:
    """Batches of at most `size` inputs and, past the first, `max_bytes` of raw input (`weight`: an item's bytes):
    64 pages of 19 MB each in one batch (and a few such batches in flight) would hold gigabytes at once."""
    chunk: list = []
    held = 0
    for item in items:
        n = weight(item)
        if chunk and (len(chunk) >= size or held + n > max_bytes):
            yield chunk
            chunk, held = [], 0
        chunk.append(item)
        held += n
    if chunk:
        yield chunk


def new_work(items: Iterable[RawInput | InputError], store, opts: dict) -> Iterator[Batch]:
    """Batches of the inputs the store does not hold yet: an input whose bytes are stored is skipped before
    any work, and the same bytes twice in one batch are one document."""
    for chunk in batches(items, BATCH):
        errors = [x for x in chunk if isinstance(x, InputError)]
        raws = [x for x in chunk if isinstance(x, RawInput)]
        ids = [content_id(r.raw) for r in raws]   # hashed once: the known-ids query and the loop share them
        known = store.known_ids(ids) if raws else set()
        seen_ids: set[str] = set()
        unique = []
        for r, cid in zip(raws, ids):
            if cid not in known and cid not in seen_ids:
                seen_ids.add(cid)
                unique.append((r, opts))
        yield Batch(unique, errors, len(chunk) - len(unique) - len(errors))


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


def ingest(executor: Executor, items: Iterable[RawInput | InputError], *, store, run_id: int | None = None,
           published=None, outlet=None, on_progress: Callable[[int], None] | None = None,
           limit: int | None = None, report: Report | None = None) -> Report:
    """Process and store every input with `executor`. `on_progress(n)` is called with the number of inputs
    just handled.

    Never raises for what happens to one input. A signal (Ctrl-C, SIGTERM) or a store that stops taking
    writes ends the run early: the work in flight is stopped, every batch already committed stays, and the
    report says why (`interrupted`, `stopped`); running the same command again resumes, since stored inputs
    are skipped. Pass `report` to keep the counts even if something unforeseen escapes."""
    report = report if report is not None else Report()
    start = time.perf_counter()
    try:
        with stop_on_signals() as signals:
            _ingest(executor, items, store, run_id, {"published": published, "outlet": outlet}, on_progress,
                    limit, report, signals)
    except KeyboardInterrupt:
        report.interrupted = "SIGINT"
    except Interrupted as exc:
        report.interrupted = str(exc)
    except StoreFailed as exc:
        report.stopped = str(exc)
    report.elapsed = time.perf_counter() - start
    return report


def _ingest(executor: Executor, items, store, run_id: int | None, opts: dict, on_progress, limit: int | None,
            report: Report, signals: Signals) -> None:
    if limit is not None:
        items = itertools.islice(items, limit)
    learned = templates.learned(store)        # what the store has learned of each outlet's boilerplate so far
    results = executor.run(new_work(items, store, opts), learned)
    with contextlib.closing(results):        # an early stop closes it: the executor stops its work in flight
        for batch, outcome in results:
            commit(store, batch, outcome, run_id, report, signals)
            if on_progress:
                on_progress(batch.size)


def commit(store, batch: Batch, outcome: Outcome, run_id: int | None, report: Report, signals: Signals) -> None:
    """One batch into the store in one transaction, and into the report; a signal waits until both are done."""
    failures = batch.errors + outcome.failures
    with signals.deferred():
        try:
            added = set(store.add_records(outcome.docs, run_id, failures))
        except Exception as exc:  # noqa: BLE001 - the batch was rolled back; nothing half-written stays
            raise StoreFailed(f"{exc.__class__.__name__}: {str(exc).strip()}") from exc
        count(report, outcome, added, failures, batch.skipped, batch.size)


def count(report: Report, outcome: Outcome, added: set[str], failures: list[InputError], skipped: int,
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


__all__ = ["BATCH", "BATCH_BYTES", "IN_FLIGHT_BYTES", "Batch", "Executor", "InFlight", "Interrupted", "Outcome",
           "Report", "StoreFailed", "batches", "failed_inputs", "ingest", "salvage", "stop_on_signals"]
