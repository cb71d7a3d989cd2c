"""Who says so, and the day a report without a publication date tells. Sentences written for
these tests."""

from __future__ import annotations

from datetime import date

from frontwatch.events.quantities import find_quantities
from tests.events.test_events import events_of


def claims_of(text: str, published: date | None = date(2022, 9, 12), kind: str = "control"):
    return [(e.claim.claimant, e.claim.stance) for e in events_of(text, published)
            if e.type == kind]


def test_claims_pronoun_takes_the_person_named_before():
    text = ("Spokesperson Serhii Cherevatyi said that fighting continued near Lyman. "
            "He said that Ukrainian forces had surrounded Lyman.")
    assert claims_of(text)[-1] == ("Serhii Cherevatyi", "claims")


def test_claims_bare_surname_takes_the_full_name_given_before():
    text = ("District head Oleksiy Babchenko spoke to reporters on Friday. Babchenko said that "
            "Ukrainian troops withdrew from Zolote.")
    assert claims_of(text) == [("Oleksiy Babchenko", "claims")]


def test_claims_inverted_subject_of_a_participle():
    text = ("“The cities were shelled for weeks”, admitted the pro-Russians, confirming the "
            "withdrawal of Russian troops from Izium.")
    assert claims_of(text) == [("pro-Russians", "confirms")]


def test_claims_participle_takes_the_main_verb_subject():
    text = ("The Ukrainian General Staff claimed that its forces held Mariupol, claiming that "
            "Russian forces withdrew from Mariupol.")
    assert set(claims_of(text)) == {("General Staff of the Armed Forces of Ukraine", "claims")}


def test_claims_presidency_is_the_office_of_the_president():
    text = "Ukraine’s presidency said Russian forces shelled Nikopol overnight."
    assert claims_of(text, kind="strike") == [("Office of the President of Ukraine", "claims")]


def test_claims_collective_source_ends_at_its_noun():
    text = ("Russian sources continued to repeat claims that Russian forces captured Udy on "
            "August 18.")
    assert claims_of(text) == [("Russian sources", "claims")]


def test_claims_listed_sources_each_make_a_claim():
    text = ("The Ukrainian military, local administrators, and footage on social media confirm "
            "that Ukrainian forces recaptured Bucha.")
    assert claims_of(text) == [("Armed Forces of Ukraine", "confirms"),
                               ("local administrators", "confirms")]


def test_claims_doubt_in_the_next_sentence_adds_cannot_confirm():
    text = ("The LNR claimed to have encircled Ukrainian troops in Zolote. [13] ISW cannot "
            "independently confirm this claim.")
    assert claims_of(text) == [("Luhansk People's Republic forces", "claims"),
                               (None, "cannot_confirm")]


def test_claims_the_lives_it_claimed_is_no_report():
    text = "The war claimed the lives of 12 civilians in Kramatorsk."
    assert claims_of(text, kind="casualties") == []  # no count trigger: "claimed the lives"
    assert claims_of("Russia has claimed the lives of civilians and shelled Kramatorsk.",
                     kind="strike") == [(None, "asserts")]


def test_claims_news_day_dates_a_report_without_publication_date():
    text = ("On Thursday, November 10, Russia ordered a retreat from Kherson. On Thursday the "
            "ministry confirmed it. Russian forces withdrew from Kherson.")
    [*_, last] = [e for e in events_of(text, None) if e.type == "control"]
    assert (last.date.first, last.date.type) == ("2022-11-10", "approximate")
    assert "names most often" in last.date.reason
    assert text[last.date.start:last.date.end].startswith("Thursday")


def test_claims_recalled_day_is_not_the_news_day():
    text = ("Kupiansk had been occupied by Russian forces on February 27, three days after the "
            "invasion. Ukrainian forces liberated Kupiansk.")
    last = [e for e in events_of(text, None) if e.trigger == "liberated"][0]
    assert last.date.type == "unresolved"


def test_quantities_unit_noun_must_follow_the_number_phrase():
    [q] = find_quantities("In the last two weeks the cities have been shelled.")
    assert (q.text, q.unit) == ("two", "")


def test_claims_quoted_speaker_after_the_quotation():
    text = ("“We have just started to evacuate Izium. The first units have arrived in Izium,” "
            "an official involved in the operation to free the city told reporters.")
    assert claims_of(text, kind="evacuation") == [("an official involved in the operation",
                                                   "claims")]


def test_claims_denying_the_other_sides_claims():
    text = ("The adviser Petro Andryushchenko denied Russian claims that Russian forces "
            "captured Mariupol.")
    assert claims_of(text) == [("Russian", "claims"), ("Petro Andryushchenko", "denies")]


def test_claims_doubted_reports_are_a_claim_of_their_own():
    text = ("ISW is unable to verify Ukrainian reports that Ukrainian forces recaptured "
            "Kherson.")
    assert claims_of(text) == [("Ukrainian reports", "claims"), (None, "cannot_confirm")]


def test_claims_spokesperson_speaks_not_the_institution():
    text = ("National Guard of Ukraine Spokesperson Ruslan Muzychuk rejected reports that "
            "Russian forces captured Lysychansk.")
    assert claims_of(text) == [("Ruslan Muzychuk", "denies")]


def test_claims_writers_inference_after_a_report():
    text = ("The General Staff reported assaults from Nyrkove, indicating that Russian forces "
            "captured Nyrkove.")
    assert claims_of(text) == [(None, "asserts")]


def test_claims_calling_on_others_is_a_claim():
    text = ("The Ukrainian media community is calling on journalists to note that Crimea was "
            "occupied by Russian forces in 2014.")
    assert claims_of(text) == [("Ukrainian media community", "claims")]


def test_claims_demonyms_share_the_head_noun():
    text = "Russian and Ukrainian sources reported shelling in Enerhodar on August 22."
    assert claims_of(text, kind="strike") == [("Russian sources", "claims"),
                                              ("Ukrainian sources", "claims")]


def test_claims_reporting_word_as_an_adjective_is_no_report():
    text = ("Russian forces did not make any confirmed ground attacks and continued artillery "
            "strikes on Avdiivka.")
    assert claims_of(text, kind="strike") == [(None, "asserts")]


def test_claims_what_the_evidence_suggests_is_the_writers():
    text = ("Videos of Russian soldiers claiming to have entered Lyman suggest that Ukrainian "
            "forces withdrew from Lyman.")
    assert (None, "asserts") in claims_of(text)


def test_claims_second_source_cited_after_the_event():
    text = ("The Ukrainian General Staff confirmed that Russian forces have withdrawn from Sumy "
            "Oblast, confirming reports from local authorities.")
    assert claims_of(text) == [("General Staff of the Armed Forces of Ukraine", "confirms"),
                               ("local authorities", "claims")]


def test_claims_past_24_hours_is_the_reports_day():
    text = "Russian forces shelled Kharkiv in the past 24 hours."
    [event] = [e for e in events_of(text, date(2022, 3, 30)) if e.type == "strike"]
    assert (event.date.first, event.date.type) == ("2022-03-30", "approximate")


def test_claims_present_state_is_dated_now_not_by_another_clause():
    text = ("Russian forces assaulted the plant on April 7, confirming that Ukrainian forces "
            "retain a foothold in Mariupol.")
    [held] = [e for e in events_of(text, date(2022, 4, 8)) if e.trigger == "retain"]
    assert held.date.first == "2022-04-08"
