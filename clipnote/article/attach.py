"""Which excerpts belong to which clip (DESIGN §3).

Rules, applied in this order over the units of `excerpts.build_units`:

1. Attribution. A quote followed by `— Speaker, [5:35](…&t=335s)` (in the same blockquote, the
   next one, or as the quote's own last line) belongs to the clip linked in the attribution,
   with that speaker. An attribution that links something else (`— https://book.example/…`)
   makes the quote a quote of that source: no clip gets it. A name-only attribution
   (`— Leonard Cohen`) just names the speaker.
2. Source lines. A short paragraph right after quotes that links a video with "via"/"source"
   (`In Book of Longing (via [Miguel Esteves Cardoso](…&t=1h5m15s))`) claims those quotes.
3. Regions. Every other quote unit belongs to the nearest clip above it, up to the next clip, a
   heading (outside blockquotes) or a thematic break; quotes that follow no clip belong to the
   page's own video (front matter or `--video`), if it has one. Inline quotations (“…”, 「…」,
   "…" of three words or more) in the author's paragraphs count as quotes too.
   A clip's own block: a quote that ends with its clip (`“…” — [19:49](…)`, `**KT** - Kill Task
   ([5:00](…))`) is its excerpt; a block that *starts* with its clip (`[7:55](…) Chapter title`)
   is a chapter entry, not a quote; a bare label (`… and others. [0:21–1:17]`) labels the text
   before it, or the text after it when it opens the paragraph (unless that text only introduces
   what follows, ending in a colon: then the quotes below are the label's).
4. Paraphrase. A clip that ends up with no explicit quote gets, as `paraphrase` excerpts, the
   author's paragraphs right after it (same region): at most five, each of five words or more
   and not an introduction ending in a colon. The page's own video gets the opening paragraphs
   only when the body links no video at all.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from functools import lru_cache
from dataclasses import replace

from .document import Document
from .clips import Ref
from .claims import clean, paraphrasable, someones_words
from .excerpts import MARK, MIN_QUOTE_UNITS, Unit, build_units
from .inline import text_units
from .timed import timed_entries, told_at, without_time
from .summaries import passage, summary_target, summary_units
from .turns import author_note
from ..model import Clip, Excerpt

MAX_PARAPHRASES = 5
# a section that gives what is said, word for word or translated
_TRANSCRIPT_SECTION = re.compile(
    r"\b(?:transcript|transcription|full text|verbatim)\b|文字起こし|書き起こし|逐字稿|文字稿|文稿|全文|"
    r"字幕|녹취록|스크립트|전문", re.I)
# a section that sums the video up (not `Notes` or `Resources`, which are the author's)
_SUMMARY_SECTION = re.compile(
    r"\b(?:summary|key (?:points|ideas|insights|takeaways|moments)|takeaways|highlights|recap|tl;?dr)\b|"
    r"要約|要旨|まとめ|总结|總結|摘要|要点|要點|요약|핵심", re.I)
_SOURCE_WORDS = re.compile(r"\b(?:via|source|credits?)\b|출처|出典|出处|出處|来源|來源|引用元|ソース", re.I)


def attach_excerpts(doc: Document, refs: list[Ref], page: Ref | None) -> list[Clip]:
    units = build_units(doc, refs)
    target = summary_target(doc, refs, page)
    if target is not None:
        return _summary_clips(doc, refs, page, units, target)
    found: dict[int, list[Excerpt]] = defaultdict(list)
    paraphrases: dict[int, list[Excerpt]] = defaultdict(list)
    claimed: set[int] = set()

    for i, unit in enumerate(units):
        attribution = unit.attribution
        if attribution is None:
            continue
        name_only = attribution.ref is None and not attribution.other_source
        run = _quote_run(units, i, claimed, stop_at_names=name_only)
        if attribution.own_quote and unit.kind == "quote":
            run.append(i)
        if attribution.ref is not None:
            for j in run:
                found[id(attribution.ref)].append(
                    _excerpt(doc, units[j], speaker=units[j].speaker or attribution.speaker))
            claimed.update(run)
            claimed.add(i)
        elif attribution.other_source:
            claimed.update(run)
            claimed.add(i)
        elif attribution.speaker:
            for j in run:
                units[j].speaker = units[j].speaker or attribution.speaker

    for i, unit in enumerate(units):
        if unit.kind == "prose" and unit.refs and i not in claimed and _is_source_line(unit):
            run = _quote_run(units, i, claimed)
            for j in run:
                found[id(unit.refs[0])].append(_excerpt(doc, units[j]))
            claimed.update(run)

    current: Ref | None = None
    header_speaker: str | None = None  # `Elon Musk 0:43` above: the prose below is a turn
    before_first_clip = True
    body_has_clips = any(u.refs for u in units)
    levels = {b.start: b.level for b in doc.blocks if b.kind == "heading"}
    chapter = 0  # level of the heading whose time owns the passages below (`## 1:02:03 Title`)
    quoting_elsewhere = False  # the quotes below were introduced as another page's words
    in_summary = _sections_named(doc, _SUMMARY_SECTION)  # every point is a passage
    in_transcript = _sections_named(doc, _TRANSCRIPT_SECTION)  # every paragraph is someone's words
    for i, unit in enumerate(units):
        if unit.kind != "quote":
            quoting_elsewhere = _introduces_other_source(doc, unit)
        if unit.kind == "boundary":
            level = levels.get(unit.start, 0)
            if not unit.refs and current is not None and chapter and level > chapter:
                continue  # an untimed sub-heading inside a timed chapter: still that chapter's
            current = unit.refs[-1] if unit.refs else None
            chapter = level if unit.refs and unit.refs[-1].clip.kind == "label" else 0
            before_first_clip, header_speaker = False, None
            continue
        if unit.refs:
            if i not in claimed:
                _own_excerpts(doc, unit, found, paraphrases, verbatim=in_transcript(unit.start))
            current = unit.refs[-1]
            before_first_clip, header_speaker = False, unit.header_speaker
            continue
        target = current or page
        if i in claimed or target is None or unit.container:
            continue
        if unit.kind == "quote":
            if not quoting_elsewhere:
                found[id(target)].append(_excerpt(doc, unit))
        elif unit.kind == "prose" and header_speaker:
            found[id(target)].append(_excerpt(doc, unit, speaker=header_speaker, role="quote"))
        elif unit.kind == "prose":
            lines = _QuoteLines(doc, unit)
            for _, _, inner in someones_words(unit.text):
                found[id(target)].append(_quotation(doc, inner, lines))
            if in_transcript(unit.start) and text_units(clean(unit.text)) >= MIN_QUOTE_UNITS:
                found[id(target)].append(_excerpt(doc, unit, role="quote"))
            elif (in_summary(unit.start) or (chapter and current is not None)) and paraphrasable(unit):
                # each point of `## Key takeaways` claims what it says, and a chapter heading's time
                # owns every passage up to the next heading, quotes or not
                found[id(target)].append(_excerpt(doc, unit, role="paraphrase"))
            elif (current is not None or (before_first_clip and not body_has_clips)) \
                    and paraphrasable(unit):
                paraphrases[id(target)].append(_excerpt(doc, unit, role="paraphrase"))

    clips: list[Clip] = []
    for ref in ([page] if page else []) + refs:
        if ref.page and not found[id(ref)] and not paraphrases[id(ref)] and any(
                r.clip.video_id == ref.clip.video_id and r.clip.kind in ("embed", "link")
                for r in refs):
            continue  # the page's video is embedded in the body and no quote is left for it
        excerpts = found[id(ref)]
        if not excerpts:
            excerpts = [replace(e, role="paraphrase")
                        for e in paraphrases[id(ref)][:MAX_PARAPHRASES]]
        quotes = {}
        for e in sorted(excerpts, key=lambda e: e.line):  # stable: reading order within a line
            quotes.setdefault((e.line, e.text), e)
        clips.append(replace(ref.clip, excerpts=tuple(quotes.values())))
    return clips


def _summary_clips(doc: Document, refs: list[Ref], page: Ref | None, units: list[Unit],
                   target: Ref) -> list[Clip]:
    """A summary or a deck: every passage belongs to the article's one video (summaries.py);
    under a transcript's heading (`## 中文文稿`) each is someone's words, not the author's account."""
    verbatim = _sections_named(doc, _TRANSCRIPT_SECTION)
    excerpts = tuple(_excerpt(doc, u, role=None if u.kind == "quote" or verbatim(u.start) else "paraphrase")
                     for u in summary_units(doc, units) if passage(u))
    clips = []
    for ref in ([page] if page else []) + refs:
        if ref is target:
            clips.append(replace(ref.clip, excerpts=excerpts))
        elif not ref.page:
            clips.append(ref.clip)
    return clips


def _sections_named(doc: Document, name: re.Pattern):
    """line → is it in a section whose (short) heading matches `name` (`## Summary`,
    `## 中文文稿`), its sub-sections included?"""
    starts: list[int] = []
    inside: list[bool] = []  # per heading: it, or a heading it sits under, is named
    open_: list[tuple[int, bool]] = []  # (level, inside) of the headings still open, outermost first
    for b in doc.blocks:
        if b.kind != "heading" or b.quote_depth:
            continue
        while open_ and open_[-1][0] >= b.level:
            open_.pop()
        text = doc.block_text(b)
        here = (text_units(text) <= 6 and bool(name.search(text))) or bool(open_ and open_[-1][1])
        open_.append((b.level, here))
        starts.append(b.start)
        inside.append(here)

    def named(line: int) -> bool:
        k = bisect_left(starts, line + 1) - 1
        return k >= 0 and inside[k]
    return named


def _quote_run(units: list[Unit], i: int, claimed: set[int], *,
               stop_at_names: bool = False) -> list[int]:
    """The quoted blocks directly above unit i (skipping name-only attribution lines).
    Dialogue turns are not part of it: an attribution names the source of a quotation.

    `stop_at_names`: stop at a name-only attribution line instead, for a name-only attribution:
    the quotes above that line already have its name, and walking past it would read a long
    chain of `> quote` / `— Name` pairs once per pair."""
    run: list[int] = []
    j = i - 1
    while j >= 0 and j not in claimed:
        unit = units[j]
        if unit.kind == "quote" and not unit.refs and not unit.turn:
            run.append(j)
        elif stop_at_names or not (unit.attribution and unit.attribution.ref is None
                                   and not unit.attribution.other_source
                                   and not unit.attribution.own_quote):
            break
        j -= 1
    return run[::-1]


def _own_excerpts(doc: Document, unit: Unit, found: dict[int, list[Excerpt]],
                  paraphrases: dict[int, list[Excerpt]], *, verbatim: bool = False) -> None:
    """Excerpts inside the block that holds the clip(s)."""
    if unit.topic:
        found[id(unit.refs[0])].append(Excerpt(doc.path, unit.start, unit.topic, None, "topic"))
        return
    if unit.kind == "quote" and not unit.container:
        if not unit.leading_ref and text_units(unit.text.replace(MARK, " ")) >= MIN_QUOTE_UNITS \
                and not _video_title(unit):
            found[id(unit.refs[-1])].append(_excerpt(doc, unit))
        return
    if unit.kind not in ("prose",) and not unit.container:
        return
    lines = _QuoteLines(doc, unit)
    quoted = someones_words(unit.text)
    for start, _, inner in quoted:
        owner = _owner(unit, unit.text, start)
        found[id(owner)].append(_quotation(doc, inner, lines))
    if unit.container:
        return
    if not quoted and told_at(unit):
        # `At [12:40](…), he explains why generic metrics fail.`: the sentence says what is said
        # there; like the paragraphs after a clip, it is checked when the clip has no quote
        told = _excerpt(doc, unit, role="paraphrase")
        paraphrases[id(unit.refs[0])].append(replace(told, text=without_time(unit.text)))
        return
    timed_entries(doc, unit, found, verbatim=verbatim)


_WEB_LINK = re.compile(r"\]\(\s*<?https?://|<https?://|(?<![(<])\bhttps?://")
_PAGE_LINK = re.compile(r"(?<!!)\[[^\]\n]*\]\(\s*<?https?://[^)\s]*>?\s*\)")


def _introduces_other_source(doc: Document, unit: Unit) -> bool:
    """Another page's words follow (a video's would make the unit a clip): the author's sentence
    that introduces them (`… added from the [XOXO Code of Conduct](https://…):`), or a list item
    that only links the page they come from (`* [Homebrew Website Club](https://indieweb.org/…)`)."""
    if unit.kind not in ("prose", "neutral") or unit.refs:
        return False
    source = doc.content[slice(*doc.line_span(unit.start, unit.end))]
    if not _PAGE_LINK.search(source):
        return False
    return clean(unit.text).endswith((":", "：")) or not re.sub(r"[\s>*+\-]|\d+\.", "", _PAGE_LINK.sub("", source))


def _video_title(unit: Unit) -> bool:
    """`Sam Altman: The Future of OpenAI` with the video's bare URL on the next line: the video's
    title (YouTube titles often read `Guest: Topic`), not a quote of the guest."""
    ref = unit.refs[-1]
    text = unit.text.replace(MARK, " ").strip()
    return (unit.turn and ref.clip.line > unit.start and ref.clip.raw.startswith(("http", "www."))
            and text_units(text) <= 20 and not re.search(r"[.!?。！？…\"”」』]$", text))


def _owner(unit: Unit, text: str, position: int) -> Ref:
    """The clip a quotation at `position` belongs to: the first clip after its start."""
    marks = _mark_offsets(text)
    index = bisect_left(marks, position)
    index = index if index < len(marks) else len(marks) - 1
    return unit.refs[min(index, len(unit.refs) - 1)]


@lru_cache(maxsize=4)
def _mark_offsets(text: str) -> tuple[int, ...]:
    """Where the clips sit in a unit's text, read once per unit, not once per quotation."""
    return tuple(m.start() for m in re.finditer(MARK, text))


def _is_source_line(unit: Unit) -> bool:
    text = unit.text.replace(MARK, " ")
    return len(text) <= 200 and bool(_SOURCE_WORDS.search(text))


def _excerpt(doc: Document, unit: Unit, *, speaker: str | None = None,
             role: str | None = None) -> Excerpt:
    text, label = clean(unit.text), unit.label
    note = None if (speaker or unit.speaker or label) else author_note(text)
    if note:  # the author's own note: kept as a passage (it may render the talk), marked as theirs
        label, text = note
    return Excerpt(doc.path, unit.start, text, speaker or unit.speaker,
                   role or unit.role, end_line=unit.end if unit.end > unit.start else None,
                   label=label, author_note=bool(note))


def _quotation(doc: Document, inner: str, lines: "_QuoteLines") -> Excerpt:
    text = clean(inner)
    return Excerpt(doc.path, lines.line_of(text), text, None, "quote")


class _QuoteLines:
    """The file line of each quotation of a unit, asked in reading order: the line holding the
    quotation's first words, looked for from the line of the quotation before it (so a block
    with thousands of quotations is read once, not once per quotation); the unit's first line
    when its words are not found as written."""

    def __init__(self, doc: Document, unit: Unit):
        self.first = unit.start
        start, end = doc.line_span(unit.start, unit.end) if unit.end > unit.start else (0, 0)
        self.text = doc.text[start:end]
        self.breaks = [m.start() for m in re.finditer("\n", self.text)]
        self.cursor = 0  # offset of the start of the line of the last quotation found
        self.missing: dict[str, int] = {}  # probe -> cursor from which it is not in the text

    def line_of(self, quote: str) -> int:
        for width in (12, 6, 3):
            probe = quote[:width]
            if not probe or "\n" in probe or self.missing.get(probe, len(self.text) + 1) <= self.cursor:
                continue
            at = self.text.find(probe, self.cursor)
            if at < 0:
                self.missing[probe] = self.cursor
                continue
            index = bisect_left(self.breaks, at)  # the line holding `at`, 0-based in the unit
            self.cursor = self.breaks[index - 1] + 1 if index else 0
            return self.first + index
        return self.first
