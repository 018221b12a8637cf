"""The deep links clipnote writes after each quote: their form, where they go, how they are found again.

The form is recognisable on purpose, so a later run updates a link instead of adding a second:

- Markdown: ` [▶ 1:23:43](https://youtu.be/G4hL5Om4IJ4?t=5023)`
- HTML (`.html` files, or a quote inside an HTML block): ` <a href="https://youtu.be/G4hL5Om4IJ4?t=5023">▶ 1:23:43</a>`

A link is clipnote's when its text starts with the ▶ marker (U+25B6, a following U+FE0E allowed)
and its target is a YouTube URL of the same video. It is looked for anywhere on the quote's own
lines, so a link the author moved or restyled is still found; only its time (the label's
h:mm:ss and the URL's `t=`) is then updated, never the rest of what the author changed.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from ..timecode import deep_link, format_hms
from ..article.urls import parse_youtube_url
from .starts import StartError, rewrite_start
from .text import Lines

MARKER = "\u25b6"  # ▶

_MD_LINK = re.compile(r"\[[ \t]*\u25b6\ufe0e?[ \t]*(?P<label>[^\]\r\n]*)\]\((?P<url>[^()\s]+)\)")
_HTML_LINK = re.compile(
    r"<a\s[^>]*?\bhref\s*=\s*(?P<q>[\"'])(?P<url>[^\"']+)(?P=q)[^>]*>"
    r"\s*\u25b6\ufe0e?\s*(?P<label>[^<]*)</a>",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"\d+:\d{2}(?::\d{2})?")
# What may end a line after the words of a quote and must stay last: a Markdown hard break
# (trailing spaces, handled by rstrip, or a backslash), an HTML line break, and the closing tags
# of the block the quote sits in.
_LINE_TAIL = re.compile(
    r"(?:<br\s*/?>|</(?:p|li|blockquote|div|td|th|dd|dt|figcaption|section|details)\s*>)$",
    re.IGNORECASE,
)
_TEMPLATE_LINE = re.compile(r"^(?:\{%.*%\}|\{\{[<%].*[>%]\}\})$")


@dataclass(frozen=True)
class FoundLink:
    """A deep link clipnote wrote earlier (or one in its form), found in the text."""

    start: int
    end: int
    html: bool
    video_id: str
    url: str
    url_span: tuple[int, int]  # inside the text
    label_span: tuple[int, int]
    seconds: int | None  # where it points, whole seconds


def render_link(video_id: str, seconds: float, *, html: bool) -> str:
    """The link to `seconds` (floored, as YouTube's share links are) in the chosen form."""
    whole = max(0, int(math.floor(seconds + 1e-9)))
    url = deep_link(video_id, whole)
    label = f"{MARKER} {format_hms(whole)}"
    return f'<a href="{url}">{label}</a>' if html else f"[{label}]({url})"


def find_links(text: str, start: int, end: int) -> list[FoundLink]:
    """Every ▶ link to a YouTube video in `text[start:end]`, in order."""
    found = []
    for pattern, html in ((_MD_LINK, False), (_HTML_LINK, True)):
        for m in pattern.finditer(text, start, end):
            ref = parse_youtube_url(m.group("url"))
            if ref is None or ref.video_id is None:
                continue
            seconds = None if ref.start is None else int(math.floor(ref.start + 1e-9))
            found.append(FoundLink(m.start(), m.end(), html, ref.video_id, m.group("url"),
                                   m.span("url"), m.span("label"), seconds))
    return sorted(found, key=lambda link: link.start)


def updated_link(text: str, link: FoundLink, seconds: float) -> str:
    """The text of `link` pointing at `seconds`: the URL's time moved in its own style and the
    label's h:mm:ss replaced; everything else the author may have changed stays."""
    whole = max(0, int(math.floor(seconds + 1e-9)))
    try:
        url = rewrite_start(link.url, whole)
    except StartError:
        url = deep_link(link.video_id, whole)
    label = text[link.label_span[0]:link.label_span[1]]
    label = _CLOCK.sub(format_hms(whole), label, count=1) if _CLOCK.search(label) else label
    pieces = sorted([(link.url_span, url), (link.label_span, label)])
    out, pos = [], link.start
    for (a, b), new in pieces:
        out.append(text[pos:a])
        out.append(new)
        pos = b
    out.append(text[pos:link.end])
    return "".join(out)


# --- where a link goes ------------------------------------------------------------------------------


def anchor(lines: Lines, first: int, last: int, *, label: str | None, excerpt_text: str,
           table_rows: frozenset[int] = frozenset()) -> tuple[int, int]:
    """(line number, offset in the text) where the link to a quote spanning lines first..last goes.

    That is the end of the quote's first line of words: for a Q/A turn the turn's first line, for
    a blockquote its first line inside the `>` (a bare `>` or a label alone on its line is
    skipped), before any hard break (trailing spaces, a backslash, `<br>`) and before the closing
    tags of an HTML block; in a table row, the end of the cell holding the quote. If the line
    leaves a code span or link open, the link goes where it closes, so it never lands inside one.
    """
    number = _first_line_of_words(lines, first, last, label)
    number = _closing_line(lines, number, last)
    content = lines.content(number)
    if number in table_rows:
        column = _cell_end(content, excerpt_text)
    else:
        column = line_end(content)
    return number, lines.start(number) + column


def line_end(content: str) -> int:
    """Offset in a line's content just after its last word, before any hard break or closing tag."""
    end = len(content.rstrip(" \t"))
    while True:
        head = content[:end]
        backslashes = len(head) - len(head.rstrip("\\"))
        if backslashes % 2 == 1:  # a backslash hard break (an even run is escaped backslashes)
            end = len(head[:-1].rstrip(" \t"))
            continue
        tail = _LINE_TAIL.search(head)
        if tail and tail.start() > 0:
            end = len(head[:tail.start()].rstrip(" \t"))
            continue
        return end


def _first_line_of_words(lines: Lines, first: int, last: int, label: str | None) -> int:
    template_only = None
    for number in range(first, last + 1):
        body = _strip_markers(lines.content(number))
        if label and body.startswith(label):
            body = body[len(label):].lstrip(" \t:：")
        if not body:
            continue
        if number < last and body.endswith((":", "：")) and len(body) <= 40:
            continue  # a speaker label alone on its line (`李秀全:`): the words follow
        if _TEMPLATE_LINE.match(body):  # `{% blockquote %}` or a shortcode line: prefer the words
            template_only = template_only or number
            continue
        return number
    return template_only or first


def _strip_markers(content: str) -> str:
    """A line without blockquote markers and surrounding blanks."""
    body = content.strip()
    while body.startswith(">"):
        body = body[1:].strip()
    return body.rstrip("\\").strip()


def _closing_line(lines: Lines, number: int, last: int) -> int:
    """The first line from `number` on at which inline code spans and link brackets are closed."""
    ticks = depth = 0
    for n in range(number, last + 1):
        for _, c in _unescaped(lines.content(n)):
            if c == "`":
                ticks += 1
            elif not ticks % 2:
                depth += (c == "[") - (c == "]")
        if ticks % 2 == 0 and depth <= 0:
            return n
    return number


def _unescaped(content: str):
    """(index, character) of each character of a line not escaped by a backslash."""
    i = 0
    while i < len(content):
        if content[i] == "\\":
            i += 2
            continue
        yield i, content[i]
        i += 1


def _cell_end(content: str, excerpt_text: str) -> int:
    """End of the words of the table cell that holds the quote (the last non-empty cell if none
    clearly does), before its closing pipe."""
    pipes, in_code = [], False
    for i, c in _unescaped(content):
        if c == "`":
            in_code = not in_code
        elif c == "|" and not in_code:
            pipes.append(i)
    bounds = [-1, *pipes, len(content)]
    cells = [(a + 1, b) for a, b in zip(bounds, bounds[1:]) if content[a + 1:b].strip(" \t>")]
    if not cells:
        return line_end(content)
    needle = normalise(excerpt_text)[:8]
    chosen = cells[-1]
    if needle:
        for cell in cells:
            if needle in normalise(content[cell[0]:cell[1]]):
                chosen = cell
                break
    return chosen[0] + line_end(content[chosen[0]:chosen[1]])


# --- is this still the quote that was checked? -------------------------------------------------------


def normalise(text: str) -> str:
    """Letters and digits only, NFKC, case-folded: what survives markup removal and re-wrapping."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).casefold() if ch.isalnum())


def reads_like(excerpt_text: str, lines_text: str) -> bool:
    """True when the article's lines still hold the quote's opening words.

    Lenient on purpose: the extractor strips labels, markup and entities, so the comparison is on
    letters and digits only and tolerates a few differences; it exists to catch a file that
    changed since it was checked (lines moved), not to re-judge the quote.
    """
    needle = normalise(excerpt_text)[:20]
    if len(needle) < 4:
        return True
    haystack = normalise(lines_text)
    if needle[:8] in haystack:
        return True
    from rapidfuzz import fuzz

    return fuzz.partial_ratio(needle, haystack) >= 70
