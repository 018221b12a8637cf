"""The aligner and the checks take whatever text articles and captions hold without raising."""

import numpy as np
from hypothesis import HealthCheck, given, settings, strategies as st

from clipnote.align import align_clip, prepare_transcript
from clipnote.checks import check_clip
from clipnote.model import Clip, Excerpt, Segment, Transcript


class HashEncoder:
    name = "hash-test-encoder"

    def encode(self, texts):
        out = np.array([np.random.default_rng(abs(hash(t)) % (2**32)).normal(size=8) for t in texts],
                       dtype=np.float32).reshape(len(texts), 8)
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


WORDS = st.sampled_from(["the", "honey", "12", "十二", "1万", "ワット", "テスラ", "Elon", ">>", "[Music]", "…",
                         "。", "?", "데이터", "数据", "GPT-3", "", " ", "\n", "ten thousand", "「引用」", "“q”"])
TEXT = st.one_of(st.lists(WORDS, max_size=12).map(" ".join), st.text(max_size=60))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(st.tuples(TEXT, st.floats(0, 30)), max_size=40),
       quotes=st.lists(st.tuples(TEXT, st.sampled_from(["quote", "question", "answer", "paraphrase"]),
                                 st.one_of(st.none(), st.sampled_from(["Lex", "Jim", "主持人"]))), max_size=6),
       hint=st.one_of(st.none(), st.floats(0, 2000)))
def test_align_and_check_never_raise(lines, quotes, hint):
    segments, t = [], 0.0
    for text, gap in lines:
        segments.append(Segment(t, max(0.0, gap), text))
        t += gap
    transcript = Transcript("Bq3ZkT7mW2e", "en", tuple(segments))
    encoder = HashEncoder()
    prepared = prepare_transcript(transcript, encoder)
    excerpts = tuple(Excerpt("post.md", 10 + i, text, speaker, role) for i, (text, role, speaker) in enumerate(quotes))
    alignments = align_clip(excerpts, prepared, hint, encoder)
    assert len(alignments) == len(excerpts)
    clip = Clip("Bq3ZkT7mW2e", hint, None, "post.md", 5, "raw", excerpts=excerpts, label_seconds=hint)
    result = check_clip(clip, transcript, prepared, alignments)
    for r in result.excerpts:
        assert r.verdict in ("supported", "weak", "unsupported")
        if r.match is not None:
            assert r.match.start <= r.match.end or len(segments) == 0
