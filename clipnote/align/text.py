"""Text normalisation for alignment: scripts, sentences, tokens, numbers, names and loanword keys.

Everything here is pure and cheap (no model): these are the lexical signals that survive
translation (numbers, Latin-script names, katakana loanwords) and the word overlap that decides
same-language quotes.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Sequence

# --- scripts and language ---------------------------------------------------------------------

_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
_HAN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")


def script_of(text: str) -> str:
    """`ja`, `ko`, `zh` or `latin` (or `other`): enough to tell a translation from a same-language
    quote, which is all the aligner needs."""
    kana = len(_KANA.findall(text))
    hangul = len(_HANGUL.findall(text))
    han = len(_HAN.findall(text))
    latin = len(_LATIN.findall(text))
    if hangul and hangul >= kana:
        return "ko"
    if kana:
        return "ja"
    if han and han * 2 >= latin:
        return "zh"
    if latin:
        return "latin"
    return "other"


# The commonest words of the alphabetic languages articles quote in: enough to tell English from
# Portuguese in a sentence or two, which is all the aligner needs to know (words or meaning?).
_FUNCTION_WORDS = {
    "en": "the and of to a in is it that you was for on are with as i be this have not but what they at",
    "pt": "de que e o a do da em um para é com não uma os no se na por mais as dos como mas foi ao",
    "es": "de la que el en y a los se del las un por con no una su para es al lo como más pero",
    "fr": "de la le et les des en un du une que est pour qui dans pas au sur ne se plus par il je",
    "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es",
    "it": "di e il la che in a per un è del non una con i da si le dei come ma sono anche più",
    "nl": "de en van het een in is dat op te zijn voor met die niet aan er om ook als maar bij",
}
_FUNCTION_SETS = {lang: frozenset(words.split()) for lang, words in _FUNCTION_WORDS.items()}


def latin_language(text: str) -> str | None:
    """The most likely of en/pt/es/fr/de/it/nl for an alphabetic text, by its function words;
    None when it has too few of them to tell."""
    words = re.findall(r"[a-zà-ÿ']+", text.lower())
    if not words:
        return None
    counts = {lang: sum(1 for w in words if w in fw) for lang, fw in _FUNCTION_SETS.items()}
    best = max(counts, key=counts.get)
    ranked = sorted(counts.values(), reverse=True)
    if ranked[0] < 2 or ranked[0] == ranked[1]:
        return None
    return best


def is_cjk_script(script: str) -> bool:
    return script in ("ja", "ko", "zh")


# --- sentences ----------------------------------------------------------------------------------

_QUOTED = re.compile(r"「([^「」]+)」|『([^『』]+)』|“([^“”]+)”|\"([^\"]+)\"|«([^«»]+)»")


def quoted_speech(text: str) -> str | None:
    """The words inside quotation marks when a paragraph quotes someone in the middle of the
    author's own prose (佐伯さんによると「…」と説明); None when there is no substantial quotation
    (a title in 「」 or a single quoted term is not the quote)."""
    parts = [next(g for g in m.groups() if g) for m in _QUOTED.finditer(text)]
    parts = [p.strip() for p in parts if len(_content_chars(p)) >= 8]
    if not parts:
        return None
    quoted = sum(len(_content_chars(p)) for p in parts)
    if quoted < 0.25 * len(_content_chars(text)):
        return None
    # one line per quotation: two quoted phrases are two things said, not one sentence whose
    # words run on from one into the other (`"that app shouldn't exist" … "blew my mind"`)
    return "\n".join(parts)

_TRANSLATOR_NOTE = re.compile(r"[（(]\s*[*＊※][^）)]*[）)]|\[\s*[*＊※][^\]]*\]")


_TIMESTAMP = re.compile(
    r"[\[(（]?\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*[–—~〜-]\s*\d{1,2}:\d{2}(?::\d{2})?)?\b[\])）]?")


# a speaker named in brackets at either end — `… [Sam Altman]`, `[Garry Tan] …` — attributes the
# line (meeting-style summaries); the name is not something said, and comparing it with the
# transcript counts it as an anchor the span lacks
_BRACKETED_SPEAKER = re.compile(
    r"^\s*\[(?:[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}|[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af・ ]{1,12})\]\s*"
    r"|\s*\[(?:[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}|[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af・ ]{1,12})\]\s*$")


def alignment_text(text: str, role: str = "quote") -> str:
    """What of an excerpt to compare with the video: without a translator's notes, timestamp
    labels or a bracketed speaker name at either end, and for a quotation inside the author's
    prose, only the quoted words."""
    clean = strip_translator_notes(text) or text
    clean = re.sub(r"\s{2,}", " ", _TIMESTAMP.sub(" ", clean)).strip() or clean
    clean = _BRACKETED_SPEAKER.sub("", clean).strip() or clean
    if role in ("quote", "paraphrase"):
        clean = quoted_speech(clean) or clean
    return clean


def strip_translator_notes(text: str) -> str:
    """Drop a translator's bracketed notes — `（*テスラAI Director）`, `(* Dojo)`, `[※…]` — which
    explain the quote rather than render it."""
    return re.sub(r"\s{2,}", " ", _TRANSLATOR_NOTE.sub(" ", text)).strip()


_SENTENCE_END = re.compile(r"(?<=[。？！?!])\s*|(?<=[.;])\s+(?=[\"'“(\[A-Z0-9\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af])"
                           r"|\s*(?:\[\s*(?:\.\.\.|…)\s*\]|\.\.\.|…)\s*|\n+")


def split_sentences(text: str, *, max_chars: int = 160) -> list[str]:
    """Sentences of an excerpt; very long ones are cut at commas so each piece can find its own
    caption lines."""
    out: list[str] = []
    for part in _SENTENCE_END.split(text):
        part = part.strip()
        if not part:
            continue
        out.extend(_cut_long(part, max_chars))
    merged: list[str] = []
    for part in out:  # fold fragments ("だから....", "So.") into their neighbour
        if merged and len(_content_chars(part)) < 6:
            merged[-1] = merged[-1] + " " + part
        else:
            merged.append(part)
    if len(merged) > 1 and len(_content_chars(merged[0])) < 6:
        merged[1] = merged[0] + " " + merged[1]
        merged.pop(0)
    return merged


def _content_chars(text: str) -> str:
    return re.sub(r"[\W_]+", "", text)


def _cut_long(sentence: str, max_chars: int) -> list[str]:
    if len(sentence) <= max_chars:
        return [sentence]
    pieces = re.split(r"(?<=[,、，;；:：])\s*", sentence)
    out: list[str] = []
    current = ""
    for piece in pieces:
        if current and len(current) + len(piece) > max_chars:
            out.append(current.strip())
            current = piece
        else:
            current = current + (" " if current and not is_cjk_script(script_of(current)) else "") + piece
    if current.strip():
        out.append(current.strip())
    return out


# --- tokens -------------------------------------------------------------------------------------

_WORD = re.compile(r"[0-9]+(?:[.,][0-9]+)*%?|[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\u3400-\u4dbf\uac00-\ud7af]+")

# Words that carry no evidence on their own (English fillers and function words). IDF weighting
# already discounts them; this list only keeps them out of bigrams and names.
STOPWORDS = frozenset(
    """a an the and or but so if then than that this these those it its it's i i'm im you you're
    we we're they they're he she him her his them our your my me us be is are was were been being
    am do does did done have has had having will would can could should shall may might must of
    to in on at by for with from as into about like just really very yeah yes oh um uh well okay
    ok right know mean kind sort gonna wanna there here what which who whom whose when where why
    how not no all any some one also too more most much many lot lots get got thing things say
    said go going""".split()
)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light English stemmer: enough to meet `watts`/`watt`, `trained`/`training`/`train`."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("ly", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not w.endswith("ss"):
            w = w[: -len(suffix)] + keep
            break
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]  # "stopp" → "stop"
    return w


def word_tokens(text: str) -> list[str]:
    """Normalised tokens for lexical overlap: stemmed lowercase words for alphabetic scripts and
    character bigrams for CJK runs (which have no spaces to split on)."""
    text = unicodedata.normalize("NFKC", text)
    out: list[str] = []
    for m in _WORD.finditer(text):
        token = m.group(0)
        if _CJK_RUN.fullmatch(token):
            out.extend(_cjk_bigrams(token))
            continue
        for run in _CJK_RUN.split(token) if _CJK_RUN.search(token) else [token]:
            if run:
                out.append(stem(run.replace(",", "")) if not run[0].isdigit() else run.replace(",", ""))
        for run in _CJK_RUN.findall(token):
            out.extend(_cjk_bigrams(run))
    return out


def _cjk_bigrams(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


# --- names and loanwords ------------------------------------------------------------------------

_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-'’.][A-Za-z0-9]+)*")
_KATAKANA_WORD = re.compile(r"[\u30a0-\u30ff]{2,}(?:[・=＝][\u30a0-\u30ff]{2,})*")


def latin_words(text: str) -> list[str]:
    """Latin-script words as written (`Dojo`, `GPT-3`, `SpaceX`)."""
    return _LATIN_WORD.findall(unicodedata.normalize("NFKC", text))


@lru_cache(maxsize=65536)
def name_key(word: str) -> str:
    """`GPT-3` and `GPT3`, `Andrej's` and `andrej`: one key for comparing names."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    return _NOT_ALNUM.sub("", w)


_NOT_ALNUM = re.compile(r"[^a-z0-9]")


def katakana_words(text: str) -> list[str]:
    return [w for w in _KATAKANA_WORD.findall(text) if w.strip("ー・")]


@lru_cache(maxsize=65536)
def phonetic_key(word: str) -> str:
    """A consonant skeleton that a katakana loanword and its English source share:
    テスラ → `tsr` = tesla → `tsr`; ラーニング → `rnng` = learning. Vowels and the l/r, v/b
    distinctions that Japanese does not keep are dropped."""
    from anyascii import anyascii

    w = anyascii(word).lower() if not word.isascii() else word.lower()
    w = re.sub(r"[^a-z]", "", w)
    for a, b in (("ph", "f"), ("th", "s"), ("ck", "k"), ("qu", "kw"), ("x", "ks"), ("l", "r"),
                 ("v", "b"), ("c", "k"), ("q", "k"), ("z", "s"), ("j", "g"), ("w", "")):
        w = w.replace(a, b)
    w = re.sub(r"[aeiouy]", "", w)
    return re.sub(r"(.)\1+", r"\1", w)


_NOT_NAMES = frozenset("""i im id ill ive ok okay dr mr mrs ms prof st mt jr sr
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday""".split())


def proper_names(texts: Sequence[str]) -> frozenset[str]:
    """Name keys of the words the transcript capitalises inside sentences and never writes in
    lower case (Tesla, Elon, SpaceX): its proper names. Words seen capitalised only at the start of
    a sentence (So, Honestly, Wow) are not names; captions in lower case (most automatic ones)
    have none to offer, so no name is ever claimed missing from them."""
    inside: set[str] = set()
    lower: set[str] = set()
    acronyms: set[str] = set()  # AI, GPU, CEO: terms more than names, kept as they are in translation
    sentence_start = True
    for line in texts:
        for m in WORD_OR_STOP.finditer(line):
            token = m.group(0)
            if token in ".?!":
                sentence_start = True
                continue
            key = name_key(token)
            if key:
                if token.isupper() and len(key) <= 4:
                    acronyms.add(key)
                if token[0].islower():
                    lower.add(key)
                elif not sentence_start:
                    inside.add(key)
            sentence_start = False
    names = frozenset(k for k in inside - lower
                      if len(k) >= 2 and k not in STOPWORDS and k not in _NOT_NAMES and not k.isdigit()
                      and k not in acronyms)
    return names


WORD_OR_STOP = re.compile(r"[A-Za-z][A-Za-z0-9'’-]*|[.?!]")
