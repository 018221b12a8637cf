"""The `clipnote/report@1` JSON object of one article (DESIGN §7).

Tools depend on these keys: add freely, never rename (bump `SCHEMA` instead). The JSON Schema
that describes the object ships as `clipnote/schemas/report.schema.json`.
"""

from __future__ import annotations

import math
from typing import Any, Mapping

from ..model import ArticleResult, ClipResult, ExcerptResult, Finding, Match, Problem, Transcript
from ..outcome import Counts, count, problems_of
from ..timecode import deep_link

SCHEMA = "clipnote/report@1"


def article_to_json(result: ArticleResult) -> dict[str, Any]:
    """The report object of one article: its clips, excerpts, verdicts, findings and counts."""
    article = result.article
    return {
        "schema": SCHEMA,
        "article": {
            "path": article.path,
            "title": article.title,
            "language": article.language,
            "draft": article.draft,
        },
        "clips": [clip_to_json(clip) for clip in result.clips],
        "errors": [problem_to_json(p) for p in problems_of(result)],
        "summary": counts_to_json(count(result)),
    }


def counts_to_json(counts: Counts) -> dict[str, Any]:
    """The verdict counts, errors, unchecked excerpts and findings by severity."""
    return {
        "clips": counts.clips,
        "excerpts": counts.excerpts,
        "supported": counts.supported,
        "weak": counts.weak,
        "unsupported": counts.unsupported,
        "errors": counts.errors,
        "unchecked": counts.unchecked,
        "findings": {severity: counts.severity(severity) for severity in ("error", "warning", "info")},
    }


def clip_to_json(result: ClipResult) -> dict[str, Any]:
    clip, transcript = result.clip, result.transcript
    return {
        "video_id": clip.video_id,
        "start": seconds(clip.start),
        "end": seconds(clip.end),
        "line": clip.line,
        "raw": clip.raw,
        "kind": clip.kind,
        "label": clip.label,
        "label_seconds": seconds(clip.label_seconds),
        "url": deep_link(clip.video_id, clip.start),
        "title": transcript.title if transcript else None,
        "transcript": transcript_to_json(transcript) if transcript else None,
        "error": result.error,
        "findings": [finding_to_json(f, clip.line) for f in result.findings],
        "excerpts": [excerpt_to_json(e, clip.video_id) for e in result.excerpts],
    }


def transcript_to_json(transcript: Transcript) -> dict[str, Any]:
    return {
        "language": transcript.language,
        "source": transcript.source,
        "generated": transcript.generated,
        "provider": transcript.provider,
        "translated": transcript.translated,
        "channel": transcript.channel,
        "duration": seconds(transcript.duration),
        "fetched_at": transcript.fetched_at,
    }


def excerpt_to_json(result: ExcerptResult, video_id: str) -> dict[str, Any]:
    excerpt = result.excerpt
    return {
        "line": excerpt.line,
        "end_line": excerpt.end_line,
        "speaker": excerpt.speaker,
        "label": excerpt.label,
        "role": excerpt.role,
        "text": excerpt.text,
        "verdict": result.verdict,
        "match": match_to_json(result.match, video_id) if result.match else None,
        "findings": [finding_to_json(f, excerpt.line) for f in result.findings],
    }


def match_to_json(match: Match, video_id: str) -> dict[str, Any]:
    return {
        "start": seconds(match.start),
        "end": seconds(match.end),
        "score": score(match.score),
        "confidence": score(match.confidence),
        "url": deep_link(video_id, match.start),
        "text": match.text,
        "first_segment": match.first_segment,
        "last_segment": match.last_segment,
        "out_of_order": match.out_of_order,
        "alternatives": [
            {"start": seconds(start), "end": seconds(end), "score": score(value),
             "url": deep_link(video_id, start)}
            for start, end, value in match.alternatives
        ],
        # a long excerpt placed as a run of sentence groups: where each group is said
        "parts": [
            {"start": seconds(part.start), "end": seconds(part.end), "url": deep_link(video_id, part.start),
             "first_segment": part.first_segment, "last_segment": part.last_segment,
             "sentences": [part.first_sentence + 1, part.last_sentence + 1]}
            for part in match.parts
        ],
    }


def finding_to_json(finding: Finding, default_line: int | None) -> dict[str, Any]:
    """A finding; `line` is the finding's own line, else its excerpt's or clip's."""
    return {
        "kind": finding.kind,
        "severity": finding.severity,
        "message": finding.message,
        "data": plain(finding.data),
        "line": finding.line or default_line,
    }


def problem_to_json(problem: Problem) -> dict[str, Any]:
    return {"kind": problem.kind, "path": problem.path, "line": problem.line,
            "message": problem.message, "raw": problem.raw, "severity": problem.severity}


def seconds(value: float | None) -> float | None:
    """Seconds to two decimals (caption times carry no more), None stays None."""
    return None if value is None or not math.isfinite(value) else round(float(value), 2)


def score(value: float | None) -> float | None:
    return None if value is None or not math.isfinite(value) else round(float(value), 3)


def plain(value: Any) -> Any:
    """`Finding.data` as JSON can hold it: mappings to objects with string keys, sequences to
    lists, floats rounded to 3 decimals (NaN and infinities to null), anything else to str."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return score(value)
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=repr) if isinstance(value, (set, frozenset)) else value
        return [plain(item) for item in items]
    return str(value)


def load_schema(name: str = "report") -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) shipped in `clipnote/schemas/`: `report` describes
    `article_to_json`'s output, `summary` batch's summary.json."""
    import json
    from importlib.resources import files

    text = files("clipnote").joinpath(f"schemas/{name}.schema.json").read_text("utf-8")
    return json.loads(text)
