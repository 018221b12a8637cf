"""--changed-since against a real git repository made in the test."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from clipnote.discover import discover_posts
from clipnote.errors import ClipnoteError
from clipnote.gitchanges import GitError, changed_posts, snapshot_videos

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

ENV = {
    "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
}


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True,
                            env={**os.environ, **ENV}, check=True)
    return result.stdout


def write(repo: Path, name: str, text: str = "post\n") -> None:
    path = repo / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    """main: four posts and a snapshot; branch `feature` checked out from it."""
    repo = tmp_path / "blog repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    for name in ("_posts/a.md", "_posts/b.md", "_posts/old name.md", "_posts/gone.md",
                 ".clipnote/transcripts/dQw4w9WgXcQ.json", "README.md"):
        write(repo, name)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "checkout", "-q", "-b", "feature")
    return repo


def rel(repo: Path, paths: set[Path]) -> set[str]:
    return {p.relative_to(repo.resolve()).as_posix() for p in paths}


def test_committed_renamed_deleted_staged_and_untracked(blog):
    write(blog, "_posts/a.md", "changed\n")                       # committed change
    git(blog, "mv", "_posts/old name.md", "_posts/새 이름 @2024.md")  # committed rename
    git(blog, "rm", "-q", "_posts/gone.md")                         # committed deletion
    write(blog, "_posts/日本語.md")                                 # committed new post
    git(blog, "add", "-A")
    git(blog, "commit", "-q", "-m", "feature work")
    write(blog, "_posts/b.md", "edited, not staged\n")             # work tree change
    write(blog, "_posts/staged.md")                                 # staged new file
    git(blog, "add", "_posts/staged.md")
    write(blog, "_drafts/untracked idea.md")                        # untracked
    assert rel(blog, changed_posts(blog, "main")) == {
        "_posts/a.md", "_posts/새 이름 @2024.md", "_posts/日本語.md", "_posts/b.md",
        "_posts/staged.md", "_drafts/untracked idea.md",
    }


def test_changes_on_the_base_branch_after_forking_are_not_ours(blog):
    write(blog, "_posts/a.md", "ours\n")
    git(blog, "commit", "-q", "-am", "ours")
    git(blog, "checkout", "-q", "main")
    write(blog, "_posts/b.md", "theirs\n")
    git(blog, "commit", "-q", "-am", "theirs")
    git(blog, "checkout", "-q", "feature")
    assert rel(blog, changed_posts(blog, "main")) == {"_posts/a.md"}


def test_a_rename_staged_in_the_work_tree_counts_under_its_new_name(blog):
    git(blog, "mv", "_posts/a.md", "_posts/renamed.md")
    assert rel(blog, changed_posts(blog, "main")) == {"_posts/renamed.md"}


def test_only_files_under_the_root_and_no_deleted_ones(blog):
    write(blog, "_posts/a.md", "x\n")
    write(blog, "README.md", "x\n")
    (blog / "_posts/b.md").unlink()
    assert rel(blog, changed_posts(blog / "_posts", "main")) == {"_posts/a.md"}


def test_nothing_changed(blog):
    assert changed_posts(blog, "main") == set()
    assert changed_posts(blog, "HEAD") == set()


def test_with_discovery(blog):
    write(blog, "_posts/a.md", "x\n")
    write(blog, "notes.txt", "x\n")
    discovery = discover_posts(blog)
    changed = discovery.only(changed_posts(blog, "main"))
    assert [discovery.relative(p) for p in changed.posts] == ["_posts/a.md"]


def test_changed_snapshots_name_their_videos(blog):
    write(blog, ".clipnote/transcripts/dQw4w9WgXcQ.json", "{}\n")
    write(blog, ".clipnote/transcripts/G4hL5Om4IJ4.en.vtt", "WEBVTT\n")
    write(blog, "_posts/transcripts/notes.json", "{}\n")
    changed = changed_posts(blog, "main")
    assert snapshot_videos(changed) == {"dQw4w9WgXcQ", "G4hL5Om4IJ4"}


def test_unknown_ref_is_one_line_naming_it(blog):
    with pytest.raises(GitError) as caught:
        changed_posts(blog, "origin/mian")
    error = caught.value
    assert isinstance(error, ClipnoteError) and error.exit_code == 2
    assert "unknown git ref 'origin/mian'" in str(error)
    assert "fetch-depth: 0" in str(error)
    assert "\n" not in str(error)


def test_an_option_is_not_a_ref(blog):
    with pytest.raises(GitError, match="is not a git ref"):
        changed_posts(blog, "--output=/tmp/x")


def test_not_a_repository(tmp_path, monkeypatch):
    folder = tmp_path / "plain"
    folder.mkdir()
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # no repository above either
    with pytest.raises(GitError) as caught:
        changed_posts(folder, "main")
    assert str(caught.value) == f"--changed-since: {folder.resolve()} is not inside a git repository"


def test_no_common_history(blog):
    git(blog, "checkout", "-q", "--orphan", "other")
    git(blog, "commit", "-q", "-m", "unrelated")
    with pytest.raises(GitError) as caught:
        changed_posts(blog, "main")
    assert str(caught.value).startswith("--changed-since: git could not compare with 'main': ")
    assert "merge base" in str(caught.value) and "\n" not in str(caught.value)
