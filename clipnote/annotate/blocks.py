"""Which lines of a Markdown article sit in an HTML block or a table row.

A Markdown link inside an HTML block is not rendered (the block is raw HTML), so a quote there
gets an `<a>` link; a quote in a table row gets its link inside its cell. markdown-it-py gives the
block structure exactly as CommonMark (plus GFM tables) defines it; front matter is blanked first
so YAML is never mistaken for Markdown. Line numbers match `text.Lines` (markdown-it also breaks
lines at `\\r\\n`, `\\r` and `\\n`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_EOL = re.compile(r"\r\n|\r|\n")
_FENCES = {"---": ("---", "..."), "+++": ("+++",)}


@dataclass(frozen=True)
class Blocks:
    html_lines: frozenset[int]  # 1-based lines inside an HTML block
    table_rows: frozenset[int]  # 1-based lines that are table rows


def markdown_blocks(text: str) -> Blocks:
    from markdown_it import MarkdownIt

    lines = _EOL.split(text)
    end = _front_matter_end(lines)
    source = "\n".join([""] * end + lines[end:])
    html: set[int] = set()
    rows: set[int] = set()
    for token in MarkdownIt("commonmark").enable("table").parse(source):
        if token.map is None:
            continue
        first, stop = token.map  # 0-based, stop exclusive
        if token.type == "html_block":
            html.update(range(first + 1, stop + 1))
        elif token.type == "tr_open":
            rows.update(range(first + 1, stop + 1))
    return Blocks(frozenset(html), frozenset(rows))


def _front_matter_end(lines: list[str]) -> int:
    """Number of leading lines that are front matter (0 when there is none)."""
    if not lines or lines[0].rstrip() not in _FENCES:
        return 0
    closers = _FENCES[lines[0].rstrip()]
    for index in range(1, len(lines)):
        if lines[index].rstrip() in closers:
            return index + 1
    return 0
