"""A strict measure of the assessed control timeline against the trackers.

``eval control`` (``frontwatch.eval.control``) counts an assessed change of hands as wrong only
when every tracker contradicts it, which hides errors. This measure checks each change against
the nearest DeepState settlement point instead, and measures recall on the changes both
trackers report:

- disagreement: an assessed change disagrees when DeepState's status at the point nearest the
  place (within ``POINT_KM``) differs from the change's controller on every known day from
  ``BEFORE_DAYS`` before to ``AFTER_DAYS`` after the change. CONTESTED differs from RU and UA;
  a change to contested agrees with CONTESTED, or with both RU and UA inside the window. Days
  before the point's first record and days in the withheld window (``GAP``) are not known; a
  change with no known day, or no point near enough, is not checkable (never agreement).
- wrong changes at cities: the disagreeing changes at places of ``CITY_POPULATION`` or more.
- recall: of the changes both trackers report at one gazetteer place to one status within
  ``PAIR_DAYS`` (dated by DeepState), at places a document names within ``SCOPE_DAYS``, the
  share with an assessed change to that controller within ±``RECALL_DAYS`` (a change to
  contested: an assessed contested interval starting within ±``RECALL_DAYS``; contested is
  never a change of hands, but it is the state the trackers report).
- lags (signed days, medians over the recalled changes): truth change → assessed change, and
  truth change → first report (the earliest publication of a document whose event mention
  puts the place under the new controller, from ``SCOPE_DAYS`` before the change to
  ``REPORT_DAYS`` after it).

The net-change rows dated 2023-02-01 (truth/README.md) give a point's state from that day on
but are no dated change.
"""

from __future__ import annotations

import math
import sqlite3
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path
from statistics import median

from rich.console import Console

from frontwatch.eval.control import (GAP, SCOPE_DAYS, TruthChange, TruthRow, is_named_near,
                                     match_truth_rows, mention_days, merge_duplicates,
                                     read_truth_rows)
from frontwatch.model import Place
from frontwatch.places.gazetteer import Gazetteer, distance_km
from frontwatch.store import fusion as tables

POINT_KM = 8.0
BEFORE_DAYS, AFTER_DAYS = 3, 7
CITY_POPULATION = 50_000
PAIR_DAYS = 10
RECALL_DAYS = 3
# A first report is looked for up to this long after the truth change: long enough for a
# sparse corpus, short enough that a later change to the same side is not taken for it.
REPORT_DAYS = 30

# Why a change is not checkable; the report counts each.
NO_PLACE = "not in the gazetteer"
NOT_SETTLEMENT = "not a settlement"
APPROXIMATE = "no surveyed coordinates"
NO_POINT = f"no DeepState point within {POINT_KM:g} km"
BEFORE_RECORDS = "before DeepState's first record"
WITHHELD = f"inside the withheld window {GAP[0]}..{GAP[1]}"

_GRID_DEGREES = 0.1  # cell size of the point index: ~11 km of latitude
_KM_PER_DEGREE = 111.0  # a little under the true 111.2, so the cells searched always suffice


@dataclass(frozen=True, slots=True)
class StatusRun:
    """DeepState's status over consecutive days; status "unknown" where it is not known."""

    status: str
    first: str
    last: str


@dataclass(frozen=True, slots=True)
class Disagreement:
    place_id: str
    place: str
    population: int
    date: str
    controller: str
    deepstate: tuple[StatusRun, ...]  # the window from BEFORE_DAYS before to AFTER_DAYS after
    point: str
    point_km: float
    days_from_agreement: int | None  # to the nearest day DeepState agreed; None: never
    explanation: str


@dataclass(frozen=True, slots=True)
class Miss:
    place_id: str
    place: str
    day: str
    before: str
    after: str
    wikipedia_day: str
    first_report: str | None
    assessed: tuple[str, ...]  # the assessed changes at the place, "RU 2022-06-01"


@dataclass(slots=True)
class StrictReport:
    basis: str = "assessed"
    date_from: str | None = None
    date_to: str | None = None
    assessed_changes: int = 0
    checkable: int = 0
    unchecked: dict[str, int] = field(default_factory=dict)
    disagreements: list[Disagreement] = field(default_factory=list)  # worst first
    truth_changes: int = 0  # doubly supported, in the window
    in_scope: int = 0
    recalled: int = 0
    assessed_lags: list[int] = field(default_factory=list)
    first_report_lags: list[int] = field(default_factory=list)
    misses: list[Miss] = field(default_factory=list)

    @property
    def disagreeing(self) -> int:
        return len(self.disagreements)

    @property
    def disagreement_rate(self) -> float:
        """Disagreeing over all assessed changes: the unchecked ones stay in the denominator."""
        return self.disagreeing / self.assessed_changes if self.assessed_changes else 0.0

    @property
    def disagreement_rate_checkable(self) -> float:
        return self.disagreeing / self.checkable if self.checkable else 0.0

    @property
    def city_disagreements(self) -> list[Disagreement]:
        return [d for d in self.disagreements if d.population >= CITY_POPULATION]

    @property
    def recall(self) -> float:
        return self.recalled / self.in_scope if self.in_scope else 0.0

    @property
    def median_assessed_lag(self) -> float | None:
        return median(self.assessed_lags) if self.assessed_lags else None

    @property
    def median_first_report_lag(self) -> float | None:
        return median(self.first_report_lags) if self.first_report_lags else None

    def as_dict(self) -> dict:
        return {
            "basis": self.basis, "date_from": self.date_from, "date_to": self.date_to,
            "assessed_changes": self.assessed_changes, "checkable": self.checkable,
            "unchecked": dict(self.unchecked), "disagreeing": self.disagreeing,
            "disagreement_rate": round(self.disagreement_rate, 4),
            "disagreement_rate_checkable": round(self.disagreement_rate_checkable, 4),
            "city_population": CITY_POPULATION,
            "wrong_at_cities": len(self.city_disagreements),
            "truth_changes": self.truth_changes, "in_scope": self.in_scope,
            "recalled": self.recalled, "recall": round(self.recall, 4),
            "median_lag_truth_to_assessed_days": self.median_assessed_lag,
            "lags_truth_to_assessed": len(self.assessed_lags),
            "median_lag_truth_to_first_report_days": self.median_first_report_lag,
            "lags_truth_to_first_report": len(self.first_report_lags),
            "disagreements": [asdict(d) for d in self.disagreements],
            "wrong_changes_at_cities": [asdict(d) for d in self.city_disagreements],
            "misses": [asdict(m) for m in self.misses]}


@dataclass(frozen=True, slots=True)
class _Point:
    """A DeepState settlement point with its records, in day order."""

    name: str
    lat: float
    lon: float
    days: tuple[date, ...]
    statuses: tuple[str, ...]

    def status_on(self, day: date) -> str | None:
        """The status on ``day``; None before the first record and in the withheld window."""
        if GAP[0] <= day <= GAP[1]:
            return None
        i = bisect_right(self.days, day) - 1
        return self.statuses[i] if i >= 0 else None


class _PointIndex:
    """The points in cells of ``_GRID_DEGREES``, so a look-up reads only the cells in reach."""

    def __init__(self, points: list[_Point]) -> None:
        self.cells: dict[tuple[int, int], list[_Point]] = defaultdict(list)
        for p in points:
            self.cells[self._cell(p.lat, p.lon)].append(p)

    @staticmethod
    def _cell(lat: float, lon: float) -> tuple[int, int]:
        return math.floor(lat / _GRID_DEGREES), math.floor(lon / _GRID_DEGREES)

    def nearest(self, lat: float, lon: float, max_km: float) -> tuple[_Point, float] | None:
        """The nearest point within ``max_km``, with its distance; None when there is none."""
        reach_lat = max_km / _KM_PER_DEGREE
        # a degree of longitude is shortest on the side nearer the pole
        cos_lat = max(math.cos(math.radians(min(90.0, abs(lat) + reach_lat))), 1e-6)
        rows = math.ceil(reach_lat / _GRID_DEGREES)
        cols = math.ceil(reach_lat / cos_lat / _GRID_DEGREES)
        row, col = self._cell(lat, lon)
        best: tuple[float, str, _Point] | None = None
        for i in range(row - rows, row + rows + 1):
            for j in range(col - cols, col + cols + 1):
                for p in self.cells.get((i, j), ()):
                    km = distance_km(lat, lon, p.lat, p.lon)
                    if km <= max_km and (best is None or (km, p.name) < best[:2]):
                        best = (km, p.name, p)
        return None if best is None else (best[2], best[0])


def _read_points(rows: list[TruthRow]) -> list[_Point]:
    """DeepState's points, one per name and coordinates, with their daily status records."""
    records: dict[tuple[str, float, float], list[tuple[date, str]]] = defaultdict(list)
    for r in rows:
        if r.source == "deepstate" and r.lat is not None and r.lon is not None \
                and r.day is not None and r.after is not None:
            records[(r.name, r.lat, r.lon)].append((r.day, r.after))
    points = []
    for (name, lat, lon), series in records.items():
        series.sort(key=lambda x: x[0])  # stable: a day's last row in the file wins
        points.append(_Point(name, lat, lon, tuple(d for d, _ in series),
                             tuple(s for _, s in series)))
    return points


def evaluate_strict(conn: sqlite3.Connection, gazetteer: Gazetteer, truth_folder: Path,
                    date_from: date | None = None, date_to: date | None = None, *,
                    basis: str = "assessed") -> StrictReport:
    """Score one timeline layer strictly, on changes dated from ``date_from`` to ``date_to``.

    Raises ValueError when ``date_to`` is before ``date_from``."""
    if date_from and date_to and date_to < date_from:
        raise ValueError(f"the window ends ({date_to}) before it starts ({date_from})")
    rows = read_truth_rows(truth_folder)
    report = StrictReport(basis=basis, date_from=date_from and date_from.isoformat(),
                          date_to=date_to and date_to.isoformat())

    def inside(day: date) -> bool:
        return (date_from is None or day >= date_from) and (date_to is None or day <= date_to)

    intervals = tables.intervals_of(conn, basis=basis)
    changes = [r for r in intervals if r["change"]]
    _score_precision(report, [r for r in changes if inside(date.fromisoformat(r["date_from"]))],
                     gazetteer, _PointIndex(_read_points(rows)))
    truth = [c for c in _doubly_supported(rows, gazetteer) if inside(c[0].day)]
    _score_recall(report, truth, changes + [r for r in intervals if r["controller"] == "contested"
                                            and not r["change"]], conn, gazetteer)
    return report


def _score_precision(report: StrictReport, changes: list[sqlite3.Row], gazetteer: Gazetteer,
                     index: _PointIndex) -> None:
    unchecked: dict[str, int] = defaultdict(int)
    found = []
    for r in changes:
        report.assessed_changes += 1
        place = gazetteer.by_id(r["place_id"])
        day, controller = date.fromisoformat(r["date_from"]), r["controller"]
        reason = _unlocatable(place)
        near = None if reason else index.nearest(place.lat, place.lon, POINT_KM)
        if near is None:
            unchecked[reason or NO_POINT] += 1
            continue
        point, km = near
        window = [(d, point.status_on(d)) for d in _days(day - timedelta(days=BEFORE_DAYS),
                                                        day + timedelta(days=AFTER_DAYS))]
        known = {s for _, s in window if s is not None}
        if not known:
            unchecked[WITHHELD if any(GAP[0] <= d <= GAP[1] for d, _ in window)
                      else BEFORE_RECORDS] += 1
            continue
        report.checkable += 1
        if _agrees(controller, known):
            continue
        found.append(Disagreement(
            r["place_id"], place.name, place.population, r["date_from"], controller,
            _runs(window), point.name, round(km, 2), _days_from_agreement(point, day, controller),
            r["explanation"]))
    report.unchecked = dict(sorted(unchecked.items()))
    report.disagreements = sorted(found, key=_worst_first)


def _unlocatable(place: Place | None) -> str | None:
    """Why a DeepState point cannot stand for the place, or None when one can."""
    if place is None:
        return NO_PLACE
    if place.kind != "settlement":  # an oblast's centroid or a river is no settlement point
        return NOT_SETTLEMENT
    if place.coord_precision != "point" or place.lat is None or place.lon is None:
        return APPROXIMATE  # a raion's centre would pick some other village's point
    return None


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=k) for k in range((last - first).days + 1)]


def _agrees(controller: str, known: set[str]) -> bool:
    if controller == "contested":
        return "contested" in known or {"RU", "UA"} <= known
    return controller in known


def _runs(window: list[tuple[date, str | None]]) -> tuple[StatusRun, ...]:
    runs: list[list] = []
    for day, status in window:
        status = status or "unknown"
        if runs and runs[-1][0] == status:
            runs[-1][2] = day
        else:
            runs.append([status, day, day])
    return tuple(StatusRun(s, a.isoformat(), b.isoformat()) for s, a, b in runs)


def _days_from_agreement(point: _Point, day: date, controller: str) -> int | None:
    """Days from ``day`` to the nearest known day on which DeepState agreed with the
    controller (for contested: showed CONTESTED, or flipped between RU and UA)."""
    spans: list[tuple[date, date]] = []
    for k, (start, status) in enumerate(zip(point.days, point.statuses, strict=True)):
        end = point.days[k + 1] - timedelta(days=1) if k + 1 < len(point.days) else date.max
        flipped = k > 0 and {point.statuses[k - 1], status} == {"RU", "UA"}
        if status == controller:
            spans.append((start, end))
        elif controller == "contested" and flipped:
            spans.append((start, start))
    best = None
    for start, end in spans:
        for a, b in ((start, min(end, GAP[0] - timedelta(days=1))),
                     (max(start, GAP[1] + timedelta(days=1)), end)):
            if a > b:
                continue
            gap = 0 if a <= day <= b else (a - day).days if day < a else (day - b).days
            best = gap if best is None else min(best, gap)
    return best


def _worst_first(d: Disagreement) -> tuple:
    far = d.days_from_agreement if d.days_from_agreement is not None else math.inf
    return (-d.population, -far, d.place, d.date)


def _doubly_supported(rows: list[TruthRow], gazetteer: Gazetteer,
                      ) -> list[tuple[TruthChange, date]]:
    """DeepState's dated changes that Wikipedia reports at the same place to the same status
    within ``PAIR_DAYS``, duplicates merged, with Wikipedia's nearest day."""
    changes, _, _ = match_truth_rows(rows, gazetteer)
    wikipedia: dict[tuple[str, str], list[date]] = defaultdict(list)
    for c in changes:
        if c.source == "wikipedia" and not c.is_net_change:
            wikipedia[(c.place_id, c.after)].append(c.day)
    paired: dict[TruthChange, date] = {}
    for c in changes:
        if c.source != "deepstate" or c.is_net_change:
            continue
        near = [d for d in wikipedia.get((c.place_id, c.after), ())
                if abs((d - c.day).days) <= PAIR_DAYS]
        if near:
            paired.setdefault(c, min(near, key=lambda d: (abs((d - c.day).days), d)))
    return [(c, paired[c]) for c in merge_duplicates(list(paired))]


def _score_recall(report: StrictReport, truth: list[tuple[TruthChange, date]],
                  changes: list[sqlite3.Row], conn: sqlite3.Connection,
                  gazetteer: Gazetteer) -> None:
    mentioned = mention_days(conn)
    reports = _report_days(conn)
    assessed: dict[str, list[tuple[date, str]]] = defaultdict(list)
    for r in changes:
        assessed[r["place_id"]].append((date.fromisoformat(r["date_from"]), r["controller"]))
    report.truth_changes = len(truth)
    for c, wikipedia_day in sorted(truth, key=lambda x: (x[0].day, x[0].place_id)):
        if not is_named_near(mentioned, c.place_id, c.day):
            continue
        report.in_scope += 1
        first = _first_report(reports.get((c.place_id, c.after), []), c.day)
        lags = [(day - c.day).days for day, ctrl in assessed.get(c.place_id, ())
                if ctrl == c.after and abs((day - c.day).days) <= RECALL_DAYS]
        if lags:
            report.recalled += 1
            report.assessed_lags.append(min(lags, key=lambda lag: (abs(lag), lag)))
            if first is not None:
                report.first_report_lags.append((first - c.day).days)
            continue
        place = gazetteer.by_id(c.place_id)
        report.misses.append(Miss(
            c.place_id, place.name if place else c.name, c.day.isoformat(), c.before or "",
            c.after, wikipedia_day.isoformat(), first and first.isoformat(),
            tuple(f"{ctrl} {day}" for day, ctrl in assessed.get(c.place_id, ()))))


def _report_days(conn: sqlite3.Connection) -> dict[tuple[str, str], list[date]]:
    """(place id, controller) -> the sorted publication days of documents with an event
    mention that puts the place under that controller."""
    days: dict[tuple[str, str], list[date]] = defaultdict(list)
    for place_id, controller, published in conn.execute(
            "SELECT DISTINCT e.place_id, e.controller, substr(d.published, 1, 10) "
            "FROM event_mentions e JOIN documents d ON d.id = e.doc_id "
            "WHERE e.place_id IS NOT NULL AND e.controller IS NOT NULL "
            "AND d.published IS NOT NULL"):
        days[(place_id, controller)].append(date.fromisoformat(published))
    for series in days.values():
        series.sort()
    return days


def _first_report(days: list[date], day: date) -> date | None:
    i = bisect_left(days, day - timedelta(days=SCOPE_DAYS))
    if i < len(days) and days[i] <= day + timedelta(days=REPORT_DAYS):
        return days[i]
    return None


def print_strict_report(report: StrictReport, console: Console, limit: int) -> None:
    """Print the figures, then the disagreeing changes worst first, then the misses."""
    window = f"{report.date_from or 'the start'}..{report.date_to or 'the end'}"
    unchecked = report.assessed_changes - report.checkable
    reasons = "; ".join(f"{n} {why}" for why, n in report.unchecked.items())
    cities = report.city_disagreements
    console.print(
        f"Strict measure of the {report.basis} timeline, changes dated {window}.\n"
        f"{report.basis.capitalize()} changes: {report.assessed_changes}.\n"
        f"Checkable against DeepState: {report.checkable} ({unchecked} not checkable"
        + (f": {reasons}" if reasons else "") + ").\n"
        f"Disagreeing (DeepState's status within {POINT_KM:g} km differs on every known day "
        f"from {BEFORE_DAYS} before to {AFTER_DAYS} after): {report.disagreeing} = "
        f"{report.disagreement_rate:.3f} of assessed changes, "
        f"{report.disagreement_rate_checkable:.3f} of checkable ones.\n"
        f"Wrong changes at cities of {CITY_POPULATION:,} or more: {len(cities)}.\n"
        f"Recall: {report.recalled}/{report.in_scope} = {report.recall:.3f} of the changes both "
        f"trackers report within {PAIR_DAYS} days ({report.truth_changes} in the window) at "
        f"places a document names within {SCOPE_DAYS} days, reproduced within "
        f"±{RECALL_DAYS} days.\n"
        f"Median lag, truth change → assessed change: "
        f"{_lag(report.median_assessed_lag)} (over {len(report.assessed_lags)} recalled "
        f"changes).\n"
        f"Median lag, truth change → first report (earliest document putting the place under "
        f"the new controller): {_lag(report.median_first_report_lag)} (over "
        f"{len(report.first_report_lags)} recalled changes with a report).", markup=False)
    _print_disagreements(console, f"Wrong changes at cities of {CITY_POPULATION:,} or more",
                         cities, limit)
    _print_disagreements(console, "Disagreeing changes, worst first", report.disagreements,
                         limit)
    if report.misses and limit > 0:
        console.print(f"\nMissed changes both trackers report (first "
                      f"{min(limit, len(report.misses))} of {len(report.misses)}):")
        for m in report.misses[:limit]:
            console.print(
                f"  {m.day} {m.place}: {m.before} → {m.after} (Wikipedia {m.wikipedia_day}; "
                f"first report {m.first_report or 'none'}); {report.basis}: "
                f"{', '.join(m.assessed) or 'no change'}", markup=False)


def _print_disagreements(console: Console, title: str, items: list[Disagreement],
                         limit: int) -> None:
    if not items or limit <= 0:
        return
    console.print(f"\n{title} (first {min(limit, len(items))} of {len(items)}):")
    for d in items[:limit]:
        seen = ", ".join(f"{r.status} {r.first[5:]}" + (f"–{r.last[5:]}" if r.last != r.first
                                                         else "") for r in d.deepstate)
        far = "never agreed" if d.days_from_agreement is None else \
            f"{d.days_from_agreement} days from agreement"
        console.print(
            f"  {d.date} {d.place} (pop. {d.population:,}) → {d.controller}; DeepState "
            f"'{d.point}' {d.point_km:.1f} km: {seen} ({far})\n    {d.explanation}",
            markup=False)


def _lag(value: float | None) -> str:
    return "n/a" if value is None else f"{value:+g} days"
