"""Looking things up: `frontwatch event EV_ID` (an event's sources side by side and what it
contradicts) and `frontwatch place NAME` (a place, who held it when, what happened there).
Registered on the main app by ``frontwatch.cli``."""

from __future__ import annotations

from typing import Annotated

import typer

from frontwatch.cli import (DbOption, FormatOption, ListFormat, _emit, _fatal, _store_or_exit,
                            app, out, places_or_exit)
from frontwatch.cli.fusion import _gazetteer

EVENT_COLUMNS = [("published", 10), ("outlet", 24), ("who", 34), ("stance", None),
                 ("role", None), ("date", 10), ("quote", 100)]


@app.command("event")
def event_command(
        event_id: Annotated[str, typer.Argument(
            help="An event id as `control`, `timeline` and `export events` print it (ev-…), "
                 "or its first characters.", show_default=False)],
        db: DbOption = None, format: FormatOption = ListFormat.table) -> None:
    """One fused event: what, where, when, its status and why, its sources side by side, and
    the events it contradicts."""
    from frontwatch.export import event_records
    gazetteer = _gazetteer()
    with _store_or_exit(db) as store:
        found = event_records(store.conn, gazetteer, id_prefix=event_id)
        if len(found) != 1:
            raise _fatal(f"'{event_id}' names {'no' if not found else len(found)} fused "
                         "events" + ("; give more of the id" if found else
                                     " ('frontwatch timeline' and 'export events' list ids)"))
        event = found[0]
        contradicted = [r for other in event["contradicts"]
                        for r in event_records(store.conn, gazetteer, id_prefix=other)]
    if format is not ListFormat.table:
        _emit([{**event, "contradicted_events": contradicted}], format, [], "")
        return
    out.print(f"{event['id']}  {_summary(event)}", markup=False)
    out.print(f"status: {event['status']} — {event['status_reason']}", markup=False)
    support = f"support {event['support']:.2f} (truth discovery); " \
        if event["support"] is not None else ""
    out.print(f"{support}{event['n_mentions']} mention(s) from {event['n_outlets']} "
              f"independent outlet(s); date: {event['date']['reason']}", markup=False)
    _emit([{"published": (s["published"] or "")[:10] or None, "outlet": s["outlet"],
            "who": (s["claimant"] or "(the document)") + (f" [{s['side']}]" if s["side"]
                                                          else ""),
            "stance": s["stance"] + (" (hedged)" if s["hedged"] else ""), "role": s["role"],
            "date": s["date"]["start"], "quote": " ".join(s["quote"].split())}
           for s in event["sources"]], ListFormat.table, EVENT_COLUMNS, "No sources.")
    for other in contradicted:
        out.print(f"contradicts {other['id']}: {_summary(other)} ({other['status']})",
                  markup=False)


@app.command("place")
def place_command(
        name: Annotated[str, typer.Argument(
            help="Any spelling the gazetteer knows (Cyrillic too), or a gazetteer id.",
            show_default=False)],
        db: DbOption = None, format: FormatOption = ListFormat.table,
        limit: Annotated[int, typer.Option(help="Events to list, latest first.")] = 20) -> None:
    """A place: where it is, who held it when (assessed and claimed) and what happened there."""
    from frontwatch.export import control_records, event_records
    gazetteer = _gazetteer()
    places = places_or_exit(gazetteer, name, "NAME")
    ids = [p.id for p in places]
    with _store_or_exit(db) as store:
        intervals = control_records(store.conn, gazetteer, ids)
        events = event_records(store.conn, gazetteer, place_ids=ids)
    events.sort(key=lambda e: e["date"]["start"] or "", reverse=True)
    if format is not ListFormat.table:
        _emit([{"places": [{"id": p.id, "name": p.name, "kind": p.kind, "admin1": p.admin1,
                            "raion": p.raion, "lat": p.lat, "lon": p.lon,
                            "population": p.population} for p in places],
                "control": intervals, "events": events[:limit]}], format, [], "")
        return
    for p in places:
        where = ", ".join(x for x in (p.raion, p.admin1) if x)
        coords = f" at {p.lat:.4f}, {p.lon:.4f}" if p.lat is not None else ""
        people = f", population {p.population:,}" if p.population else ""
        out.print(f"{p.name} ({p.id}): {p.kind}{', ' + where if where else ''}{coords}"
                  f"{people}", markup=False)
    _emit([{"basis": r["basis"], "controller": r["controller"], "from": r["from"],
            "to": r["to"] or "(latest)", "change": "yes" if r["change"] else "",
            "explanation": r["explanation"]} for r in intervals if ":" not in r["basis"]],
          ListFormat.table, [("basis", None), ("controller", None), ("from", None),
                             ("to", None), ("change", None), ("explanation", 110)],
          "No control evidence stored for this place.")
    _emit([{"id": e["id"], "date": e["date"]["start"], "type": e["type"],
            "what": _summary(e), "status": e["status"], "outlets": e["n_outlets"]}
           for e in events[:limit]], ListFormat.table,
          [("id", None), ("date", None), ("type", None), ("what", 60), ("status", None),
           ("outlets", None)], "No events stored at this place.")


def _summary(event: dict) -> str:
    place = event["place"]["name"] or event["place"]["text"]
    when = event["date"]["start"] or "undated"
    if event["date"]["end"] and event["date"]["end"] != event["date"]["start"]:
        when += f"..{event['date']['end']}"
    controller = f" → {event['controller']}" if event["controller"] else ""
    return f"{event['type']} at {place}{controller}, {when}"


@app.command("serve")
def serve_command(
        db: DbOption = None,
        host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000) -> None:
    """Serve the store read-only as web pages (map, places, events, documents, sources,
    search) and a JSON API under /api/ (described at /openapi.json)."""
    from pathlib import Path

    import uvicorn

    from frontwatch.errors import FrontwatchError
    from frontwatch.serve import create_app
    from frontwatch.store.store import default_db_path
    try:
        web = create_app(Path(db or default_db_path()))
    except FrontwatchError as exc:
        raise _fatal(str(exc)) from exc
    out.print(f"Serving {db or default_db_path()} read-only at http://{host}:{port}/ "
              "(API under /api/, described at /openapi.json); Ctrl-C stops.", markup=False)
    uvicorn.run(web, host=host, port=port, log_level="warning")
