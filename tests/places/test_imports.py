"""``frontwatch gazetteer import``: GeoNames dumps and postal-code files, and how their rows
merge into the gazetteer."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontwatch.errors import UnknownImportFormat
from frontwatch.places.gazetteer import _merge_geonames, _Merger
from frontwatch.places.imports import ImportedPlace, import_file, read_imports
from frontwatch.places.sources import Entry
from tests.conftest import SHARED

POSTAL_CSV = SHARED / "gazetteer" / "geonames_postalcodes_UA.csv"


def geonames_row(geoname_id, name, alternates, feature_class, country, admin1, lat, lon,
                 population) -> str:
    """One line of a GeoNames dump: 19 tab-separated columns."""
    columns = [str(geoname_id), name, name, alternates, str(lat), str(lon), feature_class,
               "PPL", country, "", admin1, "", "", "", str(population), "", "100",
               "Europe/Kyiv", "2024-01-01"]
    return "\t".join(columns) + "\n"


def test_import_geonames_dump_keeps_populated_places_in_scope(tmp_path, theatre):
    dump = tmp_path / "UA.txt"
    dump.write_text(
        geonames_row(9000001, "Izyum", "Изюм,Ізюм", "P", "UA", "07", 49.21, 37.26, 45_000)
        + geonames_row(9000002, "Kharkivska Oblast", "", "A", "UA", "07", 49.5, 36.5, 0)
        + geonames_row(9000003, "Moscow", "Москва", "P", "RU", "48", 55.75, 37.62, 10_000_000),
        encoding="utf-8")
    summary = import_file(dump, theatre, tmp_path / "imports")
    assert (summary.layout, summary.rows_read, summary.places_kept) == ("geonames", 3, 1)
    [place] = list(read_imports(theatre, tmp_path / "imports"))
    # the standard name comes from the Ukrainian alternate, whatever the dump's own spelling
    assert (place.id, place.name, place.uk, place.admin1) == ("gn:9000001", "Izium", "Ізюм",
                                                              "UA-63")
    assert place.creates and place.population == 45_000 and place.source == "import:UA.txt"


def test_import_rejects_a_file_of_another_layout(tmp_path, theatre):
    other = tmp_path / "places.tsv"
    other.write_text("name\tlat\tlon\nIzium\t49.2\t37.3\n", encoding="utf-8")
    with pytest.raises(UnknownImportFormat, match="neither a GeoNames dump"):
        import_file(other, theatre, tmp_path / "imports")


def test_imported_rows_go_to_the_namesake_they_are_near(theatre):
    # Two villages of one name in one oblast, both placed only at their raion's centre.
    north = Entry("UA-north", "Andriivka", "settlement", "UA", "UA-63", uk="Андріївка",
                  lat=50.0, lon=36.0, coord_precision="raion")
    south = Entry("UA-south", "Andriivka", "settlement", "UA", "UA-63", uk="Андріївка",
                  lat=49.0, lon=37.0, coord_precision="raion")
    merger = _Merger(theatre, [north, south])
    for lat, lon in ((49.1, 37.1), (50.1, 36.1)):
        merger.add_imported(ImportedPlace("", "Andriivka", "Андріївка", "UA", "UA-63", lat, lon,
                                          0, False, ("Андріївка",), "import:postal"))
    assert (south.lat, south.coord_precision) == (49.1, "point")
    assert (north.lat, north.coord_precision) == (50.1, "point")


def test_geonames_town_goes_to_the_hromada_centre_among_namesakes():
    # Shevchenkove: a village (settlement 032 of hromada 001) and the town that is the centre
    # (settlement 001) of its hromada, in one raion; GeoNames has one point for the name.
    village = Entry("UA63080010320060330", "Shevchenkove", "settlement", "UA", "UA-63",
                    raion_id="UA63080000000000000", rank=1, uk="Шевченкове")
    town = Entry("UA63080150010082504", "Shevchenkove", "settlement", "UA", "UA-63",
                 raion_id="UA63080000000000000", rank=2, uk="Шевченкове")
    anchor = Entry("UA63080090010026457", "Kupiansk", "settlement", "UA", "UA-63",
                   raion_id="UA63080000000000000", rank=3, uk="Куп'янськ", lat=49.71, lon=37.61,
                   coord_precision="point")
    geonames = Entry("gn:1", "Shevchenkovo", "settlement", "UA", "UA-63", lat=49.695,
                     lon=37.176, population=7090, alt_forms={"Шевченкове"}, sources={"geonames"})
    unmatched = _merge_geonames([village, town, anchor], [geonames])
    assert unmatched == []
    assert (town.lat, town.population) == (49.695, 7090) and village.lat is None


@pytest.mark.skipif(not POSTAL_CSV.is_file(),
                    reason=f"the GeoNames postal file is not at {POSTAL_CSV} (../shared beside "
                           "the checkout)")
def test_import_the_shared_postal_csv(tmp_path, theatre):
    summary = import_file(POSTAL_CSV, theatre, tmp_path / "imports")
    assert summary.layout == "postal-csv"
    assert summary.rows_read == 29_571
    assert summary.places_kept > 20_000
    rows = list(read_imports(theatre, tmp_path / "imports"))
    by_name = {(p.name, p.admin1) for p in rows}
    assert ("Cherkasy", "UA-71") in by_name
    assert ("Kharkiv", "UA-63") in by_name
    assert ("Kyiv", "UA-30") in by_name  # the postal admin codes for Kyiv differ from GeoNames
    assert all(not p.creates for p in rows)  # postal rows only place known settlements
    assert Path(summary.saved_as).name == "geonames_postalcodes_UA.csv.tsv"
