"""The user cache: transcripts fetched once are kept, and permanent failures for a while.

Layout under `clipnote.paths.cache_root() / "transcripts"`, one folder per video:

    <video_id>/tracks.json          what the video offers (tracks, original language, title, ...)
    <video_id>/<lang>.<kind>.json   a transcript in clipnote's JSON; kind is "manual" or "asr"
    <video_id>/failure.json         a permanent failure (captions off, unavailable, ...) and its expiry

A lookup chooses the track from `tracks.json` with the same rule as a fresh fetch, so the cache
answers exactly what the network would. Blocks and network errors are never written. Every write
is atomic, so two runs writing the same entry at once leave one whole file. An entry that cannot
be read is reported, removed (unless another run has written it anew meanwhile) and fetched
again: a damaged cache is never fatal.
"""

from __future__ import annotations

import contextlib
import json
import re
import time
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Sequence

from ..model import Transcript
from ._errors import AgeRestricted, CorruptTranscriptFile, NoTranscriptInLanguages, TranscriptError
from .files import atomic_write_text, load_transcript_file
from .formats import dumps_transcript
from .tracks import Listing, Track, choose_track


def utc_stamp(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_stamp(stamp: str) -> float:
    return datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc).timestamp()


def entry_name(track: Track) -> str:
    language = re.sub(r"[^A-Za-z0-9_-]", "_", track.language)
    return f"{language}.{'asr' if track.generated else 'manual'}.json"


class TranscriptCache:
    """Read and write the user cache. `clock` gives wall-clock seconds (injectable for tests)."""

    def __init__(self, root: Path | None = None, *, clock: Callable[[], float] = time.time,
                 warn: Callable[[str], None] | None = None):
        if root is None:
            from ..paths import cache_root

            root = cache_root() / "transcripts"
        self.root = Path(root)
        self.clock = clock
        self.warn = warn or (lambda message: None)

    def folder(self, video_id: str) -> Path:
        return self.root / video_id

    # --- reading ----------------------------------------------------------------------------------

    def lookup(self, video_id: str, languages: Sequence[str] = (), *, cookies: bool = False) -> Transcript | None:
        """The cached transcript a fetch with these languages would give, or None (not cached,
        expired or damaged). Raises the remembered TranscriptError of a permanent failure."""
        self._raise_remembered_failure(video_id, cookies=cookies)
        listing = self._listing(video_id)
        if listing is None:
            return None
        try:
            track = choose_track(listing, languages)
        except NoTranscriptInLanguages as error:
            fetched = _age(listing.fetched_at, self.clock())
            if fetched is not None and fetched < NoTranscriptInLanguages.negative_ttl:
                error.hint = (error.hint or "") + "; remembered from an earlier run, --refresh asks again"
                raise
            return None
        except TranscriptError:
            return None
        path = self.folder(video_id) / entry_name(track)
        seen = _identity(path)
        if seen is None:
            return None
        try:
            transcript = load_transcript_file(path, source="cache")
        except CorruptTranscriptFile as error:
            self._discard(path, error.reason, seen)
            return None
        return replace(transcript, video_id=video_id)

    def _raise_remembered_failure(self, video_id: str, *, cookies: bool) -> None:
        path = self.folder(video_id) / "failure.json"
        data, seen = self._read_json(path)
        if data is None:
            return
        try:
            error = TranscriptError.from_json(data)
            expires = parse_stamp(data["expires_at"])
        except (ValueError, KeyError, TypeError) as problem:
            self._discard(path, str(problem), seen)
            return
        if self.clock() >= expires:
            with contextlib.suppress(OSError):
                path.unlink()
            return
        if cookies and isinstance(error, AgeRestricted):
            return  # remembered without cookies; with them yt-dlp may get it
        until = data["expires_at"][:10]
        error.hint = (error.hint or "") + f"; remembered until {until}, --refresh asks again"
        raise error

    def _listing(self, video_id: str) -> Listing | None:
        path = self.folder(video_id) / "tracks.json"
        data, seen = self._read_json(path)
        if data is None:
            return None
        try:
            return Listing.from_json(data)
        except (ValueError, KeyError, TypeError) as problem:
            self._discard(path, str(problem) or "unexpected content", seen)
            return None

    def _read_json(self, path: Path) -> tuple[dict | None, tuple | None]:
        """The JSON object in `path` (None: missing or damaged) and which file it was read from."""
        seen = _identity(path)
        try:
            text = path.read_text(encoding="utf-8")
        except (FileNotFoundError, NotADirectoryError):
            return None, None
        except (OSError, UnicodeDecodeError) as problem:
            self._discard(path, str(problem), seen)
            return None, None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as problem:
            self._discard(path, f"invalid JSON ({problem.msg})", seen)
            return None, None
        if not isinstance(data, dict):
            self._discard(path, "unexpected content", seen)
            return None, None
        return data, seen

    def _discard(self, path: Path, reason: str, seen: tuple | None) -> None:
        """Remove a damaged entry, unless another run has put a new file there meanwhile (two
        runs share the cache): only the file that was read and found damaged goes."""
        if seen is None or _identity(path) != seen:
            return  # replaced meanwhile: the next lookup reads the new file
        self.warn(f"{path}: damaged cache entry ({reason}); removed, it will be fetched again")
        with contextlib.suppress(OSError):
            path.unlink()

    # --- writing ----------------------------------------------------------------------------------

    def store(self, transcript: Transcript, listing: Listing, track: Track) -> Path:
        """Keep a fetched transcript and what the video offers."""
        path = self.folder(transcript.video_id) / entry_name(track)
        atomic_write_text(path, dumps_transcript(transcript))
        self.store_listing(listing)
        with contextlib.suppress(OSError):
            (self.folder(transcript.video_id) / "failure.json").unlink()
        return path

    def store_listing(self, listing: Listing) -> None:
        atomic_write_text(self.folder(listing.video_id) / "tracks.json",
                          json.dumps(listing.to_json(), ensure_ascii=False, indent=1) + "\n")

    def store_failure(self, error: TranscriptError) -> bool:
        """Remember a permanent failure until its expiry. Blocks, network errors and anything
        else without a `negative_ttl` are never remembered. True when written."""
        if not error.negative_ttl or not error.video_id or isinstance(error, NoTranscriptInLanguages):
            return False  # "none in these languages" is remembered through tracks.json instead
        data = error.to_json()
        data["expires_at"] = utc_stamp(self.clock() + error.negative_ttl)
        data["schema"] = "clipnote/failure@1"
        atomic_write_text(self.folder(error.video_id) / "failure.json", json.dumps(data, ensure_ascii=False) + "\n")
        return True


def _identity(path: Path) -> tuple | None:
    """Which file `path` is now (an atomic write makes a new one), or None when there is none."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


def _age(stamp: str | None, now: float) -> float | None:
    if not stamp:
        return None
    try:
        return now - parse_stamp(stamp)
    except ValueError:
        return None
