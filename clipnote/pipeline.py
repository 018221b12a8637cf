"""The whole check, article in, ArticleResult out: clips → transcripts → alignment → findings.

`Checker` holds what a run shares between articles (the transcript store, the encoder, prepared
transcripts), so a batch run loads and prepares each video once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from . import model as M
from .checks import check_clip
from .config import Thresholds
from .errors import ClipnoteError
from .model import Article, ArticleResult, Clip, ClipResult, Finding, Transcript

log = logging.getLogger("clipnote")


class TranscriptSource(Protocol):
    def get(self, video_id: str, article_path: Path | None = None) -> Transcript: ...


@dataclass
class Checker:
    store: TranscriptSource
    encoder: object | None = None  # an align.embed.Encoder; the cached USE model by default
    thresholds: Thresholds = field(default_factory=Thresholds)
    debug: bool = False  # re-raise unexpected errors instead of recording them
    # prepared transcripts kept in memory, least recently used dropped first (None: all); a
    # batch worker sees posts grouped by video, so a few suffice and memory stays flat
    keep_prepared: int | None = None
    # prepared transcripts' embeddings memory-mapped from the cache, shared by every process that
    # reads them (batch workers); a process that must never die of a file truncated under it
    # (the parent) reads them instead
    map_cache: bool = False
    _prepared: dict = field(default_factory=dict)

    def _encoder(self):
        if self.encoder is None:
            from .align.embed import default_encoder

            self.encoder = default_encoder()
        return self.encoder

    def prepared(self, transcript: Transcript):
        key = (transcript.video_id, transcript.language, len(transcript.segments), transcript.path)
        prepared = self._prepared.pop(key, None)
        if prepared is None:
            from .align.stored import load_or_prepare

            prepared = load_or_prepare(transcript, self._encoder(), mapped=self.map_cache)
            if self.keep_prepared is not None:
                while self._prepared and len(self._prepared) >= self.keep_prepared:
                    del self._prepared[next(iter(self._prepared))]
        self._prepared[key] = prepared  # last in the dict: the most recently used
        return prepared

    def check_file(self, path: Path, *, default_video: str | None = None) -> ArticleResult:
        from .article.scan import scan_file

        return self.check_article(scan_file(path, default_video=default_video))

    def check_article(self, article: Article) -> ArticleResult:
        topics = _key_point_times(article)
        clips = [self.check_one_clip(article, clip, topics.get(clip.video_id, ()))
                 for clip in article.clips]
        clips = self._across_clips(clips)
        return ArticleResult(article=article, clips=tuple(clips), errors=tuple(article.problems))

    def _across_clips(self, clips: list[ClipResult]) -> list[ClipResult]:
        """Checks that need every clip of a video at once (who is credited with which turns)."""
        from .checks import turn_parity_findings

        by_video: dict[str, list[int]] = {}
        for i, result in enumerate(clips):
            if result.transcript is not None and result.excerpts:
                by_video.setdefault(result.clip.video_id, []).append(i)
        for indices in by_video.values():
            prepared = self.prepared(clips[indices[0]].transcript)
            found = turn_parity_findings([clips[i] for i in indices], prepared)
            for (ci, ei), finding in found.items():
                clip = clips[indices[ci]]
                excerpts = list(clip.excerpts)
                if not any(f.kind == finding.kind for f in excerpts[ei].findings):
                    excerpts[ei] = replace(excerpts[ei], findings=excerpts[ei].findings + (finding,))
                clips[indices[ci]] = replace(clip, excerpts=tuple(excerpts))
        return clips

    def check_one_clip(self, article: Article, clip: Clip, key_points: tuple[float, ...] = ()) -> ClipResult:
        """`key_points`: the times of the video's key points in the article, which bound where
        each of them may have moved (align/topics.py)."""
        from .checks import label_findings

        # what the article says about its own link needs no transcript
        own = tuple(replace(f, line=f.line or clip.line) for f in label_findings(clip, self.thresholds))
        if not clip.excerpts:
            return ClipResult(clip=clip, transcript=None, findings=own)
        try:
            transcript = self.store.get(clip.video_id, article_path=Path(article.path))
        except ClipnoteError as error:
            failed = _failed(clip, str(error))
            return replace(failed, findings=failed.findings + own)
        try:
            prepared = self.prepared(transcript)
            alignments = self._align(clip, prepared, key_points)
            return check_clip(clip, transcript, prepared, alignments, self.thresholds)
        except Exception as error:  # a bug must not cost the rest of the run
            if self.debug:
                raise
            log.exception("checking %s:%s failed", article.path, clip.line)
            return _failed(clip, f"internal error while checking this clip: {type(error).__name__}: {error}",
                           transcript)


    def _align(self, clip: Clip, prepared, key_points: tuple[float, ...]) -> list:
        """Quotes and paraphrases by the sentence aligner, key points by topic, in article order."""
        from .align import align_clip
        from .align.topics import place_topics

        topics = [e for e in clip.excerpts if e.role == "topic"]
        others = [e for e in clip.excerpts if e.role != "topic"]
        own_time = bool(others) and clip.kind in ("label", "link") \
            and others[0].line <= clip.line <= (others[0].end_line or others[0].line)
        aligned = align_clip(others, prepared, clip.start, self._encoder(), thresholds=self.thresholds,
                             own_time=own_time)
        if topics:
            before = max((t for t in key_points if clip.start is not None and t < clip.start), default=None)
            after = min((t for t in key_points if clip.start is not None and t > clip.start), default=None)
            aligned += place_topics(topics, prepared, clip.start, self._encoder(), (before, after))
        order = {id(e): k for k, e in enumerate(clip.excerpts)}
        return sorted(aligned, key=lambda al: order[id(al.excerpt)])


def _key_point_times(article: Article) -> dict[str, tuple[float, ...]]:
    times: dict[str, set[float]] = {}
    for clip in article.clips:
        if clip.start is not None and any(e.role == "topic" for e in clip.excerpts):
            times.setdefault(clip.video_id, set()).add(clip.start)
    return {video: tuple(sorted(found)) for video, found in times.items()}


def _failed(clip: Clip, message: str, transcript: Transcript | None = None) -> ClipResult:
    finding = Finding(M.TRANSCRIPT_ERROR, "error", message, {"video_id": clip.video_id}, line=clip.line)
    return ClipResult(clip=clip, transcript=transcript, findings=(finding,), error=message)
