"""Transcripts: from committed snapshots, the user cache, or YouTube (youtube-transcript-api, then
yt-dlp), with errors a user can act on.

    store = TranscriptStore(transcripts_dir=None, offline=False, languages=("en",))
    transcript = store.get("G4hL5Om4IJ4", article_path=Path("_posts/post.md"))

Importing this package is cheap: requests, youtube-transcript-api and yt-dlp are imported only
when a transcript has to come from the network.
"""

from ._errors import (
    AgeRestricted, Blocked, CorruptTranscriptFile, FetchFailed, InvalidVideoId, NetworkError,
    NoTranscriptInLanguages, TranscriptError, TranscriptMissingOffline, TranscriptsDisabled, VideoUnavailable,
)
from .fetching import FetchOutcome, VideoJob, blog_root, collect_videos, fetch_each, save_snapshots, snapshot_dir
from .files import find_transcript_files, load_transcript_file, save_snapshot
from .formats import dumps_transcript, format_srt, format_vtt, transcript_to_json
from .store import TranscriptStore, parse_delay
from .tracks import Listing, Track, choose_track

__all__ = [
    "TranscriptStore", "load_transcript_file", "save_snapshot", "parse_delay",
    "transcript_to_json", "dumps_transcript", "find_transcript_files", "format_srt", "format_vtt",
    "Track", "Listing", "choose_track",
    "VideoJob", "FetchOutcome", "collect_videos", "fetch_each", "save_snapshots", "blog_root", "snapshot_dir",
    "TranscriptError", "TranscriptsDisabled", "NoTranscriptInLanguages", "VideoUnavailable", "AgeRestricted",
    "InvalidVideoId", "Blocked", "NetworkError", "TranscriptMissingOffline", "CorruptTranscriptFile",
    "FetchFailed",
]
