from hypothesis import given
from hypothesis import strategies as st

from frontwatch.clean.text import clean_plain_text
from frontwatch.offsets import OffsetMap, OffsetMapBuilder

lines = st.lists(st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"),
            max_size=60),
    st.sampled_from(["Leave a Reply", "Read More", "2024/05/2521:53:32 military 1840",
                     "Tuesday, July 23, 2024", "   ", "#Banner# repeated banner line - Site"])),
    max_size=30)


@given(lines)
def test_offsets_every_clean_word_maps_to_the_same_raw_word(parts):
    raw = "\n".join(parts)
    cleaned = clean_plain_text(raw)
    for start in range(len(cleaned.text)):
        raw_start, raw_end = cleaned.offsets.to_raw(start, start + 1)
        assert 0 <= raw_start <= raw_end <= len(raw)
        if not cleaned.text[start].isspace():
            assert raw[raw_start:raw_end] == cleaned.text[start]


@given(lines, st.integers(0, 400), st.integers(0, 400))
def test_offsets_spans_stay_ordered_and_inside_the_raw_text(parts, a, b):
    raw = "\n".join(parts)
    cleaned = clean_plain_text(raw)
    start, end = sorted((min(a, len(cleaned.text)), min(b, len(cleaned.text))))
    raw_start, raw_end = cleaned.offsets.to_raw(start, end)
    assert 0 <= raw_start <= raw_end <= len(raw)


def test_offsets_block_run_maps_as_a_whole_and_round_trips_through_bytes():
    builder = OffsetMapBuilder()
    builder.add(0, 5, 10, 15)      # verbatim
    builder.add(6, 7, 20, 25)      # an entity: one clean char from five raw chars
    builder.add(7, 10, 25, 28)
    offsets = OffsetMap.from_bytes(builder.build().to_bytes())
    assert offsets.to_raw(1, 3) == (11, 13)
    assert offsets.to_raw(6, 7) == (20, 25)
    assert offsets.to_raw(5, 6) == (20, 20)  # an inserted character maps to an empty span
    assert offsets.to_raw(0, 10) == (10, 28)


def test_offsets_builder_refuses_runs_out_of_order():
    builder = OffsetMapBuilder()
    builder.add(5, 8, 0, 3)
    try:
        builder.add(2, 4, 10, 12)
    except ValueError:
        return
    raise AssertionError("out-of-order run accepted")
