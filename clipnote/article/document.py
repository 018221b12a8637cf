"""An article file as clipnote reads it: its text, its front matter, and its Markdown blocks.

Two things live here, before any YouTube-specific logic (front matter is `frontmatter.py`):

- `read_article_text(path)`: bytes to text, refusing binary and non-UTF-8 files with a reason.
- `parse_document(text, path)`: the CommonMark block structure (markdown-it-py, block rules only,
  so list continuations are never mistaken for indented code) plus a *masked* copy of the text in
  which everything that is not rendered content is blanked out: front matter, fenced and indented
  code, inline code spans, HTML comments, `{% raw %}`/`{% comment %}`/`{% codeblock %}`,
  `<pre>`/`<script>`, Hugo's escaped `{{</* */>}}`, MDX `{/* */}`, blockquote markers and list
  bullets. The masked text has exactly the same length and line breaks as the original, so an
  offset found in it is an offset in the file and line numbers stay 1-based file lines.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import ArticleError
from .frontmatter import FrontMatter, split_front_matter
from .inline import search_limit

ARTICLE_SUFFIXES = (".md", ".markdown", ".mdx", ".qmd", ".html")

# --- reading ------------------------------------------------------------------------------------


def read_article_text(path: Path | str) -> str:
    """The text of an article file, newlines normalised to `\\n`, BOM removed.

    Raises ArticleError (naming the file) for a missing, unreadable, binary or non-UTF-8 file.
    """
    return decode_article_bytes(read_article_bytes(path), str(path))


def read_article_bytes(path: Path | str, name: str | None = None) -> bytes:
    """The bytes of an article file; ArticleError naming the file (as `name`, when given) when it
    cannot be read."""
    shown = str(path) if name is None else name
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise ArticleError(shown, "no such file") from None
    except IsADirectoryError:
        raise ArticleError(shown, "is a folder, not a file") from None
    except PermissionError:
        raise ArticleError(shown, "cannot read the file: permission denied") from None
    except OSError as error:
        raise ArticleError(shown, f"cannot read the file: {error.strerror or error}") from None


def decode_article_bytes(data: bytes, path: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with a BOM is unambiguous
        try:
            return normalize_newlines(data.decode("utf-16"))
        except UnicodeDecodeError:
            raise ArticleError(path, "not valid UTF-16 text despite its byte-order mark") from None
    if b"\x00" in data[:8192]:
        raise ArticleError(path, "binary file, not a text article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ArticleError(
            path, f"not UTF-8 text (byte 0x{data[error.start]:02x} on line {line}); "
            "save the file as UTF-8", line=None) from None
    return normalize_newlines(text)


def normalize_newlines(text: str) -> str:
    text = text.lstrip("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


# --- blocks and the masked text -----------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """One CommonMark leaf block (paragraph, heading, html, code, hr) with its file lines."""

    kind: str  # "paragraph" | "heading" | "html" | "code" | "hr"
    start: int  # 1-based first line
    end: int  # 1-based last line, inclusive
    quote_depth: int = 0  # how many blockquotes enclose it
    quote_id: int = 0  # 1-based line where its outermost blockquote starts; 0 outside quotes
    first_in_quote: bool = False  # the first leaf block of its innermost blockquote
    list_depth: int = 0
    level: int = 0  # heading level
    setext: bool = False


@dataclass(frozen=True)
class Document:
    path: str
    text: str  # the whole file, newlines normalised
    masked: str  # same length as `text`, non-content blanked with spaces (clips are found here)
    content: str  # like `masked`, but inline code spans kept: the text a reader sees
    front_matter: FrontMatter
    blocks: tuple[Block, ...]
    line_starts: tuple[int, ...]  # offset of each line's first character

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def line_of(self, offset: int) -> int:
        """1-based line of a character offset."""
        return bisect.bisect_right(self.line_starts, offset)

    def column_of(self, offset: int) -> int:
        return offset - self.line_starts[self.line_of(offset) - 1]

    def line_span(self, first: int, last: int) -> tuple[int, int]:
        """Offsets [start, end) of lines first..last (1-based, inclusive), newline excluded."""
        start = self.line_starts[first - 1]
        end = self.line_starts[last] - 1 if last < len(self.line_starts) else len(self.text)
        return start, end

    def block_text(self, block: Block) -> str:
        """The block's content as Markdown source, container markers and masked parts removed."""
        last = block.end - 1 if block.setext else block.end
        start, end = self.line_span(block.start, max(block.start, last))
        lines = [line.strip() for line in self.content[start:end].split("\n")]
        if block.kind == "heading" and not block.setext and lines:
            lines[0] = re.sub(r"^#{1,6}(?:\s+|$)", "", lines[0])
            lines[0] = re.sub(r"\s+#+\s*$", "", lines[0])
        return "\n".join(lines).strip()


@lru_cache(maxsize=1)
def _markdown():
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")
    # Only the block structure is needed; inline parsing would triple the time.
    md.disable(["inline", "text_join"])
    return md


def parse_document(text: str, path: str = "<text>") -> Document:
    """Parse text into blocks and the masked text (newlines normalised first, as markdown-it
    does, so its line numbers are ours). Never raises on any input."""
    text = normalize_newlines(text)
    front = split_front_matter(text)
    line_starts = [0]
    line_starts.extend(m.end() for m in re.finditer("\n", text))
    starts = tuple(line_starts)

    spans: list[tuple[int, int]] = []
    body = text
    if front.first_line:
        last = front.last_line or len(starts)
        fm_end = starts[last] if last < len(starts) else len(text)
        spans.append((0, fm_end))
        body = "\n" * text.count("\n", 0, fm_end) + text[fm_end:]

    tokens = _markdown().parse(body)
    blocks, quote_lines, list_marker_lines = _blocks(tokens)
    for block in blocks:
        if block.kind == "code":
            spans.append(_lines_span(starts, text, block.start, block.end))
    content = _blank(text, spans)
    content = _blank(content, _non_content_spans(content))
    content = _blank(content, _container_marker_spans(content, starts, quote_lines,
                                                       list_marker_lines))
    masked = _blank(content, _code_span_spans(content, starts, blocks))
    return Document(path=path, text=text, masked=masked, content=content, front_matter=front,
                    blocks=tuple(blocks), line_starts=starts)


def _lines_span(starts: tuple[int, ...], text: str, first: int, last: int) -> tuple[int, int]:
    end = starts[last] if last < len(starts) else len(text)
    return starts[first - 1], end


def _blocks(tokens) -> tuple[list[Block], dict[int, int], dict[int, int]]:
    blocks: list[Block] = []
    quote_lines: dict[int, int] = {}  # 1-based line -> blockquote depth there
    list_marker_lines: dict[int, int] = {}  # 1-based line -> list items starting there
    quotes: list[list] = []  # stack of [start_line, seen_leaf]
    list_depth = 0
    for token in tokens:
        kind = token.type
        if kind == "blockquote_open":
            quotes.append([token.map[0] + 1, False])
            for line in range(token.map[0] + 1, token.map[1] + 1):
                quote_lines[line] = max(quote_lines.get(line, 0), len(quotes))
        elif kind == "blockquote_close":
            quotes.pop()
        elif kind in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif kind == "list_item_open" and token.map:
            line = token.map[0] + 1
            list_marker_lines[line] = list_marker_lines.get(line, 0) + 1
        leaf = {"paragraph_open": "paragraph", "heading_open": "heading", "html_block": "html",
                "fence": "code", "code_block": "code", "hr": "hr"}.get(kind)
        if leaf is None or not token.map:
            continue
        first_in_quote = bool(quotes) and not quotes[-1][1]
        if quotes:
            quotes[-1][1] = True
        level = int(token.tag[1]) if kind == "heading_open" else 0
        blocks.append(Block(
            kind=leaf, start=token.map[0] + 1, end=token.map[1], quote_depth=len(quotes),
            quote_id=quotes[0][0] if quotes else 0, first_in_quote=first_in_quote,
            list_depth=list_depth, level=level,
            setext=kind == "heading_open" and token.markup in ("=", "-")))
    return blocks, quote_lines, list_marker_lines


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """Replace every character in `spans` except newlines with a space (length preserved)."""
    if not spans:
        return text
    out: list[str] = []
    position = 0
    for start, end in sorted(spans):
        start = max(start, position)
        if end <= start:
            continue
        out.append(text[position:start])
        out.append(_NOT_NEWLINE.sub(" ", text[start:end]))
        position = end
    out.append(text[position:])
    return "".join(out)


_NOT_NEWLINE = re.compile(r"[^\n]")

# Regions that are never rendered as content. Unclosed openers mask nothing: losing the rest of
# an article to a stray `<!--` in prose would be worse than scanning it.
_NON_CONTENT = re.compile(
    r"<!--.*?-->"
    r"|\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}"
    r"|\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}"
    r"|\{%-?\s*(?:codeblock|highlight|code)\b.*?\{%-?\s*end(?:codeblock|highlight|code)\s*-?%\}"
    r"|\{\{<\s*/\*.*?\*/\s*>\}\}|\{\{%\s*/\*.*?\*/\s*%\}\}"
    r"|\{\{[<%]\s*(?P<sc>highlight|code)\b.*?\{\{[<%]\s*/(?P=sc)\s*[>%]\}\}"
    r"|\{\{-?\s*/\*.*?\*/\s*-?\}\}|\{/\*.*?\*/\}"
    r"|<(?P<tag>pre|script|style|textarea|code)\b[^>]*>.*?</(?P=tag)\s*>",
    re.S | re.I,
)


# What every `_NON_CONTENT` match ends with: no match is looked for past the last of these
_NON_CONTENT_CLOSER = re.compile(r"-->|%\}|\}\}|\*/\}|</(?:pre|script|style|textarea|code)\s*>", re.I)


def _non_content_spans(text: str) -> list[tuple[int, int]]:
    if not any(marker in text for marker in ("<", "{")):
        return []
    limit = search_limit(text, _NON_CONTENT_CLOSER)
    return [m.span() for m in _NON_CONTENT.finditer(text, 0, limit)]


_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
# Gatsby's remark-embed-video writes an embed as inline code: `youtube: https://…`. Keep those.
GATSBY_EMBED = re.compile(r"^\s*(?:youtube|video)\s*:\s*\S+\s*$", re.I)


def _code_span_spans(masked: str, starts, blocks: list[Block]) -> list[tuple[int, int]]:
    spans = []
    for block in blocks:
        if block.kind not in ("paragraph", "heading"):
            continue
        start, end = _lines_span(starts, masked, block.start, block.end)
        segment = masked[start:end]
        if "`" not in segment:
            continue
        for m in _CODE_SPAN.finditer(segment):
            if not GATSBY_EMBED.match(m.group(2)):
                spans.append((start + m.start(), start + m.end()))
    return spans


_QUOTE_MARKER = re.compile(r"[ \t]*>[ ]?")
_LIST_MARKER = re.compile(r"[ \t]*(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)")


def _container_marker_spans(masked: str, starts, quote_lines: dict[int, int],
                            list_marker_lines: dict[int, int]) -> list[tuple[int, int]]:
    """Blockquote `>` markers and list bullets, so a block's lines read as its content."""
    spans = []
    for line in sorted(set(quote_lines) | set(list_marker_lines)):
        if line > len(starts):
            continue
        begin = position = starts[line - 1]
        end = starts[line] if line < len(starts) else len(masked)
        quotes, bullets = quote_lines.get(line, 0), list_marker_lines.get(line, 0)
        while quotes or bullets:  # in the order they nest: `> - text`, `- > text`
            m = _QUOTE_MARKER.match(masked, position, end) if quotes else None
            if m:
                quotes -= 1
            else:
                m = _LIST_MARKER.match(masked, position, end) if bullets else None
                if not m:
                    break
                bullets -= 1
            position = m.end()
        if position > begin:
            spans.append((begin, position))
    return spans
