"""Which places an event is about, and who holds them: relative clauses, adjectives,
destinations, anaphora. Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from tests.events.test_events import events_of


def control_of(text: str, published: date | None = date(2022, 9, 12)):
    return [(e.trigger, text[e.place.start:e.place.end] if e.place else None, e.controller)
            for e in events_of(text, published) if e.type == "control"]


def test_arguments_relative_clause_takes_its_antecedent():
    text = ("Ukrainian forces liberated Kupiansk, which had been occupied by Russian forces "
            "since February.")
    assert ("occupied", "Kupiansk", "RU") in control_of(text)


def test_arguments_relative_clause_after_an_appositive():
    text = "Kherson, the only regional capital that Russia has captured, was tense."
    assert control_of(text) == [("captured", "Kherson", "RU")]


def test_arguments_relative_clause_hangs_from_the_appositive_head():
    text = ("The mayor of Melitopol, a city close to Crimea which is under Russian occupation, "
            "spoke on Monday.")
    assert control_of(text) == [("under Russian occupation", "Melitopol", "RU")]


def test_arguments_withdrawal_destination_is_not_the_place_left():
    assert control_of("A Ukrainian withdrawal to Siversk began on July 3.") == []


def test_arguments_the_region_is_the_last_oblast_named():
    text = ("The governor of Chernihiv Oblast said on April 1 that Russian forces are "
            "withdrawing from the region.")
    assert control_of(text) == [("withdrawing from", "Chernihiv Oblast", "UA")]


def test_arguments_adjective_does_not_carry_a_place_over():
    text = ("Ukrainian forces advanced in Irpin. Videos show Ukrainian troops in previously "
            "Russian-controlled areas of the town.")
    assert [c for c in control_of(text) if c[0] == "controlled"] == []


def test_arguments_adjective_side_is_its_own_word_not_the_subject():
    text = "Ukraine liberated part of the occupied Donetsk and Luhansk oblasts in 2014."
    occupied = [c for c in control_of(text) if c[0] == "occupied"]
    assert occupied == [("occupied", "Donetsk", "RU"), ("occupied", "Luhansk oblasts", "RU")]


@pytest.mark.parametrize("preposition", ["against", "across", "toward", "beyond"])
def test_arguments_occupied_after_any_preposition_is_an_adjective(preposition):
    """Not the subject's verb: a preposition cannot be the subject of "occupied"."""
    text = (f"Ukrainian forces are using Western-supplied weapons to strike civilian targets, "
            f"including in alleged strikes {preposition} occupied Donetsk City on January 21.")
    assert [c for c in control_of(text, date(2024, 1, 22)) if c[0] == "occupied"] == [
        ("occupied", "Donetsk", "RU")]


def test_arguments_its_carries_the_place_named_before():
    text = "Russian forces bypassed Kherson before its capture by Russian airborne units."
    assert control_of(text) == [("capture", "Kherson", "RU")]


def test_arguments_the_city_carries_the_last_settlement_not_a_region():
    text = ("Russian forces took Mariupol after a siege, opening the land route to Crimea. "
            "The city was shelled for three months.")
    strikes = [e for e in events_of(text, date(2022, 5, 21)) if e.type == "strike"]
    assert [text[e.place.start:e.place.end] for e in strikes] == ["Mariupol"]


def test_arguments_including_list_names_the_object():
    text = ("Ukrainian forces recaptured large swathes of terrain—including Bucha, Hostomel, "
            "and Ivankiv—on April 1.")
    assert [c[1] for c in control_of(text)] == ["Bucha", "Hostomel", "Ivankiv"]


def test_arguments_partial_success_near_a_place():
    text = "The General Staff said Russian forces had partial success near Blahodatne."
    assert control_of(text) == [("partial success near", "Blahodatne", "contested")]


def test_arguments_passive_agent_unknown_is_not_the_subject_side():
    text = ("Ukrainian forces liberated Kupiansk, which had been occupied by the invaders on "
            "February 27.")
    assert ("occupied", "Kupiansk", None) in control_of(text)


def test_arguments_coordinated_passive_takes_the_subject_list():
    text = ("Crimea, and parts of Donetsk and Luhansk Oblasts, were annexed and occupied by "
            "Russian forces in 2014.")
    assert [c[1] for c in control_of(text)] == ["Crimea", "Donetsk", "Luhansk Oblasts"]


def test_arguments_consolidating_positions_holds_the_places():
    text = ("Russian forces are consolidating positions in Sievierodonetsk and Syrotyne "
            "following the completion of the Ukrainian withdrawal on June 24.")
    held = [e for e in events_of(text, date(2022, 6, 25)) if e.trigger.startswith("consol")]
    assert [(e.place.text, e.controller) for e in held] == [("Sievierodonetsk", "RU"),
                                                           ("Syrotyne", "RU")]
    # the date in "following the ... of" dates the withdrawal, not the consolidation
    assert {e.date.first for e in held} == {"2022-06-25"}


def test_arguments_under_the_control_of():
    text = "Mariupol remains under the control of Ukrainian forces."
    assert control_of(text) == [("remains under the control of", "Mariupol", "UA")]


def test_arguments_place_qualifying_a_line_is_not_the_place():
    text = "Ukrainian forces withdrew from settlements on the Luhansk Oblast border."
    assert control_of(text) == []


def test_arguments_around_locates_except_for_a_withdrawal():
    assert control_of("Russian forces captured the salient around Lysychansk.") == []
    assert control_of("Russia has withdrawn five battalions from around Kyiv.") == [
        ("withdrawn", "Kyiv", "UA")]


def test_arguments_previously_held_positions_are_not_the_town():
    text = ("Ukrainian positions in Lysychansk are stronger than previously held positions in "
            "Zolote.")
    assert control_of(text) == []


def test_arguments_besieged_city_is_the_town_named_before():
    text = ("Buses departed Mariupol at noon. The convoy moved from the besieged city toward "
            "Manhush.")
    assert [c[:2] for c in control_of(text)] == [("besieged", "Mariupol")]


def test_arguments_bridgehead_and_advance_from_into():
    assert control_of("Russian forces established a bridgehead in Privillya.") == [
        ("established a bridgehead in", "Privillya", "contested")]
    text = "Ukrainian forces advanced northeast from Zhytomyr Oblast into Ivankiv."
    assert [c[1] for c in control_of(text)] == ["Ivankiv"]


def test_arguments_two_actions_are_two_events_unless_alternatives():
    text = ("Ukrainian forces withdrew from Lysychansk, resulting in the Russian seizure of the "
            "city on July 2.")
    assert [c[0] for c in control_of(text)] == ["withdrawal from", "seizure of"] or \
        [c[0] for c in control_of(text)] == ["withdrew from", "seizure of"]
    text = "Ukrainian forces either recaptured or Russian forces withdrew from Bucha."
    assert len(control_of(text)) == 1


def test_arguments_seized_control_is_one_trigger():
    text = "Separatists seized control of Horlivka in April 2014."
    assert [c[0] for c in control_of(text)] == ["seized control of"]


def test_arguments_list_repeats_its_preposition():
    found = events_of("Russian missiles struck Kramatorsk and on Sloviansk overnight.",
                      date(2022, 8, 18))
    assert [e.place.text for e in found if e.type == "strike"] == ["Kramatorsk", "Sloviansk"]


def test_arguments_reduced_passive_and_nominal_agents_name_the_side():
    assert control_of("Crimea occupied by Russians is a base for strikes.") == [
        ("occupied", "Crimea", "RU")]
    text = "Zelensky said the withdrawal of the Ukrainian army from Lysychansk was ordered."
    assert control_of(text) == [("withdrawal", "Lysychansk", "RU")]


def test_arguments_a_part_of_a_place_leaves_it_contested():
    text = "Russian forces captured the eastern outskirts of Mariupol on March 12."
    assert control_of(text, date(2022, 3, 13)) == [("captured", "Mariupol", "contested")]
    text = "Ukraine holds the occupied areas of Donbas in its sights."
    assert [c[2] for c in control_of(text) if c[0] == "occupied"] == ["RU"]


@pytest.mark.parametrize("text", [
    "Russian troops control more than two-thirds of Marinka, west of Donetsk City.",
    "Russian forces are in control of 75% of Marinka.",
    "Russian forces likely control almost all of Rubizhne as of May 12.",
    "The governor said that Ukrainian forces partially control Rubizhne.",
    "Russian forces took partial control of Marinka on May 3.",
])
def test_arguments_a_share_of_a_place_leaves_it_contested(text):
    assert [c[2] for c in control_of(text, date(2022, 5, 20))] == ["contested"]



def test_arguments_a_list_goes_on_across_a_name_that_matches_nothing():
    text = ("Ukrainian forces liberated Pishchane, Kamianka, Mala Komyshuvaxxa, Zaliznychne, "
            "Zavody and Brazhkivka in Kharkiv Oblast.")
    assert [c[1] for c in control_of(text)] == ["Pishchane", "Kamianka", "Zaliznychne",
                                                "Zavody", "Brazhkivka"]


def test_arguments_a_place_in_an_aside_is_not_what_was_struck():
    text = ("The Ukrainian-held city of Slovyansk in the west- in the Donetsk region, which with "
            "Luhansk makes up the Donbas- also came under heavy shelling.")
    strikes = [e for e in events_of(text, date(2022, 7, 4)) if e.type == "strike"]
    assert [e.place.text for e in strikes] == ["Slovyansk"]


def test_arguments_struck_place_is_the_subject_not_the_region_that_places_it():
    text = ("The Ukrainian-held city of Slovyansk in the Donetsk region also came under heavy "
            "shelling on Sunday, with at least six people dead.")
    struck = [e for e in events_of(text, date(2022, 7, 4)) if e.type == "strike"]
    assert [text[e.place.start:e.place.end] for e in struck] == ["Slovyansk"]


@pytest.mark.parametrize("holder, attacker", [("Ukrainian-held", "RU"),
                                              ("Russian-occupied", "UA")])
def test_arguments_a_strike_on_a_place_held_by_one_side_is_the_others(holder, attacker):
    text = f"Shelling hit the {holder} city of Kramatorsk on Sunday."
    [strike] = [e for e in events_of(text, date(2022, 7, 4)) if e.type == "strike"]
    assert strike.side == attacker and "named holder" in strike.reason


def test_arguments_a_strike_names_no_attacker_when_nothing_says():
    [strike] = [e for e in events_of("Shelling hit Kramatorsk on Sunday.", date(2022, 7, 4))
                if e.type == "strike"]
    assert strike.side is None


def test_arguments_a_strike_is_not_where_it_was_launched_from():
    text = ("Russian forces launched four S-300 missiles from occupied Kherson and Zaporizhia "
            "oblasts at Kramatorsk on January 1.")
    struck = [e for e in events_of(text, date(2024, 1, 2)) if e.type == "strike"]
    assert [text[e.place.start:e.place.end] for e in struck] == ["Kramatorsk"]


@pytest.mark.parametrize("route", ["the Kupyansk-Svatove-Kreminna line",
                                   "the Svatove-Kreminna axis", "the Izyum-Slovyansk highway"])
def test_arguments_a_name_inside_a_route_name_is_no_place(route):
    text = f"Russian forces continued offensive operations along {route} on February 29."
    assert [e for e in events_of(text, date(2024, 3, 1)) if e.place is not None] == []


def test_arguments_a_place_beside_a_route_is_still_the_place():
    text = "Russian forces advanced along the Izyum-Slovyansk highway and captured Dovhenke."
    assert control_of(text, date(2022, 6, 1)) == [("captured", "Dovhenke", "RU")]


def test_arguments_a_change_to_the_side_holding_the_city_since_before_names_the_oblast():
    # the pack lists the city among the areas held against its country at the start
    text = "Shoigu said on July 3 that Russian forces had taken full control of Luhansk."
    (event,) = [e for e in events_of(text, date(2022, 7, 4)) if e.type == "control"]
    assert event.place.place_id == "admin:UA-09" and "the oblast's" in event.reason
    assert text[event.place.start:event.place.end] == "Luhansk"
    # a city its own country held can be lost and retaken: it keeps its reading
    text = "Ukrainian forces liberated Kherson on November 11."
    (event,) = [e for e in events_of(text, date(2022, 11, 12)) if e.type == "control"]
    assert event.place.place_id != "admin:UA-65"
    # a recalled change before the start keeps the city
    text = "Russian-backed separatists seized Luhansk in 2014."
    assert all(e.place.place_id != "admin:UA-09"
               for e in events_of(text, date(2022, 7, 4)) if e.type == "control")
