"""Every way an article points at a YouTube video (EMBEDS.md §2–§4, §6) → `Clip`s.

The finder runs over the *masked* text of a `Document` (code, comments and other non-content
already blanked), in three passes so that nothing is counted twice:

1. containers — template tags, shortcodes and components (`embed_tags.py`);
2. links — Markdown `[text](url)`, reference-style `[text][1]` (the clip is where the link is
   used), and `<a href>`; a link's text may be a visible timestamp label;
3. bare URLs anywhere else (they end at the first non-URL character, CJK punctuation included).

Then the front matter's video fields, `--video`, and the timestamp labels of `labels.py`.
A reference that clearly means a video but names no valid id (`youtu.be/url`, `id="XYZ"`,
`id=page.youtubeId` with no such key) becomes a `Problem`, never a guess.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from typing import Any

from .document import Document
from .inline import ANNOTATION, URL_CHARS
from ..model import BAD_REFERENCE, Clip, ClipKind, Problem
from .urls import VideoRef, clean_url, parse_id_argument, parse_youtube_url


@dataclass(frozen=True)
class Ref:
    """A clip plus where its raw text sits in the file (for attaching excerpts)."""

    clip: Clip
    offset: int  # offset of `raw` in the text; -1 for the command line
    end: int
    thumbnail: bool = False  # an img.youtube.com picture: dropped when the video is linked too
    page: bool = False  # the page's own video (front matter or --video)
    keep_text: bool = False  # a link whose text is words, not a timestamp: part of the sentence


@dataclass
class _Found:
    offset: int
    end: int
    kind: ClipKind
    ref: VideoRef
    label: str | None = None
    label_seconds: float | None = None
    thumbnail: bool = False


class Finder:
    """Collects references and problems for one document."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.found: list[_Found] = []
        self.problems: list[Problem] = []
        self.used_front_matter_keys: set[str] = set()
        # the text already taken by a reference, as disjoint sorted spans (merged when they touch
        # or overlap), so asking about a span costs a bisection, not a pass over every link
        self._taken_starts: list[int] = []
        self._taken_ends: list[int] = []

    # -- bookkeeping --

    def is_consumed(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps text already taken by a reference."""
        index = bisect_right(self._taken_starts, start) - 1
        if index >= 0 and self._taken_ends[index] > start:
            return True
        return index + 1 < len(self._taken_starts) and self._taken_starts[index + 1] < end

    def consume(self, start: int, end: int) -> None:
        """Mark [start, end) as taken, so later passes do not read it again."""
        if end <= start:
            return
        starts, ends = self._taken_starts, self._taken_ends
        first = bisect_left(ends, start)  # the first span that ends at or after `start`
        last = bisect_right(starts, end)  # spans from here on start after `end`
        if first < last:
            start, end = min(start, starts[first]), max(end, ends[last - 1])
        starts[first:last], ends[first:last] = [start], [end]

    def add(self, start: int, end: int, kind: ClipKind, ref: VideoRef | None, *,
            label: str | None = None, label_seconds: float | None = None,
            thumbnail: bool = False) -> None:
        self.consume(start, end)
        if ref is None:
            return
        if ref.video_id is None:
            self.problem(start, ref.error or "not a valid YouTube video reference",
                         self.doc.text[start:end])
            return
        self.found.append(_Found(start, end, kind, ref, label, label_seconds, thumbnail))

    def problem(self, offset: int, message: str, raw: str | None = None) -> None:
        line = self.doc.line_of(offset) if offset >= 0 else None
        self.problems.append(Problem(self.doc.path, line, message, raw=raw, kind=BAD_REFERENCE))


# --- ids and URLs written as arguments ---------------------------------------------------------


def resolve_reference(value: str, *, strict: bool) -> VideoRef | None:
    """An id or URL argument → VideoRef; None when it is not YouTube and `strict` is off."""
    value = value.strip()
    if value.startswith("{") and value.endswith("}"):
        literal = re.fullmatch(r"\{\s*([\"'`])(.*)\1\s*\}", value)
        if not literal:
            return VideoRef(None, error=f"the video id is a JavaScript expression ({value}); "
                                        "clipnote can only read a literal id")
        value = literal.group(2)
    if "://" in value or value.startswith(("www.", "youtu", "m.youtube")):
        ref = parse_youtube_url(value)
        if ref is None and strict:
            return VideoRef(None, error=f"not a YouTube video URL: {value!r}")
        return ref
    ref = parse_id_argument(value)
    if ref.video_id is None and not strict:
        return None
    return ref


def scalar(value: Any) -> str:
    return value if isinstance(value, str) else str(value)


# --- pass 2: links ------------------------------------------------------------------------------

_MD_LINK = re.compile(
    r"(!?)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*<?([^\s()<>]*(?:\([^\s()<>]*\)[^\s()<>]*)*)>?"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)")
_ANCHOR = re.compile(
    r"<a\b[^<>]*?\bhref\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))[^<>]*>(.{0,500}?)</a\s*>",
    re.S | re.I)


def find_links(f: Finder, link_label) -> None:
    text = f.doc.masked
    if "\u25b6" in text:  # clipnote's own ▶ deep links: set aside, they reference nothing new
        for m in ANNOTATION.finditer(text):
            f.add(m.start(), m.end(), "link", None)
    if "](" in text:
        for m in _MD_LINK.finditer(text):
            if f.is_consumed(*m.span()):
                continue
            target = clean_url(m.group(3))
            ref = parse_youtube_url(target) if _looks_youtube(target) else None
            if ref is None:
                continue
            thumbnail = bool(m.group(1)) or _is_thumbnail(target)
            label = link_label(m.group(2))
            f.add(m.start(), m.end(), "link", ref, label=label and label[0],
                  label_seconds=label and label[1], thumbnail=thumbnail)
    if "<a" in text or "<A" in text:
        for m in _ANCHOR.finditer(text):
            if f.is_consumed(*m.span()):
                continue
            target = clean_url(next(g for g in m.groups()[:3] if g is not None))
            ref = parse_youtube_url(target) if _looks_youtube(target) else None
            if ref is None:
                continue
            label = link_label(re.sub(r"<[^<>]*>", "", m.group(4)))
            f.add(m.start(), m.end(), "link", ref, label=label and label[0],
                  label_seconds=label and label[1])


_REF_DEFINITION = re.compile(r"^[ \t]{0,3}\[([^\]\[^][^\]\[]{0,998})\]:[ \t]*<?([^\s<>]+)>?[^\n]*$", re.M)
_REF_USE = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\[\]]*\])+)\](?:\[([^\[\]]*)\])?(?![(:])")


def find_reference_links(f: Finder, link_label) -> None:
    """`[the talk][1]` … `[1]: https://youtu.be/…`: the clip is where the link is used."""
    text = f.doc.masked
    definitions: dict[str, str] = {}
    for m in _REF_DEFINITION.finditer(text):
        target = clean_url(m.group(2))
        if _looks_youtube(target) and not f.is_consumed(*m.span()):
            definitions.setdefault(_ref_key(m.group(1)), target)
            f.consume(*m.span())  # a definition is not shown; its uses are the links
    if not definitions:
        return
    for m in _REF_USE.finditer(text):
        key = _ref_key(m.group(3) or m.group(2))
        if key not in definitions or f.is_consumed(*m.span()):
            continue
        label = link_label(m.group(2))
        f.add(m.start(), m.end(), "link", parse_youtube_url(definitions[key]),
              label=label and label[0], label_seconds=label and label[1],
              thumbnail=bool(m.group(1)))


def _ref_key(label: str) -> str:
    return " ".join(label.split()).casefold()


def _looks_youtube(url: str) -> bool:
    return "youtu" in url.lower() or "ytimg" in url.lower()


def _is_thumbnail(url: str) -> bool:
    return bool(re.search(r"(?:img\.youtube\.com|ytimg\.com)/", url, re.I))


# --- pass 3: bare URLs --------------------------------------------------------------------------

_BARE = re.compile(
    r"(?<![A-Za-z0-9_.@/-])(?:https?:)?(?://)?(?:[A-Za-z0-9-]+\.)*"
    rf"(?:youtube(?:-nocookie)?\.com|youtu\.be|ytimg\.com)(?=[/?#])[{URL_CHARS}]*", re.I)
_TRAILING = re.compile(r"(?:[.,:;!?'*_]|&(?:gt|lt|quot|apos|nbsp);?)+$")


_HOST_HINT = re.compile(r"youtu|ytimg", re.I)
_NOT_BEFORE_URL = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.@/-")
_URL_CHAR = re.compile(rf"[{URL_CHARS}]")


def _bare_matches(text: str):
    """`_BARE` matches, tried only where a YouTube host name occurs (scanning every offset of a
    long post with the full pattern is the slow part of finding clips)."""
    position = 0
    for hint in _HOST_HINT.finditer(text):
        if hint.start() < position:
            continue
        start = hint.start()
        while start > 0 and start > hint.start() - 40 and _URL_CHAR.match(text[start - 1]):
            start -= 1
        for at in range(start, hint.start() + 1):
            if at and text[at - 1] in _NOT_BEFORE_URL:  # where `_BARE`'s lookbehind fails
                continue
            m = _BARE.match(text, at)
            if m:
                position = m.end()
                yield m
                break


def find_bare_urls(f: Finder) -> None:
    text = f.doc.masked
    for m in _bare_matches(text):
        if f.is_consumed(*m.span()):
            continue
        for start, url in _split_glued(m.start(), m.group(0)):
            url = _trim_url(url)
            ref = parse_youtube_url(url)
            if ref is None:
                continue
            f.add(start, start + len(url), "link", ref, thumbnail=_is_thumbnail(url))


def _split_glued(start: int, url: str) -> list[tuple[int, str]]:
    """`https://youtu.be/A?si=xhttps://youtu.be/B` (no separator) → two URLs."""
    cuts = [0] + [m.start() for m in re.finditer(r"(?<=.)https?://", url)]
    return [(start + a, url[a:b]) for a, b in zip(cuts, cuts[1:] + [len(url)])]


def _trim_url(url: str) -> str:
    while True:
        trimmed = _TRAILING.sub("", url)
        excess = trimmed.count(")") - trimmed.count("(")
        if excess > 0 and trimmed.endswith(")"):  # unbalanced `)` at the end close the sentence
            trimmed = trimmed[:max(len(trimmed.rstrip(")")), len(trimmed) - excess)]
        if trimmed == url:
            return url
        url = trimmed


# --- front matter and the command line ----------------------------------------------------------

_FM_ID_KEYS = ("youtubeid", "youtube_id", "youtube-id", "videoid", "video_id", "youtube")
_FM_URL_KEYS = ("video", "source", "url", "via", "video_url", "youtube_url", "videourl")
# the words that name a page's video: in a front-matter key (`source_url`, `original_link`, `视频链接`;
# only YouTube URLs are taken from such a field, so `related_posts` costs nothing) or on the header
# line that links it (`uri: https://youtu.be/…`, `- [video](…)`)
VIDEO_WORDS = re.compile(r"\b(?:video|youtube|source|origin(?:al)?|link|url|uri|watch)s?\b|"
                         r"视频|視頻|動画|影片|영상|원본|来源|來源|出典|出处", re.I)


def find_front_matter_videos(f: Finder) -> list[Ref]:
    refs: list[Ref] = []
    front = f.doc.front_matter
    for key, value in front.data.items():
        lowered = str(key).lower()
        if str(key) in f.used_front_matter_keys or not (lowered in _FM_ID_KEYS + _FM_URL_KEYS
                                                         or VIDEO_WORDS.search(re.sub(r"[_.-]", " ", lowered))):
            continue
        offset = _front_matter_line_offset(f.doc, str(key))
        line = f.doc.line_of(offset)
        raw = f.doc.text.split("\n")[line - 1].strip()
        values = value if isinstance(value, list) else [value]
        for item in values:
            if not isinstance(item, (str, int)) or isinstance(item, bool):
                continue
            item = scalar(item).strip()
            candidates: list[VideoRef | None]
            if lowered in _FM_ID_KEYS:
                candidates = [resolve_reference(item, strict=True)]
            else:
                candidates = [parse_youtube_url(_trim_url(u.group(0)))
                              for u in _BARE.finditer(item)]
                if lowered == "video" and not candidates and re.fullmatch(r"[\w-]{11}", item):
                    candidates = [parse_id_argument(item)]
            for ref in candidates:
                if ref is None:
                    continue
                if ref.video_id is None:
                    f.problem(offset, f"front matter {key}: {ref.error}", raw)
                    continue
                clip = Clip(ref.video_id, ref.start, ref.end, f.doc.path, line, raw,
                            kind="front-matter", column=0)
                refs.append(Ref(clip, offset, offset + len(raw)))
    return refs


def _front_matter_line_offset(doc: Document, key: str) -> int:
    front = doc.front_matter
    last = front.last_line or front.first_line
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*[:=]")
    for line in range(front.first_line, last + 1):
        start, end = doc.line_span(line, line)
        if pattern.match(doc.text[start:end]):
            return start
    return doc.line_starts[front.first_line - 1] if front.first_line else 0


def command_line_ref(doc: Document, video: str) -> tuple[Ref | None, Problem | None]:
    ref = resolve_reference(video, strict=True)
    if ref is None or ref.video_id is None:
        reason = ref.error if ref else "not a YouTube video"
        return None, Problem(doc.path, None, f"--video {video}: {reason}", raw=video,
                             kind=BAD_REFERENCE)
    clip = Clip(ref.video_id, ref.start, ref.end, doc.path, 0, f"--video {video}",
                kind="front-matter")
    return Ref(clip, -1, -1, page=True), None


def found_to_refs(f: Finder, draft: bool) -> list[Ref]:
    """Turn raw findings into Refs: thumbnails of a linked video dropped, duplicates merged."""
    doc = f.doc
    refs: list[Ref] = []
    seen: dict[tuple, int] = {}
    linked = {(doc.line_of(x.offset), x.ref.video_id) for x in f.found if not x.thumbnail}
    for x in sorted(f.found, key=lambda x: x.offset):
        line = doc.line_of(x.offset)
        if x.thumbnail and (line, x.ref.video_id) in linked:
            continue
        key = (line, x.ref.video_id, x.ref.start, x.ref.end)
        if key in seen:  # the same link twice on a line, e.g. "[title](url) ([47m53s](url))"
            index = seen[key]
            if refs[index].clip.label is None and x.label is not None:
                refs[index] = replace(refs[index], clip=replace(
                    refs[index].clip, label=x.label, label_seconds=x.label_seconds))
            continue
        seen[key] = len(refs)
        clip = Clip(x.ref.video_id, x.ref.start, x.ref.end, doc.path, line,
                    doc.text[x.offset:x.end], kind=x.kind, label=x.label,
                    label_seconds=x.label_seconds, draft=draft, column=doc.column_of(x.offset))
        keep_text = x.kind == "link" and x.label is None
        refs.append(Ref(clip, x.offset, x.end, thumbnail=x.thumbnail, keep_text=keep_text))
    return refs
