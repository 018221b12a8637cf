"""Drift for every kind of time (issue 10 item 4): bare `[M:SS]` labels whose sentences run on
into the next label, chapter headings, times written in the prose; severity by distance."""

import pytest

from clipnote import model as M
from clipnote.article.scan import scan_text
from clipnote.checks.timestamps import drift_severity
from clipnote.config import Thresholds
from clipnote.pipeline import Checker

from talk_fixture import talk_transcript


class Store:
    def __init__(self, transcript):
        self.transcript = transcript

    def get(self, video_id, article_path=None):
        return self.transcript


# the talk starts at 1:00 and runs four seconds a line; these labels claim it starts at 5:00
LABELLED = """---
title: Rooftop notes
video: Bq3ZkT7mW2e
---

[5:00] Welcome back to the rooftop hour, today my guest keeps bees on office buildings

[5:30] downtown. So how did you start, was it a hobby first? It was, my grandmother kept four hives

[1:12] behind her house in the valley, and when I moved to the city I missed the sound of them.

## 17:10 The hardest part

**Host:** What is the hardest part of the job?
**Guest:** Honestly the paperwork, every building has its own insurance rules. The bees are easy, people are the difficult part.
"""


@pytest.fixture(scope="module")
def result():
    return Checker(Store(talk_transcript())).check_article(scan_text(LABELLED, "post.md"))


def drift_of(result, line):
    clip = next(c for c in result.clips if c.clip.line == line)
    return [f for f in clip.findings if f.kind == M.DRIFT]


def test_labels_far_from_their_text_drift_and_a_right_one_does_not(result):
    (first,) = drift_of(result, 6)
    assert first.severity == "warning" and first.data["time_source"] == "label"
    assert first.data["quotes_start"] == pytest.approx(60.0, abs=5)
    assert drift_of(result, 8) and not drift_of(result, 10)


def test_a_chapter_heading_far_from_its_turns_is_an_error(result):
    (heading,) = drift_of(result, 12)
    assert heading.severity == "error" and "0:17:10" in heading.message
    assert heading.data["clip_start"] == 1030.0 and heading.data["quotes_start"] < 200


def test_severity_grows_with_distance():
    th = Thresholds()
    assert [drift_severity(s, th) for s in (45, -50, 200, 900)] == ["info", "info", "warning", "error"]


def test_a_time_in_the_prose_that_disagrees_is_its_own_finding():
    text = ("{{< youtube id=\"Bq3ZkT7mW2e\" start=\"120\" >}}\n\n"
            "Watch from 9분 30초부터: the guest on the hardest part of the job.\n\n"
            "> What is the hardest part of the job?\n\n"
            "> Honestly the paperwork, every building has its own insurance rules.\n")
    r = Checker(Store(talk_transcript())).check_article(scan_text(text, "post.md"))
    (clip,) = r.clips
    sources = {f.data.get("time_source"): f for f in clip.findings if f.kind == M.DRIFT}
    assert set(sources) == {"prose"} and sources["prose"].data["prose_time"] == 570.0
