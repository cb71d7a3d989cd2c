"""Quantities in English war reporting: casualty counts, areas, distances, settlement counts.

``find_quantities`` reads every quantity of a text in one pass of one regex and returns spans
with bounds, following the conventions of ``gold/events/README.md``:

- exact numbers have ``min == max``: "1,200", "5 000", "2.5", "twenty-five", "a dozen",
  "2 thousand", "1.5 million", "5k"; "five thousand (5000)" is one span (the number in
  parentheses restates the one before it; a different number there is a second quantity);
- comparisons: "more than 60" is min 61, max None ("more than 2.5" keeps min 2.5: a decimal
  has no next whole number); "at least 60" min 60; "up to 60" max 60; "fewer than 10" max 9;
  "60 or more" min 60;
- "about 60" (about, around, nearly, some, ...) and "60 or so" are min = max = 60, approximate;
- ranges: "between 10 and 20", "10-20", "10 to 20"; "10-20 thousand" is 10000-20000. "Rose
  from 10 to 20" states a change, not a range: two quantities;
- vague counts: "dozens" min 24, "hundreds" 200, "thousands" 2000, "several" 3, "a few" 2,
  "scores of" 40, "several hundred" 300, "tens of thousands" 20000; max None, approximate. Only
  with a word after them ("dozens of civilians", "several villages"), never a bare "dozens.".

Units: area and distance words belong to the span ("2 thousand square kilometers", unit "km2";
"20 km", "km"). For people and settlements the span is the number phrase only, and the unit
comes from a noun among the next three words ("more than 60 Ukrainian soldiers": "more than
60", unit "people"). Anything else has unit "".

Not quantities: years ("in 2014", a bare "2022"), dates ("July 3", "3 July"), times ("9:00",
"9 am"), ordinals ("93rd"), designations glued to letters or a hyphen ("Su-25", "Kh-101",
"M142", "T0524"), labels ("Chapter 4", "Article 5"), footnote marks ("[12]"), percentages,
calibres ("155 mm"), money ("$5 million"), list numbering ("1. Five killed"), "no one".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

VERSION = "events.quantities.v2"


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity: a span of the text and the bounds it states."""

    start: int  # character offsets into the text, end exclusive
    end: int
    text: str  # text[start:end]
    min: float | None  # lower bound; None when the text gives none ("up to 60")
    max: float | None  # upper bound; None when open-ended ("more than 60", "dozens")
    unit: str  # "", "km2", "km", "mi2", "mi", "people" or "settlements"
    approximate: bool  # "about", "nearly", "some", "or so", vague counts ("dozens")


def _one_of(words: list[str]) -> str:
    """An alternation of ``words`` behind a lookahead for their first letters.

    The regex engine tries every alternative at every word start; the one-character lookahead
    turns most words away with one test. Over the dev corpus (4.8 M characters) it took the
    number words from 1.0 s to 0.3 s; time ``find_quantities`` over that corpus again after
    reshaping the grammar.
    """
    initials = "".join(sorted({word[0].lower() for word in words}))
    return rf"(?=[{initials}])(?:{'|'.join(words)})"


# --- numbers ---------------------------------------------------------------------------------

_ONES = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_WORD_VALUES = {"zero": 0, **{w: i for i, w in enumerate(_ONES, 1)},
                **{w: i for i, w in enumerate(_TEENS, 10)},
                **{w: 10 * i for i, w in enumerate(_TENS, 2)}}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "k": 1_000, "mln": 1_000_000, "bn": 1_000_000_000, "dozen": 12}

_SMALL = (rf"(?:{_one_of(_TENS)}(?:[-\s](?:{'|'.join(_ONES)}))?"
          rf"|{_one_of(_TEENS + _ONES + ['zero'])})\b")  # "twenty-five", "twelve", "six"
_SCALE = r"(?:thousand|million|billion)\b"
_HUNDREDS = rf"(?:\s+hundred\b(?:(?:\s+and)?\s+{_SMALL})?)"  # "... hundred (and) twenty"
# Atomic, like _DIGITS: a number is read whole or not at all, so "five million dollars" cannot
# fall back to a "five" that the money check after it would let through.
_WORDS = (rf"(?>(?:a(?=\s+(?:hundred|thousand|million|billion|dozen)\b)|{_SMALL})"
          rf"(?:{_HUNDREDS}?[\s-]{_SCALE}(?:(?:\s+and)?\s+{_SMALL}{_HUNDREDS}?(?:[\s-]{_SCALE})?)*"
          rf"|{_HUNDREDS}|\s+dozen\b)?)")
# A digit right after one of these belongs to something else: a decimal or a list ("2.5",
# "3,4"), a time or fraction ("9:00", "24/7"), money, a tag, a footnote mark ("[12]"), "'22",
# a link ("?v=1292020424664692", "%20"). More than four decimals is a coordinate.
_DIGITS = (r"(?<![.,:/$€£₴#№+\['’=%&?_])"
           r"(?>(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[\u00a0\u202f\u2009 ]\d{3})+(?!\d)|\d+)"
           r"(?:\.\d{1,4}(?!\d))?(?:\s*(?:thousand|million|billion|mln|bn)\b|k\b)?)")
_NUMBER = rf"(?:{_DIGITS}|{_WORDS})"

# --- what surrounds a number -----------------------------------------------------------------

_MODIFIERS = {
    "more than": "gt", "over": "gt", "upwards of": "gt", "in excess of": "gt",
    "at least": "ge", "no fewer than": "ge", "no less than": "ge", "not less than": "ge",
    "a minimum of": "ge",
    "up to": "le", "as many as": "le", "at most": "le", "no more than": "le",
    "not more than": "le", "a maximum of": "le",
    "fewer than": "lt", "less than": "lt",
    "about": "approx", "around": "approx", "approximately": "approx", "approx.": "approx",
    "nearly": "approx", "almost": "approx", "some": "approx", "roughly": "approx",
    "circa": "approx", "close to": "approx", "an estimated": "approx", "estimated": "approx",
}
# Longest first, so "no more than" is not read as "more than".
_MODIFIER = _one_of([re.escape(m).replace(r"\ ", r"\s+")
                     for m in sorted(_MODIFIERS, key=len, reverse=True)])

_VAGUE_VALUES = {"tens": 20, "dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2_000,
                 "millions": 2_000_000, "several": 3, "a few": 2}
_VAGUE_WORDS = _one_of([r"tens(?=\s+of\b)", r"scores(?=\s+of\b)", "dozens", "hundreds",
                        "thousands", "millions"])
_VAGUE = (rf"(?:(?P<vague>{_VAGUE_WORDS})\b"
          r"(?:\s+of\s+(?P<vague_of>thousands|millions)\b)?"
          r"|(?P<several>several|a\s+few)\b"
          r"(?:\s+(?P<several_of>dozen|hundred|thousand|million)\b)?)"
          r"(?=(?:\s+of)?\s+[^\W\d_])")  # "dozens of civilians", never a bare "dozens."

_UNIT = (r"(?:\s+of\s+|\s*|-)"
         r"(?:(?P<km2>(?:square|sq\.?)\s*(?:kilomet(?:er|re)s?|kms?)\b"
         r"|km(?:2|²|\^2)(?!\w))"
         r"|(?P<mi2>(?:square|sq\.?)\s*mi(?:les?)?\b)"
         r"|(?P<km>(?:kilomet(?:er|re)s?|kms?)\b(?!/))"  # not the "km" of "km/h"
         r"|(?P<mi>miles?\b))")

# Case-sensitive, so that "may" and "march" stay verbs.
_MONTH = (r"(?-i:(?=[ADFJMNOS])(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?"
          r"|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?)")
_DAY = r"\d{1,2}(?!\d)(?:st|nd|rd|th)?"
_DAYS = rf"{_DAY}(?:(?:\s*[-–]\s*|\s+(?:and|to)\s+){_DAY})?"  # "3", "3-4", "6 and 7"
_DATE = (rf"{_MONTH}\s+{_DAYS}(?:,?\s+\d{{4}})?\b"  # July 3, July 6 and 7, 2022
         rf"|{_DAYS}\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?"  # 3 July
         rf"|{_MONTH},?\s+\d{{4}}\b")  # February 2023

# What may not follow a quantity: a letter or digit glued on ("93rd"; "3km" was read as a
# unit before this), an ordinal ending set apart ("4 th", from a superscript), a percent or
# degree sign, the rest of a date, time, fraction or code ("2022-07-03", "9:00", "24/7"), a
# hyphenated compound ("25-year-old"), and the words that make the number a percentage, a
# calibre, a clock time or money ("millions of dollars").
_END = (r"(?![^\W_]|\s(?:st|nd|rd|th)\b|[%‰°]|[.,:/\-–]\d|[-–][^\W\d_]"
        r"|\s*(?:%|per\s*cent\b|percent(?:age)?\b|mm\b"
        r"|a\.m\.|p\.m\.|am\b|pm\b|o['’]clock|GMT\b|UTC\b)"
        r"|\s*(?:of\s+)?(?:dollars|euros?|hryvnias?|rubles?|roubles?|USD|EUR|UAH|RUB)\b)")

# A date is matched only to consume it: its day must not become a count. The number group
# "first" carries the continuations a number can have: a digit range ("10-20"), "to" ("10 to
# 20", or a change after "from"), or a restatement in parentheses.
_QUANTITY_RE = re.compile(
    rf"""(?<!\w)(?=\w)(?:
        (?P<date>{_DATE})
      | (?<![-–])(?:
            {_VAGUE}
          | (?:(?P<modifier>{_MODIFIER})\s+)?
            (?P<core>between\s+(?P<between_low>{_NUMBER})\s+and\s+(?P<between_high>{_NUMBER})
              | (?P<first>{_NUMBER})
                (?:[-–](?P<dash_high>{_DIGITS})
                  | \s+to\s+(?P<to_high>{_NUMBER})
                  | (?P<restated>\s*\(\s*(?P<paren>{_NUMBER})\s*\)))?)
        )
        (?:{_UNIT})?
        (?:\s+or\s+(?P<suffix>more|so)\b)?
        {_END}
    )""",
    re.IGNORECASE | re.VERBOSE)

# --- checks around one match (never run over the whole text) ----------------------------------

_PEOPLE = (r"people|persons?|civilians?|soldiers?|troops|servicem[ae]n|servicewomen"
           r"|service\s*members?|personnel|fighters?|residents?|inhabitants?|citizens?"
           r"|casualties|children|child|men|women|man|woman|evacuees?|prisoners?|POWs?"
           r"|officers?|generals?|colonels?|majors?|lieutenants?|captains?|sergeants?"
           r"|commanders?|mercenaries|mercenary|reservists?|conscripts?|recruits?|marines?"
           r"|paratroopers?|pilots?|journalists?|volunteers?|rescuers?|workers?|victims?"
           r"|defenders?|militants?|combatants?|individuals?|bodies"
           r"|Ukrainians|Russians")  # plural only: "Russian" is mostly an adjective
_SETTLEMENTS = (r"settlements?|villages?|towns?|cities|city|localities|locality|hamlets?"
                r"|(?:population|populated)\s+(?:centers|centres|areas|points)")
# Words that end the noun phrase of the number: a noun after them counts something else
# ("5 tanks and soldiers", "5 were soldiers").
# So do a determiner, which opens a new noun phrase ("two weeks the cities"), and a unit of
# time, which is the noun the number counts ("in the last two weeks ... cities").
_STOP = (r"and|or|but|nor|in|on|at|to|from|by|with|for|than|as|into|near|were|was|are|is"
         r"|have|has|had|been|be|who|which|that|while|when|after|before|during|since|including"
         r"|the|a|an|this|these|those|its|their|his|her|our|your|my"
         r"|seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|times")
_NOUN_AFTER_RE = re.compile(
    rf"(?:\s+of)?(?:\s+(?!(?:{_STOP})\b)[^\W\d_]+(?:[-'’][^\W\d_]+)*){{0,2}}?"
    rf"\s+(?:(?P<people>{_PEOPLE})|(?P<settlements>{_SETTLEMENTS}))\b",
    re.IGNORECASE)
_LABEL_BEFORE_RE = re.compile(  # "Chapter 4", "Supporting Effort 1", "Nord Stream 2", "$ 9"
    r"(?:\b(?:chapter|article|section|resolution|protocol|no\.|nos\.|number|flight|page"
    r"|paragraph|version|route|highway|unit|reactor|gate|platform|episode|season|vol\.|volume"
    r"|effort|stream|usd|eur|uah|rub)|[$€£₴])\s*$",
    re.IGNORECASE)
_TIME_BEFORE_RE = re.compile(
    rf"\b(?:in|since|until|till|before|after|during|from|early|late|mid|spring|summer"
    rf"|autumn|fall|winter|year|{_MONTH})\s+$",
    re.IGNORECASE)
_VERB_BEFORE_OVER_RE = re.compile(  # "took over two villages": "over" belongs to the verb
    r"\b(?:take|takes|took|taken|taking|hand|hands|handed|handing|turn|turns|turned|turning"
    r"|fight|fights|fought|fighting|win|wins|won|winning|pass|passes|passed|passing)\s+$",
    re.IGNORECASE)
_FROM_BEFORE_RE = re.compile(r"\bfrom\s+$", re.IGNORECASE)
_NOT_A_COUNT_ONE_RE = re.compile(r"\b(?:no|every|each|the|this|that|any|which)\s+$",
                                 re.IGNORECASE)
_YEAR_RE = re.compile(r"19\d\d|20\d\d|2100")
_LEADING_DIGITS_RE = re.compile(r"[\d,.\u00a0\u202f\u2009 ]*\d")

_MEASURES = ("km2", "mi2", "km", "mi")  # units whose words belong to the span
_RANGE_SCALES = (100, 1_000, 1_000_000, 1_000_000_000)

Number = tuple[Decimal, int | None]  # value, and the scale word it ends with ("2 thousand")


def find_quantities(text: str) -> list[Quantity]:
    """Return every quantity in ``text``, sorted by start, non-overlapping (longest wins)."""
    found: list[Quantity] = []
    for match in _QUANTITY_RE.finditer(text):
        if match.group("date") is None:
            found.extend(_read_match(text, match))
    return found


def _read_match(text: str, match: re.Match[str]) -> list[Quantity]:
    """Turn one match into its quantities.

    Usually one; none for a year, a label or a score ("3-1"); two for "from 10 to 20" and for
    a parenthesis that does not restate the number before it.
    """
    if match.group("vague") or match.group("several"):
        return [_quantity(text, match.start(), match.end(), _vague_min(match), None,
                          _unit(text, match), True)]
    start, modifier = match.start(), _modifier(text, match)
    if match.group("modifier") and modifier is None:
        start = match.start("core")
    if not _is_count(text, start, match.end(), modifier):
        return []
    if match.group("between_low"):
        low, high = _parse_number(match.group("between_low")), \
            _parse_number(match.group("between_high"))
    elif match.group("dash_high") or match.group("to_high"):
        if match.group("to_high") and _FROM_BEFORE_RE.search(text, max(0, start - 8), start):
            return _split(text, match, start, "to_high", modifier)
        if match.group("dash_high") and not match.group("first")[0].isdigit():
            return []  # "five-6" is no way to write a range
        low, high = _parse_number(match.group("first")), \
            _parse_number(match.group("dash_high") or match.group("to_high"))
    else:
        low = high = _parse_number(match.group("first"))
        if match.group("paren") and _parse_number(match.group("paren"))[0] != low[0]:
            return _split(text, match, start, "paren", modifier)
    low = _borrow_scale(low, high)
    if _is_range(match) and low[0] >= high[0]:
        return []  # "3-1", "5 to 5": a score or a code, not a range
    unit = _unit(text, match)
    if _is_year(text, start, match, unit, modifier):
        return []
    lower, upper, approximate = _bounds(low[0], high[0], modifier, match.group("suffix"))
    return [_quantity(text, start, match.end(), lower, upper, unit, approximate)]


def _is_range(match: re.Match[str]) -> bool:
    return bool(match.group("between_low") or match.group("dash_high") or match.group("to_high"))


def _split(text: str, match: re.Match[str], start: int, second: str,
           modifier: str | None) -> list[Quantity]:
    """Two numbers that are not one quantity: "from 10 to 20", "12 (15) soldiers".

    The modifier stays with the first, the unit goes to the second: it follows it. The second
    span ends with its number, so it leaves out a ")" and an area unit after it.
    """
    first = _parse_number(match.group("first"))[0]
    lower, upper, approximate = _bounds(first, first, modifier, None)
    value = _parse_number(match.group(second))[0]
    return [_quantity(text, start, match.end("first"), lower, upper, "", approximate),
            _quantity(text, match.start(second), match.end(second), value, value,
                      _unit(text, match), match.group("suffix") is not None
                      and match.group("suffix").lower() == "so")]


def _quantity(text: str, start: int, end: int, low: Decimal | int | None,
              high: Decimal | int | None, unit: str, approximate: bool) -> Quantity:
    return Quantity(start, end, text[start:end], _tidy(low), _tidy(high), unit, approximate)


def _tidy(value: Decimal | int | None) -> float | None:
    """Whole values come back as ``int`` (2000, as the gold files write them), others float."""
    if value is None:
        return None
    return int(value) if value == int(value) else float(value)


def _parse_number(phrase: str) -> Number:
    """Return the value of one number phrase and the scale word it ends with, if any.

    "1,200" -> (1200, None); "2 thousand" -> (2000, 1000); "two hundred" -> (200, 100).
    """
    digits = _LEADING_DIGITS_RE.match(phrase)
    if digits:
        value = Decimal(re.sub(r"[^\d.]", "", digits.group()))
        scale = _SCALES.get(phrase[digits.end():].strip().lower())
        return (value * scale, scale) if scale else (value, None)
    total, current, scale = Decimal(0), Decimal(0), None
    for word in re.findall(r"[a-z]+", phrase.lower()):
        if word == "and":
            continue
        scale = _SCALES.get(word)
        if word == "a":
            current = Decimal(1)
        elif word in _WORD_VALUES:
            current += _WORD_VALUES[word]
        elif word in ("hundred", "dozen"):
            current = (current or 1) * scale
        else:  # thousand, million, billion
            total += (current or 1) * scale
            current = Decimal(0)
    return total + current, scale


def _borrow_scale(low: Number, high: Number) -> Number:
    """"10-20 thousand", "two to three hundred": the low end takes the high end's scale."""
    value, scale = low
    if scale is None and high[1] in _RANGE_SCALES and value * high[1] <= high[0]:
        return value * high[1], high[1]
    return low


def _bounds(low: Decimal, high: Decimal, modifier: str | None,
            suffix: str | None) -> tuple[Decimal | None, Decimal | None, bool]:
    """Return (min, max, approximate) for a value or range under a modifier and a suffix."""
    whole = low == int(low) and high == int(high)
    if modifier == "gt":
        return (low + 1 if whole else low), None, False
    if modifier == "ge":
        return low, None, False
    if modifier == "le":
        return None, high, False
    if modifier == "lt":
        return None, (high - 1 if whole else high), False
    suffix = suffix.lower() if suffix else None
    if suffix == "more":
        return low, None, modifier == "approx"
    return low, high, modifier == "approx" or suffix == "so"


def _vague_min(match: re.Match[str]) -> int:
    """Lower bound of a vague count: "dozens" 24, "several hundred" 300."""
    word = " ".join((match.group("vague") or match.group("several")).lower().split())
    scale_word = match.group("vague_of") or match.group("several_of")
    scale = _SCALES[scale_word.lower().removesuffix("s")] if scale_word else 1
    return _VAGUE_VALUES[word] * scale


def _modifier(text: str, match: re.Match[str]) -> str | None:
    """The modifier's kind ("gt", "approx", ...); None without one, or for a verb's "over"."""
    words = match.group("modifier")
    if words is None:
        return None
    start = match.start()
    if words.lower() == "over" and _VERB_BEFORE_OVER_RE.search(text, max(0, start - 12), start):
        return None
    return _MODIFIERS[" ".join(words.lower().split())]


def _unit(text: str, match: re.Match[str]) -> str:
    for unit in _MEASURES:
        if match.group(unit):
            return unit
    noun = _NOUN_AFTER_RE.match(text, match.end())
    if noun is None:
        return ""
    return "people" if noun.group("people") else "settlements"


def _is_count(text: str, start: int, end: int, modifier: str | None) -> bool:
    """False for labels ("Chapter 4"), list numbering ("1. Five killed") and "no one"."""
    if _LABEL_BEFORE_RE.search(text, max(0, start - 12), start):
        return False
    at_line_start = start == 0 or text[start - 1] == "\n"
    if at_line_start and text[start:end].isdigit() and text[end:end + 1] in (".", ")"):
        return False
    if modifier is None and text[start:end].lower() == "one":
        return not (_NOT_A_COUNT_ONE_RE.search(text, max(0, start - 8), start)
                    or text[end:end + 8].lower().startswith(" another"))
    return True


def _is_year(text: str, start: int, match: re.Match[str], unit: str,
             modifier: str | None) -> bool:
    """A bare 1900-2100 is a year, unless a counted noun or a bound makes it a count.

    "In 2022 people fled" is still a year: a time word before the number wins over the noun.
    "More than 2000" is a count, "up to 2014" and "around 2014" are years.
    """
    ends = (match.group(name) for name in ("first", "dash_high", "to_high", "between_low",
                                           "between_high"))
    if not any(end and _YEAR_RE.fullmatch(end) for end in ends):
        return False
    if _TIME_BEFORE_RE.search(text, max(0, start - 12), start):
        return True
    return unit == "" and modifier not in ("gt", "ge", "lt")
