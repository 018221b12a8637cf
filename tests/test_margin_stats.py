"""The margin's background level and spread (align/score.py) are numpy's median and linear
percentile of each row, bit for bit, though worked out from two single-place partitions."""

import numpy as np
import pytest

from clipnote.align.score import _median_and_percentile, margin_normalise


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 9, 10, 199, 200, 1001, 8749])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_median_and_percentile_are_numpys(n, dtype):
    rng = np.random.default_rng(n)
    rows = [rng.standard_normal((4, n)), np.round(rng.standard_normal((4, n)), 1) + 0.05,  # ties
            np.full((2, n), 0.25)]
    for raw in (r.astype(dtype) for r in rows):
        for q in (100.0 * min(0.99, max(0.5, 1.0 - 5.0 / n)), 99.0, 50.0, 73.3, 0.0, 100.0):
            median, high = _median_and_percentile(raw, q)
            expect_median = np.median(raw, axis=1, keepdims=True)
            expect_high = np.percentile(raw, q, axis=1, keepdims=True)
            assert median.dtype == expect_median.dtype and high.dtype == expect_high.dtype
            assert median.tobytes() == expect_median.tobytes()
            assert high.tobytes() == expect_high.tobytes()


def test_a_row_with_nan_gets_nan_as_numpy_gives():
    raw = np.arange(20, dtype=np.float32).reshape(2, 10)
    raw[1, 3] = np.nan
    with np.errstate(invalid="ignore"):
        median, high = _median_and_percentile(raw, 99.0)
    assert median[0, 0] == np.median(raw[0]) and high[0, 0] == np.float32(np.percentile(raw[0], 99.0))
    assert np.isnan(median[1, 0]) and np.isnan(high[1, 0])


def test_the_margin_is_in_units_of_the_spread_above_the_median():
    raw = np.array([[0.0] * 9 + [1.0], [0.0] * 4 + [2.0] * 6], dtype=np.float32)
    margin, stats = margin_normalise(raw)  # ten windows: the percentile is the median (q = 50)
    assert stats == [(0.0, pytest.approx(0.05)), (2.0, pytest.approx(0.05))]  # no spread: never below 0.05
    assert margin[0, -1] == pytest.approx(20.0) and margin[1, 0] == pytest.approx(-40.0)
