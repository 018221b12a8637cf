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


def _fill_range_max(v: np.ndarray, i: np.ndarray, values: np.ndarray) -> None:
    """Sparse tables of many rows at once (`values`: rows × n) into `v`/`i` (rows × levels × n,
    -inf and 0 past the end of a row): per level the max of each run of 2**level values starting
    at a window and its index (the first on ties); max(values[lo..hi]) is then the larger of two
    lookups. Filled in place: the tables of a slot are refilled for every sentence."""
    n = values.shape[1]
    v[:, 0], i[:, 0] = values, np.arange(n)
    span = 1
    for lv in range(1, v.shape[1]):
        pv, pi = v[:, lv - 1], i[:, lv - 1]
        take = pv[:, span:] > pv[:, : n - span]
        np.maximum(pv[:, span:], pv[:, : n - span], out=v[:, lv, : n - span])
        np.copyto(i[:, lv, : n - span], np.where(take, pi[:, span:], pi[:, : n - span]))
        span *= 2


def _query(v: np.ndarray, i: np.ndarray, base: np.ndarray, n: int, lo: np.ndarray, hi: np.ndarray):
    """max(values[lo..hi]) of every query (source × window), from sparse tables of rows of n values
    flattened into `v`/`i`, each source's table starting at `base` (one per row of lo/hi), and its
    index; -inf where hi < lo."""
    valid = hi >= lo
    length = np.where(valid, hi - lo + 1, 1)
    level = np.floor(np.log2(length)).astype(np.int64)
    at = base + level * n
    a = at + np.where(valid, lo, 0)
    b = at + np.where(valid, hi - (1 << level) + 1, 0)
    va, ia = v.take(a), i.take(a)
    vb, ib = v.take(b), i.take(b)
    take_b = vb > va
    return np.where(valid, np.where(take_b, vb, va), -np.inf), np.where(take_b, ib, ia) * valid


def _prefix_arg(scores: np.ndarray) -> np.ndarray:
    """Per row, the index of the (first) maximum of scores[..j] for every j."""
    best = np.maximum.accumulate(scores, axis=1)
    is_new = np.concatenate([np.ones((len(scores), 1), dtype=bool), scores[:, 1:] > best[:, :-1]], axis=1)
    return np.maximum.accumulate(np.where(is_new, np.arange(scores.shape[1]), 0), axis=1)


class _Sources:
    """The rows a sentence's transitions come from, with what their gap prices need, kept in slots:
    the last LOOKBACK rows of its excerpt (slot k mod LOOKBACK), the older rows of the excerpt merged
    (slot LOOKBACK) and the rows of the excerpts before merged (slot LOOKBACK + 1). Per slot: its
    scores, its slope, sparse tables of scores − slope·start, scores + slope·start and scores, and the
    prefix arg-max of scores. All slots are searched at once, so a sentence costs a few array steps
    however many rows it may follow."""

    OLDER, EARLIER = LOOKBACK, LOOKBACK + 1

    def __init__(self, starts: np.ndarray, longest_wait: float):
        n = len(starts)
        self.starts = starts
        # no transition looks further back than MID_GAP or the longest wait expected, so the tables
        # need only cover the most windows within that (a second more, against rounding)
        reach = max(MID_GAP, longest_wait) + 1.0
        self.longest = int((np.searchsorted(starts, starts + reach, side="right") - np.arange(n)).max()) if n else 1
        self.scores = np.full((LOOKBACK + 2, n), -np.inf)
        self.slope = np.full(LOOKBACK + 2, NEAR_SLOPE)
        self.slope[self.EARLIER] = BETWEEN_NEAR_SLOPE
        levels = int(np.log2(max(1, min(n, self.longest)))) + 1
        self.v = np.full((LOOKBACK + 2, 3, levels, n), -np.inf)
        self.i = np.zeros((LOOKBACK + 2, 3, levels, n), dtype=np.int64)
        self.prefix = np.zeros((LOOKBACK + 2, n), dtype=np.int64)

    def put(self, slot: int, scores: np.ndarray) -> None:
        self.scores[slot] = scores
        slope = self.slope[slot]
        _fill_range_max(self.v[slot], self.i[slot],
                        np.stack([scores - slope * self.starts, scores + slope * self.starts, scores]))
        self.prefix[slot] = _prefix_arg(scores[None])[0]


def _transitions(src: _Sources, slots: np.ndarray, expected: np.ndarray, mid_penalty: np.ndarray,
                 far_penalty: np.ndarray, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each source slot and every window j: the best score of that source at a window j' <= j
    minus the price of going from j' to j, and that j'. The next sentence is expected `expected`
    seconds after the one placed at j'; every second earlier or later costs the slot's slope, up
    to a normal pause (NEAR_GAP) beyond the expected time; within MID_GAP a fixed mid price;
    earlier still the far price."""
    starts, n = src.starts, len(src.starts)
    v, i = src.v.reshape(-1), src.i.reshape(-1)
    table = src.v[0, 0].size  # one sparse table, flattened
    base = (slots * 3)[:, None] * table  # where each slot's first table starts
    slope = src.slope[slots][:, None]
    target = starts - expected[:, None]  # where the predecessor is expected to start
    split = np.minimum(np.searchsorted(starts, target, side="left"), idx + 1)
    near_lo = np.minimum(np.searchsorted(starts, target - NEAR_GAP, side="left"), split)
    mid_lo = np.minimum(np.searchsorted(starts, target - MID_GAP, side="left"), near_lo)
    # closer than expected: price slope·(start[j'] − target[j])
    close_v, close_i = _query(v, i, base, n, split, np.broadcast_to(idx, split.shape))
    close_v = close_v + slope * target
    # later than expected, within a pause: price slope·(target[j] − start[j'])
    near_v, near_i = _query(v, i, base + table, n, near_lo, split - 1)
    near_v = near_v - slope * target
    mid_v, mid_i = _query(v, i, base + 2 * table, n, mid_lo, near_lo - 1)
    mid_v = mid_v - mid_penalty[:, None]  # (mid_penalty >= slope·NEAR_GAP keeps the price rising with the gap)
    far_end = mid_lo - 1
    far_ok = far_end >= 0
    rows = np.arange(len(slots))[:, None]
    far_i = np.where(far_ok, src.prefix[slots][rows, np.maximum(far_end, 0)], 0)
    far_v = np.where(far_ok, src.scores[slots][rows, far_i] - far_penalty[:, None], -np.inf)
    values = np.stack([close_v, near_v, mid_v, far_v])
    where = np.stack([close_i, near_i, mid_i, far_i])
    choice = np.argmax(values, axis=0)
    return (np.take_along_axis(values, choice[None], 0)[0], np.take_along_axis(where, choice[None], 0)[0])


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


class _Merged:
    """The best of several rows, window by window, remembering which row it came from."""

    def __init__(self, n: int):
        self.scores = np.full(n, -np.inf)
        self.rows = np.full(n, -1, dtype=np.int64)

    def add(self, row: int, scores: np.ndarray) -> None:
        take = scores > self.scores
        self.scores = np.where(take, scores, self.scores)
        self.rows = np.where(take, row, self.rows)


def _align(margin: np.ndarray, starts: np.ndarray, hint: float | None, thresholds: np.ndarray,
           groups, durations) -> Path:
    k_count, n = margin.shape
    groups = list(groups) if groups is not None else [0] * k_count
    durations = np.zeros(k_count) if durations is None else np.asarray(durations, dtype=np.float64)
    starts = np.asarray(starts, dtype=np.float64)
    prior = start_prior(starts, hint)
    scores = np.full((k_count, n), -np.inf)
    from_k = np.full((k_count, n), -1, dtype=np.int64)  # -1: the path starts here
    from_j = np.full((k_count, n), -1, dtype=np.int64)
    # the longest wait expected after a row: the sentences it may skip, LOOKBACK at most
    said = np.concatenate([[0.0], np.cumsum(np.maximum(durations, 0.0))])
    sources = _Sources(starts, float((said[LOOKBACK:] - said[:-LOOKBACK]).max()) if k_count >= LOOKBACK else said[-1])
    earlier = _Merged(n)  # every row of the excerpts before this one: where the last quote ended
    older = _Merged(n)  # rows of this excerpt more than LOOKBACK back
    first_of_excerpt = 0
    idx = np.arange(n)
    mid_penalty = np.full(LOOKBACK + 2, MID_PENALTY)
    far_penalty = np.full(LOOKBACK + 2, FAR_PENALTY)
    mid_penalty[_Sources.EARLIER], far_penalty[_Sources.EARLIER] = BETWEEN_MID_PENALTY, BETWEEN_FAR_PENALTY
    for k in range(k_count):
        if k and groups[k] != groups[k - 1]:  # a new excerpt: the rows before it merge
            for row in range(first_of_excerpt, k):
                earlier.add(row, scores[row])
            first_of_excerpt, older = k, _Merged(n)
            sources.put(_Sources.EARLIER, earlier.scores)
        # the sources in the order their transitions are tried: the rows k−LOOKBACK..k−1 of this
        # excerpt, its older rows merged, the excerpts before merged
        back = list(range(max(first_of_excerpt, k - LOOKBACK), k))
        slots, expected, merged = [row % LOOKBACK for row in back], [durations[row:k].sum() for row in back], []
        if k - LOOKBACK - 1 >= first_of_excerpt:  # older rows of this excerpt were merged
            slots, expected, merged = slots + [_Sources.OLDER], expected + [0.0], merged + [older]
        if first_of_excerpt:  # an excerpt before this one
            slots, expected, merged = slots + [_Sources.EARLIER], expected + [0.0], merged + [earlier]
        gain = margin[k].astype(np.float64) - thresholds[k]
        if not slots:  # the first sentence: every path starts here
            scores[k] = gain + prior
        else:
            slots = np.array(slots)
            value, where = _transitions(sources, slots, np.array(expected), mid_penalty[slots], far_penalty[slots], idx)
            rows = np.vstack([np.broadcast_to(np.array(back, dtype=np.int64)[:, None], (len(back), n))]
                             + [m.rows[where[len(back) + s]] for s, m in enumerate(merged)])
            choice = np.argmax(np.vstack([prior, value]), axis=0)  # 0: start here (the first best wins a tie)
            chosen = np.maximum(choice - 1, 0)
            scores[k] = gain + np.where(choice > 0, value[chosen, idx], prior)
            from_k[k] = np.where(choice > 0, rows[chosen, idx], -1)
            from_j[k] = np.where(choice > 0, where[chosen, idx], -1)
        sources.put(k % LOOKBACK, scores[k])
        if k - LOOKBACK >= first_of_excerpt:  # row k−LOOKBACK leaves the look-back
            older.add(k - LOOKBACK, scores[k - LOOKBACK])
            sources.put(_Sources.OLDER, older.scores)
    return best_path(scores, from_k, from_j)


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
