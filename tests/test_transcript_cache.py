"""The user cache: what it remembers, for how long, and how it survives damage and two writers."""

from __future__ import annotations

import json
import multiprocessing
import random
import threading
from pathlib import Path

import pytest
import responses

from clipnote.model import Segment, Transcript
from clipnote.transcripts import (
    Blocked, NetworkError, NoTranscriptInLanguages, TranscriptStore, TranscriptsDisabled, VideoUnavailable,
)
from clipnote.transcripts.cache import TranscriptCache
from clipnote.transcripts.tracks import Listing, Track
from fake_youtube import FakeYouTube, track

VID = "abcdefghijk"
DAY = 86400.0
EN_ASR = Track("en", True, "English (auto-generated)")
EN = Track("en", False, "English")
DE = Track("de", False, "German")


class Clock:
    def __init__(self, now: float = 1_800_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


def transcript(text: str = "cached words", language: str = "en", generated: bool = True) -> Transcript:
    return Transcript(VID, language, (Segment(0.0, 1.5, text),), source="youtube", generated=generated,
                      title="T", origin="youtube-transcript-api")


def listing(*tracks: Track, fetched_at: str = "2027-01-15T08:00:00Z") -> Listing:
    return Listing(VID, tracks, next((t.language for t in tracks if t.generated), None), "T", "C", 60.0, fetched_at)


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def cache(tmp_path, clock):
    warnings: list[str] = []
    c = TranscriptCache(tmp_path / "cache", clock=clock, warn=warnings.append)
    c.warnings = warnings
    return c


def test_layout_and_round_trip(cache):
    path = cache.store(transcript(), listing(EN_ASR, DE), EN_ASR)
    assert path == cache.root / VID / "en.asr.json"
    assert sorted(p.name for p in (cache.root / VID).iterdir()) == ["en.asr.json", "tracks.json"]
    got = cache.lookup(VID)
    assert got.source == "cache" and got.segments[0].text == "cached words" and got.path == str(path)


def test_lookup_answers_what_the_network_would(cache):
    cache.store(transcript(), listing(EN, EN_ASR), EN_ASR)  # the ASR track was cached for --lang ... asr
    assert cache.lookup(VID) is None  # without --lang the manual English would be chosen: not cached
    cache.store(transcript("a person typed this", generated=False), listing(EN, EN_ASR), EN)
    assert cache.lookup(VID).segments[0].text == "a person typed this"
    with pytest.raises(NoTranscriptInLanguages):
        cache.lookup(VID, ["de"])  # no German track, and the listing is fresh


def test_none_in_these_languages_is_remembered_for_three_days(cache, clock):
    from clipnote.transcripts.cache import utc_stamp

    cache.store_listing(listing(EN_ASR, fetched_at=utc_stamp(clock.now)))
    with pytest.raises(NoTranscriptInLanguages, match="remembered from an earlier run"):
        cache.lookup(VID, ["de"])
    clock.now += 3 * DAY + 1
    assert cache.lookup(VID, ["de"]) is None  # expired: ask YouTube again


def test_permanent_failures_expire(cache, clock):
    assert cache.store_failure(TranscriptsDisabled(VID))
    data = json.loads((cache.root / VID / "failure.json").read_text())
    assert data["error"] == "TranscriptsDisabled" and data["schema"] == "clipnote/failure@1"
    clock.now += 2 * DAY
    with pytest.raises(TranscriptsDisabled) as caught:
        cache.lookup(VID)
    assert str(caught.value).startswith(f"{VID}: the video has no captions")
    assert "remembered until 2027-01-" in str(caught.value)
    clock.now += 1 * DAY + 1
    assert cache.lookup(VID) is None
    assert not (cache.root / VID / "failure.json").exists()


def test_unavailable_is_remembered_longer(cache, clock):
    cache.store_failure(VideoUnavailable(VID, private=True))
    clock.now += 6 * DAY
    with pytest.raises(VideoUnavailable, match="the video is private"):
        cache.lookup(VID)
    clock.now += 2 * DAY
    assert cache.lookup(VID) is None


@pytest.mark.parametrize("error", [Blocked(VID), NetworkError(VID, "connection refused"),
                                   NoTranscriptInLanguages(VID, ["de"], ["en"])])
def test_blocks_and_network_errors_are_never_remembered(cache, error):
    assert cache.store_failure(error) is False
    assert not (cache.root / VID).exists()


@pytest.mark.parametrize("name, content", [
    ("en.asr.json", '{"schema": "clipnote/transcript@1", "segments": [{"start": 0, "dur'),
    ("en.asr.json", "\x00\x01 binary junk"),
    ("tracks.json", "[1, 2, 3]"),
    ("tracks.json", '{"schema": "clipnote/tracks@1"}'),
    ("failure.json", '{"error": "NoSuchError", "message": "x", "expires_at": "2099-01-01T00:00:00Z"}'),
    ("failure.json", '{"error": "TranscriptsDisabled", "message": "x", "expires_at": "tomorrow"}'),
])
def test_a_damaged_entry_is_reported_removed_and_missed(cache, name, content):
    cache.store(transcript(), listing(EN_ASR), EN_ASR)
    damaged = cache.root / VID / name
    damaged.write_text(content)
    if name == "failure.json":
        assert cache.lookup(VID) is not None  # the transcript itself is fine
    else:
        assert cache.lookup(VID) is None
    assert any(str(damaged) in w and "damaged cache entry" in w for w in cache.warnings)
    assert not damaged.exists()


@pytest.mark.parametrize("name", ["en.asr.json", "tracks.json"])
def test_a_damaged_entry_another_run_replaced_meanwhile_is_kept(cache, monkeypatch, name):
    """Two runs share the cache: one finds an entry damaged while the other writes it anew; the
    first must not remove the other's good file."""
    import clipnote.transcripts.cache as cache_module

    cache.store(transcript(), listing(EN_ASR), EN_ASR)
    entry = cache.root / VID / name
    good = entry.read_text()
    entry.write_text("{ torn")

    def other_run_writes():
        cache.store(transcript(), listing(EN_ASR), EN_ASR)

    if name == "en.asr.json":
        real_load = cache_module.load_transcript_file

        def load(path, **kwargs):
            try:
                return real_load(path, **kwargs)  # reads the torn file
            finally:
                other_run_writes()

        monkeypatch.setattr(cache_module, "load_transcript_file", load)
    else:
        real_read = Path.read_text

        def read_text(self, *args, **kwargs):
            try:
                return real_read(self, *args, **kwargs)
            finally:
                if self == entry:
                    other_run_writes()

        monkeypatch.setattr(Path, "read_text", read_text)
    assert cache.lookup(VID) is None  # this lookup read the torn file: a miss
    monkeypatch.undo()
    assert entry.read_text() == good  # the other run's file is still there
    assert cache.lookup(VID) is not None


def test_a_damaged_entry_is_fetched_again_never_fatal(tmp_path):
    vid_dir = tmp_path / "cache"
    warnings: list[str] = []
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        FakeYouTube(rsps).simple(VID)
        first = TranscriptStore(cache_dir=vid_dir, delay=0, sleep=lambda s: None)
        good = first.get(VID)
        (vid_dir / VID / "en.asr.json").write_text("{ torn")
        again = TranscriptStore(cache_dir=vid_dir, delay=0, sleep=lambda s: None, on_warning=warnings.append)
        refetched = again.get(VID)
        assert refetched.source == "youtube" and refetched.segments == good.segments
        assert len(rsps.calls) == 6 and len(warnings) == 1 and "damaged cache entry" in warnings[0]
        assert TranscriptStore(cache_dir=vid_dir).get(VID).source == "cache"  # repaired


def test_two_threads_writing_the_same_entry(cache):
    errors = []

    def write(text):
        try:
            for _ in range(40):
                cache.store(transcript(text * 200), listing(EN_ASR), EN_ASR)
                got = cache.lookup(VID)
                assert got is not None and got.segments[0].text in ("a" * 200, "b" * 200)
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=write, args=(t,)) for t in "ab"]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == [] and cache.warnings == []
    assert sorted(p.name for p in (cache.root / VID).iterdir()) == ["en.asr.json", "tracks.json"]


def _write_many(root: str, text: str, rounds: int) -> None:
    c = TranscriptCache(Path(root))
    for i in range(rounds):
        c.store(transcript(f"{text}{i}" * 300), listing(EN_ASR), EN_ASR)


def test_two_processes_writing_the_same_entry(tmp_path):
    root = tmp_path / "cache"
    context = multiprocessing.get_context("fork")
    writers = [context.Process(target=_write_many, args=(str(root), t, 60)) for t in "xy"]
    for w in writers:
        w.start()
    reader = TranscriptCache(root, warn=lambda message: pytest.fail(message))
    while any(w.is_alive() for w in writers):
        got = reader.lookup(VID)
        if got is not None:  # while they write, a reader sees one whole version, never half of one
            assert got.segments[0].text[0] in "xy"
    for w in writers:
        w.join()
        assert w.exitcode == 0
    assert reader.lookup(VID) is not None
    assert sorted(p.name for p in (root / VID).iterdir()) == ["en.asr.json", "tracks.json"]


def test_store_without_a_cache(tmp_path):
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        FakeYouTube(rsps).simple(VID, tracks=[track(VID, "en", asr=True)])
        TranscriptStore(use_cache=False, delay=0).get(VID)
        TranscriptStore(use_cache=False, delay=0).get(VID)
        assert len(rsps.calls) == 6


def test_cache_write_failure_is_a_warning(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    warnings: list[str] = []
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        FakeYouTube(rsps).simple(VID)
        t = TranscriptStore(cache_dir=blocker, delay=0, on_warning=warnings.append,
                            rng=random.Random(1)).get(VID)
    assert t.source == "youtube" and "cannot write the transcript cache" in warnings[0]
