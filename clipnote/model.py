"""The data that flows through clipnote, stage to stage.

Every type here is a frozen dataclass: stages are pure functions from one of these to the next,
so results can be cached, compared in tests and handed to worker processes safely.
Nothing in this module does I/O or imports anything heavy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Mapping

# --- vocabularies -------------------------------------------------------------------------------

ClipKind = Literal["embed", "link", "label", "front-matter"]
"""How the article points at the video: an embedded player, a link, a bare timestamp label that
refers to the page's own video, or a video named only in the front matter."""

Role = Literal["question", "answer", "quote", "paraphrase", "topic"]
"""`topic`: a key point (`- **Scaling Laws** ([34:24](…)) - Are they holding?`) claims a topic
is discussed from its time on, not words: it is placed by meaning and judged on-topic/off-topic."""

Verdict = Literal["supported", "weak", "unsupported", "on-topic", "off-topic"]
TOPIC_VERDICTS = {"on-topic": "supported", "off-topic": "weak"}  # how a key point counts in totals

Severity = Literal["info", "warning", "error"]
SEVERITIES: tuple[Severity, ...] = ("info", "warning", "error")
FAIL_ON: tuple[str, ...] = (*SEVERITIES, "never")  # --fail-on: a severity, or never fail on findings

# Finding kinds (DESIGN §6). Reports and configuration refer to these names; never rename one.
DRIFT = "timestamp-drift"
LABEL_MISMATCH = "label-mismatch"
UNSUPPORTED = "unsupported-quote"
WEAK = "weak-match"
NUMBER_MISMATCH = "number-mismatch"
NUMBER_AGREES = "number-agrees"
NAME_MISSING = "name-missing"
SPEAKER_MISMATCH = "speaker-mismatch"
OMISSION = "omission"
OUT_OF_ORDER = "out-of-order"
REPEATED = "repeated-passage"
TRANSCRIPT_CAVEAT = "transcript-caveat"
TRANSCRIPT_ERROR = "transcript-error"
BAD_REFERENCE = "bad-reference"
ARTICLE_ERROR = "article-error"
BROKEN_FRONT_MATTER = "broken-front-matter"


# --- articles, clips, excerpts ------------------------------------------------------------------


@dataclass(frozen=True)
class Excerpt:
    """A passage of the article that claims to render what is said in a video."""

    path: str
    line: int  # 1-based line of the excerpt's first line in the file
    text: str  # plain text, markup and the speaker label removed
    speaker: str | None = None
    role: Role = "quote"
    end_line: int | None = None  # last line (inclusive); None means the same as `line`
    label: str | None = None  # the speaker label as written, e.g. "Q（Lex）"
    # marked as the author's own (`作者概括：`, `My take:`): it may render the talk but does not
    # claim to, so not finding it is no fault (`label` holds the marker)
    author_note: bool = False


@dataclass(frozen=True)
class ProseTime:
    """A time the article states in words beside a clip (`4분 46초부터 6분 10초까지`,
    `13分あたりから`, `at timestamp 1:58:33`): where the author says to watch, and until when."""

    text: str  # as written, e.g. "4분 46초"
    start: float
    end: float | None = None


@dataclass(frozen=True)
class Clip:
    """One reference from the article to a video, with the excerpts that quote it."""

    video_id: str
    start: float | None
    end: float | None
    path: str
    line: int  # 1-based
    raw: str  # the reference exactly as written, e.g. '{% include … id="…?start=4648" %}'
    kind: ClipKind = "embed"
    label: str | None = None  # a visible timestamp written next to a link, e.g. "@ 28m42s"
    label_seconds: float | None = None
    draft: bool = False
    excerpts: tuple[Excerpt, ...] = ()
    column: int = 0  # 0-based column of `raw` on `line`
    prose_time: ProseTime | None = None  # a time the text beside the clip gives in words


@dataclass(frozen=True)
class Problem:
    """Something in an article that clipnote could not use, with where it is."""

    path: str
    line: int | None
    message: str
    raw: str | None = None
    kind: str = BAD_REFERENCE
    # "error": something could not be read or checked (exit 2); "warning": read another way,
    # reported like a finding (broken front matter read tolerantly)
    severity: Severity = "error"


@dataclass(frozen=True)
class Article:
    """An article as clipnote understands it: metadata, the clips it makes and what went wrong."""

    path: str
    title: str | None = None
    language: str | None = None
    draft: bool = False
    clips: tuple[Clip, ...] = ()
    problems: tuple[Problem, ...] = ()
    front_matter: Mapping[str, Any] = field(default_factory=dict)


# --- transcripts --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    """A word with its own start time (json3 auto-captions carry these)."""

    start: float
    text: str


@dataclass(frozen=True)
class Segment:
    start: float
    duration: float
    text: str
    words: tuple[Word, ...] = ()

    @property
    def end(self) -> float:
        return self.start + self.duration


@dataclass(frozen=True)
class Transcript:
    video_id: str
    language: str | None
    segments: tuple[Segment, ...]
    # where this copy came from: "transcripts-dir", "snapshot", "cache", "youtube", "yt-dlp"
    source: str = "snapshot"
    # True: YouTube's speech recognition; False: captions a person made; None: not known
    generated: bool | None = None
    title: str | None = None
    channel: str | None = None
    duration: float | None = None
    # how the text was made when known: "youtube-manual", "youtube-asr", "whisper", ...
    provider: str | None = None
    translated: bool = False
    path: str | None = None  # file it was read from, if any
    fetched_at: str | None = None
    alternatives: tuple[str, ...] = ()  # other languages that were available
    # what produced the text: "youtube-transcript-api", "yt-dlp", or a file format ("vtt", ...)
    origin: str | None = None


# --- results ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    kind: str
    severity: Severity
    message: str
    data: Mapping[str, Any] = field(default_factory=dict)
    line: int | None = None  # article line the finding is about


@dataclass(frozen=True)
class MatchPart:
    """Where one group of a long excerpt's sentences is spoken."""

    start: float
    end: float
    first_segment: int  # index into Transcript.segments (inclusive)
    last_segment: int
    first_sentence: int  # the group's sentences, counted from 0 within the excerpt (inclusive)
    last_sentence: int


@dataclass(frozen=True)
class Match:
    """Where in the transcript an excerpt is spoken. A long excerpt is placed as a run of sentence
    groups (`parts`); its start and end are then their hull when the parts follow each other, and
    the first part when they do not."""

    start: float
    end: float
    score: float  # the aligner's raw similarity of the matched span
    confidence: float  # calibrated probability that the span is right, 0..1
    first_segment: int  # index into Transcript.segments (inclusive)
    last_segment: int  # inclusive
    text: str  # transcript text of the span
    out_of_order: bool = False
    # other places that match nearly as well (start, end, score): repeated passages, cold opens
    alternatives: tuple[tuple[float, float, float], ...] = ()
    parts: tuple[MatchPart, ...] = ()


@dataclass(frozen=True)
class ExcerptResult:
    excerpt: Excerpt
    verdict: Verdict
    match: Match | None
    findings: tuple[Finding, ...] = ()
    # finding kinds an ignore comment or rule silenced here: an `unsupported` verdict whose
    # `unsupported-quote` is silenced keeps its verdict but no longer fails the run
    silenced: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ClipResult:
    clip: Clip
    transcript: Transcript | None
    excerpts: tuple[ExcerptResult, ...] = ()
    findings: tuple[Finding, ...] = ()
    error: str | None = None  # why the clip could not be checked (no transcript, ...)


@dataclass(frozen=True)
class ArticleResult:
    article: Article
    clips: tuple[ClipResult, ...] = ()
    errors: tuple[Problem, ...] = ()

    def findings(self) -> tuple[Finding, ...]:
        """Every finding of the article, clip-level and excerpt-level, in article order."""
        out: list[Finding] = []
        for clip in self.clips:
            out.extend(clip.findings)
            for ex in clip.excerpts:
                out.extend(ex.findings)
        return tuple(out)
