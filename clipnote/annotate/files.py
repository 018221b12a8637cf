"""Annotating files: exact bytes in and out, a unified diff, and an atomic write.

The article is decoded as strict UTF-8 with no newline translation and no normalisation, so a
BOM (kept as U+FEFF), CRLF or mixed line endings, trailing spaces and decomposed Unicode all come
back byte for byte; only the planned edits differ. A write goes to a temporary file in the same
folder (same file system), is flushed to disk, takes the original's permission bits, and replaces
the original with `os.replace` only if the original still holds the bytes that were annotated:
the article is either the old file or the new one, never a mix, never half-written.
"""

from __future__ import annotations

import difflib
import os
import stat
import tempfile
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from ..errors import ArticleError
from ..model import ArticleResult
from .plan import DEFAULT_MIN_CONFIDENCE, HTML_SUFFIXES, Plan, annotate_text
from .text import Edit, Note, split_lines


@dataclass(frozen=True)
class FileChange:
    """What annotate did, or would do, to one file."""

    path: str
    before: bytes
    after: bytes
    diff: str  # unified diff, `a/PATH` → `b/PATH`; empty when nothing changes
    edits: tuple[Edit, ...] = ()
    notes: tuple[Note, ...] = ()  # edits refused, with why
    written: bool = False

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def counts(self) -> dict[str, int]:
        """How many edits of each kind: {"add-link": 8, "fix-start": 1, ...}."""
        out: dict[str, int] = {}
        for edit in self.edits:
            out[edit.kind] = out.get(edit.kind, 0) + 1
        return out

    def summary(self) -> str:
        """`8 links added, 1 start moved` (or `no edits`)."""
        parts = []
        for kind, one, many in _KIND_NAMES:
            n = self.counts().get(kind, 0)
            if n:
                parts.append(f"{n} {one if n == 1 else many}")
        return ", ".join(parts) or "no edits"

    def messages(self) -> list[str]:
        """One `PATH:LINE: why` line per edit that was refused."""
        return [f"{self.path}:{note.line}: {note.message}" if note.line else f"{self.path}: {note.message}"
                for note in self.notes]


_KIND_NAMES = (("add-link", "link added", "links added"), ("update-link", "link updated", "links updated"),
               ("fix-start", "start moved", "starts moved"), ("relabel", "label moved", "labels moved"))


def decode_article(data: bytes, path: str) -> str:
    """The article's text, exactly: strict UTF-8, a BOM kept as U+FEFF, line endings untouched."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ArticleError(path, f"is not UTF-8 (byte {error.start}); not annotated") from None
    if "\x00" in text:
        raise ArticleError(path, "looks binary (it holds NUL bytes); not annotated")
    if text.encode("utf-8") != data:  # cannot happen for valid UTF-8; checked because we rewrite
        raise ArticleError(path, "does not survive decoding unchanged; not annotated")
    return text


def annotate_bytes(data: bytes, result: ArticleResult, *, fix_start: bool = False,
                   min_confidence: float = DEFAULT_MIN_CONFIDENCE, html: bool | None = None) -> bytes:
    """The article's bytes with the annotations made; identical to `data` apart from the edits."""
    after, _ = _annotate(data, result, result.article.path, fix_start, min_confidence, html)
    return after


def _annotate(data: bytes, result: ArticleResult, path: str, fix_start: bool, min_confidence: float,
              html: bool | None) -> tuple[bytes, Plan]:
    text = decode_article(data, path)
    new_text, made = annotate_text(text, result, fix_start=fix_start, min_confidence=min_confidence,
                                   html=html)
    return new_text.encode("utf-8"), made


def annotate_file(path: str | os.PathLike, result: ArticleResult, *, write: bool = False,
                  fix_start: bool = False, min_confidence: float = DEFAULT_MIN_CONFIDENCE,
                  expected: bytes | None = None) -> FileChange:
    """Annotate one article file: the diff always, the rewrite only with `write=True`.

    `expected` is the content the result was computed from, when the caller has it: if the file
    no longer holds it, nothing is planned or written (the line numbers would be stale).
    Raises ArticleError (one line, naming the file) when the file cannot be read or written.
    """
    shown = display_path(path)
    data = read_article(path)
    if expected is not None and data != expected:
        raise ArticleError(shown, "changed since it was checked; not annotated", hint="run clipnote again")
    html = True if Path(path).suffix.lower() in HTML_SUFFIXES else None
    after, made = _annotate(data, result, shown, fix_start, min_confidence, html)
    diff = unified_diff(data.decode("utf-8"), after.decode("utf-8"), shown) if after != data else ""
    written = False
    if write and after != data:
        write_atomic(path, after, expected=data)
        written = True
    return FileChange(shown, data, after, diff, made.edits, made.notes, written)


def read_article(path: str | os.PathLike) -> bytes:
    """The article's bytes, read as the scanner reads them (one error line naming the file)."""
    from ..article.document import read_article_bytes

    return read_article_bytes(path, display_path(path))


def display_path(path: str | os.PathLike) -> str:
    """The path as the user gave it, with `/` separators."""
    return Path(path).as_posix()


def unified_diff(before: str, after: str, path: str) -> str:
    """A unified diff a user can read and `git apply` / `patch -p1` can apply: `a/PATH`, `b/PATH`
    headers, line endings kept, and GNU diff's marker for a last line without one."""
    name = path.lstrip("/")
    out = []
    for line in difflib.unified_diff(split_lines(before), split_lines(after), f"a/{name}", f"b/{name}"):
        if not line.endswith(("\n", "\r")):
            line += "\n\\ No newline at end of file\n"
        out.append(line)
    return "".join(out)


def write_atomic(path: str | os.PathLike, data: bytes, *, expected: bytes | None = None) -> None:
    """Replace the file's content with `data`, atomically.

    A symbolic link is followed (the file it points at is rewritten, the link stays). The new file
    keeps the old one's permission bits (and owner and group where allowed). A read-only file is
    refused. With `expected`, the file must still hold exactly those bytes just before the
    replace, or nothing is written. On any failure the original is untouched and no temporary
    file is left behind.
    """
    shown = display_path(path)
    target = Path(os.path.realpath(path))
    try:
        info = target.stat()
    except OSError as error:
        raise ArticleError(shown, f"cannot be written: {error.strerror or error}") from None
    # a file nobody may write is read-only by intent, even for root, who could write it anyway
    if not os.access(target, os.W_OK) or not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise ArticleError(shown, "is read-only; not written", hint="make it writable to annotate it")
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".clipnote-tmp", dir=target.parent)
    except OSError as error:
        raise ArticleError(shown, f"cannot be written: its folder refuses a temporary file "
                                  f"({error.strerror or error})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, stat.S_IMODE(info.st_mode))
        if hasattr(os, "chown"):
            with suppress(OSError):  # only root may give a file away; keep ours then
                os.chown(temp, info.st_uid, info.st_gid)
        if expected is not None and target.read_bytes() != expected:
            raise ArticleError(shown, "changed on disk while clipnote was annotating it; not written",
                               hint="run clipnote again")
        os.replace(temp, target)
    except BaseException as error:
        with suppress(OSError):
            os.unlink(temp)
        if isinstance(error, OSError):
            raise ArticleError(shown, f"could not be written: {error.strerror or error}; "
                                      "the original is unchanged") from None
        raise
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); harmless where folders cannot be opened."""
    with suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
