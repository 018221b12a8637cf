"""`Key: value` lines that are facts, glosses or definition-list entries are not speaker turns,
while every speaker label still reads. Texts are our own."""

import pytest

from clipnote.article.keyvalues import definition_runs, fact_line
from clipnote.article.scan import scan_text
from clipnote.article.turns import label_key, read_turn

VIDEO = "https://youtu.be/Qx7Lm2Np4Rs"


def quotes(text):
    article = scan_text(text, "post.md")
    return [(e.line, e.role, e.speaker) for c in article.clips for e in c.excerpts]


@pytest.mark.parametrize("line", [
    "Duration: 01:09", "Length: 1h 12m", "Date: 12 March 2024", "Recorded: Mar 3, 2021",
    "Born: 1961, Leeds, England", "Transcriber: ? [needs someone]", "Venue: The Old Mill Hall",
    "Website: https://example.org/talks", "Score: 7/10", "Talks: 42",
    "Speaker: Mara Quill", "Speakers: Mara Quill and Tobias Renn", "Host: Ines Varga (Radio North)",
    "Capex: 资本支出", "Winner's Curse: 赢家诅咒", "Agents: 代理（软件代理）", "キャペックス: capital spending",
    "时长：42:10", "来源：某某博客", "날짜: 2024년 3월 12일", "出典：ある本",
])
def test_fact_lines_are_no_turns(line):
    assert read_turn(line) is None


@pytest.mark.parametrize("line, speaker", [
    ("Host: Welcome back to the show, everyone.", "Host"),
    ("Guest: Thanks, glad to be here.", "Guest"),
    ("Speaker: So today I want to talk about soil.", "Speaker"),
    ("Mara Quill: 绝对的。", "Mara Quill"),  # a translated turn ends its sentence
    ("Mara Quill: We shipped it in 1998.", "Mara Quill"),
    ("Speaker 1: Let's begin.", "Speaker 1"),
    ("SPEAKER_00: Okay.", "SPEAKER 00"),
    ("发言人甲：我们开始吧。", "发言人甲"),
    ("**Tobias Renn**：先说结论。", "Tobias Renn"),
    ("主持人 **Ines Varga**：欢迎。", "Ines Varga"),
])
def test_speaker_labels_still_read(line, speaker):
    turn = read_turn(line)
    assert turn is not None and turn.speaker == speaker


def test_fact_line_needs_the_line_alone():
    assert fact_line("Duration", "whatever")  # a fact key whatever follows
    assert not fact_line("Host", "Mara Quill\nWelcome, everyone, to the show.")  # a label above its turn
    assert not fact_line("Host", "Mara Quill asked the first question.")


def test_definition_runs():
    keyed = [(1, "Alarm"), (2, "Arrive"), (3, "Leave"), (4, None), (5, "Host"), (6, "Guest"), (7, "Host")]
    assert definition_runs(keyed) == {1, 2, 3}  # 5–7 repeat a key: a dialogue
    assert definition_runs([(1, "Alarm"), (2, "Arrive")]) == set()  # too short to tell


def test_times_and_numbers_are_no_definition_keys():
    assert label_key("4:10 Cities will run out of cheap sand first.") is None
    assert label_key("**12:05** Recycled glass is not a full substitute.") is None
    assert label_key("Morning Alarm: Runs when your alarm stops.") == "Morning Alarm"
    assert label_key("Speaker 1: Let's begin.") is None  # a diarisation label is always a turn


def test_a_glossary_list_in_a_dialogue_article_is_no_quotes():
    text = (f"[The interview]({VIDEO})\n\n"
            "**Host**: Where did the money go?\n\n**Ana Ruiz**: Into the new data halls.\n\n"
            "## Terms\n\n- **Ramp Rate**: 爬坡速率\n- **Capex**: 资本支出\n- **Lock-in**: 供应商锁定\n")
    assert quotes(text) == [(3, "quote", "Host"), (5, "quote", "Ana Ruiz")]


def test_a_quoted_definition_list_is_no_quotes():
    text = (f"[The talk]({VIDEO}) shows the phone automations.\n\n"
            "> Here is what can start an automation:\n>\n"
            ">* Morning Alarm: Runs when your alarm stops ringing in the morning.\n"
            ">* Arrive Home: Runs when you reach the place you saved as home.\n"
            ">* Low Battery: Runs when the battery drops under twenty percent.\n")
    assert [q for q in quotes(text) if q[2] is not None] == []
    assert all(line < 5 for line, _, _ in quotes(text))


def test_a_metadata_list_is_no_quotes_but_a_listed_dialogue_is():
    metadata = (f"[The keynote]({VIDEO})\n\n- Speaker: Mara Quill\n- Duration: 01:09\n"
                "- Venue: The Old Mill Hall\n")
    assert [q for q in quotes(metadata) if q[1] == "quote"] == []
    dialogue = (f"[The keynote]({VIDEO})\n\n- Host: Is the grid ready for this?\n"
                "- Guest: Not yet, and that is the whole problem.\n- Host: Why not?\n")
    assert [q[2] for q in quotes(dialogue)] == ["Host", "Guest", "Host"]
