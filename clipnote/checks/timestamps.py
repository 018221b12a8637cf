"""Findings about the clip's own time: where its quotes really begin, and a visible label that
disagrees with its link."""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from .. import model as M
from ..align import Alignment
from ..config import Thresholds
from ..model import Clip, Finding, Severity
from ..timecode import format_clock, format_hms, format_offset


def quotes_start(alignments: Sequence[Alignment], near: float | None = None) -> float | None:
    """Where the clip's quoted passage begins: its first supported, in-order match. A passage
    said twice (a cold open, a recap) begins at whichever of its places is nearest `near`, the
    time the article gives: pointing at either is right."""
    def start(al: Alignment) -> float:
        places = [al.match.start, *(alt[0] for alt in al.match.alternatives)]
        return min(places, key=lambda t: abs(t - near)) if near is not None else al.match.start

    starts = [start(al) for al in alignments
              if al.match is not None and al.verdict == "supported" and not al.match.out_of_order
              and al.excerpt.role != "paraphrase"]
    if not starts:
        starts = [start(al) for al in alignments
                  if al.match is not None and al.verdict == "supported" and not al.match.out_of_order]
    return min(starts) if starts else None


def drift_findings(clip: Clip, alignments: Sequence[Alignment], th: Thresholds) -> list[Finding]:
    """Every kind of time gets one: an embed's or link's start, a bare label (`[12:30]`), a
    chapter heading (`## 1:02:03 Title`), a time in the prose beside the clip (`4분 46초부터`).
    Severity grows with the distance (`drift_severity`); a clip with no time gets at most an
    info suggestion."""
    begin = quotes_start(alignments, clip.start)
    if begin is None:
        return []
    prose = clip.prose_time
    if clip.start is None and prose is not None:  # the text says where to watch: that is the claim
        return _prose_drift(clip, alignments, begin, th)
    if clip.start is None:
        if begin < th.drift_seconds:
            return []
        return [Finding(M.DRIFT, "info",
                        f"The {_what(clip)} has no start time, but the quoted passage begins at "
                        f"{format_hms(begin)}: a link with t={int(begin)} would take readers there.",
                        {"seconds": round(begin, 2), "clip_start": None, "quotes_start": round(begin, 2)})]
    # a player that starts late loses the passage's first words; a label a reader sees only
    # needs to be near (its passage may open with the end of the sentence before it)
    early = th.early_seconds if clip.kind in ("embed", "link") else th.drift_seconds
    out = _drift(clip.start, begin, _what(clip), th, {"time_source": clip.kind}, early)
    if _surest(alignments) < SURE:
        # a drift is only as sure as the match it is measured against: a summary's claim found
        # with middling confidence may well be said near its time too
        out = [replace(f, severity="info") for f in out]
    if prose is not None and abs(prose.start - clip.start) > th.label_seconds:
        out += _prose_drift(clip, alignments, begin, th)
    return out


def _prose_drift(clip: Clip, alignments: Sequence[Alignment], begin: float, th: Thresholds) -> list[Finding]:
    prose = clip.prose_time
    start = quotes_start(alignments, prose.start)
    return _drift(prose.start, begin if start is None else start,  # 0.0 is a start, not a missing one
                  f"time in the text ({prose.text})", th,
                  {"time_source": "prose", "prose_time": prose.start}, th.drift_seconds)


def topic_findings(clip: Clip, al: Alignment, th: Thresholds) -> list[Finding]:
    """A key point whose topic opens away from its time (align/topics.py): off-topic past a
    minute; within it, an info note when it is more than `drift_seconds` away."""
    if al.features.get("past_transcript_end"):
        # not a fault of the article: the transcript stops early (a partial one)
        return [Finding(M.UNSUPPORTED, "info",
                        f"The key point's time {format_hms(clip.start or 0)} is past the end of the "
                        "transcript: its topic cannot be placed.", {"past_transcript_end": True})]
    if al.match is None or clip.start is None:
        return []
    drift = al.match.start - clip.start
    if abs(drift) <= th.drift_seconds:
        return []
    where = "before" if drift > 0 else "after"
    return [Finding(M.DRIFT, drift_severity(drift, th),
                    f"The key point's time {format_hms(clip.start)} is {_duration(drift)} {where} "
                    f"its topic: the talk turns to it at {format_hms(al.match.start)} "
                    f"({format_offset(drift)}).",
                    {"seconds": round(drift, 2), "clip_start": clip.start,
                     "quotes_start": round(al.match.start, 2), "time_source": "topic"})]


SURE = 0.8  # confidence of the surest supported match below which a drift is at most info


def _surest(alignments: Sequence[Alignment]) -> float:
    return max((al.match.confidence for al in alignments
                if al.match is not None and al.verdict == "supported"), default=0.0)


def drift_severity(drift: float, th: Thresholds) -> Severity:
    """A minute or less off is a slip (info); past that readers land in another part of the
    talk (warning); ten minutes or more, in another topic altogether (error)."""
    distance = abs(drift)
    if distance <= 2 * th.drift_seconds:
        return "info"
    return "warning" if distance < 600 else "error"


def _drift(start: float, begin: float, what: str, th: Thresholds, extra: dict,
           early: float) -> list[Finding]:
    drift = begin - start
    if -early < drift < th.drift_seconds:
        return []
    if drift > 0:
        message = (f"The {what} says {format_hms(start)} but the passage it introduces begins "
                   f"at {format_hms(begin)} ({format_offset(drift)}): readers land "
                   f"{_duration(drift)} early.")
    else:
        message = (f"The {what} says {format_hms(start)}, after the passage it introduces has "
                   f"begun at {format_hms(begin)} ({format_offset(drift)}): readers miss its first "
                   f"{_duration(-drift)}.")
    severity = drift_severity(drift, th) if drift > 0 or -drift >= th.drift_seconds else "info"
    return [Finding(M.DRIFT, severity, message,
                    {"seconds": round(drift, 2), "clip_start": start, "quotes_start": round(begin, 2),
                     **extra})]


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
    return {"embed": "embed", "link": "link", "front-matter": "video",
            "label": "timestamp label"}.get(clip.kind, "clip")


def _duration(seconds: float) -> str:
    seconds = abs(seconds)
    if seconds < 90:
        return f"{round(seconds)} seconds"
    if seconds < 5400:
        return f"{round(seconds / 60)} minutes"
    return f"{seconds / 3600:.1f} hours"
