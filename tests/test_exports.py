"""Exports analysts load elsewhere: ACLED's CSV layout, Parquet (pyarrow, pandas, DuckDB) and
GeoJSON with flat properties for QGIS."""

import csv
import io
import json

import pytest

from frontwatch.export.acled import COLUMNS
from tests.conftest import write

# ACLED's published column order, written out here from ACLED's codebook, not from the code.
ACLED_HEADER = ("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,"
                "sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,"
                "interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,"
                "location,latitude,longitude,geo_precision,source,source_scale,notes,"
                "fatalities,tags,timestamp")
TEXT = ("Russian forces captured Lysychansk on July 3, the Russian Defence Ministry said. "
        "Ukrainian forces liberated Lyman on July 3, the General Staff said. "
        "A Russian missile strike hit Kramatorsk on July 4. At least 3 people were killed in "
        "Kramatorsk on July 4, the governor said.\n")


@pytest.fixture
def ingested(tmp_path, cli):
    path = write(tmp_path / "in.jsonl", json.dumps({
        "id": "a1", "outlet": "Steppe Wire", "published": "2022-07-05", "text": TEXT}) + "\n")
    assert cli("ingest", str(path)).exit_code == 0
    return cli


def test_acled_csv_has_acleds_exact_header_and_maps_types(ingested):
    result = ingested("export", "events", "--format", "acled-csv")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == ACLED_HEADER and len(COLUMNS) == 31
    rows = {r["location"]: r for r in csv.DictReader(io.StringIO(result.output))}
    captured, liberated, strike = rows["Lysychansk"], rows["Lyman"], rows["Kramatorsk"]
    assert (captured["event_type"], captured["sub_event_type"]) == (
        "Battles", "Non-state actor overtakes territory")
    assert captured["actor1"].startswith("Military Forces of Russia")
    assert captured["actor2"].startswith("Military Forces of Ukraine")
    assert liberated["sub_event_type"] == "Government regains territory"
    assert (strike["event_type"], strike["sub_event_type"]) == (
        "Explosions/Remote violence", "Shelling/artillery/missile attack")
    assert strike["fatalities"] == "3" and strike["actor1"].startswith("Military Forces of Russia")
    assert captured["event_date"] == "2022-07-03" and captured["time_precision"] == "1"
    assert (captured["iso"], captured["country"], captured["admin1"]) == (
        "804", "Ukraine", "Luhansk Oblast")
    assert captured["geo_precision"] == "1" and float(captured["latitude"]) > 48
    assert "Steppe Wire" in captured["source"] and "ev-" in captured["tags"]


@pytest.mark.parametrize("what", ["events", "mentions", "control"])
def test_parquet_reads_back_in_pyarrow_pandas_and_duckdb(ingested, tmp_path, what):
    import duckdb
    import pandas
    import pyarrow.parquet as pq
    path = tmp_path / f"{what}.parquet"
    assert ingested("export", what, "--format", "parquet", "-o", str(path)).exit_code == 0
    expected = [json.loads(line) for line in
                ingested("export", what, "--format", "jsonl").output.splitlines()]
    table = pq.read_table(path)
    assert table.num_rows == len(expected) > 0
    assert table.to_pylist()[0]["place"]["name"] == expected[0]["place"]["name"]
    assert len(pandas.read_parquet(path)) == len(expected)
    assert duckdb.connect().execute(f"SELECT count(*) FROM '{path}'").fetchone()[0] == \
        len(expected)


def test_parquet_needs_an_output_file(ingested):
    result = ingested("export", "events", "--format", "parquet")
    assert result.exit_code == 2 and "-o FILE.parquet" in result.output


def test_geojson_is_lon_lat_and_flat_properties_are_plain_values(ingested):
    nested = json.loads(ingested("export", "events", "--format", "geojson").output)
    flat = json.loads(ingested("export", "events", "--format", "geojson", "--flat").output)
    lysychansk = next(f for f in flat["features"]
                      if f["properties"]["place_name"] == "Lysychansk")
    lon, lat = lysychansk["geometry"]["coordinates"]
    assert 38 < lon < 39 and 48 < lat < 49  # RFC 7946: longitude first
    assert all(not isinstance(v, (dict, list)) for v in lysychansk["properties"].values())
    assert len(flat["features"]) == len(nested["features"])
    assert ingested("export", "events", "--flat").exit_code == 2


def test_a_strike_carries_its_weapon_and_a_drone_strike_is_an_air_strike(tmp_path, cli):
    path = write(tmp_path / "drones.jsonl", json.dumps({
        "id": "d1", "outlet": "Steppe Wire", "published": "2022-10-18",
        "text": "Russian forces struck Kyiv with Shahed-136 drones on October 17.\n"}) + "\n")
    assert cli("ingest", str(path)).exit_code == 0
    mentions = [json.loads(line) for line in cli("export", "mentions").output.splitlines()]
    strike = next(m for m in mentions if m["type"] == "strike")
    assert strike["weapon"]["category"] == "loitering_munition"
    words = "Russian forces struck Kyiv with Shahed-136 drones on October 17.\n"
    assert words[strike["weapon"]["start"]:strike["weapon"]["end"]].startswith("Shahed-136")
    rows = list(csv.DictReader(io.StringIO(cli("export", "events", "--format",
                                               "acled-csv").output)))
    assert rows[0]["sub_event_type"] == "Air/drone strike"
