"""The `marsad` command.

JSON goes to stdout (CONTRACT.md shapes, one object per line for `analyze`); progress bars, summaries and
errors go to stderr, so `marsad … --json | jq` always works. Exit codes: 0 all inputs fine, 1 some inputs
failed or the corpus views could not be updated (each recorded with a one-line reason), 2 usage errors and
lookups of something that is not there.
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
from rich.table import Table

from . import __version__
from .cli_runs import (corpus_views, count_inputs, exit_code, finish_run, ingest_summary, process_start, run_alive,
                       run_summary, with_corpus_views)
from .cli_views import err, out, print_digest, print_document, print_frames, print_story_views, \
    progress_bar
from .readable import clip, n

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode="rich",
                  help="Marsad (مرصد): offline monitor for Arabic news. Clean, deduplicate, find entities, quotes "
                       "and dates, group stories.")
DEFAULT_DB = os.environ.get("MARSAD_DB", "marsad.db")
DbOpt = typer.Option(DEFAULT_DB, "--db", help="SQLite database file or postgresql:// URL (env MARSAD_DB).")
JsonOpt = typer.Option(False, "--json", help="Print JSON (CONTRACT.md) instead of a table.")


def _limit(default: int):
    return typer.Option(default, "--limit", help=f"How many rows to show (default {default}).")


LimitOpt = _limit(50)
OffsetOpt = typer.Option(0, "--offset", help="Skip this many rows (pagination).")
SinceOpt = typer.Option(None, "--since", help="From this day on (YYYY-MM-DD).")
UntilOpt = typer.Option(None, "--until", help="Up to this day (YYYY-MM-DD).")
def _outlet_alias(ctx: typer.Context, value: str | None) -> str | None:
    """An outlet filter may be a code or host marsad.toml maps to a name ("aawsat" for الشرق الأوسط)."""
    if not value:
        return value
    from .config import ConfigError, load

    try:
        return load(ctx.params.get("config"), ctx.params.get("db") or DEFAULT_DB).outlet_name(value)
    except ConfigError:
        return value                  # the command that reads the settings says what is wrong with them


OutletOpt = typer.Option(None, "--outlet", help="Only this outlet (its name, or a code marsad.toml maps to it).",
                         callback=_outlet_alias)
CORPUS_EVERY = 5000           # articles stored between two updates of the corpus views during an ingest
PublishedOpt = typer.Option(None, "--published", help="Publication date, over what the page says: YYYY-MM-DD for "
                                                      "every input, or GLOB=YYYY-MM-DD for the inputs whose path "
                                                      "matches; repeat for several.")
FieldOpt = typer.Option(None, "--field", help="JSON Lines key mapping, e.g. body=content (repeatable).")
MaxSizeOpt = typer.Option(None, "--max-size", help="Skip documents larger than this (default 20MB).")
EntityOpt = typer.Option(None, "--entity", help="Only what names this person (or entity), in any spelling.")
ConfigOpt = typer.Option(None, "--config", help="Settings file (default: marsad.toml beside the database).")


def _print_json(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _emit(data: list[dict], as_json: bool, title: str, columns: tuple[str, ...], row, page=None) -> None:
    """JSON (the contract shape) or a table of selected columns: every listing command ends here. A table that
    shows part of a longer listing says so, and how to see the rest."""
    if as_json:
        _print_json(data)
        return
    table = Table(title=title)
    for col in columns:
        table.add_column(col, overflow="fold")
    for item in data:
        table.add_row(*row(item))
    out.print(table)
    if page is not None and data and page.total > page.offset + len(data):
        err.print(f"rows {page.offset + 1:,}–{page.offset + len(data):,} of {page.total:,}: --limit N shows more, "
                  f"--offset {page.offset + len(data)} the next ones")


def _fail(message: str) -> typer.Exit:
    err.print(f"[red]error:[/] {escape(message)}")
    return typer.Exit(2)


def _store(db: str, readonly: bool = True):
    from .store import StoreError, open_store

    try:
        return open_store(db, readonly=readonly)
    except (FileNotFoundError, StoreError) as exc:
        raise _fail(str(exc)) from None


def _corpus(db: str):
    """The store to read, with a word on stderr when its stories, entities and duplicates do not cover every
    stored article yet (an ingest stopped before its corpus step, or one still running)."""
    from .query import Corpus

    store = _store(db)
    try:
        stale = store.corpus_dirty()
    except Exception:  # noqa: BLE001 - a note, never a reason to fail a read
        stale = False
    if stale:
        err.print(f"[yellow]note:[/] articles were stored after the stories, entities and duplicates were last "
                  f"updated; `marsad corpus --db {_shown(db)}` brings them up to date")
    return Corpus(store)


@contextmanager
def _asking():
    """The query layer's refusals (a malformed search, a bad date, an unknown id) as one line and exit code 2."""
    from .query import NotFound

    try:
        yield
    except (ValueError, NotFound) as exc:
        raise _fail(str(exc.args[0]) if exc.args else str(exc)) from None


def _shown(db: str) -> str:
    from .store import redact

    return redact(db)


def _existing(db: str) -> None:
    from .store import is_postgres

    if not is_postgres(db) and not Path(db).exists():
        raise _fail(f"no database at {db}; run `marsad ingest` first")


def _fields(specs: list[str] | None):
    from .readers.sources import parse_field_map

    try:
        return parse_field_map(specs)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


def _config(path: str | None, db: str | None):
    from .config import ConfigError, load

    try:
        return load(path, db)
    except ConfigError as exc:
        raise _fail(str(exc)) from None


def _inputs(paths: list[str], cfg, field: list[str] | None, published: list[str] | None, max_size: str | None,
            skipped):
    """The inputs with what the command line and marsad.toml say of them: field mappings (the command line's
    over the file's), dates (the first --published rule that matches, else the file's), outlet names."""
    from .readers.sources import DEFAULT_FIELDS, RawInput, iter_inputs

    given = {k: v for k, v in _fields(field).items() if DEFAULT_FIELDS.get(k) != v}
    _with_published(cfg, published)
    max_bytes = _size(max_size or cfg.defaults.get("max_size") or "20MB")
    items = iter_inputs(paths, field_map=lambda path: {**cfg.fields_for(path, DEFAULT_FIELDS), **given},
                        max_bytes=max_bytes, skipped=skipped)
    return (cfg.apply(item) if isinstance(item, RawInput) else item for item in items)


def _with_published(cfg, published: list[str] | None) -> None:
    """The command line's --published rules go before marsad.toml's: the first rule that matches decides."""
    from .config import ConfigError, published_rules

    try:
        cfg.sources[:0] = published_rules(published)
    except ConfigError as exc:
        raise _fail(str(exc)) from None


def _unused_rules(cfg) -> None:
    """A date or outlet rule that matched no input is a typo until shown otherwise: say so, once each."""
    for rule in cfg.unused():
        err.print(f"[yellow]warning:[/] {escape(rule.origin)} matched no input (the glob is tried against each "
                  f"input's path and every tail of it, e.g. seeds/*.txt or *.jsonl)")


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
           workers: Optional[int] = typer.Option(None, "--workers", "-w", min=1, max=256,
                                                 help="Worker processes (default: up to 4, as many as cores; with "
                                                      "--address, the cluster's CPUs)."),
           field: Optional[list[str]] = FieldOpt,
           published: Optional[list[str]] = PublishedOpt,
           outlet: Optional[str] = typer.Option(None, "--outlet", help="Outlet name for all inputs."),
           max_size: Optional[str] = MaxSizeOpt,
           limit: Optional[int] = typer.Option(None, "--limit", min=1, help="Stop after this many inputs."),
           corpus: bool = typer.Option(True, "--corpus/--no-corpus", help="Update duplicates, entities and stories."),
           as_json: bool = typer.Option(False, "--json", help="Also print the run's summary as JSON on stdout."),
           config: Optional[str] = ConfigOpt,
           executor: str = typer.Option("local", "--executor", help="Where the analysis runs: local (processes of "
                                                                     "this machine) or ray (a Ray cluster)."),
           address: Optional[str] = typer.Option(None, "--address", help="With --executor ray: the cluster to use "
                                                 "(HOST:PORT of its head); without it a Ray of this machine is "
                                                 "started for the run."),
           stage_dir: Optional[str] = typer.Option(None, "--stage-dir", help="With --executor ray: where workers "
                                                   "leave analyzed batches (Parquet) for this process to store "
                                                   "(default: beside the SQLite store; for PostgreSQL the system's "
                                                   "temporary folder). On several machines it must be shared storage "
                                                   "mounted at the same path on each."),
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
    if executor not in EXECUTORS:
        raise _fail(f"--executor must be one of {', '.join(EXECUTORS)}, not {executor!r}")
    if executor != "ray" and (address or stage_dir):
        raise _fail("--address and --stage-dir go with --executor ray")
    if stage_dir and not Path(stage_dir).is_dir():
        raise _fail(f"--stage-dir {stage_dir}: no such folder")
    skipped_files = Skipped()
    inputs = _inputs(paths, cfg, field, published, max_size, skipped_files)
    workers = workers or cfg.defaults.get("workers") or (None if address else max(1, min(4, os.cpu_count() or 1)))
    limit = limit or cfg.defaults.get("limit")
    with _executor(executor, workers, address, stage_dir, db) as runner:
        code = _ingest_run(runner, inputs, db, {"paths": paths, "executor": executor, "limit": limit}, outlet,
                           corpus_every if corpus else None, as_json, skipped_files)
    _unused_rules(cfg)
    raise typer.Exit(code)


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
                    on_progress=with_corpus_views(store, report, run_id, db, corpus_every, progress, task))
            if corpus_every is not None and not (report.interrupted or report.stopped) and store.corpus_dirty():
                corpus_counts = corpus_views(store, report, run_id, db)
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
              published: Optional[list[str]] = PublishedOpt, config: Optional[str] = ConfigOpt):
    """Analyze stored documents again from their raw bytes (after an upgrade, or after marsad.toml or a
    --published rule changed: they apply to the stored articles too), then rebuild the corpus views.

    Example: marsad reprocess --db news.db --published 'seeds/*=2020-01-14'"""
    from .clean.reclean import reprocess_all
    from .corpus import rebuild
    from .query import Corpus

    cfg = _config(config, db)
    _with_published(cfg, published)
    _existing(db)
    store = _store(db, readonly=False)
    if outlet:
        with _asking():
            outlet = Corpus(store).outlet_name(outlet)
    with progress_bar() as progress:
        task = progress.add_task("reprocess", total=None)
        counts = reprocess_all(store, outlet=outlet, configure=cfg.apply,
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


@app.command()
def stats(db: str = DbOpt, as_json: bool = JsonOpt):
    """Counts: documents, errors, outlets, stories, storylines, entities, quotes.

    Example: marsad stats --db news.db --json"""
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
    """Stories: articles about one event across outlets, with summary, timeline and framing.

    Example: marsad stories --db news.db --since 2024-02-01 --entity "فائق الهوني" --outlet "عرب ووتش"
    """
    with _asking():
        page = _corpus(db).stories(since=since, until=until, outlet=outlet, entity=entity, limit=limit,
                                   offset=offset)
    _emit([s.to_dict() for s in page.items], as_json, n(page.total, "story"),
          ("id", "dates", "n", "outlets", "title"),
          lambda s: (s["id"], f"{s['first_seen'] or 'undated'} → {s['last_seen'] or 'undated'}",
                     str(len(s["articles"])), "، ".join(s["outlets"]), s["title"]), page=page)


@app.command()
def story(story_id: str = typer.Argument(..., help="Story id (s-…)."), db: str = DbOpt, as_json: bool = JsonOpt):
    """One story: its articles (date, outlet, title, id for `marsad show`), the attributed summary, key
    statements, framing and wire copy.

    Example: marsad story s-3e2ff624c2 · marsad export --view articles --story s-3e2ff624c2 --format csv --out s.csv"""
    with _asking():
        detail = _corpus(db).story(story_id)
    if as_json:
        _print_json(detail.to_dict())
        return
    s = detail.story
    out.rule(s.title or s.id)
    out.print(f"{s.id} · {s.first_seen or 'undated'} → {s.last_seen or 'undated'} · "
              f"{n(len(detail.articles), 'article')}" + (f" · storyline {s.storyline}" if s.storyline else ""))
    for a in detail.articles:
        out.print(f"  {a.published or 'undated'}  {a.outlet or 'outlet unknown'}  {escape(a.title or a.id)}  "
                  f"[dim]{a.id[:10]}[/]")
    print_story_views(out, s)


@app.command()
def storyline(line_id: str = typer.Argument(..., help="Storyline id (l-…)."), db: str = DbOpt,
              as_json: bool = JsonOpt):
    """One storyline: its stories over weeks and months, and how each outlet frames it.

    Example: marsad storyline l-20b27c47f3 --db news.db"""
    with _asking():
        detail = _corpus(db).storyline(line_id)
    if as_json:
        _print_json(detail.to_dict())
        return
    line = detail.storyline
    out.rule(line.title or line.id)
    out.print(f"{line.id} · {line.first_seen} → {line.last_seen} · {n(line.stories, 'story')}")
    for s in detail.stories:
        out.print(f"  {s.first_seen or 'undated'}  {s.n_articles:>4}  {s.title or s.id}  [dim]{s.id}[/]")
    print_frames(out, line.frames)


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


@app.command()
def duplicates(db: str = DbOpt, as_json: bool = JsonOpt, limit: int = _limit(1000),
               offset: int = OffsetOpt, kind: Optional[str] = typer.Option(None, "--kind", help="exact, near or wire."),
               article: Optional[str] = typer.Option(None, "--article", help="Only pairs with this article.")):
    """Duplicate and wire-copy pairs (a is the earlier article): exact copies, near copies (light edits) and wire
    texts (one contains most of the other, or both run the same dispatch with their own additions).

    Example: marsad duplicates --db news.db --kind wire --article 0b802b1f04"""
    with _asking():
        page = _corpus(db).duplicates(kind=kind, article=article, limit=limit, offset=offset)
    _emit([p.to_dict() for p in page.items], as_json, "duplicates",
          ("a", "b", "kind", "score", "shared chars", "outlets"),
          lambda r: (r["a"], r["b"], r["kind"], f"{r['score']:.2f}", str(r["shared_chars"]),
                     f"{r['a_outlet'] or 'unknown'} → {r['b_outlet'] or 'unknown'}"), page=page)


@app.command()
def provenance(doc_id: str = typer.Argument(..., help="Article id (a unique prefix is enough)."), db: str = DbOpt,
               as_json: bool = JsonOpt):
    """Where an article's text comes from: each paragraph's earlier source, the originality ratio (share of
    the text that is the outlet's own) and the probable agency.

    Example: marsad provenance 0b802b1f04 --db news.db"""
    corpus_ = _corpus(db)
    with _asking():
        p = corpus_.provenance(doc_id)
    if as_json:
        _print_json(p.to_dict())
        return
    d = corpus_.article(p.article_id)
    out.print(f"[bold]{d.title or d.id}[/]  [dim]{d.outlet or 'outlet unknown'} · {d.published or 'undated'}[/]")
    out.print(f"originality {p.originality:.0%} · agency {p.agency or 'not known'}")
    for s in p.sources:
        out.print(f"  from {s['article_id']} ({s['outlet'] or 'outlet unknown'}): paragraphs {s['paragraphs']} · "
                  f"{s['shared_chars']:,} characters")
    for para in p.paragraphs:
        text = d.body[para["start"]:para["end"]]
        mark = f"[yellow]← {para['source'][:10]}[/]" if para["source"] else "[green]own[/]"
        out.print(f"  {mark} {clip(text, 110)}")


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


@app.command()
def entities(db: str = DbOpt, as_json: bool = JsonOpt, limit: int = LimitOpt, offset: int = OffsetOpt,
             type_: Optional[str] = typer.Option(None, "--type", help="PER, ORG, LOC or MISC."),
             name: Optional[str] = typer.Option(None, "--name", help="Only the entity with this name (any spelling).")):
    """Canonical entities across the corpus with aliases, titles and counts.

    Example: marsad entities --db news.db --type PER --limit 20"""
    with _asking():
        page = _corpus(db).entities(type=type_, name=name, limit=limit, offset=offset)
    _emit([e.to_dict() for e in page.items], as_json, "entities",
          ("type", "canonical", "articles", "mentions", "aliases", "titles"),
          lambda r: (r["type"], r["canonical"], str(r["articles"]), str(r["mentions"]), "، ".join(r["aliases"][:4]),
                     "، ".join(r["titles"][:4])), page=page)


@app.command()
def entity(name: str = typer.Argument(..., help="A name in any spelling, or an entity id."), db: str = DbOpt,
           as_json: bool = JsonOpt):
    """One entity: its names and titles (by outlet), the stories it is in and how often it speaks.

    Example: marsad entity "فايق الهونى" --db news.db"""
    with _asking():
        detail = _corpus(db).entity(name)
    if as_json:
        _print_json(detail.to_dict())
        return
    e = detail.entity
    out.rule(f"{e.canonical} ({e.type})")
    out.print(f"{e.entity_id} · {n(e.articles, 'article')} · {n(e.mentions, 'mention')} · "
              f"{n(detail.quotes, 'statement')}")
    if e.aliases:
        out.print("also: " + "، ".join(e.aliases[:12]))
    for outlet, titles in e.titles_by_outlet.items():
        out.print(f"  {outlet or 'outlet unknown'}: {'، '.join(titles[:5])}")
    for s in detail.stories:
        out.print(f"  story {s.id} · {s.first_seen or 'undated'} · {s.title or ''}")


@app.command()
def quotes(db: str = DbOpt, as_json: bool = JsonOpt, limit: int = LimitOpt, offset: int = OffsetOpt,
           entity: Optional[str] = typer.Option(None, "--entity", help="Speaker name (any spelling variant)."),
           outlet: Optional[str] = OutletOpt, since: Optional[str] = SinceOpt, until: Optional[str] = UntilOpt,
           story_id: Optional[str] = typer.Option(None, "--story", help="Only statements in this story.")):
    """Statements: who said what, in which article.

    Example: marsad quotes --db news.db --entity الهوني --since 2024-03-01 --outlet "عرب ووتش"
    """
    with _asking():
        page = _corpus(db).quotes(entity=entity, outlet=outlet, since=since, until=until, story=story_id,
                                  limit=limit, offset=offset)
    _emit([q.to_dict() for q in page.items], as_json, n(page.total, "statement"),
          ("date", "outlet", "speaker", "kind", "statement", "article", "story"),
          lambda r: (r["published"] or "undated", r["outlet"] or "unknown", r["speaker"] or r.get("speaker_text") or "",
                     r["kind"], r["content"], r["article_id"][:10], r["story"] or ""), page=page)


@app.command()
def search(query: str = typer.Argument(..., help='Words (all must appear), "a phrase", a OR b, -word, prefix*.'),
           db: str = DbOpt, as_json: bool = JsonOpt, limit: int = _limit(20), offset: int = OffsetOpt,
           outlet: Optional[str] = OutletOpt, since: Optional[str] = SinceOpt, until: Optional[str] = UntilOpt,
           entity: Optional[str] = EntityOpt):
    """Full-text search over normalized Arabic (فايز finds فائز, والسراج finds السراج). Words must all appear;
    "a phrase" keeps words together; OR between words takes either; -word (or NOT word) leaves articles out;
    word* is a prefix; parentheses group.

    Example: marsad search 'الورشفاني OR الهوني -موسكو' --db news.db --since 2024-02-01"""
    with _asking():
        page = _corpus(db).search(query, outlet=outlet, since=since, until=until, entity=entity, limit=limit,
                                  offset=offset)
    _emit([h.to_dict() for h in page.items], as_json, f"search: {query} ({n(page.total, 'article')})",
          ("article", "date", "outlet", "title", "snippet"),
          lambda r: (r["article_id"][:10], r["published"] or "", r["outlet"] or "unknown", r["title"] or "",
                     r["snippet"]), page=page)


@app.command()
def articles(db: str = DbOpt, as_json: bool = JsonOpt, limit: int = LimitOpt, offset: int = OffsetOpt,
             outlet: Optional[str] = OutletOpt, since: Optional[str] = SinceOpt, until: Optional[str] = UntilOpt,
             entity: Optional[str] = EntityOpt):
    """Articles, latest first: id, date, outlet, title.

    Example: marsad articles --outlet "الوطن الحر" --since 2024-02-01 --entity الهوني"""
    with _asking():
        page = _corpus(db).articles(outlet=outlet, since=since, until=until, entity=entity, limit=limit,
                                    offset=offset)
    _emit([a.to_dict() for a in page.items], as_json, n(page.total, "article"), ("id", "date", "outlet", "title"),
          lambda r: (r["id"], r["published"] or "", r["outlet"] or "unknown", r["title"] or ""), page=page)


@app.command()
def outlets(db: str = DbOpt, as_json: bool = JsonOpt):
    """Outlets: articles, first and last day, the share of their text that is their own, wire articles; the names
    `--outlet` takes (marsad.toml [outlets] maps a dump's codes to them).

    Example: marsad outlets --db news.db"""
    with _asking():
        found = _corpus(db).outlets()
    named = sum(1 for o in found if o.outlet)
    title = n(named, "outlet") + (" and articles of unknown outlet" if named < len(found) else "")
    _emit([o.to_dict() for o in found], as_json, title,
          ("outlet", "articles", "from", "to", "own text", "wire"),
          lambda r: (r["outlet"] or "unknown", f"{r['articles']:,}", r["first_seen"] or "undated",
                     r["last_seen"] or "undated",
                     f"{r['original_share']:.0%}" if r["original_share"] is not None else "",
                     f"{r['wire_articles']:,}"))


@app.command()
def show(doc_id: str = typer.Argument(..., help="Article id (a unique prefix is enough)."), db: str = DbOpt,
         as_json: bool = JsonOpt, raw: bool = typer.Option(False, "--raw", help="Print the stored raw bytes.")):
    """One article: metadata, clean body, entities, quotes, times.

    Example: marsad show 0b802b1f04 --db news.db · marsad show snn-20150721-0905 · marsad show https://… --raw"""
    corpus_ = _corpus(db)
    with _asking():
        if raw:
            sys.stdout.buffer.write(corpus_.raw(doc_id))
            return
        d = corpus_.article(doc_id).to_dict()
    if as_json:
        _print_json(d)
        return
    print_document(out, d)


@app.command()
def templates(db: str = DbOpt, as_json: bool = JsonOpt,
              outlet: Optional[str] = OutletOpt):
    """What was learned of each outlet's boilerplate: pages counted, lines now removed from its articles.

    Example: marsad templates --db news.db --outlet "بوابة النيل"
    """
    corpus_ = _corpus(db)
    with _asking():
        outlet = corpus_.outlet_name(outlet) if outlet else None
    _emit([t.to_dict() for t in corpus_.templates(outlet)], as_json, "outlet templates",
          ("outlet", "pages", "boilerplate lines"),
          lambda r: (r["outlet"], f"{r['pages']:,}", f"{r['boilerplate_lines']:,}"))


@app.command()
def errors(db: str = DbOpt, as_json: bool = JsonOpt, limit: int = _limit(200),
           offset: int = OffsetOpt):
    """Inputs that failed or were flagged, with the reason; their bytes are kept when small.

    Example: marsad errors --db news.db --json"""
    with _asking():
        rows = _corpus(db).errors(limit=limit, offset=offset)
    _emit([e.to_dict() for e in rows], as_json, "errors and warnings", ("kind", "input", "reason"),
          lambda r: (r["kind"], _where(r["source"], r["locator"]), r["message"]))


def _where(source: str, locator: str | None) -> str:
    """"crawl.jsonl:63", not "crawl.jsonl:63 · line 63": a locator the input's name already carries is said once."""
    if not locator or locator in source or locator.replace("line ", ":") in source:
        return source
    return f"{source} ({locator})"


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


@app.command()
def digest(db: str = DbOpt, stories_n: int = typer.Option(8, "--stories", help="How many stories to show.", min=1,
                                                           max=1000), as_json: bool = JsonOpt):
    """A readable digest of the corpus: top stories with outlets and statements, top entities.

    Example: marsad digest --db news.db --stories 5"""
    d = _corpus(db).digest(stories_n)
    if as_json:
        _print_json(d.to_dict())
        return
    print_digest(out, d, _shown(db))


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
