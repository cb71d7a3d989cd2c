"""Who says so: the claimant and stance of an event, its hedges, and the side that acted.

A sentence is read around its trigger:
- a reporting verb before the trigger ("the Russian MoD claimed that ...", "according to
  the General Staff") makes its subject the claimant, with the verb's stance;
- "could not confirm", "not independently verified" give ``cannot_confirm``;
- without one, the document states the event in its own voice: claimant None, ``asserts``.
The reporter (the outlet, or ISW writing "ISW assesses") is never its own claimant.
Sides come from the actors the entities stage found, or from demonyms ("Ukrainian troops").
"""

from __future__ import annotations

import re

from frontwatch.model import ActorMention, Claim
from frontwatch.theatres import Theatre

_REPORTING = re.compile(
    r"\b(?P<verb>claim(?:ed|s|ing)?|said|says|stated|states|report(?:ed|s)|announc(?:ed|es)|"
    r"told|added|noted|declared|insisted|confirm(?:ed|s|ing)|acknowledg(?:ed|es)|admit(?:ted|s)|"
    r"conceded|den(?:ied|ies|y)|refuted|rejected|dismissed|according to)\b", re.IGNORECASE)
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
# Demonyms and labels that name a side when no listed actor does ("Ukrainian troops").
_SIDE_WORDS = re.compile(
    r"\b(?P<ru>pro-Russian|Russian|Russia's|Russia|Moscow|Kremlin|DNR|LNR|DPR|LPR|Wagner|"
    r"Chechen|Kadyrovite|separatists?|occupiers|occupation)\b|"
    r"\b(?P<ua>Ukrainian|Ukraine's|Ukraine|Kyiv's|Kyiv|Kiev|ZSU|AFU)\b")
# Trailing attribution: "Russian forces took X, Ukrainian officials said." (who, verb).
_TRAILING = re.compile(
    r"[^.;]*?,\s*(?P<who>(?:the\s+)?[A-Z][\w’'\-]*(?:\s+[\w’'\-]+){0,5}?)\s+"
    r"(?P<verb>said|says|reported|claimed|stated|announced|added|confirmed|acknowledged|"
    r"denied)\b[^,;]*$")
_ACCORDING_AFTER = re.compile(r"\b(?P<verb>according to)\s+(?P<who>(?:the\s+)?[\w’'\-]+"
                              r"(?:\s+[A-Z][\w’'\-]*){0,5})")
_CONJUNCTS = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
_SOURCE_NOUN = re.compile(
    r"\b(?:sources|officials?|authorities|administrators|administration|media|users|"
    r"residents|reports|milbloggers|bloggers|channels|military|command|ministry|staff|"
    r"spokesperson|spokesman|governor|mayor|head|witnesses|journalists|outlets)\s*$",
    re.IGNORECASE)
_LEADING = re.compile(r"^(?:\[\d+\]\s*)*(?:the\s+)?(?:(?:several|some|multiple|many|other|"
                      r"two|three|both)\s+)?", re.IGNORECASE)
_INTRODUCTORY = re.compile(r"(?:\[\d+\]\s*)*(?:In|With|Previously|However|Meanwhile|After|"
                           r"Before|According|On|At|Still|Later|Earlier|Yet|Also|Instead|"
                           r"Separately|Additionally)\b")
# A named claimant the actor pack does not know: "Chernihiv City Council Secretary", "The
# BBC", "Telegram-based milblogger Grey Zone" (capitalised, short, not a pronoun).
_NAMED = re.compile(r"(?!(?:It|He|She|They|We|This|That|There|These|Those)\b)[A-Z][\w’'.\-]*"
                    r"(?:\s+(?:of\s+|the\s+|for\s+)*[\w’'.\-]+){0,7}")
_PERSON_AFTER_TITLE = re.compile(
    r"\b(?:Head|Mayor|Governor|Spokesperson|Spokesman|Minister|Secretary|Adviser|Advisor|"
    r"Commander|Chief|Ombudsman|Deputy|President|milblogger|blogger|channel|analyst|"
    r"official)\s+(?P<name>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){0,2})$")
_ADJECTIVE_ONLY = re.compile(r"(?:[A-Z][\w-]*|)")
_SUBJECT_BREAK = re.compile(r"[.;:—]\s*|\bthat\s+|,\s+(?:but|while|and)\s+|\]\s*")
_TRAILING_ADVERBS = re.compile(r"(?:\s+(?:also|additionally|separately|reportedly|initially|"
                               r"later|further|again|officially|publicly|on \w+ \d+))+\s*$")
_CLAUSE_START = re.compile(r"\b(?:that|when|while|after|as|but|and|;)\s+|[;:—]\s*")


def read_claims(text: str, sentence_start: int, sentence_end: int, trigger_start: int,
                actors: list[ActorMention], theatre: Theatre) -> list[Claim]:
    """The claims around a trigger at ``trigger_start``: usually one; one per claimant when
    several report it ("the General Staff and local sources confirmed that ..."), and one more
    when the writer adds that it cannot confirm a named claim."""
    before = text[sentence_start:trigger_start]
    hedged = bool(_HEDGE.search(before))
    verb = None
    for match in _REPORTING.finditer(before):
        verb = match  # the last reporting verb before the trigger governs it
    cannot = _CANNOT_CONFIRM.search(text, sentence_start, sentence_end)
    if verb is None:
        trailing = _TRAILING.match(text, trigger_start, sentence_end) or \
            _ACCORDING_AFTER.search(text, trigger_start, sentence_end)
        if trailing is not None:  # "X was taken, officials said."
            verb_at, who_span = trailing.start("verb"), trailing.span("who")
            stance = _stance(trailing.group("verb"))
            claimants = _claimants(text, *who_span, actors, theatre, stance, hedged)
            if claimants:
                return claimants
    if verb is None and cannot is None:
        return [Claim(None, None, None, "asserts", hedged)]
    if verb is None:
        return [Claim(None, None, None, "cannot_confirm", hedged)]
    word = verb.group("verb").lower()
    stance = _stance(word)
    verb_at = sentence_start + verb.start()
    unconfirmed = cannot is not None and cannot.start() > trigger_start
    if cannot is not None and cannot.start() < trigger_start:
        stance = "cannot_confirm"
    if word == "according to":
        subject = (sentence_start + verb.end(), trigger_start)
        first = _first_actor_after(actors, *subject)
        subject = (first.start, first.end) if first else \
            (subject[0], _phrase_end(text, subject[0], trigger_start))
    else:
        subject = (_subject_start(text, sentence_start, verb_at), verb_at)
    claims = _claimants(text, *subject, actors, theatre, stance, hedged)
    if not claims:
        who = None if word == "according to" else _last_actor_before(actors, sentence_start,
                                                                      verb_at)
        claims = [_one_claim(text, sentence_start, verb_at, who, actors, theatre, stance,
                             hedged)]
    if unconfirmed and claims[0].claimant is not None:
        claims.append(Claim(None, None, None, "cannot_confirm", hedged))  # "..., but ISW
        # cannot independently confirm this claim"
    return claims


def _one_claim(text, sentence_start, verb_at, who, actors, theatre, stance, hedged) -> Claim:
    if who is not None:
        return _actor_claim(who, theatre, stance, hedged)
    words = text[sentence_start:verb_at]
    if _REPORTER.search(words) or stance == "cannot_confirm":
        return Claim(None, None, None, stance if stance == "cannot_confirm" else "asserts",
                     hedged)
    side, words_span = side_before(text, sentence_start, verb_at)
    if words_span is not None:
        start, end = words_span
        return Claim(text[start:end], None, side, stance, hedged, start, end)
    return Claim(None, None, None, stance, hedged)  # "it was reported that": unnamed source


def _claimants(text: str, start: int, end: int, actors, theatre, stance: str,
               hedged: bool) -> list[Claim]:
    """One claim per conjunct of a subject ("The General Staff and independent sources"),
    when each conjunct names an actor or a kind of source; [] otherwise."""
    found = []
    adverbs = _TRAILING_ADVERBS.search(text, start, end)
    if adverbs is not None:
        end = adverbs.start()
    for conjunct in _CONJUNCTS.split(text[start:end]):
        offset = text.find(conjunct, start, end) if conjunct else -1
        if offset < 0:
            continue
        c_start, c_end = offset, offset + len(conjunct.rstrip())
        if _INTRODUCTORY.match(conjunct):
            continue  # "In turn, the British Ministry of Defence said"
        conjunct = conjunct.rstrip()
        inside = [a for a in actors if c_start <= a.start and a.end <= c_end]
        if len(conjunct.split()) > 7:
            return []
        if inside:
            found.append(_actor_claim(inside[-1], theatre, stance, hedged))
        elif _SOURCE_NOUN.search(conjunct) or _NAMED.fullmatch(_LEADING.sub("", conjunct)):
            words = _LEADING.sub("", conjunct)
            person = _PERSON_AFTER_TITLE.search(words)  # "District Head Oleksiy Babchenko"
            if person is not None:
                words = person.group("name")
            w_start = c_end - len(words)
            side, _ = side_before(text, c_start, c_end)
            found.append(Claim(words, None, side, stance, hedged, w_start, c_end))
        elif not _ADJECTIVE_ONLY.fullmatch(conjunct):
            return []
    return found


def _actor_claim(who: ActorMention, theatre: Theatre, stance: str, hedged: bool) -> Claim:
    actor = _actor(theatre, who.actor_id)
    name = actor.name if actor is not None else who.text
    side = who.side if who.side in ("RU", "UA") else None
    return Claim(name, who.actor_id, side, stance, hedged, who.start, who.end)


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


def side_before(text: str, start: int, end: int) -> tuple[str | None, tuple[int, int] | None]:
    """The side named last between ``start`` and ``end`` by a demonym, with the words
    ("Ukrainian officials"): the demonym and the noun after it."""
    last = None
    for match in _SIDE_WORDS.finditer(text, start, end):
        last = match
    if last is None:
        return None, None
    side = "RU" if last.group("ru") else "UA"
    noun = re.match(r"\s+[A-Za-z-]+", text[last.end():end])
    return side, (last.start(), last.end() + (noun.end() if noun else 0))


def agent_side(text: str, clause_start: int, trigger_start: int, trigger_end: int,
               sentence_end: int, passive: bool, actors: list[ActorMention]) -> str | None:
    """The side that acted: after "by"/"to" for a passive trigger, else the nearest actor or
    demonym before the trigger in its clause ("The MoD claimed that Ukrainian forces withdrew":
    the clause after "that")."""
    if passive:
        window_end = min(sentence_end, trigger_end + 60)
        for actor in actors:
            if trigger_end <= actor.start < window_end and actor.side in ("RU", "UA"):
                return actor.side
        side, _ = _first_side_after(text, trigger_end, window_end)
        if side:
            return side
    best, best_at = None, -1
    for actor in actors:
        if clause_start <= actor.start < trigger_start and actor.side in ("RU", "UA"):
            if actor.start > best_at:
                best, best_at = actor.side, actor.start
    side, span = side_before(text, clause_start, trigger_start)
    if span is not None and span[0] > best_at:
        return side
    return best


def clause_start(text: str, sentence_start: int, trigger_start: int) -> int:
    """Where the clause holding the trigger starts: after the last "that"/";" before it."""
    start = sentence_start
    for match in _CLAUSE_START.finditer(text, sentence_start, trigger_start):
        if match.group().strip().lower() in ("that", ";", ":", "—"):
            start = match.end()
    return start


def _first_side_after(text: str, start: int, end: int):
    match = _SIDE_WORDS.search(text, start, end)
    if match is None:
        return None, None
    return ("RU" if match.group("ru") else "UA"), match.span()


def _sentence_end(text: str, position: int) -> int:
    end = text.find(".", position)
    return len(text) if end < 0 else end


def _last_actor_before(actors: list[ActorMention], start: int, end: int) -> ActorMention | None:
    found = [a for a in actors if start <= a.start and a.end <= end]
    return found[-1] if found else None


def _first_actor_after(actors: list[ActorMention], start: int, end: int) -> ActorMention | None:
    found = [a for a in actors if start <= a.start < end]
    return found[0] if found else None


_BY_ID: dict[str, dict] = {}


def _actor(theatre: Theatre, actor_id: str | None):
    if actor_id is None:
        return None
    if theatre.digest not in _BY_ID:
        _BY_ID[theatre.digest] = {a.id: a for a in theatre.actors}
    return _BY_ID[theatre.digest].get(actor_id)
