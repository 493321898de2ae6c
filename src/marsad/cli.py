"""The `marsad` command.

JSON goes to stdout (CONTRACT.md shapes, one object per line for `analyze`); progress bars, summaries and
errors go to stderr, so `marsad … --json | jq` always works. Exit codes: 0 all inputs fine, 1 some inputs
failed or the corpus views could not be updated (each recorded with a one-line reason), 2 usage errors and
lookups of something that is not there.

Analysing, ingesting, maintaining, exporting and serving live here; the commands that list and show what the
store holds are in cli_read.py, registered below in the order `marsad --help` lists them; the options and
helpers both use are in cli_common.py.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sys
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Optional

import typer
from rich.markup import escape

from . import __version__, cli_read
from .cli_common import (CORPUS_EVERY, AddressOpt, ConfigOpt, DbOpt, ExecutorOpt, FieldOpt, JsonOpt, MaxSizeOpt,
                         OutletOpt, PublishedOpt, SinceOpt, StageDirOpt, UntilOpt, WorkersOpt, _asking, _config,
                         _corpus, _existing, _fail, _inputs, _print_json, _shown, _size, _store, _unused_rules,
                         _with_published, app)
from .cli_runs import (corpus_views, count_inputs, exit_code, finish_run, ingest_summary, process_start, run_alive,
                       run_summary, with_corpus_views)
from .cli_views import err, out, print_document, progress_bar
from .readable import n


@app.command()
def analyze(paths: list[str] = typer.Argument(..., help="Files or directories (txt, html, jsonl[.gz], warc[.gz], "
                                                       "parquet)."),
            published: Optional[list[str]] = PublishedOpt,
            outlet: Optional[str] = typer.Option(None, "--outlet", help="Outlet name for all inputs."),
            as_json: bool = JsonOpt,
            field: Optional[list[str]] = FieldOpt,
            max_size: Optional[str] = MaxSizeOpt, config: Optional[str] = ConfigOpt):
    """Analyze documents without storing them: a readable view of each, or with --json one JSON object per
    document per line (JSON Lines, the CONTRACT.md shape).

    Example: marsad analyze page.html --published 2020-01-14 --json"""
    from .executors.local import _to_document
    from .pipeline import FatalInputError, process
    from .readers.sources import InputError

    cfg = _config(config, None)
    inputs = _inputs(paths, cfg, field, published, max_size, None)
    failed = 0
    total = count_inputs(paths, None)
    # the bar goes to stderr and only for batches: a single file's JSON stays the only output
    with progress_bar(transient=True) as progress:
        task = progress.add_task("analyze", total=total, visible=bool(total and total > 1))
        for item in inputs:
            progress.advance(task)
            if isinstance(item, InputError):
                failed += 1
                err.print(f"[red]error[/] {item.source}: {item.message}")
                if as_json:
                    _print_json({"id": None, "source": item.source, "errors": [item.message]})
                continue
            doc = _to_document(item, outlet=outlet)
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
                print_document(out, doc.to_dict())
    _unused_rules(cfg)
    raise typer.Exit(1 if failed else 0)


EXECUTORS = ("local", "ray")


@app.command()
def ingest(paths: list[str] = typer.Argument(..., help="Files or directories (txt, html, jsonl[.gz], warc[.gz], "
                                                      "parquet)."),
           db: str = DbOpt,
           workers: Optional[int] = WorkersOpt,
           field: Optional[list[str]] = FieldOpt,
           published: Optional[list[str]] = PublishedOpt,
           outlet: Optional[str] = typer.Option(None, "--outlet", help="Outlet name for all inputs."),
           max_size: Optional[str] = MaxSizeOpt,
           limit: Optional[int] = typer.Option(None, "--limit", min=1, help="Stop after this many inputs."),
           corpus: bool = typer.Option(True, "--corpus/--no-corpus", help="Update duplicates, entities and stories."),
           as_json: bool = typer.Option(False, "--json", help="Also print the run's summary as JSON on stdout."),
           config: Optional[str] = ConfigOpt,
           executor: str = ExecutorOpt, address: Optional[str] = AddressOpt, stage_dir: Optional[str] = StageDirOpt,
           corpus_every: int = typer.Option(CORPUS_EVERY, "--corpus-every", min=0, help="Also bring the corpus views "
                                            "up to date each time this many more articles are stored (0: only at "
                                            "the end): memory stays bounded however large the input, and readers "
                                            "see stories and entities grow during a long ingest.")):
    """Analyze and store documents (idempotent: the same bytes are stored once), then update corpus views.

    Example: marsad ingest scrapes/ dumps/articles.jsonl.gz --db news.db --published 'seeds/*=2020-01-14'

    Example: marsad ingest archive/ --db postgresql://marsad@db/news --executor ray --address head:6379
    --stage-dir /mnt/shared/stage"""
    from .readers.sources import Skipped

    cfg = _config(config, db)                     # arguments first: a typo must not create a database
    _check_executor(executor, address, stage_dir)
    skipped_files = Skipped()
    inputs = _inputs(paths, cfg, field, published, max_size, skipped_files)
    workers = _workers(workers, cfg, address)
    limit = limit or cfg.defaults.get("limit")
    with _executor(executor, workers, address, stage_dir, db) as runner:
        code = _ingest_run(runner, inputs, db, {"paths": paths, "executor": executor, "limit": limit}, outlet,
                           corpus_every if corpus else None, as_json, skipped_files)
    _unused_rules(cfg)
    raise typer.Exit(code)


def _check_executor(executor: str, address: str | None, stage_dir: str | None) -> None:
    if executor not in EXECUTORS:
        raise _fail(f"--executor must be one of {', '.join(EXECUTORS)}, not {executor!r}")
    if executor != "ray" and (address or stage_dir):
        raise _fail("--address and --stage-dir go with --executor ray")
    if stage_dir and not Path(stage_dir).is_dir():
        raise _fail(f"--stage-dir {stage_dir}: no such folder")


def _workers(workers: int | None, cfg, address: str | None) -> int | None:
    """--workers, else marsad.toml's, else up to 4 on this machine (None: as many as the cluster has CPUs)."""
    return workers or cfg.defaults.get("workers") or (None if address else max(1, min(4, os.cpu_count() or 1)))


@contextmanager
def _executor(kind: str, workers: int | None, address: str | None, stage_dir: str | None, db: str):
    """The executor of an ingest; a Ray of this machine lives as long as the block. Ray missing or out of reach
    is a one-line error before anything is stored."""
    from .executors import local

    if kind == "local":
        yield local.executor(workers or 1)
        return
    from .executors.ray import RayExecutor, RayUnavailable, cluster
    from .store import is_postgres

    stack = ExitStack()
    err.print(f"[dim]connecting to the Ray cluster at {escape(address)}…[/]" if address else
              f"[dim]starting Ray ({workers} workers)…[/]")
    try:
        cpus = stack.enter_context(cluster(workers or 1, address))
    except RayUnavailable as exc:
        raise _fail(str(exc)) from None
    except KeyboardInterrupt:
        raise typer.Exit(130) from None
    with stack:
        yield RayExecutor(workers or cpus, stage_dir or (None if is_postgres(db) else Path(db).resolve().parent))


def _ingest_run(runner, inputs, db: str, args: dict, outlet: str | None, corpus_every: int | None, as_json: bool,
                skipped_files) -> int:
    """One ingest with `runner` (an executor), recorded as a run in the store; returns the exit code. The corpus
    views are brought up to date at the end and, with `corpus_every`, each time that many more articles are
    stored (None: never)."""
    from .executors.base import Interrupted, Report, ingest as run, stop_on_signals

    store = _store(db, readonly=False)
    store.close_stale_runs(run_alive)
    run_id = store.start_run("ingest", {**args, "workers": runner.workers, "pid": os.getpid(),
                                        "started": process_start(os.getpid()), "host": socket.gethostname()})
    report = Report()
    corpus_counts = None
    try:
        with stop_on_signals():          # from here on a signal is a stopped run, recorded, never a dead one
            with progress_bar() as progress:
                task = progress.add_task("ingest", total=count_inputs(args["paths"], args["limit"]))
                run(runner, inputs, store=store, run_id=run_id, outlet=outlet, limit=args["limit"], report=report,
                    on_progress=with_corpus_views(store, report, run_id, db, corpus_every, progress, task,
                                                  rest=runner.rest))
            if corpus_every is not None and not (report.interrupted or report.stopped) and store.corpus_dirty():
                apart = bool(report.corpus_seconds)          # a long ingest's last pass goes apart as the others
                corpus_counts = corpus_views(store, report, run_id, db, apart=apart)
    except Interrupted as exc:
        report.interrupted = str(exc)
    finally:
        finish_run(store, run_id, report)
    ingest_summary(report, store, corpus_counts, skipped_files, db)
    store.close()
    if as_json:
        _print_json(run_summary(run_id, report, corpus_counts, skipped_files))
    return exit_code(report)


@app.command()
def reprocess(db: str = DbOpt, outlet: Optional[str] = OutletOpt,
              as_json: bool = typer.Option(False, "--json", help="Also print the counts as JSON on stdout."),
              published: Optional[list[str]] = PublishedOpt, config: Optional[str] = ConfigOpt,
              workers: Optional[int] = WorkersOpt, executor: str = ExecutorOpt, address: Optional[str] = AddressOpt,
              stage_dir: Optional[str] = StageDirOpt):
    """Analyze stored documents again from their raw bytes (after an upgrade, or after marsad.toml or a
    --published rule changed: they apply to the stored articles too), then rebuild the corpus views. The
    analysis runs where an ingest's does: worker processes of this machine, or a Ray cluster.

    Example: marsad reprocess --db news.db --published 'seeds/*=2020-01-14'

    Example: marsad reprocess --db postgresql://marsad@db/news --executor ray --address head:6379"""
    from .clean.reclean import reprocess_all
    from .corpus import rebuild
    from .query import Corpus

    cfg = _config(config, db)
    _check_executor(executor, address, stage_dir)
    _with_published(cfg, published)
    _existing(db)
    store = _store(db, readonly=False)
    if outlet:
        with _asking():
            outlet = Corpus(store).outlet_name(outlet)
    with _executor(executor, _workers(workers, cfg, address), address, stage_dir, db) as runner, \
            progress_bar() as progress:
        task = progress.add_task("reprocess", total=None)
        counts = reprocess_all(store, outlet=outlet, configure=cfg.apply, runner=runner,
                               on_progress=lambda i, k: progress.update(task, completed=i, total=k))
    counts.update(rebuild(store))
    store.close()
    err.print("reprocess: " + ", ".join(f"{v:,} {k}" for k, v in counts.items()))
    if as_json:
        _print_json(counts)
    raise typer.Exit(1 if counts["failed"] else 0)


@app.command()
def corpus(db: str = DbOpt, as_json: bool = typer.Option(False, "--json", help="Also print the counts as JSON."),
           full: bool = typer.Option(False, "--full", help="Rebuild from scratch: link every mention again, count "
                                     "every entity, place every article in stories again (slow on a big store).")):
    """Bring duplicates, entities, stories and storylines up to date with the stored articles.

    Each view is updated from what was stored (or re-cleaned, or deleted) since it was last brought up to date, as
    after every ingest; --full recomputes them over the whole store.

    Example: marsad corpus --db news.db --full"""
    from .corpus import rebuild

    _existing(db)
    store = _store(db, readonly=False)
    counts = rebuild(store, full=full)
    store.close()
    err.print("corpus: " + ", ".join(f"{v:,} {k}" for k, v in counts.items()))
    if as_json:
        _print_json(counts)


app.command()(cli_read.stats)
app.command()(cli_read.stories)
app.command()(cli_read.story)
app.command()(cli_read.storyline)


@app.command()
def repair(db: str = DbOpt, as_json: bool = JsonOpt):
    """Place every article into stories again from nothing (the periodic repair of incremental stories): keeps
    story ids, and says which stories it merged and split and how many articles moved.

    Example: marsad repair --db news.db --json"""
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


app.command()(cli_read.duplicates)
app.command()(cli_read.provenance)


@app.command()
def delete(doc_ids: list[str] = typer.Argument(..., help="Article ids (unique prefixes are enough)."),
           db: str = DbOpt, corpus: bool = typer.Option(True, "--corpus/--no-corpus",
                                                        help="Update duplicates, entities and stories."),
           as_json: bool = typer.Option(False, "--json", help="Also print what was deleted as JSON on stdout.")):
    """Remove articles (raw bytes included) and take them out of the duplicate index, pairs and provenance.

    Example: marsad delete 0b802b1f04 snn-20150721-0905 --db news.db"""
    from .corpus import rebuild
    from .query import Corpus

    store = _store(db, readonly=False)
    with _asking():
        ids = [Corpus(store).resolve(prefix) for prefix in doc_ids]
    removed = store.delete_documents(ids)
    counts = rebuild(store) if corpus else {}
    store.close()
    err.print(f"deleted {n(removed, 'article')}" + ("; corpus: " + ", ".join(f"{v:,} {k}" for k, v in counts.items())
                                                     if counts else ""))
    if as_json:
        _print_json({"deleted": ids, "removed": removed, "corpus": counts})


app.command()(cli_read.entities)
app.command()(cli_read.entity)
app.command()(cli_read.quotes)
app.command()(cli_read.search)
app.command()(cli_read.articles)
app.command()(cli_read.outlets)
app.command()(cli_read.show)
app.command()(cli_read.templates)
app.command()(cli_read.errors)


@app.command()
def export(db: str = DbOpt, format_: str = typer.Option("jsonl", "--format", help="jsonl, csv or parquet."),
           out_path: Optional[str] = typer.Option(None, "--out", help="File, or folder for the whole corpus in csv or "
                                                                      "parquet (one file per table)."),
           view: Optional[str] = typer.Option(None, "--view", help="Export one view instead of every document: "
                                                                   "articles, stories, entities, quotes, duplicates."),
           bom: bool = typer.Option(True, "--bom/--no-bom", help="CSV: start with a UTF-8 byte-order mark, so that "
                                                                  "spreadsheet programs show Arabic (default)."),
           outlet: Optional[str] = OutletOpt, since: Optional[str] = SinceOpt, until: Optional[str] = UntilOpt,
           entity: Optional[str] = typer.Option(None, "--entity", help="With --view: only what names this person "
                                                                       "(or entity), in any spelling."),
           story_id: Optional[str] = typer.Option(None, "--story", help="With --view: only this story (s-…)."),
           kind: Optional[str] = typer.Option(None, "--kind", help="With --view duplicates: exact, near or wire."),
           type_: Optional[str] = typer.Option(None, "--type", help="With --view entities: PER, ORG, LOC or MISC.")):
    """Export every document with its analysis, or with --view one view, filtered as its list command.

    Example: marsad export --view quotes --entity "فائق الهوني" --format csv --out statements.csv

    Example: marsad export --view articles --story s-6ec792518b --format csv --out story.csv

    Example: marsad export --format parquet --out tables/"""
    if format_ not in ("jsonl", "csv", "parquet"):
        raise _fail(f"--format must be jsonl, csv or parquet, got {format_!r}")
    filters = {"outlet": outlet, "since": since, "until": until, "entity": entity, "story": story_id, "kind": kind,
               "type": type_}
    if view is None and any(filters.values()):
        raise _fail("--outlet, --since, --until, --entity, --story, --kind and --type need --view")
    if view is None and format_ != "jsonl" and not out_path:
        raise _fail(f"--out FOLDER is required for {format_}")
    if view is None and out_path and format_ != "jsonl" and Path(out_path).suffix.lower() in (".csv", ".parquet"):
        raise _fail(f"the whole corpus goes to a folder (one {format_} file per table), not to {out_path}; "
                    f"for one file of one view add --view articles|stories|entities|quotes|duplicates")
    corpus_ = _corpus(db)
    with _exporting(out_path):
        if view is not None:
            _export_view(corpus_, view, filters, format_, out_path, bom)
            return
        from .export import export as do_export
        from .export import target

        target(format_, out_path)
        with progress_bar() as progress:     # a signal still removes the temporary files
            task = progress.add_task(f"export {format_}", total=corpus_.store.count_documents())
            written = do_export(corpus_.documents(), format_, out_path,
                                on_progress=lambda n: progress.advance(task, n), bom=bom)
        for path in written:
            err.print(f"wrote {path}")


def _export_view(corpus_, view: str, filters: dict, fmt: str, out_path: str | None, bom: bool) -> None:
    from .export_views import rows, write

    with _asking():
        records = rows(corpus_, view, filters)
        count = 0

        def tick(k: int) -> None:
            nonlocal count
            count += k
        where = write(records, fmt, out_path, bom=bom, tick=tick)
    err.print(f"wrote {count:,} {view} to {where}")


@contextmanager
def _exporting(out_path: str | None):
    """An export's failures as one line each: a wrong target, a closed pipe, a signal, a full disk."""
    from .executors.local import Interrupted, stop_on_signals
    from .export import ExportError

    try:
        with stop_on_signals():
            yield
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


app.command()(cli_read.digest)


@app.command()
def serve(db: str = DbOpt, host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
          port: int = typer.Option(8000, "--port", help="Port to listen on."),
          max_upload: str = typer.Option("64MB", "--max-upload", help="Largest file POST /api/ingest takes."),
          threads: int = typer.Option(40, "--threads", help="Requests each process answers at the same time."),
          workers: int = typer.Option(1, "--workers", "-w", help="Server processes (one per core serves more).")):
    """Serve the web pages (right-to-left Arabic) and the HTTP API (/api/, OpenAPI at /docs) over one store.
    Writes (POST /api/ingest) need MARSAD_TOKEN set; without it the server is read-only.

    Example: MARSAD_TOKEN=… marsad serve --db news.db --host 0.0.0.0 --port 8000"""
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
