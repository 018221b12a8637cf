"""`clipnote embeds PATH...`: every clip in the articles, with the excerpts that quote it."""

from __future__ import annotations

import json
import sys

import click

from . import echo_error, main


@main.command("embeds")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="A table for people, or a JSON list of clips for tools.")
@click.option("--video", metavar="VIDEO_OR_URL",
              help="The page's own video, for articles that quote a video without linking it.")
def embeds_command(paths: tuple[str, ...], output_format: str, video: str | None) -> None:
    """List every YouTube clip in the articles and the excerpts that quote it.

    PATHS are article files or folders (searched recursively for .md, .markdown, .mdx, .qmd and
    .html). Files that cannot be read are reported on stderr, one line each, and the run goes
    on; bad video references are reported as warnings on stderr. Exit status: 0 when every
    file was read, 2 when any could not be (after printing the results of the others).
    """
    from ..errors import ArticleError, UsageError
    from ..article.scan import scan_paths
    from ..article.urls import parse_id_argument

    if video is not None and parse_id_argument(video).video_id is None:
        raise UsageError(f"--video {video}: {parse_id_argument(video).error}")
    articles = []
    failed = 0
    for item in scan_paths(paths, default_video=video):
        if isinstance(item, ArticleError):
            echo_error(str(item))
            failed += 1
            continue
        articles.append(item)
        for problem in item.problems:
            where = f"{problem.path}:{problem.line}" if problem.line else problem.path
            click.echo(f"clipnote: warning: {where}: {problem.message}", err=True)

    if output_format == "json":
        clips = [clip_to_json(clip) for article in articles for clip in article.clips]
        click.echo(json.dumps(clips, ensure_ascii=False, indent=2))
    else:
        _print_table(articles)
    if failed:
        sys.exit(2)


def clip_to_json(clip) -> dict:
    """A clip as `embeds --format json` prints it (DESIGN §7)."""
    return {
        "path": clip.path, "line": clip.line, "video_id": clip.video_id,
        "start": clip.start, "end": clip.end, "kind": clip.kind, "raw": clip.raw,
        "label": clip.label, "label_seconds": clip.label_seconds, "draft": clip.draft,
        "excerpts": [{"line": e.line, "speaker": e.speaker, "role": e.role, "text": e.text}
                     for e in clip.excerpts],
    }


def _print_table(articles) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from ..model import BAD_REFERENCE
    from ..timecode import format_clock

    console = Console(highlight=False, soft_wrap=False)
    clips = excerpts = 0
    for article in articles:
        if not article.clips:
            continue
        title = f"[bold]{escape(article.path)}[/]"
        if article.title:
            title += f" — {escape(article.title)}"
        if article.draft:
            title += " [yellow](draft)[/]"
        table = Table(title=title, title_justify="left", show_edge=False, pad_edge=False,
                      header_style="bold")
        table.add_column("Line", justify="right", no_wrap=True, min_width=4)
        table.add_column("Kind", no_wrap=True, min_width=12)
        table.add_column("Video / speaker", no_wrap=True, min_width=11, max_width=16,
                         overflow="ellipsis")
        table.add_column("Time (label)", no_wrap=True, min_width=7, max_width=22)
        # the fixed columns take at most 4+12+16+22 plus separators; the text gets the rest
        table.add_column("Text", overflow="ellipsis", no_wrap=True,
                         max_width=max(20, console.width - 66))
        for clip in article.clips:
            clips += 1
            time = "—" if clip.start is None else format_clock(clip.start)
            if clip.end is not None:
                time += f"–{format_clock(clip.end)}"
            if clip.label:
                time += f" ({clip.label})"
            elif clip.prose_time:
                time += f" ({clip.prose_time.text})"
            table.add_row(str(clip.line or "—"), f"[bold cyan]{clip.kind}[/]", clip.video_id,
                          escape(time), escape(_one_line(clip.raw)))
            for excerpt in clip.excerpts:
                excerpts += 1
                table.add_row(str(excerpt.line), f"  {excerpt.role}", escape(excerpt.speaker or ""),
                              "", escape(_one_line(excerpt.text)), style="dim" if
                              excerpt.role == "paraphrase" else None)
        console.print(table)
        console.print()
    with_clips = sum(1 for a in articles if a.clips)
    problems = [p for a in articles for p in a.problems]
    bad = sum(1 for p in problems if p.kind == BAD_REFERENCE)
    summary = (f"{len(articles)} article(s) read, {with_clips} with clips: {clips} clip(s), "
               f"{excerpts} excerpt(s)")
    if bad:
        summary += f", {bad} bad reference(s)"
    if len(problems) > bad:
        summary += f", {len(problems) - bad} other warning(s)"
    if problems:
        summary += " (see the warnings above)"
    console.print(summary)


def _one_line(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
