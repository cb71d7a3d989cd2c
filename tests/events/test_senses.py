"""Trigger words in senses that are not war events, and statements that are not reports of
one (plans, conditions, hypotheticals). Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from tests.events.test_events import events_of


def control_of(text: str):
    return [e for e in events_of(text, date(2022, 9, 1)) if e.type == "control"]


@pytest.mark.parametrize("text", [
    "A referendum on joining Russia was held in Kherson on Sunday.",
    "Ukrainian troops near Izium held their fire for two days.",
    "Footage captured by a drone over Bakhmut shows a burning depot.",
    "Russian artillery shelled Kharkiv and the surrounding villages.",
    "Smoke surrounding the trains at the depot in Melitopol was seen for hours.",
    "The Russian Empire captured Crimea in the 18th century.",
    "After entering July, fighting moved to the east of Luhansk Oblast.",
    "The port of Sevastopol retained a special status for the fleet.",
    "Thousands were forced to flee their homes in Donetsk Oblast.",
    "Occupation officials from the ruling party have left Kherson.",
    "Occupation courts will try prisoners to strengthen judicial control of Mariupol.",
    "Russian forces continue defending occupied positions near Kharkiv.",
    "Russian forces have likely abandoned the objective of encircling Sloviansk.",
    "Negotiations continue on an exchange of the captured Mariupol defenders.",
    "CORRECTION: A previous version of this report stated that Russian troops seized Lozova.",
    "Our analysts mistakenly reported on April 23 that Russian troops seized Lozova.",
    "Russian forces continue to defend positions in the Kharkiv City direction.",
])
def test_senses_other_senses_are_not_control_events(text):
    assert control_of(text) == []


def test_senses_agentive_held_is_still_an_event():
    [event] = control_of("Kherson is held by Russian forces.")
    assert (event.controller, event.place.text) == ("RU", "Kherson")


@pytest.mark.parametrize("text", [
    "Russian forces are attempting to encircle Avdiivka.",
    "These forces likely seek to take Zaporizhzhia in the coming days.",
    "A Ukrainian withdrawal to Siversk would shorten the front line.",
    "Recapturing Kherson could let Ukraine threaten Crimea.",
    "If Ukrainian forces defend Zaporizhzhia, the assault will stall.",
    "Russian forces will likely reduce the Mariupol pocket and capture the city.",
    "Russian forces remain committed to the encirclement of Mariupol.",
    "Ukrainian forces repelled attempted Russian advances into Avdiivka.",
    "Occupation officials are trying to establish Russian control of Enerhodar.",
    "The offensive aims to isolate and then take Zaporizhzhia from the west.",
    "The offensive will likely culminate before seizing Sloviansk.",
    "Russian forces intend to take full control of Donetsk Oblast by seizing Kramatorsk.",
    "The partners stressed the urgency of helping Ukraine regain control of Enerhodar.",
    "The command has tasked its troops with capturing Chasiv Yar by May 9.",
    "The likelihood of Russian forces capturing Kharkiv remains low.",
    "Russian forces are unlikely to seize Kharkiv Oblast or capture Sumy.",
])
def test_senses_plans_and_hypotheticals_are_not_events(text):
    assert control_of(text) == []


def test_senses_fighting_around_a_place_is_not_fighting_in_it():
    assert control_of("Russian forces are fighting around Bohorodychne.") == []
    [event] = control_of("Russian forces are fighting in Bohorodychne.")
    assert event.controller == "contested"


def test_senses_hyphenated_strike_is_a_modifier():
    found = events_of("Bloggers criticised the reconnaissance-strike complex near Izium.",
                      date(2022, 5, 19))
    assert [e for e in found if e.type == "strike"] == []


def test_senses_an_effort_to_mobilize_is_mobilization_under_way():
    found = events_of("Occupation forces continue efforts to mobilize men in Kherson Oblast.",
                      date(2022, 8, 18))
    assert [e.type for e in found] == ["mobilization"]
    assert control_of("Occupation forces continue efforts to capture Kherson.") == []


def test_senses_partial_blockade_does_not_cut_the_place_off():
    assert control_of("Russian forces maintain a partial blockade of Kharkiv.") == []
    assert control_of("Russian forces continued to partially encircle Kharkiv.") == []


def test_senses_used_artillery_to_shell_is_a_strike_done():
    found = events_of("Russian forces used tube artillery to shell Nikopol on Monday.",
                      date(2022, 8, 18))
    assert [(e.type, e.place.text) for e in found] == [("strike", "Nikopol")]


def test_senses_a_participle_after_a_comma_takes_the_clause_subject():
    found = control_of("Ukrainian forces pursued Russian forces in Chernihiv Oblast, "
                       "capturing Horodnia and Sloboda.")
    assert [(e.place.text, e.controller) for e in found] == [("Horodnia", "UA"),
                                                              ("Sloboda", "UA")]


def test_senses_occupied_after_a_preposition_is_the_occupier_holding_it():
    [event] = control_of("Ukrainian partisans in and around occupied Melitopol struck a "
                         "rail line.")
    assert (event.place.text, event.controller) == ("Melitopol", "RU")


def test_senses_a_capital_after_by_names_the_side_not_the_place():
    found = control_of("Russian troops took Lysychansk, the last large town still held by Kyiv "
                       "in the Luhansk region.")
    assert [(e.place.text, e.controller) for e in found] == [("Lysychansk", "RU")]


@pytest.mark.parametrize("text", [
    "The possible Russian seizure of Kramatorsk and Sloviansk would degrade Ukraine's position.",
    "Any future liberation of Melitopol depends on Western supplies.",
    "Shoigu called the alleged Russian seizure of Krynky the end of the counteroffensive.",
    "A Russian seizure of Siversk and advances north and south of the town would push "
    "Ukrainian forces further west.",
])
def test_senses_an_event_noun_that_is_a_kind_not_an_occurrence_is_no_event(text):
    assert control_of(text) == []


@pytest.mark.parametrize("text, place", [
    ("Ukrainian forces conducted a deliberate withdrawal from Lysychansk.", "Lysychansk"),
    ("Ukrainian officials ordered a withdrawal of Ukrainian troops from Zolote.", "Zolote"),
    ("The capture of Avdiivka in February cost Russia dearly.", "Avdiivka"),
])
def test_senses_an_event_noun_that_tells_an_occurrence_stays_an_event(text, place):
    assert [e.place.text for e in control_of(text)] == [place]


@pytest.mark.parametrize("text, expected", [
    ("Kreminna has fallen to Russian forces.", "RU"),
    ("Lysychansk has fallen at the hands of Russian forces.", "RU"),
    # the reporter before a fall verb is not the side that took the place
    ("The UK's Ministry of Defence reported that the city of Kreminna has fallen.", None),
])
def test_senses_a_place_that_falls_goes_to_the_side_named_after_the_verb(text, expected):
    assert [e.controller for e in control_of(text)] == [expected]


def test_senses_judged_unlikely_is_no_capture():
    assert control_of("Russian forces are unlikely to have seized Yampil as of May 4.") == []


def test_senses_taking_leave_of_a_place_is_a_withdrawal():
    text = "The Russian defence ministry said that its troops have taken their leave from Lyman."
    assert [(e.action, e.controller) for e in control_of(text)] == [("withdrew", "UA")]


def test_senses_holding_the_initiative_holds_no_place():
    text = ("Russian forces attacked near Lyman. Russia will set the tempo as long as it retains "
            "the theater-wide initiative.")
    assert control_of(text) == []


def test_senses_a_place_of_another_predicate_is_not_the_events():
    text = ("Kremlin spokesman Dmitry Peskov said the withdrawal did not change the status of "
            "the Kherson region.")
    assert control_of(text) == []


def test_senses_a_fronted_after_clause_tells_what_came_before():
    text = ("After heavy fighting for Lysychansk, the defence forces of Ukraine were forced to "
            "withdraw from their positions, the general staff said.")
    assert [e.background for e in control_of(text)] == [True]


def strikes_of(text: str):
    return [e for e in events_of(text, date(2024, 2, 15)) if e.type == "strike"]


@pytest.mark.parametrize("text", [
    # a modal governs the chain of verbs joined by "to" after it
    "Ukrainian forces would be able to continue to strike Russian targets near Horlivka.",
    "Russian forces could try to strike Zaporizhzhia City again next week.",
    # an event noun used as an attribute names a means, not an event
    "Capturing Avdiivka would push Ukrainian forces out of strike range of Horlivka.",
    "Ukraine lacks long-range strike capabilities against targets in Crimea.",
])
def test_senses_hypothetical_or_attributive_strikes_are_not_events(text):
    assert strikes_of(text) == []


@pytest.mark.parametrize("text", [
    "Ukrainian forces continue to strike Russian targets near Horlivka.",
    "A missile strike hit Zaporizhzhia City on Tuesday.",
    "Russian strike drones hit Odesa overnight.",
])
def test_senses_reported_strikes_stay_events(text):
    assert len(strikes_of(text)) == 1
