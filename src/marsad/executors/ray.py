"""Run the per-document stages as Ray tasks: beyond one machine, an archive of millions of pages.

The driver (the `marsad ingest` process) reads the inputs and cuts them into batches as the local executor
does (base.py); each batch becomes one Ray task running the same stages (`local._work`), which writes the
batch's analyzed documents as a Parquet shard into a stage directory and returns the shard's path with the
batch's failed inputs. The driver loads the shards into the store in input order, one transaction per batch,
and deletes each shard once stored. At most `3 × workers` batches (and IN_FLIGHT_BYTES of raw input) are in
flight, so memory does not grow with the archive. A task that fails, or whose worker dies, costs only its
batch, which is tried again alone and then input by input; what still fails is recorded as failed inputs.

On a cluster of several machines the stage directory must be shared storage (NFS, a cluster file system)
mounted at the same path on every machine, and Marsad installed on each.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..clean.templates import Templates
from ..readers.sources import InputError
from .base import Batch, InFlight, Interrupted, Outcome, StoreFailed, Work, injected_fault, salvage
from .local import WORKER_DIED, _init_worker, _work
from .shards import read_shard, write_shard

PYPI_PIN = "ray==2.60.0"
CONNECT_S = 5.0               # to reach a cluster's head
POLL_S = 0.02                 # between looks at the oldest task: a signal stops the run within this


class RayUnavailable(RuntimeError):
    """Ray is not installed, would not start, or the cluster cannot be reached: said in one line."""


def _ray():
    try:
        import ray
    except ImportError:
        raise RayUnavailable(f"--executor ray needs the ray package, not installed here: pip install "
                             f"{PYPI_PIN} (pinned in requirements.lock; scripts/setup.sh installs it)") from None
    return ray


@contextmanager
def cluster(workers: int, address: str | None = None):
    """Ray for the length of the block. Without `address`, a Ray of this machine only, shut down at the end:
    `workers` CPUs, no dashboard, no usage report, nothing sent off the machine (its processes do listen on all
    of the machine's addresses, which Ray has no setting against, behind Ray's token authentication). With
    `address`, the cluster there, left running. A Ray this process started already (a notebook, the tests) is
    used as it is, whatever `address` says. Yields the number of CPUs the tasks can use."""
    ray = _ray()
    if ray.is_initialized():
        yield int(ray.cluster_resources().get("CPU", workers))
        return
    _connect(ray, workers, address)
    try:
        yield int(ray.cluster_resources().get("CPU", workers))
    finally:
        ray.shutdown()


def _connect(ray, workers: int, address: str | None) -> None:
    """ray.init, which sets a SIGTERM handler of its own (it exits the process): the caller's is put back, so
    that SIGTERM still stops a run with what is committed kept."""
    main = threading.current_thread() is threading.main_thread()
    previous = signal.getsignal(signal.SIGTERM) if main else None
    options = {"include_dashboard": False, "logging_level": logging.ERROR, "log_to_driver": False}
    _notices_to_stderr()
    try:
        if address is None:
            os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")    # no report of this run leaves the machine
            ray.init(address="local", num_cpus=workers, _node_ip_address="127.0.0.1", **options)
        else:
            _reachable(address)
            ray.init(address=address, **options)
    except RayUnavailable:
        raise
    except Exception as exc:  # noqa: BLE001 - Ray raises many kinds (ConnectionError, RuntimeError, ValueError …)
        where = f"the Ray cluster at {address}" if address else "a local Ray"
        raise RayUnavailable(f"cannot start or reach {where}: {exc.__class__.__name__}: "
                             f"{str(exc).strip().splitlines()[0] if str(exc).strip() else 'no reason given'}") \
            from None
    finally:
        if main and previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _notices_to_stderr() -> None:
    """Ray prints what its raylets report to the driver (a worker that died) on stdout, where `marsad ingest
    --json` writes its summary and nothing else: sent to stderr instead. Ray has no setting for it; its printer
    is a module function its listener thread looks up on each message, wrapped here (if it is still there)."""
    worker = sys.modules.get("ray._private.worker")
    printer = getattr(worker, "print_to_stdstream", None)
    if printer is None or getattr(printer, "to_stderr", False):
        return

    def to_stderr(data: dict, *args, **kwargs) -> None:
        printer({**data, "is_err": True}, *args, **kwargs)

    to_stderr.to_stderr = True
    worker.print_to_stdstream = to_stderr


def _reachable(address: str) -> None:
    """A quick look before ray.init, which tries an address that does not answer for minutes (20 tries of 40 s
    each, measured) before it gives up."""
    if address == "auto":                 # the cluster `ray start` left on this machine: Ray finds it
        return
    host, sep, port = address.split("://", 1)[-1].rpartition(":")
    if not sep or not host or not port.isdigit():
        raise RayUnavailable(f"--address expects HOST:PORT (the head's port, 6379 unless changed) or "
                             f"ray://HOST:PORT, not {address!r}")
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=CONNECT_S).close()
    except OSError as exc:
        raise RayUnavailable(f"cannot reach the Ray cluster at {address}: {exc.strerror or exc}") from None


_worker_run: str | None = None      # the run whose templates this worker process has installed


def _task(todo: Work, fault: str | None, shard: str, run_key: str, learned_ref: list) -> tuple[str | None,
                                                                                                list[InputError]]:
    """One batch in a Ray worker: the stages, then the documents into a shard. The worker is set up once per
    run, as local's pool workers are (templates, one BLAS thread); `learned_ref` is a list so that Ray hands the
    reference over instead of the templates themselves on every task."""
    global _worker_run
    if _worker_run != run_key:
        _init_worker(_ray().get(learned_ref[0]))
        _worker_run = run_key
    outcome = _work(todo, fault)
    path = write_shard(outcome.docs, Path(shard)) if outcome.docs else None
    return (str(path) if path else None), outcome.failures


class RayExecutor(InFlight):
    """Batches as Ray tasks writing Parquet shards into `stage_dir` (a run's own folder is made in it, and
    removed at the end); see the module's docstring."""

    def __init__(self, workers: int, stage_dir: str | Path | None = None) -> None:
        self.workers, self.stage_dir, self.fault = max(1, workers), stage_dir, injected_fault()
        self.ray = _ray()
        self.remote = self.ray.remote(max_retries=0, num_cpus=1)(_task)    # retries are ours: batch, then input
        self.stage: Path | None = None
        self.key, self.learned_ref = "", []
        self.seq = 0
        self.loaded: list[Path] = []

    def start(self, learned: Templates) -> None:
        try:
            self.stage = Path(tempfile.mkdtemp(prefix="marsad-stage-", dir=self.stage_dir))
        except OSError as exc:
            raise StoreFailed(f"cannot make a stage directory in {self.stage_dir or tempfile.gettempdir()}: "
                              f"{exc.strerror or exc}") from exc
        self.key, self.learned_ref = self.stage.name, [self.ray.put(learned)]

    def submit(self, todo: Work):
        self.seq += 1
        return self.remote.remote(todo, self.fault, str(self.stage / f"{self.seq:09d}.parquet"), self.key,
                                  self.learned_ref)

    def next(self, pending: deque) -> Iterator[tuple[Batch, Outcome]]:
        """The oldest batch's outcome; its shards are deleted once the consumer has stored it."""
        ref, batch = pending.popleft()
        try:
            outcome = self._result(ref)
        except self.ray.exceptions.RayError:
            outcome = salvage(batch.todo, lambda todo: self._result(self.submit(todo)),
                              (self.ray.exceptions.RayError,), self._why)
        try:
            yield batch, outcome
        finally:
            for path in self.loaded:
                path.unlink(missing_ok=True)
            self.loaded.clear()

    def abort(self, pending: deque) -> None:
        for ref, _ in pending:
            if ref is None:
                continue
            try:
                self.ray.cancel(ref, force=True)
            except Exception:  # noqa: BLE001 - a task already done or gone needs no cancelling
                pass

    def close(self) -> None:
        if self.stage is not None:
            shutil.rmtree(self.stage, ignore_errors=True)

    def _result(self, ref) -> Outcome:
        """A task's outcome, its shard read. Waited for here, in short sleeps, not inside Ray's wait: a signal
        must not wait for a long batch, and Ray's own signal check turns the run's `Interrupted` into a
        SystemError (measured with Ctrl-C); `_signals_through` puts it back for what Ray calls still see one."""
        while not _signals_through(self.ray.wait, [ref], timeout=0)[0]:
            time.sleep(POLL_S)
        shard, failures = _signals_through(self.ray.get, ref)
        if shard is None:
            return Outcome(failures=failures)
        try:
            docs = read_shard(Path(shard))
        except (OSError, ValueError) as exc:     # pyarrow's errors are ValueErrors or OSErrors
            raise StoreFailed(f"cannot read the shard {shard} a Ray worker wrote ({exc}); on several machines "
                              f"--stage-dir must be shared storage mounted at the same path on each") from exc
        self.loaded.append(Path(shard))
        return Outcome(docs, failures)

    def _why(self, exc: BaseException) -> str:
        if isinstance(exc, self.ray.exceptions.RayTaskError):
            cause = exc.cause if isinstance(getattr(exc, "cause", None), BaseException) else exc
            first = str(cause).strip().splitlines()
            return f"processing this input's batch failed ({cause.__class__.__name__}: " \
                   f"{first[0] if first else 'no message'}); it was retried alone and failed again"
        if isinstance(exc, self.ray.exceptions.WorkerCrashedError):
            return WORKER_DIED
        return f"the Ray task of this input's batch was lost ({exc.__class__.__name__}); it was retried alone and " \
               f"lost again"


def _signals_through(call, *args, **kwargs):
    """`call` with a signal's exception as the run raises it: Ray's C code checks for signals while it waits
    and wraps what the handler raises (`Interrupted`, not KeyboardInterrupt) in a SystemError."""
    try:
        return call(*args, **kwargs)
    except SystemError as exc:
        if isinstance(exc.__cause__, (Interrupted, KeyboardInterrupt)):
            raise exc.__cause__ from None
        raise


__all__ = ["RayExecutor", "RayUnavailable", "cluster"]
