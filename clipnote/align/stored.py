"""Prepared transcripts kept on disk, so a warm run skips tokenising and embedding a video.

One file per transcript, named by a key made of everything it was computed from (the caption
lines, the encoder, this format's version), in the user's cache folder:

    header    magic, format, rows × dim of the embeddings, the features' length, a CRC-32 of
              everything after the header, padded to 64 bytes
    features  the PreparedTranscript without its embeddings (lexical features), pickled
    vectors   segment then window embeddings, float32, 64-byte aligned

The embeddings are float32 on disk so that a batch worker can map them (`mapped=True`) instead
of reading them: every worker then shares the one copy in the page cache. The file is checked
against its length and checksum every time it is read: a truncated or corrupted file is never
trusted, it is computed again (and replaced). Writes are atomic, so two runs writing one entry
at once leave one whole file, and a file being replaced never changes under a reader. A file cut
short in place while mapped (by something else) stops the process that maps it on its next read
of it (SIGBUS): only workers map, and a dead worker's post is retried in another, which finds the
file damaged. The batch parent, which must not die, reads instead.
"""

from __future__ import annotations

import hashlib
import mmap
import os
import pickle
import struct
import tempfile
import zlib
from pathlib import Path

import numpy as np

from ..model import Transcript
from ..paths import cache_root
from .units import PreparedTranscript, prepare_transcript

FORMAT = 6  # bump when PreparedTranscript, the features in it or this file layout change
MAGIC = b"CLNPREP\x00"
_HEAD = struct.Struct("<8sIIQQI")  # magic, format, dim, rows, features length, crc32
HEADER = 64
_ALIGN = 64
_VECTORS = ("segment_embeddings", "window_embeddings")


def transcript_key(transcript: Transcript, encoder_name: str) -> str:
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{FORMAT}\0{encoder_name}\0{transcript.video_id}\0{transcript.language}".encode())
    for s in transcript.segments:
        digest.update(f"\0{s.start:.3f}\0{s.duration:.3f}\0{s.text}".encode("utf-8"))
    return digest.hexdigest()


def prepared_path(transcript: Transcript, encoder, folder: Path | None = None) -> Path:
    folder = folder or cache_root() / "prepared"
    name = getattr(encoder, "name", "none") if encoder is not None else "none"
    return folder / f"{transcript.video_id}-{transcript_key(transcript, name)}.prepared"


def load_or_prepare(transcript: Transcript, encoder, folder: Path | None = None, *,
                    mapped: bool = False) -> PreparedTranscript:
    """The prepared transcript from the cache, or computed (and stored) when it is not there or
    the stored file is damaged. `mapped`: the embeddings stay in the file, memory-mapped."""
    path = prepared_path(transcript, encoder, folder)
    prepared = read_prepared(path, transcript, mapped=mapped)
    if prepared is None:
        prepared = prepare_transcript(transcript, encoder)
        write_prepared(prepared, path)
    return prepared


def read_prepared(path: Path, transcript: Transcript, *, mapped: bool = False) -> PreparedTranscript | None:
    """The stored PreparedTranscript, or None: missing, from another version, truncated or
    corrupted (the checksum says so before anything in it is used)."""
    try:
        with open(path, "rb") as handle:
            if mapped:
                data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
            else:
                data = handle.read()
    except (OSError, ValueError):  # missing, unreadable, or empty (mmap of 0 bytes)
        return None
    view = memoryview(data)
    try:
        if len(view) < HEADER:
            return None
        magic, version, dim, rows, features, crc = _HEAD.unpack_from(view)
        start = _vectors_at(features)
        if (magic != MAGIC or version != FORMAT or len(view) != start + len(_VECTORS) * rows * dim * 4
                or zlib.crc32(view[HEADER:]) != crc):
            return None
        prepared = pickle.loads(view[HEADER:HEADER + features])
        if not isinstance(prepared, PreparedTranscript) or prepared.n != len(transcript.segments):
            return None
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError,
            IndexError, KeyError, struct.error):
        return None
    finally:
        view.release()
    prepared.transcript = transcript  # the same lines; keep the caller's metadata
    if dim:
        size = rows * dim
        for k, attr in enumerate(_VECTORS):
            vectors = np.frombuffer(data, dtype=np.float32, count=size, offset=start + 4 * size * k)
            setattr(prepared, attr, vectors.reshape(rows, dim))
    return prepared


def write_prepared(prepared: PreparedTranscript, path: Path) -> None:
    """Store it (atomically); a cache that cannot be written only costs time."""
    vectors = [getattr(prepared, attr) for attr in _VECTORS]
    if any(v is None for v in vectors):
        vectors = []
    stored = PreparedTranscript(**{**prepared.__dict__, "_cache": {}, **dict.fromkeys(_VECTORS)})
    features = pickle.dumps(stored, protocol=5)
    rows, dim = vectors[0].shape if vectors else (0, 0)
    pad = b"\0" * (_vectors_at(len(features)) - HEADER - len(features))
    arrays = [np.ascontiguousarray(v, dtype="<f4").tobytes() for v in vectors]
    crc = 0
    for part in (features, pad, *arrays):
        crc = zlib.crc32(part, crc)
    head = _HEAD.pack(MAGIC, FORMAT, dim, rows, len(features), crc).ljust(HEADER, b"\0")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".prepared.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                for part in (head, features, pad, *arrays):
                    handle.write(part)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
        for old in path.parent.glob(f"{prepared.transcript.video_id}-*.pickle"):
            old.unlink(missing_ok=True)  # this video in the format before this one: never read again
    except OSError:
        pass


def _vectors_at(features: int) -> int:
    return -(-(HEADER + features) // _ALIGN) * _ALIGN


__all__ = ["FORMAT", "load_or_prepare", "prepared_path", "read_prepared", "write_prepared"]
