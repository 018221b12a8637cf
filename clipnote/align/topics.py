"""Where a key point's topic is discussed (`- **Scaling Laws** ([34:24](…)) - Are they holding?`).

A key point claims a topic, not words: a few words of a title can't be matched sentence by
sentence, so the topic is placed by meaning over stretches of talk (about 90 s of captions from
each line on), with the rarer words of the topic counting too when article and video share them.

A list of key points divides the video: each claims that its topic runs from its own time to the
next one's. So the topic is placed where it scores best within a minute of its claimed time,
unless it scores clearly better (by `MARGIN` standard deviations of the whole video's scores) in
a neighbour's stretch — before its time back to the previous key point, or after the next key
point's time — and then it is placed there. The verdict: `on-topic` when the topic opens within
`NEAR` seconds of the claimed time, else `off-topic`.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from ..model import Excerpt, Match
from .text import script_of, word_tokens
from .units import PreparedTranscript, _same_language

WINDOW = 90.0  # seconds of talk a topic is compared with
NEAR = 60.0  # a topic opening this close to its claimed time is on topic
MARGIN = 0.5  # standard deviations a neighbour's stretch must beat the claimed one by
LEXICAL = 2.0  # weight of the topic's shared words (their idf-weighted share) against meaning
LONE = 600.0  # without neighbours, how far either side the topic may have moved


def place_topics(excerpts: Sequence[Excerpt], pt: PreparedTranscript, claimed: float | None,
                 encoder, neighbours: tuple[float | None, float | None] = (None, None)) -> list:
    """One Alignment per key point of a clip whose time is `claimed`; `neighbours` are the times
    of the key points before and after it in the article (None when it is the first or last)."""
    from . import Alignment

    if pt.n == 0 or pt.segment_embeddings is None:
        return [Alignment(ex, "unsupported", None, {"empty_transcript": 1.0}) for ex in excerpts]
    starts = pt.starts
    ends = np.maximum(np.searchsorted(starts, starts + WINDOW, side="left"), np.arange(pt.n) + 1)
    vectors = encoder.encode([ex.text for ex in excerpts])
    out = []
    for ex, vector in zip(excerpts, vectors):
        same = _same_language(ex.text, script_of(ex.text), pt)
        if claimed is not None and claimed > pt.ends[-1] + NEAR:
            # a transcript that stops early (a partial one): nothing to place the topic in
            out.append(Alignment(ex, "unsupported", None, {"past_transcript_end": 1.0},
                                 ((ex.text, None),), same, text=ex.text))
            continue
        score = _meaning(pt, ends, vector) + LEXICAL * _shared_words(pt, ends, ex.text)
        at = claimed if claimed is not None else float(starts[int(np.argmax(score))])
        near = np.flatnonzero(np.abs(starts - at) <= NEAR)
        here = int(near[np.argmax(score[near])]) if len(near) else int(np.argmax(score))
        before, after = neighbours
        before = before if before is not None and before < at else at - LONE
        after = after if after is not None and after > at else at + LONE
        elsewhere = np.flatnonzero(((starts >= before) & (starts < at - NEAR))
                                   | ((starts >= after) & (starts < after + (after - at))))
        best = here
        if len(elsewhere):
            there = int(elsewhere[np.argmax(score[elsewhere])])
            if score[there] - score[here] > MARGIN:
                best = there
        last = int(ends[best]) - 1
        start = float(starts[best])
        verdict = "on-topic" if claimed is None or abs(start - claimed) <= NEAR else "off-topic"
        confidence = float(1.0 / (1.0 + np.exp(-(score[best] - 1.5))))
        match = Match(start=start, end=float(pt.ends[last]), score=round(float(score[best]), 4),
                      confidence=round(confidence, 3), first_segment=best, last_segment=last,
                      text=" ".join(pt.texts[best:last + 1]))
        features = {"topic_score": float(score[best]), "claimed_score": float(score[here]),
                    "confidence": confidence}
        out.append(Alignment(ex, verdict, match, features, ((ex.text, start),), same, text=ex.text))
    return out


def _meaning(pt: PreparedTranscript, ends: np.ndarray, vector: np.ndarray) -> np.ndarray:
    """How close each stretch of talk is in meaning, in standard deviations over the video."""
    windows = pt._cache.get(("topic-windows", WINDOW))
    if windows is None:
        embeddings = pt.segment_embeddings
        prefix = np.vstack([np.zeros((1, embeddings.shape[1]), dtype=np.float32),
                            np.cumsum(embeddings, axis=0, dtype=np.float32)])
        windows = prefix[ends] - prefix[np.arange(pt.n)]
        windows /= np.maximum(np.linalg.norm(windows, axis=1, keepdims=True), 1e-9)
        pt._cache[("topic-windows", WINDOW)] = windows
    similarity = windows @ vector
    return (similarity - similarity.mean()) / (similarity.std() + 1e-9)


def _shared_words(pt: PreparedTranscript, ends: np.ndarray, text: str) -> np.ndarray:
    """The idf-weighted share of the topic's words said in each stretch of talk."""
    words = set(word_tokens(text)) & set(pt.vocabulary)
    total = sum(pt.idf.get(w, pt.default_idf) for w in set(word_tokens(text)))
    out = np.zeros(pt.n)
    for word in words:
        hits = np.zeros(pt.n + 1)
        hits[np.asarray(pt.token_lines[word]) + 1] = 1.0
        said = np.cumsum(hits)
        out += pt.idf.get(word, pt.default_idf) * ((said[ends] - said[np.arange(pt.n)]) > 0)
    return out / total if total else out
