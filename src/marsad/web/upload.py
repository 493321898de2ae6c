"""POST /api/ingest: one file sent over HTTP, ingested exactly as `marsad ingest` would.

The upload is streamed to a temporary folder (refused past the size limit, never held whole in memory), then
`marsad ingest FILE --json` runs in a child process: the same readers, limits, bad-input handling and run rows
as the CLI, and a crash or a memory blow-up in the analysis cannot take the server down with it. One ingest runs
at a time per server; the store's corpus lock keeps it from racing an ingest started elsewhere.
"""

from __future__ import annotations

import datetime as dt
import hmac
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from fastapi import HTTPException, Request
from fastapi.responses import JSONResponse

_busy = threading.Lock()
SAFE_NAME = re.compile(r"[^\w.\-]+", re.UNICODE)


def _authorize(request: Request) -> None:
    token = request.app.state.settings.token
    if not token:
        raise HTTPException(403, "writes are disabled on this server: start it with MARSAD_TOKEN set")
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), token.encode()):
        raise HTTPException(401, "a valid bearer token is needed: Authorization: Bearer $MARSAD_TOKEN",
                            headers={"WWW-Authenticate": "Bearer"})


def _file_name(name: str | None) -> str:
    """A plain file name that keeps the extension (the reader is chosen by it), nothing that walks folders."""
    base = SAFE_NAME.sub("_", Path(name or "upload").name).strip("._-") or "upload"
    return base[:120]


async def _receive(request: Request, path: Path, limit: int) -> int:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"the file is larger than this server takes ({limit / 1e6:.0f} MB)")
    size = 0
    with open(path, "wb") as out:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise HTTPException(413, f"the file is larger than this server takes ({limit / 1e6:.0f} MB)")
            out.write(chunk)
    if size == 0:
        raise HTTPException(400, "the request body is empty: send the file as the body")
    return size


def _command(db: str, path: Path, outlet: str | None, published: str | None) -> list[str]:
    if "://" not in db:
        db = os.path.abspath(db)
    cmd = [sys.executable, "-m", "marsad.cli", "ingest", "--db", db, "--workers", "1", "--json"]
    if outlet:
        cmd += ["--outlet", outlet]
    if published:
        cmd += ["--published", published]
    return cmd + ["--", path.name]


def _message(text: str) -> str:
    """What the CLI said, without the frame rich draws around a usage error."""
    lines = [ln.strip(" │╭╮╰╯─\t") for ln in text.splitlines()]
    lines = [ln for ln in lines if ln and not ln.startswith(("Usage:", "Try '"))]
    return " ".join(lines)[-500:] if lines else "ingest failed"


def _check(published: str | None) -> None:
    if published:
        try:
            dt.date.fromisoformat(published)
        except ValueError:
            raise HTTPException(400, f"published expects a date as YYYY-MM-DD, got {published!r}") from None


async def ingest_upload(request: Request, name: str | None = None, outlet: str | None = None,
                        published: str | None = None) -> JSONResponse:
    """Ingest the request body as one file named `name` (its extension picks the reader)."""
    from starlette.concurrency import run_in_threadpool

    _authorize(request)
    _check(published)
    settings = request.app.state.settings
    if not _busy.acquire(blocking=False):
        raise HTTPException(409, "another ingest is running on this server; try again when it ends")
    try:
        with tempfile.TemporaryDirectory(prefix="marsad-upload-") as tmp:
            path = Path(tmp) / _file_name(name)
            size = await _receive(request, path, settings.max_upload)
            cmd = _command(settings.db, path, outlet, published)
            try:
                done = await run_in_threadpool(subprocess.run, cmd, cwd=tmp, capture_output=True, text=True,
                                               timeout=settings.ingest_timeout_s)
            except subprocess.TimeoutExpired:
                raise HTTPException(504, f"the ingest took longer than {settings.ingest_timeout_s:.0f} s and was "
                                         "stopped; what it stored is kept") from None
    finally:
        _busy.release()
    if done.returncode == 2:
        raise HTTPException(400, _message(done.stderr))
    if not done.stdout.strip():
        raise HTTPException(500, f"the ingest ended without a summary (exit {done.returncode}): "
                                 f"{_message(done.stderr)}")
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    return JSONResponse({**summary, "bytes": size, "name": path.name}, status_code=200)
