"""Why a transcript could not be had, each as one line a user can act on.

Every error names the video (`.video_id`) and ends in a hint saying what to do next. The network
layers (`youtube.py`, `ytdlp.py`) translate their libraries' exceptions into these, so nothing
above this package ever sees a youtube-transcript-api or yt-dlp exception.
"""

from __future__ import annotations

from typing import ClassVar, Iterable, Sequence

from ..errors import ClipnoteError

DAY = 24 * 3600.0

SNAPSHOT_HINT = "put a transcript file in the blog's .clipnote/transcripts/ or pass --transcripts DIR"
BLOCKED_HINT = (
    "use --offline with snapshots in the blog's .clipnote/transcripts/, saved by "
    "`clipnote fetch ARTICLE --save` where YouTube is reachable; or --proxy URL; or try again in an hour"
)


def one_line(text: object, limit: int = 240) -> str:
    """Library messages run to many lines; a user gets one, trimmed."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class TranscriptError(ClipnoteError):
    """No transcript for a video. `.video_id` names it (None only when there is none to name)."""

    # How long (seconds) this failure may be remembered in the user cache; None: never cache it.
    negative_ttl: ClassVar[float | None] = None

    def __init__(self, video_id: str | None, message: str, *, hint: str | None = None):
        super().__init__(message, hint=hint)
        self.video_id = video_id

    def to_json(self) -> dict:
        return {"error": type(self).__name__, "video_id": self.video_id,
                "message": self.message, "hint": self.hint}

    @staticmethod
    def from_json(data: dict) -> "TranscriptError":
        """Rebuild a remembered failure (the user cache keeps permanent ones for a while)."""
        cls = _REGISTRY.get(str(data.get("error")))
        if cls is None or not isinstance(data.get("message"), str):
            raise ValueError(f"not a remembered transcript error: {data.get('error')!r}")
        error = cls.__new__(cls)
        TranscriptError.__init__(error, data.get("video_id"), data["message"], hint=data.get("hint"))
        return error


class TranscriptsDisabled(TranscriptError):
    negative_ttl = 3 * DAY  # an owner can turn captions on later

    def __init__(self, video_id: str):
        super().__init__(video_id, f"{video_id}: the video has no captions (its owner turned them off)",
                         hint=SNAPSHOT_HINT)


class NoTranscriptInLanguages(TranscriptError):
    negative_ttl = 3 * DAY

    def __init__(self, video_id: str, requested: Sequence[str], available: Sequence[str]):
        self.requested = tuple(requested)
        self.available = tuple(available)
        has = ", ".join(available) if available else "none"
        first = available[0].split(" ")[0] if available else None
        super().__init__(
            video_id,
            f"{video_id}: no transcript in {', '.join(requested)}; the video has: {has}",
            hint=f"choose one with --lang {first}" if first else SNAPSHOT_HINT,
        )


class VideoUnavailable(TranscriptError):
    negative_ttl = 7 * DAY

    def __init__(self, video_id: str, reason: str | None = None, *, private: bool = False):
        self.private = private
        if private:
            what = "the video is private"
        elif reason:
            what = f"the video is unavailable: {one_line(reason, 160)}"
        else:
            what = "the video is unavailable (removed, private or never published)"
        super().__init__(video_id, f"{video_id}: {what}",
                         hint="check the video id in the article, or " + SNAPSHOT_HINT)


class AgeRestricted(TranscriptError):
    negative_ttl = 7 * DAY

    def __init__(self, video_id: str):
        super().__init__(
            video_id,
            f"{video_id}: the video is age-restricted; YouTube shows its captions only to a signed-in account",
            hint="pass --cookies FILE, a cookies.txt exported from a signed-in browser; or " + SNAPSHOT_HINT,
        )


class InvalidVideoId(TranscriptError):
    def __init__(self, value: str):
        super().__init__(
            value,
            f"{value!r} is not a YouTube video id (an id is 11 characters of A-Z, a-z, 0-9, _ and -)",
            hint="pass the id or the video's URL",
        )


class Blocked(TranscriptError):
    """YouTube refuses this machine (HTTP 429, the bot check, a captcha). Never cached; the store
    stops all fetching for the rest of the run once it sees one."""

    def __init__(self, video_id: str, reason: str = "HTTP 429 Too Many Requests", *,
                 first_video: str | None = None):
        self.reason = reason
        self.first_video = first_video or video_id
        if first_video and first_video != video_id:
            message = (f"{video_id}: not fetched: YouTube blocked this network earlier in this run "
                       f"(at {first_video}: {reason})")
        else:
            message = (f"{video_id}: YouTube is blocking requests from this network ({reason}); "
                       "no more requests will be made in this run")
        super().__init__(video_id, message, hint=BLOCKED_HINT)

    def for_video(self, video_id: str) -> "Blocked":
        """The error a later video gets once the circuit breaker is open."""
        return Blocked(video_id, self.reason, first_video=self.first_video)


class NetworkError(TranscriptError):
    def __init__(self, video_id: str, reason: str, *, tries: int = 3):
        self.reason = reason
        self.tries = tries
        super().__init__(
            video_id,
            f"{video_id}: could not reach YouTube after {tries} {'try' if tries == 1 else 'tries'} "
            f"({one_line(reason, 160)})",
            hint="check the connection or --proxy URL; --offline uses saved transcripts only",
        )


class TranscriptMissingOffline(TranscriptError):
    def __init__(self, video_id: str, looked_in: Iterable[str] = (), *, note: str | None = None):
        self.looked_in = tuple(looked_in)
        where = "; ".join(filter(None, [", ".join(self.looked_in), note]))
        where = f" (looked in {where})" if where else ""
        super().__init__(
            video_id,
            f"{video_id}: no saved transcript, and --offline forbids fetching one{where}",
            hint=(f"run `clipnote fetch ARTICLE --save` once without --offline, "
                  f"or put {video_id}.json in the blog's .clipnote/transcripts/"),
        )


class CorruptTranscriptFile(TranscriptError):
    def __init__(self, path: str, reason: str, *, video_id: str | None = None):
        self.path = str(path)
        self.reason = reason
        super().__init__(
            video_id,
            f"{path}: not a transcript clipnote can read: {one_line(reason, 160)}",
            hint="fix or delete the file; `clipnote fetch ARTICLE --save` writes a fresh snapshot",
        )


class FetchFailed(TranscriptError):
    """YouTube answered, but not with a transcript, for a reason none of the above names."""

    def __init__(self, video_id: str, reason: str):
        self.reason = reason
        super().__init__(video_id, f"{video_id}: YouTube did not give a transcript ({one_line(reason, 160)})",
                         hint="try again later, or " + SNAPSHOT_HINT)


_REGISTRY: dict[str, type[TranscriptError]] = {
    cls.__name__: cls for cls in (
        TranscriptError, TranscriptsDisabled, NoTranscriptInLanguages, VideoUnavailable, AgeRestricted,
        InvalidVideoId, Blocked, NetworkError, TranscriptMissingOffline, CorruptTranscriptFile, FetchFailed,
    )
}
