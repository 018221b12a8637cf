"""The pipeline keeps going: what can be checked is, what cannot is recorded."""

from clipnote import model as M
from clipnote.pipeline import Checker
from clipnote.article.scan import scan_text
from clipnote.transcripts import TranscriptMissingOffline

POST = """---
title: Clippings
---

> Life's barely long enough to get good at one thing.
>
> — Someone in [A Show S01E07 @ 28m42s](http://www.youtube.com/watch?v=Bq3ZkT7mW2e&t=1m54s)

A link with no quote: [at 2:00](https://youtu.be/Bq3ZkT7mW2e?t=300)
"""


class NoTranscripts:
    def get(self, video_id, article_path=None):
        raise TranscriptMissingOffline(video_id)


class Exploding:
    def get(self, video_id, article_path=None):
        return object()  # not a transcript: the alignment stage fails on it


def test_a_label_that_disagrees_with_its_link_is_reported_without_a_transcript():
    result = Checker(NoTranscripts()).check_article(scan_text(POST, "post.md"))
    quoted, bare = result.clips
    assert quoted.error and "offline" in quoted.error
    kinds = [f.kind for f in quoted.findings]
    assert M.TRANSCRIPT_ERROR in kinds and M.LABEL_MISMATCH in kinds
    assert [f.kind for f in bare.findings] == [M.LABEL_MISMATCH]  # 2:00 vs t=300


def test_a_crash_inside_one_clip_is_recorded_and_the_article_goes_on():
    result = Checker(Exploding()).check_article(scan_text(POST, "post.md"))
    assert result.clips[0].error.startswith("internal error while checking this clip")
    assert result.clips[1].error is None
