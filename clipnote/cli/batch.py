"""`clipnote batch`: check every post of a blog repository, write a report folder, fit for CI."""

from __future__ import annotations

import contextlib
from pathlib import Path

import click

from . import _debug, main
from .check import config_option, fail_on_option, load_settings, store_for, write_text
from .transcripts import transcript_options

FORMATS = ("markdown", "sarif", "github", "json")


@main.command("batch")
@click.argument("folder", default=".", metavar="[DIR]", type=click.Path(path_type=Path))
@click.option("--out", "out", default="clipnote-report", show_default=True, metavar="DIR",
              type=click.Path(file_okay=False, path_type=Path),
              help="Report folder: index.md, one report per article in articles/, summary.json.")
@click.option("--format", "formats", multiple=True, type=click.Choice(FORMATS), metavar="FORMAT",
              help="Also write: sarif (DIR/clipnote.sarif), json (DIR/report.json), github (annotations "
                   "on standard output). Repeat for several. markdown (index, articles, summary) is "
                   "always written.")
@click.option("--include", multiple=True, metavar="GLOB",
              help="Check exactly the files these gitignore-style patterns select, instead of the site "
                   "layout's posts (repeat for several).")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Leave out files these patterns select.")
@click.option("--drafts", is_flag=True, default=None,
              help="Check drafts too (_drafts/, draft: true, published: false).")
@click.option("--changed-since", metavar="REF",
              help="Check only the posts changed since this git ref (what a pull request changes), and "
                   "those quoting a video whose committed snapshot changed.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N",
              help="Worker processes for alignment (default: one per core; 1: no workers).")
@click.option("--delay", type=float, metavar="S",
              help="Seconds between videos fetched from YouTube (jitter up to as much again is added). "
                   "[default: 5]")
@fail_on_option
@click.option("--annotate", is_flag=True,
              help="After checking, link each supported quote to the second it is spoken, in the posts "
                   "themselves (a diff on standard output unless --write).")
@click.option("--write", is_flag=True, help="With --annotate: rewrite the posts (atomically).")
@click.option("--fix-start", is_flag=True,
              help="With --annotate: also move each clip's start to where its quotes begin.")
@click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), metavar="X",
              help="With --annotate: only link quotes supported with at least this confidence.")
@config_option
@transcript_options
@click.pass_context
def batch_command(ctx, folder, out, formats, changed_since, annotate, write, fix_start, config_file,
                  **options):
    """Check every post of the blog in DIR (default: the current folder) and write a report folder.

    Posts are found by the site's layout (Jekyll, Hugo, Hexo, Quarto, 11ty, MDX), or by --include.
    Settings come from clipnote.toml or [tool.clipnote] in pyproject.toml (or --config FILE);
    options given here win. .clipnoteignore and ignore comments in posts are honoured.

    Each video's transcript is read or fetched once; alignment runs in parallel (--jobs).

    \b
    Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it;
                2 something could not be checked (a post, a transcript); 130 interrupted.
    """
    from ..batch import BatchSettings, Progress, prepare_folder, run_batch
    from ..errors import UsageError

    if (write or fix_start or options.get("min_confidence") is not None) and not annotate:
        raise UsageError("--write, --fix-start and --min-confidence go with --annotate")
    if not folder.exists():
        raise UsageError(f"{folder}: no such folder")
    config = load_settings(folder.absolute(), config_file, **options)
    store = store_for(config, **{k: options[k] for k in ("proxy", "cookies", "refresh")})
    prepare_folder(out)
    progress = Progress.for_terminal()
    with _terminate_as_interrupt():
        run = run_batch(BatchSettings(folder=folder, out=out, config=config, store=store,
                                      changed_since=changed_since, debug=_debug(ctx)), progress)
    finish(ctx, run, out, formats, config, annotate=annotate, write=write, fix_start=fix_start)


@contextlib.contextmanager
def _terminate_as_interrupt():
    """A cancelled CI job sends SIGTERM: stop as on Ctrl-C, keeping every report already made."""
    import signal

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread (tests): nothing to install
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def finish(ctx, run, out: Path, formats, config, *, annotate: bool, write: bool, fix_start: bool):
    """Write the report folder, print annotations and the summary, annotate, and exit."""
    from ..batch import github_annotations, report_files, terminal_summary
    from ..outcome import exit_code

    written = []
    for name, text in report_files(run, formats, fail_on=config.fail_on):
        write_text(out / name, text)
        written.append(out / name)
    if "github" in formats:
        click.echo(github_annotations(run), nl=False)
    # standard output carrying annotations or a patch gets nothing else
    machine_output = "github" in formats or (annotate and not write)
    for line in terminal_summary(run, written):
        click.echo(line, err=machine_output)
    if run.interrupted:
        click.echo(f"clipnote: interrupted; the report of the {len(run.results)} articles checked "
                   f"is in {out / 'index.md'} (marked incomplete)", err=True)
        ctx.exit(130)
    failed = annotate_posts(ctx, run, write=write, fix_start=fix_start,
                            min_confidence=config.thresholds.min_confidence) if annotate else 0
    code = exit_code(run.ordered(), config.fail_on)
    ctx.exit(2 if failed else code)


def annotate_posts(ctx, run, *, write: bool, fix_start: bool, min_confidence: float) -> int:
    """`clipnote annotate` on every checked post with a quote, with its safety: a diff unless
    --write, atomic writes, and only over the bytes that were checked. Returns the failures."""
    import os

    from .annotate import annotate_checked, say_would_change

    failed = would_change = 0
    cwd = Path.cwd()
    for path, result in sorted(run.results.items()):
        post = run.posts.get(path)
        if post is None or not any(clip.excerpts for clip in result.clips):
            continue
        shown = Path(os.path.relpath(post.path)) if post.path.is_relative_to(cwd) else post.path
        change = annotate_checked(ctx, shown, result, post.data, write=write, fix_start=fix_start,
                                  min_confidence=min_confidence)
        failed += change is None
        would_change += bool(change and change.changed)
    say_would_change(would_change, write)
    return failed
