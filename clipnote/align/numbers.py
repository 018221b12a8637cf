"""Numbers as articles and captions write them: `10,000`, `1万`, `一万`, `2万5000`, `三千五百`,
`1만`, `13%`, English number words. They survive translation, so they anchor alignment and are
compared in the checks."""

from __future__ import annotations

import re
import unicodedata

from .text import _LATIN, STOPWORDS

_KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
                 "八": 8, "九": 9, "两": 2, "兩": 2}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000, "拾": 10, "佰": 100, "仟": 1000,
                "십": 10, "백": 100, "천": 1000}
_BIG_UNITS = {"万": 10_000, "萬": 10_000, "億": 10**8, "亿": 10**8, "兆": 10**12,
              "만": 10_000, "억": 10**8, "조": 10**12}
_NUMERAL_RUN = re.compile(
    r"(?<![A-Za-z0-9])(?:\d+(?:[.,]\d+)*|[〇零一二三四五六七八九两兩十百千拾佰仟万萬億亿兆])"
    r"(?:[\d.,]|[〇零一二三四五六七八九两兩十百千拾佰仟万萬億亿兆만억조천백십])*"
)


def numbers_in(text: str) -> list[float]:
    """Numeric values written in a text, in any of the forms articles and captions use:
    `10,000`, `1万`, `一万`, `1.5万`, `2万5000`, `三千五百`, `1만`, `13%`, and English number
    words (`ten thousand`, `three years`). Lone 0s and 1s are dropped: "one of them" and 一緒 are
    not claims."""
    return [value for value, _ in number_mentions(text)]


def number_mentions(text: str) -> list[tuple[float, str]]:
    """(value, as written) for every number in a text; see numbers_in."""
    text = unicodedata.normalize("NFKC", text)
    if _LATIN.search(text):
        text = english_number_words_to_digits(text)
    text = _BIG_UNIT_SPACE.sub(r"\1", text)  # 2만 200 → 2만200
    out: list[tuple[float, str]] = []
    for m in _NUMERAL_RUN.finditer(text):
        run = m.group(0).rstrip(".,")
        value = parse_cjk_number(run)
        if value is None or value in (0, 1):
            continue
        # a digit glued to Latin letters is part of a name (GPT-3, A100), not a quantity
        before = text[max(0, m.start() - 1) : m.start()]
        if before in ("-",) and m.start() >= 2 and text[m.start() - 2].isalpha():
            continue
        out.append((value, run + _unit_after(text, m.start() + len(run))))
    return out


_BIG_UNIT_SPACE = re.compile(r"([万萬億亿兆만억조])\s+(?=\d)")
_UNIT_CJK = re.compile(r"\s?(?:[\u30a0-\u30ff]+|[\uac00-\ud7af]{1,4}|[\u4e00-\u9fff]{1,2}|%|％)")
_UNIT_LATIN = re.compile(r"(?:\s?%|[ -](?:per ?cent|[a-z]+(?: ago)?))", re.IGNORECASE)


def _unit_after(text: str, end: int) -> str:
    """The unit written after a number (ワット, 年前, % , watts, years ago), for showing it."""
    m = _UNIT_CJK.match(text, end)
    if m and not m.group(0).strip().isascii():
        return m.group(0)
    m = _UNIT_LATIN.match(text, end)
    if m and m.group(0).strip().lower() not in STOPWORDS:
        return m.group(0)
    return "" if not (m and m.group(0).strip() == "%") else m.group(0)


def parse_cjk_number(run: str) -> float | None:
    """`1万` → 10000, `2万5000` → 25000, `三千五百` → 3500, `10,000` → 10000, `一九八四` → 1984."""
    run = run.replace(",", "")
    if not run:
        return None
    try:
        return float(run)
    except ValueError:
        pass
    if all(ch in _KANJI_DIGITS for ch in run):  # positional: 二〇二一
        return float("".join(str(_KANJI_DIGITS[ch]) for ch in run))
    total = 0.0
    section = 0.0
    number = None  # the digits read since the last unit
    i = 0
    while i < len(run):
        ch = run[i]
        if ch.isdigit() or ch == ".":
            j = i
            while j < len(run) and (run[j].isdigit() or run[j] == "."):
                j += 1
            try:
                number = float(run[i:j])
            except ValueError:
                return None
            i = j
            continue
        if ch in _KANJI_DIGITS:
            number = float(_KANJI_DIGITS[ch])
        elif ch in _SMALL_UNITS:
            section += (number if number is not None else 1.0) * _SMALL_UNITS[ch]
            number = None
        elif ch in _BIG_UNITS:
            section += number or 0.0
            total += (section or 1.0) * _BIG_UNITS[ch]
            section, number = 0.0, None
        else:
            return None
        i += 1
    return total + section + (number or 0.0)


_NUMBER_WORDS = re.compile(
    r"\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
    r"ninety|hundred|thousand|million|billion|trillion)\b",
    re.IGNORECASE,
)


def english_number_words_to_digits(text: str) -> str:
    """`ten thousand watts` → `10000 watts` (text2num), leaving "one of them" alone."""
    if not _NUMBER_WORDS.search(text):
        return text
    from text_to_num import alpha2digit

    try:
        return alpha2digit(text, "en")
    except Exception:  # text2num is strict about odd input; numbers are a bonus, not a must
        return text
