"""Issue 2 item 8: on ../shared/corpus, the tool finds exactly the clips a careful reader finds.

Every expectation below was written by hand from reading each post (not from the tool's
output). Per clip: (line, video id, start seconds or None). Lines are 1-based file lines; a clip
sits on the line where its reference begins (a Markdown link that wraps begins on its `[`).
The corpus holds no bad video reference: the placeholder video in two-not-three.md is a real
id ("Blank Video Placeholder (HD)"), and playlist, channel and home-page links are not videos.
"""

import pytest

from clipnote.article.scan import scan_file

pytestmark = pytest.mark.shared

F = "hugocf__ferreira.cc/content/clippings/"
H = "hanmomhanda__hanmomhanda.github.io/source/_posts/"
K = "karintomania__kaigai-matome/content/posts/"

DEV = "dP8NmcEkxJI"
CHAPTERS = [(27, 0), (28, 475), (29, 606), (30, 823), (31, 1134), (32, 1353), (33, 1494),
            (34, 1763), (35, 1971), (36, 2139), (37, 2272), (38, 2489), (39, 2743), (40, 2862),
            (41, 3007), (42, 3244), (43, 3315), (44, 3371), (45, 3452), (46, 3915), (47, 4136)]
THRASH = "gIe5qnu607k"

CLIPS = {
    F + "2012/architecture-the-lost-years/index.md": [
        (14, "WpkDN78P884", 2546), (22, "WpkDN78P884", 2128), (24, "WpkDN78P884", 2270),
        (26, "WpkDN78P884", 2546)],
    F + "2014/lifes-barely-long-enough-to-get-good-at-one.md": [(11, "4ooaTJe7V8E", 114)],
    F + "2014/uncle-bob-martin-walks-through-the-prime-factors.md": [
        (9, "B93QezwTQpI", 1206), (13, "B93QezwTQpI", 2873)],  # line 13: one link written twice
    F + "2015/you-go-your-way-ill-go-your-way-too.md": [(14, "rfbmf9OHJo8", 3915)],
    F + "2016/2016-06-06.md": [(11, "2zYxWEZ0gYg", 95)],
    F + "2017/2017-04-25-1.md": [(20, "nYxy7Y7Gji4", 1715)],
    F + "2017/2017-04-25-2.md": [(24, "zUM7i8fsf0g", None), (26, "KIGhA4_7dtw", 27003)],
    F + "2019/2019-10-06/index.md": [
        (15, "b8hHfI2HX4w", None), (22, "b8hHfI2HX4w", 1189), (24, "b8hHfI2HX4w", 1724)],
    F + "2021/2021-07-22 product-trios.md": [
        (29, "HHYeKxlRV1Y", 230), (55, "HHYeKxlRV1Y", 240), (88, "HHYeKxlRV1Y", 230)],
    # the front matter's `via:` video has no quote left (the one below the site's link is the site's)
    F + "2023/approval-tests.md": [(14, "zyM2Ep28ED8", 484)],
    F + "2023/developer-productivity.md": [(9, DEV, None)] + [(line, DEV, t) for line, t in CHAPTERS]
    + [(58, DEV, 900)],
    F + "2023/thrashing.md": [(26, THRASH, None)] + [(line, THRASH, t) for line, t in [
        (82, 300), (88, 322), (94, 459), (102, 631), (104, 626), (105, 614), (112, 614), (120, 644),
        (132, 550), (134, 568), (135, 574), (136, 586), (137, 588)]],
    F + "2024/two-not-three.md": [(10, "OCWj5xgu5Ng", 10), (12, "FfpVRoGYZIE", None)],
    H + "AWS-다른-계정의-서울-Region-S3로-이사가기.md": [(250, "iBun8y3hZOo", 64)],
    H + "Gimbal-Lock.md": [(32, "syQnn_xuB8U", 286), (81, "syQnn_xuB8U", 384)],
    H + "HexoTest.md": [(235, "y8MrCD1-0FY", None)],  # an indented list continuation, not code
    K + "2025_02/2025_02_19_1972_unix_v2_beta_resurrected/index.md": [
        (22, "EY6q5dv_B-o", None), (81, "M3BM9TB-8yA", 900)],  # `?t=900。ウェブ`
    K + "2025_05/2025_05_02_show_hn_i_built_a_synthesizer_based_on/index.md": [
        (174, "RKT-sKtR970", None), (433, "NYX_eeNVIEU", 179)],  # `?t=179）では`
    K + "2025_05/2025_05_09_legogpt_generating_physically_stable_and_buildable_lego/index.md": [
        (67, "ksK-XzkSQlk", None), (398, "Ca-SoKzjh4M", 110)],  # `?t=110を紹介`
    K + "2025_06/2025_06_03_quarkdown_a_modern_markdown_based_typesetting_system/index.md": [
        (17, "CFCqe3A5fFg", 15), (27, "CFCqe3A5fFg", 11), (27, "cjQ-dle-tAE", 11)],  # `?&t=11`
    K + "2025_07/2025_07_11_grok_searching_x_for_from_elonmusk_israel_or/index.md": [
        (27, "1nBx-37c3c8", None), (37, "RNineSEoxjQ", 470), (107, "jx_J1MgokV4", None)],
    K + "2025_09/2025_09_20_ultrasonic_chef_s_knife/index.md": [
        (274, "tMDFv5m18Pw", 32), (309, "H3ENOZgEqXg", 80), (433, "3Gqi2cNCKQY", None),
        (433, "GEtU3bYyCtA", None)],
    K + "2025_11/2025_11_21_helping_valve_to_power_up_steam_devices/index.md": [
        (328, "wQbiqKUIsMI", 2353), (418, "EMIPlwoAt58", 881)],
}

DRAFTS = {F + "2016/2016-06-06.md", F + "2017/2017-04-25-1.md", F + "2017/2017-04-25-2.md",
          F + "2019/2019-10-06/index.md", F + "2021/2021-07-22 product-trios.md",
          F + "2024/two-not-three.md"}

# Excerpt lines per clip line (clips not listed have none). "p" marks paraphrase excerpts.
EXCERPTS = {
    F + "2012/architecture-the-lost-years/index.md": {
        # "The whole Enchilada!" / "The Database is a Detail!" quote the talk at their timestamps;
        # the blockquote after "Elements summary:" follows the last chapter link
        24: [23], 26: [25, 31, 34, 38, 40, 46, 49, 53]},
    F + "2014/lifes-barely-long-enough-to-get-good-at-one.md": {11: [9]},
    F + "2014/uncle-bob-martin-walks-through-the-prime-factors.md": {
        # list items of one or two words ("(nil->constant)") are too short to be quotes
        9: [11], 13: [13, 15, 17, 19, 21, 23, 24, 29, 31, 33, 37, 40, 42, 44]},
    F + "2015/you-go-your-way-ill-go-your-way-too.md": {14: [9]},
    # line 22 is a TODO that quotes the talk: "Getting better on what we do…" (~40:43)
    F + "2016/2016-06-06.md": {11: [14, 22]},
    # line 17 is attributed to a bookshop, not the video
    F + "2019/2019-10-06/index.md": {22: [22], 24: [24]},
    F + "2021/2021-07-22 product-trios.md": {29: [35, 38, 40, 46, 52], 55: [71, 73], 88: [84]},
    # line 12 quotes the linked site above it; line 31 (⚠️) and the link list are not quotes
    F + "2023/approval-tests.md": {14: [29]},
    # each chapter entry claims its title as a topic at its time
    F + "2023/developer-productivity.md": {
        9: [11, 13, 15, 16, 17, 18, 19, 20, 21], 58: [52, 54, 56], **{line: [line] for line, _ in CHAPTERS}},
    F + "2023/thrashing.md": {
        26: [28, 32, 34, 35, 36, 37], 82: [82, 83, 84, 85, 86, 87], 88: [88, 89, 90],
        94: [94, 95], 102: [102, 103], 104: [104], 105: [105, 109, 110, 111], 112: [112],
        120: ["p", 121, 128], 135: [135], 137: [137]},  # footnote definitions are not quotes
    F + "2024/two-not-three.md": {12: ["p", 14]},
    H + "AWS-다른-계정의-서울-Region-S3로-이사가기.md": {250: ["p", 252]},
    # at most five paraphrases; the all-bold definition quote (42) is an emphasis box, not a quote
    H + "Gimbal-Lock.md": {32: ["p", 34, 36, 38, 40, 44], 81: ["p", 83]},
    K + "2025_02/2025_02_19_1972_unix_v2_beta_resurrected/index.md": {81: [81]},
}

SPEAKERS = {  # attribution-style quotes: (path, excerpt line) → speaker
    (F + "2014/lifes-barely-long-enough-to-get-good-at-one.md", 9): "Rust Cohle",
    (F + "2015/you-go-your-way-ill-go-your-way-too.md", 9): "Leonard Cohen",
    (F + "2021/2021-07-22 product-trios.md", 84): "Teresa Torres",
    (F + "2023/developer-productivity.md", 52): "Nicole Forsgren",
    (F + "2023/developer-productivity.md", 54): "Nicole Forsgren",
    (F + "2023/developer-productivity.md", 56): "Nicole Forsgren",
}

LABELS = {  # visible timestamps that a check compares with the link: (path, clip line) → label
    (F + "2014/lifes-barely-long-enough-to-get-good-at-one.md", 11): ("28m42s", 1722),
    (F + "2014/uncle-bob-martin-walks-through-the-prime-factors.md", 9): ("29m06s", 1746),
    (F + "2014/uncle-bob-martin-walks-through-the-prime-factors.md", 13): ("47m53s", 2873),
    (F + "2019/2019-10-06/index.md", 22): ("19:49", 1189),
    (F + "2023/developer-productivity.md", 58): ("15:00", 900),
}

PROSE_TIMES = {  # times the Korean posts give in words beside an embed: (path, clip line) → time
    (H + "AWS-다른-계정의-서울-Region-S3로-이사가기.md", 250): ("1:04", 64, None),  # "1:04 부터 보면"
    (H + "Gimbal-Lock.md", 32): ("4분 46초", 286, 330),  # "4분 46초부터 5분 30초 까지만 보면 된다"
    (H + "Gimbal-Lock.md", 81): ("06:24", 384, 410),  # "06:24에서 06:50 까지만 보면 된다"
}


@pytest.fixture(scope="module")
def corpus():
    from conftest import CORPUS, need

    root = need(CORPUS)
    return {path: scan_file(root / path) for path in CLIPS}


def test_every_post_is_listed(corpus_dir):
    posts = {str(p.relative_to(corpus_dir)) for p in corpus_dir.rglob("*.md") if p.name != "README.md"}
    assert posts == set(CLIPS)


@pytest.mark.parametrize("path", sorted(CLIPS))
def test_clips(corpus, path):
    article = corpus[path]
    assert [(c.line, c.video_id, c.start) for c in article.clips] == CLIPS[path]
    assert article.problems == ()  # no bad references anywhere in the corpus
    assert all(c.draft == (path in DRAFTS) for c in article.clips) and article.draft == (path in DRAFTS)


@pytest.mark.parametrize("path", sorted(CLIPS))
def test_excerpts(corpus, path):
    expected = EXCERPTS.get(path, {})
    for clip in corpus[path].clips:
        want = expected.get(clip.line, [])
        paraphrase = bool(want) and want[0] == "p"
        assert [e.line for e in clip.excerpts] == [x for x in want if x != "p"], clip.line
        assert all((e.role == "paraphrase") == paraphrase for e in clip.excerpts), clip.line


def test_chapter_entries_are_topics(corpus):
    """`> * [7:55](…) Unpacking the terms …`: a quoted chapter list, each title a topic at its time."""
    clips = {c.line: c for c in corpus[F + "2023/developer-productivity.md"].clips}
    entries = [clips[line].excerpts for line, _ in CHAPTERS]
    assert all(len(e) == 1 and e[0].role == "topic" for e in entries)
    assert entries[0][0].text == "Nicole’s background"
    assert entries[3][0].text == "The DORA framework"


def test_attribution_speakers(corpus):
    for (path, line), speaker in SPEAKERS.items():
        found = [e.speaker for c in corpus[path].clips for e in c.excerpts if e.line == line]
        assert found == [speaker], (path, line)


def test_visible_labels(corpus):
    for (path, line), (label, seconds) in LABELS.items():
        (clip,) = [c for c in corpus[path].clips if c.line == line]
        assert (clip.label, clip.label_seconds) == (label, seconds), (path, line)


def test_korean_prose_times(corpus):
    found = {(path, c.line): (c.prose_time.text, c.prose_time.start, c.prose_time.end)
             for path, article in corpus.items() for c in article.clips if c.prose_time}
    assert found == PROSE_TIMES


def test_hexo_quotes_belong_to_the_page_video_when_one_is_named(corpus_dir):
    article = scan_file(corpus_dir / H / "HexoTest.md", default_video="syQnn_xuB8U")
    page = article.clips[0]
    assert (page.kind, page.line, page.video_id) == ("front-matter", 0, "syQnn_xuB8U")
    # the Markdown quote (44) and the four Hexo {% blockquote %} tags; not the pull quote (179)
    assert [(e.line, e.speaker) for e in page.excerpts] == [
        (44, None), (49, None), (55, "저자이름"), (61, "@DevDocs"), (67, "hanmomhanda")]
