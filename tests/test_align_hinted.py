"""The article's own time breaks near-ties for a clip's first excerpt (align/hinted.py), and
agreement with it is a confidence feature (confidence.hint_agreement)."""

from __future__ import annotations

import numpy as np

from clipnote.align.confidence import confidence, hint_agreement
from clipnote.align.hinted import toward_hint

STARTS = np.arange(0.0, 600.0, 3.0)  # a caption line every 3 s for ten minutes


def margins(peaks: dict[float, float]) -> np.ndarray:
    """One sentence's margins: 0.2 everywhere, the given values at the given seconds."""
    row = np.full(len(STARTS), 0.2)
    for second, value in peaks.items():
        row[int(np.searchsorted(STARTS, second))] = value
    return row[None, :]


def window(second: float) -> int:
    return int(np.searchsorted(STARTS, second))


def test_a_near_tie_goes_to_the_time_the_article_names():
    m = margins({60.0: 1.4, 420.0: 1.55})
    moved = toward_hint([(0, window(420.0))], [0], m, STARTS, 57.0, [4.0])
    assert moved == [(0, window(60.0))]


def test_a_clearly_better_place_elsewhere_stays():
    m = margins({60.0: 1.1, 420.0: 2.5})
    assert toward_hint([(0, window(420.0))], [0], m, STARTS, 57.0, [4.0]) is None


def test_nothing_moves_without_a_hint_or_when_already_there_or_too_weak_there():
    m = margins({60.0: 1.4, 420.0: 1.45})
    assert toward_hint([(0, window(420.0))], [0], m, STARTS, None, [4.0]) is None
    assert toward_hint([(0, window(60.0))], [0], m, STARTS, 57.0, [4.0]) is None
    weak = margins({60.0: 0.9, 420.0: 1.0})  # below what the DP needs to place a sentence at all
    assert toward_hint([(0, window(420.0))], [0], weak, STARTS, 57.0, [4.0]) is None


def test_an_excerpt_the_dp_skipped_is_placed_at_the_article_time_when_it_matches_there():
    m = margins({60.0: 1.3})
    assert toward_hint([], [0], m, STARTS, 57.0, [4.0]) == [(0, window(60.0))]


def test_hint_agreement_counts_only_the_first_excerpt_near_the_named_time():
    assert hint_agreement(100.0, 90.0, first=True) == 1.0
    assert hint_agreement(100.0, 90.0, first=False) == 0.0
    assert hint_agreement(300.0, 90.0, first=True) == 0.0
    assert hint_agreement(60.0, 90.0, first=True) == 0.0  # well before the article's time
    assert hint_agreement(100.0, None, first=True) == 0.0


def test_agreeing_with_the_article_time_raises_a_translation_confidence():
    features = {"placed_share": 1.0, "placed_margin": 1.4, "meaning": 0.4, "contiguity": 0.5,
                "anchors": 0.0, "anchor_share": 0.5, "local_contrast": 0.2}
    assert confidence({**features, "hint_agrees": 1.0}) > confidence(features)


def test_a_time_on_the_excerpts_own_line_wins_unless_elsewhere_is_decisive():
    m = margins({60.0: 0.95, 420.0: 1.8})
    assert toward_hint([(0, window(420.0))], [0], m, STARTS, 57.0, [4.0]) is None
    assert toward_hint([(0, window(420.0))], [0], m, STARTS, 57.0, [4.0], own_time=True) == [(0, window(60.0))]
    decisive = margins({60.0: 0.95, 420.0: 2.6})
    assert toward_hint([(0, window(420.0))], [0], decisive, STARTS, 57.0, [4.0], own_time=True) is None


def test_a_time_on_the_excerpts_own_line_is_where_it_starts_not_half_a_minute_before():
    m = margins({60.0: 1.2, 93.0: 1.5})  # the same words said again at 1:33
    assert toward_hint([(0, window(93.0))], [0], m, STARTS, 57.0, [4.0]) is None  # a clip's start
    assert toward_hint([(0, window(93.0))], [0], m, STARTS, 57.0, [4.0], own_time=True) == [(0, window(60.0))]
