"""Whether a trigger word is used in the sense of a war event at all.

The trigger table matches words; many of them have other senses that a place nearby turns
into a false event:
- "held": "a referendum was held on ..." (an agentless passive hosts an event; "X is held by
  Russian forces" names who holds it);
- a verb whose object is not ground: "held their fire", "has taken on a new meaning",
  "retained a special status", "took the form", "flee their homes", "abandoned the
  objective of"; "the captured Mariupol defenders" (people captured);
- a recording verb: "footage captured by ...", "a video taken in ...";
- "surrounding" as an adjective or participle: "the surrounding settlements", "smoke
  surrounding the trains" (troops "are surrounding" a town is an event); "contested" as an
  adjective ("previously contested terrain"; a town that "remains contested" is an event);
- a month after the verb: "after entering July";
- a strike word closing a hyphenated compound: "the reconnaissance-strike complex";
- a partial encirclement or blockade ("maintain a partial blockade of X"): the place is not
  cut off; "judicial control", "administrative control": not military control;
- people who are not troops leaving a place ("occupation officials have left Kherson",
  "residents fled the city"): no change of control;
- a history lesson: "captured in the 18th century", "seized in 1783" (this war's events are
  dated from 2014 on);
- a retraction: "CORRECTION: A previous version of this report stated that ...".
Each rule reads a few words on either side of the trigger; none depends on a place or outlet.
"""

from __future__ import annotations

import re

from frontwatch.events.triggers import Trigger

_AGENTLESS_HELD = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?$",
                             re.IGNORECASE)
_BY_AFTER = re.compile(r"\s+(?:\w+ly\s+)?by\b", re.IGNORECASE)
# Objects that are not ground, with an optional determiner and one adjective.
_OTHER_OBJECT = re.compile(
    r"\s+(?:on\s+)?(?:(?:a|an|the|their|its|his|her|our|your|some|territorial|special|"
    r"new|different|wider)\s+){0,2}(?:fire|breath|homes?|meaning|status|form|shape|look|"
    r"ambitions?|options?|access|views?|stance|interest|lead|charge|turn|toll|lives|"
    r"hostages?|prisoners?|referendums?|referenda|votes?|elections?|objectives?|goals?|"
    r"plans?|aims?|idea|efforts?|attempts?|hopes?)\b", re.IGNORECASE)
_OBJECT_VERBS = {"held", "hold", "holds", "retained", "retain", "retains", "taken", "take",
                 "took", "flee", "fled", "fleeing", "left", "retreat", "abandoned", "abandon",
                 "abandons"}
# "the captured Mariupol defenders": people were captured, the place names them.
_PEOPLE_AFTER = re.compile(r"\s+(?:[A-Z][\w’'-]+\s+){1,2}(?:defenders|soldiers|troops|"
                           r"fighters|servicemen|marines|garrison|prisoners|POWs)\b")
_RECORDING = re.compile(r"\b(?:footage|videos?|images?|photos?|photographs?|pictures?|"
                        r"imagery)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_RECORDING_VERBS = {"captured", "taken", "took"}
_SURROUNDING_EVENT = re.compile(r"\b(?:is|are|was|were|been|be|forces|troops|units|"
                                r"soldiers|army|and)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_CONTESTED_EVENT = re.compile(r"\b(?:is|are|was|were|been|be|being|remains?|remained|"
                              r"remaining|stays?|stayed)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_NOT_MILITARY_CONTROL = re.compile(r"\b(?:judicial|administrative|political|economic|financial|"
                                   r"informational|information|civil|civilian|coherent|"
                                   r"social|fiscal|media)\s+$", re.IGNORECASE)
_LEAVING = {"left", "fled", "flee", "fleeing"}
_CIVILIAN_SUBJECT = re.compile(r"\b(?:authorities|officials|administrators|residents|civilians|"
                               r"members|people|families|refugees|collaborators|inhabitants|"
                               r"children|women|staff|employees|journalists)\b", re.IGNORECASE)
_MILITARY_SUBJECT = re.compile(r"\b(?:forces|troops|units|army|soldiers|servicemen|military|"
                               r"fighters|battalions?|brigades?|regiments?|garrison)\b",
                               re.IGNORECASE)
_PARTIAL = re.compile(r"\bpartial(?:ly)?\s+$", re.IGNORECASE)
_MONTH_AFTER = re.compile(r"\s+(?:January|February|March|April|May|June|July|August|"
                          r"September|October|November|December)\b")
# A report withdrawn by its writer: "CORRECTION: A previous version of this report stated
# that ...", "ISW mistakenly reported on April 23 that ...".
_RETRACTED = re.compile(r"\bCORRECTION\b|\bmistakenly\s+(?:\w+\s+)?(?:reported|stated|"
                        r"wrote|assessed)|\bprevious\s+version\s+of\s+this\s+(?:report|article)",
                        re.IGNORECASE)
_HISTORY = re.compile(r"\b(?:\d{1,2}(?:st|nd|rd|th)|[a-z]+(?:teenth|tieth))[- ]centur(?:y|ies)"
                      r"\b|\b(?:1[0-8]\d\d|19[0-8]\d)\b", re.IGNORECASE)


def is_other_sense(text: str, clause_start: int, scope_end: int, trigger: Trigger) -> bool:
    """True when the trigger word at ``trigger`` is not used as a war event (see module)."""
    word = text[trigger.start:trigger.end].lower()
    last = word.split()[-1] if word.split() else word
    before = text[max(clause_start, trigger.start - 40):trigger.start]
    if last == "held" and _AGENTLESS_HELD.search(before) and \
            not _BY_AFTER.match(text, trigger.end):
        return True
    if last in _OBJECT_VERBS and _OTHER_OBJECT.match(text, trigger.end):
        return True
    if last in _RECORDING_VERBS and _RECORDING.search(before):
        return True
    if last == "captured" and _PEOPLE_AFTER.match(text, trigger.end):
        return True  # "the captured Mariupol defenders": prisoners, not a capture of ground
    if last == "surrounding" and not _SURROUNDING_EVENT.search(before):
        return True
    if last == "control" and _NOT_MILITARY_CONTROL.search(before):
        return True  # "to strengthen judicial control of the city"
    if last in _LEAVING and _CIVILIAN_SUBJECT.search(text, clause_start, trigger.start) and \
            not _MILITARY_SUBJECT.search(text, clause_start, trigger.start):
        return True  # "occupation officials have left Kherson": people, not the front
    if trigger.action == "encircled" and _PARTIAL.search(before):
        return True  # "maintain a partial blockade of X": X itself is not cut off
    if last == "contested" and not _CONTESTED_EVENT.search(before):
        return True  # "previously contested terrain": an adjective
    if trigger.type == "control" and _MONTH_AFTER.match(text, trigger.end):
        return True  # "after entering July" (a strike "on August 28" is dated, not odd)
    sentence_before = text[max(0, trigger.start - 200):trigger.start].rsplit(". ", 1)[-1]
    if _RETRACTED.search(sentence_before):
        return True  # the writer withdraws what it reported
    if trigger.type == "strike" and text[trigger.start - 1:trigger.start] == "-":
        return True  # "the reconnaissance-strike complex": a modifier of a compound
    return trigger.type == "control" and bool(_HISTORY.search(text, clause_start, scope_end))
