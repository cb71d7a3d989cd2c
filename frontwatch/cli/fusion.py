"""Commands over the fused record: fuse, fused-event and control exports, control, timeline,
sources, copies and the brief. Registered on the main app by ``frontwatch.cli``."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from frontwatch.cli import (DbOption, FormatOption, ListFormat, OutputOption, _emit, _fatal,
                            _store_or_exit, _usage, app, eval_app, export_app, out,
                            places_or_exit, text_output, write_parquet_or_exit)
from frontwatch.errors import FrontwatchError


class EventExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    geojson = "geojson"
    acled_csv = "acled-csv"
    parquet = "parquet"


class ControlExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


class Basis(StrEnum):
    assessed = "assessed"
    claimed = "claimed"
    all = "all"


BasisOption = Annotated[Basis, typer.Option(
    "--basis", help="assessed: what the weight of every statement about the place supports "
    "(the state model, with its posterior); claimed: every claim that is not denied "
    "outright.")]
SideOption = Annotated[str | None, typer.Option(
    "--side", help="With the claimed layer: only what this side's claimants say (a side of "
    "the theatre pack, such as RU).")]
FromOption = Annotated[str | None, typer.Option(
    "--from", help="Only what is dated on or after this day (YYYY-MM-DD).")]
ToOption = Annotated[str | None, typer.Option(
    "--to", help="Only what is dated on or before this day (YYYY-MM-DD).")]
TypeOption = Annotated[list[str] | None, typer.Option(
    "--type", help="Only this event type (repeatable).")]


def _gazetteer():
    from frontwatch.places.gazetteer import load_gazetteer
    try:
        return load_gazetteer()
    except FrontwatchError as exc:
        raise _fatal(str(exc)) from exc


def _day_option(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _usage(f"{option} {value!r}: give a day as YYYY-MM-DD") from None


def window_options(date_from: str | None, date_to: str | None,
                   ) -> tuple[date | None, date | None]:
    """--from/--to as days; a window that ends before it starts is a usage error."""
    first, last = _day_option(date_from, "--from"), _day_option(date_to, "--to")
    if first and last and last < first:
        raise _usage(f"--from {first} --to {last}: the window ends before it starts")
    return first, last


def _check_types(types: list[str] | None) -> None:
    from frontwatch.events import EVENT_TYPES
    unknown = sorted(set(types or ()) - set(EVENT_TYPES))
    if unknown:
        raise _usage(f"--type {', '.join(unknown)}: not an event type (one of "
                     f"{', '.join(EVENT_TYPES)})")


@app.command("fuse")
def fuse_command(db: DbOption = None) -> None:
    """Re-fuse the whole store: copies, events, statuses, source scores, control timelines.

    Ingest fuses what its new documents touch by itself; run this after changing fusion
    settings or to rebuild everything."""
    from frontwatch.fuse.run import fuse_store
    with _store_or_exit(db) as store:
        summary = fuse_store(store)
    statuses = ", ".join(f"{n:,} {s}" for s, n in sorted(summary.statuses.items(),
                                                         key=lambda x: -x[1]))
    out.print(f"Fused {summary.mentions:,} event mentions into {summary.events:,} events "
              f"({statuses}); {summary.copies:,} documents are copies of others; "
              f"{summary.sources:,} sources scored; {summary.intervals:,} control intervals.")


@export_app.command("events")
def export_events_command(
        format: Annotated[EventExportFormat, typer.Option(
            "--format", "-f", help="Output format (acled-csv: ACLED's 31 columns; see the "
            "README for the mapping).")] = EventExportFormat.jsonl,
        type: TypeOption = None, output: OutputOption = None,
        flat: Annotated[bool, typer.Option(
            "--flat", help="GeoJSON: flat properties (the CSV columns), for QGIS.")] = False,
        db: DbOption = None) -> None:
    """Write fused events: place, controller, date, status and every source with its quote."""
    from frontwatch.export import event_records, write_events_csv, write_events_geojson, \
        write_jsonl
    _check_types(type)
    if flat and format is not EventExportFormat.geojson:
        raise _usage("--flat applies to --format geojson")
    gazetteer = _gazetteer()
    with _store_or_exit(db) as store:
        records = event_records(store.conn, gazetteer, type)
        if format is EventExportFormat.acled_csv:
            records = _acled(store.conn, records, gazetteer)
    if format is EventExportFormat.parquet:
        write_parquet_or_exit(records, output)
        return
    with text_output(output) as stream:
        if format is EventExportFormat.geojson:
            write_events_geojson(records, stream, flat)
        elif format is EventExportFormat.acled_csv:
            from frontwatch.export.acled import write_acled_csv
            write_acled_csv(records, stream)
        else:
            (write_jsonl if format is EventExportFormat.jsonl else write_events_csv)(
                records, stream)


def _acled(conn, records, gazetteer):
    from frontwatch.export.acled import acled_rows, fused_at
    from frontwatch.theatres import load_theatre
    theatre = load_theatre()
    admin_names = {unit.id: unit.name for unit in theatre.admin_units}
    ids = {r["place"]["id"] for r in records if r["place"]["id"]}
    places = {i: gazetteer.by_id(i) for i in ids}
    return acled_rows(records, theatre, admin_names,
                      {i: p.raion for i, p in places.items() if p},
                      {i: (p.kind, p.coord_precision) for i, p in places.items() if p},
                      fused_at(conn))


@export_app.command("control")
def export_control_command(
        format: Annotated[ControlExportFormat, typer.Option(
            "--format", "-f", help="Output format.")] = ControlExportFormat.jsonl,
        basis: BasisOption = Basis.all, side: SideOption = None, output: OutputOption = None,
        db: DbOption = None) -> None:
    """Write control intervals per place: controller, basis, from, to, evidence events."""
    from frontwatch.export import control_records, write_control_csv, write_jsonl
    gazetteer = _gazetteer()
    wanted = _layer(basis, side)
    with _store_or_exit(db) as store:
        records = control_records(store.conn, gazetteer, None, wanted)
    if format is ControlExportFormat.parquet:
        write_parquet_or_exit(records, output)
        return
    with text_output(output) as stream:
        (write_jsonl if format is ControlExportFormat.jsonl else write_control_csv)(records,
                                                                                   stream)


@app.command("control")
def control_command(
        place: Annotated[str, typer.Argument(help="A place: any spelling, or a gazetteer id.",
                                             show_default=False)],
        at: Annotated[str | None, typer.Option(
            "--at", help="Only the state on this day (YYYY-MM-DD).")] = None,
        basis: BasisOption = Basis.all, side: SideOption = None, db: DbOption = None,
        format: FormatOption = ListFormat.table) -> None:
    """Who held PLACE from when to when, assessed and claimed (by all sources and by each
    side), with the evidence."""
    from frontwatch.export import control_records
    day = _day_option(at, "--at")
    wanted = _layer(basis, side)
    gazetteer = _gazetteer()
    places = places_or_exit(gazetteer, place, "PLACE")
    with _store_or_exit(db) as store:
        records = control_records(store.conn, gazetteer, [p.id for p in places], wanted)
    if day is not None:
        records = [r for r in records if r["from"] <= day.isoformat()
                   and (r["to"] is None or day.isoformat() <= r["to"])]
    rows = [{"place": f"{r['place']['name']} ({r['place']['id']})", "basis": r["basis"],
             "controller": r["controller"], "from": r["from"], "to": r["to"] or "(latest)",
             "last seen": r["last_seen"], "change": "yes" if r["change"] else "",
             "explanation": r["explanation"]} for r in records]
    if format is not ListFormat.table:
        _emit(records, format, [], "")
        return
    names = ", ".join(f"{p.name} ({p.id})" for p in places)
    _emit(rows, format, [("place", 30), ("basis", None), ("controller", None), ("from", None),
                         ("to", None), ("last seen", None), ("change", None),
                         ("explanation", 120)],
          f"No control evidence for {names}" + (f" on {day}." if day else "."))


@app.command("timeline")
def timeline_command(
        date_from: FromOption = None, date_to: ToOption = None,
        oblast: Annotated[str | None, typer.Option(
            "--oblast", help="Only places in this oblast (name or code such as UA-14).")]
        = None,
        basis: BasisOption = Basis.assessed, side: SideOption = None, db: DbOption = None,
        format: FormatOption = ListFormat.table) -> None:
    """What changed hands in a window: one row per change of controller, oldest first."""
    from frontwatch.export import control_records
    first, last = window_options(date_from, date_to)
    wanted = _layer(basis if side is None or basis is not Basis.assessed else Basis.claimed,
                    side)
    gazetteer = _gazetteer()
    admin1 = None
    if oblast is not None:
        admin1 = places_or_exit(gazetteer, oblast, "--oblast", kind="oblast")[0].admin1
    with _store_or_exit(db) as store:
        records = control_records(store.conn, gazetteer, None, wanted)
    if basis is Basis.all and side is None:
        records = [r for r in records if ":" not in r["basis"]]  # the per-side layers repeat
    changes = sorted((r for r in records if r["change"]
                      and (first is None or r["from"] >= first.isoformat())
                      and (last is None or r["from"] <= last.isoformat())
                      and (admin1 is None or r["place"]["admin1"] == admin1)),
                     key=lambda r: (r["from"], r["place"]["name"] or "", r["basis"]))
    if format is not ListFormat.table:
        _emit(changes, format, [], "")
        return
    rows = [{"date": r["from"], "place": r["place"]["name"], "oblast": _oblast(gazetteer, r),
             "to": r["controller"], "basis": r["basis"], "explanation": r["explanation"]}
            for r in changes]
    _emit(rows, format, [("date", None), ("place", 24), ("oblast", 20), ("to", None),
                         ("basis", None), ("explanation", 130)],
          "No change of control in this window.")


def _layer(basis: Basis, side: str | None) -> str | None:
    """The stored basis a --basis/--side pair asks for (None: every layer)."""
    if side is None:
        return None if basis is Basis.all else basis.value
    from frontwatch.theatres import load_theatre
    sides = load_theatre().side_codes
    if side not in sides:
        raise _usage(f"--side {side}: the theatre's sides are {', '.join(sides)}")
    if basis is Basis.assessed:
        raise _usage("--side: the assessed layer weighs every side; a side's layer is claimed")
    return f"claimed:{side}"


def _oblast(gazetteer, record) -> str | None:
    admin1 = record["place"]["admin1"]
    found = gazetteer.by_id(f"admin:{admin1}") if admin1 else None
    return found.name if found else admin1


@app.command("sources")
def sources_command(db: DbOption = None, format: FormatOption = ListFormat.table,
                    limit: Annotated[int | None, typer.Option(help="Show at most N.")] = None,
                    ) -> None:
    """Source reliability from truth discovery, with the counts behind each score."""
    from frontwatch.store import fusion as tables
    with _store_or_exit(db) as store:
        rows = [dict(row) for row in tables.source_scores(store.conn)]
    rows = rows[:limit] if limit else rows
    _emit(rows, format, [("name", 48), ("kind", None), ("side", None), ("score", None),
                         ("n_tested", None), ("agreement", None), ("n_statements", None)],
          "No sources scored; run 'frontwatch fuse'.")


@app.command("copies")
def copies_command(db: DbOption = None, format: FormatOption = ListFormat.table) -> None:
    """Documents that are near-duplicates (syndicated copies) of an earlier one."""
    from frontwatch.store import fusion as tables
    with _store_or_exit(db) as store:
        rows = [{"doc": r["doc_id"][:12], "copy of": r["origin_id"][:12],
                 "similarity": r["similarity"], "outlet": r["outlet"],
                 "published": r["published"], "origin published": r["origin_published"],
                 "title": r["title"]} for r in tables.copies(store.conn)]
    _emit(rows, format, [("doc", None), ("copy of", None), ("similarity", None),
                         ("outlet", 30), ("published", None), ("origin published", None),
                         ("title", 50)], "No copies found.")


@app.command("brief")
def brief_command(
        date_from: FromOption = None, date_to: ToOption = None,
        output: Annotated[Path | None, typer.Option(
            "-o", "--output", help="Also write the brief as one self-contained HTML page with "
            "a map (works offline).")] = None,
        db: DbOption = None,
        limit: Annotated[int, typer.Option(help="Items per section.")] = 15) -> None:
    """A readable brief: changes of hands, strikes, casualties and disputes, each sentence
    citing its sources."""
    from frontwatch.brief import write_brief
    first, last = window_options(date_from, date_to)
    gazetteer = _gazetteer()
    with _store_or_exit(db) as store:
        brief = write_brief(store.conn, gazetteer, out, limit, first, last)
    if output is not None:
        from frontwatch.brief.html import write_html
        try:
            write_html(brief, output)
        except FrontwatchError as exc:
            raise _fatal(str(exc)) from exc
        out.print(f"\nWrote the HTML brief to {output} (self-contained: open it offline).",
                  markup=False)


@eval_app.command("control")
def eval_control_command(
        truth: Annotated[Path, typer.Argument(
            help="Folder with the ground-truth CSVs (wikipedia_control_changes_*.csv, "
                 "deepstate_settlement_changes_*.csv).", exists=True, show_default=False)],
        days: Annotated[int, typer.Option(
            help="Date tolerance in days (the measure without --strict).")] = 2,
        basis: Annotated[Basis, typer.Option(
            "--basis", help="The timeline layer to score (assessed or claimed).")]
        = Basis.assessed,
        strict: Annotated[bool, typer.Option(
            "--strict", help="Check each change against the nearest DeepState point and "
            "measure recall on changes both trackers report.")] = False,
        date_from: Annotated[str | None, typer.Option(
            "--from", help="With --strict: only changes on or after this day (YYYY-MM-DD).")]
        = None,
        date_to: Annotated[str | None, typer.Option(
            "--to", help="With --strict: only changes on or before this day (YYYY-MM-DD).")]
        = None,
        db: DbOption = None, format: FormatOption = ListFormat.table,
        misses: Annotated[int, typer.Option(
            help="Show up to N misses and contradictions (with --strict: disagreements).")]
        = 15) -> None:
    """Score the assessed control timeline against ground-truth changes of control."""
    from frontwatch.eval.control import evaluate_control, print_control_report
    from frontwatch.eval.strict import evaluate_strict, print_strict_report
    if basis is Basis.all:
        raise _usage("--basis: score one layer, assessed or claimed")
    first, last = window_options(date_from, date_to)
    if not strict and (first or last):
        raise _usage("--from/--to: the window applies to the strict measure; add --strict")
    gazetteer = _gazetteer()
    with _store_or_exit(db) as store:
        report = (evaluate_strict(store.conn, gazetteer, truth, first, last, basis=basis.value)
                  if strict else evaluate_control(store.conn, gazetteer, truth, days,
                                                  basis.value))
    if format is not ListFormat.table:
        _emit([report.as_dict()], format, [], "")
        return
    if strict:
        print_strict_report(report, out, misses)
    else:
        print_control_report(report, out, misses)
