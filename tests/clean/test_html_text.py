"""Visible text of HTML: text and space are pushed a run at a time, as char by char would."""

from hypothesis import given
from hypothesis import strategies as st

from frontwatch.clean.html_text import _Projector, visible_text


class _CharByChar(_Projector):
    """The projector pushing every character of the data on its own, the reference."""

    def handle_data(self, data: str) -> None:
        if not self._visible():
            return
        start = self._offset()
        for i, char in enumerate(data):
            self._push("\n" if char in "\r\n" else char, start + i, start + i + 1)


def char_by_char(raw: str):
    parser = _CharByChar(raw)
    parser.feed(raw)
    parser.close()
    return "".join(parser.chars).rstrip(), parser.starts, parser.ends


PAGES = st.lists(st.one_of(
    st.sampled_from(["<p>", "</p>", "<br>", "<br/>", "<b>", "</b>", "<script>x = 1</script>",
                     "<title>", "</title>", "<head>", "</head>", "&amp;", "&nbsp;", "&#8217;",
                     " ", "  ", "\n", "\r\n", "\t", "\xa0", "Kherson", "Ізюм", "—"]),
    st.text(max_size=5))).map("".join)


@given(PAGES)
def test_html_text_runs_push_what_characters_push(raw):
    seen = visible_text(raw)
    text, starts, ends = char_by_char(raw)
    assert seen.text == text
    assert list(seen.raw_starts) == list(starts)
    assert list(seen.raw_ends) == list(ends)


def test_html_text_space_runs_collapse_to_one_character_at_the_first_space():
    raw = "<p>Kherson \r\n  city</p><p>  Izium</p>"
    seen = visible_text(raw)
    assert seen.text == "Kherson\ncity\nIzium"
    newline = seen.text.index("\n")
    assert (seen.raw_starts[newline], seen.raw_ends[newline]) == (10, 11)
