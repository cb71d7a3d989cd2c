"""`frontwatch serve`: a read-only web UI over one store, and the JSON API its pages read.

FastAPI serves the pages (Jinja2, autoescaped) and ``/api/`` (described at ``/openapi.json``);
the map's libraries come from the npm packages the build installs, served from this process,
so nothing is fetched from elsewhere. Every response carries a Content-Security-Policy that
allows scripts from this origin only (no inline script), and every error, page or API, has one
JSON shape under ``/api/``: ``{"error": {"code": ..., "message": ...}}``.

The store is opened read-only, one connection per request (SQLite connections are cheap and
not shared between threads); the gazetteer is loaded once when the app is made.
"""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from frontwatch.brief.html import node_modules
from frontwatch.errors import FrontwatchError
from frontwatch.places.gazetteer import load_gazetteer
from frontwatch.serve.queries import NotFound
from frontwatch.theatres import load_theatre

POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
          "frame-ancestors 'none'")
STATIC = Path(__file__).with_name("static")
# npm package folders served under /vendor/ (installed by the build, never in the repository)
VENDOR = {"leaflet": "leaflet/dist", "topojson": "topojson-client/dist"}


class StoreMissing(FrontwatchError):
    """The database to serve does not exist."""


def create_app(db: Path) -> FastAPI:
    if not db.is_file():
        raise StoreMissing(f"no store at {db}: run 'frontwatch ingest PATH --db {db}' first")
    from frontwatch.serve import api, pages
    app = FastAPI(title="frontwatch", version="1", docs_url=None, redoc_url=None,
                  description="The fused record of a frontwatch store: events with their "
                              "sources, control timelines, documents and source reliability. "
                              "Read-only.")
    app.state.db = db
    app.state.theatre = load_theatre()
    app.state.gazetteer = load_gazetteer(app.state.theatre)
    # The gazetteer is millions of objects that live as long as the server: out of the
    # collector's sight, a full collection no longer walks them in the middle of a request.
    gc.freeze()
    modules = node_modules()
    for name, folder in VENDOR.items():
        if not (modules / folder).is_dir():
            raise FrontwatchError(f"{modules / folder} is missing: run 'make install' (npm "
                                  "ci) in the checkout, or set FRONTWATCH_NODE_MODULES")
        app.mount(f"/vendor/{name}", StaticFiles(directory=modules / folder), name=name)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)

    app.add_middleware(SecurityHeaders)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound):
        return _error(request, 404, "not_found", str(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "bad_request")
        return _error(request, exc.status_code, code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ()) if x != "query")
        return _error(request, 422, "invalid_parameter",
                      f"{where}: {first.get('msg', 'invalid value')}")

    return app


class SecurityHeaders:
    """Adds the policy headers to every response (a plain ASGI middleware: Starlette's
    ``@app.middleware("http")`` wraps each response in a stream and costs more than the
    API's own work)."""

    HEADERS = [(b"content-security-policy", POLICY.encode()),
               (b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *self.HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers)


def _error(request: Request, status: int, code: str, message: str):
    if request.url.path.startswith("/api/") or request.url.path == "/api":
        return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)
    from frontwatch.serve.pages import render_error
    return HTMLResponse(render_error(request, status, message), status_code=status)


async def connection(request: Request) -> AsyncIterator[sqlite3.Connection]:
    """A read-only connection to the served store, for one request. Endpoints are async and
    read on the event loop: each read is a few milliseconds of SQLite, cheaper than the two
    hops to worker threads a sync endpoint costs."""
    conn = sqlite3.connect(f"file:{request.app.state.db}?mode=ro", uri=True,
                           check_same_thread=False)
    conn.row_factory = sqlite3.Row
    try:
        yield conn
    finally:
        conn.close()
