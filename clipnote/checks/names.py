"""Names said in the video that the excerpt drops, or renders as something else."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from .. import model as M
from ..align import Alignment
from ..align import text as T
from ..align.units import PreparedTranscript
from ..model import Finding


def names_said(text: str, known: frozenset[str]) -> list[str]:
    """Full names in a span's text, consecutive name words joined: "Rosa Delgado", "Elon"."""
    out: list[str] = []
    current: list[str] = []
    for m in T.WORD_OR_STOP.finditer(text):
        word = m.group(0)
        key = T.name_key(word)
        if key in known and not any(c.isdigit() for c in key):
            current.append(re.sub(r"['’]s$", "", word))
            continue
        if current:
            out.append(" ".join(current))
            current = []
    if current:
        out.append(" ".join(current))
    return list(dict.fromkeys(out))


RENDERED = 72  # how alike (0-100) a katakana word must sound to a name to be its rendering
GARBLED = 52  # ... and to be worth suggesting as a garbled one


def _sounds_like(katakana: str, key: str, name: str, name_key: str) -> float:
    """How alike a katakana word and a Latin name sound, 0-100: their romanisations with l and r
    merged (テスラ ~ Tesla 91, イーロン ~ Elon 75, ナイロン ~ Elon 60), or their consonant
    skeletons when those are long enough to mean something."""
    from anyascii import anyascii

    roman = re.sub(r"[^a-z]", "", anyascii(katakana).lower())
    latin = re.sub(r"[^a-z]", "", name.lower()).replace("l", "r")
    score = fuzz.ratio(roman, latin) if roman and latin else 0.0
    if key and name_key and len(key) >= 2 and len(name_key) >= 2:
        score = max(score, 100.0 if key == name_key else 0.8 * fuzz.ratio(key, name_key))
    return score


def name_findings(al: Alignment, pt: PreparedTranscript, text: str | None = None) -> list[Finding]:
    """Names said in the matched span that the excerpt drops, or renders as something else."""
    if al.match is None or al.verdict == "unsupported":
        return []
    known = pt.proper_names
    said = names_said(al.match.text, known) if known else []
    if not said:
        return []
    text = text if text is not None else (al.text or al.excerpt.text)
    latin = {T.name_key(w) for w in T.latin_words(text)}
    katakana = [(w, T.phonetic_key(w)) for w in T.katakana_words(text)]
    # Hangul words, and Han runs in Chinese (where names are written by sound); in Japanese, kanji
    # are words, not sounds
    pattern = r"[\uac00-\ud7af]+|[\u4e00-\u9fff]+" if T.script_of(text) == "zh" else r"[\uac00-\ud7af]+"
    other_keys = [T.phonetic_key(w) for w in re.findall(pattern, text)]
    used: set[str] = set()
    severity = "info" if al.excerpt.role == "paraphrase" else "warning"
    out: list[Finding] = []
    for name in said:
        parts = name.split()
        keys = [T.name_key(p) for p in parts]
        if any(k in latin or any(len(k) >= 4 and fuzz.ratio(k, x) >= 80 for x in latin) for k in keys):
            continue
        sounds = [T.phonetic_key(p) for p in parts]
        likeness = {w: max(_sounds_like(w, k, p, snd) for p, snd in zip(parts, sounds)) for w, k in katakana}
        rendered = [w for w, score in likeness.items() if score >= RENDERED]
        if rendered or any(snd and len(snd) >= 2 and any(o.startswith(snd) for o in other_keys) for snd in sounds):
            used.update(rendered)
            continue
        score, garbled = max(((v, w) for w, v in likeness.items() if w not in used), default=(0, None))
        if garbled is not None and score >= GARBLED:
            used.add(garbled)
            out.append(Finding(M.NAME_MISSING, severity,
                               f"The video says “{name}” here; the article has no such name — "
                               f"perhaps garbled as 「{garbled}」.",
                               {"name": name, "garbled": garbled}))
        else:
            out.append(Finding(M.NAME_MISSING, "info",
                               f"The video names “{name}” here; the article leaves the name out.",
                               {"name": name, "garbled": None}))
    return out
