"""Which caption track of a video to use: the same pure choice for YouTube, yt-dlp and the cache.

The rule: the `--lang` list in order, a person's captions before speech recognition for each
language; with no `--lang`, the video's original language (the language of its speech-recognition
track, which YouTube makes from the audio). Translations are never a choice: YouTube throttles
them and they are worse text (research/transcripts-libraries.md §1.2, §3.4).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from ._errors import NoTranscriptInLanguages, TranscriptsDisabled


@dataclass(frozen=True)
class Track:
    """One caption track a video has."""

    language: str  # YouTube's code: en, en-US, zh-Hant, ...
    generated: bool  # speech recognition (YouTube's ASR), not captions a person made
    name: str = ""  # YouTube's label, e.g. "English (auto-generated)"

    def describe(self) -> str:
        return f"{self.language} (auto-generated)" if self.generated else self.language


@dataclass(frozen=True)
class Listing:
    """What a video offers, as seen by one request: its tracks and the little metadata we keep."""

    video_id: str
    tracks: tuple[Track, ...]
    original: str | None = None  # the spoken language, when it can be told
    title: str | None = None
    channel: str | None = None
    duration: float | None = None
    fetched_at: str | None = None

    def to_json(self) -> dict:
        return {
            "schema": "clipnote/tracks@1", "video_id": self.video_id, "original": self.original,
            "title": self.title, "channel": self.channel, "duration": self.duration,
            "fetched_at": self.fetched_at,
            "tracks": [{"language": t.language, "generated": t.generated, "name": t.name} for t in self.tracks],
        }

    @staticmethod
    def from_json(data: dict) -> "Listing":
        if data.get("schema") != "clipnote/tracks@1" or not isinstance(data.get("tracks"), list):
            raise ValueError("not a clipnote track listing")
        tracks = tuple(Track(str(t["language"]), bool(t["generated"]), str(t.get("name") or ""))
                       for t in data["tracks"])
        duration = data.get("duration")
        return Listing(str(data["video_id"]), tracks, data.get("original"), data.get("title"),
                       data.get("channel"), float(duration) if duration is not None else None,
                       data.get("fetched_at"))


def normalise_languages(languages: str | Sequence[str] | None) -> tuple[str, ...]:
    """`"en,de"`, `["en", "de"]` or `("en de",)` → `("en", "de")`. A bare string is never iterated
    letter by letter (youtube-transcript-api's best-known trap, its issue #597)."""
    if not languages:
        return ()
    items = [languages] if isinstance(languages, str) else list(languages)
    out: list[str] = []
    for item in items:
        for code in str(item).replace(",", " ").split():
            if code not in out:
                out.append(code)
    return tuple(out)


def language_match(code: str, wanted: str) -> int:
    """2: the same code; 1: one is the other's bare language (`en` ~ `en-US`, `zh` ~ `zh-Hant`);
    0: different (`en-US` is not `en-GB`, `zh-Hans` is not `zh-Hant`)."""
    a, b = code.lower().replace("_", "-"), wanted.lower().replace("_", "-")
    if a == b:
        return 2
    if a.split("-")[0] == b.split("-")[0] and ("-" not in a or "-" not in b):
        return 1
    return 0


def original_language(tracks: Sequence[Track], default: str | None = None) -> str | None:
    """The spoken language: the speech-recognition track's, else the player's default track's."""
    for track in tracks:
        if track.generated:
            return track.language
    return default or (tracks[0].language if tracks else None)


def choose_track(listing: Listing, languages: Sequence[str] = ()) -> Track:
    """The track to fetch (module docstring). Raises NoTranscriptInLanguages or TranscriptsDisabled."""
    tracks = listing.tracks
    if not tracks:
        raise TranscriptsDisabled(listing.video_id)
    wanted = tuple(languages) or tuple(filter(None, [listing.original or original_language(tracks)]))
    for code in wanted:
        for generated in (False, True):
            for level in (2, 1):
                for track in tracks:
                    if track.generated == generated and language_match(track.language, code) == level:
                        return track
    if languages:
        raise NoTranscriptInLanguages(listing.video_id, languages, [t.describe() for t in tracks])
    return next((t for t in tracks if not t.generated), tracks[0])


def alternatives(listing: Listing, chosen: Track) -> tuple[str, ...]:
    """The other languages the video has, in YouTube's order."""
    out: list[str] = []
    for track in listing.tracks:
        if track.language != chosen.language and track.language not in out:
            out.append(track.language)
    return tuple(out)
