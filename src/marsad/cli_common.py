"""What the `marsad` commands share: the app, its options, opening the store or the query layer, printing a
listing, failing with a clear message."""

from __future__ import annotations

import json
import os
import sys
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from .cli_views import err, out

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
# where the analysis runs (ingest, reprocess)
WorkersOpt = typer.Option(None, "--workers", "-w", min=1, max=256, help="Worker processes (default: up to 4, as "
                          "many as cores; with --address, the cluster's CPUs).")
ExecutorOpt = typer.Option("local", "--executor", help="Where the analysis runs: local (processes of this machine) "
                           "or ray (a Ray cluster).")
AddressOpt = typer.Option(None, "--address", help="With --executor ray: the cluster to use (HOST:PORT of its head); "
                          "without it a Ray of this machine is started for the run.")
StageDirOpt = typer.Option(None, "--stage-dir", help="With --executor ray: where workers leave analyzed batches "
                           "(Parquet) for this process to store (default: beside the SQLite store; for PostgreSQL "
                           "the system's temporary folder). On several machines it must be shared storage mounted "
                           "at the same path on each.")


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
