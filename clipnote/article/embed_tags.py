"""Embeds written as template tags, shortcodes or components (EMBEDS.md §2 rows 1–21, §6).

Liquid `{% include *youtube*|*video* id=… %}` and `{% youtube … %}` (Jekyll, Hexo, 11ty), Hugo
and Quarto `{{< youtube|video|youtubeLite … >}}` (and `{{% … %}}`), `<iframe src>`, JSX/HTML
components (`<YouTube id>`, `<LiteYouTubeEmbed params="start=…">`, `<lite-youtube videoid>`, …)
and Gatsby's inline-code `` `youtube: URL` ``. A tag named after YouTube with no valid id is a bad
reference; a generic one (`<iframe>`, `{{< video >}}`, `{% include video … %}`) pointing
elsewhere (Vimeo, an mp4) is simply not a YouTube clip.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .clips import Finder, resolve_reference, scalar
from .inline import search_limit
from ..timecode import try_parse_time
from .urls import VideoRef, parse_params


# --- argument lists of template tags and HTML/JSX attributes ------------------------------------

_ARG = re.compile(
    r"""([A-Za-z_][\w.:-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|\{([^{}]*)\}|([^\s"'<>{}]+))"""
    r"""|"([^"]*)"|'([^']*)'|([^\s"'<>{}]+)""")


def parse_args(text: str) -> tuple[dict[str, str], list[str]]:
    """`id="X" start=10 positional 'quoted'` → ({"id": "X", "start": "10"}, ["positional", …]).

    JSX expressions keep their braces (`{id}`) so callers can tell them from literals.
    """
    named: dict[str, str] = {}
    positional: list[str] = []
    for m in _ARG.finditer(text):
        if m.group(1):
            value = next(g for g in (m.group(2), m.group(3), m.group(4), m.group(5)) if g is not None)
            if m.group(4) is not None:
                value = "{" + value + "}"
            named.setdefault(m.group(1).lower(), value)
        else:
            positional.append(next(g for g in m.groups()[5:] if g is not None))
    return named, positional


def _with_times(ref: VideoRef, named: dict[str, str]) -> VideoRef:
    """Apply explicit `start=`/`end=`/`params=` arguments, which beat times inside the id."""
    if ref.video_id is None:
        return ref
    start, end = ref.start, ref.end
    if named.get("params"):
        p_start, p_end = parse_params(named["params"])
        start = p_start if p_start is not None else start
        end = p_end if p_end is not None else end
    for key in ("start", "t"):
        if named.get(key) and try_parse_time(named[key]) is not None:
            start = try_parse_time(named[key])
            break
    if named.get("end") and try_parse_time(named["end"]) is not None:
        end = try_parse_time(named["end"])
    if end is not None and start is not None and end <= start:
        end = None
    return replace(ref, start=start, end=end)


# --- pass 1: containers -------------------------------------------------------------------------

_LIQUID_INCLUDE = re.compile(r"\{%-?\s*include\s+([^\s%]+)(.*?)-?%\}", re.S)
_LIQUID_TAG = re.compile(r"\{%-?\s*(youtube\w*|yt)\s+(.*?)\s*-?%\}", re.S | re.I)
_SHORTCODE = re.compile(
    r"\{\{(?:<\s*([A-Za-z][\w.-]*)(.*?)\s*>|%\s*([A-Za-z][\w.-]*)(.*?)\s*%)\}\}", re.S)
_COMPONENT = re.compile(
    r"<(iframe|embed|video|ReactPlayer|(?:[A-Za-z][\w.-]*?)?youtube[\w.-]*|lite-youtube)\b"
    r"((?:[^<>{}\"']|\"[^\"]*\"|'[^']*'|\{[^{}]*\})*)/?>", re.I)
_LIQUID_CLOSER = re.compile(r"%\}")
_SHORTCODE_CLOSER = re.compile(r"\}\}")
_GATSBY = re.compile(r"`\s*(youtube|video)\s*:\s*([^`\s]+)\s*`", re.I)

_ID_KEYS = ("id", "videoid", "video-id", "video_id", "youtubeid", "youtube-id", "youtube_id",
            "yturl", "content", "video", "v", "src", "data-src", "url")


def _first(named: dict[str, str], keys) -> str | None:
    return next((named[k] for k in keys if named.get(k)), None)


def find_containers(f: Finder) -> None:
    text = f.doc.masked
    if "{%" in text:
        limit = search_limit(text, _LIQUID_CLOSER)  # an unclosed `{% include` reads no further
        for m in _LIQUID_INCLUDE.finditer(text, 0, limit):
            name = m.group(1).lower()
            if "youtube" not in name and "video" not in name:
                continue
            named, _ = parse_args(m.group(2))
            provider = named.get("provider", "youtube").lower()
            if provider not in ("youtube", "yt"):
                continue
            value = _first(named, _ID_KEYS)
            strict = "youtube" in name or "provider" in named
            if value is None:
                if strict:
                    f.problem(m.start(), "a YouTube include with no id= argument", m.group(0))
                continue
            if re.fullmatch(r"(?:page|include|site|post|layout)\.[\w.-]+", value):
                ref = _liquid_variable(f, value)
            else:
                ref = resolve_reference(value, strict=strict)
            f.add(m.start(), m.end(), "embed", ref and _with_times(ref, named))
        for m in _LIQUID_TAG.finditer(text, 0, limit):
            named, positional = parse_args(m.group(2))
            if len(positional) > 1 and positional[1].lower() == "playlist":
                f.consume(*m.span())
                continue
            value = _first(named, _ID_KEYS) or (positional[0] if positional else None)
            if value is None:
                f.problem(m.start(), "a youtube tag with no video id", m.group(0))
                continue
            ref = resolve_reference(value, strict=True)
            f.add(m.start(), m.end(), "embed", ref and _with_times(ref, named))
    if "{{" in text:
        for m in _SHORTCODE.finditer(text, 0, search_limit(text, _SHORTCODE_CLOSER)):
            written = m.group(1) or m.group(3)
            name = written.lower()
            if "youtube" not in name and name not in ("video", "yt"):
                continue
            named, positional = parse_args(m.group(2) if m.group(1) else m.group(4))
            value = _first(named, _ID_KEYS) or (positional[0] if positional else None)
            strict = "youtube" in name or name == "yt"
            if value is None:
                if strict:
                    f.problem(m.start(), f"a {written} shortcode with no video id", m.group(0))
                continue
            ref = resolve_reference(value, strict=strict)
            f.add(m.start(), m.end(), "embed", ref and _with_times(ref, named))
    if "<" in text:
        for m in _COMPONENT.finditer(text):
            name = m.group(1).lower()
            named, _ = parse_args(m.group(2))
            generic = name in ("iframe", "embed", "video", "reactplayer")
            keys = ("src", "data-src", "data-lazy-src", "url") if generic else _ID_KEYS
            value = _first(named, keys)
            if value is None:
                if not generic:
                    f.problem(m.start(), f"a <{m.group(1)}> component with no video id", m.group(0))
                continue
            ref = resolve_reference(value, strict=not generic)
            f.add(m.start(), m.end(), "embed", ref and _with_times(ref, named))
    if "`" in text:
        for m in _GATSBY.finditer(text):
            ref = resolve_reference(m.group(2), strict=m.group(1).lower() == "youtube")
            f.add(m.start(), m.end(), "embed", ref)


def _liquid_variable(f: Finder, value: str) -> VideoRef:
    scope, _, key = value.partition(".")
    if scope == "page" and "." not in key:
        data = f.doc.front_matter.data
        actual = key if key in data else next((k for k in data if str(k).lower() == key.lower()), None)
        if actual is not None and data[actual] not in (None, ""):
            f.used_front_matter_keys.add(str(actual))
            return resolve_reference(scalar(data[actual]), strict=True) or VideoRef(None)
        return VideoRef(None, error=f"id={value}, but the front matter has no {key}")
    return VideoRef(None, error=f"id={value} is a Liquid variable clipnote cannot resolve")
