"""The words and regular expressions that English time expressions are made of.

Only data lives here: month and weekday names, number words, hedges ("about", "just over"),
the relation words ("since", "prior to"), and the compiled patterns built from them. Which
pattern runs where is ``find``'s business; what a match means is ``builders``'.

Month and weekday names match only capitalised (``(?-i:...)`` inside patterns that otherwise
ignore case): "march on Kyiv" and "forces may attack" are not dates.
"""

from __future__ import annotations

import re

MONTHS = {name: number for number, name in enumerate(
    ("January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"), start=1)}
MONTH_NAMES = ("", *MONTHS)  # indexed by month number
ABBREVIATED = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9,
               "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NUMBER_WORDS = {word: number for number, word in enumerate(
    ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
     "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
     "twenty"), start=1)} | {"a": 1, "an": 1, "a single": 1, "a couple of": 2, "couple of": 2}
# Counts without a number: a low and a high reading, resolved as approximate.
VAGUE_COUNTS = {"a few": (2, 4), "few": (2, 4), "several": (3, 7)}
# Hedges before a count, by which way they move the day: "about" both ways, "over" further from
# the day counted from, "under" nearer to it.
HEDGES = {"about": "about", "around": "about", "roughly": "about", "approximately": "about",
          "some": "about", "circa": "about", "just over": "over", "a little over": "over",
          "a little more than": "over", "more than": "over", "over": "over", "at least": "over",
          "well over": "over", "nearly": "under", "almost": "under", "just under": "under",
          "less than": "under", "under": "under", "up to": "under", "not quite": "under"}


# --- building blocks: pattern text with a group name to fill in --------------------------

_MONTH = (r"(?-i:(?P<{0}>(?:" + "|".join(MONTHS) + r")\b|(?:"
          + "|".join(sorted(ABBREVIATED, key=len, reverse=True)) + r")\b\.?))")
_WEEKDAY = r"(?-i:(?P<{0}>" + "|".join(WEEKDAYS) + r")\b)"
_DAY = r"(?P<{0}>0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?!\d|[.,:]\d)"
_YEAR = r"(?P<{0}>(?:19|20)\d\d)(?!\d|[.,]\d)"
_NUMBER = (r"(?P<{0}>\d{{1,3}}|" + "|".join(sorted(
    (*NUMBER_WORDS, *VAGUE_COUNTS), key=len, reverse=True)).replace(" ", r"\s+") + r")")
_HEDGE = (r"(?:(?P<hedge>" + "|".join(sorted(HEDGES, key=len, reverse=True)).replace(" ", r"\s+")
          + r")\s+)?")
_UNIT = r"(?P<unit>hours?|days?|weeks?|months?|years?)"
_PARTS = (r"(?P<part>early|mid|late|(?:the\s+|at\s+the\s+)?(?:end|beginning|start|middle)\s+of)")
_DASH = r"[-–—]"

# "Thursday, November 10", "July 3rd, 2022", "March 27-28", "March 31-April 1", "Feb. 24"
MONTH_FIRST = re.compile(
    r"(?:" + _WEEKDAY.format("wd") + r"[,.]?\s+(?:the\s+)?)?" + _MONTH.format("mon") + r"\s+"
    + _DAY.format("d") + r"(?:\s*(?P<sep>" + _DASH + r"|to|through|until|till|and)\s*(?:"
    + _MONTH.format("mon2") + r"\s+)?" + _DAY.format("d2") + r")?(?:,?\s+" + _YEAR.format("y")
    + r")?")
# "3 July 2022", "27-28 March", "Sunday, 3rd of July"
DAY_FIRST = re.compile(
    r"(?:" + _WEEKDAY.format("wd") + r"[,.]?\s+(?:the\s+)?)?(?<![\d.,/:])" + _DAY.format("d")
    + r"(?:\s*" + _DASH + r"\s*" + _DAY.format("d2") + r")?\s+(?:of\s+)?" + _MONTH.format("mon")
    + r"(?:,?\s+" + _YEAR.format("y") + r")?")
# "September 2022", "mid-September of 2022"
MONTH_YEAR = re.compile(_MONTH.format("mon") + r"(?:\s+of)?,?\s+" + _YEAR.format("y"))
# "spring 2023", "the fall of 2022", "winter and spring 2023", "summer, 2022"
_SEASON = r"(?P<{0}>spring|summer|fall|autumn|winter)"
SEASON_YEAR = re.compile(r"\b" + _SEASON.format("s1") + r"(?:\s+(?:and|to|through|or)\s+(?:the\s+)?"
                         + _SEASON.format("s2") + r")?(?:\s+of)?,?\s+" + _YEAR.format("y"),
                         re.IGNORECASE)
# "September", "in May": full names only; context is checked after the match.
MONTH_ALONE = re.compile(r"(?P<mon>" + "|".join(MONTHS) + r")\b")
YEAR_ALONE = re.compile(r"(?<![\w.,/-])" + _YEAR.format("y") + r"(?:\s*(?:" + _DASH
                        + r"|to|until|through|and)\s*" + _YEAR.format("y2") + r")?(?![\w/-])")
# ISO-like 2022-07-04 or 2022/07/04, and day-first 04.07.2022; slashes day/month unclear.
NUMERIC = re.compile(
    r"(?<![\w./-])(?:(?P<iy>(?:19|20)\d\d)(?P<s>[-/.])(?P<im>0?[1-9]|1[0-2])(?P=s)"
    r"(?P<id>0?[1-9]|[12]\d|3[01])|(?P<a>\d{1,2})(?P<t>[./])(?P<b>\d{1,2})(?P=t)"
    r"(?P<ny>(?:19|20)\d\d))(?!\d)")
WEEKDAY_ALONE = re.compile(_WEEKDAY.format("wd") + r"(?:\s+(?P<part>morning|"
                           r"afternoon|evening|night))?", re.IGNORECASE)
DAY_WORD = re.compile(
    r"\b(?:the\s+day\s+(?P<pair>before\s+yesterday|after\s+tomorrow)|(?P<word>yesterday|today|"
    r"tonight|tomorrow)|this\s+(?P<this>morning|afternoon|evening)|last\s+(?P<last>night)|"
    r"(?:earlier|later)\s+(?P<today>today))\b(?:\s+(?P<part>morning|afternoon|evening|night))?",
    re.IGNORECASE)
PERIOD = re.compile(r"\b(?P<which>last|this|next)\s+"
                    r"(?P<unit>week|weekend|month|year)\b|\b(?:over|at|during)\s+(?P<weekend>the\s+"
                    r"weekend)\b", re.IGNORECASE)
STRETCH = re.compile(
    r"\b(?:over|in|during|within|for|throughout)\s+(?:(?P<the>the\s+(?P<which>past|last|previous"
    r"|next|coming)\s+(?:" + _NUMBER.format("n") + r"\s+)?" + _UNIT + r")|(?P<recent>recent\s+"
    r"(?P<runit>days|weeks|months)))\b", re.IGNORECASE)
# Counted expressions are found by their unit word; the count before it is read afterwards.
UNIT_WORD = re.compile(r"\b" + _UNIT + r"\b", re.IGNORECASE)
COUNT_BEFORE = re.compile(r"\b(?:(?P<after>after)\s+)?" + _HEDGE + _NUMBER.format("n")
                          + r"\s+$", re.IGNORECASE)
COUNT_ENDS = frozenset(word.split()[-1] for word in (*NUMBER_WORDS, *VAGUE_COUNTS))
TAIL = re.compile(r"\s+(?P<tail>ago|back|earlier|later|after\s+that|before\s+that)\b",
                  re.IGNORECASE)
CONTEXT = re.compile(
    r"\b(?P<same>that|the\s+same)\s+(?P<p1>day|"
    r"night|evening|morning|afternoon)\b|\b(?:the\s+)?(?P<dir>next|following|previous|"
    r"preceding)\s+(?P<p2>day|morning|night|evening|afternoon)\b|\bthe\s+(?P<p3>day|night|"
    r"evening)\s+(?P<dir3>before|after)\b(?!\s+(?:yesterday|tomorrow))|\b(?P<overnight>"
    r"overnight)\b(?!\s+(?:on|of|into)\s+[A-Z\d])", re.IGNORECASE)
URL = re.compile(r"(?:https?://|www\.)\S+")

# Words before a match that belong to it, read on the text just before the match.
# "late on July 3", "early February 25" (early that day, not early February), "the night of".
BEFORE_DATE = re.compile(r"(?:\b(?P<late>late|early)\s+(?:on\s+)?|\b(?:on\s+)?the\s+(?P<night>"
                         r"night)\s+of\s+)$", re.IGNORECASE)
BEFORE_MONTH = re.compile(r"(?:\b" + _PARTS + r"[\s-]+|\b(?P<which>last|this|next)\s+)$",
                          re.IGNORECASE)
BEFORE_YEAR = re.compile(r"(?:\b" + _PARTS + r"[\s-]+|\b(?P<prep>in|since|from|during|"
                         r"throughout|until|till|before|after|between|by)\s+"
                         r"(?:the\s+(?:year\s+)?)?)$", re.IGNORECASE)
BEFORE_WEEKDAY = re.compile(r"\b(?:(?P<which>last|this|next|this\s+past|this\s+coming)|"
                            r"(?P<late>late|early)(?:\s+on)?)\s+$", re.IGNORECASE)
BEFORE_LATE = re.compile(r"\b(?P<late>late|early|later|earlier)\s+$", re.IGNORECASE)
BEFORE_RELATION = re.compile(r"\b(?P<rel>since|before|after|until|till|prior\s+to)\s+$",
                             re.IGNORECASE)
# "in May", "since May": the only ways a bare "May" is the month and not the modal verb.
BEFORE_MAY = re.compile(r"(?:\b(?:in|since|until|till|by|from|during|through|throughout|"
                        r"of|before|after|early|mid|late|last|this|next|to|between)[\s-]+|"
                        r"\b(?-i:April|March|June)\W+(?:and\s+|or\s+)?)$", re.IGNORECASE)
RELATIONS = {"since": "since", "before": "before", "after": "after", "until": "until",
             "till": "until", "prior to": "before", "following": "after", "ahead of": "before",
             "soon after": "soon-after", "shortly after": "soon-after", "just after": "soon-after",
             "right after": "soon-after", "immediately after": "soon-after",
             "shortly before": "soon-before", "just before": "soon-before",
             "in the run-up to": "soon-before"}

RELATION_KEYS = {" ".join(key.replace("-", " ").split()): value
                 for key, value in RELATIONS.items()}


def normal(words: str) -> str:
    """One spelling for words matched in any case, spacing or hyphenation."""
    return " ".join(words.casefold().replace("-", " ").split())
