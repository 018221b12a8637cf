"""batch's `summary.json`: per-article counts, findings and errors, for bots and dashboards.

`articles` lists every article the run saw, in path order (so the file diffs well between
runs): those checked, and those that could not be read (`"error"` says why). Each finding
names its `path:line`. Schema: `clipnote/schemas/summary.schema.json`.
"""

from __future__ import annotations

from typing import Any, Sequence

from ..model import ArticleResult, Problem
from ..outcome import Counts, as_problem, count, located_findings, is_unreadable, problems_of, total
from .json import counts_to_json, plain

SCHEMA = "clipnote/summary@1"


def summary_json(results: Sequence[ArticleResult], errors: Sequence[Problem | object] = ()
                 ) -> dict[str, Any]:
    """The run's summary. `errors` are articles that could not be read at all: `Problem`s or
    `ArticleError`s (anything with `path` and `reason` or `message`)."""
    articles = [_article(result) for result in results]
    articles += [_unreadable(error) for error in errors]
    articles.sort(key=lambda a: a["path"])
    run = total(r for r in results if not is_unreadable(r))
    failed = sum(1 for a in articles if a["error"])
    return {
        "schema": SCHEMA,
        "totals": {
            "articles": len(articles),
            "checked": len(articles) - failed,
            "unreadable": failed,
            "counts": counts_to_json(run),
            "kinds": dict(sorted(run.by_kind.items())),
        },
        "articles": articles,
    }


def _article(result: ArticleResult) -> dict[str, Any]:
    findings, errors = [], []
    for item in located_findings(result):
        entry = {"kind": item.finding.kind, "severity": item.finding.severity,
                 "line": item.line, "where": item.where, "message": item.finding.message}
        if item.runtime:
            errors.append(entry)
        else:
            findings.append({**entry, "data": plain(item.finding.data)})
    return {
        "path": result.article.path,
        "title": result.article.title,
        "language": result.article.language,
        "error": "; ".join(p.message for p in problems_of(result)) if is_unreadable(result) else None,
        "counts": counts_to_json(count(result)),
        "findings": findings,
        "errors": errors,
    }


def _unreadable(error: object) -> dict[str, Any]:
    problem = as_problem(error)
    where = f"{problem.path}:{problem.line}" if problem.line else problem.path
    return {
        "path": problem.path,
        "title": None,
        "language": None,
        "error": problem.message,
        "counts": counts_to_json(Counts(errors=1)),
        "findings": [],
        "errors": [{"kind": problem.kind, "severity": "error", "line": problem.line,
                    "where": where, "message": problem.message}],
    }
