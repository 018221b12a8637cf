"""Who a line credits and what it claims, read from its text alone: an attribution after a dash
(`— Nicole Forsgren at 15:00`), a said-clause after a quotation (`“…,” Hamel says.`), a speaker in
brackets before a time (`… [Sam Altman][00:47]`), a topic before a colon (`結果: …`), a key point's
bold topic, a chapter's title after a colon (`Demo: Google Beam`)."""

from __future__ import annotations

import re

from .inline import plain_text, quotations, text_units
from .turns import MARK, speaker_name

MIN_QUOTE_UNITS = 3
DASH_START = re.compile(r"^(?:—|–|―|‒|-{2,3}|~)\s*")
# `“…,” Hamel says.`, `“…,” says Hamel Husain.`: who said the quotation, after it
_NAME = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
SAID_AFTER = re.compile(
    rf"[,，]?\s*(?:({_NAME}|he|she|they)\s+"
    rf"(?:says|said|explains|explained|adds|added|notes|noted|argues|argued)"
    rf"|(?:says|said)\s+({_NAME}))\s*[.。]?")


def chapter_title(text: str) -> bool:
    """`Google Beam`, `Sam's Personal Bet` after `Demo:`: a title's few capitalised words, not
    someone's sentence (`we should test first`)."""
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    return 0 < len(words) <= 6 and not re.search(r"[.!?。！？]\W*$", text) \
        and all(w[0].isupper() for w in words if len(w) >= 4)


# `**Topic** ([6:16](…)) - description`, `[6:16](…) **Topic**: description`
_KEY_POINT = re.compile(
    rf"^(?:(?P<b1>\*\*|__)(?P<t1>[^*_\n]{{1,80}}?)(?P=b1)\s*[:：]?\s*[(（\[]?\s*{MARK}\s*[)）\]]?"
    rf"|[(（\[]?\s*{MARK}\s*[)）\]]?\s*[-–—:：|]?\s*(?P<b2>\*\*|__)(?P<t2>[^*_\n]{{1,80}}?)(?P=b2))"
    rf"\s*(?:[-–—:：|]\s*)?(?P<rest>[^\n]*)$")


def key_point(source: str) -> str | None:
    """A key-point bullet's topic and description as one text, or None: a bold topic and its
    time, and at most a sentence or two after them."""
    m = _KEY_POINT.match(source.strip())
    if not m:
        return None
    topic = plain_text(m.group("t1") or m.group("t2")).strip()
    rest = plain_text(m.group("rest")).strip()
    if MARK in rest or not topic or text_units(rest) > 40:
        return None
    return f"{topic}. {rest}" if rest else topic


# `結果: …`, `当時の状況: …`: a topic written before a colon
_TOPIC_PREFIX = re.compile(r"^\s*[^:：\n]{1,30}[:：]\s+|^\s*[^:：\n]{1,30}：\s*")
# `… [Sam Altman][00:47]`: the speaker in brackets right before a bare time label (meeting notes)
_BRACKET_SPEAKER = re.compile(rf"\s*\[([^\[\]\n]{{1,40}})\]\s*(?={MARK}|$)")


def without_topic(claim: str) -> str:
    """`結果: 最初の夏に…` → the claim without the topic written before its colon (when enough is left
    to be a claim)."""
    topic = _TOPIC_PREFIX.match(claim)
    if topic and text_units(claim[topic.end():].replace(MARK, " ")) >= MIN_QUOTE_UNITS:
        return claim[topic.end():]
    return claim


def bracket_speaker(text: str) -> tuple[str | None, str]:
    """(`Sam Altman`, the claim) for a claim that names its speaker in brackets before its time
    label; a topic written before a colon (`結果: …`) is then no speaker label, and not part of
    what is claimed to be said."""
    m = _BRACKET_SPEAKER.search(text)
    if not m or MARK not in text[m.end():m.end() + 1] or not (speaker := speaker_name(m.group(1), text)):
        return None, text
    return speaker, without_topic(text[:m.start()] + text[m.end():])


def attributed_name(attribution: str) -> str | None:
    """`— Nicole Forsgren at 15:00` → `Nicole Forsgren`; `— Rust Cohle in True Detective…` →
    `Rust Cohle`; None for `— 19:49` or a bare link."""
    words = DASH_START.sub("", attribution.strip(), count=1)
    # what follows the name says where or what about: `at 15:00`, `on asking LLMs …`, `reacting to …`
    name = re.split(r",|\b(?:at|in|on|about|reacting|responding|talking|discussing|explaining|during|"
                    r"while|when|from|via)\b|@|\(|（|:|：|\s[-–—]\s", words, maxsplit=1)[0].strip()
    if not 0 < text_units(name) <= 6 or re.fullmatch(r"[\d:\s.]*", name):
        return None
    if re.search(r"\s(?:and|&)\s|、|(?<=[\u4e00-\u9fff])と(?=[\u4e00-\u9fff])", name):
        return None  # `— Paul Ford and Rich Ziade`: two people, so no one speaker to hold it to
    return name


def whole_quotation(text: str) -> tuple[str, str | None] | None:
    """`“Bombeiro se queima…” — [19:49]` → the inner text (and a speaker named after a dash, or
    in a closing `…,” Hamel says.`)."""
    found = quotations(text)
    if not found or found[0][0] != 0:
        return None
    _, end, inner = found[0]
    rest = text[end:].replace(MARK, "").strip()
    said = SAID_AFTER.fullmatch(rest)
    if said:
        inner = inner.rstrip(",， ")  # `“…first,” Hamel says`: the comma is the sentence's
        who = (said.group(1) or said.group(2)).rstrip(".")
        who = None if who in ("he", "she", "they") else who  # someone named before, not here
        return (inner, who) if text_units(inner) >= MIN_QUOTE_UNITS else None
    if rest and not DASH_START.match(rest) and not re.fullmatch(r"[(（].*[)）]|[.。,，]", rest):
        return None
    if text_units(inner) < MIN_QUOTE_UNITS:
        return None
    who = attributed_name(rest) if rest else None
    if who and re.search(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]", who) and not speaker_name(who, rest):
        who = None  # `"…" — 你证明的不是…`: the author's sentence goes on after the dash
    return inner, who


def unwrap_quotes(text: str) -> str:
    found = quotations(text)
    if len(found) == 1 and found[0][0] == 0 and found[0][1] >= len(text.rstrip(MARK + " .")):
        return found[0][2]
    return text
