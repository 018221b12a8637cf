"""What a fact-checker wants flagged (DESIGN §6), from a clip, its transcript and the alignments.

Pure functions: each check looks at the alignment results and returns Findings; `check_clip`
puts them together into a ClipResult.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from ..align import Alignment
from ..align.units import PreparedTranscript
from ..config import Thresholds
from ..model import Clip, ClipResult, ExcerptResult, Finding, Transcript
from ..outcome import SEVERITY_RANK
from .caveats import transcript_caveats
from .names import name_findings
from .numbers import number_findings
from .quotes import omission_findings, order_findings, verdict_findings
from .speakers import speaker_findings, turn_parity_findings
from .timestamps import drift_findings, label_findings, topic_findings

__all__ = ["check_clip", "label_findings", "one_of_each_kind", "turn_parity_findings"]


def check_clip(clip: Clip, transcript: Transcript, pt: PreparedTranscript,
               alignments: Sequence[Alignment], thresholds: Thresholds = Thresholds()) -> ClipResult:
    excerpts = []
    for al in alignments:
        if al.excerpt.role == "topic":  # a key point claims a topic, not words: only its time is checked
            findings = topic_findings(clip, al, thresholds)
        else:
            findings = [
                *verdict_findings(al),
                *number_findings(al, pt),
                *name_findings(al, pt),
                *omission_findings(al, pt, thresholds),
                *order_findings(al),
            ]
        excerpts.append(ExcerptResult(al.excerpt, al.verdict, al.match, tuple(_at(findings, al.excerpt.line))))
    speaker = speaker_findings(alignments, pt)
    excerpts = [replace(r, findings=one_of_each_kind(r.findings + tuple(speaker.get(r.excerpt.line, ()))))
                for r in excerpts]
    clip_findings = [*drift_findings(clip, alignments, thresholds), *label_findings(clip, thresholds),
                     *transcript_caveats(transcript, alignments)]
    return ClipResult(clip=clip, transcript=transcript, excerpts=tuple(excerpts),
                      findings=tuple(_at(clip_findings, clip.line)))


def one_of_each_kind(findings: Sequence[Finding]) -> tuple[Finding, ...]:
    """At most one finding of a kind for an excerpt, the most severe (DESIGN §8: each check
    gathers what it has to say into one finding; this keeps that true when two checks share a
    kind, as the speaker checks do)."""
    best: dict[str, Finding] = {}
    for f in findings:
        if f.kind not in best or SEVERITY_RANK.get(f.severity, -1) > SEVERITY_RANK.get(best[f.kind].severity, -1):
            best[f.kind] = f
    return tuple(f for f in findings if best[f.kind] is f)


def _at(findings: list[Finding], line: int) -> list[Finding]:
    return [f if f.line is not None else replace(f, line=line) for f in findings]
