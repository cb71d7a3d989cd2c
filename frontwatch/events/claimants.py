"""Who a subject names: the claimants in the words before a reporting verb.

"The General Staff and independent sources", "Local Ukrainian officials in Donetsk Oblast",
"District Head Oleksiy Babchenko", "Russian and Ukrainian sources": one claim per conjunct,
each an actor of the theatre pack, a kind of source, a person after a title, or a short
capitalised name; a bare surname takes the full name the text gave earlier. ``claims`` decides
which words are the subject; this module reads them.
"""

from __future__ import annotations

import re

from frontwatch.events.sides import side_before, side_words
from frontwatch.model import ActorMention, Claim
from frontwatch.theatres import Theatre

FULL_NAME_REACH = 6000  # how far back a bare surname looks for the full name it shortens
_SURNAME = re.compile(r"[A-Z][a-z’'\-]{2,}")
# Capitalised words that precede a surname without being a first name.
_NOT_FIRST_NAMES = {"The", "Head", "Mayor", "Governor", "Minister", "President", "Spokesperson",
                    "Spokesman", "Commander", "General", "Colonel", "Chief", "Deputy", "Adviser",
                    "Advisor", "Secretary", "Mr", "Mrs", "Ms", "Dr", "Said", "And", "But",
                    "With", "Several", "Some", "In", "On", "As", "Of", "For", "From", "By"}
_PERSON_NAME = re.compile(r"[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){1,2}")
CONJUNCTS = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
_SOURCE_NOUN = re.compile(
    r"\b(?:sources|officials?|authorities|administrators|administration|media|users|"
    r"residents|reports|milbloggers|bloggers|channels|military|command|ministry|staff|"
    r"spokesperson|spokesman|governor|mayor|head|witnesses|journalists|outlets|"
    r"pro-Russians)\s*$",
    re.IGNORECASE)
# A kind of source anywhere in a phrase: "an official involved in the operation".
SOURCE_WORD = re.compile(_SOURCE_NOUN.pattern.removesuffix(r"\s*$") + r"\b", re.IGNORECASE)
# A subject whose head is a collective source noun ends there: "Local Ukrainian officials
# in Donetsk Oblast", "Russian sources continued to repeat previous ... claims".
_COLLECTIVE = re.compile(r"(?:[\w’'\-]+\s+){0,3}?(?:sources|officials|authorities|users|"
                         r"residents|milbloggers|bloggers|channels|witnesses|journalists|"
                         r"outlets|pro-Russians|official)(?=\s+[a-z])")
_SHARED_HEAD = re.compile(r"\s+and\s+[A-Z][\w’'\-]*\s+(?P<head>sources|officials|authorities|"
                          r"media|milbloggers|bloggers|forces)\s*$")
# Evidence, not a source: "..., and footage on social media confirm".
EVIDENCE = re.compile(r"(?:[\w-]+\s+){0,2}?(?:footage|videos?|imagery|images?|photos?|"
                      r"photographs?)\b", re.IGNORECASE)
_LEADING = re.compile(r"^(?:\[\d+\]\s*)*(?:the\s+|an?\s+)?(?:(?:several|some|multiple|many|other|"
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
    r"official)\s+[“\"]?(?P<name>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){0,2})[”\"]?$")
_ADJECTIVE_ONLY = re.compile(r"(?:[A-Z][\w-]*|)")
_TRAILING_ADVERBS = re.compile(r"(?:\s+(?:also|additionally|separately|reportedly|initially|"
                               r"later|further|again|officially|publicly|on \w+ \d+|is|are|was|"
                               r"were|has|have|had))+\s*$")


def named_claims(text: str, start: int, end: int, actors, theatre, stance: str,
               hedged: bool) -> list[Claim]:
    """One claim per conjunct of a subject ("The General Staff and independent sources"),
    when each conjunct names an actor or a kind of source; [] otherwise."""
    found = []
    adverbs = _TRAILING_ADVERBS.search(text, start, end)
    if adverbs is not None:
        end = adverbs.start()
    for conjunct in CONJUNCTS.split(text[start:end]):
        conjunct = conjunct.strip()
        offset = text.find(conjunct, start, end) if conjunct else -1
        if offset < 0:
            continue
        collective = _COLLECTIVE.match(conjunct)
        if collective is not None:  # "Russian sources continued to repeat", "officials in X"
            conjunct = collective.group()
        c_start, c_end = offset, offset + len(conjunct.rstrip())
        if _INTRODUCTORY.match(conjunct):
            continue  # "In turn, the British Ministry of Defence said"
        if EVIDENCE.match(conjunct):
            continue  # "..., and footage on social media confirm": evidence, not a source
        conjunct = conjunct.rstrip()
        inside = [a for a in actors if c_start <= a.start and a.end <= c_end]
        if len(conjunct.split()) > 7:
            return []
        person = _PERSON_AFTER_TITLE.search(conjunct)
        shared = _SHARED_HEAD.match(text, c_end, end) \
            if side_words().any.fullmatch(conjunct) else None
        if shared is not None:
            # "Russian and Ukrainian sources": the demonym shares the head noun after it
            side, _ = side_before(text, c_start, c_end)
            found.append(Claim(f"{conjunct} {shared.group('head')}", None, side, stance,
                               hedged, c_start, c_end))
        elif inside and person is not None and c_start + person.start("name") >= inside[-1].end:
            # "National Guard Spokesperson Ruslan Muzychuk": the person speaks, not the body
            name_start = c_start + person.start("name")
            found.append(Claim(person.group("name"), None, inside[-1].side if
                               inside[-1].side in side_words().codes else None, stance, hedged,
                               name_start, name_start + len(person.group("name"))))
        elif inside:
            found.append(actor_claim(inside[-1], theatre, stance, hedged))
        elif _SOURCE_NOUN.search(conjunct) or _NAMED.fullmatch(_LEADING.sub("", conjunct)):
            words = _LEADING.sub("", conjunct)
            person = _PERSON_AFTER_TITLE.search(words)  # "District Head Oleksiy Babchenko"
            if person is not None:
                words = person.group("name")
            w_start = c_end - len(words)
            side, _ = side_before(text, c_start, c_end)
            found.append(Claim(_full_name(text, words, w_start), None, side, stance, hedged,
                               w_start, c_end))
        elif not _ADJECTIVE_ONLY.fullmatch(conjunct):
            return []
    return found


def _full_name(text: str, words: str, at: int) -> str:
    """"Babchenko said": the full name the text gave earlier ("Oleksiy Babchenko"), for a
    bare surname; the words themselves otherwise. The span stays on the surname."""
    if not _SURNAME.fullmatch(words) or side_words().any.fullmatch(words):
        return words
    earlier = None
    for earlier in re.finditer(r"\b[A-Z][\w’'\-]+\s+" + re.escape(words) + r"\b",
                               text[max(0, at - FULL_NAME_REACH):at]):
        pass
    if earlier is None or not _PERSON_NAME.fullmatch(earlier.group()) or \
            earlier.group().split()[0] in _NOT_FIRST_NAMES:
        return words
    return earlier.group()


def actor_claim(who: ActorMention, theatre: Theatre, stance: str, hedged: bool) -> Claim:
    actor = _actor(theatre, who.actor_id)
    name = actor.name if actor is not None else who.text
    side = who.side if who.side in side_words().codes else None
    return Claim(name, who.actor_id, side, stance, hedged, who.start, who.end)


def is_person(claim: Claim, theatre: Theatre) -> bool:
    if claim.actor_id is not None:
        actor = _actor(theatre, claim.actor_id)
        return actor is not None and actor.kind == "person"
    return bool(claim.claimant and _PERSON_NAME.fullmatch(claim.claimant))


_BY_ID: dict[str, dict] = {}


def _actor(theatre: Theatre, actor_id: str | None):
    if actor_id is None:
        return None
    if theatre.digest not in _BY_ID:
        _BY_ID[theatre.digest] = {a.id: a for a in theatre.actors}
    return _BY_ID[theatre.digest].get(actor_id)
