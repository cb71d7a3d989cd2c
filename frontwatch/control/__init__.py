"""Control timelines: who held each place from when to when, with the evidence.

Two layers per place, following ISW's distinction:
- ``assessed``: only events that are corroborated by independent sources, confirmed by the
  other side, or stated in its own voice by an established assessor (an outlet truth
  discovery found reliable over many tested statements), and that truth discovery does not
  rank below a competing controller;
- ``claimed``: every event that is not denied outright — the record as each side tells it.
Each fused control event at a resolved place with a date is one observation, on its day (for
a week, month or range: its last day, by when the state surely held). Per day the controller
with the most weight wins (weight: the truth-discovery probability of the event's controller
when sources disagreed, else a prior by status); the losers are named in the explanation.
Consecutive days with one controller make an interval; an interval is a change of hands when
it follows another controller or opens with a capture, liberation, withdrawal or entry.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

VERSION = "control.v1"

CHANGE_ACTIONS = frozenset({"captured", "liberated", "withdrew", "entered"})
ASSESSED_STATUSES = frozenset({"confirmed", "corroborated"})
# Weight of an event whose sources did not disagree (so truth discovery did not test it).
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
    assessor: str | None = None  # the established assessor that states it, if any

    @property
    def assessed(self) -> bool:
        backed = self.status in ASSESSED_STATUSES or (self.assessor is not None
                                                      and self.status == "claimed")
        return backed and self.weight >= 0.5

    @property
    def basis_words(self) -> str:
        if self.status in ASSESSED_STATUSES or self.assessor is None:
            return self.status
        return f"assessed by {self.assessor}"


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


def observe(event_id: str, place_id: str, controller: str, first: date, last: date,
            granularity: str, actions: tuple[str, ...], status: str,
            support: float | None, assessor: str | None = None) -> Observation:
    """One fused control event as a dated observation of who holds its place."""
    day = first if granularity == "day" else last
    weight = support if support is not None else STATUS_WEIGHT.get(status, 0.0)
    change = next((a for a in actions if a in CHANGE_ACTIONS), None)
    return Observation(event_id, place_id, controller, day, change is not None, status,
                       weight, change or (actions[0] if actions else ""), assessor)


def build_timelines(observations: Iterable[Observation]) -> list[Interval]:
    """Both layers of every place's timeline, sorted by place, basis and date."""
    by_place: dict[str, list[Observation]] = defaultdict(list)
    for o in observations:
        if o.status != "denied":
            by_place[o.place_id].append(o)
    intervals: list[Interval] = []
    for place_id in sorted(by_place):
        place_obs = by_place[place_id]
        intervals.extend(place_timeline(place_id, "assessed", [o for o in place_obs
                                                               if o.assessed]))
        intervals.extend(place_timeline(place_id, "claimed", place_obs))
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
        change = self.previous is not None or opened_by is not None
        events = tuple(dict.fromkeys(o.event_id for o in self.observations))
        words = [f"{self.controller} from {self.start}"]
        if opened_by is not None:
            words.append(f"({opened_by.action}, {opened_by.basis_words}: {opened_by.event_id})")
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
