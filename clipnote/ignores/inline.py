"""Ignore comments written inside a post.

    <!-- clipnote-disable-next-line -->            the next line
    <!-- clipnote-disable-line -->                 this line (at the end of a line)
    <!-- clipnote off --> … <!-- clipnote on -->   a region (also clipnote-disable / -enable)

Each may name finding kinds, separated by spaces or commas, and may end with ` -- a reason`:

    <!-- clipnote-disable-next-line timestamp-drift, number-mismatch -- intro on purpose -->

With no kinds a comment silences everything on its lines: the clip or excerpt there is not
checked at all. With kinds, the lines are checked and only findings of those kinds are dropped.
An `off` without an `on` runs to the end of the file; `on KIND…` closes only the regions of those
kinds. MDX users write the same words in a JSX comment: `{/* clipnote-disable-next-line */}`.

Only real comments count: markdown-it-py tells comments apart from code spans, fenced and
indented code, so a post that documents these comments inside code is not affected.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from ..model import Problem
from .rules import known_kinds, unknown_kind_message

IGNORE_DIRECTIVE = "ignore-directive"  # Problem.kind for a comment clipnote could not use

_ALL = None  # a rule's kinds: None means every kind

_DIRECTIVES = {
    "disable-next-line": "next-line",
    "disable-line": "line",
    "disable": "off",
    "off": "off",
    "enable": "on",
    "on": "on",
}
# the directive word after `clipnote` and a dash or spaces, then the rest of the comment
_HTML_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_JSX_COMMENT = re.compile(r"\{\s*/\*(.*?)\*/\s*\}", re.S)
_DIRECTIVE = re.compile(r"\s*clipnote(?:-|\s+)([a-z][a-z-]*)\b(.*)", re.S | re.I)


@dataclass(frozen=True)
class Suppression:
    """Lines `first`..`last` (1-based, inclusive; `last` None: to the end of the file)."""

    first: int
    last: int | None
    kinds: frozenset[str] | None  # None: every kind

    def covers(self, line: int) -> bool:
        return self.first <= line and (self.last is None or line <= self.last)


@dataclass(frozen=True)
class IgnoreMap:
    """Which lines of one post are silenced, for which finding kinds."""

    suppressions: tuple[Suppression, ...] = ()
    problems: tuple[Problem, ...] = ()  # comments that looked like directives but were not usable

    def __bool__(self) -> bool:
        return bool(self.suppressions)

    def suppresses(self, line: int | None, kind: str) -> bool:
        """True when findings of `kind` on `line` are silenced."""
        if line is None:
            return False
        return any(s.covers(line) and (s.kinds is _ALL or kind in s.kinds) for s in self.suppressions)

    def suppresses_all(self, line: int | None) -> bool:
        """True when `line` is silenced for every kind (what is there is not checked at all)."""
        if line is None:
            return False
        return any(s.kinds is _ALL and s.covers(line) for s in self.suppressions)

    def suppresses_span(self, first: int, last: int | None, kind: str | None = None) -> bool:
        """Like `suppresses` / `suppresses_all` (kind None) for any line of `first`..`last`."""
        for line in range(first, (last or first) + 1):
            if self.suppresses_all(line) if kind is None else self.suppresses(line, kind):
                return True
        return False


@dataclass(frozen=True)
class _Comment:
    line: int  # where the comment starts
    end_line: int  # where it ends
    body: str  # the text between the comment markers


def inline_ignores(text: str, path: str = "") -> IgnoreMap:
    """The ignore comments of a post's text, as suppressed line ranges. Pure; never raises.

    Unusable comments (an unknown directive or kind) are returned as `problems` with their line;
    a comment naming only unknown kinds silences nothing rather than everything."""
    if "clipnote" not in text:  # the common case costs one substring search, no parse
        return IgnoreMap()
    suppressions: list[Suppression] = []
    problems: list[Problem] = []
    open_regions: list[tuple[int, frozenset[str] | None]] = []  # (first line, kinds)

    def problem(comment: _Comment, message: str) -> None:
        problems.append(Problem(path, comment.line, message, raw=comment.body.strip(),
                                kind=IGNORE_DIRECTIVE))

    for comment in _comments(text):
        match = _DIRECTIVE.match(comment.body)
        if not match:
            continue
        word, rest = match.group(1).lower(), match.group(2)
        action = _DIRECTIVES.get(word)
        if action is None:
            close = difflib.get_close_matches(word, list(_DIRECTIVES), n=1, cutoff=0.7)
            if close:
                problem(comment, f"unknown clipnote comment {word!r}; did you mean {close[0]!r}?")
            continue  # `<!-- clipnote: … -->` notes of other kinds are not directives
        kinds, unknown = _kinds(rest)
        for name in unknown:
            reason, hint = unknown_kind_message(name)
            problem(comment, f"{reason} ({hint})")
        if kinds is not _ALL and not kinds:
            continue  # only unknown kinds named: silence nothing, the problem says why
        if action == "next-line":
            suppressions.append(Suppression(comment.end_line + 1, comment.end_line + 1, kinds))
        elif action == "line":
            suppressions.append(Suppression(comment.line, comment.line, kinds))
        elif action == "off":
            open_regions.append((comment.line, kinds))
        else:  # on: close the regions it names, every region when it names none
            still_open = []
            for first, region_kinds in open_regions:
                if kinds is _ALL:
                    suppressions.append(Suppression(first, comment.line - 1, region_kinds))
                elif region_kinds is not _ALL and not region_kinds & kinds:
                    still_open.append((first, region_kinds))
                elif region_kinds is _ALL:
                    problem(comment, "`clipnote on KIND` cannot reopen one kind inside "
                                     "`clipnote off` for every kind; use `clipnote on`")
                    still_open.append((first, region_kinds))
                else:
                    suppressions.append(Suppression(first, comment.line - 1, region_kinds))
                    left = region_kinds - kinds
                    if left:
                        still_open.append((comment.line, left))
            open_regions = still_open
    suppressions.extend(Suppression(first, None, kinds) for first, kinds in open_regions)
    return IgnoreMap(tuple(s for s in suppressions if s.last is None or s.last >= s.first),
                     tuple(problems))


def _kinds(rest: str) -> tuple[frozenset[str] | None, list[str]]:
    """The kinds a directive names (None: all) and the names that are not kinds."""
    rest = re.split(r"\s--\s|\s--$", rest, maxsplit=1)[0]  # ` -- why` is a note for people
    names = [n for n in re.split(r"[\s,]+", rest.strip()) if n]
    if not names:
        return _ALL, []
    known = known_kinds()
    return frozenset(n for n in names if n in known), [n for n in names if n not in known]


def _comments(text: str) -> list[_Comment]:
    """Every HTML (or MDX/JSX) comment that Markdown treats as markup, with its lines.

    markdown-it-py gives the structure: comments in `html_block` tokens and `html_inline`
    children count; those in code spans, fenced or indented code do not. Front matter is blanked
    first (keeping line numbers) so that its `---` is not read as Markdown."""
    from markdown_it import MarkdownIt

    lines = text.split("\n")
    _blank_front_matter(lines)
    tokens = MarkdownIt("commonmark").parse("\n".join(lines))
    found: list[_Comment] = []
    for token in tokens:
        if not token.map:
            continue
        if token.type == "html_block":
            # container markers (`> `) are stripped, but the block keeps one line per source line
            found.extend(_in_source(token.content, token.map[0] + 1, _HTML_COMMENT))
        elif token.type == "inline" and token.children:
            source = "\n".join(lines[token.map[0]:token.map[1]])
            found.extend(_inline_comments(token.children, source, token.map[0] + 1))
    return found


def _inline_comments(children, source: str, first_line: int) -> list[_Comment]:
    """Comments among a paragraph's inline tokens, placed on their source line.

    Inline tokens carry no positions, so each comment is found in the block's source after the
    previous one and after every code span (whose line breaks markdown-it turns into spaces)."""
    out: list[_Comment] = []
    cursor = 0
    for child in children:
        if child.type == "code_inline":
            run = re.compile(rf"(?<!`){re.escape(child.markup)}(?!`)")
            opening = run.search(source, cursor)
            closing = run.search(source, opening.end()) if opening else None
            if closing:
                cursor = closing.end()
            continue
        if child.type == "html_inline":
            candidates = [child.content] if _HTML_COMMENT.fullmatch(child.content) else []
        elif child.type == "text":
            candidates = [m.group(0) for m in _JSX_COMMENT.finditer(child.content)]
        else:
            continue
        for raw in candidates:
            position = source.find(raw, cursor)
            if position < 0:  # a comment broken across the lines of a quote: use the block start
                position = cursor
            else:
                cursor = position + len(raw)
            out.extend(_in_source(raw, first_line + source.count("\n", 0, position),
                                  _HTML_COMMENT if raw.startswith("<") else _JSX_COMMENT))
    return out


def _in_source(source: str, first_line: int, pattern: re.Pattern) -> list[_Comment]:
    out = []
    for match in pattern.finditer(source):
        start = first_line + source.count("\n", 0, match.start())
        end = start + match.group(0).count("\n")
        out.append(_Comment(start, end, match.group(1)))
    return out


def _blank_front_matter(lines: list[str]) -> None:
    """Replace a leading YAML (`---`) or TOML (`+++`) front matter block with empty lines."""
    if not lines:
        return
    first = lines[0].lstrip("\ufeff").rstrip()
    if first not in ("---", "+++"):
        return
    closers = ("---", "...") if first == "---" else ("+++",)
    for index in range(1, len(lines)):
        if lines[index].rstrip() in closers:
            for blank in range(index + 1):
                lines[blank] = ""
            return


__all__ = ["IGNORE_DIRECTIVE", "IgnoreMap", "Suppression", "inline_ignores"]
