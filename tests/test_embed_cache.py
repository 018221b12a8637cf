"""Transcript-side embeddings are computed once per video: a second run reads them back."""

import numpy as np

from clipnote.align.embed import CachedEncoder
from clipnote.align.stored import load_or_prepare

from talk_fixture import talk_transcript


class CountingEncoder:
    """A stand-in model: deterministic vectors, and a count of the texts it was asked to embed."""

    name = "counting-test-encoder"

    def __init__(self):
        self.texts = 0

    def encode(self, texts):
        self.texts += len(texts)
        rng = [np.random.default_rng(abs(hash(t)) % (2**32)).normal(size=16) for t in texts]
        vectors = np.array(rng, dtype=np.float32).reshape(len(texts), 16)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_a_second_run_embeds_nothing(tmp_path):
    transcript = talk_transcript()
    model = CountingEncoder()
    first = load_or_prepare(transcript, CachedEncoder(model, tmp_path / "e.sqlite3"), tmp_path / "prepared")
    assert model.texts == len(transcript.segments)

    # a new process: a new encoder object over the same cache files
    again = load_or_prepare(transcript, CachedEncoder(model, tmp_path / "e.sqlite3"), tmp_path / "prepared")
    assert model.texts == len(transcript.segments)
    assert np.allclose(first.window_embeddings, again.window_embeddings, atol=2e-3)
    assert again.token_lines.keys() == first.token_lines.keys()


def test_without_the_prepared_file_the_vectors_still_come_from_the_cache(tmp_path):
    transcript = talk_transcript()
    model = CountingEncoder()
    load_or_prepare(transcript, CachedEncoder(model, tmp_path / "e.sqlite3"), tmp_path / "prepared")
    for f in (tmp_path / "prepared").iterdir():
        f.unlink()
    load_or_prepare(transcript, CachedEncoder(model, tmp_path / "e.sqlite3"), tmp_path / "prepared")
    assert model.texts == len(transcript.segments)


def test_a_damaged_cache_costs_time_not_the_run(tmp_path):
    transcript = talk_transcript()
    model = CountingEncoder()
    load_or_prepare(transcript, CachedEncoder(model, tmp_path / "e.sqlite3"), tmp_path / "prepared")
    for f in (tmp_path / "prepared").iterdir():
        f.write_bytes(b"not a pickle")
    for f in tmp_path.glob("e.sqlite3*"):
        f.unlink()
    (tmp_path / "e.sqlite3").write_bytes(b"not a database either" * 100)
    prepared = load_or_prepare(transcript, CachedEncoder(model, tmp_path / "e.sqlite3"), tmp_path / "prepared")
    assert prepared.n == len(transcript.segments)
    assert model.texts == 2 * len(transcript.segments)


def test_a_changed_transcript_is_prepared_again(tmp_path):
    transcript = talk_transcript()
    model = CountingEncoder()
    load_or_prepare(transcript, CachedEncoder(model, tmp_path / "e.sqlite3"), tmp_path / "prepared")
    edited = talk_transcript(offset=90.0)  # same lines, other times
    prepared = load_or_prepare(edited, CachedEncoder(model, tmp_path / "e.sqlite3"), tmp_path / "prepared")
    assert prepared.starts[0] == 90.0
