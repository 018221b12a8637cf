"""How well each excerpt sentence matches each caption window.

Three signals, as the alignment research recommends:
- meaning: cosine of multilingual sentence embeddings (works across languages, but rewards topic
  as much as words);
- words: IDF-weighted coverage of the sentence's words and word pairs by the window, when both
  sides share a language (this is what tells a real quote from an invented one on the same topic);
- anchors that survive translation: numbers, Latin-script names, katakana loanwords.
Scores are then normalised by margin against the sentence's typical score over the whole
transcript, as Bertalign and Vecalign do, so a threshold means the same for every sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
from rapidfuzz import fuzz, process

from .units import PreparedExcerpts, PreparedTranscript, Sentence

# weights of the raw score (tuned on the samples' and the seed's gold; see benchmarks/accuracy.py)
SAME_LANGUAGE_EMBED = 0.35
SAME_LANGUAGE_WORDS = 0.65
CROSS_LANGUAGE_ANCHORS = 0.25
WORDS_PASS = 0.6  # word coverage at which a same-language sentence is placed on its own
ANCHORS_PER_SENTENCE = 3  # best stretches of the transcript kept per sentence, for big inputs


@dataclass
class Scores:
    raw: np.ndarray  # (sentences, windows)
    margin: np.ndarray  # raw minus the sentence's background level, in units of its spread
    row_stats: list  # per sentence (median, spread) used for the margin
    embed: np.ndarray
    words: np.ndarray  # word coverage (0 where not same-language)
    anchors: np.ndarray
    anchor_buckets = None  # (BlockScores only: candidate anchors per sentence)

    @cached_property
    def best_window(self) -> np.ndarray:
        return self.margin.argmax(axis=1)

    @cached_property
    def best_margin(self) -> np.ndarray:
        return self.margin.max(axis=1)

    def band(self, rows: range, lo: int, hi: int) -> np.ndarray:
        """Margins of the sentences `rows` (consecutive) on windows lo..hi-1."""
        return self.margin[rows.start : rows.stop, lo:hi]


def score_matrix(pt: PreparedTranscript, pe: PreparedExcerpts) -> Scores:
    k, n = len(pe.sentences), pt.n
    if pt.window_embeddings is not None and pe.embeddings is not None:
        embed = pe.embeddings @ pt.window_embeddings.T
    else:
        embed = np.zeros((k, n), dtype=np.float32)
    _find_anchor_lines(pt, pe)
    raw, words, anchors = raw_scores(pt, pe, range(k), embed)
    margin, stats = margin_normalise(raw)
    _words_floor(pe, range(k), margin, words)
    return Scores(raw=raw, margin=margin, row_stats=stats, embed=embed, words=words, anchors=anchors)


def raw_scores(pt: PreparedTranscript, pe: PreparedExcerpts, rows, embed: np.ndarray,
               columns: slice = slice(None)) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(raw, words, anchors) of the sentences `rows` against the windows `columns`, given their
    embedding similarities `embed` (len(rows) × those windows)."""
    shape = embed.shape
    words = np.zeros(shape, dtype=np.float32)
    anchors = np.zeros(shape, dtype=np.float32)
    raw = np.empty(shape, dtype=np.float32)
    for r, k in enumerate(rows):
        sentence = pe.sentences[k]
        if pe.same_language[sentence.excerpt]:
            words[r] = word_coverage(sentence, pt)[columns]
            raw[r] = SAME_LANGUAGE_EMBED * embed[r] + SAME_LANGUAGE_WORDS * words[r]
        else:
            anchors[r] = anchor_coverage(sentence, pt)[columns]
            raw[r] = embed[r] + CROSS_LANGUAGE_ANCHORS * anchors[r]
    return raw, words, anchors


def _words_floor(pe: PreparedExcerpts, rows, margin: np.ndarray, words: np.ndarray) -> None:
    """Words are their own scale: most of a sentence's words and word pairs in a window is a match
    however short the transcript (margins need many windows to mean anything)."""
    for r, k in enumerate(rows):
        if pe.same_language[pe.sentences[k].excerpt]:
            margin[r] = np.maximum(margin[r], 1.0 + (words[r] - WORDS_PASS) * 5.0)


class BlockScores:
    """The same scores as `Scores`, for inputs too big to hold as sentences × windows matrices. One
    pass over blocks of sentences keeps what needs the whole transcript: each sentence's background
    level (for the margin), its best window, and the few stretches of `bucket` windows where it
    matches best (its candidate anchors). The blocks themselves are kept up to KEEP_BYTES (so
    memory stays bounded whatever the input), later ones computed again when asked for, the last
    few of those kept too."""

    BLOCK = 64  # sentences per block
    KEEP_BYTES = 160 * 2**20  # blocks kept from the first pass
    KEEP = 6  # blocks computed again that are kept, most recently used

    def __init__(self, pt: PreparedTranscript, pe: PreparedExcerpts, bucket: int):
        self.pt, self.pe, self.bucket = pt, pe, bucket
        k = len(pe.sentences)
        self.row_stats: list = []
        self.best_window = np.zeros(k, dtype=np.int64)
        self.best_margin = np.zeros(k)
        buckets = -(-pt.n // bucket)
        top = min(ANCHORS_PER_SENTENCE, buckets)
        # per sentence: its best buckets and its best margin in each of them
        self.anchor_buckets = np.zeros((k, top), dtype=np.int64)
        self.anchor_margins = np.full((k, top), -np.inf, dtype=np.float32)
        self._blocks: dict[int, tuple[np.ndarray, np.ndarray | None]] = {}  # from the first pass
        self._recent: dict[int, tuple[np.ndarray, np.ndarray | None]] = {}
        self._kept_bytes = 0
        _find_anchor_lines(pt, pe)
        for first in range(0, k, self.BLOCK):
            rows = range(first, min(k, first + self.BLOCK))
            raw, words, _ = raw_scores(pt, pe, rows, self._embed(rows))
            margin, stats = margin_normalise(raw)
            _words_floor(pe, rows, margin, words)
            self.row_stats.extend(stats)
            self.best_window[rows.start : rows.stop] = margin.argmax(axis=1)
            self.best_margin[rows.start : rows.stop] = margin.max(axis=1)
            padded = np.full((len(rows), buckets * bucket), -np.inf, dtype=np.float32)
            padded[:, : pt.n] = margin
            coarse = padded.reshape(len(rows), buckets, bucket).max(axis=2)
            best = np.argpartition(-coarse, top - 1, axis=1)[:, :top]
            self.anchor_buckets[rows.start : rows.stop] = best
            self.anchor_margins[rows.start : rows.stop] = np.take_along_axis(coarse, best, axis=1)
            if self._kept_bytes + margin.nbytes <= self.KEEP_BYTES:
                self._blocks[first // self.BLOCK] = (margin, self._words_kept(rows, words))
                self._kept_bytes += margin.nbytes
        self.margin = _Rows(self, 0)
        self.words = _Rows(self, 1)

    def _embed(self, rows, columns: slice = slice(None)) -> np.ndarray:
        pt, pe = self.pt, self.pe
        if pt.window_embeddings is None or pe.embeddings is None:
            return np.zeros((len(rows), len(range(pt.n)[columns])), dtype=np.float32)
        from threadpoolctl import threadpool_limits

        # one BLAS thread: OpenBLAS's second thread spins between products, and between these
        # many short ones (a block of sentences each, with scoring in between) it burns a core
        # waiting; on a busy machine that slows the whole check (long case: 7.2 s CPU -> 5.8 s)
        with threadpool_limits(limits=1, user_api="blas"):
            return pe.embeddings[rows.start : rows.stop] @ pt.window_embeddings[columns].T

    def _words_kept(self, rows: range, words: np.ndarray) -> np.ndarray | None:
        """Word coverage is only kept for blocks with a same-language sentence (else all zeros)."""
        return words if any(self.pe.same_language[self.pe.sentences[k].excerpt] for k in rows) else None

    def block(self, block: int) -> tuple[np.ndarray, np.ndarray]:
        kept = self._blocks.get(block) or self._recent.pop(block, None)
        if kept is None:
            first = block * self.BLOCK
            rows = range(first, min(len(self.pe.sentences), first + self.BLOCK))
            margin, words = self._compute(rows, 0, self.pt.n)
            kept = (margin, self._words_kept(rows, words))
        if block not in self._blocks:
            self._recent[block] = kept  # the most recently used last
            while len(self._recent) > self.KEEP:
                del self._recent[next(iter(self._recent))]
        margin, words = kept
        if words is None:  # no same-language sentence in the block: no word coverage anywhere
            if getattr(self, "_no_words", None) is None or self._no_words.shape != margin.shape:
                self._no_words = np.zeros_like(margin)
            words = self._no_words
        return margin, words

    def band(self, rows: range, lo: int, hi: int) -> np.ndarray:
        """Margins of the sentences `rows` (consecutive) on windows lo..hi-1."""
        blocks = range(rows.start // self.BLOCK, (rows.stop - 1) // self.BLOCK + 1)
        if all(b in self._blocks for b in blocks):  # kept from the first pass: a slice of them
            cut = slice(rows.start - blocks.start * self.BLOCK, rows.stop - blocks.start * self.BLOCK)
            return np.vstack([self.block(b)[0][:, lo:hi] for b in blocks])[cut]
        return self._compute(rows, lo, hi)[0]

    def _compute(self, rows: range, lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]:
        columns = slice(lo, hi)
        raw, words, _ = raw_scores(self.pt, self.pe, rows, self._embed(rows, columns), columns)
        stats = np.array(self.row_stats[rows.start : rows.stop], dtype=np.float32).reshape(-1, 2)
        margin = (raw - stats[:, :1]) / stats[:, 1:]
        _words_floor(self.pe, rows, margin, words)
        return margin, words


class _Rows:
    """`scores.margin[k]`, `[k, j]`, `[k, windows]` and `[rows]` of a BlockScores, as on a matrix
    (the aligner asks excerpt by excerpt, in order, so each block is computed about once a pass)."""

    def __init__(self, owner: BlockScores, which: int):
        self.owner, self.which = owner, which

    def _row(self, k: int) -> np.ndarray:
        block, offset = divmod(int(k), self.owner.BLOCK)
        return self.owner.block(block)[self.which][offset]

    def __getitem__(self, key):
        if isinstance(key, tuple):
            k, columns = key
            return self._row(k)[columns]
        if isinstance(key, (list, np.ndarray, range)):
            return np.vstack([self._row(k) for k in key])
        return self._row(key)


def margin_normalise(raw: np.ndarray) -> tuple[np.ndarray, list]:
    """(score − the sentence's median over all windows) / (its 99th percentile − median).

    A sentence that matches one place stands out by about 1.0 or more; a sentence that matches
    nowhere (or everywhere, like a topical sentence) stays below 1."""
    if raw.size == 0:
        return raw.copy(), []
    # the 99th percentile, but never closer to the top than the 5th best window, so that short
    # transcripts get a background level too
    q = 100.0 * min(0.99, max(0.5, 1.0 - 5.0 / raw.shape[1]))
    median, high = _median_and_percentile(raw, q)
    spread = np.maximum(high - median, 0.05)
    return (raw - median) / spread, list(zip(median[:, 0].tolist(), spread[:, 0].tolist()))


def _median_and_percentile(raw: np.ndarray, q: float) -> tuple[np.ndarray, np.ndarray]:
    """np.median(raw, axis=1, keepdims=True) and np.percentile(raw, q, axis=1, keepdims=True) (its
    linear method), bit for bit: the order statistics they read, and their arithmetic. numpy
    partitions at several places at once (slow) and the percentile across rows (slower); here each
    is one partition at one place, its neighbour the smallest (largest) value past (before) it."""
    n = raw.shape[1]
    half = n // 2
    at_half = np.partition(raw, half, axis=1)
    middle = at_half[:, half : half + 1]
    if n % 2 == 0:
        middle = np.concatenate([at_half[:, :half].max(axis=1, keepdims=True), middle], axis=1)
    median = np.mean(middle, axis=1, keepdims=True)
    at = (n - 1) * np.true_divide(q, 100)  # where the percentile falls among the sorted values
    if at < n - 1:
        below = int(np.floor(at))
        at_below = np.partition(raw, below, axis=1)
        lower = at_below[:, below : below + 1]
        upper = at_below[:, below + 1 :].min(axis=1, keepdims=True)
    else:  # numpy takes the largest value
        lower = upper = raw.max(axis=1, keepdims=True)
    gamma = float(at - np.floor(at))  # a Python float, as numpy keeps it for a Python float q
    step = upper - lower
    high = upper - step * (1 - gamma) if gamma >= 0.5 else lower + step * gamma
    nan = np.isnan(raw.max(axis=1, keepdims=True))  # numpy gives NaN for a row with a NaN
    if nan.any():
        median, high = np.where(nan, np.nan, median).astype(median.dtype), np.where(nan, np.nan, high).astype(high.dtype)
    return median, high


def word_coverage(sentence: Sentence, pt: PreparedTranscript) -> np.ndarray:
    """Share of the sentence's words (IDF-weighted) and word pairs found in each window."""
    n = pt.n
    tokens = list(sentence.tokens)
    if not tokens:
        return np.zeros(n, dtype=np.float32)
    uni = np.zeros(n, dtype=np.float32)
    total = 0.0
    for tok in set(tokens):
        w = pt.idf.get(tok, pt.default_idf)
        total += w
        hits = pt.token_windows(tok)
        if hits is not None:
            uni[hits] += w
    uni /= max(total, 1e-9)
    pairs = list(dict.fromkeys(zip(tokens, tokens[1:])))
    if not pairs:
        return uni
    bi = np.zeros(n, dtype=np.float32)
    total = 0.0
    for pair in pairs:
        w = pt.idf.get(pair[0], pt.default_idf) + pt.idf.get(pair[1], pt.default_idf)
        total += w
        hits = pt.pair_windows(pair)
        if hits is not None:
            bi[hits] += w
    bi /= max(total, 1e-9)
    return 0.5 * uni + 0.5 * bi


def anchor_coverage(sentence: Sentence, pt: PreparedTranscript) -> np.ndarray:
    """Share of a translated sentence's anchors (numbers, Latin names, loanwords) in each window."""
    out = np.zeros(pt.n, dtype=np.float32)
    items = 0
    for value in sentence.numbers:
        items += 1
        hits = pt.number_windows(value)
        if hits is not None:
            out[hits] += _rarity(len(pt.number_lines[value]))
    for key in sentence.names:
        items += 1
        windows, lines = _fuzzy_windows(key, pt.name_lines, pt._cache.setdefault("names", {}), pt)
        out[windows] += _rarity(lines)
    for key in sentence.phonetic:
        items += 1
        windows, lines = _fuzzy_windows(key, pt.phonetic_lines, pt._cache.setdefault("phonetic", {}), pt)
        out[windows] += 0.7 * _rarity(lines)
    return out / items if items else out


def _rarity(lines: int) -> float:
    """An anchor said on one or two lines points at a place; one said all through the video (the
    name it is about) points nowhere in particular."""
    return 1.0 if lines <= 2 else float(1.0 / (1.0 + np.log2(lines / 2.0)))


def _fuzzy_windows(key: str, table, memo: dict, pt: PreparedTranscript) -> tuple[np.ndarray, int]:
    """The windows holding a word close to `key`, and on how many caption lines it is said."""
    if ("windows", key) not in memo:
        lines = _fuzzy_lines(key, table, memo)
        memo[("windows", key)] = (pt.windows_of(lines), len(lines))
    return memo[("windows", key)]


def _fuzzy_lines(key: str, table, memo: dict, cutoff: int = 84) -> np.ndarray:
    """Caption lines holding a word close to `key` (Andrej ~ Andre, GPT-3 ~ GPT3)."""
    if key not in memo:
        _find_fuzzy_lines([key], table, memo, cutoff)
    return memo[key]


def _find_fuzzy_lines(keys: list[str], table, memo: dict, cutoff: int = 84) -> None:
    """_fuzzy_lines of many keys into `memo`, the words close to them found in one rapidfuzz
    cdist per batch (one `process.extract` per key cost more than its comparisons)."""
    close: dict[str, list[str]] = {key: [] for key in keys}
    fuzzy = [key for key in keys if len(key) >= 4]
    if fuzzy:
        if ("vocabulary",) not in memo:
            memo[("vocabulary",)] = [w for w in table if len(w) >= 3]
        vocabulary = memo[("vocabulary",)]
        for first in range(0, len(fuzzy) if vocabulary else 0, 256):  # bounded memory: a byte per pair
            batch = fuzzy[first : first + 256]
            passed = process.cdist(batch, vocabulary, scorer=fuzz.ratio, score_cutoff=cutoff, dtype=np.uint8)
            for key, row in zip(batch, passed):  # below the cutoff a score is 0
                close[key] = [vocabulary[j] for j in np.flatnonzero(row)]
    for key in keys:
        words = [word for word in (key, key + "s") if word in table] + close[key]
        memo[key] = (np.unique(np.concatenate([table[w] for w in words])) if words
                     else np.zeros(0, dtype=np.int64))


def _find_anchor_lines(pt: PreparedTranscript, pe: PreparedExcerpts) -> None:
    """The caption lines of every translated sentence's names and loanwords, looked up at once."""
    translated = [s for s in pe.sentences if not pe.same_language[s.excerpt]]
    for kind, table in (("names", pt.name_lines), ("phonetic", pt.phonetic_lines)):
        memo = pt._cache.setdefault(kind, {})
        keys = dict.fromkeys(key for s in translated for key in getattr(s, kind) if key not in memo)
        if keys:
            _find_fuzzy_lines(list(keys), table, memo)
