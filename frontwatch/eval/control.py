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
class TruthRow:
    """One row of a truth file, parsed; statuses are RU, UA or contested (None: empty or
    unknown)."""

    source: str  # wikipedia or deepstate
    name: str
    lat: float | None
    lon: float | None
    day: date | None
    before: str | None
    after: str | None
    is_net_change: bool  # the row dated 2023-02-01 that carries the withheld window's result


@dataclass(frozen=True, slots=True)
class TruthChange:
    source: str  # wikipedia or deepstate
    place_id: str
    name: str
    day: date
    before: str | None
    after: str
    is_net_change: bool = False


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

    def match(self, name: str, lat: float | None, lon: float | None) -> str | None:
        base = name.split(",")[0].strip()
        if lat is not None and lon is not None:
            self.coords.setdefault(name, (lat, lon))
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


# The columns each tracker's file names its fields by: day, and the note that marks the
# net-change rows (truth/README.md).
_COLUMNS = {"wikipedia": ("wikipedia_control_changes*.csv", "first_seen_utc", "more_information"),
            "deepstate": ("deepstate_settlement_changes*.csv", "date", "deepstate_file")}
_NET_CHANGE = "net change"


def read_truth_rows(folder: Path) -> list[TruthRow]:
    """Every row of both trackers' files in ``folder``, Wikipedia's first, in file order."""
    rows = []
    for source, (pattern, day_column, note_column) in _COLUMNS.items():
        for path in sorted(folder.glob(pattern)):
            with path.open(newline="", encoding="utf-8") as handle:
                for row in csv.DictReader(handle):
                    day = row[day_column][:10]  # Wikipedia's is a local timestamp
                    rows.append(TruthRow(
                        source, row["name"], _coordinate(row["lat"]), _coordinate(row["lon"]),
                        date.fromisoformat(day) if day else None,
                        _status(row["from_status"]) if row["from_status"] else None,
                        _status(row["to_status"]),
                        (row.get(note_column) or "").startswith(_NET_CHANGE)))
    return rows


def _coordinate(value: str) -> float | None:
    return float(value) if value else None


def match_truth_rows(rows: list[TruthRow], gazetteer: Gazetteer,
                     ) -> tuple[list[TruthChange], dict[tuple[str, str], list[tuple[date, str]]],
                                int]:
    """Map truth rows to gazetteer places: the changes (one per row, duplicates kept), every
    source's state records per place, and the number of names not matched."""
    matcher = _PlaceMatcher(gazetteer)
    records: dict[tuple[str, str], list[tuple[date, str]]] = defaultdict(list)
    changes, unmatched = [], set()
    for r in rows:  # coordinates first, so coordinate-less rows of a name seen elsewhere match
        if r.name and r.lat is not None and r.lon is not None:
            matcher.match(r.name, r.lat, r.lon)
    for r in rows:
        if not r.name or r.after is None or r.day is None:
            continue
        place_id = matcher.match(r.name, r.lat, r.lon)
        if place_id is None:
            unmatched.add(r.name)
            continue
        records[(r.source, place_id)].append((r.day, r.after))
        if r.before is not None and r.before != r.after:
            changes.append(TruthChange(r.source, place_id, r.name, r.day, r.before, r.after,
                                       r.is_net_change))
    for series in records.values():
        series.sort()
    return changes, records, len(unmatched)


def read_truth(folder: Path, gazetteer: Gazetteer,
               ) -> tuple[list[TruthChange], dict[tuple[str, str], list[tuple[date, str]]], int]:
    """Truth changes (duplicates merged), every source's state records per place, and the
    number of unmatched names."""
    changes, records, unmatched = match_truth_rows(read_truth_rows(folder), gazetteer)
    return merge_duplicates(changes), records, unmatched


def merge_duplicates(changes: list[TruthChange]) -> list[TruthChange]:
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


def mention_days(conn: sqlite3.Connection) -> dict[str, list[date]]:
    """Place id -> the publication days of the documents that name the place."""
    mentioned: dict[str, list[date]] = defaultdict(list)
    for place_id, published in conn.execute(
            "SELECT DISTINCT p.place_id, d.published FROM place_mentions p JOIN documents d "
            "ON d.id = p.doc_id WHERE p.place_id IS NOT NULL AND d.published IS NOT NULL"):
        mentioned[place_id].append(date.fromisoformat(published[:10]))
    return mentioned


def is_named_near(mentioned: dict[str, list[date]], place_id: str, day: date) -> bool:
    """Whether a document published within ``SCOPE_DAYS`` of ``day`` names the place."""
    return any(abs(when - day).days <= SCOPE_DAYS for when in mentioned.get(place_id, ()))


def evaluate_control(conn: sqlite3.Connection, gazetteer: Gazetteer, folder: Path,
                     days: int = 2, basis: str = "assessed") -> ControlReport:
    """Score one layer of the timelines (``assessed`` is the figure issue 5 asks for)."""
    changes, records, unmatched = read_truth(folder, gazetteer)
    report = ControlReport(basis=basis, truth_changes=len(changes),
                           unmatched_truth_names=unmatched)
    mentioned = mention_days(conn)
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
        if is_named_near(mentioned, c.place_id, c.day):
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
