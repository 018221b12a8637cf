"""Getting every transcript a run needs, in the parent, before any checking: each distinct video
once, one after the other, paced, stopping at the first block (the TranscriptStore's rules), so
that the workers only ever read local files and the cache.

A video with a local file (`--transcripts DIR` or the blog's snapshots) needs nothing here, and
its file is not even parsed: the worker that checks its posts reads it. Posts of different blogs
may cite one video and only one blog may have a snapshot of it, so local files are looked for per
snapshot folder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from ..model import Article
from ..posts import Post
from .progress import Progress


@dataclass
class Fetched:
    """What the fetch phase did: how many videos came from where, and what failed."""

    videos: int = 0  # distinct videos the posts quote
    local: int = 0  # (video, snapshot folder) pairs with a local file
    got: dict[str, int] = field(default_factory=dict)  # source ("cache", "youtube"...) → count
    failures: dict[str, str] = field(default_factory=dict)  # video → why it could not be had
    blocked: str | None = None  # the block that stopped fetching, said once


def fetch_transcripts(store, posts: Sequence[Post], progress: Progress) -> Fetched:
    """Make sure each video the posts align against is local or cached (see the module text)."""
    from ..transcripts import Blocked, VideoJob, collect_videos, fetch_each

    # only clips with excerpts are aligned; paths absolute, for the snapshot lookup
    articles = [Article(path=str(post.path), clips=tuple(c for c in post.article.clips if c.excerpts))
                for post in posts]
    jobs = collect_videos(articles)
    fetched = Fetched(videos=len(jobs))
    needed: list = []
    for job in jobs:
        for paths in _by_snapshot_folder(store, job.articles):
            if _has_local_file(store, job.video_id, paths[0]):
                fetched.local += 1
            else:
                needed.append(VideoJob(job.video_id, tuple(paths)))
    if not needed:
        return fetched
    with progress.phase("transcripts", len(needed)) as phase:
        for outcome in fetch_each(store, needed):
            error = outcome.error
            if error is not None:
                fetched.failures[outcome.video_id] = str(error)
                if isinstance(error, Blocked):
                    if fetched.blocked is None:
                        fetched.blocked = str(error)
                        phase.note(f"clipnote: error: {error}")
                else:
                    phase.note(f"clipnote: warning: {error}")
            else:
                source = outcome.transcript.source
                fetched.got[source] = fetched.got.get(source, 0) + 1
                fetched.failures.pop(outcome.video_id, None)  # had in another blog's folder
            phase.advance(detail=outcome.video_id)
    return fetched


def _by_snapshot_folder(store, paths: Sequence[Path]) -> list[list[Path]]:
    groups: dict[tuple, list[Path]] = {}
    for path in paths:
        key = tuple(str(folder) for _, folder in store.local_dirs(path))
        groups.setdefault(key, []).append(Path(path))
    return list(groups.values())


def _has_local_file(store, video_id: str, article: Path) -> bool:
    from ..transcripts.files import find_transcript_files, pick_file

    return any(pick_file(find_transcript_files(folder, video_id), store.languages) is not None
               for _, folder in store.local_dirs(article))


__all__ = ["Fetched", "fetch_transcripts"]
