"""What annotate writes into an article's text, from hand-built ArticleResults."""

from annotate_support import INCLUDE, VID, article, clip, quote

from clipnote.annotate import annotate_text, apply_edits, plan, plan_annotations
from clipnote.annotate.text import Edit

import pytest

LINK = " [▶ 1:23:43](https://youtu.be/G4hL5Om4IJ4?t=5023)"

POST = (
    "---\ntitle: t\n---\n"      # 1-3
    f"{INCLUDE}\n"              # 4
    "\n"                        # 5
    "Q（Lex）：first question\n"  # 6
    "\n"                        # 7
    "A（Jim）：the answer  \n"    # 8
    "goes on here\n"            # 9
)


def seed_like(**overrides):
    quotes = [quote(6, "first question", 5023.84, label="Q（Lex）"),
              quote(8, "the answer goes on here", 5043.18, end_line=9, label="A（Jim）")]
    return article(clip(INCLUDE, 4, *quotes, **overrides))


def test_each_supported_quote_gets_one_link_at_the_end_of_its_first_line():
    text, made = annotate_text(POST, seed_like())
    assert text == POST.replace("first question", "first question" + LINK).replace(
        "the answer  ", "the answer [▶ 1:24:03](https://youtu.be/G4hL5Om4IJ4?t=5043)  ")
    assert [e.kind for e in made.edits] == ["add-link", "add-link"]
    assert made.notes == ()


def test_a_second_run_changes_nothing():
    once, _ = annotate_text(POST, seed_like())
    twice, made = annotate_text(once, seed_like())
    assert twice == once and made.edits == ()


def test_weak_unsupported_unmatched_and_low_confidence_quotes_are_never_linked():
    result = article(clip(INCLUDE, 4,
                          quote(6, "first question", 5023.84, verdict="weak"),
                          quote(8, "the answer", 5043.18, verdict="unsupported"),
                          quote(9, "goes on here", None, verdict="unsupported")))
    assert plan_annotations(POST, result) == []
    low = article(clip(INCLUDE, 4, quote(6, "first question", 5023.84, confidence=0.45)))
    assert plan_annotations(POST, low) == []
    assert len(plan_annotations(POST, low, min_confidence=0.4)) == 1


def test_an_earlier_link_is_updated_in_place_when_the_time_changed():
    old = POST.replace("first question", "first question [▶ 1:20:00](https://youtu.be/G4hL5Om4IJ4?t=4800)")
    text, made = annotate_text(old, article(clip(INCLUDE, 4, quote(6, "first question", 5023.84))))
    assert text == POST.replace("first question", "first question" + LINK)
    assert [e.kind for e in made.edits] == ["update-link"]
    assert "was 1:20:00" in made.edits[0].message


def test_an_earlier_link_the_author_moved_or_restyled_is_still_recognised():
    moved = POST.replace("goes on here", "goes on here (<a href='https://youtu.be/G4hL5Om4IJ4?t=5043' "
                                         "target=_blank>▶ 1:24:03</a>)")
    result = article(clip(INCLUDE, 4, quote(8, "the answer goes on here", 5043.5, end_line=9)))
    assert plan_annotations(moved, result) == []


def test_a_link_to_another_video_is_not_taken_for_ours():
    other = POST.replace("first question", "first question [▶ 0:01:00](https://youtu.be/AAAAAAAAAAA?t=60)")
    text, _ = annotate_text(other, article(clip(INCLUDE, 4, quote(6, "first question", 5023.84))))
    assert text.count("▶") == 2


def test_an_earlier_link_on_a_quote_that_is_no_longer_supported_is_kept_and_reported():
    old = POST.replace("first question", "first question" + LINK)
    made = plan(old, article(clip(INCLUDE, 4, quote(6, "first question", 5023.84, verdict="weak"))))
    assert made.edits == ()
    assert made.notes[0].line == 6 and "now weak" in made.notes[0].message


def test_two_quotes_on_one_line_get_two_links_in_order_and_keep_them():
    text = "He said “one thing” and “another thing”.\n"
    result = article(clip("https://youtu.be/G4hL5Om4IJ4", 3, quote(1, "one thing", 10), quote(1, "another thing", 20),
                          kind="link"))
    once, _ = annotate_text(text, result)
    assert once == ("He said “one thing” and “another thing”. [▶ 0:00:10](https://youtu.be/G4hL5Om4IJ4?t=10)"
                    " [▶ 0:00:20](https://youtu.be/G4hL5Om4IJ4?t=20)\n")
    assert annotate_text(once, result)[0] == once


def test_the_same_quote_under_two_clips_of_one_video_is_linked_once():
    q = quote(6, "first question", 5023.84)
    result = article(clip(INCLUDE, 4, q), clip("[1:23](https://youtu.be/G4hL5Om4IJ4?t=83)", 2, q, kind="link"))
    assert [e.kind for e in plan_annotations(POST, result)] == ["add-link"]


def test_quotes_in_an_html_file_or_an_html_block_get_an_a_element():
    html_post = "<p>Q: first question</p>\n"
    result = article(clip(INCLUDE, 9, quote(1, "first question", 5023.84)), path="post.html")
    assert annotate_text(html_post, result)[0] == (
        '<p>Q: first question <a href="https://youtu.be/G4hL5Om4IJ4?t=5023">▶ 1:23:43</a></p>\n')
    md = "intro\n\n<details>\n<summary>Original</summary>\nfirst question\n</details>\n\nafter quote\n"
    result = article(clip(INCLUDE, 9, quote(5, "first question", 5023.84), quote(8, "after quote", 5050)))
    out = annotate_text(md, result)[0]
    assert 'first question <a href="https://youtu.be/G4hL5Om4IJ4?t=5023">▶ 1:23:43</a>\n' in out
    assert "after quote [▶ 1:24:10](https://youtu.be/G4hL5Om4IJ4?t=5050)\n" in out


def test_a_quote_whose_lines_changed_since_it_was_checked_is_not_linked():
    made = plan(POST, article(clip(INCLUDE, 4, quote(6, "something entirely different was said", 5023.84))))
    assert made.edits == ()
    assert "no longer reads like the quote" in made.notes[0].message
    made = plan(POST, article(clip(INCLUDE, 4, quote(60, "first question", 5023.84))))
    assert made.edits == () and "past the end" in made.notes[0].message


# --- attribution-style quotes -------------------------------------------------------------------

ATTRIBUTED = (
    "> Speed and stability move together.\n"
    "> — Nicole Forsgren at [15:00](https://www.youtube.com/watch?v=dP8NmcEkxJI&t=900s)\n"
)
ATTR_RAW = "[15:00](https://www.youtube.com/watch?v=dP8NmcEkxJI&t=900s)"


def attributed(at: float):
    q = quote(1, "Speed and stability move together.", at)
    return article(clip(ATTR_RAW, 2, q, column=ATTRIBUTED.splitlines()[1].index("["), kind="link",
                        video="dP8NmcEkxJI"))


def test_an_attribution_link_that_already_points_at_the_quote_gets_no_second_link():
    assert plan_annotations(ATTRIBUTED, attributed(902.4)) == []


def test_an_attribution_link_that_points_elsewhere_gets_a_link_to_the_real_time():
    out = annotate_text(ATTRIBUTED, attributed(1000.0))[0]
    assert out.splitlines()[0] == ("> Speed and stability move together. "
                                   "[▶ 0:16:40](https://youtu.be/dP8NmcEkxJI?t=1000)")


def test_with_fix_start_the_attribution_link_and_its_label_move_instead():
    out, made = annotate_text(ATTRIBUTED, attributed(1000.0), fix_start=True)
    assert out == ATTRIBUTED.replace("[15:00]", "[16:40]").replace("t=900s", "t=1000s")
    assert sorted(e.kind for e in made.edits) == ["fix-start", "relabel"]
    assert annotate_text(out, attributed(1000.0), fix_start=True)[0] == out


# --- --fix-start ----------------------------------------------------------------------------------


def test_fix_start_moves_the_clip_to_its_first_supported_quote():
    out, made = annotate_text(POST, seed_like(), fix_start=True)
    assert 'id="G4hL5Om4IJ4?start=5023"' in out
    assert [e.kind for e in made.edits] == ["fix-start", "add-link", "add-link"]
    assert made.edits[0].message == "start 1:17:28 → 1:23:43"


def test_fix_start_ignores_quotes_below_the_bar():
    result = article(clip(INCLUDE, 4, quote(6, "first question", 4000, verdict="weak"),
                          quote(8, "the answer", 5043.18, end_line=9)))
    assert 'id="G4hL5Om4IJ4?start=5043"' in annotate_text(POST, result, fix_start=True)[0]


def test_fix_start_is_idempotent_with_a_stale_or_a_fresh_result():
    once = annotate_text(POST, seed_like(), fix_start=True)[0]
    assert annotate_text(once, seed_like(), fix_start=True) == (once, annotate_text(once, seed_like(), fix_start=True)[1])
    assert plan_annotations(once, seed_like(), fix_start=True) == []  # stale raw: already moved
    fresh = article(clip(INCLUDE.replace("4648", "5023"), 4, *seed_like().clips[0].excerpts))
    assert plan_annotations(once, fresh, fix_start=True) == []


def test_fix_start_refuses_when_the_text_no_longer_matches_the_clip():
    moved = POST.replace(INCLUDE, "{% include youtubePlayer.html id=\"G4hL5Om4IJ4?start=1\" %}")
    made = plan(moved, seed_like(), fix_start=True)
    assert [e.kind for e in made.edits] == ["add-link", "add-link"]
    assert made.notes[0].line == 4 and "no longer reads" in made.notes[0].message
    made = plan(POST, seed_like(column=3), fix_start=True)
    assert "no longer reads" in made.notes[0].message


def test_fix_start_explains_a_syntax_it_cannot_move():
    text = POST.replace(INCLUDE, "{{< youtube G4hL5Om4IJ4 >}}")
    made = plan(text, article(clip("{{< youtube G4hL5Om4IJ4 >}}", 4, quote(6, "first question", 5023.84))),
                fix_start=True)
    assert "positional" in made.notes[0].message and made.notes[0].line == 4


def test_a_bare_timestamp_label_is_not_rewritten():
    text = "[1:17:28] first question\n"
    result = article(clip("[1:17:28]", 1, quote(1, "first question", 5023.84), kind="label", start=4648))
    out, made = annotate_text(text, result, fix_start=True)
    assert out == "[1:17:28] first question" + LINK + "\n"
    assert "bare timestamp label" in made.notes[0].message


def test_fix_start_on_a_clip_already_at_its_quotes_changes_nothing():
    result = article(clip(INCLUDE, 4, quote(6, "first question", 4648.7)))
    assert [e.kind for e in plan_annotations(POST, result, fix_start=True)] == ["add-link"]


def test_a_clip_on_a_crlf_multiline_element_is_found_and_moved():
    raw = '<iframe\n  src="https://www.youtube.com/embed/G4hL5Om4IJ4?start=4648"\n></iframe>'
    text = "intro\r\n" + raw.replace("\n", "\r\n") + "\r\n\r\nfirst question\r\n"
    out = annotate_text(text, article(clip(raw, 2, quote(6, "first question", 5023.84))), fix_start=True)[0]
    assert out == text.replace("start=4648", "start=5023").replace("first question", "first question" + LINK)


def test_edits_that_would_overlap_are_dropped_with_a_note():
    made = plan("abc\n", article())
    assert made.edits == ()
    with pytest.raises(ValueError, match="overlapping"):
        apply_edits("abcdef", [Edit(1, 4, "X", 1, "fix-start", ""), Edit(2, 3, "Y", 1, "fix-start", "")])


def test_a_bom_is_kept_and_not_counted_as_a_column():
    text = "\ufeff" + INCLUDE + "\nfirst question\n"
    out = annotate_text(text, article(clip(INCLUDE, 1, quote(2, "first question", 5023.84))), fix_start=True)[0]
    assert out == "\ufeff" + INCLUDE.replace("4648", "5023") + "\nfirst question" + LINK + "\n"


def test_the_video_id_of_the_link_is_the_clips():
    out = annotate_text("q words\n", article(clip("https://youtu.be/dP8NmcEkxJI?t=1", 3, quote(1, "q words", 61),
                                                  kind="link", video="dP8NmcEkxJI")))[0]
    assert out == "q words [▶ 0:01:01](https://youtu.be/dP8NmcEkxJI?t=61)\n"
    assert VID not in out


def test_a_single_line_attribution_quote():
    line = "“Bombeiro se queima, …” — [19:49](https://youtu.be/b8hHfI2HX4w?t=1189)\n"
    raw = "[19:49](https://youtu.be/b8hHfI2HX4w?t=1189)"

    def result(at):
        return article(clip(raw, 1, quote(1, "Bombeiro se queima, …", at), column=line.index("["), kind="link",
                            video="b8hHfI2HX4w"))

    assert plan_annotations(line, result(1190.2)) == []
    assert annotate_text(line, result(1300))[0] == line.replace(
        "\n", " [▶ 0:21:40](https://youtu.be/b8hHfI2HX4w?t=1300)\n")
    fixed = annotate_text(line, result(1300), fix_start=True)[0]
    assert fixed == line.replace("[19:49]", "[21:40]").replace("t=1189", "t=1300")
    assert annotate_text(fixed, result(1300), fix_start=True)[0] == fixed


def test_links_on_other_lines_are_left_alone():
    text = POST.replace("goes on here", "goes on here" + LINK)  # line 9: not the quote's line
    result = article(clip(INCLUDE, 4, quote(6, "first question", 5023.84)))
    out = annotate_text(text, result)[0]
    assert out.count(LINK) == 2 and out.splitlines()[5].endswith(LINK)


def test_one_reference_reported_as_two_clips_is_moved_once_without_complaint():
    q = quote(6, "first question", 5023.84)
    made = plan(POST, article(clip(INCLUDE, 4, q), clip(INCLUDE, 4, q)), fix_start=True)
    assert [e.kind for e in made.edits] == ["fix-start", "add-link"] and made.notes == ()
