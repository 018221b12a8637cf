"""`Key: value` lines that look like speaker turns but are facts: metadata, glossaries, lists.

`- Duration: 01:09`, `- **Born**: 1973, Weimar`, `- Speaker: Dylan Beattie`, `- Winner's Curse: 赢家诅咒`
and `>* Airplane Mode: Trigger actions when…` open with a label as a turn does. `fact_line(key,
words)` says so from the line alone: a key that names a fact about the page or the talk, words
that are only a URL, a date, a duration or a number, a term glossed in another script, or a
speaker key (`Speaker:`, `Host:`) whose words are only names. `definition_runs(items)` finds
runs of list items that are all `Term: …` with no term twice: a definition list, where a
dialogue written as a list repeats its speakers.
"""

from __future__ import annotations

import re

from .inline import has_cjk, text_units

# keys that name a fact, never someone speaking (lower-cased, trailing colon and space removed)
FACT_KEYS = frozenset({
    "date", "dates", "duration", "length", "time", "runtime", "running time", "url", "uri", "link",
    "links", "source", "video", "audio", "slides", "transcriber", "transcribers", "transcript",
    "author", "authors", "title", "tags", "tag", "category", "categories", "location", "venue",
    "born", "died", "website", "web", "twitter", "github", "published", "recorded", "event",
    "conference", "language", "license", "affiliation", "channel", "views", "rating", "score",
    "时间", "時間", "日期", "作者", "来源", "來源", "链接", "鏈接", "連結", "时长", "時長", "地点",
    "地點", "标签", "標籤", "日時", "出典", "リンク", "日付", "場所", "長さ", "날짜", "출처",
    "링크", "시간", "장소", "길이",
})
# keys that may label a turn (`Host: Welcome back.`) or state who spoke (`- Speaker: Dylan Beattie`)
PERSON_KEYS = frozenset({
    "speaker", "speakers", "host", "hosts", "co-host", "cohost", "guest", "guests", "moderator",
    "presenter", "presenters", "interviewer", "interviewee", "panelist", "panelists", "panellist",
    "panellists", "嘉宾", "嘉賓", "讲者", "講者", "演讲者", "演講者", "主讲人", "主講人", "登壇者",
    "出演者", "연사", "발표자", "출연자",
})
_PARENTHETICAL = re.compile(r"\s*[（(][^()（）\n]*[)）]")
_URL_ONLY = re.compile(r"<?(?:https?://|www\.)\S+?>?")
_MONTHS = r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
_UNITS = r"h|hr|hrs|hours?|m|min|mins|minutes?|s|sec|secs|seconds?|am|pm|utc|gmt|年|月|日|时|時|分|秒|小时|分钟|년|월|일|시|분|초"
_NUMBERISH = re.compile(
    rf"(?:\d+(?:st|nd|rd|th)?|(?:{_MONTHS})[a-z]*\.?|(?:{_UNITS})\b|[\s.,:/\-–—+~()年月日时時分秒년월일시분초])+", re.I)
_SENTENCE_MARK = re.compile(r"[。！？!?.,，、；;:：\"“”「」]")
_LATIN_WORD = re.compile(r"[A-Za-z]")
_NAME = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|da|van|von|der|del|di|bin|al|le|la))+")
_NAME_JOINS = re.compile(r"\s*(?:,|&|\band\b|/)\s*")


def fact_line(key: str, words: str) -> bool:
    """Is `key: words` (one line's label and the plain words after it) a fact, not a turn?"""
    k = " ".join(key.lower().split())
    value = " ".join(words.split())
    if k in FACT_KEYS:
        return True
    if not value or "\n" in words.strip():
        return False  # words on the lines below: a label alone above its turn
    if _URL_ONLY.fullmatch(value) or (re.search(r"\d", value) and _NUMBERISH.fullmatch(value)):
        return True
    if k in PERSON_KEYS:
        return _names_only(value)
    return _glossed(key, value)


def _names_only(value: str) -> bool:
    """`Dylan Beattie`, `Cory Doctorow and Ed Zitron`, `Dylan Patel (SemiAnalysis)`: names, no words."""
    parts = [p for p in _NAME_JOINS.split(_PARENTHETICAL.sub("", value)) if p]
    return bool(parts) and all(_NAME.fullmatch(p) for p in parts)


def _glossed(term: str, value: str) -> bool:
    """A term and its gloss in another script (`Capex: 资本支出`, `Agents: 代理（AI代理）`): short, no
    sentence, the term Latin and the gloss CJK or the other way round."""
    gloss = _PARENTHETICAL.sub("", value).strip()
    if not gloss or _SENTENCE_MARK.search(gloss) or text_units(gloss) > 6:
        return False
    term_cjk, gloss_cjk = has_cjk(term), has_cjk(gloss)
    if gloss_cjk and not term_cjk:
        return bool(_LATIN_WORD.search(term))
    return term_cjk and not gloss_cjk and bool(_LATIN_WORD.search(gloss))


def definition_runs(items: list[tuple[int, str | None]], least: int = 3) -> set[int]:
    """The ids of items that are entries of a definition list. `items` are consecutive items of
    one list, in order, each (id, its `Term` key or None); a definition list is at least `least`
    keyed items in a row with no key twice (a dialogue written as a list repeats its speakers)."""
    found: set[int] = set()
    run: list[tuple[int, str]] = []
    for ident, key in [*items, (-1, None)]:
        if key is not None:
            run.append((ident, key.casefold()))
            continue
        keys = [k for _, k in run]
        if len(run) >= least and len(set(keys)) == len(keys):
            found.update(i for i, _ in run)
        run = []
    return found
