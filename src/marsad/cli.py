"""The `marsad` command.

JSON goes to stdout (CONTRACT.md shapes, one object per line for `analyze`); progress bars, summaries and
errors go to stderr, so `marsad … --json | jq` always works. Exit codes: 0 all inputs fine, 1 some inputs
failed or the corpus views could not be updated (each recorded with a one-line reason), 2 usage errors and
lookups of something that is not there.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import signal
import socket
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, SpinnerColumn, TextColumn, \
    TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from . import __version__

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode="rich",
                  help="Marsad (مرصد): offline monitor for Arabic news. Clean, deduplicate, find entities, quotes "
                       "and dates, group stories.")
err = Console(stderr=True)
out = Console()
DEFAULT_DB = os.environ.get("MARSAD_DB", "marsad.db")
DbOpt = typer.Option(DEFAULT_DB, "--db", help="SQLite database file or postgresql:// URL (env MARSAD_DB).")
JsonOpt = typer.Option(False, "--json", help="Print JSON (CONTRACT.md) instead of a table.")
LimitOpt = typer.Option(50, "--limit", help="How many rows to show.")
OffsetOpt = typer.Option(0, "--offset", help="Skip this many rows (pagination).")
SinceOpt = typer.Option(None, "--since", help="From this day on (YYYY-MM-DD).")
UntilOpt = typer.Option(None, "--until", help="Up to this day (YYYY-MM-DD).")
OutletOpt = typer.Option(None, "--outlet", help="Only this outlet.")


class RateColumn(ProgressColumn):
    def render(self, task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f} docs/s" if speed else "– docs/s", style="cyan")


def _progress(transient: bool = False) -> Progress:
    return Progress(SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                    RateColumn(), TimeElapsedColumn(), TimeRemainingColumn(), console=err, transient=transient)


def _print_json(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _emit(data: list[dict], as_json: bool, title: str, columns: tuple[str, ...], row) -> None:
    """JSON (the contract shape) or a table of selected columns: every listing command ends here."""
    if as_json:
        _print_json(data)
        return
    table = Table(title=title)
    for col in columns:
        table.add_column(col, overflow="fold")
    for item in data:
        table.add_row(*row(item))
    out.print(table)


def _fail(message: str) -> typer.Exit:
    err.print(f"[red]error:[/] {message}")
    return typer.Exit(2)


def _store(db: str, readonly: bool = True):
    from .store import StoreError, open_store

    try:
        return open_store(db, readonly=readonly)
    except (FileNotFoundError, StoreError) as exc:
        raise _fail(str(exc)) from None


def _corpus(db: str):
    from .query import Corpus

    return Corpus(_store(db))


@contextmanager
def _asking():
    """The query layer's refusals (a malformed search, a bad date, an unknown id) as one line and exit code 2."""
    from .query import NotFound

    try:
        yield
    except (ValueError, NotFound) as exc:
        raise _fail(str(exc).strip("'\"")) from None


def _shown(db: str) -> str:
    from .store import redact

    return redact(db)


def _existing(db: str) -> None:
    from .store import is_postgres

    if not is_postgres(db) and not Path(db).exists():
        raise _fail(f"no database at {db}; run `marsad ingest` first")


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from None


def _fields(specs: list[str] | None):
    from .readers.sources import parse_field_map

    try:
        return parse_field_map(specs)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


def _size(value: str) -> int:
    v = value.strip().upper()
    mult = 1
    for suffix, m in (("KB", 1024), ("MB", 1024 ** 2), ("GB", 1024 ** 3), ("K", 1024), ("M", 1024 ** 2)):
        if v.endswith(suffix):
            v, mult = v[: -len(suffix)], m
            break
    try:
        return int(float(v) * mult)
    except ValueError:
        raise typer.BadParameter(f"expected a size like 20MB, got {value!r}") from None


def count_inputs(paths: list[str], limit: int | None, budget_s: float = 2.0) -> int | None:
    """A quick count of documents for the progress bar (files, and lines of JSON Lines); None if unknowable
    or if counting would take longer than `budget_s` (a huge or damaged .jsonl.gz is read once, not twice).
    Counting never fails: whatever is wrong with a file is the reader's to report."""
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
        else:
            total += 1
        if limit is not None and total >= limit:
            return limit
    return total


@app.command()
def analyze(paths: list[str] = typer.Argument(..., help="Files or directories (txt, html, jsonl[.gz], warc[.gz])."),
            published: Optional[str] = typer.Option(None, "--published", help="Publication date YYYY-MM-DD."),
            outlet: Optional[str] = typer.Option(None, "--outlet", help="Outlet name for all inputs."),
            as_json: bool = JsonOpt,
            field: Optional[list[str]] = typer.Option(None, "--field",
                                                      help="JSON Lines key mapping, e.g. body=content."),
            max_size: str = typer.Option("20MB", "--max-size", help="Skip documents larger than this.")):
    """Analyze documents without storing them; one JSON object per document (JSON Lines)."""
    from .executors.local import _to_document
    from .pipeline import FatalInputError, process
    from .readers.sources import InputError, iter_inputs

    pub = _parse_date(published)
    failed = 0
    total = count_inputs(paths, None)
    # the bar goes to stderr and only for batches: a single file's JSON stays the only output
    with _progress(transient=True) as progress:
        task = progress.add_task("analyze", total=total, visible=bool(total and total > 1))
        for item in iter_inputs(paths, field_map=_fields(field), max_bytes=_size(max_size)):
            progress.advance(task)
            if isinstance(item, InputError):
                failed += 1
                err.print(f"[red]error[/] {item.source}: {item.message}")
                if as_json:
                    _print_json({"id": None, "source": item.source, "errors": [item.message]})
                continue
            doc = _to_document(item, published=pub, outlet=outlet)
            try:
                doc = process(doc)
            except FatalInputError as exc:
                failed += 1
                err.print(f"[red]error[/] {item.source}: {exc}")
                if as_json:
                    _print_json({"id": doc.id, "source": doc.source, "errors": [str(exc)]})
                continue
            if any(e.kind == "error" for e in doc.errors):
                failed += 1
            if as_json:
                _print_json(doc.to_dict())
            else:
                _show_doc(doc.to_dict())
    raise typer.Exit(1 if failed else 0)


@app.command()
def ingest(paths: list[str] = typer.Argument(..., help="Files or directories (txt, html, jsonl[.gz], warc[.gz])."),
           db: str = DbOpt,
           workers: int = typer.Option(max(1, min(4, os.cpu_count() or 1)), "--workers", "-w",
                                       help="Worker processes."),
           field: Optional[list[str]] = typer.Option(None, "--field",
                                                     help="JSON Lines key mapping, e.g. body=content."),
           published: Optional[str] = typer.Option(None, "--published", help="Publication date for all inputs."),
           outlet: Optional[str] = typer.Option(None, "--outlet", help="Outlet name for all inputs."),
           max_size: str = typer.Option("20MB", "--max-size", help="Skip documents larger than this."),
           limit: Optional[int] = typer.Option(None, "--limit", help="Stop after this many inputs."),
           corpus: bool = typer.Option(True, "--corpus/--no-corpus", help="Update duplicates, entities and stories."),
           as_json: bool = typer.Option(False, "--json", help="Also print the run's summary as JSON on stdout.")):
    """Analyze and store documents (idempotent: the same bytes are stored once), then update corpus views."""
    from .executors.local import Interrupted, Report, run, stop_on_signals
    from .readers.sources import Skipped, iter_inputs

    fields = _fields(field)                       # arguments first: a typo must not create a database
    pub = _parse_date(published)
    max_bytes = _size(max_size)
    store = _store(db, readonly=False)
    store.close_stale_runs(_run_alive)
    run_id = store.start_run("ingest", {"paths": paths, "workers": workers, "limit": limit, "pid": os.getpid(),
                                        "started": _process_start(os.getpid()), "host": socket.gethostname()})
    skipped_files = Skipped()
    report = Report()
    corpus_counts = None
    try:
        with stop_on_signals():          # from here on a signal is a stopped run, recorded, never a dead one
            with _progress() as progress:
                task = progress.add_task("ingest", total=count_inputs(paths, limit))
                run(iter_inputs(paths, field_map=fields, max_bytes=max_bytes, skipped=skipped_files),
                    store=store, workers=workers, run_id=run_id, published=pub, outlet=outlet, limit=limit,
                    report=report, on_progress=lambda n: progress.advance(task, n))
            if corpus and not (report.interrupted or report.stopped) and store.corpus_dirty():
                corpus_counts = _corpus_views(store, report, run_id, db)
    except Interrupted as exc:
        report.interrupted = str(exc)
    finally:
        _finish_run(store, run_id, report)
    _ingest_summary(report, store, corpus_counts, skipped_files, db)
    store.close()
    if as_json:
        _print_json(_run_summary(run_id, report, corpus_counts, skipped_files))
    raise typer.Exit(_exit_code(report))


def _run_summary(run_id: int, report, corpus_counts, skipped_files) -> dict:
    """What `ingest --json` prints (and `POST /api/ingest` answers)."""
    return {"run_id": run_id, "status": _run_status(report), "inputs": report.seen, "added": report.added,
            "already_stored": report.skipped, "failed": report.failed, "warnings": report.warnings,
            "skipped_not_articles": skipped_files.total, "interrupted": report.interrupted,
            "stopped": report.stopped, "corpus": corpus_counts or {},
            "problems": [{"kind": k, "source": s, "message": m} for k, s, m in report.problems[:100]],
            "problems_total": report.n_problems}


def _process_start(pid: int) -> str | None:
    """When a process started (Linux: boot id and clock ticks since boot), so that a later process given the
    same id is not taken for it; None where that is unknown."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            ticks = fh.read().rsplit(")", 1)[1].split()[19]
        with open("/proc/sys/kernel/random/boot_id") as fh:
            return f"{fh.read().strip()}:{ticks}"
    except (OSError, IndexError):
        return None


def _run_alive(args: dict) -> bool:
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
    return started is None or _process_start(pid) in (None, started)


def _corpus_views(store, report, run_id: int, db: str) -> dict | None:
    """The corpus stages after an ingest. A failure or a signal here leaves the documents stored and the views
    as they were: the run says so and how to bring them up to date."""
    from .corpus import STAGES as CORPUS_STAGES
    from .corpus import rebuild
    from .executors.local import Interrupted, stop_on_signals

    try:
        with stop_on_signals(), _progress(transient=True) as progress:
            task = progress.add_task("corpus views", total=len(CORPUS_STAGES))
            return rebuild(store, progress=lambda name: (progress.update(task, description=name),
                                                         progress.advance(task)))
    except (KeyboardInterrupt, Interrupted) as exc:
        report.interrupted = str(exc) if isinstance(exc, Interrupted) else "SIGINT"
        report.note("error", "corpus", f"corpus views interrupted; documents are stored, run "
                                       f"`marsad corpus --db {_shown(db)}` to update them")
    except Exception as exc:  # noqa: BLE001 - the documents are stored; the views wait for `marsad corpus`
        report.failed += 1
        message = f"corpus views not updated: {exc.__class__.__name__}: {exc}; documents are stored, " \
                  f"run `marsad corpus --db {_shown(db)}` after fixing the cause"
        report.note("error", "corpus", message)
        report.stopped = report.stopped or "corpus views failed"
        try:
            store.add_errors([("corpus", message, None, "error")], run_id)
        except Exception:  # noqa: BLE001 - the store may be the cause (a full disk)
            pass
    return None


def _run_status(report) -> str:
    if report.interrupted:
        return "interrupted"
    if report.stopped:
        return "stopped" if report.stopped != "corpus views failed" else report.stopped
    return "ok" if not report.failed else "with errors"


def _finish_run(store, run_id: int, report) -> None:
    """The run row says what was stored, however the run ended; if the store cannot even take that (a full
    disk), the summary printed below still does."""
    try:
        store.finish_run(run_id, added=report.added, skipped=report.skipped, failed=report.failed,
                         status=_run_status(report))
    except Exception as exc:  # noqa: BLE001
        err.print(f"[red]could not record the end of this run in the store[/]: {exc.__class__.__name__}: {exc}")


def _exit_code(report) -> int:
    if report.interrupted:                     # as a shell reports a command its signal ended: 128 + number
        return 128 + signal.Signals[report.interrupted].value
    return 1 if report.failed or report.stopped else 0


def _ingest_summary(report, store, corpus_counts, skipped_files, db) -> None:
    err.print(f"[bold]{report.seen:,}[/] inputs in {report.elapsed:.1f}s ({report.rate:,.0f} docs/s): "
              f"[green]{report.added:,} added[/], {report.skipped:,} already stored, "
              f"[{'red' if report.failed else 'green'}]{report.failed:,} failed[/], {report.warnings:,} warnings")
    if report.interrupted:
        err.print(f"[yellow]interrupted ({report.interrupted})[/]: the {report.added:,} documents added are "
                  f"stored; run the same command again to resume (stored inputs are skipped)")
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
            err.print(f"… and {report.n_problems - 20:,} more: marsad errors --db {_shown(db)}")


@app.command()
def reprocess(db: str = DbOpt, outlet: Optional[str] = typer.Option(None, "--outlet", help="Only this outlet.")):
    """Analyze stored documents again from their raw bytes (after an upgrade), then rebuild the corpus views."""
    from .clean.reclean import reprocess_all
    from .corpus import rebuild

    _existing(db)
    store = _store(db, readonly=False)
    with _progress() as progress:
        task = progress.add_task("reprocess", total=None)
        counts = reprocess_all(store, outlet=outlet,
                               on_progress=lambda i, n: progress.update(task, completed=i, total=n))
    counts.update(rebuild(store))
    store.close()
    err.print("reprocess: " + ", ".join(f"{v:,} {k}" for k, v in counts.items()))
    raise typer.Exit(1 if counts["failed"] else 0)


@app.command()
def corpus(db: str = DbOpt):
    """Recompute duplicates, entities, stories and storylines for the whole store."""
    from .corpus import rebuild

    _existing(db)
    store = _store(db, readonly=False)
    counts = rebuild(store)
    store.close()
    err.print("corpus: " + ", ".join(f"{v:,} {k}" for k, v in counts.items()))


@app.command()
def stats(db: str = DbOpt, as_json: bool = JsonOpt):
    """Counts: documents, errors, outlets, stories, storylines, entities, quotes."""
    s = _corpus(db).stats()
    if as_json:
        _print_json(s)
        return
    table = Table(show_header=False)
    for k, v in s.items():
        table.add_row(k, f"{v:,}")
    out.print(table)


@app.command()
def stories(db: str = DbOpt, as_json: bool = JsonOpt, limit: int = LimitOpt, offset: int = OffsetOpt,
            since: Optional[str] = SinceOpt, until: Optional[str] = UntilOpt, outlet: Optional[str] = OutletOpt,
            entity: Optional[str] = typer.Option(None, "--entity", help="Stories that mention this name.")):
    """Stories: articles about one event across outlets, with summary, timeline and framing."""
    with _asking():
        page = _corpus(db).stories(since=since, until=until, outlet=outlet, entity=entity, limit=limit,
                                   offset=offset)
    _emit([s.to_dict() for s in page.items], as_json, f"{page.total:,} stories",
          ("id", "dates", "n", "outlets", "title"),
          lambda s: (s["id"], f"{s['first_seen']}…{s['last_seen']}", str(len(s["articles"])),
                     "، ".join(s["outlets"]), s["title"]))


@app.command()
def story(story_id: str = typer.Argument(..., help="Story id (s-…)."), db: str = DbOpt, as_json: bool = JsonOpt):
    """One story: its articles in full, summary, timeline, framing and wire copy."""
    with _asking():
        detail = _corpus(db).story(story_id)
    if as_json:
        _print_json(detail.to_dict())
        return
    s = detail.story
    out.rule(s.title or s.id)
    out.print(f"{s.id} · {s.first_seen} → {s.last_seen} · {len(detail.articles)} articles"
              + (f" · storyline {s.storyline}" if s.storyline else ""))
    for a in detail.articles:
        out.print(f"  {a.published or '?'}  {a.outlet or '?'}  {a.title or a.id}  [dim]{a.id[:10]}[/]")
    _print_story_views(s)


def _print_story_views(s) -> None:
    """The attributed summary, key statements and measured framing of a story, as a reader scans them."""
    if s.summary:
        out.print("[bold]summary[/]")
    for q in s.summary:
        who = f" · [cyan]{q['speaker']}[/]" if q.get("speaker") else ""
        out.print(f"  [green]{q.get('outlet') or '?'}[/]{who}: {q['text'][:200]}")
    if s.statements:
        out.print("[bold]key statements[/]")
    for q in s.statements:
        out.print(f"  [cyan]{q['speaker']}[/] ({q.get('outlet') or '?'}): {q['text'][:160]}")
    for f in s.framing:
        out.print(f"  framing of [magenta]{f['canonical']}[/] in {f['outlet']}: {'، '.join(f['descriptors'][:3])}")
    _print_frames(s.frames)


def _print_frames(frames: dict) -> None:
    for outlet, quoted in frames.get("scare_quotes", {}).items():
        out.print(f"  {outlet} puts in quotation marks: {'، '.join(quoted)}")
    for outlet, words in frames.get("distinctive_words", {}).items():
        if words:
            out.print(f"  words that set {outlet} apart: {'، '.join(w['word'] for w in words)}")
    for outlet, c in frames.get("coverage", {}).items():
        sides = "، ".join(f"{p} {v:.0%}" for p, v in c["sides"].items())
        out.print(f"  {outlet}: {c['articles']} articles ({c['share']:.0%})"
                  + (f"; mentions: {sides}" if sides else ""))


@app.command()
def storyline(line_id: str = typer.Argument(..., help="Storyline id (l-…)."), db: str = DbOpt,
              as_json: bool = JsonOpt):
    """One storyline: its stories over weeks and months, and how each outlet frames it."""
    with _asking():
        detail = _corpus(db).storyline(line_id)
    if as_json:
        _print_json(detail.to_dict())
        return
    line = detail.storyline
    out.rule(line.title or line.id)
    out.print(f"{line.id} · {line.first_seen} → {line.last_seen} · {line.stories} stories")
    for s in detail.stories:
        out.print(f"  {s.first_seen or '?'}  {s.n_articles:>4}  {s.title or s.id}  [dim]{s.id}[/]")
    _print_frames(line.frames)


@app.command()
def repair(db: str = DbOpt, as_json: bool = JsonOpt):
    """Place every article into stories again from nothing (the periodic repair of incremental stories): keeps
    story ids, and says which stories it merged and split and how many articles moved."""
    from .stories.stage import repair as repair_stories

    _existing(db)
    store = _store(db, readonly=False)
    with store.corpus_lock():
        changes = repair_stories(store)
    store.close()
    report = {**changes.counts(), "merged": changes.merged, "split": changes.split, "articles moved": changes.moved}
    if as_json:
        _print_json(report)
        return
    err.print(f"repair: {changes.stories:,} stories, {changes.storylines:,} storylines; {len(changes.merged):,} "
              f"merged, {len(changes.split):,} split, {changes.moved:,} articles moved")
    for m in changes.merged[:20]:
        out.print(f"  merged into {m['story']}: {', '.join(m['from'])}")
    for m in changes.split[:20]:
        out.print(f"  split {m['story']} into {', '.join(m['into'])}")


@app.command()
def duplicates(db: str = DbOpt, as_json: bool = JsonOpt, limit: int = typer.Option(1000, "--limit"),
               offset: int = OffsetOpt, kind: Optional[str] = typer.Option(None, "--kind", help="exact, near or wire."),
               article: Optional[str] = typer.Option(None, "--article", help="Only pairs with this article.")):
    """Duplicate and wire-copy pairs (a is the earlier article): exact copies, near copies (light edits) and wire
    texts (one contains most of the other, or both run the same dispatch with their own additions)."""
    with _asking():
        page = _corpus(db).duplicates(kind=kind, article=article, limit=limit, offset=offset)
    _emit([p.to_dict() for p in page.items], as_json, "duplicates",
          ("a", "b", "kind", "score", "shared chars", "outlets"),
          lambda r: (r["a"], r["b"], r["kind"], f"{r['score']:.2f}", str(r["shared_chars"]),
                     f"{r['a_outlet'] or '?'} → {r['b_outlet'] or '?'}"))


@app.command()
def provenance(doc_id: str = typer.Argument(..., help="Article id (a unique prefix is enough)."), db: str = DbOpt,
               as_json: bool = JsonOpt):
    """Where an article's text comes from: each paragraph's earlier source, the originality ratio (share of
    the text that is the outlet's own) and the probable agency."""
    corpus_ = _corpus(db)
    with _asking():
        p = corpus_.provenance(doc_id)
    if as_json:
        _print_json(p.to_dict())
        return
    d = corpus_.article(p.article_id)
    out.print(f"[bold]{d.title or d.id}[/]  [dim]{d.outlet or '?'} · {d.published or '?'}[/]")
    out.print(f"originality {p.originality:.0%} · agency {p.agency or '?'}")
    for s in p.sources:
        out.print(f"  from {s['article_id']} ({s['outlet'] or '?'}): paragraphs {s['paragraphs']} · "
                  f"{s['shared_chars']:,} characters")
    for para in p.paragraphs:
        text = d.body[para["start"]:para["end"]]
        mark = f"[yellow]← {para['source'][:10]}[/]" if para["source"] else "[green]own[/]"
        out.print(f"  {mark} {text[:110]}{'…' if len(text) > 110 else ''}")


@app.command()
def delete(doc_ids: list[str] = typer.Argument(..., help="Article ids (unique prefixes are enough)."),
           db: str = DbOpt, corpus: bool = typer.Option(True, "--corpus/--no-corpus",
                                                        help="Update duplicates, entities and stories.")):
    """Remove articles (raw bytes included) and take them out of the duplicate index, pairs and provenance."""
    from .corpus import rebuild

    store = _store(db, readonly=False)
    ids = []
    for prefix in doc_ids:
        full = store.resolve_id(prefix)
        if full is None:
            raise _fail(f"no single article with id starting {prefix!r}")
        ids.append(full)
    removed = store.delete_documents(ids)
    counts = rebuild(store) if corpus else {}
    store.close()
    err.print(f"deleted {removed} articles" + ("; corpus: " + ", ".join(f"{v:,} {k}" for k, v in counts.items())
                                               if counts else ""))


@app.command()
def entities(db: str = DbOpt, as_json: bool = JsonOpt, limit: int = LimitOpt, offset: int = OffsetOpt,
             type_: Optional[str] = typer.Option(None, "--type", help="PER, ORG, LOC or MISC."),
             name: Optional[str] = typer.Option(None, "--name", help="Only the entity with this name (any spelling).")):
    """Canonical entities across the corpus with aliases, titles and counts."""
    with _asking():
        page = _corpus(db).entities(type=type_, name=name, limit=limit, offset=offset)
    _emit([e.to_dict() for e in page.items], as_json, "entities",
          ("type", "canonical", "articles", "mentions", "aliases", "titles"),
          lambda r: (r["type"], r["canonical"], str(r["articles"]), str(r["mentions"]), "، ".join(r["aliases"][:4]),
                     "، ".join(r["titles"][:4])))


@app.command()
def entity(name: str = typer.Argument(..., help="A name in any spelling, or an entity id."), db: str = DbOpt,
           as_json: bool = JsonOpt):
    """One entity: its names and titles (by outlet), the stories it is in and how often it speaks."""
    with _asking():
        detail = _corpus(db).entity(name)
    if as_json:
        _print_json(detail.to_dict())
        return
    e = detail.entity
    out.rule(f"{e.canonical} ({e.type})")
    out.print(f"{e.entity_id} · {e.articles} articles · {e.mentions} mentions · {detail.quotes} statements")
    if e.aliases:
        out.print("also: " + "، ".join(e.aliases[:12]))
    for outlet, titles in e.titles_by_outlet.items():
        out.print(f"  {outlet or '?'}: {'، '.join(titles[:5])}")
    for s in detail.stories:
        out.print(f"  story {s.id} · {s.first_seen} · {s.title}")


@app.command()
def quotes(db: str = DbOpt, as_json: bool = JsonOpt, limit: int = LimitOpt, offset: int = OffsetOpt,
           entity: Optional[str] = typer.Option(None, "--entity", help="Speaker name (any spelling variant)."),
           outlet: Optional[str] = OutletOpt, since: Optional[str] = SinceOpt, until: Optional[str] = UntilOpt,
           story_id: Optional[str] = typer.Option(None, "--story", help="Only statements in this story.")):
    """Statements: who said what, in which article."""
    with _asking():
        page = _corpus(db).quotes(entity=entity, outlet=outlet, since=since, until=until, story=story_id,
                                  limit=limit, offset=offset)
    _emit([q.to_dict() for q in page.items], as_json, "quotes", ("date", "outlet", "speaker", "kind", "content"),
          lambda r: (r["published"] or "", r["outlet"] or "", r["speaker"] or "", r["kind"], r["content"][:200]))


@app.command()
def search(query: str = typer.Argument(..., help='Words (all must appear), "a phrase", a OR b, -word, prefix*.'),
           db: str = DbOpt, as_json: bool = JsonOpt, limit: int = typer.Option(20, "--limit"), offset: int = OffsetOpt,
           outlet: Optional[str] = OutletOpt, since: Optional[str] = SinceOpt, until: Optional[str] = UntilOpt):
    """Full-text search over normalized Arabic (فايز finds فائز, والسراج finds السراج). Words must all appear;
    "a phrase" keeps words together; OR between words takes either; -word (or NOT word) leaves articles out;
    word* is a prefix; parentheses group."""
    with _asking():
        page = _corpus(db).search(query, outlet=outlet, since=since, until=until, limit=limit, offset=offset)
    _emit([h.to_dict() for h in page.items], as_json, f"search: {query} ({page.total:,} articles)",
          ("article", "date", "outlet", "title", "snippet"),
          lambda r: (r["article_id"][:10], r["published"] or "", r["outlet"] or "", r["title"] or "", r["snippet"]))


@app.command()
def show(doc_id: str = typer.Argument(..., help="Article id (a unique prefix is enough)."), db: str = DbOpt,
         as_json: bool = JsonOpt, raw: bool = typer.Option(False, "--raw", help="Print the stored raw bytes.")):
    """One article: metadata, clean body, entities, quotes, times."""
    corpus_ = _corpus(db)
    with _asking():
        if raw:
            sys.stdout.buffer.write(corpus_.raw(doc_id))
            return
        d = corpus_.article(doc_id).to_dict()
    if as_json:
        _print_json(d)
        return
    _show_doc(d)


def _show_doc(d: dict) -> None:
    out.rule(d.get("title") or d["id"])
    meta = [f"id {d['id']}", f"outlet {d.get('outlet')}",
            f"published {d.get('published')} ({d.get('published_source')})"]
    if d.get("dateline"):
        meta.append(f"dateline {d['dateline']}")
    if d.get("credits"):
        meta.append(f"credits {'، '.join(d['credits'])}")
    if d.get("byline"):
        meta.append(f"byline {d['byline']}")
    out.print(" · ".join(meta))
    out.print(d.get("body", ""))
    if d.get("entities"):
        out.print("[bold]entities:[/] " + "، ".join(sorted({f"{e['canonical']} ({e['type']})" for e in d["entities"]})))
    for q in d.get("quotes", []):
        out.print(f"[bold]{q['speaker']}[/] [{q['kind']}]: {q['content'][:200]}")
    if d.get("times"):
        out.print("[bold]times:[/] " + "؛ ".join(f"{t['text']} → {t['value']}" for t in d["times"]))
    if d.get("comments"):
        out.print(f"[bold]{len(d['comments'])} reader comments[/] (kept apart from the article)")
    for e in d.get("errors", []):
        out.print(f"[yellow]note:[/] {e}")


@app.command()
def templates(db: str = DbOpt, as_json: bool = JsonOpt,
              outlet: Optional[str] = typer.Option(None, "--outlet", help="Only this outlet.")):
    """What was learned of each outlet's boilerplate: pages counted, lines now removed from its articles."""
    _emit([t.to_dict() for t in _corpus(db).templates(outlet)], as_json, "outlet templates",
          ("outlet", "pages", "boilerplate lines"),
          lambda r: (r["outlet"], f"{r['pages']:,}", f"{r['boilerplate_lines']:,}"))


@app.command()
def errors(db: str = DbOpt, as_json: bool = JsonOpt, limit: int = typer.Option(200, "--limit"),
           offset: int = OffsetOpt):
    """Inputs that failed or were flagged, with the reason; their bytes are kept when small."""
    with _asking():
        rows = _corpus(db).errors(limit=limit, offset=offset)
    _emit([e.to_dict() for e in rows], as_json, "errors and warnings", ("kind", "input", "where", "reason"),
          lambda r: (r["kind"], r["source"], r["locator"], r["message"]))


@app.command()
def export(db: str = DbOpt, format_: str = typer.Option("jsonl", "--format", help="jsonl, csv or parquet."),
           out_path: Optional[str] = typer.Option(None, "--out", help="File (jsonl) or directory (csv, parquet).")):
    """Export every document with its analysis."""
    from .executors.local import Interrupted, stop_on_signals
    from .export import ExportError, target
    from .export import export as do_export

    if format_ not in ("jsonl", "csv", "parquet"):
        raise typer.BadParameter("format must be jsonl, csv or parquet")
    if format_ != "jsonl" and not out_path:
        raise typer.BadParameter(f"--out DIRECTORY is required for {format_}")
    corpus_ = _corpus(db)
    try:
        target(format_, out_path)
        with stop_on_signals(), _progress() as progress:     # a signal still removes the temporary files
            task = progress.add_task(f"export {format_}", total=corpus_.store.count_documents())
            written = do_export(corpus_.documents(), format_, out_path,
                                on_progress=lambda n: progress.advance(task, n))
    except ExportError as exc:
        raise _fail(f"cannot export: {exc}") from None
    except BrokenPipeError:
        # `marsad export | head`: the reader has all it wanted; quiet, as any command in a pipe
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(0) from None
    except Interrupted as exc:
        err.print(f"[yellow]export interrupted ({exc})[/]: nothing was replaced")
        raise typer.Exit(128 + signal.Signals[str(exc)].value) from None
    except OSError as exc:
        err.print(f"[red]export failed[/]: {exc.strerror or exc}: {exc.filename or out_path or '<stdout>'}")
        raise typer.Exit(1) from None
    for path in written:
        err.print(f"wrote {path}")


@app.command()
def digest(db: str = DbOpt, stories_n: int = typer.Option(8, "--stories", help="How many stories to show.")):
    """A readable digest of the corpus: top stories with outlets and statements, top entities."""
    d = _corpus(db).digest(stories_n)
    s = d.stats
    out.rule(f"Marsad digest · {s['documents']:,} articles · {s['outlets']} outlets · {s['stories']:,} stories · "
             f"{s['storylines']} storylines")
    for st in d.stories:
        out.print(f"\n[bold]{st.title}[/]  [dim]{st.id} · {st.first_seen} → {st.last_seen} · "
                  f"{len(st.articles)} articles" + (f" · storyline {st.storyline}" if st.storyline else "") + "[/]")
        out.print("  outlets: " + "، ".join(st.outlets))
        agencies = st.wire.get("agencies") or {}
        if agencies:
            out.print("  wire credits: " + "، ".join(f"{a} ×{n}" for a, n in agencies.items()))
        for t in st.wire.get("texts", [])[:2]:
            out.print(f"  shared text: {t['line']}")
        for q in st.summary[:3]:
            who = q.get("outlet") or "?"
            who += f" · {q['speaker']}" if q.get("speaker") else ""
            out.print(f"  [cyan]{who}[/]: {q['text'][:140]}{'…' if len(q['text']) > 140 else ''}")
        frames: dict[str, list[str]] = {}
        for f in st.framing:
            frames.setdefault(f["canonical"], []).append(f"{f['outlet']}: {'، '.join(f['descriptors'][:2])}")
        for name, items in list(frames.items())[:2]:
            if len(items) > 1:
                out.print(f"  framing of [magenta]{name}[/]: " + " | ".join(items[:4]))
    out.print("\n[bold]people most in the news:[/] " + "، ".join(f"{e.canonical} ({e.articles})" for e in d.people))
    db = _shown(db)
    out.print(f"\nIn a browser: marsad serve --db {db} (then http://127.0.0.1:8000/)")
    out.print(f"More: marsad stories --db {db} · marsad entities --db {db} · marsad quotes --db {db} "
              f"--entity NAME · marsad search QUERY --db {db} · marsad show ID --db {db} · "
              f"marsad export --db {db} --format parquet --out DIR")


@app.command()
def serve(db: str = DbOpt, host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
          port: int = typer.Option(8000, "--port", help="Port to listen on."),
          max_upload: str = typer.Option("64MB", "--max-upload", help="Largest file POST /api/ingest takes."),
          threads: int = typer.Option(40, "--threads", help="Requests each process answers at the same time."),
          workers: int = typer.Option(1, "--workers", "-w", help="Server processes (one per core serves more).")):
    """Serve the web pages (right-to-left Arabic) and the HTTP API (/api/, OpenAPI at /docs) over one store.
    Writes (POST /api/ingest) need MARSAD_TOKEN set; without it the server is read-only."""
    import uvicorn

    from .web.app import SERVE_ENV, create_app

    _existing(db)
    if not 0 < port < 65536:
        raise _fail(f"--port must be between 1 and 65535, got {port}")
    if not 1 <= workers <= 64 or not 1 <= threads <= 1000:
        raise _fail("--workers must be between 1 and 64 and --threads between 1 and 1000")
    _store(db, readonly=False).close()       # brought to this version's schema (an upgrade), or a message
    corpus = _corpus(db)
    err.print(f"Marsad on http://{host}:{port}/ (API: /api/, OpenAPI: /docs) · store {_shown(db)} · "
              f"writes {'need the bearer token' if os.environ.get('MARSAD_TOKEN') else 'disabled (no MARSAD_TOKEN)'}")
    options = {"host": host, "port": port, "log_level": "warning", "access_log": False}
    try:
        if workers == 1:
            uvicorn.run(create_app(db, max_upload=_size(max_upload), corpus=corpus, threads=threads), **options)
            return
        corpus.close()
        os.environ[SERVE_ENV] = json.dumps({"db": db, "max_upload": _size(max_upload), "threads": threads})
        uvicorn.run("marsad.web.app:from_environment", factory=True, workers=workers, **options)
    finally:
        corpus.close()


def version_callback(value: bool):
    if value:
        out.print(f"marsad {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: bool = typer.Option(False, "--version", callback=version_callback, is_eager=True)):
    """Marsad (مرصد): offline monitor for Arabic news."""


if __name__ == "__main__":
    app()
