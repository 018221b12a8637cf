"""The ▶ link: its two forms, where on a quote's lines it goes, and finding it again."""

import pytest

from clipnote.annotate.blocks import markdown_blocks
from clipnote.annotate.links import anchor, find_links, line_end, reads_like, render_link, updated_link
from clipnote.annotate.text import Lines

VID = "G4hL5Om4IJ4"


def test_the_two_forms():
    assert render_link(VID, 5023.84, html=False) == "[▶ 1:23:43](https://youtu.be/G4hL5Om4IJ4?t=5023)"
    assert render_link(VID, 5023.84, html=True) == '<a href="https://youtu.be/G4hL5Om4IJ4?t=5023">▶ 1:23:43</a>'
    assert render_link(VID, 7.0, html=False) == "[▶ 0:00:07](https://youtu.be/G4hL5Om4IJ4?t=7)"


@pytest.mark.parametrize("line,expected", [
    ("plain words", "plain words|"),
    ("hard break  ", "hard break|  "),
    ("tab then spaces \t ", "tab then spaces| \t "),
    ("backslash break\\", "backslash break|\\"),
    ("escaped backslash\\\\", "escaped backslash\\\\|"),
    ("html break<br>", "html break|<br>"),
    ("html break <br />", "html break| <br />"),
    ("<p>in a paragraph</p>", "<p>in a paragraph|</p>"),
    ("<blockquote><p>nested</p></blockquote>", "<blockquote><p>nested|</p></blockquote>"),
    ("<q>inline quote</q>", "<q>inline quote</q>|"),
    ("", "|"),
])
def test_end_of_a_line_is_before_hard_breaks_and_closing_block_tags(line, expected):
    at = line_end(line)
    assert line[:at] + "|" + line[at:] == expected


def _place(text: str, first: int, last: int | None = None, *, label=None, excerpt="", tables=True) -> str:
    lines = Lines(text)
    rows = markdown_blocks(text).table_rows if tables else frozenset()
    _, offset = anchor(lines, first, last or first, label=label, excerpt_text=excerpt, table_rows=rows)
    return text[:offset] + "|" + text[offset:]


def test_a_qa_turn_gets_its_link_on_its_first_line():
    text = "A（Jim）：first line\ncontinued line\n"
    assert _place(text, 1, 2, label="A（Jim）") == "A（Jim）：first line|\ncontinued line\n"


def test_a_blockquote_gets_it_on_its_first_line_inside_the_marker():
    text = ">\n> the words\n> more words\n"
    assert _place(text, 1, 3) == ">\n> the words|\n> more words\n"


def test_a_label_alone_on_its_line_is_skipped():
    text = "李秀全:\nthe words he said\n"
    assert _place(text, 1, 2, label="李秀全") == "李秀全:\nthe words he said|\n"


def test_a_hexo_blockquote_tag_line_is_skipped_for_the_words():
    text = "{% blockquote Author, Book %}\nthe words\n{% endblockquote %}\n"
    assert _place(text, 1, 3) == "{% blockquote Author, Book %}\nthe words|\n{% endblockquote %}\n"


def test_a_link_never_lands_inside_an_open_code_span_or_link_text():
    text = "says `some\ncode` here\nthird\n"
    assert _place(text, 1, 3) == "says `some\ncode` here|\nthird\n"
    text = "says [linked\nwords](https://example.com) ok\n"
    assert _place(text, 1, 2) == "says [linked\nwords](https://example.com) ok|\n"


def test_in_a_table_row_the_link_goes_inside_the_quotes_cell():
    text = "| who | said | note |\n|---|---|---|\n| Jim | the words he said | n/a |\n"
    assert _place(text, 3, excerpt="the words he said").splitlines()[2] == "| Jim | the words he said| | n/a |"
    text = "who | said\n---|---\nJim | the words  \n"
    assert _place(text, 3, excerpt="the words").splitlines()[2] == "Jim | the words|  "
    text = "| who | said |\n|---|---|\n| Jim | a \\| b `x|y` |\n"
    assert _place(text, 3, excerpt="zzzz").splitlines()[2] == "| Jim | a \\| b `x|y`| |"


def test_html_blocks_and_table_rows_are_found_by_markdown_structure():
    text = "---\ntitle: <div>\n---\npara\n\n<div>\nquote\n</div>\n\n| a |\n|---|\n| b |\n"
    blocks = markdown_blocks(text)
    assert blocks.html_lines == {6, 7, 8}
    assert blocks.table_rows == {10, 12}


def test_earlier_links_are_found_in_both_forms_for_their_video_only():
    text = ('x [▶ 1:23:43](https://youtu.be/G4hL5Om4IJ4?t=5023) y '
            '<a href="https://www.youtube.com/watch?v=G4hL5Om4IJ4&t=5043s" class="c">▶︎ 1:24:03</a> '
            '[1:00](https://youtu.be/G4hL5Om4IJ4?t=60) [▶ 0:01](https://example.com/?t=1)')
    found = find_links(text, 0, len(text))
    assert [(f.html, f.video_id) for f in found] == [(False, VID), (True, VID)]


def test_updating_an_earlier_link_moves_only_its_time():
    text = "q [▶ 1:23:43 Lex asks](https://youtu.be/G4hL5Om4IJ4?t=5023&si=abc) end"
    (link,) = find_links(text, 0, len(text))
    assert updated_link(text, link, 5100.9) == "[▶ 1:25:00 Lex asks](https://youtu.be/G4hL5Om4IJ4?t=5100&si=abc)"
    text = 'q <a href="https://youtu.be/G4hL5Om4IJ4?t=83m43s">▶ 1:23:43</a>'
    (link,) = find_links(text, 0, len(text))
    assert updated_link(text, link, 5100) == '<a href="https://youtu.be/G4hL5Om4IJ4?t=1h25m">▶ 1:25:00</a>'


def test_the_quote_check_is_lenient_about_markup_but_not_about_other_text():
    assert reads_like("テスラがDojoに注ぐ努力について", "Q（Lex）：テスラが**Dojo**に注ぐ努力についてどう思いますか")
    assert reads_like("Speed and stability move together.", "> *Speed* and stability move together.")
    assert not reads_like("Speed and stability move together.", "A completely different paragraph now.")
    assert reads_like("", "anything")  # nothing to compare


def test_an_unlabelled_speaker_line_ending_in_a_colon_is_skipped():
    text = "Nicole Forsgren:\nSpeed and stability move together.\n"
    assert _place(text, 1, 2) == "Nicole Forsgren:\nSpeed and stability move together.|\n"
    assert _place("A: one line only:\n", 1) == "A: one line only:|\n"
