"""Key points are topic claims (issue 10 item 3): placed by meaning over stretches of talk, judged
on-topic or off-topic against their own time, reported with role `topic`."""

import json

import pytest

from clipnote import model as M
from clipnote.article.scan import scan_text
from clipnote.pipeline import Checker
import jsonschema

from clipnote.report.json import article_to_json, load_schema

from talk_fixture import talk_transcript

PAGE = """---
title: The rooftop hour
url: https://www.youtube.com/watch?v=Bq3ZkT7mW2e
---

## Key Points

- **How It Started** ([1:08](https://www.youtube.com/watch?v=Bq3ZkT7mW2e&t=68s)) - Grandmother's hives in the valley
- **Paperwork and Insurance** ([3:15](https://www.youtube.com/watch?v=Bq3ZkT7mW2e&t=195s)) - The hardest part of the job
- **The Taste of City Honey** ([3:30](https://www.youtube.com/watch?v=Bq3ZkT7mW2e&t=210s)) - Lime blossom in June

## Resources

- [The show's website](https://example.org/rooftop)
"""


class Store:
    def get(self, video_id, article_path=None):
        return talk_transcript()


def test_a_key_point_bullet_is_a_topic_excerpt():
    clips = [c for c in scan_text(PAGE, "page.md").clips if c.excerpts]
    assert [(c.line, c.start, [(e.role, e.text) for e in c.excerpts]) for c in clips] == [
        (8, 68.0, [("topic", "How It Started. Grandmother's hives in the valley")]),
        (9, 195.0, [("topic", "Paperwork and Insurance. The hardest part of the job")]),
        (10, 210.0, [("topic", "The Taste of City Honey. Lime blossom in June")])]


@pytest.fixture(scope="module")
def result():
    return Checker(Store()).check_article(scan_text(PAGE, "page.md"))


def test_topics_are_placed_and_judged_against_their_own_time(result):
    got = {c.clip.line: c.excerpts[0] for c in result.clips if c.excerpts}
    assert got[8].verdict == "on-topic" and abs(got[8].match.start - 68) <= 60
    assert got[10].verdict == "on-topic"
    moved = got[9]  # the talk turns to paperwork at 2:00, not 3:15
    assert moved.verdict == "off-topic" and moved.match.start < 200
    (drift,) = [f for f in moved.findings if f.kind == M.DRIFT]
    assert drift.data["time_source"] == "topic" and drift.severity == "warning"


def test_the_json_report_carries_the_role_the_verdict_and_the_match(result):
    data = json.loads(json.dumps(article_to_json(result)))
    jsonschema.Draft202012Validator(load_schema("report")).validate(data)  # the added enum values
    topics = [e for c in data["clips"] for e in c["excerpts"] if e["role"] == "topic"]
    assert [e["verdict"] for e in topics] == ["on-topic", "off-topic", "on-topic"]
    assert all({"start", "end"} <= set(e["match"]) for e in topics)


def test_a_key_point_past_the_end_of_a_partial_transcript_is_not_placed():
    page = PAGE.replace("## Resources", "- **Questions From the Audience** "
                        "([10:00](https://www.youtube.com/watch?v=Bq3ZkT7mW2e&t=600s)) - What listeners asked\n\n"
                        "## Resources")
    result = Checker(Store()).check_article(scan_text(page, "page.md"))
    (late,) = [c.excerpts[0] for c in result.clips if c.clip.start == 600.0]
    assert late.verdict == "unsupported" and late.match is None
    assert [(f.kind, f.severity) for f in late.findings] == [(M.UNSUPPORTED, "info")]
