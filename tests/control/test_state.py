"""The assessed layer's state model: hand-made statements, exact outcomes."""

from dataclasses import replace
from datetime import date, timedelta

from frontwatch.control import assessed_timelines
from frontwatch.control.state import Statement, assess_place, source_key, statement_weight
from frontwatch.theatres import load_theatre

START = date(2022, 2, 24)
SIDES = ("RU", "UA")


def say(day, reading, source="outlet:ISW", weight=0.75, negated=False, ref=None):
    return Statement("P1", day, reading, negated, weight, ref or f"{source}:{day}:{reading}",
                     None, source, source.split(":")[-1], f"{reading} on {day}", day)


def every(first, days, step, reading, **kw):
    return [say(first + timedelta(days=k), reading, **kw) for k in range(0, days, step)]


def test_state_one_stray_sentence_never_moves_a_place_the_record_holds():
    held = every(date(2022, 4, 1), 150, 5, "RU")
    stray = say(date(2022, 6, 15), "UA", weight=0.76)
    (run,) = assess_place(held + [stray], START, "RU", SIDES)
    assert (run.state, run.change, run.first) == ("RU", False, date(2022, 4, 1))
    assert run.against == (stray,)


def test_state_a_sustained_change_is_dated_by_its_first_report():
    before = every(date(2022, 3, 1), 90, 7, "UA")
    after = [say(date(2022, 6, 10) + timedelta(days=k), "RU", source=source)
             for k in range(0, 40, 4) for source in ("outlet:ISW", "outlet:Wire")]
    runs = assess_place(before + after, START, "UA", SIDES)
    assert [(r.state, r.first, r.change, r.previous) for r in runs] == [
        ("UA", date(2022, 3, 1), False, None), ("RU", date(2022, 6, 10), True, "UA")]
    assert runs[1].probability >= 0.9 and runs[1].n_support == 20


def test_state_a_lone_statement_does_not_take_a_place_from_its_start_side():
    assert assess_place([say(date(2024, 1, 31), "RU", weight=0.76)], START, "UA", SIDES) == []


def test_state_contested_is_shown_but_never_a_change_of_hands():
    fighting = every(date(2022, 5, 1), 60, 3, "contested")
    runs = assess_place(fighting, START, "UA", SIDES)
    assert [(r.state, r.change) for r in runs] == [("contested", False)]


def test_state_a_denial_weighs_against_the_side_it_names():
    claims = [say(date(2022, 5, 1), "RU", source="claimant:a"),
              say(date(2022, 5, 1), "RU", source="claimant:b")]
    denials = [say(date(2022, 5, 1), "RU", source=f"claimant:d{k}", negated=True)
               for k in range(3)]
    assert [r.state for r in assess_place(claims, START, "UA", SIDES)] == ["RU"]
    assert assess_place(claims + denials, START, "UA", SIDES) == []


def test_state_one_sides_claims_of_its_own_gain_are_one_source():
    assert source_key("actor:mod-ru", "claims", "RU", "RU") == "side:RU"
    assert source_key("actor:mod-ru", "claims", "RU", "UA") == "actor:mod-ru"
    assert source_key("outlet:ISW", "asserts", None, "RU") == "outlet:ISW"
    echo = [say(date(2022, 5, 1), "RU", source="side:RU", ref=f"d{k}:1") for k in range(5)]
    assert assess_place(echo, START, "UA", SIDES) == assess_place(echo[:1], START, "UA", SIDES)


def test_state_weights_follow_cue_source_and_words():
    plain = statement_weight("captured", "asserts", False, False, None, "RU", 0.9)
    assert plain == 0.8 * 0.9
    assert statement_weight("captured", "asserts", True, False, None, "RU", 0.9) < plain
    assert statement_weight("captured", "claims", False, False, "RU", "RU", 0.9) < plain
    assert statement_weight("strike", "asserts", False, False, None, "RU", 0.9) < 0.2
    assert statement_weight("captured", "asserts", False, False, None, "RU", None) == 0.8 * 0.7


def test_state_a_repeated_sentence_counts_once():
    words = "Russian forces retain the capability to land near the city."
    repeated = [Statement("P1", date(2022, 2, 24) + timedelta(days=k), "RU", False, 0.76,
                          f"d{k}:1", None, "outlet:ISW", "ISW", words, None) for k in range(3)]
    assert assess_place(repeated, START, "UA", SIDES) == \
        assess_place(repeated[:1], START, "UA", SIDES)


def test_state_intervals_carry_posterior_evidence_and_explanation():
    before = every(date(2022, 5, 1), 30, 7, "UA")
    after = [say(date(2022, 6, 10) + timedelta(days=k), "RU", source=source)
             for k in range(0, 20, 4) for source in ("outlet:ISW", "outlet:Wire")]
    runs = {"P1": assess_place(before + after, START, "UA", SIDES)}
    (_, interval) = assessed_timelines(runs, {"P1": "UA"}, START)
    assert interval.basis == "assessed" and interval.change
    assert interval.probability >= 0.9 and interval.evidence
    assert "changed hands from UA, last known to hold it on 2022-05-29" in interval.explanation
    assert '"RU on 2022-06-10"' in interval.explanation


def test_theatre_pack_gives_each_place_its_side_at_the_start():
    prior = load_theatre().control
    assert prior.start == date(2022, 2, 24)
    assert prior.side_at_start("UA", "UA-14", 48.00, 37.80) == "RU"  # Donetsk
    assert prior.side_at_start("UA", "UA-14", 47.10, 37.55) == "UA"  # Mariupol
    assert prior.side_at_start("UA", "UA-14", 48.14, 37.75) == "UA"  # Avdiivka
    assert prior.side_at_start("UA", "UA-09", 48.57, 39.31) == "RU"  # Luhansk
    assert prior.side_at_start("UA", "UA-43", 44.95, 34.10) == "RU"  # Crimea
    assert prior.side_at_start("UA", "UA-63", 49.99, 36.23) == "UA"  # Kharkiv
    assert prior.side_at_start("RU", "RU-BEL", 50.60, 36.59) == "RU"  # Belgorod


def test_state_a_first_run_is_a_change_when_two_sources_report_the_change_itself():
    def liberated(source):
        return replace(say(date(2022, 5, 5), "UA", source=source), change=True)
    (one,) = assess_place([liberated("outlet:ISW")], START, "UA", SIDES)
    assert (one.state, one.change) == ("UA", False)  # one source: as the pack started it
    (two,) = assess_place([liberated("outlet:ISW"), liberated("actor:ua-general-staff")],
                          START, "UA", SIDES)
    assert (two.state, two.change, two.previous) == ("UA", True, "RU")


def test_state_a_change_after_a_long_silence_is_a_state_not_a_dated_change():
    fighting = every(date(2022, 8, 1), 20, 4, "contested")
    recalled = [say(date(2024, 2, 17), "RU", source=source)
                for source in ("outlet:ISW", "outlet:Wire", "actor:ua-general-staff")]
    runs = assess_place(fighting + recalled, START, "UA", SIDES)
    last = runs[-1]
    assert (last.state, last.change, last.previous) == ("RU", False, "UA")
    assert last.since == date(2022, 8, 17)  # the last day Ukraine was known to hold it
    (interval,) = [i for i in assessed_timelines({"P1": runs}, {"P1": "UA"}, START)
                   if i.controller == "RU"]
    assert not interval.change and "when it changed hands in between is not known" in \
        interval.explanation


def test_state_a_change_two_sources_report_is_dated_however_long_the_silence_before():
    fighting = every(date(2022, 3, 1), 20, 4, "contested")
    captured = [replace(say(date(2022, 7, 3), "RU", source=source), change=True)
                for source in ("outlet:ISW", "actor:ua-general-staff")]
    last = assess_place(fighting + captured, START, "UA", SIDES)[-1]
    assert (last.state, last.first, last.change, last.previous, last.since) == \
        ("RU", date(2022, 7, 3), True, "UA", None)
