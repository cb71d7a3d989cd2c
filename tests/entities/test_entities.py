"""Places, actors and weapons in text: the seeds' spellings, namesakes, guards."""

from __future__ import annotations

import pytest

from frontwatch.entities import match_entities
from tests.conftest import needs_shared, seed


def resolved(text, gazetteer):
    found = match_entities(text)
    return [(m.text, gazetteer.by_id(m.place_id).name if m.place_id else None)
            for m in found.places]


@needs_shared()
@pytest.mark.parametrize("prefix, spelling, place", [
    ("000", "Lisichansk", "Lysychansk"),
    ("000", "Lischichansk", "Lysychansk"),
    ("000", "Lugansk region", "Luhansk Oblast"),
    ("000", "Luhansk region", "Luhansk Oblast"),
    ("000", "Belgorod", "Belgorod"),
    ("001", "Lysychansk", "Lysychansk"),
    ("001", "Severodonetsk", "Sievierodonetsk"),
    ("001", "Slovyansk", "Sloviansk"),
    ("002", "Izyum", "Izium"),
    ("002", "Kupiansk", "Kupiansk"),
    ("002", "Balakliya", "Balakliia"),
    ("002", "Shevchenkovo", "Shevchenkove"),
    ("003", "Kherson", "Kherson"),
    ("003", "Dnieper River", "Dnipro"),
    ("004", "Kreminna", "Kreminna"),
    ("004", "Layman", "Lyman"),
])
def test_entities_seed_spellings_resolve(gazetteer, prefix, spelling, place):
    text = seed(prefix).read_text(encoding="utf-8")
    found = [p for s, p in resolved(text, gazetteer) if s == spelling]
    assert found, f"{spelling} not found in seed {prefix}"
    assert set(found) == {place}


@needs_shared()
def test_entities_seed_context_picks_kharkiv_shevchenkove(gazetteer):
    text = seed("002").read_text(encoding="utf-8")
    mention = next(m for m in match_entities(text).places if m.text == "Shevchenkovo")
    assert gazetteer.by_id(mention.place_id).admin1 == "UA-63"
    assert mention.reason


@needs_shared()
def test_entities_seed_dnieper_is_the_river_and_layman_is_in_donetsk(gazetteer):
    dnieper = [m for m in match_entities(seed("003").read_text("utf-8")).places
               if m.text.startswith("Dnieper")]
    assert {gazetteer.by_id(m.place_id).kind for m in dnieper} == {"river"}
    layman = [m for m in match_entities(seed("004").read_text("utf-8")).places
              if m.text == "Layman"]
    assert layman and all(gazetteer.by_id(m.place_id).admin1 == "UA-14" for m in layman)
    assert all(m.method == "fuzzy" for m in layman)


@pytest.mark.parametrize("text", [
    "A layman would call it a defeat in Paris, Berlin and Rome.",
    pytest.param("The Mala and Nova brands sold well; Maria Ivanova said so.",
                 marks=pytest.mark.xfail(strict=True, reason="issue 3 open: surnames like "
                                         "Ivanova still match Russian forms of villages")),
    "Volodymyr Zelensky met Serhii Haidai.",
])
def test_entities_english_words_and_first_names_are_not_places(gazetteer, text):
    assert resolved(text, gazetteer) == []


@pytest.mark.xfail(strict=True, reason="issue 3 open: several Andriivkas in one oblast tie")
def test_entities_oblast_named_nearby_decides_a_namesake(gazetteer):
    text = "Russian forces shelled Andriivka in Kharkiv Oblast on Monday."
    found = match_entities(text).places
    village = next(m for m in found if m.text == "Andriivka")
    assert gazetteer.by_id(village.place_id).admin1 == "UA-63"
    assert "UA-63 named nearby" in village.reason


def test_entities_namesake_without_context_stays_ambiguous():
    found = match_entities("Fighting continued near Andriivka.").places
    assert [(m.text, m.place_id) for m in found] == [("Andriivka", None)]
    assert found[0].reason.startswith("ambiguous")
    assert len(found[0].candidates) >= 70


def test_entities_plural_list_names_oblasts(gazetteer):
    found = match_entities("Russia annexed Donetsk and Luhansk Oblasts.").places
    assert [gazetteer.by_id(m.place_id).name for m in found] == ["Donetsk Oblast",
                                                                "Luhansk Oblast"]


def test_entities_a_list_with_a_region_lists_oblasts(gazetteer):
    found = match_entities("Schools in occupied areas of Donbas, Kherson, and Zaporizhia "
                           "will have guards.").places
    assert [gazetteer.by_id(m.place_id).kind for m in found] == ["region", "oblast", "oblast"]
    cities = match_entities("Russian forces shelled Kharkiv, Sumy, and Chernihiv.").places
    assert {gazetteer.by_id(m.place_id).kind for m in cities} == {"settlement"}


def test_entities_dpr_is_actor_or_territory_by_context(gazetteer):
    found = match_entities("DPR forces advanced. Voting took place in the DPR.")
    assert [(m.text, m.side) for m in found.actors][:1] == [("DPR forces", "RU")] or \
        [(m.text, m.side) for m in found.actors][:1] == [("DPR", "RU")]
    assert [gazetteer.by_id(m.place_id).name for m in found.places] == ["Donetsk Oblast"]


def test_entities_actors_titles_and_weapons():
    text = ("The Russian defense minister said the strike used Iskander missiles. "
            "Sergei Shoigu added that HIMARS were destroyed. Zelensky disagreed.")
    found = match_entities(text)
    sides = {m.text: m.side for m in found.actors}
    assert sides["Zelensky"] == "UA"
    title = next(m for m in found.actors if m.via == "title")
    assert title.actor_id and "Shoigu" in title.reason
    categories = {m.weapon_id: (m.text, m.category) for m in found.weapons}
    assert categories["iskander-m"] == ("Iskander missiles", "ballistic_missile")
    assert categories["himars"] == ("HIMARS", "mlrs")


def test_entities_offsets_point_at_the_words():
    text = "Shelling hit Kramatorsk and Sloviansk; Ukrainian forces held Bakhmut."
    found = match_entities(text)
    for mention in (*found.places, *found.actors, *found.weapons):
        assert text[mention.start:mention.end] == mention.text


def test_entities_weapon_nicknames_from_the_seeds():
    # "Haimas" is how a machine translation spells HIMARS (seed 000); "Dot" (Tochka) only
    # counts with a missile word after it, since "dot" is an English word.
    found = match_entities("Ukraine used the Haimas and a Dot missile; dot the i's. Dot said so.")
    assert [(m.text, m.weapon_id) for m in found.weapons] == [("Haimas", "himars"),
                                                              ("Dot missile", "tochka-u")]


def test_entities_a_namesake_pinned_by_distance_and_direction(gazetteer):
    found = match_entities("Pervomaiske (82km north of Simferopol) in occupied Crimea was "
                           "struck.").places
    pervomaiske = gazetteer.by_id(found[0].place_id)
    simferopol = gazetteer.by_id(found[1].place_id)
    assert pervomaiske.admin1 == "UA-43" and pervomaiske.lat > simferopol.lat + 0.5
    assert "where the text puts it" in found[0].reason


def test_entities_a_place_name_heading_a_formation_name_is_no_place():
    text = ("Ukrainian Tavriisk Group of Forces Commander Oleksandr Tarnavskyi said the Kherson "
            "Operational-Strategic Group holds positions near Krynky and in Kherson.")
    names = [p.text for p in match_entities(text).places]
    assert names == ["Krynky", "Kherson"]
