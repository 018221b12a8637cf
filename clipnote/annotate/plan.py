"""What `clipnote annotate` changes in an article's text: pure, from the text and its ArticleResult.

For each quote the checker found `supported` with a confidence of at least `min_confidence`, one
▶ deep link to where it is spoken (see `links.py`); with `fix_start`, each clip's own start moved
to where its quotes begin (see `starts.py`). Everything that cannot be done safely becomes a Note
saying why, and nothing else happens to the text.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import PurePath

from ..model import ArticleResult, ClipResult, Excerpt, ExcerptResult
from ..timecode import format_hms
from .blocks import Blocks, markdown_blocks
from .links import FoundLink, anchor, find_links, reads_like, render_link, updated_link
from .starts import StartError, relabel, rewrite_start, shorten
from .text import Edit, Lines, Note, apply_edits, minimal_edit, overlaps

DEFAULT_MIN_CONFIDENCE = 0.5
"""Writing a link into someone's article is a claim with no evidence beside it (the report shows
the transcript lines; the article will not), so only `supported` quotes are linked, and by default
only at the confidence a `supported` verdict needs (config `thresholds.supported`). Raise the bar
per run with --min-confidence (or `min-confidence` in clipnote.toml)."""

ATTRIBUTION_TOLERANCE = 5.0
"""An attribution-style quote (`> …` then `— Speaker, [15:00](…&t=900s)`) already links its own
time. When that link is within this many seconds of where the quote is spoken, a second link would
only repeat it, so none is added (a listener hears the quote begin within a breath)."""

HTML_SUFFIXES = (".html", ".htm")


@dataclass(frozen=True)
class Plan:
    edits: tuple[Edit, ...]
    notes: tuple[Note, ...]


def plan(text: str, result: ArticleResult, *, fix_start: bool = False,
         min_confidence: float = DEFAULT_MIN_CONFIDENCE, html: bool | None = None) -> Plan:
    """Every edit annotate would make to `text` (the article `result` was computed from).

    `html` forces the link form; by default `.html`/`.htm` articles get `<a>` links everywhere,
    and other articles only for quotes inside an HTML block.
    """
    # A BOM is not part of any line the scanner numbers: plan on the text after it.
    shift = 1 if text.startswith("\ufeff") else 0
    body = text[shift:]
    if html is None:
        html = PurePath(result.article.path).suffix.lower() in HTML_SUFFIXES
    planner = _Planner(body, result, fix_start, min_confidence, html)
    planner.run()
    edits = [Edit(e.start + shift, e.end + shift, e.new, e.line, e.kind, e.message) for e in planner.edits]
    return Plan(tuple(edits), tuple(planner.notes))


def plan_annotations(text: str, result: ArticleResult, *, fix_start: bool = False,
                     min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> list[Edit]:
    """The edits of `plan(...)`, in text order (the Notes are dropped; use `plan` to see them)."""
    return list(plan(text, result, fix_start=fix_start, min_confidence=min_confidence).edits)


def annotate_text(text: str, result: ArticleResult, *, fix_start: bool = False,
                  min_confidence: float = DEFAULT_MIN_CONFIDENCE,
                  html: bool | None = None) -> tuple[str, Plan]:
    """The annotated text and the plan that made it."""
    made = plan(text, result, fix_start=fix_start, min_confidence=min_confidence, html=html)
    return apply_edits(text, made.edits), made


def usable(excerpt: ExcerptResult, min_confidence: float) -> bool:
    """A quote whose place in the video is sure enough to write into the article."""
    match = excerpt.match
    return (excerpt.verdict == "supported" and match is not None
            and math.isfinite(match.start) and match.start >= 0
            and match.confidence >= min_confidence)


def _floor(seconds: float) -> int:
    return max(0, int(math.floor(seconds + 1e-9)))


class _Planner:
    def __init__(self, text: str, result: ArticleResult, fix_start: bool, min_confidence: float,
                 html: bool):
        self.text = text
        self.result = result
        self.fix_start = fix_start
        self.min_confidence = min_confidence
        self.html_file = html
        self.lines = Lines(text)
        self.blocks = Blocks(frozenset(), frozenset()) if html else markdown_blocks(text)
        self.edits: list[Edit] = []
        self.notes: list[Note] = []
        self.claimed: set[int] = set()  # starts of earlier links already matched to a quote
        self.linked: set[tuple[Excerpt, str]] = set()  # (quote, video) already given a link

    def run(self) -> None:
        starts = []
        for clip_result in self.result.clips:
            start = self._fix_start(clip_result) if self.fix_start else None
            starts.append(clip_result.clip.start if start is None else start)
        # Quotes that get a link claim the earlier links first, so a weak quote sharing their
        # lines can never take one of theirs (which would make the next run add it again).
        # Narrow quotes first: a quote nested in a longer one's lines claims the link on its own line.
        todo = [(clip_result, excerpt, start) for clip_result, start in zip(self.result.clips, starts)
                for excerpt in clip_result.excerpts if usable(excerpt, self.min_confidence)]
        todo.sort(key=lambda item: (item[1].excerpt.end_line or item[1].excerpt.line) - item[1].excerpt.line)
        for clip_result, excerpt, start in todo:
            self._link(clip_result, excerpt, start)
        for clip_result in self.result.clips:
            for excerpt in clip_result.excerpts:
                if not usable(excerpt, self.min_confidence):
                    self._stale(clip_result, excerpt)
        self._drop_conflicts()

    # --- deep links after quotes -----------------------------------------------------------------

    def _span(self, clip_result: ClipResult, result: ExcerptResult) -> tuple[int, int, int, int] | None:
        """(first line, last line, start offset, end offset) of a quote not seen before for this
        video; None for a repeat (the same quote under a second clip of the video) or a quote
        beyond the end of the text."""
        clip, excerpt = clip_result.clip, result.excerpt
        if not clip.video_id or (excerpt, clip.video_id) in self.linked:
            return None
        self.linked.add((excerpt, clip.video_id))
        first = excerpt.line
        if not self.lines.has(first):
            return None
        last = min(max(excerpt.end_line or first, first), len(self.lines))
        return first, last, self.lines.start(first), self.lines.end(last)

    def _unclaimed(self, video_id: str, links: list[FoundLink], seconds: int | None = None,
                   near: int = 0) -> FoundLink | None:
        """The earlier link of this video to give a quote: one at its own time if there is one,
        then one on the line where the quote's own link would go, then the nearest."""
        free = [link for link in links if link.video_id == video_id and link.start not in self.claimed]
        line = self.lines.line_of(near)
        chosen = min(free, key=lambda link: (link.seconds != seconds, self.lines.line_of(link.start) != line,
                                             abs(link.start - near)), default=None)
        if chosen is not None:
            self.claimed.add(chosen.start)
        return chosen

    def _link(self, clip_result: ClipResult, result: ExcerptResult, clip_start: float | None) -> None:
        clip, excerpt = clip_result.clip, result.excerpt
        span = self._span(clip_result, result)
        if span is None:
            if not self.lines.has(excerpt.line):
                self.notes.append(Note(excerpt.line, "the quote is past the end of the file (the file changed "
                                                     "since it was checked); not linked"))
            return
        first, last, span_start, span_end = span
        on_lines = find_links(self.text, span_start, span_end)
        if not reads_like(excerpt.text, _without(self.text, span_start, span_end, on_lines)):
            self.notes.append(Note(first, "no longer reads like the quote that was checked (the file "
                                          "changed since); not linked — run clipnote again"))
            return
        seconds = _floor(result.match.start)
        number, offset = anchor(self.lines, first, last, label=excerpt.label, excerpt_text=excerpt.text,
                                table_rows=self.blocks.table_rows)
        existing = self._unclaimed(clip.video_id, on_lines, seconds, offset)
        if existing is not None:
            old = self.text[existing.start:existing.end]
            edit = minimal_edit(existing.start, old, updated_link(self.text, existing, seconds),
                                line=self.lines.line_of(existing.start), kind="update-link",
                                message=f"link moved to ▶ {format_hms(seconds)} (was {_link_time(old)})")
            if edit is not None:
                self.edits.append(edit)
            return
        if (clip.kind == "link" and len(clip_result.excerpts) == 1 and first <= clip.line <= last + 1
                and clip_start is not None
                and abs(seconds - _floor(clip_start)) <= ATTRIBUTION_TOLERANCE):
            return  # its own attribution link already points there
        html = self.html_file or number in self.blocks.html_lines
        self.edits.append(Edit(offset, offset, " " + render_link(clip.video_id, seconds, html=html),
                               number, "add-link", f"link to ▶ {format_hms(seconds)}"))

    def _stale(self, clip_result: ClipResult, result: ExcerptResult) -> None:
        """An earlier ▶ link on a quote that is no longer sure: kept, and the user told."""
        span = self._span(clip_result, result)
        if span is None:
            return
        first, _, span_start, span_end = span
        if self._unclaimed(clip_result.clip.video_id, find_links(self.text, span_start, span_end)) is None:
            return
        why = (result.verdict if result.verdict != "supported"
               else f"below the confidence bar of {self.min_confidence:g}")
        self.notes.append(Note(first, f"keeps an earlier ▶ link, but its quote is now {why}; left as it is "
                                      "(remove it by hand if it is wrong)"))

    # --- moving a clip's start -------------------------------------------------------------------

    def _fix_start(self, clip_result: ClipResult) -> int | None:
        """Move the clip's start to its first usable quote; the start it has after this run."""
        clip = clip_result.clip
        good = [e for e in clip_result.excerpts if usable(e, self.min_confidence)]
        if not good:
            if clip_result.excerpts and clip.kind != "label":
                self.notes.append(Note(clip.line, f"start not moved: no quote of this "
                                                  f"clip is supported at confidence ≥ {self.min_confidence:g}"))
            return None
        target = _floor(min(e.match.start for e in good))
        current = clip.start if clip.start is not None else 0.0
        if _floor(current) == target:
            return target
        if clip.kind == "label":
            self.notes.append(Note(clip.line, f"{shorten(clip.raw)} is a bare timestamp label; "
                                              f"not moved to {format_hms(target)}"))
            return None
        located = self._locate(clip.raw, clip.line, clip.column)
        if located is None:
            if not any(self._locate(raw, clip.line, clip.column) for raw in _moved(clip.raw, clip.start, target)):
                self.notes.append(Note(clip.line, f"start not moved: the text at column {clip.column + 1} "
                                                  f"no longer reads "
                                                  f"{shorten(clip.raw)} (the file changed since it was checked)"))
                return None
            return target  # an earlier run already moved it
        at, found = located
        try:
            new = rewrite_start(found, target)
        except StartError as error:
            self.notes.append(Note(clip.line, f"start not moved: {error}"))
            return None
        message = f"start {format_hms(current)} → {format_hms(target)}"
        edit = minimal_edit(at, found, new, line=clip.line, kind="fix-start", message=message)
        if edit is not None:
            self.edits.append(edit)
        if clip.start is not None:
            self._relabel(at, found, clip.start, target, clip.line)
        return target

    def _locate(self, raw: str, line: int, column: int) -> tuple[int, str] | None:
        """(offset, text) of `raw` at line:column, line endings compared loosely (the scanner may
        have read `\\r\\n` as `\\n`); None when the text there is something else."""
        if not raw or not self.lines.has(line):
            return None
        pattern = re.compile(r"(?:\r\n|\r|\n)".join(re.escape(part) for part in re.split(r"\r\n|\r|\n", raw)))
        base = self.lines.start(line)
        # column 0-based; a scanner that kept a BOM on line 1 counts one more
        for offset in (base + column, base + column - 1) if line == 1 and column > 0 else (base + column,):
            m = pattern.match(self.text, offset)
            if m and offset <= self.lines.end(line):
                return offset, m.group(0)
        return None

    def _relabel(self, at: int, found: str, old: float, target: int, line: int) -> None:
        """A visible `[7:55](…&t=475s)` label moves with its link when it showed the old time."""
        if found.startswith("[") and "](" in found:
            label_start, label_end = at + 1, at + found.index("](")
        elif self.text[max(0, at - 2):at] == "](":
            line_start = self.lines.start(self.lines.line_of(at))
            opening = self.text.rfind("[", line_start, at - 2)
            if opening < 0:
                return
            label_start, label_end = opening + 1, at - 2
        else:
            return
        label = self.text[label_start:label_end]
        new = relabel(label, old, target)
        if new is not None:
            edit = minimal_edit(label_start, label, new, line=line, kind="relabel",
                                message=f"label {label!r} → {new!r}")
            if edit is not None:
                self.edits.append(edit)

    def _drop_conflicts(self) -> None:
        kept: list[Edit] = []
        for edit in sorted(self.edits, key=lambda e: (e.start, e.end)):
            if any((k.start, k.end, k.new) == (edit.start, edit.end, edit.new) and k.kind == edit.kind != "add-link"
                   for k in kept):
                continue  # the same change asked for twice (one reference reported as two clips)
            clash = next((k for k in kept if overlaps(k, edit)), None)
            if clash is not None:
                self.notes.append(Note(edit.line, f"not changed: it overlaps another "
                                                  f"edit ({clash.message})"))
                continue
            kept.append(edit)
        self.edits = kept


def _without(text: str, start: int, end: int, links) -> str:
    """text[start:end] without the ▶ links in it: what clipnote wrote never decides what it writes."""
    pieces, pos = [], start
    for link in links:
        pieces.append(text[pos:link.start])
        pos = link.end
    pieces.append(text[pos:end])
    return "".join(pieces)


def _moved(raw: str, old: float | None, target: int) -> list[str]:
    """What `raw` reads once an earlier run moved it to `target` (its label too, if it had one)."""
    try:
        moved = rewrite_start(raw, target)
    except StartError:
        return []
    out = [moved]
    if old is not None and moved.startswith("[") and "](" in moved:
        label, rest = moved[1:].split("](", 1)
        new_label = relabel(label, old, target)
        if new_label is not None:
            out.append(f"[{new_label}]({rest}")
    return out


def _link_time(link_text: str) -> str:
    m = re.search(r"\d+:\d{2}(?::\d{2})?", link_text)
    return m.group(0) if m else "another time"

