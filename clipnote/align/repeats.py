"""Other places an excerpt matches nearly as well as its span: a cold open repeating a passage said
later, a phrase the speaker repeats."""

from __future__ import annotations

import numpy as np

from .score import Scores
from .units import PreparedExcerpts, PreparedTranscript

REPEAT_RATIO = 0.85  # another place scoring this close to the match is a repeated passage
ALTERNATIVE_BUCKETS = 4  # for big inputs: anchor buckets searched for a repeated passage


def alternatives(i: int, span: tuple[int, int], pe: PreparedExcerpts, scores: Scores,
                 pt: PreparedTranscript) -> tuple[tuple[float, float, float], ...]:
    """Up to three other places (start, end, score relative to the span's) matching excerpt `i`
    nearly as well as its span."""
    rows = pe.rows(i)
    block = range(rows[0], rows[-1] + 1)
    a, b = span
    length = max(1, b - a + 1)
    # profile[j]: how well the excerpt's sentences fit a stretch starting at window j, over the whole
    # transcript, or (for big inputs) around the span and the sentences' candidate anchors
    profile = np.full(pt.n, -np.inf)
    for lo, hi in _regions(scores, rows, (a, b), length, pt):
        reach = min(pt.n, hi + length - 1)  # a stretch starting at hi - 1 ends here (or at the end)
        margin = scores.band(block, lo, reach)
        padded = np.concatenate([margin, np.full((len(rows), hi + length - 1 - reach), -np.inf)], axis=1)
        windowed = _window_max(padded, length, hi - lo)
        profile[lo:hi] = windowed.mean(axis=0)
    here = profile[max(0, a - pt.window) : b + 1].max()
    if here <= 1.0:
        return ()
    out = []
    taken = np.zeros(pt.n, dtype=bool)
    taken[max(0, a - length - pt.window) : min(pt.n, b + pt.window + 1)] = True
    for j in np.argsort(-profile)[:50]:
        if taken[j] or profile[j] < REPEAT_RATIO * here or profile[j] < 1.5:
            continue
        end = min(pt.n - 1, j + length - 1)
        out.append((float(pt.starts[j]), float(pt.ends[end]), round(float(profile[j] / here), 3)))
        taken[max(0, j - length - pt.window) : min(pt.n, end + pt.window + 1)] = True
        if len(out) == 3:
            break
    return tuple(out)


def _regions(scores, rows: list[int], span: tuple[int, int], length: int,
             pt: PreparedTranscript) -> list[tuple[int, int]]:
    """Where to look for other places an excerpt matches: everywhere, or, when the scores keep only
    candidate anchors (big inputs), around the span and the excerpt's strongest anchor buckets."""
    if scores.anchor_buckets is None:
        return [(0, pt.n)]
    a, b = span
    regions = [(max(0, a - length - pt.window), min(pt.n, b + 1))]
    weight: dict[int, float] = {}
    for k in rows:
        for bucket, margin in zip(scores.anchor_buckets[k].tolist(), scores.anchor_margins[k].tolist()):
            weight[bucket] = weight.get(bucket, 0.0) + max(0.0, margin)
    for bucket in sorted(weight, key=weight.get, reverse=True)[:ALTERNATIVE_BUCKETS]:
        lo = max(0, bucket * scores.bucket - length)
        regions.append((lo, min(pt.n, (bucket + 1) * scores.bucket)))
    return regions


def _window_max(values: np.ndarray, length: int, count: int) -> np.ndarray:
    """max(values[:, j : j + length]) for j < count: maxima of runs of 1, 2, 4 … values, then of
    two such runs overlapping to cover `length` (a few array steps, not `length` of them)."""
    runs, span = values, 1
    while span * 2 <= length:
        runs = np.maximum(runs[:, :-span], runs[:, span:])  # runs[:, j]: the max of values[:, j : j + 2·span]
        span *= 2
    return np.maximum(runs[:, :count], runs[:, length - span : length - span + count])
