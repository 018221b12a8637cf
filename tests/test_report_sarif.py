"""SARIF 2.1.0 for GitHub code scanning."""

from __future__ import annotations

import dataclasses
import json

import jsonschema
from report_fixtures import HOSTILE, INTERVIEW, all_results, interview_result

from clipnote import __version__
from clipnote.model import Article, ArticleResult, Problem
from clipnote.outcome import located_findings
from clipnote.report.kinds import KINDS
from clipnote.report.sarif import artifact_uri, to_sarif

# The parts of the SARIF 2.1.0 schema (OASIS, sarif-schema-2.1.0.json) that GitHub code
# scanning reads, with the constraints the standard puts on them; plus GitHub's own demands
# (a location on every result, rule descriptions).
SARIF_SUBSET = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "version": {"const": "2.1.0"},
        "$schema": {"type": "string", "format": "uri"},
        "runs": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/run"}},
    },
    "$defs": {
        "text": {"type": "object", "required": ["text"], "properties": {"text": {"type": "string", "minLength": 1}}},
        "run": {
            "type": "object",
            "required": ["tool", "results"],
            "properties": {
                "tool": {"type": "object", "required": ["driver"], "properties": {"driver": {
                    "type": "object", "required": ["name", "version", "rules"],
                    "properties": {
                        "name": {"type": "string"},
                        "version": {"type": "string"},
                        "informationUri": {"type": "string", "format": "uri"},
                        "rules": {"type": "array", "items": {"$ref": "#/$defs/rule"}},
                    }}}},
                "results": {"type": "array", "items": {"$ref": "#/$defs/result"}},
                "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
            },
        },
        "rule": {
            "type": "object",
            "required": ["id", "shortDescription", "fullDescription", "help", "defaultConfiguration"],
            "properties": {
                "id": {"type": "string"},
                "shortDescription": {"$ref": "#/$defs/text"},
                "fullDescription": {"$ref": "#/$defs/text"},
                "help": {"$ref": "#/$defs/text"},
                "defaultConfiguration": {"type": "object", "properties": {
                    "level": {"enum": ["none", "note", "warning", "error"]}}},
            },
            "not": {"required": ["helpUri"]},
        },
        "result": {
            "type": "object",
            "required": ["ruleId", "ruleIndex", "level", "message", "locations"],
            "properties": {
                "ruleId": {"type": "string"},
                "ruleIndex": {"type": "integer", "minimum": -1},
                "level": {"enum": ["none", "note", "warning", "error"]},
                "message": {"$ref": "#/$defs/text"},
                "locations": {"type": "array", "minItems": 1, "items": {
                    "type": "object", "required": ["physicalLocation"], "properties": {
                        "physicalLocation": {
                            "type": "object", "required": ["artifactLocation"], "properties": {
                                "artifactLocation": {"type": "object", "required": ["uri"], "properties": {
                                    "uri": {"type": "string", "format": "uri-reference",
                                            "pattern": "^[^/\\\\][^\\\\ ]*$"}}},
                                "region": {"type": "object", "required": ["startLine"], "properties": {
                                    "startLine": {"type": "integer", "minimum": 1},
                                    "endLine": {"type": "integer", "minimum": 1},
                                    "startColumn": {"type": "integer", "minimum": 1}}},
                            }}}}},
                "partialFingerprints": {"type": "object", "additionalProperties": {"type": "string"}},
            },
        },
    },
}


def _log():
    return to_sarif(all_results())


def test_the_log_has_the_shape_code_scanning_reads():
    log = _log()
    jsonschema.Draft202012Validator(SARIF_SUBSET,
                                    format_checker=jsonschema.FormatChecker()).validate(log)
    json.dumps(log)
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "clipnote" and driver["version"] == __version__


def test_one_rule_per_kind_and_results_point_at_their_rule():
    run = _log()["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [rule["id"] for rule in rules]
    assert len(ids) == len(set(ids)) and set(KINDS) <= set(ids)
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    # a kind clipnote does not know yet still gets a rule
    from clipnote.model import Finding
    interview = interview_result()
    clip = interview.clips[0]
    odd = dataclasses.replace(clip, findings=(Finding("tempo-mismatch", "info", "Spoken faster."),))
    run = to_sarif([dataclasses.replace(interview, clips=(odd,))])["runs"][0]
    rule = next(r for r in run["tool"]["driver"]["rules"] if r["id"] == "tempo-mismatch")
    assert rule["shortDescription"]["text"] and rule["name"] == "TempoMismatch"


def test_every_finding_is_a_result_with_the_right_level_and_line():
    run = _log()["runs"][0]
    results = run["results"]
    assert len(results) == sum(len(located_findings(r)) for r in all_results())

    def find(kind, path=INTERVIEW):
        return [r for r in results if r["ruleId"] == kind
                and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == path]

    levels = {kind: find(kind)[0]["level"] for kind in
              ("timestamp-drift", "name-missing", "number-agrees", "unsupported-quote", "transcript-error")}
    assert levels == {"timestamp-drift": "warning", "name-missing": "warning", "number-agrees": "note",
                      "unsupported-quote": "error", "transcript-error": "error"}

    def line(result):
        return result["locations"][0]["physicalLocation"]["region"]["startLine"]

    assert line(find("timestamp-drift")[0]) == 29
    assert line(find("name-missing")[0]) == 38
    assert sorted(line(r) for r in find("number-agrees")) == [40, 40, 44, 46]
    assert line(find("unsupported-quote")[0]) == 55
    assert line(find("transcript-error")[0]) == 60
    bad = find("bad-reference", HOSTILE)[0]
    assert bad["level"] == "error" and line(bad) == 7
    mismatch = find("number-mismatch", HOSTILE)[0]
    assert mismatch["locations"][0]["physicalLocation"]["region"] == {"startLine": 12, "endLine": 15}
    name = find("name-missing")[0]
    assert name["message"]["text"].startswith("The transcript names “Elon” here")
    assert name["message"]["text"].endswith("(spoken at 1:24:43: https://youtu.be/G4hL5Om4IJ4?t=5083)")
    assert name["properties"]["verdict"] == "supported"


def test_paths_are_relative_with_forward_slashes(tmp_path):
    assert artifact_uri("content\\posts\\a b.md") == "content/posts/a%20b.md"
    assert artifact_uri("./_posts/x#1.md") == "_posts/x%231.md"
    assert artifact_uri(str(tmp_path / "blog" / "_posts" / "ポスト.md"), base=str(tmp_path / "blog")) == \
        "_posts/%E3%83%9D%E3%82%B9%E3%83%88.md"
    absolute = str(tmp_path / "_posts" / "a.md")
    result = ArticleResult(Article(absolute), errors=(Problem(absolute, 3, "bad id"),))
    log = to_sarif([result], base=str(tmp_path))
    assert log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "_posts/a.md", "uriBaseId": "%SRCROOT%"}


def test_fingerprints_survive_lines_moving():
    original = to_sarif([interview_result()])["runs"][0]["results"]
    moved = interview_result()
    clip = moved.clips[0]
    shifted = tuple(dataclasses.replace(e, excerpt=dataclasses.replace(e.excerpt, line=e.excerpt.line + 7),
                                        findings=tuple(dataclasses.replace(f, line=None) for f in e.findings))
                    for e in clip.excerpts)
    moved = dataclasses.replace(moved, clips=(dataclasses.replace(clip, excerpts=shifted), moved.clips[1]))
    again = to_sarif([moved])["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in again] == [r["partialFingerprints"] for r in original]
    assert len({r["partialFingerprints"]["clipnoteFinding/v1"] for r in original}) == len(original)


def test_a_threshold_leaves_out_notes():
    results = to_sarif(all_results(), min_severity="warning")["runs"][0]["results"]
    assert results and all(r["level"] in ("warning", "error") for r in results)
    assert any(r["ruleId"] == "transcript-error" for r in results)
