"""Signal over noise (DESIGN §8): at most one finding of a kind per excerpt, names gathered, vague
quantities never compared, figures quoted with their units. Our own sentences, in the shapes real
translations take (a Japanese or Chinese rendering of an English talk)."""

from clipnote import model as M
from clipnote.align import Alignment, prepare_transcript
from clipnote.checks.names import name_findings
from clipnote.checks.numbers import number_findings
from clipnote.model import Excerpt, Match, Segment, Transcript


def prepared(lines):
    # enough capitalised-inside-a-sentence context for the transcript's proper names to be known
    filler = [f"and then we talked about the weather for a while, number {i}." for i in range(30)]
    segs = tuple(Segment(i * 4.0, 4.0, t) for i, t in enumerate(lines + filler))
    return prepare_transcript(Transcript("Qv3nT8wLp2Z", "en", segs, provider="youtube-manual", generated=False))


def aligned(pt, text, first=0, last=None, role="quote"):
    last = len([t for t in pt.texts if "weather" not in t]) - 1 if last is None else last
    span = " ".join(pt.texts[first:last + 1])
    match = Match(start=first * 4.0, end=last * 4.0 + 4, score=0.8, confidence=0.9, first_segment=first,
                  last_segment=last, text=span)
    excerpt = Excerpt(path="post.md", line=7, text=text, role=role)
    return Alignment(excerpt, "supported", match, {"confidence": 0.9}, text=text)


TALK = ["So I asked Marta and then Tomasz and then Ingrid about the Lisbon hive.",
        "We flew to San Francisco, and my son solved a Rubik's cube on the plane.",
        "That was a crazy week, honestly."]


def test_names_the_article_leaves_out_are_one_note():
    pt = prepared(TALK)
    found = name_findings(aligned(pt, "それで巣箱について皆に聞いてみました。飛行機で息子がパズルを解きました。"), pt)
    assert len(found) == 1 and found[0].severity == "info"
    assert set(found[0].data["names"]) >= {"Marta", "Tomasz", "Ingrid", "Lisbon"}
    assert "none of them" in found[0].message


def test_names_rendered_in_katakana_are_not_missing():
    pt = prepared(TALK)
    text = ("マルタ、トマシュ、イングリッドにリスボンの巣箱のことを聞きました。サンフランシスコに飛んで、"
            "息子が機内でルービックキューブを解きました。クレイジーな一週間でした。")
    assert name_findings(aligned(pt, text), pt) == []


def test_a_garbled_name_is_a_warning_and_other_names_ride_along():
    pt = prepared(TALK)
    lines = ["So I asked Elon about the Lisbon hive.", "That was a crazy week, honestly."]
    pt = prepared(lines)
    garbled = "それでナイロンに巣箱のことを聞いた。クレイジーな一週間だった。"
    (finding,) = name_findings(aligned(pt, garbled), pt)
    assert finding.severity == "warning" and finding.data["name"] == "Elon"
    assert "ナイロン" in finding.message and "“Lisbon”" in finding.message
    # 「クレイジー」 renders "crazy", said in the same span: never a garbled name
    assert finding.data["garbled_as"] == {"Elon": "ナイロン"}


def test_a_paraphrase_that_leaves_names_out_gets_only_a_note():
    pt = prepared(TALK)
    (finding,) = name_findings(aligned(pt, "巣箱について色々な人に聞いた話。", role="paraphrase"), pt)
    assert finding.severity == "info"


def test_only_names_of_the_matched_span_count():
    pt = prepared(TALK)
    assert name_findings(aligned(pt, "クレイジーな一週間でした。", first=2, last=2), pt) == []


NUMBERS = ["In the first year we had twelve hives and lost three of them.",
           "Thousands of bees, maybe dozens of swarms, and the honey sold for 8 euros a jar.",
           "Ten years ago nobody kept bees on roofs here."]


def test_vague_quantities_are_never_compared():
    pt = prepared(NUMBERS)
    text = "成千上万只蜜蜂，几十个蜂群，十年前这里没有人在屋顶养蜂。"
    found = number_findings(aligned(pt, text), pt)
    assert [f.kind for f in found] == [M.NUMBER_AGREES]
    # 十年前 is a figure; 几十个 only a magnitude, noted beside the video's "dozens", and 成千上万
    # (tens of thousands) is neither a figure nor the video's "thousands"
    assert "十年前 (10 years ago)" in found[0].message and "几十个 (dozens)" in found[0].message
    assert "成千上万" not in found[0].message


def test_changed_figures_are_one_warning_quoting_units_on_both_sides():
    pt = prepared(NUMBERS)
    text = "第一年我们有20个蜂箱，蜂蜜卖8欧元一罐，15年前这里没有人在屋顶养蜂。"
    found = number_findings(aligned(pt, text), pt)
    mismatch = [f for f in found if f.kind == M.NUMBER_MISMATCH]
    assert len(mismatch) == 1
    assert mismatch[0].data["article"] == ["15年前"] and mismatch[0].data["video"] == ["10 years ago"]
    assert "15年前" in mismatch[0].message and "10 years ago" in mismatch[0].message
    # 20个 has no rival of its kind said here (twelve hives): a note-worthy change only when the
    # span says a figure of the same kind
    agrees = [f for f in found if f.kind == M.NUMBER_AGREES]
    assert len(agrees) == 1 and "8欧元" in agrees[0].data["article"]


def test_a_figure_without_a_unit_is_not_reported():
    pt = prepared(NUMBERS)
    found = number_findings(aligned(pt, "第一年有3号和7号两个蜂箱。"), pt)
    assert [f for f in found if f.kind == M.NUMBER_MISMATCH] == []


def test_hedged_figures_are_compared_loosely():
    pt = prepared(["We have kept bees for about twelve years."])
    assert number_findings(aligned(pt, "我们养蜂大约13年了。", 0, 0), pt) == []
    far = number_findings(aligned(pt, "我们养蜂大约30年了。", 0, 0), pt)
    assert [f.kind for f in far] == [M.NUMBER_MISMATCH]


def test_one_finding_of_a_kind_per_excerpt():
    from clipnote.checks import one_of_each_kind

    findings = (M.Finding(M.SPEAKER_MISMATCH, "info", "a"), M.Finding(M.NUMBER_AGREES, "info", "b"),
                M.Finding(M.SPEAKER_MISMATCH, "warning", "c"))
    assert [f.message for f in one_of_each_kind(findings)] == ["b", "c"]
