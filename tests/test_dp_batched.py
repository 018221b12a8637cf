"""The batched DP (all source rows of a sentence searched at once) places every sentence exactly
where the plain one (one transition per source row, tests/dp_plain.py) does, with the same score."""

import numpy as np
from hypothesis import given, settings, strategies as st

from clipnote.align import dp
from dp_plain import align_plain


@st.composite
def problems(draw):
    k_count = draw(st.integers(1, 14))
    n = draw(st.integers(1, 40))
    seed = draw(st.integers(0, 2**31 - 1))
    rng = np.random.default_rng(seed)
    # coarse values make ties (the first best must win in both) and gains above the threshold common
    margin = rng.integers(-2, 6, size=(k_count, n)).astype(np.float64) / 2
    gaps = rng.choice([0.0, 2.0, 5.0, 20.0, 90.0, 400.0], size=n)
    starts = np.cumsum(gaps) + draw(st.sampled_from([0.0, 300.0]))
    groups = np.cumsum(rng.random(k_count) < draw(st.sampled_from([0.0, 0.3, 0.7]))).tolist()
    durations = rng.choice([0.0, 3.0, 12.0, 60.0], size=k_count)
    hint = draw(st.sampled_from([None, 0.0, 250.0, float(starts[-1])]))
    thresholds = rng.choice([dp.THRESHOLD, 0.5, 2.0], size=k_count)
    return margin, starts, hint, thresholds, groups, durations


@settings(max_examples=300, deadline=None)
@given(problems())
def test_batched_dp_equals_the_plain_one(problem):
    margin, starts, hint, thresholds, groups, durations = problem
    batched = dp._align(margin, starts, hint, thresholds, groups, durations)
    plain = align_plain(margin, starts, hint, thresholds, groups, durations)
    assert batched.windows == plain.windows
    assert batched.score == plain.score
