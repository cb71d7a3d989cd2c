"""Folding keeps offsets; transliteration yields the spellings news uses."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontwatch.places.names import (_FOLD_TABLE, fold, fold_key, is_common_english,
                                     keys_for, russify, spelling_variants)


@given(st.text())
def test_names_fold_keeps_length(text):
    assert len(fold(text)) == len(text)


@given(st.lists(st.one_of(st.text(), st.text(st.characters(max_codepoint=127)),
                          st.sampled_from(["Kup'yansk", "’", "Ізюм", "LȲSȲCHANSK", "—"]))))
def test_names_fold_by_runs_is_the_character_table(parts):
    """fold translates ASCII and non-ASCII runs apart, for speed: same as one translate."""
    text = "".join(parts)
    assert fold(text) == text.translate(_FOLD_TABLE)


def test_names_fold_drops_case_marks_and_diacritics():
    assert fold("Kup'yansk’s LȲSȲCHANSK, Ізюм") == "kup yansk s lysychansk  ізюм"
    assert fold_key("  Ivano-Frankivsk ") == "ivano frankivsk"


@pytest.mark.parametrize("uk, ru, spelling", [
    ("Лисичанськ", "Лисичанск", "Lisichansk"),
    ("Лисичанськ", "", "Lysychansk"),
    ("Ізюм", "", "Izyum"),
    ("Куп'янськ", "", "Kupyansk"),
    ("Балаклія", "", "Balakliya"),
    ("Сєвєродонецьк", "Северодонецк", "Severodonetsk"),
    ("Київ", "Киев", "Kiev"),
    ("Запоріжжя", "Запорожье", "Zaporozhye"),
])
def test_names_spelling_variants_cover_news_spellings(uk, ru, spelling):
    assert fold_key(spelling) in keys_for(spelling_variants(uk, ru))


def test_names_russify_guesses_russian_endings():
    assert russify("Шевченкове") == ("Шевченково", "Шевченковое")
    assert russify("Іванівське") == ("Ивановское",)
    assert russify("Степове") == ("Степово", "Степовое")
    assert fold_key("Shevchenkovo") in keys_for(spelling_variants("Шевченкове",
                                                                  guess_russian=True))


def test_names_common_english_words_are_recognised():
    assert is_common_english("berlin", 3.0)
    assert not is_common_english("izium", 3.0)
    assert not is_common_english("nova kakhovka", 3.0)  # only one-word keys are guarded


def test_names_news_hybrids_of_russian_stem_and_ukrainian_ending():
    keys = keys_for(spelling_variants("Іванівське", guess_russian=True))
    assert fold_key("Ivanovske") in keys and fold_key("Ivanivske") in keys
    assert fold_key("Bohdanovka") in keys_for(spelling_variants("Богданівка", guess_russian=True))
