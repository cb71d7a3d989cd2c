"""Map offsets in a document's clean text back to its raw text.

Cleaning keeps some stretches of the raw text and drops others (chrome, repeated lines, HTML
tags). The map is a sorted list of runs ``clean[cs:ce] <-> raw[rs:re]``. A run whose two sides
have the same length maps character by character (text kept verbatim); a run whose sides differ
(an HTML entity, collapsed whitespace) maps as a block. Characters the cleaner inserted (line
breaks between kept paragraphs) belong to no run and map to the nearest run edge.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Piecewise map from clean-text offsets to raw-text offsets (see module docstring)."""

    clean_starts: array
    clean_ends: array
    raw_starts: array
    raw_ends: array

    def __len__(self) -> int:
        return len(self.clean_starts)

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Return the raw span that the clean span ``[start, end)`` came from."""
        raw_start = self._raw_start_of(start)
        raw_end = self._raw_end_of(end) if end > start else raw_start
        return raw_start, max(raw_start, raw_end)

    def mapped_length(self) -> int:
        """Return how many clean characters belong to a run (the rest were inserted)."""
        return sum(ce - cs for cs, ce in zip(self.clean_starts, self.clean_ends))

    def _raw_start_of(self, pos: int) -> int:
        i = bisect_right(self.clean_starts, pos) - 1
        if i >= 0 and pos < self.clean_ends[i]:
            return self._inside(i, pos, at_start=True)
        if i + 1 < len(self):  # in a gap: the next kept character
            return self.raw_starts[i + 1]
        return self.raw_ends[-1] if len(self) else 0

    def _raw_end_of(self, pos: int) -> int:
        i = bisect_left(self.clean_ends, pos)  # first run ending at or after pos
        if i < len(self) and self.clean_starts[i] < pos:
            return self._inside(i, pos, at_start=False)
        if i > 0:  # in a gap: the previous kept character
            return self.raw_ends[i - 1]
        return self.raw_starts[0] if len(self) else 0

    def _inside(self, i: int, pos: int, *, at_start: bool) -> int:
        cs, ce, rs, re_ = (self.clean_starts[i], self.clean_ends[i],
                           self.raw_starts[i], self.raw_ends[i])
        if ce - cs == re_ - rs:
            return rs + (pos - cs)
        return rs if at_start else re_

    def to_bytes(self) -> bytes:
        """Serialise compactly for the store (four little-endian int64 columns)."""
        out = array("q")
        for column in (self.clean_starts, self.clean_ends, self.raw_starts, self.raw_ends):
            out.extend(column)
        return out.tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> OffsetMap:
        """Rebuild a map serialised by ``to_bytes``."""
        flat = array("q")
        flat.frombytes(data)
        n = len(flat) // 4
        return cls(flat[0:n], flat[n:2 * n], flat[2 * n:3 * n], flat[3 * n:4 * n])


class OffsetMapBuilder:
    """Collect runs in clean-text order; adjacent verbatim runs are merged."""

    def __init__(self) -> None:
        self._cs: array = array("q")
        self._ce: array = array("q")
        self._rs: array = array("q")
        self._re: array = array("q")

    def add(self, clean_start: int, clean_end: int, raw_start: int, raw_end: int) -> None:
        """Record that ``clean[clean_start:clean_end]`` came from ``raw[raw_start:raw_end]``."""
        if clean_end <= clean_start:
            return
        if self._cs and clean_start < self._ce[-1]:
            raise ValueError("runs must be added in clean-text order without overlap")
        if (self._cs and clean_start == self._ce[-1] and raw_start == self._re[-1]
                and self._ce[-1] - self._cs[-1] == self._re[-1] - self._rs[-1]
                and clean_end - clean_start == raw_end - raw_start):
            self._ce[-1] = clean_end
            self._re[-1] = raw_end
            return
        self._cs.append(clean_start)
        self._ce.append(clean_end)
        self._rs.append(raw_start)
        self._re.append(raw_end)

    def build(self) -> OffsetMap:
        return OffsetMap(self._cs, self._ce, self._rs, self._re)
