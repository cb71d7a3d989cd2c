"""Copies (MinHash), truth discovery and control timelines on hand-made inputs."""

from datetime import date

import numpy as np

from frontwatch.control import Observation, claimed_timelines, state_at
from frontwatch.fuse.copies import find_copies, text_signature
from frontwatch.reliability import Vote, discover_truth

STORY = ("Ukrainian forces liberated the town of Lyman in Donetsk Oblast on Saturday after "
         "Russian troops withdrew to avoid encirclement, the defence ministry said, adding "
         "that the railway hub had been held by Russia since late May. ") * 3


def test_copies_link_a_syndicated_copy_to_the_earliest_document():
    copy = "Wire service. " + STORY + "Read more on our site."
    other = "Russian missiles struck energy infrastructure in Kharkiv overnight, the mayor " \
            "said, leaving parts of the city without power for several hours on Monday."
    signatures = {d: text_signature(t) for d, t in (("a", STORY), ("b", copy), ("c", other))}
    order = {"a": ("2022-10-01", "a"), "b": ("2022-10-02", "b"), "c": ("2022-10-01", "c")}
    copies = find_copies(signatures, order)
    assert set(copies) == {"b"}
    assert copies["b"][0] == "a" and copies["b"][1] >= 0.8


def test_copies_signature_of_empty_text_is_none():
    assert text_signature("  ...  ") is None


def test_copies_signature_estimates_the_jaccard_similarity_of_shingles():
    words = [f"w{i}" for i in range(2004)]
    # each text has 1,500 5-shingles, 1,000 of them shared: Jaccard 1,000 / 2,000 = 0.5
    first, second = " ".join(words[:1504]), " ".join(words[500:])
    a = np.frombuffer(text_signature(first), dtype="<u4")
    b = np.frombuffer(text_signature(second), dtype="<u4")
    assert 0.37 <= np.count_nonzero(a == b) / len(a) <= 0.63  # 3 standard deviations
    # the same text gives the same bytes in another order of calls (fixed constants, no
    # per-process salt): stored signatures stay comparable
    assert text_signature(second) == b.tobytes() and text_signature(first) == a.tobytes()
    # case and punctuation do not change the shingles
    assert text_signature(first.upper().replace(" ", ", ")) == a.tobytes()


def test_copies_band_search_finds_every_pair_above_the_threshold():
    base = [f"w{i}" for i in range(400)]
    texts = {"a": " ".join(base)}
    for n, cut in enumerate((10, 20, 30)):  # about 0.95, 0.90, 0.86 similar to "a"
        texts[f"c{n}"] = " ".join(base[cut:] + [f"x{n}"] * 1)
    texts["far"] = " ".join(f"v{i}" for i in range(400))
    signatures = {d: text_signature(t) for d, t in texts.items()}
    copies = find_copies(signatures, {d: (d,) for d in texts})
    assert set(copies) == {"c0", "c1", "c2"} and {o for o, _ in copies.values()} == {"a"}


def test_reliability_lowers_the_source_that_contradicts_two_others():
    votes = []
    for i in range(6):
        votes += [Vote(f"o{i}", "UA", True, "good1"), Vote(f"o{i}", "UA", True, "good2"),
                  Vote(f"o{i}", "RU", True, "bad")]
    found = discover_truth(votes, {})
    assert found.scores["bad"].score < 0.4 < 0.8 < found.scores["good1"].score
    assert found.posteriors["o0"]["UA"] > 0.9
    assert found.scores["bad"].n_tested == 6


def test_reliability_ignores_facts_stated_by_one_source_only():
    found = discover_truth([Vote("o1", "UA", True, "alone")], {})
    assert found.scores["alone"].n_tested == 0 and found.posteriors == {}


def obs(event_id, controller, day, change=False, status="corroborated", weight=0.8,
        action="holds"):
    return Observation(event_id, "P1", controller, day, change, status, weight, action)


def test_control_claimed_timeline_intervals_and_changes():
    intervals = claimed_timelines([
        obs("e1", "RU", date(2022, 3, 1)),
        obs("e2", "RU", date(2022, 3, 5)),
        obs("e3", "UA", date(2022, 9, 10), change=True, action="liberated"),
        obs("e4", "RU", date(2022, 9, 20), status="claimed", weight=0.5),
    ])
    assert {i.basis for i in intervals} == {"claimed"}
    assert [(i.controller, i.date_from, i.change) for i in intervals] == [
        ("RU", date(2022, 3, 1), False), ("UA", date(2022, 9, 10), True),
        ("RU", date(2022, 9, 20), True)]
    assert intervals[0].date_to == date(2022, 9, 9) and intervals[0].last_seen == date(2022, 3, 5)
    assert "liberated" in intervals[1].explanation
    assert state_at(intervals, date(2022, 6, 1)).controller == "RU"
    assert state_at(intervals, date(2022, 2, 1)) is None


def test_control_claimed_turn_after_a_long_silence_is_no_dated_change():
    intervals = claimed_timelines([
        obs("e1", "contested", date(2022, 8, 16)),
        obs("e2", "RU", date(2024, 1, 20)),  # "occupied X", 17 months later
        obs("e3", "UA", date(2024, 3, 1), change=True, action="liberated"),
    ])
    assert [(i.controller, i.change) for i in intervals] == [
        ("contested", False), ("RU", False), ("UA", True)]


def test_control_same_day_conflict_goes_to_the_heavier_evidence():
    (claimed,) = claimed_timelines([obs("e1", "RU", date(2022, 3, 1), weight=0.9),
                                    obs("e2", "UA", date(2022, 3, 1), weight=0.6)])
    assert claimed.controller == "RU" and "e2" in claimed.explanation


def test_control_denied_events_are_not_evidence():
    assert claimed_timelines([obs("e1", "RU", date(2022, 3, 1), status="denied")]) == []


def test_copies_signature_of_a_long_text_read_in_pieces_equals_one_pass():
    from frontwatch.fuse import copies
    text = " ".join(f"word{i % 50_000}x{i // 7}" for i in range(250_000))  # about 3 MB
    assert len(list(copies._parts(text))) > 1
    hashes = np.array([copies._word_hash(w) for w in text.lower().split()], dtype=np.uint64)
    whole = np.full(copies.NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint64)
    copies._fold(whole, copies._shingles(hashes, copies.SHINGLE))
    assert text_signature(text) == whole.astype("<u4").tobytes()
