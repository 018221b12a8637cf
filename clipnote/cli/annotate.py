"""`clipnote annotate`: link each checked quote to the second it is spoken, in the article itself."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import ClipnoteError
from . import _debug, echo_error, main
from .check import video_argument
from .transcripts import make_store, transcript_options


@main.command("annotate")
@click.argument("articles", nargs=-1, required=True, metavar="ARTICLE...", type=click.Path(path_type=Path))
@click.option("--write", is_flag=True,
              help="Rewrite the articles (atomically, permissions kept). Without it nothing is "
                   "changed and a unified diff is printed.")
@click.option("--fix-start", is_flag=True,
              help="Also move each embed's or link's own start to where its quotes begin, "
                   "in its own syntax.")
@click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), default=None, metavar="X",
              help="Only link quotes that are supported with at least this confidence "
                   "(default: the confidence a supported verdict needs).")
@click.option("--video", metavar="VIDEO_OR_URL",
              help="The video an article quotes without linking it.")
@transcript_options
@click.pass_context
def annotate_command(ctx: click.Context, articles: tuple[Path, ...], write: bool, fix_start: bool,
                     min_confidence: float, video: str | None, **options) -> None:
    """Write a ▶ deep link after each supported quote (and with --fix-start, move each clip's start).

    Shows a unified diff and changes nothing unless --write is given. A second run changes
    nothing; links written earlier are updated in place, never repeated.
    """
    from ..annotate import DEFAULT_MIN_CONFIDENCE
    from ..annotate.files import read_article
    from ..pipeline import Checker

    if min_confidence is None:
        min_confidence = DEFAULT_MIN_CONFIDENCE
    default_video = video_argument(video)
    checker = Checker(make_store(**options), debug=_debug(ctx))
    failed = would_change = 0
    for path in articles:
        try:
            before = read_article(path)
            result = checker.check_file(path, default_video=default_video)
        except ClipnoteError as error:
            if _debug(ctx):
                raise
            echo_error(str(error))
            failed += 1
            continue
        change = annotate_checked(ctx, path, result, before, write=write, fix_start=fix_start,
                                  min_confidence=min_confidence)
        failed += change is None
        would_change += bool(change and change.changed)
    say_would_change(would_change, write)
    ctx.exit(2 if failed else 0)


def annotate_checked(ctx: click.Context, path: Path, result, expected: bytes, *, write: bool,
                     fix_start: bool, min_confidence: float):
    """Annotate one checked article whose checked bytes were `expected`, and say what changed;
    None (after a one-line error) when it could not be done."""
    from ..annotate import annotate_file

    try:
        change = annotate_file(path, result, write=write, fix_start=fix_start,
                               min_confidence=min_confidence, expected=expected)
    except ClipnoteError as error:
        if _debug(ctx):
            raise
        echo_error(str(error))
        return None
    report_change(change, result, write)
    return change


def say_would_change(count: int, write: bool) -> None:
    if count and not write:
        files = "file" if count == 1 else "files"
        click.echo(f"clipnote: {count} {files} would change; run again with --write to write", err=True)


def report_change(change, result, write: bool) -> None:
    """The diff on stdout (unless written), and on stderr what could not be linked and why."""
    for clip in result.clips:
        if clip.error:
            _warn(f"{change.path}:{clip.clip.line}: clip not checked, nothing linked: {clip.error}")
    for problem in result.errors:
        where = f"{change.path}:{problem.line}" if problem.line else change.path
        _warn(f"{where}: {problem.message}")
    for message in change.messages():
        _warn(message)
    if change.diff and not write:
        click.echo(change.diff, nl=False)
    if change.changed:
        if write:
            click.echo(f"clipnote: wrote {change.path} ({change.summary()})", err=True)
    else:
        click.echo(f"clipnote: {change.path}: nothing to change", err=True)


def _warn(message: str) -> None:
    click.echo(f"clipnote: warning: {message}", err=True)
