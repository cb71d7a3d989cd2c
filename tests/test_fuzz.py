"""Fuzzing: 10,000 generated inputs across the readers, cleaning (the whole per-document
pipeline), time expressions and quantities; none may raise anything but a recorded rejection.

Inputs mix random bytes and text with the pieces real reporting is made of (dates, counts,
place names, markup, JSON and CSV punctuation, stray control bytes), so the generator reaches
the parsers' interesting paths rather than only their first check. Each property runs
``EXAMPLES`` examples; the four together make 10,000. The examples are derandomized so CI
reproduces them; run with other seeds by hand (hypothesis --hypothesis-seed) to explore.
"""

from __future__ import annotations

import hashlib
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontwatch.errors import InputError
from frontwatch.events.quantities import find_quantities
from frontwatch.ingest.readers import IngestSettings, ReadProgress, iter_inputs, plan_inputs
from frontwatch.model import Format, RawInput
from frontwatch.pipeline import Pipeline
from frontwatch.theatres import load_theatre
from frontwatch.time import find_time_expressions

EXAMPLES = 2_500
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                       HealthCheck.data_too_large])
PIECES = ["on", "May", "7", "2022", "Thursday", "since", "the invasion", "three days after",
          "last week", "Feb.", "24", "-", "–", "at least", "killed", "12", "1,200", "km",
          "dozens of", "Kherson", "Бахмут", "Lysychansk", "captured", "said", ",", ".", "\n",
          "\n\n", "<p>", "</p>", "<script>", "&amp;", '"', "{", "}", "[", "]", ":", "\x00",
          "\x1b", "\ufeff", "\u200b", "½", "٣", "2024-02-17", "12/31/2023", "noon", "tonight"]
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=40).map(
    " ".join)
LAYOUTS = {".txt": Format.TEXT, ".html": Format.HTML, ".jsonl": None, ".json": None,
           ".csv": None, ".warc": None, ".gz": None}


@FUZZ
@given(st.sampled_from(sorted(LAYOUTS)), st.one_of(st.binary(max_size=600),
                                                    TEXT.map(lambda t: t.encode("utf-8"))))
def test_fuzz_readers_yield_documents_or_failures(tmp_path_factory, suffix, data):
    path = tmp_path_factory.mktemp("fuzz") / f"input{suffix}"
    path.write_bytes(data)
    progress = ReadProgress()
    for item in iter_inputs(plan_inputs([str(path)], progress), IngestSettings(), progress):
        assert isinstance(item, RawInput) or isinstance(item.error, InputError)


@FUZZ
@given(st.sampled_from(list(Format)), st.one_of(st.binary(max_size=600),
                                                TEXT.map(lambda t: t.encode("utf-8"))))
def test_fuzz_pipeline_makes_a_document_or_a_rejection(kind, data):
    raw = RawInput("fuzz", "", data, kind,
                   columns=("id", "text") if kind is Format.CSV_RECORD else None)
    try:
        doc = PIPELINE.process(raw, hashlib.sha256(data).hexdigest())
    except InputError:
        return  # a recorded rejection, with its reason
    for event in doc.events:
        assert 0 <= event.start <= event.trigger_start < event.end <= len(doc.clean_text)


@FUZZ
@given(TEXT, st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2030, 12, 31))))
def test_fuzz_time_expressions_stay_inside_the_text(text, published):
    found = find_time_expressions(text, published, THEATRE)
    for t in found:
        assert 0 <= t.start < t.end <= len(text) and text[t.start:t.end] == t.text
        assert (t.first is None) == (t.last is None) or t.type == "range"
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


@FUZZ
@given(TEXT)
def test_fuzz_quantities_stay_inside_the_text(text):
    found = find_quantities(text)
    for q in found:
        assert 0 <= q.start < q.end <= len(text)
        assert q.min is None or q.max is None or q.min <= q.max
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


PIPELINE = Pipeline()
THEATRE = load_theatre()
