"""Prepared transcripts kept on disk, so a warm run skips tokenising and embedding a video.

The file holds a PreparedTranscript (lexical features and float16 embeddings) under a key made
of everything it was computed from: the caption lines, the encoder and this format's version.
It is our own cache in the user's cache folder, written atomically; anything unreadable is simply
computed again.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

import numpy as np

from ..model import Transcript
from ..paths import cache_root
from .units import PreparedTranscript, prepare_transcript

FORMAT = 5  # bump when PreparedTranscript or the features in it change


def transcript_key(transcript: Transcript, encoder_name: str) -> str:
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{FORMAT}\0{encoder_name}\0{transcript.video_id}\0{transcript.language}".encode())
    for s in transcript.segments:
        digest.update(f"\0{s.start:.3f}\0{s.duration:.3f}\0{s.text}".encode("utf-8"))
    return digest.hexdigest()


def load_or_prepare(transcript: Transcript, encoder, folder: Path | None = None) -> PreparedTranscript:
    """The prepared transcript from the cache, or computed (and stored) when it is not there."""
    folder = folder or cache_root() / "prepared"
    name = getattr(encoder, "name", "none") if encoder is not None else "none"
    path = folder / f"{transcript.video_id}-{transcript_key(transcript, name)}.pickle"
    try:
        with open(path, "rb") as handle:
            prepared = pickle.load(handle)
        if isinstance(prepared, PreparedTranscript) and prepared.n == len(transcript.segments):
            prepared.transcript = transcript  # the same lines; keep the caller's metadata
            for attr in ("window_embeddings", "segment_embeddings"):
                value = getattr(prepared, attr)
                if value is not None:
                    setattr(prepared, attr, value.astype(np.float32))
            return prepared
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass  # not cached yet, or from another version: compute it
    prepared = prepare_transcript(transcript, encoder)
    _store(prepared, path)
    return prepared


def _store(prepared: PreparedTranscript, path: Path) -> None:
    stored = PreparedTranscript(**{**prepared.__dict__, "_cache": {}})
    for attr in ("window_embeddings", "segment_embeddings"):
        value = getattr(stored, attr)
        if value is not None:
            setattr(stored, attr, value.astype(np.float16))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".prepared.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(stored, handle, protocol=5)
        os.replace(tmp, path)
    except OSError:
        pass  # a cache that cannot be written only costs time
