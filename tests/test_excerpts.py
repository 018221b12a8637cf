"""Which paragraphs are quotes of which clip, by whom (DESIGN §3, EMBEDS §5, issue 2 item 6)."""

from clipnote.article.scan import scan_text

EMBED = '{% include youtubePlayer.html id="G4hL5Om4IJ4?start=4648" %}'


def excerpts(text, **kwargs):
    """{clip line: [(excerpt line, role, speaker, text)]} for one article."""
    article = scan_text(text, "post.md", **kwargs)
    return {c.line: [(e.line, e.role, e.speaker, e.text) for e in c.excerpts] for c in article.clips}


def lines(text, **kwargs):
    return {line: [e[0] for e in found] for line, found in excerpts(text, **kwargs).items()}


# --- Q/A turns and speaker labels ---------------------------------------------------------------

def test_seed_style_turns_with_a_soft_wrapped_continuation():
    text = (f"Intro by the author.\n\n{EMBED}\n\n**以下は抜粋です。**\n\n"
            "Q（Lex）：最初の質問です。\n\n"
            "A（Jim Keller）：最初の答えです。\n続きの行も同じ答えです。\n\n\n"
            "Q（Lex）：次の質問？\n")
    article = scan_text(text, "post.md")
    (clip,) = article.clips
    got = [(e.line, e.end_line, e.role, e.speaker, e.label, e.text) for e in clip.excerpts]
    assert got == [
        (7, None, "question", "Lex", "Q（Lex）", "最初の質問です。"),
        (9, 10, "answer", "Jim Keller", "A（Jim Keller）", "最初の答えです。続きの行も同じ答えです。"),
        (13, None, "question", "Lex", "Q（Lex）", "次の質問？"),
    ]


def test_other_turn_label_forms():
    text = (f"{EMBED}\n\nQ: What about the cooling?\n\nA: It is a big problem.\n\n"
            "**Q (Lex):** Bold question here?\n\n**A（Jim）**：Bold answer here.\n\n"
            "問：これは質問です。\n\n答：これは答えです。\n")
    got = [(e[1], e[2], e[3]) for e in excerpts(text)[1]]
    assert got == [("question", None, "What about the cooling?"), ("answer", None, "It is a big problem."),
                   ("question", "Lex", "Bold question here?"), ("answer", "Jim", "Bold answer here."),
                   ("question", None, "これは質問です。"), ("answer", None, "これは答えです。")]


def test_speaker_labels_in_a_dialogue():
    text = (f"{EMBED}\n\n**主持人**: 欢迎来到节目。\n\n**Host**: Welcome back to the show.\n\n"
            "Elon Musk: We will go to Mars.\n\nChris Anderson：Why Mars?\n\n"
            "李秀全:\n我们继续讨论这个问题。\n")
    got = [(e[2], e[3]) for e in excerpts(text)[1]]
    assert got == [("主持人", "欢迎来到节目。"), ("Host", "Welcome back to the show."),
                   ("Elon Musk", "We will go to Mars."), ("Chris Anderson", "Why Mars?"),
                   ("李秀全", "我们继续讨论这个问题。")]


def test_labels_that_are_not_speakers():
    text = (f"{EMBED}\n\n**Note:** this is the author's remark.\n\nSlides: see the PDF below.\n\n"
            "TODO: Clip the part about value (~13:00)\n\n引用元：[link](https://news.ycombinator.com/)\n\n"
            "Update 2022-02-11: more links here.\n\nshared: https://example.slack.com/archives/x\n")
    (clip,) = scan_text(text, "post.md").clips
    assert all(e.speaker is None for e in clip.excerpts)
    assert all(e.role == "paraphrase" for e in clip.excerpts)


def test_a_single_plain_name_label_is_a_speaker_when_it_is_a_full_name():
    text = f"{EMBED}\n\nJim Keller: the transformers converge.\n"
    assert [(e[1], e[2]) for e in excerpts(text)[1]] == [("quote", "Jim Keller")]


def test_an_unlabelled_paragraph_between_turns_continues_the_turn_above():
    text = (f"{EMBED}\n\nQ: First question here?\n\nA: The answer starts here.\n\n"
            "And it goes on in a second paragraph.\n\nQ: Next question?\n\nAfterwards the author comments.\n")
    got = [(e[0], e[1]) for e in excerpts(text)[1]]
    assert got == [(3, "question"), (5, "answer"), (7, "answer"), (9, "question")]


# --- blockquotes --------------------------------------------------------------------------------

def test_blockquotes_but_not_callouts_headings_or_emphasis_boxes():
    text = (f"{EMBED}\n\n> ## A heading inside a quote\n\n> The speaker really said this sentence.\n\n"
            "> 💡 **Tip**: the author's advice box.\n> More advice in the box.\n\n"
            "> [!NOTE]\n> A GitHub alert box.\n\n> **Definition in bold is the author's emphasis.**\n\n"
            "> First paragraph of a longer quote.\n>\n> ⚠️ some of these are in progress\n>\n"
            "> Last paragraph of the quote.\n\n> [C++](https://github.com/a/b)\n")
    assert lines(text) == {1: [5, 15, 19]}


def test_html_blockquote_is_a_quote_but_an_embedded_post_is_not():
    text = (f"{EMBED}\n\n<blockquote>\n<p>The words that were said on the stage.</p>\n</blockquote>\n\n"
            '<blockquote class="instagram-media"><a href="https://www.instagram.com/reel/x/">A post '
            "shared by someone</a></blockquote>\n")
    assert lines(text) == {1: [4]}


def test_an_html_post_quotes_inside_one_html_block():
    text = ('---\ntitle: Talk notes\n---\n<p>Here is the talk:</p>\n'
            '<iframe src="https://www.youtube.com/embed/h5Tz7gZT9Fo?start=7113"></iframe>\n'
            "<blockquote>\n<p>We will ship it when it is ready.</p><p>Not before.</p>\n</blockquote>\n"
            "<p>My thoughts on it follow here in some detail.</p>\n")
    assert excerpts(text) == {5: [(7, "quote", None, "We will ship it when it is ready."),
                                  (7, "quote", None, "Not before.")]}


def test_heading_and_thematic_break_end_a_clips_excerpts():
    text = (f"{EMBED}\n\n> Quote one belongs to the embed.\n\n---\n\n> Quote two follows no clip.\n\n"
            "## Section\n\n> Quote three follows no clip either.\n")
    assert lines(text) == {1: [3]}


# --- attribution style --------------------------------------------------------------------------

def test_attribution_line_links_the_quote_to_its_own_clip():
    text = ("{{< youtube id=\"dP8NmcEkxJI\" >}}\n\n---\n\n"
            "> Speed and stability move together.\n>\n> Smaller changes are easier to debug.\n>\n"
            "> — Nicole Forsgren, [15:00](https://www.youtube.com/watch?v=dP8NmcEkxJI&t=900s)\n")
    got = excerpts(text)
    assert got[1] == []
    assert [(e[0], e[2]) for e in got[9]] == [(5, "Nicole Forsgren"), (7, "Nicole Forsgren")]


def test_attribution_on_the_quotes_last_line_and_in_the_next_blockquote():
    text = ("> Product teams work on a faster cadence than research teams.\n"
            "> — Teresa Torres, [5:35](https://youtu.be/HHYeKxlRV1Y?t=335)\n\n"
            "> We need both kinds of research in a team.\n\n>\n> --- Teresa Torres\n"
            "https://www.youtube.com/watch?v=HHYeKxlRV1Y&ampt=230s\n")
    article = scan_text(text, "post.md")
    got = [(c.line, c.start, [(e.line, e.end_line, e.speaker, e.text) for e in c.excerpts])
           for c in article.clips]
    assert got == [
        (2, 335, [(1, None, "Teresa Torres", "Product teams work on a faster cadence than research teams.")]),
        (8, 230, [(4, None, "Teresa Torres", "We need both kinds of research in a team.")]),
    ]


def test_attribution_to_another_source_is_not_a_quote_of_the_video():
    text = ("Worth watching: https://youtu.be/b8hHfI2HX4w\n\n"
            "> A novel of resilience and hope based on real events.\n"
            "— https://www.wook.pt/livro/o-ultimo-da-fila/23371769\n\n"
            "“Firefighters get burned, builders fall off the scaffolding” — [19:49](https://youtu.be/b8hHfI2HX4w?t=1189)\n")
    got = excerpts(text)
    assert got[1] == []
    assert got[6] == [(6, "quote", None, "Firefighters get burned, builders fall off the scaffolding")]


def test_name_only_attribution_then_a_via_line():
    text = ("> You go your way\\\n> I'll go your way too\n>\n> — Leonard Cohen\n\n"
            "In Book of Longing (via [Miguel Esteves\nCardoso](https://www.youtube.com/watch?v=rfbmf9OHJo8&t=1h5m15s) )\n")
    article = scan_text(text, "post.md")
    (clip,) = article.clips
    assert (clip.line, clip.start) == (6, 3915)
    assert [(e.line, e.end_line, e.speaker, e.text) for e in clip.excerpts] == [
        (1, 2, "Leonard Cohen", "You go your way\nI'll go your way too")]


def test_chapter_entries_claim_topics_and_a_quote_ending_in_its_link_is_an_excerpt():
    text = ("> * [7:55](https://www.youtube.com/watch?v=dP8NmcEkxJI&t=475s) Unpacking the terms\n"
            "> * [10:06](https://www.youtube.com/watch?v=dP8NmcEkxJI&t=606s) How to move faster\n\n"
            "> * **KT** - Kill Task ([5:00](https://www.youtube.com/watch?v=gIe5qnu607k&t=300s))\n"
            ">     - Decide what you're definitely not doing today\n")
    got = excerpts(text)
    assert got[1] == [(1, "topic", None, "Unpacking the terms")]
    assert got[2] == [(2, "topic", None, "How to move faster")]
    assert [(e[0], e[3]) for e in got[4]] == [(4, "KT - Kill Task"),
                                             (5, "Decide what you're definitely not doing today")]


# --- quotations in prose ------------------------------------------------------------------------

def test_quotations_in_the_authors_prose_are_excerpts_scare_quotes_are_not():
    text = (f"{EMBED}\n\nHe said “we literally replace letters with pixels” and laughed.\n\n"
            "The “Dojo” effort is 「とても大きな挑戦になるだろう」と彼は語った。\n\n"
            'A "developer experience" term, and "The Database is a Detail!"\n')
    got = [(e[0], e[3]) for e in excerpts(text)[1]]
    assert got == [(3, "we literally replace letters with pixels"), (5, "とても大きな挑戦になるだろう"),
                   (7, "The Database is a Detail!")]


def test_a_quotation_inside_the_link_text_belongs_to_that_link():
    text = ('... and "[here\'s the list of transformations](http://www.youtube.com/watch?v=B93QezwTQpI#t=47m53s)" '
            "([47m53s](http://www.youtube.com/watch?v=B93QezwTQpI#t=47m53s)):\n")
    assert excerpts(text) == {1: [(1, "quote", None, "here's the list of transformations")]}


# --- Hexo and shortcode quotes ------------------------------------------------------------------

def test_hexo_blockquote_tags_with_their_author():
    text = ("- a book\n\n    {% blockquote 저자이름, 책이름 %}\n    이것은 hexo 책 인용입니다.\n"
            "    {% endblockquote %}\n\n{% blockquote @DevDocs https://twitter.com/devdocs/status/1 %}\n"
            "트윗 가져오기 문장입니다 여기\n{% endblockquote %}\n\n{% blockquote %}\n"
            "First paragraph of the quote.\n\nSecond paragraph of the quote.\n{% endblockquote %}\n\n"
            "{% pullquote 오명운 %}\n이것 저것 this and that\n{% endpullquote %}\n")
    got = excerpts(text, default_video="y8MrCD1-0FY")
    assert [(e[0], e[2]) for e in got[0]] == [(4, "저자이름"), (8, "@DevDocs"), (12, None), (14, None)]


def test_comment_shortcodes_quote_commenters_not_the_video():
    text = ('{{<matomeQuote body="Ryan Dahlは後に“小さな機能は追加しないほうがいい”っていうスピーチをしてた。'
            'URL： https://youtu.be/M3BM9TB-8yA?t=900。ウェブの話。" userName="BrendanEich" color="">}}\n\n'
            '{{<matomeQuote body="別のコメント：“これは全く関係のない引用文です”" userName="x" color="">}}\n')
    assert excerpts(text) == {1: [(1, "quote", None, "小さな機能は追加しないほうがいい")]}


# --- the author's own words and paraphrase ------------------------------------------------------

def test_authors_paragraphs_are_not_excerpts_when_the_clip_has_quotes():
    text = f"{EMBED}\n\nThe author explains why this matters a lot.\n\n> The quoted words of the speaker.\n"
    assert lines(text) == {1: [5]}


def test_paraphrase_when_a_clip_has_no_quotes():
    text = ("Before the clip, an introduction by the author.\n\n{% youtube syQnn_xuB8U?t=4m46s %}\n\n"
            "The gimbal is a toy with three rings that rotate together.\n\nShort one.\n\n"
            "Things to remember:\n\n- The inner ring is attached to the middle ring here.\n\n"
            "- The middle ring is attached to the outer ring here.\n\n"
            "A fourth long paragraph about the same toy.\n\nA fifth long paragraph about the same toy.\n\n"
            "A sixth long paragraph that is past the limit of five.\n\n# Next section\n\n"
            "A paragraph in the next section is not about the clip.\n")
    got = excerpts(text)
    assert [e[0] for e in got[3]] == [5, 11, 13, 15, 17]
    assert {e[1] for e in got[3]} == {"paraphrase"}


def test_page_video_takes_quotes_that_follow_no_clip():
    text = "> A quote before any clip here.\n\n## Part\n\n> Another quote after a heading.\n"
    article = scan_text(text, "post.md", default_video="https://youtu.be/FhrAWLUEN-Q")
    (clip,) = article.clips
    assert (clip.kind, clip.line, clip.video_id) == ("front-matter", 0, "FhrAWLUEN-Q")
    assert [e.line for e in clip.excerpts] == [1, 5]


def test_page_video_embedded_in_the_body_is_not_listed_twice():
    text = f"Intro words by the author of this post.\n\n{EMBED}\n\nQ（Lex）：質問です。\n"
    assert [(c.kind, c.line) for c in scan_text(text, "p.md", default_video="G4hL5Om4IJ4").clips] == [
        ("embed", 3)]


def test_front_matter_only_video_gets_the_opening_paraphrase():
    text = ("---\nvideoId: KsZI5oXBC0k\n---\n\nIn this talk the speaker explains how caches work.\n\n"
            "Then she shows the benchmark results for each design.\n")
    (clip,) = scan_text(text, "p.md").clips
    assert [(e.line, e.role) for e in clip.excerpts] == [(5, "paraphrase"), (7, "paraphrase")]


def test_footnote_definitions_are_not_excerpts():
    text = (f"{EMBED}\n\n> * **RT** - Random Task (comment[^1])\n\n"
            "[^1]: “@Someone: Random task is like what it says, pick one.”\n")
    assert lines(text) == {1: [3]}


def test_speaker_and_timestamp_headers_of_a_translated_talk():
    text = ("---\nvideoId: KsZI5oXBC0k\n---\n\nChris Anderson 0:00\nイーロン、来てくれてありがとう。\n\n"
            "Elon Musk 0:43\n\n呼んでくれてありがとう。\n\nここからが本題です。\n\n## 感想\n\n著者の感想です。\n")
    article = scan_text(text, "post.md")
    got = [(c.kind, c.line, c.start, [(e.line, e.speaker, e.role) for e in c.excerpts])
           for c in article.clips]
    assert got == [("front-matter", 2, None, []),  # the video the labels refer to stays listed
                   ("label", 5, 0, [(5, "Chris Anderson", "quote")]),
                   ("label", 8, 43, [(10, "Elon Musk", "quote"), (12, "Elon Musk", "quote")])]
    assert article.clips[1].excerpts[0].text == "イーロン、来てくれてありがとう。"


def test_a_label_that_introduces_a_quote_gives_the_quote_not_the_introduction():
    text = ("[Talk](https://youtu.be/kX8vN2rTq5E)\n\n## Where he started\n\n"
            "[12:05] Asked about his first job, he tells the story that explains his career:\n\n"
            "> My first job was debugging a memory controller nobody wanted to touch.\n")
    label = next(c for c in scan_text(text, "p.md").clips if c.kind == "label")
    assert [(e.line, e.role) for e in label.excerpts] == [(7, "quote")]


def test_a_quotation_named_as_an_idea_or_a_term_is_not_someones_words():
    text = """[The talk](https://youtu.be/Bq3ZkT7mW2e?t=60)

かつては「小さなチームで十分に勝てる」という考えが異端だったと彼は振り返る。最後の「倉庫は在庫ではなく時間を預かる場所だ」という言葉が残った。

创始人在节目里回忆“我们第一年几乎没有收入，但每周都在发货。”所谓“慢慢来反而更快”也是他常挂在嘴边的。

She called it the so-called "ship it on Friday and pray" method, then said "we stopped doing that in the second year".
"""
    got = [e[3] for found in excerpts(text).values() for e in found if e[1] == "quote"]
    assert "我们第一年几乎没有收入，但每周都在发货。" in got
    assert "we stopped doing that in the second year" in got
    assert "倉庫は在庫ではなく時間を預かる場所だ" in got  # という言葉: the words someone said
    assert not any("小さなチーム" in t or "慢慢来" in t or "pray" in t for t in got)
