"""What a brief says, gathered once for every renderer (terminal and HTML): sections of
sentences, each citing its sources by number, the reference list those numbers point to, and
per place the assessed and claimed control layers for the map.

A source is named by its claimant, else its outlet, else its document's title, else the file
it came from — never by a hash. A window (``first``/``last``) keeps the changes, strikes,
casualties and disputes dated inside it; the counts in the heading are for the whole store.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath

from frontwatch.events.records import weapon_of
from frontwatch.model import title_label
from frontwatch.places.gazetteer import Gazetteer
from frontwatch.store import fusion as tables
from frontwatch.theatres import Theatre

CITED_PER_SENTENCE = 4  # the first speakers of an event, each once
_CASUALTY_WORDS = {"killed": "killed", "wounded": "wounded", "captured": "captured",
                   "killed_or_wounded": "killed or wounded"}


@dataclass
class Item:
    """One sentence of the brief about one place."""

    day: str | None
    place: str
    place_id: str | None
    text: str  # what it says, without the citations
    side: str | None  # the side it concerns (the new holder, the attacker), for colour
    status: str  # the event's status, or "assessed"/"claimed" for control changes
    cites: list[int] = field(default_factory=list)


@dataclass
class Section:
    key: str  # assessed, claimed, strikes, casualties, disputes
    title: str
    total: int
    items: list[Item]


@dataclass
class Brief:
    documents: int
    copies: int
    mentions: int
    events: int
    statuses: dict[str, int]
    window: tuple[date | None, date | None]
    sections: list[Section]
    references: list[dict]
    places: dict[str, dict]  # place id -> name, lat, lon, admin1 and both control layers


def source_name(row: sqlite3.Row) -> str:
    """How a reader names who says it: claimant, outlet, title, or the file it came from."""
    if row["claimant"]:
        return row["claimant"]
    if row["outlet"]:
        return row["outlet"]
    if row["title"]:
        return title_label(row["title"])
    return PurePath(row["source"] or "an unnamed document").name


class _References:
    """Numbers sources in the order the brief first cites them; one number per mention."""

    def __init__(self, conn: sqlite3.Connection, event_ids: list[str]) -> None:
        self.by_event: dict[str, list[sqlite3.Row]] = defaultdict(list)
        for row in tables.event_sources(conn, event_ids):
            self.by_event[row["event_id"]].append(row)
        self.sources = dict(conn.execute(
            "SELECT doc_id, MIN(source) FROM document_sources GROUP BY doc_id").fetchall())
        self.numbers: dict[tuple[str, int], int] = {}
        self.items: list[dict] = []

    def cite(self, event_ids: list[str]) -> list[int]:
        cited, speakers = [], set()
        for event_id in event_ids:
            for row in self.by_event.get(event_id, ()):
                if row["role"] != "supports":
                    continue
                name = self._name(row)
                if name in speakers:
                    continue
                speakers.add(name)
                cited.append(self._number(row, name))
                if len(cited) == CITED_PER_SENTENCE:
                    return cited
        return cited

    def _name(self, row: sqlite3.Row) -> str:
        return source_name({**dict(row), "source": self.sources.get(row["doc_id"])})

    def _number(self, row: sqlite3.Row, name: str) -> int:
        key = (row["doc_id"], row["seq"])
        if key not in self.numbers:
            self.numbers[key] = len(self.items) + 1
            self.items.append({
                "n": len(self.items) + 1, "name": name, "outlet": row["outlet"],
                "claimant": row["claimant"], "side": row["claimant_side"],
                "stance": row["stance"], "date": row["fused_first"] or row["date_first"],
                "published": row["published"], "doc_id": row["doc_id"],
                "quote": row["quote"].strip(), "start": row["start"], "end": row["end"]})
        return self.numbers[key]


def gather_brief(conn: sqlite3.Connection, gazetteer: Gazetteer, theatre: Theatre,
                 first: date | None = None, last: date | None = None,
                 limit: int = 15) -> Brief:
    events = {row["id"]: row for row in tables.fused_events(conn)}
    counts = conn.execute("SELECT (SELECT count(*) FROM documents), "
                          "(SELECT count(*) FROM doc_copies), "
                          "(SELECT count(*) FROM event_mentions)").fetchone()
    statuses: dict[str, int] = defaultdict(int)
    for row in events.values():
        statuses[row["status"]] += 1
    refs = _References(conn, list(events))

    def inside(day: str | None) -> bool:
        if first is None and last is None:
            return True
        return day is not None and (first is None or day >= first.isoformat()) and (
            last is None or day[:10] <= last.isoformat())

    def name_of(place_id: str | None, text: str) -> str:
        place = gazetteer.by_id(place_id) if place_id else None
        return place.name if place else text

    intervals = tables.intervals_of(conn)
    sections = []
    assessed = {(r["place_id"], r["controller"], r["date_from"]) for r in intervals
                if r["basis"] == "assessed" and r["change"]}
    for basis, title in (("assessed", "Changes of control, assessed (the weight of every "
                                      "statement about the place; posterior shown)"),
                         ("claimed", "Changes of control claimed but not assessed")):
        changes = [r for r in intervals if r["basis"] == basis and r["change"]
                   and inside(r["date_from"]) and (basis == "assessed" or (
                       r["place_id"], r["controller"], r["date_from"]) not in assessed)]
        changes.sort(key=lambda r: r["date_from"], reverse=True)
        items = []
        for r in changes[:limit]:
            ids = json.loads(r["events"])
            opening = events.get(ids[0]) if ids else None
            posterior = f" (posterior {r['probability']:.2f})" if r["probability"] else ""
            name = name_of(r["place_id"], r["place_id"])
            items.append(Item(
                _day_label(r["date_from"], opening), name, r["place_id"],
                f"{name}: {theatre.side_adjective(r['controller'])}{posterior}"
                + (f" — {opening['status']}" if opening else ""),
                r["controller"], basis, refs.cite(ids[:3])))
        sections.append(Section(basis, title, len(changes), items))
    for type_, key, title in (("strike", "strikes", "Strikes"),
                              ("casualties", "casualties", "Casualties")):
        chosen = [row for row in events.values() if row["type"] == type_
                  and inside(row["date_first"])]
        # the best attested first: most independent outlets, then the latest
        chosen.sort(key=lambda row: (row["n_outlets"], row["date_first"] or ""), reverse=True)
        items = [Item(row["date_first"], name_of(row["place_id"], row["place_text"]),
                      row["place_id"], _event_sentence(row, refs, name_of, theatre),
                      _event_side(row, refs), row["status"], refs.cite([row["id"]]))
                 for row in chosen[:limit]]
        items.sort(key=lambda item: item.day or "", reverse=True)
        sections.append(Section(key, title, len(chosen), items))
    disputed = [row for row in events.values() if inside(row["date_first"]) and (
        row["status"] in ("disputed", "denied") or row["contradicts"] != "[]")]
    disputed.sort(key=lambda row: row["date_first"] or "", reverse=True)
    sections.append(Section("disputes", "Disputed, denied or contradicted", len(disputed), [
        Item(row["date_first"], name_of(row["place_id"], row["place_text"]), row["place_id"],
             f"{row['type']} at {name_of(row['place_id'], row['place_text'])}"
             + (f" → {theatre.side_adjective(row['controller'])}" if row["controller"] else "")
             + f": {row['status']} — {row['status_reason']}"
             + (f"; contradicted by {len(json.loads(row['contradicts']))} event(s) naming "
                "the other side" if row["contradicts"] != "[]" else ""),
             row["controller"], row["status"], refs.cite([row["id"]]))
        for row in disputed[:limit]]))
    return Brief(counts[0], counts[1], counts[2], len(events), dict(statuses), (first, last),
                 sections, refs.items, _places(sections, intervals, gazetteer))


def _day_label(day: str, opening: sqlite3.Row | None) -> str:
    """A change dated by a month or a year shows that month or year, not the last day the
    timeline files it under ("2022-09", not "2022-09-30")."""
    granularity = opening["date_granularity"] if opening else "day"
    if opening and opening["date_last"] == day and granularity in ("month", "year"):
        return day[:7] if granularity == "month" else day[:4]
    return day


def _event_side(row: sqlite3.Row, refs: _References) -> str | None:
    sides = {s["side"] for s in refs.by_event.get(row["id"], ()) if s["side"]}
    return sides.pop() if len(sides) == 1 else None


def _event_sentence(row: sqlite3.Row, refs: _References, name_of, theatre: Theatre) -> str:
    place = name_of(row["place_id"], row["place_text"])
    sources = refs.by_event.get(row["id"], ())
    if row["type"] == "casualties":
        # (count, open-ended): "more than six" is at least 7, "dozens" at least 24
        counts = sorted((s["quantity_max"] or s["quantity_min"], s["quantity_max"] is None)
                        for s in sources if (s["quantity_max"] or s["quantity_min"]) is not None)
        units = {s["quantity_unit"] for s in sources if s["quantity_unit"]}
        what = sorted({_CASUALTY_WORDS.get(s["action"], "casualties") for s in sources})
        told = "casualties"
        if counts:
            count, open_ended = counts[len(counts) // 2]
            told = (f"{'at least ' if open_ended else ''}{count:g} "
                    f"{'/'.join(sorted(units)) or 'people'} {' or '.join(what)}")
        spread = f" (reports give {counts[0][0]:g}–{counts[-1][0]:g})" if counts and \
            counts[0][0] != counts[-1][0] else ""
        return f"{place}: {told}{spread} — {row['status']}"
    side = _event_side(row, refs)
    by = f" by {theatre.side_adjective(side)} forces" if side else ""
    named = sorted({known.name for s in sources if s["weapon_id"]
                    and (known := weapon_of(s["weapon_id"])) is not None})
    with_ = f" with {' and '.join(named)}" if named else ""
    return f"{place}: strike{by}{with_} — {row['status']}"


def _places(sections: list[Section], intervals: list[sqlite3.Row],
            gazetteer: Gazetteer) -> dict[str, dict]:
    """The places the brief names, with coordinates and both control layers."""
    named = {item.place_id for section in sections for item in section.items if item.place_id}
    layers: dict[str, dict[str, list]] = defaultdict(lambda: {"assessed": [], "claimed": []})
    for r in intervals:
        if r["place_id"] in named and r["basis"] in ("assessed", "claimed"):
            layers[r["place_id"]][r["basis"]].append(
                {"controller": r["controller"], "from": r["date_from"], "to": r["date_to"],
                 "change": bool(r["change"])})
    places = {}
    for place_id in sorted(named):
        place = gazetteer.by_id(place_id)
        if place is None:
            continue
        places[place_id] = {"name": place.name, "lat": place.lat, "lon": place.lon,
                            "admin1": place.admin1, "kind": place.kind, **layers[place_id]}
    return places
