"""GitHub Actions annotations (`::warning file=…,line=…::message`)."""

from __future__ import annotations

import re

from report_fixtures import HOSTILE, INTERVIEW, all_results, clean_result, interview_result

from clipnote.model import Article, ArticleResult, Clip, ClipResult, Excerpt, ExcerptResult, Finding
from clipnote.outcome import located_findings
from clipnote.report.github import escape_data, escape_property, to_github_annotations

LINE = re.compile(r"^::(error|warning|notice) ((?:[a-zA-Z]+=[^,:]*)(?:,[a-zA-Z]+=[^,:]*)*)::(.*)$")


def parse(text: str) -> list[tuple[str, dict[str, str], str]]:
    out = []
    for line in text.splitlines():
        match = LINE.match(line)
        assert match, line
        props = dict(item.split("=", 1) for item in match.group(2).split(","))
        out.append((match.group(1), props, match.group(3)))
    return out


def test_one_annotation_per_finding_with_path_and_line():
    text = to_github_annotations(all_results())
    annotations = parse(text)
    assert len(annotations) == sum(len(located_findings(r)) for r in all_results())
    assert text.endswith("\n")
    assert all(props["file"] and props["line"].isdigit() for _, props, _ in annotations)
    drift = next(a for a in annotations if "timestamp-drift" in a[1]["title"])
    assert drift[0] == "warning"
    assert drift[1] == {"file": INTERVIEW, "line": "29",
                        "title": "clipnote timestamp-drift%3A Timestamp drift"}
    assert drift[2].startswith("The quotes begin 6:16 after the embed's start")


def test_severities_map_to_commands():
    commands = {props["title"].split("%3A")[0].split()[1]: command
                for command, props, _ in parse(to_github_annotations([interview_result()]))}
    assert commands == {"timestamp-drift": "warning", "transcript-caveat": "notice",
                        "name-missing": "warning", "number-agrees": "notice",
                        "unsupported-quote": "error", "transcript-error": "error"}


def test_a_multi_line_quote_spans_its_lines():
    hostile = [a for a in parse(to_github_annotations(all_results())) if a[1]["file"] == HOSTILE]
    mismatch = next(a for a in hostile if "number-mismatch" in a[1]["title"])
    assert (mismatch[1]["line"], mismatch[1]["endLine"]) == ("12", "15")
    assert mismatch[0] == "error"
    assert "<script>alert(1)</script>" in mismatch[2]  # annotations are plain text on GitHub


def test_escaping_follows_the_actions_toolkit():
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    path = "posts/2024,07: notes %.md"
    excerpt = Excerpt(path, 4, "x")
    finding = Finding("omission", "warning", "Gap of 50% at 1:02,\nthen ::error file=x::forged")
    clip = Clip("G4hL5Om4IJ4", 1.0, None, path, 2, "raw", excerpts=(excerpt,))
    result = ArticleResult(Article(path), (ClipResult(clip, None, (
        ExcerptResult(excerpt, "supported", None, (finding,)),)),))
    text = to_github_annotations([result])
    assert text.count("\n") == 1  # nothing can start a second command
    ((command, props, message),) = parse(text)
    assert props["file"] == "posts/2024%2C07%3A notes %25.md"
    assert message.startswith("Gap of 50%25 at 1:02, then ::error file=x::forged")


def test_a_clean_run_prints_nothing():
    assert to_github_annotations([clean_result()]) == ""


def test_a_threshold_leaves_out_notices_but_never_errors():
    text = to_github_annotations([interview_result()], min_severity="warning")
    commands = [command for command, _, _ in parse(text)]
    assert "notice" not in commands and commands.count("error") == 2 and commands.count("warning") == 2
    only_errors = parse(to_github_annotations([interview_result()], min_severity="error"))
    assert [props["line"] for _, props, _ in only_errors] == ["55", "60"]
