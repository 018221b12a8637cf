"""Names said in the video that the excerpt drops, or renders as something else."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from .. import model as M
from ..align import Alignment
from ..align import text as T
from ..align.units import PreparedTranscript
from ..model import Finding


_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s")


def names_said(text: str, known: frozenset[str]) -> list[str]:
    """Full names in a span's text, consecutive name words joined: "Rosa Delgado", "Elon"."""
    out: list[str] = []
    current: list[str] = []
    for m in T.WORD_OR_STOP.finditer(text):
        word = m.group(0)
        key = T.name_key(word)
        # APIs, GPUs: plural acronyms are terms, kept or translated as terms, not names
        if key in known and not any(c.isdigit() for c in key) and not _PLURAL_ACRONYM.fullmatch(word):
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


def _romaji(katakana: str) -> str:
    """Hepburn-like letters for a katakana word, as a name's spelling would have them: anyascii
    gives シュ as "shiyu" and ック as "tku"; here they are "shu" and "kku"."""
    from anyascii import anyascii

    roman = re.sub(r"[^a-z]", "", anyascii(katakana).lower())
    roman = re.sub(r"(sh|ch|j)iy([aou])", r"\1\2", roman)
    roman = re.sub(r"([kgnhbpmr])iy([aou])", r"\1y\2", roman)
    return re.sub(r"t([kstpcdgb])", r"\1\1", roman)


def _sounds_like(katakana: str, key: str, name: str, name_key: str) -> float:
    """How alike a katakana word and a Latin name sound, 0-100: their romanisations with l and r
    merged (テスラ ~ Tesla 91, イーロン ~ Elon 75, ナイロン ~ Elon 60), or their consonant
    skeletons when those are long enough to mean something."""
    roman = _romaji(katakana)
    latin = _latin_sound(name)
    score = fuzz.ratio(roman, latin) if roman and latin else 0.0
    if key and name_key and len(key) >= 2 and len(name_key) >= 2:
        score = max(score, 100.0 if key == name_key else 0.8 * fuzz.ratio(key, name_key))
    return score


def name_findings(al: Alignment, pt: PreparedTranscript, text: str | None = None) -> list[Finding]:
    """Names said in the matched span that the excerpt drops, or renders as something else: one
    finding for the excerpt, the names gathered. A garbled name (Elon written 「ナイロン」) is a
    warning (a note in a paraphrase); a name the article leaves out is a note."""
    if al.match is None or al.verdict == "unsupported":
        return []
    known = pt.proper_names
    said = names_said(al.match.text, known) if known else []
    if not said:
        return []
    text = text if text is not None else (al.text or al.excerpt.text)
    latin = {T.name_key(w) for w in T.latin_words(text)}
    katakana = [(w, T.phonetic_key(w)) for w in T.katakana_words(text)]
    other_keys: list[str] | None = None  # the sounds of the text's other words, once asked for
    used: set[str] = set()
    garbled: dict[str, str] = {}
    dropped: list[str] = []
    for name in said:
        parts = name.split()
        keys = [T.name_key(p) for p in parts]
        if any(k in latin or any(len(k) >= 4 and fuzz.ratio(k, x) >= 80 for x in latin) for k in keys):
            continue
        sounds = [T.phonetic_key(p) for p in parts]
        candidates = list(zip(parts, sounds))
        if len(parts) > 1:
            candidates.append((name, T.phonetic_key(name)))  # サンフランシスコ renders San Francisco whole
        likeness = {w: max(_sounds_like(w, k, p, snd) for p, snd in candidates) for w, k in katakana}
        rendered = [w for w, score in likeness.items() if score >= RENDERED]
        rendered += [w for w, _ in katakana if _begins_with(w, name)]  # ルービックキューブ: Rubik's cube
        if not rendered and other_keys is None:
            other_keys = _sounds_of_other_words(text)
        if rendered or any(snd and len(snd) >= 2 and any(o.startswith(snd) for o in other_keys) for snd in sounds):
            used.update(rendered)
            continue
        guess = _garbled_as(name, likeness, used, al.match.text)
        if guess is not None:
            used.add(guess)
            garbled[name] = guess
        else:
            dropped.append(name)
    paraphrase = al.excerpt.role == "paraphrase"
    if not garbled and not dropped:
        return []
    names = [*garbled, *dropped]
    if garbled:
        first, guess = next(iter(garbled.items()))
        message = f"The video says “{first}” here; the article has no such name — perhaps garbled as 「{guess}」."
        more = [f"“{n}” as 「{g}」" for n, g in list(garbled.items())[1:]]
        if more:
            message += " Perhaps garbled too: " + ", ".join(more) + "."
        if dropped:
            message += f" It also names {_listed(dropped)}, which the article leaves out."
        severity = "info" if paraphrase else "warning"
    else:
        first, guess = dropped[0], None
        message = (f"The video names “{first}” here; the article leaves the name out." if len(dropped) == 1
                   else f"The video names {_listed(dropped)} here; the article has none of them.")
        severity = "info"
    return [Finding(M.NAME_MISSING, severity, message,
                    {"name": first, "garbled": guess, "names": names, "garbled_as": garbled})]


def _sounds_of_other_words(text: str) -> list[str]:
    """Phonetic keys of the Hangul words, and of the Han runs in Chinese (where names are written
    by sound); in Japanese, kanji are words, not sounds."""
    pattern = r"[\uac00-\ud7af]+|[\u4e00-\u9fff]+" if T.script_of(text) == "zh" else r"[\uac00-\ud7af]+"
    return [T.phonetic_key(w) for w in re.findall(pattern, text)]


def _listed(names: list[str]) -> str:
    return ", ".join(f"“{n}”" for n in names)


def _latin_sound(name: str) -> str:
    """A Latin name as katakana would render it, letters only, with l and r merged."""
    return re.sub(r"[^a-z]", "", name.lower()).replace("l", "r")


def _begins_with(katakana: str, name: str) -> bool:
    """A katakana compound that starts with the name's sound: ルービックキューブ (rubitkukiyubu)
    for Rubik. Needs a name of four letters or more to mean anything."""
    roman = _romaji(katakana)
    latin = _latin_sound(name)
    return len(latin) >= 4 and max(fuzz.ratio(latin, roman[: len(latin) + k]) for k in range(3)) >= 85


def _garbled_as(name: str, likeness: dict[str, float], used: set[str], span: str) -> str | None:
    """The katakana word the article probably wrote for a name it garbled: one that sounds like it
    (its romanisation, not only its consonants: ナイロン ~ Elon, not クレイジー ~ Greg) and is not
    the rendering of another word said in the span (クレイジー for "crazy")."""
    for word, score in sorted(likeness.items(), key=lambda kv: -kv[1]):
        if word in used or score < GARBLED:
            continue
        roman = _romaji(word)
        if max(fuzz.ratio(roman, _latin_sound(p)) for p in name.split()) < GARBLED:
            continue
        key = T.phonetic_key(word)
        others = {w for w in T.latin_words(span) if len(w) >= 3 and T.name_key(w) not in
                  {T.name_key(p) for p in name.split()}}
        if any(_sounds_like(word, key, w, T.phonetic_key(w)) >= RENDERED for w in others):
            continue
        return word
    return None
