"""--fix-start: every syntax of EMBEDS.md gets its start moved in its own form, or a reason why not."""

import pytest

from clipnote.annotate.starts import StartError, format_like, relabel, rewrite_start, time_values
from clipnote.article.urls import parse_id_argument, parse_youtube_url

# (before, seconds, after): the forms of EMBEDS.md §2/§3/§6 and the corpus
MOVED = [
    # Jekyll include, start inside the id (the seed's form), and without one
    ('{% include youtubePlayer.html id="G4hL5Om4IJ4?start=4648" %}', 5023,
     '{% include youtubePlayer.html id="G4hL5Om4IJ4?start=5023" %}'),
    ('{% include youtube.html id="FhrAWLUEN-Q" %}', 300,
     '{% include youtube.html id="FhrAWLUEN-Q?start=300" %}'),
    ("{%- include extensions/youtube.html id='wbY97-hdD5c' -%}", 61,
     "{%- include extensions/youtube.html id='wbY97-hdD5c?start=61' -%}"),
    ('{% include youtube.html id="s4pvr3dA9nM?start=205&end=250" %}', 210,
     '{% include youtube.html id="s4pvr3dA9nM?start=210&end=250" %}'),
    ("{% include youtube.html id='Jd3-eiid-Uw?modestbranding=1&amp;rel=0' %}", 42,
     "{% include youtube.html id='Jd3-eiid-Uw?modestbranding=1&amp;rel=0&amp;start=42' %}"),
    # Hexo: the letters form is kept
    ("{% youtube syQnn_xuB8U?t=4m46s %}", 376, "{% youtube syQnn_xuB8U?t=6m16s %}"),
    ("{% youtube iBun8y3hZOo?t=1m4s %}", 3725, "{% youtube iBun8y3hZOo?t=1h2m5s %}"),
    # Hugo: start inside the id after another parameter; the named start= param; adding one
    ('{{< youtube id="OCWj5xgu5Ng?rel=0&start=10" title="Blank Video Placeholder (HD)" >}}', 95,
     '{{< youtube id="OCWj5xgu5Ng?rel=0&start=95" title="Blank Video Placeholder (HD)" >}}'),
    ('{{< youtube id="dP8NmcEkxJI" start="30" end="600" >}}', 45,
     '{{< youtube id="dP8NmcEkxJI" start="45" end="600" >}}'),
    ('{{< youtube id="dP8NmcEkxJI" title="How to: start=now" >}}', 45,
     '{{< youtube id="dP8NmcEkxJI" start="45" title="How to: start=now" >}}'),
    ('{{< youtubeLite id="SgXhGb-7QbU" label="demo" params="start=130&end=10&controls=0" >}}', 200,
     '{{< youtubeLite id="SgXhGb-7QbU" label="demo" params="start=200&end=10&controls=0" >}}'),
    ('{{< video https://youtu.be/1x3k0V2IITo >}}', 12, '{{< video https://youtu.be/1x3k0V2IITo start="12" >}}'),
    # iframes and MDX components
    ('<iframe width="560" src="https://www.youtube.com/embed/h5Tz7gZT9Fo?start=7113" allowfullscreen></iframe>',
     7200, '<iframe width="560" src="https://www.youtube.com/embed/h5Tz7gZT9Fo?start=7200" allowfullscreen></iframe>'),
    ("<iframe width='560' src='https://www.youtube.com/embed/bnWqPwv-6Q4' frameborder='0'></iframe>", 9,
     "<iframe width='560' src='https://www.youtube.com/embed/bnWqPwv-6Q4?start=9' frameborder='0'></iframe>"),
    ('<iframe\n  src="https://youtube.com/embed/T14-JahrSHU?mute=1&autoplay=0"\n></iframe>', 77,
     '<iframe\n  src="https://youtube.com/embed/T14-JahrSHU?mute=1&autoplay=0&start=77"\n></iframe>'),
    ('<YouTubeIframe src="https://www.youtube.com/embed/T8TZQ6k4SLE?t=973s" />', 1000,
     '<YouTubeIframe src="https://www.youtube.com/embed/T8TZQ6k4SLE?t=1000s" />'),
    ('<LiteYouTubeEmbed id="VdQY7BusJNU" title="x" params="start=114" />', 120,
     '<LiteYouTubeEmbed id="VdQY7BusJNU" title="x" params="start=120" />'),
    ('<lite-youtube videoid="VdQY7BusJNU" params="controls=0"></lite-youtube>', 120,
     '<lite-youtube videoid="VdQY7BusJNU" params="start=120&controls=0"></lite-youtube>'),
    # links: t= keeps its unit style; #t= fragments; time_continue=; &amp;t= and &ampt=
    ("[7:55](https://www.youtube.com/watch?v=dP8NmcEkxJI&t=475s)", 500,
     "[7:55](https://www.youtube.com/watch?v=dP8NmcEkxJI&t=500s)"),
    ("https://www.youtube.com/watch?v=rfbmf9OHJo8&t=1h5m15s", 3920,
     "https://www.youtube.com/watch?v=rfbmf9OHJo8&t=1h5m20s"),
    ("https://www.youtube.com/watch?v=rfbmf9OHJo8&t=1h05m15s", 3605,
     "https://www.youtube.com/watch?v=rfbmf9OHJo8&t=1h00m05s"),
    ("https://youtu.be/HHYeKxlRV1Y?t=230", 240, "https://youtu.be/HHYeKxlRV1Y?t=240"),
    ("https://youtu.be/CFCqe3A5fFg?&t=11", 15, "https://youtu.be/CFCqe3A5fFg?&t=15"),
    ("https://youtu.be/zyM2Ep28ED8?t=484&si=O3cw60wFKt0GgivG", 490,
     "https://youtu.be/zyM2Ep28ED8?t=490&si=O3cw60wFKt0GgivG"),
    ("http://www.youtube.com/watch?v=WpkDN78P884&feature=player_detailpage#t=2546s", 2550,
     "http://www.youtube.com/watch?v=WpkDN78P884&feature=player_detailpage#t=2550s"),
    ("https://youtube.com/watch?v=tMDFv5m18Pw#t=0m32s", 40, "https://youtube.com/watch?v=tMDFv5m18Pw#t=0m40s"),
    ("https://www.youtube.com/watch?v=KIGhA4_7dtw&t=100#t=27003", 27010,
     "https://www.youtube.com/watch?v=KIGhA4_7dtw&t=27010#t=27010"),
    ("https://www.youtube.com/watch?time_continue=1667&v=duf5uUsW3TM&feature=emb_logo", 1660,
     "https://www.youtube.com/watch?time_continue=1660&v=duf5uUsW3TM&feature=emb_logo"),
    ("https://www.youtube.com/watch?v=HHYeKxlRV1Y&ampt=230s", 235,
     "https://www.youtube.com/watch?v=HHYeKxlRV1Y&ampt=235s"),
    ("https://youtu.be/M3BM9TB-8yA?t=900。ウェブの", 905, "https://youtu.be/M3BM9TB-8yA?t=905。ウェブの"),
    ("https://youtu.be/M3BM9TB-8yA。ウェブの", 905, "https://youtu.be/M3BM9TB-8yA?t=905。ウェブの"),
    ("https://www.youtube.com/watch?v=dP8NmcEkxJI", 61, "https://www.youtube.com/watch?v=dP8NmcEkxJI&t=61"),
    ("https://www.youtube.com/watch?v=FhrAWLUEN-Q#frag", 61, "https://www.youtube.com/watch?v=FhrAWLUEN-Q&t=61#frag"),
    ("`youtube: https://www.youtube.com/embed/27r4Bzuj5NQ`", 8, "`youtube: https://www.youtube.com/embed/27r4Bzuj5NQ?start=8`"),
    ("source: https://www.youtube.com/watch?v=Z0NUvd24_qs&t=1242s", 1250,
     "source: https://www.youtube.com/watch?v=Z0NUvd24_qs&t=1250s"),
    ('<a href="https://youtu.be/b8hHfI2HX4w">talk</a>', 30, '<a href="https://youtu.be/b8hHfI2HX4w?t=30">talk</a>'),
]


@pytest.mark.parametrize("before,seconds,after", MOVED)
def test_start_is_moved_in_the_references_own_syntax(before, seconds, after):
    assert rewrite_start(before, seconds) == after


@pytest.mark.parametrize("before,seconds,after", MOVED)
def test_the_moved_reference_still_parses_to_the_new_start(before, seconds, after):
    times = [v.seconds for v in time_values(after) if v.key != "end"]
    assert times and all(t == seconds for t in times)
    assert rewrite_start(after, seconds) == after  # moving it again to the same second changes nothing


def test_moved_urls_parse_as_clipnote_reads_them():
    ref = parse_id_argument(rewrite_start('{% include youtubePlayer.html id="G4hL5Om4IJ4?start=4648" %}',
                                          5023).split('"')[1])
    assert (ref.video_id, ref.start) == ("G4hL5Om4IJ4", 5023)
    ref = parse_youtube_url(rewrite_start("https://www.youtube.com/watch?v=rfbmf9OHJo8&t=1h5m15s", 3920))
    assert ref.start == 3920


REFUSED = [
    ("{% include youtubePlayer.html id=page.youtubeId %}", "variable"),
    ("{% youtube pyt9albxiP0 %}", "plugins"),
    ("{{< youtube dP8NmcEkxJI >}}", "positional"),
    ('<YouTube id="Hoe-woAhq_k" />', "by hand"),
    ('{% include youtube.html id="s4pvr3dA9nM?start=205&end=250" %}', "end"),
    ("no video here", "no YouTube URL"),
]


@pytest.mark.parametrize("raw,why", REFUSED)
def test_a_start_that_cannot_be_moved_safely_is_refused_with_the_reason(raw, why):
    with pytest.raises(StartError, match=why):
        rewrite_start(raw, 600)


def test_a_title_that_mentions_start_is_not_taken_for_a_parameter():
    raw = '{{< youtube id="dP8NmcEkxJI" title="start=5 &t=7" >}}'
    assert time_values(raw) == []


def test_an_end_the_player_ignores_does_not_block_the_move():
    # end=10 is before start=130, so the player ignores it (EMBEDS §3); so does --fix-start
    assert "start=400" in rewrite_start('{{< youtubeLite id="SgXhGb-7QbU" params="start=130&end=10" >}}', 400)


@pytest.mark.parametrize("old,seconds,new", [
    ("230", 240, "240"), ("475s", 500, "500s"), ("4m46s", 376, "6m16s"), ("1h5m15s", 3915, "1h5m15s"),
    ("0m32s", 40, "0m40s"), ("20m06s", 1206, "20m06s"), ("53m25s", 3600, "1h"), ("10.5", 11, "11"),
    ("1M4S", 64, "1M4S"),
])
def test_t_values_keep_their_unit_style(old, seconds, new):
    assert format_like(old, seconds, "t") == new


def test_start_values_are_whole_seconds():
    assert format_like("4648", 5023, "start") == "5023"
    assert format_like("4m", 5023, "start") == "5023"


@pytest.mark.parametrize("label,old,new_seconds,expected", [
    ("7:55", 475, 500, "8:20"),
    ("07:55", 475, 500, "08:20"),
    ("Timestamp: 00:01:08", 68, 75, "Timestamp: 00:01:15"),
    ("1:23:43", 5023, 5100, "1:25:00"),
    ("15:00", 900, 3700, "1:01:40"),
    ("True Detective S01E07 @ 28m42s", 1722, 1800, "True Detective S01E07 @ 30m"),
])
def test_a_visible_label_that_showed_the_old_time_moves_with_it(label, old, new_seconds, expected):
    assert relabel(label, old, new_seconds) == expected


def test_a_label_that_disagreed_with_its_link_is_left_for_the_fact_checker():
    assert relabel("S01E07 @ 28m42s", 114, 200) is None  # EMBEDS §4.23: label ≠ link
    assert relabel("29m06s", 1206, 1300) is None
    assert relabel("from 1:00 to 2:00", 60, 70) is None  # two times: which one?
