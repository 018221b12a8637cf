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
# within a normal pause, a sentence is a little more likely to follow its predecessor closely
# than 20 seconds later (per second between the two windows' starts)
NEAR_SLOPE = 0.02
BETWEEN_NEAR_SLOPE = 0.005
PRIOR_WEIGHT = 0.35


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


def align_sentences(margin: np.ndarray, starts: np.ndarray, ends: np.ndarray, hint: float | None,
                    *, threshold: float | np.ndarray = THRESHOLD, groups=None) -> Path:
    """Best monotone placement of sentences (rows of `margin`) on windows (its columns).

    `starts`/`ends` are the windows' times. `threshold` may be one value or one per sentence.
    `groups` gives each sentence's excerpt: a jump between the sentences of one excerpt costs the
    full gap price, a jump from one excerpt to the next only a small one."""
    k_count, n = margin.shape
    if k_count == 0 or n == 0:
        return Path(tuple(None for _ in range(k_count)), 0.0)
    thresholds = np.broadcast_to(np.asarray(threshold, dtype=np.float64), (k_count,))
    prior = start_prior(starts, hint)
    neg = -1e18
    # last[j]: best score of the sentences so far with the last placed one on window j
    last = np.full(n, neg)
    none_score = 0.0  # nothing placed yet
    placed_from = np.full((k_count, n), -2, dtype=np.int64)  # -1: path starts here; -2: not placed
    carried = np.zeros((k_count, n), dtype=bool)  # last[j] after row k was carried over (sentence skipped)
    near_lo = np.searchsorted(ends, starts - NEAR_GAP, side="left")  # first j' within a pause of j
    mid_lo = np.searchsorted(ends, starts - MID_GAP, side="left")
    idx = np.arange(n)
    for k in range(k_count):
        gain = margin[k].astype(np.float64) - thresholds[k]
        within = groups is not None and k > 0 and groups[k] == groups[k - 1]
        penalties = ((MID_PENALTY, FAR_PENALTY, NEAR_SLOPE) if groups is None or within
                     else (BETWEEN_MID_PENALTY, BETWEEN_FAR_PENALTY, BETWEEN_NEAR_SLOPE))
        best_prev, best_from = _best_predecessor(last, near_lo, mid_lo, idx, *penalties, starts=starts)
        start_here = none_score + prior
        use_start = start_here >= best_prev
        placed = gain + np.where(use_start, start_here, best_prev)
        placed_from[k] = np.where(use_start, -1, best_from)
        keep = last >= placed
        carried[k] = keep
        last = np.where(keep, last, placed)
    j = int(np.argmax(last))
    if last[j] <= none_score:
        return Path(tuple(None for _ in range(k_count)), 0.0)
    total = float(last[j])
    windows: list[int | None] = [None] * k_count
    k = k_count - 1
    while k >= 0 and j >= 0:
        if carried[k, j]:
            k -= 1
            continue
        windows[k] = j
        prev = int(placed_from[k, j])
        if prev == -1:
            break
        j = prev
        k -= 1
    return Path(tuple(windows), total)


def _best_predecessor(last: np.ndarray, near_lo: np.ndarray, mid_lo: np.ndarray, idx: np.ndarray,
                      mid_penalty: float = MID_PENALTY, far_penalty: float = FAR_PENALTY,
                      near_slope: float = 0.0, *, starts: np.ndarray | None = None):
    """For every window j, the best `last[j'] − gap penalty` over j' ≤ j, and that j'.

    j' within a normal pause of j (index ≥ near_lo[j]) costs `near_slope` per second between the
    two windows' starts; within MID_GAP it costs MID_PENALTY; anything earlier FAR_PENALTY.
    Windows overlap, so j' may equal j."""
    n = len(last)
    prefix_arg = _running_argmax(last)
    prefix_val = last[prefix_arg]
    # range [near_lo[j], j]: a sliding maximum (sparse table) of last[j'] + slope·start[j'],
    # minus slope·start[j], is the best of last[j'] − slope·(start[j] − start[j'])
    if near_slope and starts is not None:
        near_val, near_arg = _range_max(last + near_slope * starts, near_lo, idx)
        near_val = near_val - near_slope * starts
    else:
        near_val, near_arg = _range_max(last, near_lo, idx)
    mid_val, mid_arg = _range_max(last, mid_lo, np.maximum(near_lo - 1, -1))
    mid_val = mid_val - mid_penalty
    far_end = mid_lo - 1
    far_ok = far_end >= 0
    far_arg = np.where(far_ok, prefix_arg[np.maximum(far_end, 0)], 0)
    far_val = np.where(far_ok, prefix_val[np.maximum(far_end, 0)] - far_penalty, -1e18)
    stack_val = np.vstack([near_val, mid_val, far_val])
    stack_arg = np.vstack([near_arg, mid_arg, far_arg])
    choice = np.argmax(stack_val, axis=0)
    cols = np.arange(n)
    return stack_val[choice, cols], stack_arg[choice, cols]


def _running_argmax(values: np.ndarray) -> np.ndarray:
    best = np.maximum.accumulate(values)
    # index of the first position where the running max was reached
    is_new = np.concatenate([[True], values[1:] > best[:-1]])
    positions = np.where(is_new, np.arange(len(values)), 0)
    return np.maximum.accumulate(positions)


def _range_max(values: np.ndarray, lo: np.ndarray, hi: np.ndarray):
    """max(values[lo[j]..hi[j]]) and its index for every j (empty ranges give −inf)."""
    n = len(values)
    table_v = [values]
    table_i = [np.arange(n)]
    span = 1
    while span * 2 <= n:
        pv, pi = table_v[-1], table_i[-1]
        shifted_v = np.concatenate([pv[span:], np.full(span, -np.inf)])
        shifted_i = np.concatenate([pi[span:], np.zeros(span, dtype=np.int64)])
        take = shifted_v > pv
        table_v.append(np.where(take, shifted_v, pv))
        table_i.append(np.where(take, shifted_i, pi))
        span *= 2
    lo = np.asarray(lo)
    hi = np.asarray(hi)
    valid = hi >= lo
    length = np.where(valid, hi - lo + 1, 1)
    level = np.floor(np.log2(length)).astype(np.int64)
    out_v = np.full(n, -1e18)
    out_i = np.zeros(n, dtype=np.int64)
    for lv in np.unique(level[valid]):
        sel = valid & (level == lv)
        width = 1 << int(lv)
        a = lo[sel]
        b = hi[sel] - width + 1
        va, ia = table_v[lv][a], table_i[lv][a]
        vb, ib = table_v[lv][b], table_i[lv][b]
        take_b = vb > va
        out_v[sel] = np.where(take_b, vb, va)
        out_i[sel] = np.where(take_b, ib, ia)
    return out_v, out_i
