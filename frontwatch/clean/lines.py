"""Judge one line of page text: article text, site chrome, a repeat, or a printed date.

Used by both the plain-text and the HTML cleaner, so a line is judged the same way whatever
format it arrived in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib.resources import files

from frontwatch.clean.datelines import (BARE_DATE_LINE, LABELLED_DATE, MAX_STAMP_LINE, STAMP,
                                        parse_date_match, parse_stamp)
from frontwatch.model import DateCue, RemovedLine
from frontwatch.offsets import OffsetMap


def _load_chrome_patterns() -> re.Pattern:
    lines = files("frontwatch.clean").joinpath("chrome_lines.txt").read_text("utf-8").splitlines()
    patterns = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


CHROME = _load_chrome_patterns()
_MAX_CHROME_LINE = 120
_SPACES = re.compile(r"\s+")
_LEADING_BULLETS = re.compile(r"^[\s•·|*>#\-–—]+")
_TRAILING_PUNCT = re.compile(r"[\s:.!»›>…|*\-–—]+$")
# What _TRAILING_PUNCT removes is the line's longest tail of these characters (\s is
# str.isspace, and no character above U+3000 is a space), so str.rstrip does the same
# without trying the regex at every position of the line.
_TRAILING_CHARS = "".join(c for c in map(chr, range(0x3001)) if c.isspace()) + ":.!»›>…|*-–—"
# " - DayDayNews", " | Site Name": a site name appended to a repeated headline.
_SITE_SUFFIX = re.compile(r"\s+[-|–—]\s+[\w .&'’]{2,40}$")
# A navigation bar: three or more short items between separators ("Home | World | Europe").
_MENU_SEPARATOR = re.compile(r"\s(?:[|·•›»/]|::)\s")
_MENU_ITEM_WORDS = 4
# A crawl stamp glued in front of a headline: "2024/04/1806:52:19 world 1407Moscow claims".
_STAMP_PREFIX = re.compile(STAMP.pattern + r"(?:\s+[^\W\d]+\s+\d+)?\s*")
# A line that agrees with an earlier kept line on its first 40 characters and is a prefix of
# it is the same banner cut shorter (seed 000 repeats its headline nine times, cut at two
# lengths): removing it loses nothing. A line that *extends* an earlier one is kept: ISW's
# key takeaways repeat the opening of body paragraphs that go on with the day's claims.
_PREFIX_KEY = 40


@dataclass(frozen=True, slots=True)
class Cleaned:
    """What a cleaner produces for one document."""

    text: str
    offsets: OffsetMap
    coverage: float  # share of non-space clean characters mapped to raw text
    removed: tuple[RemovedLine, ...]
    date_cues: tuple[DateCue, ...]


@dataclass(slots=True)
class LineJudge:
    """Decide line by line, remembering the lines already kept in this document."""

    _keys: set[str] = field(default_factory=set)
    _by_prefix: dict[str, list[str]] = field(default_factory=dict)

    def judge(self, line: str, raw_start: int | None) -> tuple[str | None, DateCue | None]:
        """Return (reason to remove or None, printed date or None) for a stripped line.

        ``raw_start`` is where the line starts in the raw text, when known.
        """
        cue = _date_cue(line, raw_start)
        if cue is not None and cue[1]:
            return cue[1], cue[0]
        norm = _LEADING_BULLETS.sub("", _collapse_spaces(line)).rstrip(_TRAILING_CHARS)
        if len(norm) <= _MAX_CHROME_LINE and CHROME.fullmatch(norm):
            return "chrome", None
        if _is_menu(norm):
            return "chrome", _menu_date(line, raw_start)
        if self._is_repeat(norm.lower()):
            return "repeated", None
        return None, cue[0] if cue else None

    def _is_repeat(self, norm: str) -> bool:
        key = norm
        stripped = _strip_site_suffix(norm)
        if len(stripped) >= 20:
            key = stripped
        if key in self._keys:
            return True
        if len(key) >= _PREFIX_KEY:
            earlier = self._by_prefix.setdefault(key[:_PREFIX_KEY], [])
            if any(e.startswith(key) for e in earlier):
                return True
            earlier.append(key)
        self._keys.add(key)
        return False


# Longest _SITE_SUFFIX match in a line whose spaces come one at a time: \s+, separator, \s+,
# then at most 40 characters.
_SITE_SUFFIX_REACH = 43


def _strip_site_suffix(norm: str) -> str:
    """``_SITE_SUFFIX.sub("", norm)``. In a line with no run of space (judge collapses them)
    the match can only start in its last _SITE_SUFFIX_REACH characters: look there only,
    instead of trying the regex at every position of a paragraph."""
    if not (norm.isprintable() and "  " not in norm):
        return _SITE_SUFFIX.sub("", norm)
    match = _SITE_SUFFIX.search(norm, max(0, len(norm) - _SITE_SUFFIX_REACH))
    return norm[:match.start()] if match else norm


def _collapse_spaces(line: str) -> str:
    """``_SPACES.sub(" ", line)``, skipping the regex for a line that has nothing to
    collapse: every space character but " " is unprintable, and no "  " means no run."""
    if line.isprintable() and "  " not in line:
        return line
    return _SPACES.sub(" ", line)


def glued_stamp(line: str, raw_start: int | None) -> tuple[int, DateCue] | None:
    """Return how many leading characters are a crawl stamp glued to the line, and the stamp.

    Only for lines that go on after the stamp; a short stamp-only line is removed whole.
    """
    match = _STAMP_PREFIX.match(line)
    if not match or match.end() >= len(line) or len(line) <= MAX_STAMP_LINE:
        return None
    stamp = STAMP.match(line)
    moment = parse_stamp(stamp)
    if moment is None:
        return None
    start = None if raw_start is None else raw_start + stamp.start()
    end = None if raw_start is None else raw_start + stamp.end()
    return match.end(), DateCue("stamp", moment.isoformat(), start, end, stamp.group(0))


def _is_menu(norm: str) -> bool:
    if not any(char in norm for char in "|·•›»/:"):
        return False  # no separator can match: one item (most prose lines)
    items = _MENU_SEPARATOR.split(norm)
    return len(items) >= 3 and all(0 < len(item.split()) <= _MENU_ITEM_WORDS for item in items)


def _menu_date(line: str, raw_start: int | None) -> DateCue | None:
    """A navigation bar often prints today's date as one of its items."""
    position = 0
    for item in _MENU_SEPARATOR.split(line):
        position = line.find(item, position)
        cue = _date_cue(item.strip(), None if raw_start is None else raw_start + position)
        if cue is not None and cue[0].kind == "page-date":
            return cue[0]
        position += len(item)
    return None


def _date_cue(line: str, raw_start: int | None) -> tuple[DateCue, str | None] | None:
    """Return a printed date on this line and the reason to remove the line, if any."""
    def cue(kind: str, value: str, match: re.Match) -> DateCue:
        start = None if raw_start is None else raw_start + match.start()
        end = None if raw_start is None else raw_start + match.end()
        return DateCue(kind, value, start, end, match.group(0))

    match = BARE_DATE_LINE.fullmatch(line)
    if match and (day := parse_date_match(match)):
        return cue("page-date", day.isoformat(), match), "date-line"
    match = STAMP.match(line)
    if match and len(line) <= MAX_STAMP_LINE and (moment := parse_stamp(match)):
        return cue("stamp", moment.isoformat(), match), "stamp"
    match = LABELLED_DATE.match(line)
    if match and (day := parse_date_match(match)):
        kind = "updated" if "updated" in match["label"].lower() else "dateline"
        alone = not line[match.end():].rstrip(_TRAILING_CHARS).strip()
        return cue(kind, day.isoformat(), match), ("dateline" if alone else None)
    return None
