"""One post made ready for a run, the same way for `clipnote check` and `clipnote batch`: read
once, scanned, and its ignore comments applied, so ignored clips are never fetched or aligned.

    post = read_post(path, name="blog/_posts/a.md", rules=discovery.ignore)
    result = finish_post(checker.check_article(post.article), post, rules)
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .ignores import IgnoreMap, IgnoreRules, apply_ignores, filter_article, inline_ignores
from .model import Article, ArticleResult

_NO_RULES = IgnoreRules()


@dataclass(frozen=True)
class Post:
    """A post as a run checks it."""

    path: Path  # the file on disk
    # what is checked: clips and excerpts that are ignored left out, unusable ignore comments
    # added to its problems (so the post's report shows them)
    article: Article
    ignores: IgnoreMap
    data: bytes  # the bytes that were read: annotate writes only over these

    @property
    def needs_transcripts(self) -> bool:
        """Whether checking it aligns anything (a clip without excerpts needs no transcript)."""
        return any(clip.excerpts for clip in self.article.clips)


def read_post(path: Path, name: str | None = None, *, default_video: str | None = None,
              rules: IgnoreRules = _NO_RULES) -> Post:
    """Read and scan `path`; `name` is how reports spell its path (default: as given).

    Raises ArticleError (naming `name`) for a file that cannot be read as an article."""
    from .article.document import decode_article_bytes, read_article_bytes
    from .article.scan import readable, scan_text

    name = str(path) if name is None else name
    data = read_article_bytes(path, name)
    text = decode_article_bytes(data, name)
    article = readable(scan_text(text, name, default_video=default_video))
    ignores = inline_ignores(text, name)
    if ignores.problems:
        article = replace(article, problems=article.problems + ignores.problems)
    return Post(Path(path), filter_article(article, ignores, rules), ignores, data)


def finish_post(result: ArticleResult, post: Post, rules: IgnoreRules = _NO_RULES) -> ArticleResult:
    """The checked result without what the post's comments and the ignore rules silence."""
    return apply_ignores(result, post.ignores, rules)


__all__ = ["Post", "finish_post", "read_post"]
