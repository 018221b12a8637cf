"""The `clipnote/report@1` object (DESIGN §7), its schema, and batch's summary.json."""

from __future__ import annotations

import copy
import json
import math

import jsonschema
import pytest
from report_fixtures import (
    BINARY,
    INTERVIEW,
    MISSING_VIDEO,
    VIDEO,
    all_results,
    clean_result,
    hostile_result,
    interview_result,
    unreadable_problem,
)

from clipnote.errors import ArticleError
from clipnote.model import DRIFT, Article, ArticleResult, Clip, ClipResult, Excerpt, ExcerptResult, Finding, Match
from clipnote.report.json import article_to_json, load_schema, plain
from clipnote.report.summary import summary_json


@pytest.fixture(scope="module")
def validator():
    schema = load_schema("report")
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_every_fixture_validates_and_round_trips_through_json(validator):
    for result in all_results():
        report = article_to_json(result)
        validator.validate(report)
        assert json.loads(json.dumps(report, ensure_ascii=False)) == report


def test_the_design_contract_keys_are_all_there():
    report = article_to_json(interview_result())
    assert report["schema"] == "clipnote/report@1"
    assert set(report) >= {"schema", "article", "clips", "summary"}
    assert set(report["article"]) >= {"path", "title", "language"}
    clip = report["clips"][0]
    assert set(clip) >= {"video_id", "start", "end", "line", "raw", "url", "title", "transcript",
                         "error", "findings", "excerpts"}
    assert set(clip["transcript"]) >= {"language", "source", "generated"}
    assert set(clip["findings"][0]) >= {"kind", "severity", "message", "data"}
    excerpt = clip["excerpts"][0]
    assert set(excerpt) >= {"line", "speaker", "role", "text", "verdict", "match", "findings"}
    assert set(excerpt["match"]) >= {"start", "end", "score", "url", "text"}
    assert set(report["summary"]) >= {"clips", "excerpts", "supported", "weak", "unsupported", "errors"}


def test_interview_values():
    report = article_to_json(interview_result())
    assert report["article"] == {"path": INTERVIEW, "title": "ジム・ケラー氏インタビュー：チップと冷却",
                                 "language": "ja", "draft": False}
    main, missing = report["clips"]
    assert (main["video_id"], main["start"], main["end"], main["line"]) == (VIDEO, 4648.0, None, 29)
    assert main["url"] == f"https://youtu.be/{VIDEO}?t=4648"
    assert main["title"] == "Chips, AI and Cooling | Interview #162"
    assert main["transcript"]["generated"] is True and main["transcript"]["source"] == "transcripts-dir"
    drift = main["findings"][0]
    assert drift["kind"] == DRIFT and drift["severity"] == "warning"
    assert drift["data"]["seconds"] == 375.84 and drift["line"] == 29
    first = main["excerpts"][0]
    assert (first["line"], first["speaker"], first["role"], first["verdict"]) == (33, "Lex", "question", "supported")
    assert first["match"]["start"] == 5023.84 and first["match"]["end"] == 5043.84
    assert first["match"]["url"] == f"https://youtu.be/{VIDEO}?t=5023"
    assert first["match"]["text"].startswith("what do you think about the big training computer")
    name = main["excerpts"][2]["findings"][0]
    assert (name["kind"], name["line"]) == ("name-missing", 38)
    invented = main["excerpts"][8]
    assert invented["verdict"] == "unsupported" and invented["match"] is None
    assert invented["findings"][0]["line"] == 55  # the excerpt's line when the finding has none
    assert missing["video_id"] == MISSING_VIDEO and missing["transcript"] is None
    assert missing["error"].startswith("no transcript for") and missing["excerpts"] == []
    assert report["summary"] == {"clips": 2, "excerpts": 9, "supported": 8, "weak": 0, "unsupported": 1,
                                 "errors": 1, "unchecked": 2,
                                 "findings": {"error": 1, "warning": 2, "info": 5}}


def test_article_problems_are_listed_and_counted():
    report = article_to_json(hostile_result())
    assert report["errors"] == [{"kind": "bad-reference", "path": "content/posts/hostile.md", "line": 7,
                                 "message": report["errors"][0]["message"], "raw": "{% youtube XYZ %}",
                                 "severity": "error"}]
    assert report["summary"]["errors"] == 1
    weak = report["clips"][0]["excerpts"][1]
    assert weak["match"]["out_of_order"] is True
    assert report["clips"][0]["excerpts"][0]["match"]["alternatives"] == [
        {"start": 12.0, "end": 20.0, "score": 0.7, "url": "https://youtu.be/AbCdEfGhIjK?t=12"}]


def test_floats_are_rounded_and_data_made_plain(validator):
    excerpt = Excerpt("a.md", 4, "x")
    match = Match(5023.84499, 5043.1801, 0.812345, 0.93333, 0, 0, "x")
    finding = Finding(DRIFT, "warning", "m", {"seconds": 375.8449, "pair": (1, 2.0001),
                                              "names": {"b", "a"}, "bad": math.nan, "obj": object})
    clip = Clip(VIDEO, 4648.123, None, "a.md", 2, "raw", excerpts=(excerpt,))
    result = ArticleResult(Article("a.md"), (ClipResult(clip, None, (
        ExcerptResult(excerpt, "supported", match, (finding,)),)),))
    report = article_to_json(result)
    validator.validate(report)
    m = report["clips"][0]["excerpts"][0]["match"]
    assert (m["start"], m["end"], m["score"], m["confidence"]) == (5023.84, 5043.18, 0.812, 0.933)
    assert report["clips"][0]["start"] == 4648.12
    data = report["clips"][0]["excerpts"][0]["findings"][0]["data"]
    assert data["seconds"] == 375.845 and data["pair"] == [1, 2.0] and data["names"] == ["a", "b"]
    assert data["bad"] is None and data["obj"] == str(object)
    json.dumps(report)
    assert plain({1: (None, True)}) == {"1": [None, True]}


def test_the_schema_rejects_what_breaks_the_contract(validator):
    good = article_to_json(interview_result())
    broken = []
    for path, value in [(("schema",), "clipnote/report@2"),
                        (("clips", 0, "excerpts", 0, "verdict"), "maybe"),
                        (("clips", 0, "video_id"), "XYZ"),
                        (("clips", 0, "findings", 0, "severity"), "fatal"),
                        (("clips", 0, "excerpts", 0, "match", "url"), "javascript:alert(1)"),
                        (("summary", "supported"), -1)]:
        report = copy.deepcopy(good)
        target = report
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        broken.append(report)
    missing = copy.deepcopy(good)
    del missing["clips"][0]["excerpts"][0]["match"]
    broken.append(missing)
    for report in broken:
        assert not validator.is_valid(report)


def test_summary_json_lists_every_article_seen():
    schema = load_schema("summary")
    jsonschema.Draft202012Validator.check_schema(schema)
    error = ArticleError("_posts/zz-broken.md", "broken front matter", line=2)
    summary = summary_json(all_results(), [unreadable_problem(), error])
    jsonschema.validate(summary, schema, cls=jsonschema.Draft202012Validator)
    paths = [a["path"] for a in summary["articles"]]
    assert paths == sorted(paths) and len(paths) == 6
    assert summary["totals"]["articles"] == 6 and summary["totals"]["unreadable"] == 2
    assert summary["totals"]["checked"] == 4
    binary = next(a for a in summary["articles"] if a["path"] == BINARY)
    assert binary["error"] == "not a text file (binary data at byte 12)"
    broken = next(a for a in summary["articles"] if a["path"] == "_posts/zz-broken.md")
    assert broken["errors"][0]["where"] == "_posts/zz-broken.md:2"
    interview = next(a for a in summary["articles"] if a["path"] == INTERVIEW)
    assert interview["error"] is None
    assert interview["counts"]["supported"] == 8 and interview["counts"]["unchecked"] == 2
    assert {f["where"] for f in interview["findings"]} >= {f"{INTERVIEW}:29", f"{INTERVIEW}:38"}
    assert interview["errors"][0]["kind"] == "transcript-error"
    assert summary["totals"]["kinds"]["unsupported-quote"] == 2
    assert summary["totals"]["counts"]["excerpts"] == 13
    clean = summary_json([clean_result()])
    assert clean["totals"]["counts"]["findings"] == {"error": 0, "warning": 0, "info": 0}


def test_an_unreadable_result_is_an_article_with_an_error():
    result = ArticleResult(Article(BINARY), errors=(unreadable_problem(),))
    summary = summary_json([result])
    (article,) = summary["articles"]
    assert article["error"] == "not a text file (binary data at byte 12)"
    assert summary["totals"]["unreadable"] == 1 and summary["totals"]["counts"]["errors"] == 0
