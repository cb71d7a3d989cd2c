"""Calibrated confidence per event mention: P(the mention is right) from the cues the rules
compute, by a logistic regression small enough to read.

A mention is right when gold has the same event (type, trigger sentence, place) and, for a
control event, the same controller. The model is fitted by ``frontwatch calibrate`` on the
team's gold and on distant labels from truth files (a control mention in its document's own
voice that agrees or disagrees with every tracker at that place and day), and written to
``calibration.json`` beside this module with the feature names, the weights and what it was
trained on; ``frontwatch eval events`` prints its reliability table on each gold. Extraction
stores the probability with every mention; the control state model reads a statement's
confidence from it.

The features are the rules' own cues, each one a yes/no or a small number, so a weight says
how much that cue moves the odds (``frontwatch calibrate`` prints them).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from frontwatch.errors import FrontwatchError
from frontwatch.model import EventMention

MODEL_PATH = Path(__file__).with_name("calibration.json")

_CHANGE = frozenset({"captured", "liberated", "withdrew"})
_FIGHTING = frozenset({"contested", "entered", "encircled"})
_NEGATIVE = frozenset({"denies", "cannot_confirm"})

FEATURES: tuple[str, ...] = (
    "control", "strike", "casualties", "change_cue", "fighting_cue", "no_place",
    "place_unresolved", "place_fuzzy", "place_confidence", "no_controller", "no_side",
    "no_quantity", "date_unresolved", "date_coarse", "date_from_context", "own_voice",
    "claimed", "negative_stance", "hedged", "background", "sentence_length",
    "argument_distance")


def features(event: EventMention) -> list[float]:
    """The cue vector of one mention, in ``FEATURES`` order."""
    place = event.place
    control = event.type == "control"
    when = event.date
    return [
        float(control), float(event.type == "strike"), float(event.type == "casualties"),
        float(control and event.action in _CHANGE),
        float(control and event.action in _FIGHTING),
        float(place is None),
        float(place is not None and place.place_id is None),
        float(place is not None and place.method == "fuzzy"),
        place.confidence if place is not None and place.place_id is not None else 0.0,
        float(control and event.controller is None),
        float(event.type == "strike" and event.side is None),
        float(event.type == "casualties" and event.quantity is None),
        float(when.type == "unresolved"),
        float(when.type != "unresolved" and when.granularity != "day"),
        # a date not read from the mention's own words (the report's day, a carried date)
        float(when.type != "unresolved" and when.start is None),
        float(event.claim.claimant is None),
        float(event.claim.stance == "claims"),
        float(event.claim.stance in _NEGATIVE),
        float(event.claim.hedged),
        float(event.background),
        # how much room a long sentence leaves for misreading, in hundreds of characters
        min((event.end - event.start) / 100.0, 6.0),
        min(abs(place.start - event.trigger_start) / 100.0, 3.0) if place is not None else 0.0,
    ]


class CalibrationError(FrontwatchError):
    """The packaged model does not fit this version's features."""


@dataclass(frozen=True, slots=True)
class Calibration:
    names: tuple[str, ...]
    weights: tuple[float, ...]  # one per name
    bias: float
    trained_on: str

    def probability(self, event: EventMention) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights, features(event)))
        return round(1.0 / (1.0 + math.exp(-z)), 4)

    def as_json(self) -> str:
        return json.dumps({"features": list(self.names), "weights": list(self.weights),
                           "bias": self.bias, "trained_on": self.trained_on}, indent=1) + "\n"


@lru_cache(maxsize=1)
def load_calibration(path: Path = MODEL_PATH) -> Calibration:
    """The packaged model; a model fitted on other features is an error, never a silent
    misreading (refit it with ``frontwatch calibrate``)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise CalibrationError(
            f"{path} was fitted on other features than this version computes; run "
            f"'frontwatch calibrate' to refit it")
    return Calibration(tuple(data["features"]), tuple(float(w) for w in data["weights"]),
                       float(data["bias"]), data.get("trained_on", ""))


def fit(rows: list[list[float]], labels: list[int], l2: float = 1.0,
        trained_on: str = "") -> Calibration:
    """L2-regularised logistic regression by Newton's method (the bias is not penalised).

    The problem is convex and small (tens of features, thousands of rows): Newton converges
    in a few steps to the one optimum, so the same labels always give the same model."""
    x = np.hstack([np.ones((len(rows), 1)), np.asarray(rows, dtype=float)])
    y = np.asarray(labels, dtype=float)
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 0.0
    w = np.zeros(x.shape[1])
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-x @ w))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty) + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return Calibration(FEATURES, tuple(round(float(v), 4) for v in w[1:]),
                       round(float(w[0]), 4), trained_on)


# Reliability table bins: predicted probability ranges.
BINS = (0.0, 0.5, 0.7, 0.8, 0.9, 1.0001)


def reliability_table(pairs: list[tuple[float, int]]) -> dict:
    """Per bin of predicted probability: mentions, mean predicted, share right; with the
    expected calibration error (mentions-weighted |predicted − observed|) and Brier score."""
    rows = []
    error = 0.0
    for low, high in zip(BINS, BINS[1:]):
        inside = [(p, y) for p, y in pairs if low <= p < high]
        if not inside:
            continue
        predicted = sum(p for p, _ in inside) / len(inside)
        observed = sum(y for _, y in inside) / len(inside)
        error += len(inside) * abs(predicted - observed)
        rows.append({"bin": f"{low:.1f}-{min(high, 1.0):.1f}", "mentions": len(inside),
                     "predicted": round(predicted, 3), "observed": round(observed, 3)})
    n = len(pairs)
    return {"bins": rows, "mentions": n,
            "ece": round(error / n, 4) if n else 0.0,
            "brier": round(sum((p - y) ** 2 for p, y in pairs) / n, 4) if n else 0.0}
