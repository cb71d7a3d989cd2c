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
from re import _parser  # the stdlib's own regex parser: lists a pattern's first words


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
        r"regain(?:ed)? control(?: of| over)?", r"reclaim(?:ed)?", r"de-?occupied",
        r"de-?occupation of")),
    ("control", "captured", "agent", _words(
        # "seized control of" before "seized": the longer phrase is one trigger
        r"(?:took|taken|take|taking|gained|gain|established|establish|assumed|secured|seized|"
        r"seize|seizing)(?: full| complete| partial)? control(?: of| over)?",
        r"captur(?:ed|es|ing|e of|e)", r"seiz(?:ed|es|ing|ure of)",
        r"(?:full|complete) control (?:of|over)", r"fully controlled", r"fall of",
        r"fell(?: to)?", r"fallen(?: to)?", r"occupied", r"(?:began |begun )?occupying",
        r"(?:temporary |illegal )?occupation of", r"under (?:\w+ )?occupation",
        r"took over", r"taken over", r"takeover of", r"conquer(?:ed)?",
        r"took", r"taken", r"take", r"secured")),
    ("control", "withdrew", "other", _words(
        r"withdr(?:ew|awn|awal|awing|aw)(?: of (?:\w+ ){0,3}?(?:forces|troops|units))?"
        r"(?: from)?", r"retreat(?:ed|ing)?(?: from)?",
        r"pull(?:ed|ing)? (?:out|back)(?: of| from)?",
        r"abandon(?:ed|ing)?", r"pull-?out(?: from| of)?", r"fle(?:e|d|eing)(?: from)?",
        r"left", r"driven out(?: of| from)?",
        r"(?:took|taken|take|taking) (?:their|its|his|her|our) leave(?: of| from)?")),
    ("control", "entered", "contested", _words(
        r"enter(?:ed|ing)?", r"broke into", r"advanc(?:ed|es|ing) (?:into|to|within)",
        # "advanced northeast from Zhytomyr Oblast into Ivankiv": the place after "into"
        r"advanc(?:ed|es|ing) (?:[a-z]+ )?from [^.,;]{1,40}? into")),
    ("control", "encircled", "contested", _words(
        r"encircl(?:ed|ing|ement of|e)", r"surround(?:ed|ing)", r"besieg(?:ed|ing)",
        r"under siege", r"siege of", r"blockad(?:ed|e of)", r"cut off")),
    ("control", "contested", "contested", _words(
        r"(?:street |heavy |ongoing |urban |fierce |violent |positional )?"
        r"(?:fighting|fights?|battles?|clashes|combat)"
        r"(?: (?:has been |have been |is |are |was |were )?(?:ongoing|continued|continues|"
        r"continuing|underway|fought))? (?:in and around|in|for|inside|within)",
        r"contested", r"fought for(?: control of)?",
        r"(?:(?:made|making|make) (?:\w+ )?)?(?:gains|progress) in",
        r"partial success(?:es)?(?:[”\"]? (?:in|near))?",
        # "reduce pockets of resistance in X": fighting inside; "a bridgehead in X"
        r"reduc(?:e|ed|es|ing) (?:the )?(?:remaining )?pockets?(?: of (?:\w+ )?resistance)?"
        r"(?: in)?", r"establish(?:ed|es|ing)? (?:a )?bridgeheads? (?:in|at|near|on)")),
    ("control", "holds", "agent", _words(
        r"(?:still |continue to |continues to )?(?:hold|holds|held|retain|retains|retained|"
        r"control|controls|controlled)(?: control of)?", r"defend(?:ed|ing|s)?",
        # "consolidating (and fortifying) positions in X": holding ground already taken
        r"consolidat(?:ed|es|ing|e)[”\"]?(?: and [“\"]?\w+[”\"]?)? (?:their |its )?positions in",
        r"(?:remains? |remained )?under (?:the )?(?:full )?control of")),
    ("strike", "strike", "", _words(
        r"shell(?:ed|ing|s)?", r"struck", r"sank", r"sunk", r"target(?:ed|ing)?",
        r"bombard(?:ed|ing|ment)?", r"strikes?(?: on| against| at)?",
        r"air ?strikes?",
        r"(?:missile|rocket|drone|air|artillery|airstrike) (?:strikes?|attacks?|fire)",
        r"bomb(?:ed|ing)", r"fired (?:on|at|upon)", r"hit(?:s|ting)?", r"attacked with",
        # "launched multiple \"Dot\" ballistic missiles at X": a few words may name them
        r"launched (?:[\w\"“”'-]+ ){0,3}(?:missiles?|rockets?|drones?)")),
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


# --- first words: the prefilter and the compiled patterns ---------------------------------
# Python's re tries every branch of an alternation at every position, so one large
# case-insensitive alternation costs far more than looking words up in a set. Every pattern
# is wrapped in \b, and every string it matches starts with a word character, so a match
# starts where a \w+ token of the sentence starts, and that token (up to the first
# non-word character of the match, or the match end, which \b puts at a token end) is one of
# the pattern's "first words". Those are listed from the parsed pattern, so a pattern added
# to _TABLE is covered without listing anything by hand. A sentence none of whose tokens,
# lower-cased, is a first word cannot match: the prefilter never rejects a trigger sentence.
# A pattern whose first word cannot be listed (it starts with \w+, or a non-word character)
# is kept in _UNLISTED and always runs.
_MAX_FIRST_WORDS = 5000  # more first words than this: the pattern is too open to list


class _Unlisted(Exception):
    """The first word of a pattern cannot be listed."""


def _walk(items, states: set[tuple[str, bool]]) -> set[tuple[str, bool]]:
    """Extend each (first word so far, ended) state by the parsed ``items``."""
    for op, arg in items:
        ended = {s for s in states if s[1]}
        going = states - ended
        if not going:
            break
        if op is _parser.LITERAL:
            states = ended | {_step(word, chr(arg)) for word, _ in going}
        elif op is _parser.IN:
            states = ended | {_step(word, char) for word, _ in going for char in _chars(arg)}
        elif op is _parser.BRANCH:
            states = ended.union(*(_walk(branch, going) for branch in arg[1]))
        elif op is _parser.SUBPATTERN:  # inline flags only narrow what the listing covers
            states = ended | _walk(arg[3], going)
        elif op in (_parser.AT, _parser.ASSERT, _parser.ASSERT_NOT):
            continue  # zero-width: it can only rule matches out
        elif op in (_parser.MAX_REPEAT, _parser.MIN_REPEAT):
            states = ended | _repeat(*arg, going)
        else:
            raise _Unlisted(f"{op} in the first word")
        if len(states) > _MAX_FIRST_WORDS:
            raise _Unlisted("too many first words")
    return states


def _repeat(low: int, high: int, body, states: set[tuple[str, bool]]) -> set[tuple[str, bool]]:
    """``body`` repeated ``low`` to ``high`` times; stops when a repetition adds nothing new."""
    result: set[tuple[str, bool]] = set()
    count = 0
    while True:
        if count >= low:
            if states <= result:
                break  # the next repetitions can only reach what is already there
            result |= states
        if count == high:
            break
        states = _walk(body, states)
        count += 1
    return result


def _step(word: str, char: str) -> tuple[str, bool]:
    """A word character extends the first word; anything else ends it."""
    if char.isalnum() or char == "_":
        if not char.isascii():
            raise _Unlisted(f"non-ASCII {char!r}: its case variants are not listed")
        return word + char.lower(), False
    if not word:
        raise _Unlisted("a match may start with a non-word character")
    return word, True


def _chars(items) -> list[str]:
    chars: list[str] = []
    for op, arg in items:
        if op is _parser.LITERAL:
            chars.append(chr(arg))
        elif op is _parser.RANGE and arg[1] - arg[0] < 64:
            chars.extend(map(chr, range(arg[0], arg[1] + 1)))
        else:
            raise _Unlisted(f"{op} in a character class")
    return chars


def first_words(pattern: str) -> frozenset[str] | None:
    """The lower-cased first words of every match of ``pattern``; None if they cannot be
    listed."""
    try:
        states = _walk(_parser.parse(pattern, re.IGNORECASE), {("", False)})
        if any(not word for word, _ in states):
            raise _Unlisted("a match may start with a non-word character")
    except _Unlisted:
        return None
    return frozenset(word for word, _ in states)


def _prefix_tree(words) -> str:
    """An alternation of ``words`` as a prefix tree ("re(?:t(?:aken|ook))"): re tries the
    branches of an alternation one by one, so a shared prefix is compared once."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def alternation(node: dict) -> str:
        branches = [char + alternation(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        return "(?:" + "|".join(branches) + ")" + ("?" if "" in node else "")

    return alternation(tree)


def _compile(pattern: str, words: frozenset[str] | None) -> re.Pattern:
    """``pattern`` between word boundaries, case-insensitive (a trigger may open a sentence:
    "Fighting continued in ..."). When its first words are listed it is led by a lookahead
    for them: that holds wherever the pattern matches (a first word is followed by a non-word
    character of the match or by the closing \\b), so the matches are the same, and re
    rejects most positions after a character or two instead of trying every branch."""
    guard = "" if words is None else "(?=" + _prefix_tree(words) + r"\b)"
    return re.compile(r"\b" + guard + "(?:" + pattern + r")\b", re.IGNORECASE)


_FIRST_WORDS_OF = tuple(first_words(pattern) for *_, pattern in _TABLE)
_BY_FIRST_WORD: dict[str, tuple[int, ...]] = {}  # first word -> indices into _PATTERNS
for _index, _words_of in enumerate(_FIRST_WORDS_OF):
    for _word in _words_of or ():
        _BY_FIRST_WORD[_word] = (*_BY_FIRST_WORD.get(_word, ()), _index)
_UNLISTED = tuple(i for i, words in enumerate(_FIRST_WORDS_OF) if words is None)  # always run
_FIRST_WORDS = frozenset(_BY_FIRST_WORD)

_PATTERNS = tuple((type_, action, effect, _compile(pattern, words))
                  for (type_, action, effect, pattern), words in zip(_TABLE, _FIRST_WORDS_OF))
# Whether a text holds a trigger at all, in one search.
ANY_TRIGGER = _compile("|".join(p for *_, p in _TABLE), None if _UNLISTED else _FIRST_WORDS)
_TOKEN = re.compile(r"\w+")


def _case_fold_table() -> dict[int, str]:
    """Non-ASCII characters that re.IGNORECASE matches to an ASCII letter ("ſ" to "s", "K"
    Kelvin to "k", dotted and dotless i): lower() does not map them all to that letter."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    every = "".join(map(chr, range(0xD800)))  # none lies above the surrogates (tests)
    return {ord(char): next(a for a in letters if re.fullmatch(a, char, re.IGNORECASE))
            for char in re.findall(r"[a-z]", every, re.IGNORECASE) if not char.isascii()}


_CASE_FOLD = _case_fold_table()
_NEEDS_FOLD = re.compile("[" + "".join(map(chr, _CASE_FOLD)) + "]")


def _tokens(sentence: str) -> list[str]:
    """The sentence's \\w+ tokens, with characters folded as re.IGNORECASE reads them."""
    if not sentence.isascii() and _NEEDS_FOLD.search(sentence):
        sentence = sentence.translate(_CASE_FOLD)
    return _TOKEN.findall(sentence)


def may_have_trigger(sentence: str) -> bool:
    """False only when no trigger pattern can match in ``sentence`` (see the prefilter note);
    True does not promise a trigger."""
    return bool(_UNLISTED) or not _FIRST_WORDS.isdisjoint(map(str.lower, _tokens(sentence)))


def _patterns_for(sentence: str) -> list[int]:
    """Indices of the patterns that can match in ``sentence``, in table order."""
    words = _FIRST_WORDS.intersection(map(str.lower, _tokens(sentence)))
    return sorted({i for word in words for i in _BY_FIRST_WORD[word]}.union(_UNLISTED))


_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are|be|had|has|have)\s+(?:\w+ly\s+)?$")
_PASSIVE_AFTER = re.compile(r"\s+(?:by|to)\b")
# Words that make "hit", "held", "left", "took", "control" not an event of that kind ("took
# their leave from X" is a departure: a withdrawal, not a capture; "retains the theater-wide
# initiative" holds no ground).
_NOT_EVENT_AFTER = re.compile(
    r"\s+(?:a |an |the )?(?:record|talks?|meetings?|press|conference|referendum on|"
    r"elections?|hands|office|power|note|part|place|steps?|measures?|time|bank|side|flank|"
    r"behind|over|(?:(?:their|its|his|her|our) )?leave|(?:the )?(?:[\w-]+ ){0,2}?initiative)\b",
    re.IGNORECASE)


def is_fall(words: str) -> bool:
    """"fell", "has fallen": the place falls; no side acts in the subject."""
    return words[:4].lower() == "fell" or words[:6].lower() == "fallen"


# An event noun used as an attribute names a means, not an event: "out of strike range of X",
# "long-range strike capabilities", "strike drones", "attack helicopters", "fire support".
_ATTRIBUTIVE_NOUN = re.compile(r"(?:strikes?|attacks?|fire)$", re.IGNORECASE)
_ATTRIBUTE_OF = re.compile(
    r"\s+(?:range|capabilit(?:y|ies)|potential|assets|packages?|groups?|platforms?|"
    r"complex(?:es)?|support|helicopters?|aviation|UAVs?|drones?|aircraft|systems?|"
    r"missiles?|weapons?)\b", re.IGNORECASE)


def find_triggers(sentence: str, offset: int) -> list[Trigger]:
    """Every trigger in one sentence (offsets shifted by ``offset``), earliest first."""
    # Only the patterns whose first words occur in the sentence can match in it: the others
    # would add nothing, so skipping them leaves the result unchanged.
    found: list[Trigger] = []
    taken: list[tuple[int, int]] = []
    for type_, action, effect, pattern in map(_PATTERNS.__getitem__, _patterns_for(sentence)):
        for match in pattern.finditer(sentence):
            start, end = match.span()
            if any(a < end and start < b for a, b in taken):
                continue
            if _NOT_EVENT_AFTER.match(sentence, end):
                continue
            if _ATTRIBUTIVE_NOUN.search(match.group()) and _ATTRIBUTE_OF.match(sentence, end):
                continue
            # "X fell to Russian forces", "X has fallen": the place is the subject, and the
            # side that took it follows the verb when it is named at all
            passive = is_fall(match.group()) or (
                bool(_PASSIVE_BEFORE.search(sentence, max(0, start - 20), start))
                and bool(_PASSIVE_AFTER.match(sentence, end)))
            taken.append((start, end))
            found.append(Trigger(type_, action, effect, offset + start, offset + end, passive))
    found.sort(key=lambda t: t.start)
    return found
