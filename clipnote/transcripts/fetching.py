"""Getting the transcripts of many articles at once, and saving them as a blog's snapshots.

`clipnote fetch` and `clipnote batch` share this: each distinct video once (in the order the
articles first cite it), through one TranscriptStore (which paces and stops at a block), and,
on request, a snapshot written into each citing blog's `.clipnote/transcripts/` so CI can run
`--offline`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from ..errors import ClipnoteError
from ..model import Article, Transcript
from ..paths import SNAPSHOT_DIR, find_up
from .files import find_transcript_files, pick_file, save_snapshot, write_transcript_json
from .store import TranscriptStore

# Files or folders that mark the top of a blog (Jekyll, Hugo, Hexo, Quarto, MkDocs, 11ty, Astro,
# Docusaurus, Gatsby, Next), or of a repository.
BLOG_MARKERS = (
    ".git", "_config.yml", "_config.yaml", "hugo.toml", "hugo.yaml", "hugo.json", "config.toml",
    "_quarto.yml", "_quarto.yaml", "mkdocs.yml", ".eleventy.js", "eleventy.config.js",
    "eleventy.config.mjs", "astro.config.mjs", "docusaurus.config.js", "gatsby-config.js",
    "next.config.js", "package.json",
)


def blog_root(article: Path | str) -> Path:
    """The folder whose `.clipnote/` holds this article's snapshots: the nearest ancestor that
    already has a `.clipnote/`; else the nearest with a blog or repository marker (BLOG_MARKERS);
    else the article's own folder."""
    start = Path(article).resolve()
    if not start.is_dir():
        start = start.parent
    existing = find_up(start, ".clipnote")
    if existing is not None and existing.is_dir():
        return existing.parent
    for folder in (start, *start.parents):
        if any((folder / marker).exists() for marker in BLOG_MARKERS):
            return folder
    return start


def snapshot_dir(article: Path | str) -> Path:
    """Where `fetch --save` writes this article's snapshots."""
    return blog_root(article) / SNAPSHOT_DIR


@dataclass(frozen=True)
class VideoJob:
    """One distinct video and the articles that cite it, in first-cited order."""

    video_id: str
    articles: tuple[Path, ...]


def collect_videos(articles: Iterable[Article]) -> list[VideoJob]:
    """Each distinct video of the articles' clips, once, in the order first cited."""
    cited: dict[str, list[Path]] = {}
    for article in articles:
        for clip in article.clips:
            if not clip.video_id:
                continue
            paths = cited.setdefault(clip.video_id, [])
            if Path(article.path) not in paths:
                paths.append(Path(article.path))
    return [VideoJob(video, tuple(paths)) for video, paths in cited.items()]


@dataclass(frozen=True)
class FetchOutcome:
    video_id: str
    transcript: Transcript | None = None
    error: ClipnoteError | None = None
    saved: tuple[Path, ...] = ()  # snapshots written


def save_snapshots(transcript: Transcript, articles: Sequence[Path], languages: Sequence[str] = ()) -> tuple[Path, ...]:
    """Write the transcript into the snapshot folder of each blog citing it, unless that folder
    already has the file the store would read. Without `languages` the file is `<id>.json`;
    with them `<id>.<lang>.json`, so snapshots of several languages can sit side by side."""
    written: list[Path] = []
    folders: list[Path] = []
    for article in articles:
        folder = snapshot_dir(article)
        if folder not in folders:
            folders.append(folder)
    for folder in folders:
        existing = pick_file(find_transcript_files(folder, transcript.video_id), languages)
        if existing is not None and (str(existing.path) == transcript.path or not languages or existing.language):
            continue
        if languages and transcript.language:
            written.append(write_transcript_json(transcript, folder / f"{transcript.video_id}.{transcript.language}.json"))
        else:
            written.append(save_snapshot(transcript, folder))
    return tuple(written)


def fetch_each(store: TranscriptStore, jobs: Sequence[VideoJob], *, save: bool = False,
               on_start: Callable[[int, VideoJob], None] | None = None) -> Iterator[FetchOutcome]:
    """Get each video's transcript through `store` (which paces network fetches and stops at a
    block), saving snapshots if asked; one outcome per job, as it completes."""
    for index, job in enumerate(jobs):
        if on_start is not None:
            on_start(index, job)
        try:
            transcript = store.get(job.video_id, article_path=job.articles[0] if job.articles else None)
        except ClipnoteError as error:
            yield FetchOutcome(job.video_id, error=error)
            continue
        saved: tuple[Path, ...] = ()
        if save:
            try:
                saved = save_snapshots(transcript, job.articles, store.languages)
            except OSError as problem:
                yield FetchOutcome(job.video_id, transcript, ClipnoteError(
                    f"{job.video_id}: cannot write the snapshot: {problem.strerror or problem}"
                    + (f" ({problem.filename})" if problem.filename else "")))
                continue
        yield FetchOutcome(job.video_id, transcript, saved=saved)
