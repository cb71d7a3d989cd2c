"""The trigger prefilter is exact: it never drops a sentence, or a pattern, that can match.

``triggers`` lists the first words of every pattern of the live ``_TABLE`` and (1) passes to
the full patterns only the sentences holding one of them (``may_have_trigger``), (2) runs on
a sentence only the patterns whose first words it holds (``_patterns_for``), and (3) leads
each compiled pattern with a lookahead for its first words. Each is checked here against the
plain patterns, compiled afresh from ``_TABLE`` the way they were before the prefilter, on
hand-written sentences, generated ones, and every sentence of the dev corpus. Patterns added
to ``_TABLE`` are covered without touching this file.
"""

from __future__ import annotations

import re
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontwatch.events import _ABBREVIATION, _SENTENCE_END
from frontwatch.events import triggers
from frontwatch.events.triggers import ANY_TRIGGER, first_words, may_have_trigger
from tests.conftest import CORPUS, needs_shared

PLAIN = tuple(re.compile(r"\b(?:" + pattern + r")\b", re.IGNORECASE)
              for *_, pattern in triggers._TABLE)
PLAIN_ANY = re.compile(r"\b(?:" + "|".join(p for *_, p in triggers._TABLE) + r")\b",
                       re.IGNORECASE)


def check_sentence(sentence: str) -> None:
    """Everything the plain patterns find in ``sentence`` the prefiltered scan finds too."""
    found = PLAIN_ANY.search(sentence)
    compiled = ANY_TRIGGER.search(sentence)
    assert (compiled and compiled.span()) == (found and found.span()), sentence
    if found is None:
        return
    assert may_have_trigger(sentence), sentence
    selected = set(triggers._patterns_for(sentence))
    for index, plain in enumerate(PLAIN):
        spans = [m.span() for m in plain.finditer(sentence)]
        if spans:
            assert index in selected, (sentence, triggers._TABLE[index][:2])
        assert [m.span() for m in triggers._PATTERNS[index][3].finditer(sentence)] == spans


@pytest.mark.parametrize("sentence", [
    "Russian forces captured Lyman on Saturday.",
    "CAPTURED: the town fell to Russian troops",
    "Ukrainian troops re-took Kupiansk; others Retook Izium and RE-TAKEN villages",
    "The de-occupied villages and the deoccupation of Kherson",
    "Fighting continued in Bakhmut, heavy fighting for Marinka.",
    "Street battles are ongoing in and around Avdiivka.",
    "A missile strike hit Kharkiv; airstrikes and air strikes on Odesa.",
    "The call-up and the callup of reservists; mobilised, mobilized, conscripted.",
    "Forces pulled back from the bridgehead after the pull-out of troops.",
    "Russia withdrew some of its forces from Kyiv Oblast, the withdrawal of Russian units.",
    "Three civilians were killed and 12 injured; 40 POWs, prisoners of war exchanged.",
    "The annexation referenda, the move to join Russia, its accession.",
    "«Captured» — “liberated” (retreated) [shelled] 'encircled'",
    "recaptured2 and _seized are not words of their own, nor is abandonedly",
    # characters re.IGNORECASE reads as ASCII letters: long s, Kelvin sign, dotted/dotless I
    "ſeized the ſhelled town; KILLED; İNTO; lıberated; capturıng",
    "No trigger at all in this sentence about weather.",
    "",
])
def test_trigger_prefilter_hand_written_sentences(sentence):
    check_sentence(sentence)


@cache
def _vocabulary() -> list[str]:
    words = sorted(w for words in triggers._FIRST_WORDS_OF if words for w in words)
    return words + ["of", "to", "from", "control", "over", "the", "x", "ſ", "K", "İ", "ı"]


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_trigger_prefilter_generated_sentences(data):
    parts = data.draw(st.lists(st.one_of(
        st.sampled_from(_vocabulary()),
        st.sampled_from([" ", "-", "'", "’", ",", ". ", "\n", "_", "2", "«"]),
        st.text(max_size=3)), max_size=12))
    cased = [p.upper() if data.draw(st.booleans()) else p for p in parts]
    check_sentence("".join(cased))


@pytest.mark.parametrize(("pattern", "words"), [
    (r"re-?(?:took|taken)", {"re", "retook", "retaken"}),
    (r"air ?strikes?", {"air", "airstrike", "airstrikes"}),
    (r"mobili[sz]e", {"mobilise", "mobilize"}),
    (r"(?:heavy )?fighting", {"heavy", "fighting"}),
    (r"withdr(?:ew|awn)(?: of (?:\w+ ){0,3}?forces)?", {"withdrew", "withdrawn"}),
    (r"POWs", {"pows"}),
    (r"(?:\w+ )?occupation", None),  # opens with any word: cannot be listed
    (r"-?x", None),  # may open with a non-word character
])
def test_trigger_prefilter_first_words(pattern, words):
    assert first_words(pattern) == (None if words is None else frozenset(words))


def test_trigger_prefilter_lists_every_live_pattern():
    """An unlisted pattern stays exact (it always runs) but makes every sentence pass the
    prefilter, which costs about a third of the pipeline's speed: list it, or rewrite it."""
    unlisted = [triggers._TABLE[i][3] for i in triggers._UNLISTED]
    assert not unlisted


@cache
def _dev_texts() -> list[str]:
    from frontwatch.clean import clean_document
    from frontwatch.ingest.decode import decode_document
    from frontwatch.ingest.readers import (IngestSettings, InputFailure, ReadProgress,
                                           iter_inputs, plan_inputs)
    from frontwatch.model import Doc

    progress = ReadProgress()
    texts = []
    for raw in iter_inputs(plan_inputs([str(CORPUS / "dev")], progress), IngestSettings(),
                           progress):
        if isinstance(raw, InputFailure):
            continue
        doc = Doc(raw=raw, sha256="")
        decode_document(doc)
        clean_document(doc)
        texts.append(doc.clean_text)
    return texts


@needs_shared()
def test_trigger_prefilter_every_dev_sentence():
    texts = _dev_texts()
    assert texts
    for text in texts:
        found = PLAIN_ANY.search(text)
        compiled = ANY_TRIGGER.search(text)
        assert (compiled and compiled.span()) == (found and found.span())
        # the sentences events.extract_events reads: split as _sentences_with_triggers does
        boundaries = [0, *(m.end() for m in _SENTENCE_END.finditer(text) if not
                           _ABBREVIATION.search(text, max(0, m.start() - 6), m.start())),
                      len(text)]
        for start, end in zip(boundaries, boundaries[1:]):
            check_sentence(text[start:end])


def test_trigger_prefilter_case_fold_table_is_complete():
    """From U+E000 on no character matches an ASCII letter under re.IGNORECASE, so the
    table, built from the characters below the surrogates, lists them all."""
    beyond = "".join(map(chr, range(0xE000, 0x110000)))
    assert not [c for c in re.findall(r"[a-z]", beyond, re.IGNORECASE) if not c.isascii()]
    assert triggers._CASE_FOLD == {0x130: "i", 0x131: "i", 0x17F: "s", 0x212A: "k"}
