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

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

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
    sources = sorted(statements)
    arrays = _arrays(tested, choices, sources) if tested else None
    accuracy = _iterate(arrays, len(sources))
    posteriors = _posteriors(arrays, tested, choices, accuracy)
    tested_count: dict[str, int] = defaultdict(int)
    agreement: dict[str, float] = defaultdict(float)
    for obj, vs in tested.items():
        for vote in vs:
            p = posteriors[obj].get(vote.value, 0.0)
            tested_count[vote.source] += 1
            agreement[vote.source] += p if vote.supports else 1.0 - p
    scores = {s: SourceScore(s, round(float(a), 4), tested_count[s],
                             round(agreement[s], 3), statements[s])
              for s, a in zip(sources, accuracy)}
    return Discovery(scores, posteriors)


@dataclass(frozen=True, slots=True)
class _Votes:
    """The tested votes as arrays: each object's values are consecutive cells."""

    source: np.ndarray  # per vote: index into the sources
    cell: np.ndarray  # per vote: the cell of the value it names
    obj: np.ndarray  # per vote: its object
    supports: np.ndarray  # per vote: bool
    k: np.ndarray  # per vote: number of values of its object
    cell_obj: np.ndarray  # per cell: its object
    starts: np.ndarray  # per object: its first cell


def _arrays(tested: dict[str, list[Vote]], choices: dict[str, tuple[str, ...]],
            sources: list[str]) -> _Votes:
    index = {s: i for i, s in enumerate(sources)}
    source, cell, obj, supports, k, cell_obj, starts = [], [], [], [], [], [], []
    for o, (name, vs) in enumerate(tested.items()):
        values = {v: c for c, v in enumerate(choices[name], start=len(cell_obj))}
        starts.append(len(cell_obj))
        cell_obj.extend([o] * len(values))
        for vote in vs:
            source.append(index[vote.source])
            cell.append(values[vote.value])
            obj.append(o)
            supports.append(vote.supports)
            k.append(len(values))
    return _Votes(np.array(source, dtype=np.int64), np.array(cell, dtype=np.int64),
                  np.array(obj, dtype=np.int64), np.array(supports, dtype=bool),
                  np.array(k, dtype=np.float64), np.array(cell_obj, dtype=np.int64),
                  np.array(starts, dtype=np.int64))


def _cell_posteriors(v: _Votes, accuracy: np.ndarray) -> np.ndarray:
    """P(value) ∝ Π over votes of a (the vote agrees) or (1 - a)/(K - 1) (it disagrees), for
    every cell at once: a vote adds its "disagree" term to every value of its object and
    moves the one it names (supports) or every other one (denies) to "agree"."""
    a = np.clip(accuracy[v.source], _FLOOR, 1 - _FLOOR)
    agree, disagree = np.log(a), np.log((1 - a) / (v.k - 1))
    n_objects, n_cells = len(v.starts), len(v.cell_obj)
    base = np.bincount(v.obj, np.where(v.supports, disagree, agree), n_objects)
    shift = np.bincount(v.cell, np.where(v.supports, agree - disagree, disagree - agree),
                        n_cells)
    logs = base[v.cell_obj] + shift
    logs -= np.maximum.reduceat(logs, v.starts)[v.cell_obj]
    weights = np.exp(logs)
    return weights / np.add.reduceat(weights, v.starts)[v.cell_obj]


def _iterate(v: _Votes | None, n_sources: int) -> np.ndarray:
    """Alternate posteriors and accuracies until they settle (see the module)."""
    accuracy = np.full(n_sources, PRIOR_ACCURACY)
    if v is None:
        return accuracy
    count = np.bincount(v.source, minlength=n_sources)
    for _ in range(ITERATIONS):
        p = _cell_posteriors(v, accuracy)[v.cell]
        right = np.bincount(v.source, np.where(v.supports, p, 1.0 - p), n_sources)
        updated = (PRIOR_ACCURACY * PRIOR_WEIGHT + right) / (PRIOR_WEIGHT + count)
        change = float(np.max(np.abs(updated - accuracy)))
        accuracy = updated
        if change < TOLERANCE:
            break
    return accuracy


def _posteriors(v: _Votes | None, tested: dict[str, list[Vote]],
                choices: dict[str, tuple[str, ...]], accuracy: np.ndarray,
                ) -> dict[str, dict[str, float]]:
    if v is None:
        return {}
    cells = _cell_posteriors(v, accuracy).tolist()
    posteriors, at = {}, 0
    for name in tested:
        values = choices[name]
        posteriors[name] = dict(zip(values, cells[at:at + len(values)]))
        at += len(values)
    return posteriors


def _choices(listed: tuple[str, ...], votes: list[Vote]) -> tuple[str, ...]:
    found = list(dict.fromkeys([*listed, *(v.value for v in votes)]))
    if len(found) == 1:
        found.append("not " + found[0])
    return tuple(found)
