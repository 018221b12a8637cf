"""Find where each excerpt of a clip is spoken in the video's transcript.

    prepare_transcript(transcript, encoder)         once per video (embeddings cached on disk)
    align_clip(excerpts, prepared, hint, encoder)   → one Alignment per excerpt

See DESIGN §5: the whole transcript is searched with a prior favouring the stretch after the
clip's start; sentences are scored by meaning, words and anchors, normalised by margin, placed by
a monotone DP with skips; spans are refined to caption lines; strong out-of-order matches are
rescued and flagged; a calibrated confidence gives the verdict.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Sequence

import numpy as np

from ..model import Excerpt, Match, MatchPart, Verdict
from .bands import align_banded, bucket_size, use_bands
from .confidence import hint_agreement, judge
from .dp import align_sentences
from .hinted import toward_hint
from .parts import place_parts
from .repeats import alternatives
from .score import BlockScores, Scores, score_matrix
from .spans import SpanScorer, build_spans, locate_in_window, seconds_to_say
from .units import PreparedExcerpts, PreparedTranscript, prepare_excerpts, prepare_transcript

__all__ = ["Alignment", "align_clip", "prepare_transcript", "PreparedTranscript"]

RESCUE_MARGIN = 2.6  # a sentence this far above its background is trusted even out of order
AGREE_MARGIN = 1.5  # ... or an excerpt whose sentences all stand out this much at one place
AGREE_FLOOR = 0.8
AGREE_SECONDS = 20.0
CONTIGUOUS = 20.0  # seconds between two excerpts' spans that still count as back to back
DISPLACED = 2.0  # a sentence placed this far below its own best match was put there for order's sake


@dataclass(frozen=True)
class Alignment:
    excerpt: Excerpt
    verdict: Verdict
    match: Match | None
    features: Mapping[str, float] = field(default_factory=dict)
    # (sentence text, matched start time or None) for each sentence of the excerpt
    sentences: tuple[tuple[str, float | None], ...] = ()
    same_language: bool = False
    # caption lines (first, last) each placed sentence was located on: what the excerpt renders
    covered: tuple[tuple[int, int], ...] = ()
    text: str = ""  # the part of the excerpt compared with the video (without framing or notes)


def align_clip(excerpts: Sequence[Excerpt], pt: PreparedTranscript, hint: float | None,
               encoder=None, *, thresholds=None, own_time: bool = False) -> list[Alignment]:
    """One Alignment per excerpt, in order. `thresholds` (a config.Thresholds) sets the
    confidence cut-offs of the verdicts; `own_time` when the hint is written on the first
    excerpt's own line (see hinted.py)."""
    if not excerpts:
        return []
    if pt.n == 0:
        return [Alignment(ex, "unsupported", None, {"empty_transcript": 1.0}) for ex in excerpts]
    pe = prepare_excerpts(excerpts, pt, encoder)
    win_ends = pt.ends[np.minimum(np.arange(pt.n) + pt.window - 1, pt.n - 1)]
    groups = [s.excerpt for s in pe.sentences]
    durations = _durations(pe)
    if use_bands(len(pe.sentences), pt.n):  # too big to search whole: anchors, then bands
        scores = BlockScores(pt, pe, bucket_size(pt.starts))
        path = align_banded(scores, pt.starts, win_ends, hint, groups=groups, durations=durations)
    else:
        scores = score_matrix(pt, pe)
        path = align_sentences(scores.margin, pt.starts, win_ends, hint, groups=groups,
                               durations=durations)
    scorer = SpanScorer(pt, pe)

    placed: dict[int, list[tuple[int, int]]] = {}
    for k, j in enumerate(path.windows):
        if j is not None:
            placed.setdefault(pe.sentences[k].excerpt, []).append((k, j))
    hinted = toward_hint(placed.get(0, []), pe.rows(0), scores.margin, pt.starts, hint, durations,
                         own_time=own_time)
    if hinted is not None:
        placed[0] = hinted
    out_of_order: set[int] = set()
    for i in range(len(excerpts)):
        rescued = _rescue(i, pe, scores, pt)
        if rescued is None:
            continue
        here = max((scores.margin[k, j] for k, j in placed.get(i, ())), default=-np.inf)
        there = max(scores.margin[k, j] for k, j in rescued)
        if i not in placed or there - here >= DISPLACED:
            # skipped, or squeezed into a poor place to keep the order: trust the strong match
            placed[i] = rescued
            out_of_order.add(i)

    spans = build_spans(placed, scorer, scores, out_of_order)
    # what is reported: no match longer than its excerpt takes to say, a long one as a run of groups
    # (the verdict still weighs every line its sentences were found on: `spans`)
    shown: dict[int, tuple[tuple[int, int], tuple]] = {}
    for i in spans:
        located = {k: locate_in_window(scorer, k, j) for k, j in placed[i]}
        shown[i] = place_parts(i, spans[i], located, pe, pt, durations)
    contiguity = _contiguity(spans, len(excerpts), pt)

    results: list[Alignment] = []
    for i, ex in enumerate(excerpts):
        where = dict(placed.get(i, ()))
        covered = tuple(locate_in_window(scorer, k, j) for k, j in placed.get(i, ()))
        sentence_times = tuple(
            (s.text, float(pt.starts[where[k]]) if k in where else None)
            for k, s in ((k, pe.sentences[k]) for k in pe.rows(i))
        )
        if i not in spans:
            features = _features(i, None, pe, scores, scorer, placed)
            verdict, confidence = judge(features, ex.role, thresholds)
            results.append(Alignment(ex, "unsupported", None,
                                     {**features, "confidence": confidence}, sentence_times,
                                     pe.same_language[i], text=pe.texts[i]))
            continue
        a, b = spans[i]
        features = _features(i, (a, b), pe, scores, scorer, placed)
        # a rescued out-of-order match is apart from its neighbours by definition: neither for nor against
        features["contiguity"] = 0.5 if i in out_of_order else contiguity[i]
        features["hint_agrees"] = hint_agreement(float(pt.starts[a]), hint, first=i == 0)
        verdict, confidence = judge(features, ex.role, thresholds)
        (a, b), parts = shown[i]
        match = Match(
            start=float(pt.starts[a]), end=float(pt.ends[b]), score=round(features["span_score"], 4),
            confidence=round(confidence, 3), first_segment=a, last_segment=b,
            text=" ".join(pt.texts[a : b + 1]), out_of_order=i in out_of_order,
            alternatives=alternatives(i, (a, b), pe, scores, pt),
            parts=tuple(MatchPart(float(pt.starts[pa]), float(pt.ends[pb]), pa, pb, first, last)
                        for pa, pb, first, last in parts),
        )
        results.append(Alignment(ex, verdict, match, {**features, "confidence": confidence},
                                 sentence_times, pe.same_language[i], covered, pe.texts[i]))
    return results


def _durations(pe: PreparedExcerpts) -> list[float]:
    """Roughly how many seconds of speech each sentence renders, from its length."""
    return [seconds_to_say(s.text, pe.scripts[s.excerpt]) for s in pe.sentences]


def _rescue(i: int, pe: PreparedExcerpts, scores: Scores, pt: PreparedTranscript) -> list[tuple[int, int]] | None:
    """A place for an excerpt the DP skipped (or squeezed in for order's sake), if it matches one
    place unmistakably: one sentence far above its background, or all its sentences agreeing on
    the same stretch of the video."""
    rows = pe.rows(i)
    margin = scores.margin[rows]  # this excerpt's rows, once (big inputs compute them on demand)
    best: tuple[float, list[tuple[int, int]]] | None = None
    for r, k in enumerate(rows):
        j = int(scores.best_window[k])
        if pe.same_language[i] and scores.words[k, j] < 0.6:
            continue
        if len(rows) == 1:
            strength, placements, needed = float(margin[r, j]), [(k, j)], RESCUE_MARGIN
        else:
            lo = int(np.searchsorted(pt.starts, pt.starts[j] - AGREE_SECONDS, side="left"))
            hi = int(np.searchsorted(pt.starts, pt.starts[j] + AGREE_SECONDS, side="right"))
            local = margin[:, lo:hi]
            support = local.max(axis=1)
            if support.min() < AGREE_FLOOR:
                continue
            strength, needed = float(support.mean()), AGREE_MARGIN
            placements = None  # (only worked out for the best)
        if strength >= needed and (best is None or strength > best[0]):
            if placements is None:
                placements = [(row, lo + int(w)) for row, w in zip(rows, local.argmax(axis=1))]
            best = (strength, sorted(placements, key=lambda p: p[0]))
    return None if best is None else best[1]


def _features(i: int, span: tuple[int, int] | None, pe: PreparedExcerpts, scores: Scores,
              scorer: SpanScorer, placed: dict) -> dict[str, float]:
    rows = pe.rows(i)
    where = dict(placed.get(i, ()))
    weights = np.array([max(1, len(pe.sentences[k].text)) for k in rows], dtype=np.float64)
    is_placed = np.array([k in where for k in rows])
    margins = np.array([scores.margin[k, where[k]] if k in where else 0.0 for k in rows])
    best_margins = scores.best_margin[rows]
    placed_weight = (weights * is_placed).sum()
    f = {
        "same_language": float(pe.same_language[i]),
        "placed_share": float(placed_weight / weights.sum()),
        "placed_margin": float((margins * weights * is_placed).sum() / max(placed_weight, 1e-9)),
        "best_margin": float((best_margins * weights).sum() / weights.sum()),
        "local_contrast": _local_contrast(rows, where, scores, scorer.pt),
        "sentences": float(len(rows)),
        "chars": float(weights.sum()),
    }
    if span is None:
        f.update(span_score=0.0, meaning=0.0, coverage=0.0, precision=0.0, pair_coverage=0.0,
                 anchor_share=0.0, anchors=0.0)
        return f
    a, b = span
    coverage, precision, fscore = scorer.words(i, a, b)
    found, total = _anchors_found(i, a, b, pe, scorer.pt)
    f.update(
        span_score=scorer.score(i, a, b), meaning=scorer.meaning(i, a, b),
        coverage=coverage, precision=precision, words_f=fscore,
        pair_coverage=_pair_coverage(i, a, b, pe, scorer),
        seconds=float(scorer.pt.ends[b] - scorer.pt.starts[a]),
        anchors=float(total), anchor_share=found / total if total else 0.5,
    )
    return f


def _contiguity(spans: dict[int, tuple[int, int]], count: int, pt: PreparedTranscript) -> dict[int, float]:
    """Share of an excerpt's placed article neighbours that are matched right next to it (within
    CONTIGUOUS seconds): consecutive quotes that land consecutively corroborate each other.
    A neighbour found nowhere abstains (in a summary article it is mostly the author's own
    commentary, which says nothing about this excerpt); 0.5 when no neighbour can be asked."""
    out = {}
    for i, (a, b) in spans.items():
        votes = []
        for other in (i - 1, i + 1):
            if 0 <= other < count:
                if other in spans:
                    oa, ob = spans[other]
                    gap = pt.starts[oa] - pt.ends[b] if other > i else pt.starts[a] - pt.ends[ob]
                    votes.append(1.0 if -5.0 <= gap <= CONTIGUOUS else 0.0)
                else:
                    votes.append(0.0)
        out[i] = sum(votes) / len(votes) if votes else 0.5
    return out


def _local_contrast(rows: list[int], where: dict, scores: Scores, pt: PreparedTranscript) -> float:
    """How much the placed sentences stand out from their own neighbourhood (±10 minutes, outside
    ±30 s): a real quote peaks where it is said; a made-up one on the right topic fits the whole
    conversation about equally."""
    values = []
    for k in rows:
        if k not in where:
            continue
        j = where[k]
        t = pt.starts[j]
        # within 600 s and beyond 30 s: searched among the windows within 601 s, not all of them
        lo = int(np.searchsorted(pt.starts, t - 601.0, side="left"))
        hi = int(np.searchsorted(pt.starts, t + 601.0, side="right"))
        gap = np.abs(pt.starts[lo:hi] - t)
        near = (gap <= 600) & (gap > 30)
        if near.any():
            values.append(float(scores.margin[k, j] - scores.margin[k, lo:hi][near].max()))
    return float(np.mean(values)) if values else 0.0


def _anchors_found(i: int, a: int, b: int, pe: PreparedExcerpts, pt: PreparedTranscript) -> tuple[int, int]:
    """Of a translation's anchors (numbers, Latin-script names), how many the span also has."""
    from rapidfuzz import fuzz, process

    from . import numbers as N
    from . import text as T

    numbers: set[float] = set()
    names: set[str] = set()
    for k in pe.rows(i):
        numbers.update(pe.sentences[k].numbers)
        names.update(pe.sentences[k].names)
    if pe.same_language[i] or not (numbers or names):
        return 0, 0
    lo, hi = max(0, a - 1), min(pt.n - 1, b + 1)
    span_text = " ".join(pt.texts[lo : hi + 1])
    span_numbers = set(N.numbers_in(span_text))
    words = T.latin_words(span_text)
    # captions split compound names (`DeepMind` is said `deep mind`, `OpenAI` `open ai`)
    span_names = {T.name_key(w) for w in [*words, *(x + y for x, y in zip(words, words[1:]))]}
    found = sum(1 for v in numbers if v in span_numbers)
    found += sum(1 for n in names
                 if n in span_names or n + "s" in span_names
                 or (len(n) >= 4 and process.extractOne(n, span_names, scorer=fuzz.ratio, score_cutoff=80) is not None))
    return found, len(numbers) + len(names)


def _pair_coverage(i: int, a: int, b: int, pe: PreparedExcerpts, scorer: SpanScorer) -> float:
    """Share of the excerpt's consecutive word pairs that the span also says in that order: the
    clearest sign that a same-language quote repeats the speaker's words, not just the topic."""
    pairs = [(x, y) for k in pe.rows(i) for s in [pe.sentences[k]] for x, y in zip(s.tokens, s.tokens[1:])]
    if not pairs:
        return 0.0
    span_pairs: set = set()
    for toks in scorer._seg_tokens[a : b + 1]:
        span_pairs.update(zip(toks, toks[1:]))
    # pairs across caption-line boundaries
    flat = [t for toks in scorer._seg_tokens[a : b + 1] for t in toks]
    span_pairs.update(zip(flat, flat[1:]))
    return sum(1 for p in pairs if p in span_pairs) / len(pairs)
