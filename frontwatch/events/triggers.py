"""The words that state an event, by type, and what each says about control.

Each trigger pattern carries an ``effect`` for control events: who holds the place after it.
- ``agent``: the side that acted ("Russian forces captured X" → RU);
- ``other``: the side opposite the one that acted ("Ukrainian forces withdrew from X" → RU);
- ``contested``: fighting inside, entered, encircled.
The patterns are English and theatre-agnostic; sides come from the actors and demonyms of the
sentence (``events.sides``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Trigger:
    type: str
    action: str
    effect: str  # agent, other, contested, "" (not a control event)
    start: int
    end: int
    passive: bool  # "was captured by", "fell to": the agent follows the trigger


def _words(*patterns: str) -> str:
    return "|".join(patterns)


# (type, action, effect, pattern). Order matters only for overlaps: earlier wins.
_TABLE: tuple[tuple[str, str, str, str], ...] = (
    ("control", "liberated", "agent", _words(
        r"liberat(?:ed|es|ing|e|ion of)", r"re-?(?:took|taken|captured?|capturing)",
        r"regain(?:ed)? control(?: of| over)?", r"reclaim(?:ed)?", r"de-?occupied")),
    ("control", "captured", "agent", _words(
        r"captur(?:ed|es|ing|e of|e)", r"seiz(?:ed|es|ing|ure of)",
        r"(?:took|taken|take|taking|gained|gain|established|establish|assumed|secured)"
        r"(?: full| complete| partial)? control(?: of| over)?",
        r"(?:full|complete) control (?:of|over)", r"fully controlled", r"fall of",
        r"fell(?: to)?", r"occupied", r"took over", r"taken over", r"conquer(?:ed)?",
        r"took", r"taken", r"take", r"secured")),
    ("control", "withdrew", "other", _words(
        r"withdr(?:ew|awn|awal|awing|aw)(?: of (?:\w+ ){0,3}?(?:forces|troops|units))?"
        r"(?: from)?", r"retreat(?:ed|ing)?(?: from)?",
        r"pull(?:ed|ing)? (?:out|back)(?: of| from)?",
        r"abandon(?:ed|ing)?", r"pull-?out(?: from| of)?", r"fle(?:e|d|eing)(?: from)?",
        r"left")),
    ("control", "entered", "contested", _words(r"enter(?:ed|ing)?", r"broke into",
                                              r"advanced into")),
    ("control", "encircled", "contested", _words(
        r"encircl(?:ed|ing|ement of|e)", r"surround(?:ed|ing)", r"besieg(?:ed|ing)",
        r"under siege", r"blockad(?:ed|e of)", r"cut off")),
    ("control", "contested", "contested", _words(
        r"(?:street |heavy |ongoing |urban |fierce |violent |positional )?"
        r"(?:fighting|fights?|battles?|clashes|combat)"
        r"(?: (?:has been |have been |is |are |was |were )?(?:ongoing|continued|continues|"
        r"continuing|underway|fought))? (?:in and around|in|for|inside|within|around)",
        r"contested")),
    ("control", "holds", "agent", _words(
        r"(?:still |continue to |continues to )?(?:hold|holds|held|retain|retains|retained|"
        r"control|controls|controlled)(?: control of)?", r"defend(?:ed|ing|s)?")),
    ("strike", "strike", "", _words(
        r"shell(?:ed|ing|s)?", r"struck", r"sank", r"sunk", r"target(?:ed|ing)?",
        r"bombard(?:ed|ing|ment)?", r"strikes?(?: on| against| at)?",
        r"air ?strikes?",
        r"(?:missile|rocket|drone|air|artillery|airstrike) (?:strikes?|attacks?|fire)",
        r"bomb(?:ed|ing)", r"fired (?:on|at|upon)", r"hit",
        r"attacked with", r"launched (?:missiles|rockets|drones)")),
    ("casualties", "killed", "", _words(r"killed", r"dead", r"died", r"deaths?",
                                        r"lost their lives")),
    ("casualties", "wounded", "", _words(r"wounded", r"injured", r"injuries")),
    ("casualties", "killed_or_wounded", "", _words(r"casualties")),
    ("casualties", "captured", "", _words(r"taken prisoner", r"prisoners of war", r"POWs")),
    ("annexation", "annexation", "", _words(
        r"annex(?:ed|es|ing|ation)", r"referend(?:um|ums|a)", r"join(?:ing)? Russia",
        r"accession")),
    ("evacuation", "evacuation", "", _words(r"evacuat(?:ed|es|e|ing|ion)")),
    ("mobilization", "mobilization", "", _words(
        r"mobili[sz](?:ation|ed|e|ing)", r"conscript(?:ion|ed)", r"call-?up", r"drafted")),
)

# Case-insensitive: a trigger may open a sentence ("Fighting continued in ...").
_PATTERNS = tuple(
    (type_, action, effect, re.compile(r"\b(?:" + pattern + r")\b", re.IGNORECASE))
    for type_, action, effect, pattern in _TABLE)
# A quick filter: one search over a sentence before the per-type patterns run.
ANY_TRIGGER = re.compile(r"\b(?:" + "|".join(p for *_, p in _TABLE) + r")\b", re.IGNORECASE)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are|be|had|has|have)\s+(?:\w+ly\s+)?$")
_PASSIVE_AFTER = re.compile(r"\s+(?:by|to)\b")
# Words that make "hit", "held", "left", "took", "control" not an event of that kind.
_NOT_EVENT_AFTER = re.compile(
    r"\s+(?:a |an |the )?(?:record|talks?|meetings?|press|conference|referendum on|"
    r"elections?|hands|office|power|note|part|place|steps?|measures?|time|bank|side|flank|"
    r"behind|over)\b", re.IGNORECASE)


def find_triggers(sentence: str, offset: int) -> list[Trigger]:
    """Every trigger in one sentence (offsets shifted by ``offset``), earliest first."""
    if not ANY_TRIGGER.search(sentence):
        return []
    found: list[Trigger] = []
    taken: list[tuple[int, int]] = []
    for type_, action, effect, pattern in _PATTERNS:
        for match in pattern.finditer(sentence):
            start, end = match.span()
            if any(a < end and start < b for a, b in taken):
                continue
            if _NOT_EVENT_AFTER.match(sentence, end):
                continue
            passive = bool(_PASSIVE_BEFORE.search(sentence, max(0, start - 20), start)
                           or (action == "captured" and match.group().startswith("fell"))) \
                and bool(_PASSIVE_AFTER.match(sentence, end) or match.group().startswith("fell"))
            taken.append((start, end))
            found.append(Trigger(type_, action, effect, offset + start, offset + end, passive))
    found.sort(key=lambda t: t.start)
    return found
