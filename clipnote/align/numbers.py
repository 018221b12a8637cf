"""Numbers as articles and captions write them: `10,000`, `1万`, `一万`, `2万5000`, `三千五百`,
`3.5亿`, `1만 2천`, `13%`, English number words. They survive translation, so they anchor alignment
and are compared in the checks.

Only quantities a speaker states are numbers here. Vague ones — 成千上万, 几十, 数百, 十几, 수십,
"dozens", "thousands of", "a few" — say "many", not a figure, and are left out. Hedged ones — 约1万,
10여 년, 100多, "about twenty", "more than 30" — are kept but marked, so that the checks compare them
loosely. cn2an and kanjize read Chinese and Japanese numerals but neither reads Korean nor tells a
vague quantity from a figure, so this one small parser does all three languages.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

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


@dataclass(frozen=True)
class Mention:
    """A number stated in a text: its value, the figure and unit as written (`1万` `ワット`,
    `10` ` years ago`), and whether it is hedged (about, 约, 약, 以上, 多)."""

    value: float
    figure: str
    unit: str = ""
    hedged: bool = False
    vague: bool = False  # 数百, "hundreds of": `value` is only the order of magnitude

    @property
    def written(self) -> str:
        """Number and unit as the text has them, for quoting in a finding: `1万ワット`."""
        return self.figure + self.unit

    @property
    def kind(self) -> str:
        """What is counted, the same across languages: `year` for 年/년/years, `percent`,
        a sound key for loanword units (ワット = watt); "" when the number has no unit."""
        return unit_kind(self.unit) or (unit_kind(self.figure[0]) if self.figure[0] in _CURRENCY else "")

    @property
    def reportable(self) -> bool:
        """Worth quoting to a fact-checker: it says what it counts (a unit), it is a year, or it
        is a vague quantity (only ever noted beside the same one)."""
        return self.vague or bool(self.kind) or (self.value.is_integer() and 1900 <= self.value <= 2100 and
                                   len(self.figure) == 4)


def numbers_in(text: str) -> list[float]:
    """Numeric values written in a text, in any of the forms articles and captions use:
    `10,000`, `1万`, `一万`, `1.5万`, `2万5000`, `三千五百`, `1만`, `13%`, and English number
    words (`ten thousand`, `three years`), as anchors for alignment. Lone 0s and 1s are dropped
    ("one of them" and 一緒 are not claims). A vague quantity (数百, "hundreds of") is the negative
    of its order of magnitude (-100): it meets the same vague quantity in another language, never
    a figure."""
    return [-m.value if m.vague else m.value for m in number_mentions(text)]


def number_mentions(text: str) -> list[Mention]:
    """Every number stated in a text, with its unit; see numbers_in. Vague quantities come back
    marked `vague`, valued at their order of magnitude (数百 and "hundreds of" → 100), so that the
    checks can note "hundreds" against "hundreds" and never compare them with a figure."""
    return list(_mentions(text))


@lru_cache(maxsize=16384)  # the aligner and the checks read the same sentences and lines again
def _mentions(text: str) -> tuple[Mention, ...]:
    text = unicodedata.normalize("NFKC", text)
    out: list[Mention] = []
    if _LATIN.search(text):
        def vague(m: re.Match) -> str:  # before "thousands" becomes 1000
            words = re.findall(r"ten|dozen|score|hundred|thousand|million|billion|trillion", m.group(0).lower())
            magnitude = 1.0
            for word in words:
                magnitude *= _VAGUE_MAGNITUDE[word]
            out.append(Mention(magnitude, re.sub(r"\s+(?:and\s+)?(?:of\s*)?$", "", m.group(0).strip()), vague=True))
            return "many "

        text = _VAGUE_LATIN.sub(vague, text)
        text = _DIGITS_AND_WORD.sub(_times_word, text)  # 3.5 billion → 3500000000
        text = english_number_words_to_digits(text)
    text = _BIG_UNIT_SPACE.sub(r"\1", text)  # 2만 200 → 2만200
    for m in _VAGUE_IDIOM.finditer(text):
        out.append(Mention(_VAGUE_IDIOMS[m.group(0)], m.group(0), vague=True))
    text = _VAGUE_IDIOM.sub("许多", text)
    for m in _VAGUE_KOREAN.finditer(text):  # 수십, 수백만, 몇천: tens, millions, thousands
        magnitude = math.prod(_SMALL_UNITS.get(c) or _BIG_UNITS[c] for c in m.group(1))
        out.append(Mention(float(magnitude), m.group(0), _unit_after(text, m.end()), vague=True))
    for m in _NUMERAL_RUN.finditer(text):
        run = m.group(0).rstrip(".,")
        start, end = m.start(), m.start() + len(run)
        if _is_name_part(text, start):
            continue
        before = _VAGUE_BEFORE.search(text[max(0, start - 2):start]) if not run[0].isdigit() else None
        after = _VAGUE_AFTER.match(text, end)
        if before or after:  # 几百, 十几: "some hundreds", a magnitude and not a figure
            value = parse_cjk_number(run)
            if value:
                first = start - len(before.group(0)) if before else start
                last = after.end() if after else end
                out.append(Mention(10.0 ** math.floor(math.log10(value)), text[first:last],
                                   _unit_after(text, last), vague=True))
            continue
        if _maybe_a_word(text, run, end):
            continue
        if len(run) > 1 and run[0] == "0" and run[1].isdigit():
            continue  # "01000000": a number-word converter's artefact, not a figure
        value = parse_cjk_number(run)
        if value is None or value in (0, 1):
            continue
        if start and text[start - 1] in _CURRENCY:
            start -= 1  # $5: the currency is the unit
        hedged = bool(_HEDGE_BEFORE.search(text[max(0, start - 16):start]))
        after = _HEDGE_AFTER.match(text, end)
        if after:
            hedged, end = True, after.end()
        unit = _unit_after(text, end)
        if unit and _HEDGE_AFTER.match(text, end + len(unit)):
            hedged = True
        out.append(Mention(value, text[start:end], unit, hedged))
    return tuple(out)


# --- vague and hedged quantities ----------------------------------------------------------------

_VAGUE_LATIN = re.compile(
    r"\b(?:(?:a\s+few|a\s+couple(?:\s+of)?|several|many|some|few)\s+)?"
    r"(?:(?:tens|dozens|scores|hundreds|thousands|millions|billions|trillions)\b(?:\s+(?:and\s+)?of\b)?\s*)+"
    r"|\b(?:a\s+few|a\s+couple(?:\s+of)?|several|many)\s+(?:dozen|hundred|thousand|million|billion)s?\b"
    r"|\ba\s+dozen\b",
    re.IGNORECASE)
# 几万, 数百, 上千, 成千上万, 何十, 몇: "some tens of thousands", not a figure
_VAGUE_BEFORE = re.compile(r"(?:几|幾|数|數|上|成|何|好几|몇)$")
# 十几, 十数, 二十几
_VAGUE_AFTER = re.compile(r"[几幾数數]")
_VAGUE_IDIOMS = {"成千上万": 1e4, "成千上萬": 1e4, "千千万万": 1e4, "千千萬萬": 1e4, "成百上千": 1e3,
                 "数以万计": 1e4, "數以萬計": 1e4, "数以千计": 1e3, "数以百计": 1e2}
_VAGUE_IDIOM = re.compile("|".join(_VAGUE_IDIOMS))
_VAGUE_KOREAN = re.compile(r"(?<![\uac00-\ud7af])(?:수|몇)([십백천만억]+)")
_VAGUE_MAGNITUDE = {"ten": 10, "dozen": 10, "score": 10, "hundred": 100, "thousand": 1e3, "million": 1e6,
                    "billion": 1e9, "trillion": 1e12}
_BARE_TEN_UNITS = ("年", "人", "个", "個", "倍", "次", "回", "天", "岁", "歳", "万", "億", "亿")
_HEDGE_BEFORE = re.compile(
    r"(?:\b(?:about|around|roughly|approximately|nearly|almost|some|over|under|more\s+than|less\s+than"
    r"|fewer\s+than|up\s+to|at\s+least|at\s+most|close\s+to)\s+|~\s*|约|約|大约|大約|大概|将近|將近|近"
    r"|超过|超過|多达|多達|逾|およそ|ほぼ|最大|最多|至少|약\s?|대략\s?|거의\s?|최대\s?|최소\s?)$",
    re.IGNORECASE)
_HEDGE_AFTER = re.compile(
    r"(?:\+|多|余|餘|来|來|左右|上下|前後|前后|以上|以下|以内|未満|くらい|ぐらい|ほど|程度|強|弱|여|\s?이상"
    r"|\s?이하|\s?정도|쯤|남짓|가량|\s+or\s+(?:so|more)|-ish|\s+plus\b)")


def _maybe_a_word(text: str, run: str, end: int) -> bool:
    """A numeral that starts with its unit (千万, 百万, 万一, 十分) is as often a word (by all
    means, in case, enough) as a figure; 十五 and 十年 are figures."""
    if run[0] in _SMALL_UNITS or run[0] in _BIG_UNITS:
        if run[0] != "十":
            return True
        return len(run) == 1 and not text.startswith(_BARE_TEN_UNITS, end)
    return False


def _is_name_part(text: str, start: int) -> bool:
    """A digit glued to Latin letters is part of a name (GPT-3, A100), not a quantity."""
    return start >= 2 and text[start - 1] == "-" and text[start - 2].isalpha()


# --- units --------------------------------------------------------------------------------------

# What a number counts, by the unit words of the languages articles are written in. Anything else
# is a unit too (a loanword like ワット, an English noun), compared by its sound.
_KINDS = {
    "year": "年 年間 年间 年代 년 year yr",
    "month": "个月 個月 ヶ月 か月 カ月 ケ月 月 개월 달 month",
    "week": "周 週 週間 주 week",
    "day": "天 日 日間 일 day",
    "hour": "小时 小時 時間 时 時 시간 hour hr",
    "minute": "分钟 分鐘 分 분 minute min",
    "second": "秒 초 second sec",
    "age": "岁 歲 歳 살 세",
    "people": "人 名 位 명 people person persons employee",
    "times": "倍 배 次 回 번 time x",
    "percent": "% パーセント 퍼센트 percent pct",
    "dollar": "美元 美金 ドル 달러 dollar buck usd $",
    "yuan": "元 块 塊 人民币 위안 yuan rmb",
    "yen": "円 日元 엔 yen",
    "won": "원 韩元 ウォン won",
    "euro": "欧元 ユーロ 유로 euro eur €",
    "item": "个 個 개 つ",
    "kilometre": "公里 キロメートル 킬로미터 km kilometre kilometer",
    "kilogram": "公斤 キログラム 킬로그램 kg kilogram",
}
_UNIT_KIND = {word: kind for kind, words in _KINDS.items() for word in words.split()}
# Han and Hangul units are a closed list (a figure before any other character is bare: 3号作 is not
# "3 号作"); katakana after a figure is a loanword unit; a Latin unit is the next word.
_CJK_UNIT = re.compile(
    r"\s?(?:年間|年间|年代|年来|年目|年|个月|個月|[ヶかカケ]月|月|周|週間|週|天|日間|日|小时|小時|時間|时|分钟|分鐘|"
    r"分|秒|岁|歲|歳|人|名|位|倍|次|回|个|個|件|家|种|種|台|张|張|枚|本|篇|条|條|项|項|层|層|级|級|代|番目|番|"
    r"点|點|部|章|页|頁|行|字|步|轮|輪|美元|美金|元|块|塊|円|日元|韩元|欧元|公里|千米|米|公斤|克|吨|噸|瓦|度|つ|"
    r"社|校|冊|册|杯|匹|頭|头|羽|軒|店|曲|語|所|座|只|隻|架|辆|輛|首|门|門|份|期|集|歩|%|[\u30a0-\u30ff]+|"
    r"개월|년\s?전|년\s?후|년|달러|달|주|일|시간|분|초|살|세|명|개|번|배|원|위안|엔|유로|대|권|장|층|"
    r"퍼센트|킬로미터|킬로그램|(?![이가은는을를에의도와과로만])[\uac00-\ud7af]{1,5})(?:(?!前後|前后)(?:前|後|后|以来|间|間|目))?")
# a Latin unit is a lower-case word or an acronym (GPUs), never a capitalised name (2019 Tesla)
_LATIN_UNIT = re.compile(r"\s?%|[ -](?:per ?cent|[a-z]+|[A-Z]{2,}s?)(?: ago| old)?\b")
_CURRENCY = "$€¥£"


def _unit_after(text: str, end: int) -> str:
    """The unit written after a number (ワット, 年前, %, watts, years ago), as written."""
    m = _CJK_UNIT.match(text, end)
    if m:
        return m.group(0)
    m = _LATIN_UNIT.match(text, end)
    if m and m.group(0).strip().lower() not in STOPWORDS:
        return m.group(0)
    return ""


_UNIT_AFFIX = re.compile(r"(?:前|後|后|以来|间|間|目|전|후|\s+ago|\s+old)$", re.IGNORECASE)


_HANGUL_PARTICLE = re.compile(r"(?:을|를|이|가|은|는|에|의|도|로|으로|에서|부터|까지|만)$")


@lru_cache(maxsize=4096)
def unit_kind(unit: str) -> str:
    """`年前` and ` years ago` → `year`; `ワット` and ` watts` → a shared sound key; "" for none."""
    from .text import phonetic_key, stem

    word = re.sub(r"\s+", " ", unit.strip(" -")).strip()
    base = _UNIT_AFFIX.sub("", word).strip()
    if len(base) > 1 and "\uac00" <= base[-1] <= "\ud7af":
        base = _HANGUL_PARTICLE.sub("", base)  # 미터를 → 미터
    if not base:
        return ""
    lower = base.lower().replace(" ", "")
    if lower in _UNIT_KIND or base in _UNIT_KIND:
        return _UNIT_KIND.get(lower) or _UNIT_KIND[base]
    if lower.isascii():
        for singular in (lower[:-1] if lower.endswith("s") else lower, stem(lower)):
            if singular in _UNIT_KIND:
                return _UNIT_KIND[singular]
        lower = stem(lower)
    if re.fullmatch(r"[a-z]+|[\u30a0-\u30ff]+", lower):
        key = phonetic_key(lower)
        return "~" + key if key else "~" + lower
    return base


# --- values -------------------------------------------------------------------------------------

_BIG_UNIT_SPACE = re.compile(r"([万萬億亿兆만억조])\s+(?=\d)")


def parse_cjk_number(run: str) -> float | None:
    """`1万` → 10000, `2万5000` → 25000, `三千五百` → 3500, `3.5亿` → 3.5e8, `1만2천` → 12000,
    `10,000` → 10000, `一九八四` → 1984, and the spoken shortening `两千五` → 2500, `一万二` → 12000."""
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
    last_unit = 0  # the unit just before `number`, for 两千五 = 2500
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
            if ch in "〇零":
                last_unit = 0  # 一千零五 is 1005
        elif ch in _SMALL_UNITS:
            section += (number if number is not None else 1.0) * _SMALL_UNITS[ch]
            number, last_unit = None, _SMALL_UNITS[ch]
        elif ch in _BIG_UNITS:
            section += number or 0.0
            total += (section if section or number is not None else 1.0) * _BIG_UNITS[ch]
            section, number, last_unit = 0.0, None, _BIG_UNITS[ch]
        else:
            return None
        i += 1
    if (number is not None and last_unit >= 100 and len(run) >= 2
            and (run[-2] in _SMALL_UNITS or run[-2] in _BIG_UNITS)):
        number *= last_unit / 10  # spoken shortening: a lone digit after 千 counts hundreds
    return total + section + (number or 0.0)


_NUMBER_WORDS = re.compile(
    r"\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
    r"ninety|hundred|thousand|million|billion|trillion)\b",
    re.IGNORECASE,
)


_MAGNITUDE = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_DIGITS_AND_WORD = re.compile(r"(?<![\d.,])(\d+(?:\.\d+)?)\s+(thousand|million|billion|trillion)\b", re.IGNORECASE)


def _times_word(m: re.Match) -> str:
    value = float(m.group(1)) * _MAGNITUDE[m.group(2).lower()]
    return str(int(value)) if value.is_integer() else str(value)


def english_number_words_to_digits(text: str) -> str:
    """`ten thousand watts` → `10000 watts` (text2num), leaving "one of them" alone."""
    if not _NUMBER_WORDS.search(text):
        return text
    from text_to_num import alpha2digit

    try:
        return alpha2digit(text, "en")
    except Exception:  # text2num is strict about odd input; numbers are a bonus, not a must
        return text
