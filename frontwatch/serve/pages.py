"""The HTML pages: home (map, latest changes, filters), place (timeline chart of both layers
with the evidence), event (sources side by side), document (clean text with every extracted
span highlighted and linked), sources and search. Jinja2 escapes everything it prints; the
only script is /static/app.js."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from frontwatch.serve import api, queries
from frontwatch.serve.api import Conn, Filter

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).with_name("templates"))
CHART_WIDTH = 900


def _page(request: Request, template: str, **context: Any) -> HTMLResponse:
    theatre = request.app.state.theatre
    context["side_name"] = lambda side: theatre.side_adjective(side) if side else "—"
    return templates.TemplateResponse(request, template, context)


def render_error(request: Request, status: int, message: str) -> str:
    return templates.get_template("error.html").render(status=status, message=message,
                                                       request=request)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, conn: Conn, wanted: Filter) -> HTMLResponse:
    gazetteer = request.app.state.gazetteer
    changes = queries.changes_page(conn, gazetteer, wanted, "assessed", 20, 0)
    claimed = queries.changes_page(conn, gazetteer, wanted, "claimed", 20, 0)
    events = queries.events_page(conn, gazetteer, wanted, 50, 0)
    oblasts = sorted({p.name for p in gazetteer.places if p.kind == "oblast"
                      and request.app.state.theatre.is_in_scope(p.country, p.admin1)})
    return _page(request, "home.html", changes=changes, claimed=claimed, events=events,
                 wanted=wanted, query=request.url.query, oblasts=oblasts,
                 oblast_value=request.query_params.get("oblast", ""),
                 types=api.EVENT_TYPES, statuses=api.STATUSES)


@router.get("/place/{name}", response_class=HTMLResponse)
def place(request: Request, conn: Conn, name: str) -> HTMLResponse:
    found = queries.place_detail(conn, request.app.state.gazetteer, name)
    latest = conn.execute("SELECT MAX(substr(published, 1, 10)) FROM documents").fetchone()[0]
    return _page(request, "place.html", place=found, chart=_chart(found["control"], latest))


@router.get("/event/{event_id}", response_class=HTMLResponse)
def event(request: Request, conn: Conn, event_id: str) -> HTMLResponse:
    found = queries.event_detail(conn, request.app.state.gazetteer, event_id)
    return _page(request, "event.html", event=found)


@router.get("/doc/{doc_id}", response_class=HTMLResponse)
def document(request: Request, conn: Conn, doc_id: str) -> HTMLResponse:
    found = queries.document_detail(conn, request.app.state.gazetteer, doc_id)
    return _page(request, "doc.html", doc=found, segments=_segments(found))


@router.get("/sources", response_class=HTMLResponse)
def sources(request: Request, conn: Conn) -> HTMLResponse:
    return _page(request, "sources.html", sources=queries.sources_page(conn, 500, 0))


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, conn: Conn, q: str = "") -> HTMLResponse:
    found = queries.search(conn, request.app.state.gazetteer, q) if q.strip() else None
    return _page(request, "search.html", q=q, found=found)


def _segments(doc: dict) -> list[dict]:
    """The text cut at span boundaries: plain runs, and spans (the first of overlapping ones
    wins; the others stay listed under the text)."""
    text, out, at = doc["text"], [], 0
    for span in doc["spans"]:
        if span["start"] < at:
            continue
        if span["start"] > at:
            out.append({"text": text[at:span["start"]]})
        out.append({"text": text[span["start"]:span["end"]], **span})
        at = span["end"]
    out.append({"text": text[at:]})
    return out


def _chart(intervals: list[dict], latest: str | None) -> dict:
    """Both layers as horizontal bars on one time axis, as SVG geometry (no script). A state
    still current runs to the store's latest document (``latest``): it is the state as of
    then."""
    layers = ("assessed", "claimed")
    rows = [r for r in intervals if r["basis"] in layers]
    if not rows:
        return {"bars": [], "ticks": [], "width": CHART_WIDTH, "height": 0}

    def until(r: dict) -> date:
        if r["to"]:
            return date.fromisoformat(r["to"])
        return max(date.fromisoformat(r["last_seen"]),
                   date.fromisoformat(latest) if latest else date.min)

    start = min(date.fromisoformat(r["from"]) for r in rows)
    end = max(until(r) for r in rows)
    span = max((end - start).days, 1) + 1
    scale = (CHART_WIDTH - 120) / span

    def x(day: date) -> float:
        return round(110 + (day - start).days * scale, 1)

    bars = []
    for r in rows:
        first, last = date.fromisoformat(r["from"]), until(r)
        bars.append({"x": x(first), "y": 10 + 30 * layers.index(r["basis"]),
                     "width": max(round((last - first).days * scale, 1), 3),
                     "controller": r["controller"], "from": r["from"],
                     "to": r["to"] or "latest", "basis": r["basis"]})
    ticks = [{"x": x(date(year, 1, 1)), "label": str(year)}
             for year in range(start.year + 1, end.year + 1)]
    return {"bars": bars, "ticks": ticks, "width": CHART_WIDTH, "height": 90,
            "labels": [{"y": 28 + 30 * i, "text": layer} for i, layer in enumerate(layers)]}
