"""The monotone DP as it was before its transitions were batched across source rows (kept as the
plain reference the batched one in clipnote/align/dp.py must agree with exactly): one _RangeMax per
table, one transition per source row, and where each cell came from kept for every cell (the
batched DP finds it only for the cells on the best path)."""

from __future__ import annotations

import numpy as np

from clipnote.align.dp import (BETWEEN_FAR_PENALTY, BETWEEN_MID_PENALTY, BETWEEN_NEAR_SLOPE, FAR_PENALTY,
                               LOOKBACK, MID_GAP, MID_PENALTY, NEAR_GAP, NEAR_SLOPE, Path, start_prior)


class _MergedRows:
    """The best of several rows, window by window, remembering which row it came from."""

    def __init__(self, n: int):
        self.scores = np.full(n, -np.inf)
        self.rows = np.full(n, -1, dtype=np.int64)

    def add(self, row: int, scores: np.ndarray) -> None:
        take = scores > self.scores
        self.scores = np.where(take, scores, self.scores)
        self.rows = np.where(take, row, self.rows)


def best_path(scores: np.ndarray, from_k: np.ndarray, from_j: np.ndarray) -> Path:
    """The path ending at the best cell of `scores`, followed back through from_k/from_j; no path
    (every sentence skipped) unless it gains."""
    k_count, n = scores.shape
    flat = int(np.argmax(scores))
    k, j = divmod(flat, n)
    if not scores[k, j] > 0.0:
        return Path(tuple(None for _ in range(k_count)), 0.0)
    total = float(scores[k, j])
    windows: list[int | None] = [None] * k_count
    while k >= 0:
        windows[k] = j
        k, j = int(from_k[k, j]), int(from_j[k, j])
    return Path(tuple(windows), total)


class _RangeMax:
    """max(values[lo..hi]) and its index for many (lo, hi) queries: a sparse table, built once."""

    def __init__(self, values: np.ndarray):
        n = len(values)
        levels = max(1, int(np.log2(n)) + 1) if n else 1
        self.v = np.full((levels, n), -np.inf)
        self.i = np.zeros((levels, n), dtype=np.int64)
        self.v[0], self.i[0] = values, np.arange(n)
        span = 1
        for lv in range(1, levels):
            pv, pi = self.v[lv - 1], self.i[lv - 1]
            take = pv[span:] > pv[: n - span]
            np.copyto(self.v[lv, : n - span], np.maximum(pv[span:], pv[: n - span]))
            np.copyto(self.i[lv, : n - span], np.where(take, pi[span:], pi[: n - span]))
            span *= 2

    def query(self, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        valid = hi >= lo
        length = np.where(valid, hi - lo + 1, 1)
        level = np.floor(np.log2(length)).astype(np.int64)
        a = np.where(valid, lo, 0)
        b = np.where(valid, hi - (1 << level) + 1, 0)
        va, ia = self.v[level, a], self.i[level, a]
        vb, ib = self.v[level, b], self.i[level, b]
        take_b = vb > va
        out_v = np.where(valid, np.where(take_b, vb, va), -np.inf)
        return out_v, np.where(take_b, ib, ia) * valid
class _Placed:
    """Where a sentence may have been placed last, ready for transitions out of it: its scores
    and the range maxima the gap prices need."""

    def __init__(self, scores: np.ndarray, starts: np.ndarray):
        self.scores = scores
        self.starts = starts
        self.minus = {}  # slope -> _RangeMax(scores - slope·start)
        self.plus = {}
        self._plain: _RangeMax | None = None
        self._prefix_arg: np.ndarray | None = None

    # built on first use: most rows are never the source of a transition

    @property
    def plain(self) -> _RangeMax:
        if self._plain is None:
            self._plain = _RangeMax(self.scores)
        return self._plain

    @property
    def prefix_arg(self) -> np.ndarray:
        if self._prefix_arg is None:
            best = np.maximum.accumulate(self.scores)
            is_new = np.concatenate([[True], self.scores[1:] > best[:-1]])
            self._prefix_arg = np.maximum.accumulate(np.where(is_new, np.arange(len(self.scores)), 0))
        return self._prefix_arg

    def sloped(self, slope: float) -> tuple[_RangeMax, _RangeMax]:
        if slope not in self.minus:
            self.minus[slope] = _RangeMax(self.scores - slope * self.starts)
            self.plus[slope] = _RangeMax(self.scores + slope * self.starts)
        return self.minus[slope], self.plus[slope]


def _transition(src: _Placed, starts: np.ndarray, expected: float, slope: float, mid_penalty: float,
                far_penalty: float) -> tuple[np.ndarray, np.ndarray]:
    """For every window j: the best score of `src` at a window j' <= j minus the price of going
    from j' to j, and that j'. The next sentence is expected `expected` seconds after the one
    placed at j'; every second earlier or later costs `slope`, up to a normal pause (NEAR_GAP)
    beyond the expected time; within MID_GAP a fixed mid price; earlier still the far price."""
    n = len(starts)
    idx = np.arange(n)
    target = starts - expected  # where the predecessor is expected to start
    split = np.minimum(np.searchsorted(starts, target, side="left"), idx + 1)
    near_lo = np.minimum(np.searchsorted(starts, target - NEAR_GAP, side="left"), split)
    mid_lo = np.minimum(np.searchsorted(starts, target - MID_GAP, side="left"), near_lo)
    minus, plus = src.sloped(slope)
    # closer than expected: price slope·(start[j'] − target[j])
    close_v, close_i = minus.query(split, idx)
    close_v = close_v + slope * target
    # later than expected, within a pause: price slope·(target[j] − start[j'])
    near_v, near_i = plus.query(near_lo, split - 1)
    near_v = near_v - slope * target
    mid_v, mid_i = src.plain.query(mid_lo, near_lo - 1)
    mid_v = mid_v - mid_penalty  # (mid_penalty >= slope·NEAR_GAP keeps the price rising with the gap)
    far_end = mid_lo - 1
    far_ok = far_end >= 0
    far_i = np.where(far_ok, src.prefix_arg[np.maximum(far_end, 0)], 0)
    far_v = np.where(far_ok, src.scores[far_i] - far_penalty, -np.inf)
    values = np.vstack([close_v, near_v, mid_v, far_v])
    where = np.vstack([close_i, near_i, mid_i, far_i])
    choice = np.argmax(values, axis=0)
    return values[choice, idx], where[choice, idx]


class _Merged(_MergedRows):
    _placed: "_Placed | None" = None

    def add(self, row: int, scores: np.ndarray) -> None:
        super().add(row, scores)
        self._placed = None

    def placed(self, starts: np.ndarray):
        if self._placed is None and np.isfinite(self.scores).any():
            self._placed = _Placed(self.scores, starts)
        return self._placed


def align_plain(margin: np.ndarray, starts: np.ndarray, hint: float | None, thresholds: np.ndarray,
           groups, durations) -> Path:
    k_count, n = margin.shape
    groups = list(groups) if groups is not None else [0] * k_count
    durations = np.zeros(k_count) if durations is None else np.asarray(durations, dtype=np.float64)
    starts = np.asarray(starts, dtype=np.float64)
    prior = start_prior(starts, hint)
    scores = np.full((k_count, n), -np.inf)
    from_k = np.full((k_count, n), -1, dtype=np.int64)  # -1: the path starts here
    from_j = np.full((k_count, n), -1, dtype=np.int64)
    placed: list[_Placed | None] = []
    earlier = _Merged(n)  # every row of the excerpts before this one: where the last quote ended
    older = _Merged(n)  # rows of this excerpt more than LOOKBACK back
    first_of_excerpt = 0
    for k in range(k_count):
        if k and groups[k] != groups[k - 1]:  # a new excerpt: the rows before it merge
            for row in range(first_of_excerpt, k):
                earlier.add(row, scores[row])
            first_of_excerpt, older = k, _Merged(n)
        gain = margin[k].astype(np.float64) - thresholds[k]
        best, best_k, best_j = prior.copy(), np.full(n, -1), np.full(n, -1)

        def consider(value, where, rows):
            nonlocal best, best_k, best_j
            better = value > best
            best = np.where(better, value, best)
            best_k = np.where(better, rows, best_k)
            best_j = np.where(better, where, best_j)

        for src_k in range(max(first_of_excerpt, k - LOOKBACK), k):
            value, where = _transition(placed[src_k], starts, durations[src_k:k].sum(), NEAR_SLOPE,
                                       MID_PENALTY, FAR_PENALTY)
            consider(value, where, src_k)
        src = older.placed(starts)
        if src is not None:
            value, where = _transition(src, starts, 0.0, NEAR_SLOPE, MID_PENALTY, FAR_PENALTY)
            consider(value, where, older.rows[where])
        src = earlier.placed(starts)
        if src is not None:  # the quote before ended somewhere earlier: any later place is cheap
            value, where = _transition(src, starts, 0.0, BETWEEN_NEAR_SLOPE, BETWEEN_MID_PENALTY,
                                       BETWEEN_FAR_PENALTY)
            consider(value, where, earlier.rows[where])
        scores[k] = gain + best
        from_k[k], from_j[k] = best_k, best_j
        placed.append(_Placed(scores[k], starts))
        if k - LOOKBACK >= first_of_excerpt:  # row k−LOOKBACK leaves the look-back
            older.add(k - LOOKBACK, scores[k - LOOKBACK])
    return best_path(scores, from_k, from_j)
