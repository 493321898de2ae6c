"""Exports: JSON Lines carries every field of `analyze` plus `url`; CSV and Parquet are flat tables, one per
kind of record (documents, mentions, quotes, times, comments), joined on `doc_id`."""

from __future__ import annotations

import contextlib
import csv
import json
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

SEP = " | "      # several values in one cell (credits, errors; people and aliases in view exports)
DOC_COLUMNS = ["id", "source", "outlet", "title", "url", "published", "published_source", "dateline_place",
               "dateline_agency", "credits", "byline", "lang", "format", "encoding", "body", "n_entities",
               "n_quotes", "n_times", "n_comments", "errors"]
SPAN_TABLES = {
    "mentions": ["doc_id", "start", "end", "text", "type", "name", "title", "canonical", "entity_id"],
    "quotes": ["doc_id", "start", "end", "speaker", "speaker_entity_id", "speaker_text",
               "cue", "kind", "content", "via", "why"],
    "times": ["doc_id", "start", "end", "text", "value", "type", "anchor", "consistent"],
    "comments": ["doc_id", "n", "author", "date", "text"],
}


def _flat(d: dict) -> dict:
    dl = d.get("dateline") or {}
    return {"id": d["id"], "source": d["source"], "outlet": d["outlet"], "title": d["title"], "url": d["url"],
            "published": d["published"], "published_source": d["published_source"], "dateline_place": dl.get("place"),
            "dateline_agency": dl.get("agency"), "credits": SEP.join(d["credits"]), "byline": d["byline"],
            "lang": d["lang"], "format": d["format"], "encoding": d["encoding"], "body": d["body"],
            "n_entities": len(d["entities"]), "n_quotes": len(d["quotes"]), "n_times": len(d["times"]),
            "n_comments": len(d["comments"]), "errors": SEP.join(d["errors"])}


def _spans(d: dict) -> dict[str, list[dict]]:
    return {
        "mentions": [{"doc_id": d["id"], **e} for e in d["entities"]],
        "quotes": [{"doc_id": d["id"], **q} for q in d["quotes"]],
        "times": [{"doc_id": d["id"], **t} for t in d["times"]],
        "comments": [{"doc_id": d["id"], "n": i + 1, **c} for i, c in enumerate(d["comments"])],
    }


class ExportError(ValueError):
    """The export cannot be written where it was asked to go."""


@contextlib.contextmanager
def _written(path: Path, newline: str | None = None):
    """A text file written in full or not at all: into a temporary file beside it, renamed over the target at
    the end, so a failed export (a full disk) never leaves a truncated file where a good one was. A target
    that is not a regular file (/dev/stdout, a pipe) is written directly."""
    if path.exists() and not path.is_file():
        with open(path, "w", encoding="utf-8", newline=newline) as fh:
            yield fh
        return
    path = path.resolve()                       # through a symbolic link: the file it names is replaced
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        with open(tmp, "w", encoding="utf-8", newline=newline) as fh:
            yield fh
        _same_mode(path, tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _same_mode(old: Path, new: Path) -> None:
    """The replacement keeps the permissions of the file it replaces (a private export stays private)."""
    try:
        os.chmod(new, old.stat().st_mode & 0o7777)
    except FileNotFoundError:
        pass


def _file_target(out: str) -> Path:
    path = Path(out)
    if path.is_dir():
        raise ExportError(f"{out} is a folder: JSON Lines goes to a file (e.g. {path / 'articles.jsonl'})")
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def _folder_target(out: str, fmt: str) -> Path:
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{out} is a file: {fmt} goes to a folder (one file per table)")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def target(fmt: str, out: str | None) -> Path | None:
    """Where an export goes, checked (and missing folders made) before anything is read: a file for JSON
    Lines (None: standard output), a folder for CSV and Parquet. Raises ExportError."""
    if fmt == "jsonl":
        return _file_target(out) if out else None
    if not out:
        raise ExportError(f"{fmt} goes to a folder: give one with --out")
    return _folder_target(out, fmt)


def export(documents: Iterable, fmt: str, out: str | None,
           on_progress: Callable[[int], None] | None = None, bom: bool = True) -> list[str]:
    """documents: stored documents (store.views.StoredDocument), e.g. `marsad.open(db).documents()`.
    Raises ExportError for a target of the wrong kind and OSError when writing fails (a full disk)."""
    tick = on_progress or (lambda n: None)
    where = target(fmt, out)
    if fmt == "jsonl":
        if where is None:
            _jsonl(documents, sys.stdout, tick)
            return ["<stdout>"]
        with _written(where) as fh:
            _jsonl(documents, fh, tick)
        return [str(where)]
    folder = where
    if fmt == "csv":
        return _csv(documents, folder, tick, bom)
    return _parquet(documents, folder, tick)


def _jsonl(documents: Iterable, fh, tick) -> None:
    for d in (doc.to_dict() for doc in documents):
        d = {k: v for k, v in d.items() if k not in ("format", "encoding")}
        fh.write(json.dumps(d, ensure_ascii=False) + "\n")
        tick(1)


def _csv(documents: Iterable, folder: Path, tick, bom: bool = True) -> list[str]:
    """UTF-8 with a byte-order mark by default: without it spreadsheet programs read Arabic as Latin-1."""
    names = ["documents", *SPAN_TABLES]
    with contextlib.ExitStack() as stack:
        files = {n: stack.enter_context(_written(folder / f"{n}.csv", newline="")) for n in names}
        for fh in files.values():
            fh.write("\ufeff" if bom else "")
        writers = {"documents": csv.DictWriter(files["documents"], DOC_COLUMNS)}
        for name, cols in SPAN_TABLES.items():
            writers[name] = csv.DictWriter(files[name], cols, extrasaction="ignore")
        for w in writers.values():
            w.writeheader()
        for d in (doc.to_dict() for doc in documents):
            writers["documents"].writerow(_flat(d))
            for name, rows in _spans(d).items():
                writers[name].writerows(rows)
            tick(1)
    return [str(folder / f"{n}.csv") for n in names]


def text_for_null(table):
    """Columns that held nothing in this export typed as text, not as Arrow's null type: two exports of the same
    view (a story with no byline, one with) must concatenate."""
    import pyarrow as pa

    for i, f in enumerate(table.schema):
        if pa.types.is_null(f.type):
            table = table.set_column(i, pa.field(f.name, pa.string()), table.column(i).cast(pa.string()))
    return table


def write_parquet(table, path: Path) -> str:
    """A Parquet file written in full or not at all (a temporary file beside it, renamed at the end), keeping
    the permissions of the file it replaces."""
    import pyarrow.parquet as pq

    path = path.resolve()
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        pq.write_table(table, tmp)
        _same_mode(path, tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return str(path)


def _parquet(documents: Iterable, folder: Path, tick) -> list[str]:
    import pyarrow as pa

    tables: dict[str, list[dict]] = {"documents": [], **{n: [] for n in SPAN_TABLES}}
    for d in (doc.to_dict() for doc in documents):
        tables["documents"].append(_flat(d))
        for name, rows in _spans(d).items():
            tables[name].extend({c: r.get(c) for c in SPAN_TABLES[name]} for r in rows)
        tick(1)
    written = []
    for name, rows in tables.items():
        cols = DOC_COLUMNS if name == "documents" else SPAN_TABLES[name]
        table = (text_for_null(pa.Table.from_pylist(rows, schema=None)) if rows
                 else pa.table({c: pa.array([], pa.string()) for c in cols}))
        written.append(write_parquet(table, folder / f"{name}.parquet"))
    return written
