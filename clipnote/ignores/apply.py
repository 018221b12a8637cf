"""Applying ignores to an article before it is checked, and to its result after.

Precisely:

* A clip is left out when its video is ignored (`video:ID`), or when its line is silenced for
  every kind. Left out before checking (`filter_article`), so its transcript is never fetched.
* An excerpt is left out when any of its lines (`line`..`end_line`) is silenced for every kind;
  the clip's other excerpts are still checked (and aligned without it).
* A finding is dropped when its kind is ignored (`kind:KIND`), or when its line is silenced for its
  kind. The line is the finding's own `line`; without one, an excerpt's finding counts on any line
  of its excerpt and a clip's finding on the clip's line.
* A problem of the article (a bad reference, say) is dropped by the same rule, by its kind and
  line. An excerpt's verdict is kept as it is: ignoring `unsupported-quote` drops the finding (so it
  no longer fails the run), not the fact that the quote was not found; the excerpt's `silenced`
  names the kinds silenced there, so no report makes the finding up again from the verdict.
"""

from __future__ import annotations

from dataclasses import replace

from ..model import UNSUPPORTED, Article, ArticleResult, Clip, Excerpt, ExcerptResult, Finding, Problem
from .inline import IgnoreMap
from .rules import IgnoreRules

_NONE = IgnoreMap()
_NO_RULES = IgnoreRules()


def clip_is_ignored(clip: Clip, ignores: IgnoreMap = _NONE,
                    rules: IgnoreRules = _NO_RULES) -> bool:
    return clip.video_id in rules.videos or ignores.suppresses_all(clip.line)


def excerpt_is_ignored(excerpt: Excerpt, ignores: IgnoreMap = _NONE) -> bool:
    return ignores.suppresses_span(excerpt.line, excerpt.end_line)


def filter_article(article: Article, ignores: IgnoreMap = _NONE,
                   rules: IgnoreRules = _NO_RULES) -> Article:
    """The article without the clips and excerpts that are ignored, so they are never fetched or
    aligned; problems silenced on their line (or of an ignored kind) go too."""
    if not ignores and not rules:
        return article
    clips = tuple(
        replace(clip, excerpts=tuple(e for e in clip.excerpts if not excerpt_is_ignored(e, ignores)))
        for clip in article.clips if not clip_is_ignored(clip, ignores, rules)
    )
    return replace(article, clips=clips, problems=_problems(article.problems, ignores, rules))


def apply_ignores(result: ArticleResult, ignores: IgnoreMap = _NONE,
                  rules: IgnoreRules = _NO_RULES) -> ArticleResult:
    """The result without ignored clips, excerpts, findings and problems (see the module text)."""
    if not ignores and not rules:
        return result
    clips = []
    for clip_result in result.clips:
        clip = clip_result.clip
        if clip_is_ignored(clip, ignores, rules):
            continue
        excerpts = tuple(_excerpt(er, ignores, rules) for er in clip_result.excerpts
                         if not excerpt_is_ignored(er.excerpt, ignores))
        clips.append(replace(
            clip_result, excerpts=excerpts,
            findings=_findings(clip_result.findings, ignores, rules, clip.line, clip.line),
        ))
    article = replace(result.article, problems=_problems(result.article.problems, ignores, rules))
    return replace(result, article=article, clips=tuple(clips),
                   errors=_problems(result.errors, ignores, rules))


def _excerpt(result: ExcerptResult, ignores: IgnoreMap, rules: IgnoreRules) -> ExcerptResult:
    """The excerpt's result without its silenced findings, and which kinds were silenced (so
    that an `unsupported` verdict whose finding is silenced is not reported after all)."""
    first, last = result.excerpt.line, result.excerpt.end_line
    kept = _findings(result.findings, ignores, rules, first, last)
    silenced = {f.kind for f in result.findings if f not in kept}
    if UNSUPPORTED in rules.kinds or ignores.suppresses_span(first, last, UNSUPPORTED):
        silenced.add(UNSUPPORTED)
    return replace(result, findings=kept, silenced=result.silenced | silenced)


def _findings(findings: tuple[Finding, ...], ignores: IgnoreMap, rules: IgnoreRules,
              first: int, last: int | None) -> tuple[Finding, ...]:
    kept = []
    for finding in findings:
        if finding.kind in rules.kinds:
            continue
        if finding.line is not None:
            if ignores.suppresses(finding.line, finding.kind):
                continue
        elif ignores.suppresses_span(first, last, finding.kind):
            continue
        kept.append(finding)
    return tuple(kept)


def _problems(problems: tuple[Problem, ...], ignores: IgnoreMap,
              rules: IgnoreRules) -> tuple[Problem, ...]:
    return tuple(
        p for p in problems
        if p.kind not in rules.kinds and not ignores.suppresses(p.line, p.kind)
    )


__all__ = ["apply_ignores", "clip_is_ignored", "excerpt_is_ignored", "filter_article"]
