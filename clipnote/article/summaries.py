"""Summary articles and slide decks: every passage that renders the video (DESIGN §3).

Notes, machine-written summaries and slide decks (Slidev, Marp) quote little and link no time:
each paragraph, bullet and line of a slide retells part of the video, so each is a passage to
place — a `paraphrase`, or a `quote` when it is one quotation (`"…"`, `Simon: "…"`).

`summary_target(...)` says whether an article is one, and which clip its passages belong to:
the page's own video (`--video`, front matter) when the body links none, or the article's only
video, wherever it is linked (a deck may link it in its last line), when no reference in the
article carries a time and the article is a slide deck or calls itself a summary or notes.

`summary_units(doc, units)` turns the HTML blocks of such an article into units, one per line a
reader sees: HTML inside Markdown is split at `<br>` and at block tags (`<div>`, `<p>`, `<li>`,
components), never inside `<span>`/`<strong>`; `<style>` and `<script>` are not text.
What is not a passage: headings and titles, a slide's own front matter (`layout: two-cols`),
layout markers (`::right::`), captions under a quote (`— on animals vs ghosts`), lines that
introduce a list (ending in a colon), notes on the text (`注: …`, `Note: …`), bylines
(`Name · Talk · Event`), the line that links the video, and boilerplate (subscribe, follow,
credits, navigation).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .clips import Ref
from .document import Document
from .excerpts import Unit
from .inline import plain_text, quotations, text_units
from .turns import MARK, read_turn

MIN_UNITS = 4  # shorter lines are titles and labels ("2022 末的尝试"), unless they are a quotation

_INLINE_TAGS = ("span", "strong", "b", "em", "i", "a", "code", "mark", "u", "sup", "sub", "small",
                "kbd", "s", "del", "ins", "abbr", "q", "font", "big", "tt", "cite", "time")
_TAG = re.compile(r"<(/?)([A-Za-z][\w:.-]*)\b(?:[^<>\"']|\"[^\"]*\"|'[^']*')*?(/?)>", re.S)
_RAW_REGION = re.compile(r"<(style|script|template)\b.*?</\1\s*>", re.S | re.I)
_TITLE_CLASS = re.compile(r"\bclass\s*=\s*[\"'][^\"']*\b(?:font-bold|font-semibold|title|label|heading|"
                          r"kicker|chip|badge|eyebrow|caption)\b", re.I)
# a line that is one bold element (`<strong>第一条 — 别逆流</strong><br/>`) is a title
_BOLD_ONLY = re.compile(r"^(?:<(strong|b)\b[^>]*>(?:(?!</?\1\b).)*</\1\s*>|\*\*[^*]+\*\*)[\s:：]*$", re.S | re.I)
_BULLET = re.compile(r"^\s*(?:[•·▪◦‣●○■□➤➢►▸→\-*+]|\d+[.)])\s+")
_DASH_CAPTION = re.compile(r"^\s*(?:—|–|―|-{2,3})\s*")
_SLIDE_FRONT_MATTER = re.compile(r"^(?:[a-z][A-Za-z0-9_-]*:[ \t]*[^\s]*[ \t]*\n?)+$")
_LAYOUT_MARKER = re.compile(r"^\s*::[\w-]+::\s*$")
_BOILERPLATE = re.compile(
    r"\b(?:subscribe|subscribers?|follow (?:me|us)|like and share|newsletter|patreon|sponsor(?:ed)?|"
    r"all rights reserved|copyright|credits?|thanks for (?:reading|watching)|next post|previous post|"
    r"table of contents|share this|comments?)\b|©|订阅|关注我|点赞|转发|一键三连|版权|目录|上一篇|下一篇|"
    r"チャンネル登録|高評価|フォロー|目次|前の記事|次の記事|구독|좋아요|알림 설정|목차|이전 글|다음 글", re.I)
_SUMMARY_TITLE = re.compile(
    r"\b(?:summary|summaries|notes|takeaways|key points|highlights|recap|tl;?dr|cliff ?notes|lecture)\b|"
    r"要約|要旨|まとめ|議事録|总结|總結|摘要|笔记|筆記|纪要|紀要|要点|要點|요약|정리|노트|"
    r"講義|讲座|講座|讲义|講義録|강의|강좌|\d+\s*강(?![가-힣])", re.I)
# the author's or translator's note about the text itself (`注: transcript 写 "Sonic" 是…`)
_NOTE = re.compile(r"^\s*(?:注|注意|译注|譯注|编注|編注|附注|备注|備註|訳注|補足|※|참고|주|"
                   r"note|nb|n\.b\.|p\.?s\.?|editor'?s note|translator'?s note)\s*[:：]|^\s*※", re.I)
_SOURCE_LINE = re.compile(
    r"^\s*(?:原片|原视频|原視頻|视频|視頻|来源|來源|出处|出處|元動画|動画|出典|원본|영상|출처|source|video|"
    r"original|watch|link)\s*[:：]", re.I)


def summary_target(doc: Document, refs: list[Ref], page: Ref | None) -> Ref | None:
    """The clip a summary article's passages belong to, or None when the article is not one."""
    body = [r for r in refs if r.clip.kind in ("embed", "link", "label") and not r.thumbnail]
    videos = {r.clip.video_id for r in body} | ({page.clip.video_id} if page else set())
    if len(videos) != 1 or any(r.clip.start is not None for r in body):
        return None
    if not body:
        return page
    if is_deck(doc) or is_summary_title(doc):  # wherever it links it, a deck often last
        return page if page is not None else max(body, key=lambda r: r.offset)
    return None


def is_summary_title(doc: Document) -> bool:
    """Does the article call itself a summary or notes of a talk (its title, or its first
    top-level heading)?"""
    title = doc.front_matter.data.get("title") if isinstance(doc.front_matter.data, dict) else None
    if not isinstance(title, str):
        first = next((b for b in doc.blocks if b.kind == "heading" and b.level == 1), None)
        title = doc.block_text(first) if first is not None else ""
    return bool(_SUMMARY_TITLE.search(title))


def is_deck(doc: Document) -> bool:
    """A slide deck: Slidev or Marp front matter, and slides separated by `---`."""
    fm = doc.front_matter.data if isinstance(doc.front_matter.data, dict) else {}
    if fm.get("marp") is True:
        return True
    slides = sum(1 for b in doc.blocks if b.kind == "hr")
    return bool(set(fm) & {"theme", "layout", "transition", "drawings", "mdc", "highlighter"}) and slides >= 2


def summary_units(doc: Document, units: list[Unit]) -> list[Unit]:
    """The article's units with each HTML block replaced by the lines a reader sees in it."""
    html = {b.start for b in doc.blocks if b.kind == "html"}
    out: list[Unit] = []
    for unit in units:
        if unit.kind == "neutral" and not unit.refs and unit.start in html:
            out.extend(html_lines(doc, unit.start, unit.end))
        else:
            out.append(_credit_said(unit))
    return out


def _credit_said(unit: Unit) -> Unit:
    """`Simon 透露："…"`: the line names who says its quotation."""
    if unit.kind in ("quote", "prose") and not unit.speaker and (said := _said().match(unit.text)):
        unit.speaker = unit.label = said.group("who")
    return unit


def passage(unit: Unit) -> bool:
    """Does this unit of a summary render the video (rather than title it, frame it, or sell
    the channel)?"""
    if unit.kind not in ("quote", "prose") or unit.container or unit.callout or unit.refs:
        return False
    text = unit.text.replace(MARK, " ").strip()
    if unit.kind == "quote" and text_units(text) >= 2:
        return True
    if text_units(text) < MIN_UNITS or text.endswith((":", "：")):
        return False
    if _LAYOUT_MARKER.match(text) or _SLIDE_FRONT_MATTER.match(text) or _DASH_CAPTION.match(text):
        return False
    return not (_BOILERPLATE.search(text) or _SOURCE_LINE.match(text) or _NOTE.match(text)
                or _byline(text))


_BYLINE_SEP = re.compile(r"\s[·•|｜]\s")


def _byline(text: str) -> bool:
    """`Andrej Karpathy · Software Is Changing (Again) · YC AI Startup School`: names and titles
    strung together (a byline, a credit), no sentence."""
    parts = [p for p in _BYLINE_SEP.split(text) if p.strip()]
    return len(parts) >= 2 and all(text_units(p) <= 6 for p in parts) and not re.search(r"[.!?。！？]\s*$", text)


def html_lines(doc: Document, first: int, last: int) -> list[Unit]:
    """One unit per rendered line of an HTML block (lines `first`..`last` of the file)."""
    start, end = doc.line_span(first, last)
    source = _RAW_REGION.sub(lambda m: " " * len(m.group(0)), doc.content[start:end])
    pieces: list[tuple[int, int, bool]] = []  # start, end, inside a title-like element
    at, title = 0, False
    for m in _TAG.finditer(source):
        name = m.group(2).lower()
        if name in _INLINE_TAGS:
            continue
        pieces.append((at, m.start(), title))
        at, title = m.end(), not m.group(1) and bool(_TITLE_CLASS.search(m.group(0)))
    pieces.append((at, len(source), title))
    units = []
    for a, b, title in pieces:
        raw = source[a:b]
        if not raw.strip() or _BOLD_ONLY.match(raw.strip()):
            continue
        lead = len(raw) - len(raw.lstrip())
        text = plain_text(_BULLET.sub("", raw.strip()))
        if not text:
            continue
        line = doc.line_of(start + a + lead)
        unit = _line_unit(text, line, doc.line_of(start + a + len(raw.rstrip()) - 1))
        if unit.kind == "quote" or not title:
            units.append(unit)
        elif _byline(text):
            units.append(unit)  # not a passage, but it may name who says the card's quote
    _credit_bylines(units)
    return units


def _credit_bylines(units: list[Unit]) -> None:
    """A card's byline (`Dana Whitfield · designer`) right above its quotation names who says it."""
    for above, unit in zip(units, units[1:]):
        if unit.kind == "quote" and not unit.speaker and unit.start - above.end <= 2 \
                and _byline(above.text):
            who = _BYLINE_SEP.split(above.text.strip())[0].strip()
            if _person().fullmatch(who):
                unit.speaker = unit.label = who


# The two patterns below are compiled when first needed: their CJK ranges take ~3.5 ms to
# compile, and only summaries with cards or reported speech ask.


@lru_cache(maxsize=None)
def _person() -> re.Pattern:
    """A person as a byline or a sentence names them: two or three capitalised words, or a short
    CJK name; roles and titles (a second part of the byline) are left out."""
    return re.compile(r"[A-Z][\w'-]+(?: [A-Z][\w'-]+){0,2}|[\u3040-\u30ff\u4e00-\u9fff·・]{2,6}")


@lru_cache(maxsize=None)
def _said() -> re.Pattern:
    """`Simon 透露:"…"`, `Sarah said: "…"`: a line that names its speaker before a quotation."""
    return re.compile(r"^(?P<who>[A-Z][\w'-]+(?: [A-Z][\w'-]+){0,2}|[\u4e00-\u9fff]{2,4})\s*"
                      r"(?:说|說|表示|透露|提到|指出|坦言|强调|強調|回答|解释|解釋|补充|補充|直言|感叹|感嘆|"
                      r"は(?:言う|語る|述べる)|says?|said|explains?|explained|adds?|added|notes?|noted)"
                      r"\s*[:：,，]\s*(?=[\"“「『‘'])")


def _line_unit(text: str, line: int, end: int) -> Unit:
    unit = Unit("prose", line, end, text=text, role="paraphrase")
    turn = read_turn(text)
    inner = turn.text if turn else text
    found = quotations(inner)
    if found and found[0][0] == 0 and text_units(inner[found[0][1]:]) <= 1:
        unit.kind, unit.role, unit.text = "quote", "quote", found[0][2]
    # `代价:` opens a line as often as `Simon:` does; only a quotation's label is taken as a speaker
    if turn and turn.speaker and (unit.kind == "quote" or turn.strong):
        unit.speaker, unit.label = turn.speaker, turn.label
    return _credit_said(unit)

