"""The article's own time as a tie-breaker for its clip's first excerpt.

The DP's start prior is flat for ten minutes after a clip's start, because an embed's start is
often only roughly where its quotes begin (the seed's is six minutes early). But when the first
excerpt matches about as well at the very time the article names as it does somewhere else, the
article's time decides: a label such as `[03:07]` on a summary bullet, or a link on a key point,
names the passage itself, and a translated summary's best match elsewhere is often only a topic
that comes back later in the talk.
"""

from __future__ import annotations

import numpy as np

from .confidence import HINT_AFTER, HINT_BEFORE

HINT_SLACK = 0.25  # margin the place at the article's time may give away to the DP's place
PLACE_MIN = 1.0  # ... and the least it must have on its own (dp.THRESHOLD)
# A time written on the excerpt's own line (`… [Sam Altman][01:03]`) names that very passage, not
# a clip it opens: a short translated line matches loosely everywhere, so only a clearly better
# place elsewhere (this much more margin) outweighs it, and a looser match at it is enough.
OWN_SLACK = 1.0
OWN_PLACE_MIN = 0.8
OWN_AFTER = 15.0  # ... and it is where the passage starts, not a clip that opens a little before it


def toward_hint(placements: list[tuple[int, int]], rows: list[int], margin: np.ndarray, starts: np.ndarray,
                hint: float | None, durations: list[float], *, own_time: bool = False
                ) -> list[tuple[int, int]] | None:
    """(sentence, window) placements of an excerpt's sentences at the article's time, when the
    DP put it elsewhere (or nowhere) and the sentences match there nearly as well; else None.

    `placements` are where the DP put the excerpt's sentences, `rows` all its sentences (rows
    of `margin`), `durations` how long each row takes to say; `own_time` when the hint is written
    on the excerpt's own line."""
    if hint is None or not rows:
        return None
    after = OWN_AFTER if own_time else HINT_AFTER
    if placements and -HINT_BEFORE <= starts[min(j for _, j in placements)] - hint <= after:
        return None
    seconds = sum(durations[k] for k in rows)
    near = np.flatnonzero((starts >= hint - HINT_BEFORE) & (starts <= hint + after + seconds))
    if len(near) == 0:
        return None
    moved = [(k, int(near[np.argmax(margin[k, near])])) for k in rows]
    moved = [(k, j) for k, j in moved if margin[k, j] >= (OWN_PLACE_MIN if own_time else PLACE_MIN)]
    if not moved or starts[min(j for _, j in moved)] - hint > after:
        return None
    weights = {k: durations[k] or 1.0 for k in rows}
    total = sum(weights.values())
    here = sum(weights[k] * margin[k, j] for k, j in placements) / total
    there = sum(weights[k] * margin[k, j] for k, j in moved) / total
    if there < here - (OWN_SLACK if own_time else HINT_SLACK):
        return None
    return sorted(moved, key=lambda p: p[1])
