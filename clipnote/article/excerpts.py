"""What each block of an article is: a quote of someone, the author's prose, or neither.

`build_units(doc, refs)` turns the document's blocks into `Unit`s in reading order:

- quote units — Q/A turns (`Q（Lex）：…`, `**Q:**`, `質問:`), speaker turns (`**Host**: …`,
  `Name: …` when the article is a dialogue, or `Name:` alone on a line above the text),
  blockquote paragraphs, a paragraph that is one quotation (`“…” — [19:49](…)`), HTML
  `<blockquote>` (one paragraph each), Hexo `{% blockquote author, source %}` and Hugo quote
  shortcodes;
- prose units — the author's paragraphs (their inline “…”/「…」 quotations are found later);
- boundaries — headings outside blockquotes and thematic breaks, which end a clip's excerpts;
- neutral units — everything else: code, HTML, images, link lists, footnote definitions,
  callouts (`> 💡 **…**`, `> [!NOTE]`), all-bold emphasis boxes, headings inside quotes, and
  comment shortcodes (`matomeQuote`), which quote a commenter rather than a video.

A unit also records an attribution (`— Speaker, [5:35](…)`) written in it or as its last line.
Which unit belongs to which clip is `attach.py`'s job.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace

from .document import Block, Document
from .clips import Ref
from .inline import COMMENT_SHORTCODE, SHORTCODE_BODY, plain_text, search_limit, text_units
from .keyvalues import definition_runs
from .turns import MARK, label_key, read_turn, speaker_name, turn_breaks
from .credits import (DASH_START, MIN_QUOTE_UNITS, SAID_AFTER, attributed_name, bracket_speaker,
                      chapter_title, key_point, unwrap_quotes, whole_quotation)
from ..model import Role

__all__ = ["MARK", "MIN_QUOTE_UNITS", "Unit", "build_units"]



@dataclass(frozen=True)
class Attribution:
    speaker: str | None
    ref: Ref | None  # the clip linked in the attribution, if any
    other_source: bool  # it links something that is not a YouTube video
    own_quote: bool  # the quote is in the same unit, above the attribution line


@dataclass
class Unit:
    kind: str  # "quote" | "prose" | "boundary" | "neutral" | "speaker"
    start: int
    end: int
    text: str = ""  # plain text with clips replaced by MARK
    role: Role = "quote"
    speaker: str | None = None
    label: str | None = None  # speaker label as written, e.g. "Q（Lex）"
    refs: list[Ref] = field(default_factory=list)
    turn: bool = False  # a labelled dialogue turn
    attribution: Attribution | None = None
    leading_ref: bool = False  # the unit starts with its clip (a chapter list entry)
    container: bool = False  # a comment shortcode: only its quotations can be excerpts
    callout: bool = False  # `> 💡 **Tip**`, `> [!NOTE]`: the author's box, not a quote
    header_speaker: str | None = None  # `Elon Musk 0:43` alone: the paragraphs below are theirs
    prose_text: str = ""  # the text as prose, should a speaker label turn out not to be one
    label_alone: bool = False  # `Name:` alone on the first line, the turn below it
    topic: str | None = None  # a key point's topic and description (`- **Topic** ([6:16](…)) - …`)


_LABEL_ALONE = re.compile(r"^[^\n]*[:：][ \t]*\n")  # `Name:` alone on the first line
# `Elon Musk 0:43` alone on its line (the time a bare label): the paragraphs below are theirs
_SPEAKER_HEADER = re.compile(rf"^(?:\*\*)?([^\n:：*\[\]]{{1,40}}?)(?:\*\*)?[ \t]*{MARK}[ \t]*(?:\n|$)")


# --- blocks that are not quotes -----------------------------------------------------------------

_EMOJI = re.compile(
    "^(?:\\*\\*|__)?\\s*[\u2190-\u21ff\u2300-\u23ff\u2460-\u24ff\u25a0-\u27bf\u2900-\u297f"
    "\u2b00-\u2bff\u3297\u3299\U0001F000-\U0001FAFF]")
_ALERT = re.compile(r"^\[!\w+\]")
_ADMONITION = re.compile(
    r"^(?:\*\*|__)(?:Note|Tip|Warning|Important|Caution|Info|Hint|Danger|Attention|注意|メモ|"
    r"ヒント|참고|주의|提示|警告)\b", re.I)
_BOLD_ONLY = re.compile(r"^(\*\*|__)(?:(?!\1).)+\1[.!。！]?$", re.S)
_FOOTNOTE_DEF = re.compile(r"^\[\^[^\]\s]+\]:")
# each tag ends at its own first closer: `.*?` here would try every way to pair openers with
# closers, exponential in the tags of a block that is not template-only after all
_TEMPLATE_ONLY = re.compile(r"^(?:\s|\{%(?:(?!%\}).)*%\}|\{\{(?:(?!\}\}).)*\}\})*$", re.S)
_LINKS_AND_URLS = re.compile(r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\((?:[^()]|\([^()]*\))*\)|<[^<>]+>"
                             r"|https?://\S+")
_QUOTE_REGION = re.compile(
    r"\{%-?\s*(blockquote|pullquote)\b(.*?)-?%\}(.*?)\{%-?\s*end\1\s*-?%\}"
    r"|\{\{[<%]\s*(blockquote|quote)\b(.*?)[>%]\}\}(.*?)\{\{[<%]\s*/\4\s*[>%]\}\}"
    # an HTML quote; one with a class is an embedded post (Instagram, Twitter), not a quote
    r"|<(blockquote)\b(?![^>]*\bclass=)([^>]*)>(.*?)</blockquote\s*>", re.S | re.I)
_REGION_CLOSER = re.compile(r"%\}|\}\}|</blockquote\s*>", re.I)  # what every region ends with
_CHUNKS = re.compile(r"\S.*?(?=\n[ \t]*\n|</p\s*>|<p\b|\Z)", re.S | re.I)

_DIV_FENCE = re.compile(r"^[\s>]*:{3,}\s*(?:\{[^{}\n]*\}|[\w.-]+)?\s*:*\s*$")


def is_callout(source: str) -> bool:
    return bool(_EMOJI.match(source) or _ALERT.match(source) or _ADMONITION.match(source))


def _links_only(source: str) -> bool:
    return not re.search(r"\w", _LINKS_AND_URLS.sub("", source).replace(MARK, ""))


# --- building units -----------------------------------------------------------------------------


def build_units(doc: Document, refs: list[Ref]) -> list[Unit]:
    body_refs = [r for r in refs if r.offset >= 0 and r.clip.kind != "front-matter"]
    regions = list(_QUOTE_REGION.finditer(doc.masked, 0, search_limit(doc.masked, _REGION_CLOSER)))
    region_lines = [(doc.line_of(m.start()), doc.line_of(m.end() - 1)) for m in regions]
    units: list[Unit] = []
    callout_quotes: set[int] = set()
    entries = _definition_entries(doc)
    # bisected, not searched per block: an article may have thousands of blocks and clips
    region_firsts = [first for first, _ in region_lines]
    by_line = sorted(range(len(body_refs)), key=lambda k: body_refs[k].clip.line)
    ref_lines = [body_refs[k].clip.line for k in by_line]
    for block in doc.blocks:
        region = bisect_right(region_firsts, block.start) - 1
        if region >= 0 and block.end <= region_lines[region][1]:
            continue
        chosen = sorted((body_refs[k] for k in
                         by_line[bisect_left(ref_lines, block.start):bisect_right(ref_lines, block.end)]),
                        key=lambda r: r.offset)
        offsets = [r.offset for r in chosen]
        for piece, span in _turn_pieces(doc, block):
            mine = chosen if span is None else \
                chosen[bisect_left(offsets, span[0]):bisect_left(offsets, span[1])]
            unit = _classify(doc, piece, mine, span, entry=block.start in entries)
            if unit is None:
                continue
            if block.quote_depth and block.first_in_quote and unit.callout:
                callout_quotes.add(block.quote_id)
            if block.quote_depth and block.quote_id in callout_quotes and not unit.refs:
                unit.kind = "neutral"
            units.append(unit)
    for m, (first, last) in zip(regions, region_lines):
        units.extend(_quote_region_units(doc, m, first, last))
    placed = {id(r) for u in units for r in u.refs}
    for r in body_refs:  # clips outside every block (e.g. in a link reference definition)
        if id(r) not in placed:
            units.append(Unit("neutral", r.clip.line, r.clip.line, refs=[r]))
    units.sort(key=lambda u: (u.start, u.end))
    _mark_dialogue(units)
    return units


def _turn_pieces(doc: Document, block: Block) -> list[tuple[Block, tuple[int, int] | None]]:
    """A paragraph holding several speaker turns, cut into one piece per turn (with its span of
    the file's text); any other block whole."""
    if block.kind != "paragraph":
        return [(block, None)]
    start, end = doc.line_span(block.start, block.end)
    segment = doc.content[start:end]
    breaks = turn_breaks(segment) if re.search(r"[:：]", segment) else []
    if not breaks:
        return [(block, None)]
    pieces = []
    for a, b in zip([0, *breaks], [*breaks, len(segment)]):
        a, b = start + a, start + len(segment[:b].rstrip())
        first, last = doc.line_of(a), doc.line_of(max(a, b - 1))
        pieces.append((replace(block, start=first, end=last), (a, b)))
    return pieces


def _definition_entries(doc: Document) -> set[int]:
    """First lines of list items that are entries of a definition list (`- Capex: 资本支出`,
    `>* Airplane Mode: Trigger actions when…`): labelled as turns are, but facts, not turns."""
    entries: set[int] = set()
    items: list[tuple[int, str | None]] = []
    previous: Block | None = None
    for block in [*doc.blocks, None]:
        listed = block is not None and block.kind == "paragraph" and block.list_depth > 0
        if not listed or previous is None or (block.list_depth, block.quote_depth) != \
                (previous.list_depth, previous.quote_depth):
            entries |= definition_runs(items)
            items = []
        if listed:
            first = doc.content[slice(*doc.line_span(block.start, block.start))].strip()
            items.append((block.start, label_key(first) if re.search(r"[:：]", first) else None))
        previous = block if listed else None
    return entries


def _classify(doc: Document, block: Block, refs: list[Ref],
              span: tuple[int, int] | None = None, entry: bool = False) -> Unit | None:
    if block.kind == "hr":
        return Unit("boundary", block.start, block.end, refs=refs)
    if block.kind == "code":
        return Unit("neutral", block.start, block.end, refs=refs) if refs else None
    source, text, leading = _unit_text(doc, block, refs, span)
    if not source and not refs:
        return None
    unit = Unit("neutral", block.start, block.end, text=text, refs=refs, leading_ref=leading)
    if block.kind == "heading":
        unit.kind = "boundary" if block.quote_depth == 0 else "neutral"
        return unit
    if block.kind == "html":
        return unit
    if COMMENT_SHORTCODE.match(source):
        body = SHORTCODE_BODY.search(source)
        unit.text = plain_text(body.group(1).replace("\\\"", "\"")) if body else ""
        unit.container = True
        return unit
    if _FOOTNOTE_DEF.match(source) or _TEMPLATE_ONLY.match(source.replace(MARK, "")):
        return unit
    if block.list_depth and len(refs) == 1 and refs[0].clip.start is not None \
            and refs[0].clip.kind in ("link", "label"):
        unit.topic = key_point(source)
        if unit.topic:
            unit.kind = "prose"
            return unit
    quote_lines = _read_attribution(unit, source, refs)
    if unit.attribution and not unit.attribution.own_quote:
        return unit  # a bare attribution line: neutral, it only names who said the quote above
    if unit.attribution:
        source = "\n".join(source.split("\n")[:quote_lines])
        text = plain_text(source)
        unit.end = unit.start + quote_lines - 1
    unit.prose_text = text
    # (a list entry that ends with its time is a chapter, `- Scaling Laws 34:24`, not a speaker header)
    header = None if block.list_depth else _SPEAKER_HEADER.match(source)
    if header and refs and refs[0].clip.kind == "label" and (name := speaker_name(header.group(1), source)):
        rest = plain_text(source[header.end():])
        if not rest:
            unit.header_speaker = name
            return unit
        unit.kind, unit.turn, unit.speaker, unit.label = "quote", True, name, header.group(0).strip()
        unit.text = rest
        return unit
    if entry and block.quote_depth:
        return unit  # a definition list quoted from a page: nobody's words in the video
    turn = None if entry or bracket_speaker(text)[0] else read_turn(source)
    if turn and refs and (leading or block.list_depth) and turn.form == "plain" \
            and chapter_title(turn.text.replace(MARK, " ").strip()):
        turn = None  # `[1:51:26](…) Demo: Google Beam`: a chapter's title, not Demo's words
    if turn:
        lines = source.rstrip().split("\n")
        if len(lines) > 1 and not _LABEL_ALONE.match(source) and plain_text(lines[-1]).rstrip().endswith((":", "：")):
            # `Peter 给了更宽的命题:` closing a turn introduces the next passage, not this one
            turn = read_turn("\n".join(lines[:-1])) or turn
            unit.end = max(unit.start, unit.end - 1)
        unit.kind, unit.turn = "quote", True
        unit.leading_ref = False  # `[00:01:40] **Anna**：…` is a timed turn, not a chapter entry
        unit.role, unit.speaker, unit.label, unit.text = turn.role, turn.speaker, turn.label, turn.text
        unit.label_alone = bool(_LABEL_ALONE.match(source)) and unit.role == "quote"
        return unit
    if block.quote_depth:
        if is_callout(source):
            unit.callout = True
            return unit
        if leading and refs[0].clip.start is not None and refs[0].clip.kind == "link":
            unit.kind = "prose"  # `> * [7:55](…) Chapter title`: a quoted chapter list, its entries timed
            return unit
        # list items inside a quote are often fragments ("Request Model"): ask for a sentence
        shortest = MIN_QUOTE_UNITS if block.list_depth else 1
        if _BOLD_ONLY.match(source) or _links_only(source) or text_units(text) < shortest:
            return unit
        said = whole_quotation(text)
        if said is not None and SAID_AFTER.search(text):  # `> “…,” Hamel says.`
            unit.kind, unit.text, unit.speaker = "quote", said[0], unit.speaker or said[1]
            return unit
        unit.kind, unit.text = "quote", unwrap_quotes(text)
        return unit
    whole = whole_quotation(text)
    if whole is not None:
        unit.kind, unit.text = "quote", whole[0]
        unit.speaker = unit.speaker or whole[1]
        return unit
    if _links_only(source) or not text.replace(MARK, "").strip():
        return unit
    unit.kind, unit.text = "prose", text
    return unit


def _unit_text(doc: Document, block: Block, refs: list[Ref],
               span: tuple[int, int] | None = None) -> tuple[str, str, bool]:
    """The block's source (clips replaced by MARK) and its plain text."""
    start, end = span or doc.line_span(block.start, block.end)
    pieces, position = [], start  # one pass: a paragraph may hold thousands of clips
    for r in sorted(refs, key=lambda r: r.offset):
        a = max(r.offset, position)
        b = max(min(r.end, end), a)
        # a link keeps its words (the mark goes after it); an embed or a timestamp link goes
        pieces += [doc.content[position:b], MARK] if r.keep_text else [doc.content[position:a], MARK]
        position = b
    pieces.append(doc.content[position:end])
    # Pandoc/Quarto fenced divs (`::: {.callout-note}` … `:::`) frame text, they are none of it
    lines = [line.strip() for line in "".join(pieces).split("\n") if not _DIV_FENCE.match(line)]
    if block.kind == "heading" and lines:
        lines[0] = re.sub(r"^#{1,6}(?:\s+|$)", "", lines[0])
        if block.setext:
            lines = lines[:-1]
    source = "\n".join(lines).strip()
    text = plain_text(source)
    leading = bool(refs) and text_units(text.split(MARK, 1)[0]) == 0 and text.find(MARK) >= 0
    return source, text, leading


def _read_attribution(unit: Unit, source: str, refs: list[Ref]) -> int:
    """Find `— Speaker, [5:35](…)` as the unit itself or as its last line(s); returns how many
    lines of the unit come before it (the quote it attributes)."""
    lines = source.split("\n")
    index = next((i for i in range(len(lines) - 1, -1, -1) if DASH_START.match(lines[i])), None)
    if index is None or len(lines) - index > 2:
        return 0
    line = "\n".join(lines[index:])
    if text_units(plain_text(line)) > 15:
        return 0
    own_quote = index > 0
    first_line = unit.start + index
    ref = next((r for r in refs if r.clip.line >= first_line), None)
    speaker = attributed_name(plain_text(line).replace(MARK, " "))
    other = ref is None and bool(re.search(r"https?://|\]\(", line))
    if ref is None and speaker is None and not other:
        return 0
    unit.attribution = Attribution(speaker, ref, other, own_quote)
    return index


def _quote_region_units(doc: Document, m: re.Match, first: int, last: int) -> list[Unit]:
    """`{% blockquote author, source %}…{% endblockquote %}` → one quote unit per paragraph."""
    group = next(g for g in (1, 4, 7) if m.group(g))
    tag, args = m.group(group).lower(), m.group(group + 1) or ""
    inner_start, inner = m.start(group + 2), m.group(group + 2)
    if tag == "pullquote":  # the author's own words, pulled out for layout
        return [Unit("neutral", first, last)]
    speaker = _region_speaker(args) if group != 7 else None
    units = []
    for chunk in _CHUNKS.finditer(inner):
        text = plain_text("\n".join(line.strip() for line in chunk.group(0).split("\n")))
        if not text_units(text):
            continue
        start = doc.line_of(inner_start + chunk.start())
        end = doc.line_of(inner_start + chunk.end() - 1)
        units.append(Unit("quote", start, end, text=text, speaker=speaker))
    return units or [Unit("neutral", first, last)]


def _region_speaker(args: str) -> str | None:
    named = re.search(r"\b(?:author|cite|by|name)\s*=\s*\"([^\"]+)\"", args)
    if named:
        return named.group(1).strip()
    words = re.split(r",|\s(?=https?://)", args.strip(), maxsplit=1)[0].strip()
    return words or None


def _mark_dialogue(units: list[Unit]) -> None:
    """Dialogue conventions that depend on neighbours.

    - A one-word label (`Host:`, `**主持人**：`) counts only when the article has at least two
      labelled turns (otherwise `Slides:` or `引用元：` would be speakers); a multi-word name
      (`Jim Keller:`) or a label alone on the line above its text counts on its own.
    - An unlabelled paragraph between two turns continues the turn above it.
    """
    turns = [u for u in units if u.turn]
    if len(turns) < 2:
        for u in turns:
            if u.role == "quote" and not u.label_alone and (u.label or "").count(" ") == 0:
                u.kind, u.turn, u.speaker, u.label = "prose", False, None, None
                u.text = u.prose_text
    for i, unit in enumerate(units):
        if unit.kind != "prose" or unit.refs or i == 0 or not units[i - 1].turn:
            continue
        j = i
        while j < len(units) and units[j].kind == "prose" and not units[j].refs:
            j += 1
        if j < len(units) and units[j].turn:
            previous = units[i - 1]
            for k in range(i, j):
                units[k].kind, units[k].turn = "quote", True
                units[k].role, units[k].speaker = previous.role, previous.speaker
