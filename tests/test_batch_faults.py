"""Faults in a batch run: a worker killed while it checks a post, cache files damaged while a run
reads them, and two runs over one blog at once (two CI jobs)."""

from __future__ import annotations

import faulthandler
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from batch_support import OTHER, REAL, VIDEO, make_blog, post, use_shared_cache
from click.testing import CliRunner

from clipnote.cli import main


@pytest.fixture(autouse=True)
def shared_cache(_isolated_cache, tmp_path_factory, monkeypatch):
    use_shared_cache(tmp_path_factory, monkeypatch)


def batch(blog: Path, *args: str, monkeypatch):
    monkeypatch.chdir(blog)
    return CliRunner().invoke(main, ["batch", "--offline", *args], catch_exceptions=False)


def summary(folder: Path) -> dict:
    return json.loads((folder / "summary.json").read_text(encoding="utf-8"))


def errors(data: dict) -> dict[str, str]:
    return {a["path"]: a["error"] for a in data["articles"] if a["error"]}


# --- a worker killed mid-run ---------------------------------------------------------------------


def kill_on(monkeypatch, title: str, attempts: Path, times: int | None = None) -> None:
    """Workers SIGKILL themselves when they begin the post titled `title` (the first `times`
    times; always when None), after noting their pid in `attempts`."""
    import clipnote.batch.work

    real = clipnote.batch.work.Worker.run
    parent = os.getpid()

    def run(self, task):
        if task.article.title == title:
            assert os.getpid() != parent, "a post that kills its process must never run in the parent"
            with open(attempts, "a", encoding="utf-8") as handle:
                handle.write(f"{os.getpid()}\n")
            if times is None or len(attempts.read_text().split()) <= times:
                os.kill(os.getpid(), signal.SIGKILL)
        return real(self, task)

    monkeypatch.setattr(clipnote.batch.work.Worker, "run", run)
    monkeypatch.setattr("clipnote.batch.run.POSTS_PER_WORKER", 1)  # a pool even for a few posts


def killer_blog(tmp_path: Path) -> Path:
    posts = {f"_posts/2024-01-{i:02d}-p.md": post(OTHER if i % 2 else VIDEO, REAL) for i in range(1, 9)}
    posts["_posts/2024-01-04-p.md"] = post(VIDEO, REAL, title="Dies")
    return make_blog(tmp_path / "blog", posts)


def test_a_killed_worker_costs_only_its_current_post_tried_once_more_elsewhere(tmp_path, monkeypatch):
    blog = killer_blog(tmp_path)
    attempts = tmp_path / "attempts"
    kill_on(monkeypatch, "Dies", attempts)
    result = batch(blog, "--jobs", "2", monkeypatch=monkeypatch)
    assert result.exit_code == 2, result.output
    data = summary(blog / "clipnote-report")
    assert len(data["articles"]) == 8 and data["complete"] is True
    assert list(errors(data)) == ["_posts/2024-01-04-p.md"]  # every other post was checked
    assert "stopped unexpectedly (killed by signal 9" in errors(data)["_posts/2024-01-04-p.md"]
    assert "2 times" in errors(data)["_posts/2024-01-04-p.md"]
    pids = attempts.read_text().split()
    assert len(pids) == 2 and pids[0] != pids[1]  # tried once more, in another worker
    assert all(a["counts"]["supported"] == 1 for a in data["articles"] if not a["error"])


def test_a_post_whose_worker_was_killed_once_is_checked_on_its_retry(tmp_path, monkeypatch):
    blog = killer_blog(tmp_path)
    attempts = tmp_path / "attempts"
    kill_on(monkeypatch, "Dies", attempts, times=1)
    result = batch(blog, "--jobs", "2", "--format", "json", monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    data = summary(blog / "clipnote-report")
    assert not errors(data) and len(data["articles"]) == 8
    assert len(attempts.read_text().split()) == 2
    report = blog / "clipnote-report" / "articles" / "_posts--2024-01-04-p.md"
    assert "supported" in report.read_text(encoding="utf-8")


def test_workers_killed_from_outside_leave_no_post_unaccounted(tmp_path, monkeypatch):
    """SIGKILL from outside, as the kernel's out-of-memory killer would: two workers are killed
    while each checks a post; both posts are checked on their retry, and so is every other."""
    import time

    import clipnote.batch.work

    blog = make_blog(tmp_path / "blog", {f"_posts/2024-02-{i:02d}-p.md": post(VIDEO, REAL)
                                         for i in range(1, 13)})
    real = clipnote.batch.work.Worker.run
    marks = tmp_path / "marks"
    marks.mkdir()

    def run(self, task):
        if len(list(marks.iterdir())) < 2 and not (marks / str(os.getpid())).exists():
            (marks / str(os.getpid())).write_text(task.article.path)
            os.kill(os.getppid(), signal.SIGUSR1)  # "kill me": the parent finds our pid
            time.sleep(30)  # killed long before this ends
        return real(self, task)

    killed: list[int] = []

    def kill_marked(signum, frame):
        for pid in [int(p.name) for p in marks.iterdir()]:
            if pid not in killed:
                killed.append(pid)
                os.kill(pid, signal.SIGKILL)

    previous = signal.signal(signal.SIGUSR1, kill_marked)
    monkeypatch.setattr(clipnote.batch.work.Worker, "run", run)
    monkeypatch.setattr("clipnote.batch.run.POSTS_PER_WORKER", 1)
    try:
        result = batch(blog, "--jobs", "2", monkeypatch=monkeypatch)
    finally:
        signal.signal(signal.SIGUSR1, previous)
    data = summary(blog / "clipnote-report")
    assert len(killed) == 2
    assert len(data["articles"]) == 12 and data["complete"] is True
    assert not errors(data), result.output
    assert result.exit_code == 0


def test_workers_that_cannot_start_end_the_run_with_every_post_accounted_for(tmp_path, monkeypatch):
    """Workers that die before checking anything (a broken installation, no memory) are
    replaced a few times, not forever; the posts are then reported as not checked."""
    blog = killer_blog(tmp_path)
    monkeypatch.setattr("clipnote.batch.pool.start_process", lambda settings: os._exit(1))
    monkeypatch.setattr("clipnote.batch.run.POSTS_PER_WORKER", 1)
    result = batch(blog, "--jobs", "2", monkeypatch=monkeypatch)
    assert result.exit_code == 2
    data = summary(blog / "clipnote-report")
    assert len(data["articles"]) == 8 and len(errors(data)) == 8
    assert all("worker processes kept stopping" in e for e in errors(data).values())


def test_ctrl_c_with_workers_ends_them_and_keeps_what_finished(tmp_path, monkeypatch):
    import multiprocessing

    from clipnote.batch.progress import Phase

    blog = killer_blog(tmp_path)
    monkeypatch.setattr("clipnote.batch.run.POSTS_PER_WORKER", 1)
    real = Phase.advance

    def advance(self, n=1, detail=None):
        real(self, n, detail)
        if self.label == "checking" and self.done == 3:
            raise KeyboardInterrupt

    monkeypatch.setattr(Phase, "advance", advance)
    result = batch(blog, "--jobs", "2", monkeypatch=monkeypatch)
    assert result.exit_code == 130
    data = summary(blog / "clipnote-report")
    assert data["complete"] is False and len(data["articles"]) == 3 and not errors(data)
    assert not multiprocessing.active_children()  # no worker left behind


# --- cache files damaged while a run reads them ---------------------------------------------------


def test_a_cache_file_truncated_under_a_worker_is_computed_again(tmp_path, monkeypatch):
    """A prepared transcript cut short in place while a worker has it mapped: that worker dies
    (SIGBUS) on its next read of it; its post is retried in another worker, which finds the file
    damaged, computes it again and checks the post. Nothing damaged is ever used."""
    import clipnote.align.stored as stored

    posts = {f"_posts/2024-05-{i:02d}-p.md": post(VIDEO, REAL) for i in range(1, 9)}
    blog = make_blog(tmp_path / "blog", posts)
    monkeypatch.setenv("CLIPNOTE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(blog)
    assert batch(blog, "--jobs", "1", monkeypatch=monkeypatch).exit_code == 0  # fills the cache
    (path,) = (tmp_path / "cache" / "prepared").glob("*.prepared")
    whole = path.read_bytes()

    real = stored.read_prepared
    marker = tmp_path / "truncated"

    def read_then_truncate(file, transcript, *, mapped=False):
        prepared = real(file, transcript, mapped=mapped)
        if mapped and prepared is not None and not marker.exists():
            marker.write_text(str(os.getpid()))
            os.truncate(file, len(whole) // 2)  # in place, under the mapping
        return prepared

    monkeypatch.setattr(stored, "read_prepared", read_then_truncate)
    monkeypatch.setattr("clipnote.batch.run.POSTS_PER_WORKER", 1)
    enabled = faulthandler.is_enabled()
    faulthandler.disable()  # pytest's: the worker's bus error is expected, its dump is noise
    try:
        result = batch(blog, "--jobs", "2", monkeypatch=monkeypatch)
    finally:
        if enabled:
            faulthandler.enable()
    data = summary(blog / "clipnote-report")
    assert marker.exists()
    assert result.exit_code == 0 and not errors(data), result.output
    assert data["totals"]["counts"]["supported"] == 8
    assert path.read_bytes() == whole  # computed again and stored whole


# --- two runs at once -----------------------------------------------------------------------------


def test_two_runs_at_once_leave_a_consistent_cache_and_reports(tmp_path):
    """Two CI jobs over one blog, sharing a cold user cache: both reports are whole and the
    same, the cache holds only whole files, and a third run reads it and agrees."""
    import sqlite3

    from talk_fixture import talk_transcript

    from clipnote.align.embed import USEEncoder
    from clipnote.align.stored import prepared_path, read_prepared

    posts = {f"_posts/2024-03-{i:02d}-p.md": post(OTHER if i % 2 else VIDEO, REAL) for i in range(1, 10)}
    blog = make_blog(tmp_path / "blog", posts)
    cache = tmp_path / "cache"
    env = {**os.environ, "CLIPNOTE_CACHE_DIR": str(cache), "NO_COLOR": "1"}
    command = [sys.executable, "-m", "clipnote", "batch", str(blog), "--offline", "--jobs", "2",
               "--format", "json"]
    runs = [subprocess.Popen(command + ["--out", str(tmp_path / name)], env=env, cwd=tmp_path,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for name in ("one", "two")]
    outputs = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    third = subprocess.run(command + ["--out", str(tmp_path / "three")], env=env, cwd=tmp_path,
                           capture_output=True, text=True, timeout=600)
    assert third.returncode == 0, third.stderr

    for name in ("summary.json", "report.json", "index.md"):
        texts = {(tmp_path / out / name).read_text(encoding="utf-8") for out in ("one", "two", "three")}
        assert len(texts) == 1, name
    reports = [sorted((tmp_path / out / "articles").iterdir()) for out in ("one", "two")]
    assert [p.name for p in reports[0]] == [p.name for p in reports[1]] and len(reports[0]) == 9
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(*reports))
    assert summary(tmp_path / "one")["totals"]["counts"]["supported"] == 9

    assert not list(cache.rglob("*.tmp"))  # no write left half-done
    for video in (VIDEO, OTHER):
        path = prepared_path(talk_transcript(video), USEEncoder(), cache / "prepared")
        assert read_prepared(path, talk_transcript(video)) is not None
    db = sqlite3.connect(cache / "embeddings.sqlite3")
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    db.close()


# --- a warm run ------------------------------------------------------------------------------------


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_warm_run_never_loads_the_model(tmp_path, monkeypatch, jobs):
    """Once a blog's transcripts and quotes are embedded, neither the parent nor a worker loads
    the sentence encoder: everything comes from the cache."""
    import clipnote.align.embed

    posts = {f"_posts/2024-04-{i:02d}-p.md": post(OTHER if i % 2 else VIDEO, REAL) for i in range(1, 7)}
    blog = make_blog(tmp_path / "blog", posts)
    assert batch(blog, "--jobs", "1", monkeypatch=monkeypatch).exit_code == 0  # warms the cache

    def no_model(self, texts):
        raise AssertionError("the model was loaded in a warm run")

    monkeypatch.setattr(clipnote.align.embed.USEEncoder, "encode", no_model)
    monkeypatch.setattr("clipnote.batch.run.POSTS_PER_WORKER", 1)
    result = batch(blog, "--jobs", jobs, monkeypatch=monkeypatch)
    data = summary(blog / "clipnote-report")
    assert result.exit_code == 0 and not errors(data), result.output
    assert data["totals"]["counts"]["supported"] == 6


def test_debug_re_raises_a_bug_in_a_worker(tmp_path, monkeypatch):
    import clipnote.pipeline

    blog = killer_blog(tmp_path)

    def boom(self, article):
        raise FileNotFoundError("a bug, not a dead worker")

    monkeypatch.setattr(clipnote.pipeline.Checker, "check_article", boom)
    monkeypatch.setattr("clipnote.batch.run.POSTS_PER_WORKER", 1)
    monkeypatch.chdir(blog)
    with pytest.raises(FileNotFoundError, match="a bug, not a dead worker"):
        CliRunner().invoke(main, ["--debug", "batch", "--offline", "--jobs", "2"], catch_exceptions=False)
