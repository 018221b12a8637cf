"""Every embed, link and timestamp syntax of EMBEDS.md (§2–§4, §6) resolves to the right clip.

Examples are the forms EMBEDS.md records (video ids of public videos, the syntax around them),
each wrapped in a few words of our own.
"""

import pytest

from clipnote.article.scan import scan_text


def clips(text, **kwargs):
    article = scan_text(text, "post.md", **kwargs)
    return [(c.video_id, c.start, c.end, c.kind) for c in article.clips]


def problems(text, **kwargs):
    return [(p.line, p.message) for p in scan_text(text, "post.md", **kwargs).problems]


# --- §2: one row each -----------------------------------------------------------------------------

@pytest.mark.parametrize("markup, expected", [
    # 1–6 Jekyll includes: the start time rides inside the id value
    ('{% include youtubePlayer.html id="G4hL5Om4IJ4?start=4648" %}', ("G4hL5Om4IJ4", 4648, None)),
    ('{% include youtube.html id="FhrAWLUEN-Q" %}', ("FhrAWLUEN-Q", None, None)),
    ('> {% include youtube.html id="s4pvr3dA9nM?start=205&end=250" %}', ("s4pvr3dA9nM", 205, 250)),
    ("{% include youtube.html id='Jd3-eiid-Uw?modestbranding=1&amp;showinfo=0&amp;rel=0' %}",
     ("Jd3-eiid-Uw", None, None)),
    ("{%- include extensions/youtube.html id='wbY97-hdD5c' -%}", ("wbY97-hdD5c", None, None)),
    ('{% include youtubePlayer.html yturl="https://www.youtube.com/watch?v=FhrAWLUEN-Q&t=90" %}',
     ("FhrAWLUEN-Q", 90, None)),
    # 7–9 Liquid / Hexo tags
    ("{% youtube syQnn_xuB8U?t=4m46s %}", ("syQnn_xuB8U", 286, None)),
    ("{% youtube iBun8y3hZOo?t=1m4s %}", ("iBun8y3hZOo", 64, None)),
    ("{% youtube pyt9albxiP0 %}", ("pyt9albxiP0", None, None)),
    ('{% youtube "LACyqdAfnaw" %}', ("LACyqdAfnaw", None, None)),
    ("{% youtube https://www.youtube.com/watch?v=MtQL_ll5KhQ %}", ("MtQL_ll5KhQ", None, None)),
    ("{% YouTube id='buChHSdsF9A' %}", ("buChHSdsF9A", None, None)),
    # 10–13 Hugo shortcodes
    ('{{< youtube id="OCWj5xgu5Ng?rel=0&start=10" title="Blank Video Placeholder (HD)" >}}',
     ("OCWj5xgu5Ng", 10, None)),
    ('{{< youtube id="dP8NmcEkxJI" title="How to measure | Nicole Forsgren" >}}',
     ("dP8NmcEkxJI", None, None)),
    ('{{% youtube id="9bTFVaKGIIQ" %}}', ("9bTFVaKGIIQ", None, None)),
    ('{{< youtube id=bnmln9HtqEI title="A talk" channel="fasterthanlime" >}}',
     ("bnmln9HtqEI", None, None)),
    ('{{< youtube id="9-2CSJC114k" enable="true" title="t" nocookie="true" >}}',
     ("9-2CSJC114k", None, None)),
    ('{{< youtube w7Ft2ymGmfc >}}', ("w7Ft2ymGmfc", None, None)),
    # end=10 is before start=130: the player ignores it, so do we
    ('{{< youtubeLite id="SgXhGb-7QbU" label="demo" params="start=130&end=10&controls=0" >}}',
     ("SgXhGb-7QbU", 130, None)),
    # 14 Quarto
    ("{{< video https://youtu.be/1x3k0V2IITo >}}", ("1x3k0V2IITo", None, None)),
    ("{{< video https://youtu.be/7kXY-2fYdHI?si=Lbk0LN85S7jA6DZS >}}", ("7kXY-2fYdHI", None, None)),
    ('{{< video https://youtu.be/7kXY-2fYdHI start="95" >}}', ("7kXY-2fYdHI", 95, None)),
    # 15–17 raw iframes: attributes on several lines, single quotes
    ('<iframe width="560" height="315" src="https://www.youtube.com/embed/h5Tz7gZT9Fo?start=7113" '
     'frameborder="0" allowfullscreen></iframe>', ("h5Tz7gZT9Fo", 7113, None)),
    ('<iframe\n  src="https://youtube.com/embed/T14-JahrSHU?mute=1&autoplay=0"\n  width="560">'
     "\n</iframe>", ("T14-JahrSHU", None, None)),
    ("<iframe width='560' height='315' src='https://www.youtube.com/embed/bnWqPwv-6Q4' "
     "frameborder='0' allowfullscreen></iframe>", ("bnWqPwv-6Q4", None, None)),
    # 18–20 MDX components
    ('<YouTubeIframe src="https://www.youtube.com/embed/T8TZQ6k4SLE?t=973s" />',
     ("T8TZQ6k4SLE", 973, None)),
    ('<YouTubeIframe src="https://www.youtube.com/embed/zyVRg2QR6LA?si=z-8t_xCc12HwGJH_&t=1067s" />',
     ("zyVRg2QR6LA", 1067, None)),
    ('<LiteYouTubeEmbed id="VdQY7BusJNU" title="t" poster="maxresdefault" params="start=114" />',
     ("VdQY7BusJNU", 114, None)),
    ('<YoutubeVideoEmbed videoID="4Su3a7AE0HY" params="start=151" />', ("4Su3a7AE0HY", 151, None)),
    ('<YouTubeEmbed videoid="vgohPCWxwCI" params="start=1777" width="100%"/>',
     ("vgohPCWxwCI", 1777, None)),
    ('<YouTube id="Hoe-woAhq_k" />', ("Hoe-woAhq_k", None, None)),
    ("<YouTube youTubeId={'Hoe-woAhq_k'} />", ("Hoe-woAhq_k", None, None)),
    ('<lite-youtube videoid="VdQY7BusJNU" params="start=60"></lite-youtube>',
     ("VdQY7BusJNU", 60, None)),
    # 21 Gatsby: written as inline code, which must not be skipped as code
    ("`youtube: https://www.youtube.com/embed/27r4Bzuj5NQ`", ("27r4Bzuj5NQ", None, None)),
    ("`youtube: https://youtu.be/l18ltcOVN4I?si=Ejf0sGKECfuqFw2L`", ("l18ltcOVN4I", None, None)),
    ("`youtube: https://www.youtube.com/watch?v=iY7LO289qnQ`", ("iY7LO289qnQ", None, None)),
    # §6 forms documented by themes
    ('{% include video id="XsxDH4HcOWA" provider="youtube" %}', ("XsxDH4HcOWA", None, None)),
    ("{% include embed/youtube.html id='wbY97-hdD5c' %}", ("wbY97-hdD5c", None, None)),
    ('{{< youtube id="w7Ft2ymGmfc" start="30" end="60" >}}', ("w7Ft2ymGmfc", 30, 60)),
    ('<iframe src="https://www.youtube-nocookie.com/embed/h5Tz7gZT9Fo?start=60"></iframe>',
     ("h5Tz7gZT9Fo", 60, None)),
])
def test_embeds(markup, expected):
    assert clips(f"Intro words.\n\n{markup}\n\nMore words.\n") == [(*expected, "embed")]


@pytest.mark.parametrize("markup, expected", [
    ("[7:55](https://www.youtube.com/watch?v=dP8NmcEkxJI&t=475s)", ("dP8NmcEkxJI", 475)),
    ("[talk](https://www.youtube.com/watch?v=rfbmf9OHJo8&t=1h5m15s)", ("rfbmf9OHJo8", 3915)),
    ("[x](http://youtu.be/75Ju0eM5T2c?t=3m41s)", ("75Ju0eM5T2c", 221)),
    ("[YouTube](http://www.youtube.com/watch?v=WpkDN78P884&feature=player_detailpage#t=2546s)",
     ("WpkDN78P884", 2546)),
    ("[x](https://www.youtube.com/watch?feature=player_detailpage&v=KIGhA4_7dtw#t=27003)",
     ("KIGhA4_7dtw", 27003)),
    ("see https://youtu.be/CFCqe3A5fFg?&t=11 here", ("CFCqe3A5fFg", 11)),
    ("see https://youtu.be/1x3k0V2IITo?si=CHjla5PUkMAec-jl&t=5s here", ("1x3k0V2IITo", 5)),
    ("<https://youtu.be/p6keMgLmFEk?feature=shared&t=559>", ("p6keMgLmFEk", 559)),
    ("https://m.youtube.com/watch?v=nYxy7Y7Gji4&t=28m35s", ("nYxy7Y7Gji4", 1715)),
    ("https://www.youtube.com/watch?time_continue=1667&v=duf5uUsW3TM&feature=emb_logo",
     ("duf5uUsW3TM", 1667)),
    ("https://www.youtube.com/shorts/FfpVRoGYZIE", ("FfpVRoGYZIE", None)),
    ("https://www.youtube.com/live/FfpVRoGYZIE?t=90", ("FfpVRoGYZIE", 90)),
    ("https://www.youtube.com/watch?v=FZ0cG47msEk&list=PLNG_1j3cPCaZZ7etkzWA7JfdmKWT0pMsa",
     ("FZ0cG47msEk", None)),
    ("https://www.youtube.com/watch?v=HHYeKxlRV1Y&ampt=230s", ("HHYeKxlRV1Y", 230)),
    ('<a href="https://www.youtube.com/watch?v=HHYeKxlRV1Y&amp;t=230s">talk</a>', ("HHYeKxlRV1Y", 230)),
    ("https://www.youtube.com/watch?v=T8TZQ6k4SLE&t=26815s", ("T8TZQ6k4SLE", 26815)),
    # §4.9 URLs glued to CJK text end at the first non-URL character
    ("URL： https://youtu.be/M3BM9TB-8yA?t=900。ウェブの不修正性", ("M3BM9TB-8yA", 900)),
    ("動画（https://youtu.be/NYX_eeNVIEU?t=179）では基本的な", ("NYX_eeNVIEU", 179)),
    ("実装ライン動画https://youtu.be/Ca-SoKzjh4M?t=110を紹介．SMT", ("Ca-SoKzjh4M", 110)),
    ("“see https://www.youtube.com/watch?v=T8TZQ6k4SLE&t=351s”", ("T8TZQ6k4SLE", 351)),
    ("これ→https://www.youtube.com/watch?v=ksK-XzkSQlk", ("ksK-XzkSQlk", None)),
    ("(https://youtu.be/HHYeKxlRV1Y?t=230).", ("HHYeKxlRV1Y", 230)),
    # §4.10 an invisible U+202A inside the link target
    ("[28:44](\u202ahttps://youtu.be/b8hHfI2HX4w?t=1724)", ("b8hHfI2HX4w", 1724)),
    ("[28:44](https://youtu.be/b8hHfI2HX4w?t=17\u200b24)", ("b8hHfI2HX4w", 1724)),
])
def test_links(markup, expected):
    assert clips(f"A paragraph {markup}\n") == [(*expected, None, "link")]


def test_three_share_links_glued_together_are_three_clips():
    text = ("https://youtu.be/1x3k0V2IITo?si=aaaaaaaaaaaaaaaahttps://youtu.be/7kXY-2fYdHI?si=b"
            "https://youtu.be/FhrAWLUEN-Q\n")
    assert [c[0] for c in clips(text)] == ["1x3k0V2IITo", "7kXY-2fYdHI", "FhrAWLUEN-Q"]


@pytest.mark.parametrize("markup", [
    "https://www.youtube.com/", "https://www.youtube.com/playlist?list=PLD4atqlPcvA5G7gqRiE1cYw1lDpcAyWTL",
    "https://www.youtube.com/@HikakinTV", "https://music.youtube.com/channel/UCabcdefghijk",
    "( Source: <https://www.youtube.com/> )", "a youtube.com mention", "notyoutube.com/watch?v=FhrAWLUEN-Q",
    "{% youtube PLD4atqlPcvA5G7gqRiE1cYw1lDpcAyWTL playlist %}",
    '<iframe src="https://player.vimeo.com/video/132695239"></iframe>',
    '{% include video id="132695239" provider="vimeo" %}',
])
def test_non_video_references_are_ignored(markup):
    assert clips(f"Text {markup}\n") == [] and problems(f"Text {markup}\n") == []


def test_a_thumbnail_inside_a_link_to_the_same_video_is_one_clip():
    text = "[![](https://img.youtube.com/vi/FZ0cG47msEk/0.jpg)](https://youtu.be/FZ0cG47msEk?t=42)\n"
    assert clips(text) == [("FZ0cG47msEk", 42, None, "link")]


def test_the_same_link_twice_on_a_line_is_one_clip_with_the_visible_label():
    text = ('and "[the list](http://www.youtube.com/watch?v=B93QezwTQpI#t=47m53s)" '
            "([47m53s](http://www.youtube.com/watch?v=B93QezwTQpI#t=47m53s)):\n")
    article = scan_text(text, "p.md")
    assert [(c.video_id, c.start, c.label, c.label_seconds) for c in article.clips] == [
        ("B93QezwTQpI", 2873, "47m53s", 2873)]


# --- labels next to links (§3 "Label text", §4.23) ----------------------------------------------

@pytest.mark.parametrize("markup, label, seconds, start", [
    ("[7:55](https://www.youtube.com/watch?v=dP8NmcEkxJI&t=475s)", "7:55", 475, 475),
    ("— Rust Cohle in [True Detective S01E07 @ 28m42s](http://www.youtube.com/watch?v=4ooaTJe7V8E&t=1m54s)",
     "28m42s", 1722, 114),
    ("in Java ([29m06s](http://www.youtube.com/watch?v=B93QezwTQpI#t=20m06s)) to",
     "29m06s", 1746, 1206),
    ('*([Timestamp: 00:01:08](https://youtu.be/Evlk9J-B_uc?t=68s){target="_blank"})*',
     "00:01:08", 68, 68),
    ('<a href="https://youtu.be/Evlk9J-B_uc?t=68">at 1:08</a>', "1:08", 68, 68),
    ("[a talk](https://youtu.be/Evlk9J-B_uc?t=68)", None, None, 68),
])
def test_visible_label_is_kept_beside_the_links_own_time(markup, label, seconds, start):
    (clip,) = scan_text(f"Words {markup}\n", "p.md").clips
    assert (clip.label, clip.label_seconds, clip.start) == (label, seconds, start)


# --- times in prose beside an embed (§2 row 34) -------------------------------------------------

def prose(clip):
    return clip.prose_time and (clip.prose_time.text, clip.prose_time.start, clip.prose_time.end)


def test_korean_prose_range_before_the_embed():
    text = ("먼저 김벌은 무엇인지 영상으로 보자.\n일단 4분 46초부터 5분 30초 까지만 보면 된다.\n\n"
            "{% youtube syQnn_xuB8U?t=4m46s %}\n\n다음 문단.\n")
    (clip,) = scan_text(text, "p.md").clips
    assert prose(clip) == ("4분 46초", 286, 330)
    assert (clip.start, clip.end, clip.label) == (286, None, None)  # the embed's own values stay


def test_prose_range_after_the_embed_and_clock_forms():
    text = "설명.\n\n{% youtube syQnn_xuB8U?t=6m24s %}\n\n06:24에서 06:50 까지만 보면 된다.\n"
    (clip,) = scan_text(text, "p.md").clips
    assert prose(clip) == ("06:24", 384, 410)


def test_prose_time_that_disagrees_with_the_link_is_kept_for_the_check():
    text = ("27분 40초부터 나오는 부분이 인상적이었다.\n\n"
            "https://www.youtube.com/watch?time_continue=1667&v=duf5uUsW3TM&feature=emb_logo\n")
    (clip,) = scan_text(text, "p.md").clips
    assert (clip.start, prose(clip)) == (1667, ("27분 40초", 1660, None))


def test_japanese_and_english_prose_times():
    (ja,) = scan_text("13分あたりから Next.js の話。\n\n{% youtube pyt9albxiP0 %}\n", "p.md").clips
    assert prose(ja) == ("13分", 780, None)
    (en,) = scan_text('<iframe src="https://www.youtube.com/embed/h5Tz7gZT9Fo?start=7113"></iframe>'
                      "\n\nThe answer comes at timestamp 1:58:33.\n", "p.md").clips
    assert prose(en) == ("1:58:33", 7113, None)


def test_a_sixteenth_note_is_not_a_time():
    (clip,) = scan_text("「Crazy Train」の16分音符がだいたい毎分552回。\n\n"
                        "{% youtube tMDFv5m18Pw %}\n", "p.md").clips
    assert clip.prose_time is None


# --- timestamps without a link: clips of kind `label` (§2 rows 31–32, issue item 5) -------------

def test_yt_timestamp_anchors_refer_to_the_front_matter_video():
    text = ('---\nvideoId: KsZI5oXBC0k\n---\n\nHe explains the idea '
            '<a class="yt-timestamp" data-t="01:33:23">[01:33:23]</a>.\n')
    article = scan_text(text, "p.md")
    kinds = [(c.kind, c.video_id, c.start, c.line) for c in article.clips]
    assert ("label", "KsZI5oXBC0k", 5603, 5) in kinds
    assert not article.problems
    label = next(c for c in article.clips if c.kind == "label")
    assert label.excerpts[0].text == "He explains the idea" and label.excerpts[0].role == "paraphrase"


def test_range_labels_refer_to_the_single_linked_video():
    text = ("[Talk](https://youtu.be/FhrAWLUEN-Q)\n\n"
            "He serves Cursor, Notion, Linear, and others. [0:21–1:17]\n\n"
            "Then pricing. [4:20–4:37][4:38–5:10]\n")
    article = scan_text(text, "p.md")
    labels = [(c.video_id, c.start, c.end, c.line) for c in article.clips if c.kind == "label"]
    assert labels == [("FhrAWLUEN-Q", 21, 77, 3), ("FhrAWLUEN-Q", 260, 277, 5),
                      ("FhrAWLUEN-Q", 278, 310, 5)]
    first = next(c for c in article.clips if c.kind == "label")
    assert [e.text for e in first.excerpts] == ["He serves Cursor, Notion, Linear, and others."]


def test_paragraph_labels_and_chapter_headings_use_the_command_line_video():
    text = "## 12:34 The DORA framework\n\nThey explain the four keys here.\n\n[1:02:03] Next point in detail.\n"
    article = scan_text(text, "p.md", default_video="dP8NmcEkxJI")
    labels = [(c.start, c.line) for c in article.clips if c.kind == "label"]
    assert labels == [(754, 1), (3723, 5)]
    heading, paragraph = (c for c in article.clips if c.kind == "label")
    assert [e.line for e in heading.excerpts] == [3]
    assert [e.text for e in paragraph.excerpts] == ["Next point in detail."]


def test_labels_on_a_page_with_no_video_are_reported_once_never_guessed():
    text = "Summary [0:21–1:17]\n\nMore [2:00]\n"
    article = scan_text(text, "p.md")
    assert article.clips == ()
    assert len(article.problems) == 1 and "2 timestamp label(s)" in article.problems[0].message
    two = scan_text("[a](https://youtu.be/FhrAWLUEN-Q) [b](https://youtu.be/h5Tz7gZT9Fo)\n\nx [2:00]\n", "p.md")
    assert "links 2 videos" in two.problems[0].message


@pytest.mark.parametrize("value, message", [
    ("N/A", "is not a time"), ("HH:MM:SS", "is not a time"), ("2241", "ambiguous"),
    ("https://youtu.be/XYZ", "not a valid YouTube video id"),
])
def test_malformed_data_t_values_are_reported(value, message):
    text = f'---\nvideoId: KsZI5oXBC0k\n---\n\nx <a class="yt-timestamp" data-t="{value}">[?]</a>\n'
    (problem,) = scan_text(text, "p.md").problems
    assert problem.line == 5 and message in problem.message


def test_minutes_over_59_in_data_t_are_still_minutes():
    text = '---\nvideoId: KsZI5oXBC0k\n---\n\nx <a data-t="124:06">[124:06]</a>\n'
    assert [c.start for c in scan_text(text, "p.md").clips if c.kind == "label"] == [7446]


# --- front matter (§2 row 22, issue item 5) -----------------------------------------------------

@pytest.mark.parametrize("field, expected", [
    ("source: https://www.youtube.com/watch?v=Z0NUvd24_qs&t=1242s", ("Z0NUvd24_qs", 1242)),
    ("video: https://youtu.be/LtH4QIKXroo?si=kVwwbncy0RVt0DY2", ("LtH4QIKXroo", None)),
    ("videoId: KsZI5oXBC0k", ("KsZI5oXBC0k", None)),
    ("youtubeId: 4-4dxSXwly8", ("4-4dxSXwly8", None)),
    ('video: "https://youtu.be/FhrAWLUEN-Q"', ("FhrAWLUEN-Q", None)),
    ("video: FhrAWLUEN-Q", ("FhrAWLUEN-Q", None)),
    ('via: "[Emily Bache](https://www.youtube.com/watch?v=zyM2Ep28ED8)"', ("zyM2Ep28ED8", None)),
    ("url: https://youtu.be/FhrAWLUEN-Q?t=12", ("FhrAWLUEN-Q", 12)),
])
def test_front_matter_video_fields(field, expected):
    text = f"---\ntitle: A post\n{field}\n---\n\nSome text.\n"
    article = scan_text(text, "p.md")
    assert [(c.video_id, c.start, c.kind, c.line) for c in article.clips] == [
        (*expected, "front-matter", 3)]


def test_front_matter_fields_that_are_not_youtube_are_ignored():
    text = '---\nvia: "[Who](http://example.com)"\nurl: /blog/post/\nvideo: intro.mp4\n---\n\nText.\n'
    article = scan_text(text, "p.md")
    assert article.clips == () and article.problems == ()


def test_page_youtube_id_indirection():
    text = "---\nyoutubeId: 4-4dxSXwly8\n---\n\n{% include youtubePlayer.html id=page.youtubeId %}\n"
    article = scan_text(text, "p.md")
    assert [(c.video_id, c.kind, c.line) for c in article.clips] == [("4-4dxSXwly8", "embed", 5)]


def test_unresolved_page_variable_is_a_bad_reference():
    article = scan_text("Text.\n\n{% include youtubePlayer.html id=page.youtubeId %}\n", "p.md")
    assert article.clips == ()
    (problem,) = article.problems
    assert problem.line == 3 and "youtubeId" in problem.message and problem.kind == "bad-reference"


# --- invalid ids are reported with path and line, never guessed (§4.13) --------------------------

@pytest.mark.parametrize("markup", [
    '{% include youtube.html id="url" %}', 'video link: https://youtu.be/url',
    '{% include youtube.html id="_________" %}', "see https://www.youtube.com/watch?v=XYZ",
    '<YouTube youTubeId={id} />', "{{< youtube id=\"short\" >}}", "{% youtube %}\n{% youtube XYZ %}",
    '<iframe src="https://www.youtube.com/embed/_________"></iframe>',
])
def test_invalid_ids_are_bad_references(markup):
    article = scan_text(f"Intro.\n\n{markup}\n", "dir/p.md")
    assert article.clips == ()
    assert article.problems and all(p.path == "dir/p.md" and p.line and p.line >= 3
                                    for p in article.problems)
    assert all(p.kind == "bad-reference" for p in article.problems)


def test_front_matter_placeholder_is_a_bad_reference_on_its_line():
    article = scan_text('---\ntitle: Ep 3\nvideo: "https://youtu.be/url"\n---\nText\n', "p.md")
    assert article.clips == ()
    assert [(p.line, p.kind) for p in article.problems] == [(3, "bad-reference")]


# --- what is not content (§4.14–§4.17) ----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "```\n{% include youtubePlayer.html id=\"yypCzKVyiKs\" %}\n```\n",
    "~~~\n<% include youtubePlayer.html id=\"yypCzKVyiKs\" %>\n{% youtube yypCzKVyiKs %}\n~~~\n",
    "Text\n\n    {% youtube yypCzKVyiKs %}\n",
    "{% raw %}\n{% include youtubePlayer.html id=\"yypCzKVyiKs\" %}\n{% endraw %}\n",
    "<!-- video\n{{< youtube id=\"yypCzKVyiKs\" >}}\n-->\n",
    "Use `{% youtube yypCzKVyiKs %}` in a post.\n",
    '{{</* youtubeLite id="SgXhGb-7QbU" params="start=130" */>}}\n',
    "## Day 2 {/* <YouTube id=\"Hoe-woAhq_k\" /> */}\n",
    "<pre>\nhttps://youtu.be/yypCzKVyiKs\n</pre>\n",
    "{% comment %}\n{% youtube yypCzKVyiKs %}\n{% endcomment %}\n",
    "{% codeblock lang:md %}\n{% youtube yypCzKVyiKs %}\n{% endcodeblock %}\n",
    "Links: `https://youtu.be/yypCzKVyiKs`\n",
])
def test_code_comments_and_escaped_shortcodes_are_not_content(text):
    assert clips(text) == []


def test_only_the_unfenced_call_counts():
    text = ("Write this:\n\n```liquid\n{% raw %}\n{% include youtubePlayer.html id=\"yypCzKVyiKs\" %}\n"
            "{% endraw %}\n```\n\nand you get:\n\n{% include youtubePlayer.html id=\"yypCzKVyiKs\" %}\n")
    article = scan_text(text, "p.md")
    assert [(c.video_id, c.line) for c in article.clips] == [("yypCzKVyiKs", 11)]


def test_list_continuations_are_not_code():
    text = ("- Youtube\n\n    {% youtube y8MrCD1-0FY %}\n\n"
            "-   The Presenter at\n    [35:28](http://www.youtube.com/watch?v=WpkDN78P884#t=2128s)\n")
    article = scan_text(text, "p.md")
    assert [(c.video_id, c.line, c.column) for c in article.clips] == [
        ("y8MrCD1-0FY", 3, 4), ("WpkDN78P884", 6, 4)]


def test_several_embeds_of_one_video_and_an_embed_in_a_blockquote():
    text = ("{% youtube syQnn_xuB8U?t=4m46s %}\n\nText.\n\n{% youtube syQnn_xuB8U?t=6m24s %}\n\n"
            "> {% include youtube.html id=\"s4pvr3dA9nM?start=205&end=250\" %}\n")
    assert [(c[0], c[1]) for c in clips(text)] == [
        ("syQnn_xuB8U", 286), ("syQnn_xuB8U", 384), ("s4pvr3dA9nM", 205)]


def test_line_and_column_point_at_the_raw_text():
    text = "---\ntitle: t\n---\n\nSee [this](https://youtu.be/FhrAWLUEN-Q?t=5) now.\n"
    (clip,) = scan_text(text, "p.md").clips
    assert (clip.line, clip.column) == (5, 4)
    assert text.split("\n")[clip.line - 1][clip.column:].startswith(clip.raw)


def test_drafts_mark_the_article_and_every_clip():
    for flag in ("draft: true", "published: false", "draft: 'true'"):
        article = scan_text(f"---\n{flag}\n---\n\nhttps://youtu.be/FhrAWLUEN-Q\n", "p.md")
        assert article.draft and all(c.draft for c in article.clips)
    toml = scan_text("+++\ndraft = true\n+++\n\nhttps://youtu.be/FhrAWLUEN-Q\n", "p.md")
    assert toml.draft and toml.clips[0].draft
    assert not scan_text("---\ndraft: false\n---\n\nhttps://youtu.be/FhrAWLUEN-Q\n", "p.md").draft


def test_reference_style_links_are_clips_where_they_are_used():
    text = ("Watch [the talk][1], the [Keynote] and [7:55][ch].\n\n"
            "[1]: https://youtu.be/FhrAWLUEN-Q?t=42\n[keynote]: <https://www.youtube.com/watch?v=h5Tz7gZT9Fo>\n"
            '[ch]: https://www.youtube.com/watch?v=dP8NmcEkxJI&t=475s "Chapter"\n'
            "[unused]: https://youtu.be/yypCzKVyiKs\n[^1]: a footnote, https://example.com\n")
    article = scan_text(text, "p.md")
    assert [(c.video_id, c.start, c.line, c.column, c.label) for c in article.clips] == [
        ("FhrAWLUEN-Q", 42, 1, 6, None), ("h5Tz7gZT9Fo", None, 1, 25, None),
        ("dP8NmcEkxJI", 475, 1, 39, "7:55")]


def test_files_in_a_drafts_folder_are_drafts():
    for path in ("_drafts/notes.md", "blog\\source\\_drafts\\x.md"):
        article = scan_text("https://youtu.be/FhrAWLUEN-Q\n", path)
        assert article.draft and article.clips[0].draft
    assert not scan_text("https://youtu.be/FhrAWLUEN-Q\n", "_posts/my_drafts.md").draft


def test_a_range_label_keeps_its_text_as_written():
    (clip,) = [c for c in scan_text("[a](https://youtu.be/FhrAWLUEN-Q)\n\nWords here. [27:44–28:23]\n",
                                    "p.md").clips if c.kind == "label"]
    assert (clip.label, clip.label_seconds, clip.start, clip.end) == ("27:44–28:23", 1664, 1664, 1703)
