"""Event mentions and their claims: hand-built sentences and the seeds."""

from __future__ import annotations

from datetime import date


from frontwatch.entities import match_entities
from frontwatch.events import extract_events
from tests.conftest import needs_shared, seed


def events_of(text: str, published: date | None = None):
    found = match_entities(text, published)
    return extract_events(text, published, found.places, found.actors,
                          weapons=found.weapons)


def summary(event, gazetteer):
    place = gazetteer.by_id(event.place.place_id).name if event.place and \
        event.place.place_id else None
    return (event.type, place, event.controller, event.claim.claimant, event.claim.stance)


def test_events_capture_claimed_by_a_ministry(gazetteer):
    text = ("The Russian Ministry of Defence claimed that Russian forces captured Lyman "
            "on May 26.")
    [event] = events_of(text, date(2022, 5, 27))
    assert summary(event, gazetteer) == ("control", "Lyman", "RU",
                                         "Russian Ministry of Defence", "claims")
    assert (event.date.first, event.date.granularity) == ("2022-05-26", "day")
    assert text[event.trigger_start:event.trigger_end] == "captured"
    assert text[event.place.start:event.place.end] == "Lyman"


def test_events_withdrawal_gives_the_place_to_the_other_side(gazetteer):
    [event] = events_of("Ukrainian forces withdrew from Sievierodonetsk.", date(2022, 6, 25))
    assert summary(event, gazetteer)[:3] == ("control", "Sievierodonetsk", "RU")
    assert (event.claim.claimant, event.claim.stance) == (None, "asserts")
    assert (event.date.first, event.date.type) == ("2022-06-25", "approximate")


def test_events_positional_places_are_not_arguments(gazetteer):
    found = events_of("Russian forces captured Dovhenke, 25 km north of Sloviansk, on May 3.",
                      date(2022, 5, 4))
    assert [summary(e, gazetteer)[1] for e in found] == ["Dovhenke"]


def test_events_strike_with_attacker_and_hedge(gazetteer):
    [event] = events_of("Russian forces reportedly shelled Kharkiv on July 2.", date(2022, 7, 3))
    assert (event.type, event.side, event.claim.hedged) == ("strike", "RU", True)


def test_events_casualties_need_a_count(gazetteer):
    found = events_of("Shelling killed 12 civilians in Kramatorsk. Many were killed.",
                      date(2022, 5, 1))
    casualties = [e for e in found if e.type == "casualties"]
    assert [(e.quantity[2], e.quantity[3]) for e in casualties] == [(12, 12)]


def test_events_background_mentions_are_marked(gazetteer):
    found = events_of("Russian forces, which had captured Kupiansk on February 27, "
                      "left the city.", date(2022, 9, 12))
    kupiansk = [e for e in found if e.place and e.trigger == "captured"]
    assert kupiansk and kupiansk[0].background
    assert kupiansk[0].date.first == "2022-02-27"



def test_events_a_date_in_a_following_clause_dates_that_clause_only(gazetteer):
    text = ("Ukrainian forces liberated the city of Kupiansk, which had been occupied by the "
            "Russians on February 27, the governor said.")
    found = {e.trigger: e for e in events_of(text, date(2022, 9, 10)) if e.type == "control"}
    assert (found["liberated"].controller, found["liberated"].date.first) == \
        ("UA", "2022-09-10")
    assert (found["occupied"].date.first, found["occupied"].background) == ("2022-02-27", True)

def test_events_a_standing_state_takes_the_report_day_not_the_news_day(gazetteer):
    text = ("On Wednesday, the mayor of Melitopol, a city which is under Russian occupation, "
            "said two explosions had cut the TV signal.")
    held = [e for e in events_of(text, date(2022, 8, 18)) if e.type == "control"]
    assert [(e.controller, e.date.first, e.date.type) for e in held] == \
        [("RU", "2022-08-18", "approximate")]


def test_events_a_week_after_marks_the_earlier_event_as_background(gazetteer):
    found = events_of("The fall of Lysychansk came little more than a week after Ukrainian "
                      "units left Sievierodonetsk.", None)
    left = [e for e in found if e.trigger == "left"]
    assert left and left[0].background and left[0].date.first is None


@needs_shared()
def test_events_seed_000_lysychansk_claim_and_denial(gazetteer):
    text = seed("000").read_text(encoding="utf-8")
    found = [summary(e, gazetteer) for e in events_of(text)]
    assert ("control", "Lysychansk", "RU", "Sergei Shoigu", "claims") in found or \
        ("control", "Lysychansk", "RU", "Sergei Shoigu", "asserts") in found
    assert any(s[0] == "strike" and s[1] == "Belgorod" for s in found)
    # 'launched multiple "Dot" ballistic missiles towards Belgorod': Tochka-U, by Ukraine
    belgorod = [e for e in events_of(text) if e.type == "strike" and e.weapon]
    assert [(e.weapon[2], e.side) for e in belgorod] == [("tochka-u", "UA")]


@needs_shared()
def test_events_seed_001_general_staff_confirms(gazetteer):
    text = seed("001").read_text(encoding="utf-8")
    found = [summary(e, gazetteer) for e in events_of(text, date(2022, 7, 4))]
    assert any(s[:2] == ("control", "Lysychansk") and s[4] == "confirms" for s in found)
    # "The Ukrainian-held city of Slovyansk ... came under heavy shelling ... six dead"
    struck = [e for e in events_of(text, date(2022, 7, 4)) if e.type == "strike"
              and summary(e, gazetteer)[1] == "Sloviansk"]
    assert struck and struck[0].side == "RU"
    assert struck[0].quantity and struck[0].quantity[2] >= 6


@needs_shared()
def test_events_seed_002_counteroffensive_is_dated_by_the_month_its_present_runs_from(
        gazetteer):
    """No publication date; "Since the start of the offensive in September" and a recalled
    February 27 (2022, by the invasion anchor) put the report's present in September 2022."""
    text = seed("002").read_text(encoding="utf-8")
    retaken = {summary(e, gazetteer)[1]: e for e in events_of(text)
               if e.type == "control" and e.controller == "UA" and not e.background}
    assert {"Kupiansk", "Izium", "Balakliia", "Shevchenkove"} <= set(retaken)
    for event in retaken.values():
        assert (event.date.first, event.date.last, event.date.granularity) == (
            "2022-09-01", "2022-09-30", "month")
    occupied = [e for e in events_of(text) if e.controller == "RU" and e.date.first]
    assert [(e.date.first, e.background) for e in occupied] == [("2022-02-27", True)]


@needs_shared()
def test_events_seed_004_lyman_is_dated_from_the_annexation_anchor(gazetteer):
    text = seed("004").read_text(encoding="utf-8")
    lyman = [e for e in events_of(text) if e.type == "control"
             and summary(e, gazetteer)[1] == "Lyman"]
    assert lyman and all(e.controller == "UA" and e.date.first == "2022-10-01" for e in lyman)


def test_events_an_appositive_relative_clause_dates_the_town_not_the_capture(gazetteer):
    text = ("Shoigu reported on Saturday that Russian troops had taken full control of "
            "Avdiivka, an industrial town that Ukraine had held since 2014.")
    found = {e.trigger: e for e in events_of(text, date(2024, 2, 17)) if e.type == "control"}
    assert found["taken full control of"].date.first == "2024-02-17"
    assert found["held"].date.first == "2014-01-01"  # the relative clause keeps its own date


@needs_shared()
def test_events_no_seed_event_is_dated_2024(gazetteer):
    for prefix in ("000", "001", "002", "003", "004"):
        text = seed(prefix).read_text(encoding="utf-8")
        for event in events_of(text):
            assert not (event.date.first or "").startswith("2024"), (prefix, event)


def test_events_a_season_puts_a_recalled_capture_in_its_past(gazetteer):
    text = ("Russian forces conducted a turning movement in Avdiivka, as they did with their "
            "capture of Bakhmut in spring 2023.")
    (bakhmut,) = [e for e in events_of(text, date(2024, 2, 15)) if e.type == "control"
                  and e.place and e.place.text == "Bakhmut"]
    assert (bakhmut.background, bakhmut.date.first, bakhmut.date.last) == \
        (True, "2023-03-01", "2023-05-31")


def test_events_a_time_after_the_report_never_dates_what_it_tells(gazetteer):
    text = ("Russian forces continue crypto-mobilization efforts ahead of the expected "
            "summer 2024 offensive.")
    found = [e for e in events_of(text, date(2024, 4, 18)) if e.type == "mobilization"]
    assert found and all(e.date.first == "2024-04-18" for e in found)
