"""Move a clip's start time, in the clip's own syntax (`--fix-start`).

`rewrite_start(raw, seconds)` takes a reference exactly as the article writes it — a Jekyll
include, a Liquid or Hugo tag, an iframe or MDX element, a URL or a Markdown link — and returns it
with its start moved, touching nothing but the time values (and adding one only where the syntax
is known to carry it). Every time value in the reference moves together, so `?t=230#t=240` does
not keep a stale twin; each keeps its unit style (`t=475s` → `t=500s`, `t=1h5m15s` stays letters,
`t=230` stays bare seconds; `start=` is always whole seconds, the only form the embed player
takes). Anything that cannot be done safely raises StartError with the reason, never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from ..timecode import format_hms, try_parse_time
from ..article.urls import VIDEO_ID, parse_youtube_url


class StartError(ValueError):
    """The start of this reference cannot be moved safely; the message says why."""


@dataclass(frozen=True)
class TimeValue:
    """One time written inside a reference: where its value is and how it is written."""

    start: int  # offset of the value in the reference
    end: int
    key: str  # "start", "t", "#t", "time_continue", "end", or "start-attr" (Hugo/Quarto start="N")
    text: str

    @property
    def seconds(self) -> float | None:
        return try_parse_time(self.text)


# `start=` / `t=` / `time_continue=` / `end=` inside a query, a fragment or a `params=` value;
# `&amp;t=` is caught by the `;` and the half-unescaped `&ampt=` (EMBEDS §4.2) by its own key.
_PARAM = re.compile(
    r"(?:^|(?<=[?&#;]))(?P<key>start|t|time_continue|end|ampt)="
    r"(?P<val>(?:\d+(?:\.\d+)?[hHmMsS])*\d*(?:\.\d+)?)"
)
# name=value attributes of a tag or element; a quoted value is consumed whole, so `start=` inside
# another attribute's value (a title, say) is never mistaken for one.
_ATTR = re.compile(
    r"""(?<!\S)(?P<name>[A-Za-z_:][-\w:.]*)\s*=\s*"""
    r"""(?P<value>"[^"]*"|'[^']*'|(?:(?!%\})[^\s"'<>`{}=])(?:(?!%\})[^\s"'<>`{}])*)"""
)
_TOKEN = re.compile(r""""[^"]*"|'[^']*'|[^\s"']+""")
# URL characters (RFC 3986 and `%`); a URL ends at the first other character, which matters for
# URLs glued to CJK text (`?t=900。ウェブ`, EMBEDS §4.9) and inside Markdown's `(…)`.
_URL = re.compile(
    r"(?:https?:)?//[A-Za-z0-9\-._~:/?#@!$&*+,;=%]+"
    r"|(?<![\w./])(?:www\.|m\.)?(?:youtube(?:-nocookie)?\.com|youtu\.be)/[A-Za-z0-9\-._~:/?#@!$&*+,;=%]+"
)
_LIQUID = re.compile(r"\{%-?\s*(?P<name>[\w./-]+)")
_SHORTCODE = re.compile(r"\{\{[<%]\s*(?P<name>[\w./-]+)")
_ELEMENT = re.compile(r"<(?P<name>[\w.:-]+)")


def time_values(raw: str) -> list[TimeValue]:
    """Every start or end time written in the reference `raw` (empty when it carries none)."""
    return _Reference(raw).values


def rewrite_start(raw: str, seconds: int) -> str:
    """`raw` with its start moved to `seconds` (whole seconds), in its own syntax.

    Raises StartError when the reference carries no start and its syntax has no safe place for
    one, or when the new start would fall after the reference's own `end=`.
    """
    seconds = int(seconds)
    if seconds < 0:
        raise StartError("a start time cannot be negative")
    ref = _Reference(raw)
    starts = [v for v in ref.values if v.key != "end"]
    old_start = min((v.seconds for v in starts if v.seconds is not None), default=0.0)
    for value in ref.values:
        end = value.seconds
        # an end at or before the old start is ignored by the player (EMBEDS §3), so it is here too
        if value.key == "end" and end is not None and end > old_start and seconds >= end:
            raise StartError(
                f"the quotes begin at {format_hms(seconds)}, after this embed's own end "
                f"({format_hms(end)}); move or remove end= by hand"
            )
    if starts:
        out, pos = [], 0
        for value in starts:
            out.append(raw[pos:value.start])
            out.append(format_like(value.text, seconds, value.key))
            pos = value.end
        out.append(raw[pos:])
        return "".join(out)
    if ref.add is None:
        raise StartError(ref.why_not or f"{shorten(raw)} carries no start time and has no safe place for one")
    return ref.add(seconds)


# --- formatting times the way they were written ----------------------------------------------------


def format_like(old: str, seconds: int, key: str = "t") -> str:
    """`seconds` written in the style of `old`: `230`, `230s`, `3m50s`, `03m50s`, `1h5m15s`."""
    if key in ("start", "time_continue", "start-attr", "end"):
        return str(seconds)  # the embed player takes whole seconds only
    if re.fullmatch(r"\d+(?:\.\d+)?", old):
        return str(seconds)
    if re.fullmatch(r"\d+(?:\.\d+)?[sS]", old):
        return f"{seconds}{old[-1]}"
    return _letters_like(old, seconds)


def _letters_like(old: str, seconds: int) -> str:
    low = old.lower()
    had_minutes = "m" in low
    padded = bool(re.search(r"[hm]0\d", low))
    upper = old != low
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    parts = []
    if h:
        parts.append(f"{h}h")
    if m or (h and s) or (had_minutes and not h):
        parts.append(f"{m:02d}m" if padded and h else f"{m}m")
    if s or not parts:
        parts.append(f"{s:02d}s" if padded and parts else f"{s}s")
    out = "".join(parts)
    return out.upper() if upper else out


_CLOCK_TOKEN = re.compile(r"(?<![\d:.])(?:(\d{1,2}):)?(\d{1,3}):(\d{2})(?![\d:])")
_LETTER_TOKEN = re.compile(r"(?<![\w.])(?=\d)(?:\d+h)?(?:\d+m)?(?:\d+s)?(?![\w.])", re.I)


def relabel(label: str, old_seconds: float, new_seconds: int) -> str | None:
    """A visible timestamp (`7:55`, `Timestamp: 00:01:08`, `@ 28m42s`) moved with its link.

    Only a label that showed the link's old time (to the second) is moved, and only when it holds
    exactly one time: a label that disagreed with its link was saying something else, and a
    fact-checker should see that, not have it papered over. None when nothing should change.
    """
    tokens = [m for m in _CLOCK_TOKEN.finditer(label)]
    if not tokens:
        tokens = [m for m in _LETTER_TOKEN.finditer(label) if m.group(0) and re.search("[hms]", m.group(0), re.I)]
    if len(tokens) != 1:
        return None
    token = tokens[0]
    shown = try_parse_time(token.group(0))
    if shown is None or int(shown) != int(old_seconds):
        return None
    if ":" in token.group(0):
        new = _clock_like(token, new_seconds)
    else:
        new = _letters_like(token.group(0), new_seconds)
    return label[:token.start()] + new + label[token.end():]


def _clock_like(token: re.Match, seconds: int) -> str:
    hours_text, minutes_text, _ = token.groups()
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    if hours_text is not None or h:
        width = len(hours_text) if hours_text is not None else 1
        return f"{h:0{width}d}:{m:02d}:{s:02d}"
    width = len(minutes_text) if minutes_text.startswith("0") else 1
    return f"{m:0{width}d}:{s:02d}"


# --- reading a reference -----------------------------------------------------------------------------


class _Reference:
    """The time values of one reference and, when it has none, how a start could be added."""

    def __init__(self, raw: str):
        self.raw = raw
        self.values: list[TimeValue] = []
        self.add: Callable[[int], str] | None = None
        self.why_not: str | None = None
        head = raw.lstrip()
        offset = len(raw) - len(head)
        if m := _LIQUID.match(head):
            self._liquid(m.group("name"), offset + m.end())
        elif m := _SHORTCODE.match(head):
            self._shortcode(m.group("name"), offset + m.end())
        elif (m := _ELEMENT.match(head)) and not head.startswith("<http"):
            self._element(offset + m.end())
        else:
            self._text()
        self.values.sort(key=lambda v: v.start)

    # references by syntax

    def _liquid(self, name: str, args: int) -> None:
        attrs = self._attributes(args)
        refs = self._attribute_references(attrs) + self._positional_references(args, attrs)
        if name.lower() == "include":
            ids = [r for r in refs if r[0] == "id"] or refs
            if ids:
                self._add_to_reference(*ids[0][1:], id_key="start")
            else:
                self.why_not = (f"{shorten(self.raw)} names its video through a variable; "
                                "put the start where that variable is set")
        else:
            # `{% youtube ID %}` plugins differ (Hexo passes the id into the embed URL, others
            # validate it), so a start is only moved where the author already wrote one.
            self.why_not = (f"{shorten(self.raw)} has no start time, and `{{% {name} %}}` tags differ "
                            "between plugins; add the start by hand")

    def _shortcode(self, name: str, args: int) -> None:
        attrs = self._attributes(args)
        named = self._attribute_references(attrs)
        positional = self._positional_references(args, attrs)
        params = [a for a in attrs if a[0].lower() == "params"]
        if params:
            self._add_to_params(params[0])
        elif name.lower() in ("youtube", "video") and named and named[0][0] == "id":
            _, value, start, end = named[0]
            if "?" in value:  # `id="ID?rel=0"`: this theme passes the id into the embed URL
                self._add_to_reference(value, start, end, id_key="start")
            else:
                close = end + (1 if self.raw[end:end + 1] in "\"'" else 0)
                self.add = lambda s, at=close: self.raw[:at] + f' start="{s}"' + self.raw[at:]
        elif name.lower() == "video" and positional:  # Quarto: {{< video URL start="N" >}}
            _, _, _, end = positional[0]
            close = end + (1 if self.raw[end:end + 1] in "\"'" else 0)
            self.add = lambda s, at=close: self.raw[:at] + f' start="{s}"' + self.raw[at:]
        else:
            self.why_not = (f"{shorten(self.raw)} has no start time and no named parameter to add one "
                            "to (Hugo does not mix positional and named parameters); write "
                            'it as {{< youtube id="ID" start="N" >}}')

    def _element(self, args: int) -> None:
        attrs = self._attributes(args)
        refs = self._attribute_references(attrs)
        params = [a for a in attrs if a[0].lower() == "params"]
        embeds = [r for r in refs if r[0] == "src" and "/embed/" in r[1]]
        urls = [r for r in refs if r[0] in ("src", "href") and "//" in r[1]]
        if embeds:
            self._add_to_reference(*embeds[0][1:], id_key="start")
        elif params:
            self._add_to_params(params[0])
        elif urls:
            self._add_to_reference(*urls[0][1:], id_key="start")
        else:
            self.why_not = (f"{shorten(self.raw)} has no start time and no src= or params= to put "
                            "one in; add it by hand")

    def _text(self) -> None:
        first = None
        for m in _URL.finditer(self.raw):
            value = m.group(0)
            if parse_youtube_url(value, unwrap=False) is None:  # a redirector's query is not ours to edit
                continue
            self._scan_reference(value, m.start())
            if first is None:
                first = (value, m.start(), m.end())
        if first is not None:
            self._add_to_reference(*first, id_key="start")
        else:
            self.why_not = f"{shorten(self.raw)} holds no YouTube URL whose start could be moved"

    # pieces

    def _attributes(self, pos: int) -> list[tuple[str, str, int, int]]:
        """(name, unquoted value, value start, value end) of each attribute after `pos`."""
        out = []
        for m in _ATTR.finditer(self.raw, pos):
            value = m.group("value")
            start, end = m.start("value"), m.end("value")
            if value[:1] in "\"'":
                value, start, end = value[1:-1], start + 1, end - 1
            out.append((m.group("name"), value, start, end))
        return out

    def _attribute_references(self, attrs) -> list[tuple[str, str, int, int]]:
        """Attributes that carry a start: `start=`, `end=`, `params=`, or a video reference."""
        refs = []
        for name, value, start, end in attrs:
            key = name.lower()
            if key in ("start", "end"):
                if try_parse_time(value) is not None and re.fullmatch(r"\d+(?:\.\d+)?", value):
                    self.values.append(TimeValue(start, end, "start-attr" if key == "start" else "end", value))
            elif key == "params":
                self._scan_query(value, start, 0)
            elif self._scan_reference(value, start):
                refs.append((key, value, start, end))
        return refs

    def _positional_references(self, pos: int, attrs) -> list[tuple[str, str, int, int]]:
        taken = [(start, end) for _, _, start, end in attrs]
        refs = []
        for m in _TOKEN.finditer(self.raw, pos):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            value, start, end = m.group(0), m.start(), m.end()
            if value[:1] in "\"'":
                value, start, end = value[1:-1], start + 1, end - 1
            if self._scan_reference(value, start):
                refs.append(("", value, start, end))
        return refs

    def _scan_reference(self, value: str, base: int) -> bool:
        """Record the times inside a video reference (a YouTube URL, or an id with a query such as
        `G4hL5Om4IJ4?start=4648`); False when `value` is not a video reference."""
        if "//" in value or value.startswith(("www.", "m.", "youtu")):
            if parse_youtube_url(value, unwrap=False) is None:  # a redirector's query is not ours to edit
                return False
            cut = min((i for i in (value.find("?"), value.find("#")) if i >= 0), default=-1)
            if cut >= 0:
                self._scan_query(value, base, cut)
            return True
        if VIDEO_ID.match(value[:11]) and (len(value) == 11 or value[11] in "?&#"):
            if len(value) > 11:
                self._scan_query(value, base, 11)
            return True
        return False

    def _scan_query(self, value: str, base: int, pos: int) -> None:
        fragment = value.find("#")
        for m in _PARAM.finditer(value, pos):
            text = m.group("val")
            if not text or try_parse_time(text) is None:
                continue
            key = m.group("key")
            key = "t" if key == "ampt" else key
            if key == "t" and 0 <= fragment < m.start():
                key = "#t"
            self.values.append(TimeValue(base + m.start("val"), base + m.end("val"), key, text))

    def _add_to_reference(self, value: str, start: int, end: int, *, id_key: str) -> None:
        """Add a start to a video reference: `?start=N` to an embed URL or an include's id
        (`ID?start=N`, which the include passes into the embed URL), `?t=N` to a watch or
        youtu.be URL — before any `#fragment`, with `&amp;` where the value already escapes."""
        is_url = "//" in value or value.startswith(("www.", "m.", "youtu"))
        key = "t" if is_url and "/embed/" not in value else id_key
        hash_at = value.find("#")
        cut = hash_at if hash_at >= 0 else len(value)
        head = value[:cut]
        if head.endswith(("?", "&")):
            sep = ""
        elif "?" in head:
            sep = "&amp;" if "&amp;" in head else "&"
        else:
            sep = "?"
        at = start + cut
        self.add = lambda s: self.raw[:at] + f"{sep}{key}={s}" + self.raw[at:]

    def _add_to_params(self, param: tuple[str, str, int, int]) -> None:
        _, value, start, _ = param
        sep = "&" if value else ""
        self.add = lambda s: self.raw[:start] + f"start={s}{sep}" + self.raw[start:]


def shorten(raw: str, width: int = 60) -> str:
    """A reference on one line, in backticks, cut to `width` characters for a message."""
    flat = " ".join(raw.split())
    return "`" + (flat if len(flat) <= width else flat[: width - 1] + "…") + "`"
