"""Long documents run section by section: spans cover the text, offsets stay exact."""

from frontwatch import sections
from frontwatch.model import Format, RawInput
from frontwatch.pipeline import Pipeline, run_text_stages

TEMPLATES = [
    "Russian forces captured Soledar on January {d}, the defence ministry in Moscow said.",
    "A missile strike hit Kramatorsk on April {d}, killing at least {d} people, the regional "
    "governor said.",
    "Ukrainian troops liberated Kherson on November {d} after Russian forces withdrew.",
    "Shelling struck Nikopol overnight on July {d}, the mayor reported.",
]
# distinct paragraphs: cleaning drops exact repeats
PARAGRAPHS = [t.format(d=d) for d in (3, 12, 21) for t in TEMPLATES]


def test_sections_cover_the_text_and_end_at_paragraph_breaks():
    text = "\n\n".join(PARAGRAPHS)
    spans = list(sections.sections(text, 300))
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    assert all(end - start <= 300 for start, end in spans)
    assert all(text[end - 2:end] == "\n\n" for _, end in spans[:-1])


def test_sections_cut_a_text_without_breaks_at_the_size():
    text = "x" * 1000
    assert list(sections.sections(text, 300)) == [(0, 300), (300, 600), (600, 900),
                                                  (900, 1000)]


def test_sections_give_the_mentions_of_the_whole_text_at_whole_text_offsets(monkeypatch):
    text = "\n\n".join(PARAGRAPHS)
    data = text.encode()
    whole = Pipeline().process(RawInput("a.txt", "", data, Format.TEXT), "a")
    monkeypatch.setattr(sections, "SECTION_CHARS", 250)
    assert len(list(sections.sections(whole.clean_text))) > 3
    parted = Pipeline().process(RawInput("a.txt", "", data, Format.TEXT), "a")

    def key(e):
        return (e.type, e.start, e.end, e.trigger_start, e.place and e.place.start,
                e.controller, e.quantity, e.date.first, e.date.start, e.claim.start)

    assert [key(e) for e in parted.events] == [key(e) for e in whole.events]
    assert len(parted.events) >= len(PARAGRAPHS)
    assert parted.places == whole.places and parted.actors == whole.actors
    for e in parted.events:
        assert text[e.trigger_start:e.trigger_end] == e.trigger
        assert text[e.place.start:e.place.end] == e.place.text


def test_sections_run_for_text_stages_again_on_a_stored_text(monkeypatch):
    text = "\n\n".join(PARAGRAPHS)
    doc = Pipeline().process(RawInput("a.txt", "", text.encode(), Format.TEXT), "a")
    before = doc.events
    monkeypatch.setattr(sections, "SECTION_CHARS", 250)
    doc.events = ()
    run_text_stages(Pipeline().text_stages, doc)
    assert [(e.trigger_start, e.place and e.place.start) for e in doc.events] == \
        [(e.trigger_start, e.place and e.place.start) for e in before]
