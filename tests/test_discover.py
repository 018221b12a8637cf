"""Finding posts: each site layout, drafts, include/exclude, .clipnoteignore, odd file names."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from clipnote.config import load_config
from clipnote.discover import detect_layouts, discover_posts, draft_reason, select_files
from clipnote.errors import UsageError

POST = "---\ntitle: a post\n---\nText.\n"
DRAFT = "---\ntitle: a draft\ndraft: true\n---\nText.\n"
UNPUBLISHED = "---\ntitle: hidden\npublished: false\n---\nText.\n"


def make(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def names(discovery, paths=None) -> list[str]:
    return [discovery.relative(p) for p in (discovery.posts if paths is None else paths)]


def skipped(discovery) -> dict[str, str]:
    return {discovery.relative(s.path): s.reason for s in discovery.skipped}


# --- layouts -----------------------------------------------------------------------------------


def test_jekyll(tmp_path):
    root = make(tmp_path, {
        "_config.yml": "title: blog\ncollections:\n  talks:\n    output: true\n",
        "_posts/2020-01-01-a.md": POST,
        "_posts/2020-01-02-b.html": "<p>an HTML post</p>",
        "_posts/2020-01-03-c.md": UNPUBLISHED,
        "_drafts/idea.md": POST,
        "_talks/keynote.md": POST,
        "travel/_posts/2021-05-05-d.markdown": POST,
        "_site/2020/01/01/a.md": POST,
        "_includes/youtubePlayer.html": "<iframe></iframe>",
        "vendor/bundle/gems/x/README.md": POST,
        "README.md": POST,
        "about.md": POST,
        "assets/img.png": "",
    })
    found = discover_posts(root)
    assert [layout.name for layout in found.layouts] == ["jekyll"]
    assert found.layout == "Jekyll (_posts, _drafts, travel/_posts, _talks)"
    assert names(found) == ["_posts/2020-01-01-a.md", "_posts/2020-01-02-b.html",
                            "_talks/keynote.md", "travel/_posts/2021-05-05-d.markdown"]
    assert skipped(found) == {"_drafts/idea.md": "draft (_drafts/)",
                              "_posts/2020-01-03-c.md": "draft (published: false)"}
    with_drafts = discover_posts(root, drafts=True)
    assert names(with_drafts) == ["_drafts/idea.md", "_posts/2020-01-01-a.md",
                                  "_posts/2020-01-02-b.html", "_posts/2020-01-03-c.md",
                                  "_talks/keynote.md", "travel/_posts/2021-05-05-d.markdown"]
    assert names(with_drafts, with_drafts.drafts) == ["_drafts/idea.md", "_posts/2020-01-03-c.md"]
    assert not with_drafts.skipped


def test_jekyll_collections_dir(tmp_path):
    root = make(tmp_path, {
        "_config.yml": "collections_dir: my_collections\ncollections: [talks]\n",
        "my_collections/_posts/2020-01-01-a.md": POST,
        "my_collections/_drafts/b.md": POST,
        "my_collections/_talks/c.md": POST,
        "_posts/ignored-by-jekyll.md": POST,
    })
    found = discover_posts(root)
    assert found.layout == ("Jekyll (my_collections/_posts, my_collections/_drafts, "
                            "my_collections/_talks)")
    assert names(found) == ["my_collections/_posts/2020-01-01-a.md", "my_collections/_talks/c.md"]


def test_hugo_with_toml_yaml_and_json_front_matter(tmp_path):
    root = make(tmp_path, {
        "hugo.toml": 'baseURL = "https://example.org/"\n',
        "content/posts/a.md": POST,
        "content/posts/b.md": "+++\ntitle = 'b'\ndraft = true\n+++\nText.\n",
        "content/posts/c.md": "+++\ntitle = 'c'\n[params]\ndraft = true\n+++\nnot a draft\n",
        "content/posts/d/index.md": '{\n  "title": "d",\n  "draft": true\n}\nText.\n',
        "content/posts/e.md": "---\ndraft: 'true'  # quoted still counts\n---\n",
        "content/posts/f.md": "---\ndraft: false\n---\n",
        "content/_index.md": POST,
        "content/page.html": "<p>html content</p>",
        "public/posts/a/index.html": "<p>built</p>",
        "resources/_gen/x.md": POST,
        "themes/t/exampleSite/content/x.md": POST,
        "archetypes/default.md": POST,
    })
    found = discover_posts(root)
    assert found.layout == "Hugo (content)"
    assert names(found) == ["content/_index.md", "content/page.html", "content/posts/a.md",
                            "content/posts/c.md", "content/posts/f.md"]
    assert skipped(found) == {"content/posts/b.md": "draft (draft: true)",
                              "content/posts/d/index.md": "draft (draft: true)",
                              "content/posts/e.md": "draft (draft: true)"}


def test_hugo_content_dir_from_its_config(tmp_path):
    root = make(tmp_path, {
        "config.yaml": "contentDir: site-content\nlanguages:\n  ja:\n    contentDir: site-content/ja\n",
        "site-content/en/a.md": POST,
        "site-content/ja/b.md": POST,
        "content/not-used.md": POST,
    })
    found = discover_posts(root)
    assert found.layout == "Hugo (site-content)"
    assert names(found) == ["site-content/en/a.md", "site-content/ja/b.md"]


def test_hexo(tmp_path):
    root = make(tmp_path, {
        "_config.yml": "title: hexo\n",
        "scaffolds/post.md": POST,
        "source/_posts/hello.md": POST,
        "source/_posts/hidden.md": UNPUBLISHED,
        "source/_drafts/wip.md": POST,
        "source/about/index.md": POST,
        "source/_data/menu.md": POST,
        "public/index.html": "",
    })
    found = discover_posts(root)
    assert [layout.name for layout in found.layouts] == ["hexo"]  # source/_posts is not Jekyll
    assert names(found) == ["source/_posts/hello.md", "source/about/index.md"]
    assert skipped(found) == {"source/_drafts/wip.md": "draft (_drafts/)",
                              "source/_posts/hidden.md": "draft (published: false)"}


def test_quarto(tmp_path):
    root = make(tmp_path, {
        "_quarto.yml": "project:\n  type: website\n  output-dir: docs\n",
        "index.qmd": POST,
        "posts/2024-01-01/index.qmd": POST,
        "posts/2024-02-02/index.qmd": DRAFT,
        "posts/notes.md": POST,
        "_freeze/posts/x.md": POST,
        "_extensions/quarto-ext/README.md": POST,
        "docs/posts/index.md": POST,
        "analysis.ipynb": "{}",
    })
    found = discover_posts(root)
    assert found.layout == "Quarto (.)"
    assert names(found) == ["index.qmd", "posts/2024-01-01/index.qmd", "posts/notes.md"]
    assert skipped(found) == {"posts/2024-02-02/index.qmd": "draft (draft: true)"}


def test_eleventy(tmp_path):
    root = make(tmp_path, {
        "eleventy.config.js": 'export default function (cfg) {\n  return { dir: { input: "src", output: "dist" } };\n}\n',
        "src/blog/a.md": POST,
        "src/_includes/layout.md": POST,
        "src/_data/x.md": POST,
        "src/dist/y.md": POST,
        "README.md": POST,
    })
    found = discover_posts(root)
    assert found.layout == "11ty (src)"
    assert names(found) == ["src/blog/a.md"]


def test_eleventy_default_input_is_the_root(tmp_path):
    root = make(tmp_path, {".eleventy.js": "module.exports = () => {};\n", "posts/a.md": POST,
                           "_site/posts/a/index.html": ""})
    assert names(discover_posts(root)) == ["posts/a.md"]


def test_docusaurus_mdx(tmp_path):
    root = make(tmp_path, {
        "docusaurus.config.ts": "export default {};\n",
        "blog/2021-08-01-talk.mdx": POST,
        "blog/2021-09-01-wip.mdx": DRAFT,
        "docs/intro.md": POST,
        "i18n/ja/docusaurus-plugin-content-blog/2021-08-01-talk.mdx": POST,
        "src/components/Player.mdx": POST,
        "node_modules/pkg/README.md": POST,
        "build/blog/index.html": "",
    })
    found = discover_posts(root)
    assert found.layout == "Docusaurus (blog, docs, i18n)"
    assert names(found) == ["blog/2021-08-01-talk.mdx", "docs/intro.md",
                            "i18n/ja/docusaurus-plugin-content-blog/2021-08-01-talk.mdx"]


def test_astro(tmp_path):
    root = make(tmp_path, {
        "astro.config.mjs": "export default {};\n",
        "src/content/blog/a.mdx": POST,
        "src/content/blog/b.md": DRAFT,
        "src/pages/about.md": POST,
        "src/layouts/Base.astro": "",
        "dist/index.html": "",
    })
    found = discover_posts(root)
    assert found.layout == "Astro (src/content, src/pages)"
    assert names(found) == ["src/content/blog/a.mdx", "src/pages/about.md"]


def test_plain_folder_of_markdown(tmp_path):
    root = make(tmp_path, {
        "a.md": POST,
        "notes/b.mdx": POST,
        "notes/c.qmd": POST,
        "notes/d.txt": POST,
        "notes/build/e.md": POST,  # only a top-level build/ is built output
        "build/f.md": POST,
        "node_modules/x/README.md": POST,
        ".git/x.md": POST,
        ".github/ISSUE_TEMPLATE/bug.md": POST,
        ".clipnote/transcripts/README.md": POST,
        "clipnote-report/index.md": POST,
        "page.html": "<p>not taken for a post without a layout</p>",
    })
    found = discover_posts(root)
    assert found.layout == "Markdown (.)"
    assert names(found) == ["a.md", "notes/b.mdx", "notes/build/e.md", "notes/c.qmd"]


def test_a_folder_of_several_blogs(tmp_path):
    root = make(tmp_path, {
        "README.md": POST,
        "jekyll-blog/_posts/2020-01-01-a.md": POST,
        "jekyll-blog/_drafts/b.md": POST,
        "jekyll-blog/README.md": POST,
        "hugo-blog/content/c.md": POST,
        "hugo-blog/layouts/partials/x.md": POST,
        "notes/d.md": POST,
    })
    found = discover_posts(root)
    assert [layout.name for layout in found.layouts] == ["hugo", "jekyll", "markdown"]
    assert found.layout == ("Hugo (hugo-blog/content) + Jekyll (jekyll-blog/_posts, "
                            "jekyll-blog/_drafts) + Markdown (.)")
    assert names(found) == ["README.md", "hugo-blog/content/c.md",
                            "jekyll-blog/_posts/2020-01-01-a.md", "notes/d.md"]
    assert skipped(found) == {"jekyll-blog/_drafts/b.md": "draft (_drafts/)"}


def test_two_layouts_in_one_repository(tmp_path):
    root = make(tmp_path, {"_posts/2020-01-01-a.md": POST, "content/b.md": POST})
    found = discover_posts(root)
    assert [layout.name for layout in found.layouts] == ["jekyll", "hugo"]
    assert names(found) == ["_posts/2020-01-01-a.md", "content/b.md"]


def test_detect_layouts_sees_nothing_in_an_empty_folder(tmp_path):
    assert detect_layouts(tmp_path) == ()
    found = discover_posts(tmp_path)
    assert found.posts == () and found.layout == "Markdown (.)"


# --- names and order ---------------------------------------------------------------------------


def test_spaces_at_signs_korean_and_japanese(tmp_path):
    files = {
        "content/posts/한글 제목 @2024/index.md": POST,
        "content/posts/日本語の記事.md": POST,
        "content/posts/with space.md": POST,
        "content/posts/@scope/x.md": POST,
        "content/posts/下書き.md": DRAFT,
    }
    root = make(tmp_path, files)
    found = discover_posts(root)
    assert names(found) == ["content/posts/@scope/x.md", "content/posts/with space.md",
                            "content/posts/日本語の記事.md", "content/posts/한글 제목 @2024/index.md"]
    assert skipped(found) == {"content/posts/下書き.md": "draft (draft: true)"}
    excluded = discover_posts(root, exclude=["한글 제목 @2024/", "*記事.md"])
    assert names(excluded) == ["content/posts/@scope/x.md", "content/posts/with space.md"]
    assert skipped(excluded)["content/posts/日本語の記事.md"] == "excluded by --exclude: *記事.md"


def test_decomposed_hangul_file_names_match_composed_patterns(tmp_path):
    nfd = unicodedata.normalize("NFD", "한글.md")
    root = make(tmp_path, {f"posts/{nfd}": POST, "posts/other.md": POST})
    found = discover_posts(root, exclude=["posts/한글.md"])
    assert names(found) == ["posts/other.md"]


def test_order_is_sorted_and_repeatable(tmp_path):
    root = make(tmp_path, {f"_posts/2020-01-{n:02d}-x.md": POST for n in (9, 1, 30, 12)})
    first = discover_posts(root)
    assert names(first) == sorted(names(first))
    assert discover_posts(root) == first


# --- include, exclude, .clipnoteignore, skip ---------------------------------------------------


def test_include_replaces_the_layout_with_gitignore_semantics(tmp_path):
    root = make(tmp_path, {
        "_posts/2020-01-01-a.md": POST,
        "talks/kubecon/index.md": POST,
        "talks/kubecon/slides.pdf": "",
        "talks/old/x.md": POST,
        "notes.md": POST,
        "node_modules/talks/y.md": POST,
    })
    found = discover_posts(root, include=["talks/", "!talks/old/", "/notes.md"])
    assert found.layout == "include patterns (.)"
    assert names(found) == ["notes.md", "talks/kubecon/index.md"]
    anywhere = discover_posts(root, include=["*.md"], exclude=["_posts/"])
    assert names(anywhere) == ["notes.md", "talks/kubecon/index.md", "talks/old/x.md"]
    assert skipped(anywhere) == {"_posts/2020-01-01-a.md": "excluded by --exclude: _posts/"}


def test_exclude_patterns(tmp_path):
    root = make(tmp_path, {
        "content/a.md": POST,
        "content/archive/2012/b.md": POST,
        "content/archive/2012/keep.md": POST,
        "content/drafts/c.md": POST,
        "content/x/drafts/d.md": POST,
    })
    # a slash inside a pattern anchors it: `archive/**` would only match a top-level archive/
    assert len(discover_posts(root, exclude=["archive/**"]).posts) == 5
    found = discover_posts(root, exclude=["**/archive/**", "!keep.md", "/content/drafts/"])
    assert names(found) == ["content/a.md", "content/archive/2012/keep.md",
                            "content/x/drafts/d.md"]


def test_clipnoteignore_and_configuration_patterns(tmp_path):
    root = make(tmp_path, {
        ".clipnoteignore": "# old posts\ncontent/old/\nvideo:dQw4w9WgXcQ\n",
        "clipnote.toml": '[ignore]\npaths = ["*.draft.md"]\nkinds = ["number-agrees"]\n',
        "content/a.md": POST,
        "content/old/b.md": POST,
        "content/c.draft.md": POST,
    })
    (root / ".git").mkdir()
    config = load_config(root)
    found = discover_posts(root, ignore=config.ignore)
    assert names(found) == ["content/a.md"]
    assert skipped(found) == {
        "content/old/b.md": "ignored by .clipnoteignore:2: content/old/",
        "content/c.draft.md": "ignored by clipnote.toml ignore.paths:2: *.draft.md",
    }
    # the rules in force go on to the runner, for the video and kind entries
    assert found.ignore.videos == {"dQw4w9WgXcQ"} and found.ignore.kinds == {"number-agrees"}
    assert names(discover_posts(root, ignore_file=False)) == [
        "content/a.md", "content/c.draft.md", "content/old/b.md"]


def test_configuration_patterns_are_relative_to_the_configuration(tmp_path):
    root = make(tmp_path, {
        "clipnote.toml": 'exclude = ["blog/content/old/"]\n',
        "blog/content/a.md": POST,
        "blog/content/old/b.md": POST,
    })
    (root / ".git").mkdir()
    config = load_config(root / "blog")
    found = discover_posts(root / "blog", exclude=config.exclude)
    assert names(found) == ["content/a.md"]
    assert skipped(found) == {"content/old/b.md": "excluded by clipnote.toml exclude: blog/content/old/"}


def test_skip_keeps_the_report_folder_out(tmp_path):
    root = make(tmp_path, {"a.md": POST, "reports/a.md": POST})
    assert names(discover_posts(root, skip=[root / "reports"])) == ["a.md"]


def test_only_keeps_the_changed_posts(tmp_path):
    root = make(tmp_path, {"_posts/a.md": POST, "_posts/b.md": POST, "_drafts/c.md": POST})
    found = discover_posts(root, drafts=True)
    changed = found.only({root / "_posts/b.md", root / "_drafts/c.md", root / "other.md"})
    assert names(changed) == ["_drafts/c.md", "_posts/b.md"]
    assert names(changed, changed.drafts) == ["_drafts/c.md"]


# --- files named one by one, and bad input -----------------------------------------------------


def test_select_files_applies_ignores_and_keeps_named_drafts(tmp_path):
    root = make(tmp_path, {".clipnoteignore": "old/\n", "a.md": DRAFT, "old/b.md": POST})
    (root / ".git").mkdir()
    found = select_files([root / "a.md", root / "old/b.md", root / "missing.md"])
    assert names(found) == ["a.md", "missing.md"]  # a missing file is for the checker to report
    assert skipped(found) == {"old/b.md": "ignored by .clipnoteignore:1: old/"}
    assert names(select_files([root / "a.md"], drafts=False)) == []
    make(root, {"_drafts/idea.md": POST})
    alone = select_files([root / "_drafts/idea.md"], drafts=False)
    assert alone.posts == () and [s.reason for s in alone.skipped] == ["draft (_drafts/)"]


def test_a_file_as_root(tmp_path):
    post = make(tmp_path, {"a.md": POST}) / "a.md"
    found = discover_posts(post)
    assert found.posts == (post.resolve(),)


def test_missing_root_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="no such file or folder"):
        discover_posts(tmp_path / "nope")


def test_unreadable_and_binary_posts_are_kept_for_the_checker(tmp_path):
    root = make(tmp_path, {"_posts/a.md": POST})
    (root / "_posts/b.md").write_bytes(b"\xff\xfe\x00binary\x00")
    (root / "_posts/broken.md").write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    (root / "_posts/link.md").symlink_to(root / "nowhere.md")
    found = discover_posts(root)
    assert names(found) == ["_posts/a.md", "_posts/b.md", "_posts/broken.md", "_posts/link.md"]


def test_draft_reason_reads_only_top_level_keys(tmp_path):
    make(tmp_path, {
        "a.md": "---\nparams:\n  draft: true\n---\n",
        "b.md": "\ufeff---\ndraft: yes\n---\n",
        "c.md": "no front matter\ndraft: true\n",
        "d.md": "---\ntitle: x\n---\ndraft: true\n",
    })
    assert draft_reason(tmp_path / "a.md") is None
    assert draft_reason(tmp_path / "b.md") == "draft: true"
    assert draft_reason(tmp_path / "c.md") is None
    assert draft_reason(tmp_path / "d.md") is None


# --- the real posts in ../shared/corpus ---------------------------------------------------------


@pytest.mark.shared
def test_corpus_blogs(corpus_dir):
    hexo = discover_posts(corpus_dir / "hanmomhanda__hanmomhanda.github.io")
    assert [layout.name for layout in hexo.layouts] == ["hexo"]
    assert len(hexo.posts) == 3 and not hexo.skipped
    hugo = discover_posts(corpus_dir / "hugocf__ferreira.cc")
    assert hugo.layout == "Hugo (content)"
    # the drafts, read by hand from their front matter
    assert sorted(skipped(hugo)) == [
        "content/clippings/2016/2016-06-06.md",
        "content/clippings/2017/2017-04-25-1.md",
        "content/clippings/2017/2017-04-25-2.md",
        "content/clippings/2019/2019-10-06/index.md",
        "content/clippings/2021/2021-07-22 product-trios.md",
        "content/clippings/2024/two-not-three.md",
    ]
    assert len(hugo.posts) == 7
    toml = discover_posts(corpus_dir / "karintomania__kaigai-matome")  # TOML front matter
    assert toml.layout == "Hugo (content)" and len(toml.posts) == 7 and not toml.skipped
