"""What a batch run says while it works, on stderr: a rich progress bar with counts and the time
left on a terminal, plain lines elsewhere (a pipe, a CI log, NO_COLOR), so logs stay readable.

Each phase (reading posts, getting transcripts, checking) is a bar of its own, started and ended
with `with progress.phase(...)`: no display thread runs between phases, which is when the
worker processes are forked.
"""

from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager
from typing import IO, Iterator


def wants_bar(stream: IO[str] | None = None) -> bool:
    """A live bar only for a person at a terminal: not under NO_COLOR, TERM=dumb or CI."""
    stream = stream if stream is not None else sys.stderr
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    env = os.environ
    return tty and not env.get("NO_COLOR") and not env.get("CI") and env.get("TERM") != "dumb"


class Phase:
    """One phase's counter. `advance` as items finish; `note` prints a line above the bar."""

    def __init__(self, reporter: "Progress", label: str, total: int):
        self.reporter = reporter
        self.label = label
        self.total = total
        self.done = 0
        self.started = self.last_line = time.monotonic()
        self.next_share = 0.1  # plain lines: the share done that earns the next line
        self.lines = 0

    def advance(self, n: int = 1, detail: str | None = None) -> None:
        self.done += n
        self.reporter._advance(self, n, detail)

    def note(self, text: str) -> None:
        self.reporter.line(text)

    def eta(self) -> float | None:
        elapsed = time.monotonic() - self.started
        if not self.done or self.done >= self.total or elapsed < 1:
            return None
        return elapsed / self.done * (self.total - self.done)


class Progress:
    """Plain lines on `stream` (default stderr); `Progress.for_terminal()` picks the bar when
    it fits."""

    PLAIN_EVERY = 5.0  # seconds between plain progress lines, at least

    def __init__(self, stream: IO[str] | None = None, *, quiet: bool = False):
        self.stream = stream
        self.quiet = quiet

    @staticmethod
    def for_terminal(*, quiet: bool = False) -> "Progress":
        return RichProgress() if wants_bar() and not quiet else Progress(quiet=quiet)

    def line(self, text: str) -> None:
        print(text, file=self.stream or sys.stderr, flush=True)

    def info(self, text: str) -> None:
        """A line about the run (what was found, what is next); left out when quiet."""
        if not self.quiet:
            self.line(f"clipnote: {text}")

    @contextmanager
    def phase(self, label: str, total: int) -> Iterator[Phase]:
        yield Phase(self, label, total)

    def _advance(self, phase: Phase, n: int, detail: str | None) -> None:
        """A line at each tenth done, at most one every PLAIN_EVERY seconds, and the last one
        when an earlier one was printed: a quick phase prints nothing, a long one a few lines."""
        if self.quiet or not phase.total:
            return
        now = time.monotonic()
        share = phase.done / phase.total
        finished = phase.done >= phase.total
        if finished and not phase.lines:
            return
        if not finished and (share + 1e-9 < phase.next_share
                             or now - phase.last_line < self.PLAIN_EVERY):
            return
        phase.next_share = (int(share * 10 + 1e-9) + 1) / 10
        phase.last_line = now
        phase.lines += 1
        eta = phase.eta()
        left = f", about {_duration(eta)} left" if eta else ""
        self.line(f"clipnote: {phase.label}: {phase.done}/{phase.total} ({share:.0%}), "
                  f"{_duration(now - phase.started)}{left}")


class RichProgress(Progress):
    """A rich bar per phase on stderr: label, bar, done/total, elapsed, time left."""

    def __init__(self):
        super().__init__()
        from ..report.terminal import make_console

        self.console = make_console(stderr=True)
        self._bar = None
        self._task = None

    def line(self, text: str) -> None:
        self.console.print(text, markup=False, highlight=False, soft_wrap=True)

    @contextmanager
    def phase(self, label: str, total: int) -> Iterator[Phase]:
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress as Bar, TextColumn,
                                   TimeElapsedColumn, TimeRemainingColumn)

        bar = Bar(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), TextColumn("eta"), TimeRemainingColumn(),
                  TextColumn("{task.fields[detail]}", style="dim"),
                  console=self.console, transient=True)
        self._bar, self._task = bar, bar.add_task(label, total=total, detail="")
        try:
            with bar:
                yield Phase(self, label, total)
        finally:
            self._bar = self._task = None

    def _advance(self, phase: Phase, n: int, detail: str | None) -> None:
        if self._bar is not None:
            self._bar.update(self._task, advance=n, detail=_shorten(detail or "", 50))


def _duration(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else "…" + text[-(width - 1):]


__all__ = ["Phase", "Progress", "RichProgress", "wants_bar"]
