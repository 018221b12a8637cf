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


# --- chapter lists and timestamped notes: the words after a time that opens a line -------------

CHAPTERS = """---
title: The rooftop hour, chapters
url: https://www.youtube.com/watch?v=Bq3ZkT7mW2e
---

- [0:00](https://www.youtube.com/watch?v=Bq3ZkT7mW2e&t=0s) Intro
- [1:08](https://www.youtube.com/watch?v=Bq3ZkT7mW2e&t=68s) How it started
- [3:15](https://www.youtube.com/watch?v=Bq3ZkT7mW2e&t=195s) Paperwork and insurance
- [3:30](https://www.youtube.com/watch?v=Bq3ZkT7mW2e&t=210s) The taste of city honey

[1:12](https://youtu.be/Bq3ZkT7mW2e?t=72) Her grandmother kept four hives behind her house.

* **[2:36](https://youtu.be/Bq3ZkT7mW2e?t=156)**: Some tenants are afraid, so they hold open days.

As he says in [the episode](https://youtu.be/Bq3ZkT7mW2e?t=150), people are the difficult part.
"""


def test_a_chapter_title_after_its_time_is_a_topic_and_a_sentence_a_paraphrase():
    got = {c.line: [(e.role, e.text) for e in c.excerpts] for c in scan_text(CHAPTERS, "page.md").clips}
    assert got[6] == []  # `Intro`: every talk has one, nothing to place
    assert got[7] == [("topic", "How it started")]
    assert got[8] == [("topic", "Paperwork and insurance")]
    assert got[11] == [("paraphrase", "Her grandmother kept four hives behind her house.")]
    assert got[13] == [("paraphrase", "Some tenants are afraid, so they hold open days.")]
    assert got[15] == []  # a link inside a sentence times no words after it


def test_several_timed_lines_in_one_paragraph_each_claim_their_own_words():
    text = ("{% youtube Bq3ZkT7mW2e %}\n\n"
            "[1:08](https://youtu.be/Bq3ZkT7mW2e?t=68) How it started\\\n"
            "[3:15](https://youtu.be/Bq3ZkT7mW2e?t=195) Paperwork and insurance\n")
    got = {c.line: [(e.role, e.text) for e in c.excerpts] for c in scan_text(text, "post.md").clips}
    assert got[3] == [("topic", "How it started")] and got[4] == [("topic", "Paperwork and insurance")]


def test_chapter_topics_are_placed_and_notes_checked_with_no_speaker_change_flagged():
    result = Checker(Store()).check_article(scan_text(CHAPTERS, "page.md"))
    got = {c.clip.line: c.excerpts[0] for c in result.clips if c.excerpts}
    assert got[7].verdict == "on-topic" and got[8].verdict == "off-topic"  # paperwork: at 2:00
    assert got[11].verdict == "supported" and abs(got[11].match.start - 72) <= 8
    # a topic is a stretch of talk: that it spans both speakers' turns is no finding
    assert not [f for c in (7, 8, 9) for f in got[c].findings if f.kind == M.SPEAKER_MISMATCH]
