"""Deciding a run's shape before any work: how paths are named in reports, where each article's
report goes, and which posts go to a worker together.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
from pathlib import Path
from typing import Iterable, Sequence

from ..paths import project_dirs
from ..posts import Post

ARTICLES_DIR = "articles"
# the longest report file name, in UTF-8 bytes (file systems allow 255; Korean takes 3 a letter)
_NAME_BYTES = 160


def report_root(folder: Path) -> Path:
    """The folder report paths are relative to: the top of the git repository holding `folder`
    (what GitHub annotations and SARIF want), else the working folder when `folder` is inside
    it, else `folder` itself."""
    folder = folder.resolve()
    start = folder if folder.is_dir() else folder.parent
    dirs = project_dirs(start)
    if (dirs[-1] / ".git").exists():
        return dirs[-1]
    cwd = Path.cwd().resolve()
    return cwd if start.is_relative_to(cwd) else start


def report_names(paths: Iterable[str]) -> dict[str, str]:
    """A report file for each article path, under `articles/`: the path flattened into one
    readable name (`blog--_posts--2024-01-02-post.md`), unique even on a file system that ignores
    case, the same in every run."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for path in sorted(set(paths)):
        base = _flat_name(path)
        name = base + ".md"
        if name.casefold() in taken:
            name = f"{base}-{_digest(path)}.md"
        taken.add(name.casefold())
        out[path] = f"{ARTICLES_DIR}/{name}"
    return out


def _flat_name(path: str) -> str:
    parts = [p for p in path.replace("\\", "/").split("/") if p not in ("", ".", "..")]
    last = parts[-1] if parts else "article"
    stem, dot, suffix = last.rpartition(".")
    parts[-1:] = [stem if dot and suffix.lower() == "md" and stem else last]
    name = "--".join(parts)
    name = re.sub(r'[\x00-\x1f\x7f<>:"|?*\\]', "_", name)
    name = re.sub(r"^[.\s]+", "_", name).rstrip(". ")
    if len(name.encode("utf-8")) > _NAME_BYTES:
        cut = name.encode("utf-8")[:_NAME_BYTES - 9].decode("utf-8", "ignore")
        name = f"{cut}-{_digest(path)}"
    return name or "article"


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=4).hexdigest()


def primary_video(post: Post) -> str:
    """The video a post quotes most (by excerpts), the first cited on a tie."""
    weight: dict[str, int] = {}
    for clip in post.article.clips:
        weight[clip.video_id] = weight.get(clip.video_id, 0) + len(clip.excerpts)
    return max(weight, key=weight.get) if weight else ""


def group_by_video(posts: Sequence[Post], jobs: int) -> list[list[Post]]:
    """Posts in chunks for the workers: posts quoting the same video together (a worker then
    loads that video's transcript and prepared transcript once), a video split only when it
    holds more than a worker's share of the posts (or 16: the pool's stealing evens out the
    end); the most quoted video's posts first, each video's chunks one after the other."""
    limit = max(1, min(16, math.ceil(len(posts) / max(1, jobs))))
    groups: dict[str, list[Post]] = {}
    for post in posts:
        groups.setdefault(primary_video(post), []).append(post)
    ordered = sorted(groups.values(), key=lambda members: -sum(_excerpts(p) for p in members))
    return [members[i:i + limit] for members in ordered for i in range(0, len(members), limit)]


def _excerpts(post: Post) -> int:
    return sum(len(clip.excerpts) for clip in post.article.clips)


def default_jobs() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


__all__ = ["ARTICLES_DIR", "default_jobs", "group_by_video", "primary_video", "report_names",
           "report_root"]
