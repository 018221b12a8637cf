"""YouTube URLs and video ids: what video, from which second, to which second.

Pure string handling. Finding URLs inside an article is `clips.py`'s job; this module takes one
URL (or an embed's id argument) and says what it points at, or why it points at nothing.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote, urlsplit

from ..timecode import try_parse_time

VIDEO_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")

# Invisible characters that editors and copy-paste leave inside link targets (EMBEDS §4.10).
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"))

_HOSTS = {
    "youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com",
    "youtube-nocookie.com", "www.youtube-nocookie.com", "youtu.be", "www.youtu.be",
    "img.youtube.com", "i.ytimg.com",
}
_ID_PATHS = ("embed", "shorts", "live", "v", "e", "vi")
# Link redirectors (l.facebook.com/l.php?u=, l.threads.net/?u=, google.com/url?q=,
# out.reddit.com/?url=) carry the real target, percent-encoded, in one of these parameters;
# href.li/?https://… carries it as the whole query. t.co and other shorteners hide it: not read.
_WRAPPER_KEYS = ("u", "url", "q", "target", "redirect", "redirect_url", "to", "dest", "link", "href")


@dataclass(frozen=True)
class VideoRef:
    """What a URL or an embed argument points at."""

    video_id: str | None  # None when the reference names no valid video
    start: float | None = None
    end: float | None = None
    error: str | None = None  # why video_id is None, for the user
    # every start-time candidate found, e.g. {"t": 230.0, "#t": 240.0}; kept so a report can
    # say which one won when they disagree
    times: tuple[tuple[str, float], ...] = ()


def is_video_id(text: str) -> bool:
    return bool(VIDEO_ID.match(text))


def clean_url(text: str) -> str:
    """Drop invisible characters and undo `&amp;` escaping (also the half-escaped `&ampt=`)."""
    text = text.translate(_INVISIBLE).strip()
    text = html.unescape(text)
    return re.sub(r"&amp(?=[a-z_]+=)", "&", text)


def is_youtube_url(url: str) -> bool:
    try:
        parts = urlsplit(clean_url(url) if "://" in url else "https://" + clean_url(url))
    except ValueError:
        return False
    return (parts.hostname or "").lower() in _HOSTS


def parse_youtube_url(url: str, *, unwrap: bool = True) -> VideoRef | None:
    """The video a YouTube URL points at, or None if the URL is not a video URL at all.

    A redirector's link to a video (`l.threads.net/?u=https%3A%2F%2Fwww.youtube.com%2F…`) is that
    video unless `unwrap` is off (for code that edits the URL's own query: the time belongs inside).

    A URL that is clearly meant to be a video but carries an invalid id (`youtu.be/url`) gives a
    VideoRef with `video_id=None` and an `error`, so callers can report it instead of guessing.
    """
    url = clean_url(url)
    if "://" not in url:
        if not re.match(r"^(?:www\.|m\.)?(?:youtube(?:-nocookie)?\.com|youtu\.be)/", url, re.I):
            return None
        url = "https://" + url
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if host not in _HOSTS:
        return _wrapped(parts.query) if unwrap else None
    query = _query(parts.query)
    fragment = _query(parts.fragment) if "=" in parts.fragment else {}
    segments = [s for s in parts.path.split("/") if s]

    candidate: str | None = None
    if host.endswith("youtu.be"):
        candidate = segments[0] if segments else None
    elif host in ("img.youtube.com", "i.ytimg.com"):
        candidate = segments[1] if len(segments) >= 2 and segments[0] in ("vi", "vi_webp") else None
    elif segments and segments[0] in ("watch", "watch_popup"):
        candidate = query.get("v")
    elif segments and segments[0] in _ID_PATHS and len(segments) >= 2:
        candidate = segments[1]
    elif "v" in query:
        candidate = query["v"]
    if candidate is None:
        return None  # a channel, playlist, search or the home page: not a video

    if not is_video_id(candidate):
        return VideoRef(None, error=f"not a valid YouTube video id: {candidate!r}")
    start, end, times = _times(query, fragment)
    return VideoRef(candidate, start, end, times=times)


def _wrapped(query: str) -> VideoRef | None:
    """The video a redirector's link leads to (`?u=https%3A%2F%2Fyoutu.be%2F…`), or None. Only
    another site's redirector is read: YouTube's own `youtube.com/redirect?q=` leads away from
    YouTube, and that path is no video, as before."""
    if "youtu" not in query.lower():
        return None
    values = [value for key, value in parse_qsl(query, keep_blank_values=True) if key.lower() in _WRAPPER_KEYS]
    if re.match(r"https?://", query, re.I):
        values.append(query)  # href.li/?https://…: the rest of the link is the target's
    elif re.match(r"https?%3A", query, re.I):
        values.append(unquote(query.split("&", 1)[0]))
    for value in values:
        inner = unquote(value) if re.match(r"https?%3A", value, re.I) else value  # encoded twice
        if re.match(r"(?:https?://)?(?:www\.|m\.)?(?:youtube\.com|youtu\.be)/", inner, re.I):
            return parse_youtube_url(inner)
    return None


def parse_id_argument(arg: str) -> VideoRef:
    """An embed's id argument, which may carry a query: `G4hL5Om4IJ4?start=4648`, `ID?t=4m46s`,
    `ID?rel=0&start=10`, `ID?modestbranding=1&amp;showinfo=0`, or a whole URL."""
    arg = clean_url(arg.strip().strip("\"'"))
    if "://" in arg or arg.startswith(("www.", "youtu")):
        ref = parse_youtube_url(arg)
        return ref if ref is not None else VideoRef(None, error=f"not a YouTube video: {arg!r}")
    head, _, tail = arg.partition("?")
    if not tail and "&" in head:
        head, _, tail = arg.partition("&")
    head, _, frag = head.partition("#")
    if not is_video_id(head):
        return VideoRef(None, error=f"not a valid YouTube video id: {head!r}")
    start, end, times = _times(_query(tail), _query(frag) if "=" in frag else {})
    return VideoRef(head, start, end, times=times)


def parse_params(params: str) -> tuple[float | None, float | None]:
    """`start=130&end=10&controls=0` (a `params=` attribute) → (start, end); an end that is not
    after the start is ignored, as the player ignores it."""
    start, end, _ = _times(_query(clean_url(params)), {})
    return start, end


def _query(text: str) -> dict[str, str]:
    pairs = parse_qsl(text.lstrip("?&"), keep_blank_values=True)
    out: dict[str, str] = {}
    for key, value in pairs:
        key = key.lower()
        if key.startswith("amp;"):
            key = key[4:]
        elif key == "ampt":  # `&ampt=230s`: the `;` of `&amp;t=` was lost
            key = "t"
        out.setdefault(key, value)
    return out


def _times(query: dict[str, str], fragment: dict[str, str]) -> tuple[float | None, float | None, tuple]:
    times: list[tuple[str, float]] = []
    for source, key in (("#t", fragment.get("t")), ("start", query.get("start")),
                        ("t", query.get("t")), ("time_continue", query.get("time_continue"))):
        value = try_parse_time(key) if key else None
        if value is not None:
            times.append((source, value))
    # the fragment wins, as YouTube's player lets it (EMBEDS §4.6); then start=, t=, time_continue=
    start = times[0][1] if times else None
    end = try_parse_time(query["end"]) if query.get("end") else None
    if end is not None and start is not None and end <= start:
        end = None
    return start, end, tuple(times)
