"""From placed sentences to excerpt spans refined to caption lines.

The DP places sentences on 3-line windows, which is only as precise as a window. Each excerpt's
span is then moved, a caption line at a time, to where the excerpt as a whole matches best, and
neighbouring excerpts (consecutive turns of a conversation) are split where the turn changes.
"""

from __future__ import annotations

import numpy as np

from .units import PreparedExcerpts, PreparedTranscript

SLACK = 3  # caption lines a boundary may move during refinement
CLOSE_GAP = 15.0  # seconds between two quoted turns of a translation that are closed
GROW_TO = 0.75  # a standalone translated quote's span grows to this share of its expected length ...
GROW_TOLERANCE = 0.03  # ... while each added line costs at most this much of its similarity
CHARS_PER_SECOND = {"ja": 7.0, "zh": 5.0, "ko": 6.0, "latin": 14.0, "other": 10.0}
LENGTH_FACTOR, LENGTH_SLACK = 3.0, 60.0  # a match lasts at most this many times its text's length, plus this


def seconds_to_say(text: str, script: str | None = None) -> float:
    """Roughly how long `text` takes to say, from its length and script."""
    from .text import script_of

    return len(text) / CHARS_PER_SECOND.get(script or script_of(text), 10.0)


def longest_plausible(text: str, script: str | None = None) -> float:
    """The longest a match of `text` may last: what it takes to say ×3, plus a minute (DESIGN §8)."""
    return LENGTH_FACTOR * seconds_to_say(text, script) + LENGTH_SLACK


class SpanScorer:
    """Similarity of a whole excerpt to any run of caption lines, in O(1) per span."""

    def __init__(self, pt: PreparedTranscript, pe: PreparedExcerpts):
        self.pt = pt
        self.pe = pe
        emb = pt.segment_embeddings
        self.prefix = pt._cache.get("prefix")
        if self.prefix is None and emb is not None:
            # prefix sums make any run's mean embedding O(1); computed once per transcript
            self.prefix = np.vstack([np.zeros((1, emb.shape[1]), dtype=np.float32),
                                     np.cumsum(emb, axis=0, dtype=np.float32)])
            pt._cache["prefix"] = self.prefix
        self._token_sets = [set(self._tokens(i)) for i in range(len(pe.excerpts))]
        self._seg_tokens = pt.seg_tokens
        self.located: dict[tuple[int, int], tuple[int, int]] = {}  # locate_in_window, asked for again
        self._spans: dict[tuple[int, int], tuple[set[str], float]] = {}
        self._mine_weight: dict[int, float] = {}

    def _tokens(self, i: int) -> list[str]:
        return [t for k in self.pe.rows(i) for t in self.pe.sentences[k].tokens]

    def meaning(self, i: int, a: int, b: int) -> float:
        if self.prefix is None or self.pe.excerpt_embeddings is None:
            return 0.0
        v = self.prefix[b + 1] - self.prefix[a]
        norm = np.linalg.norm(v)
        return float(self.pe.excerpt_embeddings[i] @ v / norm) if norm else 0.0

    def words(self, i: int, a: int, b: int) -> tuple[float, float, float]:
        """(coverage of the excerpt's words by the span, precision of the span's words, F)."""
        idf, default = self.pt.idf, self.pt.default_idf
        mine = self._token_sets[i]
        span_tokens, span_weight = self._span_words(a, b)
        if not mine or not span_tokens:
            return 0.0, 0.0, 0.0
        if i not in self._mine_weight:
            self._mine_weight[i] = sum(idf.get(t, default) for t in mine)
        covered = sum(idf.get(t, default) for t in mine & span_tokens)
        coverage = covered / self._mine_weight[i]
        precision = sum(idf.get(t, default) for t in span_tokens & mine) / span_weight
        beta2 = 9.0  # coverage matters more than precision: quotes skip words, spans hold extra
        f = (1 + beta2) * coverage * precision / (beta2 * precision + coverage) if coverage + precision else 0.0
        return coverage, precision, f

    def _span_words(self, a: int, b: int) -> tuple[set[str], float]:
        """The words of lines a..b and their total weight, kept: refining spans asks for the same
        runs for every excerpt nearby."""
        if (a, b) not in self._spans:
            idf, default = self.pt.idf, self.pt.default_idf
            span_tokens: set[str] = set()
            for toks in self._seg_tokens[a : b + 1]:
                span_tokens.update(toks)
            self._spans[(a, b)] = span_tokens, sum(idf.get(t, default) for t in span_tokens)
        return self._spans[(a, b)]

    def score(self, i: int, a: int, b: int) -> float:
        if self.pe.same_language[i]:
            return 0.75 * self.words(i, a, b)[2] + 0.25 * self.meaning(i, a, b)
        return self.meaning(i, a, b)


def region_of(placements: list[tuple[int, int]], scorer: "SpanScorer") -> tuple[int, int]:
    """The caption lines an excerpt's placed sentences cover: from where its first placed
    sentence best fits inside its window to where its last one does. `placements` holds
    (sentence row, window) pairs in sentence order."""
    (k_first, j_first), (k_last, j_last) = placements[0], placements[-1]
    a, _ = locate_in_window(scorer, k_first, j_first)
    _, b = locate_in_window(scorer, k_last, j_last)
    if b < a:
        a, b = min(a, b), max(a, b)
    return a, b


def locate_in_window(scorer: "SpanScorer", k: int, j: int) -> tuple[int, int]:
    """The run of caption lines inside window j (1, 2 or all 3 of them) that sentence k fits best."""
    if (k, j) not in scorer.located:
        scorer.located[(k, j)] = _locate(scorer, k, j)
    return scorer.located[(k, j)]


def _locate(scorer: "SpanScorer", k: int, j: int) -> tuple[int, int]:
    pt, pe = scorer.pt, scorer.pe
    last = min(pt.n - 1, j + pt.window - 1)
    if scorer.prefix is None or pe.embeddings is None or last == j:
        return j, last
    best, best_span = -np.inf, (j, last)
    vec = pe.embeddings[k]
    same_language = pe.same_language[pe.sentences[k].excerpt]
    for a in range(j, last + 1):
        for b in range(a, last + 1):
            v = scorer.prefix[b + 1] - scorer.prefix[a]
            norm = np.sqrt(v.dot(v))  # np.linalg.norm(v), without its checks
            sim = float(vec @ v / norm) if norm else 0.0
            if same_language:
                toks = set(pe.sentences[k].tokens)
                span_toks = set(t for s in scorer._seg_tokens[a : b + 1] for t in s)
                sim = 0.35 * sim + 0.65 * (len(toks & span_toks) / max(1, len(toks)))
            sim -= 0.01 * (b - a)  # prefer the tighter run when they tie
            if sim > best:
                best, best_span = sim, (a, b)
    return best_span


def refine(scorer: SpanScorer, i: int, region: tuple[int, int], *, lo: int = 0, hi: int | None = None) -> tuple[int, int, float]:
    """The best span near `region` for excerpt i, each boundary moving at most SLACK lines and
    staying within [lo, hi]."""
    n = scorer.pt.n
    hi = n - 1 if hi is None else hi
    a0, b0 = region
    best = (a0, b0, scorer.score(i, a0, b0))
    for a in range(max(lo, a0 - SLACK), min(hi, a0 + SLACK) + 1):
        for b in range(max(a, b0 - SLACK), min(hi, b0 + SLACK) + 1):
            s = scorer.score(i, a, b)
            if s > best[2] + 1e-9:
                best = (a, b, s)
    return best


def line_affinity(scorer: SpanScorer, scores, i: int, lines: range, *, end: str = "",
                  rows: list[int] | None = None) -> np.ndarray:
    """How strongly each caption line in `lines` belongs to excerpt i: the best similarity of the
    excerpt's sentences at that `end` ("first" or "last" two; or the given `rows`) to that single
    line, on each sentence's own margin scale. Only the sentences next to the boundary are asked:
    the others are spoken elsewhere."""
    pt, pe = scorer.pt, scorer.pe
    if rows is None:
        rows = pe.rows(i)
        rows = rows[:2] if end == "first" else rows[-2:]
    out = np.full(len(lines), -np.inf)
    if pt.segment_embeddings is None or pe.embeddings is None or not rows:
        return np.zeros(len(lines))
    seg = pt.segment_embeddings[lines.start : lines.stop]
    for k in rows:
        raw = pe.embeddings[k] @ seg.T
        if pe.same_language[i]:
            toks = set(pe.sentences[k].tokens)
            words = np.array([len(toks & set(scorer._seg_tokens[s])) / max(1, len(set(scorer._seg_tokens[s])))
                              for s in lines])
            raw = 0.35 * raw + 0.65 * words
        median, spread = scores.row_stats[k]
        out = np.maximum(out, (raw - median) / spread)
    return out


def split_between(scorer: SpanScorer, scores, left: int, right: int, zone: range) -> int:
    """The caption line where excerpt `right` begins, when `left` comes just before it: the
    split of `zone` that gives each line to the excerpt it matches better."""
    aff_left = line_affinity(scorer, scores, left, zone, end="last")
    aff_right = line_affinity(scorer, scores, right, zone, end="first")
    # gain of cutting before position p: lines before p go left, from p on go right
    best_p, best = 0, -np.inf
    for p in range(1, len(zone)):
        total = aff_left[:p].sum() + aff_right[p:].sum()
        if total > best:
            best, best_p = total, p
    return zone.start + best_p


def build_spans(placed: dict[int, list[tuple[int, int]]], scorer: SpanScorer, scores,
                loose: set[int]) -> dict[int, tuple[int, int]]:
    """Spans of caption lines for every placed excerpt.

    `placed[i]` lists (sentence row, window) of excerpt i's placed sentences. Same-language
    excerpts are refined on their words, which are precise to the line. Translations keep the
    lines their placed sentences were located on, extended towards sentences the DP could not
    place (a loose translation's first or last sentence), and consecutive quoted turns are made
    to meet: what lies between two turns belongs to the one with unplaced sentences on that side.
    `loose` excerpts (rescued out of order) are left alone."""
    pe = scorer.pe
    rows_of = {i: pe.rows(i) for i in placed}
    spans: dict[int, tuple[int, int]] = {}
    head: dict[int, int] = {}  # characters of unplaced sentences before the first placed one
    tail: dict[int, int] = {}
    for i, placements in placed.items():
        rows = rows_of[i]
        placed_rows = [k for k, _ in placements]
        head[i] = sum(len(pe.sentences[k].text) for k in rows if k < placed_rows[0])
        tail[i] = sum(len(pe.sentences[k].text) for k in rows if k > placed_rows[-1])
        a, b = region_of(placements, scorer)
        if pe.same_language[i]:
            a, b, _ = refine(scorer, i, (a, b))
        else:
            a, b = _extend(scorer, i, a, b, head[i], tail[i])
        spans[i] = (a, b)
    order = sorted(i for i in spans if i not in loose)
    for left, right in zip(order, order[1:]):
        if right == left + 1:
            gap = range(spans[left][1] + 1, spans[right][0])
            left_open = _reaches(scorer, scores, left, [k for k in rows_of[left] if k > placed[left][-1][0]],
                                 spans[left], gap, inner_end="last")
            right_open = _reaches(scorer, scores, right, [k for k in rows_of[right] if k < placed[right][0][0]],
                                  spans[right], gap, inner_end="first")
            _meet(spans, scorer, scores, left, right, left_open, right_open)
    for i in spans:
        if not pe.same_language[i] and not _is_turn(pe.excerpts[i]):
            spans[i] = _grow_to_length(scorer, i, spans[i], spans)
    return spans


def _grow_to_length(scorer: SpanScorer, i: int, span: tuple[int, int], spans: dict) -> tuple[int, int]:
    """A translated quote said in far less time than its length needs takes in the caption lines
    beside it, a line at a time on the side that keeps it most like the quote, until it lasts
    about as long as the quote takes to say (length compatibility, as Gale–Church and Bertalign
    weigh it). Lines another excerpt holds are never taken."""
    pt, pe = scorer.pt, scorer.pe
    rate = CHARS_PER_SECOND.get(pe.scripts[i], 10.0)
    expected = len(pe.texts[i]) / rate
    a, b = span
    taken = {k for j, (x, y) in spans.items() if j != i for k in range(x, y + 1)}
    base = scorer.score(i, a, b)
    while pt.ends[b] - pt.starts[a] < GROW_TO * expected:
        options = []
        if a > 0 and a - 1 not in taken:
            options.append((scorer.score(i, a - 1, b), a - 1, b))
        if b < pt.n - 1 and b + 1 not in taken:
            options.append((scorer.score(i, a, b + 1), a, b + 1))
        if not options:
            break
        best, na, nb = max(options)
        if best < base - GROW_TOLERANCE:
            break
        a, b = na, nb
    return a, b


def _reaches(scorer: SpanScorer, scores, i: int, unplaced: list[int], span: tuple[int, int],
             gap: range, *, inner_end: str) -> bool:
    """Do the unplaced sentences at one end of an excerpt fit the gap beside it better than the
    edge of its own span? (If so, that gap is theirs.)"""
    if not unplaced or len(gap) == 0:
        return False
    a, b = span
    inner = range(max(a, b - 2), b + 1) if inner_end == "last" else range(a, min(b, a + 2) + 1)
    outside = line_affinity(scorer, scores, i, gap, rows=unplaced).max()
    within = line_affinity(scorer, scores, i, inner, rows=unplaced).max()
    return bool(outside > within)


def _extend(scorer: SpanScorer, i: int, a: int, b: int, head: int, tail: int) -> tuple[int, int]:
    """Grow a translated excerpt's span over lines its unplaced sentences plausibly render, as
    far as their length suggests, where that raises the whole excerpt's similarity."""
    pt = scorer.pt
    rate = CHARS_PER_SECOND.get(scorer.pe.scripts[i], 10.0)
    best = scorer.score(i, a, b)
    if head:
        limit = pt.starts[a] - 1.5 * head / rate
        cand = a
        while cand > 0 and pt.starts[cand - 1] >= limit:
            cand -= 1
            s = scorer.score(i, cand, b)
            if s > best:
                best, a = s, cand
    if tail:
        limit = pt.ends[b] + 1.5 * tail / rate
        cand = b
        while cand < pt.n - 1 and pt.ends[cand + 1] <= limit:
            cand += 1
            s = scorer.score(i, a, cand)
            if s > best:
                best, b = s, cand
    return a, b


def _is_turn(excerpt) -> bool:
    """A turn of a conversation: a question or an answer, or a quote credited to a speaker."""
    return excerpt.role in ("question", "answer") or bool(excerpt.speaker)


def _meet(spans, scorer: SpanScorer, scores, left: int, right: int, left_open: bool, right_open: bool) -> None:
    pt, pe = scorer.pt, scorer.pe
    a, b_left = spans[left]
    a_right, b = spans[right]
    if a_right <= a or b <= b_left:
        return  # one inside the other: nothing sensible to split
    translated = not (pe.same_language[left] or pe.same_language[right])
    if a_right > b_left + 1:  # a gap
        gap = pt.starts[a_right] - pt.ends[b_left]
        # turns of a conversation follow each other; separate quotes of a talk need not
        if not translated or gap > CLOSE_GAP or not (_is_turn(pe.excerpts[left]) and _is_turn(pe.excerpts[right])):
            return
        if left_open and not right_open:
            spans[left] = (a, a_right - 1)
            return
        if right_open and not left_open:
            spans[right] = (b_left + 1, b)
            return
        zone = range(b_left, a_right + 1)
    else:  # overlapping or touching
        zone = range(max(a + 1, a_right - 1), min(b, b_left + 1) + 1)
    if len(zone) < 2:
        return
    c = split_between(scorer, scores, left, right, zone)
    spans[left], spans[right] = (a, c - 1), (c, b)
