"""A broken front matter keeps the article (issue 9 item 4): a warning naming the file and line,
a tolerant reading of its plain `key: value` lines for the video fields, and the body scanned
and checked as usual, for YAML, TOML and JSON front matter and for one that never closes."""

from __future__ import annotations

import json

import pytest
from batch_support import REAL, VIDEO, make_blog, use_shared_cache
from click.testing import CliRunner

from clipnote.article.frontmatter import split_front_matter, tolerant_keys
from clipnote.article.scan import scan_text
from clipnote.cli import main

QUOTE = "it was, my grandmoth"  # how REAL's text begins
BODY_LINK = "See also [the Q&A](https://youtu.be/FhrAWLUEN-Q?t=95).\n"


@pytest.mark.parametrize("front, line", [
    # the site generator serves this; YAML says `mapping values are not allowed here`
    (f"---\ntitle: Bees\nspeaker: Panel: A, B, C\nvideo: https://youtu.be/{VIDEO}?t=72\n---\n", 3),
    (f"---\ntitle: Bees\nvideo: \"https://youtu.be/{VIDEO}?t=72\"\ntags: [a, b\n---\n", 4),
    (f"+++\ntitle = \"Bees\"\nvideo = 'https://youtu.be/{VIDEO}?t=72'\ntags = [a]\n+++\n", 4),
    (f"{{\n  \"title\": \"Bees\",\n  \"video\": \"https://youtu.be/{VIDEO}?t=72\",\n}}\n", 4),
    (f"---\ntitle: Bees\nvideo: https://youtu.be/{VIDEO}?t=72\n\n", 1),  # never closed
    (f"{{\n  \"title\": \"Bees\",\n  \"video\": \"https://youtu.be/{VIDEO}?t=72\"\n\n", 1),
])
def test_the_video_fields_and_the_body_survive_a_broken_front_matter(front, line):
    article = scan_text(front + "\nThe talk, in short.\n\n" + REAL + "\n" + BODY_LINK, "p.md")
    (problem,) = article.problems
    assert (problem.severity, problem.line, problem.kind) == ("warning", line, "broken-front-matter")
    assert problem.message.startswith(("broken front matter", "front matter opened with"))
    assert article.title == "Bees"
    page, link = article.clips
    assert (page.kind, page.video_id, page.start, page.line > 0) == ("front-matter", VIDEO, 72.0, True)
    assert [e.text[:20] for e in page.excerpts] == [QUOTE]  # the quote belongs to the page's video
    assert (link.video_id, link.start) == ("FhrAWLUEN-Q", 95.0)


def test_a_front_matter_that_never_closes_ends_where_its_keys_end():
    front = split_front_matter("---\ntitle: T\nvideo: abcdefghijk\n\n# Heading\n\nbody\n")
    assert (front.last_line, front.data) == (3, {"title": "T", "video": "abcdefghijk"})
    assert "never closed" in front.error and "up to line 3" in front.error
    # a rule at the top of a plain post, with no key below it, is not a front matter at all
    assert split_front_matter("---\n\nJust a post.\n") == split_front_matter("Just a post.\n")


def test_the_tolerant_reading_takes_only_plain_top_level_keys():
    yaml_text = ("title: 'Q: and A'\nspeaker: Panel: A, B\nurl: https://youtu.be/x?t=1#t=2 # note\n"
                 "tags:\n  - one\n  - \"two\"\nabout: |\n  block text: not a key\nnested:\n  key: v\n")
    assert tolerant_keys(yaml_text, "yaml") == {
        "title": "Q: and A", "speaker": "Panel: A, B", "url": "https://youtu.be/x?t=1#t=2",
        "tags": ["one", "two"]}
    toml_text = "title = 'T'\nbroken = \nvideo = \"abcdefghijk\"\n[params]\nvideo = \"zzzzzzzzzzz\"\n"
    assert tolerant_keys(toml_text, "toml") == {"title": "T", "video": "abcdefghijk"}
    json_text = '{\n  "title": "T",\n  "params": {\n    "x": 1\n  },\n  "draft": true,,\n}'
    assert tolerant_keys(json_text, "json") == {"title": "T", "draft": "true"}


def test_a_draft_flag_is_still_read_from_a_broken_front_matter():
    article = scan_text("---\ntitle: A: B\ndraft: true\n---\nbody\n", "p.md")
    assert article.draft and article.problems[0].severity == "warning"


def test_valid_json_front_matter_is_read():
    article = scan_text(f'{{\n  "title": "Bees",\n  "youtubeId": "{VIDEO}"\n}}\n\n{REAL}', "p.md")
    assert article.problems == () and article.title == "Bees"
    assert [(c.kind, c.video_id, [e.text[:20] for e in c.excerpts]) for c in article.clips] == [
        ("front-matter", VIDEO, [QUOTE])]
    # a shortcode, a Liquid tag or an MDX comment on the first line is not a JSON front matter
    for first in ("{{< youtube x >}}", "{% include a.html %}", "{/* note */}"):
        assert split_front_matter(first + "\n").first_line == 0


def test_check_warns_with_file_and_line_checks_the_quote_and_exits_as_for_a_warning(
        tmp_path, monkeypatch, _isolated_cache, tmp_path_factory):
    use_shared_cache(tmp_path_factory, monkeypatch)
    text = (f"---\ntitle: Bees\nspeaker: Panel: A, B, C\nvideo: https://youtu.be/{VIDEO}?t=72\n---\n"
            f"\n{REAL}")
    blog = make_blog(tmp_path / "blog", {"_posts/p.md": text})
    monkeypatch.chdir(blog)
    runner = CliRunner()
    result = runner.invoke(main, ["check", "_posts/p.md", "--offline", "--format", "json"],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert "clipnote: warning: _posts/p.md:3: broken front matter (YAML)" in result.stderr
    report = json.loads(result.stdout)
    assert [e["verdict"] for c in report["clips"] for e in c["excerpts"]] == ["supported"]
    assert report["errors"][0]["severity"] == "warning"
    assert (report["summary"]["errors"], report["summary"]["findings"]["warning"]) == (0, 1)
    strict = runner.invoke(main, ["check", "_posts/p.md", "--offline", "--fail-on", "warning"],
                           catch_exceptions=False)
    assert strict.exit_code == 1


def test_embeds_lists_the_clips_and_counts_the_warning_apart_from_bad_references(tmp_path):
    path = tmp_path / "panel.md"
    path.write_text(f"---\ntitle: Panel\nspeaker: Panel: A, B\nvideo: {VIDEO}\n---\n\n{REAL}",
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["embeds", str(path)], catch_exceptions=False)
    assert result.exit_code == 0
    assert f"clipnote: warning: {path}:3: broken front matter (YAML)" in result.stderr
    assert "1 clip(s), 1 excerpt(s), 1 other warning(s)" in " ".join(result.stdout.split())


def test_hexo_front_matter_without_its_opening_fence_is_read_tolerantly_only_when_it_looks_like_one():
    broken = split_front_matter("title: Panel: A, B\ndate: 2024-01-01\n---\nbody\n")
    assert (broken.last_line, broken.data["title"], broken.error is not None) == (3, "Panel: A, B", True)
    prose = "Date: 2020: notes from the talk\n\nA paragraph of prose.\n\n---\n\nMore.\n"
    assert split_front_matter(prose).first_line == 0
