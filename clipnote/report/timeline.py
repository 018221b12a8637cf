"""A one-line picture of where a clip's quotes are spoken against the clip's own start.

    ▲···················································1·2·3··4·5·67·8
    1:17:28                                                    1:26:24
    ▲ embed start 1:17:28
    1–8 quotes #1–#8, spoken 1:23:43–1:26:24 (first +6:16 from the start)
    not found in the transcript: #9

Plain text for a ```text block: it reads the same in a terminal, in CommonMark and on GitHub,
and holds no article or transcript text (only times and numbers), so it needs no escaping.
"""

from __future__ import annotations

from ..model import DRIFT, ClipResult
from ..timecode import format_hms, format_offset

WIDTH = 60
EMBED = "▲"
DOT = "·"
_SOURCES = {"label": "label", "prose": "text beside the clip", "topic": "key point",
            "front-matter": "video"}
_LABELS = "123456789abcdefghijklmnopqrstuvwxyz"


def label(number: int) -> str:
    """The ruler's mark for excerpt #number (1-based): 1–9, then a–z, then •."""
    return _LABELS[number - 1] if 1 <= number <= len(_LABELS) else "•"


def timeline(clip: ClipResult, width: int = WIDTH) -> str | None:
    """The picture for one clip, or None when none of its excerpts was found."""
    found = [(n, e.match) for n, e in enumerate(clip.excerpts, 1) if e.match is not None]
    if not found:
        return None
    start = clip.clip.start
    ref = start if start is not None else 0.0
    t0 = min([ref] + [m.start for _, m in found])
    t1 = max([ref] + [m.end for _, m in found])
    scale = (width - 1) / max(t1 - t0, 1.0)

    # marks in time order; when two fall in one column, later ones move right (then back left
    # from the end), so every mark stays visible and in order
    marks = sorted([(ref, 0, EMBED)] + [(m.start, n, label(n)) for n, m in found])
    marks = marks[:width]
    columns = [round((t - t0) * scale) for t, _, _ in marks]
    for i in range(1, len(columns)):
        columns[i] = max(columns[i], columns[i - 1] + 1)
    for i in range(len(columns) - 1, -1, -1):
        limit = width - 1 if i == len(columns) - 1 else columns[i + 1] - 1
        columns[i] = min(columns[i], limit)
    ruler = [DOT] * width
    for column, (_, _, mark) in zip(columns, marks):
        ruler[column] = mark

    left, right = format_hms(t0), format_hms(t1)
    scale_line = left + " " * max(1, width - len(left) - len(right)) + right

    numbers = [n for n, _ in found]
    first = min(m.start for _, m in found)
    last = max(m.end for _, m in found)
    what = {"embed": "embed start", "label": "timestamp label", "front-matter": "video start"}.get(
        clip.clip.kind, "link start")
    legend = [f"{EMBED} {what} {format_hms(start)}" if start is not None
              else f"{EMBED} video start 0:00:00 (the clip gives no start time)"]
    span = (f"{label(numbers[0])}–{label(numbers[-1])} quotes #{numbers[0]}–#{numbers[-1]}"
            if len(numbers) > 1 else f"{label(numbers[0])} quote #{numbers[0]}")
    legend.append(f"{span}, spoken {format_hms(first)}–{format_hms(last)} "
                  f"(first {format_offset(first - ref)} from the start)")
    # drift of every kind of time (the clip's own, a time in the prose, a key point's topic)
    for finding in clip.findings + tuple(f for e in clip.excerpts for f in e.findings):
        if finding.kind == DRIFT and finding.data.get("clip_start") is not None:
            source = finding.data.get("time_source", clip.clip.kind)
            legend.append(f"drift ({finding.severity}): the {_SOURCES.get(source, source)} says "
                          f"{format_hms(finding.data['clip_start'])}, the passage begins at "
                          f"{format_hms(finding.data['quotes_start'])} "
                          f"({format_offset(finding.data['seconds'])})")
    missing = [f"#{n}" for n, e in enumerate(clip.excerpts, 1) if e.match is None]
    if missing:
        legend.append("not found in the transcript: " + ", ".join(missing))
    return "\n".join(["".join(ruler), scale_line, *legend])
