"""Who says so: the claimant and stance of an event, its hedges, and the side that acted.

A sentence is read around its trigger:
- a reporting verb before the trigger ("the Russian MoD claimed that ...", "according to
  the General Staff") makes its subject the claimant, with the verb's stance;
- "could not confirm", "not independently verified" give ``cannot_confirm``;
- without one, the document states the event in its own voice: claimant None, ``asserts``;
- a quotation takes the speaker named after it closes (“...,” an official said); "He said"
  takes the person named as a speaker in the sentences before; a bare surname takes the full
  name given earlier;
- a participle (", confirming ...") takes the subject of the main reporting verb.
The reporter (the outlet, or ISW writing "ISW assesses") is never its own claimant. The side
words live in ``sides``; the claimants a subject's words name are read by ``claimants``.
"""

from __future__ import annotations

import re

from frontwatch.events.claimants import (CONJUNCTS, EVIDENCE, SOURCE_WORD, actor_claim, is_person,
                                          named_claims)
from frontwatch.events.sides import side_before
from frontwatch.model import ActorMention, Claim
from frontwatch.theatres import Theatre

_REPORTING = re.compile(
    r"\b(?P<verb>claim(?:ed|s|ing)?(?!\s+(?:the\s+)?(?:lives|life|responsibility)\b)|said|says|stated|states|report(?:ed|s)|announc(?:ed|es)|"
    r"say|told|added|noted|declared|insisted|confirm(?:ed|s|ing)?|acknowledg(?:ed|es)|admit(?:ted|s)|"
    r"conceded|den(?:ied|ies|y|ying)|refuted|rejected|dismissed|found|believes?|believed|"
    r"warn(?:s|ed|ing)?|urg(?:es|ed|ing)|call(?:s|ed|ing)? on|"
    r"according to)\b", re.IGNORECASE)
_STANCE = {"confirm": "confirms", "acknowledg": "acknowledges", "admit": "acknowledges",
           "conceded": "acknowledges", "den": "denies", "refuted": "denies",
           "rejected": "denies", "dismissed": "denies"}
_CANNOT_CONFIRM = re.compile(
    r"\b(?:cannot|can ?not|could not|couldn't|unable to|not able to)\s+(?:yet\s+)?"
    r"(?:independently\s+)?(?:confirm|verify)|\bnot\s+(?:been\s+)?(?:independently\s+)?"
    r"(?:confirmed|verified)\b|\bunconfirmed\b", re.IGNORECASE)
_HEDGE = re.compile(r"\b(?:reportedly|allegedly|likely|possibly|probably|may have|might have|"
                    r"apparently|purportedly|unconfirmed|unverified|seemingly|presumably)\b",
                    re.IGNORECASE)
_REPORTER = re.compile(r"\b(?:ISW|we|the Institute for the Study of War)\s*$", re.IGNORECASE)
PRONOUN_REACH = 1500  # how far back "He said" looks for its person (about 8 sentences)
_PRONOUN = re.compile(r"\s*(?:\[\d+\]\s*)*(?:He|She)(?:\s+(?:also|further|later|then|"
                      r"again|additionally))?\s*")
# "..., admitted the pro-Russians, confirming ...": a reporting verb before its subject.
_INVERTED = re.compile(r"\b(?:said|says|admitted|stated|added|noted|reported|claimed|"
                       r"confirmed|acknowledged|insisted)\s+(?P<who>(?:the\s+)?[\w’'\-]+"
                       r"(?:\s+[\w’'\-]+){0,4}?)\s*,\s*$")
# The next sentence opens with the writer's doubt about this one: "[13] ISW cannot
# independently confirm this claim."
_CANNOT_CONFIRM_NEXT = re.compile(
    r"\s*(?:\[\d+\]\s*)*(?:ISW|We|The Institute for the Study of War)\s+(?:cannot|can ?not|could "
    r"not|is unable to|was unable to|has not|have not)\s+(?:yet\s+)?(?:independently\s+)?"
    r"(?:confirm|verify|confirmed|verified)\s+(?:this|these|that|those|the|such)\b")
_DENIED_CLAIMS = re.compile(r"\b(?:den(?:ied|ies|y|ying)|refut(?:ed|es|ing)|reject(?:ed|s|ing)|"
                            r"dismiss(?:ed|es|ing))\s+(?:the\s+)?(?P<owner>(?:[\w’'\-]+\s+)"
                            r"{0,3}?)(?:claims?|reports?)\b", re.IGNORECASE)
# What a writer cannot confirm: "verify Ukrainian reports that", "confirm Russian claims of".
_DOUBTED = re.compile(r"\s+(?P<who>(?:[\w’'\-]+\s+){0,3}?(?:reports|claims))\s+(?:that|of)\b")
_CITED_AFTER = re.compile(
    r",\s*(?:confirming|corroborating|echoing)\s+(?:earlier\s+|previous\s+)?(?:reports?|claims?)"
    r"\s+(?:from|by)\s+(?P<who>(?:the\s+)?[\w’'\-]+(?:\s+[\w’'\-]+){0,4}?)(?=\s+on\b|[.,;]|$)"
    r"|\bas\s+(?P<who2>(?:the\s+)?[A-Z][\w’'\-]*(?:\s+[\w’'\-]+){0,4}?)\s+(?:had\s+)?"
    r"(?:reported|said|claimed|announced|stated)\b")
_INFERENCE = re.compile(r"\b(?:indicating|suggesting|which (?:indicates|suggests|likely "
                        r"indicates)|meaning|(?:suggest|indicate|show)(?:s|ed)?\s+that)\b",
                        re.IGNORECASE)
# A reporting word used as an adjective: "any confirmed ground attacks", "the reported strike".
_ADJECTIVAL_REPORT = re.compile(r"\b(?:any|no|the|a|an|some|its|their|these|those|other|"
                                r"several|unconfirmed)\s+$", re.IGNORECASE)
QUOTE_REACH = 600  # how far a quotation may stretch on either side of a trigger
# After a closing quotation mark: "…,” an official involved in the operation told CNN",
# "…,” reads the statement", "…,” he said".
_SPEAKER = re.compile(
    r"\s*,?\s*(?:(?P<who>(?:[Tt]he\s+|[Aa]n?\s+)?[\w’'\-]+(?:\s+[\w’'\-]+){0,12}?)\s+"
    r"(?P<verb>said|says|told|added|stated|wrote|noted|claimed|reported)\b"
    r"|(?P<verb2>said|says|reads|read|added|wrote)\s+(?P<who2>(?:the\s+)?[\w’'\-]+"
    r"(?:\s+[\w’'\-]+){0,4}?)\s*[.,;])")
# Trailing attribution: "Russian forces took X, Ukrainian officials said." (who, verb).
_TRAILING = re.compile(
    r"[^.;]*?,\s*(?P<who>(?:the\s+)?[A-Z][\w’'\-]*(?:\s+[\w’'\-]+){0,5}?|(?:[a-z][\w’'\-]*\s+)"
    r"{0,2}(?:officials|sources|authorities|residents|witnesses|analysts|experts))\s+"
    r"(?P<verb>said|says|reported|claimed|stated|announced|added|confirmed|acknowledged|"
    r"denied)\b[^,;]*$")
_ACCORDING_AFTER = re.compile(r"\b(?P<verb>according to)\s+(?P<who>(?:the\s+)?[\w’'\-]+"
                              r"(?:\s+[A-Z][\w’'\-]*){0,5})")
_SUBJECT_BREAK = re.compile(r"[.;:—]\s*|\bthat\s+|,\s+(?:but|while|and)\s+|\]\s*")


def read_claims(text: str, sentence_start: int, sentence_end: int, trigger_start: int,
                actors: list[ActorMention], theatre: Theatre) -> list[Claim]:
    """The claims around a trigger at ``trigger_start``: usually one; one per claimant when
    several report it ("the General Staff and local sources confirmed that ..."), and one more
    when the writer adds that it cannot confirm a named claim."""
    before = text[sentence_start:trigger_start]
    hedged = bool(_HEDGE.search(before))
    cannot = _CANNOT_CONFIRM.search(text, sentence_start, sentence_end)
    verb = None
    for match in _REPORTING.finditer(before):
        if cannot is not None and cannot.start() <= sentence_start + match.start() < cannot.end():
            continue  # "ISW cannot confirm that ...": the writer's doubt, not a report
        if match.group("verb").lower().endswith("ed") and \
                _ADJECTIVAL_REPORT.search(before, 0, match.start()):
            continue  # "did not make any confirmed attacks": an adjective
        verb = match  # the last reporting verb before the trigger governs it
    if verb is None:
        trailing = _TRAILING.match(text, trigger_start, sentence_end) or \
            _ACCORDING_AFTER.search(text, trigger_start, sentence_end)
        if trailing is not None:  # "X was taken, officials said."
            verb_at, who_span = trailing.start("verb"), trailing.span("who")
            stance = _stance(trailing.group("verb"))
            claimants = named_claims(text, *who_span, actors, theatre, stance, hedged)
            if claimants:
                return claimants
    if verb is None:
        quoted = _quote_speaker(text, trigger_start, actors, theatre, hedged)
        if quoted is not None:  # “We have entered the city,” an official said.
            return [quoted]
    if verb is None and cannot is None:
        return [Claim(None, None, None, "asserts", hedged)]
    if verb is None:
        return [Claim(None, None, None, "cannot_confirm", hedged)]
    if _INFERENCE.search(text, sentence_start + verb.end(), trigger_start):
        # "X reported assaults on Y, indicating that Russian forces took Z": the writer infers
        return [Claim(None, None, None, "asserts", hedged)]
    denial = _DENIED_CLAIMS.search(before, 0, verb.end())
    if denial is not None and denial.end() >= verb.end():
        # "denying Russian claims that ...", "rejected reports of ...": the noun names the
        # other side's claim, the verb before it says what the subject does with it
        verb = _REPORTING.match(before, denial.start())
    else:
        denial = None
    word = verb.group("verb").lower()
    stance = _stance(word)
    verb_at = sentence_start + verb.start()
    unconfirmed = (cannot is not None and cannot.start() > trigger_start) or \
        bool(_CANNOT_CONFIRM_NEXT.match(text, sentence_end))
    if cannot is not None and cannot.start() < trigger_start:
        stance = "cannot_confirm"
    if word == "according to":
        subject = (sentence_start + verb.end(), trigger_start)
        first = _first_actor_after(actors, *subject)
        subject = (first.start, first.end) if first else \
            (subject[0], _phrase_end(text, subject[0], trigger_start))
    else:
        subject = _participle_subject(text, sentence_start, verb_at) or \
            (_subject_start(text, sentence_start, verb_at), verb_at)
    if word != "according to":
        subject = _listed_subject(text, sentence_start, subject, actors, theatre)
    if _PRONOUN.fullmatch(text, *subject):
        earlier = _previous_person(text, sentence_start, actors, theatre, stance, hedged)
        if earlier is not None:
            subject = None
            claims = [earlier]
    if subject is not None:
        claims = named_claims(text, *subject, actors, theatre, stance, hedged)
    if not claims:
        who = None if word == "according to" else _last_actor_before(actors, sentence_start,
                                                                      verb_at)
        claims = [_one_claim(text, sentence_start, verb_at, who, actors, theatre, stance,
                             hedged)]
    if stance == "cannot_confirm":
        claims = _doubted_claims(text, cannot, claims, actors, theatre, hedged)
    claims += _cited_after(text, trigger_start, sentence_end, claims, actors, theatre, hedged)
    if denial is not None:
        claims = _denied_owner(text, sentence_start + denial.start("owner"),
                               sentence_start + denial.end("owner"), hedged) + claims
    if unconfirmed and claims[0].claimant is not None:
        claims.append(Claim(None, None, None, "cannot_confirm", hedged))  # "..., but ISW
        # cannot independently confirm this claim"
    return claims


def _denied_owner(text: str, start: int, end: int, hedged: bool) -> list[Claim]:
    """"denying Russian claims that ...": the claim denied is a claim of its own, by the side
    the words before "claims" name; none when they name no side ("rejected reports")."""
    side, span = side_before(text, start, end)
    if side is None:
        return []
    words = text[span[0]:span[1]].strip() if span[1] <= end else text[span[0]:end].strip()
    return [Claim(words, None, side, "claims", hedged, span[0], span[0] + len(words))]


def _cited_after(text: str, trigger_start: int, sentence_end: int, claims: list[Claim],
                 actors, theatre, hedged: bool) -> list[Claim]:
    """A second source cited after the event: "..., confirming reports from local
    authorities", "... withdrawing from X as the Defense Ministry reported"."""
    cited = _CITED_AFTER.search(text, trigger_start, sentence_end)
    if cited is None:
        return []
    who = "who" if cited.group("who") else "who2"
    named = named_claims(text, *cited.span(who), actors, theatre, "claims", hedged)
    return [c for c in named[:1] if c.claimant not in {k.claimant for k in claims}]


def _doubted_claims(text: str, cannot, claims: list[Claim], actors, theatre,
                    hedged: bool) -> list[Claim]:
    """"ISW is unable to verify Ukrainian reports that ...": the writer's doubt has no
    claimant, and the reports it doubts are a claim of their own, told first."""
    own = [c for c in claims if c.end is None
           or not _REPORTER.search(text, max(0, c.end - 60), c.end)]  # it ends at c.end
    claims = own or [Claim(None, None, None, "cannot_confirm", hedged)]
    doubted = _DOUBTED.match(text, cannot.end()) if cannot is not None else None
    if doubted is not None:
        named = named_claims(text, *doubted.span("who"), actors, theatre, "claims", hedged)
        claims = named[:1] + claims
    return claims


def _quote_speaker(text: str, position: int, actors, theatre, hedged: bool) -> Claim | None:
    """The speaker of the quotation ``position`` lies in, named right after it closes
    (“...,” an official said; "...," reads the statement; “...,” he said), or None."""
    low = max(text.rfind("\n\n", 0, position), position - QUOTE_REACH, 0)
    opened = text.rfind("“", low, position)
    if opened < 0 or text.find("”", opened, position) >= 0:
        straight = text.count('"', low, position)
        if straight % 2 == 0:
            return None
        closing = text.find('"', position, position + QUOTE_REACH)
    else:
        closing = text.find("”", position, position + QUOTE_REACH)
    if closing < 0:
        return None
    after = _SPEAKER.match(text, closing + 1)
    if after is None:
        return None
    name = "who" if after.group("who") else "who2"
    start, end = after.span(name)
    cut = re.search(r"\s+(?:to|who|which|that|whose)\s", text[start:end])
    if cut is not None:  # "an official involved in the operation to liberate the city"
        end = start + cut.start()
    stance = _stance(after.group("verb") or after.group("verb2"))
    if _PRONOUN.fullmatch(text, start, end):
        return _previous_person(text, opened if opened >= 0 else position, actors, theatre,
                                stance, hedged)
    named = any(start <= a.start and a.end <= end for a in actors)
    if not named and SOURCE_WORD.search(text, start, end):
        # "an official involved in the operation": a speaker described, kept whole
        side, _ = side_before(text, start, end)
        return Claim(text[start:end], None, side, stance, hedged, start, end)
    found = named_claims(text, start, end, actors, theatre, stance, hedged)
    return found[0] if found else None


def is_before_report(text: str, sentence_start: int, sentence_end: int,
                     position: int) -> bool:
    """True when the words at ``position`` precede the sentence's reporting verb: they
    describe its subject ("leaders in Russian-occupied X told ..."), they are not reported."""
    return _REPORTING.search(text, sentence_start, position) is None and \
        _REPORTING.search(text, position, sentence_end) is not None


def _listed_subject(text: str, sentence_start: int, subject: tuple[int, int], actors,
                    theatre) -> tuple[int, int]:
    """"The military, local administrators, and footage confirm": a subject cut at ", and"
    grows back over the list when every item before it names a source too."""
    start, end = subject
    if not re.search(r",\s+and\s+$", text[max(sentence_start, start - 8):start]):
        return subject
    comma = text.rfind(",", sentence_start, start)
    wider = (_subject_start(text, sentence_start, comma), end)
    items = len([c for c in CONJUNCTS.split(text[wider[0]:end].strip())
                 if not EVIDENCE.match(c)])
    if items > 1 and len(named_claims(text, *wider, actors, theatre, "claims", False)) == items:
        return wider
    return subject


def _participle_subject(text: str, sentence_start: int, verb_at: int):
    """", claiming ...", ", confirming ...": the subject of the main reporting verb before the
    comma, inverted ("admitted the pro-Russians, confirming") or not ("The General Staff
    claimed that ..., claiming ..."); None when the verb is not such a participle."""
    head = text[sentence_start:verb_at]
    if not text[verb_at:verb_at + 12].split()[0].lower().endswith("ing") or \
            not head.rstrip().endswith(","):
        return None
    inverted = _INVERTED.search(head)
    if inverted is not None:
        return sentence_start + inverted.start("who"), sentence_start + inverted.end("who")
    finite = [m for m in _REPORTING.finditer(head)
              if not m.group("verb").lower().endswith(("ing", "according to"))]
    if not finite:
        return None
    at = sentence_start + finite[-1].start()
    return _subject_start(text, sentence_start, at), at


def _previous_person(text: str, sentence_start: int, actors, theatre, stance: str,
                     hedged: bool) -> Claim | None:
    """"He said ...": the last person named as the subject of a reporting verb in the
    sentences before (``PRONOUN_REACH`` characters), with this sentence's stance."""
    low = max(0, sentence_start - PRONOUN_REACH)
    for verb in reversed(list(_REPORTING.finditer(text, low, sentence_start))):
        if verb.group("verb").lower() == "according to":
            continue
        start = _subject_start(text, low, verb.start())
        for claim in reversed(named_claims(text, start, verb.start(), actors, theatre, stance,
                                         hedged)):
            if is_person(claim, theatre):
                return claim
    return None


def _one_claim(text, sentence_start, verb_at, who, actors, theatre, stance, hedged) -> Claim:
    if who is not None:
        return actor_claim(who, theatre, stance, hedged)
    words = text[sentence_start:verb_at]
    if _REPORTER.search(words) or stance == "cannot_confirm":
        return Claim(None, None, None, stance if stance == "cannot_confirm" else "asserts",
                     hedged)
    side, words_span = side_before(text, sentence_start, verb_at)
    if words_span is not None:
        start, end = words_span
        return Claim(text[start:end], None, side, stance, hedged, start, end)
    return Claim(None, None, None, stance, hedged)  # "it was reported that": unnamed source


def _stance(word: str) -> str:
    word = word.lower()
    return next((s for stem, s in _STANCE.items() if word.startswith(stem)), "claims")


def _subject_start(text: str, sentence_start: int, verb_at: int) -> int:
    """Where the subject of a reporting verb starts: after the last clause mark before it."""
    start = sentence_start
    for match in _SUBJECT_BREAK.finditer(text, sentence_start, verb_at):
        start = match.end()
    return start


def _phrase_end(text: str, start: int, limit: int) -> int:
    comma = text.find(",", start, limit)
    return comma if comma >= 0 else limit








def _sentence_end(text: str, position: int) -> int:
    end = text.find(".", position)
    return len(text) if end < 0 else end


def _last_actor_before(actors: list[ActorMention], start: int, end: int) -> ActorMention | None:
    found = [a for a in actors if start <= a.start and a.end <= end]
    return found[-1] if found else None


def _first_actor_after(actors: list[ActorMention], start: int, end: int) -> ActorMention | None:
    found = [a for a in actors if start <= a.start < end]
    return found[0] if found else None


