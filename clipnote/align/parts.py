"""Long excerpts as runs of sentence groups, and no match longer than its excerpt could take to say.

A match never lasts more than what its excerpt takes to say ×3 plus a minute (spans.longest_plausible).
An excerpt that takes more than LONG_SECONDS to say (a translated paragraph of several turns) is
placed as a run of groups of consecutive sentences, about GROUP_SECONDS of speech each, cut also
where its placed sentences jump in the video; each group gets its own span, from the caption lines
its placed sentences were located on. The excerpt's span is the hull of the parts when they follow
each other (and the hull is plausible), else the first part: where the passage begins to be said.
A shorter excerpt whose span breaks the limit is cut where its sentences jump, and keeps the first
piece, or is trimmed to the limit.
"""

from __future__ import annotations

import numpy as np

from .spans import longest_plausible
from .units import PreparedExcerpts, PreparedTranscript

LONG_SECONDS = 90.0
GROUP_SECONDS = 45.0
CONTIGUOUS = 20.0  # seconds between two parts that still count as one run
JUMP = 30.0  # seconds beyond the expected place at which a placed sentence starts a new group

Part = tuple[int, int, int, int]  # first line, last line, first sentence, last sentence (in the excerpt)


def place_parts(i: int, span: tuple[int, int], located: dict[int, tuple[int, int]], pe: PreparedExcerpts,
                pt: PreparedTranscript, durations: list[float]) -> tuple[tuple[int, int], tuple[Part, ...]]:
    """The excerpt's span and its parts (none for an ordinary excerpt). `located[k]` holds the caption
    lines (first, last) each placed sentence k of excerpt i was located on; `durations[k]` how long
    sentence k takes to say."""
    rows = pe.rows(i)
    script = pe.scripts[i]
    said = [durations[k] for k in rows]
    limit = longest_plausible(pe.texts[i], script)
    long = sum(said) > LONG_SECONDS
    if not long and _seconds(span, pt) <= limit:
        return span, ()
    parts = [p for p in _groups(rows, said, located, pt, cut_by_length=long) if p is not None]
    if not parts:
        return _trim(span, limit, pt), ()
    parts = [_trim((a, b), longest_plausible(_text(pe, rows, f, l), script), pt) + (f, l) for a, b, f, l in parts]
    follow = all(-5.0 <= pt.starts[n[0]] - pt.ends[p[1]] <= CONTIGUOUS for p, n in zip(parts, parts[1:]))
    hull = (parts[0][0], parts[-1][1])
    if follow and _seconds(hull, pt) <= limit:
        chosen = hull
    else:
        chosen = parts[0][:2]
    if len(parts) == 1:
        return _trim(chosen, limit, pt), ()
    return chosen, tuple(parts)


def _groups(rows: list[int], said: list[float], located: dict, pt: PreparedTranscript, *, cut_by_length: bool):
    """Consecutive sentences in groups: cut after about GROUP_SECONDS of speech (long excerpts) and
    wherever the next placed sentence is not where the group's speech would bring it."""
    groups: list[list[int]] = [[]]
    group_said = 0.0
    last_end: float | None = None  # where the group's last placed sentence ends
    pending = 0.0  # speech of unplaced sentences since then
    for r, k in enumerate(rows):
        if k in located:
            a, b = located[k]
            if last_end is not None and groups[-1]:
                expected = last_end + pending
                jumped = pt.starts[a] > expected + JUMP or pt.ends[b] < last_end - JUMP
                if jumped or (cut_by_length and group_said >= GROUP_SECONDS):
                    groups.append([])
                    group_said = 0.0
            last_end, pending = float(pt.ends[b]), 0.0
        else:
            pending += said[r]
            if cut_by_length and group_said >= GROUP_SECONDS and groups[-1]:
                groups.append([])
                group_said = 0.0
        groups[-1].append(r)
        group_said += said[r]
    out = []
    for group in groups:
        lines = [located[rows[r]] for r in group if rows[r] in located]
        out.append((min(a for a, _ in lines), max(b for _, b in lines), group[0], group[-1]) if lines else None)
    return out


def _text(pe: PreparedExcerpts, rows: list[int], first: int, last: int) -> str:
    return "".join(pe.sentences[k].text for k in rows[first : last + 1])


def _seconds(span: tuple[int, int], pt: PreparedTranscript) -> float:
    return float(pt.ends[span[1]] - pt.starts[span[0]])


def _trim(span: tuple[int, int], limit: float, pt: PreparedTranscript) -> tuple[int, int]:
    """The span cut at its end to last at most `limit` seconds (its first line is where it starts)."""
    a, b = span
    if pt.ends[b] - pt.starts[a] <= limit:
        return a, b
    last = int(np.searchsorted(pt.ends, pt.starts[a] + limit, side="right")) - 1
    return a, max(a, min(b, last))
