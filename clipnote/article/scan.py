"""Article → `Article` (its clips and their excerpts): the public entry points of extraction.

- `scan_text(text, path)` is pure and never raises: what it cannot use goes in `problems`.
- `scan_file(path)` reads the file and raises `ArticleError` for a file that cannot be read as
  an article (missing, unreadable, binary, not UTF-8). A broken front matter is a warning, not
  an error: its plain `key: value` lines are read instead and the body is scanned as usual.
- `iter_articles(paths)` walks files and folders and yields each article path, or an
  `ArticleError` for a path that does not exist or a folder with no articles, so one bad
  argument never stops a run over the others.

`default_video` is the page's own video named on the command line (`--video V`): it acts like a
front-matter video, so bare timestamp labels refer to it and quotes that follow no clip become
excerpts of a clip of that video (kind `front-matter`, line 0).
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Iterator

from .document import ARTICLE_SUFFIXES, normalize_newlines, parse_document, read_article_text
from .attach import attach_excerpts
from .clips import (VIDEO_WORDS, Finder, Ref, command_line_ref, find_bare_urls, find_front_matter_videos,
                    find_links, find_reference_links, found_to_refs)
from .embed_tags import find_containers
from ..errors import ArticleError
from .frontmatter import guess_language, is_draft
from .inline import plain_text
from .labels import apply_prose_times, find_label_clips, link_label
from ..model import ARTICLE_ERROR, BROKEN_FRONT_MATTER, Article, Problem

# Folders of templates and build output, never posts: Jekyll `_includes`/`_layouts`/`_site`,
# Hugo `archetypes`/`layouts`/`themes`/`public`/`resources`, Hexo `scaffolds`.
_SKIP_DIRS = {"node_modules", "__pycache__", "_site", "_includes", "_layouts", "_data",
              "archetypes", "layouts", "themes", "public", "resources", "scaffolds"}


def scan_text(text: str, path: str = "<text>", *, default_video: str | None = None) -> Article:
    """Every clip in an article and the excerpts that quote it. Never raises."""
    try:
        return _scan(normalize_newlines(text), path, default_video)
    except Exception as error:  # a bug must not stop a batch run; say so where it happened
        return Article(path=path, problems=(Problem(
            path, None, f"internal error while reading the article: {type(error).__name__}: "
            f"{error} (please report it)", kind=ARTICLE_ERROR),))


def _scan(text: str, path: str, default_video: str | None) -> Article:
    doc = parse_document(text, path)
    front = doc.front_matter
    problems: list[Problem] = []
    if front.error:
        problems.append(Problem(path, front.error_line, front.error, kind=BROKEN_FRONT_MATTER,
                                severity="warning"))
    # Jekyll keeps unpublished posts in `_drafts/`, Hexo in `source/_drafts/`
    draft = is_draft(front.data) or "_drafts" in re.split(r"[\\/]", path)

    finder = Finder(doc)
    find_containers(finder)
    find_links(finder, link_label)
    find_reference_links(finder, link_label)
    find_bare_urls(finder)
    refs = found_to_refs(finder, draft)
    front_refs = find_front_matter_videos(finder)
    page = None
    if default_video:
        page, problem = command_line_ref(doc, default_video)
        problems.extend([problem] if problem else [])
    if page is None and front_refs:
        page, front_refs = replace(front_refs[0], page=True), front_refs[1:]
    if page is None:
        page = _header_video(doc, refs)
    labels = find_label_clips(finder, refs, page.clip.video_id if page else None, draft)
    refs = apply_prose_times(doc, refs)
    body = sorted(front_refs + refs + labels, key=lambda r: (r.offset, r.end))
    clips = attach_excerpts(doc, body, page)
    problems.extend(finder.problems)
    return Article(
        path=path,
        title=_title(doc),
        language=guess_language(front.data, doc.masked),
        draft=draft,
        clips=tuple(c if c.draft == draft else replace(c, draft=draft) for c in clips),
        problems=tuple(sorted(problems, key=lambda p: (p.line or 0, p.message))),
        front_matter=front.data,
    )


def _header_video(doc, refs: list[Ref]) -> Ref | None:
    """The page's own video when its front matter names none: the page's only video link or
    embed, when it has no time and sits in the page's header (before its first section), as
    metadata does (`uri: https://youtu.be/…`, `- [video](…)`). Quotes under later headings are
    then that video's, as under a front-matter `video:`. A page that links its video again and
    again (chapters, timestamps) says where each passage belongs itself."""
    videos = [r for r in refs if r.clip.kind in ("embed", "link") and not r.thumbnail]
    if len(videos) != 1:
        return None
    first = videos[0]
    sections = [b.start for b in doc.blocks if b.kind == "heading" and b.level >= 2]
    if first.clip.start is not None or (sections and first.clip.line > sections[0]):
        return None
    if first.clip.kind == "link":
        line = doc.content[slice(*doc.line_span(first.clip.line, first.clip.line))]
        bare = first.clip.raw.startswith(("http", "www.", "youtu")) and not first.keep_text
        if not (bare or VIDEO_WORDS.search(line)):
            return None  # `I watched [this talk](…)`: a link in the author's prose
    return replace(first, offset=-1, end=-1, page=True)


def _title(doc) -> str | None:
    title = doc.front_matter.data.get("title")
    if isinstance(title, (str, int, float)) and str(title).strip():
        return str(title).strip()
    for block in doc.blocks:
        if block.kind == "heading" and block.level == 1:
            return plain_text(doc.block_text(block)) or None
    return None


def scan_file(path: Path | str, *, default_video: str | None = None) -> Article:
    """Scan one file; raises ArticleError when it cannot be read as an article."""
    text = read_article_text(path)
    return readable(scan_text(text, str(path), default_video=default_video))


def readable(article: Article) -> Article:
    """The article, or ArticleError when scanning found it unreadable (an internal error)."""
    broken = next((p for p in article.problems if p.kind == ARTICLE_ERROR), None)
    if broken is not None:
        raise ArticleError(article.path, broken.message, line=broken.line)
    return article


def iter_articles(paths: Iterable[Path | str]) -> Iterator[Path | ArticleError]:
    """Each article file under `paths` (files as given, folders walked recursively, sorted), or
    an ArticleError for a path that does not exist, a folder with no articles or one that
    cannot be listed. A file named explicitly is read whatever its extension."""
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            count = 0
            for item in _walk(path):
                if isinstance(item, ArticleError):
                    yield item
                    continue
                key = item.resolve()
                if key not in seen:
                    seen.add(key)
                    count += 1
                    yield item
            if count == 0:
                suffixes = ", ".join(ARTICLE_SUFFIXES)
                yield ArticleError(str(raw), f"no articles in this folder (looked for {suffixes})")
        elif path.exists() or path.is_symlink():
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                yield path
        else:
            yield ArticleError(str(raw), "no such file or folder")


def _walk(folder: Path) -> Iterator[Path | ArticleError]:
    errors: list[OSError] = []  # os.walk reports folders it cannot list here, then goes on
    for root, dirs, files in os.walk(folder, onerror=errors.append):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIP_DIRS)
        for name in sorted(files):
            if name.lower().endswith(ARTICLE_SUFFIXES) and not name.startswith("."):
                yield Path(root) / name
        yield from _listing_errors(errors, folder)
    yield from _listing_errors(errors, folder)


def _listing_errors(errors: list[OSError], folder: Path) -> Iterator[ArticleError]:
    while errors:
        error = errors.pop(0)
        yield ArticleError(str(error.filename or folder),
                           f"cannot list the folder: {error.strerror or error}")


def scan_paths(paths: Iterable[Path | str], *,
               default_video: str | None = None) -> Iterator[Article | ArticleError]:
    """`scan_file` over `iter_articles(paths)`: an Article or an ArticleError per path."""
    for item in iter_articles(paths):
        if isinstance(item, ArticleError):
            yield item
            continue
        try:
            yield scan_file(item, default_video=default_video)
        except ArticleError as error:
            yield error

