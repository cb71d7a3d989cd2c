"""Whether a trigger states something that happened, or only something planned, possible,
failed or denied by the writer: "will likely capture X", "failed to take X", "have not yet
captured X", "(Russian objective: Capture X)", "an effort to encircle X".

A report of a claim stays an event ("claimed to have captured X": the claim layer gives it its
stance); so does a past possibility ("may have withdrawn from X": hedged). Only the words of
the trigger's own clause count, so "Russian forces will likely ..., but Ukrainian forces
retook X" keeps the second event.
"""

from __future__ import annotations

import re

# A clause boundary before the trigger: what precedes it does not govern the trigger.
_BOUNDARY = re.compile(r",\s+(?:but|while|although|though|whereas|as)\b|;|\s[—–]\s|\.\s|"
                       r"\b(?:but|after|before|since|because)\b", re.IGNORECASE)
# Modal + bare verb ("will capture", "could likely fully encircle"), not modal + have
# ("may have captured": a hedged past event).
# A modal governs the chain of verbs joined by "to" after it: "would be able to continue to
# strike", "could try to capture".
_MODAL = re.compile(
    r"\b(?:will|would|could|can|may|might|must|should|shall|cannot|won't|wouldn't|can't|"
    r"unlikely to|likely to)\s+(?!have\b|had\b|been\b)(?:(?:\w+ly|not|be able to|then|also|"
    r"soon|now|still|eventually|[a-z]+\s+to)\s+){0,3}(?:\w+\s+(?:and|or)\s+)?(?:\w+\s+)?$",
    re.IGNORECASE)
# "to capture", "efforts to fully encircle", unless the writer reports it happened
# ("claimed to have captured", "managed to capture", "continued to hold").
# "to establish Russian control of": a verb of gaining with the side before a noun trigger.
_INFINITIVE = re.compile(r"(?P<head>\b\w+\s+)?\bto\s+(?:\w+ly\s+)?"
                         r"(?:\w+\s+(?:and|or)\s+(?:then\s+)?)?"
                         r"(?:(?:establish|gain|regain|take|retake|seize|assume|secure|maintain|"
                         r"impose|complete|consolidate)\s+(?:(?!the\b)[\w-]+\s+){0,2})?$",
                         re.IGNORECASE)
_REPORTED_INFINITIVE = re.compile(
    r"^(?:claim(?:ed|s|ing)?|managed|continued?|continues|continuing|appear(?:s|ed)?|"
    r"seem(?:s|ed)?|said|reported(?:ly)?|is|are|was|were|began|begin|begins|started|going|"
    r"forced|ordered|decided|had|has|have)\s+$", re.IGNORECASE)
# A gerund after a word of intent or chance: "focus on seizing", "aimed at capturing",
# "probability of capturing"; a noun after one: "prevent the encirclement of", "prioritizing
# the capture of".
_INTENT_GERUND = re.compile(r"\b(?:on|at|of|toward|towards|for)\s+(?:\w+ly\s+)?$",
                            re.IGNORECASE)
_INTENT_NOUN = re.compile(
    r"\b(?:prevent(?:ed|ing|s)?|avoid(?:ed|ing|s)?|complete|completing|accelerate|"
    r"accelerating|prioriti[sz]ing|prioriti[sz]e|threat of|risk of|attempts? at|efforts? at|"
    r"preparation for|prepare for|preparing for|committed to|for|attempted|repelled|"
    r"repelling|repulsed|thwarted|objective of|goal of)\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+)?$",
    re.IGNORECASE)
# The writer says it did not happen, or judges that it probably did not ("are unlikely to
# have seized X"; "likely to have seized X" is a hedged event).
_NEGATED = re.compile(
    r"\b(?:not|never|no longer|n't|failed to|fail to|fails to|unable to|without|neither|nor|"
    r"yet to|instead of|rather than|unlikely to have)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
# "forcing Russian troops to withdraw": the withdrawal happened.
# The verb only: the noun in "Russian forces are attempting to ..." forces nothing.
_FORCED = re.compile(r"\b(?:forc(?:ed|ing)|compell(?:ed|ing|s)|oblig(?:ed|ing|es))\b",
                     re.IGNORECASE)
# "used tube artillery to shell Nikopol": the means of something done, not a purpose.
_USED_TO = re.compile(r"\bus(?:ed|es|ing)\s+(?:[\w-]+\s+){0,4}to\s+(?:\w+ly\s+)?$",
                      re.IGNORECASE)
# An event noun whose modifier makes it a kind, not an occurrence: "the possible seizure of
# X", "any future liberation of X", "the alleged capture of X" (an occurrence is unmarked:
# "the seizure of X on May 3", "conducted a withdrawal from X").
_NON_ACTUAL = re.compile(r"\b(?:any|possible|potential|eventual|future|alleged|hypothetical|"
                         r"prospective|further|imminent|planned|intended|expected|anticipated|"
                         r"likely|unlikely|purported)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
# An event noun opening its sentence as the subject of a conditional further on: "A Russian
# seizure of X and advances north of it would push ...": the conditional is the predicate the
# noun phrase is the subject of, however long the phrase ("the capture of X will allow ..."
# tells what an actual capture brings).
_SUBJECT_START = re.compile(r"(?:^|[.!?]\s+|\]\s*)(?:(?:a|an|the|any)\s+)?(?:[\w-]+\s+){0,2}$",
                            re.IGNORECASE)
_LATER_MODAL = re.compile(r"[^.;:!?]{0,160}?\b(?:would|could|might)\s+(?!have\b)"
                          r"(?:\w+ly\s+)?[a-z]", re.IGNORECASE)
NOUN_TRIGGERS = {"capture", "seizure", "encirclement", "fall", "liberation", "withdrawal",
                  "occupation", "recapture", "de-occupation", "deoccupation", "advances",
                  "takeover", "siege"}
# "if Ukrainians defend it", "unless Russian forces take X": a condition, not a report.
_CONDITION = re.compile(r"\b(?:if|unless)\b", re.IGNORECASE)
# A modal coordinated before the trigger: "will likely reduce the pocket and capture the city".
_MODAL_COORDINATED = re.compile(r"\b(?:will|would|could|may|might|must|should|likely to|"
                                r"unlikely to)\s+"
                                r"(?!have\b|had\b|been\b|\d)[^,.;]{0,60}\s(?:and|or)\s+$",
                                re.IGNORECASE)
# The trigger's phrase is the subject of a modal: "a withdrawal to X would allow ...",
# "recapturing Kherson could let ...", "forces withdrawn from Kyiv will likely be ...".
_MODAL_AFTER = re.compile(r"(?:(?!\b(?:and|but|or|which|that|who|where|when|as)\b)[^,.;:"
                          r"\[\]—–]){0,45}?\s(?:will|would|could|might|may)\s+"
                          r"(?!\d)(?:\w+ly\s+)?(?!have\b)", re.IGNORECASE)  # not "on May 25"
_OBJECTIVE = re.compile(r"\((?:Russian |Ukrainian )?objective:[^)]*$", re.IGNORECASE)
# "helping Ukraine regain control of X": a bare infinitive after "help" is a purpose.
_HELP = re.compile(r"\bhelp(?:s|ed|ing)?\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
# "culminate before seizing X": not (yet) done; "tasked their troops with capturing X".
_BEFORE_GERUND = re.compile(r"\b(?:before|without)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_TASKED = re.compile(r"\b(?:task(?:ed|s)?|charged|entrusted)\b[^.;]{0,60}\bwith\s+$",
                     re.IGNORECASE)
# "the likelihood of Russian forces capturing X": a chance, not an event.
_CHANCE_OF = re.compile(r"\b(?:likelihood|chances?|possibility|probability|prospects?|risk|"
                        r"threat|danger)\s+(?:of|that)\b[^.;,]{0,40}$", re.IGNORECASE)
# "intend to take full control of X by seizing Y": the means of an intended act is intended.
_INTENDED = re.compile(r"\b(?:intend(?:s|ed)?|plan(?:s|ned)?|aim(?:s|ed)?|seek(?:s|ing)?|"
                       r"sought|attempt(?:s|ed|ing)?|tr(?:y|ies|ying)|hope(?:s|d)?|want(?:s|ed)?|"
                       r"prepar(?:e|es|ed|ing))\s+to\b[^.;]{0,120}\bby\s+$", re.IGNORECASE)


def modality(text: str, clause_start: int, trigger_start: int, trigger_text: str) -> str:
    """How the trigger at ``trigger_start`` is told: "negated" ("have not captured"),
    "irrealis" (planned, possible, failed: not an event) or "" (it happened)."""
    low = max(clause_start, trigger_start - 90)
    window = text[low:trigger_start]
    boundary = None
    for boundary in _BOUNDARY.finditer(window):
        pass
    if boundary is not None:
        window = window[boundary.end():]
    if _OBJECTIVE.search(text, max(0, trigger_start - 200), trigger_start):
        return "irrealis"
    if _NEGATED.search(window):
        return "negated"
    if _MODAL.search(window) or _MODAL_COORDINATED.search(window) or \
            _CONDITION.search(window):
        return "irrealis"
    if _MODAL_AFTER.match(text, trigger_start + len(trigger_text)):
        return "irrealis"
    infinitive = _INFINITIVE.search(window)
    if infinitive is not None and not _FORCED.search(window) and \
            not _USED_TO.search(window):
        if not _REPORTED_INFINITIVE.match(infinitive.group("head") or ""):
            return "irrealis"
    if _HELP.search(window):
        return "irrealis"
    word = trigger_text.lower()
    if word.endswith("ing") and (
            _INTENT_GERUND.search(window) or _TASKED.search(window) or _CHANCE_OF.search(window)
            or _BEFORE_GERUND.search(text, max(0, trigger_start - 20), trigger_start)
            or _INTENDED.search(text, max(clause_start - 200, trigger_start - 200, 0),
                                trigger_start)):
        return "irrealis"
    if word.split()[0] in NOUN_TRIGGERS and (
            _INTENT_NOUN.search(window) or _NON_ACTUAL.search(window[-40:])
            or (_SUBJECT_START.search(text, max(0, trigger_start - 40), trigger_start)
                and _LATER_MODAL.match(text, trigger_start + len(trigger_text)))):
        return "irrealis"
    return ""
