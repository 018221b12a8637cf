"""Same-language quotes are judged on their words: a real quote is found to the line, an
invented one on the same topic is unsupported."""

import pytest

from clipnote.align import align_clip, prepare_transcript
from clipnote.align.embed import default_encoder

from talk_fixture import quote, talk_transcript


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    import os

    os.environ["CLIPNOTE_CACHE_DIR"] = str(tmp_path_factory.mktemp("embcache"))
    return prepare_transcript(talk_transcript(), default_encoder())


def line_start(pt, fragment):
    return next(pt.starts[i] for i, t in enumerate(pt.texts) if fragment in t)


def test_verbatim_and_edited_quotes_are_found_at_their_lines(prepared):
    quotes = [
        quote("In the first summer we got about twelve kilos of honey from that one hive.", 10),
        quote("The bees are easy; people are the difficult part.", 12),
        quote("Start by planting, not by buying bees. Learn for a full year with a local association "
              "before your first colony.", 14),
    ]
    results = align_clip(quotes, prepared, 60.0, default_encoder())
    assert [r.verdict for r in results] == ["supported"] * 3
    expected = [line_start(prepared, "in the first summer"), line_start(prepared, "the bees are easy"),
                line_start(prepared, "start by planting")]
    for r, start in zip(results, expected):
        assert abs(r.match.start - start) <= 2.0


def test_an_invented_quote_on_the_right_topic_is_unsupported(prepared):
    invented = quote("Honestly, city honey is always better than country honey, and every rooftop "
                     "should have at least ten hives.", 20)
    real = quote("A hive without flowers is just a box of hungry insects.", 22)
    results = align_clip([invented, real], prepared, 60.0, default_encoder())
    assert results[0].verdict == "unsupported"
    assert results[1].verdict == "supported"


def test_a_quote_far_from_the_clip_start_is_still_found(prepared):
    r = align_clip([quote("Every roof gives a different honey, that is the magic of it.")],
                   prepared, 0.0, default_encoder())[0]
    assert r.verdict == "supported"
    assert abs(r.match.start - line_start(prepared, "every roof gives")) <= 2.0


def test_quotes_out_of_article_order_are_rescued_and_flagged(prepared):
    quotes = [quote("Start by planting, not by buying bees.", 10),
              quote("My grandmother kept four hives behind her house in the valley.", 12)]
    results = align_clip(quotes, prepared, 60.0, default_encoder())
    assert [r.verdict for r in results] == ["supported", "supported"]
    assert results[1].match.out_of_order or results[0].match.out_of_order


def test_a_short_transcript_still_judges_an_english_quote_on_its_words(prepared):
    # few of the invented quote's words occur in this small talk: it is still English, and must be
    # judged as English (on its words), not as a translation (on its meaning)
    invented = quote("Our honey has been sold in every supermarket in the country since nineteen ninety.")
    assert align_clip([invented], prepared, 60.0, default_encoder())[0].verdict == "unsupported"


def test_function_words_tell_the_language_of_a_latin_text():
    from clipnote.align.text import latin_language

    assert latin_language("Bombeiro se queima, cozinheiro se corta, e quem trabalha com software?") == "pt"
    assert latin_language("The best incident is the one that is so boring nobody remembers it") == "en"
    assert latin_language("Life is short") is None
