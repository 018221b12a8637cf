"""A batch run, start to end: find the posts, read them, get their transcripts, check them (in
parallel), and keep every result; Ctrl-C stops it with what finished kept.

    run = run_batch(BatchSettings(folder=Path("."), out=Path("clipnote-report"), config=config,
                                  store=TranscriptStore(offline=True)), Progress.for_terminal())

Every post ends up in `run.results` under its path (relative to `run.root`), checked or not: a
post that cannot be read, breaks a stage or loses its worker is recorded with the reason, and the
run goes on.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections import deque
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
from .pool import WorkerPool
from .work import Done, Task, Worker, WorkerSettings, crashed, import_checking, internal_error

POSTS_PER_WORKER = 4  # posts that make a worker worth starting

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
    jobs = pool_size(len(discovery.posts), config.jobs or default_jobs())
    # every post is to be checked: the workers start now, and get ready while the posts are read
    pool = WorkerPool(jobs) if jobs and not settings.changed_since else None
    try:
        posts = _select(run, settings, progress)
        run.planned = len(posts) + len(run.results)
        run.posts = {post.article.path: post for post in posts}
        progress.info(f"{run.planned} post{'s' * (run.planned != 1)} to check in "
                      f"{display(discovery.root, root)} ({discovery.layout})")
        run.fetched = fetch_transcripts(settings.store, [p for p in posts if p.needs_transcripts],
                                        progress)
        _say_fetched(run.fetched, progress)
        _check(run, posts, settings, progress, pool)
    except KeyboardInterrupt:
        run.interrupted = True
    finally:
        if pool is not None:
            pool.stop()  # when the run stopped early; a pool that ran has stopped already
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


def _check(run: BatchRun, posts: list[Post], settings: BatchSettings, progress: Progress,
           pool: WorkerPool | None) -> None:
    config = settings.config
    worker_settings = WorkerSettings(
        root=run.root, out=settings.out, transcripts=config.transcripts, languages=config.languages,
        thresholds=config.thresholds, failures=dict(run.fetched.failures),
        rules=replace(run.discovery.ignore, paths=()), debug=settings.debug, blas_threads=1)
    names = report_names(run.posts)
    heavy = [post for post in posts if post.needs_transcripts]
    light = [post for post in posts if not post.needs_transcripts]
    if pool is None and (size := pool_size(len(heavy), config.jobs or default_jobs())):
        pool = WorkerPool(size)
    chunks = group_by_video(heavy, pool.size if pool else 1)
    tasks = [_task(post, names) for chunk in chunks for post in chunk]
    order, first = [], 0
    for chunk in chunks:  # each chunk's task numbers, in the order of `tasks`
        order.append(list(range(first, first + len(chunk))))
        first += len(chunk)
    run.jobs = pool.size if pool else 1
    local = Worker(worker_settings)
    if heavy and pool is None:
        import_checking()  # so that BLAS can be limited before the first post
    with progress.phase("checking", len(posts)) as phase, _blas_threads(1):

        def record(done: Done) -> None:
            run.results[done.path] = done.result
            if done.report:
                run.reports[done.path] = done.report
            phase.advance(detail=done.path)

        later = deque(_task(post, names) for post in light)

        def one_light() -> bool:  # no transcript needed: here, while the workers align
            if later:
                record(local.run(later.popleft()))
            return bool(later)

        if pool is None:
            for task in [*later, *tasks]:
                record(local.run(task))
        else:
            pool.run(worker_settings, tasks, order, record, between=one_light)


def pool_size(posts: int, jobs: int) -> int:
    """Worker processes for this many posts: none for a run with little work (the parent checks
    them itself, with nothing to start), else one per `POSTS_PER_WORKER` posts, up to `jobs`."""
    workers = min(jobs, posts // POSTS_PER_WORKER)
    return workers if workers >= 2 else 0


@contextlib.contextmanager
def _blas_threads(limit: int):
    """numpy's BLAS limited to `limit` threads: the products here are small, and BLAS threads
    that wait for a busy core (workers, other programs) cost more than they bring."""
    if "numpy" not in sys.modules:
        yield  # no post here needs numpy
        return
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=limit, user_api="blas"):
        yield


def _task(post: Post, names: dict[str, str]) -> Task:
    """A post with no clip and no problem gets no report of its own: the index names it."""
    quiet = not post.article.clips and not post.article.problems
    return Task(post.article, post.ignores, None if quiet else names[post.article.path])


__all__ = ["BatchRun", "BatchSettings", "pool_size", "run_batch", "unreadable"]
