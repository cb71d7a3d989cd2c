"""The per-mention confidence model: its fit, its reliability table, the packaged model."""

import math
import random

import pytest

from frontwatch.entities import match_entities
from frontwatch.events import extract_events
from frontwatch.events.confidence import (FEATURES, Calibration, CalibrationError, features,
                                          fit, load_calibration, reliability_table)
from frontwatch.control.state import CUE_CONFIDENCE, STATE_FIDELITY, statement_weight

TEXT = ("Russian forces captured Popasna on May 7, the General Staff said. "
        "Fighting may continue near the city.")


def _events(text=TEXT):
    from datetime import date
    entities = match_entities(text, date(2022, 5, 8))
    return extract_events(text, date(2022, 5, 8), entities.places, entities.actors)


def test_every_extracted_mention_carries_a_probability():
    events = _events()
    assert events and all(0.0 < e.confidence < 1.0 for e in events)
    assert len(features(events[0])) == len(FEATURES)


def test_fit_recovers_the_weights_that_generated_the_labels():
    rng = random.Random(7)
    true_bias, true_weights = -0.5, [2.0, -1.5] + [0.0] * (len(FEATURES) - 2)
    rows, labels = [], []
    for _ in range(4000):
        x = [float(rng.random() < 0.5) for _ in FEATURES]
        z = true_bias + sum(w * v for w, v in zip(true_weights, x))
        rows.append(x)
        labels.append(int(rng.random() < 1 / (1 + math.exp(-z))))
    model = fit(rows, labels, l2=0.1)
    assert model.weights[0] == pytest.approx(2.0, abs=0.25)
    assert model.weights[1] == pytest.approx(-1.5, abs=0.25)
    assert max(abs(w) for w in model.weights[2:]) < 0.25
    assert model.bias == pytest.approx(-0.5, abs=0.25)
    assert fit(rows, labels, l2=0.1) == model  # Newton on a convex problem: one answer


def test_reliability_table_bins_and_errors():
    pairs = [(0.95, 1)] * 9 + [(0.95, 0)] + [(0.6, 1)] * 3 + [(0.6, 0)] * 2
    table = reliability_table(pairs)
    assert [(r["bin"], r["mentions"], r["observed"]) for r in table["bins"]] == [
        ("0.5-0.7", 5, 0.6), ("0.9-1.0", 10, 0.9)]
    assert table["ece"] == pytest.approx((5 * 0.0 + 10 * 0.05) / 15, abs=1e-4)
    assert table["brier"] == pytest.approx(
        (9 * 0.05 ** 2 + 0.95 ** 2 + 3 * 0.4 ** 2 + 2 * 0.6 ** 2) / 15, abs=1e-4)


def test_a_model_fitted_on_other_features_is_refused(tmp_path):
    stale = Calibration(("control", "gone"), (0.1, 0.2), 0.0, "old")
    path = tmp_path / "calibration.json"
    path.write_text(stale.as_json())
    with pytest.raises(CalibrationError, match="frontwatch calibrate"):
        load_calibration(path)


def test_the_state_model_weighs_a_statement_by_its_confidence():
    weak = statement_weight("captured", "asserts", False, False, None, "RU", 1.0, 0.3)
    strong = statement_weight("captured", "asserts", False, False, None, "RU", 1.0, 0.9)
    assert weak == pytest.approx(0.3 * STATE_FIDELITY)
    assert strong == pytest.approx(0.9 * STATE_FIDELITY)
    # a mention stored before confidences existed is weighed by its cue
    assert statement_weight("captured", "asserts", False, False, None, "RU", 1.0) == \
        pytest.approx(CUE_CONFIDENCE["captured"])
