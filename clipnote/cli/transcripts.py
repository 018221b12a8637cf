"""`clipnote transcript` (print a video's transcript, or the stretch around a time, with deep links)
and `clipnote fetch` (get the transcripts of every video the articles cite; `--save` commits them
as the blog's snapshots). The work is in `clipnote.transcripts`; this module parses and prints.
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import replace
from pathlib import Path
from typing import Sequence

import click

from ..errors import ArticleError, UsageError
from . import echo_error, main, stdout_is_terminal

def transcript_options(command):
    """The options every command that needs transcripts shares (`check` and `batch` may reuse it)."""
    options = [
        click.option("--transcripts", "transcripts_dir", metavar="DIR",
                     type=click.Path(exists=True, file_okay=False, path_type=Path),
                     help="Folder of transcript files named by video id (ID.json, ID.en.vtt, ID.en.srt, "
                          "ID.en.json3); looked in first."),
        click.option("--offline", is_flag=True,
                     help="Never use the network: only --transcripts, the blog's .clipnote/transcripts/ "
                          "and the cache."),
        click.option("--lang", "languages", multiple=True, metavar="CODE",
                     help="Transcript languages in order of preference (repeat, or en,de). "
                          "Default: the video's original language."),
        click.option("--proxy", metavar="URL",
                     help="Proxy for requests to YouTube (default: $HTTPS_PROXY or $HTTP_PROXY)."),
        click.option("--cookies", metavar="FILE", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="cookies.txt of a signed-in browser, for yt-dlp (age-restricted videos)."),
        click.option("--refresh", is_flag=True,
                     help="Ignore cached transcripts and remembered failures; fetch again."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def make_store(transcripts_dir, offline, languages, proxy, cookies, refresh, **extra):
    from ..transcripts import TranscriptStore

    return TranscriptStore(transcripts_dir, offline=offline, languages=languages, proxy=proxy, cookies=cookies,
                           refresh=refresh, on_warning=lambda m: click.echo(f"clipnote: warning: {m}", err=True),
                           **extra)


# --- clipnote transcript ------------------------------------------------------------------------


def parse_at(text: str) -> float:
    """`5023`, `1:23:43`, `1h23m43s`, or a URL with `t=`."""
    from ..timecode import try_parse_time
    from ..article.urls import parse_youtube_url

    seconds = try_parse_time(text)
    if seconds is None and ("://" in text or "youtu" in text):
        ref = parse_youtube_url(text)
        seconds = ref.start if ref is not None else None
    if seconds is None:
        raise UsageError(f"--at {text!r}: not a time (use 5023, 1:23:43, 1h23m43s or a URL with t=)")
    return seconds


def window(segments: Sequence, at: float | None, before: float, after: float) -> list:
    """The segments said from `at - before` to `at + after` (all of them without `at`).

    Times are shown and linked in whole seconds, so a segment starting at 5023.84 is "at 1:23:43".
    When no segment starts in the first second, the one still on screen then leads."""
    if at is None:
        return list(segments)
    low, high = math.floor(at - before), math.floor(at + after) + 1
    shown = [s for s in segments if low <= s.start < high]
    if not shown or shown[0].start >= low + 1:
        on_screen = [s for s in segments if s.start < low < s.start + s.duration]
        shown = on_screen[-1:] + shown
    return shown


@main.command("transcript")
@click.argument("video", metavar="VIDEO_OR_URL")
@click.option("--at", "at_text", metavar="TIME",
              help="Show the stretch around TIME: 5023, 1:23:43, 1h23m43s or a URL with t=. "
                   "A VIDEO_OR_URL with t= implies it.")
@click.option("--before", type=float, metavar="S", help="Seconds before --at to show (default 0).")
@click.option("--after", type=float, metavar="S", help="Seconds after --at to show (default 60).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "srt", "vtt"]), default="text",
              show_default=True, help="text: one line per caption with an h:mm:ss deep link.")
@transcript_options
def transcript_command(video, at_text, before, after, fmt, **options):
    """Print a video's transcript, or the stretch around a time, with deep links.

    \b
    clipnote transcript G4hL5Om4IJ4 --at 1:23:43 --after 20
    clipnote transcript 'https://youtu.be/G4hL5Om4IJ4?t=5023'
    """
    from ..timecode import deep_link, format_hms
    from ..transcripts import InvalidVideoId, format_srt, format_vtt, transcript_to_json
    from ..article.urls import parse_id_argument

    ref = parse_id_argument(video)
    if ref.video_id is None:
        raise InvalidVideoId(video)
    at = parse_at(at_text) if at_text else ref.start
    if at is None and (before is not None or after is not None):
        raise UsageError("--before and --after need --at TIME (or a URL with t=)")
    if (before or 0) < 0 or (after or 0) < 0:
        raise UsageError("--before and --after take seconds, 0 or more")
    transcript = make_store(**options).get(ref.video_id)
    segments = window(transcript.segments, at, before or 0.0, 60.0 if after is None else after)
    if not segments:
        last = transcript.segments[-1]
        raise UsageError(f"--at {format_hms(at)}: the transcript of {ref.video_id} ends at {format_hms(last.end)}")
    if fmt == "json":
        data = transcript_to_json(replace(transcript, segments=tuple(segments)))
        for item in data["segments"]:
            item["url"] = deep_link(transcript.video_id, item["start"])
        data["lookup"] = {"source": transcript.source, "path": transcript.path}
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
    elif fmt == "srt":
        click.echo(format_srt(segments), nl=False)
    elif fmt == "vtt":
        click.echo(format_vtt(segments, transcript.language), nl=False)
    else:
        click.echo(_describe(transcript), err=True)
        for seg in segments:
            click.echo(f"[{format_hms(seg.start)}]({deep_link(transcript.video_id, seg.start)}) {seg.text}")


def _describe(transcript) -> str:
    """One line on stderr saying what is printed and where it came from."""
    kind = {True: "auto-generated", False: "manual captions", None: None}[transcript.generated]
    bits = [transcript.title or transcript.video_id, transcript.channel, transcript.language, kind,
            f"from {transcript.source}" + (f" ({transcript.path})" if transcript.path else "")]
    return "# " + " · ".join(b for b in bits if b)


# --- clipnote fetch -----------------------------------------------------------------------------


@main.command("fetch")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...", type=click.Path(path_type=Path))
@click.option("--save", is_flag=True,
              help="Write each transcript into the blog's .clipnote/transcripts/ as a committable snapshot.")
@click.option("--delay", default="5-10", show_default=True, metavar="MIN-MAX",
              help="Seconds to wait between videos fetched from YouTube (jittered); 0 for none.")
@transcript_options
@click.pass_context
def fetch_command(ctx, paths, save, delay, **options):
    """Get the transcript of every video the articles cite, each video once.

    PATH is an article or a folder (searched for articles as `clipnote check` does).
    Transcripts come from --transcripts DIR, the blog's .clipnote/transcripts/, the cache, or
    YouTube (paced). With --save they become snapshots, so CI can run clipnote --offline.
    """
    from ..transcripts import Blocked, collect_videos, fetch_each, parse_delay

    pace = parse_delay(delay)
    from ..article import iter_articles, scan_file
    articles, problems = [], []
    for item in iter_articles(paths):  # files as given, folders searched; the same walk as `check`
        try:
            if isinstance(item, ArticleError):
                raise item
            articles.append(scan_file(item))
        except ArticleError as error:
            problems.append(error)
            echo_error(str(error))
    jobs = collect_videos(articles)
    if not jobs:
        click.echo(f"no YouTube videos cited in {len(articles)} article{'s' * (len(articles) != 1)}", err=True)
        ctx.exit(2 if problems else 0)

    with _Reporter(len(jobs)) as report:
        store = make_store(delay=pace, sleep=report.sleep, **options)
        failed = 0
        for outcome in fetch_each(store, jobs, save=save, on_start=report.start):
            if outcome.error is not None:
                failed += 1
                if isinstance(outcome.error, Blocked) and outcome.error.first_video != outcome.video_id:
                    report.skipped_by_block += 1  # said once, when the block happened
                else:
                    report.error(str(outcome.error))
            if outcome.transcript is not None:
                report.done(outcome)
            report.advance()
    report.summary(len(jobs), failed, save)
    ctx.exit(2 if failed or problems else 0)


class _Reporter:
    """A rich progress bar when stdout is a terminal; plain lines otherwise."""

    def __init__(self, total: int):
        self.total = total
        self.progress = None
        self.task = None
        self.skipped_by_block = 0
        self.sources: dict[str, int] = {}
        self.saved = 0

    def __enter__(self):
        if stdout_is_terminal():
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                     TimeElapsedColumn(), transient=True)
            self.progress.__enter__()
            self.task = self.progress.add_task("transcripts", total=self.total)
        return self

    def __exit__(self, *exc):
        if self.progress is not None:
            self.progress.__exit__(*exc)
        return False

    def _line(self, text: str) -> None:
        if self.progress is not None:
            self.progress.console.print(text, markup=False, highlight=False)
        else:
            click.echo(text)

    def start(self, index: int, job) -> None:
        if self.progress is not None:
            self.progress.update(self.task, description=f"{job.video_id}")

    def sleep(self, seconds: float) -> None:
        if self.progress is not None:
            self.progress.update(self.task, description=f"waiting {seconds:.0f} s (pacing requests to YouTube)")
        time.sleep(seconds)

    def advance(self) -> None:
        if self.progress is not None:
            self.progress.advance(self.task)

    def error(self, message: str) -> None:
        if self.progress is not None:
            self.progress.console.print(f"clipnote: error: {message}", markup=False, highlight=False, style="red")
        else:
            echo_error(message)

    def done(self, outcome) -> None:
        t = outcome.transcript
        self.sources[t.source] = self.sources.get(t.source, 0) + 1
        self.saved += len(outcome.saved)
        kind = {True: "auto-generated", False: "manual", None: "?"}[t.generated]
        title = f"  {t.title}" if t.title else ""
        n = len(t.segments)
        line = f"{t.video_id}  {t.language or '?'} {kind}  {n} segment{'s' * (n != 1)}  from {t.source}{title}"
        for path in outcome.saved:
            line += f"\n  saved {path}"
        self._line(line)

    def summary(self, total: int, failed: int, save: bool) -> None:
        got = ", ".join(f"{n} from {source}" for source, n in sorted(self.sources.items()))
        text = f"{total - failed} of {total} transcript{'s' * (total != 1)}" + (f" ({got})" if got else "")
        if save:
            text += f"; {self.saved} snapshot{'s' * (self.saved != 1)} written"
        if self.skipped_by_block:
            text += f"; {self.skipped_by_block} not fetched because YouTube is blocking this network"
        click.echo(text, err=True)
