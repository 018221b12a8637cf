"""clipnote's command line: parse options, call the pipeline, render, choose the exit code.

Command modules import only click at module level; everything heavy (numpy, the model, yt-dlp,
rich) is imported inside the command that needs it, so `clipnote --help` stays fast.
"""

from __future__ import annotations

import sys

import click

from .. import __version__
from ..errors import ClipnoteError


class ClipnoteGroup(click.Group):
    """Turns clipnote's own errors into one line on stderr and exit code 2 (no traceback unless
    --debug), and does the same for anything unexpected, so a user never sees a raw crash."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ClipnoteError as error:
            if _debug(ctx):
                raise
            click.echo(f"clipnote: error: {error}", err=True)
            ctx.exit(error.exit_code)
        except KeyboardInterrupt:
            if _debug(ctx):
                raise
            click.echo("clipnote: interrupted", err=True)
            ctx.exit(130)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except Exception as error:  # a bug: say so in one line, keep the traceback for --debug
            if _debug(ctx):
                raise
            click.echo(
                f"clipnote: internal error: {type(error).__name__}: {error} "
                "(run again with --debug for the traceback)",
                err=True,
            )
            ctx.exit(2)


def _debug(ctx: click.Context) -> bool:
    root = ctx.find_root()
    return bool(root.params.get("debug")) or bool((root.obj or {}).get("debug"))


@click.group(cls=ClipnoteGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="clipnote")
@click.option("--debug", is_flag=True, help="Show full tracebacks instead of one-line errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Check what a blog article says a YouTube video says.

    clipnote finds every YouTube embed and link in an article, gets the video's transcript,
    finds where each quoted excerpt is really spoken, and reports what agrees and what does not.
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def echo_error(message: str) -> None:
    """One line on stderr, the way every command reports a bad input and goes on."""
    click.echo(f"clipnote: error: {message}", err=True)


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


# Commands register themselves on `main` when imported.
from . import embeds, transcripts, check, annotate, batch  # noqa: E402,F401
