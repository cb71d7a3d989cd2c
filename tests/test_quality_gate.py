"""Quality gate: extraction scores on the team's gold may not fall below pinned floors.

Floors and the digest of the gold they were measured on live in ``tests/eval_baseline.json``.
A changed gold file fails the gate until the baseline is re-measured and updated on purpose
(``frontwatch eval places gold/places``, ``frontwatch eval events gold/events``), so a floor
is never lowered by accident. The fused control timeline is held against ../shared/truth the
same way (``frontwatch eval control ../shared/truth``): a recall floor and a ceiling on
contradicted changes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from frontwatch.eval.control import evaluate_control
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
        ingest([str(CORPUS)], store)  # the seeds and the dev corpus: the gold covers both
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
def test_gate_control_timeline_holds_its_floor_and_ceiling(dev_store):
    truth = SHARED / "truth"
    if not truth.is_dir():
        pytest.skip(f"the ground truth is not at {truth}")
    report = evaluate_control(dev_store.conn, load_gazetteer(), truth)
    gate = BASELINE["control"]
    assert report.recall >= gate["floors"]["recall"], \
        f"control recall fell to {report.recall:.4f} (floor {gate['floors']['recall']})"
    ceiling = gate["ceilings"]["contradiction_rate"]
    assert report.contradiction_rate <= ceiling, \
        f"contradicted changes rose to {report.contradiction_rate:.4f} (ceiling {ceiling})"
