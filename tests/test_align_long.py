"""Long inputs (issue 9): big clips are aligned within bands around anchors and find what the whole
search finds; a long excerpt is placed as a run of sentence groups, and no match lasts longer than
its excerpt takes to say ×3 plus a minute."""

from pathlib import Path

import numpy as np
import pytest

from clipnote.align import align_clip, bands, prepare_transcript
from clipnote.align.spans import longest_plausible
from clipnote.model import Excerpt
from clipnote.report.json import match_to_json
from clipnote.transcripts import load_transcript_file

from test_fuzz_align import HashEncoder

PODCAST = Path(__file__).resolve().parent.parent / "samples/jekyll-blog/.clipnote/transcripts/kX8vN2rTq5E.json"


@pytest.fixture(scope="module")
def podcast():
    """Our sample podcast (1:38:00), with a quick stand-in encoder: same-language quotes are placed on
    their words, which is what these tests need."""
    encoder = HashEncoder()
    return prepare_transcript(load_transcript_file(PODCAST), encoder), encoder


def said(pt, first: int, last: int) -> str:
    return " ".join(pt.texts[first : last + 1])


def test_the_anchor_chain_is_the_heaviest_chain_that_keeps_the_order():
    buckets = np.array([[3, 40], [5, 1], [6, 2], [50, 7]])
    margins = np.array([[2.0, 2.5], [2.0, 1.9], [2.0, 1.9], [1.2, 2.0]])
    # 40 is the best single place of sentence 0, but 3 → 5 → 6 → 7 weighs more
    assert bands.anchor_chain(buckets, margins) == [3, 5, 6, 7]


def test_chunks_are_whole_excerpts():
    groups = [0] * 30 + [1] * 30 + [2] * 5 + [3] * 60
    assert [(c.start, c.stop) for c in bands.chunks(groups)] == [(0, 60), (60, 125)]


def test_bands_place_quotes_where_the_whole_search_does(podcast, monkeypatch):
    pt, encoder = podcast
    picks = range(20, pt.n - 10, max(1, pt.n // 40))
    quotes = [Excerpt("long.md", 10 + 2 * i, said(pt, a, a + 2)) for i, a in enumerate(picks)]
    whole = align_clip(quotes, pt, 0.0, encoder)
    monkeypatch.setattr(bands, "DENSE_CELLS", 0)  # as a big input would be
    monkeypatch.setattr(bands, "CHUNK_SENTENCES", 8)
    banded = align_clip(quotes, pt, 0.0, encoder)
    found = [r.match.start if r.match else None for r in whole]
    assert sum(f is not None for f in found) >= 0.9 * len(quotes)
    assert [r.match.start if r.match else None for r in banded] == found
    near = [r.verdict == "supported" and abs(r.match.start - pt.starts[a]) <= 10.0 for r, a in zip(banded, picks)]
    assert sum(near) >= 0.75 * len(quotes)  # (the stand-in encoder knows nothing of meaning)


@pytest.mark.parametrize("dense_cells", [bands.DENSE_CELLS, 0])
def test_a_long_excerpt_is_a_run_of_parts_and_never_one_absurd_span(podcast, monkeypatch, dense_cells):
    pt, encoder = podcast
    monkeypatch.setattr(bands, "DENSE_CELLS", dense_cells)
    early = said(pt, 100, 160)  # a few minutes of the podcast ...
    late = said(pt, pt.n - 200, pt.n - 150)  # ... and a stretch near its end, over an hour later
    jumping = Excerpt("long.md", 10, f"{early} {late}", "Marcus", "answer")
    straight = Excerpt("long.md", 12, said(pt, 400, 520), "Marcus", "answer")
    assert len(jumping.text) > 5000 and len(straight.text) > 5000
    first, second = align_clip([jumping, straight], pt, 0.0, encoder)

    assert first.verdict == "supported"
    parts = first.match.parts
    assert len(parts) >= 4
    for part in parts:
        text = " ".join(s for s, _ in first.sentences[part.first_sentence : part.last_sentence + 1])
        assert part.end - part.start <= longest_plausible(text)
    assert abs(parts[0].start - pt.starts[100]) <= 5.0
    # the late half is placed far from the early one (where exactly is the DP's call: the podcast's
    # filler repeats some of its sentences)
    assert max(p.start for p in parts) - parts[0].end > 300.0
    # the parts do not follow each other: the excerpt's span is where it begins, not a 90-minute hull
    assert (first.match.start, first.match.end) == (parts[0].start, parts[0].end)
    assert first.match.end - first.match.start <= longest_plausible(jumping.text)

    assert second.verdict == "supported" and len(second.match.parts) >= 2
    assert second.match.start == second.match.parts[0].start  # contiguous: the hull of its parts
    assert second.match.end == second.match.parts[-1].end
    assert abs(second.match.start - pt.starts[400]) <= 5.0 and abs(second.match.end - pt.ends[520]) <= 15.0
    assert second.match.end - second.match.start <= longest_plausible(straight.text)

    json = match_to_json(first.match, pt.transcript.video_id)
    assert [p["sentences"][0] for p in json["parts"]][0] == 1
    assert json["parts"][0]["start"] == json["start"]


def test_a_short_excerpt_has_no_parts(podcast):
    pt, encoder = podcast
    (result,) = align_clip([Excerpt("long.md", 10, said(pt, 300, 302))], pt, 0.0, encoder)
    assert result.match.parts == ()
    assert match_to_json(result.match, pt.transcript.video_id)["parts"] == []


def test_the_markdown_report_lists_the_parts():
    from dataclasses import replace

    from clipnote.model import MatchPart
    from clipnote.report.markdown import render_article
    from report_fixtures import SEGMENTS, interview_result, span

    result = interview_result()
    clip = result.clips[0]
    first = clip.excerpts[1]
    parts = (MatchPart(SEGMENTS[8].start, SEGMENTS[10].end, 8, 10, 0, 3),
             MatchPart(SEGMENTS[14].start, SEGMENTS[17].end, 14, 17, 4, 9))
    placed = replace(first, match=span(8, 10, parts=parts))
    clip = replace(clip, excerpts=(clip.excerpts[0], placed, *clip.excerpts[2:]))
    text = render_article(replace(result, clips=(clip, *result.clips[1:])))
    assert "Placed in 2 parts:" in text
    assert f"- sentences 1–4: [1:24:03](https://youtu.be/{clip.clip.video_id}?t=5043)–1:24:15" in text
    assert "- sentences 5–10: [" in text


def test_range_maxima_agree_with_brute_force():
    from clipnote.align.dp import _fill_range_max, _query

    rng = np.random.default_rng(3)
    for n, longest in ((1, 1), (2, 2), (3, 3), (7, 7), (16, 16), (300, 300), (300, 40)):
        values = rng.integers(-3, 4, size=n).astype(np.float64)
        values[rng.integers(0, n, n // 3)] = -np.inf
        levels = int(np.log2(min(n, longest))) + 1
        v = np.full((1, levels, n), -np.inf)
        v[0, 0] = values
        _fill_range_max(v)
        lo = rng.integers(0, n, 100)
        hi = np.minimum(lo + rng.integers(-2, longest, 100), n - 1)
        best = _query(v.reshape(-1), np.zeros((1, 1), dtype=np.int64), n, lo[None], hi[None])
        for a, b, got in zip(lo, hi, best[0]):
            if b < a:
                assert got == -np.inf
            else:
                assert got == values[a : b + 1].max()
