"""Timestamps a reader sees: labels next to links, bare labels, and times in prose.

- `link_label("True Detective S01E07 @ 28m42s")` → `("28m42s", 1722.0)`: the visible time of a
  link, kept beside the link's own `t=` so a check can flag the two disagreeing (EMBEDS §4.23).
- `find_label_clips(...)`: timestamps written without a link — `[1:33:23]`, `[0:21–1:17]`,
  `<a data-t="01:33:23">`, headings that start with a time, `Elon Musk 0:43` speaker headers of
  a translated talk — are clips of kind `label` of the
  page's own video (the front-matter or `--video` video, else the page's single linked video).
  When the page has no such video they are reported once, never guessed.
- `prose_time(...)`: `4분 46초부터 5분 30초 까지`, `06:24에서 06:50 까지`, `13分あたりから`,
  `at timestamp 1:58:33` in the paragraph beside an embed or link → its `prose_time` (start, and
  the end of the range when it names one), kept apart from the link's own label.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import chain
from dataclasses import replace

from .document import Document
from .clips import Finder, Ref
from .turns import CLOCK, read_label, speaker_name
from .inline import COMMENT_SHORTCODE, plain_text
from ..model import Clip, ProseTime
from ..timecode import try_parse_time
from .urls import parse_youtube_url

LETTERS = r"\d+h(?:\d+m)?(?:\d+s)?|\d+m\d+s|\d+m(?![a-z])|\d+s"
_ANY_TIME = f"(?:{CLOCK}|{LETTERS})"

# --- labels next to links -----------------------------------------------------------------------

_WHOLE_LABEL = re.compile(rf"^\s*(?:(?:timestamp|time|at|@|⏱️?|▶️?)\s*:?\s*)?\(?({_ANY_TIME})\)?\s*$", re.I)
_MARKED_LABEL = re.compile(rf"(?:@|\bat\b|\btimestamp\b:?|\btime\b:)\s*({_ANY_TIME})(?![\w:])", re.I)


def link_label(link_text: str) -> tuple[str, float] | None:
    """The timestamp a link's text shows, if any: `7:55`, `29m06s`, `Timestamp: 00:01:08`."""
    text = plain_text(link_text)
    m = _WHOLE_LABEL.match(text) or _MARKED_LABEL.search(text)
    if not m:
        return None
    seconds = try_parse_time(m.group(1))
    return (m.group(1), seconds) if seconds is not None else None


# --- bare labels --------------------------------------------------------------------------------

_DASHES = "–—\\-~〜"
# a start time and, after a dash, the end of its range: `27:44–28:23`
_CLOCK_RANGE = rf"({CLOCK})(?:[ \t]*[{_DASHES}][ \t]*({CLOCK}))?"
_FROM = r"(?:부터|에서|から|より|あたりから|辺りから|頃から|ごろから|开始|起)"
_UNTIL = r"(?:까지|まで|为止|為止)"
_BRACKET = re.compile(rf"\[\s*({CLOCK})\s*(?:[{_DASHES}]\s*({CLOCK})\s*)?\](?!\()")
_DATA_T = re.compile(
    r"<([A-Za-z][\w-]*)\b[^<>]*?\bdata-t\s*=\s*(?:\"([^\"]*)\"|'([^']*)')[^<>]*>(?:.{0,200}?</\1\s*>)?",
    re.S)
# `Chris Anderson 0:00` on a line of its own above the translated words (EMBEDS §5)
_SPEAKER_TIME = re.compile(rf"^(?:\*\*)?([^\n:：*\[\]]{{1,40}}?)(?:\*\*)?[ \t]+({CLOCK})[ \t]*$")
_TURN_TIME = re.compile(rf"(?m)^[ \t]*(?:[-*+][ \t]+)?[^\n:：()（）\[\]]{{1,60}}?[ \t]*([(（][ \t]*({CLOCK})[ \t]*[)）])"
                        rf"[ \t]*(?:\*\*|__)?[ \t]*[:：]")
_HEADING_TIME = re.compile(rf"^[\[(]?({CLOCK})[\])]?(?:\s*[{_DASHES}]\s*({CLOCK}))?(?:\s*[-–—:|.)]\s*|\s+|$)")
# `## Title (12:03)`, `## Title - 01:02:03`: a chapter's time after its title, in brackets or with
# hours (`## Meeting at 2:30` is a time of day)
_HOURS = r"\d{1,2}:\d{2}:\d{2}"
_HEADING_TIME_LAST = re.compile(
    rf"(?<=\S)\s*(?:[(（\[]\s*({CLOCK})(?:\s*[{_DASHES}]\s*({CLOCK}))?\s*[)）\]]"
    rf"|(?:[-–—|·:⏱]\s*)?({_HOURS})(?:\s*[{_DASHES}]\s*({_HOURS}))?)\s*$")


def find_label_clips(f: Finder, refs: list[Ref], page_video: str | None,
                     draft: bool) -> list[Ref]:
    """Clips of kind `label` for timestamps written without a link."""
    doc = f.doc
    found: list[tuple[int, int, str, float, float | None]] = []  # offset, end, label, start, end
    text = doc.masked
    if "data-t" in text:
        for m in _DATA_T.finditer(text):
            if f.is_consumed(*m.span()):
                continue
            f.consume(*m.span())
            value = (m.group(2) if m.group(2) is not None else m.group(3)).strip()
            _data_t(f, m, value, found, draft)
    if "[" in text:
        for m in _BRACKET.finditer(text):
            if f.is_consumed(*m.span()) or _is_reference_link(text, m.end()):
                continue
            start, end = try_parse_time(m.group(1)), try_parse_time(m.group(2) or "")
            if start is not None:  # the label as written: `27:44–28:23` for a range
                found.append((m.start(), m.end(), m.group(0)[1:-1].strip(), start, end))
    taken = sorted((a, b) for a, b, *_ in found)  # `## [1:02:03]` is a bracket label already
    taken_starts = [a for a, _ in taken]
    for block in doc.blocks:
        if block.kind != "heading":
            continue
        offset, _ = doc.line_span(block.start, block.start)
        line = doc.masked[offset:doc.line_span(block.start, block.start)[1]]
        heading = re.match(r"\s*#{1,6}\s+", line) if not block.setext else re.match(r"\s*", line)
        if not heading:
            continue
        m = _HEADING_TIME.match(line[heading.end():]) or _HEADING_TIME_LAST.search(line[heading.end():])
        at = offset + heading.end()
        group = 1 if m and m.group(1) else 3
        k = bisect_right(taken_starts, at + m.start(group)) - 1 if m else -1
        if m and not f.is_consumed(at + m.start(group), at + m.end(group)) and not (
                k >= 0 and at + m.start(group) < taken[k][1]):
            start = try_parse_time(m.group(group))
            if start is not None:
                found.append((at + m.start(group), at + m.end(group), m.group(group), start,
                              try_parse_time(m.group(group + 1) or "")))
    if ("(" in text or "（" in text) and (page_video or refs):  # `Agenda (9:00):` on a page with no video
        found.extend(_turn_times(doc, f))
    if page_video or len({r.clip.video_id for r in refs if r.clip.kind in ("embed", "link")}) == 1:
        found.extend(_line_times(doc, f))  # on a page of no one video, `9:30 Coffee` is a time of day
    for block in doc.blocks:
        if block.kind != "paragraph":
            continue
        offset, end = doc.line_span(block.start, block.start)
        line = doc.masked[offset:end]
        m = _SPEAKER_TIME.match(line.strip())
        if m and speaker_name(m.group(1), doc.masked[offset:doc.line_span(block.start, block.end)[1]]):
            at = offset + len(line) - len(line.lstrip()) + m.start(2)
            start = try_parse_time(m.group(2))
            if start is not None and not f.is_consumed(at, at + len(m.group(2))):
                found.append((at, at + len(m.group(2)), m.group(2), start, None))
    if not found:
        return []
    if page_video is None:
        videos = sorted({r.clip.video_id for r in refs if r.clip.kind in ("embed", "link")})
        if len(videos) == 1:
            page_video = videos[0]
        else:
            why = ("the page names no video (give one with --video)" if not videos else
                   f"the page links {len(videos)} videos ({', '.join(videos[:4])}), so which one "
                   "is meant is unclear (give it with --video)")
            first = min(found)
            f.problem(first[0], f"{len(found)} timestamp label(s) without a link, but {why}",
                      doc.text[first[0]:first[1]])
            return []
    out = []
    for offset, end, label, start, stop in found:
        clip = Clip(page_video, start, stop if stop and stop > start else None, doc.path,
                    doc.line_of(offset), doc.text[offset:end], kind="label", label=label,
                    label_seconds=start, draft=draft, column=doc.column_of(offset))
        out.append(Ref(clip, offset, end))
    return out


def _turn_times(doc: Document, f: Finder) -> list[tuple[int, int, str, float, None]]:
    """`**Anna** (00:01:04): …`, `Speaker 1 (00:01:08): …`: the time a transcript writes with a
    speaker label, at the start of any line of a paragraph (turns are often pasted without
    blank lines). `[00:01:04]` is found as a bracket label already."""
    out = []
    for m in _in_paragraphs(doc, _TURN_TIME):
        at, stop = m.span(1)
        seconds = try_parse_time(m.group(2))
        if seconds is None or f.is_consumed(at, stop) or read_label(m.group(0) + " …") is None:
            continue
        out.append((at, stop, m.group(2), seconds, None))
    return out


def _in_paragraphs(doc: Document, pattern: re.Pattern):
    """The matches of a line pattern in the document's paragraphs (not code, headings or HTML)."""
    for block in doc.blocks:
        if block.kind == "paragraph":
            yield from pattern.finditer(doc.masked, *doc.line_span(block.start, block.end))


# `- 12:34 Title`, `**00:01:20** — …`, `(12:34) …`, `⏱️ 15:10 - …`: a time that opens a line of
# notes, then its words (not `9:30 AM`, a time of day)
_LINE_TIME = re.compile(
    rf"(?m)^[ \t>|]*(?:(?:[-*+]|\d{{1,3}}[.)])[ \t]+)?(?P<whole>(?:[⏱▶⌚🕐-🕧]\ufe0f?[ \t]*)?(?:\*\*|__)?"
    rf"(?:[(（][ \t]*)?{_CLOCK_RANGE}(?:[ \t]*[)）])?(?:\*\*|__)?)"
    rf"(?:[ \t]*[-–—:：|][ \t]*|[ \t]+)(?=[^\s\d])(?![ap]\.?m\b)"
    # `1:04 부터 보면 …`, `13:00から`: a time in a sentence (prose_time reads those)
    rf"(?!{_FROM}|{_UNTIL}|쯤|경에|あたり|辺り|頃|ごろ|到)", re.I)


# `- Chapter 2: The Science of Productivity 20:56`, `- Intro (0:00)`: a list entry that ends with its
# time (a chapter list the other way round)
# (searched in the line's last characters only: a pattern that also walked the words before the time
# would backtrack over every split of a long line)
_ENTRY_TIME_LAST = re.compile(
    rf"[ \t]+(?:[-–—|·:][ \t]*)?"
    rf"(?P<whole>[(（]?[ \t]*{_CLOCK_RANGE}[ \t]*[)）]?)[ \t]*$")
_LETTER = re.compile(r"[^\W\d_]")


def _entry_times(doc: Document):
    """The time that ends a list entry's first line, after some words (`- Scaling Laws 34:24`)."""
    for block in doc.blocks:
        if block.kind != "paragraph" or not block.list_depth:
            continue
        start, end = doc.line_span(block.start, block.start)
        m = _ENTRY_TIME_LAST.search(doc.masked, max(start, end - 48), end)
        if m and _LETTER.search(doc.masked, start, m.start()):
            yield m


def _line_times(doc: Document, f: Finder) -> list[tuple[int, int, str, float, float | None]]:
    out = []
    for m in chain(_in_paragraphs(doc, _LINE_TIME), _entry_times(doc)):
        at, stop = m.span("whole")  # the brackets, bold and clock face go with the time
        seconds = try_parse_time(m.group(2))
        if seconds is None or f.is_consumed(at, stop):
            continue
        f.consume(at, stop)
        out.append((at, stop, doc.masked[m.start(2):m.end(3) if m.group(3) else m.end(2)], seconds,
                    try_parse_time(m.group(3) or "")))
    return out


def _data_t(f: Finder, m: re.Match, value: str, found: list, draft: bool) -> None:
    if "://" in value or "youtu" in value:
        ref = parse_youtube_url(value)
        if ref is None or ref.video_id is None:
            f.problem(m.start(), f"data-t={value!r}: {ref.error if ref else 'not a YouTube URL'}",
                      m.group(0))
        elif ref.start is not None:
            found.append((m.start(), m.end(), value, ref.start, ref.end))
        return
    if re.fullmatch(r"\d+", value):
        f.problem(m.start(), f"data-t={value!r} is ambiguous: {value} seconds, or "
                  f"{value[:-2] or '0'}:{value[-2:]} with the colon dropped?", m.group(0))
        return
    seconds = try_parse_time(value) if re.fullmatch(r"[\d:.]+", value) else None
    if seconds is None:
        f.problem(m.start(), f"data-t={value!r} is not a time (use h:mm:ss)", m.group(0))
        return
    found.append((m.start(), m.end(), value, seconds, None))


def _is_reference_link(text: str, end: int) -> bool:
    """`[1:33][ref]` is a reference link, unless the second bracket is another time label."""
    if end >= len(text) or text[end] != "[":
        return False
    return not _BRACKET.match(text, end)


# --- times in prose -----------------------------------------------------------------------------

_CJK_TIME = (r"(?:\d+\s*(?:시간|時間|小时|小時)\s*)?\d+\s*(?:분|分)(?:\s*\d+\s*(?:초|秒))?"
             r"|\d+\s*(?:초|秒)")
_PROSE_TIME = f"(?:{CLOCK}|{_CJK_TIME})"
_PROSE_CJK = re.compile(rf"({_PROSE_TIME})\s*{_FROM}(?:\s*({_PROSE_TIME})\s*{_UNTIL})?")
_PROSE_EN = re.compile(
    rf"\b(?:at|from|starting at|starts at|start at|around)\s+(?:the\s+)?"
    rf"(?:timestamp|minute|mark|time)?\s*({CLOCK}|{LETTERS})(?:\s*(?:to|until|-|–)\s*({CLOCK}))?\b",
    re.I)


def cjk_seconds(text: str) -> float | None:
    """`4분 46초` → 286, `1時間2分` → 3720, `06:24` → 384."""
    clock = try_parse_time(text)
    if clock is not None and ":" in text:
        return clock
    parts = re.fullmatch(r"(?:(\d+)\s*(?:시간|時間|小时|小時)\s*)?(?:(\d+)\s*(?:분|分))?\s*"
                         r"(?:(\d+)\s*(?:초|秒))?", text.strip())
    if not parts or not any(parts.groups()):
        return None
    h, m, s = (int(g or 0) for g in parts.groups())
    return float(h * 3600 + m * 60 + s)


def prose_time(text: str) -> tuple[str, float, float | None] | None:
    """The first start time a sentence gives, with the end of its range if it names one."""
    candidates = []
    for pattern in (_PROSE_CJK, _PROSE_EN):
        m = pattern.search(text)
        if m:
            candidates.append(m)
    for m in sorted(candidates, key=lambda m: m.start()):
        start = cjk_seconds(m.group(1)) if not re.search("[hms]$", m.group(1)) else try_parse_time(m.group(1))
        if start is None:
            continue
        end = cjk_seconds(m.group(2)) if m.group(2) else None
        return m.group(1).strip(), start, end if end and end > start else None
    return None


def apply_prose_times(doc: Document, refs: list[Ref]) -> list[Ref]:
    """Give an embed or link the time its own or a neighbouring paragraph states in words
    (EMBEDS §2 row 34), so a check can compare it with the clip's start and use its end.

    Every clip of a paragraph gets the same time, so each paragraph is read once, however many
    links it holds (a chapter list may have thousands)."""
    blocks = [b for b in doc.blocks if b.kind in ("paragraph", "html")]
    block_at: dict[int, int] = {}  # file line -> index of the first block holding it
    for index, block in enumerate(blocks):
        for line in range(block.start, block.end + 1):
            block_at.setdefault(line, index)
    ref_lines = sorted({r.clip.line for r in refs})
    by_offset = sorted((r for r in refs if r.offset >= 0), key=lambda r: r.offset)
    offsets = [r.offset for r in by_offset]
    times: dict[int, tuple[str, float, float | None] | None] = {}
    out = []
    for ref in refs:
        clip = ref.clip
        index = block_at.get(clip.line)
        if clip.kind not in ("embed", "link") or ref.offset < 0 or index is None:
            out.append(ref)
            continue
        if index not in times:
            times[index] = _paragraph_time(doc, blocks, index, by_offset, offsets, ref_lines)
        if times[index]:
            ref = replace(ref, clip=replace(clip, prose_time=ProseTime(*times[index])))
        out.append(ref)
    return out


def _paragraph_time(doc: Document, blocks: list, index: int, by_offset: list[Ref],
                    offsets: list[int], ref_lines: list[int]) -> tuple[str, float, float | None] | None:
    """The first time stated in block `index` (its clips blanked) or, failing that, in the
    paragraph just before or after it when that one holds no clip of its own."""
    block = blocks[index]
    start, end = doc.line_span(block.start, block.end)
    inside = by_offset[bisect_left(offsets, start):bisect_left(offsets, end)]
    texts = [_without_refs(doc.masked[start:end], start, inside)]
    for other in (blocks[i] for i in (index - 1, index + 1) if 0 <= i < len(blocks)):
        first_ref_line = bisect_left(ref_lines, other.start)
        holds_ref = first_ref_line < len(ref_lines) and ref_lines[first_ref_line] <= other.end
        if other.kind != "paragraph" or abs(other.start - block.start) > 6 or holds_ref:
            continue
        raw = doc.block_text(other)
        if not COMMENT_SHORTCODE.match(raw):
            texts.append(raw)
    for text in texts:
        found = prose_time(plain_text(text))
        if found:
            return found
    return None


def _without_refs(text: str, start: int, refs: list[Ref]) -> str:
    """`text` (which starts at file offset `start`) with the clips in it blanked, lines trimmed."""
    pieces, position = [], 0
    for r in refs:  # in file order
        a, b = max(r.offset - start, position), min(r.end - start, len(text))
        if b <= a:
            continue
        pieces += [text[position:a], " " * (b - a)]
        position = b
    pieces.append(text[position:])
    return "\n".join(line.strip() for line in "".join(pieces).split("\n"))
