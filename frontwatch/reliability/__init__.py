"""Source reliability by truth discovery: a one-coin Dawid–Skene model.

Each source (a claimant, or an outlet speaking in its own voice) has one accuracy ``a``: the
chance that what it states about a fact is right. A fact ("object") has competing values —
for control, the controllers that fused events at one place and time name (events that
contradict each other form one object); for other events, that it happened or not. A source
supporting a value votes for it; a denial votes against it. The model alternates:
  - the posterior of each object's values from the votes, weighted by the sources' accuracy;
  - each source's accuracy from the posteriors of what it said, shrunk towards a prior.
Only objects stated by at least two independent sources test anyone; a source alone on a
fact would only agree with itself. Dependence: a source's statement is counted once per
object however many documents repeat it, and copies of a document carry no new statement
(the claimant or the origin outlet is the source, not the relaying outlet).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

VERSION = "reliability.dawid-skene-1coin.v1"

# Prior accuracy 0.7 worth 4 statements: a source with few tested statements stays near
# the prior; twenty disagreements are needed to drive one to the bottom.
PRIOR_ACCURACY = 0.7
PRIOR_WEIGHT = 4.0
ITERATIONS = 50
TOLERANCE = 1e-6
_FLOOR = 1e-3  # keeps logarithms finite for sources driven to 0 or 1


@dataclass(frozen=True, slots=True)
class Vote:
    object: str
    value: str
    supports: bool  # False: the source denies ``value``
    source: str


@dataclass(frozen=True, slots=True)
class SourceScore:
    source: str
    score: float
    n_tested: int
    agreement: float  # expected number of tested statements that were right
    n_statements: int


@dataclass(frozen=True, slots=True)
class Discovery:
    scores: dict[str, SourceScore]
    posteriors: dict[str, dict[str, float]]  # tested objects: value -> probability


def discover_truth(votes: list[Vote], values: dict[str, tuple[str, ...]]) -> Discovery:
    """Estimate source accuracies and the posterior of each tested object's values.

    ``values`` lists each object's competing values; a denial of the only value adds the
    value "not " + it.
    """
    unique = sorted(set(votes), key=lambda v: (v.object, v.source, v.value, v.supports))
    by_object: dict[str, list[Vote]] = defaultdict(list)
    statements: dict[str, int] = defaultdict(int)
    for vote in unique:
        by_object[vote.object].append(vote)
        statements[vote.source] += 1
    tested = {obj: vs for obj, vs in by_object.items() if len({v.source for v in vs}) >= 2}
    choices = {obj: _choices(values.get(obj, ()), vs) for obj, vs in tested.items()}
    accuracy = {source: PRIOR_ACCURACY for source in statements}
    posteriors: dict[str, dict[str, float]] = {}
    for _ in range(ITERATIONS):
        posteriors = {obj: _posterior(vs, choices[obj], accuracy) for obj, vs in tested.items()}
        right: dict[str, float] = defaultdict(float)
        count: dict[str, int] = defaultdict(int)
        for obj, vs in tested.items():
            for vote in vs:
                p = posteriors[obj].get(vote.value, 0.0)
                right[vote.source] += p if vote.supports else 1.0 - p
                count[vote.source] += 1
        updated = {s: (PRIOR_ACCURACY * PRIOR_WEIGHT + right[s]) / (PRIOR_WEIGHT + count[s])
                   for s in accuracy}
        change = max((abs(updated[s] - accuracy[s]) for s in accuracy), default=0.0)
        accuracy = updated
        if change < TOLERANCE:
            break
    tested_count: dict[str, int] = defaultdict(int)
    agreement: dict[str, float] = defaultdict(float)
    for obj, vs in tested.items():
        for vote in vs:
            p = posteriors[obj].get(vote.value, 0.0)
            tested_count[vote.source] += 1
            agreement[vote.source] += p if vote.supports else 1.0 - p
    scores = {s: SourceScore(s, round(accuracy[s], 4), tested_count[s],
                             round(agreement[s], 3), statements[s]) for s in accuracy}
    return Discovery(scores, posteriors)


def _choices(listed: tuple[str, ...], votes: list[Vote]) -> tuple[str, ...]:
    found = list(dict.fromkeys([*listed, *(v.value for v in votes)]))
    if len(found) == 1:
        found.append("not " + found[0])
    return tuple(found)


def _posterior(votes: list[Vote], choices: tuple[str, ...],
               accuracy: dict[str, float]) -> dict[str, float]:
    """P(value) ∝ Π over votes of a (vote agrees) or (1 - a)/(K - 1) (vote disagrees)."""
    k = len(choices)
    logs = dict.fromkeys(choices, 0.0)
    for vote in votes:
        a = min(max(accuracy[vote.source], _FLOOR), 1 - _FLOOR)
        agree, disagree = math.log(a), math.log((1 - a) / (k - 1))
        for value in choices:
            said = (value == vote.value) == vote.supports
            logs[value] += agree if said else disagree
    top = max(logs.values())
    weights = {v: math.exp(x - top) for v, x in logs.items()}
    total = sum(weights.values())
    return {v: w / total for v, w in weights.items()}
