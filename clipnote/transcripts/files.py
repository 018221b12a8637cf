"""Transcript files: which file holds which video, reading any of them, writing snapshots atomically.

Files are named by video id: `<id>.json`, `<id>.<lang>.vtt`, `<id>.<lang>.srt`, `<id>.<lang>.json3`,
and yt-dlp's own `Title [<id>].<lang>.vtt`. The formats themselves are in `formats.py`.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from ..atomic import atomic_write_text  # noqa: F401 (re-exported for the cache)
from ..model import Transcript
from ._errors import CorruptTranscriptFile
from .formats import dumps_transcript, parse_transcript_text
from .tracks import language_match

FORMATS = ("json", "json3", "vtt", "srt")  # also the order a folder's files are preferred in

_NAME = re.compile(
    r"^(?:.*\[(?P<bracketed>[A-Za-z0-9_-]{11})\]|(?P<bare>[A-Za-z0-9_-]{11}))"
    r"(?:\.(?P<lang>[A-Za-z]{1,3}(?:[-_][A-Za-z0-9]{1,12})*))?"
    r"\.(?P<fmt>json3|json|vtt|srt)$",
    re.IGNORECASE,
)


# --- names ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TranscriptFile:
    path: Path
    video_id: str
    language: str | None  # from the name; None when the name carries none
    fmt: str  # one of FORMATS


def parse_file_name(path: Path | str) -> TranscriptFile | None:
    """`G4hL5Om4IJ4.en.vtt` → its video, language and format; None for any other name."""
    path = Path(path)
    m = _NAME.match(path.name)
    if not m:
        return None
    return TranscriptFile(path, m.group("bracketed") or m.group("bare"), m.group("lang"), m.group("fmt").lower())


def find_transcript_files(directory: Path, video_id: str) -> list[TranscriptFile]:
    """Every transcript file of one video in a folder (not its subfolders)."""
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return []
    out = []
    for entry in entries:
        if video_id in entry.name and not entry.name.startswith("."):
            parsed = parse_file_name(Path(entry.path))
            if parsed and parsed.video_id == video_id and entry.is_file():
                out.append(parsed)
    return out


def pick_file(files: Sequence[TranscriptFile], languages: Sequence[str] = ()) -> TranscriptFile | None:
    """The file to use: with `languages`, the first language that has a file (a file whose name
    names no language also serves); without, `<id>.json` before language-named files. Formats are
    preferred in the order of FORMATS (JSON keeps the most)."""

    def rank(f: TranscriptFile) -> tuple | None:
        fmt_rank = FORMATS.index(f.fmt)
        lang = _bare_language(f.language)
        if not languages:
            return (lang is not None, f.language or "", fmt_rank)
        if lang is None:
            return (len(languages), 0, fmt_rank)
        for i, code in enumerate(languages):
            level = language_match(lang, code)
            if level:
                return (i, 2 - level, fmt_rank)
        return None  # a file in a language nobody asked for

    ranked = [(r, f) for f in files if (r := rank(f)) is not None]
    return min(ranked, key=lambda rf: (rf[0], str(rf[1].path)))[1] if ranked else None


def _bare_language(code: str | None) -> str | None:
    """yt-dlp names the original speech-recognition track `en-orig`; it is English."""
    if code and code.lower().endswith("-orig"):
        return code[: -len("-orig")]
    return code


# --- reading --------------------------------------------------------------------------------------


def load_transcript_file(path: Path | str, *, source: str = "snapshot") -> Transcript:
    """Read any supported transcript file. Raises CorruptTranscriptFile naming the file."""
    path = Path(path)
    named = parse_file_name(path)
    fmt = named.fmt if named else path.suffix.lstrip(".").lower()
    video_id = named.video_id if named else None
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CorruptTranscriptFile(str(path), "not UTF-8 text", video_id=video_id) from None
    except OSError as error:
        raise CorruptTranscriptFile(str(path), error.strerror or str(error), video_id=video_id) from None
    try:
        fields = parse_transcript_text(text, fmt)
    except json.JSONDecodeError as error:
        raise CorruptTranscriptFile(str(path), f"invalid JSON at line {error.lineno}, column {error.colno}",
                                    video_id=video_id) from None
    except (ValueError, KeyError, TypeError, IndexError) as error:
        raise CorruptTranscriptFile(str(path), _reason(error), video_id=video_id) from None
    file_video = fields.pop("video_id", None)
    if video_id and file_video and file_video != video_id:
        raise CorruptTranscriptFile(str(path), f"it holds video {file_video}, but its name says {video_id}",
                                    video_id=video_id)
    language = fields.pop("language", None) or _bare_language(named.language if named else None)
    if named and named.language and named.language.lower().endswith("-orig"):
        fields["generated"] = True
    return Transcript(video_id=video_id or file_video or path.stem, language=language, source=source,
                      path=str(path), **fields)

def _reason(error: Exception) -> str:
    if isinstance(error, KeyError):
        return f"missing field {error.args[0]!r}"
    return str(error) or type(error).__name__


# --- writing --------------------------------------------------------------------------------------


def write_transcript_json(transcript: Transcript, path: Path) -> Path:
    atomic_write_text(path, dumps_transcript(transcript))
    return path


def save_snapshot(transcript: Transcript, directory: Path | str) -> Path:
    """Write `<directory>/<video_id>.json`, the committable snapshot. Returns its path."""
    directory = Path(directory)
    return write_transcript_json(transcript, directory / f"{transcript.video_id}.json")
