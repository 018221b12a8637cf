"""`--changed-since REF`: the files a pull request touches, from git.

Changed means: changed between the merge base of REF and HEAD (`git diff REF...HEAD`, what a pull
request shows), plus what is modified, staged or untracked in the work tree (`git status`), so a
local run before committing checks what you are about to commit. Renamed files count under their
new name; deleted files are not returned (there is nothing left to check).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from .errors import ClipnoteError
from .paths import SNAPSHOT_DIR

# never let git quote or escape non-ASCII names (Korean, Japanese): -z output is taken raw
_GIT = ("git", "-c", "core.quotepath=off")


class GitError(ClipnoteError):
    """git is missing, the folder is not in a repository, or the ref is not known."""


def changed_posts(root: Path, ref: str) -> set[Path]:
    """Absolute paths of the files under `root` changed since `ref` (see the module text).

    Intersect with `Discovery.posts` (`Discovery.only`) to get the posts to check."""
    root = Path(root).resolve()
    folder = root if root.is_dir() else root.parent
    top = Path(_git(folder, "rev-parse", "--show-toplevel", what="find the repository")
               .decode().strip()).resolve()
    _verify_ref(folder, ref)
    changed: set[str] = set()
    diff = _git(folder, "diff", "--name-only", "-z", "--no-ext-diff", "--diff-filter=d",
                f"{ref}...HEAD", "--", what=f"compare with {ref!r}")
    changed.update(_split(diff))
    status = _git(folder, "status", "--porcelain=v1", "-z", "--untracked-files=all",
                  what="read the work tree's status")
    changed.update(_status_paths(status))
    out = set()
    for relative in changed:
        path = top / relative
        if path.is_relative_to(root) and path.exists():
            out.add(path)
    return out


def snapshot_videos(paths: set[Path] | list[Path]) -> set[str]:
    """Video ids whose committed transcript snapshot (`.clipnote/transcripts/<id>.<ext>`) is among
    `paths`: posts quoting those videos deserve a new check too."""
    videos = set()
    for path in paths:
        if path.parent.parts[-2:] == SNAPSHOT_DIR.parts:
            videos.add(path.name.split(".", 1)[0])
    return videos


def _verify_ref(folder: Path, ref: str) -> None:
    if ref.startswith("-"):
        raise GitError(f"--changed-since: {ref!r} is not a git ref")
    result = _run(folder, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if result.returncode != 0:
        raise GitError(
            f"--changed-since: unknown git ref {ref!r}",
            hint="fetch it first; in GitHub Actions check out with fetch-depth: 0",
        )


def _status_paths(output: bytes) -> list[str]:
    """Paths of `git status --porcelain=v1 -z`: `XY path`, and for a rename or copy `XY new`
    followed by the old name as an entry of its own (skipped). Deleted paths are dropped later,
    as they no longer exist."""
    paths: list[str] = []
    entries = iter(output.split(b"\0"))
    for entry in entries:
        if len(entry) < 4:
            continue
        if entry[:1] in (b"R", b"C"):
            next(entries, None)  # the old name
        paths.append(os.fsdecode(entry[3:]))
    return paths


def _split(output: bytes) -> list[str]:
    return [os.fsdecode(p) for p in output.split(b"\0") if p]


def _git(folder: Path, *args: str, what: str) -> bytes:
    result = _run(folder, *args)
    if result.returncode != 0:
        message = os.fsdecode(result.stderr).strip().splitlines()
        first = message[0] if message else f"exit code {result.returncode}"
        if "not a git repository" in first:
            raise GitError(f"--changed-since: {folder} is not inside a git repository")
        raise GitError(f"--changed-since: git could not {what}: {first.removeprefix('fatal: ')}")
    return result.stdout


def _run(folder: Path, *args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run([*_GIT, *args], cwd=folder, capture_output=True, timeout=120,
                              env={**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"})
    except FileNotFoundError:
        raise GitError("--changed-since needs git, and git is not installed") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"--changed-since: git did not answer within 120 s in {folder}") from None


__all__ = ["GitError", "changed_posts", "snapshot_videos"]
