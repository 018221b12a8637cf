"""`clipnote batch` end to end on small blogs we build: discovery, settings, ignores, the report
folder and its formats, bad posts, parallel runs, exit codes, --annotate and Ctrl-C."""

from __future__ import annotations

import json
import re
import subprocess
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from batch_support import INVENTED, MISSING, OTHER, REAL, VIDEO, make_blog, post, use_shared_cache
from click.testing import CliRunner

from clipnote.cli import main

@pytest.fixture(autouse=True)
def shared_cache(_isolated_cache, tmp_path_factory, monkeypatch):
    use_shared_cache(tmp_path_factory, monkeypatch)


def batch(blog: Path, *args: str, monkeypatch=None):
    """Run `clipnote batch` in-process from the blog's folder (one worker unless asked)."""
    if monkeypatch is not None:
        monkeypatch.chdir(blog)
    if "--jobs" not in args:
        args = (*args, "--jobs", "1")
    return CliRunner().invoke(main, ["batch", *args], catch_exceptions=False)


def summary(folder: Path) -> dict:
    return json.loads((folder / "summary.json").read_text(encoding="utf-8"))


def paths(data: dict) -> list[str]:
    return [a["path"] for a in data["articles"]]


def schema(name: str) -> dict:
    return json.loads((resources.files("clipnote") / "schemas" / name).read_text(encoding="utf-8"))


CLEAN = post(VIDEO, REAL)
FAULTY = post(VIDEO, REAL, INVENTED, title="Orange bridges")


# --- discovery, drafts, settings -----------------------------------------------------------------


def test_finds_the_layouts_posts_and_skips_drafts_and_templates(tmp_path, monkeypatch):
    blog = make_blog(tmp_path / "blog", {
        "_posts/2024-01-01-a.md": CLEAN,
        "_drafts/b.md": CLEAN,
        "_posts/2024-01-02-c.md": post(VIDEO, REAL, front="draft: true\n"),
        "_includes/youtubePlayer.html": '<iframe src="https://www.youtube.com/embed/{{ include.id }}"></iframe>',
    })
    result = batch(blog, "--offline", monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    data = summary(blog / "clipnote-report")
    assert paths(data) == ["_posts/2024-01-01-a.md"]
    skipped = {s["path"]: s["reason"] for s in data["run"]["skipped"]}
    assert skipped == {"_drafts/b.md": "draft (_drafts/)", "_posts/2024-01-02-c.md": "draft (draft: true)"}
    assert "2 skipped (2 drafts)" in (blog / "clipnote-report" / "index.md").read_text(encoding="utf-8")

    result = batch(blog, "--offline", "--drafts", monkeypatch=monkeypatch)
    assert paths(summary(blog / "clipnote-report")) == [
        "_drafts/b.md", "_posts/2024-01-01-a.md", "_posts/2024-01-02-c.md"]


def test_include_and_exclude_globs(tmp_path, monkeypatch):
    blog = make_blog(tmp_path / "blog", {"notes/a.md": CLEAN, "notes/b.md": CLEAN, "other/c.md": CLEAN})
    batch(blog, "--offline", "--include", "notes/*.md", "--exclude", "b.md", monkeypatch=monkeypatch)
    assert paths(summary(blog / "clipnote-report")) == ["notes/a.md"]


def test_configuration_file_and_command_line_override(tmp_path, monkeypatch):
    blog = make_blog(tmp_path / "blog", {"_posts/2024-01-01-a.md": FAULTY, "_drafts/d.md": CLEAN},
                     files={"clipnote.toml": 'fail-on = "never"\ndrafts = true\noffline = true\n'})
    result = batch(blog, monkeypatch=monkeypatch)  # offline and drafts from the file
    assert result.exit_code == 0, result.output  # an unsupported quote, but fail-on = never
    data = summary(blog / "clipnote-report")
    assert paths(data) == ["_drafts/d.md", "_posts/2024-01-01-a.md"]
    assert data["run"]["fail_on"] == "never"
    assert batch(blog, "--fail-on", "error", monkeypatch=monkeypatch).exit_code == 1

    other = tmp_path / "elsewhere.toml"
    other.write_text('fail-on = "warning"\n', encoding="utf-8")
    result = batch(blog, "--offline", "--config", str(other), monkeypatch=monkeypatch)
    assert result.exit_code == 1
    assert paths(summary(blog / "clipnote-report")) == ["_posts/2024-01-01-a.md"]  # no drafts there


def test_a_bad_configuration_file_is_one_line_and_exit_2(tmp_path, monkeypatch):
    blog = make_blog(tmp_path / "blog", {"_posts/2024-01-01-a.md": CLEAN},
                     files={"clipnote.toml": 'fail_on = "never"\n'})
    result = batch(blog, "--offline", monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert "clipnote.toml:1: unknown key 'fail_on'" in result.stderr


# --- ignores ----------------------------------------------------------------------------------------


def test_inline_ignores_and_the_ignore_file(tmp_path, monkeypatch):
    silenced = post(VIDEO, REAL, "<!-- clipnote-disable-next-line -->\n" + INVENTED)
    blog = make_blog(tmp_path / "blog", {
        "_posts/2024-01-01-a.md": silenced,
        "_posts/2024-01-02-old.md": FAULTY,
        "_posts/2024-01-03-gone.md": post(MISSING, REAL),
        "_posts/2024-01-04-typo.md": post(VIDEO, REAL, "<!-- clipnote-disable-next-line timestamp-drfit -->\n"),
    }, files={".clipnoteignore": f"# old posts\n_posts/*-old.md\nvideo:{MISSING}\n"})
    result = batch(blog, "--offline", monkeypatch=monkeypatch)
    data = summary(blog / "clipnote-report")
    by_path = {a["path"]: a for a in data["articles"]}
    assert "_posts/2024-01-02-old.md" not in by_path
    assert {"path": "_posts/2024-01-02-old.md",
            "reason": "ignored by .clipnoteignore:2: _posts/*-old.md"} in data["run"]["skipped"]
    silenced_counts = by_path["_posts/2024-01-01-a.md"]["counts"]
    assert silenced_counts["excerpts"] == 1 and silenced_counts["unsupported"] == 0
    # the video ignored by the file is never fetched: no transcript error although it has no snapshot
    assert by_path["_posts/2024-01-03-gone.md"]["counts"]["clips"] == 0
    assert by_path["_posts/2024-01-03-gone.md"]["errors"] == []
    # an ignore comment clipnote cannot use is shown in that post's report, with its line
    [problem] = by_path["_posts/2024-01-04-typo.md"]["errors"]
    assert problem["kind"] == "ignore-directive" and problem["where"] == "_posts/2024-01-04-typo.md:12"
    report = (blog / "clipnote-report" / "articles" / "_posts--2024-01-04-typo.md").read_text(encoding="utf-8")
    assert "timestamp-drfit" in report
    assert result.exit_code == 2  # a directive that silences nothing must not pass unnoticed


# --- --changed-since ------------------------------------------------------------------------------------


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
                   cwd=folder, check=True, capture_output=True)


def test_changed_since_checks_only_what_changed(tmp_path, monkeypatch):
    blog = make_blog(tmp_path / "blog", {
        "_posts/2024-01-01-a.md": CLEAN,
        "_posts/2024-01-02-b.md": CLEAN,
        "_posts/2024-01-03-c.md": post(OTHER, REAL),
    })
    git(blog, "init", "-q", "-b", "main")
    git(blog, "add", "-A")
    git(blog, "commit", "-q", "-m", "posts")
    (blog / "_posts/2024-01-02-b.md").write_text(FAULTY, encoding="utf-8")
    result = batch(blog, "--offline", "--changed-since", "HEAD", monkeypatch=monkeypatch)
    assert result.exit_code == 1, result.output
    data = summary(blog / "clipnote-report")
    assert paths(data) == ["_posts/2024-01-02-b.md"]
    assert data["run"]["changed_since"] == "HEAD"

    # a changed snapshot re-checks every post that quotes its video
    git(blog, "commit", "-qam", "edit")
    snapshot = blog / ".clipnote" / "transcripts" / f"{OTHER}.json"
    snapshot.write_text(snapshot.read_text(encoding="utf-8").replace("rooftop hour", "roof hour"),
                        encoding="utf-8")
    batch(blog, "--offline", "--changed-since", "HEAD", monkeypatch=monkeypatch)
    assert paths(summary(blog / "clipnote-report")) == ["_posts/2024-01-03-c.md"]

    result = batch(blog, "--offline", "--changed-since", "no-such-ref", monkeypatch=monkeypatch)
    assert result.exit_code == 2 and "unknown git ref 'no-such-ref'" in result.stderr


# --- the report folder -----------------------------------------------------------------------------


def test_every_output_is_written_and_valid(tmp_path, monkeypatch):
    blog = make_blog(tmp_path / "blog", {
        "_posts/2024-01-01-clean.md": CLEAN,
        "_posts/2024-01-02-faulty.md": FAULTY,
        "_posts/2024-01-03-plain.md": "---\ntitle: No video\n---\n\nJust words.\n",
    })
    out = tmp_path / "out dir"
    result = batch(blog, "--offline", "--out", str(out), "--format", "sarif", "--format", "json",
                   "--format", "github", monkeypatch=monkeypatch)
    assert result.exit_code == 1, result.output

    data = summary(out)
    jsonschema.validate(data, schema("summary.schema.json"))
    assert data["complete"] is True
    assert paths(data) == ["_posts/2024-01-01-clean.md", "_posts/2024-01-02-faulty.md",
                           "_posts/2024-01-03-plain.md"]
    reports = {a["path"]: a["report"] for a in data["articles"]}
    assert reports["_posts/2024-01-03-plain.md"] is None  # no clip, no problem: the index names it
    for report in filter(None, reports.values()):
        text = (out / report).read_text(encoding="utf-8")
        assert text.startswith("# clipnote report: ")

    report_json = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert [r["article"]["path"] for r in report_json] == paths(data)
    for item in report_json:
        jsonschema.validate(item, schema("report.schema.json"))

    sarif = json.loads((out / "clipnote.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    [run] = sarif["runs"]
    assert run["tool"]["driver"]["name"] == "clipnote"
    located = {(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in run["results"]}
    assert ("unsupported-quote", "_posts/2024-01-02-faulty.md", 12) in located

    annotations = result.stdout.splitlines()
    assert "::error file=_posts/2024-01-02-faulty.md,line=12,title=clipnote unsupported-quote" in \
        "\n".join(annotations)
    assert all(re.match(r"::(error|warning|notice) file=[^,]+(,line=\d+)?(,endLine=\d+)?,title=[^:]+::\S", a)
               for a in annotations), annotations
    assert "articles checked" in result.stderr  # the summary is on stderr when stdout has annotations

    index = (out / "index.md").read_text(encoding="utf-8")
    assert "](articles/_posts--2024-01-02-faulty.md)" in index
    assert "_posts/2024-01-03-plain.md" in index


def test_the_index_lists_the_worst_article_first(tmp_path, monkeypatch):
    blog = make_blog(tmp_path / "blog", {
        "_posts/2024-01-01-a-clean.md": CLEAN,
        "_posts/2024-01-02-b-faulty.md": FAULTY,
        "_posts/2024-01-03-c-broken.md": post("bad-id", REAL),
    })
    batch(blog, "--offline", monkeypatch=monkeypatch)
    index = (blog / "clipnote-report" / "index.md").read_text(encoding="utf-8")
    table = index.split("## Articles, worst first", 1)[1]
    order = [table.index(name) for name in ("c-broken", "b-faulty", "a-clean")]
    assert order == sorted(order)


def test_the_terminal_summary_counts_and_names_the_worst(tmp_path, monkeypatch):
    blog = make_blog(tmp_path / "blog", {"_posts/2024-01-01-a.md": CLEAN, "_posts/2024-01-02-b.md": FAULTY})
    result = batch(blog, "--offline", monkeypatch=monkeypatch)
    lines = result.stdout.splitlines()
    assert lines[0].startswith("clipnote: 2 articles checked in ")
    assert "2 supported · 0 weak · 1 unsupported" in lines[1]
    assert "unsupported-quote 1" in lines[2]
    assert lines[3] == "  worst:" and lines[4].startswith("    _posts/2024-01-02-b.md — 1 unsupported")
    assert "report: clipnote-report/index.md" in result.stdout


def test_a_second_run_replaces_the_reports_of_the_first(tmp_path, monkeypatch):
    blog = make_blog(tmp_path / "blog", {"_posts/2024-01-01-a.md": CLEAN, "_posts/2024-01-02-b.md": CLEAN})
    batch(blog, "--offline", monkeypatch=monkeypatch)
    articles = blog / "clipnote-report" / "articles"
    mine = articles / "notes.md"
    mine.write_text("not clipnote's", encoding="utf-8")
    (blog / "_posts/2024-01-02-b.md").unlink()
    batch(blog, "--offline", monkeypatch=monkeypatch)
    assert sorted(p.name for p in articles.iterdir()) == ["_posts--2024-01-01-a.md", "notes.md"]


# --- bad posts --------------------------------------------------------------------------------------


def test_bad_posts_are_recorded_and_the_run_goes_on(tmp_path, monkeypatch):
    import clipnote.pipeline

    blog = make_blog(tmp_path / "blog", {
        "_posts/2024-01-01-binary.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00",
        "_posts/2024-01-02-latin1.md": "---\ntitle: caf\xe9\n---\n".encode("latin-1"),
        "_posts/2024-01-03-front.md": "---\ntitle: [unclosed\n---\n\nText.\n",
        "_posts/2024-01-04-badid.md": post("not-an-id", REAL),
        "_posts/2024-01-05-missing.md": post(MISSING, REAL),
        "_posts/2024-01-06-crash.md": post(VIDEO, REAL, title="Crash"),
        "_posts/2024-01-07-good.md": CLEAN,
    })
    real = clipnote.pipeline.Checker.check_article

    def check_article(self, article):
        if "crash" in article.path:
            raise ZeroDivisionError("a bug")
        return real(self, article)

    monkeypatch.setattr(clipnote.pipeline.Checker, "check_article", check_article)
    result = batch(blog, "--offline", monkeypatch=monkeypatch)
    assert result.exit_code == 2
    data = summary(blog / "clipnote-report")
    assert len(data["articles"]) == 7
    by_path = {a["path"]: a for a in data["articles"]}
    assert "binary" in by_path["_posts/2024-01-01-binary.md"]["error"]
    assert "not UTF-8" in by_path["_posts/2024-01-02-latin1.md"]["error"]
    # a broken front matter is a warning: the post is read (tolerantly) and checked
    front = by_path["_posts/2024-01-03-front.md"]
    assert front["error"] is None and [(f["kind"], f["severity"], f["line"]) for f in front["findings"]] \
        == [("broken-front-matter", "warning", 2)]
    assert by_path["_posts/2024-01-04-badid.md"]["errors"][0]["kind"] == "bad-reference"
    [missing] = by_path["_posts/2024-01-05-missing.md"]["errors"]
    assert missing["kind"] == "transcript-error" and MISSING in missing["message"]
    assert "internal error while checking this article: ZeroDivisionError: a bug" in \
        by_path["_posts/2024-01-06-crash.md"]["error"]
    assert by_path["_posts/2024-01-07-good.md"]["counts"]["supported"] == 1
    assert data["totals"]["unreadable"] == 3
    index = (blog / "clipnote-report" / "index.md").read_text(encoding="utf-8")
    assert "## Articles that could not be read" in index and "2024-01-01-binary.md" in index
    assert data["run"]["transcript_failures"] == {MISSING: missing["message"].rstrip(".")} or \
        MISSING in data["run"]["transcript_failures"]


def test_debug_re_raises_a_crash(tmp_path, monkeypatch):
    import clipnote.pipeline

    blog = make_blog(tmp_path / "blog", {"_posts/2024-01-01-a.md": CLEAN})

    def boom(self, article):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(clipnote.pipeline.Checker, "check_article", boom)
    monkeypatch.chdir(blog)
    with pytest.raises(ZeroDivisionError):
        CliRunner().invoke(main, ["--debug", "batch", "--offline", "--jobs", "1"], catch_exceptions=False)


# --- parallel, exit codes, Ctrl-C -------------------------------------------------------------------------


def test_two_workers_give_the_same_reports_as_one(tmp_path, monkeypatch):
    posts = {f"_posts/2024-01-{i:02d}-p.md": (FAULTY if i % 3 == 0 else post(OTHER if i % 2 else VIDEO, REAL))
             for i in range(1, 9)}
    blog = make_blog(tmp_path / "blog", posts)
    one = batch(blog, "--offline", "--out", "one", "--jobs", "1", "--format", "json", monkeypatch=monkeypatch)
    two = batch(blog, "--offline", "--out", "two", "--jobs", "2", "--format", "json", monkeypatch=monkeypatch)
    assert one.exit_code == two.exit_code == 1
    for name in ("summary.json", "report.json", "index.md"):
        assert (blog / "one" / name).read_text(encoding="utf-8") == (blog / "two" / name).read_text(encoding="utf-8")
    for report in (blog / "one" / "articles").iterdir():
        assert report.read_text(encoding="utf-8") == (blog / "two" / "articles" / report.name).read_text(encoding="utf-8")


@pytest.mark.parametrize("posts, options, code", [
    ({"_posts/2024-01-01-a.md": CLEAN}, (), 0),
    ({"_posts/2024-01-01-a.md": FAULTY}, (), 1),
    ({"_posts/2024-01-01-a.md": FAULTY}, ("--fail-on", "never"), 0),
    ({"_posts/2024-01-01-a.md": CLEAN, "_posts/2024-01-02-b.md": post(MISSING, REAL)}, ("--fail-on", "never"), 2),
    ({}, (), 0),
])
def test_exit_codes(tmp_path, monkeypatch, posts, options, code):
    blog = make_blog(tmp_path / "blog", posts)
    assert batch(blog, "--offline", *options, monkeypatch=monkeypatch).exit_code == code


def test_options_that_need_annotate_say_so(tmp_path, monkeypatch):
    blog = make_blog(tmp_path / "blog", {"_posts/2024-01-01-a.md": CLEAN})
    result = batch(blog, "--offline", "--write", monkeypatch=monkeypatch)
    assert result.exit_code == 2 and "go with --annotate" in result.stderr


def test_ctrl_c_keeps_what_finished_and_exits_130(tmp_path, monkeypatch):
    import clipnote.pipeline

    blog = make_blog(tmp_path / "blog", {
        "_posts/2024-01-01-a.md": FAULTY,
        "_posts/2024-01-02-b.md": FAULTY,
        "_posts/2024-01-03-c.md": CLEAN,  # fewest quotes: checked last
    })
    real = clipnote.pipeline.Checker.check_article

    def check_article(self, article):
        if article.path.endswith("-c.md"):
            raise KeyboardInterrupt
        return real(self, article)

    monkeypatch.setattr(clipnote.pipeline.Checker, "check_article", check_article)
    result = batch(blog, "--offline", monkeypatch=monkeypatch)
    assert result.exit_code == 130
    assert result.stderr.strip().splitlines()[-1].startswith("clipnote: interrupted;")
    out = blog / "clipnote-report"
    data = summary(out)
    assert data["complete"] is False
    assert paths(data) == ["_posts/2024-01-01-a.md", "_posts/2024-01-02-b.md"]
    assert sorted(p.name for p in (out / "articles").iterdir()) == [
        "_posts--2024-01-01-a.md", "_posts--2024-01-02-b.md"]
    assert "**Incomplete:** the run was interrupted after 2 of 3 articles" in \
        (out / "index.md").read_text(encoding="utf-8")


# --- --annotate ------------------------------------------------------------------------------------------


def test_annotate_shows_a_diff_and_writes_only_with_write(tmp_path, monkeypatch):
    blog = make_blog(tmp_path / "blog", {"_posts/2024-01-01-a.md": FAULTY, "_posts/2024-01-02-b.md": "# no video\n"})
    target = blog / "_posts/2024-01-01-a.md"
    before = target.read_bytes()
    result = batch(blog, "--offline", "--annotate", monkeypatch=monkeypatch)
    assert result.exit_code == 1  # the invented quote still fails the run
    assert target.read_bytes() == before
    assert "--- a/_posts/2024-01-01-a.md" in result.stdout
    assert ("+> it was, my grandmother kept four hives behind her house in the valley "
            "[▶ 0:01:12](https://youtu.be/Bq3ZkT7mW2e?t=72)\n") in result.stdout
    assert result.stdout.startswith("--- a/")  # a patch: the summary went to stderr
    assert "1 file would change" in result.stderr

    result = batch(blog, "--offline", "--annotate", "--write", monkeypatch=monkeypatch)
    after = target.read_text(encoding="utf-8")
    assert "[▶ 0:01:12](https://youtu.be/Bq3ZkT7mW2e?t=72)" in after
    assert after.count("▶") == 1  # the invented quote is never linked
    assert "--- a/" not in result.stdout
    assert batch(blog, "--offline", "--annotate", monkeypatch=monkeypatch).stdout.count("--- a/") == 0


def test_annotate_leaves_a_post_that_changed_after_it_was_checked(tmp_path, monkeypatch):
    import clipnote.posts
    from clipnote.posts import read_post as real

    blog = make_blog(tmp_path / "blog", {"_posts/2024-01-01-a.md": CLEAN})
    target = blog / "_posts/2024-01-01-a.md"

    def read_then_edit(path, *args, **kwargs):
        read = real(path, *args, **kwargs)
        Path(path).write_text(CLEAN + "\nEdited meanwhile.\n", encoding="utf-8")
        return read

    monkeypatch.setattr(clipnote.posts, "read_post", read_then_edit)
    monkeypatch.setattr("clipnote.batch.run.read_post", read_then_edit)
    result = batch(blog, "--offline", "--annotate", "--write", monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert "changed since it was checked; not annotated" in result.stderr
    assert target.read_text(encoding="utf-8").endswith("Edited meanwhile.\n")


def test_the_samples_folder_is_three_blogs_without_drafts_or_templates(tmp_path, monkeypatch):
    """What the README's Quickstart runs: every post of the three sample blogs, drafts, template
    folders and the samples' own documentation left out. (The checker is stubbed: this is about
    which posts are found.)"""
    import clipnote.pipeline
    from conftest import ROOT

    from clipnote.model import ArticleResult

    monkeypatch.setattr(clipnote.pipeline.Checker, "check_article", lambda self, a: ArticleResult(a))
    monkeypatch.chdir(ROOT)
    result = batch(ROOT, "samples", "--offline", "--out", str(tmp_path / "report"))
    assert result.exit_code == 0, result.output
    data = summary(tmp_path / "report")
    found = paths(data)
    posts = {p.relative_to(ROOT / "samples").as_posix() for p in (ROOT / "samples").glob("*/*/**/*.md")
             if "_drafts" not in p.parts and "archetypes" not in p.parts and p.name != "README.md"
             and "draft: true" not in p.read_text(encoding="utf-8")[:300]}
    assert len(found) == len(posts) >= 15
    assert {p.split("/")[1] for p in found} == {"jekyll-blog", "hugo-blog", "hexo-blog"}
    assert not any(part in p for p in found for part in ("_drafts", "_includes", "archetypes", "README"))
    skipped = {s["path"]: s["reason"] for s in data["run"]["skipped"]}
    assert skipped["samples/jekyll-blog/_drafts/cool-roofs-notes.md"] == "draft (_drafts/)"
    assert skipped["samples/hugo-blog/content/posts/sourdough-notes.zh.md"] == "draft (draft: true)"
