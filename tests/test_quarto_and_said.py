"""Quarto's fenced divs frame passages without being part of them; a quotation closed by
`Hamel says` is Hamel's."""

from clipnote.article.scan import scan_text

QMD = """---
title: "Annotated talk: bees"
---

{{< video https://youtu.be/Bq3ZkT7mW2e >}}

::: {.callout-note}
## Summary

The guest argues that you should plant flowers before buying any bees.
:::

## Starting out

> "Start by planting, not by buying bees," Anna says.

:::{.callout-tip collapse="true"}
## From the talk
> A hive without flowers is just a box of hungry insects.
:::

“Learn for a full year with a local association,” says Anna Berg.
"""


def passages(text, name="notes.md"):
    return [(e.line, e.role, e.speaker, e.text) for c in scan_text(text, name).clips for e in c.excerpts]


def test_quarto_callouts_and_said_clauses():
    assert passages(QMD, "talk.qmd") == [
        (10, "paraphrase", None, "The guest argues that you should plant flowers before buying any bees."),
        (15, "quote", "Anna", "Start by planting, not by buying bees"),
        (19, "quote", None, "A hive without flowers is just a box of hungry insects."),
        (22, "quote", "Anna Berg", "Learn for a full year with a local association"),
    ]


def test_an_attribution_names_one_speaker_before_what_it_is_about():
    from clipnote.article.excerpts import attributed_name

    assert attributed_name("-- Arushi Saxena on asking LLMs what they know about you, ") == "Arushi Saxena"
    assert attributed_name("-- Rich Ziade reacting to Arushi's one-line answer") == "Rich Ziade"
    assert attributed_name("— Nicole Forsgren at 15:00") == "Nicole Forsgren"
    assert attributed_name("-- Paul Ford and Rich Ziade") is None  # two people: no one to hold it to
    assert attributed_name("— 田中と佐藤") is None and attributed_name("— 王和平") == "王和平"


def test_a_transcript_section_gives_someones_words_not_the_authors_account():
    text = ("---\nvideo: Bq3ZkT7mW2e\n---\n\n{% youtube Bq3ZkT7mW2e %}\n\n## Summary\n\n"
            "The guest explains why she plants flowers before she buys bees.\n\n## Transcript\n\n"
            "[1:12](https://youtu.be/Bq3ZkT7mW2e?t=72) My grandmother kept four hives behind her house.\n\n"
            "And when I moved to the city I missed the sound of them.\n")
    got = [(e.line, e.role) for c in scan_text(text, "page.md").clips for e in c.excerpts]
    assert got == [(9, "paraphrase"), (13, "quote"), (15, "quote")]


def test_a_summarys_transcript_section_is_quoted_word_for_word():
    text = ("---\ntitle: 访谈笔记\nvideo: Bq3ZkT7mW2e\n---\n\n## 要点\n\n她认为先种花再养蜂是最重要的一步。\n\n"
            "## 中文文稿\n\n### 第一部分\n\n我的祖母在她家后面养了四箱蜜蜂。\n")
    got = [(e.line, e.role) for c in scan_text(text, "notes.md").clips for e in c.excerpts]
    assert got == [(8, "paraphrase"), (14, "quote")]


def test_a_timed_chapter_owns_its_paraphrases_beside_its_quotes_and_korean_claims_are_short():
    text = ("---\ntitle: \"CS146S 3강: 에이전트와 도구\"\n---\n\n{% youtube Bq3ZkT7mW2e %}\n\n"
            "## 1. 소개 (00:00 - 05:30)\n\n- 실행은 애플리케이션이 담당한다.\n\n"
            "## 2. 꿀벌 (05:30 - 12:00)\n\n긴 여름에 꿀이 가장 많이 나온다고 강조한다.\n\n"
            "> \"Honey tastes of whatever is flowering,\" she says.\n")
    assert passages(text) == [(9, "paraphrase", None, "실행은 애플리케이션이 담당한다."),
                   (13, "paraphrase", None, "긴 여름에 꿀이 가장 많이 나온다고 강조한다."),
                   (15, "quote", None, "Honey tastes of whatever is flowering")]


def test_a_sections_sub_headings_stay_in_it():
    text = ("---\nvideo: Bq3ZkT7mW2e\n---\n\n{% youtube Bq3ZkT7mW2e %}\n\n## Transcript\n\n### Part 1\n\n"
            "My grandmother kept four hives behind her house.\n\n## Key takeaways\n\n### First\n\n"
            "The guest explains why she plants flowers before she buys bees.\n\n## My own view\n\n"
            "I think everyone should try keeping bees at least once.\n")
    assert [(line, role) for line, role, _, _ in passages(text)] == [(11, "quote"), (17, "paraphrase")]
