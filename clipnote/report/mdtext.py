"""Safe Markdown building blocks: every piece of article or transcript text goes through here.

The text clipnote prints comes from blog posts and YouTube captions, so it may hold anything:
`<script>`, `|` that would split a table cell, `](` that would end a link, a leading `#` or `>`,
backticks, `$…$` that GitHub renders as maths, HTML entities. `text()` makes such a string render
as exactly itself in CommonMark and GitHub Flavored Markdown: `&`, `<` and `>` become entities
(so no tag and no entity survives), Markdown punctuation is backslash-escaped, and a line cannot
start a block (heading, quote, list, thematic break, setext underline, indented code).
"""

from __future__ import annotations

import re
from urllib.parse import quote

# Punctuation that means something inline in CommonMark or GFM (emphasis, code, links, tables,
# strikethrough, GitHub maths). `(`, `)`, `!` need no escape once `[` and `]` are escaped.
_INLINE = set("\\`*_[]|~$#")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_ORDERED = re.compile(r"^(\d{1,9})([.)])")
_ESCAPES = str.maketrans({**_ENTITIES, **{c: "\\" + c for c in _INLINE}})


def text(value: object, *, inline: bool = True) -> str:
    """`value` as Markdown that renders as exactly this text.

    inline=True folds all white space (newlines too) into single spaces, for table cells,
    headings, list items and link text; inline=False keeps the lines (for block quotes).
    """
    raw = _CONTROL.sub(" ", str(value).replace("\r\n", "\n").replace("\r", "\n"))
    if inline:
        return _escape_line(" ".join(raw.split()))
    return "\n".join(_escape_line(" ".join(line.split())) for line in raw.split("\n"))


def _escape_line(line: str) -> str:
    out = line.translate(_ESCAPES)
    # a line may not open a block: list markers, setext underlines, ordered lists
    if out[:1] in ("-", "+", "="):
        out = "\\" + out
    return _ORDERED.sub(r"\1\\\2", out)


def quote_block(value: object) -> str:
    """A block quote of (possibly multi-line) text, each line escaped."""
    lines = text(value, inline=False).split("\n")
    # drop leading and trailing blank lines, keep inner ones as quote paragraph breaks
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(f"> {line}" if line else ">" for line in lines) or ">"


def url(value: str) -> str:
    """A link destination with spaces, parentheses, angle brackets and quotes percent-encoded."""
    return quote(value, safe=":/?#@!$&*+,;=%-._~")


def link(label_markdown: str, target: str) -> str:
    """`[label](target)`; the label must already be Markdown (escape it with text())."""
    return f"[{label_markdown}]({url(target)})"


def code(value: object) -> str:
    """An inline code span of one line of text, safe whatever backticks it holds.

    Not for table cells: GFM splits cells on `|` even inside code spans.
    """
    one_line = " ".join(_CONTROL.sub(" ", str(value)).split())
    longest = max((len(run) for run in re.findall(r"`+", one_line)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if one_line.startswith("`") or one_line.endswith("`") or not one_line else ""
    return f"{fence}{pad}{one_line}{pad}{fence}"


def html(value: object) -> str:
    """Text for inside a raw HTML block (a `<summary>`), where Markdown is not parsed."""
    one_line = " ".join(_CONTROL.sub(" ", str(value)).split())
    return "".join(_ENTITIES.get(c, c) for c in one_line).replace('"', "&quot;")


def table(header: list[str], rows: list[list[str]], align: str = "") -> str:
    """A GFM table; cells must already be Markdown. `align` holds one of `l`/`r`/`c` per column."""
    marks = {"l": "---", "r": "---:", "c": ":---:"}
    rule = [marks.get(a, "---") for a in align.ljust(len(header), "l")]
    lines = [header, rule, *rows]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)
