"""Findings about the clip's own time: where its quotes really begin, and a visible label that
disagrees with its link."""

from __future__ import annotations

from typing import Sequence

from .. import model as M
from ..align import Alignment
from ..config import Thresholds
from ..model import Clip, Finding
from ..timecode import format_clock, format_hms, format_offset


def quotes_start(alignments: Sequence[Alignment]) -> float | None:
    """Where the clip's quoted passage begins: its first supported, in-order match."""
    starts = [al.match.start for al in alignments
              if al.match is not None and al.verdict == "supported" and not al.match.out_of_order
              and al.excerpt.role != "paraphrase"]
    if not starts:
        starts = [al.match.start for al in alignments
                  if al.match is not None and al.verdict == "supported" and not al.match.out_of_order]
    return min(starts) if starts else None


def drift_findings(clip: Clip, alignments: Sequence[Alignment], th: Thresholds) -> list[Finding]:
    begin = quotes_start(alignments)
    if begin is None or clip.kind == "label":
        return []
    if clip.start is None:
        if begin < th.drift_seconds:
            return []
        return [Finding(M.DRIFT, "info",
                        f"The {_what(clip)} has no start time, but the quoted passage begins at "
                        f"{format_hms(begin)}: a link with t={int(begin)} would take readers there.",
                        {"seconds": round(begin, 2), "clip_start": None, "quotes_start": round(begin, 2)})]
    drift = begin - clip.start
    if -th.early_seconds < drift < th.drift_seconds:
        return []
    if drift > 0:
        message = (f"The {_what(clip)} starts at {format_hms(clip.start)} but the quoted passage begins "
                   f"at {format_hms(begin)} ({format_offset(drift)}): readers land "
                   f"{_duration(drift)} early.")
    else:
        message = (f"The {_what(clip)} starts at {format_hms(clip.start)}, after the quoted passage has "
                   f"begun at {format_hms(begin)} ({format_offset(drift)}): readers miss its first "
                   f"{_duration(-drift)}.")
    return [Finding(M.DRIFT, "warning", message,
                    {"seconds": round(drift, 2), "clip_start": clip.start, "quotes_start": round(begin, 2)})]


def label_findings(clip: Clip, th: Thresholds) -> list[Finding]:
    if clip.label_seconds is None or clip.start is None:
        return []
    if abs(clip.label_seconds - clip.start) <= th.label_seconds:
        return []
    return [Finding(M.LABEL_MISMATCH, "warning",
                    f"The link's visible label says {clip.label or format_clock(clip.label_seconds)} "
                    f"but the link itself starts at {format_clock(clip.start)}.",
                    {"label_seconds": clip.label_seconds, "link_seconds": clip.start,
                     "seconds": round(clip.label_seconds - clip.start, 2)})]


def _what(clip: Clip) -> str:
    return {"embed": "embed", "link": "link", "front-matter": "video"}.get(clip.kind, "clip")


def _duration(seconds: float) -> str:
    seconds = abs(seconds)
    if seconds < 90:
        return f"{round(seconds)} seconds"
    if seconds < 5400:
        return f"{round(seconds / 60)} minutes"
    return f"{seconds / 3600:.1f} hours"
