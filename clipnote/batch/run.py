"""A batch run, start to end: find the posts, read them, get their transcripts, check them (in
parallel), and keep every result; Ctrl-C stops it with what finished kept.

    run = run_batch(BatchSettings(folder=Path("."), out=Path("clipnote-report"), config=config,
                                  store=TranscriptStore(offline=True)), Progress.for_terminal())

Every post ends up in `run.results` under its path (relative to `run.root`), checked or not: a
post that cannot be read, breaks a stage or loses its worker is recorded with the reason, and the
run goes on.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import Config
from ..discover import Discovery, Skipped, discover_posts
from ..errors import ArticleError
from ..layouts import display
from ..model import ARTICLE_ERROR, Article, ArticleResult, Problem
from ..posts import Post, read_post
from .fetch import Fetched, fetch_transcripts
from .plan import default_jobs, group_by_video, report_names, report_root
from .progress import Progress
from .work import (Done, Task, Worker, WorkerSettings, crashed, internal_error, run_in_process,
                   start_process)

if TYPE_CHECKING:  # pragma: no cover
    from ..transcripts import TranscriptStore


@dataclass(frozen=True)
class BatchSettings:
    folder: Path  # DIR
    out: Path | None  # the report folder (None: write no article reports)
    config: Config  # the configuration file's settings with the command line's on top
    store: "TranscriptStore"  # gets what is missing, in the parent only (paced)
    changed_since: str | None = None
    debug: bool = False


@dataclass
class BatchRun:
    root: Path  # article paths are relative to it
    discovery: Discovery
    jobs: int = 1
    changed_since: str | None = None
    planned: int = 0  # posts selected for checking
    posts: dict[str, Post] = field(default_factory=dict)  # the readable ones, by path
    results: dict[str, ArticleResult] = field(default_factory=dict)  # every post finished
    reports: dict[str, str] = field(default_factory=dict)  # path → the report written for it
    fetched: Fetched = field(default_factory=Fetched)
    interrupted: bool = False
    seconds: float = 0.0

    def ordered(self) -> list[ArticleResult]:
        """Every finished post's result, in path order."""
        return [self.results[path] for path in sorted(self.results)]

    @property
    def skipped(self) -> tuple[Skipped, ...]:
        return self.discovery.skipped


def run_batch(settings: BatchSettings, progress: Progress) -> BatchRun:
    """Run the whole batch (see the module text). Raises ClipnoteError only for what stops a run
    before it starts (no such folder, a bad --changed-since ref); Ctrl-C returns the run so far,
    marked `interrupted`."""
    started = time.monotonic()
    config = settings.config
    skip = [settings.out] if settings.out is not None else []
    discovery = discover_posts(settings.folder, include=config.include, exclude=config.exclude,
                               drafts=config.drafts, ignore=config.ignore, skip=skip)
    root = report_root(discovery.root)
    run = BatchRun(root=root, discovery=discovery, changed_since=settings.changed_since)
    try:
        posts = _select(run, settings, progress)
        run.planned = len(posts) + len(run.results)
        run.posts = {post.article.path: post for post in posts}
        progress.info(f"{run.planned} post{'s' * (run.planned != 1)} to check in "
                      f"{display(discovery.root, root)} ({discovery.layout})")
        run.fetched = fetch_transcripts(settings.store, [p for p in posts if p.needs_transcripts],
                                        progress)
        _say_fetched(run.fetched, progress)
        _check(run, posts, settings, progress)
    except KeyboardInterrupt:
        run.interrupted = True
    run.seconds = time.monotonic() - started
    return run


def _say_fetched(fetched: Fetched, progress: Progress) -> None:
    if not (fetched.got or fetched.failures):
        return  # every transcript was a local file: nothing worth a line
    got = ", ".join(f"{n} from {source}" for source, n in sorted(fetched.got.items()))
    failed = len(fetched.failures)
    progress.info(f"transcripts of {fetched.videos} video{'s' * (fetched.videos != 1)}: "
                  + ", ".join(filter(None, [f"{fetched.local} local" if fetched.local else "", got,
                                            f"{failed} could not be had" if failed else ""])))


def _select(run: BatchRun, settings: BatchSettings, progress: Progress) -> list[Post]:
    """The posts to check, read; with --changed-since only those changed since the ref, and
    those quoting a video whose committed snapshot changed."""
    paths = list(run.discovery.posts)
    if not settings.changed_since:
        return _read(run, paths, settings, progress)
    from ..gitchanges import changed_posts, snapshot_videos

    changed_files = changed_posts(run.root, settings.changed_since)
    changed = set(run.discovery.only(changed_files).posts)
    videos = snapshot_videos(changed_files)
    if not videos:
        return _read(run, [p for p in paths if p in changed], settings, progress)
    posts = _read(run, paths, settings, progress)  # which posts quote those videos: read them all
    names = {display(p, run.root) for p in changed}
    run.results = {name: result for name, result in run.results.items() if name in names}
    return [post for post in posts if post.path in changed
            or any(clip.video_id in videos for clip in post.article.clips)]


def _read(run: BatchRun, paths: list[Path], settings: BatchSettings, progress: Progress) -> list[Post]:
    """Read and scan every post; one that cannot be read is recorded as such."""
    posts: list[Post] = []
    rules = run.discovery.ignore
    with progress.phase("reading posts", len(paths)) as phase:
        for path in paths:
            name = display(path, run.root)
            try:
                posts.append(read_post(path, name, rules=rules))
            except ArticleError as error:
                run.results[name] = unreadable(name, error)
            except Exception as error:  # a bug in reading one post must not stop the others
                if settings.debug:
                    raise
                run.results[name] = crashed(Article(path=name), internal_error("reading", error))
            phase.advance(detail=name)
    return posts


def unreadable(name: str, error: ArticleError) -> ArticleResult:
    problem = Problem(name, error.line, error.reason, kind=ARTICLE_ERROR)
    return ArticleResult(article=Article(path=name, problems=(problem,)), errors=(problem,))


def _check(run: BatchRun, posts: list[Post], settings: BatchSettings, progress: Progress) -> None:
    config = settings.config
    worker_settings = WorkerSettings(
        root=run.root, out=settings.out, transcripts=config.transcripts, languages=config.languages,
        thresholds=config.thresholds, failures=dict(run.fetched.failures),
        rules=replace(run.discovery.ignore, paths=()), debug=settings.debug)
    names = report_names(run.posts)
    tasks = {post.article.path: _task(post, names) for post in posts}
    heavy = [post for post in posts if post.needs_transcripts]
    light = [post for post in posts if not post.needs_transcripts]
    cores = default_jobs()
    chunks = group_by_video(heavy, config.jobs or cores)
    run.jobs = min(config.jobs or cores, len(chunks))
    worker_settings = replace(worker_settings, blas_threads=max(1, cores // max(1, run.jobs)))
    local = Worker(worker_settings)
    pool = _start_pool(run.jobs, worker_settings, chunks, tasks) if run.jobs > 1 else None
    with progress.phase("checking", len(posts)) as phase:

        def record(done: Done) -> None:
            run.results[done.path] = done.result
            if done.report:
                run.reports[done.path] = done.report
            phase.advance(detail=done.path)

        try:
            for post in light:  # no transcript needed: here, while the workers align
                record(local.run(tasks[post.article.path]))
            if pool is None:
                for chunk in chunks:
                    for post in chunk:
                        record(local.run(tasks[post.article.path]))
            else:
                _collect(pool, record, settings.debug)
        except KeyboardInterrupt:
            if pool is not None:
                _stop(pool[0])
            raise
        finally:
            if pool is not None:
                pool[0].shutdown(wait=True, cancel_futures=True)


def _task(post: Post, names: dict[str, str]) -> Task:
    """A post with no clip and no problem gets no report of its own: the index names it."""
    quiet = not post.article.clips and not post.article.problems
    return Task(post.article, post.ignores, None if quiet else names[post.article.path])


def _start_pool(jobs: int, settings: WorkerSettings, chunks, tasks):
    """The worker processes, with every chunk submitted. Called before the progress bar starts:
    with fork, no thread of ours may be running when the workers are made."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    executor = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=start_process,
                                   initargs=(settings,))
    futures = {}
    for chunk in chunks:
        chunk_tasks = [tasks[post.article.path] for post in chunk]
        futures[executor.submit(run_in_process, chunk_tasks)] = chunk_tasks
    return executor, futures


def _collect(pool, record, debug: bool) -> None:
    """Each chunk's results as they come. A worker that dies (killed, out of memory) breaks the
    pool: the posts not finished by then are recorded as not checked, with the reason."""
    from concurrent.futures import as_completed

    executor, futures = pool
    for future in as_completed(futures):
        try:
            done = future.result()
        except Exception as error:  # the pool broke, or a bug re-raised under --debug
            if debug:
                raise
            for task in futures[future]:
                article = task.article
                result = crashed(article, _not_checked(error))
                record(Done(article.path, result, None))
            continue
        for item in done:
            record(item)


def _not_checked(error: Exception) -> str:
    from concurrent.futures.process import BrokenProcessPool

    if isinstance(error, BrokenProcessPool):
        return ("not checked: a worker process stopped unexpectedly (killed, or out of memory?); "
                "run again, or with --jobs 1")
    return internal_error("checking", error)


def _stop(executor) -> None:
    """Ctrl-C: drop the work not started, and end the workers now (the caches they write are
    written atomically, so nothing is left half-done)."""
    processes = list((getattr(executor, "_processes", None) or {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()


__all__ = ["BatchRun", "BatchSettings", "run_batch", "unreadable"]
