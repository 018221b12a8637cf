"""clipnote's own errors. Each one explains itself in one line a user can act on.

The CLI prints `str(error)` and exits with `error.exit_code`; `--debug` adds the traceback.
"""

from __future__ import annotations


class ClipnoteError(Exception):
    """Base class: a problem with the input or the environment, not a bug in clipnote."""

    exit_code = 2

    def __init__(self, message: str, *, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message + (f" ({self.hint})" if self.hint else "")


class UsageError(ClipnoteError):
    """The command line asks for something that cannot be done."""


class FileError(ClipnoteError):
    """A problem in a file the user gave or keeps: names the file and, if known, the line."""

    def __init__(self, path: str, reason: str, *, line: int | None = None, hint: str | None = None):
        self.path = path
        self.line = line
        self.reason = reason
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {reason}", hint=hint)


class ArticleError(FileError):
    """An article that cannot be read or understood: names the file and, if known, the line."""


class ConfigError(FileError):
    """A configuration or ignore file clipnote cannot use: names the file, the line if known, and
    the key or value at fault. Not an ArticleError: a bad configuration stops the run."""
