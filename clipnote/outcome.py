"""What a check run amounts to: every finding with its place, the counts, and the exit code.

Every report format (Markdown, JSON, terminal, SARIF, GitHub annotations, summary.json) reads
results through this module, so they all count the same things and name the same `path:line`.

Exit codes (DESIGN §7, as Vale and textlint):

* 0 — everything could be checked and no finding reaches `--fail-on`;
* 1 — some finding is at or above the `--fail-on` severity (an `unsupported` verdict counts with
  the severity of its `unsupported-quote` finding);
* 2 — something could not be checked at all: an article that could not be read or had a bad
  reference (ArticleResult.errors / Article.problems), or a clip with an error (no transcript,
  e.g. under `--offline`). 2 wins over 1: a run that could not look everywhere is not "clean
  but for the findings".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

from .model import (
    ARTICLE_ERROR,
    SEVERITIES,
    TOPIC_VERDICTS,
    TRANSCRIPT_ERROR,
    UNSUPPORTED,
    ArticleResult,
    ClipResult,
    ExcerptResult,
    Finding,
    Problem,
    Severity,
)

SEVERITY_RANK: dict[str, int] = {name: rank for rank, name in enumerate(SEVERITIES)}

# Kinds that mean "could not be checked" rather than "checked and found wanting".
RUNTIME_KINDS = frozenset({ARTICLE_ERROR, TRANSCRIPT_ERROR})


@dataclass(frozen=True)
class Located:
    """A finding with the article location every report names (`path:line`)."""

    path: str
    line: int | None
    finding: Finding
    clip: ClipResult | None = None
    excerpt: ExcerptResult | None = None
    runtime: bool = False  # True: this is an error that made something uncheckable

    @property
    def is_note(self) -> bool:
        """An info finding: something a fact-checker may skip, folded in the reports."""
        return not self.runtime and self.finding.severity == "info"

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


def problems_of(result: ArticleResult) -> tuple[Problem, ...]:
    """Article-level problems: ArticleResult.errors plus Article.problems, each once."""
    seen: list[Problem] = []
    for problem in (*result.errors, *result.article.problems):
        if problem not in seen:
            seen.append(problem)
    return tuple(seen)


def as_problem(error: object) -> Problem:
    """An article that could not be read, as a Problem: from a Problem, an ArticleError
    (`path`, `reason`, `line`) or any exception naming a `path`."""
    if isinstance(error, Problem):
        return error
    path = str(getattr(error, "path", None) or "?")
    reason = getattr(error, "reason", None) or getattr(error, "message", None) or str(error)
    return Problem(path, getattr(error, "line", None), str(reason), kind=ARTICLE_ERROR)


def is_unreadable(result: ArticleResult) -> bool:
    """True when the article itself could not be read: no clip, only `article-error` problems."""
    problems = problems_of(result)
    return not result.clips and bool(problems) and all(p.kind == ARTICLE_ERROR for p in problems)


def clip_error_finding(clip: ClipResult) -> Finding | None:
    """The finding that stands for a clip's error, when the clip has one.

    The checker may already have recorded it as a `transcript-error` finding; if not, one is
    made from `ClipResult.error` so that SARIF and annotations never drop an unchecked clip.
    """
    if not clip.error:
        return None
    for finding in clip.findings:
        if finding.kind == TRANSCRIPT_ERROR:
            return None
    return Finding(TRANSCRIPT_ERROR, "error", _sentence(clip.error), line=clip.clip.line)


def unsupported_finding(excerpt: ExcerptResult) -> Finding | None:
    """The finding that stands for an `unsupported` verdict the checker left without one.

    A paraphrase gets a warning, a quote an error (DESIGN §3: paraphrases get softer verdicts).
    """
    if excerpt.verdict != "unsupported" or UNSUPPORTED in excerpt.silenced:
        return None
    if any(f.kind == UNSUPPORTED for f in excerpt.findings):
        return None
    severity: Severity = "warning" if excerpt.excerpt.role in ("paraphrase", "topic") else "error"
    return Finding(UNSUPPORTED, severity, "Not found in the video's transcript.",
                   line=excerpt.excerpt.line)


def located_findings(result: ArticleResult) -> list[Located]:
    """Every finding of an article in article order, each with its `path:line`.

    Article problems come first (with their severity: an `error` one made something uncheckable,
    a `warning` one counts like any finding), then each clip's (see `locate_clip`).
    """
    out: list[Located] = []
    for problem in problems_of(result):
        finding = Finding(problem.kind, problem.severity, problem.message,
                          data={"raw": problem.raw} if problem.raw else {}, line=problem.line)
        out.append(Located(problem.path or result.article.path, problem.line, finding,
                           runtime=problem.severity == "error"))
    for clip in result.clips:
        out.extend(locate_clip(result.article.path, clip))
    return out


def locate_clip(path: str, clip: ClipResult) -> list[Located]:
    """A clip's error, its own findings, then its excerpts' findings, each with its line: the
    finding's own, else its excerpt's, else its clip's."""
    clip_line = clip.clip.line
    out: list[Located] = []
    implicit = clip_error_finding(clip)
    if implicit:
        out.append(Located(path, clip_line, implicit, clip, runtime=True))
    for finding in clip.findings:
        out.append(Located(path, finding.line or clip_line, finding, clip,
                           runtime=finding.kind in RUNTIME_KINDS))
    for excerpt in clip.excerpts:
        made = unsupported_finding(excerpt)
        for finding in (*excerpt.findings, *((made,) if made else ())):
            out.append(Located(path, finding.line or excerpt.excerpt.line, finding, clip, excerpt,
                               runtime=finding.kind in RUNTIME_KINDS))
    return out


def at_least(item: Located, min_severity: str) -> bool:
    """Whether a located finding is shown at a `min_severity` threshold (errors always are)."""
    if min_severity not in SEVERITY_RANK:
        raise ValueError(f"severity must be one of {', '.join(SEVERITIES)}, not {min_severity!r}")
    return item.runtime or SEVERITY_RANK.get(item.finding.severity, 0) >= SEVERITY_RANK[min_severity]


@dataclass(frozen=True)
class Counts:
    """How many of each thing an article (or a whole run, by adding Counts) has."""

    clips: int = 0
    excerpts: int = 0
    supported: int = 0
    weak: int = 0
    unsupported: int = 0
    errors: int = 0  # article problems + clips that could not be checked
    unchecked: int = 0  # excerpts of clips that could not be checked
    by_severity: dict[str, int] = field(default_factory=dict)  # findings, errors excluded
    by_kind: dict[str, int] = field(default_factory=dict)  # findings, errors excluded

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(
            self.clips + other.clips,
            self.excerpts + other.excerpts,
            self.supported + other.supported,
            self.weak + other.weak,
            self.unsupported + other.unsupported,
            self.errors + other.errors,
            self.unchecked + other.unchecked,
            _add_maps(self.by_severity, other.by_severity),
            _add_maps(self.by_kind, other.by_kind),
        )

    def severity(self, name: str) -> int:
        return self.by_severity.get(name, 0)

    def findings_phrase(self) -> str:
        """`1 error, 2 warnings, 5 info`, or `none`."""
        parts = [f"{n} {s}" + ("s" if n != 1 and s != "info" else "")
                 for s in ("error", "warning", "info") if (n := self.severity(s))]
        return ", ".join(parts) or "none"

    def badness(self) -> tuple[int, ...]:
        """A sort key, larger is worse: errors, then unsupported quotes, then findings by
        severity, then weak matches."""
        return (self.errors, self.unsupported, self.severity("error"),
                self.severity("warning"), self.weak, self.severity("info"))


def count(result: ArticleResult) -> Counts:
    """The counts of one article's result."""
    verdicts = {"supported": 0, "weak": 0, "unsupported": 0}
    excerpts = unchecked = 0
    for clip in result.clips:
        for excerpt in clip.excerpts:
            excerpts += 1
            verdict = TOPIC_VERDICTS.get(excerpt.verdict, excerpt.verdict)
            verdicts[verdict] = verdicts.get(verdict, 0) + 1
        if clip.error and not clip.excerpts:
            unchecked += len(clip.clip.excerpts)
    by_severity: dict[str, int] = {}
    by_kind: dict[str, int] = {}
    errors = 0
    for item in located_findings(result):
        if item.runtime:
            errors += 1
            continue
        by_severity[item.finding.severity] = by_severity.get(item.finding.severity, 0) + 1
        by_kind[item.finding.kind] = by_kind.get(item.finding.kind, 0) + 1
    return Counts(len(result.clips), excerpts, verdicts["supported"], verdicts["weak"],
                  verdicts["unsupported"], errors, unchecked, by_severity, by_kind)


def total(results: Iterable[ArticleResult]) -> Counts:
    out = Counts()
    for result in results:
        out = out + count(result)
    return out


def exit_code(results: Sequence[ArticleResult], fail_on: str = "error", *,
              errors: Sequence[object] = ()) -> int:
    """0 clean, 1 a finding at or above `fail_on`, 2 something could not be checked.

    `errors` are articles that could not be read at all (anything non-empty means 2).
    `fail_on` is a severity (`info`, `warning`, `error`) or `never` (findings never fail).
    """
    if fail_on != "never" and fail_on not in SEVERITY_RANK:
        raise ValueError(f"--fail-on must be one of {', '.join(SEVERITIES)} or never, not {fail_on!r}")
    if errors:
        return 2
    located = [item for result in results for item in located_findings(result)]
    if any(item.runtime for item in located):
        return 2
    if fail_on == "never":
        return 0
    return 1 if any(at_least(item, fail_on) for item in located) else 0


def _add_maps(a: dict[str, int], b: dict[str, int]) -> dict[str, int]:
    out = dict(a)
    for key, value in b.items():
        out[key] = out.get(key, 0) + value
    return out


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?", "。")) else text + "."
