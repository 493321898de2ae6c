"""Turn paths into a stream of raw inputs (one per document) and input errors.

Every input keeps its exact bytes: the file for .txt/.html, the line for a JSON Lines record, the HTTP
payload for a WARC record. Problems (empty, binary, too large, truncated, invalid JSON) become `InputError`
values in the same stream, with a locator (line number, record offset) and the raw bytes when they are small
enough to keep, so a batch never stops and nothing is lost.
"""

from __future__ import annotations

import gzip
import html
import io
import json
import os
import re
import stat
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..arabic.normalize import safe_text
from ..document import InputError  # noqa: F401 - the readers' failure record, part of the data model

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
KEEP_ERROR_BYTES = 1024 * 1024   # raw bytes of a failed input are stored when at most this large
ERRORS_PER_FILE = 1000           # errors recorded one by one in one file; the rest are counted in one more
KEEP_SKIPPED = 1000

EXTENSIONS = {
    ".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".warc": "warc", ".arc": "warc", ".parquet": "parquet",
}
DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "body": ("html", "text", "body", "content"),
    "title": ("title",),
    "url": ("url",),
    "outlet": ("outlet", "source", "site"),
    "published": ("published", "date", "date_extracted"),
    "id": ("id",),
    "byline": ("author", "byline"),
}


# keys that hold when a page was fetched, not when it was published (SaudiNewsNet's date_extracted): a date of
# last resort, after the page's own and its URL's (published_source "inferred": the page does not give it)
CRAWL_KEYS = frozenset({"date_extracted", "crawled", "crawl_date", "fetched", "fetch_date", "scraped_at"})


class Skipped(list):
    """Inputs skipped as not articles: the first KEEP_SKIPPED named, all of them counted (`total`), so a WARC
    of a million images costs a counter, not a million strings."""

    def __init__(self) -> None:
        super().__init__()
        self.total = 0

    def append(self, item: str) -> None:
        self.total += 1
        if len(self) < KEEP_SKIPPED:
            super().append(item)


@dataclass
class RawInput:
    raw: bytes
    source: str
    format: str                       # text | html | jsonl | warc (the container it came from)
    locator: str | None = None
    hints: dict = field(default_factory=dict)


def parse_field_map(specs: Iterable[str] | None) -> dict[str, tuple[str, ...]]:
    """`--field body=content --field outlet=site,source` → a field map over the contract defaults."""
    fields = dict(DEFAULT_FIELDS)
    for spec in specs or ():
        name, sep, keys = spec.partition("=")
        name = name.strip()
        if not sep or name not in DEFAULT_FIELDS or not keys.strip():
            raise ValueError(f"--field expects NAME=KEY[,KEY…] with NAME in {sorted(DEFAULT_FIELDS)}: {spec!r}")
        fields[name] = tuple(k.strip() for k in keys.split(",") if k.strip())
    return fields


def format_of(path: Path) -> tuple[str | None, bool]:
    """(format, gzipped) from the file name; format None when the extension is not a known input."""
    name = path.name.lower()
    gz = name.endswith(".gz")
    if gz:
        name = name[:-3]
    ext = os.path.splitext(name)[1]
    return EXTENSIONS.get(ext), gz


def shown_path(path: Path | str) -> str:
    """A path as text that can be stored and printed: bytes of a file name that are not UTF-8 (which Python
    keeps as lone surrogates) written as \\xNN instead of breaking the store's UTF-8."""
    text = os.fspath(path)
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def iter_paths(paths: Iterable[str | Path]) -> Iterator[tuple[Path, bool, str | None]]:
    """Files to read, in a stable order: (path, named explicitly, problem). A folder that cannot be listed is
    yielded with its problem, so it is recorded as an error instead of being skipped in silence."""
    for p in paths:
        path = Path(p)
        if not path.is_dir():
            yield path, True, None
            continue
        problems: list[OSError] = []
        for root, dirs, files in os.walk(path, onerror=problems.append):
            while problems:
                exc = problems.pop()
                yield Path(exc.filename or root), False, f"cannot read folder: {exc.strerror or exc}"
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for f in sorted(files):
                if not f.startswith("."):
                    yield Path(root) / f, False, None
        for exc in problems:                      # the top folder itself could not be listed
            yield Path(exc.filename or path), False, f"cannot read folder: {exc.strerror or exc}"


_KINDS = {stat.S_IFIFO: "a FIFO (named pipe)", stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
          stat.S_IFSOCK: "a socket", stat.S_IFDIR: "a folder"}


def _not_regular(path: Path) -> str | None:
    """Why a path cannot be read as an input file, or None: only regular files are read, because opening a
    FIFO blocks until a writer comes and a device like /dev/zero never ends."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "no such file"
    except OSError as exc:
        return f"cannot read file: {exc.strerror or exc}"
    if stat.S_ISREG(mode):
        return None
    return f"not a regular file ({_KINDS.get(stat.S_IFMT(mode), 'a special file')}): refused, only files are read"


def iter_inputs(paths: Iterable[str | Path], *, field_map: dict | Callable[[Path], dict] | None = None,
                max_bytes: int = DEFAULT_MAX_BYTES, skipped: list[str] | None = None
                ) -> Iterator[RawInput | InputError]:
    """All documents under `paths`. Files inside directories with unknown extensions are skipped (and listed
    in `skipped`); a file named explicitly is always read, its format sniffed when the extension is unknown.
    Whatever goes wrong with one file (unreadable, special, damaged in a way no reader expected) becomes an
    `InputError` for that file, and the next file is read. `field_map` may be a function of the path (per-source
    mappings of marsad.toml)."""
    fields_for = field_map if callable(field_map) else (lambda _path: field_map or DEFAULT_FIELDS)
    for path, explicit, problem in iter_paths(paths):
        if problem:
            yield InputError(shown_path(path), problem)
            continue
        fmt, gz = format_of(path)
        if fmt is None:
            if not explicit:
                if skipped is not None:
                    skipped.append(shown_path(path))
                continue
            fmt = "sniff"
        refused = _not_regular(path)
        if refused:
            yield InputError(shown_path(path), refused)
            continue
        try:
            yield from _at_most_errors(_read_file(path, fmt, gz, fields_for(path), max_bytes, skipped),
                                       shown_path(path))
        except OSError as exc:
            yield InputError(shown_path(path), f"cannot read file: {exc.strerror or exc}")
        except Exception as exc:  # noqa: BLE001 - one damaged file must not end the batch
            yield InputError(shown_path(path), f"unreadable file ({exc.__class__.__name__}: {exc})")


def _at_most_errors(items: Iterator[RawInput | InputError], source: str) -> Iterator[RawInput | InputError]:
    """A file's inputs, with its first ERRORS_PER_FILE errors and then one that counts the rest: a small gzip
    of millions of broken lines must not become millions of error rows (measured: 1.3 GB of store, 900 MB of
    memory for 3 million). Its good records are all read."""
    errors = 0
    for item in items:
        if isinstance(item, InputError):
            errors += 1
            if errors > ERRORS_PER_FILE:
                continue
        yield item
    if errors > ERRORS_PER_FILE:
        yield InputError(source, f"{errors - ERRORS_PER_FILE:,} more errors in this file after the first "
                                 f"{ERRORS_PER_FILE:,} (not recorded one by one)")


def _read_file(path: Path, fmt: str, gz: bool, fields: dict, max_bytes: int,
               skipped: list[str] | None) -> Iterator[RawInput | InputError]:
    if fmt == "sniff":
        with open(path, "rb") as fh:
            head = fh.read(65536)
        if head.startswith(b"\x1f\x8b"):       # gzipped without saying so in the name
            gz = True
            try:
                head = gzip.GzipFile(fileobj=io.BytesIO(head)).read(4096)
            except (OSError, EOFError, zlib.error):
                pass
        fmt = sniff_format(head)
    if fmt == "jsonl":
        yield from _read_jsonl(path, gz, fields, max_bytes)
    elif fmt == "parquet":
        if gz:
            yield InputError(shown_path(path), "a gzipped Parquet file is not read: Parquet compresses its own "
                                               "columns; gunzip it first")
            return
        from .parquet import read_parquet
        yield from read_parquet(path, fields, max_bytes)
    elif fmt == "warc":
        yield from _read_warc(path, max_bytes, skipped)
    else:
        yield from _read_single(path, fmt, gz, max_bytes)


def _read_single(path: Path, fmt: str, gz: bool, max_bytes: int) -> Iterator[RawInput | InputError]:
    source = shown_path(path)
    with open(path, "rb") as fh:
        raw = fh.read(max_bytes + 1)              # what is read is limited, not what the size claimed
        size = len(raw) if len(raw) <= max_bytes else os.fstat(fh.fileno()).st_size
    if len(raw) > max_bytes:
        yield InputError(source, f"file too large ({_mb(size)} > limit {_mb(max_bytes)})",
                         size=size)
        return
    if gz:
        try:
            raw = _gunzip_limited(raw, max_bytes)
        except ValueError as exc:
            yield InputError(source, str(exc), raw=_keep(raw), size=size)
            return
    if not raw.strip():
        yield InputError(source, "empty file", raw=raw, size=size)
        return
    yield RawInput(raw=raw, source=source, format=fmt)


def _gunzip_limited(raw: bytes, max_bytes: int) -> bytes:
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(raw, max_bytes + 1)
    except zlib.error as exc:
        raise ValueError(f"corrupt gzip data: {exc}") from None
    if len(out) > max_bytes:
        raise ValueError(f"file too large after decompression (> limit {_mb(max_bytes)})")
    if not d.eof:
        raise ValueError(f"truncated gzip: the stream ends early ({len(out)} bytes recovered)")
    return out


_HTML_TAG = re.compile(rb"<(?:!doctype|html|head|body|div|p|br|article|section|span|h[1-6]|ul|li|table|a)[\s>/]", re.I)


def looks_like_html(raw: bytes | str) -> bool:
    """Markup rather than text: the one sniffer every reader and `analyze` use."""
    head = (raw[:4096].encode("utf-8", "ignore") if isinstance(raw, str) else raw[:4096]).lstrip()
    return head.lower().startswith((b"<!doctype", b"<html", b"<?xml")) or len(_HTML_TAG.findall(head)) >= 2 \
        or bool(_HTML_TAG.match(head))


def sniff_format(head: bytes) -> str:
    """Format of a file whose name says nothing: Parquet, WARC, JSON Lines, HTML or plain text."""
    if head.startswith(b"PAR1"):
        return "parquet"
    stripped = head.lstrip()
    if stripped[:5].lower() == b"warc/":
        return "warc"
    if stripped.startswith(b"{"):
        first = stripped.split(b"\n", 1)[0]
        try:
            if isinstance(json.loads(first), dict):
                return "jsonl"
        except ValueError:
            pass
    return "html" if looks_like_html(stripped) else "text"


def stored_input(raw: bytes, *, source: str, fmt: str, locator: str | None, hints: dict) -> RawInput:
    """The reader's input for a stored document, rebuilt from its raw bytes and stored hints, so that it can be
    processed again (after a pipeline upgrade, or when its outlet's learned template changes). A JSON Lines
    record is parsed again for its body, from the field it was read from."""
    hints = dict(hints)
    if fmt == "jsonl":
        record = json.loads(raw)
        field = hints.get("body_field")
        content = record.get(field) if field else None
        if not isinstance(content, str) or not content.strip():
            _, content = _pick(record, DEFAULT_FIELDS["body"])
        if not isinstance(content, str):
            raise ValueError(f"{source}: the stored record has no body field any more")
        hints["content"] = content
    return RawInput(raw=raw, source=source, format=fmt, locator=locator, hints=hints)


def _mb(n: int) -> str:
    """Sizes as --max-size takes them (20MB is 20 × 1024 × 1024 bytes)."""
    return f"{n / 1024 / 1024:.1f} MB"


def _keep(raw: bytes | None) -> bytes | None:
    return raw if raw is not None and len(raw) <= KEEP_ERROR_BYTES else None


def _pick(record: dict, keys: tuple[str, ...]) -> tuple[str | None, object]:
    for k in keys:
        if k in record and record[k] not in (None, ""):
            return k, record[k]
    return None, None


CHUNK = 1024 * 1024


def _lines(fh, max_bytes: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, line, size) with every read bounded: a line longer than `max_bytes` comes back as None
    with its size, after the rest of it was read and dropped a chunk at a time, so a gigabyte without a line
    break (a gzip of zeros) costs one chunk of memory, not a gigabyte."""
    n = 0
    while True:
        line = fh.readline(max_bytes + 1)
        if not line:
            return
        n += 1
        if len(line) <= max_bytes or line.endswith(b"\n") and len(line.rstrip(b"\r\n")) <= max_bytes:
            yield n, line, len(line)
            continue
        size = len(line)
        while not line.endswith(b"\n"):
            line = fh.readline(CHUNK)
            if not line:
                break
            size += len(line)
        yield n, None, size


_SCALARS = (str, int, float)


def _hint_fields(record: dict, fields: dict) -> tuple[dict, list[str]]:
    """Metadata fields as text; a field that holds an object, a list or a boolean is left out and said."""
    hints, warnings = {}, []
    for name in ("title", "url", "outlet", "published", "id", "byline"):
        key, value = _pick(record, fields[name])
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, _SCALARS):
            warnings.append(f"field {key!r} holds {_kind(value)}, not text: ignored")
            continue
        text = safe_text(str(value)).strip()
        if name in ("title", "outlet", "byline"):
            text = _as_shown(text)
        if text:
            hints[name] = text
            if name == "published" and key in CRAWL_KEYS:
                hints["published_crawled"] = True
    return hints, warnings


def _as_shown(text: str) -> str:
    """A dump's field as its page showed it: HTML entities decoded (SaudiNewsNet keeps &quot; and &#8220; in
    one title in fifteen) and tabs and runs of spaces as one space."""
    if "&" in text:
        text = html.unescape(text)
    return " ".join(text.split())


def _kind(value: object) -> str:
    return {dict: "an object", list: "a list", bool: "true/false", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__)


def _parse_line(raw: bytes, loc: str, src: str) -> dict | InputError:
    try:
        record = json.loads(raw)
    except RecursionError:
        return InputError(src, f"{loc}: invalid JSON (nested too deeply)", loc, raw=_keep(raw), size=len(raw))
    except (ValueError, UnicodeDecodeError) as exc:      # JSONDecodeError, and numbers too long to convert
        return InputError(src, f"{loc}: invalid JSON ({exc.__class__.__name__}: {exc})", loc,
                          raw=_keep(raw), size=len(raw))
    if not isinstance(record, dict):
        return InputError(src, f"{loc}: a JSON object was expected, got {type(record).__name__}", loc,
                          raw=_keep(raw), size=len(raw))
    return record


def _jsonl_input(raw: bytes, n: int, path: Path, fields: dict, unit: str = "line") -> RawInput | InputError:
    """One JSON object (a line of JSON Lines, a Parquet row as JSON) as an input, or why it is not one."""
    loc, src = f"{unit} {n}", f"{shown_path(path)}:{n}"
    record = _parse_line(raw, loc, src)
    if isinstance(record, InputError):
        return record
    key, body = _pick(record, fields["body"])
    if body is None and any(k in record for k in fields["body"]):
        key = next(k for k in fields["body"] if k in record)
        return InputError(src, f"{loc}: empty body in field {key!r}", loc, raw=_keep(raw), size=len(raw))
    if body is None:
        return InputError(src, f"{loc}: no body field (looked for {', '.join(fields['body'])}; use --field "
                               f"body=KEY)", loc, raw=_keep(raw), size=len(raw))
    if not isinstance(body, str):
        return InputError(src, f"{loc}: field {key!r} holds {_kind(body)}, not text", loc, raw=_keep(raw),
                          size=len(raw))
    if not body.strip():
        return InputError(src, f"{loc}: empty body in field {key!r}", loc, raw=_keep(raw), size=len(raw))
    meta, warnings = _hint_fields(record, fields)
    hints = {"content": body, "content_is_html": key == "html" or looks_like_html(body),
             "container": shown_path(path), "body_field": key, **meta}
    if warnings:
        hints["reader_warnings"] = warnings
    return RawInput(raw=raw, source=hints.get("id") or src, format="jsonl", locator=loc, hints=hints)


def _read_jsonl(path: Path, gz: bool, fields: dict, max_bytes: int) -> Iterator[RawInput | InputError]:
    opener = gzip.open if gz else open
    n = 0
    with opener(path, "rb") as fh:
        try:
            for n, line, size in _lines(fh, max_bytes):
                if line is None:
                    yield InputError(f"{shown_path(path)}:{n}", f"line {n}: record too large ({_mb(size)} "
                                     f"> limit {_mb(max_bytes)})", f"line {n}", size=size)
                elif line.strip():
                    yield _jsonl_input(line.rstrip(b"\r\n"), n, path, fields)
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            where = f"after line {n}" if n else "before its first line"
            yield InputError(shown_path(path), f"truncated or corrupt gzip {where}: {exc}", f"line {n + 1}")


def _read_warc(path: Path, max_bytes: int, skipped: list[str] | None = None) -> Iterator[RawInput | InputError]:
    """Responses and resources of a WARC. Records that are not articles (HTTP errors, images, scripts,
    robots.txt) are listed in `skipped` with the reason, so the run summary accounts for every record."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    skipped = skipped if skipped is not None else Skipped()
    with open(path, "rb") as fh:
        it = ArchiveIterator(fh, record_types=WarcRecordType.response | WarcRecordType.resource,
                             parse_http=True, max_content_length=None, auto_decode="all")
        pos = 0
        try:
            for rec in it:
                pos = rec.stream_pos
                loc = f"offset {pos}"
                uri = safe_text(rec.headers.get("WARC-Target-URI") or f"{shown_path(path)}@{pos}")
                http = rec.http_headers
                if rec.record_type == WarcRecordType.response and http is None:
                    yield InputError(uri, f"{loc}: truncated or malformed WARC record (no HTTP headers)", loc)
                    continue
                ctype = (http.get("Content-Type") if http is not None else rec.headers.get("Content-Type")) or ""
                if http is not None and http.status_code and http.status_code >= 400:
                    skipped.append(f"{uri} (HTTP {http.status_code})")
                    continue
                if ctype and not any(t in ctype.lower() for t in ("html", "text/plain", "xml")) \
                        or uri.rstrip("/").endswith("/robots.txt"):
                    skipped.append(f"{uri} ({ctype or 'robots.txt'})")   # images, scripts, PDFs are not articles
                    continue
                if rec.content_length > max_bytes:
                    yield InputError(uri, f"{loc}: record too large ({_mb(rec.content_length)})", loc,
                                     size=rec.content_length)
                    continue
                payload = rec.reader.read(max_bytes + 1)       # decoded (gzip, chunked): limit what is read
                if len(payload) > max_bytes:
                    yield InputError(uri, f"{loc}: record too large after decompression (> limit "
                                          f"{_mb(max_bytes)})", loc, size=rec.content_length)
                    continue
                if len(payload) < rec.content_length and not _encoded(http):
                    yield InputError(uri, f"{loc}: truncated WARC record ({len(payload)} of {rec.content_length} "
                                          f"bytes)", loc, raw=_keep(payload), size=len(payload))
                    continue
                if not payload.strip():
                    yield InputError(uri, f"{loc}: empty WARC record", loc, raw=payload, size=0)
                    continue
                charset = None
                if "charset=" in ctype.lower():
                    charset = ctype.lower().split("charset=", 1)[1].split(";")[0].strip(" \"'")
                fmt = "text" if "text/plain" in ctype.lower() else "html"
                yield RawInput(raw=payload, source=uri, format="warc", locator=loc,
                               hints={"url": uri if rec.headers.get("WARC-Target-URI") else None, "charset": charset,
                                      "content_is_html": fmt == "html",
                                      "crawled": safe_text(rec.headers.get("WARC-Date") or "") or None,
                                      "container": shown_path(path)})
        except Exception as exc:  # fastwarc raises a variety of errors on damaged archives
            yield InputError(shown_path(path), f"damaged WARC file after offset {pos}: {exc}", f"offset {pos}")


def _encoded(http) -> bool:
    """The HTTP body was compressed or chunked: its decoded length says nothing about truncation."""
    if http is None:
        return False
    return bool(http.get("Content-Encoding") or http.get("Transfer-Encoding"))
