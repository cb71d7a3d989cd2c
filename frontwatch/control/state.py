"""The assessed control layer: a hidden state per place and day, read from every statement.

Each place has a hidden daily state — held by one of the theatre's two sides (the pack's
``[sides]``), or contested while held by one of them — that changes rarely (the
transition prior ``HAZARDS``). Remembering who held a contested place lets the fighting end
either way without forgetting the past: a place fought over for months and then lost is
not read as lost from the first skirmish. Every statement about the place is a noisy
reading of its state on its day: a change ("Russian forces captured X": the capturer holds
X from that day), a standing state ("Russian-occupied X", "X remains under Ukrainian
control"), fighting inside it (contested), a denial (X is *not* held by the side named), or
a strike by one side on it (weak: sides mostly strike what the other holds). A statement is
informative with probability ``p`` — its cue's confidence times its source's reliability —
and otherwise says nothing:

    P(reading | state s) = p·hit(reading, s) + (1 − p)/3

so one misread sentence moves the odds by a factor of about 10 at most, while the
statements before and after it, and the rarity of changes, weigh against it. A source
repeating the same words (daily assessments carry paragraphs over from day to day; copies)
is one statement. The chain starts on the pack's start day from the side the pack gives the
place then (the pack's held areas and units; elsewhere its country's side), never from
truth files. Forward–backward is exact: the chain visits only the days with statements,
and the days in between are jumped with powers of the daily transition matrix.

A day is assessed when its most probable state (the two contested states count together)
has posterior ≥ ``ASSESSED_POSTERIOR`` and a statement of that day supports it, and so are
the supported days just before it with the same most probable state (a run starts with its
first report); consecutive assessed days of one state make an interval. An interval of one
side that follows the other side (or the side the place started with) is a change of hands,
dated by its first day, unless the losing side was last known to hold it more than
``MAX_CHANGE_GAP`` days before. A run whose change itself independent sources report as news
within its first days (``OPENING_CHANGE``) is a change of hands however long the silence
before it, even a place's first run on its start side ("liberated": it was the other's).
Contested intervals are shown but are never changes of hands: a change is between sides. Every
interval carries its posterior, its strongest supporting statements and the strongest
statement against it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import numpy as np

VERSION = "control.state.v1"

CONTESTED = "contested"
# How well "X holds it" fits a contested place: now and then a place being fought over is
# described as held by the side holding most of it.
CONTESTED_HELD_HIT = 0.1
# Hidden states, for the theatre's two sides (A, B: the pack's ``[sides]``, in its order):
# held by A, held by B, contested while A holds it, contested while B holds it. A reading
# is A, B or "contested"; ``_hit`` says how well each hidden state fits it.
N_HIDDEN = 4

# Daily transition prior. A held place becomes contested with probability 2e-3 a day and
# flips straight to the other side with 1e-3; fighting ends with the holder keeping the
# place with 0.03 a day and with the attacker taking it with 0.03. Rare transitions are what
# make one stray sentence lose to the weight of the record. Tuned with ASSESSED_POSTERIOR on
# the dev corpus only, by `frontwatch eval control ../shared/truth --strict --from 2022-04-05
# --to 2022-08-31` on a store of the whole ../shared/corpus: hazards of (3e-4, 1e-4, 0.02)
# to (5e-3, 3e-3, 0.05) and thresholds 0.8/0.9 gave 13-29 changes with 15-34 % of them
# disagreeing with DeepState; these, with OPENING_CHANGE, give 23 changes, 5 disagreeing
# (22 %, nearly all misread sentences), recall 4/37; MAX_CHANGE_GAP then takes it to 20
# changes, 3 disagreeing (15 %). With later extraction fixes the same constants give 22
# changes, 3 disagreeing (13.6 %), recall 7/37; re-checked then, a threshold of 0.8 buys 1
# recalled change with 3 more disagreeing ones, OPENING_CHANGE = 1 buys 3 with 12 more.
# Re-run it after changing them.
HAZARDS = {"side_to_contested": 2e-3, "side_to_side": 1e-3, "contested_held": 0.03,
           "contested_lost": 0.03}
# Probability mass on the pack's side for a place on the start day.
START_CONFIDENCE = 0.9
# A day is assessed when its most probable state reaches this posterior; tuned with
# HAZARDS (same evaluation: 0.8 let twice as many extraction errors through).
ASSESSED_POSTERIOR = 0.9

# Confidence that a statement of each kind of cue was read right (what the words say about
# the place's state on the day) for mentions stored without a calibrated confidence:
# a change or a standing state names a side plainly; "entered", "encircled" and "fighting
# in" say contested less surely (an encircled city is held by the side inside it).
CUE_CONFIDENCE = {"captured": 0.8, "liberated": 0.8, "withdrew": 0.75, "holds": 0.8,
                  "contested": 0.6, "entered": 0.55, "encircled": 0.5}
# A statement read right still tells the place's state on its day only this often (reports
# lag the line, a day's words describe the day before). Tuned with the calibrated
# confidences of events.v5 by the evaluation of HAZARDS: 0.8-0.85 give 21 changes with 2
# disagreeing (9.5 %), recall 7/37, none wrong at cities; 1.0 gives 27 with 6 disagreeing,
# 0.9 25 with 5, 0.75 19 with 2 and recall 6/37.
STATE_FIDELITY = 0.85
# Multipliers on a statement's weight: hedged words ("reportedly", "likely"), a recalled
# event (its date is less sure), a belligerent claiming its own side's gain (one side's
# claimants echo each other: they count as one source a day, ``source_key``), and a claim
# the writer cannot confirm, read as weak evidence against it.
HEDGED = 0.7
BACKGROUND = 0.8
SELF_CLAIM = 0.6
CANNOT_CONFIRM = 0.3
OPENING_CHANGE = 2
OPENING_DAYS = 3
# A change of hands is dated only when the losing side is known to hold the place at most
# this many days before the first report of the winner (held, or fought over while held);
# after a longer silence the new state is shown from its first report, and the change as
# having happened somewhere in between (Soledar, first named again in 2024 after 2022's
# fighting, did not change hands in February 2024). Same evaluation as HAZARDS: 30 to 90
# days give the same recall; no limit lets 3 more misdated changes through.
MAX_CHANGE_GAP = 60
CHANGE_CUES = frozenset({"captured", "liberated", "withdrew"})
# A source never scored by truth discovery.
DEFAULT_RELIABILITY = 0.7
# A strike by a side on a place: weak evidence that the side does not hold it.
STRIKE_CONFIDENCE = 0.15


@dataclass(frozen=True, slots=True)
class Statement:
    """One control statement about a place, as evidence of its state on one day."""

    place_id: str
    day: date
    reading: str  # one of the theatre's sides, or "contested"
    negated: bool  # a denial: the place is not held by ``reading``
    weight: float  # the probability that the statement is informative
    ref: str  # "doc_id:seq" of the event mention
    event_id: str | None
    source: str  # who says it (see ``fuse.source_of``): one source counts once a day
    source_name: str
    quote: str  # the words, shortened for display
    published: date | None
    change: bool = False  # a change cue ("captured", "liberated", "withdrew") told as news


@dataclass(frozen=True, slots=True)
class StateRun:
    """Consecutive assessed statement days with one state."""

    state: str
    first: date
    last: date
    probability: float  # the posterior of the state on its first day
    change: bool  # a dated change of hands
    previous: str | None  # the other side, held before (None: the run continues its state)
    since: date | None  # the last day ``previous`` is known to have held the place
    support: tuple[Statement, ...]  # the strongest supporting statements, earliest first
    against: tuple[Statement, ...]  # the strongest statements against it
    n_support: int
    events: tuple[str, ...]  # the fused events of every supporting statement


def statement_weight(action: str, stance: str, hedged: bool, background: bool,
                     claimant_side: str | None, reading: str,
                     reliability: float | None, confidence: float | None = None) -> float:
    """The probability that a statement is informative: read right × source × words.

    ``confidence`` is the mention's calibrated P(read right); a mention stored before
    extraction gave one is weighed by its cue (``CUE_CONFIDENCE``)."""
    if action == "strike":
        weight = STRIKE_CONFIDENCE
    else:
        weight = confidence * STATE_FIDELITY if confidence is not None \
            else CUE_CONFIDENCE.get(action, 0.5)
    weight *= reliability if reliability is not None else DEFAULT_RELIABILITY
    if hedged:
        weight *= HEDGED
    if background:
        weight *= BACKGROUND
    if is_self_claim(stance, claimant_side, reading):
        weight *= SELF_CLAIM
    if stance == "cannot_confirm":
        weight *= CANNOT_CONFIRM
    return min(weight, 0.95)


def is_self_claim(stance: str, claimant_side: str | None, reading: str) -> bool:
    return stance == "claims" and claimant_side is not None and claimant_side == reading


def source_key(source: str, stance: str, claimant_side: str | None, reading: str) -> str:
    """Who a statement counts as: a belligerent claiming its own gain speaks for its side."""
    return f"side:{claimant_side}" if is_self_claim(stance, claimant_side, reading) else source


def assess_places(statements: Iterable[Statement], start: date,
                  side_at_start: dict[str, str | None], sides: tuple[str, str],
                  ) -> dict[str, list[StateRun]]:
    """Assessed runs per place, from every statement about it (see the module); ``sides``
    are the theatre's two sides."""
    by_place: dict[str, list[Statement]] = defaultdict(list)
    for s in statements:
        if s.day >= start:
            by_place[s.place_id].append(s)
    return {place_id: assess_place(by_place[place_id], start, side_at_start.get(place_id),
                                   sides)
            for place_id in sorted(by_place)}


def assess_place(statements: list[Statement], start: date, start_side: str | None,
                 sides: tuple[str, str]) -> list[StateRun]:
    """The assessed runs of one place: forward–backward over its statement days."""
    days: dict[date, list[Statement]] = defaultdict(list)
    for s in _one_per_source_and_day(statements):
        days[s.day].append(s)
    order = sorted(days)
    if not order:
        return []
    posterior, filtered = _posteriors([(day - start).days for day in order],
                                      [_likelihood(days[day], sides) for day in order],
                                      _start_vector(start_side, sides))
    best = []
    for day, row in zip(order, posterior):
        shown = {sides[0]: row[0], sides[1]: row[1], CONTESTED: row[2] + row[3]}
        state = max(shown, key=shown.get)
        supported = any(s.reading == state and not s.negated for s in days[day])
        best.append((day, state, float(shown[state]), supported))
    # who held the place on each statement day (held, or contested while held) by what was
    # known that day: the evidence that came after (the smoothed posterior) must not erase
    # the last report of the losing side
    held_on = [(day, side) for day, row in zip(order, filtered)
               for side, p in ((sides[0], row[0] + row[2]), (sides[1], row[1] + row[3]))
               if p >= 0.5]
    return _runs(_assessed_days(best), days, start_side, held_on, start, sides)


def _assessed_days(best: list[tuple[date, str, float, bool]]) -> list[tuple[date, str, float]]:
    """The statement days whose most probable state is assessed: a supported day at
    ``ASSESSED_POSTERIOR`` or more, and the supported days just before it where the same
    state is already the most probable one (a run starts with its first report, not with the
    report that settled it)."""
    keep = [supported and p >= ASSESSED_POSTERIOR for _, _, p, supported in best]
    for k in range(len(best) - 2, -1, -1):
        day, state, _, supported = best[k]
        if not keep[k] and supported and keep[k + 1] and best[k + 1][1] == state:
            keep[k] = True
    return [(day, state, p) for (day, state, p, _), kept in zip(best, keep) if kept]


def _one_per_source_and_day(statements: list[Statement]) -> list[Statement]:
    """A source repeating itself counts once: on one day (one report's repeats, copies), and
    in the same words on any day (the earliest stands)."""
    ordered = sorted(statements, key=lambda s: (s.day, -s.weight, s.ref))
    best: dict[tuple, Statement] = {}
    said: set[tuple] = set()
    for s in ordered:
        words = (s.source, s.reading, s.negated, " ".join(s.quote.lower().split()))
        key = (s.day, s.source, s.reading, s.negated)
        if words in said or key in best:
            continue
        said.add(words)
        best[key] = s
    return sorted(best.values(), key=lambda s: (s.day, s.ref))


def _hit(reading: str, sides: tuple[str, str]) -> np.ndarray:
    if reading == CONTESTED:
        return np.array([0.0, 0.0, 1.0, 1.0])
    if reading in sides:
        held = np.zeros(N_HIDDEN)
        held[sides.index(reading)] = 1.0
        held[2:] = CONTESTED_HELD_HIT
        return held
    return np.full(N_HIDDEN, 1.0 / 3)  # a side the theatre does not know says nothing


def _likelihood(statements: list[Statement], sides: tuple[str, str]) -> np.ndarray:
    vector = np.ones(N_HIDDEN)
    for s in statements:
        hit = _hit(s.reading, sides)
        if s.negated:
            hit = (1.0 - hit) / 2
        vector *= s.weight * hit + (1.0 - s.weight) / 3
    return vector


def _start_vector(side: str | None, sides: tuple[str, str]) -> np.ndarray:
    if side not in sides:
        return np.full(N_HIDDEN, 1.0 / N_HIDDEN)
    vector = np.full(N_HIDDEN, (1.0 - START_CONFIDENCE) / (N_HIDDEN - 1))
    vector[sides.index(side)] = START_CONFIDENCE
    return vector


@lru_cache(maxsize=1)
def _daily_transition() -> np.ndarray:
    """Rows: from A, B, A contested, B contested; columns: to the same."""
    a, b = HAZARDS["side_to_contested"], HAZARDS["side_to_side"]
    held, lost = HAZARDS["contested_held"], HAZARDS["contested_lost"]
    return np.array([[1 - a - b, b, a, 0.0],
                     [b, 1 - a - b, 0.0, a],
                     [held, lost, 1 - held - lost, 0.0],
                     [lost, held, 0.0, 1 - held - lost]])


@lru_cache(maxsize=4096)
def _transition(days: int) -> np.ndarray:
    return np.linalg.matrix_power(_daily_transition(), days)


def _posteriors(offsets: list[int], likelihoods: list[np.ndarray], start: np.ndarray,
                ) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Forward–backward over the statement days (``offsets``: days since the start): the
    smoothed posteriors, and the filtered ones (from the evidence up to each day)."""
    forward, previous, alpha = [], 0, start
    for offset, likelihood in zip(offsets, likelihoods):
        alpha = (alpha @ _transition(offset - previous)) * likelihood
        alpha /= alpha.sum()
        forward.append(alpha)
        previous = offset
    result = [np.empty(0)] * len(offsets)
    beta = np.ones(N_HIDDEN)
    for k in range(len(offsets) - 1, -1, -1):
        joint = forward[k] * beta
        result[k] = joint / joint.sum()
        if k:
            beta = _transition(offsets[k] - offsets[k - 1]) @ (likelihoods[k] * beta)
            beta /= beta.sum()
    return result, forward


def _runs(assessed: list[tuple[date, str, float]], days: dict[date, list[Statement]],
          start_side: str | None, held_on: list[tuple[date, str]], start: date,
          sides: tuple[str, str]) -> list[StateRun]:
    """Runs of assessed days. A side's run is a change of hands when the side held before
    it — the last assessed side, else the pack's — is the other one, and the other side is
    last known to hold the place at most ``MAX_CHANGE_GAP`` days before; otherwise the run is
    a state whose change cannot be dated (``since`` says from when it could have been)."""
    groups: list[list[tuple[date, str, float]]] = []
    for item in assessed:
        if groups and groups[-1][-1][1] == item[1]:
            groups[-1].append(item)
        else:
            groups.append([item])
    runs: list[StateRun] = []
    held: str | None = None
    for index, group in enumerate(groups):
        state, first, last = group[0][1], group[0][0], group[-1][0]
        until = groups[index + 1][0][0] if index + 1 < len(groups) else date.max
        inside = [s for day in sorted(days) if first <= day < until for s in days[day]]
        support = [s for s in inside if s.reading == state and not s.negated]
        against = [s for s in inside if (s.reading == state) == s.negated]
        previous = held or (start_side if start_side in sides else None)
        reported = state in sides and len({s.source for s in support if s.change and (
            s.day - first).days <= OPENING_DAYS}) >= OPENING_CHANGE
        if reported and held is None and state == previous:
            previous = sides[1 - sides.index(state)]  # "liberated": it was the other's
        change = state in sides and previous is not None and state != previous
        since = None
        if change and not reported:
            since = max((day for day, side in held_on if side == previous and day < first),
                        default=start)
            change = (first - since).days <= MAX_CHANGE_GAP
        runs.append(StateRun(state, first, last, group[0][2], change,
                             previous if change or since else None, since,
                             _strongest(support, first), _strongest(against, None),
                             len(support),
                             tuple(dict.fromkeys(s.event_id for s in support if s.event_id))))
        if state in sides:
            held = state
    return runs


def _strongest(statements: list[Statement], first: date | None, n: int = 3,
               ) -> tuple[Statement, ...]:
    """The first statement of the run (when ``first`` is given) and the weightiest others."""
    chosen = [s for s in statements if s.day == first][:1] if first else []
    rest = sorted((s for s in statements if s not in chosen),
                  key=lambda s: (-s.weight, s.day, s.ref))
    return tuple(sorted(chosen + rest[:n - len(chosen)], key=lambda s: (s.day, s.ref)))


def run_explanation(run: StateRun, start_side: str | None, start: date) -> str:
    """The words ``frontwatch control`` shows for one assessed run."""
    words = [f"{run.state} from {run.first} (posterior {run.probability:.2f}"]
    if run.change:
        words.append(f"; changed hands from {run.previous}" + (
            f", last known to hold it on {run.since}" if run.since else
            " (the change itself reported by independent sources)"))
    elif run.previous:
        words.append(f"; {run.previous} last known to hold it on {run.since}: when it "
                     f"changed hands in between is not known")
    elif run.state == start_side:
        words.append(f"; as held on {start} (theatre pack)")
    words.append(f"; {run.n_support} supporting statement(s), last {run.last})")
    for s in run.support:
        words.append(f" for: {s.day} {s.source_name}: \"{s.quote}\" [{s.event_id or s.ref}]")
    if run.against:
        s = max(run.against, key=lambda s: (s.weight, s.day))
        words.append(f" against (strongest): {s.day} {s.source_name}"
                     f"{' denies' if s.negated else ''}: {s.reading} \"{s.quote}\" "
                     f"[{s.event_id or s.ref}]")
    return "".join(words)
