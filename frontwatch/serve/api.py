"""The JSON API under /api/: every page's data, lists paginated (``limit``, ``offset``,
``total``). Errors have one shape: ``{"error": {"code": ..., "message": ...}}``."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse

from frontwatch.brief.html import node_modules
from frontwatch.events import EVENT_TYPES
from frontwatch.serve import connection, queries
from frontwatch.serve.queries import EventFilter, NotFound

router = APIRouter(prefix="/api", tags=["api"])
Conn = Annotated[sqlite3.Connection, Depends(connection)]
Limit = Annotated[int, Query(ge=1, le=500, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, description="Items to skip.")]
STATUSES = ("claimed", "corroborated", "confirmed", "disputed", "denied")


async def event_filter(
        request: Request,
        date_from: Annotated[str | None, Query(
            alias="from", description="YYYY-MM-DD; events on or after it.")] = None,
        date_to: Annotated[str | None, Query(
            alias="to", description="YYYY-MM-DD; events on or before it.")] = None,
        oblast: Annotated[str | None, Query(
            description="An oblast: name or code (UA-63).")] = None,
        type: Annotated[str | None, Query(description="An event type.")] = None,
        status: Annotated[str | None, Query(description="An event status.")] = None,
) -> EventFilter:
    """The filters every list shares (an empty value, as an HTML form sends it, is no
    filter); a bad day, a reversed window or an unknown value is a 422."""
    from fastapi.exceptions import RequestValidationError
    problems = []
    date_from, date_to = (_day(value, name, problems) for value, name in
                          ((date_from, "from"), (date_to, "to")))
    if date_from and date_to and date_to < date_from:
        problems.append(("to", "the window ends before it starts"))
    if type and type not in EVENT_TYPES:
        problems.append(("type", f"not an event type (one of {', '.join(EVENT_TYPES)})"))
    if status and status not in STATUSES:
        problems.append(("status", f"not a status (one of {', '.join(STATUSES)})"))
    admin1 = None
    if oblast:
        admin1 = oblast_code(request, oblast)
        if admin1 is None:
            problems.append(("oblast", "not an oblast the gazetteer knows"))
    if problems:
        raise RequestValidationError([{"loc": ("query", where), "msg": message,
                                       "type": "value_error"} for where, message in problems])
    return EventFilter(date_from and date_from.isoformat(), date_to and date_to.isoformat(),
                       admin1, type or None, status or None)


def _day(value: str | None, name: str, problems: list) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        problems.append((name, "give a day as YYYY-MM-DD"))
        return None


def oblast_code(request: Request, name: str) -> str | None:
    gazetteer = request.app.state.gazetteer
    for spelling in (name, name + " Oblast"):
        found = [p for p in gazetteer.lookup(spelling) if p.kind == "oblast"]
        if found:
            return found[0].admin1
    place = gazetteer.by_id("admin:" + name.upper())
    return place.admin1 if place else None


Filter = Annotated[EventFilter, Depends(event_filter)]


class _Json(JSONResponse):
    """JSON as ``json.dumps`` writes it: the data are plain dicts already, so FastAPI's
    encoder (which walks every value) is skipped."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _json(content: Any) -> JSONResponse:
    return _Json(content)


@router.get("/events", summary="Fused events, latest first")
async def api_events(request: Request, conn: Conn, wanted: Filter, limit: Limit = 50,
               offset: Offset = 0) -> JSONResponse:
    return _json(queries.events_page(conn, request.app.state.gazetteer, wanted, limit, offset))


@router.get("/events/{event_id}", summary="One event, its sources and what it contradicts")
async def api_event(request: Request, conn: Conn, event_id: str) -> JSONResponse:
    return _json(queries.event_detail(conn, request.app.state.gazetteer, event_id))


@router.get("/changes", summary="Changes of hands, latest first")
async def api_changes(request: Request, conn: Conn, wanted: Filter,
                basis: Annotated[str, Query(pattern="^(assessed|claimed)$")] = "assessed",
                limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
    return _json(queries.changes_page(conn, request.app.state.gazetteer, wanted, basis, limit,
                                offset))


@router.get("/places/{name}", summary="A place: who held it when, and its events")
async def api_place(request: Request, conn: Conn, name: str) -> JSONResponse:
    return _json(queries.place_detail(conn, request.app.state.gazetteer, name))


@router.get("/docs/{doc_id}", summary="A document's clean text with every extracted span")
async def api_doc(request: Request, conn: Conn, doc_id: str) -> JSONResponse:
    return _json(queries.document_detail(conn, request.app.state.gazetteer, doc_id))


@router.get("/sources", summary="Source reliability with the counts behind it")
async def api_sources(conn: Conn, limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
    return _json(queries.sources_page(conn, limit, offset))


@router.get("/search", summary="Places by any spelling (Cyrillic too), documents by title")
async def api_search(request: Request, conn: Conn,
               q: Annotated[str, Query(min_length=1, max_length=200)]) -> JSONResponse:
    return _json(queries.search(conn, request.app.state.gazetteer, q))


@router.get("/outlines", summary="The theatre's admin-1 outlines (TopoJSON) for the map")
async def api_outlines(request: Request) -> Any:
    theatre = request.app.state.theatre
    path = node_modules() / theatre.map_outlines if theatre.map_outlines else None
    if path is None or not path.is_file():
        raise NotFound("the theatre pack's map outlines are not installed")
    return json.loads(path.read_text(encoding="utf-8"))
