"""Faster ways of computing alignment features give exactly what the plain computation gives."""

import numpy as np
from rapidfuzz import fuzz, process

from clipnote.align.repeats import _window_max
from clipnote.align.score import _find_fuzzy_lines, _fuzzy_lines


def test_window_maxima_are_the_maxima_of_each_window():
    rng = np.random.default_rng(5)
    for _ in range(200):
        rows, length, count = int(rng.integers(1, 6)), int(rng.integers(1, 70)), int(rng.integers(1, 300))
        values = rng.integers(-3, 4, size=(rows, count + length - 1)).astype(np.float64)
        values[rng.random(values.shape) < 0.2] = -np.inf
        plain = np.lib.stride_tricks.sliding_window_view(values, length, axis=1)[:, :count].max(axis=2)
        assert np.array_equal(_window_max(values, length, count), plain)


def test_fuzzy_lines_found_together_are_those_found_one_by_one():
    words = ["andrej", "andre", "andrew", "karpathy", "karpaty", "gpt3", "gpts", "tesla", "teslas",
             "openai", "deepmind", "deep", "mind", "autopilot", "pilot", "dojo"]
    table = {w: np.array([i, i + 3]) for i, w in enumerate(words)}
    keys = ["andrej", "karpathy", "gpt3", "tesla", "openai", "deepmind", "dojo", "xyz", "pilot", "nothinglike"]
    together: dict = {}
    _find_fuzzy_lines(keys, table, together)
    for key in keys:
        close = [w for w, _, _ in process.extract(key, [w for w in table if len(w) >= 3], scorer=fuzz.ratio,
                                                  score_cutoff=84, limit=None)] if len(key) >= 4 else []
        words_found = [w for w in (key, key + "s") if w in table] + close
        expected = np.unique(np.concatenate([table[w] for w in words_found])) if words_found else np.zeros(0)
        assert np.array_equal(together[key], expected)
        assert np.array_equal(_fuzzy_lines(key, table, {}), expected)
    assert set(together[("vocabulary",)]) == {w for w in words if len(w) >= 3}
    assert len(together["karpathy"]) == 4 and len(together["xyz"]) == 0  # karpaty is close; nothing is
