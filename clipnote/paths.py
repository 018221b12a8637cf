"""Where clipnote keeps things on disk: the user cache, and a blog's own `.clipnote/` folder."""

from __future__ import annotations

import os
from pathlib import Path

SNAPSHOT_DIR = Path(".clipnote") / "transcripts"


def cache_root() -> Path:
    """The user cache (`$CLIPNOTE_CACHE_DIR`, else the platform's cache folder for clipnote)."""
    override = os.environ.get("CLIPNOTE_CACHE_DIR")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_cache_path

    return user_cache_path("clipnote", appauthor=False)


def find_up(start: Path, relative: Path | str) -> Path | None:
    """The nearest `<ancestor>/<relative>` that exists, walking up from `start` (a file or folder)."""
    here = start.resolve()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / relative
        if candidate.exists():
            return candidate
    return None


def snapshot_dir_for(article: Path) -> Path | None:
    """The blog's committed transcript snapshots (`.clipnote/transcripts/`) above an article."""
    return find_up(article, SNAPSHOT_DIR)


def project_dirs(start: Path) -> list[Path]:
    """`start` (a file's folder, or a folder) and its parents, up to and including the enclosing
    git repository's top folder (the first one holding `.git`), or to the filesystem root outside
    a repository. Settings files are looked up along this list, nearest first, so a blog never
    picks up a stray file from above its own repository."""
    here = start.resolve()
    if not here.is_dir():
        here = here.parent
    out: list[Path] = []
    for folder in (here, *here.parents):
        out.append(folder)
        if (folder / ".git").exists():
            break
    return out
