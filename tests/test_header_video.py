"""A page's own video named in its header rather than its front matter (`uri: https://youtu.be/…`,
`- [video](…)` under `# Materials`): the quotes under later headings are that video's."""

from clipnote.article.scan import scan_text


def quotes(text):
    return [(c.video_id, c.start, [(e.line, e.text) for e in c.excerpts])
            for c in scan_text(text, "notes.md").clips if c.excerpts]


def roles(text, name="notes.md"):
    return [(c.video_id, [(e.line, e.role) for e in c.excerpts])
            for c in scan_text(text, name).clips if c.excerpts]


def test_a_video_named_in_the_header_owns_the_quotes_under_later_headings():
    text = ("# Lecture 7\n\n- model: notes\n- uri  : https://youtu.be/Bq3ZkT7mW2e\n\n"
            "## Why bees\n\n> Start by planting, not by buying bees.\n")
    assert quotes(text) == [("Bq3ZkT7mW2e", None, [(8, "Start by planting, not by buying bees.")])]


def test_a_link_labelled_video_in_a_materials_list_counts_too():
    text = ("# Materials\n\n- [slides](https://example.org/slides.pdf)\n"
            "- [video](https://www.youtube.com/watch?v=Bq3ZkT7mW2e&list=PL123)\n\n"
            "## Part one\n\n> Start by planting, not by buying bees.\n")
    assert quotes(text) == [("Bq3ZkT7mW2e", None, [(8, "Start by planting, not by buying bees.")])]


def test_a_link_in_the_authors_prose_is_not_the_pages_video():
    text = ("I watched [this talk](https://youtu.be/Bq3ZkT7mW2e) last week.\n\n"
            "## A poem I like\n\n> Two roads diverged in a yellow wood, and sorry I could not travel both.\n")
    assert quotes(text) == []


def test_a_page_that_links_its_video_again_and_again_says_where_each_passage_belongs():
    text = ("{% youtube Bq3ZkT7mW2e %}\n\n- [1:08](https://youtu.be/Bq3ZkT7mW2e?t=68) How it started\n\n"
            "---\n\nSummary by a reader:\n\n> Speed and stability move together, she says.\n")
    got = quotes(text)
    assert [start for _, start, _ in got] == [68.0]  # the reader's summary is nobody's clip


def test_quotes_introduced_as_another_pages_words_are_nobodys_clip():
    text = ("{% youtube Bq3ZkT7mW2e %}\n\n"
            "There is one section just added from the [XOXO Code of Conduct](https://example.org/conduct):\n\n"
            "> XOXO prioritizes marginalized people's safety over privileged people's comfort.\n\n"
            "* [Homebrew Website Club](https://example.org/hwc)\n\n"
            "  > Homebrew Website Club is a bi-weekly meetup of people building their own websites.\n\n"
            "![](https://example.org/slide.png)\n\n"
            "> Start by planting, not by buying bees.\n")
    assert quotes(text) == [("Bq3ZkT7mW2e", None, [(13, "Start by planting, not by buying bees.")])]


def test_the_points_of_a_summary_section_are_paraphrases_of_the_video():
    text = ("{% youtube Bq3ZkT7mW2e %}\n\n## Key takeaways\n\n"
            "- Start by planting flowers before you buy any bees at all.\n"
            "- A hive without flowers is just a box of hungry insects.\n\n"
            "## Resources\n\n- The association's beginner course runs every spring in town.\n")
    assert roles(text) == [("Bq3ZkT7mW2e", [(5, "paraphrase"), (6, "paraphrase")])]


def test_lecture_notes_of_the_header_video_make_every_point_a_passage():
    text = ("# Lecture 7: Bees in the city\n\n# Materials\n\n"
            "- [slides](https://example.org/slides.pdf)\n- [video](https://www.youtube.com/watch?v=Bq3ZkT7mW2e)\n\n"
            "## 1. 시작\n\n- 할머니가 집 뒤에 벌통 네 개를 두었다.\n\n## 2. 어려운 점\n\n"
            "보험 서류 작업이 가장 어렵다고 한다.\n")
    assert roles(text, "lecture-7.md") == [("Bq3ZkT7mW2e", [(10, "paraphrase"), (14, "paraphrase")])]


def test_other_front_matter_names_for_the_video_url():
    for key in ("source_url", "original_link", "youtube_link", "视频链接"):
        text = f"---\n{key}: https://youtu.be/Bq3ZkT7mW2e\n---\n\n> Start by planting, not by buying bees.\n"
        assert quotes(text) == [("Bq3ZkT7mW2e", None, [(5, "Start by planting, not by buying bees.")])], key
    text = "---\nimage: https://youtu.be/Bq3ZkT7mW2e\n---\n\n> Start by planting, not by buying bees.\n"
    assert quotes(text) == []  # a picture's field names no video of the page
