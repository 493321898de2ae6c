"""What an ingest run says and records: its summary line and problems table, its JSON summary, its row in the
store's runs (however it ended), its exit code, and whether the process of a run marked running still lives;
the count of inputs its progress bar shows, and the corpus views brought up to date as it goes."""

from __future__ import annotations

import gzip
import os
import signal
import socket
import time
from collections.abc import Callable

from rich.table import Table

from .cli_views import err, progress_bar
from .store import redact


def run_summary(run_id: int, report, corpus_counts, skipped_files) -> dict:
    """What `ingest --json` prints (and `POST /api/ingest` answers)."""
    return {"run_id": run_id, "status": run_status(report), "inputs": report.seen, "added": report.added,
            "already_stored": report.skipped, "failed": report.failed, "warnings": report.warnings,
            "skipped_not_articles": skipped_files.total, "interrupted": report.interrupted,
            "stopped": report.stopped, "corpus": corpus_counts or {},
            "corpus_seconds": {k: round(v, 2) for k, v in report.corpus_seconds.items()},
            "problems": [{"kind": k, "source": s, "message": m} for k, s, m in report.problems[:100]],
            "problems_total": report.n_problems}


def process_start(pid: int) -> str | None:
    """When a process started (Linux: boot id and clock ticks since boot), so that a later process given the
    same id is not taken for it; None where that is unknown."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            ticks = fh.read().rsplit(")", 1)[1].split()[19]
        with open("/proc/sys/kernel/random/boot_id") as fh:
            return f"{fh.read().strip()}:{ticks}"
    except (OSError, IndexError):
        return None


def run_alive(args: dict) -> bool:
    """Whether the process of a run marked running still exists. A run of another machine (a shared
    PostgreSQL) or of an older version that did not record its process is taken to be alive."""
    pid, host = args.get("pid"), args.get("host")
    if not isinstance(pid, int) or host != socket.gethostname():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    started = args.get("started")
    return started is None or process_start(pid) in (None, started)


def corpus_views(store, report, run_id: int, db: str, on_stage=None, apart: bool = False) -> dict | None:
    """The corpus stages after an ingest (or during one: `on_stage(name)` then reports each stage on the ingest's
    own progress bar). A failure or a signal here leaves the documents stored and the views as they were: the run
    says so and how to bring them up to date. `apart`: in a process of their own (corpus_process: a long
    ingest's passes, whose leftovers would otherwise pile up in this process)."""
    from .corpus import STAGES as CORPUS_STAGES
    from .corpus import rebuild
    from .corpus_process import CorpusProcessError, rebuild_apart
    from .executors.local import Interrupted, stop_on_signals

    def run(progress):
        if apart:
            return rebuild_apart(db, progress=progress, timings=timings)
        return rebuild(store, progress=progress, timings=timings)

    timings: dict[str, float] = {}
    try:
        if on_stage is not None:
            with stop_on_signals():
                return run(on_stage)
        with stop_on_signals(), progress_bar(transient=True) as progress:
            task = progress.add_task("corpus views", total=len(CORPUS_STAGES))
            return run(lambda name: (progress.update(task, description=name), progress.advance(task)))
    except (KeyboardInterrupt, Interrupted) as exc:
        report.interrupted = str(exc) if isinstance(exc, Interrupted) else "SIGINT"
        report.note("error", "corpus", f"corpus views interrupted; documents are stored, run "
                                       f"`marsad corpus --db {redact(db)}` to update them")
    except Exception as exc:  # noqa: BLE001 - the documents are stored; the views wait for `marsad corpus`
        report.failed += 1
        what = str(exc) if isinstance(exc, CorpusProcessError) else f"{exc.__class__.__name__}: {exc}"
        message = f"corpus views not updated: {what}; documents are stored, " \
                  f"run `marsad corpus --db {redact(db)}` after fixing the cause"
        report.note("error", "corpus", message)
        report.stopped = report.stopped or "corpus views failed"
        try:
            store.add_errors([("corpus", message, None, "error")], run_id)
        except Exception:  # noqa: BLE001 - the store may be the cause (a full disk)
            pass
    finally:
        for name, seconds in timings.items():
            report.corpus_seconds[name] = report.corpus_seconds.get(name, 0.0) + seconds
    return None


def run_status(report) -> str:
    if report.interrupted:
        return "interrupted"
    if report.stopped:
        return "stopped" if report.stopped != "corpus views failed" else report.stopped
    return "ok" if not report.failed else "with errors"


def finish_run(store, run_id: int, report) -> None:
    """The run row says what was stored, however the run ended; if the store cannot even take that (a full
    disk), the summary printed below still does."""
    try:
        store.finish_run(run_id, added=report.added, skipped=report.skipped, failed=report.failed,
                         status=run_status(report))
    except Exception as exc:  # noqa: BLE001
        err.print(f"[red]could not record the end of this run in the store[/]: {exc.__class__.__name__}: {exc}")


def exit_code(report) -> int:
    if report.interrupted:                     # as a shell reports a command its signal ended: 128 + number
        return 128 + signal.Signals[report.interrupted].value
    return 1 if report.failed or report.stopped else 0


def ingest_summary(report, store, corpus_counts, skipped_files, db) -> None:
    err.print(f"[bold]{report.seen:,}[/] inputs in {report.elapsed:.1f}s ({report.rate:,.0f} docs/s): "
              f"[green]{report.added:,} added[/], {report.skipped:,} already stored, "
              f"[{'red' if report.failed else 'green'}]{report.failed:,} failed[/], {report.warnings:,} warnings")
    if report.interrupted:
        err.print(f"[yellow]interrupted ({report.interrupted})[/]: the {report.added:,} documents added are "
                  f"stored; run the same command again to resume (stored inputs are skipped). Stories, entities "
                  f"and duplicates are not updated until then (or `marsad corpus --db {redact(db)}`)")
    if report.stopped and report.stopped != "corpus views failed":
        err.print(f"[red]stopped: the store could not take more documents[/] ({report.stopped}); the "
                  f"{report.added:,} added before are stored. Free space (or fix the store) and run the same "
                  f"command again to resume")
    if skipped_files:
        err.print(f"{skipped_files.total:,} inputs skipped as not articles (other file types, WARC records of "
                  f"images, styles or HTTP errors), e.g. {skipped_files[0]}")
    if corpus_counts:
        err.print("corpus: " + ", ".join(f"{v:,} {k}" for k, v in corpus_counts.items()))
    if report.problems:
        table = Table(title="problems (also stored: `marsad errors`)", show_lines=False, title_justify="left")
        table.add_column("kind")
        table.add_column("input", overflow="fold", max_width=60)
        table.add_column("reason", overflow="fold")
        for kind, source, message in report.problems[:20]:
            table.add_row(f"[{'red' if kind == 'error' else 'yellow'}]{kind}[/]", source, message)
        err.print(table)
        if report.n_problems > 20:
            err.print(f"… and {report.n_problems - 20:,} more: marsad errors --db {redact(db)}")


def count_inputs(paths: list[str], limit: int | None, budget_s: float = 2.0) -> int | None:
    """A quick count of documents for the progress bar (files, lines of JSON Lines, rows of Parquet); None if unknowable
    or if counting would take longer than `budget_s` (a huge or damaged .jsonl.gz is read once, not twice).
    Counting never fails: whatever is wrong with a file is the reader's to report."""
    from .readers.parquet import count_rows
    from .readers.sources import CHUNK, format_of, iter_paths

    total, deadline = 0, time.monotonic() + budget_s
    for path, explicit, problem in iter_paths(paths):
        fmt, gz = format_of(path)
        if fmt == "warc" or time.monotonic() > deadline:
            return None
        if problem or fmt is None and not explicit:
            continue
        if fmt == "jsonl":
            try:
                if not path.is_file():
                    continue
                with (gzip.open(path, "rb") if gz else open(path, "rb")) as fh:
                    last = b"\n"
                    while chunk := fh.read(CHUNK):
                        total += chunk.count(b"\n")
                        last = chunk[-1:]
                        if time.monotonic() > deadline:
                            return None
                    total += last != b"\n"          # a last line without its line break
            except Exception:  # noqa: BLE001 - the reader reports it
                return None
        elif fmt == "parquet" and not gz:
            try:
                total += count_rows(path)
            except Exception:  # noqa: BLE001 - the reader reports it
                return None
        else:
            total += 1
        if limit is not None and total >= limit:
            return limit
    return total


def with_corpus_views(store, report, run_id: int, db: str, every: int | None, progress, task,
                      rest: Callable[[], None]):
    """The ingest's progress callback: advances the bar and, every `every` articles stored, runs the corpus
    stages between two batches (the batch each stage reads stays that size, and so does its memory), in a process
    of their own (corpus_process), after `rest` (the executor's: its workers stop meanwhile). A signal during them
    stops the run as one during the analysis does."""
    from .executors.base import Interrupted

    done = {"at": 0}

    def advanced(n: int) -> None:
        progress.advance(task, n)
        if not every or report.added - done["at"] < every or report.stopped:
            return
        done["at"] = report.added
        rest()
        corpus_views(store, report, run_id, db, on_stage=lambda name: progress.update(task, description=name),
                     apart=True)
        progress.update(task, description="ingest")
        if report.interrupted:
            raise Interrupted(report.interrupted)

    return advanced
