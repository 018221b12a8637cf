"""The Markdown reports, rendered with markdown-it-py to check what a reader really sees."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from report_fixtures import (
    BINARY,
    CAPTIONS,
    CLEAN,
    HOSTILE,
    HOSTILE_CAPTIONS,
    INTERVIEW,
    INVENTED,
    SCRIPT,
    SEGMENTS,
    VIDEO,
    all_results,
    clean_result,
    hostile_result,
    interview_result,
    unreadable_problem,
)

from clipnote.errors import ArticleError
from clipnote.model import Article, ArticleResult, Clip, ClipResult, Excerpt, ExcerptResult, Match, Transcript
from clipnote.report import mdtext as md
from clipnote.report.markdown import render_article, render_index
from clipnote.report.timeline import timeline

# CommonMark with raw HTML allowed (as GitHub allows a safe subset), plus GFM tables and
# strikethrough: the strictest reader for injection.
MD = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


class Page(HTMLParser):
    """Tags and text content of rendered HTML."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.chunks: list[str] = []
        self.rows: list[int] = []
        self._cells = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "tr":
            self._cells = 0
        if tag in ("td", "th"):
            self._cells += 1

    def handle_endtag(self, tag):
        if tag == "tr":
            self.rows.append(self._cells)

    def handle_data(self, data):
        self.chunks.append(data)

    def text(self) -> str:
        return " ".join("".join(self.chunks).split())

    def names(self) -> list[str]:
        return [tag for tag, _ in self.tags]


def page(markdown: str) -> Page:
    return Page(MD.render(markdown))


ALLOWED_TAGS = {"h1", "h2", "h3", "p", "a", "strong", "em", "code", "pre", "blockquote", "ul", "li",
                "table", "thead", "tbody", "tr", "th", "td", "details", "summary", "br"}


# --- escaping -----------------------------------------------------------------------------------

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Markdown's and HTML's own pieces, so the fuzzing hits them far more often than random text
_TOKENS = list("\\`*_[]()<>&#|~$!-+=.:;/'\" \n\tab1") + [
    "&amp;", "&lt;", "&#60;", "<script>", "</details>", "<!--", "](", "```", "~~~", "    ", "\u00a0",
    "1.", "2)", "***", "---", "===", "> ", "# ", "- ", "* ", "+ ", "<b>", "http://x.y", "<http://x>",
    "[a]: /u", "\\|", "$x$", "\r\n", "\u2028"]
TEXT = st.one_of(st.text(max_size=80), st.lists(st.sampled_from(_TOKENS), max_size=30).map("".join))


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_any_text_renders_as_itself_in_a_paragraph(value):
    p = page("Before " + md.text(value) + " after")
    assert p.names() == ["p"]
    # control characters print as spaces; all white space folds, as in any paragraph
    assert p.text() == " ".join(("Before " + _CONTROLS.sub(" ", value) + " after").split())


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_any_text_stays_in_its_table_cell(value):
    p = page(md.table(["a", "b"], [["x", md.text(value)]]))
    assert p.rows == [2, 2]
    assert p.text() == " ".join(("a b x " + _CONTROLS.sub(" ", value)).split())
    assert set(p.names()) <= {"table", "thead", "tbody", "tr", "th", "td"}


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_any_text_stays_inside_its_block_quote_and_link(value):
    p = page(md.quote_block(value) + "\n\nthen " + md.link(md.text(value), "https://youtu.be/x?t=1"))
    names = p.names()
    assert names.count("blockquote") == 1 and names.count("a") == 1
    assert set(names) <= {"blockquote", "p", "a"}
    plain = " ".join(_CONTROLS.sub(" ", value).split())
    assert p.text() == " ".join(f"{plain} then {plain}".split())




def test_hostile_text_is_shown_literally_and_never_as_html():
    markdown = render_article(hostile_result())
    html = MD.render(markdown)
    p = Page(html)
    assert "<script" not in html and "<img" not in html and "<b>" not in html and "<i>" not in html
    assert "<!--" not in html and "javascript:" not in {a.get("href", "") for t, a in p.tags if t == "a"}
    assert set(p.names()) <= ALLOWED_TAGS
    text = p.text()
    for caption in HOSTILE_CAPTIONS:  # every transcript line reads exactly as spoken
        assert " ".join(caption.split()) in text
    assert SCRIPT in text
    assert "Ann | <b>Bold</b>" in text
    # block structure survives: one title, clip and quote headings only, no stray lists/quotes
    assert p.names().count("h1") == 1
    assert p.names().count("blockquote") == 2
    assert "ol" not in p.names()
    assert p.names().count("details") == p.names().count("summary") == 2
    assert html.count("</details>") == 2


def test_table_rows_keep_their_column_count():
    for markdown in [render_article(r) for r in all_results()] + [
            render_index(all_results(), report_links={HOSTILE: "r/hostile | x.md"})]:
        for table_html in re.findall(r"<table>.*?</table>", MD.render(markdown), flags=re.S):
            rows = Page(table_html).rows
            assert rows and len(set(rows)) == 1, rows


# --- the article report -------------------------------------------------------------------------


def test_summary_table_comes_first():
    markdown = render_article(interview_result())
    first_table = markdown.index("| Result | Count |")
    assert first_table < markdown.index("## ")
    summary = markdown[first_table:markdown.index("\n\n", first_table)]
    assert "| ✅ supported | 8 |" in summary
    assert "| ❌ unsupported | 1 |" in summary
    assert "| 🚫 errors | 1 |" in summary
    assert "| ⚠️ warning findings | 2 |" in summary
    assert "| ℹ️ info findings | 5 |" in summary


def test_clip_heading_has_title_and_deep_link():
    markdown = render_article(interview_result())
    assert (f"## ▶ Chips, AI and Cooling \\| Interview \\#162 · "
            f"[1:17:28](https://youtu.be/{VIDEO}?t=4648)") in markdown
    # no transcript, no title: the id names the clip
    assert "## ▶ Zx9\\_kq-3PLm · [0:05:00](https://youtu.be/Zx9_kq-3PLm?t=300)" in markdown


def test_each_excerpt_shows_quote_verdict_lines_and_findings():
    markdown = render_article(interview_result())
    sections = markdown.split("\n### ")[1:]
    assert len(sections) == 9
    first = sections[0]
    assert first.startswith(f"#1 ✅ supported · Q（Lex） · `{INTERVIEW}:33`")
    assert "> テスラが自前で作っている学習用コンピュータについてどう思いますか？" in first
    # one linked line per caption line of the matched span (segments 3..7)
    for segment in SEGMENTS[3:8]:
        second = int(segment.start)
        assert f"- [{_hms(second)}](https://youtu.be/{VIDEO}?t={second}) {segment.text}" in first
    assert first.count(f"](https://youtu.be/{VIDEO}?t=") >= 5
    name = sections[2]
    assert f"⚠️ `{INTERVIEW}:38` **name-missing**" in name and "ナイロン" in name
    numbers = sections[3]
    assert numbers.count("**number-agrees**") == 2 and "1万ワット" in numbers
    invented = sections[8]
    assert invented.startswith("#9 ❌ unsupported")
    assert "**Not found in the transcript.**" in invented
    assert f"⛔ `{INTERVIEW}:55` **unsupported-quote**" in invented


def test_context_is_folded_in_details():
    markdown = render_article(interview_result())
    section = markdown.split("\n### ")[1]
    details = section[section.index("<details>"):section.index("</details>")]
    assert "<summary>Transcript around the match</summary>" in details
    assert CAPTIONS[0] in details and CAPTIONS[8] in details  # before and after the span
    assert CAPTIONS[4] not in details  # matched lines are shown above, not repeated


def test_every_finding_names_its_path_and_line():
    for result in all_results():
        markdown = render_article(result)
        for item_line in re.findall(r"^- (?:⛔|⚠️|ℹ️|🚫) (.*)$", markdown, flags=re.M):
            assert re.match(r"`[^`]+:\d+`", item_line), item_line


def test_clip_error_is_shown_with_the_excerpts_it_left_unchecked():
    markdown = render_article(interview_result())
    section = markdown[markdown.index("## ▶ Zx9"):]
    assert "**🚫 Not checked:** no transcript for Zx9\\_kq-3PLm" in section
    assert f"`{INTERVIEW}:62` Q（Lex） 次の話題はロボットです。" in section
    assert f"`{INTERVIEW}:64`" in section
    attention = markdown[markdown.index("## Needs attention"):markdown.index("## ▶")]
    assert attention.index("transcript-error") < attention.index("unsupported-quote") < \
        attention.index("timestamp-drift")
    assert "number-agrees" not in attention  # info findings are not a to-do


def test_timeline_shows_the_quotes_after_the_embed_start():
    markdown = render_article(interview_result())
    block = re.search(r"```text\n(.*?)\n```", markdown, flags=re.S).group(1)
    ruler, scale, *legend = block.split("\n")
    assert ruler.startswith("▲")  # the embed start is the earliest point
    marks = [c for c in ruler if c not in "·▲"]
    assert marks == list("12345678")
    assert ruler.index("1") > len(ruler) // 2  # 6:16 of drift pushes the quotes right
    assert scale.startswith("1:17:28") and scale.rstrip().endswith("1:26:35")
    assert legend[0] == "▲ embed start 1:17:28"
    assert "+6:16" in legend[1] and "#1–#8" in legend[1]
    assert legend[2] == "not found in the transcript: #9"
    assert len(ruler) == 60


def test_timeline_keeps_crowded_marks_apart_and_in_order():
    excerpts = tuple(ExcerptResult(Excerpt("a.md", n, "x"), "supported",
                                   Match(5000.0 + n * 0.1, 5001.0, 0.9, 0.9, 0, 0, "x"))
                     for n in range(1, 13))
    clip = ClipResult(Clip(VIDEO, 100.0, None, "a.md", 1, "raw"), None, excerpts)
    ruler = timeline(clip).split("\n")[0]
    assert [c for c in ruler if c not in "·▲"] == list("123456789abc")
    assert ruler.endswith("c") and ruler.startswith("▲")
    # a quote before the embed start: the marker sits after it
    early = ClipResult(Clip(VIDEO, 5010.0, None, "a.md", 1, "raw"), None, excerpts[:1])
    assert timeline(early).split("\n")[0].index("1") < timeline(early).split("\n")[0].index("▲")
    assert "first -0:10 from the start" in timeline(early)
    assert timeline(ClipResult(clip.clip, None, ())) is None


def test_a_long_match_folds_its_extra_lines():
    excerpt = Excerpt("a.md", 3, "a long answer")
    match = Match(SEGMENTS[0].start, SEGMENTS[39].end, 0.9, 0.9, 0, 39, "…")
    transcript = Transcript(VIDEO, "en", SEGMENTS)
    clip = ClipResult(Clip(VIDEO, 5000.0, None, "a.md", 1, "raw"), transcript,
                      (ExcerptResult(excerpt, "supported", match),))
    markdown = render_article(ArticleResult(Article("a.md"), (clip,)))
    assert "<summary>16 more matched caption lines</summary>" in markdown
    assert markdown.count(f"](https://youtu.be/{VIDEO}?t=") >= 40


def test_without_transcript_lines_the_match_text_is_shown():
    excerpt = Excerpt("a.md", 3, "a quote")
    match = Match(61.5, 70.0, 0.9, 0.9, 5, 7, "the words <that> were said")
    clip = ClipResult(Clip(VIDEO, None, None, "a.md", 1, "raw", kind="link"), None,
                      (ExcerptResult(excerpt, "supported", match),))
    markdown = render_article(ArticleResult(Article("a.md"), (clip,)))
    assert f"- [0:01:01](https://youtu.be/{VIDEO}?t=61) the words &lt;that&gt; were said" in markdown
    assert f"· [from the start](https://youtu.be/{VIDEO})" in markdown
    assert "video start 0:00:00 (the clip gives no start time)" in markdown


def test_an_article_without_clips_says_so():
    markdown = render_article(ArticleResult(Article("plain.md", title="Plain")))
    assert "No YouTube clip with quotes was found in this article." in markdown


# --- the batch index ----------------------------------------------------------------------------


def _index() -> str:
    links = {INTERVIEW: "reports/interview.md", HOSTILE: "reports/hostile (1).md",
             INVENTED: "reports/invented.md", CLEAN: "reports/clean.md"}
    error = ArticleError("_posts/zz-front.md", "broken front matter: mapping values are not allowed", line=2)
    quiet = ArticleResult(Article("_posts/no-video.md", title="No video"))
    return render_index(all_results() + [quiet], report_links=links,
                        errors=[unreadable_problem(), error])


def test_index_lists_articles_worst_first_with_links():
    markdown = _index()
    table = markdown[markdown.index("## Articles, worst first"):]
    order = [table.index(name) for name in ("reports/interview.md", "reports/hostile%20%281%29.md",
                                             "reports/invented.md", "reports/clean.md")]
    assert order == sorted(order)
    # errors first (both have one), then unsupported quotes decide
    rows = [line for line in table.split("\n") if line.startswith("| ") and "[" in line]
    assert rows[0].startswith("| 🚫 | [\\_posts/2021-02-22-chip-interview.md](reports/interview.md)")
    assert rows[0].endswith("| 8 | 0 | 1 | 1 | 1 error, 2 warnings, 5 info |")
    assert rows[2].startswith("| ❌ |") and rows[3].startswith("| ✅ |")


def test_index_counts_by_verdict_and_kind():
    markdown = _index()
    assert "5 articles checked · 5 clips · 13 excerpts · 2 could not be read" in markdown
    assert "| ✅ supported | 10 |" in markdown and "| ❌ unsupported | 2 |" in markdown
    assert "| unsupported-quote | 2 | 0 | 0 | 2 |" in markdown
    assert "| number-agrees | 0 | 0 | 4 | 4 |" in markdown
    kinds = markdown[markdown.index("| Finding |"):markdown.index("## Articles")]
    assert kinds.index("unsupported-quote") < kinds.index("timestamp-drift") < kinds.index("number-agrees")


def test_index_lists_unreadable_and_quiet_articles():
    markdown = _index()
    unreadable = markdown[markdown.index("## Articles that could not be read"):]
    assert f"- 🚫 `{BINARY}` — not a text file (binary data at byte 12)" in unreadable
    assert "- 🚫 `_posts/zz-front.md:2` — broken front matter: mapping values are not allowed" in unreadable
    assert "<summary>1 article with no YouTube clip</summary>" in markdown
    assert "\\_posts/no-video.md" in markdown
    # an unreadable article handed over as a result is listed there too, not in the table
    index = render_index([ArticleResult(Article(BINARY), errors=(unreadable_problem(),))],
                         report_links={})
    assert f"`{BINARY}` — not a text file" in index and "## Articles, worst first" not in index


def _hms(seconds: int) -> str:
    h, rest = divmod(seconds, 3600)
    return f"{h}:{rest // 60:02d}:{rest % 60:02d}"


@pytest.mark.parametrize("result", [clean_result()])
def test_a_clean_article_needs_no_attention(result):
    markdown = render_article(result)
    assert "Needs attention" not in markdown and "| ❌ unsupported | 0 |" in markdown


def test_info_findings_are_folded_under_a_count():
    markdown = render_article(interview_result())
    numbers = markdown.split("\n### ")[1:][3]
    assert "**Findings**" not in numbers  # nothing to act on: no list, only the folded notes
    details = numbers[numbers.index("<details>"):numbers.index("</details>")]
    assert "<summary>2 notes (number-agrees)</summary>" in details and "1万ワット" in details
    name = markdown.split("\n### ")[1:][2]
    assert name.index("**Findings**") < name.index("**name-missing**")  # a warning stays in view
