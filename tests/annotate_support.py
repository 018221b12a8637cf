"""Hand-built ArticleResults for the annotate tests: a clip, its quotes, where each was matched."""

from __future__ import annotations

from clipnote.annotate.starts import time_values
from clipnote.model import Article, ArticleResult, Clip, ClipResult, Excerpt, ExcerptResult, Match

VID = "G4hL5Om4IJ4"
PATH = "post.md"
INCLUDE = '{% include youtubePlayer.html id="G4hL5Om4IJ4?start=4648" %}'


def quote(line: int, text: str, at: float | None, *, verdict: str = "supported", confidence: float = 0.95,
          end_line: int | None = None, label: str | None = None, path: str = PATH) -> ExcerptResult:
    """A quote on `line` that the checker found spoken at `at` seconds (None: not found)."""
    excerpt = Excerpt(path=path, line=line, text=text, end_line=end_line, label=label,
                      speaker=label, role="quote")
    match = None if at is None else Match(at, at + 10.0, 0.8, confidence, 0, 1, "")
    return ExcerptResult(excerpt, verdict, match)


def clip(raw: str, line: int, *quotes: ExcerptResult, column: int = 0, start: float | None = ...,
         kind: str = "embed", video: str = VID, path: str = PATH, error: str | None = None) -> ClipResult:
    if start is ...:
        starts = [v.seconds for v in time_values(raw) if v.key != "end" and v.seconds is not None]
        start = starts[0] if starts else None
    c = Clip(video_id=video, start=start, end=None, path=path, line=line, raw=raw, kind=kind,
             excerpts=tuple(q.excerpt for q in quotes), column=column)
    return ClipResult(c, None, tuple(quotes), error=error)


def article(*clips: ClipResult, path: str = PATH) -> ArticleResult:
    return ArticleResult(Article(path=path), tuple(clips))
