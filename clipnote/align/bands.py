"""Alignment of big inputs: anchors first, then the DP within bands, as Bertalign and Vecalign do.

Below DENSE_CELLS sentences × windows the whole matrix is scored and searched at once (dp.py).
Above it, scoring the whole transcript against every sentence keeps, per sentence, only its best
few half-minute stretches (score.BlockScores). The heaviest chain of those candidates that keeps
the article's order is the anchor path. The sentences are then cut into chunks of whole excerpts;
each chunk is aligned by the same monotone DP, but only over the band of the transcript around its
anchors (a couple of minutes either side of each) and after where the chunk before it ended (as
far as its text could take to say, three times over), from which it starts. The DP's cost so grows with sentences × band, not sentences × transcript.
"""

from __future__ import annotations

import numpy as np

from .dp import THRESHOLD, Path, align_sentences

DENSE_CELLS = 2_500_000  # sentences × windows searched at once below this (exact, and fast enough)
BUCKET_SECONDS = 30.0  # an anchor names a stretch of the transcript this long
BAND_SECONDS = 120.0  # the DP looks this far either side of a chunk's anchors
CHUNK_SENTENCES = 48  # whole excerpts are gathered into chunks of at least this many sentences
STRETCH = 3.0  # after the chunk before, the band reaches as far as the chunk's text takes to say, times this


def use_bands(sentences: int, windows: int) -> bool:
    return sentences * windows > DENSE_CELLS


def bucket_size(starts: np.ndarray) -> int:
    """Windows per anchor bucket: about BUCKET_SECONDS of the transcript."""
    if len(starts) < 2:
        return 1
    spacing = float(np.median(np.diff(starts)))
    return int(max(1, round(BUCKET_SECONDS / spacing))) if spacing > 0 else 16


def anchor_chain(buckets: np.ndarray, margins: np.ndarray, threshold: float = THRESHOLD) -> list[int | None]:
    """Per sentence, the bucket of the heaviest chain of candidates (sentence k, bucket b, weight =
    margin above the threshold) rising in both sentence and bucket; None off the chain. A weighted
    longest increasing subsequence, with a Fenwick tree of prefix maxima over buckets."""
    count = int(buckets.max()) + 1 if buckets.size else 0
    tree_value = [0.0] * (count + 1)
    tree_at: list[tuple[int, int] | None] = [None] * (count + 1)
    back: dict[tuple[int, int], tuple[int, int] | None] = {}
    best_total, best_end = 0.0, None
    for k in range(len(buckets)):
        # a sentence's candidates from the latest bucket back, so it never chains onto itself
        for b, m in sorted(zip(buckets[k].tolist(), margins[k].tolist()), reverse=True):
            gain = m - threshold
            if not gain > 0:
                continue
            value, at, i = 0.0, None, b + 1
            while i > 0:  # best chain ending at a bucket <= b
                if tree_value[i] > value:
                    value, at = tree_value[i], tree_at[i]
                i -= i & -i
            total = value + gain
            back[(k, b)] = at
            if total > best_total:
                best_total, best_end = total, (k, b)
            i = b + 1
            while i <= count:
                if total > tree_value[i]:
                    tree_value[i], tree_at[i] = total, (k, b)
                i += i & -i
    out: list[int | None] = [None] * len(buckets)
    node = best_end
    while node is not None:
        out[node[0]] = node[1]
        node = back[node]
    return out


def chunks(groups: list[int]) -> list[range]:
    """Consecutive sentences cut into chunks of whole excerpts, each of CHUNK_SENTENCES or more."""
    out, first = [], 0
    for k in range(1, len(groups) + 1):
        if k == len(groups) or (groups[k] != groups[k - 1] and k - first >= CHUNK_SENTENCES):
            out.append(range(first, k))
            first = k
    return out


def align_banded(scores, starts: np.ndarray, ends: np.ndarray, hint: float | None, *, groups: list[int],
                 durations: list[float]) -> Path:
    """Best monotone placement of the sentences, chunk by chunk within bands around the anchors.
    `scores` is a score.BlockScores; the rest as dp.align_sentences."""
    chain = anchor_chain(scores.anchor_buckets, scores.anchor_margins)
    durations = np.asarray(durations, dtype=np.float64)
    windows: list[int | None] = [None] * len(groups)
    total = 0.0
    resume = hint  # where the chunk before ended
    for rows in chunks(groups):
        stretches = _band(rows, chain, scores.bucket, starts, durations, resume)
        if not stretches:
            continue
        columns = np.concatenate([np.arange(lo, hi) for lo, hi in stretches])
        margin = np.hstack([scores.band(rows, lo, hi) for lo, hi in stretches])
        path = align_sentences(margin, starts[columns], ends[columns], resume,
                               groups=groups[rows.start : rows.stop], durations=durations[rows.start : rows.stop])
        placed = [(rows.start + r, int(columns[j])) for r, j in enumerate(path.windows) if j is not None]
        for k, j in placed:
            windows[k] = j
        total += path.score
        if placed:
            resume = float(ends[placed[-1][1]])
    return Path(tuple(windows), total)


def _band(rows: range, chain: list[int | None], bucket: int, starts: np.ndarray, durations: np.ndarray,
          resume: float | None) -> list[tuple[int, int]]:
    """The stretches of windows (lo, hi: hi excluded; sorted, apart) a chunk's DP searches: BAND_SECONDS
    either side of each of its anchors, and from where the chunk before ended to as far as the
    chunk's text could take to say, at most STRETCH times over."""
    n = len(starts)
    times = []
    for k in rows:
        if chain[k] is not None:
            j = chain[k] * bucket
            times.append((float(starts[j]) - BAND_SECONDS, float(starts[min(n - 1, j + bucket - 1)]) + BAND_SECONDS))
    if resume is not None or not times:
        at = resume if resume is not None else float(starts[0])
        times.append((at - BAND_SECONDS, at + BAND_SECONDS + STRETCH * float(durations[rows.start : rows.stop].sum())))
    stretches: list[tuple[int, int]] = []
    for lo_t, hi_t in sorted(times):
        lo, hi = int(np.searchsorted(starts, lo_t, side="left")), int(np.searchsorted(starts, hi_t, side="right"))
        if hi <= lo:
            continue
        if stretches and lo <= stretches[-1][1]:
            stretches[-1] = (stretches[-1][0], max(hi, stretches[-1][1]))
        else:
            stretches.append((lo, hi))
    return stretches
