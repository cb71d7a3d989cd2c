"""Quality gate: extraction scores on the team's gold may not fall below pinned floors.

Floors and the digest of the gold they were measured on live in ``tests/eval_baseline.json``.
A changed gold file fails the gate until the baseline is re-measured and updated on purpose
(``frontwatch eval places gold/places``, ``frontwatch eval events gold/events``), so a floor
is never lowered by accident. The fused control timeline is held against ../shared/truth the
same way, on the dev and dev2024 windows (``frontwatch eval control ../shared/truth --strict
--from ... --to ...``): a recall floor and ceilings on disagreeing changes and on wrong
changes of hands at cities.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from frontwatch.eval.strict import evaluate_strict
from frontwatch.eval.events import evaluate_events
from frontwatch.eval.places import evaluate_places, read_gold
from frontwatch.pipeline import ingest
from frontwatch.store import Store
from frontwatch.places.gazetteer import load_gazetteer
from tests.conftest import CORPUS, GOLD, SHARED, needs_shared

BASELINE = json.loads((Path(__file__).parent / "eval_baseline.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def dev_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("gate") / "dev.db"
    with Store(path) as store:
        ingest([str(CORPUS)], store)  # seeds, dev and dev2024: the golds cover all three
        yield store


@pytest.mark.parametrize("kind", ["places", "events"])
def test_gate_gold_is_the_measured_one(kind):
    _, digest = read_gold(GOLD / kind, items="mentions" if kind == "places" else "events")
    assert digest == BASELINE[kind]["gold_digest"], (
        f"gold/{kind} changed: re-run `frontwatch eval {kind} gold/{kind}` and update "
        "tests/eval_baseline.json with the new digest and floors")


def test_gate_gold_is_large_enough():
    excerpts, _ = read_gold(GOLD / "places")
    assert len({e["doc"] for e in excerpts}) >= 40
    assert sum(len(e["mentions"]) for e in excerpts) >= 400
    events, _ = read_gold(GOLD / "events", items="events")
    assert len({e["doc"] for e in events}) >= 45  # the 5 seeds and at least 40 dev documents
    assert sum(len(e["events"]) for e in events) >= 150


@pytest.mark.parametrize("kind", ["places", "events"])
def test_gate_blind_gold_is_the_measured_one(kind):
    _, digest = read_gold(GOLD / "blind" / kind,
                          items="mentions" if kind == "places" else "events")
    assert digest == BASELINE["blind"][kind]["gold_digest"], (
        f"gold/blind/{kind} changed: re-run `frontwatch eval {kind} gold/{kind} "
        f"gold/blind/{kind}` and update tests/eval_baseline.json on purpose")


def test_gate_blind_gold_is_large_enough():
    """Issue 14: at least 20 documents, 400 place mentions and 150 control statements."""
    excerpts, _ = read_gold(GOLD / "blind" / "places")
    assert len({e["doc"] for e in excerpts}) >= 20
    assert sum(len(e["mentions"]) for e in excerpts) >= 400
    events, _ = read_gold(GOLD / "blind" / "events", items="events")
    assert sum(1 for e in events for x in e["events"] if x["type"] == "control") >= 150


@needs_shared()
@pytest.mark.parametrize("kind", ["places", "events"])
def test_gate_blind_scores_hold_their_floors(dev_store, kind):
    evaluate = evaluate_places if kind == "places" else evaluate_events
    metrics = evaluate(dev_store, GOLD / "blind" / kind).metrics()
    for name, floor in BASELINE["blind"][kind]["floors"].items():
        assert metrics[name] >= floor, f"blind {kind} {name} fell to {metrics[name]} " \
                                       f"(floor {floor})"


@needs_shared()
def test_gate_places_scores_hold_their_floors(dev_store):
    metrics = evaluate_places(dev_store, GOLD / "places").metrics()
    for name, floor in BASELINE["places"]["floors"].items():
        assert metrics[name] >= floor, f"places {name} fell to {metrics[name]} (floor {floor})"


@needs_shared()
def test_gate_events_scores_hold_their_floors(dev_store):
    metrics = evaluate_events(dev_store, GOLD / "events").metrics()
    for name, floor in BASELINE["events"]["floors"].items():
        assert metrics[name] >= floor, f"events {name} fell to {metrics[name]} (floor {floor})"


@needs_shared()
@pytest.mark.parametrize("corpus", ["dev", "dev2024"])
def test_gate_control_timeline_holds_its_floors_and_ceilings(dev_store, corpus):
    truth = SHARED / "truth"
    if not truth.is_dir():
        pytest.skip(f"the ground truth is not at {truth}")
    gate = BASELINE["control"]
    first, last = (date.fromisoformat(d) for d in gate["measured"][corpus]["window"])
    report = evaluate_strict(dev_store.conn, load_gazetteer(), truth, first, last)
    assert report.recall >= gate["floors"][corpus]["recall"], \
        f"{corpus}: strict control recall fell to {report.recall:.4f}"
    ceilings = gate["ceilings"][corpus]
    assert report.disagreement_rate <= ceilings["disagreement_rate"], \
        f"{corpus}: assessed changes disagreeing with DeepState rose to " \
        f"{report.disagreement_rate:.4f} ({report.disagreeing} of {report.assessed_changes})"
    assert len(report.city_disagreements) <= ceilings["wrong_at_cities"], \
        f"{corpus}: wrong changes of hands at cities: " \
        f"{[(d.place, d.date) for d in report.city_disagreements]}"


@needs_shared()
@pytest.mark.parametrize("gold", ["team", "blind"])
def test_gate_mention_confidences_stay_calibrated(dev_store, gold):
    folder, gate = ((GOLD / "events", BASELINE["events"]) if gold == "team"
                    else (GOLD / "blind" / "events", BASELINE["blind"]["events"]))
    table = evaluate_events(dev_store, folder).reliability()
    assert table["ece"] <= gate["reliability"]["ceilings"]["ece"], \
        f"{gold} gold: expected calibration error rose to {table['ece']} ({table['bins']})"


@needs_shared()
def test_gate_packaged_confidence_model_is_the_one_the_labels_give(dev_store):
    """The committed model is what `frontwatch eval calibrate` fits today: an extraction change
    that moves the labels or the cues needs a refit, on purpose."""
    from frontwatch.eval.calibrate import distant_labels, fit_labels, gold_labels
    from frontwatch.events.confidence import load_calibration
    truth = SHARED / "truth"
    if not truth.is_dir():
        pytest.skip(f"the ground truth is not at {truth}")
    labelled = gold_labels(dev_store, [GOLD / "events"])
    labelled += distant_labels(dev_store, truth, date(2022, 1, 1), date(2023, 12, 31))
    refit, packaged = fit_labels(labelled, ""), load_calibration()
    drift = max(abs(a - b) for a, b in zip((refit.bias, *refit.weights),
                                           (packaged.bias, *packaged.weights)))
    assert drift < 0.05, (
        f"the labels now give other weights (largest change {drift:.3f}): run `frontwatch eval "
        "calibrate gold/events --truth ../shared/truth --from 2022-01-01 --to 2023-12-31`")
