"""Transcript text formats, parsed and rendered: pure functions, no file I/O.

Parsed: youtube-transcript-api's raw JSON list (`[{"text","start","duration"}]`), clipnote's own
JSON (`"schema": "clipnote/transcript@1"`), WebVTT (YouTube's rolling auto-captions included:
each caption line is shown twice as it scrolls, so repeated lines are dropped), SRT, and yt-dlp's
json3 (word offsets kept as `Segment.words`). Rendered: clipnote's JSON, one segment per line so
a committed snapshot diffs well in git; SRT and WebVTT for `clipnote transcript --format`.
"""

from __future__ import annotations

import html
import json
import math
import re
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from ..model import Segment, Transcript, Word

SCHEMA = "clipnote/transcript@1"


def parse_transcript_text(text: str, fmt: str) -> dict[str, Any]:
    """Fields of a Transcript (segments and what the file says about itself) from file text."""
    if fmt in ("json", "json3"):
        data = json.loads(text)
        if isinstance(data, list):
            return {"segments": _raw_segments(data), "origin": "json"}  # the shape, not proof of the source
        if isinstance(data, dict) and "events" in data:
            return _json3(data)
        if isinstance(data, dict) and str(data.get("schema", "")).startswith("clipnote/transcript@"):
            return _clipnote(data)
        raise ValueError("JSON that is neither clipnote's, youtube-transcript-api's nor yt-dlp's json3")
    if fmt in ("vtt", "srt"):
        return _cues(text, fmt)
    raise ValueError(f"unknown transcript format {fmt!r} (use .json, .json3, .vtt or .srt)")


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValueError(f"{what} is not a number: {value!r}")
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"{what} is not a number: {value!r}") from None
    if not math.isfinite(number) or number < 0:
        raise ValueError(f"{what} is not a time: {value!r}")
    return number


def _segment(item: Any, i: int, *, words_ok: bool = False) -> Segment | None:
    if not isinstance(item, dict):
        raise ValueError(f"segment {i} is not an object")
    text = item.get("text")
    if not isinstance(text, str):
        raise ValueError(f"segment {i} has no text")
    text = " ".join(text.split())  # JSON text is already plain (youtube-transcript-api strips tags)
    if not text:
        return None
    start = _number(item.get("start"), f"segment {i} start")
    duration = _number(item.get("duration", 0.0), f"segment {i} duration")
    words: tuple[Word, ...] = ()
    if words_ok and item.get("words"):
        words = tuple(Word(_number(w[0], f"segment {i} word start"), str(w[1])) for w in item["words"])
    return Segment(start, duration, text, words)


def _need_segments(segments: list[Segment]) -> tuple[Segment, ...]:
    if not segments:
        raise ValueError("it holds no captions")
    return tuple(segments)


def _raw_segments(items: list) -> tuple[Segment, ...]:
    return _need_segments([s for i, item in enumerate(items) if (s := _segment(item, i))])


def _clipnote(data: dict) -> dict[str, Any]:
    if data["schema"] != SCHEMA:
        raise ValueError(f"schema {data['schema']!r} is newer than this clipnote reads ({SCHEMA})")
    if not isinstance(data.get("segments"), list):
        raise ValueError("missing field 'segments'")
    segments = [s for i, item in enumerate(data["segments"]) if (s := _segment(item, i, words_ok=True))]
    duration = data.get("duration")
    generated = data.get("generated")
    return {
        "video_id": data.get("video_id") if isinstance(data.get("video_id"), str) else None,
        "language": data.get("language") or None,
        "segments": _need_segments(segments),
        "generated": generated if isinstance(generated, bool) else None,
        "title": data.get("title"), "channel": data.get("channel"),
        "duration": _number(duration, "duration") if duration is not None else None,
        "provider": data.get("provider"), "fetched_at": data.get("fetched_at"),
        "origin": data.get("source"), "translated": bool(data.get("translated", False)),
        "alternatives": tuple(str(a) for a in data.get("alternatives") or ()),
    }


def _json3(data: dict) -> dict[str, Any]:
    events = data["events"]
    if not isinstance(events, list):
        raise ValueError("'events' is not a list")
    # Speech-recognition tracks carry a per-word offset (tOffsetMs); a person's captions do not.
    asr = any(isinstance(seg, dict) and "tOffsetMs" in seg
              for ev in events if isinstance(ev, dict) for seg in ev.get("segs") or ())
    segments = []
    for ev in events:
        segs = ev.get("segs") if isinstance(ev, dict) else None
        if not segs:
            continue  # window definitions and style events carry no text
        text = clean_text("".join(str(s.get("utf8", "")) for s in segs))
        if not text:
            continue  # "\n" line breaks (aAppend events)
        start = _number(ev["tStartMs"], "tStartMs") / 1000
        duration = _number(ev.get("dDurationMs", 0), "dDurationMs") / 1000
        words = ()
        if asr:
            words = tuple(Word(round(start + _number(s.get("tOffsetMs", 0), "tOffsetMs") / 1000, 3), w)
                          for s in segs for w in str(s.get("utf8", "")).split())
        segments.append(Segment(start, duration, text, words))
    return {"segments": _need_segments(segments), "generated": True if asr else None, "origin": "json3"}


# WebVTT and SRT share one reader: blocks of lines, a timing line per cue.
_TIME = r"(?:\d+:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
_TIMING = re.compile(rf"^\s*({_TIME})\s*-->\s*({_TIME})")
_INLINE_TIME = re.compile(r"<((?:\d+:)?\d{2}:\d{2}\.\d{3})>")
# <c>, <i>, </c>, <v Speaker>, <00:00:01.000>, and SRT's {\an8}; not a bare "<>" or "x < y > z"
_TAG = re.compile(r"</?[A-Za-z][^<>]*>|<(?:\d+:)?\d{2}:\d{2}\.\d{3}>|\{\\[^}]*\}")


def clean_text(text: str) -> str:
    """One line of plain text: markup gone, entities decoded, white space folded."""
    if "<" in text or "{\\" in text:
        text = _TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    return " ".join(text.split())


def _seconds(stamp: str) -> float:
    parts = stamp.replace(",", ".").split(":")
    value = 0.0
    for part in parts:
        value = value * 60 + float(part)
    return value


@dataclass
class _Cue:
    start: float
    end: float
    lines: list[str]


def _cues(text: str, fmt: str) -> dict[str, Any]:
    blocks: list[list[str]] = [[]]
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    language = None
    cues: list[_Cue] = []
    for i, block in enumerate(b for b in blocks if b):
        if i == 0 and block[0].startswith("WEBVTT"):
            for line in block[1:]:
                key, _, value = line.partition(":")
                if key.strip().lower() == "language" and value.strip():
                    language = value.strip()
            continue
        if block[0].split(" ", 1)[0] in ("NOTE", "STYLE", "REGION"):
            continue
        at = next((j for j, line in enumerate(block[:2]) if _TIMING.match(line)), None)
        if at is None:
            if cues:  # YouTube puts a line holding one space inside a cue: the cue goes on
                cues[-1].lines.extend(block)
            continue
        m = _TIMING.match(block[at])
        cues.append(_Cue(_seconds(m.group(1)), _seconds(m.group(2)), block[at + 1:]))
    timed_words = any(_INLINE_TIME.search(line) for cue in cues for line in cue.lines)
    segments = []
    previous: set[str] = set()
    previous_end = -1.0
    for cue in cues:
        cleaned = [(line, clean_text(line)) for line in cue.lines]
        # Rolling captions repeat the line before as the first line of the next cue, and again
        # in a 10 ms cue of their own: a line still on screen from the cue just before is not new.
        # (A cue after a gap that says "Yes." again is a new "Yes.".)
        contiguous = cue.start <= previous_end + 0.05
        fresh = [(raw, text) for raw, text in cleaned if text and not (contiguous and text in previous)]
        previous = {text for _, text in cleaned if text}
        previous_end = cue.end
        if not fresh:
            continue
        words: tuple[Word, ...] = ()
        if timed_words:
            words = tuple(w for raw, _ in fresh for w in _timed_words(raw, cue.start))
        segments.append(Segment(cue.start, max(0.0, round(cue.end - cue.start, 3)),
                                " ".join(text for _, text in fresh), words))
    return {"segments": _need_segments(segments), "language": language,
            "generated": True if timed_words else None, "origin": fmt}


def _timed_words(raw: str, cue_start: float) -> list[Word]:
    """`The<00:00:00.320><c> following</c>` → The@cue start, following@0.32."""
    parts = _INLINE_TIME.split(raw)
    out = []
    at = cue_start
    for k, part in enumerate(parts):
        if k % 2:
            at = _seconds(part)
            continue
        out.extend(Word(at, w) for w in clean_text(part).split())
    return out


# --- rendering ------------------------------------------------------------------------------------


_ORIGIN_OF_SOURCE = {"youtube": "youtube-transcript-api", "yt-dlp": "yt-dlp"}


def transcript_to_json(transcript: Transcript) -> dict[str, Any]:
    """clipnote's own JSON (the snapshot and cache format; contract in the team brief)."""
    from .. import __version__

    origin = transcript.origin or _ORIGIN_OF_SOURCE.get(transcript.source)
    versions = {"clipnote": __version__}
    if transcript.source in _ORIGIN_OF_SOURCE:  # fresh from the network: the library installed now fetched it
        versions[origin] = _package_version(origin)
    segments = []
    for seg in transcript.segments:
        item: dict[str, Any] = {"start": round(seg.start, 3), "duration": round(seg.duration, 3), "text": seg.text}
        if seg.words:
            item["words"] = [[round(w.start, 3), w.text] for w in seg.words]
        segments.append(item)
    return {
        "schema": SCHEMA, "video_id": transcript.video_id, "language": transcript.language,
        "source": origin, "generated": transcript.generated, "provider": transcript.provider,
        "title": transcript.title, "channel": transcript.channel, "duration": transcript.duration,
        "fetched_at": transcript.fetched_at, "versions": versions,
        "alternatives": list(transcript.alternatives), "translated": transcript.translated,
        "segments": segments,
    }


def _package_version(name: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return None


def dumps_transcript(transcript: Transcript) -> str:
    """The JSON text: header fields first, then one segment per line (small git diffs)."""
    data = transcript_to_json(transcript)
    segments = data.pop("segments")
    head = ",\n".join(f" {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in data.items())
    body = ",\n".join("  " + json.dumps(s, ensure_ascii=False) for s in segments)
    return "{\n" + head + ',\n "segments": [\n' + body + "\n ]\n}\n"


def _stamp(seconds: float, sep: str) -> str:
    ms = int(round(seconds * 1000))
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def _cue_times(segments: Sequence[Segment]) -> Iterable[tuple[Segment, float, float]]:
    """A caption stays until the next one starts (captions overlap; players show one at a time)."""
    for i, seg in enumerate(segments):
        end = seg.end
        if i + 1 < len(segments) and seg.start < segments[i + 1].start < end:
            end = segments[i + 1].start
        yield seg, seg.start, end


def format_srt(segments: Sequence[Segment]) -> str:
    return "".join(f"{i}\n{_stamp(a, ',')} --> {_stamp(b, ',')}\n{seg.text}\n\n"
                   for i, (seg, a, b) in enumerate(_cue_times(segments), 1))


def format_vtt(segments: Sequence[Segment], language: str | None = None) -> str:
    head = "WEBVTT\n" + (f"Language: {language}\n" if language else "") + "\n"
    return head + "".join(f"{_stamp(a, '.')} --> {_stamp(b, '.')}\n{seg.text}\n\n"
                          for seg, a, b in _cue_times(segments))
