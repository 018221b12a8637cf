"""The store's lookup order (DESIGN §4) and the fetch helpers (which videos, where snapshots go)."""

from __future__ import annotations

from pathlib import Path

import pytest

from clipnote.errors import UsageError
from clipnote.model import Article, Clip, Segment, Transcript
from clipnote.transcripts import (
    CorruptTranscriptFile, TranscriptMissingOffline, TranscriptStore, blog_root, collect_videos, fetch_each,
    load_transcript_file, parse_delay, save_snapshot, save_snapshots,
)
from clipnote.transcripts.cache import TranscriptCache
from clipnote.transcripts.tracks import Listing, Track

VID = "abcdefghijk"
VID2 = "bcdefghijkl"


def made(text: str, video_id: str = VID, language: str | None = "en") -> Transcript:
    return Transcript(video_id, language, (Segment(1.0, 2.0, text),), source="youtube", generated=True)


@pytest.fixture
def blog(tmp_path):
    """A Jekyll blog with a committed snapshot of VID, and an article two folders down."""
    root = tmp_path / "blog"
    (root / "_posts" / "2024").mkdir(parents=True)
    (root / "_config.yml").write_text("title: a blog\n")
    article = root / "_posts" / "2024" / "2024-01-01-talk.md"
    article.write_text(f"https://youtu.be/{VID}?t=1\n")
    save_snapshot(made("from the snapshot"), root / ".clipnote" / "transcripts")
    return article


def first_text(t: Transcript) -> str:
    return t.segments[0].text


def test_lookup_order_transcripts_dir_snapshot_cache(tmp_path, blog):
    given = tmp_path / "given"
    save_snapshot(made("from --transcripts"), given)
    TranscriptCache().store(made("from the cache"), Listing(VID, (Track("en", True),), "en"), Track("en", True))
    elsewhere = tmp_path / "elsewhere" / "post.md"
    elsewhere.parent.mkdir()
    elsewhere.write_text("x")

    t = TranscriptStore(given, offline=True).get(VID, blog)
    assert (t.source, first_text(t)) == ("transcripts-dir", "from --transcripts")
    t = TranscriptStore(offline=True).get(VID, blog)
    assert (t.source, first_text(t)) == ("snapshot", "from the snapshot")
    assert t.path == str(blog.parents[2] / ".clipnote" / "transcripts" / f"{VID}.json")
    t = TranscriptStore(offline=True).get(VID, elsewhere)
    assert (t.source, first_text(t)) == ("cache", "from the cache")


def test_snapshots_are_found_from_the_working_folder_without_an_article(blog, monkeypatch):
    monkeypatch.chdir(blog.parent)
    assert TranscriptStore(offline=True).get(VID).source == "snapshot"


def test_offline_with_nothing_says_where_it_looked(tmp_path, blog):
    with pytest.raises(TranscriptMissingOffline) as caught:
        TranscriptStore(tmp_path, offline=True).get(VID2, blog)
    message = str(caught.value)
    assert f"looked in {tmp_path}, {blog.parents[2] / '.clipnote' / 'transcripts'}, the user cache)" in message


def test_a_damaged_snapshot_is_named_not_skipped(blog):
    snapshot = blog.parents[2] / ".clipnote" / "transcripts" / f"{VID}.json"
    snapshot.write_text("{ not json")
    with pytest.raises(CorruptTranscriptFile) as caught:
        TranscriptStore(offline=True).get(VID, blog)
    assert str(caught.value).startswith(f"{snapshot}: not a transcript clipnote can read: invalid JSON at line 1")


def test_files_in_other_languages_are_passed_over(tmp_path):
    (tmp_path / f"{VID}.de.srt").write_text("1\n00:00:01,000 --> 00:00:02,000\nHallo.\n")
    save_snapshot(made("japanese inside an unnamed file", language="ja"), tmp_path)
    with pytest.raises(TranscriptMissingOffline):
        TranscriptStore(tmp_path, offline=True, languages=["en"]).get(VID)
    store = TranscriptStore(tmp_path, offline=True)
    assert store.get(VID, languages="de").language == "de"
    assert store.get(VID, languages="ja").language == "ja"
    assert store.get(VID).language == "ja"  # without --lang, <id>.json comes first


def test_a_file_is_read_once_per_store(tmp_path, monkeypatch):
    save_snapshot(made("once"), tmp_path)
    calls = []
    import clipnote.transcripts.store as store_module

    real = store_module.load_transcript_file
    monkeypatch.setattr(store_module, "load_transcript_file", lambda *a, **k: calls.append(1) or real(*a, **k))
    store = TranscriptStore(tmp_path, offline=True)
    for _ in range(5):
        store.get(VID)
    assert len(calls) == 1


def test_missing_transcripts_folder_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="no such folder"):
        TranscriptStore(tmp_path / "nope")


@pytest.mark.parametrize("text, pair", [("5-10", (5.0, 10.0)), ("7", (7.0, 7.0)), ("0", (0.0, 0.0)),
                                        ("2.5:4", (2.5, 4.0)), ((1, 3), (1.0, 3.0)), (4, (4.0, 4.0))])
def test_delay(text, pair):
    assert parse_delay(text) == pair


@pytest.mark.parametrize("text", ["10-5", "-3", "soon", "1-2-3", ""])
def test_bad_delay(text):
    with pytest.raises(UsageError, match="--delay"):
        parse_delay(text)


# --- fetch helpers ------------------------------------------------------------------------------


def article(path: Path, *videos: str) -> Article:
    return Article(str(path), clips=tuple(Clip(v, None, None, str(path), i + 1, f"https://youtu.be/{v}")
                                          for i, v in enumerate(videos)))


def test_collect_videos_each_once_in_first_cited_order(tmp_path):
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    jobs = collect_videos([article(a, VID2, VID, VID2), article(b, VID)])
    assert [(j.video_id, j.articles) for j in jobs] == [(VID2, (a,)), (VID, (a, b))]


def test_blog_root(tmp_path):
    deep = tmp_path / "site" / "content" / "posts" / "x.md"
    deep.parent.mkdir(parents=True)
    deep.write_text("x")
    assert blog_root(deep) == deep.parent  # no marker at all: the article's folder
    (tmp_path / "site" / "hugo.toml").write_text("")
    assert blog_root(deep) == tmp_path / "site"
    (tmp_path / "site" / "content" / ".git").write_text("gitdir: elsewhere")
    assert blog_root(deep) == tmp_path / "site" / "content"  # the nearest marker
    (tmp_path / ".clipnote").mkdir()
    assert blog_root(deep) == tmp_path  # an existing .clipnote/ wins: snapshots stay together


def test_save_snapshots_once_per_blog_and_never_over_the_one_read(tmp_path, blog):
    other_blog = tmp_path / "other"
    other_blog.mkdir()
    (other_blog / "_quarto.yml").write_text("")
    other = other_blog / "post.qmd"
    other.write_text("x")
    snap = TranscriptStore(offline=True).get(VID, blog)
    written = save_snapshots(snap, [blog, blog, other])
    assert written == (other_blog / ".clipnote" / "transcripts" / f"{VID}.json",)
    assert load_transcript_file(written[0]).segments == snap.segments
    assert save_snapshots(snap, [blog, other]) == ()  # both blogs have it now


def test_save_snapshots_with_languages_names_the_language(tmp_path, blog):
    de = made("auf Deutsch", language="de")
    written = save_snapshots(de, [blog], ["de"])
    assert written == (blog.parents[2] / ".clipnote" / "transcripts" / f"{VID}.de.json",)
    assert TranscriptStore(offline=True, languages="de").get(VID, blog).segments == de.segments
    assert TranscriptStore(offline=True).get(VID, blog).language == "en"  # the other one still serves


def test_fetch_each_reports_every_video(tmp_path, blog):
    jobs = collect_videos([article(blog, VID, VID2)])
    outcomes = list(fetch_each(TranscriptStore(offline=True), jobs, save=True))
    assert [(o.video_id, o.transcript is not None, type(o.error).__name__) for o in outcomes] == [
        (VID, True, "NoneType"), (VID2, False, "TranscriptMissingOffline")]
    assert outcomes[0].saved == ()  # it came from this blog's own snapshot
