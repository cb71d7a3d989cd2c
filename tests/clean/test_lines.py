"""Line judging: the fast paths give what the regexes they stand for give."""

from hypothesis import given
from hypothesis import strategies as st

from frontwatch.clean.lines import (_MENU_SEPARATOR, _SITE_SUFFIX, _SPACES, _TRAILING_CHARS,
                                    _TRAILING_PUNCT, _collapse_spaces, _is_menu,
                                    _strip_site_suffix)

# Space characters of every kind, the trailing punctuation, and anything else.
LINES = st.lists(st.one_of(
    st.sampled_from([" ", "  ", "\t", "\xa0", "\u2028", "\u3000", "\x1c", "\n", ":", ".", "!",
                     "»", "›", ">", "…", "|", "*", "-", "–", "—", "word", "Мир"]),
    st.text(max_size=4))).map("".join)


@given(LINES)
def test_lines_collapse_spaces_is_the_regex(line):
    assert _collapse_spaces(line) == _SPACES.sub(" ", line)


@given(LINES)
def test_lines_trailing_chars_strip_what_the_regex_removes(line):
    assert line.rstrip(_TRAILING_CHARS) == _TRAILING_PUNCT.sub("", line)


@given(LINES)
def test_lines_site_suffix_looked_for_at_the_end_only(line):
    norm = _collapse_spaces(line).lower()
    assert _strip_site_suffix(norm) == _SITE_SUFFIX.sub("", norm)
    assert _strip_site_suffix(line) == _SITE_SUFFIX.sub("", line)


@given(st.lists(st.sampled_from(["Home", " | ", " · ", " :: ", "World news", " / ", ":", "a"]))
       .map("".join))
def test_lines_menu_needs_a_separator(line):
    assert _is_menu(line) == (len(items := _MENU_SEPARATOR.split(line)) >= 3 and all(
        0 < len(item.split()) <= 4 for item in items))


def test_lines_site_suffix_of_a_long_headline():
    line = "russia claims lisichansk as kyiv orders its troops out of the city - daydaynews"
    assert _strip_site_suffix(line) == _SITE_SUFFIX.sub("", line) == line[:-len(" - daydaynews")]
