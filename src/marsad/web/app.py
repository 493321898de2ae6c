"""The FastAPI application behind `marsad serve`: JSON under /api/, right-to-left Arabic pages elsewhere.

Both read through the query layer (`marsad.query.Corpus`), opened once read-only and shared by the server's
threads (each store keeps one connection per thread). Every failure becomes a message: JSON for /api/, a page
for a person, and never a stack trace (it is logged on the server). Responses carry a content security policy
that allows only the server's own scripts, styles and fonts: nothing is loaded from elsewhere.
"""

from __future__ import annotations

import logging
import os
import threading
from contextlib import asynccontextmanager
from pathlib import Path

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..query import Corpus, NotFound
from ..store.base import StoreError
from . import api, pages
from .render import render, render_error

log = logging.getLogger("marsad.web")
STATIC = Path(__file__).parent / "static"
MAX_UPLOAD = 64 * 1024 * 1024
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; style-src-attr 'unsafe-inline'; "
       "script-src 'self'; font-src 'self'; "
       "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")


class Settings:
    """What one server was started with; `token` None means writes are refused."""

    def __init__(self, db: str, token: str | None = None, max_upload: int = MAX_UPLOAD,
                 ingest_timeout_s: float = 600.0):
        self.db = db
        self.token = token or None
        self.max_upload = max_upload
        self.ingest_timeout_s = ingest_timeout_s


def create_app(db: str, *, token: str | None = None, max_upload: int = MAX_UPLOAD,
               corpus: Corpus | None = None, threads: int | None = None) -> FastAPI:
    """The app for one store. `token` defaults to $MARSAD_TOKEN; a corpus already open may be passed (the CLI
    opens it first, so a missing store is a message before the server starts). `threads`: requests answered at
    once (the store's reads block a thread each)."""
    settings = Settings(db, token if token is not None else os.environ.get("MARSAD_TOKEN"), max_upload)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if threads:
            anyio.to_thread.current_default_thread_limiter().total_tokens = max(1, threads)
        app.state.corpus = corpus or Corpus.open(db)
        warm = threading.Thread(target=_warm, args=(app.state.corpus,), daemon=True, name="marsad-warm")
        warm.start()
        try:
            yield
        finally:
            warm.join(60)                  # its connection must not be closed under it (SQLite would crash)
            if corpus is None:
                app.state.corpus.close()

    app = FastAPI(title="Marsad", summary="What Arabic news outlets reported, who said what, and how each tells it",
                  version=_version(), lifespan=lifespan, docs_url=None, redoc_url=None)
    app.state.settings = settings
    if corpus is not None:
        app.state.corpus = corpus
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_api_route("/docs", _docs, include_in_schema=False)
    app.add_api_route("/favicon.ico", lambda: RedirectResponse("/static/favicon.svg", 301), include_in_schema=False)
    app.include_router(api.router)
    app.include_router(pages.router)
    _handlers(app)

    @app.middleware("http")
    async def headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    return app


def _warm(corpus: Corpus) -> None:
    """Read what every page needs first (the entity names, the corpus counts) before the first visitor asks."""
    try:
        corpus.entity_ids("")
        corpus.stats()
        corpus.outlets()
    except Exception:  # noqa: BLE001 - a page that needs it will say what is wrong
        log.warning("could not read the store ahead of the first request", exc_info=True)


SERVE_ENV = "MARSAD_SERVE"


def from_environment() -> FastAPI:
    """The app of each process of `marsad serve --workers N` (uvicorn starts them from an import string)."""
    import json

    conf = json.loads(os.environ[SERVE_ENV])
    return create_app(conf["db"], max_upload=conf["max_upload"], threads=conf["threads"])


def _docs(request: Request):
    """Swagger UI from the package (FastAPI's own page loads it from a CDN): it styles itself inline."""
    response = render(request, "docs.html")
    response.headers["Content-Security-Policy"] = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
    return response


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version("marsad")
    except PackageNotFoundError:
        return "0"


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def _error(request: Request, status: int, message: str):
    if _wants_json(request):
        return JSONResponse({"error": message, "status": status}, status_code=status)
    return render_error(request, status, message)


def _handlers(app: FastAPI) -> None:
    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound):
        return _error(request, 404, str(exc))

    @app.exception_handler(ValueError)
    async def bad_value(request: Request, exc: ValueError):
        return _error(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError):
        parts = []
        for e in exc.errors()[:5]:
            where = ".".join(str(p) for p in e.get("loc", ())[1:]) or "request"
            parts.append(f"{where}: {e.get('msg', 'invalid')}")
        return _error(request, 400, "; ".join(parts) or "invalid request")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no page at {request.url.path}"
        response = _error(request, exc.status_code, message)
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        return response

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError):
        log.error("store error on %s: %s", request.url.path, exc)
        return _error(request, 503, f"the store cannot answer: {exc}")

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception):
        log.exception("error on %s", request.url.path)
        return _error(request, 500, f"internal error ({exc.__class__.__name__}); the server log has the details")
