"""A translation's Latin-script names are anchors; captions often split a compound name
(`DeepMind` is transcribed `deep mind`), which must still count as found."""

from clipnote.align import _anchors_found
from clipnote.align.embed import default_encoder
from clipnote.align.units import prepare_excerpts, prepare_transcript
from clipnote.model import Excerpt, Segment, Transcript


def test_a_compound_name_split_in_the_captions_is_found():
    segments = (Segment(0.0, 4.0, "back then deep mind seemed far ahead of everyone"),
                Segment(4.0, 8.0, "and we were a tiny lab with no money"))
    encoder = default_encoder()
    pt = prepare_transcript(Transcript("Bq3ZkT7mW2e", "en", segments), encoder)
    pe = prepare_excerpts([Excerpt("post.md", 3, "当时 DeepMind 看起来遥遥领先。")], pt, encoder)
    assert _anchors_found(0, 0, 1, pe, pt) == (1, 1)
