"""The terminal report: per article, per clip a rich table of its excerpts, then a summary line.

rich is imported inside the functions, so importing this module costs nothing at start-up.
Every article and transcript string is wrapped in `rich.text.Text`, never parsed as console
markup, so `[bold]` or `:emoji:` in a quote prints as itself.
"""

from __future__ import annotations

import os
from typing import IO, TYPE_CHECKING, Sequence

from ..model import ArticleResult, ClipResult, ExcerptResult
from ..outcome import Counts, Located, count, locate_clip, located_findings, total
from ..timecode import deep_link, format_hms, format_offset

if TYPE_CHECKING:  # pragma: no cover
    from rich.console import Console
    from rich.text import Text

VERDICT_STYLE = {"supported": ("✓ supported", "green"), "weak": ("~ weak", "yellow"),
                 "unsupported": ("✗ unsupported", "red bold"), "on-topic": ("◎ on-topic", "green"),
                 "off-topic": ("↷ off-topic", "yellow")}
SEVERITY_STYLE = {"error": "red", "warning": "yellow", "info": "cyan"}
FINDINGS_SHOWN = 2  # per excerpt row; the rest are counted


def make_console(file: IO[str] | None = None, *, stderr: bool = False) -> "Console":
    """A rich Console that writes colour only to a terminal and never under NO_COLOR.

    FORCE_COLOR (non-empty) turns colour on where there is no terminal, as CI logs want, unless
    NO_COLOR is set too (https://no-color.org: NO_COLOR wins). Console markup, emoji codes and
    automatic highlighting are off: reports print data, not markup.
    """
    import sys

    from rich.console import Console

    stream = file if file is not None else (sys.stderr if stderr else sys.stdout)
    no_color = bool(os.environ.get("NO_COLOR"))
    force = bool(os.environ.get("FORCE_COLOR")) and not no_color
    try:
        tty = bool(stream.isatty())
    except (AttributeError, ValueError):
        tty = False
    colour = (tty or force) and not no_color
    width = None if tty else _env_width()
    return Console(
        file=stream,
        color_system="auto" if colour else None,
        force_terminal=True if force else (None if tty else False),
        no_color=not colour,
        markup=False,
        emoji=False,
        highlight=False,
        width=width,
        soft_wrap=False,
    )


def _env_width() -> int:
    try:
        return max(40, int(os.environ.get("COLUMNS", "")))
    except ValueError:
        return 120  # logs and pipes: wide enough for the excerpt table


def print_results(results: Sequence[ArticleResult], console: "Console") -> None:
    """Print every article's clips, excerpts and findings, and a total line for several."""
    for result in results:
        print_article(result, console)
    if len(results) > 1:
        console.print(_summary_text(total(results), prefix=f"{len(results)} articles: "))


def print_article(result: ArticleResult, console: "Console") -> None:
    from rich.rule import Rule
    from rich.text import Text

    article = result.article
    heading = Text(article.path, style="bold")
    if article.title:
        heading.append(f" — {article.title}", style="")
    console.print(Rule(heading, align="left"))
    problems = [item for item in located_findings(result) if item.clip is None]
    for item in problems:
        console.print(_finding_text(item))
    for clip in result.clips:
        _print_clip(result.article.path, clip, console)
    if not result.clips and not problems:
        console.print(Text("No YouTube clip with quotes was found.", style="dim"))
    console.print(_summary_text(count(result)))
    console.print()


def _print_clip(path: str, clip: ClipResult, console: "Console") -> None:
    from rich.table import Table
    from rich.text import Text

    c = clip.clip
    title = clip.transcript.title if clip.transcript and clip.transcript.title else c.video_id
    url = deep_link(c.video_id, c.start)
    head = Text("▶ ", style="bold")
    head.append(title, style="bold")
    head.append(f"  line {c.line}  ")
    head.append(format_hms(c.start) if c.start is not None else "no start", style=f"link {url}")
    head.append(f"  {url}", style="dim")
    console.print(head)
    located = locate_clip(path, clip)
    clip_level = [item for item in located if item.excerpt is None]
    for item in clip_level:
        if not item.is_note:
            console.print(_finding_text(item, indent="  "))
    notes = [item for item in clip_level if item.is_note]
    if notes:  # info findings folded into one line
        kinds = ", ".join(dict.fromkeys(item.finding.kind for item in notes))
        console.print(Text(f"  {len(notes)} note{'s' * (len(notes) != 1)}: {kinds}", style="dim"))
    if not clip.excerpts:
        if clip.error and c.excerpts:
            console.print(Text(f"  {len(c.excerpts)} excerpt(s) not checked", style="dim"))
        return
    table = Table(show_edge=False, pad_edge=False, expand=False, header_style="bold")
    table.add_column("line", justify="right", no_wrap=True)
    table.add_column("speaker", max_width=18)
    table.add_column("verdict", no_wrap=True)
    table.add_column("spoken at", no_wrap=True)
    table.add_column("conf.", justify="right", no_wrap=True)
    table.add_column("findings", ratio=1)
    for excerpt in clip.excerpts:
        table.add_row(*_row(clip, excerpt, [i for i in located if i.excerpt is excerpt]))
    console.print(table)


def _row(clip: ClipResult, excerpt: ExcerptResult, findings: list[Located]) -> list["Text"]:
    from rich.text import Text

    e, match = excerpt.excerpt, excerpt.match
    verdict, style = VERDICT_STYLE.get(excerpt.verdict, (excerpt.verdict, ""))
    when = Text("—", style="dim")
    score = Text("")
    if match is not None and excerpt.verdict == "unsupported":
        when = Text(f"closest {format_hms(match.start)}", style=f"dim link {deep_link(clip.clip.video_id, match.start)}")
        score = Text(f"{match.confidence:.0%}", style="dim")
    elif match is not None:
        when = Text(format_hms(match.start), style=f"link {deep_link(clip.clip.video_id, match.start)}")
        if clip.clip.start is not None:
            when.append(f" ({format_offset(match.start - clip.clip.start)})", style="dim")
        if match.out_of_order:
            when.append(" ↺", style="yellow")
        score = Text(f"{match.confidence:.0%}")
    # errors and warnings first; info findings are shown only on a row that has nothing worse,
    # and otherwise counted
    serious = [item for item in findings if item.finding.severity != "info"]
    infos = [item for item in findings if item.finding.severity == "info"]
    shown = (serious or infos)[:FINDINGS_SHOWN]
    notes = Text()
    for n, item in enumerate(shown):
        if n:
            notes.append("\n")
        notes.append(item.finding.kind, style=SEVERITY_STYLE.get(item.finding.severity, ""))
        notes.append(f" {' '.join(item.finding.message.split())}")
    hidden = len(findings) - len(shown)
    if hidden:
        folded = len(infos) if serious else 0
        more = hidden - folded
        counts = ([f"+{more} more"] if more else []) + ([f"+{folded} note{'s' * (folded != 1)}"] if folded else [])
        notes.append("\n" + " ".join(counts), style="dim")
    return [Text(str(e.line)), Text(e.label or e.speaker or ""), Text(verdict, style=style),
            when, score, notes]


def _finding_text(item: Located, indent: str = "") -> "Text":
    from rich.text import Text

    severity = "error" if item.runtime else item.finding.severity
    out = Text(indent)
    out.append(f"{item.where} ", style="dim")
    out.append(f"{severity} ", style=SEVERITY_STYLE.get(severity, ""))
    out.append(f"{item.finding.kind}: ", style="bold")
    out.append(" ".join(item.finding.message.split()))
    return out


def _summary_text(counts: Counts, prefix: str = "") -> "Text":
    from rich.text import Text

    out = Text(prefix)
    out.append(f"{counts.supported} supported", style="green")
    out.append(" · ")
    out.append(f"{counts.weak} weak", style="yellow" if counts.weak else "")
    out.append(" · ")
    out.append(f"{counts.unsupported} unsupported", style="red" if counts.unsupported else "")
    if counts.errors:
        out.append(" · ")
        out.append(f"{counts.errors} error{'s' * (counts.errors != 1)}", style="red bold")
    if counts.unchecked:
        out.append(f" · {counts.unchecked} not checked")
    out.append(f" · findings: {counts.findings_phrase()}")
    return out
