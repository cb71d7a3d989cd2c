"""The Ukraine theatre pack is complete and consistent."""

from __future__ import annotations

import pytest

from frontwatch.errors import PackError
from frontwatch.places.names import fold_key
from frontwatch.theatres import load_theatre

SIDES = {"RU", "UA", "-"}


def test_pack_scope_and_anchors(theatre):
    assert theatre.countries == ("UA",)
    assert set(theatre.scope_units) == {"RU-BEL", "RU-KRS", "RU-BRY", "RU-VOR", "RU-ROS"}
    anchors = {a.id: a.date.isoformat() for a in theatre.anchors}
    assert anchors["full_scale_invasion"] == "2022-02-24"
    assert anchors["annexation_claim"] == "2022-09-30"
    assert anchors["donbas_war"].startswith("2014-04")


def test_pack_places_name_known_admin_units(theatre):
    for row in theatre.places:
        assert not row.admin1 or theatre.admin_unit(row.admin1), row
        assert row.kind in {"settlement", "raion", "region", "river"}, row


def test_pack_actors_are_consistent(theatre):
    ids = [a.id for a in theatre.actors]
    assert len(ids) == len(set(ids))
    assert all(a.side in SIDES for a in theatre.actors)
    by_id = {a.id: a for a in theatre.actors}
    people = {a.name for a in theatre.actors if a.kind == "person"}
    for name in ("Sergei Shoigu", "Volodymyr Zelensky", "Yuri Sak", "Denis Pushilin"):
        assert any(name.split()[-1] in p for p in people), name
    assert all(a.start is None or a.end is None or a.start <= a.end for a in by_id.values())


def test_pack_weapons_are_consistent(theatre):
    ids = [w.id for w in theatre.weapons]
    assert len(ids) == len(set(ids))
    aliases = {alias for w in theatre.weapons for alias in (w.name, *w.aliases)}
    for name in ("HIMARS", "Tochka-U", "Iskander", "Kalibr", "Kh-101", "Shahed-136",
                 "S-300", "Lancet", "Bayraktar TB2"):
        assert any(fold_key(name) in fold_key(alias) for alias in aliases), name


def test_pack_unknown_theatre_is_a_clear_error():
    load_theatre.cache_clear()
    with pytest.raises(PackError, match="no theatre pack 'atlantis'; known packs: ukraine"):
        load_theatre("atlantis")


def test_pack_two_sides_with_their_opposites_and_names(theatre):
    assert theatre.side_codes == ("RU", "UA")
    assert (theatre.opposite("RU"), theatre.opposite("UA")) == ("UA", "RU")
    assert theatre.opposite("contested") is None and theatre.opposite(None) is None
    assert (theatre.side_adjective("UA"), theatre.side_adjective("contested")) == \
        ("Ukrainian", "contested")


def test_pack_with_other_than_two_sides_is_a_clear_error(tmp_path, monkeypatch):
    import shutil

    import frontwatch.theatres as packs
    pack = tmp_path / "ukraine"
    shutil.copytree(packs.PACKS_DIR / "ukraine", pack)
    toml = pack / "theatre.toml"
    text = toml.read_text("utf-8").replace('UA = "Ukraine and', 'XX = "x"\nUA = "Ukraine and', 1)
    toml.write_text(text, "utf-8")
    monkeypatch.setattr(packs, "PACKS_DIR", tmp_path)
    load_theatre.cache_clear()
    try:
        with pytest.raises(PackError, match=r"\[sides\] must name exactly two sides, not 3"):
            load_theatre("ukraine")
    finally:
        load_theatre.cache_clear()


def test_pack_side_words_name_each_side_and_who_occupies_or_liberates(theatre):
    words = dict(theatre.side_words)
    assert "Russians" in words["RU"] and "Ukrainian" in words["UA"]
    assert (theatre.occupier, theatre.liberator) == ("RU", "UA")


def test_events_read_sides_from_the_pack():
    from frontwatch.events.sides import names_side, side_words
    assert side_words().codes == ("RU", "UA")
    text = "under Russian occupation"
    assert names_side(text, 0, len(text)) == "RU"
    assert side_words().opposite("UA") == "RU"
