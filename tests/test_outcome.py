"""Counts, finding locations and exit codes: what every report format agrees on."""

from __future__ import annotations

import pytest
from report_fixtures import (
    CLEAN,
    HOSTILE,
    INTERVIEW,
    clean_result,
    hostile_result,
    interview_result,
    invented_result,
    unreadable_problem,
)

from clipnote.errors import ArticleError
from clipnote.model import (
    DRIFT,
    NAME_MISSING,
    UNSUPPORTED,
    Article,
    ArticleResult,
    Clip,
    ClipResult,
    Excerpt,
    ExcerptResult,
    Finding,
)
from clipnote.outcome import as_problem, count, exit_code, is_unreadable, located_findings, total


def _one_finding(severity: str) -> ArticleResult:
    excerpt = Excerpt("a.md", 5, "text")
    clip = Clip("G4hL5Om4IJ4", 10.0, None, "a.md", 3, "raw", excerpts=(excerpt,))
    result = ExcerptResult(excerpt, "supported", None, (Finding("omission", severity, "m"),))
    return ArticleResult(Article("a.md"), (ClipResult(clip, None, (result,)),))


def _unsupported_without_finding(role: str) -> ArticleResult:
    excerpt = Excerpt("a.md", 5, "text", role=role)
    clip = Clip("G4hL5Om4IJ4", 10.0, None, "a.md", 3, "raw", excerpts=(excerpt,))
    result = ExcerptResult(excerpt, "unsupported", None)
    return ArticleResult(Article("a.md"), (ClipResult(clip, None, (result,)),))


def test_counts_of_the_interview():
    c = count(interview_result())
    assert (c.clips, c.excerpts, c.supported, c.weak, c.unsupported) == (2, 9, 8, 0, 1)
    assert c.errors == 1  # the clip without a transcript
    assert c.unchecked == 2  # its two excerpts
    assert c.by_severity == {"warning": 2, "info": 5, "error": 1}
    assert c.by_kind["number-agrees"] == 4 and c.by_kind[DRIFT] == 1


def test_counts_add_up_over_a_run():
    run = total([interview_result(), hostile_result(), clean_result()])
    assert run.excerpts == 9 + 2 + 1
    assert run.errors == 1 + 1  # a missing transcript, a bad reference
    assert run.severity("warning") == 2 + 2


def test_every_finding_has_a_path_and_line():
    located = located_findings(interview_result())
    assert all(item.path == INTERVIEW and item.line for item in located)
    by_kind = {item.finding.kind: item for item in located}
    assert by_kind[DRIFT].line == 29  # clip finding: the clip's line
    assert by_kind[NAME_MISSING].line == 38  # its own line
    assert by_kind[UNSUPPORTED].line == 55  # no line of its own: the excerpt's
    assert by_kind["transcript-error"].runtime and by_kind["transcript-error"].line == 60
    hostile = located_findings(hostile_result())
    assert hostile[0].finding.kind == "bad-reference" and hostile[0].where == f"{HOSTILE}:7"
    omission = next(i for i in hostile if i.finding.kind == "omission")
    assert omission.line == 14  # the finding's own line inside the quote (12–15)


def test_exit_codes():
    assert exit_code([clean_result()], "info") == 0
    assert exit_code([invented_result()], "error") == 1
    assert exit_code([invented_result()], "never") == 0
    assert exit_code([_one_finding("warning")], "error") == 0
    assert exit_code([_one_finding("warning")], "warning") == 1
    assert exit_code([_one_finding("warning")], "info") == 1
    assert exit_code([_one_finding("info")], "warning") == 0
    assert exit_code([_one_finding("info")], "info") == 1
    # something could not be checked: 2, whatever the threshold, and over findings
    assert exit_code([interview_result()], "error") == 2
    assert exit_code([interview_result()], "never") == 2
    assert exit_code([hostile_result()], "error") == 2  # bad video reference
    assert exit_code([clean_result()], "error", errors=[unreadable_problem()]) == 2
    assert exit_code([ArticleResult(Article("b.md"), errors=(unreadable_problem(),))]) == 2
    with pytest.raises(ValueError, match="fail-on"):
        exit_code([clean_result()], "fatal")


def test_an_unsupported_verdict_counts_even_without_its_finding():
    quote = _unsupported_without_finding("quote")
    assert exit_code([quote], "error") == 1
    assert [i.finding.severity for i in located_findings(quote)] == ["error"]
    paraphrase = _unsupported_without_finding("paraphrase")  # softer verdicts for paraphrase
    assert exit_code([paraphrase], "error") == 0
    assert exit_code([paraphrase], "warning") == 1


def test_unreadable_articles():
    assert is_unreadable(ArticleResult(Article(CLEAN), errors=(unreadable_problem(),)))
    assert not is_unreadable(hostile_result())  # a bad reference, but the file was read
    error = ArticleError("_posts/x.md", "broken front matter", line=3)
    problem = as_problem(error)
    assert (problem.path, problem.line, problem.message, problem.kind) == (
        "_posts/x.md", 3, "broken front matter", "article-error")
