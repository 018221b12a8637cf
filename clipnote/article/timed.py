"""What a time in the article says is there: the words after a time that opens a line of notes
(`- [7:55](…) Chapter title`, `- 12:34 He says …`, `| 15:00 | Title |`), the words a bare label
stands beside (`… [0:21]`), a list entry that ends with its time (`- Scaling Laws 34:24`), and a
sentence that links a time in its middle (`At [12:40](…), he explains …`). A title claims a topic,
placed by meaning (align/topics.py); a sentence claims what is said there."""

from __future__ import annotations

import re

from .claims import clean, paraphrasable, someones_words
from .clips import Ref
from .document import Document
from .credits import MIN_QUOTE_UNITS, bracket_speaker, without_topic
from .excerpts import MARK, Unit
from .inline import has_cjk, text_units
from ..model import Excerpt


def without_time(text: str) -> str:
    """The sentence without its time and the words that only place it (`At 12:40, he …` → `He …`)."""
    text = re.sub(rf"(?:\b(?:at|around|from|see|watch)\b\s*)?[(（]?{MARK}[)）]?\s*[,，:]?\s*", " ", text,
                  flags=re.I)
    text = without_topic(clean(text))
    return text[:1].upper() + text[1:] if text[:1].islower() and not text[:1].isupper() else text


def told_at(unit: Unit) -> bool:
    """A paragraph of the author's that tells what is said at the one time it links in its middle."""
    if len(unit.refs) != 1 or unit.leading_ref:
        return False
    ref = unit.refs[0]
    text = clean(unit.text)
    # a sentence, not a pointer (`The "Presenter" slide at [35:28](…)`)
    sentence = bool(re.search(r"[.!?。！？]\W*$", text)) or text_units(text) >= 12
    return (ref.clip.kind == "link" and ref.clip.start is not None and not ref.keep_text
            and bool(unit.text.split(MARK)[0].strip()) and sentence and paraphrasable(unit))


def timed_entries(doc: Document, unit: Unit, found: dict[int, list[Excerpt]], *,
                   verbatim: bool = False) -> None:
    """What a time says is there: the words a bare label stands beside (`… [0:21]`, `[0:21] …`),
    and the words after a timestamp link that opens its line (`[7:55](…) Chapter title`,
    `- [20:00](…) He says to look at the data every day.`). A title claims a topic, which is placed
    by meaning (align/topics.py); a sentence claims what is said there, as a paraphrase."""
    pieces = unit.text.split(MARK)
    leading = not pieces[0].strip()
    for k, ref in enumerate(unit.refs):
        if k + 1 >= len(pieces) or ref.clip.start is None or ref.clip.kind not in ("link", "label"):
            continue
        # what the file has before it on its line: list, quote or table marks at most (read back a
        # little way only: a line may hold thousands of links)
        before = doc.content[max(doc.line_starts[ref.clip.line - 1], ref.offset - 120):max(ref.offset, 0)]
        table_cell = "|" in before  # `| [0:45](…) | Course overview |`
        opens_line = not before.strip(_LINE_OPENERS)
        # a link times the words after it only when it opens its line: `see [this](…) and …` keeps
        # its words in the text, and a time in the middle of a sentence times nothing
        if ref.clip.kind == "link" and (not opens_line or ref.keep_text):
            continue  # (a link with words, `[YouTube](…&t=…)`, is no time label)
        speaker = None
        after = ref.clip.kind == "link" or leading or opens_line
        if after:
            piece = pieces[k + 1]
            if table_cell:  # the row's other cells
                piece = " — ".join(c.strip() for c in piece.split("|") if c.strip())
        else:  # a label after its words: `… and others. [0:21–1:17]`
            speaker, piece = bracket_speaker(pieces[k] + MARK)
        piece = _ENTRY_SEPARATOR.sub("", clean(piece.replace(MARK, "")))
        if after and not is_title(piece):
            piece = without_topic(piece)  # `00:47 当時の状況: AGIの追求は…`: the claim, not its topic
        if piece.endswith((":", "：")):
            continue  # it introduces what follows
        if after and sum(len(q[2]) for q in someones_words(piece)) > len(piece) / 2:
            continue  # `20:15 강사: "…"`: a time, then someone's words, which are the excerpt
        # words after their time start on its line; words before it, where the unit starts
        line = ref.clip.line if after else unit.start
        end_line = unit.end if unit.end > line else None
        if verbatim and after and text_units(piece) >= MIN_QUOTE_UNITS:  # a transcript's timed line
            found[id(ref)].append(Excerpt(doc.path, line, piece, speaker, "quote", end_line=end_line))
        elif (after or (speaker is None and _ends_its_entry(doc, ref))) \
                and is_title(piece, strict=ref.clip.kind == "label"):
            found[id(ref)].append(Excerpt(doc.path, line, piece, None, "topic"))
        elif text_units(piece) >= MIN_QUOTE_UNITS:
            found[id(ref)].append(Excerpt(doc.path, line, piece, speaker, "paraphrase", end_line=end_line))


def _ends_its_entry(doc: Document, ref: Ref) -> bool:
    """`- Intro to lifetimes (20:56)`: the time closes a list entry's line (its title before it)."""
    start, end = doc.line_span(ref.clip.line, ref.clip.line)
    return bool(re.match(r"[ \t>]*(?:[-*+]|\d{1,3}[.)])[ \t]", doc.text[start:end])) \
        and not doc.text[ref.end:end].strip(" \t)）]")


_LINE_OPENERS = " \t>*_-+([（|0123456789."  # list and quote marks, table pipes, brackets, bold
_ENTRY_SEPARATOR = re.compile(r"^(?:\*\*|__)?\s*[-–—:：|]\s*")


def is_title(text: str, *, strict: bool = False) -> bool:
    """A chapter title (`Why tokenizers matter`, `Trees`), not a sentence: short, and no
    sentence's end. A section every talk has (`Intro`, `Q&A`) says nothing to place. `strict`
    for a bare label, whose words are as often a sentence running on to the next label: shorter
    still, and no comma."""
    units, cjk = text_units(text), has_cjk(text)
    # CJK notes often end a claim without a full stop, so a CJK title is short (a unit is two
    # characters), and `課題2: DeepMindが先行していた` is a topic and its claim
    longest = (5 if cjk else 8) if strict else (7 if cjk else 14)
    if cjk and without_topic(text) != text:
        return False
    return 1 <= units <= longest and not re.search(r"[.!?。！？]\W*$", text) \
        and not (strict and re.search(r"[,，、;；]", text)) and not _GENERIC_TITLE.match(text)


_GENERIC_TITLE = re.compile(
    r"^\W*(?:(?:the\s+)?(?:intro(?:duction)?|outro|opening|closing|welcome|conclusions?|summary|recap|"
    r"wrap[- ]?up|q\s*&\s*a|questions?(?:\s+and\s+answers)?|end|credits|sponsors?|ad|break)"
    r"|开场|開場|开头|结尾|結尾|总结|總結|问答|問答|提问|片头|片尾|オープニング|エンディング|まとめ|質疑応答|"
    r"はじめに|おわりに|인트로|아웃트로|오프닝|마무리|요약|질의응답)\W*$", re.I)
