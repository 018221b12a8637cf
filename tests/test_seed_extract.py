"""Issue 2 item 7: on the seed article, exactly one clip and exactly the eight Q/A turns."""

import json

import pytest

from clipnote.article.scan import scan_file

pytestmark = pytest.mark.shared

ARTICLE = "2021-02-22-jim-keller-interview.md"
TURNS = [  # (line, last line, role, speaker) — as in ../shared/seed/gold.json
    (33, None, "question", "Lex"), (35, None, "answer", "Jim Keller"),
    (38, None, "question", "Lex"), (40, 41, "answer", "Jim Keller"),
    (44, None, "question", "Lex"), (46, None, "answer", "Jim Keller"),
    (49, None, "question", "Lex"), (51, None, "answer", "Jim Keller"),
]


@pytest.fixture
def seed_article(seed_dir):
    return scan_file(seed_dir / ARTICLE)


def test_one_clip_at_line_29(seed_article):
    assert [(c.line, c.video_id, c.start, c.end, c.kind) for c in seed_article.clips] == [
        (29, "G4hL5Om4IJ4", 4648, None, "embed")]
    assert seed_article.problems == ()
    assert not seed_article.draft and seed_article.language == "ja"


def test_the_eight_turns_and_nothing_else(seed_article):
    (clip,) = seed_article.clips
    got = [(e.line, e.end_line, e.role, e.speaker) for e in clip.excerpts]
    assert got == TURNS
    assert not {23, 25, 27, 31} & {e.line for e in clip.excerpts}
    assert [e.label for e in clip.excerpts] == ["Q（Lex）", "A（Jim Keller）"] * 4


def test_turns_agree_with_the_gold_file(seed_dir, seed_article):
    gold = json.loads((seed_dir / "gold.json").read_text(encoding="utf-8"))
    (clip,) = seed_article.clips
    assert clip.line == gold["embed"]["line"] and clip.start == gold["embed"]["start"]
    assert [e.line for e in clip.excerpts] == [t["line"] for t in gold["turns"]]
    assert [e.label for e in clip.excerpts] == [t["label"] for t in gold["turns"]]


def test_the_soft_wrapped_line_41_belongs_to_the_turn_on_line_40(seed_dir, seed_article):
    (clip,) = seed_article.clips
    turn = next(e for e in clip.excerpts if e.line == 40)
    line_41 = (seed_dir / ARTICLE).read_text(encoding="utf-8").split("\n")[40]
    assert line_41[:12] in turn.text and turn.text.endswith(line_41.strip()[-12:])
    assert not turn.text.startswith("A（")  # the label is not part of the quoted text
