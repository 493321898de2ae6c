"""Parquet files as input: each row is one record, read exactly as a JSON Lines record with the same fields
would be (the same field names and --field mappings, the same checks and errors).

A row is kept as the JSON object of its values, and that is its raw bytes: what `show --raw` prints and what
`reprocess` reads again, so a document from a Parquet row is stored, shown and analyzed again as one from a
JSON Lines line. Dates and times become ISO 8601 text; rows are read a few hundred at a time.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import json
from collections.abc import Iterator
from pathlib import Path

from .sources import InputError, RawInput, _jsonl_input, _mb, shown_path

ROWS = 256                   # rows read at once: a batch of a file's rows, never the whole file


def _plain(value: object) -> object:
    """A value JSON has no type for, as text: dates and times in ISO 8601, decimals as written, bytes as text
    when they are UTF-8 (a body stored as binary) and in base64 otherwise."""
    if isinstance(value, (dt.date, dt.time)):          # datetime is a date
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return base64.b64encode(value).decode("ascii")
    raise TypeError(f"a value of type {type(value).__name__} cannot be read")


def row_bytes(row: dict) -> bytes:
    """A row as the JSON Lines record it stands for."""
    return json.dumps(row, ensure_ascii=False, default=_plain).encode("utf-8")


def read_parquet(path: Path, fields: dict, max_bytes: int) -> Iterator[RawInput | InputError]:
    """The rows of a Parquet file as inputs, each checked as a JSON Lines record is; located as "row N",
    counted from 1."""
    import pyarrow.parquet as pq

    n = 0
    with pq.ParquetFile(path) as pf:
        for batch in pf.iter_batches(batch_size=ROWS):
            for row in batch.to_pylist():
                n += 1
                raw = row_bytes(row)
                if len(raw) > max_bytes:
                    yield InputError(f"{shown_path(path)}:{n}", f"row {n}: record too large ({_mb(len(raw))} > "
                                     f"limit {_mb(max_bytes)})", f"row {n}", size=len(raw))
                else:
                    yield _jsonl_input(raw, n, path, fields, unit="row")


def count_rows(path: Path) -> int:
    """Rows in a Parquet file, from its footer (nothing else is read): for the progress bar."""
    import pyarrow.parquet as pq

    with pq.ParquetFile(path) as pf:
        return pf.metadata.num_rows
