"""The network path through the REAL youtube-transcript-api code, over a faked HTTP layer
(`responses`): request counts, timeouts, metadata, language choice, every error a user can get,
retries, pacing, the circuit breaker, and what the cache remembers."""

from __future__ import annotations

import pytest
import requests
import responses

from clipnote.transcripts import (
    AgeRestricted, Blocked, FetchFailed, InvalidVideoId, NetworkError, NoTranscriptInLanguages,
    TranscriptMissingOffline, TranscriptsDisabled, VideoUnavailable,
)
from fake_youtube import (  # noqa: F401 - rsps and yt are fixtures
    AGE, BOT_CHECK, PLAYER, PRIVATE, UNAVAILABLE, Sleeps, player_no_captions, player_ok, quick_store as store,
    rsps, timedtext_xml, track, watch_html, yt,
)

VID = "abcdefghijk"
VID2 = "bcdefghijkl"
VID3 = "cdefghijklm"


def urls(rsps) -> list[str]:
    return [call.request.url for call in rsps.calls]


# --- requests, metadata, choice --------------------------------------------------------------------


def test_one_uncached_video_costs_three_requests_and_a_cached_one_none(yt, rsps):
    yt.simple(VID)
    first = store()
    t = first.get(VID)
    assert t.source == "youtube" and [s.text for s in t.segments] == ["welcome back to the show",
                                                                     "today we talk about chips & power"]
    assert len(rsps.calls) == 3 == first.requests_sent
    assert [u.split("?")[0] for u in urls(rsps)] == ["https://www.youtube.com/watch",
                                                     "https://www.youtube.com/youtubei/v1/player",
                                                     "https://www.youtube.com/api/timedtext"]
    again = store()
    cached = again.get(VID)
    assert len(rsps.calls) == 3 and again.requests_sent == 0  # the cached video: no request at all
    assert cached.source == "cache" and cached.segments == t.segments
    assert (cached.title, cached.channel, cached.duration, cached.language, cached.generated) == \
        (t.title, t.channel, t.duration, "en", True)


def test_timeouts_user_agent_and_free_metadata(yt, rsps):
    yt.simple(VID, title="Chips \u2019n\u2019 power", author="Some Channel", length=5023)
    t = store().get(VID)
    assert len(rsps.calls) == 3  # the title costs nothing extra
    for call in rsps.calls:
        assert call.request.req_kwargs["timeout"] == (5.0, 20.0)
        assert "clipnote/" in call.request.headers["User-Agent"]
    assert (t.title, t.channel, t.duration) == ("Chips \u2019n\u2019 power", "Some Channel", 5023.0)
    assert t.provider == "youtube-asr" and t.origin == "youtube-transcript-api" and t.fetched_at.endswith("Z")


def test_manual_captions_before_speech_recognition_in_the_original_language(yt, rsps):
    tracks = [track(VID, "de"), track(VID, "en", asr=True), track(VID, "en", name="English")]
    yt.simple(VID, tracks=tracks)
    t = store().get(VID)
    assert (t.language, t.generated, t.provider) == ("en", False, "youtube-manual")
    assert t.alternatives == ("de",)
    assert urls(rsps)[-1].endswith("lang=en")
    assert not any("tlang" in u for u in urls(rsps))  # never a translation


def test_lang_list_is_followed_in_order(yt, rsps):
    yt.simple(VID, tracks=[track(VID, "de"), track(VID, "en", asr=True)])
    t = store(languages=["en", "de"]).get(VID)  # English first, even if only recognised speech
    assert (t.language, t.generated) == ("en", True)
    t = store(languages="de,en", use_cache=False).get(VID)
    assert (t.language, t.generated) == ("de", False)


def test_bare_language_matches_a_regional_track(yt):
    yt.simple(VID, tracks=[track(VID, "en-GB"), track(VID, "ja", asr=True)])
    assert store(languages="en").get(VID).language == "en-GB"


def test_original_language_without_speech_recognition_is_the_players_default(yt):
    yt.simple(VID, tracks=[track(VID, "de"), track(VID, "ja")], default_index=1)
    assert store().get(VID).language == "ja"


# --- every error a user can see --------------------------------------------------------------------


def test_no_transcript_in_the_wanted_languages_lists_what_exists(yt, rsps):
    yt.simple(VID, tracks=[track(VID, "de"), track(VID, "en", asr=True)])
    with pytest.raises(NoTranscriptInLanguages) as caught:
        store(languages=["fr", "es"]).get(VID)
    assert str(caught.value) == (f"{VID}: no transcript in fr, es; the video has: de, en (auto-generated) "
                                 "(choose one with --lang de)")
    assert len(rsps.calls) == 2  # no caption track was fetched
    with pytest.raises(NoTranscriptInLanguages, match="remembered from an earlier run"):
        store(languages=["fr", "es"]).get(VID)  # the listing is remembered: no request
    assert len(rsps.calls) == 2
    assert store(languages="de").get(VID).language == "de"  # another language is still fetched


def test_transcripts_disabled(yt, rsps):
    yt.video(VID, player_no_captions(VID))
    with pytest.raises(TranscriptsDisabled) as caught:
        store().get(VID)
    assert str(caught.value) == (f"{VID}: the video has no captions (its owner turned them off) (put a transcript "
                                 "file in the blog's .clipnote/transcripts/ or pass --transcripts DIR)")
    assert caught.value.video_id == VID


def test_video_unavailable(yt):
    yt.video(VID, UNAVAILABLE)
    with pytest.raises(VideoUnavailable) as caught:
        store().get(VID)
    assert str(caught.value).startswith(f"{VID}: the video is unavailable (removed, private or never published)")


def test_private_video(yt):
    yt.video(VID, PRIVATE)
    with pytest.raises(VideoUnavailable) as caught:
        store().get(VID)
    assert caught.value.private and str(caught.value).startswith(f"{VID}: the video is private (")


def test_members_only_or_other_unplayable_reason_is_quoted(yt):
    from fake_youtube import player_status
    yt.video(VID, player_status("UNPLAYABLE", "Join this channel to get access to members-only content"))
    with pytest.raises(VideoUnavailable, match="unavailable: Join this channel to get access to members-only"):
        store().get(VID)


def test_age_restricted(yt):
    yt.video(VID, AGE)
    with pytest.raises(AgeRestricted) as caught:
        store().get(VID)
    assert "--cookies FILE" in str(caught.value)


def test_invalid_video_id_makes_no_request(rsps):
    for bad in ("https://youtu.be/abcdefghijk", "abc", "abcdefghij$", ""):
        with pytest.raises(InvalidVideoId) as caught:
            store().get(bad)
        assert caught.value.video_id == bad
    assert len(rsps.calls) == 0


@pytest.mark.parametrize("setup, reason", [
    (lambda yt: yt.video(VID, BOT_CHECK), "bot check"),
    (lambda yt: yt.video(VID, None, watch_status=429), "HTTP 429"),
    (lambda yt: yt.video(VID, None, watch='<html><div class="g-recaptcha"></div></html>'), "captcha"),
    (lambda yt: yt.video(VID, player_ok(VID, [track(VID, "en", asr=True)]),
                         captions={"lang=en&kind=asr": 429}), "HTTP 429"),
])
def test_blocked(yt, rsps, setup, reason):
    setup(yt)
    s = store()
    with pytest.raises(Blocked) as caught:
        s.get(VID)
    message = str(caught.value)
    assert message.startswith(f"{VID}: YouTube is blocking requests from this network (") and reason in message
    for hint in ("--offline", ".clipnote/transcripts/", "--proxy URL"):
        assert hint in message
    assert s.blocked is caught.value


def test_circuit_breaker_after_a_block_no_request_is_made(yt, rsps):
    yt.video(VID, BOT_CHECK)
    yt.simple(VID2)
    yt.simple(VID3)
    s = store()
    with pytest.raises(Blocked):
        s.get(VID)
    made = len(rsps.calls)
    assert made == 2  # the watch page and the player call that said "not a bot"
    for later in (VID2, VID3, VID2):
        with pytest.raises(Blocked) as caught:
            s.get(later)
        assert str(caught.value).startswith(f"{later}: not fetched: YouTube blocked this network earlier "
                                            f"in this run (at {VID}:")
    assert len(rsps.calls) == made and s.network_fetches == 1


def test_after_a_block_local_copies_are_still_served(yt, rsps):
    yt.simple(VID2)
    store().get(VID2)  # an earlier run cached it
    yt.video(VID, BOT_CHECK)
    s = store()
    with pytest.raises(Blocked):
        s.get(VID)
    assert s.get(VID2).source == "cache"


def test_a_block_is_never_remembered(yt, rsps):
    yt.video(VID, None, watch_status=429)
    with pytest.raises(Blocked):
        store().get(VID)
    with pytest.raises(Blocked):
        store().get(VID)  # a new run asks again
    assert len(rsps.calls) == 2


def test_network_down_is_retried_three_times_with_backoff(yt, rsps):
    rsps.add(responses.GET, f"https://www.youtube.com/watch?v={VID}",
             body=requests.ConnectionError("Failed to establish a new connection: [Errno -3] "
                                           "Temporary failure in name resolution (NameResolutionError)"))
    sleeps = Sleeps()
    s = store(sleep=sleeps)
    with pytest.raises(NetworkError) as caught:
        s.get(VID)
    assert str(caught.value) == (f"{VID}: could not reach YouTube after 3 tries (cannot resolve www.youtube.com: "
                                 "no network?) (check the connection or --proxy URL; --offline uses saved "
                                 "transcripts only)")
    assert len(rsps.calls) == 3 and len(sleeps) == 2
    assert 0 <= sleeps[0] <= 2 and 0 <= sleeps[1] <= 4  # full jitter, doubling
    with pytest.raises(NetworkError):
        store().get(VID)  # never remembered: a new run tries again
    assert len(rsps.calls) == 6


def test_timeout_is_a_network_error(yt, rsps):
    rsps.add(responses.GET, f"https://www.youtube.com/watch?v={VID}", body=requests.exceptions.ConnectTimeout("x"))
    with pytest.raises(NetworkError, match=r"after 3 tries \(connecting timed out after 5 s\)"):
        store().get(VID)


def test_server_errors_are_retried_then_reported(yt, rsps):
    yt.video(VID, player_ok(VID, [track(VID, "en", asr=True)]), captions={"lang=en&kind=asr": 503})
    with pytest.raises(NetworkError, match=r"after 3 tries \(YouTube answered HTTP 503\)"):
        store().get(VID)
    assert len(rsps.calls) == 2 + 3


def test_a_server_error_that_clears_up(yt, rsps):
    pattern = f"https://www.youtube.com/watch?v={VID}"
    rsps.add(responses.GET, pattern, status=502)
    yt.simple(VID)
    assert store().get(VID).source == "youtube"
    assert len(rsps.calls) == 4


def test_other_http_errors_are_not_retried(yt, rsps):
    yt.video(VID, player_ok(VID, [track(VID, "en", asr=True)]), captions={"lang=en&kind=asr": 404})
    with pytest.raises(FetchFailed, match=rf"^{VID}: YouTube did not give a transcript \(HTTP 404\)"):
        store().get(VID)
    assert len(rsps.calls) == 3


def test_offline_never_touches_the_network(rsps, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(TranscriptMissingOffline) as caught:
        store(offline=True).get(VID)
    assert str(caught.value) == (
        f"{VID}: no saved transcript, and --offline forbids fetching one (looked in the user cache; there is no "
        f".clipnote/transcripts/ above the working folder) (run `clipnote fetch ARTICLE --save` once without "
        f"--offline, or put {VID}.json in the blog's .clipnote/transcripts/)")
    assert len(rsps.calls) == 0


# --- once per run, pacing, remembering ------------------------------------------------------------------


def test_each_video_is_fetched_once_per_store_failures_included(yt, rsps):
    yt.video(VID, player_no_captions(VID))
    yt.simple(VID2)
    s = store(use_cache=False)
    for _ in range(3):
        with pytest.raises(TranscriptsDisabled):
            s.get(VID)
        s.get(VID2)
    assert len(rsps.calls) == 2 + 3 and s.network_fetches == 2


def test_pacing_between_uncached_videos_only(yt, rsps):
    for vid in (VID, VID2, VID3):
        yt.simple(vid)
    store().get(VID3)  # cached by an earlier run
    sleeps = Sleeps()
    s = store(delay=(5, 10), sleep=sleeps, clock=lambda: 100.0)
    s.get(VID)
    assert sleeps == []  # nothing to wait for before the first fetch
    s.get(VID3)
    assert sleeps == []  # a cached video needs no pause
    s.get(VID2)
    assert len(sleeps) == 1 and 5 <= sleeps[0] <= 10


def test_pacing_counts_time_spent_elsewhere(yt):
    yt.simple(VID)
    yt.simple(VID2)
    now = [0.0]
    sleeps = Sleeps()
    s = store(delay=(5, 10), sleep=sleeps, clock=lambda: now[0])
    s.get(VID)
    now[0] += 30  # aligning took longer than any pause
    s.get(VID2)
    assert sleeps == []


def test_permanent_failures_are_remembered_until_they_expire(yt, rsps):
    yt.video(VID, player_no_captions(VID))
    with pytest.raises(TranscriptsDisabled):
        store().get(VID)
    with pytest.raises(TranscriptsDisabled) as caught:
        store().get(VID)
    assert "remembered until" in str(caught.value) and "--refresh" in str(caught.value)
    assert len(rsps.calls) == 2
    with pytest.raises(TranscriptsDisabled):
        store(refresh=True).get(VID)
    assert len(rsps.calls) == 4


def test_proxy_reaches_youtube_transcript_api(yt, rsps):
    yt.simple(VID)
    store(proxy="http://proxy.example:3128").get(VID)
    for call in rsps.calls:
        assert call.request.req_kwargs["proxies"]["https"] == "http://proxy.example:3128"


def test_proxy_from_the_environment(monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", "http://env-proxy.example:8080")
    assert store().proxy == "http://env-proxy.example:8080"
    assert store(proxy="http://cli.example:1").proxy == "http://cli.example:1"


def test_a_callers_own_session_is_used_and_gets_the_metadata_hook(yt, rsps):
    yt.simple(VID, title="Own session")
    session = requests.Session()
    t = store(session=session).get(VID)
    assert t.title == "Own session" and len(rsps.calls) == 3


def test_unparsable_xml_without_fallback_is_reported(yt):
    yt.video(VID, player_ok(VID, [track(VID, "en", asr=True)]), captions={"lang=en&kind=asr": ""})
    with pytest.raises(FetchFailed, match="unparsable response"):
        store(fallback=False).get(VID)


def test_entities_and_markup_in_captions(yt):
    yt.simple(VID, lines=[(1.0, 2.0, "<i>it&#39;s</i>   10,000\nwatts")])
    assert store().get(VID).segments[0].text == "it's 10,000 watts"


def test_timedtext_body_for_reference():
    assert timedtext_xml([(0, 1, "a & b")]).endswith('<text start="0" dur="1">a &amp; b</text></transcript>')


def test_a_url_passed_as_an_id_to_the_library_is_an_invalid_id(yt, rsps):
    """The store refuses anything but an id before any request; youtube.fetch on its own still maps
    the library's InvalidVideoId (a URL given where an id belongs)."""
    from clipnote.transcripts import youtube

    url = "https://youtu.be/x"
    rsps.add(responses.GET, f"https://www.youtube.com/watch?v={url}", body=watch_html())
    rsps.add(responses.POST, PLAYER, json=UNAVAILABLE)
    with pytest.raises(InvalidVideoId) as caught:
        youtube.fetch(url, session=youtube.YouTubeSession())
    assert str(caught.value).startswith("'https://youtu.be/x' is not a YouTube video id")
