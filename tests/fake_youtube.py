"""A fake YouTube for youtube-transcript-api's real code path, on the `responses` library.

The shapes follow what youtube-transcript-api 1.2.x reads (its own test assets are the reference):
GET /watch?v=ID (HTML holding INNERTUBE_API_KEY), POST /youtubei/v1/player (innertube JSON:
playabilityStatus, captions, videoDetails), GET /api/timedtext (XML). Every response here is
written by us and minimal.
"""

from __future__ import annotations

import json
import random
import re
from html import escape

import pytest
import responses

KEY = "FakeInnertubeKey_0123456789"
WATCH = re.compile(r"https://www\.youtube\.com/watch\?v=(?P<id>[\w-]{11})$")
PLAYER = re.compile(r"https://www\.youtube\.com/youtubei/v1/player\?key=.*")
TIMEDTEXT = "https://www.youtube.com/api/timedtext"


def watch_html(key: str = KEY) -> str:
    return ('<!DOCTYPE html><html><head><title>YouTube</title></head><body><script>'
            f'ytcfg.set({{"INNERTUBE_API_KEY": "{key}", "INNERTUBE_CLIENT_NAME": "WEB"}});'
            '</script></body></html>')


def track(video_id: str, lang: str, *, asr: bool = False, name: str | None = None, pot: bool = False) -> dict:
    url = f"{TIMEDTEXT}?v={video_id}&caps=asr&lang={lang}" + ("&kind=asr" if asr else "") + \
          ("&exp=xpe" if pot else "") + "&fmt=srv3"
    out = {"baseUrl": url, "name": {"runs": [{"text": name or (f"{lang} (auto-generated)" if asr else lang)}]},
           "vssId": ("a." if asr else ".") + lang, "languageCode": lang, "isTranslatable": True, "trackName": ""}
    if asr:
        out["kind"] = "asr"
    return out


def player_ok(video_id: str, tracks: list[dict], *, title: str = "A made-up talk", author: str = "Test Channel",
              length: int = 754, default_index: int = 0) -> dict:
    return {
        "playabilityStatus": {"status": "OK", "playableInEmbed": True},
        "captions": {"playerCaptionsTracklistRenderer": {
            "captionTracks": tracks,
            "audioTracks": [{"captionTrackIndices": list(range(len(tracks))),
                             "defaultCaptionTrackIndex": default_index, "hasDefaultTrack": True}],
            "translationLanguages": [{"languageCode": "fr", "languageName": {"runs": [{"text": "French"}]}}],
        }},
        "videoDetails": {"videoId": video_id, "title": title, "lengthSeconds": str(length), "author": author,
                         "channelId": "UCfakefakefakefakefakefa", "isPrivate": False, "isLiveContent": False},
    }


def player_no_captions(video_id: str) -> dict:
    return {"playabilityStatus": {"status": "OK"},
            "videoDetails": {"videoId": video_id, "title": "Silent film", "lengthSeconds": "60", "author": "X"}}


def player_status(status: str, reason: str, subreasons: tuple[str, ...] = ()) -> dict:
    out: dict = {"playabilityStatus": {"status": status, "reason": reason}}
    if subreasons:
        out["playabilityStatus"]["errorScreen"] = {"playerErrorMessageRenderer": {
            "subreason": {"runs": [{"text": s} for s in subreasons]}}}
    return out


BOT_CHECK = player_status("LOGIN_REQUIRED", "Sign in to confirm you\u2019re not a bot",
                          ("This helps protect our community. ", "Learn more"))
AGE = player_status("LOGIN_REQUIRED", "This video may be inappropriate for some users.")
UNAVAILABLE = player_status("ERROR", "This video is unavailable")
PRIVATE = player_status("LOGIN_REQUIRED", "This video is private", ("Sign in if you've been granted access",))


def timedtext_xml(lines: list[tuple[float, float, str]]) -> str:
    body = "".join(f'<text start="{s}" dur="{d}">{escape(t)}</text>' for s, d, t in lines)
    return f'<?xml version="1.0" encoding="utf-8" ?><transcript>{body}</transcript>'


DEFAULT_LINES = [(0.0, 2.5, "welcome back to the show"), (2.5, 3.0, "today we talk about chips &amp; power"),
                 (5.5, 2.0, "")]


class FakeYouTube:
    """Registers one video's three endpoints on a `responses.RequestsMock`."""

    def __init__(self, rsps: responses.RequestsMock):
        self.rsps = rsps

    def video(self, video_id: str, player: dict | None = None, *, watch: str | None = None,
              watch_status: int = 200, captions: dict[str, object] | None = None) -> None:
        """`captions` maps the end of a caption URL ("lang=en" for a person's captions,
        "lang=en&kind=asr" for speech recognition) to an XML body, an exception to raise, or an
        int HTTP status."""
        self.rsps.add(responses.GET, f"https://www.youtube.com/watch?v={video_id}",
                      body=watch if watch is not None else watch_html(), status=watch_status,
                      content_type="text/html")
        if player is not None:
            self.rsps.add(responses.POST, PLAYER, body=json.dumps(player), content_type="application/json",
                          match=[responses.matchers.json_params_matcher({"videoId": video_id}, strict_match=False)])
        for fragment, answer in (captions or {}).items():
            pattern = re.compile(re.escape(f"{TIMEDTEXT}?v={video_id}&caps=asr&{fragment}") + "$")
            if isinstance(answer, int):
                self.rsps.add(responses.GET, pattern, body="", status=answer)
            elif isinstance(answer, Exception):
                self.rsps.add(responses.GET, pattern, body=answer)
            else:
                self.rsps.add(responses.GET, pattern, body=str(answer), content_type="text/xml")

    def simple(self, video_id: str, *, tracks: list[dict] | None = None, lines=DEFAULT_LINES, **player_kw) -> None:
        """A healthy video with English speech recognition only."""
        tracks = tracks if tracks is not None else [track(video_id, "en", asr=True)]
        self.video(video_id, player_ok(video_id, tracks, **player_kw),
                   captions={_fragment(t): timedtext_xml(lines) for t in tracks})


def _fragment(t: dict) -> str:
    return f"lang={t['languageCode']}" + ("&kind=asr" if t.get("kind") == "asr" else "")


# --- fixtures and helpers the network tests share (import them into a test module) --------------


@pytest.fixture
def rsps():
    """A `responses` mock: every HTTP request of the test goes to it, and is counted."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


@pytest.fixture
def yt(rsps):
    return FakeYouTube(rsps)


class Sleeps(list):
    """An injectable `sleep` that records instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def quick_store(**kw):
    """A TranscriptStore that never really waits and jitters reproducibly."""
    from clipnote.transcripts import TranscriptStore

    kw.setdefault("delay", 0)
    kw.setdefault("sleep", Sleeps())
    kw.setdefault("rng", random.Random(7))
    return TranscriptStore(**kw)
