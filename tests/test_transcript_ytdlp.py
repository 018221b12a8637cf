"""The yt-dlp fallback, with a faked `YoutubeDL`: reached through the real youtube-transcript-api
failures it exists for, never a translated track, errors classified, options passed through."""

from __future__ import annotations

import io
import json

import pytest

from clipnote.transcripts import (
    AgeRestricted, Blocked, FetchFailed, NetworkError, NoTranscriptInLanguages, TranscriptsDisabled, VideoUnavailable,
)
from fake_youtube import (  # noqa: F401 - rsps and yt are fixtures
    AGE, player_ok, quick_store as store, rsps, track, watch_html, yt,
)

VID = "abcdefghijk"
VID2 = "bcdefghijkl"
BASE = f"https://www.youtube.com/api/timedtext?v={VID}&ei=x&caps=asr&opi=1&xoaf=5&hl=en"
JSON3_ASR = json.dumps({"events": [
    {"tStartMs": 0, "dDurationMs": 3000, "id": 1},
    {"tStartMs": 200, "dDurationMs": 2800, "wWinId": 1, "segs": [
        {"utf8": "hello"}, {"utf8": " from", "tOffsetMs": 300}, {"utf8": " yt-dlp", "tOffsetMs": 700}]},
]}).encode()
JSON3_MANUAL = json.dumps({"events": [{"tStartMs": 0, "dDurationMs": 2000, "segs": [{"utf8": "Hallo."}]}]}).encode()


def formats(base: str, name: str, tlang: str | None = None) -> list[dict]:
    return [{"ext": ext, "url": f"{base}&fmt={ext}" + (f"&tlang={tlang}" if tlang else ""), "name": name,
             "impersonate": True} for ext in ("json3", "srv1", "srv3", "vtt")]


def info(video_id: str = VID) -> dict:
    """What `extract_info(process=False)` returns for a video with German captions and English speech."""
    en = BASE + "&kind=asr&lang=en"
    return {
        "id": video_id, "title": "A made-up talk", "channel": "Test Channel", "uploader": "Test Channel",
        "duration": 754,
        "subtitles": {"de": formats(BASE + "&lang=de", "German"),
                      "live_chat": [{"ext": "json", "url": "https://www.youtube.com/live_chat_replay"}]},
        "automatic_captions": {
            "en-orig": formats(en, "English (Original)"),
            "en": formats(en, "English"),
            "fr": formats(en, "French", tlang="fr"),
            "ja": formats(en, "Japanese", tlang="ja"),
            "de": formats(en, "German", tlang="de"),
        },
    }


class FakeYDL:
    """Stands in for yt_dlp.YoutubeDL: records what clipnote asks of it."""

    info: dict | None = None
    error: Exception | None = None
    bodies: dict[str, object] = {}
    instances: list["FakeYDL"] = []

    def __init__(self, params):
        self.params = params
        self.extracted: list[tuple] = []
        self.opened: list[str] = []
        FakeYDL.instances.append(self)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def extract_info(self, url, download=True, ie_key=None, extra_info=None, process=True, **kw):
        self.extracted.append((url, download, process))
        if FakeYDL.error is not None:
            raise FakeYDL.error
        return FakeYDL.info

    def urlopen(self, url):
        self.opened.append(url)
        body = FakeYDL.bodies.get(url, b"")
        if isinstance(body, list):  # a sequence of answers, one per try
            body = body.pop(0)
        if isinstance(body, Exception):
            raise body
        return io.BytesIO(body)


@pytest.fixture
def ydl(monkeypatch):
    import yt_dlp

    monkeypatch.setattr(FakeYDL, "info", info())
    monkeypatch.setattr(FakeYDL, "error", None)
    monkeypatch.setattr(FakeYDL, "bodies", {BASE + "&kind=asr&lang=en&fmt=json3": JSON3_ASR,
                                            BASE + "&lang=de&fmt=json3": JSON3_MANUAL})
    monkeypatch.setattr(FakeYDL, "instances", [])
    monkeypatch.setattr(yt_dlp, "YoutubeDL", FakeYDL)
    return FakeYDL



def po_token_video(yt, video_id=VID):
    """youtube-transcript-api raises PoTokenRequired for a track whose URL carries exp=xpe."""
    yt.video(video_id, player_ok(video_id, [track(video_id, "de", pot=True), track(video_id, "en", asr=True, pot=True)]))


def test_po_token_falls_back_to_yt_dlp_json3_of_the_original_language(yt, rsps, ydl):
    po_token_video(yt)
    t = store().get(VID)
    assert t.source == "yt-dlp" and t.origin == "yt-dlp"
    assert (t.language, t.generated, t.provider) == ("en", True, "youtube-asr")
    assert (t.title, t.channel, t.duration) == ("A made-up talk", "Test Channel", 754.0)
    assert [s.text for s in t.segments] == ["hello from yt-dlp"]
    assert [(w.start, w.text) for w in t.segments[0].words] == [(0.2, "hello"), (0.5, "from"), (0.9, "yt-dlp")]
    assert t.alternatives == ("de",)  # translations are not alternatives
    (only,) = ydl.instances
    assert only.extracted == [(f"https://www.youtube.com/watch?v={VID}", False, False)]
    assert only.opened == [BASE + "&kind=asr&lang=en&fmt=json3"]
    assert len(rsps.calls) == 2  # watch page and player; the timed text was never asked for
    assert store().get(VID).source == "cache" and len(ydl.instances) == 1


def test_unparsable_watch_page_falls_back(yt, ydl):
    yt.video(VID, None, watch="<html>a page with no innertube key</html>")
    assert store().get(VID).source == "yt-dlp"


@pytest.mark.parametrize("body", ["", "<transcript></transcript>", "<html>not xml"])
def test_empty_or_unparsable_caption_body_falls_back(yt, ydl, body):
    yt.video(VID, player_ok(VID, [track(VID, "en", asr=True)]), captions={"lang=en&kind=asr": body})
    assert store().get(VID).source == "yt-dlp"


def test_manual_captions_by_exact_code(yt, ydl):
    po_token_video(yt)
    t = store(languages=["de"]).get(VID)
    assert (t.language, t.generated, [s.text for s in t.segments]) == ("de", False, ["Hallo."])
    assert ydl.instances[0].opened == [BASE + "&lang=de&fmt=json3"]


def test_never_a_translated_track(yt, ydl):
    yt.video(VID, None, watch="<html>no innertube key: youtube-transcript-api gives up, yt-dlp lists</html>")
    with pytest.raises(NoTranscriptInLanguages) as caught:
        store(languages=["fr", "ja"]).get(VID)
    assert "the video has: de, en (auto-generated)" in str(caught.value)
    assert ydl.instances[0].opened == []


def test_plain_code_of_an_original_without_orig_twin(yt, ydl):
    cantonese = BASE + "&kind=asr&lang=yue"
    ydl.info = {"id": VID, "automatic_captions": {"yue": formats(cantonese, "Cantonese"),
                                                  "en": formats(cantonese, "English", tlang="en")}}
    ydl.bodies = {cantonese + "&fmt=json3": JSON3_ASR}
    po_token_video(yt)
    t = store().get(VID)
    assert (t.language, t.generated) == ("yue", True)


def test_no_captions_at_all(yt, ydl):
    ydl.info = {"id": VID, "subtitles": {}, "automatic_captions": {}}
    po_token_video(yt)
    with pytest.raises(TranscriptsDisabled):
        store().get(VID)


def test_proxy_and_cookies_reach_yt_dlp(yt, ydl, tmp_path):
    cookies = tmp_path / "cookies.txt"
    cookies.write_text("# Netscape HTTP Cookie File\n")
    po_token_video(yt)
    store(proxy="http://proxy.example:3128", cookies=cookies).get(VID)
    params = ydl.instances[0].params
    assert params["proxy"] == "http://proxy.example:3128" and params["cookiefile"] == str(cookies)
    assert params["skip_download"] and params["quiet"] and params["socket_timeout"] == 20
    assert "translated_subs" in params["extractor_args"]["youtube"]["skip"]


def test_age_restricted_goes_to_yt_dlp_only_with_cookies(yt, ydl, tmp_path):
    yt.video(VID, AGE)
    with pytest.raises(AgeRestricted):
        store().get(VID)
    assert ydl.instances == []
    cookies = tmp_path / "cookies.txt"
    cookies.write_text("# Netscape HTTP Cookie File\n")
    assert store(cookies=cookies).get(VID).source == "yt-dlp"  # the remembered failure is set aside


def download_error(message: str):
    from yt_dlp.utils import DownloadError

    return DownloadError(f"ERROR: [youtube] {VID}: {message}")


@pytest.mark.parametrize("message, cls, text", [
    ("Private video. Sign in if you've been granted access to this video", VideoUnavailable, "the video is private"),
    ("Sign in to confirm your age. This video may be inappropriate for some users.", AgeRestricted, "age-restricted"),
    ("Sign in to confirm you\u2019re not a bot. Use --cookies-from-browser or --cookies for the authentication.",
     Blocked, "YouTube is blocking requests"),
    ("This content isn't available, try again later. The current session has been rate-limited by YouTube for up "
     "to an hour.", Blocked, "YouTube is blocking requests"),
    ("Video unavailable. This video has been removed by the uploader", VideoUnavailable,
     "the video is unavailable: Video unavailable"),
    ("Unable to download API page: <urlopen error [Errno -3] Temporary failure in name resolution>",
     NetworkError, "could not reach YouTube after 3 tries (cannot resolve www.youtube.com: no network?)"),
    ("Unable to download API page: ('Unable to connect to proxy', NameResolutionError(\"HTTPSConnection(host='p', "
     "port=1): Failed to resolve 'p'\"))", NetworkError, "after 3 tries (the proxy did not connect)"),
    ("Something nobody has seen before", FetchFailed, "yt-dlp: Something nobody has seen before"),
])
def test_yt_dlp_errors_become_clipnote_errors(yt, ydl, message, cls, text):
    ydl.error = download_error(message)
    po_token_video(yt)
    with pytest.raises(cls) as caught:
        store().get(VID)
    assert text in str(caught.value) and "\n" not in str(caught.value)
    assert caught.value.video_id == VID


def test_429_on_the_caption_url_is_a_block_and_stops_the_run(yt, rsps, ydl):
    from yt_dlp.networking import Response
    from yt_dlp.networking.exceptions import HTTPError

    url = BASE + "&kind=asr&lang=en&fmt=json3"
    ydl.bodies = {url: HTTPError(Response(io.BytesIO(b""), url, {}, status=429))}
    po_token_video(yt)
    po_token_video(yt, VID2)
    s = store()
    with pytest.raises(Blocked, match="HTTP 429"):
        s.get(VID)
    made = len(rsps.calls)
    with pytest.raises(Blocked, match="blocked this network earlier"):
        s.get(VID2)
    assert len(rsps.calls) == made and len(ydl.instances) == 1


def test_caption_download_network_errors_are_retried(yt, ydl):
    from yt_dlp.networking.exceptions import TransportError

    url = BASE + "&kind=asr&lang=en&fmt=json3"
    ydl.bodies = {url: [TransportError("timed out"), TransportError("timed out"), JSON3_ASR]}
    po_token_video(yt)
    sleeps = []
    assert store(sleep=sleeps.append).get(VID).source == "yt-dlp"
    assert ydl.instances[0].opened == [url] * 3 and len(sleeps) == 2


def test_caption_download_that_keeps_failing(yt, ydl):
    from yt_dlp.networking.exceptions import TransportError

    url = BASE + "&kind=asr&lang=en&fmt=json3"
    ydl.bodies = {url: [TransportError("timed out")] * 3}
    po_token_video(yt)
    with pytest.raises(NetworkError, match=r"after 3 tries \(timed out\)"):
        store().get(VID)


def test_unreadable_captions_from_yt_dlp(yt, ydl):
    ydl.bodies = {BASE + "&kind=asr&lang=en&fmt=json3": b"<html>nope"}
    po_token_video(yt)
    with pytest.raises(FetchFailed, match="yt-dlp got captions it cannot read"):
        store().get(VID)


def test_without_the_fallback_the_reason_is_given(yt, ydl):
    po_token_video(yt)
    with pytest.raises(FetchFailed, match=r"\(PoTokenRequired\)"):
        store(fallback=False).get(VID)
    assert ydl.instances == []


def test_watch_page_recaptcha_is_a_block_not_a_fallback(yt, ydl):
    yt.video(VID, None, watch=watch_html().replace("INNERTUBE_API_KEY", "X") + '<div class="g-recaptcha">')
    with pytest.raises(Blocked):
        store().get(VID)
    assert ydl.instances == []
