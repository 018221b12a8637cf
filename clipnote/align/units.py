"""The two sides of an alignment, prepared once: caption windows of a transcript and the sentences
of a clip's excerpts, each with the lexical features the scorer needs."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from math import log
from typing import Mapping, Sequence

import numpy as np

from ..model import Excerpt, Transcript
from . import numbers as N
from . import text as T

WINDOW_SECONDS = 7.5  # a window holds about one spoken sentence ...
MIN_WINDOW, MAX_WINDOW = 2, 6  # ... however long the caption lines are


def window_size(starts: np.ndarray) -> int:
    """Caption lines per window: Whisper's 2.5-second lines give 3, YouTube's rolling 2-second
    automatic captions 4, long manual captions 2."""
    if len(starts) < 2:
        return MIN_WINDOW
    spacing = float(np.median(np.diff(starts)))
    if not spacing > WINDOW_SECONDS / MAX_WINDOW:  # also NaN and vanishing spacings
        return MAX_WINDOW
    return int(min(MAX_WINDOW, max(MIN_WINDOW, round(WINDOW_SECONDS / spacing))))

_NOISE = re.compile(r"\[(?:music|applause|laughter|laughs|inaudible|crosstalk|silence|음악|音楽|拍手)\]|♪+",
                    re.IGNORECASE)
_SPEAKER_MARK = re.compile(r"^\s*(?:>>|&gt;&gt;|-\s)\s*")


def clean_caption(text: str) -> str:
    text = _NOISE.sub(" ", text)
    text = _SPEAKER_MARK.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class PreparedTranscript:
    """A transcript ready to be aligned against: cleaned lines, per-line features, embeddings.

    Lexical features are kept per caption line and turned into per-window postings only for the
    tokens an excerpt asks about, so preparing a three-hour transcript stays cheap."""

    transcript: Transcript
    texts: list[str]
    starts: np.ndarray
    ends: np.ndarray
    turns: np.ndarray  # speaker-turn number per caption line (from `>>` marks), or all zeros
    has_turn_marks: bool
    script: str
    seg_tokens: list[list[str]]
    token_lines: dict  # token -> np.ndarray of caption lines holding it
    pair_lines: dict  # (token, token) -> np.ndarray of lines where the pair is said (or begins)
    idf: dict
    default_idf: float
    number_lines: dict  # value -> lines
    name_lines: dict  # name key of a Latin word -> lines
    phonetic_lines: dict  # phonetic key of a Latin word -> lines
    window: int = 3  # caption lines per window (window_size)
    proper_names: frozenset = frozenset()  # name keys the transcript writes as names (text.proper_names)
    segment_embeddings: np.ndarray | None = None
    window_embeddings: np.ndarray | None = None
    _cache: dict = field(default_factory=dict)

    @property
    def n(self) -> int:
        return len(self.texts)

    @property
    def vocabulary(self):
        return self.token_lines.keys()

    def windows_of(self, lines: np.ndarray) -> np.ndarray:
        """The windows containing any of these caption lines (window j holds lines j..j+2)."""
        if len(lines) == 0:
            return lines
        out = np.concatenate([lines - d for d in range(self.window)])
        return np.unique(out[out >= 0])

    def token_windows(self, token) -> np.ndarray | None:
        return self._windows("tok", token, self.token_lines)

    def pair_windows(self, pair) -> np.ndarray | None:
        return self._windows("pair", pair, self.pair_lines)

    def number_windows(self, value) -> np.ndarray | None:
        return self._windows("num", value, self.number_lines)

    def _windows(self, kind, key, table) -> np.ndarray | None:
        memo = self._cache.setdefault(kind, {})
        if key not in memo:
            lines = table.get(key)
            memo[key] = None if lines is None else self.windows_of(lines)
        return memo[key]


class Postings(Mapping):
    """key → the caption lines holding it, as one flat array and offsets: a transcript's tens of
    thousands of short lists load from the disk cache as three objects, not as many arrays."""

    def __init__(self, index: dict, flat: np.ndarray, offsets: np.ndarray):
        self._index, self._flat, self._offsets = index, flat, offsets

    @classmethod
    def from_lists(cls, table: dict) -> "Postings":
        index = {key: i for i, key in enumerate(table)}
        lengths = np.array([len(v) for v in table.values()], dtype=np.int64)
        offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        flat = np.fromiter((x for v in table.values() for x in v), dtype=np.int64, count=int(offsets[-1]))
        return cls(index, flat, offsets)

    def __getitem__(self, key) -> np.ndarray:
        i = self._index[key]
        return self._flat[self._offsets[i] : self._offsets[i + 1]]

    def __iter__(self):
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)


def prepare_transcript(transcript: Transcript, encoder=None) -> PreparedTranscript:
    segments = transcript.segments
    texts = [clean_caption(s.text) for s in segments]
    starts = np.array([s.start for s in segments], dtype=np.float64)
    ends = np.array([max(s.start + s.duration, s.start) for s in segments], dtype=np.float64)
    # captions overlap on screen; a line is spoken until the next one starts
    if len(starts) > 1:
        ends[:-1] = np.minimum(ends[:-1], np.maximum(starts[1:], starts[:-1]))
    marks = [s.text.lstrip().startswith((">>", "&gt;&gt;")) for s in segments]
    turns = np.cumsum(np.array(marks, dtype=np.int64)) if segments else np.zeros(0, dtype=np.int64)
    script = T.script_of(" ".join(texts[:200]))
    n = len(texts)
    seg_tokens = [T.word_tokens(t) for t in texts]
    token_lines: dict = defaultdict(list)
    pair_lines: dict = defaultdict(list)
    previous_last = None
    for line, toks in enumerate(seg_tokens):
        for tok in set(toks):
            token_lines[tok].append(line)
        pairs = set(zip(toks, toks[1:]))
        if previous_last is not None and toks:
            pairs.add((previous_last, toks[0]))  # a sentence runs on across caption lines
        for pair in pairs:
            pair_lines[pair].append(line)
        previous_last = toks[-1] if toks else previous_last
    idf = {tok: log((n + 1) / (len(lines) + 0.5)) for tok, lines in token_lines.items()}
    number_lines: dict = defaultdict(list)
    name_lines: dict = defaultdict(list)
    phonetic_lines: dict = defaultdict(list)
    for line, text in enumerate(texts):
        for value in set(N.numbers_in(text)):
            number_lines[value].append(line)
        if script == "latin":
            for w in set(T.latin_words(text)):
                name_lines[T.name_key(w)].append(line)
                if len(w) >= 3:
                    phonetic_lines[T.phonetic_key(w)].append(line)
    as_arrays = Postings.from_lists
    prepared = PreparedTranscript(
        transcript=transcript, texts=texts, starts=starts, ends=ends, turns=turns,
        has_turn_marks=bool(turns.any()) if n else False, script=script, seg_tokens=seg_tokens,
        token_lines=as_arrays(token_lines), pair_lines=as_arrays(pair_lines), idf=idf,
        default_idf=log((n + 1) / 0.5), number_lines=as_arrays(number_lines),
        name_lines=as_arrays(name_lines), phonetic_lines=as_arrays(phonetic_lines),
        window=window_size(starts), proper_names=T.proper_names(texts),
    )
    if encoder is not None and n:
        encode = getattr(encoder, "encode_block", encoder.encode)
        prepared.segment_embeddings = encode(texts)
        # a window's meaning is the mean of its lines' (measured: as accurate on the gold files as
        # embedding each window's text, and it halves the cold cost of a transcript)
        prepared.window_embeddings = mean_windows(prepared.segment_embeddings, prepared.window)
    return prepared


def mean_windows(segment_embeddings: np.ndarray, width: int) -> np.ndarray:
    """Unit vectors of the mean of lines j..j+width-1, for every j."""
    n = len(segment_embeddings)
    prefix = np.vstack([np.zeros((1, segment_embeddings.shape[1]), dtype=np.float32),
                        np.cumsum(segment_embeddings, axis=0, dtype=np.float32)])
    ends = np.minimum(np.arange(n) + width, n)
    sums = prefix[ends] - prefix[np.arange(n)]
    return sums / np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-9)


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
    texts: list[str]  # per excerpt: the part compared with the video (see text.alignment_text)
    sentences: list[Sentence]
    scripts: list[str]  # per excerpt
    same_language: list[bool]  # per excerpt: judged on its words, not only on meaning
    embeddings: np.ndarray | None = None  # per sentence
    excerpt_embeddings: np.ndarray | None = None  # per whole excerpt
    _rows: list | None = None

    def rows(self, i: int) -> list[int]:
        """The sentences (indices into `sentences`) of excerpt i."""
        if self._rows is None:
            self._rows = [[] for _ in self.excerpts]
            for k, s in enumerate(self.sentences):
                self._rows[s.excerpt].append(k)
        return self._rows[i]


def prepare_excerpts(excerpts: Sequence[Excerpt], prepared: PreparedTranscript, encoder=None) -> PreparedExcerpts:
    sentences: list[Sentence] = []
    scripts: list[str] = []
    same: list[bool] = []
    texts: list[str] = []
    for i, ex in enumerate(excerpts):
        text = T.alignment_text(ex.text, ex.role)
        texts.append(text)
        script = T.script_of(text)
        scripts.append(script)
        same.append(_same_language(text, script, prepared))
        for s in T.split_sentences(text) or [text]:
            latin = T.latin_words(s) if script != "latin" else []
            sentences.append(Sentence(
                excerpt=i, text=s, tokens=tuple(T.word_tokens(s)),
                numbers=frozenset(N.numbers_in(s)),
                names=tuple(dict.fromkeys(k for k in (T.name_key(w) for w in latin) if len(k) >= 2)),
                phonetic=tuple(dict.fromkeys(
                    T.phonetic_key(w) for w in T.katakana_words(s) if len(T.phonetic_key(w)) >= 3)),
            ))
    out = PreparedExcerpts(tuple(excerpts), texts, sentences, scripts, same)
    if encoder is not None and sentences:
        out.embeddings = encoder.encode([s.text for s in sentences])
        # an excerpt's meaning is the mean of its sentences' (as a window's is of its lines'): as good
        # as embedding the whole text again on our gold (link F1 0.969 -> 0.976, Brier 0.041 -> 0.037),
        # and it spares a cold run a second pass over the article (2 s of 19 on the long case)
        owner = np.fromiter((s.excerpt for s in sentences), dtype=np.int64, count=len(sentences))
        sums = np.zeros((len(texts), out.embeddings.shape[1]), dtype=np.float32)
        np.add.at(sums, owner, out.embeddings)
        out.excerpt_embeddings = sums / np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-9)
    return out


def _same_language(text: str, script: str, prepared: PreparedTranscript) -> bool:
    """Is the excerpt in the transcript's language? Scripts decide for CJK; for alphabetic scripts
    (English quoting English vs Portuguese quoting English) most of a same-language quote's words
    occur somewhere in the transcript, and a translation's do not."""
    if script != prepared.script:
        return False
    if script != "latin":
        return True
    mine = T.latin_language(text)
    theirs = prepared._cache.get("latin_language", "?")
    if theirs == "?":
        theirs = T.latin_language(" ".join(prepared.texts[:300]))
        prepared._cache["latin_language"] = theirs
    if mine and theirs:
        return mine == theirs
    words = [w for w in T.word_tokens(text) if not w[0].isdigit()]
    if not words:
        return False
    known = sum(1 for w in words if w in prepared.vocabulary)
    return known / len(words) >= 0.6
