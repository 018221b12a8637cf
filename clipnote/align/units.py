"""The two sides of an alignment, prepared once: caption windows of a transcript and the sentences
of a clip's excerpts, each with the lexical features the scorer needs."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from math import log
from typing import Sequence

import numpy as np

from ..model import Excerpt, Transcript
from . import text as T

WINDOW = 3  # caption lines per window: about a spoken sentence in YouTube or Whisper captions

_NOISE = re.compile(r"\[(?:music|applause|laughter|laughs|inaudible|crosstalk|silence|음악|音楽|拍手)\]|♪+",
                    re.IGNORECASE)
_SPEAKER_MARK = re.compile(r"^\s*(?:>>|&gt;&gt;|-\s)\s*")


def clean_caption(text: str) -> str:
    text = _NOISE.sub(" ", text)
    text = _SPEAKER_MARK.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class PreparedTranscript:
    """A transcript ready to be aligned against: cleaned lines, windows, postings, embeddings."""

    transcript: Transcript
    texts: list[str]
    starts: np.ndarray
    ends: np.ndarray
    turns: np.ndarray  # speaker-turn number per caption line (from `>>` marks), or all zeros
    has_turn_marks: bool
    script: str
    window_texts: list[str]
    window_tokens: list[frozenset]
    postings: dict  # token -> np.ndarray of window indices
    bigram_postings: dict
    idf: dict
    default_idf: float
    vocabulary: frozenset
    window_numbers: list[frozenset]
    window_names: list[frozenset]  # name keys of Latin words
    window_phonetic: list[frozenset]  # phonetic keys of Latin words
    segment_embeddings: np.ndarray | None = None
    window_embeddings: np.ndarray | None = None
    _cache: dict = field(default_factory=dict)

    @property
    def n(self) -> int:
        return len(self.texts)

    def window_span(self, j: int) -> tuple[int, int]:
        return j, min(self.n - 1, j + WINDOW - 1)


def prepare_transcript(transcript: Transcript, encoder=None) -> PreparedTranscript:
    segments = transcript.segments
    texts = [clean_caption(s.text) for s in segments]
    starts = np.array([s.start for s in segments], dtype=np.float64)
    ends = np.array([max(s.start + s.duration, s.start) for s in segments], dtype=np.float64)
    # captions overlap on screen; a line is spoken until the next one starts
    if len(starts) > 1:
        ends[:-1] = np.minimum(ends[:-1], np.maximum(starts[1:], starts[:-1]))
    marks = [bool(_SPEAKER_MARK.match(s.text)) and s.text.lstrip().startswith((">>", "&gt;&gt;")) for s in segments]
    turns = np.cumsum(np.array(marks, dtype=np.int64)) if segments else np.zeros(0, dtype=np.int64)
    script = T.script_of(" ".join(texts[:200]))
    n = len(texts)
    seg_tokens = [T.word_tokens(t) for t in texts]
    df: Counter = Counter()
    for toks in seg_tokens:
        df.update(set(toks))
    idf = {tok: log((n + 1) / (c + 0.5)) for tok, c in df.items()}
    default_idf = log((n + 1) / 0.5)

    window_texts: list[str] = []
    window_tokens: list[frozenset] = []
    postings: dict[str, list[int]] = defaultdict(list)
    bigram_postings: dict[tuple, list[int]] = defaultdict(list)
    seg_numbers = [frozenset(T.numbers_in(t)) for t in texts]
    seg_latin = [T.latin_words(t) for t in texts] if script == "latin" else [[] for _ in texts]
    window_numbers, window_names, window_phonetic = [], [], []
    for j in range(n):
        k = min(n, j + WINDOW)
        window_texts.append(" ".join(texts[j:k]))
        toks = [tok for seg in seg_tokens[j:k] for tok in seg]
        tokset = frozenset(toks)
        window_tokens.append(tokset)
        for tok in tokset:
            postings[tok].append(j)
        for bg in set(zip(toks, toks[1:])):
            bigram_postings[bg].append(j)
        window_numbers.append(frozenset().union(*seg_numbers[j:k]))
        words = [w for seg in seg_latin[j:k] for w in seg]
        window_names.append(frozenset(T.name_key(w) for w in words))
        window_phonetic.append(frozenset(T.phonetic_key(w) for w in words if len(w) >= 3))
    prepared = PreparedTranscript(
        transcript=transcript, texts=texts, starts=starts, ends=ends, turns=turns,
        has_turn_marks=bool(turns.any()) if n else False, script=script,
        window_texts=window_texts, window_tokens=window_tokens,
        postings={t: np.array(v, dtype=np.int64) for t, v in postings.items()},
        bigram_postings={t: np.array(v, dtype=np.int64) for t, v in bigram_postings.items()},
        idf=idf, default_idf=default_idf, vocabulary=frozenset(df),
        window_numbers=window_numbers, window_names=window_names, window_phonetic=window_phonetic,
    )
    if encoder is not None and n:
        prepared.window_embeddings = encoder.encode(window_texts)
        prepared.segment_embeddings = encoder.encode(texts)
    return prepared


@dataclass(frozen=True)
class Sentence:
    excerpt: int  # index of its excerpt in the clip
    text: str
    tokens: tuple[str, ...]
    numbers: frozenset
    names: tuple[str, ...]  # name keys of Latin words in a non-Latin sentence
    phonetic: tuple[str, ...]  # phonetic keys of katakana loanwords


@dataclass
class PreparedExcerpts:
    excerpts: tuple[Excerpt, ...]
    sentences: list[Sentence]
    scripts: list[str]  # per excerpt
    same_language: list[bool]  # per excerpt: judged on its words, not only on meaning
    embeddings: np.ndarray | None = None  # per sentence
    excerpt_embeddings: np.ndarray | None = None  # per whole excerpt


def prepare_excerpts(excerpts: Sequence[Excerpt], prepared: PreparedTranscript, encoder=None) -> PreparedExcerpts:
    sentences: list[Sentence] = []
    scripts: list[str] = []
    same: list[bool] = []
    texts: list[str] = []
    for i, ex in enumerate(excerpts):
        text = T.strip_translator_notes(ex.text) or ex.text
        texts.append(text)
        script = T.script_of(text)
        scripts.append(script)
        same.append(_same_language(text, script, prepared))
        for s in T.split_sentences(text) or [text]:
            latin = T.latin_words(s) if script != "latin" else []
            sentences.append(Sentence(
                excerpt=i, text=s, tokens=tuple(T.word_tokens(s)),
                numbers=frozenset(T.numbers_in(s)),
                names=tuple(dict.fromkeys(k for k in (T.name_key(w) for w in latin) if len(k) >= 2)),
                phonetic=tuple(dict.fromkeys(
                    T.phonetic_key(w) for w in T.katakana_words(s) if len(T.phonetic_key(w)) >= 3)),
            ))
    out = PreparedExcerpts(tuple(excerpts), sentences, scripts, same)
    if encoder is not None and sentences:
        out.embeddings = encoder.encode([s.text for s in sentences])
        out.excerpt_embeddings = encoder.encode(texts)
    return out


def _same_language(text: str, script: str, prepared: PreparedTranscript) -> bool:
    """Is the excerpt in the transcript's language? Scripts decide for CJK; for alphabetic scripts
    (English quoting English vs Portuguese quoting English) most of a same-language quote's words
    occur somewhere in the transcript, and a translation's do not."""
    if script != prepared.script:
        return False
    if script != "latin":
        return True
    words = [w for w in T.word_tokens(text) if not w[0].isdigit()]
    if not words:
        return False
    known = sum(1 for w in words if w in prepared.vocabulary)
    return known / len(words) >= 0.6
