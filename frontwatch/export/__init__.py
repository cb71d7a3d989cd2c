"""Fused events and control intervals as records, and their JSON Lines, CSV and GeoJSON forms.

Places are described from the gazetteer at read time (name, coordinates, oblast), like the
mention records, so a rebuilt gazetteer shows up without re-fusing.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections import defaultdict
from typing import IO, Any

from frontwatch.model import title_label
from frontwatch.places.gazetteer import Gazetteer
from frontwatch.store import fusion as tables


def place_record(place_id: str | None, text: str, gazetteer: Gazetteer) -> dict[str, Any]:
    found = gazetteer.by_id(place_id) if place_id else None
    return {"id": place_id, "name": found.name if found else None, "text": text,
            "lat": found.lat if found else None, "lon": found.lon if found else None,
            "admin1": found.admin1 if found else None, "kind": found.kind if found else None}


def event_records(conn: sqlite3.Connection, gazetteer: Gazetteer,
                  types: list[str] | None = None, place_ids: list[str] | None = None,
                  date_from: str | None = None, date_to: str | None = None,
                  id_prefix: str | None = None) -> list[dict[str, Any]]:
    """Fused events with their status and every source that speaks of them."""
    rows = tables.fused_events(conn, types, place_ids, date_from, date_to, id_prefix)
    return records_of_events(conn, gazetteer, rows)


def records_of_events(conn: sqlite3.Connection, gazetteer: Gazetteer,
                      rows: list[sqlite3.Row]) -> list[dict[str, Any]]:
    """These rows of the events table as records, with their sources (one query)."""
    sources: dict[str, list[dict]] = defaultdict(list)
    for s in tables.event_sources(conn, [row["id"] for row in rows]):
        sources[s["event_id"]].append({
            "doc_id": s["doc_id"], "seq": s["seq"], "external_id": s["external_id"],
            "outlet": s["outlet"], "title": s["title"], "published": s["published"],
            "copy_of": s["copy_of"],
            "claimant": s["claimant"], "side": s["claimant_side"], "stance": s["stance"],
            "action": s["action"], "attacker": s["side"] if s["type"] == "strike" else None,
            "weapon": s["weapon_id"],
            "role": s["role"], "hedged": bool(s["hedged"]), "background": bool(s["background"]),
            "date": {"start": s["fused_first"], "end": s["fused_last"],
                     "repaired": s["repair_reason"]},
            "quantity": None if s["quantity_start"] is None else
            {"min": s["quantity_min"], "max": s["quantity_max"], "unit": s["quantity_unit"]},
            "quote": s["quote"], "start": s["start"], "end": s["end"]})
    return [{
        "id": row["id"], "type": row["type"],
        "place": place_record(row["place_id"], row["place_text"], gazetteer),
        "controller": row["controller"],
        "date": {"start": row["date_first"], "end": row["date_last"],
                 "granularity": row["date_granularity"], "type": row["date_type"],
                 "reason": row["date_reason"]},
        "status": row["status"], "status_reason": row["status_reason"],
        "support": row["support"], "n_mentions": row["n_mentions"],
        "n_outlets": row["n_outlets"], "sides": [s for s in row["sides"].split(",") if s],
        "contradicts": json.loads(row["contradicts"]), "sources": sources[row["id"]]}
        for row in rows]


def control_records(conn: sqlite3.Connection, gazetteer: Gazetteer,
                    place_ids: list[str] | None = None, basis: str | None = None,
                    ) -> list[dict[str, Any]]:
    """Control intervals per place and basis, in date order."""
    return [{"place": place_record(row["place_id"], "", gazetteer),
             "controller": row["controller"], "basis": row["basis"],
             "from": row["date_from"], "to": row["date_to"], "last_seen": row["last_seen"],
             "change": bool(row["change"]), "events": json.loads(row["events"]),
             "explanation": row["explanation"]}
            for row in tables.intervals_of(conn, place_ids, basis)]


def write_jsonl(records: list[dict[str, Any]], stream: IO[str]) -> None:
    for record in records:
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")


EVENT_COLUMNS = ("id", "type", "place_id", "place_name", "place_text", "lat", "lon", "admin1",
                 "controller", "date_start", "date_end", "granularity", "date_type", "status",
                 "support", "n_mentions", "n_outlets", "sides", "claimants")
CONTROL_COLUMNS = ("place_id", "place_name", "admin1", "lat", "lon", "controller", "basis",
                   "from", "to", "last_seen", "change", "events", "explanation")


def write_events_csv(records: list[dict[str, Any]], stream: IO[str]) -> None:
    """One row per event; its sources are summarised as "claimant [side] stance" pairs."""
    writer = csv.writer(stream)
    writer.writerow(EVENT_COLUMNS)
    writer.writerows(_event_row(r) for r in records)


def _event_row(r: dict[str, Any]) -> tuple:
    place, when = r["place"], r["date"]
    claimants = "; ".join(dict.fromkeys(
        f"{speaker(s)}{' [' + s['side'] + ']' if s['side'] else ''} {s['stance']}"
        for s in r["sources"]))
    return (r["id"], r["type"], place["id"], place["name"], place["text"], place["lat"],
            place["lon"], place["admin1"], r["controller"], when["start"], when["end"],
            when["granularity"], when["type"], r["status"], r["support"], r["n_mentions"],
            r["n_outlets"], ",".join(r["sides"]), claimants)


def speaker(source: dict[str, Any]) -> str:
    """Who says it: the claimant, else the outlet, else the document's title."""
    return source["claimant"] or source["outlet"] or (
        title_label(source["title"]) if source["title"] else "a document")


def write_parquet(records: list[dict[str, Any]], path) -> None:
    """Records as one Parquet file (nested fields stay structs and lists), for pandas, R's
    arrow and DuckDB."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    pq.write_table(pa.Table.from_pylist(records), path)


def write_control_csv(records: list[dict[str, Any]], stream: IO[str]) -> None:
    writer = csv.writer(stream)
    writer.writerow(CONTROL_COLUMNS)
    for r in records:
        place = r["place"]
        writer.writerow((place["id"], place["name"], place["admin1"], place["lat"],
                         place["lon"], r["controller"], r["basis"], r["from"], r["to"],
                         r["last_seen"], int(r["change"]), " ".join(r["events"]),
                         r["explanation"]))


def write_events_geojson(records: list[dict[str, Any]], stream: IO[str],
                         flat: bool = False) -> None:
    """A FeatureCollection (RFC 7946: [lon, lat]); events at places without coordinates get a
    null geometry (which GeoJSON allows) so nothing is silently left out. ``flat`` gives each
    feature the CSV export's columns as plain properties, which QGIS shows as attributes."""
    features = []
    for r in records:
        place = r["place"]
        geometry = None if place["lat"] is None else \
            {"type": "Point", "coordinates": [place["lon"], place["lat"]]}
        properties = dict(zip(EVENT_COLUMNS, _event_row(r))) if flat else \
            {k: v for k, v in r.items() if k != "id"}
        features.append({"type": "Feature", "id": r["id"], "geometry": geometry,
                         "properties": properties})
    json.dump({"type": "FeatureCollection", "features": features}, stream,
              ensure_ascii=False)
    stream.write("\n")
