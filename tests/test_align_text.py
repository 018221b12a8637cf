import pytest

from clipnote.align import numbers as N
from clipnote.align import text as T


@pytest.mark.parametrize("text, values", [
    ("私たちは、1万ワットや消費ボード", [10000]),
    ("10年前には、わずか3年前には", [10, 3]),
    ("2万5000人、三千五百、1.5万", [25000, 3500, 15000]),
    ("we have this 10,000 watt board and ten thousand watts", [10000, 10000]),
    ("three years ago; 13 percent", [3, 13]),
    ("1만 와트, 10년 전", [10000, 10]),
    ("二〇二一年", [2021]),
    ("一緒に統一して、one of them", []),  # ones are not claims
    ("GPT-3 and GPT3 and A100", []),  # digits in names are names
])
def test_numbers_in_every_written_form(text, values):
    assert N.numbers_in(text) == values


def test_number_mentions_keep_their_unit_for_display():
    def shown(text):
        return [(m.value, m.written) for m in N.number_mentions(text)]

    assert shown("1万ワットや10年前") == [(10000, "1万ワット"), (10, "10年前")]
    assert shown("this 10,000 watt board, three years ago") == [(10000, "10,000 watt"), (3, "3 years ago")]


def test_scripts():
    assert T.script_of("テスラがDojoに") == "ja"
    assert T.script_of("데이터가 많을수록") == "ko"
    assert T.script_of("数据越多越好") == "zh"
    assert T.script_of("the more data") == "latin"


def test_sentences_split_on_cjk_and_latin_punctuation_and_fold_fragments():
    assert T.split_sentences("どう思いますか？大きくなりますよ。だから....") == [
        "どう思いますか？", "大きくなりますよ。 だから ."]
    # a cut the article marks (…, ..., [...]) ends a sentence: each side is found on its own
    assert T.split_sentences("We built it in a garage … and then it took off. [...] Nobody believed us.") == [
        "We built it in a garage", "and then it took off.", "Nobody believed us."]
    assert T.split_sentences("Well, it is great. So we need experiments, right? Yes.") == [
        "Well, it is great.", "So we need experiments, right? Yes."]


def test_long_sentences_are_cut_at_commas():
    long = ", ".join(["a clause about data centres and cooling"] * 12) + "."
    parts = T.split_sentences(long)
    assert len(parts) > 1 and all(len(p) <= 170 for p in parts)


def test_translator_notes_are_not_part_of_the_quote():
    assert T.strip_translator_notes("Andrej（*テスラAI Director）と私は") == "Andrej と私は"
    assert T.strip_translator_notes("構築する（* Tenstorrent）と") == "構築する と"


@pytest.mark.parametrize("katakana, english", [("テスラ", "Tesla"), ("トレーニング", "training"),
                                               ("ラーニング", "learning"), ("ナイロン", "nylon")])
def test_loanwords_share_a_phonetic_key_with_their_source(katakana, english):
    assert T.phonetic_key(katakana) == T.phonetic_key(english)


def test_word_tokens_stem_english_and_use_bigrams_for_cjk():
    assert T.word_tokens("Ten thousand watts!") == ["ten", "thousand", "wat"]
    assert T.word_tokens("データ") == ["デー", "ータ"]
    assert T.stem("trained") == T.stem("training") == "train"


def test_a_bracketed_speaker_at_either_end_is_not_compared_with_the_video():
    from clipnote.align.text import alignment_text

    assert alignment_text("モデルのコストが5分の1になった [Sam Altman]") == "モデルのコストが5分の1になった"
    assert alignment_text("[Garry Tan] 次の質問です") == "次の質問です"
    assert alignment_text("[佐藤] こんにちは") == "こんにちは"
    assert alignment_text("結論: やろうと決めた [Sam Altman][01:25]") == "結論: やろうと決めた"
    # brackets inside the text, or holding no name, stay
    assert alignment_text("He said [laughs] it works") == "He said [laughs] it works"
    assert alignment_text("see note [1]") == "see note [1]"


def test_two_quotations_in_the_authors_prose_are_two_sentences_not_one():
    from clipnote.align.text import alignment_text, split_sentences

    text = '他说 "that app should never have been written" —— 然后又说 "it blew my mind completely"，这很关键。'
    quoted = alignment_text(text, "quote")
    assert split_sentences(quoted) == ["that app should never have been written", "it blew my mind completely"]
