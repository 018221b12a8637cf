"""File-level ignore rules: path patterns, video ids and finding kinds.

They come from two places with one syntax per entry: the `[ignore]` table of the configuration
file, and a `.clipnoteignore` file, whose lines are

    # a comment
    _posts/2012-*.md            a gitignore-style path pattern (relative to the file's folder)
    !_posts/2012-keep.md        negation: take a path back
    video:dQw4w9WgXcQ           skip every clip of this video (an id or any YouTube URL)
    kind:number-agrees          drop every finding of this kind

Path patterns follow gitignore exactly (pathspec's GitIgnoreSpec): a pattern without a slash
matches at any depth, one with a slash is anchored to the folder of the file that holds it, `**`
spans folders, a trailing `/` matches a folder and everything below it, the last matching pattern
wins.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path, PurePath
from typing import Iterable

from .. import model
from ..errors import ConfigError
from ..paths import project_dirs
from ..article.urls import is_video_id, parse_youtube_url

IGNORE_FILE = ".clipnoteignore"


def known_kinds() -> frozenset[str]:
    """Every finding kind clipnote can report: the kind constants of `clipnote.model`.

    Read from the model, not listed here, so a kind added there is accepted everywhere at once.
    """
    return frozenset(
        value for name, value in vars(model).items()
        if name.isupper() and isinstance(value, str) and re.fullmatch(r"[a-z]+(?:-[a-z]+)+", value)
    )


def unknown_kind_message(kind: str) -> tuple[str, str]:
    """(reason, hint) for a kind name clipnote does not know; the hint suggests the nearest one."""
    kinds = sorted(known_kinds())
    close = difflib.get_close_matches(kind, kinds, n=1)
    hint = f"did you mean {close[0]}?" if close else "known kinds: " + ", ".join(kinds)
    return f"unknown finding kind {kind!r}", hint


@dataclass(frozen=True)
class PathPatterns:
    """Gitignore-style patterns with the folder they are relative to and where they were written."""

    base: Path
    patterns: tuple[str, ...] = ()
    origin: str = ""  # e.g. ".clipnoteignore", "clipnote.toml exclude", "--exclude"
    lines: tuple[int | None, ...] = ()  # source line of each pattern, when it came from a file

    def __bool__(self) -> bool:
        return bool(self.patterns)

    @cached_property
    def _spec(self):
        import pathspec  # gitignore semantics, including the edge cases, without hand-rolling

        # NFC on both sides: macOS may hand back decomposed Hangul and kana in file names
        return pathspec.GitIgnoreSpec.from_lines(
            unicodedata.normalize("NFC", p) for p in self.patterns)

    def match(self, path: Path) -> str | None:
        """Which pattern selects `path` (e.g. `.clipnoteignore:3: drafts/`), or None.

        `path` is absolute; a path outside `base` never matches. Folders are tested with a
        trailing slash so that `drafts/` selects the folder itself."""
        if not self.patterns:
            return None
        try:
            relative = PurePath(path).relative_to(self.base).as_posix()
            relative = unicodedata.normalize("NFC", relative)
        except ValueError:
            return None
        result = self._spec.check_file(relative)
        if not result.include or result.index is None:
            return None
        return self.describe(result.index)

    def describe(self, index: int) -> str:
        line = self.lines[index] if index < len(self.lines) else None
        where = f"{self.origin}:{line}" if line else self.origin
        return f"{where}: {self.patterns[index]}" if where else self.patterns[index]


@dataclass(frozen=True)
class IgnoreRules:
    """What to leave out of a run, whole-file or whole-video or whole-kind."""

    paths: tuple[PathPatterns, ...] = ()
    videos: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    sources: tuple[str, ...] = ()  # the files these rules were read from, for --print-config

    def __bool__(self) -> bool:
        return bool(self.videos or self.kinds or any(self.paths))

    def match_path(self, path: Path) -> str | None:
        """The pattern that ignores `path`, described for a "skipped because" line, or None."""
        for patterns in self.paths:
            reason = patterns.match(path)
            if reason:
                return reason
        return None

    def union(self, other: IgnoreRules) -> IgnoreRules:
        return IgnoreRules(
            paths=self.paths + other.paths,
            videos=self.videos | other.videos,
            kinds=self.kinds | other.kinds,
            sources=self.sources + other.sources,
        )


def parse_entries(entries: Iterable[tuple[int | None, str]], *, base: Path, origin: str,
                  source: str, allow_paths: bool = True) -> IgnoreRules:
    """Turn `(line, text)` entries into rules. `source` names the file in errors.

    Raises ConfigError (file and line) for a bad video id or an unknown finding kind: a typo in an
    ignore list must not silently ignore nothing."""
    patterns: list[str] = []
    lines: list[int | None] = []
    videos: set[str] = set()
    kinds: set[str] = set()
    for line, raw in entries:
        raw = raw.rstrip("\r\n")
        text = raw.strip()
        if not text or raw.startswith("#"):  # gitignore: '#' starts a comment only in column 1
            continue
        prefix, colon, value = text.partition(":")
        prefix, value = prefix.strip().lower(), value.strip()
        if colon and prefix in ("video", "kind"):
            if not value:
                raise ConfigError(source, f"{prefix}: needs a value", line=line)
            if prefix == "video":
                videos.add(_video_id(value, source, line))
            elif value in known_kinds():
                kinds.add(value)
            else:
                reason, hint = unknown_kind_message(value)
                raise ConfigError(source, reason, line=line, hint=hint)
        elif allow_paths:
            patterns.append(raw)  # pathspec applies gitignore's own whitespace and escape rules
            lines.append(line)
        else:
            raise ConfigError(source, f"expected video:ID or kind:KIND, got {text!r}", line=line)
    path_patterns = (PathPatterns(base, tuple(patterns), origin, tuple(lines)),) if patterns else ()
    return IgnoreRules(paths=path_patterns, videos=frozenset(videos), kinds=frozenset(kinds),
                       sources=(source,))


def _video_id(value: str, source: str, line: int | None) -> str:
    if is_video_id(value):
        return value
    ref = parse_youtube_url(value)
    if ref is not None and ref.video_id:
        return ref.video_id
    raise ConfigError(source, f"not a YouTube video id or URL: {value!r}", line=line,
                      hint=(ref.error if ref is not None and ref.error
                            else "a video id is 11 characters of A-Z a-z 0-9 _ -"))


def read_ignore_file(path: Path) -> IgnoreRules:
    """Rules from one `.clipnoteignore` file; path patterns are relative to its folder."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError(str(path), "not UTF-8 text") from None
    except OSError as error:
        raise ConfigError(str(path), f"cannot read: {error.strerror or error}") from None
    return parse_entries(
        ((number, line) for number, line in enumerate(text.splitlines(), start=1)),
        base=path.parent.resolve(), origin=path.name, source=str(path),
    )


def find_ignore_file(start: Path) -> Path | None:
    """The nearest `.clipnoteignore` from `start` up to the repository's top folder."""
    for folder in project_dirs(start):
        candidate = folder / IGNORE_FILE
        if candidate.is_file():
            return candidate
    return None


def load_ignore_file(start: Path) -> IgnoreRules:
    """The rules of the nearest `.clipnoteignore` above `start`, or no rules."""
    found = find_ignore_file(start)
    return read_ignore_file(found) if found else IgnoreRules()


__all__ = [
    "IGNORE_FILE", "IgnoreRules", "PathPatterns", "find_ignore_file", "known_kinds",
    "load_ignore_file", "parse_entries", "read_ignore_file", "unknown_kind_message",
]
