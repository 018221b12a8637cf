"""Transcripts from YouTube through youtube-transcript-api (1.2.x instance API).

One uncached video costs three requests: the watch page (for the innertube key), the innertube
`/youtubei/v1/player` call (the list of caption tracks), and the chosen track's timed text. The
video's title, channel and length come from the player response on the way past, through a
response hook, at no extra request. Translation (`Transcript.translate()`) is never used.

The library sets no timeout and no User-Agent and retries nothing, so the `requests.Session`
handed to it does: (5 s connect, 20 s read), a User-Agent, and up to 3 tries with jittered
backoff for network errors and HTTP 5xx. Its exceptions are translated into clipnote's
(`_errors.py`); the ones yt-dlp can get past (PO token, unparsable page, empty caption body)
become `NeedsFallback`.
"""

from __future__ import annotations

import json
import random
import re
import time
from dataclasses import dataclass
from typing import Callable, Sequence

import requests

from .. import __version__
from ..model import Segment, Transcript
from ._errors import (
    AgeRestricted, Blocked, FetchFailed, InvalidVideoId, NetworkError, TranscriptError, TranscriptsDisabled,
    VideoUnavailable, one_line,
)
from ._http import TRIES, network_reason, retrying
from .tracks import Listing, Track, alternatives, choose_track, original_language

TIMEOUT = (5.0, 20.0)  # (connect, read) seconds
# Browser-shaped, so YouTube serves its ordinary watch page, and naming clipnote, so it is honest.
USER_AGENT = (f"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
              f"Chrome/130.0 Safari/537.36 clipnote/{__version__}")
PLAYER_PATH = "/youtubei/v1/player"


class NeedsFallback(Exception):
    """youtube-transcript-api cannot get this transcript, but yt-dlp may."""

    def __init__(self, video_id: str, reason: str):
        super().__init__(f"{video_id}: {reason}")
        self.video_id = video_id
        self.reason = reason


@dataclass(frozen=True)
class PlayerInfo:
    """What the innertube player response says about a video, besides its captions."""

    title: str | None = None
    channel: str | None = None
    duration: float | None = None
    default_language: str | None = None  # the caption track the player would show first


@dataclass(frozen=True)
class Fetched:
    transcript: Transcript
    listing: Listing
    track: Track


class _ServerError(Exception):
    def __init__(self, response: requests.Response):
        super().__init__(response.status_code)
        self.response = response


_TRANSIENT = (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError, _ServerError)


class YouTubeSession(requests.Session):
    """The session youtube-transcript-api is given: timeouts, a User-Agent, retries, and a hook
    keeping the player response's video details. `sent` counts requests put on the wire."""

    def __init__(self, *, timeout: tuple[float, float] = TIMEOUT, tries: int = TRIES,
                 sleep: Callable[[float], None] = time.sleep, rng: Callable[[], float] = random.random,
                 user_agent: str = USER_AGENT):
        super().__init__()
        self.headers["User-Agent"] = user_agent
        self.timeout = timeout
        self.tries = tries
        self.sleep = sleep
        self.rng = rng
        self.sent = 0
        self.player: dict[str, PlayerInfo] = {}
        self.hooks["response"].append(player_hook(self.player))

    def request(self, method, url, *args, **kwargs):
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.timeout

        def once() -> requests.Response:
            self.sent += 1
            response = super(YouTubeSession, self).request(method, url, *args, **kwargs)
            if response.status_code >= 500:
                raise _ServerError(response)
            return response

        try:
            return retrying(once, transient=lambda e: isinstance(e, _TRANSIENT), sleep=self.sleep,
                            tries=self.tries, rng=self.rng)
        except _ServerError as error:
            return error.response  # the library turns it into YouTubeRequestFailed


def player_hook(sink: dict[str, PlayerInfo]) -> Callable:
    """A `requests` response hook that files each player response's video details in `sink`."""

    def keep(response: requests.Response, *args, **kwargs) -> None:
        if PLAYER_PATH not in (response.url or "") or response.status_code != 200:
            return
        try:
            # json.loads on the bytes: resp.json() guesses a wrong charset when none is sent
            data = json.loads(response.content)
        except ValueError:
            return
        if not isinstance(data, dict):
            return
        details = data.get("videoDetails") or {}
        video_id = details.get("videoId") or _requested_video(response)
        if not video_id:
            return
        length = details.get("lengthSeconds")
        sink[video_id] = PlayerInfo(
            title=details.get("title") or None,
            channel=details.get("author") or None,
            duration=float(length) if str(length or "").isdigit() else None,
            default_language=_default_caption_language(data),
        )

    return keep


def _requested_video(response: requests.Response) -> str | None:
    try:
        return json.loads(response.request.body or b"{}").get("videoId")
    except (ValueError, AttributeError):
        return None


def _default_caption_language(player: dict) -> str | None:
    renderer = (player.get("captions") or {}).get("playerCaptionsTracklistRenderer") or {}
    tracks = renderer.get("captionTracks") or []
    for audio in renderer.get("audioTracks") or []:
        index = audio.get("defaultCaptionTrackIndex")
        if isinstance(index, int) and 0 <= index < len(tracks):
            return tracks[index].get("languageCode")
    return None


def fetch(video_id: str, languages: Sequence[str] = (), *, session: requests.Session,
          proxy: str | None = None, now: str | None = None) -> Fetched:
    """Fetch one video's transcript. Raises a TranscriptError, or NeedsFallback."""
    from youtube_transcript_api import YouTubeTranscriptApi
    from youtube_transcript_api.proxies import GenericProxyConfig

    player = getattr(session, "player", None)
    if player is None:  # a caller's own session: give it the hook too
        player = session.player = {}
        session.hooks["response"].append(player_hook(player))
    api = YouTubeTranscriptApi(proxy_config=GenericProxyConfig(proxy, proxy) if proxy else None,
                               http_client=session)
    try:
        track_list = api.list(video_id)
    except Exception as error:
        raise translate_error(video_id, error, tries=getattr(session, "tries", 1)) from error
    info = player.get(video_id) or PlayerInfo()
    tracks = tuple(Track(t.language_code, bool(t.is_generated), t.language) for t in track_list)
    listing = Listing(video_id, tracks, original_language(tracks, info.default_language),
                      info.title, info.channel, info.duration, now)
    try:
        track = choose_track(listing, languages)
    except TranscriptError as error:
        error.listing = listing  # so the store can remember what the video offers
        raise
    find = track_list.find_generated_transcript if track.generated else track_list.find_manually_created_transcript
    try:
        fetched = find([track.language]).fetch()
    except Exception as error:
        raise translate_error(video_id, error, tries=getattr(session, "tries", 1)) from error
    segments = tuple(Segment(float(s.start), float(s.duration), text)
                     for s in fetched.snippets if (text := " ".join(s.text.split())))
    if not segments:
        raise NeedsFallback(video_id, "YouTube sent an empty caption track")
    transcript = Transcript(
        video_id=video_id, language=track.language, segments=segments, source="youtube",
        generated=track.generated, title=info.title, channel=info.channel, duration=info.duration,
        provider="youtube-asr" if track.generated else "youtube-manual", fetched_at=now,
        alternatives=alternatives(listing, track), origin="youtube-transcript-api",
    )
    return Fetched(transcript, listing, track)


def translate_error(video_id: str, error: BaseException, *, tries: int = TRIES) -> Exception:
    """youtube-transcript-api's and requests' exceptions → clipnote's (or NeedsFallback)."""
    import youtube_transcript_api as yta
    from xml.etree.ElementTree import ParseError
    from xml.parsers.expat import ExpatError

    if isinstance(error, yta.IpBlocked):
        return Blocked(video_id, "too many requests: HTTP 429 or a captcha")
    if isinstance(error, yta.RequestBlocked):
        return Blocked(video_id, "YouTube's bot check: \"Sign in to confirm you're not a bot\"")
    if isinstance(error, yta.AgeRestricted):
        return AgeRestricted(video_id)
    if isinstance(error, yta.InvalidVideoId):
        return InvalidVideoId(video_id)
    if isinstance(error, yta.VideoUnavailable):
        return VideoUnavailable(video_id)
    if isinstance(error, yta.VideoUnplayable):
        return unplayable(video_id, " ".join(filter(None, [error.reason or "", *error.sub_reasons])))
    if isinstance(error, yta.TranscriptsDisabled):
        return TranscriptsDisabled(video_id)
    if isinstance(error, (yta.PoTokenRequired, yta.YouTubeDataUnparsable, yta.FailedToCreateConsentCookie)):
        return NeedsFallback(video_id, type(error).__name__)
    if isinstance(error, yta.YouTubeRequestFailed):
        status = re.match(r"\s*(\d{3})\b", error.reason)
        if status and status.group(1).startswith("5"):
            return NetworkError(video_id, f"YouTube answered HTTP {status.group(1)}", tries=tries)
        return FetchFailed(video_id, f"HTTP {status.group(1)}" if status else one_line(error.reason))
    if isinstance(error, yta.CouldNotRetrieveTranscript):
        return FetchFailed(video_id, one_line(error.cause or type(error).__name__))
    if isinstance(error, (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError)):
        return NetworkError(video_id, describe_network_error(error), tries=tries)
    if isinstance(error, (ParseError, ExpatError, ValueError)):  # ValueError: requests' JSONDecodeError
        return NeedsFallback(video_id, f"unparsable response ({type(error).__name__})")
    return error


def unplayable(video_id: str, reason: str) -> TranscriptError:
    """A playability reason in YouTube's words → the error a user can act on."""
    low = reason.lower()
    if "not a bot" in low or "try again later" in low or "captcha" in low:
        return Blocked(video_id, one_line(reason, 120))
    if "private" in low:
        return VideoUnavailable(video_id, private=True)
    if "confirm your age" in low or "inappropriate for some users" in low or "age-restricted" in low:
        return AgeRestricted(video_id)
    return VideoUnavailable(video_id, reason or None)


def describe_network_error(error: BaseException) -> str:
    if isinstance(error, requests.exceptions.ProxyError):
        return "the proxy did not connect"
    if isinstance(error, requests.exceptions.ConnectTimeout):
        return f"connecting timed out after {TIMEOUT[0]:g} s"
    if isinstance(error, requests.exceptions.ReadTimeout):
        return f"no answer within {TIMEOUT[1]:g} s"
    return network_reason(str(error))
