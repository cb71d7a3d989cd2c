"""Control timelines: who held each place from when to when, with the evidence.

Layers per place, following the distinction assessments draw between what is assessed and
what is claimed:
- ``assessed``: what the weight of every statement about the place supports, from the
  per-place state model in ``control.state`` (a hidden daily state per side or contested,
  forward–backward over every control statement weighted by its cue and its source's
  reliability); a change of hands is reported only where the posterior is high and persists;
- ``claimed``: every fused control event that is not denied outright — the record as all
  sources tell it; and ``claimed:<side>`` for each of the theatre's sides, the same from the
  events a claimant of that side supports — the record as that side tells it. Each event is
  one observation on its day (for a week, month or range: its last day, by when the state
  surely held); per day the controller with the most weight wins (weight: the
  truth-discovery probability of the event's controller when sources disagreed, else a
  prior by status), the losers named in the explanation. Consecutive days with one
  controller make an interval; an interval is a change when it opens with a capture,
  liberation, withdrawal or entry, or follows another controller's last word within
  ``CLAIM_SILENCE_DAYS`` (after a longer silence the change fell somewhere in it: undated).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from frontwatch.control.state import StateRun, run_explanation

VERSION = "control.v2"

CHANGE_ACTIONS = frozenset({"captured", "liberated", "withdrew", "entered"})
# Weight of an event whose sources did not disagree (so truth discovery did not test it).
# A claimed layer that turns within this many days of the other state's last word turns there.
CLAIM_SILENCE_DAYS = 10
STATUS_WEIGHT = {"confirmed": 0.9, "corroborated": 0.8, "claimed": 0.5, "disputed": 0.3}
BASES = ("assessed", "claimed")


@dataclass(frozen=True, slots=True)
class Observation:
    event_id: str
    place_id: str
    controller: str
    day: date
    change: bool
    status: str
    weight: float
    action: str


@dataclass(frozen=True, slots=True)
class Interval:
    place_id: str
    basis: str
    seq: int
    controller: str
    date_from: date
    date_to: date | None  # None: the latest known state
    last_seen: date
    change: bool
    events: tuple[str, ...]
    explanation: str
    probability: float | None = None  # assessed: the state's posterior on its first day
    evidence: tuple[str, ...] = ()  # assessed: the strongest supporting mentions, "doc:seq"
    against: tuple[str, ...] = ()  # assessed: the strongest mentions against it


def observe(event_id: str, place_id: str, controller: str, first: date, last: date,
            granularity: str, actions: tuple[str, ...], status: str,
            support: float | None) -> Observation:
    """One fused control event as a dated observation of who holds its place."""
    day = first if granularity == "day" else last
    weight = support if support is not None else STATUS_WEIGHT.get(status, 0.0)
    change = next((a for a in actions if a in CHANGE_ACTIONS), None)
    return Observation(event_id, place_id, controller, day, change is not None, status,
                       weight, change or (actions[0] if actions else ""))


def claimed_timelines(observations: Iterable[Observation], basis: str = "claimed",
                      ) -> list[Interval]:
    """A claimed layer of every place's timeline, sorted by place and date."""
    by_place: dict[str, list[Observation]] = defaultdict(list)
    for o in observations:
        if o.status != "denied":
            by_place[o.place_id].append(o)
    intervals: list[Interval] = []
    for place_id in sorted(by_place):
        intervals.extend(place_timeline(place_id, basis, by_place[place_id]))
    return intervals


def assessed_timelines(runs: dict[str, list[StateRun]], start_sides: dict[str, str | None],
                       start: date) -> list[Interval]:
    """The assessed layer: one interval per run of the state model, sorted by place."""
    intervals = []
    for place_id in sorted(runs):
        place_runs = runs[place_id]
        for seq, run in enumerate(place_runs):
            following = place_runs[seq + 1] if seq + 1 < len(place_runs) else None
            intervals.append(Interval(
                place_id, "assessed", seq, run.state, run.first,
                following.first - timedelta(days=1) if following else None, run.last,
                run.change, run.events, run_explanation(run, start_sides.get(place_id), start),
                round(run.probability, 4), tuple(s.ref for s in run.support),
                tuple(s.ref for s in run.against)))
    return intervals


def place_timeline(place_id: str, basis: str, observations: list[Observation],
                   ) -> list[Interval]:
    """One layer of one place's timeline."""
    days: dict[date, list[Observation]] = defaultdict(list)
    for o in observations:
        days[o.day].append(o)
    runs: list[_Run] = []
    for day in sorted(days):
        weight: dict[str, float] = defaultdict(float)
        for o in days[day]:
            weight[o.controller] += o.weight
        winner = max(sorted(weight), key=lambda c: weight[c])
        kept = [o for o in days[day] if o.controller == winner]
        overruled = [o for o in days[day] if o.controller != winner]
        if runs and runs[-1].controller == winner:
            runs[-1].extend(day, kept, overruled)
        else:
            runs.append(_Run(winner, day, kept, overruled, previous=runs[-1] if runs else None))
    result = []
    for seq, run in enumerate(runs):
        following = runs[seq + 1] if seq + 1 < len(runs) else None
        result.append(run.freeze(place_id, basis, seq, following))
    return result


class _Run:
    """Consecutive observed days with one controller."""

    __slots__ = ("controller", "start", "last", "observations", "overruled", "previous")

    def __init__(self, controller: str, day: date, kept: list[Observation],
                 overruled: list[Observation], previous: _Run | None) -> None:
        self.controller, self.start, self.last = controller, day, day
        self.observations, self.overruled = list(kept), list(overruled)
        self.previous = previous

    def extend(self, day: date, kept: list[Observation], overruled: list[Observation]) -> None:
        self.last = day
        self.observations.extend(kept)
        self.overruled.extend(overruled)

    def freeze(self, place_id: str, basis: str, seq: int, following: _Run | None) -> Interval:
        opening = [o for o in self.observations if o.day == self.start]
        opened_by = next((o for o in opening if o.change), None)
        # A turn after a long silence says only that the change fell somewhere in it: no
        # change of hands on the day the new state was first told ("occupied X" in 2024, X
        # last told contested in 2022).
        change = opened_by is not None or (self.previous is not None and (
            self.start - self.previous.last).days <= CLAIM_SILENCE_DAYS)
        events = tuple(dict.fromkeys(o.event_id for o in self.observations))
        words = [f"{self.controller} from {self.start}"]
        if opened_by is not None:
            words.append(f"({opened_by.action}, {opened_by.status}: {opened_by.event_id})")
        elif self.previous is not None:
            words.append(f"(first seen then; last seen {self.previous.controller} on "
                         f"{self.previous.last}, so the change fell in between)")
        else:
            words.append(f"(first seen then: {opening[0].action}, {opening[0].event_id})")
        words.append(f"; {len(events)} event(s), last seen {self.last}")
        if self.overruled:
            lost = ", ".join(sorted({f"{o.controller} {o.day} ({o.event_id})"
                                     for o in self.overruled}))
            words.append(f"; outweighed on the same day: {lost}")
        return Interval(place_id, basis, seq, self.controller, self.start,
                        following.start - timedelta(days=1) if following else None, self.last,
                        change, events, " ".join(words).replace(" ;", ";"))


def state_at(intervals: list[Interval], day: date) -> Interval | None:
    """The interval of one place and layer that holds ``day``; None before the first one."""
    found = None
    for interval in intervals:
        if interval.date_from <= day:
            found = interval
    return found
