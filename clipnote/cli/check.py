"""`clipnote check`: the whole pipeline on one or more articles, rendered for a person or a tool."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import ArticleError, UsageError
from . import echo_error, main
from .transcripts import make_store, transcript_options

FAIL_ON = ("info", "warning", "error", "never")


def video_argument(value: str | None) -> str | None:
    """`--video` takes an id or any YouTube URL."""
    if not value:
        return None
    from ..urls import is_video_id, parse_youtube_url

    if is_video_id(value):
        return value
    ref = parse_youtube_url(value)
    if ref is None or ref.video_id is None:
        reason = ref.error if ref is not None else "not a YouTube video id or URL"
        raise UsageError(f"--video {value}: {reason}")
    return ref.video_id


@main.command("check")
@click.argument("articles", nargs=-1, required=True, metavar="ARTICLE...", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["terminal", "markdown", "json"]), default="terminal",
              show_default=True, help="How to report: for a person in a terminal, a Markdown report, or JSON "
                                      "(clipnote/report@1).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Write the report to FILE instead of standard output.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="error", show_default=True,
              help="Exit with 1 when a finding of this severity or worse is reported.")
@click.option("--video", "video", metavar="VIDEO_OR_URL",
              help="The video an article quotes without linking it: its quotes and bare timestamps are "
                   "checked against this video.")
@transcript_options
@click.pass_context
def check_command(ctx, articles, fmt, output, fail_on, video, **options):
    """Find where each quote of ARTICLE is really spoken, and report what agrees and what does not.

    ARTICLE may be a file or a folder (searched for .md, .markdown, .mdx, .qmd and .html).
    Transcripts come from --transcripts DIR, the blog's .clipnote/transcripts/ snapshots, the
    cache, or YouTube (unless --offline).

    Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 an article or a
    transcript could not be read.
    """
    from ..outcome import exit_code
    from ..pipeline import Checker
    from ..scan import iter_articles, scan_file

    default_video = video_argument(video)
    store = make_store(**options)
    checker = Checker(store, debug=bool((ctx.find_root().obj or {}).get("debug")))
    results, errors = [], []
    for item in iter_articles(articles):
        if isinstance(item, ArticleError):
            errors.append(item)
            echo_error(str(item))
            continue
        try:
            article = scan_file(item, default_video=default_video)
        except ArticleError as error:
            errors.append(error)
            echo_error(str(error))
            continue
        for problem in article.problems:
            where = f"{article.path}:{problem.line}" if problem.line else article.path
            click.echo(f"clipnote: warning: {where}: {problem.message}", err=True)
        results.append(checker.check_article(article))
    if not results and errors:
        ctx.exit(2)
    text = render(results, fmt, to_terminal=output is None)
    if text is not None:
        if output is None:
            click.echo(text, nl=not text.endswith("\n"))
        else:
            write_text(output, text)
    ctx.exit(exit_code(results, fail_on, errors=errors))


def render(results, fmt: str, *, to_terminal: bool) -> str | None:
    """The report as text; for the terminal format on a terminal it is printed directly (rich)."""
    if fmt == "json":
        import json

        from ..report.json import article_to_json

        data = [article_to_json(r) for r in results]
        return json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        from ..report.markdown import render_article

        return "\n\n---\n\n".join(render_article(r) for r in results)
    from ..report.terminal import make_console, print_results

    if to_terminal:
        print_results(results, make_console())
        return None
    import io

    buffer = io.StringIO()
    print_results(results, make_console(buffer))
    return buffer.getvalue()


def write_text(path: Path, text: str) -> None:
    """Write a report atomically, so an interrupted run never leaves half a report."""
    from ..atomic import atomic_write_text

    try:
        atomic_write_text(path, text)
    except OSError as error:
        raise UsageError(f"{path}: cannot write the report ({error.strerror or error})") from None
