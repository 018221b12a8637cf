"""Transcript-side embeddings are computed once per video: a second run reads them back."""

import mmap

import numpy as np
import pytest

from clipnote.align.embed import CachedEncoder
from clipnote.align.stored import load_or_prepare, read_prepared

from talk_fixture import talk_transcript


class CountingEncoder:
    """A stand-in model: deterministic vectors, and a count of the texts it was asked to embed."""

    name = "counting-test-encoder"
    dim = 16

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
    # the damaged database was replaced by a good one: the next run embeds nothing
    for f in (tmp_path / "prepared").iterdir():
        f.unlink()
    load_or_prepare(transcript, CachedEncoder(model, tmp_path / "e.sqlite3"), tmp_path / "prepared")
    assert model.texts == 2 * len(transcript.segments)


def test_a_changed_transcript_is_prepared_again(tmp_path):
    transcript = talk_transcript()
    model = CountingEncoder()
    load_or_prepare(transcript, CachedEncoder(model, tmp_path / "e.sqlite3"), tmp_path / "prepared")
    edited = talk_transcript(offset=90.0)  # same lines, other times
    prepared = load_or_prepare(edited, CachedEncoder(model, tmp_path / "e.sqlite3"), tmp_path / "prepared")
    assert prepared.starts[0] == 90.0


# --- damaged files are never trusted ---------------------------------------------------------------


def prepared_file(folder):
    (path,) = [p for p in folder.iterdir() if p.suffix == ".prepared"]
    return path


def damage(path, how):
    data = bytearray(path.read_bytes())
    if how == "truncated":
        path.write_bytes(bytes(data[: len(data) // 2]))
    elif how == "cut by a byte":
        path.write_bytes(bytes(data[:-1]))
    elif how == "a vector byte flipped":
        data[-100] ^= 0x40
        path.write_bytes(bytes(data))
    elif how == "a feature byte flipped":
        data[200] ^= 0x01
        path.write_bytes(bytes(data))
    elif how == "empty":
        path.write_bytes(b"")
    else:  # the old pickle format under the new name
        path.write_bytes(b"\x80\x05N.")


@pytest.mark.parametrize("mapped", [False, True])
@pytest.mark.parametrize("how", ["truncated", "cut by a byte", "a vector byte flipped",
                                 "a feature byte flipped", "empty", "not ours"])
def test_a_prepared_file_damaged_between_reads_is_computed_again(tmp_path, how, mapped):
    transcript = talk_transcript()
    model = CountingEncoder()
    encoder = CachedEncoder(model, tmp_path / "e.sqlite3")
    first = load_or_prepare(transcript, encoder, tmp_path / "prepared")
    path = prepared_file(tmp_path / "prepared")
    whole = path.read_bytes()
    again = load_or_prepare(transcript, encoder, tmp_path / "prepared", mapped=mapped)
    assert np.array_equal(again.window_embeddings, first.window_embeddings)

    damage(path, how)
    assert read_prepared(path, transcript, mapped=mapped) is None  # never trusted
    fresh = load_or_prepare(transcript, encoder, tmp_path / "prepared", mapped=mapped)
    assert np.allclose(fresh.window_embeddings, first.window_embeddings, atol=1e-6)
    assert fresh.token_lines.keys() == first.token_lines.keys()
    assert path.read_bytes() == whole  # and stored whole again
    assert model.texts == len(transcript.segments)  # the vectors came from the embedding cache


def test_a_mapped_transcript_shares_the_file(tmp_path):
    transcript = talk_transcript()
    encoder = CachedEncoder(CountingEncoder(), tmp_path / "e.sqlite3")
    load_or_prepare(transcript, encoder, tmp_path / "prepared")
    mapped = load_or_prepare(transcript, encoder, tmp_path / "prepared", mapped=True)
    assert mapped.window_embeddings.dtype == np.float32
    assert not mapped.window_embeddings.flags.writeable
    base = mapped.window_embeddings
    while isinstance(base, np.ndarray):
        base = base.base
    assert isinstance(base.obj if isinstance(base, memoryview) else base, mmap.mmap)  # not copied


def test_damaged_rows_of_the_embedding_database_are_embedded_again(tmp_path):
    import sqlite3

    model = CountingEncoder()
    texts = ["one sentence", "another sentence"]
    first = CachedEncoder(model, tmp_path / "e.sqlite3").encode(texts)
    db = sqlite3.connect(tmp_path / "e.sqlite3")
    with db:
        db.execute("UPDATE vectors SET vec = substr(vec, 1, 10)")  # cut short
    db.close()
    again = CachedEncoder(model, tmp_path / "e.sqlite3").encode(texts)
    assert np.allclose(first, again, atol=2e-3)
    assert model.texts == 4


def test_the_older_format_of_a_video_is_removed_when_it_is_prepared_again(tmp_path):
    transcript = talk_transcript()
    old = tmp_path / "prepared" / f"{transcript.video_id}-0123456789abcdef.pickle"
    other = tmp_path / "prepared" / "Zz9XcV2bN4m-0123456789abcdef.pickle"
    for path in (old, other):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"an earlier version's file")
    load_or_prepare(transcript, CachedEncoder(CountingEncoder(), tmp_path / "e.sqlite3"), tmp_path / "prepared")
    assert not old.exists() and other.exists()
    assert prepared_file(tmp_path / "prepared").name.startswith(transcript.video_id)
