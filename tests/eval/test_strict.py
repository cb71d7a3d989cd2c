"""The strict control measure (`frontwatch eval control --strict`) on hand-made truth files, a
hand-made gazetteer and a store whose timeline and mentions are written directly."""

from __future__ import annotations

import json
from datetime import date

import pytest

from frontwatch.eval.strict import (APPROXIMATE, BEFORE_RECORDS, NO_POINT, NOT_SETTLEMENT,
                                    WITHHELD, _Point, _PointIndex, evaluate_strict)
from frontwatch.model import Place
from frontwatch.places.gazetteer import Gazetteer, distance_km
from frontwatch.places.names import fold_key
from tests.conftest import write


def _place(id, name, lat, lon, population=0, kind="settlement", precision="point"):
    return Place(id, name, kind, "UA", "UA-14", None, lat, lon, precision, population, 0, ())


PLACES = (
    _place("p:alpha", "Alphaville", 48.0, 37.0, 100_000),  # a city
    _place("p:beta", "Betaville", 48.5, 37.5, 2_000),
    _place("p:gamma", "Gammaville", 49.0, 38.0),           # DeepState's point is 11 km off
    _place("p:delta", "Deltaville", 47.0, 36.0, precision="raion"),
    _place("p:eps", "Epsilon Oblast", 48.2, 37.2, kind="oblast", precision="centroid"),
    _place("p:zeta", "Zetaville", 47.5, 36.5),
)
GAZETTEER = Gazetteer(PLACES, {fold_key(p.name): (i,) for i, p in enumerate(PLACES)},
                      "test", "strict-test-gazetteer")

NET = "net change over 2022-09-01..2023-01-31 (dates withheld)"
DEEPSTATE = f"""name,lat,lon,place_source,place_extra,date,from_status,to_status,deepstate_file
Alphaville,48.0,37.0,x,,2022-04-03,,UA,f
Alphaville,48.0,37.0,x,,2022-06-10,UA,RU,f
Alphaville,48.0,37.0,x,,2023-02-01,RU,UA,{NET}
Alphaville,48.01,37.0,y,,2022-04-03,,UA,f
Alphaville,48.01,37.0,y,,2022-06-11,UA,RU,f
Betaville,48.51,37.5,x,,2022-04-03,,RU,f
Betaville,48.51,37.5,x,,2022-05-01,RU,CONTESTED,f
Betaville,48.51,37.5,x,,2022-05-20,CONTESTED,UA,f
Gammaville,49.1,38.0,x,,2022-04-03,,UA,f
Zetaville,47.5,36.5,x,,2022-04-03,,UA,f
Zetaville,47.5,36.5,x,,2022-07-01,UA,RU,f
"""
WIKIPEDIA = ("name,lat,lon,from_status,to_status,first_seen_utc,wiki_as_of,more_information,"
             "source_link\n") + f"""Alphaville,48.0,37.0,,Ukraine,2022-04-01T10:00:00+02:00,,,
Alphaville,,,Ukraine,Russia,2022-06-12T10:00:00+02:00,,,
Alphaville,,,Russia,Ukraine,2023-02-01T00:00:00+00:00,,{NET},
Betaville,48.5,37.5,Russia,Contested,2022-05-15T10:00:00+02:00,,,
Betaville,,,Contested,Ukraine,2022-05-28T10:00:00+02:00,,,
Zetaville,47.5,36.5,Ukraine,Russia,2022-07-03T10:00:00+02:00,,,
"""
# (place, controller, date) of each assessed change, and what the measure makes of it
CHANGES = [
    ("p:alpha", "RU", "2022-06-12"),      # agrees: RU from 06-10
    ("p:alpha", "RU", "2022-05-01"),      # disagrees, at a city: UA all window, RU 40 days on
    ("p:beta", "UA", "2022-04-20"),       # disagrees: RU all window, UA 30 days on
    ("p:beta", "contested", "2022-05-03"),  # agrees: CONTESTED from 05-01
    ("p:beta", "RU", "2022-05-10"),       # disagrees: CONTESTED is not RU; RU until 04-30
    ("p:zeta", "contested", "2022-06-28"),  # agrees: UA then RU inside the window
    ("p:zeta", "contested", "2022-06-01"),  # disagrees: UA all window; the flip is 30 days on
    ("p:gamma", "RU", "2022-06-01"),      # not checkable: no point within 8 km
    ("p:delta", "RU", "2022-06-01"),      # not checkable: only a raion's centre
    ("p:eps", "RU", "2022-06-01"),        # not checkable: an oblast
    ("p:alpha", "UA", "2022-10-15"),      # not checkable: the withheld window
    ("p:alpha", "UA", "2023-02-03"),      # agrees: the net-change row's state from 02-01
    ("p:beta", "RU", "2022-03-20"),       # not checkable: before DeepState's first record
]


@pytest.fixture
def truth(tmp_path):
    write(tmp_path / "truth" / "deepstate_settlement_changes_dev.csv", DEEPSTATE)
    write(tmp_path / "truth" / "wikipedia_control_changes_dev.csv", WIKIPEDIA)
    return tmp_path / "truth"


def _add_change(conn, place_id, controller, day, seq):
    conn.execute("INSERT INTO control_intervals (place_id, basis, seq, controller, date_from, "
                 "last_seen, change, events, explanation) VALUES (?, 'assessed', ?, ?, ?, ?, 1, "
                 "'[]', ?)", (place_id, seq, controller, day, day,
                              f"{controller} from {day} at {place_id}"))


def _add_report(conn, doc_id, published, place_id, controller):
    """A document naming the place, with an event mention putting it under ``controller``."""
    conn.execute("INSERT INTO blobs VALUES (?, 1, 'identity', x'00', '2024-01-01')", (doc_id,))
    conn.execute("INSERT INTO documents (id, format, published, clean_text, offset_map, "
                 "offset_coverage, pipeline, ingested_at) VALUES (?, 'text', ?, 'x', x'', 1, "
                 "'{}', '2024-01-01')", (doc_id, published))
    conn.execute("INSERT INTO place_mentions VALUES (?, 0, 1, 'x', ?, '[]', 1, 'test', 'exact')",
                 (doc_id, place_id))
    conn.execute("INSERT INTO event_mentions (doc_id, seq, type, start, end, trigger_start, "
                 "trigger_end, trigger, action, place_id, controller, date_granularity, "
                 "date_type, date_reason, stance, hedged, background, reason) VALUES "
                 "(?, 0, 'control', 0, 1, 0, 1, 'x', 'captured', ?, ?, 'day', 'exact', 'test', "
                 "'asserted', 0, 0, 'test')", (doc_id, place_id, controller))


@pytest.fixture
def timeline(store):
    for seq, (place_id, controller, day) in enumerate(CHANGES):
        _add_change(store.conn, place_id, controller, day, seq)
    _add_report(store.conn, "d1", "2022-06-11", "p:alpha", "RU")
    _add_report(store.conn, "d0", "2022-04-01", "p:alpha", "RU")  # too early to report 06-10
    _add_report(store.conn, "d2", "2022-05-25", "p:beta", "UA")
    return store


def test_strict_checks_each_change_against_the_nearest_point(truth, timeline):
    report = evaluate_strict(timeline.conn, GAZETTEER, truth)
    assert (report.assessed_changes, report.checkable, report.disagreeing) == (13, 8, 4)
    assert report.unchecked == {APPROXIMATE: 1, BEFORE_RECORDS: 1, NO_POINT: 1,
                                NOT_SETTLEMENT: 1, WITHHELD: 1}
    assert report.disagreement_rate == pytest.approx(4 / 13)
    assert report.disagreement_rate_checkable == pytest.approx(4 / 8)
    # worst first: the larger place, then the longer way from a day DeepState agreed
    assert [(d.place, d.date, d.days_from_agreement) for d in report.disagreements] == [
        ("Alphaville", "2022-05-01", 40), ("Betaville", "2022-04-20", 30),
        ("Betaville", "2022-05-10", 10), ("Zetaville", "2022-06-01", 30)]
    assert [(d.place, d.date) for d in report.city_disagreements] == [("Alphaville",
                                                                        "2022-05-01")]
    beta = report.disagreements[2]
    assert [(r.status, r.first, r.last) for r in beta.deepstate] == [
        ("contested", "2022-05-07", "2022-05-17")]
    assert (beta.point, beta.point_km) == ("Betaville", 1.11)
    assert beta.explanation == "RU from 2022-05-10 at p:beta"


def test_strict_recall_needs_both_trackers_and_a_document(truth, timeline):
    report = evaluate_strict(timeline.conn, GAZETTEER, truth)
    # Alphaville to RU (DeepState 06-10 at two points, Wikipedia 06-12), Betaville to UA
    # (05-20, 05-28) and Zetaville to RU (07-01, 07-03); Betaville to contested is 14 days
    # apart, and the net-change rows are no dated change. No document names Zetaville.
    assert (report.truth_changes, report.in_scope, report.recalled) == (3, 2, 1)
    assert report.recall == 0.5
    assert report.assessed_lags == [2] and report.median_assessed_lag == 2
    assert report.first_report_lags == [1] and report.median_first_report_lag == 1
    [miss] = report.misses
    assert (miss.place, miss.day, miss.before, miss.after, miss.wikipedia_day,
            miss.first_report) == ("Betaville", "2022-05-20", "contested", "UA", "2022-05-28",
                                   "2022-05-25")
    assert miss.assessed == ("UA 2022-04-20", "contested 2022-05-03", "RU 2022-05-10",
                             "RU 2022-03-20")


def test_strict_window_limits_both_sides(truth, timeline):
    report = evaluate_strict(timeline.conn, GAZETTEER, truth, date(2022, 5, 1),
                             date(2022, 6, 30))
    assert (report.assessed_changes, report.checkable, report.disagreeing) == (9, 6, 3)
    assert (report.truth_changes, report.in_scope, report.recalled) == (2, 2, 1)
    assert (report.date_from, report.date_to) == ("2022-05-01", "2022-06-30")
    with pytest.raises(ValueError, match="ends"):
        evaluate_strict(timeline.conn, GAZETTEER, truth, date(2022, 6, 30), date(2022, 5, 1))


@pytest.mark.parametrize(("controller", "day", "disagrees"), [
    ("RU", "2022-06-16", False),          # RU all window
    ("UA", "2022-06-16", True),
    ("contested", "2022-06-16", True),    # RU only
    ("contested", "2022-06-08", False),   # UA then RU
    ("UA", "2022-08-30", True),           # known days 08-27..08-31 only, all RU
])
def test_strict_verdict_of_one_change(truth, store, controller, day, disagrees):
    _add_change(store.conn, "p:alpha", controller, day, 0)
    report = evaluate_strict(store.conn, GAZETTEER, truth)
    assert (report.checkable, report.disagreeing) == (1, int(disagrees))


def test_strict_point_index_finds_the_nearest_point_in_reach():
    points = [_Point(f"p{i}{j}", 47 + i * 0.03, 36 + j * 0.05, (date(2022, 4, 3),), ("UA",))
              for i in range(40) for j in range(40)]
    index = _PointIndex(points)
    queries = [(46.9 + k * 0.0271, 35.9 + (k * 0.0437) % 2.2) for k in range(60)] + [(49, 38)]
    for lat, lon in queries:
        near = [(distance_km(lat, lon, p.lat, p.lon), p.name) for p in points]
        near = [x for x in near if x[0] <= 8.0]
        found = index.nearest(lat, lon, 8.0)
        assert (found[1], found[0].name) == min(near) if near else found is None


def test_strict_cli_prints_the_figures_and_rejects_a_reversed_window(truth, timeline, cli,
                                                                    monkeypatch):
    monkeypatch.setattr("frontwatch.places.gazetteer.load_gazetteer", lambda: GAZETTEER)
    result = cli("eval", "control", str(truth), "--strict", "--from", "2022-05-01", "--to",
                 "2022-06-30")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[1] == "Assessed changes: 9."
    assert lines[3].endswith(": 3 = 0.333 of assessed changes, 0.500 of checkable ones.")
    assert lines[4] == "Wrong changes at cities of 50,000 or more: 1."
    assert lines[5].startswith("Recall: 1/2 = 0.500 of the changes both trackers report")
    assert lines[6] == ("Median lag, truth change → assessed change: +2 days (over 1 recalled "
                        "changes).")
    as_json = json.loads(cli("eval", "control", str(truth), "--strict", "--format",
                             "jsonl").output)
    assert (as_json["disagreeing"], as_json["wrong_at_cities"]) == (4, 1)
    reversed_ = cli("eval", "control", str(truth), "--strict", "--from", "2022-06-30",
                    "--to", "2022-05-01")
    assert reversed_.exit_code == 2
    assert "--from 2022-06-30 --to 2022-05-01: the window ends before it starts" in \
        reversed_.output
    assert cli("eval", "control", str(truth), "--from", "2022-05-01").exit_code == 2
