"""What the web UI and its JSON API read from the store: one function per page, each returning
plain dicts (the API returns them as they are, the pages render them). Read-only."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from frontwatch.export import control_records, records_of_events
from frontwatch.places.gazetteer import Gazetteer
from frontwatch.store import fusion as tables


class NotFound(LookupError):
    """The thing a URL names is not in the store or the gazetteer."""


@dataclass(frozen=True)
class EventFilter:
    date_from: str | None = None
    date_to: str | None = None
    oblast: str | None = None  # an admin1 code ("UA-63")
    type: str | None = None
    status: str | None = None


def events_page(conn: sqlite3.Connection, gazetteer: Gazetteer, wanted: EventFilter,
                limit: int, offset: int) -> dict[str, Any]:
    """Fused events, latest first, filtered; only the page's events are read in full."""
    rows = tables.fused_events(conn, [wanted.type] if wanted.type else None, None,
                               wanted.date_from, wanted.date_to)
    if wanted.status:
        rows = [r for r in rows if r["status"] == wanted.status]
    if wanted.oblast:
        rows = [r for r in rows if r["place_id"] and _admin1(gazetteer, r["place_id"])
                == wanted.oblast]
    rows.sort(key=lambda r: (r["date_first"] or "", r["id"]), reverse=True)
    page = rows[offset:offset + limit]
    return {"items": records_of_events(conn, gazetteer, page), "total": len(rows),
            "limit": limit, "offset": offset}


def _admin1(gazetteer: Gazetteer, place_id: str) -> str | None:
    place = gazetteer.by_id(place_id)
    return place.admin1 if place else None


def event_detail(conn: sqlite3.Connection, gazetteer: Gazetteer, event_id: str) -> dict:
    rows = tables.fused_events(conn, id_prefix=event_id)
    if len(rows) != 1 or (rows[0]["id"] != event_id and len(event_id) < 6):
        raise NotFound(f"no fused event {event_id}")
    event = records_of_events(conn, gazetteer, rows)[0]
    others = [r for other in event["contradicts"]
              for r in tables.fused_events(conn, id_prefix=other)]
    event["contradicted_events"] = records_of_events(conn, gazetteer, others)
    return event


def changes_page(conn: sqlite3.Connection, gazetteer: Gazetteer, wanted: EventFilter,
                 basis: str, limit: int, offset: int) -> dict[str, Any]:
    """Changes of hands, latest first."""
    changes = [r for r in control_records(conn, gazetteer, None, basis) if r["change"]
               and (not wanted.date_from or r["from"] >= wanted.date_from)
               and (not wanted.date_to or r["from"] <= wanted.date_to)
               and (not wanted.oblast or r["place"]["admin1"] == wanted.oblast)]
    changes.sort(key=lambda r: (r["from"], r["place"]["name"] or ""), reverse=True)
    return {"items": changes[offset:offset + limit], "total": len(changes), "limit": limit,
            "offset": offset}


def place_detail(conn: sqlite3.Connection, gazetteer: Gazetteer, name: str) -> dict:
    places = gazetteer.lookup(name) or [p for p in (gazetteer.by_id(name),) if p]
    if not places:
        raise NotFound(f"'{name}' is not a place the gazetteer knows")
    ids = [p.id for p in places]
    rows = tables.fused_events(conn, None, ids)
    rows.sort(key=lambda r: r["date_first"] or "", reverse=True)
    return {"places": [{"id": p.id, "name": p.name, "kind": p.kind, "admin1": p.admin1,
                        "raion": p.raion, "lat": p.lat, "lon": p.lon,
                        "population": p.population} for p in places],
            "control": [r for r in control_records(conn, gazetteer, ids)
                        if ":" not in r["basis"]],
            "events": records_of_events(conn, gazetteer, rows[:50])}


def document_detail(conn: sqlite3.Connection, gazetteer: Gazetteer, doc_id: str) -> dict:
    row = conn.execute("SELECT id, title, outlet, published, url, clean_text FROM documents "
                       "WHERE id >= ? AND id < ? LIMIT 2", (doc_id, doc_id + "\uffff")
                       ).fetchall()
    if len(row) != 1 or len(doc_id) < 6:
        raise NotFound(f"no document {doc_id}")
    doc = row[0]
    spans = []
    for p in conn.execute("SELECT start, end, text, place_id FROM place_mentions "
                          "WHERE doc_id = ?", (doc["id"],)):
        place = gazetteer.by_id(p["place_id"]) if p["place_id"] else None
        spans.append({"start": p["start"], "end": p["end"], "kind": "place",
                      "label": place.name if place else f"{p['text']} (unresolved)",
                      "link": f"/place/{p['place_id']}" if p["place_id"] else None})
    for e in conn.execute("SELECT e.trigger_start, e.trigger_end, e.type, e.controller, "
                          "m.event_id FROM event_mentions e LEFT JOIN event_members m "
                          "ON m.doc_id = e.doc_id AND m.seq = e.seq WHERE e.doc_id = ?",
                          (doc["id"],)):
        spans.append({"start": e["trigger_start"], "end": e["trigger_end"], "kind": "event",
                      "label": e["type"] + (f" → {e['controller']}" if e["controller"]
                                            else ""),
                      "link": f"/event/{e['event_id']}" if e["event_id"] else None})
    return {"id": doc["id"], "title": doc["title"], "outlet": doc["outlet"],
            "published": doc["published"], "url": doc["url"], "text": doc["clean_text"],
            "spans": sorted(spans, key=lambda s: (s["start"], -s["end"]))}


def sources_page(conn: sqlite3.Connection, limit: int, offset: int) -> dict[str, Any]:
    rows = [dict(r) for r in tables.source_scores(conn)]
    return {"items": rows[offset:offset + limit], "total": len(rows), "limit": limit,
            "offset": offset}


def search(conn: sqlite3.Connection, gazetteer: Gazetteer, query: str) -> dict[str, Any]:
    """Places by any spelling (Cyrillic too; the closest spellings when none is exact) and
    documents by title."""
    places = gazetteer.lookup(query) or gazetteer.suggest(query)
    documents = conn.execute(
        "SELECT id, title, outlet, published FROM documents WHERE title LIKE ? "
        "ORDER BY published DESC LIMIT 20", (f"%{query}%",)).fetchall()
    return {"query": query, "exact": bool(gazetteer.lookup(query)),
            "places": [{"id": p.id, "name": p.name, "kind": p.kind, "admin1": p.admin1}
                       for p in places[:20]],
            "documents": [dict(d) for d in documents]}
