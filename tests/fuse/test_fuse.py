"""Fusion of hand-built mentions: clustering by date, repairs, statuses, contradictions, ids."""

from dataclasses import replace
from datetime import date

import pytest

from frontwatch.fuse import DAY_WINDOW, contradictions, resolve_events
from frontwatch.model import Mention

BASE = Mention(doc_id="d1", seq=0, type="control", place_key="P1", place_id="P1",
               place_text="Lyman", controller="UA", action="liberated",
               first=date(2022, 10, 1), last=date(2022, 10, 1), granularity="day",
               date_type="exact", source="outlet:Wire", source_name="Wire",
               claimant_side=None, stance="asserts", outlet="Wire",
               published=date(2022, 10, 2))


def mention(**changes) -> Mention:
    return replace(BASE, **changes)


def test_fuse_days_within_window_are_one_event():
    events = resolve_events([
        mention(),
        mention(doc_id="d2", first=date(2022, 10, 2), last=date(2022, 10, 2),
                source="outlet:Other", outlet="Other")])
    assert len(events) == 1
    assert events[0].first == date(2022, 10, 1)
    assert events[0].n_outlets == 2


def test_fuse_days_beyond_window_are_two_events():
    later = date(2022, 10, 1 + DAY_WINDOW + 1)
    events = resolve_events([mention(), mention(doc_id="d2", first=later, last=later)])
    assert len(events) == 2


@pytest.mark.parametrize("field,value", [("controller", "RU"), ("place_key", "P2"),
                                         ("type", "strike")])
def test_fuse_different_group_never_merges(field, value):
    assert len(resolve_events([mention(), mention(doc_id="d2", **{field: value})])) == 2


def test_fuse_month_dated_mention_joins_the_one_day_event_inside_it():
    events = resolve_events([
        mention(), mention(doc_id="d2", first=date(2022, 10, 1), last=date(2022, 10, 31),
                           granularity="month", date_type="range")])
    assert len(events) == 1 and events[0].granularity == "day"


def test_fuse_undated_mention_is_repaired_from_the_one_event_before_publication():
    undated = mention(doc_id="d3", first=None, last=None, date_type="unresolved",
                      published=date(2022, 10, 4))
    (event,) = resolve_events([mention(), undated])
    repaired = next(m for m in event.members if m.mention.doc_id == "d3")
    assert repaired.first == date(2022, 10, 1)
    assert "the only event of this kind" in repaired.repair_reason


def test_fuse_undated_mention_takes_the_latest_event_before_publication():
    undated = mention(doc_id="d3", first=None, last=None, date_type="unresolved",
                      published=date(2022, 10, 9))
    other = mention(doc_id="d2", first=date(2022, 10, 6), last=date(2022, 10, 6))
    events = resolve_events([mention(), other, undated])
    target = next(e for e in events if any(m.mention.doc_id == "d3" for m in e.members))
    assert target.first == date(2022, 10, 6)
    assert "latest of 2 events" in target.members[-1].repair_reason


def test_fuse_undated_mention_stays_unresolved_without_an_event_before_publication():
    undated = mention(doc_id="d3", first=None, last=None, date_type="unresolved",
                      published=date(2022, 9, 1))
    events = resolve_events([mention(), undated])
    alone = next(e for e in events if any(m.mention.doc_id == "d3" for m in e.members))
    assert alone.date_type == "unresolved" and len(alone.members) == 1


def test_fuse_yearless_date_names_its_year_and_dates_the_document():
    """'July 3' with no publication date: the year comes from the event it names, and the
    document's undated mentions are then read against that day."""
    july3 = date(2022, 7, 3)
    dated = [mention(doc_id=f"w{i}", first=july3, last=july3, controller="RU",
                     source=f"outlet:W{i}", outlet=f"W{i}") for i in range(2)]
    yearless = mention(doc_id="n", seq=0, first=None, last=None, controller="RU",
                       date_text="July 3", date_provenance="yearless", published=None)
    undated = mention(doc_id="n", seq=1, first=None, last=None, controller="RU",
                      published=None)
    older = mention(doc_id="o", first=date(2021, 7, 1), last=date(2021, 7, 1),
                    controller="RU")

    def reread(words, reference):
        assert words == "July 3"
        day = date(reference.year, 7, 3)
        return day, day

    events = resolve_events([*dated, yearless, undated, older], reread)
    (event,) = [e for e in events if e.first == july3]
    reasons = {m.mention.seq: m.repair_reason for m in event.members if m.mention.doc_id == "n"}
    assert "'July 3' has no year" in reasons[0]
    assert "dated by fusion" in reasons[1]


def test_fuse_a_document_fusion_dated_tells_that_day_where_no_event_takes_a_mention():
    """In a report dated only by fusion ("July 3" names a known event), an undated strike
    that joins no event takes the report's day, as an undated sentence of a dated report takes
    its publication day; a year-less "July 4" is read against that day."""
    july3 = date(2022, 7, 3)
    known = mention(doc_id="w", first=july3, last=july3, controller="RU")
    yearless = mention(doc_id="n", seq=0, first=None, last=None, controller="RU",
                       date_text="July 3", date_provenance="yearless", published=None)
    strike = mention(doc_id="n", seq=1, type="strike", place_key="P9", controller=None,
                     first=None, last=None, published=None)
    later = mention(doc_id="n", seq=2, type="strike", place_key="P8", controller=None,
                    first=None, last=None, published=None, date_text="July 4",
                    date_provenance="yearless")

    def reread(words, reference):
        day = date(reference.year, 7, int(words.split()[1]))
        return day, day

    recalled = mention(doc_id="n", seq=3, type="strike", place_key="P7", controller=None,
                       first=None, last=None, published=None, background=True)
    events = {e.place_key: e for e in resolve_events([known, yearless, strike, later, recalled],
                                                      reread)}
    assert events["P7"].first is None  # a recalled event is not the news of the day
    struck = events["P9"].members[0]
    assert (struck.first, events["P9"].date_type) == (july3, "approximate")
    assert "fusion dated the document to 2022-07-03" in struck.repair_reason
    assert events["P8"].members[0].first == date(2022, 7, 4)


def test_fuse_undated_mention_never_takes_an_event_dated_after_its_report():
    """The window is judged on the day the event gets (its mentions' vote), not on its
    earliest mention: an event voted to a day after publication cannot be what the report
    recalls."""
    early = mention(doc_id="a", first=date(2022, 10, 1), last=date(2022, 10, 1))
    voted = [mention(doc_id=f"b{i}", first=date(2022, 10, 3), last=date(2022, 10, 3),
                     source=f"outlet:B{i}", outlet=f"B{i}") for i in range(2)]
    undated = mention(doc_id="u", first=None, last=None, date_type="unresolved",
                      published=date(2022, 10, 2))
    events = resolve_events([early, *voted, undated])
    alone = next(e for e in events if any(m.mention.doc_id == "u" for m in e.members))
    assert alone.first is None and len(alone.members) == 1


def test_fuse_status_confirmed_when_the_losing_side_supports_a_capture():
    claim = mention(controller="RU", action="captured", source="actor:ru-mod",
                    source_name="Russian Ministry of Defence", claimant_side="RU",
                    stance="claims")
    denial = mention(doc_id="d2", controller="RU", source="claimant:yuri sak",
                     source_name="Yuri Sak", claimant_side="UA", stance="denies")
    (disputed,) = resolve_events([claim, denial])
    assert disputed.status == "disputed"
    admission = mention(doc_id="d3", controller="RU", source="actor:ua-general-staff",
                        source_name="General Staff", claimant_side="UA", stance="confirms")
    (confirmed,) = resolve_events([claim, denial, admission])
    assert confirmed.status == "confirmed"
    assert "Yuri Sak" in confirmed.status_reason  # the earlier denial stays in the reasoning


def test_fuse_status_claimed_corroborated_denied():
    assert resolve_events([mention()])[0].status == "claimed"
    relay = mention(doc_id="d2", outlet="Other")  # same source relayed by another outlet
    assert resolve_events([mention(), relay])[0].status == "claimed"
    second = mention(doc_id="d2", source="outlet:Other", outlet="Other")
    assert resolve_events([mention(), second])[0].status == "corroborated"
    assert resolve_events([mention(stance="denies")])[0].status == "denied"


def test_fuse_status_one_sides_claimants_do_not_corroborate_each_other():
    ministry = mention(source="claimant:ministry", claimant_side="UA", stance="claims")
    staff = mention(doc_id="d2", source="claimant:general staff", claimant_side="UA",
                    stance="claims")
    (event,) = resolve_events([ministry, staff])
    assert event.status == "claimed" and "all on the UA side" in event.status_reason
    wire = mention(doc_id="d3", source="outlet:Wire", outlet="Wire")
    assert resolve_events([ministry, staff, wire])[0].status == "corroborated"


def test_fuse_status_sources_named_in_one_sentence_are_one_report():
    local = mention(source="claimant:local media", sentence=40)
    social = mention(seq=1, source="claimant:social media users", sentence=40)
    (event,) = resolve_events([local, social])
    assert event.status == "claimed" and "one report naming several" in event.status_reason
    elsewhere = replace(social, doc_id="d2", sentence=40)
    assert resolve_events([local, elsewhere])[0].status == "corroborated"


def test_fuse_contradictions_pair_opposite_controllers_on_overlapping_days():
    events = resolve_events([mention(), mention(doc_id="d2", controller="RU"),
                             mention(doc_id="d3", controller="contested")])
    found = contradictions(events)
    ua = next(e for e in events if e.controller == "UA")
    ru = next(e for e in events if e.controller == "RU")
    assert found[ua.id] == [ru.id] and found[ru.id] == [ua.id]
    assert all(e.controller != "contested" or e.id not in found for e in events)


def test_fuse_event_keeps_its_id_when_it_gains_mentions_that_keep_its_date():
    (first,) = resolve_events([mention(doc_id="d5")])
    same_day = mention(doc_id="d0", source="outlet:Other", outlet="Other")
    month = mention(doc_id="d9", first=date(2022, 10, 1), last=date(2022, 10, 31),
                    granularity="month", date_type="range")
    (grown,) = resolve_events([mention(doc_id="d5"), same_day, month])
    assert grown.id == first.id and len(grown.members) == 3


def test_fuse_event_id_is_a_function_of_its_content():
    """Same type, place, controller and dates: the same id, whichever mentions made it."""
    (one,) = resolve_events([mention(doc_id="a")])
    (other,) = resolve_events([mention(doc_id="b", seq=4)])
    assert one.id == other.id
    (later,) = resolve_events([mention(doc_id="a", first=date(2022, 10, 9),
                                       last=date(2022, 10, 9))])
    assert later.id != one.id


def test_fuse_event_ids_stay_unique_when_content_repeats():
    """Undated events of two documents share type, place, controller and (no) dates: each is
    told apart by its own mentions."""
    undated = [mention(doc_id=d, first=None, last=None, date_type="unresolved", published=None)
               for d in ("a", "b")]
    events = resolve_events(undated)
    assert len({e.id for e in events}) == 2
    assert {e.id for e in resolve_events(undated[::-1])} == {e.id for e in events}


MARIUPOL = dict(place_key="P7", place_id="P7", place_text="Mariupol", controller="RU",
                action="captured", published=date(2022, 5, 1))


@pytest.mark.parametrize("first,last,published,expected", [
    # 'since May 20' after its report's day (the crash in #fuse-open-range): the day itself
    (date(2022, 5, 20), None, date(2022, 5, 1), (date(2022, 5, 20), date(2022, 5, 20))),
    # a standing state since April 1, still reported on May 1
    (date(2022, 4, 1), None, date(2022, 5, 1), (date(2022, 4, 1), date(2022, 5, 1))),
    (date(2022, 4, 1), None, None, (date(2022, 4, 1), date(2022, 4, 1))),
    # 'until April 3': the one day its words fix
    (None, date(2022, 4, 3), date(2022, 5, 1), (date(2022, 4, 3), date(2022, 4, 3))),
    # written backwards: put in order
    (date(2022, 4, 9), date(2022, 4, 2), None, (date(2022, 4, 2), date(2022, 4, 9))),
])
def test_fuse_open_and_partial_ranges_get_a_closed_event_date(first, last, published,
                                                              expected):
    open_range = mention(first=first, last=last, date_type="range", **{**MARIUPOL,
                                                                       "published": published})
    (event,) = resolve_events([open_range])
    assert (event.first, event.last) == expected
    (member,) = event.members
    assert (member.first, member.last) == (first, last)  # the mention keeps its own words' date


def test_fuse_open_range_beside_a_capture_neither_crashes_nor_contradicts():
    """'Russian forces captured Mariupol on April 20, 2022. Russian forces have occupied
    Mariupol since May 20, 2022.', published 2022-05-01."""
    captured = mention(first=date(2022, 4, 20), last=date(2022, 4, 20), background=True,
                       **MARIUPOL)
    occupied = mention(seq=1, first=date(2022, 5, 20), last=None, date_type="range",
                       **MARIUPOL)
    held_by_ua = mention(doc_id="d2", first=date(2022, 5, 20), last=None, date_type="range",
                         **{**MARIUPOL, "controller": "UA"})
    events = resolve_events([captured, occupied, held_by_ua])
    assert all(e.first is not None and e.last is not None for e in events)
    found = contradictions(events)
    assert len(found) == 2  # RU and UA both since May 20: the two open states contradict


def test_fuse_an_unnamed_side_joins_a_side_never_the_fighting():
    """'Lyman has fallen' names no side: it can be one side's capture, not a battle."""
    unnamed = mention(doc_id="d2", controller=None, action="captured")
    fighting = mention(doc_id="d3", controller="contested", action="contested")
    events = resolve_events([unnamed, fighting])
    assert sorted(len(e.members) for e in events) == [1, 1]
    (joined,) = [e for e in resolve_events([mention(), unnamed]) if len(e.members) == 2]
    assert joined.controller == "UA"
