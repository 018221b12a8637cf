"""Every passage a real article renders is an excerpt (issue 10 item 3): speaker-label formats,
turns pasted without blank lines, chapter headings with times, summaries and slide decks.
The articles are our own, imitating the formats seen in public blogs."""

from clipnote.article.scan import scan_text
from clipnote.article.turns import read_turn, turn_breaks


def found(text, **kwargs):
    """[(clip kind, clip start, excerpt line, role, speaker, text)] for one article."""
    article = scan_text(text, "post.md", **kwargs)
    return [(c.kind, c.start, e.line, e.role, e.speaker, e.text) for c in article.clips for e in c.excerpts]


def test_role_prefixed_and_diarisation_labels():
    assert read_turn("主持人 **Dwarkesh Patel**：你好").speaker == "Dwarkesh Patel"
    assert read_turn("Host **Lex Fridman**: welcome back").label == "Host Lex Fridman"
    assert [read_turn(s).speaker for s in ("发言人甲：我们开始吧", "扬声器 B：好的", "Speaker 1: so",
                                           "SPEAKER_00: hello")] == ["发言人甲", "扬声器 B", "Speaker 1", "SPEAKER 00"]
    assert read_turn("Note: the author speaks") is None
    assert read_turn("See **Chapter One**: later") is None  # not a role word


def test_turn_breaks_inside_one_paragraph():
    pasted = "**张三：**第一句话。\n**李四：**第二句话。\n接着说。 **王五**：第三句。"
    assert [pasted[b:b + 7] for b in turn_breaks(pasted)] == ["**李四：**", "**王五**："]
    # a bold phrase after a sentence in the author's prose is not a speaker
    assert turn_breaks("He said so. **Key Insight**: it is not a turn.") == []
    # a diarisation label is, wherever it starts
    assert turn_breaks("We agree on that. Speaker 2: I do not.") == [18]


CHAPTERS = """---
title: 全文翻译
video: Bq3ZkT7mW2e
---

这是我整理的全文翻译。

## 0:01:00 开场

**主持人：**欢迎回到屋顶一小时，今天的嘉宾在市中心的办公楼上养蜂。
**嘉宾：**谢谢邀请，这是一份奇怪的工作，但我很喜欢。
**主持人：**那你是怎么开始的，一开始是爱好吗？

## 0:01:12 奶奶的蜂箱

**嘉宾：**是的，我奶奶在山谷里养了四箱蜂。搬到城里以后我很想念它们。 **主持人：**所以你去问了大楼经理？
**嘉宾：**对，他说可以，只要我保证没人被蜇。

主持人 **Dwarkesh Patel**：第一个夏天收了多少蜂蜜？

嘉宾 **Anna**：大约十二公斤，只靠一个蜂箱。

发言人甲：城市里到处都是没人注意的花。

扬声器 B：椴树、公园里的三叶草、窗台上的花箱。
"""


def test_chapter_headings_own_every_turn_up_to_the_next_heading():
    got = found(CHAPTERS)
    assert [(kind, start, line, speaker) for kind, start, line, _, speaker, _ in got] == [
        ("label", 60.0, 10, "主持人"), ("label", 60.0, 11, "嘉宾"), ("label", 60.0, 12, "主持人"),
        ("label", 72.0, 16, "嘉宾"), ("label", 72.0, 16, "主持人"), ("label", 72.0, 17, "嘉宾"),
        ("label", 72.0, 19, "Dwarkesh Patel"), ("label", 72.0, 21, "Anna"),
        ("label", 72.0, 23, "发言人甲"), ("label", 72.0, 25, "扬声器 B")]
    assert got[3][5] == "是的，我奶奶在山谷里养了四箱蜂。搬到城里以后我很想念它们。"
    assert got[4][5] == "所以你去问了大楼经理？"


DECK = """---
theme: default
title: Rooftop bees
transition: slide-left
---

<style>
.kicker { color: #64748b; }
</style>

# Rooftop bees

<div class="kicker">A talk in three slides</div>
<div class="mt-2">The Rooftop Hour · Episode 12 · City Bees</div>

---
layout: two-cols
---

# How it started

His grandmother kept four hives behind her house in the valley.

- He asked the building manager for **one hive** on the roof
- The first summer gave about twelve kilos of honey

<div class="p-4 border-l-4">
<div class="label">The quote</div>
Guest: "the bees are easy, people are the difficult part"<br/>
<span class="text-xs">Tenants who taste the honey stop being afraid.</span>
<div class="text-xs">— on open days</div>
<div class="text-xs">Note: the captions write "bees" as "peas" here.</div>
</div>

::right::

---

# Subscribe

Subscribe to the newsletter for more talks like this one.

Source: <a href="https://youtube.com/watch?v=Bq3ZkT7mW2e">youtube.com/watch?v=Bq3ZkT7mW2e</a>
"""


def test_a_deck_that_links_its_video_last_yields_every_rendered_line():
    got = found(DECK)
    assert {kind for kind, *_ in got} == {"link"}
    assert [(line, role, speaker) for _, _, line, role, speaker, _ in got] == [
        (22, "paraphrase", None), (24, "paraphrase", None), (25, "paraphrase", None),
        (29, "quote", "Guest"), (30, "paraphrase", None)]
    assert got[3][5] == "the bees are easy, people are the difficult part"


def test_a_summary_of_the_page_video_names_no_link():
    text = ("---\ntitle: Notes\nvideo: Bq3ZkT7mW2e\n---\n\n# Notes on the talk\n\n"
            + "\n\n".join(f"Point number {n}: the speaker explains a different thing about bees here."
                          for n in range(1, 9)) + "\n")
    got = found(text)
    assert len(got) == 8 and {role for _, _, _, role, _, _ in got} == {"paraphrase"}


def test_an_ordinary_post_with_a_timed_embed_is_not_a_summary():
    text = ("{{< youtube id=\"Bq3ZkT7mW2e\" start=\"60\" >}}\n\n"
            + "\n\n".join(f"My own thought number {n} on what this means for the city." for n in range(1, 9)))
    assert len(found(text)) == 5  # the paraphrases right after a clip, as before


def test_meeting_notes_name_their_speaker_in_brackets_before_the_time():
    text = ("---\ntitle: 要旨\nvideo: Bq3ZkT7mW2e\n---\n\n## 養蜂の始まり\n\n"
            "- **祖母の巣箱が原点だった** [Anna][01:08]\n"
            "  - 結果: 最初の夏に一つの巣箱から十二キロの蜂蜜が採れた [Anna][01:40]\n")
    got = found(text)
    assert [(line, role, speaker, words) for _, _, line, role, speaker, words in got] == [
        (8, "paraphrase", "Anna", "祖母の巣箱が原点だった"),
        (9, "paraphrase", "Anna", "最初の夏に一つの巣箱から十二キロの蜂蜜が採れた")]  # not its topic "結果"


def test_notes_that_call_themselves_a_summary_yield_every_paragraph_under_every_heading():
    text = ("---\ntitle: 'Rooftop bees: my notes on the talk'\n---\n\n"
            "Watch it here: [the rooftop hour](https://youtu.be/Bq3ZkT7mW2e)\n\n"
            + "".join(f"## Part {n}\n\nThe guest explains point {n} about keeping bees in the city.\n\n"
                      for n in range(1, 8)))
    got = found(text)
    assert len(got) == 7 and {role for _, _, _, role, _, _ in got} == {"paraphrase"}
    # the same page without calling itself notes: only paragraphs right after the link (none
    # here, a heading follows it) paraphrase it
    assert found(text.replace("my notes on the talk", "a talk I liked")) == []


def test_a_role_written_inside_the_label_is_not_part_of_the_name():
    assert [read_turn(s).speaker for s in ("**主持人 Dwarkesh Patel**：你好，欢迎。",
                                           "主持人（Dwarkesh Patel）：你好",
                                           "Host Lex Fridman: welcome to the show.")] == [
        "Dwarkesh Patel", "Dwarkesh Patel", "Lex Fridman"]


def test_chapter_times_after_the_title_and_no_duplicate_for_a_bracketed_one():
    text = ("---\nvideo: Bq3ZkT7mW2e\n---\n\n## [1:02:03] Opening\n\n**Ann：**hello there my friend.\n\n"
            "## The roof (1:05:00)\n\n**Bob：**hello again my friend.\n\n## Part 4 - 1:09:00\n\n"
            "**Bob：**the fourth one here.\n\n## Meeting at 2:30\n\n**Ann：**said after the meeting.\n")
    article = scan_text(text, "post.md")
    assert [(c.kind, c.line, c.start, [e.line for e in c.excerpts]) for c in article.clips] == [
        ("front-matter", 2, None, [19]),  # a time of day in a title is no chapter time
        ("label", 5, 3723.0, [7]), ("label", 9, 3900.0, [11]), ("label", 13, 4140.0, [15])]


TIMED_TURNS = """---
video: Bq3ZkT7mW2e
---

**Lex Fridman** [00:01:00]：Welcome back to the rooftop hour, today my guest keeps bees.

**Anna** (00:01:04): Thanks for having me, it is a strange job and I love it.

Speaker 1 (00:01:08): So how did you start, was it a hobby first?

主持人 **Lex Fridman** [00:01:36]：十二公斤，听起来很多。

[00:01:40] **Anna**：我也很惊讶，城市里到处都是花。
Anna (00:01:44)：椴树、三叶草、窗台上的花箱。
"""


def test_a_time_written_with_a_speaker_label_is_that_turns_clip():
    got = found(TIMED_TURNS)
    assert [(start, line, speaker) for _, start, line, _, speaker, _ in got] == [
        (60.0, 5, "Lex Fridman"), (64.0, 7, "Anna"), (68.0, 9, "Speaker 1"), (96.0, 11, "Lex Fridman"),
        (100.0, 13, "Anna"), (104.0, 14, "Anna")]
    assert got[4][5] == "我也很惊讶，城市里到处都是花。"
    # on a page with no video, `Agenda (9:00):` is no timestamp to report
    assert scan_text("Agenda (9:00): coffee and the plan for the day.\n", "notes.md").problems == ()


def test_a_guest_colon_topic_title_above_the_video_url_is_not_a_quote():
    text = "Anna Berg: Keeping Bees on Office Roofs\nhttps://youtu.be/Bq3ZkT7mW2e\n"
    assert found(text) == []
    said = "Anna Berg: We keep bees on office roofs, and they love it.\nhttps://youtu.be/Bq3ZkT7mW2e\n"
    assert [speaker for *_, speaker, _ in found(said)] == ["Anna Berg"]


def test_an_untimed_sub_heading_stays_in_its_chapter():
    text = ("---\nvideo: Bq3ZkT7mW2e\n---\n\n## 0:01:00 Opening\n\n### The grandmother\n\n"
            "**Anna：**my grandmother kept four hives.\n\n## Resources\n\n**Anna：**a turn after the chapters.\n")
    got = found(text)
    # the turn under `### The grandmother` is the 0:01:00 chapter's; `## Resources` ends it
    assert sorted((line, start) for _, start, line, *_ in got) == [(9, 60.0), (13, None)]


CARD_DECK = """---
theme: default
title: Rooftop bees
transition: slide-left
---

# Who said it

<div class="p-4 border-l-4">
<div class="text-xs label">Marta Oyelaran · beekeeper</div>
<div class="text-2xl italic">"the bees are easy, people are the difficult part"</div>
<div class="text-xs">The line the tenants still repeat.</div>
</div>

---

# Later

Marta 透露："we lost two hives the first winter"，后来改用了防风罩.

Tomas said: "the roof is warmer than the street" and that is why the bees stayed.

结论：屋顶比地面更适合养蜂.

---

Source: <a href="https://youtube.com/watch?v=Bq3ZkT7mW2e">youtube.com/watch?v=Bq3ZkT7mW2e</a>
"""


def test_a_cards_byline_and_a_said_line_name_who_says_the_quotation():
    got = {line: (role, speaker) for _, _, line, role, speaker, _ in found(CARD_DECK)}
    assert 10 not in got  # the byline is not a passage
    assert got[11] == ("quote", "Marta Oyelaran")
    assert got[12][1] is None  # the caption under the quotation is the author's
    assert got[19][1] == "Marta" and got[21][1] == "Tomas"
    assert got[23][1] is None  # a topic before a colon names no one


def test_a_topic_before_a_colon_is_not_a_speaker_but_a_name_or_role_is():
    # Chinese: a name is a surname and a character or two; a topic or caption is any phrase
    for topic in ("结论：屋顶更暖和。", "**为什么重要**：蜂群过冬需要它。", "关键术语：分蜂热",
                  "**例子**：问他几箱蜂，他总说两箱。", "起点：他先在阳台养了一箱。"):
        assert read_turn(topic) is None, topic
    for line, name in (("王建国：我们先去屋顶。", "王建国"), ("**欧阳明**：蜂箱要朝南。", "欧阳明"),
                       ("埃莉诺·韦斯特：先看蜂王。", "埃莉诺·韦斯特"), ("**嘉宾**：是的。", "嘉宾")):
        assert read_turn(line).speaker == name
    # Japanese: a family name in kanji stays a speaker; a phrase with a particle does not
    assert read_turn("山本：屋上のほうが暖かいです。").speaker == "山本"
    assert read_turn("屋上養蜂の事例：二年で三箱に増えた。") is None


def test_a_caption_after_a_quotation_dash_is_not_its_speaker():
    text = ("---\ntitle: 屋顶养蜂\n---\n\n<iframe src=\"https://www.youtube.com/embed/Bq3ZkT7mW2e\">"
            "</iframe>\n\n\"the bees decide when to leave\" — 你要看的不是蜂箱, 而是天气.\n")
    (got,) = [f for f in found(text) if f[3] == "quote"]
    assert got[4] is None


AUTHOR_NOTES = """<iframe src="https://www.youtube.com/embed/Bq3ZkT7mW2e?start=60"></iframe>

Marta 说她第一年冬天就损失了两箱蜂，后来给蜂箱装了防风罩。

**作者概括**：屋顶养蜂的难处不在蜂，而在邻居。

作者外推（非原话定论）：城市屋顶可能比乡下更适合养蜂。

My take: the city is kinder to bees than the farm.
"""


def test_the_authors_marked_notes_stay_passages_marked_as_theirs():
    article = scan_text(AUTHOR_NOTES, "post.md")
    got = [(e.line, e.author_note, e.label, e.text) for c in article.clips for e in c.excerpts]
    assert got[0][:2] == (3, False)
    assert got[1:] == [(5, True, "作者概括", "屋顶养蜂的难处不在蜂，而在邻居。"),
                       (7, True, "作者外推", "城市屋顶可能比乡下更适合养蜂。"),
                       (9, True, "My take", "the city is kinder to bees than the farm.")]


def test_a_line_closing_a_turn_with_a_colon_introduces_the_next_passage():
    text = ("<iframe src=\"https://www.youtube.com/embed/Bq3ZkT7mW2e\"></iframe>\n\n"
            "Marta: the roof is warmer than the street.<br>\nTomas: \"It is all about wind.\"<br>\n"
            "Marta 后来补了一句:\n\n> \"bees forgive everything except a draught.\"\n")
    got = {line: (speaker, words) for _, _, line, _, speaker, words in found(text)}
    assert got[4] == ("Tomas", '"It is all about wind."')
    assert got[7][1] == "bees forgive everything except a draught."
