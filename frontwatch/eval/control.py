"""Score the assessed control timelines against ground-truth changes of control.

Truth comes from two independent trackers (see ../shared/truth/README.md): Wikipedia's
control table, scraped daily (a change is dated by the scrape that first saw it), and
DeepState map polygons tested daily against settlement points. Both are mapped to gazetteer
places by name and coordinates (nearest namesake within ``MATCH_KM``).

Two figures, as issue 5 defines them:
- recall: of the truth changes at places the corpus speaks of, the share the assessed
  timeline reproduces — a change at the place to the same controller within ±``days``.
  "Speaks of" is read two ways, both reported: the place is named by a document published
  within ``SCOPE_DAYS`` of the change (the primary figure: a corpus cannot report what no
  document of that time mentions), and the place is named anywhere in the corpus.
- contradiction: the share of assessed changes that every truth source knowing the place's
  state at that time contradicts (RU against UA on every day within ±``days``; "contested"
  contradicts neither side). A source does not know the state before its first record of
  the place, or across the dev-period gap when its last record is older than the gap.
"""

from __future__ import annotations

import csv
import sqlite3
from bisect import bisect_right
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path

from rich.console import Console

from frontwatch.places.gazetteer import Gazetteer, distance_km
from frontwatch.store import fusion as tables

MATCH_KM = 15.0
SCOPE_DAYS = 7
# The truth files leave this window out on purpose (truth/README.md): no state is known in it.
GAP = (date(2022, 9, 1), date(2023, 1, 31))
_STATUS = {"russia": "RU", "ru": "RU", "ukraine": "UA", "ua": "UA", "contested": "contested"}


@dataclass(frozen=True, slots=True)
class TruthChange:
    source: str  # wikipedia or deepstate
    place_id: str
    name: str
    day: date
    before: str | None
    after: str


@dataclass(slots=True)
class ControlReport:
    basis: str = "assessed"
    truth_changes: int = 0
    unmatched_truth_names: int = 0
    in_scope: int = 0
    reproduced: int = 0
    in_scope_any_time: int = 0
    reproduced_any_time: int = 0
    assessed_changes: int = 0
    checkable: int = 0
    contradicted: int = 0
    agreeing: int = 0
    misses: list[dict] = field(default_factory=list)
    contradictions: list[dict] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.reproduced / self.in_scope if self.in_scope else 0.0

    @property
    def contradiction_rate(self) -> float:
        return self.contradicted / self.assessed_changes if self.assessed_changes else 0.0

    def as_dict(self) -> dict:
        return {**asdict(self), "recall": round(self.recall, 4),
                "contradiction_rate": round(self.contradiction_rate, 4)}


def _status(value: str) -> str | None:
    return _STATUS.get(value.strip().lower())


class _PlaceMatcher:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.cache: dict[tuple, str | None] = {}
        self.coords: dict[str, tuple[float, float]] = {}

    def match(self, name: str, lat: str, lon: str) -> str | None:
        base = name.split(",")[0].strip()
        if lat and lon:
            self.coords.setdefault(name, (float(lat), float(lon)))
        where = self.coords.get(name)
        key = (base, where)
        if key not in self.cache:
            found = [p for p in self.gazetteer.lookup(base)
                     if p.kind == "settlement" and p.lat is not None]
            if where is not None:
                near = [(distance_km(where[0], where[1], p.lat, p.lon), p.id) for p in found]
                near = [x for x in near if x[0] <= MATCH_KM]
                self.cache[key] = min(near)[1] if near else None
            else:
                self.cache[key] = found[0].id if len(found) == 1 else None
        return self.cache[key]


def read_truth(folder: Path, gazetteer: Gazetteer,
               ) -> tuple[list[TruthChange], dict[tuple[str, str], list[tuple[date, str]]], int]:
    """Truth changes, every source's state records per place, and the unmatched names."""
    matcher = _PlaceMatcher(gazetteer)
    records: dict[tuple[str, str], list[tuple[date, str]]] = defaultdict(list)
    changes, unmatched = [], set()
    rows = []
    for path in sorted(folder.glob("wikipedia_control_changes*.csv")):
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                rows.append(("wikipedia", row["name"], row["lat"], row["lon"],
                             row["first_seen_utc"][:10], row["from_status"], row["to_status"]))
    for path in sorted(folder.glob("deepstate_settlement_changes*.csv")):
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                rows.append(("deepstate", row["name"], row["lat"], row["lon"], row["date"],
                             row["from_status"], row["to_status"]))
    for source, name, lat, lon, *_ in rows:  # coordinates first, so coordinate-less rows
        if name and lat and lon:             # of a name seen elsewhere still match
            matcher.match(name, lat, lon)
    for source, name, lat, lon, day, before, after in rows:
        status = _status(after)
        if not name or status is None or not day:
            continue
        place_id = matcher.match(name, lat, lon)
        if place_id is None:
            unmatched.add(name)
            continue
        when = date.fromisoformat(day)
        records[(source, place_id)].append((when, status))
        previous = _status(before) if before else None
        if previous is not None and previous != status:
            changes.append(TruthChange(source, place_id, name, when, previous, status))
    for series in records.values():
        series.sort()
    return _merge_duplicates(changes), records, len(unmatched)


def _merge_duplicates(changes: list[TruthChange]) -> list[TruthChange]:
    """One change per place, controller and few days: both trackers, and DeepState's 2–3
    points per town, report the same change."""
    kept: list[TruthChange] = []
    for c in sorted(changes, key=lambda c: (c.place_id, c.after, c.day)):
        last = kept[-1] if kept else None
        if last and (last.place_id, last.after) == (c.place_id, c.after) \
                and (c.day - last.day).days <= 3:
            continue
        kept.append(c)
    return kept


def _known_state(series: list[tuple[date, str]], day: date) -> str | None:
    i = bisect_right(series, (day, "~")) - 1
    if i < 0:
        return None
    since, status = series[i]
    if GAP[0] <= day <= GAP[1] or (since < GAP[0] and day > GAP[1]):
        return None
    return status


def evaluate_control(conn: sqlite3.Connection, gazetteer: Gazetteer, folder: Path,
                     days: int = 2, basis: str = "assessed") -> ControlReport:
    """Score one layer of the timelines (``assessed`` is the figure issue 5 asks for)."""
    changes, records, unmatched = read_truth(folder, gazetteer)
    report = ControlReport(basis=basis, truth_changes=len(changes),
                           unmatched_truth_names=unmatched)
    mentioned: dict[str, list[date]] = defaultdict(list)
    for place_id, published in conn.execute(
            "SELECT DISTINCT p.place_id, d.published FROM place_mentions p JOIN documents d "
            "ON d.id = p.doc_id WHERE p.place_id IS NOT NULL AND d.published IS NOT NULL"):
        mentioned[place_id].append(date.fromisoformat(published[:10]))
    assessed = [r for r in tables.intervals_of(conn, basis=basis) if r["change"]]
    by_place: dict[str, list[tuple[date, str]]] = defaultdict(list)
    for r in assessed:
        by_place[r["place_id"]].append((date.fromisoformat(r["date_from"]), r["controller"]))
    window = timedelta(days=days)
    for c in changes:
        if c.place_id not in mentioned:
            continue
        hit = any(ctrl == c.after and abs(day - c.day) <= window
                  for day, ctrl in by_place.get(c.place_id, ()))
        report.in_scope_any_time += 1
        report.reproduced_any_time += hit
        if any(abs(day - c.day).days <= SCOPE_DAYS for day in mentioned[c.place_id]):
            report.in_scope += 1
            report.reproduced += hit
            if not hit:
                place = gazetteer.by_id(c.place_id)
                report.misses.append({
                    "place": place.name if place else c.name, "day": c.day.isoformat(),
                    "to": c.after, "from": c.before, "truth": c.source,
                    "system": ", ".join(f"{ctrl} {day}" for day, ctrl in
                                        by_place.get(c.place_id, ())) or "no change"})
    for r in assessed:
        day, ctrl = date.fromisoformat(r["date_from"]), r["controller"]
        report.assessed_changes += 1
        verdicts = []
        for source in ("wikipedia", "deepstate"):
            series = records.get((source, r["place_id"]))
            if not series:
                continue
            states = {_known_state(series, day + timedelta(days=k))
                      for k in range(-days, days + 1)} - {None}
            if states:
                verdicts.append(ctrl in states or "contested" in (ctrl, *states))
        if not verdicts:
            continue
        report.checkable += 1
        if any(verdicts):
            report.agreeing += 1
        else:
            report.contradicted += 1
            place = gazetteer.by_id(r["place_id"])
            report.contradictions.append({"place": place.name if place else r["place_id"],
                                          "day": r["date_from"], "to": ctrl,
                                          "explanation": r["explanation"]})
    return report


def print_control_report(report: ControlReport, console: Console, limit: int) -> None:
    console.print(
        f"Truth: {report.truth_changes:,} changes of control (both trackers, duplicates "
        f"merged; {report.unmatched_truth_names:,} names not in the gazetteer).\n"
        f"Recall: {report.reproduced}/{report.in_scope} = {report.recall:.3f} of the changes "
        f"at places a document names within {SCOPE_DAYS} days; "
        f"{report.reproduced_any_time}/{report.in_scope_any_time} of those at places named "
        f"anywhere in the corpus.\n"
        f"Changes in the {report.basis} timeline: {report.assessed_changes}; "
        f"{report.checkable} checkable against a tracker that knows the state; "
        f"{report.agreeing} agree; {report.contradicted} contradict every tracker that knows "
        f"it = {report.contradiction_rate:.3f} of all of them.", markup=False)
    if report.misses:
        console.print(f"\nMissed changes (first {min(limit, len(report.misses))} of "
                      f"{len(report.misses)}):")
        for m in report.misses[:limit]:
            console.print(f"  {m['day']} {m['place']}: {m['from']} → {m['to']} ({m['truth']}); "
                          f"{report.basis}: {m['system']}", markup=False)
    if report.contradictions:
        console.print(f"\nContradicted {report.basis} changes (first "
                      f"{min(limit, len(report.contradictions))}):")
        for m in report.contradictions[:limit]:
            console.print(f"  {m['day']} {m['place']} → {m['to']}: {m['explanation']}",
                          markup=False)
