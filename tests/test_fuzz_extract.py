"""Fuzzing the clip finder and the excerpt extractor (issue 2 item 9): no exception escapes.

The tests call `clipnote.article.scan._scan`, the part of `scan_text` *without* its last-resort safety
net, so a bug shows up here as a failure instead of being turned into a Problem. Inputs are
built from the real syntaxes of EMBEDS.md cut, nested and glued together with random text.
"""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clipnote.article.document import parse_document
from clipnote.article.inline import plain_text, quotations, text_units
from clipnote.article.scan import _scan, scan_text

SNIPPETS = [
    '{% include youtubePlayer.html id="G4hL5Om4IJ4?start=4648" %}', "{% youtube syQnn_xuB8U?t=4m46s %}",
    '{% include youtube.html id="url" %}', "{% include youtubePlayer.html id=page.youtubeId %}",
    '{{< youtube id="OCWj5xgu5Ng?rel=0&start=10" title="x" >}}', "{{< video https://youtu.be/1x3k0V2IITo >}}",
    '{{< youtubeLite id="SgXhGb-7QbU" params="start=130&end=10" >}}', "{{</* youtube x */>}}", "{/* c */}",
    '<iframe\n src="https://www.youtube.com/embed/h5Tz7gZT9Fo?start=7113">', "</iframe>",
    '<YouTube youTubeId={id} />', '<LiteYouTubeEmbed id="VdQY7BusJNU" params="start=114" />',
    "`youtube: https://youtu.be/l18ltcOVN4I`", "[7:55](https://www.youtube.com/watch?v=dP8NmcEkxJI&t=475s)",
    "https://youtu.be/M3BM9TB-8yA?t=900。ウェブ", "(https://youtu.be/NYX_eeNVIEU?t=179）では",
    "[28:44](\u202ahttps://youtu.be/b8hHfI2HX4w?t=1724)", "https://www.youtube.com/watch?v=HHYeKxlRV1Y&ampt=230s",
    "[![](https://img.youtube.com/vi/FZ0cG47msEk/0.jpg)](https://youtu.be/FZ0cG47msEk)",
    '<a class="yt-timestamp" data-t="01:33:23">[01:33:23]</a>', 'data-t="N/A"', "[0:21–1:17]", "[4:38…",
    "[talk][1]", "\n[1]: https://youtu.be/FhrAWLUEN-Q?t=4\n", "[1]",
    "## 12:34 Chapter", "Q（Lex）：", "A（Jim Keller）：", "**Host**:", "李秀全:", "Q:", "A.", "**Q (x):**",
    "> ", "> > ", ">", "> 💡 **Tip**", "> [!NOTE]", "— Speaker, ", "--- ", "“", "”", "「", "」", '"',
    "{% blockquote author, book %}", "{% endblockquote %}", "{% pullquote %}", "{% raw %}", "{% endraw %}",
    '{{<matomeQuote body="“引用です” https://youtu.be/M3BM9TB-8yA?t=9" userName="u">}}', "[^1]: note",
    "<!--", "-->", "```", "~~~", "    ", "- ", "1. ", "* ", "---", "+++", "***", "# ", "\\", "  \n",
    "4분 46초부터 5분 30초 까지", "13分あたりから", "at timestamp 1:58:33", "via", "<blockquote>",
    "Elon Musk 0:43", "\nChris Anderson 1:02:03\n",
    "</blockquote>", "<pre>", "</pre>", "`", "``", "![", "](", ")", "[", "]", "{", "}", "<", ">", "&amp;",
    "\r\n", "\r", "\ufeff", "\u200b", "\x00", "\t",
]

pieces = st.one_of(st.sampled_from(SNIPPETS), st.text(max_size=12))
separators = st.sampled_from(["", " ", "\n", "\n\n", "\n> ", "\n    ", "\n- "])
documents = st.lists(st.tuples(pieces, separators), max_size=40).map(
    lambda parts: "".join(a + b for a, b in parts))
front_matter = st.sampled_from([
    "", "---\ntitle: t\n---\n", "---\nvideoId: KsZI5oXBC0k\ndraft: true\n---\n", "---\nbroken: [\n---\n",
    "+++\ndraft = true\n+++\n", "title: Hexo\ndate: 2015-01-01\n---\n", "---\n- list\n---\n", "---\nunclosed\n",
    "---\nyoutubeId: 4-4dxSXwly8\nvia: \"[x](https://youtu.be/url)\"\n---\n",
])

FUZZ = settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(article, text):
    lines = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
    for clip in article.clips:
        assert len(clip.video_id) == 11
        assert 0 <= clip.line <= len(lines)
        if clip.kind in ("embed", "link", "label"):
            assert lines[clip.line - 1][clip.column:].startswith(clip.raw.split("\n")[0])
        for excerpt in clip.excerpts:
            assert 1 <= excerpt.line <= len(lines)
            assert excerpt.end_line is None or excerpt.line < excerpt.end_line <= len(lines)
            assert excerpt.role in ("question", "answer", "quote", "paraphrase", "topic")
    for problem in article.problems:
        assert problem.line is None or 1 <= problem.line <= len(lines)


@FUZZ
@given(front_matter, documents, st.sampled_from([None, "FhrAWLUEN-Q", "https://youtu.be/url"]))
def test_markdownish_text_never_raises(head, body, video):
    text = head + body
    article = _scan(text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff"), "f.md", video)
    _check(article, text)


@settings(max_examples=800, deadline=None)
@given(st.text(max_size=400))
def test_random_text_never_raises(text):
    _check(_scan(text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff"), "f.md", None), text)


@settings(max_examples=800, deadline=None)
@given(documents)
def test_document_mask_keeps_length_and_helpers_never_raise(text):
    doc = parse_document(text)
    assert len(doc.masked) == len(doc.text) == len(doc.content)
    assert doc.masked.count("\n") == doc.text.count("\n") == doc.line_count - 1
    for block in doc.blocks:
        assert 1 <= block.start <= block.end <= doc.line_count
    plain = plain_text(text)
    text_units(plain)
    for start, end, inner in quotations(plain):
        assert 0 <= start < end <= len(plain)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200).map(lambda b: b.decode("utf-8", "replace")))
def test_scan_text_contract_holds_for_garbage(text):
    article = scan_text(text, "g.md")
    assert all(p.kind != "article-error" or "internal error" not in p.message for p in article.problems)
