"""`clipnote check` reads the same settings and ignores as `clipnote batch` (pre-commit runs it on
the files being committed)."""

from __future__ import annotations

import json

import pytest
from batch_support import INVENTED, REAL, VIDEO, make_blog, post, use_shared_cache
from click.testing import CliRunner

from clipnote.cli import main

FAULTY = post(VIDEO, REAL, INVENTED)


@pytest.fixture(autouse=True)
def shared_cache(_isolated_cache, tmp_path_factory, monkeypatch):
    use_shared_cache(tmp_path_factory, monkeypatch)


def check(*args: str):
    return CliRunner().invoke(main, ["check", *args], catch_exceptions=False)


def test_fail_on_and_offline_come_from_the_configuration_file(tmp_path, monkeypatch):
    blog = make_blog(tmp_path / "blog", {"_posts/a.md": FAULTY},
                     files={"clipnote.toml": 'fail-on = "never"\noffline = true\n'})
    monkeypatch.chdir(blog)
    assert check("_posts/a.md").exit_code == 0
    assert check("_posts/a.md", "--fail-on", "error").exit_code == 1
    other = tmp_path / "strict.toml"
    other.write_text('fail-on = "info"\n', encoding="utf-8")
    assert check("_posts/a.md", "--offline", "--config", str(other)).exit_code == 1


def test_files_the_ignore_file_names_are_skipped(tmp_path, monkeypatch):
    blog = make_blog(tmp_path / "blog", {"_posts/a.md": post(VIDEO, REAL), "_posts/old.md": FAULTY},
                     files={".clipnoteignore": "old.md\n"})
    monkeypatch.chdir(blog)
    result = check("_posts/old.md", "_posts/a.md", "--offline", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["article"]["path"] == "_posts/a.md"
    assert "clipnote: skipped _posts/old.md: ignored by .clipnoteignore:1: old.md" in result.stderr


def test_ignore_comments_in_the_post_are_honoured(tmp_path, monkeypatch):
    silenced = post(VIDEO, REAL, "<!-- clipnote-disable-next-line unsupported-quote -->\n" + INVENTED)
    blog = make_blog(tmp_path / "blog", {"_posts/a.md": silenced})
    monkeypatch.chdir(blog)
    result = check("_posts/a.md", "--offline", "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    verdicts = [e["verdict"] for clip in report["clips"] for e in clip["excerpts"]]
    assert verdicts == ["supported", "unsupported"]  # checked, but the finding is silenced


def test_a_markdown_file_without_clips_is_fine(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "README.md").write_text("# Notes\n\nNo video here.\n", encoding="utf-8")
    assert check("README.md", "--offline").exit_code == 0


def test_the_order_the_files_were_named_in_is_kept(tmp_path, monkeypatch):
    blog = make_blog(tmp_path / "blog", {"b.md": post(VIDEO, REAL), "a.md": post(VIDEO, REAL)})
    monkeypatch.chdir(blog)
    result = check("b.md", "a.md", "--offline", "--format", "json")
    assert [r["article"]["path"] for r in json.loads(result.stdout)] == ["b.md", "a.md"]
