"""Numbers as articles write them in Chinese, Japanese, Korean and English (our own sentences,
in the forms real translations use): figures are read right, vague quantities are not figures,
hedged ones are marked, and every figure keeps its unit."""

import pytest

from clipnote.align import numbers as N


def figures(text):
    return [(m.value, m.written) for m in N.number_mentions(text)]


@pytest.mark.parametrize("text, value", [
    ("仓库里有1万箱", 10_000),
    ("融资3.5亿美元", 3.5e8),
    ("一共2万5千人", 25_000),
    ("两千五百块", 2_500),
    ("两千五块", 2_500),  # spoken shortening: 两千五 is 2,500
    ("一万二个", 12_000),
    ("一千零五个", 1_005),
    ("三千五百人", 3_500),
    ("二十五岁", 25),
    ("十年", 10),
    ("百萬円", None),  # a numeral that starts with its unit is as often a word: not read
    ("1만 2천 명", 12_000),
    ("3천만 원", 3e7),
    ("5억 달러", 5e8),
    ("2,500人が集まった", 2_500),
    ("七十二時間", 72),
    ("$5 million", 5e6),
    ("3.5 billion dollars", 3.5e9),
    ("ten thousand watts", 10_000),
])
def test_cjk_and_english_figures_are_read(text, value):
    values = [m.value for m in N.number_mentions(text)]
    assert values == ([] if value is None else [value])


@pytest.mark.parametrize("text", [
    "成千上万的蜜蜂飞过屋顶",
    "花了几十年",
    "几万美元的设备",
    "数百人が見に来た",
    "十几年前",
    "十数年かかった",
    "何千もの巣箱",
    "수십만 명이 봤다",
    "몇 년 전에",
    "thousands of hives",
    "hundreds of millions of dollars",
    "dozens of times",
    "a few years ago",
    "several hundred beekeepers",
    "tens of thousands of bees",
    "十分に説明した",  # enough, not ten minutes
    "千万不要忘记",  # by all means, not ten million
    "0億ドルのスタートアップ",  # a zero is no claim
])
def test_vague_quantities_are_not_figures(text):
    assert all(m.vague for m in N.number_mentions(text))
    assert all(v < 0 for v in N.numbers_in(text))  # anchors that meet only vague quantities


@pytest.mark.parametrize("text, magnitude, written", [
    ("几百个蜂箱", 100, "几百个"),
    ("maybe a few hundred of them", 100, "a few hundred"),
    ("数百人が来た", 100, "数百人"),
    ("thousands of hives", 1000, "thousands"),
    ("成千上万的蜜蜂", 10_000, "成千上万"),
    ("十几年前", 10, "十几年前"),
    ("수백 명이 왔다", 100, "수백 명"),
    ("수십만 명", 100_000, "수십만 명"),
])
def test_a_vague_quantity_keeps_its_order_of_magnitude(text, magnitude, written):
    (m,) = N.number_mentions(text)
    assert m.vague and m.value == magnitude and m.written == written


@pytest.mark.parametrize("text, written", [
    ("约1万人", "1万人"),
    ("3万余人", "3万余人"),
    ("100多人", "100多人"),
    ("10여 년", "10여 년"),
    ("약 30%", "30%"),
    ("10年以上", "10年"),
    ("about twenty kilos", "20 kilos"),
    ("more than 30 hives", "30 hives"),
])
def test_hedged_figures_are_kept_and_marked(text, written):
    (m,) = N.number_mentions(text)
    assert m.hedged and m.written == written


def test_exact_figures_are_not_hedged():
    assert [m.hedged for m in N.number_mentions("1万ワットや10年前、13 percent")] == [False, False, False]


def test_units_are_compared_across_languages():
    kinds = {m.written: m.kind for m in N.number_mentions(
        "10年前 10년 전 10 years ago 30% 30 percent 30パーセント 5倍 5배 five times 1万ワット 10,000 watts "
        "20 kilos 20キロ 100ドル 100 dollars 100달러 $100")}
    assert kinds["10年前"] == kinds["10년 전"] == kinds["10 years ago"] == "year"
    assert kinds["30%"] == kinds["30 percent"] == kinds["30パーセント"] == "percent"
    assert kinds["5倍"] == kinds["5배"] == kinds["5 times"] == "times"
    assert kinds["1万ワット"] == kinds["10,000 watts"]  # by sound: watto ~ watt
    assert kinds["20 kilos"] == kinds["20キロ"]
    assert kinds["100ドル"] == kinds["100 dollars"] == kinds["100달러"] == kinds["$100"] == "dollar"


def test_a_figure_without_a_unit_is_not_reportable_but_a_year_is():
    by_written = {m.written: m for m in N.number_mentions("3 号作品, in 2019 we, 3.5亿, 3.5亿美元")}
    assert not by_written["3"].reportable and not by_written["3.5亿"].reportable
    assert by_written["2019"].reportable and by_written["3.5亿美元"].reportable


def test_digits_in_names_are_not_figures():
    assert N.numbers_in("GPT-3 and A100 and 3 号") == [3]
