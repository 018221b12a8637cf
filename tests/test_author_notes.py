"""The author's own marked notes (`作者概括：`, `My take:`) stay passages, but not finding them in
the video is no fault of the article: their verdict findings are notes, never warnings."""

from clipnote.align import Alignment
from clipnote.checks.quotes import verdict_findings
from clipnote.model import Excerpt


def _severities(excerpt):
    return [f.severity for f in verdict_findings(Alignment(excerpt, "unsupported", None))]


def test_an_authors_note_not_in_the_video_is_only_noted():
    said = Excerpt("post.md", 3, "屋顶养蜂的难处在邻居。", role="paraphrase")
    note = Excerpt("post.md", 5, "屋顶养蜂的难处在邻居。", role="paraphrase", label="作者概括",
                   author_note=True)
    assert _severities(said) == ["warning"]
    assert _severities(note) == ["info"]
    assert "the author's" in verdict_findings(Alignment(note, "unsupported", None))[0].message
