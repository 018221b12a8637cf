"""Checking posts, in the parent (a run with little work, `--jobs 1`, and posts that need no
transcript) or in a worker process (see pool.py): one `Checker` per process, so prepared
transcripts are loaded once and reused; each article's report is rendered and written where it
was checked, and what goes back to the parent is the result without its transcripts' caption
lines (they are large; only the report needs them).

Workers only ever read transcripts from local files and the cache: the parent fetched whatever
was missing first, and tells them why the videos it could not get failed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Mapping, Sequence

from ..config import Thresholds
from ..errors import ClipnoteError
from ..ignores import IgnoreMap, IgnoreRules, apply_ignores
from ..model import ARTICLE_ERROR, Article, ArticleResult, Problem, Transcript

log = logging.getLogger("clipnote")

# prepared transcripts a worker keeps in memory: posts come grouped by video, so a few suffice
KEEP_PREPARED = 6


@dataclass(frozen=True)
class WorkerSettings:
    root: Path  # article paths are relative to it
    out: Path | None  # the report folder; None: write no article reports
    transcripts: Path | None = None  # --transcripts DIR
    languages: tuple[str, ...] = ()
    thresholds: Thresholds = field(default_factory=Thresholds)
    # videos whose transcript the parent could not get, and why
    failures: Mapping[str, str] = field(default_factory=dict)
    rules: IgnoreRules = field(default_factory=IgnoreRules)  # its videos and kinds
    debug: bool = False
    blas_threads: int | None = None  # BLAS threads a worker process may use (None: its default)


@dataclass(frozen=True)
class Task:
    article: Article  # as read_post left it (ignored clips and excerpts out)
    ignores: IgnoreMap
    report: str | None  # where its report goes, relative to the report folder; None: nowhere


@dataclass(frozen=True)
class Done:
    path: str
    result: ArticleResult  # ignores applied, transcripts without their caption lines
    report: str | None  # the report written, relative to the report folder


class LocalTranscripts:
    """A worker's transcripts: `--transcripts DIR`, the blogs' snapshots and the user cache, never
    the network. Article paths are relative to `root`. For a video the parent could not get, the
    parent's reason is given rather than "missing offline"."""

    def __init__(self, root: Path, transcripts: Path | None, languages: Sequence[str],
                 failures: Mapping[str, str]):
        from ..transcripts import TranscriptStore

        self.root = root
        self.failures = failures
        self.store = TranscriptStore(transcripts, offline=True, languages=languages)

    def get(self, video_id: str, article_path: Path | None = None) -> Transcript:
        path = self.root / article_path if article_path is not None else None
        try:
            return self.store.get(video_id, article_path=path)
        except ClipnoteError:
            if video_id in self.failures:
                raise ClipnoteError(self.failures[video_id]) from None
            raise


class Worker:
    """Checks tasks one by one with one Checker (made when first needed). `mapped`: cached
    embeddings are memory-mapped (in worker processes; see Checker.map_cache)."""

    def __init__(self, settings: WorkerSettings, *, mapped: bool = False):
        self.settings = settings
        self.mapped = mapped
        self._checker = None

    @property
    def checker(self):
        if self._checker is None:
            from ..pipeline import Checker

            s = self.settings
            store = LocalTranscripts(s.root, s.transcripts, s.languages, s.failures)
            self._checker = Checker(store, thresholds=s.thresholds, debug=s.debug,
                                    keep_prepared=KEEP_PREPARED, map_cache=self.mapped)
        return self._checker

    def run(self, task: Task) -> Done:
        try:
            result = apply_ignores(self.checker.check_article(task.article), task.ignores,
                                   self.settings.rules)
            report = self._write(task, result)
        except Exception as error:  # one post's bug must not cost the others
            if self.settings.debug:
                raise
            log.debug("checking %s failed", task.article.path, exc_info=True)
            result = crashed(task.article, internal_error("checking", error))
            report = self._write_quietly(task, result)
        return Done(task.article.path, slim(result), report)

    def _write(self, task: Task, result: ArticleResult) -> str | None:
        if task.report is None or self.settings.out is None:
            return None
        from ..atomic import atomic_write_text
        from ..report.markdown import render_article

        atomic_write_text(self.settings.out / task.report, render_article(result), durable=False)
        return task.report

    def _write_quietly(self, task: Task, result: ArticleResult) -> str | None:
        try:
            return self._write(task, result)
        except Exception:  # the report of a post that broke the checker: best effort
            return None


def crashed(article: Article, reason: str) -> ArticleResult:
    """The result of a post that could not be checked: no clips, one error saying why."""
    return ArticleResult(article=article, errors=(Problem(article.path, None, reason, kind=ARTICLE_ERROR),))


def internal_error(stage: str, error: BaseException) -> str:
    return (f"internal error while {stage} this article: {type(error).__name__}: {error} "
            "(run again with --debug for the traceback)")


def slim(result: ArticleResult) -> ArticleResult:
    """The result without its transcripts' caption lines, which only the article's own report
    shows: a thousand results would otherwise carry a thousand copies of long transcripts."""
    clips = tuple(
        replace(clip, transcript=replace(clip.transcript, segments=()))
        if clip.transcript is not None and clip.transcript.segments else clip
        for clip in result.clips
    )
    return replace(result, clips=clips)


# --- in a worker process ------------------------------------------------------------------------

_process_worker: Worker | None = None


def import_checking() -> None:
    """What checking a post needs, imported ahead (in a worker while the parent reads posts)."""
    import numpy  # noqa: F401
    import threadpoolctl  # noqa: F401

    from .. import pipeline  # noqa: F401
    from ..align import embed, stored  # noqa: F401
    from ..report import markdown  # noqa: F401


def start_process(settings: WorkerSettings) -> None:
    """A worker process's Worker, for the run's settings. Each worker gets its share of the
    cores for numpy's BLAS: two workers that each start a thread per core on two cores run at
    half the speed of one."""
    global _process_worker
    if settings.blas_threads:
        import numpy  # noqa: F401  (loads the BLAS library, so that its threads can be limited)
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=settings.blas_threads, user_api="blas")
    _process_worker = Worker(settings, mapped=True)


__all__ = ["Done", "LocalTranscripts", "Task", "Worker", "WorkerSettings", "crashed", "import_checking",
           "internal_error", "slim", "start_process"]
