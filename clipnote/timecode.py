"""Times as people write them (`1h2m3s`, `1:17:28`, `4648`, `4648s`) and as clipnote prints them."""

from __future__ import annotations

import math
import re

_CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,3}):(\d{1,2})(?:[.,](\d+))?$")
_LETTERS = re.compile(
    r"^(?=\d)(?:(?P<h>\d+(?:\.\d+)?)h)?(?:(?P<m>\d+(?:\.\d+)?)m)?(?:(?P<s>\d+(?:\.\d+)?)s?)?$",
    re.IGNORECASE,
)
_ISO = re.compile(r"^PT(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?$", re.IGNORECASE)


def parse_time(text: str) -> float:
    """Seconds from `4648`, `4648s`, `4648.5`, `1h17m28s`, `77m`, `1:17:28`, `77:28`, `PT1H17M28S`.

    Raises ValueError with the offending text when it is not a time.
    """
    value = try_parse_time(text)
    if value is None:
        raise ValueError(f"not a time: {text!r} (use seconds, 1h2m3s or h:mm:ss)")
    return value


def try_parse_time(text: str | None) -> float | None:
    """Like parse_time, but None for anything that is not a time."""
    if text is None:
        return None
    t = text.strip().replace("\u2236", ":").replace("\uff1a", ":")
    if not t:
        return None
    m = _CLOCK.match(t)
    if m:
        hours, minutes, seconds, frac = m.groups()
        if int(seconds) >= 60 or (hours is not None and int(minutes) >= 60):
            return None
        value = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
        return value + (float("0." + frac) if frac else 0.0)
    m = _LETTERS.match(t)
    if m and any(m.group(k) for k in "hms"):
        h, mi, s = (float(m.group(k) or 0) for k in "hms")
        # "20m06" is not a form anyone writes; a bare number after m needs the s
        if m.group("s") and m.group("m") and not t.lower().endswith("s"):
            return None
        return h * 3600 + mi * 60 + s
    m = _ISO.match(t)
    if m and any(m.groups()):
        h, mi, s = (float(g or 0) for g in m.groups())
        return h * 3600 + mi * 60 + s
    return None


def format_hms(seconds: float) -> str:
    """`5023.8` → `1:23:43`; always h:mm:ss (`0:05:35`), truncating fractions like YouTube does."""
    total = max(0, int(math.floor(seconds + 1e-9)))
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}"


def format_clock(seconds: float) -> str:
    """`335` → `5:35`, `5023` → `1:23:43`: the short form YouTube shows under the player."""
    total = max(0, int(math.floor(seconds + 1e-9)))
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def format_offset(seconds: float) -> str:
    """A signed difference for humans: `+6:16`, `-0:42`, `+1:02:03`."""
    sign = "-" if seconds < 0 else "+"
    return sign + format_clock(abs(round(seconds)))


def format_letters(seconds: float) -> str:
    """`286` → `4m46s`, `3915` → `1h5m15s`, `0` → `0s` (the form Hexo and `t=` links use)."""
    total = max(0, int(round(seconds)))
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    out = (f"{h}h" if h else "") + (f"{m}m" if m else "")
    return out + (f"{s}s" if s or not out else "")


def deep_link(video_id: str, seconds: float | None = None) -> str:
    """`https://youtu.be/ID?t=S`, S in whole seconds (the form YouTube's share button makes)."""
    if seconds is None:
        return f"https://youtu.be/{video_id}"
    return f"https://youtu.be/{video_id}?t={max(0, int(math.floor(seconds + 1e-9)))}"
