"""Where Marsad keeps what it found: `open_store(path_or_url)` picks the backend from the argument.

A file path is an embedded SQLite store (the default: nothing to start); a `postgresql://` URL is a shared
PostgreSQL server. Both implement `base.Store` and give the same answers.
"""

from __future__ import annotations

import re
from pathlib import Path

from .base import MissingStore, SchemaError, Store, StoreError

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_postgres(path_or_url: str | Path) -> bool:
    return str(path_or_url).startswith(POSTGRES_SCHEMES)


def redact(path_or_url: str | Path) -> str:
    """A store's path or URL fit to print (messages, the digest): a PostgreSQL password is masked."""
    return re.sub(r"(postgres(?:ql)?://[^:/@]+):[^@]*@", r"\1:***@", str(path_or_url))


def open_store(path_or_url: str | Path, *, readonly: bool = False) -> Store:
    """The store at this path or URL. `readonly` opens an existing store without migrating it (and for SQLite
    without any write access); a missing SQLite file is then an error rather than a new empty store."""
    if is_postgres(path_or_url):
        from .postgres import PostgresStore

        return PostgresStore(str(path_or_url), readonly=readonly)
    if "://" in str(path_or_url):
        raise StoreError(f"unknown store URL {path_or_url!r}: give a SQLite file path or a postgresql:// URL")
    from .sqlite import SQLiteStore

    return SQLiteStore(path_or_url, readonly=readonly)


__all__ = ["open_store", "is_postgres", "redact", "Store", "StoreError", "SchemaError", "MissingStore"]
