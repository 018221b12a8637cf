"""Monotone alignment of a clip's excerpt sentences to caption windows, with skips on both sides.

A Viterbi pass over (sentence, window): each sentence is either placed on a window, gaining its
margin score minus a threshold, or skipped at no cost (skipping every sentence of an excerpt is
how "not in the video" is found). Windows between placed sentences cost nothing up to a normal
pause, a little for a skip of a minute or two (a translator dropping a passage), and a fixed jump
price beyond that. The first placed sentence pays a prior that favours the stretch after the
clip's start and decays gently with distance: the whole transcript is searched, never a window.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

THRESHOLD = 1.0  # margin a sentence must clear on its own to be placed
NEAR_GAP = 25.0  # seconds: a normal pause between consecutive quoted sentences
MID_GAP = 150.0  # seconds: a passage the article skipped
MID_PENALTY = 0.6
FAR_PENALTY = 1.6
# between two excerpts (separate quotes of one clip) a gap is normal: a smaller price for order
BETWEEN_MID_PENALTY = 0.1
BETWEEN_FAR_PENALTY = 0.35
# per second a sentence is placed earlier or later than expected after the one before it
NEAR_SLOPE = 0.02
BETWEEN_NEAR_SLOPE = 0.005
PRIOR_WEIGHT = 0.35
LOOKBACK = 4  # sentences a transition may skip with the expected-time price; longer skips go cheaply


@dataclass(frozen=True)
class Path:
    windows: tuple[int | None, ...]  # per sentence: the window it is placed on, or None (skipped)
    score: float


def start_prior(starts: np.ndarray, hint: float | None) -> np.ndarray:
    """Log-prior of the first quoted sentence being at each window, given the clip's start.

    Flat from a few seconds before the start to ten minutes after it; beyond that a gentle
    logarithmic decay (a quote an hour away stays findable, it only needs more evidence), and
    a steeper one before the start, since articles link at or before what they quote."""
    if hint is None:
        hint = 0.0
        after_free = 900.0
    else:
        after_free = 600.0
    delta = starts - hint
    prior = np.zeros_like(starts, dtype=np.float64)
    after = delta > after_free
    prior[after] = -PRIOR_WEIGHT * np.log1p((delta[after] - after_free) / 600.0)
    before = delta < -5.0
    prior[before] = -PRIOR_WEIGHT * (0.5 + 1.5 * np.log1p((-delta[before] - 5.0) / 120.0))
    return prior


def _fill_range_max(v: np.ndarray) -> None:
    """Sparse tables of many rows at once in `v` (rows × levels × n, the values at level 0, -inf
    past the end of a row): per level the max of each run of 2**level values starting at a window;
    max(values[lo..hi]) is then the larger of two lookups. Filled in place: the tables of a slot
    are refilled for every sentence. (Which window holds the max is only asked of the few cells on
    the best path, when it is traced back: see _source_of.)"""
    n = v.shape[2]
    span = 1
    for lv in range(1, v.shape[1]):
        np.maximum(v[:, lv - 1, span:], v[:, lv - 1, : n - span], out=v[:, lv, : n - span])
        span *= 2


def _query(v: np.ndarray, base: np.ndarray, n: int, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """max(values[lo..hi]) of every query, from sparse tables of rows of n values flattened into
    `v`, each query's table starting at `base`; -inf where hi < lo."""
    level, span = _levels(n)
    length = np.maximum(hi - lo + 1, 1)
    at = base + level.take(length) * n
    # (an empty range reads anything in bounds, then is -inf)
    best = np.maximum(v.take(at + lo, mode="clip"), v.take(at + hi - span.take(length) + 1, mode="clip"))
    best[hi < lo] = -np.inf
    return best


@lru_cache(maxsize=8)
def _levels(n: int) -> tuple[np.ndarray, np.ndarray]:
    """For every query length up to n: the sparse-table level it reads, floor(log2(length)), and
    2**level."""
    level = np.floor(np.log2(np.maximum(np.arange(n + 1), 1))).astype(np.int64)
    return level, 1 << level


class _Sources:
    """The rows a sentence's transitions come from, with what their gap prices need, kept in slots:
    the last LOOKBACK rows of its excerpt (slot k mod LOOKBACK), the older rows of the excerpt merged
    (slot LOOKBACK) and the rows of the excerpts before merged (slot LOOKBACK + 1). Per slot: its
    slope, sparse tables of scores − slope·start, scores + slope·start and scores, and the prefix
    maxima of scores. All slots are searched at once, so a sentence costs a few array steps however
    many rows it may follow."""

    OLDER, EARLIER = LOOKBACK, LOOKBACK + 1

    def __init__(self, starts: np.ndarray, longest_wait: float):
        n = len(starts)
        self.starts = starts
        # no transition looks further back than MID_GAP or the longest wait expected, so the tables
        # need only cover the most windows within that (a second more, against rounding)
        reach = max(MID_GAP, longest_wait) + 1.0
        self.longest = int((np.searchsorted(starts, starts + reach, side="right") - np.arange(n)).max()) if n else 1
        self.slope = np.full(LOOKBACK + 2, NEAR_SLOPE)
        self.slope[self.EARLIER] = BETWEEN_NEAR_SLOPE
        levels = int(np.log2(max(1, min(n, self.longest)))) + 1
        self.v = np.full((LOOKBACK + 2, 3, levels, n), -np.inf)
        self.flat = self.v.reshape(-1)
        self.prefix_max = np.full((LOOKBACK + 2, n + 1), -np.inf)  # [m]: the max of scores[:m]
        self.idx = np.arange(n)
        self.unmoved = _bounds(starts, starts, self.idx)  # the ranges of a source expecting no wait

    def put(self, slot: int, scores: np.ndarray) -> None:
        tables, slope = self.v[slot], self.slope[slot]
        np.subtract(scores, slope * self.starts, out=tables[0, 0])
        np.add(scores, slope * self.starts, out=tables[1, 0])
        tables[2, 0] = scores
        _fill_range_max(tables)
        np.maximum.accumulate(scores, out=self.prefix_max[slot, 1:])


def _transitions(src: _Sources, slots: np.ndarray, expected: np.ndarray, moved: int, mid_penalty: np.ndarray,
                 far_penalty: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For every window j: the best score of a source slot at a window j' <= j minus the price of
    going from j' to j, and how it came: 4·(the slot's place in `slots`) + the price it paid
    (_CLOSE, _NEAR, _MID, _FAR; the first slot and price best on ties). The next sentence is
    expected `expected` seconds after the one placed at j' (0 for all but the first `moved`
    slots); every second earlier or later costs the slot's slope, up to a normal pause (NEAR_GAP)
    beyond the expected time; within MID_GAP a fixed mid price; earlier still the far price."""
    starts, idx, n, count = src.starts, src.idx, len(src.starts), len(slots)
    table = src.v[0, 0].size  # one sparse table, flattened
    base = (slots[None, :, None] * 3 + np.arange(3)[:, None, None]) * table  # each slot's three tables
    slope = src.slope[slots][:, None]
    target = starts - expected[:, None]  # where the predecessor is expected to start
    lo = np.empty((3, count, n), dtype=np.int64)  # the close, near and mid ranges' first windows ...
    lo[:, :moved] = _bounds(starts, target[:moved], idx)
    lo[:, moved:] = src.unmoved[:, None]
    hi = np.empty_like(lo)  # ... and last ones
    hi[0] = idx
    np.subtract(lo[:2], 1, out=hi[1:])
    # the three ranges of every slot in one query: closer than expected (price slope·(start[j'] −
    # target[j])), later within a pause (price slope·(target[j] − start[j'])), within MID_GAP
    best = _query(src.flat, base, n, lo, hi)
    values = np.empty((count, 4, n))
    sloped = slope * target
    np.add(best[0], sloped, out=values[:, _CLOSE])
    np.subtract(best[1], sloped, out=values[:, _NEAR])
    np.subtract(best[2], mid_penalty[:, None], out=values[:, _MID])  # (mid_penalty >= slope·NEAR_GAP keeps the price rising with the gap)
    np.subtract(src.prefix_max.take(slots[:, None] * (n + 1) + lo[2]), far_penalty[:, None], out=values[:, _FAR])
    values = values.reshape(count * 4, n)
    return values.max(axis=0), values.argmax(axis=0)


_CLOSE, _NEAR, _MID, _FAR = range(4)  # the prices of a transition, in the order they are tried
_GAPS = np.array([0.0, NEAR_GAP, MID_GAP])


def _bounds(starts: np.ndarray, target: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """Where the close, near and mid ranges of predecessors of windows `idx` begin (3 × the shape
    of `target`), given where each predecessor is expected to start (`target`)."""
    found = np.searchsorted(starts, target[None] - _GAPS.reshape((3,) + (1,) * target.ndim), side="left")
    np.minimum(found[0], idx + 1, out=found[0])
    np.minimum(found[1], found[0], out=found[1])
    np.minimum(found[2], found[1], out=found[2])
    return found


def align_sentences(margin: np.ndarray, starts: np.ndarray, ends: np.ndarray, hint: float | None,
                    *, threshold: float | np.ndarray = THRESHOLD, groups=None, durations=None) -> Path:
    """Best monotone placement of sentences (rows of `margin`) on windows (its columns).

    `starts`/`ends` are the windows' times; `threshold` one value or one per sentence; `groups`
    each sentence's excerpt; `durations` how long each sentence takes to say, roughly. Within an
    excerpt the next placed sentence is expected where the ones before it end (the skipped ones
    included); between excerpts, any later place is cheap. The state is the last placed sentence
    and its window, so a skipped sentence still counts towards where the next one should be."""
    k_count, n = margin.shape
    if k_count == 0 or n == 0:
        return Path(tuple(None for _ in range(k_count)), 0.0)
    thresholds = np.broadcast_to(np.asarray(threshold, dtype=np.float64), (k_count,))
    # only windows where some sentence would gain can be on the best path (placing a sentence at
    # a loss never helps: skipping it is free and moves the expected time on just the same), so
    # the search runs over those alone, in time order
    candidates = np.flatnonzero((margin - thresholds[:, None]).max(axis=0) > 0)
    if len(candidates) == 0:
        return Path(tuple(None for _ in range(k_count)), 0.0)
    path = _align(margin[:, candidates], np.asarray(starts, dtype=np.float64)[candidates], hint,
                  thresholds, groups, durations)
    return Path(tuple(None if j is None else int(candidates[j]) for j in path.windows), path.score)


@dataclass(frozen=True)
class _Plan:
    """The sources a sentence k's transitions were tried from, in order: the rows `back`
    (k−LOOKBACK..k−1 of its excerpt), then, if `older`, its excerpt's rows before those merged,
    then, if its excerpt is not the first, the rows of the excerpts before it (before `first`)
    merged; `expected` the wait priced from each."""
    back: list[int]
    older: bool
    first: int
    expected: np.ndarray

    def rows_and_slope(self, source: int, k: int) -> tuple[range, float]:
        """The rows behind a source (one, or those merged) and its price per second off the time expected."""
        if source < len(self.back):
            return range(self.back[source], self.back[source] + 1), NEAR_SLOPE
        if source == len(self.back) and self.older:
            return range(self.first, k - LOOKBACK), NEAR_SLOPE
        return range(0, self.first), BETWEEN_NEAR_SLOPE


def _align(margin: np.ndarray, starts: np.ndarray, hint: float | None, thresholds: np.ndarray,
           groups, durations) -> Path:
    k_count, n = margin.shape
    groups = list(groups) if groups is not None else [0] * k_count
    durations = np.zeros(k_count) if durations is None else np.asarray(durations, dtype=np.float64)
    starts = np.asarray(starts, dtype=np.float64)
    prior = start_prior(starts, hint)
    scores = np.full((k_count, n), -np.inf)
    # per cell the transition it came by: 4·(its source's place in the plan) + its price; -1: the
    # path starts here. Which window (and merged row) it came from is found when tracing back.
    came_by = np.full((k_count, n), -1, dtype=np.int64)
    plans: list[_Plan | None] = []
    # the longest wait expected after a row: the sentences it may skip, LOOKBACK at most
    said = np.concatenate([[0.0], np.cumsum(np.maximum(durations, 0.0))])
    sources = _Sources(starts, float((said[LOOKBACK:] - said[:-LOOKBACK]).max()) if k_count >= LOOKBACK else said[-1])
    earlier = np.full(n, -np.inf)  # the best of every row of the excerpts before this one
    older = np.full(n, -np.inf)  # the best of the rows of this excerpt more than LOOKBACK back
    first_of_excerpt = 0
    mid_penalty = np.full(LOOKBACK + 2, MID_PENALTY)
    far_penalty = np.full(LOOKBACK + 2, FAR_PENALTY)
    mid_penalty[_Sources.EARLIER], far_penalty[_Sources.EARLIER] = BETWEEN_MID_PENALTY, BETWEEN_FAR_PENALTY
    for k in range(k_count):
        if k and groups[k] != groups[k - 1]:  # a new excerpt: the rows before it merge
            earlier = np.maximum(earlier, scores[first_of_excerpt:k].max(axis=0))
            first_of_excerpt, older = k, np.full(n, -np.inf)
            sources.put(_Sources.EARLIER, earlier)
        # the sources in the order their transitions are tried: the rows k−LOOKBACK..k−1 of this
        # excerpt, its older rows merged, the excerpts before merged
        back = list(range(max(first_of_excerpt, k - LOOKBACK), k))
        slots = [row % LOOKBACK for row in back]
        if k - LOOKBACK - 1 >= first_of_excerpt:  # older rows of this excerpt were merged
            slots.append(_Sources.OLDER)
        if first_of_excerpt:  # an excerpt before this one
            slots.append(_Sources.EARLIER)
        expected = [durations[row:k].sum() for row in back] + [0.0] * (len(slots) - len(back))
        plan = _Plan(back, _Sources.OLDER in slots, first_of_excerpt, np.array(expected))
        gain = margin[k].astype(np.float64) - thresholds[k]
        if not slots:  # the first sentence: every path starts here
            scores[k] = gain + prior
            plans.append(None)
        else:
            slots = np.array(slots)
            value, how = _transitions(sources, slots, plan.expected, len(back), mid_penalty[slots], far_penalty[slots])
            scores[k] = gain + np.maximum(prior, value)
            came_by[k] = np.where(value > prior, how, -1)  # starting here wins a tie
            plans.append(plan)
        if k + 1 == k_count or groups[k + 1] != groups[k]:
            continue  # no sentence of this excerpt follows: its rows are next read merged, as `earlier`
        sources.put(k % LOOKBACK, scores[k])
        if k - LOOKBACK >= first_of_excerpt:  # row k−LOOKBACK leaves the look-back
            older = np.maximum(older, scores[k - LOOKBACK])
            sources.put(_Sources.OLDER, older)
    return _trace(scores, came_by, plans, starts)


def _trace(scores: np.ndarray, came_by: np.ndarray, plans: list, starts: np.ndarray) -> Path:
    """The path ending at the best cell of `scores`, followed back; no path (every sentence
    skipped) unless it gains."""
    k_count, n = scores.shape
    k, j = divmod(int(np.argmax(scores)), n)
    if not scores[k, j] > 0.0:
        return Path(tuple(None for _ in range(k_count)), 0.0)
    total = float(scores[k, j])
    windows: list[int | None] = [None] * k_count
    windows[k] = j
    while came_by[k, j] >= 0:
        k, j = _source_of(k, j, int(came_by[k, j]), plans[k], scores, starts)
        windows[k] = j
    return Path(tuple(windows), total)


def _source_of(k: int, j: int, came_by: int, plan: _Plan, scores: np.ndarray, starts: np.ndarray) -> tuple[int, int]:
    """The cell (row, window) a transition into (k, j) came from: the first best window of the
    range its price covers, as the sparse tables found the best value; for a merged source, the
    first row best there, as merging kept it."""
    source, price = divmod(came_by, 4)
    rows, slope = plan.rows_and_slope(source, k)
    split, near_lo, mid_lo = _bounds(starts, starts[j : j + 1] - plan.expected[source], np.array([j]))[:, 0]
    lo, hi = {_CLOSE: (split, j), _NEAR: (near_lo, split - 1), _MID: (mid_lo, near_lo - 1), _FAR: (0, mid_lo - 1)}[price]
    values = scores[rows.start : rows.stop, lo : hi + 1].max(axis=0)
    if price == _CLOSE:
        values = values - slope * starts[lo : hi + 1]
    elif price == _NEAR:
        values = values + slope * starts[lo : hi + 1]
    at = lo + int(np.argmax(values))
    return rows.start + int(np.argmax(scores[rows.start : rows.stop, at])), at
