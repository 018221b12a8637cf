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

import numpy as np
from rapidfuzz import fuzz

from .units import PreparedExcerpts, PreparedTranscript, Sentence

# weights of the raw score (tuned on the samples' and the seed's gold; see benchmarks/accuracy.py)
SAME_LANGUAGE_EMBED = 0.35
SAME_LANGUAGE_WORDS = 0.65
CROSS_LANGUAGE_ANCHORS = 0.25
WORDS_PASS = 0.6  # word coverage at which a same-language sentence is placed on its own


@dataclass
class Scores:
    raw: np.ndarray  # (sentences, windows)
    margin: np.ndarray  # raw minus the sentence's background level, in units of its spread
    row_stats: list  # per sentence (median, spread) used for the margin
    embed: np.ndarray
    words: np.ndarray  # word coverage (0 where not same-language)
    anchors: np.ndarray


def score_matrix(pt: PreparedTranscript, pe: PreparedExcerpts) -> Scores:
    k, n = len(pe.sentences), pt.n
    if pt.window_embeddings is not None and pe.embeddings is not None:
        embed = pe.embeddings @ pt.window_embeddings.T
    else:
        embed = np.zeros((k, n), dtype=np.float32)
    words = np.zeros((k, n), dtype=np.float32)
    anchors = np.zeros((k, n), dtype=np.float32)
    raw = np.empty((k, n), dtype=np.float32)
    for i, sentence in enumerate(pe.sentences):
        if pe.same_language[sentence.excerpt]:
            words[i] = word_coverage(sentence, pt)
            raw[i] = SAME_LANGUAGE_EMBED * embed[i] + SAME_LANGUAGE_WORDS * words[i]
        else:
            anchors[i] = anchor_coverage(sentence, pt)
            raw[i] = embed[i] + CROSS_LANGUAGE_ANCHORS * anchors[i]
    margin, stats = margin_normalise(raw)
    for i, sentence in enumerate(pe.sentences):
        if pe.same_language[sentence.excerpt]:
            # words are their own scale: most of a sentence's words and word pairs in a window is
            # a match however short the transcript (margins need many windows to mean anything)
            margin[i] = np.maximum(margin[i], 1.0 + (words[i] - WORDS_PASS) * 5.0)
    return Scores(raw=raw, margin=margin, row_stats=stats, embed=embed, words=words, anchors=anchors)


def margin_normalise(raw: np.ndarray) -> tuple[np.ndarray, list]:
    """(score − the sentence's median over all windows) / (its 99th percentile − median).

    A sentence that matches one place stands out by about 1.0 or more; a sentence that matches
    nowhere (or everywhere, like a topical sentence) stays below 1."""
    if raw.size == 0:
        return raw.copy(), []
    median = np.median(raw, axis=1, keepdims=True)
    # the 99th percentile, but never closer to the top than the 5th best window, so that short
    # transcripts get a background level too
    q = 100.0 * min(0.99, max(0.5, 1.0 - 5.0 / raw.shape[1]))
    high = np.percentile(raw, q, axis=1, keepdims=True)
    spread = np.maximum(high - median, 0.05)
    return (raw - median) / spread, list(zip(median[:, 0].tolist(), spread[:, 0].tolist()))


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
        lines = _fuzzy_lines(key, pt.name_lines, pt._cache.setdefault("names", {}))
        out[pt.windows_of(lines)] += _rarity(len(lines))
    for key in sentence.phonetic:
        items += 1
        lines = _fuzzy_lines(key, pt.phonetic_lines, pt._cache.setdefault("phonetic", {}))
        out[pt.windows_of(lines)] += 0.7 * _rarity(len(lines))
    return out / items if items else out


def _rarity(lines: int) -> float:
    """An anchor said on one or two lines points at a place; one said all through the video (the
    name it is about) points nowhere in particular."""
    return 1.0 if lines <= 2 else float(1.0 / (1.0 + np.log2(lines / 2.0)))


def _fuzzy_lines(key: str, table, memo: dict, cutoff: int = 84) -> np.ndarray:
    """Caption lines holding a word close to `key` (Andrej ~ Andre, GPT-3 ~ GPT3)."""
    if key not in memo:
        words = [word for word in table
                 if word == key or word == key + "s"
                 or (len(key) >= 4 and len(word) >= 3 and fuzz.ratio(key, word) >= cutoff)]
        memo[key] = (np.unique(np.concatenate([table[w] for w in words])) if words
                     else np.zeros(0, dtype=np.int64))
    return memo[key]
