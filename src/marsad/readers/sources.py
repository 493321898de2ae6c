"""Turn paths into a stream of raw inputs (one per document) and input errors.

Every input keeps its exact bytes: the file for .txt/.html, the line for a JSON Lines record, the HTTP
payload for a WARC record. Problems (empty, binary, too large, truncated, invalid JSON) become `InputError`
values in the same stream, with a locator (line number, record offset) and the raw bytes when they are small
enough to keep, so a batch never stops and nothing is lost.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..document import InputError  # noqa: F401 - the readers' failure record, part of the data model

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
KEEP_ERROR_BYTES = 1024 * 1024   # raw bytes of a failed input are stored when at most this large

EXTENSIONS = {
    ".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".warc": "warc", ".arc": "warc",
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


def iter_paths(paths: Iterable[str | Path]) -> Iterator[tuple[Path, bool]]:
    """Files to read, in a stable order. The flag says whether the file was named explicitly."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if not f.startswith("."):
                        yield Path(root) / f, False
        else:
            yield path, True


def iter_inputs(paths: Iterable[str | Path], *, field_map: dict | None = None,
                max_bytes: int = DEFAULT_MAX_BYTES, skipped: list[str] | None = None
                ) -> Iterator[RawInput | InputError]:
    """All documents under `paths`. Files inside directories with unknown extensions are skipped (and listed
    in `skipped`); a file named explicitly is always read, its format sniffed when the extension is unknown."""
    fields = field_map or DEFAULT_FIELDS
    for path, explicit in iter_paths(paths):
        fmt, gz = format_of(path)
        if fmt is None:
            if not explicit:
                if skipped is not None:
                    skipped.append(str(path))
                continue
            fmt = "sniff"
        if not path.exists():
            yield InputError(str(path), "no such file")
            continue
        try:
            if fmt == "sniff":
                with open(path, "rb") as fh:
                    head = fh.read(65536)
                if head.startswith(b"\x1f\x8b"):       # gzipped without saying so in the name
                    gz = True
                    try:
                        head = gzip.GzipFile(fileobj=io.BytesIO(head)).read(4096)
                    except (OSError, EOFError):
                        pass
                fmt = sniff_format(head)
            if fmt == "jsonl":
                yield from _read_jsonl(path, gz, fields, max_bytes)
            elif fmt == "warc":
                yield from _read_warc(path, max_bytes, skipped)
            else:
                yield from _read_single(path, fmt, gz, max_bytes)
        except OSError as exc:
            yield InputError(str(path), f"cannot read file: {exc}")


def _read_single(path: Path, fmt: str, gz: bool, max_bytes: int) -> Iterator[RawInput | InputError]:
    size = path.stat().st_size
    if size > max_bytes:
        yield InputError(str(path), f"file too large ({size / 1e6:.1f} MB > limit {max_bytes / 1e6:.1f} MB)",
                         size=size)
        return
    raw = path.read_bytes()
    if gz:
        try:
            raw = _gunzip_limited(raw, max_bytes)
        except ValueError as exc:
            yield InputError(str(path), str(exc), raw=_keep(raw), size=size)
            return
    if not raw.strip():
        yield InputError(str(path), "empty file", raw=raw, size=size)
        return
    yield RawInput(raw=raw, source=str(path), format=fmt)


def _gunzip_limited(raw: bytes, max_bytes: int) -> bytes:
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(raw, max_bytes + 1)
    except zlib.error as exc:
        raise ValueError(f"corrupt gzip data: {exc}") from None
    if len(out) > max_bytes:
        raise ValueError(f"file too large after decompression (> limit {max_bytes / 1e6:.1f} MB)")
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
    """Format of a file whose name says nothing: WARC, JSON Lines, HTML or plain text."""
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


def _keep(raw: bytes | None) -> bytes | None:
    return raw if raw is not None and len(raw) <= KEEP_ERROR_BYTES else None


def _pick(record: dict, keys: tuple[str, ...]) -> tuple[str | None, object]:
    for k in keys:
        if k in record and record[k] not in (None, ""):
            return k, record[k]
    return None, None


def _read_jsonl(path: Path, gz: bool, fields: dict, max_bytes: int) -> Iterator[RawInput | InputError]:
    opener = gzip.open if gz else open
    n = 0
    with opener(path, "rb") as fh:
        try:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                loc = f"line {n}"
                src = f"{path}:{n}"
                if len(line) > max_bytes:
                    yield InputError(src, f"{loc}: record too large ({len(line) / 1e6:.1f} MB)", loc, size=len(line))
                    continue
                raw = line.rstrip(b"\r\n")
                try:
                    record = json.loads(raw)
                except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                    yield InputError(src, f"{loc}: invalid JSON ({exc.__class__.__name__}: {exc})", loc,
                                     raw=_keep(raw), size=len(raw))
                    continue
                if not isinstance(record, dict):
                    yield InputError(src, f"{loc}: a JSON object was expected, got {type(record).__name__}", loc,
                                     raw=_keep(raw), size=len(raw))
                    continue
                key, body = _pick(record, fields["body"])
                if body is None and any(k in record for k in fields["body"]):
                    key = next(k for k in fields["body"] if k in record)
                    yield InputError(src, f"{loc}: empty body in field {key!r}", loc, raw=_keep(raw), size=len(raw))
                    continue
                if body is None:
                    yield InputError(src, f"{loc}: no body field (looked for {', '.join(fields['body'])}; "
                                          f"use --field body=KEY)", loc, raw=_keep(raw), size=len(raw))
                    continue
                if not isinstance(body, str) or not body.strip():
                    yield InputError(src, f"{loc}: empty body in field {key!r}", loc, raw=_keep(raw), size=len(raw))
                    continue
                hints = {"content": body, "content_is_html": key == "html" or looks_like_html(body),
                         "container": str(path), "body_field": key}
                for name in ("title", "url", "outlet", "published", "id", "byline"):
                    _, value = _pick(record, fields[name])
                    if value is not None:
                        hints[name] = str(value)
                yield RawInput(raw=raw, source=hints.get("id") or src, format="jsonl", locator=loc, hints=hints)
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            yield InputError(str(path), f"truncated or corrupt gzip after line {n}: {exc}", f"line {n + 1}")


def _read_warc(path: Path, max_bytes: int, skipped: list[str] | None = None) -> Iterator[RawInput | InputError]:
    """Responses and resources of a WARC. Records that are not articles (HTTP errors, images, scripts,
    robots.txt) are listed in `skipped` with the reason, so the run summary accounts for every record."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    skipped = skipped if skipped is not None else []
    with open(path, "rb") as fh:
        it = ArchiveIterator(fh, record_types=WarcRecordType.response | WarcRecordType.resource,
                             parse_http=True, max_content_length=None, auto_decode="all")
        pos = 0
        try:
            for rec in it:
                pos = rec.stream_pos
                loc = f"offset {pos}"
                uri = rec.headers.get("WARC-Target-URI") or f"{path}@{pos}"
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
                    yield InputError(uri, f"{loc}: record too large ({rec.content_length / 1e6:.1f} MB)", loc,
                                     size=rec.content_length)
                    continue
                payload = rec.reader.read()
                if len(payload) < rec.content_length:
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
                               hints={"url": rec.headers.get("WARC-Target-URI"), "charset": charset,
                                      "content_is_html": fmt == "html",
                                      "crawled": rec.headers.get("WARC-Date"), "container": str(path)})
        except Exception as exc:  # fastwarc raises a variety of errors on damaged archives
            yield InputError(str(path), f"damaged WARC file after offset {pos}: {exc}", f"offset {pos}")
