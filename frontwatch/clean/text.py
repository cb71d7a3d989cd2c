"""Clean plain text: drop chrome, repeats and printed dates line by line, keep the rest verbatim."""

from __future__ import annotations

import re

from frontwatch.clean.lines import Cleaned, LineJudge, glued_stamp
from frontwatch.model import DateCue, RemovedLine
from frontwatch.offsets import OffsetMapBuilder

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


def clean_plain_text(raw: str) -> Cleaned:
    """Return the clean text of ``raw``: kept lines stripped, paragraph breaks kept.

    Every kept line maps verbatim to its place in ``raw``.
    """
    judge = LineJudge()
    builder = OffsetMapBuilder()
    parts: list[str] = []
    length = 0
    removed: list[RemovedLine] = []
    cues: list[DateCue] = []
    blank_since_kept = False
    for match in _LINE.finditer(raw):
        body = match.group().rstrip("\r\n")
        stripped = body.strip()
        if not stripped:
            blank_since_kept = True
            if match.end() >= len(raw):
                break
            continue
        start = match.start() + (len(body) - len(body.lstrip()))
        end = start + len(stripped)
        glued = glued_stamp(stripped, start)
        if glued is not None:
            skip, stamp = glued
            cues.append(stamp)
            removed.append(RemovedLine(start, start + skip, "stamp"))
            stripped, start = stripped[skip:], start + skip
        reason, cue = judge.judge(stripped, start)
        if cue is not None:
            cues.append(cue)
        if reason:
            removed.append(RemovedLine(start, end, reason))
            continue
        if parts:
            separator = "\n\n" if blank_since_kept else "\n"
            parts.append(separator)
            length += len(separator)
        builder.add(length, length + len(stripped), start, end)
        parts.append(stripped)
        length += len(stripped)
        blank_since_kept = False
    return Cleaned("".join(parts), builder.build(), 1.0, tuple(removed), tuple(cues))
