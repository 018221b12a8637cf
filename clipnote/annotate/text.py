"""Edits to an article's text, and the line arithmetic they need.

Lines are counted the way the scanner and markdown-it count them: a line ends at `\\r\\n`, `\\r`
or `\\n` (never at the other characters `str.splitlines` knows), so a CRLF or old-Mac file has
the same line numbers as its LF twin, and an edit never touches a line ending.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Literal

EditKind = Literal["add-link", "update-link", "fix-start", "relabel"]

_EOL = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Edit:
    """Replace `text[start:end]` with `new` (an insertion when start == end)."""

    start: int  # offset into the text (a str index)
    end: int
    new: str
    line: int  # 1-based line the edit is on, for messages
    kind: EditKind
    message: str  # what the edit does, for a user: "line 33: link to 1:23:43"


@dataclass(frozen=True)
class Note:
    """An edit clipnote chose not to make, and why (shown to the user; nothing is written)."""

    line: int | None
    message: str


class Lines:
    """Where each line of a text starts and ends (its content, without the line ending)."""

    def __init__(self, text: str):
        self.text = text
        starts = [0]
        ends = []
        for m in _EOL.finditer(text):
            ends.append(m.start())
            starts.append(m.end())
        ends.append(len(text))
        self._starts = starts
        self._ends = ends

    def __len__(self) -> int:
        return len(self._starts)

    def has(self, number: int) -> bool:
        return 1 <= number <= len(self._starts)

    def start(self, number: int) -> int:
        """Offset of the first character of 1-based line `number`."""
        return self._starts[number - 1]

    def end(self, number: int) -> int:
        """Offset just past the line's content (where its line ending, if any, begins)."""
        return self._ends[number - 1]

    def content(self, number: int) -> str:
        return self.text[self.start(number):self.end(number)]

    def line_of(self, offset: int) -> int:
        """1-based number of the line holding `offset`."""
        lo, hi = 0, len(self._starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self._starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1


def split_lines(text: str) -> list[str]:
    """The text's lines with their own endings kept (`\\r\\n`, `\\r`, `\\n`), for diffs."""
    out: list[str] = []
    pos = 0
    for m in _EOL.finditer(text):
        out.append(text[pos:m.end()])
        pos = m.end()
    if pos < len(text):
        out.append(text[pos:])
    return out


def minimal_edit(offset: int, old: str, new: str, *, line: int, kind: EditKind, message: str) -> Edit | None:
    """The smallest Edit turning `old` (found at `offset`) into `new`; None when they are equal.

    Trimming the common prefix and suffix keeps an edit off bytes it does not need to touch, so
    two edits on one line (a moved start and an added link) do not collide.
    """
    if old == new:
        return None
    head = 0
    limit = min(len(old), len(new))
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[len(old) - 1 - tail] == new[len(new) - 1 - tail]:
        tail += 1
    return Edit(offset + head, offset + len(old) - tail, new[head:len(new) - tail], line, kind, message)


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """The text with every edit made. Pure; every character outside the edits is kept as is.

    Edits may come in any order. Insertions at the same offset keep their given order. Two edits
    that overlap are a bug in the caller: ValueError, rather than a guess at what was meant.
    """
    ordered = sorted(enumerate(edits), key=lambda pair: (pair[1].start, pair[1].end, pair[0]))
    out: list[str] = []
    pos = 0
    for _, edit in ordered:
        if not 0 <= edit.start <= edit.end <= len(text):
            raise ValueError(f"edit outside the text: {edit}")
        if edit.start < pos:
            raise ValueError(f"overlapping edits at offset {edit.start} (line {edit.line})")
        out.append(text[pos:edit.start])
        out.append(edit.new)
        pos = edit.end
    out.append(text[pos:])
    return "".join(out)


def overlaps(a: Edit, b: Edit) -> bool:
    """True when a and b cannot both be applied (touching ends and shared insertion points are fine)."""
    if a.start == a.end or b.start == b.end:  # an insertion only clashes with a replacement around it
        return (a.start < b.start < a.end) or (b.start < a.start < b.end)
    return a.start < b.end and b.start < a.end
