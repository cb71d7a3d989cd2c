"""The visible text of an HTML page, with the raw position of each of its characters.

Whitespace is collapsed (a run of it becomes one space, or one newline where a block element
begins or ends); script, style and similar elements are skipped; character references are
decoded and map to the whole reference in the raw page.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser

_INVISIBLE = frozenset({"script", "style", "noscript", "template", "svg", "head", "iframe"})
_SPACE_RUN = re.compile(r"\s+")  # \s is str.isspace, the test _push makes
_BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
    "title",
})


@dataclass(frozen=True, slots=True)
class VisibleText:
    text: str
    raw_starts: array  # raw offset where text[i] starts
    raw_ends: array  # raw offset where text[i] ends


def visible_text(raw_html: str) -> VisibleText:
    """Return the page's visible text with a raw span for every character."""
    parser = _Projector(raw_html)
    parser.feed(raw_html)
    parser.close()
    # _push never starts with whitespace, so only the end needs trimming.
    return VisibleText("".join(parser.chars).rstrip(), parser.starts, parser.ends)


class _Projector(HTMLParser):
    def __init__(self, raw: str) -> None:
        super().__init__(convert_charrefs=False)
        self.line_starts = [0]
        position = raw.find("\n")
        while position >= 0:
            self.line_starts.append(position + 1)
            position = raw.find("\n", position + 1)
        self.raw = raw
        self.chars: list[str] = []
        self.starts = array("q")
        self.ends = array("q")
        self.hidden_depth = 0
        # <head> is invisible except for its <title>, which is often the article's headline.
        self.in_title = False

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _push(self, char: str, start: int, end: int) -> None:
        if char.isspace():
            if not self.chars:
                return
            if self.chars[-1].isspace():
                if char == "\n" and self.chars[-1] == " ":
                    self.chars[-1] = "\n"
                return
            char = "\n" if char == "\n" else " "
        self.chars.append(char)
        self.starts.append(start)
        self.ends.append(end)

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _INVISIBLE:
            self.hidden_depth += 1
        if tag == "title":
            self.in_title = True
        if tag in _BLOCK:
            at = self._offset()
            self._push("\n", at, at)

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in _BLOCK:
            at = self._offset()
            self._push("\n", at, at)

    def handle_endtag(self, tag: str) -> None:
        if tag in _INVISIBLE and self.hidden_depth:
            self.hidden_depth -= 1
        if tag == "title":
            self.in_title = False
        if tag in _BLOCK:
            at = self._offset()
            self._push("\n", at, at)

    def _visible(self) -> bool:
        return self.hidden_depth == 0 or self.in_title and self.hidden_depth == 1

    def handle_data(self, data: str) -> None:
        if not self._visible():
            return
        start = self._offset()
        # What _push does character by character, a run at a time: text is copied, each
        # character at its own raw position; a run of space becomes what _push leaves of it.
        position = 0
        for space in _SPACE_RUN.finditer(data):
            self._push_text(data, position, space.start(), start)
            self._push_space(space.group(), start + space.start())
            position = space.end()
        self._push_text(data, position, len(data), start)

    def _push_text(self, data: str, begin: int, end: int, offset: int) -> None:
        """Push ``data[begin:end]``, which holds no space, found at raw ``offset``."""
        if begin < end:
            self.chars.extend(data[begin:end])
            self.starts.extend(range(offset + begin, offset + end))
            self.ends.extend(range(offset + begin + 1, offset + end + 1))

    def _push_space(self, run: str, at: int) -> None:
        """Push a run of space found at raw ``at``, as _push would one character at a time:
        nothing at the start of the text; after a space, only a line break changes it (" "
        becomes "\\n"); after text, the run's first character, as "\\n" if the run breaks a
        line, else " "."""
        if not self.chars:
            return
        newline = "\n" in run or "\r" in run
        if self.chars[-1].isspace():
            if newline and self.chars[-1] == " ":
                self.chars[-1] = "\n"
            return
        self.chars.append("\n" if newline else " ")
        self.starts.append(at)
        self.ends.append(at + 1)

    def _reference(self, text: str) -> None:
        if not self._visible():
            return
        start = self._offset()
        end = start + len(text)
        # A reference without its ";" is legal HTML; take what the raw page really holds.
        if self.raw.startswith(text + ";", start):
            end += 1
        for char in unescape(self.raw[start:end]):
            self._push("\n" if char in "\r\n" else char, start, end)

    def handle_entityref(self, name: str) -> None:
        self._reference("&" + name)

    def handle_charref(self, name: str) -> None:
        self._reference("&#" + name)
