import numpy as np

from clipnote.align.dp import FAR_PENALTY, align_sentences, start_prior


def times(n, step=3.0):
    starts = np.arange(n) * step
    return starts, starts + 3 * step


def test_places_a_planted_monotone_path_and_skips_an_unmatched_sentence():
    starts, ends = times(400)
    margin = np.random.default_rng(0).normal(0, 0.3, (4, 400))
    margin[0, 100] = margin[1, 103] = margin[3, 108] = 3.0  # sentence 2 matches nowhere
    path = align_sentences(margin, starts, ends, hint=280.0)
    assert path.windows == (100, 103, None, 108)


def test_monotone_order_beats_a_slightly_better_place_out_of_order():
    starts, ends = times(400)
    margin = np.zeros((3, 400))
    margin[0, 100] = margin[1, 104] = margin[2, 108] = 2.0
    margin[1, 20] = 2.2  # a bit better, but before the first sentence
    path = align_sentences(margin, starts, ends, hint=280.0)
    assert path.windows == (100, 104, 108)


def test_the_prior_picks_the_occurrence_after_the_clip_start_among_equals():
    starts, ends = times(2000)
    margin = np.zeros((1, 2000))
    margin[0, 50] = margin[0, 1500] = 2.5  # said twice: at 150 s and at 4500 s
    assert align_sentences(margin, starts, ends, hint=4400.0).windows == (1500,)
    assert align_sentences(margin, starts, ends, hint=100.0).windows == (50,)


def test_a_far_jump_costs_more_than_a_near_one():
    starts, ends = times(2000)
    margin = np.zeros((2, 2000))
    margin[0, 100] = 3.0
    margin[1, 1900] = 1.0 + FAR_PENALTY - 0.1  # not worth the jump
    margin[1, 110] = 1.8
    assert align_sentences(margin, starts, ends, hint=300.0).windows == (100, 110)


def test_nothing_above_threshold_places_nothing():
    starts, ends = times(100)
    path = align_sentences(np.full((3, 100), 0.5), starts, ends, hint=None)
    assert path.windows == (None, None, None)


def test_prior_is_flat_after_the_start_and_decays_before_it():
    starts = np.array([0.0, 900.0, 1000.0, 1500.0, 9000.0])
    prior = start_prior(starts, 1000.0)
    assert prior[2] == prior[3] == 0.0
    assert prior[0] < prior[1] < 0.0
    assert prior[4] < 0.0
