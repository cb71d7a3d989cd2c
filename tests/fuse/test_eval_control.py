"""`frontwatch eval control` against hand-made truth files."""

import json

from tests.conftest import write

WIKI = ("name,lat,lon,from_status,to_status,first_seen_utc,wiki_as_of,more_information,"
        "source_link\n"
        "Lyman,48.98,37.81,,Russia,2022-05-28T10:00:00+02:00,,,\n"
        "Lyman,48.98,37.81,Russia,Ukraine,2022-10-02T09:00:00+02:00,,,\n"
        "Nowhere Town,,,Russia,Ukraine,2022-10-02T09:00:00+02:00,,,\n")
DEEPSTATE = ("name,lat,lon,place_source,place_extra,date,from_status,to_status,deepstate_file\n"
             "Lyman,48.98,37.81,x,,2022-04-03,,UA,f\n"
             "Lyman,48.98,37.81,x,,2022-05-27,UA,RU,f\n"
             "Lyman,48.98,37.81,x,,2022-10-01,RU,UA,f\n")
NEWS = {"id": "a1", "outlet": "Wire One", "published": "2022-10-02",
        "text": "Ukrainian forces liberated Lyman on October 1, the Ukrainian General Staff "
                "said. Russia's defence ministry confirmed that its troops withdrew from Lyman "
                "on October 1."}


def test_eval_control_reproduces_a_truth_change_and_counts_unmatched_names(tmp_path, cli):
    write(tmp_path / "truth" / "wikipedia_control_changes_dev.csv", WIKI)
    write(tmp_path / "truth" / "deepstate_settlement_changes_dev.csv", DEEPSTATE)
    write(tmp_path / "in" / "a.jsonl", json.dumps(NEWS) + "\n")
    assert cli("ingest", str(tmp_path / "in")).exit_code == 0
    # the claimed layer: one wire report is not enough for the assessed one
    result = cli("eval", "control", str(tmp_path / "truth"), "--basis", "claimed",
                 "--format", "jsonl")
    report = json.loads(result.output)
    # Both trackers report Lyman to UA (Oct 1 and 2): one change, reproduced within 2 days;
    # the two earlier changes to RU (May 27 and 28) are one change no document speaks of.
    assert report["truth_changes"] == 2
    assert report["unmatched_truth_names"] == 1
    assert (report["in_scope"], report["reproduced"]) == (1, 1)
    assert report["assessed_changes"] == 1 and report["contradicted"] == 0
    assert cli("eval", "control", str(tmp_path / "truth"), "--basis", "all").exit_code == 2
