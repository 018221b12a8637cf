"""What in the author's text is a claim about the video: quotations long enough to be someone's
words (not a term in quotes), paragraphs long enough to paraphrase something, and their text with
clips and empty brackets taken out."""

from __future__ import annotations

import re

from .excerpts import MARK, MIN_QUOTE_UNITS, Unit
from .inline import quotations, text_units

MIN_PARAPHRASE_UNITS = 5
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def someones_words(text: str) -> list[tuple[int, int, str]]:
    """Quotations long enough to be someone's words rather than a term in quotes, and not named
    as an idea, a term or a saying (`「…」という考え`, `所谓"…"`, `the so-called "…"`)."""
    return [q for q in quotations(text) if text_units(q[2].replace(MARK, " ")) >= MIN_QUOTE_UNITS
            and not _MENTION_BEFORE.search(text[max(0, q[0] - 20):q[0]])
            and not _MENTION_AFTER.match(text, q[1])]


# a quotation the sentence names as an idea or a term rather than gives as someone's words
_MENTION_BEFORE = re.compile(
    r"(?:所谓|所謂|叫做|叫作|称为|稱為|称作|被称为|いわゆる|소위|이른바|"
    r"\b(?:so-called|the (?:term|word|phrase|idea|notion|concept|slogan|label)(?: of)?|dubbed|called))\s*$",
    re.I)
_MENTION_AFTER = re.compile(
    r"\s*(?:(?:という|といった|との|って)(?:考え|概念|発想|アイデア|理念|法則|原則|仮説|見方|"
    r"価値観|用語|標語|スローガン)|と(?:いう|言う)?(?:言われ|呼ばれ|いわれ|よばれ)|"
    r"(?:这个|這個|这一|這一|的|这种|這種)(?:词|詞|概念|说法|說法|口号|口號|标签|標籤)|"
    r"(?:이라는|라는|란) ?(?:개념|용어|생각|아이디어|구호)|"
    r"\s(?:as a (?:term|slogan|label)|is a (?:term|slogan|buzzword)))")


def paraphrasable(unit: Unit) -> bool:
    text = clean(unit.text)
    # a Korean word carries a particle or an ending: three make a claim (`실행은 애플리케이션이 담당한다`)
    least = 3 if _HANGUL.search(text) else MIN_PARAPHRASE_UNITS
    return text_units(text) >= least and not text.endswith((":", "："))


def clean(text: str) -> str:
    text = re.sub(r"[ \t]*" + MARK + r"[ \t]*", " ", text)
    text = re.sub(r"\(\s*\)|\[\s*\]|（\s*）", "", text)
    return re.sub(r"[ \t]{2,}", " ", text).strip()
