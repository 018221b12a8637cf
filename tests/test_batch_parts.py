"""The pieces of `clipnote batch` on their own: report names, grouping posts for the workers,
the fetch phase, what a worker reads, progress lines, cleaning an old report folder."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from batch_support import MISSING, OTHER, REAL, VIDEO, make_blog, post

from clipnote.batch.fetch import fetch_transcripts
from clipnote.batch.output import prepare_folder
from clipnote.batch.plan import group_by_video, primary_video, report_names, report_root
from clipnote.batch.progress import Progress
from clipnote.batch.work import LocalTranscripts, slim
from clipnote.errors import ClipnoteError
from clipnote.model import Article, ArticleResult, Clip, ClipResult, Excerpt, Segment, Transcript
from clipnote.posts import Post, read_post


# --- report names ------------------------------------------------------------------------------


def test_report_names_are_flat_readable_and_unique():
    names = report_names(["_posts/2024-01-01-a.md", "content/posts/b/index.en.md", "notes/c.mdx",
                          "x/y.md", "x--y.md", "A.md", "a.md", "GPS는-시계다.md"])
    assert names["_posts/2024-01-01-a.md"] == "articles/_posts--2024-01-01-a.md"
    assert names["content/posts/b/index.en.md"] == "articles/content--posts--b--index.en.md"
    assert names["notes/c.mdx"] == "articles/notes--c.mdx.md"
    assert names["GPS는-시계다.md"] == "articles/GPS는-시계다.md"
    assert len(set(names.values())) == len(names)
    assert len({n.casefold() for n in names.values()}) == len(names)  # macOS, Windows
    assert {names["x/y.md"], names["x--y.md"]} == {"articles/x--y.md", "articles/x--y-5e3cb0b7.md"}


def test_report_names_are_safe_file_names():
    long = "가" * 200 + ".md"
    names = report_names([long, 'odd:name?"<>|*.md', "../up/.hidden.md"])
    for name in names.values():
        file = name.removeprefix("articles/")
        assert "/" not in file and not file.startswith(".")
        assert len(file.encode("utf-8")) <= 170
        assert not set(file) & set(':?"<>|*\\')
    assert report_names([long]) == report_names([long])  # the same in every run


def test_report_root_is_the_repository_top(tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "blog").mkdir()
    assert report_root(repo / "blog") == repo.resolve()
    outside = tmp_path / "plain" / "blog"
    outside.mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "plain")
    assert report_root(outside) == (tmp_path / "plain").resolve()  # inside the working folder
    monkeypatch.chdir(repo)
    assert report_root(outside) == outside.resolve()


# --- grouping ------------------------------------------------------------------------------------


def fake_post(name: str, *videos: tuple[str, int]) -> Post:
    clips = tuple(Clip(video, 0.0, None, name, 1, "", excerpts=tuple(
        Excerpt(name, 2 + i, "words") for i in range(n))) for video, n in videos)
    return Post(Path(name), Article(path=name, clips=clips), None, b"")


def test_posts_are_grouped_by_the_video_they_quote_most():
    a = fake_post("a.md", ("v1", 1), ("v2", 3))
    b = fake_post("b.md", ("v1", 2))
    c = fake_post("c.md", ("v2", 1))
    d = fake_post("d.md", ("v1", 1), ("v2", 1))
    assert primary_video(a) == "v2" and primary_video(d) == "v1"
    chunks = group_by_video([a, b, c, d] * 2, jobs=4)  # at most 2 a chunk (a worker's share)
    # the heavier video's posts first, each video's posts one after the other
    assert [[p.article.path for p in chunk] for chunk in chunks] == [
        ["a.md", "c.md"], ["a.md", "c.md"], ["b.md", "d.md"], ["b.md", "d.md"]]


def test_big_groups_are_split_so_every_worker_has_work():
    posts = [fake_post(f"{i:03d}.md", ("v1", 2)) for i in range(40)]
    chunks = group_by_video(posts, jobs=4)  # a worker's share: 10 posts
    assert len(chunks) == 4 and all(len(chunk) == 10 for chunk in chunks)
    assert [p for chunk in chunks for p in chunk] == posts
    assert [len(chunk) for chunk in group_by_video(posts, jobs=1)] == [16, 16, 8]  # 16 at most


def test_a_video_within_a_workers_share_stays_whole_so_one_worker_loads_it():
    posts = [fake_post(f"a{i}.md", ("v1", 2)) for i in range(6)] + [fake_post(f"b{i}.md", ("v2", 1)) for i in range(5)]
    chunks = group_by_video(posts, jobs=2)  # a worker's share: 6 posts
    assert [[p.article.path for p in chunk] for chunk in chunks] == [
        [f"a{i}.md" for i in range(6)], [f"b{i}.md" for i in range(5)]]


# --- the fetch phase and what workers read -----------------------------------------------------------


class CountingStore:
    """Stands in for TranscriptStore in the parent: no local files, every get counted."""

    languages = ()

    def __init__(self, fail: set[str] = frozenset()):
        self.calls: list[str] = []
        self.fail = fail

    def local_dirs(self, article_path=None):
        return []

    def get(self, video_id, article_path=None):
        self.calls.append(video_id)
        if video_id in self.fail:
            raise ClipnoteError(f"{video_id}: captions are disabled")
        return Transcript(video_id, "en", (Segment(0.0, 1.0, "hi"),), source="youtube")


def test_each_missing_video_is_fetched_once_in_the_parent():
    posts = [fake_post("a.md", ("v1", 1), ("v2", 1)), fake_post("b.md", ("v1", 2)),
             fake_post("c.md", ("v3", 1), ("v4", 0))]
    store = CountingStore(fail={"v3"})
    sink = io.StringIO()
    fetched = fetch_transcripts(store, posts, Progress(sink))
    assert store.calls == ["v1", "v2", "v3"]  # v4 has no excerpt: nothing to align against
    assert fetched.videos == 3 and fetched.got == {"youtube": 2}
    assert fetched.failures == {"v3": "v3: captions are disabled"}
    assert "clipnote: warning: v3: captions are disabled" in sink.getvalue()


def test_a_video_with_a_snapshot_is_not_fetched_nor_parsed(tmp_path):
    blog = make_blog(tmp_path / "blog", {"_posts/a.md": post(VIDEO, REAL), "_posts/b.md": post(MISSING, REAL)})
    from clipnote.transcripts import TranscriptStore

    store = TranscriptStore(offline=True)
    posts = [read_post(p) for p in sorted((blog / "_posts").iterdir())]
    fetched = fetch_transcripts(store, posts, Progress(io.StringIO()))
    assert fetched.local == 1 and list(fetched.failures) == [MISSING]
    assert store._files == {}  # the snapshot was found, not loaded: the worker loads it


def test_workers_read_local_files_and_give_the_parents_reason(tmp_path):
    blog = make_blog(tmp_path / "blog", {}, videos=(OTHER,))
    store = LocalTranscripts(blog, None, (), {MISSING: "YouTube is blocking this network"})
    assert store.get(OTHER, Path("_posts/a.md")).video_id == OTHER
    assert store.store.offline
    with pytest.raises(ClipnoteError, match="YouTube is blocking this network"):
        store.get(MISSING, Path("_posts/a.md"))
    with pytest.raises(ClipnoteError, match="no saved transcript"):
        store.get(VIDEO, Path("_posts/a.md"))


def test_results_go_back_without_their_caption_lines():
    transcript = Transcript("v1", "en", (Segment(0.0, 1.0, "hi"),), title="T")
    clip = Clip("v1", 0.0, None, "a.md", 1, "")
    result = ArticleResult(Article("a.md"), (ClipResult(clip, transcript), ClipResult(clip, None)))
    light = slim(result)
    assert light.clips[0].transcript.segments == () and light.clips[0].transcript.title == "T"
    assert light.clips[1].transcript is None


# --- progress and the report folder --------------------------------------------------------------------


def test_plain_progress_is_a_few_lines_for_a_long_phase_and_none_for_a_quick_one(monkeypatch):
    import clipnote.batch.progress as progress

    clock = iter(range(0, 10_000, 1))
    monkeypatch.setattr(progress.time, "monotonic", lambda: float(next(clock)))
    sink = io.StringIO()
    reporter = Progress(sink)
    with reporter.phase("checking", 100) as phase:
        for _ in range(100):
            phase.advance()
    lines = sink.getvalue().splitlines()
    assert 5 <= len(lines) <= 11
    assert lines[-1].startswith("clipnote: checking: 100/100 (100%)")
    assert "left" in lines[0]

    monkeypatch.setattr(progress.time, "monotonic", lambda: 0.0)
    quick = io.StringIO()
    with Progress(quick).phase("reading posts", 50) as phase:
        for _ in range(50):
            phase.advance()
    assert quick.getvalue() == ""


def test_no_bar_without_a_terminal_or_under_no_color_or_ci(monkeypatch):
    from clipnote.batch.progress import wants_bar

    class Tty(io.StringIO):
        def isatty(self):
            return True

    for name in ("NO_COLOR", "CI", "TERM"):
        monkeypatch.delenv(name, raising=False)
    assert wants_bar(Tty()) and not wants_bar(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not wants_bar(Tty())
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("CI", "true")
    assert not wants_bar(Tty())


def test_prepare_folder_removes_only_the_reports_an_earlier_run_listed(tmp_path):
    out = tmp_path / "report"
    (out / "articles").mkdir(parents=True)
    for name in ("old.md", "mine.md"):
        (out / "articles" / name).write_text("x", encoding="utf-8")
    (tmp_path / "keep.md").write_text("x", encoding="utf-8")
    (out / "summary.json").write_text(json.dumps({"articles": [
        {"report": "articles/old.md"}, {"report": "../keep.md"}, {"report": None}]}), encoding="utf-8")
    prepare_folder(out)
    assert sorted(p.name for p in (out / "articles").iterdir()) == ["mine.md"]
    assert (tmp_path / "keep.md").exists()
    prepare_folder(tmp_path / "new" / "folder")
    assert (tmp_path / "new" / "folder").is_dir()


def test_the_first_block_stops_fetching_and_is_said_once(monkeypatch):
    from clipnote.transcripts import Blocked, TranscriptStore

    store = TranscriptStore(delay=0)
    calls = []

    def blocked(video_id, languages):
        calls.append(video_id)
        raise Blocked(video_id)

    monkeypatch.setattr(store, "_fetch", blocked)
    posts = [fake_post("a.md", ("vidAAAAAAA1", 1), ("vidBBBBBBB2", 1)), fake_post("b.md", ("vidCCCCCCC3", 1))]
    sink = io.StringIO()
    fetched = fetch_transcripts(store, posts, Progress(sink))
    assert calls == ["vidAAAAAAA1"]  # no request after the block
    assert set(fetched.failures) == {"vidAAAAAAA1", "vidBBBBBBB2", "vidCCCCCCC3"}
    assert "blocked this network earlier" in fetched.failures["vidCCCCCCC3"]
    assert sink.getvalue().count("YouTube is blocking") == 1 and "earlier" not in sink.getvalue()
