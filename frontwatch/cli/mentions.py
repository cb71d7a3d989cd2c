"""Commands over the stored event mentions: `events`, `export mentions` and `reprocess`.
Registered on the main app by ``frontwatch.cli``."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from frontwatch.cli import (DbOption, FormatOption, ListFormat, OutputOption, _document_id_or_exit,
                            _emit, _fatal, _store_or_exit, _usage, app, export_app, out,
                            places_or_exit, text_output, write_parquet_or_exit)
from frontwatch.errors import FrontwatchError


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"
    parquet = "parquet"


@app.command("events")
def events_command(
        doc: Annotated[str | None, typer.Option(
            "--doc", help="Only this document (id, prefix, input id or file name).")] = None,
        type: Annotated[list[str] | None, typer.Option(
            "--type", help="Only this event type (repeatable): control, strike, casualties, "
            "territory, annexation, evacuation, mobilization.")] = None,
        place: Annotated[str | None, typer.Option(
            "--place", help="Only events at this place (any spelling, or a gazetteer id).")] = None,
        date_from: Annotated[str | None, typer.Option(
            "--from", help="Only events dated on or after this day (YYYY-MM-DD).")] = None,
        date_to: Annotated[str | None, typer.Option(
            "--to", help="Only events dated on or before this day (YYYY-MM-DD).")] = None,
        db: DbOption = None, format: FormatOption = ListFormat.table) -> None:
    """List event mentions with their place, date, claimant, stance and quote."""
    records = _event_records(db, doc, type, place, date_from, date_to)
    if format is not ListFormat.table:
        _emit(records, format, [], "")
        return
    rows = [{"doc": r["external_id"] or Path(r["source"] or r["doc_id"]).name[:24],
             "type": r["type"],
             "place": (r["place"] or {}).get("name") or (r["place"] or {}).get("text"),
             "controller": r["controller"], "date": _date_cell(r["date"]),
             "claimant": _claimant_cell(r), "stance": r["stance"] + (" (hedged)" if r["hedged"]
                                                                    else ""),
             "bg": "yes" if r["background"] else "",
             "quote": _around_trigger(r, 110)} for r in records]
    _emit(rows, format, [("doc", None), ("type", None), ("place", 20), ("controller", None),
                         ("date", 26), ("claimant", 28), ("stance", None), ("bg", None),
                         ("quote", 110)],
          "No event mention matches." if (doc or type or place or date_from or date_to)
          else "No event mentions stored; run 'frontwatch ingest PATH' (or 'frontwatch "
               "reprocess' for a database written by an older frontwatch).")


@export_app.command("mentions")
def export_mentions_command(
        format: Annotated[ExportFormat, typer.Option("--format", "-f",
                                                     help="Output format.")] = ExportFormat.jsonl,
        type: Annotated[list[str] | None, typer.Option(
            "--type", help="Only this event type (repeatable).")] = None,
        output: OutputOption = None, db: DbOption = None) -> None:
    """Write every event mention: place, controller, date, claim, confidence, quote and
    offsets (JSON Lines, JSON, or Parquet with -o)."""
    records = _event_records(db, None, type, None, None, None)
    if format is ExportFormat.parquet:
        write_parquet_or_exit(records, output)
        return
    with text_output(output) as stream:
        if format is ExportFormat.json:
            stream.write(json.dumps(records, ensure_ascii=False, indent=1) + "\n")
        else:
            for record in records:
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")


@app.command("reprocess")
def reprocess_command(
        everything: Annotated[bool, typer.Option(
            "--all", help="Redo every document, not only those from older stage versions.")]
        = False, db: DbOption = None) -> None:
    """Re-run the entities and events stages on stored documents (after an upgrade)."""
    from frontwatch.pipeline import reprocess
    with _store_or_exit(db) as store:
        try:
            done = reprocess(store, everything)
        except FrontwatchError as exc:
            raise _fatal(str(exc)) from exc
    out.print(f"Re-ran entities and events on {done:,} documents.")


def _event_records(db, doc, types, place, date_from, date_to) -> list[dict[str, Any]]:
    from frontwatch.events import EVENT_TYPES
    from frontwatch.events.records import mention_record
    from frontwatch.places.gazetteer import load_gazetteer
    from frontwatch.cli.fusion import window_options
    window_options(date_from, date_to)
    unknown = sorted(set(types or ()) - set(EVENT_TYPES))
    if unknown:
        raise _usage(f"--type {', '.join(unknown)}: not an event type (one of "
                     f"{', '.join(EVENT_TYPES)})")
    try:
        gazetteer = load_gazetteer()
    except FrontwatchError as exc:
        raise _fatal(str(exc)) from exc
    place_ids = None
    with _store_or_exit(db) as store:
        if place is not None:
            spelled = store.conn.execute("SELECT 1 FROM event_mentions WHERE place_text = ? "
                                         "COLLATE NOCASE LIMIT 1", (place,)).fetchone()
            # a spelling the gazetteer cannot resolve still finds the mentions that use it
            place_ids = [] if spelled and not gazetteer.lookup(place) else \
                [p.id for p in places_or_exit(gazetteer, place, "--place")]
        doc_id = _document_id_or_exit(store, doc) if doc else None
        rows = store.event_mentions(doc_id, types, place_ids, place, date_from, date_to)
        return [mention_record(row, gazetteer) for row in rows]


def _around_trigger(record: dict, width: int) -> str:
    """The quote on one line, cut to ``width`` characters around the trigger word."""
    quote, at = record["quote"], record["trigger"]["start"] - record["start"]
    if len(quote) <= width:
        return " ".join(quote.split())
    left = max(0, min(at - width // 2, len(quote) - width))
    cut = quote[left:left + width]
    return ("…" if left else "") + " ".join(cut.split()) + ("…" if left + width < len(quote)
                                                          else "")


def _date_cell(when: dict) -> str:
    if when["type"] == "unresolved":
        return "unresolved"
    span = when["start"] if when["start"] == when["end"] else f"{when['start']}..{when['end']}"
    return f"{span} {when['type']}"


def _claimant_cell(record: dict) -> str:
    claimant = record["claimant"]
    if claimant is None:
        return "(the document)"
    return f"{claimant['name'] or 'unnamed'} [{claimant['side'] or '-'}]"
