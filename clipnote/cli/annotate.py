"""`clipnote annotate`: link each checked quote to the second it is spoken, in the article itself."""

from __future__ import annotations

from pathlib import Path

import click

from ..annotate.plan import DEFAULT_MIN_CONFIDENCE
from ..errors import ClipnoteError
from . import _debug, echo_error, main


@main.command("annotate")
@click.argument("articles", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--write", is_flag=True,
              help="Rewrite the articles (atomically, permissions kept). Without it nothing is "
                   "changed and a unified diff is printed.")
@click.option("--fix-start", is_flag=True,
              help="Also move each embed's or link's own start to where its quotes begin, "
                   "in its own syntax.")
@click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), default=DEFAULT_MIN_CONFIDENCE,
              show_default=True,
              help="Only link quotes that are supported with at least this confidence.")
@click.option("--transcripts", type=click.Path(path_type=Path, file_okay=False),
              help="Folder of transcript files (<video_id>.json, .vtt, .srt) to use first.")
@click.option("--offline", is_flag=True, help="Never fetch: use snapshots, --transcripts and the cache.")
@click.option("--lang", "langs", multiple=True, metavar="LANG",
              help="Transcript language to prefer (repeat for an order of preference).")
@click.option("--video", metavar="VIDEO_OR_URL",
              help="The video an article quotes without linking it.")
@click.pass_context
def annotate_command(ctx: click.Context, articles: tuple[Path, ...], write: bool, fix_start: bool,
                     min_confidence: float, transcripts: Path | None, offline: bool,
                     langs: tuple[str, ...], video: str | None) -> None:
    """Write a ▶ deep link after each supported quote (and with --fix-start, move each clip's start).

    Shows a unified diff and changes nothing unless --write is given. A second run changes
    nothing; links written earlier are updated in place, never repeated.
    """
    from .. import pipeline
    from ..annotate import annotate_file
    from ..annotate.files import read_article

    store, options = _pipeline_inputs(pipeline, transcripts, offline, langs, video)
    failed = would_change = 0
    for path in articles:
        try:
            before = read_article(path)
            result = pipeline.check_file(path, store, options)
            change = annotate_file(path, result, write=write, fix_start=fix_start,
                                   min_confidence=min_confidence, expected=before)
        except ClipnoteError as error:
            if _debug(ctx):
                raise
            echo_error(str(error))
            failed += 1
            continue
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
            would_change += 1
            if write:
                click.echo(f"clipnote: wrote {change.path} ({change.summary()})", err=True)
        else:
            click.echo(f"clipnote: {change.path}: nothing to change", err=True)
    if would_change and not write:
        files = "file" if would_change == 1 else "files"
        click.echo(f"clipnote: {would_change} {files} would change; run again with --write to write", err=True)
    ctx.exit(2 if failed else 0)


def _pipeline_inputs(pipeline, transcripts: Path | None, offline: bool, langs: tuple[str, ...],
                     video: str | None):
    """The transcript store and check options, built as `clipnote check` builds them."""
    store = pipeline.open_store(transcripts=transcripts, offline=offline, langs=langs)
    options = pipeline.CheckOptions(langs=langs, video=video)
    return store, options


def _warn(message: str) -> None:
    click.echo(f"clipnote: warning: {message}", err=True)

