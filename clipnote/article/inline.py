"""Inline Markdown to plain text, and how much text a string holds.

Excerpt text is compared with speech, so markup, URLs, template tags and footnote markers are
dropped, link texts kept, and soft-wrapped lines joined the way the renderer would (a space
between Latin words, nothing between CJK characters).
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

# ASCII characters a URL may contain here. Anything else (CJK text, full-width punctuation,
# quotes, brackets, `<`) ends it: `?t=900。ウェブ` stops at `。`. Invisible format characters are
# allowed inside and removed later (EMBEDS §4.10).
URL_CHARS = r"A-Za-z0-9\-._~:/?#@!$&()*+,;=%\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff"
_BARE_URL = re.compile(rf"(?<![A-Za-z0-9])(?:https?:)?//[{URL_CHARS}]+")

_LIQUID = re.compile(r"\{%.*?%\}|\{\{[<%].*?[>%]\}\}|\{\{.*?\}\}", re.S)
_ATTRS = re.compile(r"(?<=[)\]])\{[:#.]?[^{}\n]*\}|\{:[^{}\n]*\}")
_IMAGE = re.compile(r"!\[(?:[^\[\]]|\[[^\[\]]*\])*\]\([^()]*(?:\([^()]*\)[^()]*)*\)")
_LINK = re.compile(r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\((?:[^()]|\([^()]*\))*\)")
_REF_LINK = re.compile(r"\[((?:[^\[\]])+)\]\[[^\[\]]*\]")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]+\]")
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^<>\s]*>")
_BR = re.compile(r"<br\s*/?>", re.I)
_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>")
# Emphasis, one marker at a time, each with the closer it needs (see `search_limit`).
_STRONG = [(re.compile(rf"({m})(?=\S)(.+?)(?<=\S)\1", re.S), re.compile(rf"(?<=\S){m}"))
           for m in (r"\*\*", "__")]
_EM = [(re.compile(rf"(?<![\w*])({m})(?=\S)(.+?)(?<=\S)\1(?![\w*])", re.S),
        re.compile(rf"(?<=\S){m}(?![\w*])")) for m in (r"\*", "_")]
_LIQUID_CLOSER = re.compile(r"%\}|\}\}")
_STRAY_STARS = re.compile(r"\*{2,}")
_CODE = re.compile(r"(`+)(.+?)\1", re.S)
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_HARD_BREAK = re.compile(r"(?:\\| {2,})$", re.M)
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
_BREAK = "\ue001"  # a hard line break, kept through the joining of soft-wrapped lines
_EMPTY_BRACKETS = re.compile(r"\(\s*\)|\[\s*\]|（\s*）")

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\uac00-\ud7a3"
_CJK_END = re.compile(f"[{_CJK}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]$")
_CJK_START = re.compile(f"^[{_CJK}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]")


# The deep links `clipnote annotate` writes after a quote: `[▶ 1:23:43](https://youtu.be/ID?t=5023)`
# or `<a href="…">▶ 1:23:43</a>`. They are clipnote's own annotations, never part of a quote and
# never a reference of the article's own.
ANNOTATION = re.compile(
    r"\s?\[\u25b6\ufe0e?\s*\d[\d:]*\]\([^()\s]+\)"
    r"|\s?<a\s[^<>]*href=[\"'][^\"']+[\"'][^<>]*>\s*\u25b6\ufe0e?\s*\d[\d:]*\s*</a>", re.IGNORECASE)


def plain_text(markdown: str) -> str:
    """Readable text of inline Markdown/HTML: `[Jim](url) said **this**` → `Jim said this`."""
    text = markdown
    if "\u25b6" in text:
        text = ANNOTATION.sub("", text)
    if "{" in text:
        text = _ATTRS.sub("", bounded_sub(_LIQUID, "", text, _LIQUID_CLOSER))
    if "[" in text:
        text = _LINK.sub(lambda m: m.group(1), _IMAGE.sub("", text))
        text = _FOOTNOTE_REF.sub("", _REF_LINK.sub(lambda m: m.group(1), text))
    if "<" in text:
        text = _TAG.sub("", _BR.sub("\n", _AUTOLINK.sub("", text)))
    if "`" in text:
        text = _CODE.sub(lambda m: m.group(2).strip(), text)
    if "*" in text or "_" in text:
        for pattern, closer in (*_STRONG, *_EM):
            text = bounded_sub(pattern, lambda m: m.group(2), text, closer)
        text = _STRAY_STARS.sub("", text)
    if "\\" in text or "  \n" in text:
        text = _ESCAPE.sub(r"\1", _HARD_BREAK.sub(_BREAK, text))
    if "&" in text:
        text = html.unescape(text)
    if "//" in text:
        text = _BARE_URL.sub("", text)
    if "(" in text or "[" in text or "（" in text:
        text = _EMPTY_BRACKETS.sub("", text)
    return join_lines(text.split("\n")).replace(_BREAK, "\n").strip()


def search_limit(text: str, closer: re.Pattern) -> int:
    """Where the last place `closer` matches in `text` ends (0 when it matches nowhere).

    A lazy `opener.*?closer` pattern cannot match past it, and searching past it is what makes
    such a pattern quadratic: every opener that is never closed (an `{% include` without `%}`,
    a `*1` note mark) would read the rest of the text again. So callers search only up to here.
    """
    ahead = _LOOKAHEADS.get(closer)
    if ahead is None:
        ahead = _LOOKAHEADS[closer] = re.compile(f"(?=({closer.pattern}))", closer.flags)
    end = 0
    for m in ahead.finditer(text):  # every place, overlapping ones too (`}}}` ends at 3)
        end = max(end, m.end(1))
    return end


_LOOKAHEADS: dict[re.Pattern, re.Pattern] = {}


def bounded_sub(pattern: re.Pattern, repl, text: str, closer: re.Pattern) -> str:
    """`pattern.sub(repl, text)` for a pattern whose every match ends with `closer`."""
    limit = search_limit(text, closer)
    return pattern.sub(repl, text[:limit]) + text[limit:] if limit else text


def join_lines(lines: list[str]) -> str:
    """Join soft-wrapped lines: a space between words, nothing between CJK characters."""
    pieces: list[str] = []
    last = ""  # the last character joined so far (never re-read the whole text: a paragraph
    # may have thousands of lines)
    for raw in lines:
        line = _SPACES.sub(" ", raw).strip()
        if not line:
            continue
        if pieces and last not in (_BREAK, "\n") and not (
                _CJK_END.match(last) and _CJK_START.match(line)):
            pieces.append(" ")
        pieces.append(line)
        last = line[-1]
    return "".join(pieces)


_UNITS = re.compile("[\u3040-\u309f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{1,2}"
                    "|[\u30a0-\u30ff\uff66-\uff9f]+|[^\\W_\u3040-\u30ff\u3400-\u4dbf"
                    "\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]+")


def text_units(text: str) -> int:
    """A language-neutral size: Latin/Hangul words, katakana runs, and pairs of kanji/kana.

    `Kill Task` is 2, `ディープラーニング` is 1 (one loanword), `小さな機能は追加しない` is 6.
    """
    return len(_UNITS.findall(text))


def has_cjk(text: str) -> bool:
    return bool(_cjk_char().search(text))


@lru_cache(maxsize=None)
def _cjk_char() -> re.Pattern:
    """Compiled when first needed: its ranges take ~5 ms to compile, and most runs never ask."""
    return re.compile(f"[{_CJK}]")


# Quotation marks: opening → closing. ASCII double quotes pair with themselves.
QUOTE_PAIRS = {"“": "”", "「": "」", "『": "』", '"': '"', "„": "“", "«": "»", "”": "”"}
_QUOTATION = re.compile(r"“([^“”]+)”|「((?:[^「」]|「[^「」]*」)+)」|『([^『』]+)』|"
                        r"(?<![\w\"])\"([^\"\n]+?)\"(?![\w\"])|„([^“”„]+)[“”]|«([^«»]+)»")


def quotations(text: str) -> list[tuple[int, int, str]]:
    """Quoted spans in plain text: (start, end, inner text) for “…”, 「…」, 『…』, "…", „…“, «…»."""
    out = []
    for m in _QUOTATION.finditer(text):
        inner = next(g for g in m.groups() if g is not None)
        out.append((m.start(), m.end(), inner.strip()))
    return out

# A shortcode that carries someone's comment as a parameter (kaigai-matome's
# `{{<matomeQuote body="…" userName="…">}}`): a quote of a commenter, not of a video.
COMMENT_SHORTCODE = re.compile(r"^\{\{[<%]\s*\w*quote\w*\b[^\n]*?\bbody\s*=", re.I)
SHORTCODE_BODY = re.compile(r"\bbody\s*=\s*\"((?:[^\"\\]|\\.)*)\"", re.S)
SHORTCODE_USER = re.compile(r"\b(?:userName|user|author|name)\s*=\s*\"([^\"]*)\"", re.I)
