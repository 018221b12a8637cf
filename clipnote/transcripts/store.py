"""Where a transcript comes from (DESIGN §4), first hit wins:

1. `--transcripts DIR`                       (Transcript.source "transcripts-dir")
2. the blog's `.clipnote/transcripts/`,      ("snapshot") found by walking up from the article
3. the user cache                            ("cache")
4. unless offline: youtube-transcript-api    ("youtube"), then yt-dlp for what it can fix ("yt-dlp")

Network rules: each distinct (video, languages) is fetched at most once per store, failures
included; a jittered pause separates uncached fetches; the first block opens a circuit breaker
and no request is made after it; permanent failures are remembered in the cache, blocks and
network errors never.
"""

from __future__ import annotations

import random
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Callable, Sequence

from ..errors import UsageError
from ..model import Transcript
from ..paths import SNAPSHOT_DIR, snapshot_dir_for
from ..article.urls import is_video_id
from ._errors import AgeRestricted, Blocked, FetchFailed, InvalidVideoId, TranscriptError, TranscriptMissingOffline
from ._http import resolve_proxy
from .cache import TranscriptCache, utc_stamp
from .files import find_transcript_files, load_transcript_file, pick_file
from .tracks import language_match, normalise_languages

DEFAULT_DELAY = (5.0, 10.0)  # seconds between uncached videos: yt-dlp's wiki, ~300 videos/hour


def parse_delay(delay: float | str | Sequence[float]) -> tuple[float, float]:
    """`7`, `"5-10"`, `"5:10"` or `(5, 10)` → (5.0, 10.0). Raises UsageError."""
    try:
        if isinstance(delay, str):
            parts = delay.replace(":", "-").replace(",", "-").split("-")
            low, high = (float(parts[0]), float(parts[-1])) if len(parts) <= 2 else (None, None)
        elif isinstance(delay, (int, float)):
            low = high = float(delay)
        else:
            low, high = (float(x) for x in delay)
    except (TypeError, ValueError):
        low = high = None
    if low is None or high is None or not 0 <= low <= high:
        raise UsageError(f"--delay {delay!r}: give seconds, or MIN-MAX such as 5-10")
    return low, high


class TranscriptStore:
    """Gets transcripts, locally when it can. See the module docstring for the order and rules.

    transcripts_dir: `--transcripts DIR`, looked in first. offline: never use the network.
    languages: `--lang`, in order of preference (default: the video's original language).
    cache_dir: the user cache (default `cache_root() / "transcripts"`); use_cache=False for none.
    proxy: for both libraries (default $HTTPS_PROXY / $HTTP_PROXY). cookies: a cookies.txt for yt-dlp.
    refresh: skip cached transcripts and remembered failures. delay: seconds (MIN, MAX) between
    uncached videos. session: the requests.Session youtube-transcript-api uses (default: a
    YouTubeSession with timeouts, retries and a User-Agent). sleep, clock, rng: injectable for
    tests. fallback: allow yt-dlp. on_warning: called with each warning (damaged cache entries).
    """

    def __init__(self, transcripts_dir: Path | str | None = None, *, offline: bool = False,
                 languages: str | Sequence[str] = (), cache_dir: Path | str | None = None,
                 proxy: str | None = None, cookies: Path | str | None = None, refresh: bool = False,
                 delay: float | str | Sequence[float] = DEFAULT_DELAY, session=None,
                 sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic,
                 rng: random.Random | None = None, use_cache: bool = True, fallback: bool = True,
                 on_warning: Callable[[str], None] | None = None):
        self.transcripts_dir = Path(transcripts_dir) if transcripts_dir else None
        if self.transcripts_dir is not None and not self.transcripts_dir.is_dir():
            raise UsageError(f"--transcripts {self.transcripts_dir}: no such folder")
        self.offline = offline
        self.languages = normalise_languages(languages)
        self.proxy = resolve_proxy(proxy)
        self.cookies = Path(cookies) if cookies else None
        self.refresh = refresh
        self.delay = parse_delay(delay)
        self.sleep = sleep
        self.clock = clock
        self.rng = rng or random.Random()
        self.fallback = fallback
        self.on_warning = on_warning
        self.warnings: list[str] = []
        self.cache = TranscriptCache(Path(cache_dir) if cache_dir else None, warn=self._warn) if use_cache else None
        self._session = session
        self._memo: dict[tuple[str, tuple[str, ...]], Transcript | TranscriptError] = {}
        self._files: dict[tuple[str, int, int], Transcript] = {}
        self._blocked: Blocked | None = None
        self._last_fetch_end: float | None = None
        self._lock = threading.RLock()
        self.network_fetches = 0  # videos this store went to the network for

    # --- public -----------------------------------------------------------------------------------

    def get(self, video_id: str, article_path: Path | str | None = None, *,
            languages: str | Sequence[str] | None = None) -> Transcript:
        """The transcript of `video_id`. `article_path` says which blog's snapshots to look in
        (without one, the working folder's). Raises a TranscriptError subclass."""
        if not isinstance(video_id, str) or not is_video_id(video_id):
            raise InvalidVideoId(str(video_id))
        langs = self.languages if languages is None else normalise_languages(languages)
        local = self.find_local(video_id, article_path, langs)
        if local is not None:
            return local
        key = (video_id, langs)
        with self._lock:
            remembered = self._memo.get(key)
            if isinstance(remembered, TranscriptError):
                raise remembered
            if remembered is not None:
                return remembered
            try:
                result = self._cached_or_fetched(video_id, langs, article_path)
            except TranscriptError as error:
                self._memo[key] = error
                raise
            self._memo[key] = result
            return result

    def find_local(self, video_id: str, article_path: Path | str | None = None,
                   languages: Sequence[str] | None = None) -> Transcript | None:
        """Steps 1 and 2: a file in `--transcripts DIR` or the blog's snapshot folder, or None.
        A damaged file raises CorruptTranscriptFile: it is the user's, they should know."""
        langs = self.languages if languages is None else tuple(languages)
        for source, directory in self.local_dirs(article_path):
            chosen = pick_file(find_transcript_files(directory, video_id), langs)
            if chosen is None:
                continue
            transcript = self._load(chosen.path, source)
            if langs and transcript.language and not any(language_match(transcript.language, c) for c in langs):
                continue  # a file that names no language in its name, but holds another one
            return transcript
        return None

    def local_dirs(self, article_path: Path | str | None = None) -> list[tuple[str, Path]]:
        dirs: list[tuple[str, Path]] = []
        if self.transcripts_dir is not None:
            dirs.append(("transcripts-dir", self.transcripts_dir))
        snapshots = snapshot_dir_for(Path(article_path) if article_path else Path.cwd())
        if snapshots is not None and not any(_same(snapshots, d) for _, d in dirs):
            dirs.append(("snapshot", snapshots))
        return dirs

    @property
    def blocked(self) -> Blocked | None:
        """The block that stopped fetching in this run, if any."""
        return self._blocked

    @property
    def session(self):
        """The HTTP session youtube-transcript-api uses (made on first need: importing requests
        costs ~0.15 s, and a run served from disk never needs it)."""
        if self._session is None:
            from .youtube import YouTubeSession

            self._session = YouTubeSession(sleep=self.sleep, rng=self.rng.random)
        return self._session

    @property
    def requests_sent(self) -> int:
        """HTTP requests made through the session so far (retries included)."""
        return getattr(self._session, "sent", 0) if self._session is not None else 0

    # --- steps 3 and 4 ----------------------------------------------------------------------------

    def _cached_or_fetched(self, video_id: str, langs: tuple[str, ...], article_path) -> Transcript:
        if self.cache is not None and not self.refresh:
            cached = self.cache.lookup(video_id, langs, cookies=self.cookies is not None)
            if cached is not None:
                return cached
        if self.offline:
            raise self._missing_offline(video_id, article_path)
        if self._blocked is not None:
            raise self._blocked.for_video(video_id)
        self._pace()
        try:
            fetched = self._fetch(video_id, langs)
        except Blocked as error:
            self._blocked = error
            raise
        except TranscriptError as error:
            self._remember_failure(error)
            raise
        finally:
            self._last_fetch_end = self.clock()
        if self.cache is not None:
            try:
                self.cache.store(fetched.transcript, fetched.listing, fetched.track)
            except OSError as problem:
                self._warn(f"{self.cache.root}: cannot write the transcript cache ({problem.strerror or problem})")
        return fetched.transcript

    def _fetch(self, video_id: str, langs: tuple[str, ...]):
        from . import youtube

        self.network_fetches += 1
        now = utc_stamp(time.time())
        try:
            return youtube.fetch(video_id, langs, session=self.session, proxy=self.proxy, now=now)
        except youtube.NeedsFallback as need:
            reason = need.reason
        except AgeRestricted:
            if self.cookies is None or not self.fallback:
                raise
            reason = "age-restricted"
        if not self.fallback:
            raise FetchFailed(video_id, reason)
        try:
            from . import ytdlp
        except ImportError:  # pragma: no cover - yt-dlp is a declared dependency
            raise FetchFailed(video_id, f"{reason}, and yt-dlp is not installed") from None
        return ytdlp.fetch(video_id, langs, proxy=self.proxy, cookies=self.cookies, sleep=self.sleep,
                           rng=self.rng.random, now=now)

    def _pace(self) -> None:
        """A jittered pause between uncached videos; time spent on other work since counts."""
        if self._last_fetch_end is None or self.delay[1] <= 0:
            return
        wait = self.rng.uniform(*self.delay) - (self.clock() - self._last_fetch_end)
        if wait > 0:
            self.sleep(wait)

    def _remember_failure(self, error: TranscriptError) -> None:
        if self.cache is None:
            return
        try:
            listing = getattr(error, "listing", None)
            if listing is not None:
                self.cache.store_listing(listing)
            self.cache.store_failure(error)
        except OSError as problem:
            self._warn(f"{self.cache.root}: cannot write the transcript cache ({problem.strerror or problem})")

    # --- helpers ----------------------------------------------------------------------------------

    def _load(self, path: Path, source: str) -> Transcript:
        try:
            stat = path.stat()
        except OSError:
            return load_transcript_file(path, source=source)  # gone meanwhile: it says so
        key = (str(path), stat.st_mtime_ns, stat.st_size)
        transcript = self._files.get(key)
        if transcript is None:
            transcript = self._files[key] = load_transcript_file(path, source=source)
        return transcript if transcript.source == source else replace(transcript, source=source)

    def _missing_offline(self, video_id: str, article_path) -> TranscriptMissingOffline:
        dirs = self.local_dirs(article_path)
        places = [str(d) for _, d in dirs] + (["the user cache"] if self.cache is not None else [])
        note = None
        if not any(source == "snapshot" for source, _ in dirs):
            note = f"there is no {SNAPSHOT_DIR}/ above {article_path or 'the working folder'}"
        return TranscriptMissingOffline(video_id, places, note=note)

    def _warn(self, message: str) -> None:
        self.warnings.append(message)
        if self.on_warning is not None:
            self.on_warning(message)


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
