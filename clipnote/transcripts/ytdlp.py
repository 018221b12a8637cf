"""The fallback: yt-dlp, imported only when youtube-transcript-api cannot get past YouTube (a PO
token wanted, a page it cannot parse, an empty caption body), or for an age-restricted video
when `--cookies` is given.

`extract_info(url, download=False, process=False)` lists the tracks without format selection
(which fails on machines without a JS runtime); the json3 captions of one exact language code are
then fetched directly. Never a translated track: in `automatic_captions` only `xx-orig` (and the
identical plain `xx` beside it) is the original speech recognition; every other key is a machine
translation, and YouTube throttles those hard (research/transcripts-libraries.md §3.4, §3.6).
"""

from __future__ import annotations

import random
import re
import time
from pathlib import Path
from typing import Callable, Sequence
from urllib.parse import parse_qs, urlsplit

from ..model import Transcript
from ._errors import (
    Blocked, FetchFailed, NetworkError, TranscriptError, TranscriptsDisabled, VideoUnavailable,
    one_line,
)
from ._http import TRIES, network_reason, retrying
from .formats import parse_transcript_text
from .tracks import Listing, Track, alternatives, choose_track
from .youtube import Fetched, unplayable


class _Silent:
    """yt-dlp prints errors to stderr unless given a logger; clipnote reports them itself."""

    def debug(self, message: str) -> None:
        pass

    info = warning = error = debug


def options(*, proxy: str | None = None, cookies: Path | str | None = None) -> dict:
    params = {
        "quiet": True, "no_warnings": True, "skip_download": True, "noplaylist": True,
        "socket_timeout": 20,
        # no manifests, no translated-subtitle construction: only what a transcript needs
        "extractor_args": {"youtube": {"skip": ["hls", "dash", "translated_subs"]}},
        "logger": _Silent(),
    }
    if proxy:
        params["proxy"] = proxy
    if cookies:
        params["cookiefile"] = str(cookies)
    return params


def fetch(video_id: str, languages: Sequence[str] = (), *, proxy: str | None = None,
          cookies: Path | str | None = None, sleep: Callable[[float], None] = time.sleep,
          rng: Callable[[], float] = random.random, now: str | None = None) -> Fetched:
    """Fetch one video's transcript with yt-dlp. Raises a TranscriptError."""
    import yt_dlp

    url = f"https://www.youtube.com/watch?v={video_id}"
    with yt_dlp.YoutubeDL(options(proxy=proxy, cookies=cookies)) as ydl:
        try:
            info = ydl.extract_info(url, download=False, process=False)
        except Exception as error:
            raise classify(video_id, error) from error
        listing = listing_from_info(video_id, info or {}, now)
        try:
            track = choose_track(listing, languages)
        except TranscriptError as error:
            error.listing = listing
            raise
        caption_url = json3_url(video_id, info, track)
        try:
            body = retrying(lambda: ydl.urlopen(caption_url).read(), transient=_transient, sleep=sleep, rng=rng)
        except Exception as error:
            raise classify(video_id, error) from error
    try:
        fields = parse_transcript_text(body.decode("utf-8", "replace"), "json3")
    except (ValueError, KeyError, TypeError) as error:
        raise FetchFailed(video_id, f"yt-dlp got captions it cannot read ({one_line(error, 80)})") from None
    transcript = Transcript(
        video_id=video_id, language=track.language, segments=fields["segments"], source="yt-dlp",
        generated=track.generated, title=listing.title, channel=listing.channel, duration=listing.duration,
        provider="youtube-asr" if track.generated else "youtube-manual", fetched_at=now,
        alternatives=alternatives(listing, track), origin="yt-dlp",
    )
    return Fetched(transcript, listing, track)


def _translated(formats: list) -> bool:
    """A track whose URLs carry `tlang` is YouTube's machine translation."""
    return any("tlang" in parse_qs(urlsplit(str(f.get("url", ""))).query) for f in formats or ())


def listing_from_info(video_id: str, info: dict, now: str | None = None) -> Listing:
    subtitles = info.get("subtitles") or {}
    automatic = info.get("automatic_captions") or {}
    tracks: list[Track] = []
    for code, formats in subtitles.items():
        if code != "live_chat" and formats and not _translated(formats):
            tracks.append(Track(code, False, str(formats[0].get("name") or "")))
    for code, formats in automatic.items():
        if not formats or _translated(formats):
            continue
        if code.endswith("-orig"):
            tracks.append(Track(code[: -len("-orig")], True, str(formats[0].get("name") or "")))
        elif f"{code}-orig" not in automatic:  # an original with no -orig twin (e.g. Cantonese)
            tracks.append(Track(code, True, str(formats[0].get("name") or "")))
    original = next((t.language for t in tracks if t.generated), None)
    duration = info.get("duration")
    return Listing(video_id, tuple(tracks), original, info.get("title"),
                   info.get("channel") or info.get("uploader"),
                   float(duration) if isinstance(duration, (int, float)) else None, now)


def json3_url(video_id: str, info: dict, track: Track) -> str:
    """The json3 URL of exactly this track; never a translation."""
    if track.generated:
        automatic = info.get("automatic_captions") or {}
        candidates = [automatic.get(f"{track.language}-orig"), automatic.get(track.language)]
    else:
        candidates = [(info.get("subtitles") or {}).get(track.language)]
    for formats in candidates:
        for fmt in formats or ():
            if fmt.get("ext") == "json3" and fmt.get("url") and not _translated([fmt]):
                return fmt["url"]
    raise FetchFailed(video_id, f"yt-dlp lists no json3 captions for {track.describe()}")


def _transient(error: BaseException) -> bool:
    from yt_dlp.networking.exceptions import HTTPError, TransportError

    if isinstance(error, HTTPError):
        return error.status >= 500
    return isinstance(error, TransportError)


def _causes(error: BaseException):
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        yield error
        exc_info = getattr(error, "exc_info", None)
        nxt = getattr(error, "cause", None) or error.__cause__
        if nxt is None and isinstance(exc_info, tuple) and len(exc_info) > 1:
            nxt = exc_info[1]
        error = nxt if isinstance(nxt, BaseException) else None


_PREFIX = re.compile(r"^(?:ERROR:\s*)?(?:\[[\w:]+\]\s*)?(?:[A-Za-z0-9_-]{11}:\s*)?")


def classify(video_id: str, error: BaseException) -> TranscriptError:
    """yt-dlp has no typed errors for these cases; its messages are YouTube's own words."""
    from yt_dlp.networking.exceptions import HTTPError, TransportError

    if isinstance(error, TranscriptError):
        return error
    for cause in _causes(error):
        if isinstance(cause, HTTPError):
            if cause.status == 429:
                return Blocked(video_id, "too many requests: HTTP 429")
            if cause.status >= 500:
                return NetworkError(video_id, f"YouTube answered HTTP {cause.status}", tries=TRIES)
            return FetchFailed(video_id, f"HTTP {cause.status}")
        if isinstance(cause, TransportError):
            return NetworkError(video_id, network_reason(str(cause)), tries=TRIES)
    message = _PREFIX.sub("", str(error)).strip()
    low = message.lower()
    if "http error 429" in low or "too many requests" in low:
        return Blocked(video_id, "too many requests: HTTP 429")
    if "no subtitles" in low or "no captions" in low:
        return TranscriptsDisabled(video_id)
    if any(k in low for k in ("unable to download", "urlopen error", "timed out", "name resolution",
                              "temporary failure", "network is unreachable", "connection refused")):
        return NetworkError(video_id, network_reason(message), tries=TRIES)
    if any(k in low for k in ("not a bot", "captcha", "try again later", "rate-limited", "private video",
                              "confirm your age", "inappropriate", "age-restricted")):
        return unplayable(video_id, message)
    if "unavailable" in low or "has been removed" in low or "does not exist" in low:
        return VideoUnavailable(video_id, one_line(message.split(". ")[0], 120))
    return FetchFailed(video_id, f"yt-dlp: {one_line(message, 140)}")
