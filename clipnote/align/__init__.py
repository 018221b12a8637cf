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

from ..model import Excerpt, Match, Verdict
from .confidence import hint_agreement, judge
from .dp import align_sentences
from .hinted import toward_hint
from .score import Scores, score_matrix
from .spans import CHARS_PER_SECOND, SpanScorer, build_spans, locate_in_window
from .units import PreparedExcerpts, PreparedTranscript, prepare_excerpts, prepare_transcript

__all__ = ["Alignment", "align_clip", "prepare_transcript", "PreparedTranscript"]

RESCUE_MARGIN = 2.6  # a sentence this far above its background is trusted even out of order
AGREE_MARGIN = 1.5  # ... or an excerpt whose sentences all stand out this much at one place
AGREE_FLOOR = 0.8
AGREE_SECONDS = 20.0
REPEAT_RATIO = 0.85
CONTIGUOUS = 20.0  # seconds between two excerpts' spans that still count as back to back
DISPLACED = 2.0  # a sentence placed this far below its own best match was put there for order's sake
CLOSE_GAP = 15.0  # seconds between two quoted turns of a translation that are closed  # another place scoring this close to the match is a repeated passage


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
               encoder=None, *, thresholds=None) -> list[Alignment]:
    """One Alignment per excerpt, in order. `thresholds` (a config.Thresholds) sets the
    confidence cut-offs of the verdicts."""
    if not excerpts:
        return []
    if pt.n == 0:
        return [Alignment(ex, "unsupported", None, {"empty_transcript": 1.0}) for ex in excerpts]
    pe = prepare_excerpts(excerpts, pt, encoder)
    scores = score_matrix(pt, pe)
    win_ends = pt.ends[np.minimum(np.arange(pt.n) + pt.window - 1, pt.n - 1)]
    path = align_sentences(scores.margin, pt.starts, win_ends, hint,
                           groups=[s.excerpt for s in pe.sentences], durations=_durations(pe))
    scorer = SpanScorer(pt, pe)

    placed: dict[int, list[tuple[int, int]]] = {}
    for k, j in enumerate(path.windows):
        if j is not None:
            placed.setdefault(pe.sentences[k].excerpt, []).append((k, j))
    hinted = toward_hint(placed.get(0, []), [k for k, s in enumerate(pe.sentences) if s.excerpt == 0],
                         scores.margin, pt.starts, hint, _durations(pe))
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
    contiguity = _contiguity(spans, len(excerpts), pt)

    results: list[Alignment] = []
    for i, ex in enumerate(excerpts):
        where = dict(placed.get(i, ()))
        covered = tuple(locate_in_window(scorer, k, j) for k, j in placed.get(i, ()))
        sentence_times = tuple(
            (s.text, float(pt.starts[where[k]]) if k in where else None)
            for k, s in enumerate(pe.sentences) if s.excerpt == i
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
        match = Match(
            start=float(pt.starts[a]), end=float(pt.ends[b]), score=round(features["span_score"], 4),
            confidence=round(confidence, 3), first_segment=a, last_segment=b,
            text=" ".join(pt.texts[a : b + 1]), out_of_order=i in out_of_order,
            alternatives=_alternatives(i, (a, b), pe, scores, pt),
        )
        results.append(Alignment(ex, verdict, match, {**features, "confidence": confidence},
                                 sentence_times, pe.same_language[i], covered, pe.texts[i]))
    return results


def _durations(pe: PreparedExcerpts) -> list[float]:
    """Roughly how many seconds of speech each sentence renders, from its length."""
    return [len(s.text) / CHARS_PER_SECOND.get(pe.scripts[s.excerpt], 10.0) for s in pe.sentences]


def _rescue(i: int, pe: PreparedExcerpts, scores: Scores, pt: PreparedTranscript) -> list[tuple[int, int]] | None:
    """A place for an excerpt the DP skipped (or squeezed in for order's sake), if it matches one
    place unmistakably: one sentence far above its background, or all its sentences agreeing on
    the same stretch of the video."""
    rows = [k for k, s in enumerate(pe.sentences) if s.excerpt == i]
    best: tuple[float, list[tuple[int, int]]] | None = None
    for k in rows:
        j = int(np.argmax(scores.margin[k]))
        if pe.same_language[i] and scores.words[k, j] < 0.6:
            continue
        if len(rows) == 1:
            strength, placements, needed = float(scores.margin[k, j]), [(k, j)], RESCUE_MARGIN
        else:
            near = np.flatnonzero(np.abs(pt.starts - pt.starts[j]) <= AGREE_SECONDS)
            placements = [(r, int(near[np.argmax(scores.margin[r, near])])) for r in rows]
            support = [float(scores.margin[r, w]) for r, w in placements]
            if min(support) < AGREE_FLOOR:
                continue
            strength, needed = float(np.mean(support)), AGREE_MARGIN
        if strength >= needed and (best is None or strength > best[0]):
            best = (strength, sorted(placements, key=lambda p: p[0]))
    return None if best is None else best[1]


def _features(i: int, span: tuple[int, int] | None, pe: PreparedExcerpts, scores: Scores,
              scorer: SpanScorer, placed: dict) -> dict[str, float]:
    rows = [k for k, s in enumerate(pe.sentences) if s.excerpt == i]
    where = dict(placed.get(i, ()))
    weights = np.array([max(1, len(pe.sentences[k].text)) for k in rows], dtype=np.float64)
    is_placed = np.array([k in where for k in rows])
    margins = np.array([scores.margin[k, where[k]] if k in where else 0.0 for k in rows])
    best_margins = np.array([scores.margin[k].max() for k in rows])
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
        near = (np.abs(pt.starts - t) <= 600) & (np.abs(pt.starts - t) > 30)
        if near.any():
            values.append(float(scores.margin[k, j] - scores.margin[k, near].max()))
    return float(np.mean(values)) if values else 0.0


def _anchors_found(i: int, a: int, b: int, pe: PreparedExcerpts, pt: PreparedTranscript) -> tuple[int, int]:
    """Of a translation's anchors (numbers, Latin-script names), how many the span also has."""
    from rapidfuzz import fuzz

    from . import numbers as N
    from . import text as T

    numbers: set[float] = set()
    names: set[str] = set()
    for s in pe.sentences:
        if s.excerpt == i:
            numbers.update(s.numbers)
            names.update(s.names)
    if pe.same_language[i] or not (numbers or names):
        return 0, 0
    lo, hi = max(0, a - 1), min(pt.n - 1, b + 1)
    span_text = " ".join(pt.texts[lo : hi + 1])
    span_numbers = set(N.numbers_in(span_text))
    span_names = {T.name_key(w) for w in T.latin_words(span_text)}
    found = sum(1 for v in numbers if v in span_numbers)
    found += sum(1 for n in names
                 if any(n == m or m == n + "s" or (len(n) >= 4 and fuzz.ratio(n, m) >= 80) for m in span_names))
    return found, len(numbers) + len(names)


def _pair_coverage(i: int, a: int, b: int, pe: PreparedExcerpts, scorer: SpanScorer) -> float:
    """Share of the excerpt's consecutive word pairs that the span also says in that order: the
    clearest sign that a same-language quote repeats the speaker's words, not just the topic."""
    pairs = [(x, y) for s in pe.sentences if s.excerpt == i for x, y in zip(s.tokens, s.tokens[1:])]
    if not pairs:
        return 0.0
    span_pairs: set = set()
    for toks in scorer._seg_tokens[a : b + 1]:
        span_pairs.update(zip(toks, toks[1:]))
    # pairs across caption-line boundaries
    flat = [t for toks in scorer._seg_tokens[a : b + 1] for t in toks]
    span_pairs.update(zip(flat, flat[1:]))
    return sum(1 for p in pairs if p in span_pairs) / len(pairs)


def _alternatives(i: int, span: tuple[int, int], pe: PreparedExcerpts, scores: Scores,
                  pt: PreparedTranscript) -> tuple[tuple[float, float, float], ...]:
    """Other places that match the excerpt nearly as well as its span (a cold open repeating a
    passage said later, a phrase the speaker repeats)."""
    rows = [k for k, s in enumerate(pe.sentences) if s.excerpt == i]
    a, b = span
    length = max(1, b - a + 1)
    # profile[j]: how well the excerpt's sentences fit a stretch starting at window j
    profile = np.zeros(pt.n)
    for k in rows:
        row = scores.margin[k]
        windowed = np.lib.stride_tricks.sliding_window_view(
            np.concatenate([row, np.full(length - 1, -np.inf)]), length).max(axis=1)
        profile += windowed
    profile /= len(rows)
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
