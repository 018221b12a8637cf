"""`clipnote check`: the whole pipeline on one or more articles, rendered for a person or a tool."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..model import FAIL_ON
from ..errors import ArticleError, UsageError
from . import _debug, echo_error, main
from .transcripts import make_store, transcript_options

if TYPE_CHECKING:  # pragma: no cover
    from ..config import Config

fail_on_option = click.option(
    "--fail-on", type=click.Choice(FAIL_ON), default=None,
    help="Exit with 1 when a finding of this severity or worse is reported; never: only errors fail "
         "the run.  [default: the configuration's fail-on, else error]")
config_option = click.option(
    "--config", "config_file", metavar="FILE", type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Settings file (clipnote.toml, or a pyproject.toml with [tool.clipnote]). Default: the "
         "nearest one above the checked files, up to the repository's top.")


def video_argument(value: str | None) -> str | None:
    """`--video` takes an id or any YouTube URL."""
    if not value:
        return None
    from ..article.urls import is_video_id, parse_youtube_url

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
@fail_on_option
@click.option("--video", "video", metavar="VIDEO_OR_URL",
              help="The video an article quotes without linking it: its quotes and bare timestamps are "
                   "checked against this video.")
@config_option
@transcript_options
@click.pass_context
def check_command(ctx, articles, fmt, output, fail_on, video, config_file, **options):
    """Find where each quote of ARTICLE is really spoken, and report what agrees and what does not.

    ARTICLE may be a file or a folder (searched for .md, .markdown, .mdx, .qmd and .html).
    Transcripts come from --transcripts DIR, the blog's .clipnote/transcripts/ snapshots, the
    cache, or YouTube (unless --offline). Settings come from clipnote.toml or [tool.clipnote] in
    pyproject.toml (or --config FILE); .clipnoteignore and ignore comments in posts are honoured.

    Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 an article or a
    transcript could not be read.
    """
    import os

    from ..discover import select_files
    from ..outcome import exit_code
    from ..pipeline import Checker
    from ..posts import finish_post, read_post
    from ..article.scan import iter_articles

    default_video = video_argument(video)
    files, errors = [], []
    for item in iter_articles(articles):
        if isinstance(item, ArticleError):
            errors.append(item)
            echo_error(str(item))
        else:
            files.append(item)
    start = Path(os.path.commonpath([p.absolute().parent for p in files])) if files else Path.cwd()
    config = load_settings(start, config_file, fail_on=fail_on, **options)
    chosen = select_files(files, exclude=config.exclude, ignore=config.ignore)
    named = {path.absolute(): path for path in files}
    for skipped in chosen.skipped:
        click.echo(f"clipnote: skipped {named.get(skipped.path, skipped.path)}: {skipped.reason}", err=True)
    keep = set(chosen.posts)
    checker = Checker(store_for(config, **options), thresholds=config.thresholds, debug=_debug(ctx))
    results = []
    for path in files:
        if path.absolute() not in keep:
            continue
        try:
            post = read_post(path, default_video=default_video, rules=chosen.ignore)
        except ArticleError as error:
            errors.append(error)
            echo_error(str(error))
            continue
        for problem in post.article.problems:
            where = f"{problem.path}:{problem.line}" if problem.line else problem.path
            click.echo(f"clipnote: warning: {where}: {problem.message}", err=True)
        results.append(finish_post(checker.check_article(post.article), post, chosen.ignore))
    if not results and errors:
        ctx.exit(2)
    text = render(results, fmt, to_terminal=output is None)
    if text is not None:
        if output is None:
            click.echo(text, nl=not text.endswith("\n"))
        else:
            write_text(output, text)
    ctx.exit(exit_code(results, config.fail_on, errors=errors))


def load_settings(start: Path, config_file: Path | None, *, fail_on: str | None = None,
                  transcripts_dir: Path | None = None, offline: bool = False,
                  languages: tuple[str, ...] = (), **overrides) -> "Config":
    """The configuration file's settings (`--config FILE`, else the nearest clipnote.toml or
    [tool.clipnote] above `start`) with the command line's on top. Options left out are None
    (or empty, or a flag not given) and keep the file's values. Transcript options that only
    the store takes (--proxy, --cookies, --refresh) are ignored here."""
    from ..config import load_config, load_config_file

    config = load_config_file(config_file) if config_file else load_config(start)
    given = {key: value for key, value in overrides.items() if key not in _STORE_ONLY}
    return config.merged({
        **given,
        "fail_on": fail_on,
        "transcripts": transcripts_dir,
        "offline": True if offline else None,  # a flag can only switch offline on
        "languages": tuple(code.strip() for value in languages for code in value.split(",")
                           if code.strip()),
    })


_STORE_ONLY = ("proxy", "cookies", "refresh")


def store_for(config: "Config", *, proxy=None, cookies=None, refresh=False, **extra):
    """The TranscriptStore a run's settings ask for (the command line's --proxy, --cookies and
    --refresh; the rest from `config`)."""
    extra = {key: value for key, value in extra.items()
             if key not in ("transcripts_dir", "offline", "languages")}
    return make_store(config.transcripts, config.offline, config.languages, proxy, cookies, refresh,
                      delay=(config.delay, 2 * config.delay), **extra)


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
