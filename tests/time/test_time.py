"""Time expressions: found at the right offsets, resolved against the right day, or honestly not."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontwatch.theatres import Anchor, load_theatre
from frontwatch.time import VERSION, TimeExpr, find_time_expressions
from tests.conftest import needs_shared, SEEDS

THEATRE = load_theatre()
D = date.fromisoformat


def find(text: str, published: date | None = None, theatre=THEATRE) -> list[TimeExpr]:
    found = find_time_expressions(text, published, theatre)
    for expr in found:
        assert text[expr.start:expr.end] == expr.text
    return found


def one(text: str, words: str, published: date | None = None) -> TimeExpr:
    """The expression whose words are ``words``."""
    found = [expr for expr in find(text, published) if expr.text == words]
    assert len(found) == 1, [expr.text for expr in find(text, published)]
    return found[0]


def interval(expr: TimeExpr) -> tuple:
    return (expr.first and expr.first.isoformat(), expr.last and expr.last.isoformat(),
            expr.granularity, expr.type)


@pytest.mark.parametrize("text, words, published, first, last, granularity, kind", [
    # absolute dates
    ("It fell on July 3, 2022.", "July 3, 2022", None, "2022-07-03", "2022-07-03", "day", "exact"),
    ("It fell on 3 July 2022.", "3 July 2022", None, "2022-07-03", "2022-07-03", "day", "exact"),
    ("on the 3rd of July 2022", "3rd of July 2022", None, "2022-07-03", "2022-07-03", "day",
     "exact"),
    ("date 2022-07-04 The", "2022-07-04", None, "2022-07-04", "2022-07-04", "day", "exact"),
    ("Posted 04.07.2022 by", "04.07.2022", None, "2022-07-04", "2022-07-04", "day", "exact"),
    ("since Feb. 24, 2022,", "since Feb. 24, 2022", D("2022-07-04"), "2022-02-24", "2022-07-04",
     "day", "range"),
    ("Tuesday, July 23, 2024", "Tuesday, July 23, 2024", None, "2024-07-23", "2024-07-23", "day",
     "exact"),
    ("in September 2022 Kyiv", "September 2022", None, "2022-09-01", "2022-09-30", "month",
     "exact"),
    ("by mid-September 2022", "mid-September 2022", None, "2022-09-11", "2022-09-20", "month",
     "approximate"),
    # year-less dates take the publication year
    ("fell on July 3 as", "July 3", D("2022-07-04"), "2022-07-03", "2022-07-03", "day", "exact"),
    ("fell on July 3rd as", "July 3rd", D("2022-07-04"), "2022-07-03", "2022-07-03", "day",
     "exact"),
    ("On November 10 the", "November 10", D("2022-11-12"), "2022-11-10", "2022-11-10", "day",
     "exact"),
    ("strikes on December 28 hit", "December 28", D("2023-01-05"), "2022-12-28", "2022-12-28",
     "day", "exact"),
    ("talks on July 10 are", "July 10", D("2022-07-04"), "2022-07-10", "2022-07-10", "day",
     "exact"),
    ("late on July 3 the", "late on July 3", D("2022-07-04"), "2022-07-03", "2022-07-03", "day",
     "approximate"),
    # "early" before a full date is early that day, not the first days of the month
    ("bypassed it early February 25 before", "early February 25", D("2022-02-25"),
     "2022-02-25", "2022-02-25", "day", "approximate"),
    # a weekday beside a year-less date picks the year
    ("Kherson on Thursday. November 10.", "Thursday. November 10", None, "2022-11-10",
     "2022-11-10", "day", "exact"),
    ("on Thursday, November 10 the", "Thursday, November 10", D("2023-01-20"), "2022-11-10",
     "2022-11-10", "day", "exact"),
    # ranges
    ("fighting on March 27-28 near", "March 27-28", D("2022-03-29"), "2022-03-27", "2022-03-28",
     "day", "range"),
    ("shelling from May 5-6 in", "May 5-6", D("2022-05-10"), "2022-05-05", "2022-05-06", "day",
     "range"),
    ("on March 31-April 1 the", "March 31-April 1", D("2022-04-02"), "2022-03-31", "2022-04-01",
     "day", "range"),
    ("between July 11 and 12 the", "July 11 and 12", D("2022-07-20"), "2022-07-11",
     "2022-07-12", "day", "range"),
    ("on 27-28 March 2022 the", "27-28 March 2022", None, "2022-03-27", "2022-03-28", "day",
     "range"),
    # relative to the publication date
    ("yesterday the city fell", "yesterday", D("2022-07-04"), "2022-07-03", "2022-07-03", "day",
     "exact"),
    ("Today the city fell", "Today", D("2022-07-04"), "2022-07-04", "2022-07-04", "day", "exact"),
    ("this morning the city fell", "this morning", D("2022-07-04"), "2022-07-04", "2022-07-04",
     "day", "exact"),
    ("strikes tonight on", "tonight", D("2022-07-04"), "2022-07-04", "2022-07-04", "day", "exact"),
    ("last week the city fell", "last week", D("2022-07-04"), "2022-06-27", "2022-07-03", "week",
     "range"),
    ("this week the city fell", "this week", D("2022-07-06"), "2022-07-04", "2022-07-10", "week",
     "range"),
    ("last month the city fell", "last month", D("2022-07-04"), "2022-06-01", "2022-06-30",
     "month", "exact"),
    ("earlier this month it", "earlier this month", D("2022-07-04"), "2022-07-01", "2022-07-04",
     "month", "range"),
    ("in September the offensive", "September", D("2022-10-05"), "2022-09-01", "2022-09-30",
     "month", "exact"),
    ("since September the offensive", "since September", D("2022-10-05"), "2022-09-01",
     "2022-10-05", "month", "range"),
    ("in early September the", "early September", D("2022-10-05"), "2022-09-01", "2022-09-10",
     "month", "approximate"),
    ("in late May the", "late May", D("2022-07-04"), "2022-05-21", "2022-05-31", "month",
     "approximate"),
    ("on Monday the city fell", "Monday", D("2022-07-04"), "2022-07-04", "2022-07-04", "day",
     "exact"),
    ("on Thursday the city fell", "Thursday", D("2022-07-04"), "2022-06-30", "2022-06-30", "day",
     "exact"),
    ("last Monday the city fell", "last Monday", D("2022-07-04"), "2022-06-27", "2022-06-27",
     "day", "exact"),
    ("late on Friday night it", "late on Friday night", D("2022-07-04"), "2022-07-01",
     "2022-07-01", "day", "approximate"),
    ("two days ago the city", "two days ago", D("2022-07-04"), "2022-07-02", "2022-07-02", "day",
     "exact"),
    ("3 days ago the city", "3 days ago", D("2022-07-04"), "2022-07-01", "2022-07-01", "day",
     "exact"),
    ("a week ago the city", "a week ago", D("2022-07-04"), "2022-06-26", "2022-06-28", "week",
     "approximate"),
    ("Just over a week ago the city", "Just over a week ago", D("2022-07-04"), "2022-06-24",
     "2022-06-27", "week", "approximate"),
    ("about a week ago the city", "about a week ago", D("2022-07-04"), "2022-06-24",
     "2022-06-30", "week", "approximate"),
    ("over the past 24 hours, Russia", "the past 24 hours", D("2022-07-04"), "2022-07-03",
     "2022-07-04", "day", "range"),
    ("in the past day, Russia", "the past day", D("2022-07-04"), "2022-07-03", "2022-07-04",
     "day", "range"),
    ("in the last two weeks the", "the last two weeks", D("2022-07-04"), "2022-06-20",
     "2022-07-04", "week", "range"),
    # anchored to the theatre pack
    ("occupied three days after the invasion.", "three days after the invasion", None,
     "2022-02-27", "2022-02-27", "day", "exact"),
    ("Three days after the invasion it", "Three days after the invasion", None, "2022-02-27",
     "2022-02-27", "day", "exact"),
    ("24 hours after the annexation, troops", "24 hours after the annexation", None,
     "2022-10-01", "2022-10-01", "day", "exact"),
    ("a week after the invasion they", "a week after the invasion", None, "2022-03-02",
     "2022-03-04", "week", "approximate"),
    ("5 days after the full-scale invasion", "5 days after the full-scale invasion", None,
     "2022-03-01", "2022-03-01", "day", "exact"),
    ("claimed victory after seven months of the war.", "after seven months of the war", None,
     "2022-09-17", "2022-10-01", "month", "approximate"),
    ("five days into the invasion", "five days into the invasion", None, "2022-03-01",
     "2022-03-01", "day", "exact"),
    ("since the full-scale invasion", "since the full-scale invasion", None, "2022-02-24", None,
     "day", "range"),
    ("on the eve of the invasion", "the eve of the invasion", None, "2022-02-23", "2022-02-23",
     "day", "exact"),
    ("before the invasion Russia", "before the invasion", None, None, "2022-02-23", "day",
     "range"),
    ("since the invasion Russia", "since the invasion", D("2022-07-04"), "2022-02-24",
     "2022-07-04", "day", "range"),
    ("since the invasion Russia", "since the invasion", None, "2022-02-24", None, "day", "range"),
    ("since the start of the war", "since the start of the war", None, "2022-02-24", None, "day",
     "range"),
    # years
    ("an insurgency in 2014.", "2014", None, "2014-01-01", "2014-12-31", "year", "exact"),
    ("fighting since 2014.", "since 2014", D("2022-07-04"), "2014-01-01", "2022-07-04", "year",
     "range"),
    ("in early 2022 the", "early 2022", None, "2022-01-01", "2022-04-30", "year", "approximate"),
    ("between 2014 and 2022 the", "between 2014 and 2022", None, "2014-01-01", "2022-12-31",
     "year", "range"),
    # seasons (meteorological; winter starts in the December before its year)
    ("its capture in spring 2023, wherein", "spring 2023", None, "2023-03-01", "2023-05-31",
     "year", "approximate"),
    ("during the fall of 2022 the", "fall of 2022", None, "2022-09-01", "2022-11-30", "year",
     "approximate"),
    ("in winter and spring 2023 the", "winter and spring 2023", None, "2022-12-01",
     "2023-05-31", "year", "approximate"),
])
def test_time_resolves(text, words, published, first, last, granularity, kind):
    assert interval(one(text, words, published)) == (first, last, granularity, kind)


@pytest.mark.parametrize("text, words, published, anchor", [
    ("on July 3 Shoigu", "July 3", D("2022-07-04"), "published"),
    ("yesterday Shoigu", "yesterday", D("2022-07-04"), "published"),
    ("three days after the invasion", "three days after the invasion", None,
     "full_scale_invasion"),
    ("24 hours after the annexation", "24 hours after the annexation", None, "annexation_claim"),
    ("on Thursday. November 10", "Thursday. November 10", None, "weekday"),
    ("It fell on July 3, 2022.", "July 3, 2022", None, ""),
    ("since 2014", "since 2014", None, ""),
])
def test_time_says_what_it_was_resolved_against(text, words, published, anchor):
    assert one(text, words, published).anchor == anchor


@pytest.mark.parametrize("text, words, published, says", [
    ("on July 3 Shoigu announced", "July 3", None,
     "July 3 without a year; nothing in the document fixes it"),
    ("yesterday the city fell", "yesterday", None, "no publication date"),
    ("last week the city fell", "last week", None, "no publication date"),
    ("on Thursday the city fell", "Thursday", None, "no publication date"),
    ("in September the offensive", "September", None, "nothing in the document fixes it"),
    ("Three days later it fell", "Three days later", D("2022-07-04"), "none is"),
    ("the next day it fell", "the next day", D("2022-07-04"), "none is"),
    ("posted 7/4/2022 by", "7/4/2022", None, "day and month order unclear"),
])
def test_time_leaves_unresolved_what_nothing_fixes(text, words, published, says):
    expr = one(text, words, published)
    assert (expr.first, expr.last, expr.type) == (None, None, "unresolved")
    assert says in expr.reason


@pytest.mark.parametrize("text", [
    "Russian forces may attack the city.",
    "May God protect Ukraine.",
    "The strike came at 9:00 pm, 25 km from the front.",
    "In all, 2000 soldiers and 150 tanks took part.",
    "They threatened a march on Kyiv.",
    "USA Today reported the strike.",
    "Top 5 This Week",
    "see https://example.org/2022/07/04/july-3-report",
    "Theresa May said so.",
    "Avdiivka could fall 2024 would be worse.",
])
def test_time_ignores_what_is_no_date(text):
    assert find(text, D("2022-07-04")) == []


def test_time_late_that_night_is_the_day_just_mentioned():
    text = ("On July 3, Zelensky released a video. Belgorod was attacked by missiles late that "
            "night.")
    expr = one(text, "late that night", D("2022-07-04"))
    assert interval(expr) == ("2022-07-03", "2022-07-03", "day", "approximate")
    assert expr.anchor == "context"


@pytest.mark.parametrize("text, words, published, expected", [
    ("On July 3 they met. The next day they left.", "The next day", D("2022-07-10"),
     ("2022-07-04", "2022-07-04", "day", "exact")),
    ("On July 3 they met. Two days later they left.", "Two days later", D("2022-07-10"),
     ("2022-07-05", "2022-07-05", "day", "exact")),
    ("Missiles hit Kharkiv overnight.", "overnight", D("2022-07-04"),
     ("2022-07-04", "2022-07-04", "day", "approximate")),
    ("On July 3 Shoigu spoke; that night Zelensky answered.", "that night", None,
     (None, None, "day", "unresolved")),
])
def test_time_context_follows_the_day_just_mentioned(text, words, published, expected):
    assert interval(one(text, words, published)) == expected


def test_time_without_publication_date_counts_from_the_dateline():
    text = (" date 2022-07-04 The Ukrainian military confirmed that Lysychansk fell on July 3. "
            "Just over a week ago, Russian troops took control of Severodonetsk.")
    ago = one(text, "Just over a week ago")
    assert ago.type == "approximate" and ago.anchor == "text-date"
    assert ago.first <= D("2022-06-26") and ago.last >= D("2022-06-27")
    assert "latest full date in the text, 2022-07-04" in ago.reason
    july = one(text, "July 3")
    assert (july.first, july.anchor) == (D("2022-07-03"), "text-year")


def test_time_year_comes_from_the_same_day_beside_it():
    invasion = one("Russia took Kherson soon after the invasion on Feb. 24 and", "Feb. 24")
    assert (invasion.first, invasion.anchor) == (D("2022-02-24"), "full_scale_invasion")
    kupiansk = one("occupied by the Russians on February 27, three days after the invasion.",
                   "February 27")
    assert (kupiansk.first, kupiansk.type) == (D("2022-02-27"), "exact")


def test_time_bare_weekday_takes_the_dated_weekday_before_it():
    text = ("The pullout from Kherson on Thursday. November 10. Officials on Thursday "
            "acknowledged it.")
    first, second = find(text)
    assert second.text == "Thursday"
    assert (second.first, second.anchor) == (D("2022-11-10"), "context")


def test_time_weekday_fixed_year_beats_a_page_header_year():
    text = ("Tuesday, July 23, 2024\n\nThe pullout from Kherson on Thursday. November 10. Russia "
            "annexed three regions in September.")
    september = one(text, "September")
    assert (september.first, september.anchor) == (D("2022-09-01"), "text-year")
    assert "Thursday. November 10" in september.reason


def test_time_anchor_words_come_from_the_pack():
    flood = Anchor("flood", D("2000-01-01"), ("the flood",))
    pack = dataclasses.replace(THEATRE, anchors=(flood,))
    [after] = find("two days after the flood", None, pack)
    assert (after.first, after.anchor) == (D("2000-01-03"), "flood")
    assert find("two days after the invasion", None, pack) == []


def test_time_anchor_verb_phrase_may_have_its_subject_between():
    """'24 hours after Vladimir Putin tried to claim Donetsk' counts from the annexation
    claim: a name and an auxiliary may stand between 'after' and the anchor's words."""
    claim = Anchor("claim", D("2022-09-30"), ("claim Donetsk",))
    pack = dataclasses.replace(THEATRE, anchors=(claim,))
    [after] = find("24 hours after Vladimir Putin tried to claim Donetsk, troops left.", None,
                   pack)
    assert (after.first, after.anchor) == (D("2022-10-01"), "claim")
    # lower-case words are not a subject: "after the army tried to claim Donetsk" is no anchor
    assert find("two days after the army tried to claim Donetsk", None, pack) == []


def test_time_expressions_are_sorted_and_do_not_overlap():
    text = ("Since 2014, and on Thursday, November 10, 2022, yesterday, last week, two days ago "
            "and from May 5-6 and in September.")
    found = find(text, D("2022-11-12"))
    assert [e.text for e in found] == ["Since 2014", "Thursday, November 10, 2022", "yesterday",
                                       "last week", "two days ago", "May 5-6", "September"]
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


def test_time_accepts_a_publication_datetime():
    from datetime import datetime
    [expr] = find("yesterday the city fell", datetime(2022, 7, 4, 9, 30))
    assert expr.first == D("2022-07-03")


def test_time_version_names_the_logic():
    assert VERSION == "time.v2"


_FRAGMENTS = st.sampled_from([
    "July 3", " 2022", "-", "28", ", ", "Thursday", ". ", "November 10", "yesterday", " ago",
    "three days after the invasion", "late that night", "since ", "in ", "May", "may", "last ",
    "week", "2014", " and ", "04.07.2022", "7/4/2022", "the past 24 hours", "early ", "over ",
    "a ", "the next day", "overnight", "İ", "Feb. 29", "999 years ago", "\n", "x",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(_FRAGMENTS, max_size=12), st.one_of(st.none(), st.dates()))
def test_time_spans_point_into_the_text_and_intervals_are_ordered(parts, published):
    text = "".join(parts)
    found = find(text, published)
    assert [e.start for e in found] == sorted(e.start for e in found)
    for expr in found:
        assert 0 <= expr.start < expr.end <= len(text)
        if expr.first and expr.last:
            assert expr.first <= expr.last
        if expr.type == "unresolved":
            assert expr.first is None and expr.last is None


@needs_shared()
@pytest.mark.parametrize("prefix, words, first", [
    ("001", "Just over a week ago", "2022-06-24"),
    ("002", "three days after the invasion", "2022-02-27"),
    ("003", "Thursday. November 10", "2022-11-10"),
    ("004", "after seven months of the war", "2022-09-17"),
])
def test_time_seeds(prefix, words, first):
    text = next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")
    found = [expr for expr in find(text) if expr.text == words]
    assert found and found[0].first == D(first)


def test_time_year_less_date_after_publication_takes_the_story_year():
    text = ("On February 20, 2014, unmarked troops appeared in Crimea. On the night of "
            "February 27, armed men seized the parliament building.")
    day = one(text, "On the night of February 27", D("2022-02-21"))
    assert (day.first, day.anchor) == (D("2014-02-27"), "text-year")
    assert "the year written before it" in day.reason


def test_time_year_less_date_before_publication_keeps_the_publication_year():
    text = "In 2014 Russia annexed Crimea. On February 17 the shelling of Kyiv resumed."
    assert one(text, "February 17", D("2022-02-21")).first == D("2022-02-17")


def test_time_story_year_reaches_back_over_a_long_chronology():
    # a timeline article: the year is written once, chapters later come year-less dates that
    # would lie after publication in its year
    filler = "The West imposes sanctions and sends weapons to the front. " * 40
    text = (f"At dawn on February 24, 2022, the invasion begins. {filler}"
            "On April 21, Mariupol falls.")
    day = one(text, "April 21", D("2023-02-23"))
    assert (day.first, day.anchor) == (D("2022-04-21"), "text-year")


@pytest.mark.parametrize("text, words, first", [
    ("losses confirmed from June 4 this year.", "June 4 this year", "2023-06-04"),
    ("on March 3 last year, the city", "March 3 last year", "2022-03-03"),
    ("on May 5, this year, the city", "May 5, this year", "2023-05-05"),
])
def test_time_year_word_after_a_date_gives_its_year(text, words, first):
    day = one(text, words, D("2023-07-11"))
    assert (day.first, day.last, day.granularity) == (D(first), D(first), "day")
    assert "publication date 2023-07-11" in day.reason


def test_time_year_word_in_the_next_sentence_stays_apart():
    found = find("It began on July 3. This year the front moved.", D("2023-07-11"))
    assert [(e.text, e.granularity) for e in found] == [("July 3", "day"), ("This year", "year")]


@pytest.mark.parametrize("text, words, provenance", [
    ("It fell on July 3.", "July 3", "yearless"),
    ("It fell on July 3, 2022.", "July 3, 2022", ""),
    ("It fell on Sunday.", "Sunday", "relative"),
    ("It fell yesterday.", "yesterday", "relative"),
    ("It fell three days after the invasion.", "three days after the invasion", ""),
])
def test_time_says_what_a_reading_rests_on(text, words, provenance):
    assert one(text, words, D("2022-07-04")).provenance == provenance
