"""Analyzed documents as a Parquet file: how a worker on another machine hands its batch to the writer.

A shard holds one batch's `Record`s, one row each, with every field in a typed column (spans as lists of
structs named after records.py's column lists), so that reading it back gives records equal to those written:
the store cannot tell a document that came through a shard from one handed over in memory. The schema is
explicit: a value of another type than its column's fails the write, loudly, instead of being converted.
"""

from __future__ import annotations

import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..store.records import DOC_COLUMNS, MENTION_COLUMNS, QUOTE_COLUMNS, TIME_COLUMNS, Record

NOTE_COLUMNS = ("source", "message", "locator", "kind")
_INTS = frozenset({"n_chars", "n_terms", "start", "end", "consistent"})
SPANS = {"mentions": MENTION_COLUMNS, "quotes": QUOTE_COLUMNS, "times": TIME_COLUMNS, "notes": NOTE_COLUMNS}


def _type(name: str) -> pa.DataType:
    return pa.int64() if name in _INTS else pa.string()


def _struct(columns: tuple[str, ...]) -> pa.DataType:
    return pa.list_(pa.struct([(c, _type(c)) for c in columns]))


SCHEMA = pa.schema([("id", pa.string()), ("raw_codec", pa.string()), ("raw_size", pa.int64()),
                    ("raw_bytes", pa.binary()), ("fts_title", pa.string()), ("fts_body", pa.string()),
                    *((f"doc_{c}", _type(c)) for c in DOC_COLUMNS),
                    *((name, _struct(cols)) for name, cols in SPANS.items())])


def _row(r: Record) -> dict:
    row = {"id": r.id, "raw_codec": r.raw_codec, "raw_size": r.raw_size, "raw_bytes": r.raw_bytes,
           "fts_title": r.fts_title, "fts_body": r.fts_body}
    row.update((f"doc_{c}", r.fields[c]) for c in DOC_COLUMNS)
    for name, cols in SPANS.items():
        row[name] = [dict(zip(cols, span, strict=True)) for span in getattr(r, name)]
    return row


def _record(row: dict) -> Record:
    spans = {name: [tuple(s[c] for c in cols) for s in row[name]] for name, cols in SPANS.items()}
    return Record(row["id"], {c: row[f"doc_{c}"] for c in DOC_COLUMNS}, row["raw_codec"], row["raw_size"],
                  row["raw_bytes"], fts_title=row["fts_title"], fts_body=row["fts_body"], **spans)


def write_shard(records: list[Record], path: Path) -> Path:
    """Write `records` to `path`, whole or not at all: written beside it under another name and renamed, so
    a reader never sees half a shard (a worker killed mid-write leaves only a temporary file)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        pq.write_table(pa.Table.from_pylist([_row(r) for r in records], schema=SCHEMA), tmp, compression="zstd")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def read_shard(path: Path) -> list[Record]:
    """The records of a shard, in the order they were written."""
    return [_record(row) for row in pq.read_table(path, schema=SCHEMA).to_pylist()]


__all__ = ["SCHEMA", "read_shard", "write_shard"]
