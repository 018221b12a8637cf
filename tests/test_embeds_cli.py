"""`clipnote embeds`: the table, the JSON contract, and how bad input is reported."""

import json

import pytest
from click.testing import CliRunner

from clipnote.cli import main
from conftest import run_clipnote

POST = """---
title: A talk, quoted
---

{% include youtubePlayer.html id="G4hL5Om4IJ4?start=4648" %}

Q（Lex）：最初の質問です。

A（Jim Keller）：最初の答えです。
続きの行です。

> Speed and stability move together.
>
> — Nicole Forsgren at [15:00](https://www.youtube.com/watch?v=dP8NmcEkxJI&t=900s)
"""


def run(*args, env=None):
    return CliRunner().invoke(main, list(args), catch_exceptions=False, env=env)


@pytest.fixture
def post(tmp_path):
    path = tmp_path / "post.md"
    path.write_text(POST, encoding="utf-8")
    return path


def test_json_is_exactly_the_documented_list(post):
    result = run("embeds", "--format", "json", str(post))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    clips = json.loads(result.stdout)
    assert clips == [
        {"path": str(post), "line": 5, "video_id": "G4hL5Om4IJ4", "start": 4648.0, "end": None,
         "kind": "embed", "raw": '{% include youtubePlayer.html id="G4hL5Om4IJ4?start=4648" %}',
         "label": None, "label_seconds": None, "draft": False,
         "excerpts": [
             {"line": 7, "speaker": "Lex", "role": "question", "text": "最初の質問です。"},
             {"line": 9, "speaker": "Jim Keller", "role": "answer", "text": "最初の答えです。続きの行です。"}]},
        {"path": str(post), "line": 14, "video_id": "dP8NmcEkxJI", "start": 900.0, "end": None,
         "kind": "link", "raw": "[15:00](https://www.youtube.com/watch?v=dP8NmcEkxJI&t=900s)",
         "label": "15:00", "label_seconds": 900.0, "draft": False,
         "excerpts": [{"line": 12, "speaker": "Nicole Forsgren", "role": "quote",
                       "text": "Speed and stability move together."}]},
    ]


def test_table_shows_each_clip_and_its_excerpts(post):
    result = run("embeds", str(post), env={"COLUMNS": "250"})  # long tmp paths must not wrap
    assert result.exit_code == 0
    out = result.stdout
    for text in (str(post.name), "G4hL5Om4IJ4", "1:17:28", "question", "Lex", "最初の質問です",
                 "15:00", "Nicole Forsgren", "1 article(s) read, 1 with clips: 2 clip(s), 3 excerpt(s)"):
        assert text in out, text


def test_folders_are_walked_recursively(tmp_path):
    (tmp_path / "content" / "posts").mkdir(parents=True)
    (tmp_path / "content" / "posts" / "a.md").write_text(POST, encoding="utf-8")
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts" / "b.mdx").write_text('<YouTube id="Hoe-woAhq_k" />\n', encoding="utf-8")
    result = run("embeds", "--format", "json", str(tmp_path))
    assert [c["video_id"] for c in json.loads(result.stdout)] == [
        "Hoe-woAhq_k", "G4hL5Om4IJ4", "dP8NmcEkxJI"]


def test_bad_inputs_each_get_one_line_and_the_rest_is_still_printed(tmp_path, post):
    (tmp_path / "binary.md").write_bytes(b"\x00\x01\x02 not text")
    (tmp_path / "latin1.md").write_bytes("caf\u00e9\n".encode("latin-1"))
    (tmp_path / "broken.md").write_text("---\ntitle: [oops\n---\nbody\n", encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("embeds", "--format", "json", str(tmp_path / "missing.md"), str(empty), str(tmp_path))
    assert result.exit_code == 2
    errors = result.stderr.strip().split("\n")
    assert errors == [
        f"clipnote: error: {tmp_path / 'missing.md'}: no such file or folder",
        f"clipnote: error: {empty}: no articles in this folder (looked for .md, .markdown, .mdx, .qmd, .html)",
        f"clipnote: error: {tmp_path / 'binary.md'}: binary file, not a text article",
        f"clipnote: warning: {tmp_path / 'broken.md'}:2: broken front matter (YAML): "
        "expected ',' or ']', but got '<stream end>'; read its plain `key: value` lines instead",
        f"clipnote: error: {tmp_path / 'latin1.md'}: not UTF-8 text (byte 0xe9 on line 1); "
        "save the file as UTF-8",
    ]
    assert [c["path"] for c in json.loads(result.stdout)] == [str(post), str(post)]


def test_nothing_readable_exits_2(tmp_path):
    result = run("embeds", str(tmp_path / "nope.md"))
    assert result.exit_code == 2
    assert result.stderr == f"clipnote: error: {tmp_path / 'nope.md'}: no such file or folder\n"


def test_bad_references_are_warnings_on_stderr_and_do_not_fail_the_run(tmp_path):
    path = tmp_path / "p.md"
    path.write_text('Intro.\n\n{% include youtube.html id="url" %}\n\nhttps://youtu.be/FhrAWLUEN-Q\n')
    result = run("embeds", "--format", "json", str(path))
    assert result.exit_code == 0
    assert result.stderr == (f"clipnote: warning: {path}:3: not a valid YouTube video id: 'url'\n")
    assert [c["video_id"] for c in json.loads(result.stdout)] == ["FhrAWLUEN-Q"]
    table = run("embeds", str(path))
    assert "1 bad reference(s)" in table.stdout


def test_video_option(tmp_path):
    path = tmp_path / "p.md"
    path.write_text("> A quote from a talk the post never links.\n", encoding="utf-8")
    result = run("embeds", "--format", "json", "--video", "https://youtu.be/FhrAWLUEN-Q", str(path))
    (clip,) = json.loads(result.stdout)
    assert (clip["kind"], clip["line"], clip["video_id"]) == ("front-matter", 0, "FhrAWLUEN-Q")
    assert [e["line"] for e in clip["excerpts"]] == [1]
    bad = run("embeds", "--video", "XYZ", str(path))
    assert bad.exit_code == 2
    assert bad.stderr == "clipnote: error: --video XYZ: not a valid YouTube video id: 'XYZ'\n"


def test_real_process_exit_codes_and_no_traceback(tmp_path, post):
    (tmp_path / "bad.md").write_bytes(b"\xff\xfe\x00")
    done = run_clipnote("embeds", "--format", "json", str(post), str(tmp_path / "bad.md"))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1
    assert len(json.loads(done.stdout)) == 2
