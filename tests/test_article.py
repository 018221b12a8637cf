"""Reading an article: bytes to text, front matter, blocks with file line numbers, and the mask."""

import os
import sys
from pathlib import Path

import pytest

from clipnote.article.document import parse_document, read_article_text
from clipnote.article.frontmatter import split_front_matter
from clipnote.errors import ArticleError
from clipnote.article.scan import iter_articles, scan_file, scan_paths, scan_text

POST = "---\ntitle: A post\n---\n\nIntro.\n\n{% youtube FhrAWLUEN-Q?t=90 %}\n\n> A quote of the talk here.\n"


# --- bytes to text ------------------------------------------------------------------------------

def test_bom_crlf_and_utf16_read_as_the_same_text(tmp_path):
    variants = {
        "plain.md": POST.encode("utf-8"),
        "bom.md": b"\xef\xbb\xbf" + POST.encode("utf-8"),
        "crlf.md": POST.replace("\n", "\r\n").encode("utf-8"),
        "utf16.md": POST.encode("utf-16"),
    }
    results = []
    for name, data in variants.items():
        (tmp_path / name).write_bytes(data)
        assert read_article_text(tmp_path / name) == POST
        article = scan_file(tmp_path / name)
        results.append([(c.video_id, c.start, c.line) for c in article.clips])
    assert results == [[("FhrAWLUEN-Q", 90, 7)]] * 4


@pytest.mark.parametrize("data, reason", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    ("caf\u00e9 latin-1\n".encode("latin-1"), "not UTF-8 text (byte 0xe9 on line 1)"),
])
def test_binary_and_non_utf8_files_are_refused_with_a_reason(tmp_path, data, reason):
    path = tmp_path / "bad.md"
    path.write_bytes(data)
    with pytest.raises(ArticleError) as error:
        scan_file(path)
    assert str(path) in str(error.value) and reason in str(error.value)


def test_missing_and_folder_paths(tmp_path):
    with pytest.raises(ArticleError, match="no such file"):
        read_article_text(tmp_path / "nope.md")
    with pytest.raises(ArticleError, match="is a folder"):
        read_article_text(tmp_path)


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="needs POSIX permissions")
def test_unreadable_file(tmp_path):
    path = tmp_path / "locked.md"
    path.write_text(POST)
    path.chmod(0)
    try:
        with pytest.raises(ArticleError, match="permission denied"):
            scan_file(path)
    finally:
        path.chmod(0o644)


def test_unreadable_file_is_reported_whoever_runs_the_tests(tmp_path, monkeypatch):
    path = tmp_path / "locked.md"
    path.write_text(POST)

    def denied(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(ArticleError) as error:
        scan_file(path)
    assert str(error.value) == f"{path}: cannot read the file: permission denied"


# --- front matter -------------------------------------------------------------------------------

def test_yaml_toml_and_hexo_front_matter():
    yaml_fm = split_front_matter("---\ntitle: T\ndraft: true\n---\nbody\n")
    assert (yaml_fm.format, yaml_fm.data, yaml_fm.first_line, yaml_fm.last_line) == (
        "yaml", {"title": "T", "draft": True}, 1, 4)
    toml_fm = split_front_matter("+++\ntitle = 'T'\ndraft = false\n+++\nbody\n")
    assert (toml_fm.format, toml_fm.data, toml_fm.last_line) == ("toml", {"title": "T", "draft": False}, 4)
    hexo = split_front_matter("title: Gimbal Lock\ndate: 2015-07-17 13:49:49\ntags:\n  - WebGL\n---\n# Body\n")
    assert (hexo.first_line, hexo.last_line, hexo.data["title"]) == (1, 5, "Gimbal Lock")
    # a setext heading that happens to look like `key: value` is not front matter
    assert split_front_matter("Note: read this first\n---\n\nbody\n").first_line == 0
    assert split_front_matter("# Just a post\n").first_line == 0


@pytest.mark.parametrize("text, line, words", [
    ("---\ntitle: [unclosed\n---\nbody\n", 2, "YAML"),
    ("---\ntitle: a\n  bad: indent\n---\n", 3, "YAML"),
    ("+++\ntitle = \n+++\nbody\n", 2, "TOML"),
    ("---\ntitle: T\nno closing fence\n", 1, "never closed"),
    ("---\n- a\n- list\n---\nbody\n", 1, "not a set of keys"),
    ('{\n  "title": "T",\n}\nbody\n', 3, "JSON"),
])
def test_broken_front_matter_is_a_warning_with_its_line_and_the_body_is_read(text, line, words,
                                                                            tmp_path):
    article = scan_text(text + "\nhttps://youtu.be/FhrAWLUEN-Q\n", "p.md")
    (problem,) = article.problems
    assert (problem.kind, problem.severity, problem.line) == ("broken-front-matter", "warning", line)
    assert words in problem.message
    assert [c.video_id for c in article.clips] == ["FhrAWLUEN-Q"]
    path = tmp_path / "broken.md"
    path.write_text(text)
    assert scan_file(path).problems[0].line == line  # read, not refused


def test_body_still_scanned_when_front_matter_is_broken():
    article = scan_text("---\ntitle: [oops\n---\n\nhttps://youtu.be/FhrAWLUEN-Q?t=3\n", "p.md")
    assert [(c.video_id, c.line) for c in article.clips] == [("FhrAWLUEN-Q", 5)]


def test_metadata_title_language_and_drafts():
    article = scan_text("---\ntitle: Hello\nlang: pt\n---\nx\n", "p.md")
    assert (article.title, article.language, article.draft) == ("Hello", "pt", False)
    assert scan_text("# 見出し\n\nこれは日本語の文章です。ひらがなとカタカナがたくさんあります。\n", "p.md").language == "ja"
    assert scan_text("# Heading\n\ntext\n", "p.md").title == "Heading"


# --- blocks and the mask ------------------------------------------------------------------------

def test_block_lines_are_file_lines_with_front_matter_counted():
    doc = parse_document("---\na: 1\n---\n\n> # Heading in a quote\n> para\nlazy\n\n- item\n\n    continued\n")
    kinds = [(b.kind, b.start, b.end, b.quote_depth, b.list_depth) for b in doc.blocks]
    assert kinds == [("heading", 5, 5, 1, 0), ("paragraph", 6, 7, 1, 0), ("paragraph", 9, 9, 0, 1),
                     ("paragraph", 11, 11, 0, 1)]
    assert doc.block_text(doc.blocks[1]) == "para\nlazy"
    assert doc.block_text(doc.blocks[0]) == "Heading in a quote"


def test_mask_keeps_length_and_lines_and_blanks_non_content():
    text = ("Keep <!-- drop\nthis --> keep\n\n```\ncode line\n```\n\n{% raw %}raw{% endraw %} "
            "`span` {{</* x */>}} {/* y */}\n\n> quoted\n")
    doc = parse_document(text)
    assert len(doc.masked) == len(text) and doc.masked.count("\n") == text.count("\n")
    for gone in ("drop", "this", "code line", "raw", "span", "x */", "y */", "> quoted"):
        assert gone not in doc.masked
    assert "Keep" in doc.masked and "keep" in doc.masked and "quoted" in doc.masked
    assert "span" in doc.content  # code spans are text a reader sees, just never a clip


def test_crlf_and_lone_cr_keep_line_numbers():
    text = "a\r\n\r\n```\r\nhttps://youtu.be/FhrAWLUEN-Q\r\n```\r\n\rhttps://youtu.be/h5Tz7gZT9Fo\r\n"
    article = scan_text(text, "p.md")
    assert [(c.video_id, c.line) for c in article.clips] == [("h5Tz7gZT9Fo", 7)]


# --- walking paths ------------------------------------------------------------------------------

def test_iter_articles_walks_folders_and_reports_bad_paths(tmp_path):
    blog = tmp_path / "blog"
    (blog / "_posts").mkdir(parents=True)
    (blog / "_posts" / "b.md").write_text(POST)
    (blog / "_posts" / "a.markdown").write_text(POST)
    (blog / "content" / "x").mkdir(parents=True)
    (blog / "content" / "x" / "index.mdx").write_text(POST)
    (blog / "content" / "notes.qmd").write_text(POST)
    (blog / "content" / "page.html").write_text(POST)
    (blog / "content" / "image.png").write_bytes(b"\x89PNG")
    (blog / ".clipnote").mkdir()
    (blog / ".clipnote" / "hidden.md").write_text(POST)
    (blog / "node_modules" / "pkg").mkdir(parents=True)
    (blog / "node_modules" / "pkg" / "README.md").write_text(POST)
    for templates in ("_includes", "_layouts", "archetypes", "layouts", "themes/x", "public"):
        (blog / templates).mkdir(parents=True)
        (blog / templates / "default.md").write_text("---\ntitle: {{ .Name }}\n---\n")
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("not an article")
    explicit = tmp_path / "notes.txt"
    explicit.write_text("A text file named on the command line is read: https://youtu.be/FhrAWLUEN-Q\n")

    items = list(iter_articles([blog, tmp_path / "missing", empty, explicit, blog / "_posts" / "a.markdown"]))
    paths = [str(i.relative_to(tmp_path)) for i in items if not isinstance(i, ArticleError)]
    errors = [str(e) for e in items if isinstance(e, ArticleError)]
    assert paths == ["blog/_posts/a.markdown", "blog/_posts/b.md", "blog/content/notes.qmd",
                     "blog/content/page.html", "blog/content/x/index.mdx", "notes.txt"]
    assert errors == [f"{tmp_path / 'missing'}: no such file or folder",
                      f"{empty}: no articles in this folder (looked for .md, .markdown, .mdx, .qmd, .html)"]


def test_scan_paths_goes_on_after_a_bad_file(tmp_path):
    (tmp_path / "a.md").write_bytes(b"\x00\x01binary")
    (tmp_path / "b.md").write_text(POST)
    results = list(scan_paths([tmp_path]))
    assert isinstance(results[0], ArticleError) and "binary" in str(results[0])
    assert results[1].clips[0].video_id == "FhrAWLUEN-Q"
