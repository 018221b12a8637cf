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


NOTES = """---
title: 강의 노트
video: https://www.youtube.com/watch?v=Bq3ZkT7mW2e
---

**00:01:20** — 강사는 이 강의가 소프트웨어 엔지니어링의 미래에 관한 것이라고 말한다.

(12:34) The lecturer explains why prompts are programs.

⏱️ 15:10 - Agents need a clear definition of done.

| Time | Topic |
|------|-------|
| [0:45](https://youtu.be/Bq3ZkT7mW2e?t=45) | Course overview and grading |
| [5:30](https://youtu.be/Bq3ZkT7mW2e?t=330) | What is an AI-native engineer |

- 20:15 강사: "테스트가 없으면 에이전트도 없다"

Chapters:
00:00 – Welcome to the rooftop
01:25 – How it started

1:04 부터 보면 정말 작은 일이 아니라 큰 일인 걸 알 수 있다.

We met at 9:30 AM and talked.
"""


def test_a_time_that_opens_a_line_of_notes_is_a_label_for_the_words_after_it():
    article = scan_text(NOTES, "notes.md")
    got = {(c.line, c.raw, c.start): [(e.line, e.role, e.text) for e in c.excerpts] for c in article.clips}
    assert got[(6, "**00:01:20**", 80.0)] == [
        (6, "paraphrase", "강사는 이 강의가 소프트웨어 엔지니어링의 미래에 관한 것이라고 말한다.")]
    assert got[(8, "(12:34)", 754.0)] == [(8, "paraphrase", "The lecturer explains why prompts are programs.")]
    assert got[(10, "⏱️ 15:10", 910.0)] == [(10, "paraphrase", "Agents need a clear definition of done.")]
    # a table of chapters: each row's other cells are its title
    assert got[(14, "[0:45](https://youtu.be/Bq3ZkT7mW2e?t=45)", 45.0)] == [(14, "topic", "Course overview and grading")]
    # a time, then someone's words: the quotation is the excerpt, not a topic
    assert got[(17, "20:15", 1215.0)] == [(17, "quote", "테스트가 없으면 에이전트도 없다")]
    # a chapter list pasted from a video description, one paragraph
    assert got[(21, "01:25", 85.0)] == [(21, "topic", "How it started")]
    assert got[(20, "00:00", 0.0)] == [(20, "topic", "Welcome to the rooftop")]
    # a time inside a sentence (read as the prose time of a clip) and a time of day are no labels
    assert {c.line for c in article.clips} == {6, 8, 10, 14, 15, 17, 20, 21}


def test_a_time_opening_a_line_on_a_page_of_no_one_video_is_a_time_of_day():
    page = "# Agenda\n\n- 9:30 Coffee and registration\n- 10:00 Keynote on caching\n"
    article = scan_text(page, "agenda.md")
    assert article.clips == () and article.problems == ()


def test_a_sentence_that_links_a_time_in_its_middle_says_what_is_said_there():
    text = ("---\nvideo: Bq3ZkT7mW2e\n---\n\n"
            "- At [1:12](https://youtu.be/Bq3ZkT7mW2e?t=72), she says her grandmother kept four hives.\n"
            "- The rooftop hives at [2:00](https://youtu.be/Bq3ZkT7mW2e?t=120)\n\n"
            "Her advice ([3:40](https://youtu.be/Bq3ZkT7mW2e?t=220)) is easy to remember.\n\n"
            "> Start by planting, not by buying bees.\n")
    got = {c.line: [(e.role, e.text) for e in c.excerpts] for c in scan_text(text, "notes.md").clips}
    assert got[5] == [("paraphrase", "She says her grandmother kept four hives.")]
    assert got[6] == []  # a pointer, not a sentence
    assert got[8] == [("quote", "Start by planting, not by buying bees.")]  # its quote, not the pointer to it
    result = Checker(Store()).check_article(scan_text(text, "notes.md"))
    (told,) = [c.excerpts[0] for c in result.clips if c.clip.line == 5]
    assert told.verdict in ("supported", "weak") and abs(told.match.start - 72) <= 12


def test_a_chapter_title_with_a_colon_is_no_speaker_turn():
    text = ("---\nvideo: Bq3ZkT7mW2e\n---\n\n"
            "- [1:51:26](https://youtu.be/Bq3ZkT7mW2e?t=6686) Demo: Google Beam\n"
            "\n[1:52:00](https://youtu.be/Bq3ZkT7mW2e?t=6720) **Anna**: we should plant flowers first\n\n"
            "[1:52:10](https://youtu.be/Bq3ZkT7mW2e?t=6730) **Ben**: Flowers Before Bees\n")
    got = {c.line: [(e.role, e.speaker, e.text) for e in c.excerpts] for c in scan_text(text, "notes.md").clips}
    assert got[5] == [("topic", None, "Demo: Google Beam")]
    assert got[7] == [("quote", "Anna", "we should plant flowers first")]
    assert got[9] == [("quote", "Ben", "Flowers Before Bees")]  # a bold label is a speaker's, title-like or not


def test_a_table_of_bare_times_gives_one_topic_a_row():
    text = ("---\nvideo: Bq3ZkT7mW2e\n---\n\n| Time | Topic |\n|---|---|\n"
            "| 15:00 | Intro to Rust and the borrow checker |\n| 17:30 | Lifetimes explained |\n")
    got = {(c.line, c.start): [(e.line, e.role, e.text) for e in c.excerpts]
           for c in scan_text(text, "t.md").clips if c.kind == "label"}
    assert got == {(7, 900.0): [(7, "topic", "Intro to Rust and the borrow checker")],
                   (8, 1050.0): [(8, "topic", "Lifetimes explained")]}


def test_a_topic_before_a_colon_after_a_time_is_not_part_of_the_claim_nor_a_speaker():
    text = ("---\nvideo: Bq3ZkT7mW2e\n---\n\n"
            "- 01:08 当時の状況: 祖母は家の裏で四つの巣箱を飼っていた\n"
            "  - 01:40 結果: 最初の夏に一つの巣箱から十二キロの蜂蜜が採れた\n"
            "- 02:00 Vinod Khoslaの引用: 「人が一番難しい」と彼は言う\n")
    got = [(e.line, e.role, e.speaker, e.text) for c in scan_text(text, "notes.md").clips for e in c.excerpts]
    assert got == [(5, "paraphrase", None, "祖母は家の裏で四つの巣箱を飼っていた"),
                   (6, "paraphrase", None, "最初の夏に一つの巣箱から十二キロの蜂蜜が採れた"),
                   (7, "quote", None, "人が一番難しい"),  # its quotation, and the bullet as a paraphrase
                   (7, "paraphrase", None, "「人が一番難しい」と彼は言う")]


def test_a_chapter_list_with_times_at_the_end_gives_one_topic_an_entry():
    text = ("---\nvideo: Bq3ZkT7mW2e\n---\n\n- Growing Up in India 2:18\n- Scaling Laws (34:24)\n"
            "- Demo: Google Beam 1:51:26\n- Q&A — 1:12:58\n")
    got = [(c.line, c.start, [(e.role, e.text) for e in c.excerpts]) for c in scan_text(text, "c.md").clips
           if c.kind == "label"]
    assert got == [(5, 138.0, [("topic", "Growing Up in India")]), (6, 2064.0, [("topic", "Scaling Laws")]),
                   (7, 6686.0, [("topic", "Demo: Google Beam")]), (8, 4378.0, [])]
