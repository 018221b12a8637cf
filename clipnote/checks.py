"""What a fact-checker wants flagged (DESIGN §6), from a clip, its transcript and the alignments.

Pure functions: each check looks at the alignment results and returns Findings; `check_clip`
puts them together into a ClipResult.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

import re

from rapidfuzz import fuzz

from . import model as M
from .align import Alignment
from .align import text as T
from .align.units import PreparedTranscript
from .config import Thresholds
from .model import Clip, ClipResult, ExcerptResult, Finding, Transcript
from .timecode import format_clock, format_hms, format_offset


def check_clip(clip: Clip, transcript: Transcript, pt: PreparedTranscript,
               alignments: Sequence[Alignment], thresholds: Thresholds = Thresholds()) -> ClipResult:
    excerpts = []
    for al in alignments:
        findings = [
            *verdict_findings(al),
            *number_findings(al, pt),
            *name_findings(al, pt),
            *omission_findings(al, pt, thresholds),
            *order_findings(al),
        ]
        excerpts.append(ExcerptResult(al.excerpt, al.verdict, al.match, tuple(_at(findings, al.excerpt.line))))
    speaker = speaker_findings(alignments, pt)
    excerpts = [replace(r, findings=r.findings + tuple(speaker.get(r.excerpt.line, ()))) for r in excerpts]
    clip_findings = [*drift_findings(clip, alignments, thresholds), *label_findings(clip, thresholds),
                     *transcript_caveats(transcript, alignments)]
    return ClipResult(clip=clip, transcript=transcript, excerpts=tuple(excerpts),
                      findings=tuple(_at(clip_findings, clip.line)))


def _at(findings: list[Finding], line: int) -> list[Finding]:
    return [f if f.line is not None else replace(f, line=line) for f in findings]


# --- verdicts -----------------------------------------------------------------------------------


def verdict_findings(al: Alignment) -> list[Finding]:
    confidence = round(float(al.features.get("confidence", 0.0)), 2)
    paraphrase = al.excerpt.role == "paraphrase"
    what = "paraphrase" if paraphrase else "quote"
    if al.verdict == "unsupported":
        where = ""
        if al.match is not None:
            where = f"; the closest passage, at {format_hms(al.match.start)}, does not say it"
        how = ("its words are not in the transcript" if al.same_language
               else "no passage of the video says this")
        return [Finding(M.UNSUPPORTED, "warning" if paraphrase else "error",
                        f"This {what} is not in the video: {how}{where}.",
                        {"confidence": confidence})]
    if al.verdict == "weak" and al.match is not None:
        return [Finding(M.WEAK, "info" if paraphrase else "warning",
                        f"Only a weak match for this {what}, at {format_hms(al.match.start)}: "
                        f"check it against the video (confidence {confidence:.2f}).",
                        {"confidence": confidence, "start": al.match.start})]
    return []


def order_findings(al: Alignment) -> list[Finding]:
    out = []
    if al.match is None or al.verdict == "unsupported":
        return out
    if al.match.out_of_order:
        out.append(Finding(M.OUT_OF_ORDER, "info",
                           f"Said at {format_hms(al.match.start)}, out of the order the article gives: "
                           "the article rearranges the conversation here.",
                           {"start": al.match.start}))
    for start, end, ratio in al.match.alternatives:
        out.append(Finding(M.REPEATED, "info",
                           f"The same passage is also said at {format_hms(start)}; reported here is the "
                           f"occurrence nearest the clip's start ({format_hms(al.match.start)}).",
                           {"start": start, "end": end, "ratio": ratio}))
    return out


# --- timestamps ---------------------------------------------------------------------------------


def quotes_start(alignments: Sequence[Alignment]) -> float | None:
    """Where the clip's quoted passage begins: its first supported, in-order match."""
    starts = [al.match.start for al in alignments
              if al.match is not None and al.verdict == "supported" and not al.match.out_of_order
              and al.excerpt.role != "paraphrase"]
    if not starts:
        starts = [al.match.start for al in alignments
                  if al.match is not None and al.verdict == "supported" and not al.match.out_of_order]
    return min(starts) if starts else None


def drift_findings(clip: Clip, alignments: Sequence[Alignment], th: Thresholds) -> list[Finding]:
    begin = quotes_start(alignments)
    if begin is None or clip.kind == "label":
        return []
    if clip.start is None:
        if begin < th.drift_seconds:
            return []
        return [Finding(M.DRIFT, "info",
                        f"The {_what(clip)} has no start time, but the quoted passage begins at "
                        f"{format_hms(begin)}: a link with t={int(begin)} would take readers there.",
                        {"seconds": round(begin, 2), "clip_start": None, "quotes_start": round(begin, 2)})]
    drift = begin - clip.start
    if -th.early_seconds < drift < th.drift_seconds:
        return []
    if drift > 0:
        message = (f"The {_what(clip)} starts at {format_hms(clip.start)} but the quoted passage begins "
                   f"at {format_hms(begin)} ({format_offset(drift)}): readers land "
                   f"{_duration(drift)} early.")
    else:
        message = (f"The {_what(clip)} starts at {format_hms(clip.start)}, after the quoted passage has "
                   f"begun at {format_hms(begin)} ({format_offset(drift)}): readers miss its first "
                   f"{_duration(-drift)}.")
    return [Finding(M.DRIFT, "warning", message,
                    {"seconds": round(drift, 2), "clip_start": clip.start, "quotes_start": round(begin, 2)})]


def label_findings(clip: Clip, th: Thresholds) -> list[Finding]:
    if clip.label_seconds is None or clip.start is None:
        return []
    if abs(clip.label_seconds - clip.start) <= th.label_seconds:
        return []
    return [Finding(M.LABEL_MISMATCH, "warning",
                    f"The link's visible label says {clip.label or format_clock(clip.label_seconds)} "
                    f"but the link itself starts at {format_clock(clip.start)}.",
                    {"label_seconds": clip.label_seconds, "link_seconds": clip.start,
                     "seconds": round(clip.label_seconds - clip.start, 2)})]


def _what(clip: Clip) -> str:
    return {"embed": "embed", "link": "link", "front-matter": "video"}.get(clip.kind, "clip")


def _duration(seconds: float) -> str:
    seconds = abs(seconds)
    if seconds < 90:
        return f"{round(seconds)} seconds"
    if seconds < 5400:
        return f"{round(seconds / 60)} minutes"
    return f"{seconds / 3600:.1f} hours"


# --- numbers ------------------------------------------------------------------------------------


def number_findings(al: Alignment, pt: PreparedTranscript) -> list[Finding]:
    """Numbers the excerpt shares with its span (noted) and numbers it changes (flagged)."""
    if al.match is None or al.verdict == "unsupported":
        return []
    # one caption line either side: a span's edges are only as sure as a line
    lo, hi = max(0, al.match.first_segment - 1), min(pt.n - 1, al.match.last_segment + 1)
    said = T.number_mentions(" ".join(pt.texts[lo : hi + 1]))
    said_values = {v for v, _ in said}
    written = T.number_mentions(al.text or al.excerpt.text)
    out: list[Finding] = []
    agreed = [(w, next(s for v, s in said if v == value)) for value, w in written if value in said_values]
    for w, s in dict.fromkeys(agreed):
        same = w == s
        out.append(Finding(M.NUMBER_AGREES, "info",
                           f"{w} agrees with the video" + ("" if same else f" ({s})") + ".",
                           {"article": w, "video": s}))
    for token in _alphanumeric_names(al.text or al.excerpt.text):
        key = T.name_key(token)
        if any(T.name_key(w) == key for w in T.latin_words(al.match.text)):
            out.append(Finding(M.NUMBER_AGREES, "info", f"{token} agrees with the video.",
                               {"article": token, "video": token}))
    missing = [(v, w) for v, w in written if v not in said_values]
    unmatched_said = [(v, s) for v, s in said if v not in {x for x, _ in written}]
    if missing and unmatched_said:
        article = ", ".join(dict.fromkeys(w for _, w in missing))
        video = ", ".join(dict.fromkeys(s for _, s in unmatched_said))
        out.append(Finding(M.NUMBER_MISMATCH, "warning",
                           f"The article says {article} where the video says {video}.",
                           {"article": [w for _, w in missing], "video": [s for _, s in unmatched_said]}))
    elif missing and al.same_language and al.excerpt.role != "paraphrase":
        article = ", ".join(dict.fromkeys(w for _, w in missing))
        out.append(Finding(M.NUMBER_MISMATCH, "warning",
                           f"The article says {article}, which the video does not say here.",
                           {"article": [w for _, w in missing], "video": []}))
    return out


def _alphanumeric_names(text: str) -> list[str]:
    """Names that carry a number (GPT-3, A100, M1): a changed digit there is a changed claim."""
    return list(dict.fromkeys(w for w in T.latin_words(text)
                              if any(c.isdigit() for c in w) and any(c.isalpha() for c in w)))


# --- names --------------------------------------------------------------------------------------


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


# --- speakers -----------------------------------------------------------------------------------


def speaker_findings(alignments: Sequence[Alignment], pt: PreparedTranscript) -> dict[int, list[Finding]]:
    """Where captions mark speaker changes (`>>`), flag a quote that runs across one (words of two
    people stitched together) and consecutive quotes whose labels disagree with the turns."""
    out: dict[int, list[Finding]] = {}
    if not pt.has_turn_marks:
        return out
    matched = [al for al in alignments if al.match is not None and al.verdict != "unsupported"]
    for al in matched:
        if al.excerpt.role == "paraphrase":
            continue  # a summary may well cover both sides of a conversation
        a, b = al.match.first_segment, al.match.last_segment
        changes = [k for k in range(a + 1, b + 1) if pt.turns[k] != pt.turns[k - 1]]
        if changes:
            at = pt.starts[changes[0]]
            who = f" attributed to {al.excerpt.speaker}" if al.excerpt.speaker else ""
            out.setdefault(al.excerpt.line, []).append(Finding(
                M.SPEAKER_MISMATCH, "warning",
                f"This quote{who} runs across a change of speaker at {format_hms(at)}: "
                "it joins the words of two people.",
                {"change_at": float(at), "speaker": al.excerpt.speaker}, line=al.excerpt.line))
    for prev, cur in zip(matched, matched[1:]):
        if not (prev.excerpt.speaker and cur.excerpt.speaker):
            continue
        t_prev = pt.turns[prev.match.first_segment]
        t_cur = pt.turns[cur.match.first_segment]
        same_label = _same_person(prev.excerpt.speaker, cur.excerpt.speaker)
        if same_label and t_cur == t_prev + 1:
            out.setdefault(cur.excerpt.line, []).append(Finding(
                M.SPEAKER_MISMATCH, "warning",
                f"Labelled {cur.excerpt.speaker} like the quote before it, but the speaker changes "
                f"at {format_hms(pt.starts[cur.match.first_segment])} in the video.",
                {"speaker": cur.excerpt.speaker, "previous_line": prev.excerpt.line}, line=cur.excerpt.line))
        elif not same_label and t_cur == t_prev:
            out.setdefault(cur.excerpt.line, []).append(Finding(
                M.SPEAKER_MISMATCH, "warning",
                f"Labelled {cur.excerpt.speaker}, but in the video the same person is still speaking "
                f"as in the quote before it (labelled {prev.excerpt.speaker}).",
                {"speaker": cur.excerpt.speaker, "previous_line": prev.excerpt.line}, line=cur.excerpt.line))
    return out


def turn_parity_findings(results: Sequence[ClipResult], pt: PreparedTranscript) -> dict[tuple[int, int], Finding]:
    """Across all clips of one video in an article: in a two-person conversation whose captions
    mark every change of speaker, turns alternate, so the quotes one person is credited with
    fall in turns of the same parity. A quote whose turn has the other parity, while at least
    two others credited to the same person agree with each other, was probably said by the other
    person. Returns findings keyed by (clip index, excerpt index)."""
    if not _two_person_conversation(pt):
        return {}
    by_person: dict[str, list[tuple[int, int, int]]] = {}
    for ci, clip in enumerate(results):
        for ei, ex in enumerate(clip.excerpts):
            if ex.match is None or ex.verdict != "supported" or not ex.excerpt.speaker:
                continue
            parity = int(pt.turns[ex.match.first_segment]) % 2
            by_person.setdefault(_person_key(ex.excerpt.speaker), []).append((ci, ei, parity))
    out: dict[tuple[int, int], Finding] = {}
    for person, items in by_person.items():
        if len(items) < 3:
            continue
        odd = sum(p for _, _, p in items)
        majority = 1 if odd * 2 > len(items) else 0
        minority = [(ci, ei) for ci, ei, p in items if p != majority]
        if not minority or len(items) - len(minority) < 2 or len(minority) * 3 > len(items):
            continue
        for ci, ei in minority:
            ex = results[ci].excerpts[ei]
            out[(ci, ei)] = Finding(
                M.SPEAKER_MISMATCH, "warning",
                f"Credited to {ex.excerpt.speaker}, but said in a turn of the other speaker: the "
                f"captions mark a change of speaker at {format_hms(pt.starts[_turn_start(pt, ex.match.first_segment)])}, "
                f"and the other quotes credited to {ex.excerpt.speaker} fall in the alternate turns.",
                {"speaker": ex.excerpt.speaker, "turn_start": float(pt.starts[_turn_start(pt, ex.match.first_segment)])},
                line=ex.excerpt.line)
    return out


def _two_person_conversation(pt: PreparedTranscript) -> bool:
    """Do the captions look like two people taking turns (a podcast, an interview), rather than a
    talk with a few questions at the end? Many marked turns, and both alternate sets of turns
    hold some of the speaking time (an interviewer may ask short questions)."""
    if not pt.has_turn_marks or int(pt.turns[-1]) < 10:
        return False
    durations = pt.ends - pt.starts
    odd = float(durations[pt.turns % 2 == 1].sum())
    total = float(durations.sum()) or 1.0
    return 0.05 <= odd / total <= 0.95


def _turn_start(pt: PreparedTranscript, line: int) -> int:
    while line > 0 and pt.turns[line - 1] == pt.turns[line]:
        line -= 1
    return line


def _person_key(name: str) -> str:
    words = [w for w in name.lower().replace(".", " ").split() if w not in ("dr", "mr", "ms", "mrs", "prof")]
    return words[-1] if words else name.lower()


def _same_person(a: str, b: str) -> bool:
    a, b = a.strip().lower(), b.strip().lower()
    return a == b or a in b.split() or b in a.split()


# --- omissions ----------------------------------------------------------------------------------


def omission_findings(al: Alignment, pt: PreparedTranscript, th: Thresholds) -> list[Finding]:
    """A long stretch inside the matched span that none of the excerpt's sentences renders."""
    if al.match is None or al.verdict != "supported" or al.excerpt.role == "paraphrase":
        return []
    a, b = al.match.first_segment, al.match.last_segment
    covered = [False] * (b - a + 1)
    if al.same_language:
        mine = set(T.word_tokens(al.text or al.excerpt.text))
        for k in range(a, b + 1):
            toks = set(T.word_tokens(pt.texts[k]))
            covered[k - a] = bool(toks) and len(toks & mine) / len(toks) >= 0.3
    else:
        for first, last in al.covered:
            for k in range(max(a, first), min(b, last) + 1):
                covered[k - a] = True
    out: list[Finding] = []
    k = 0
    while k < len(covered):
        if covered[k]:
            k += 1
            continue
        j = k
        while j + 1 < len(covered) and not covered[j + 1]:
            j += 1
        start, end = pt.starts[a + k], pt.ends[a + j]
        inside = 0 < k and j < len(covered) - 1  # a gap at the edge is a boundary, not an omission
        if inside and end - start >= th.omission_seconds:
            said = " ".join(pt.texts[a + k : a + j + 1])
            marked = "…" in al.excerpt.text or "..." in al.excerpt.text
            out.append(Finding(M.OMISSION, "info" if marked else "warning",
                               f"{round(end - start)} seconds of the video inside this quote are left out "
                               f"({format_hms(start)}–{format_hms(end)})"
                               + (", where the article marks a cut." if marked else " without a mark."),
                               {"start": float(start), "end": float(end), "text": said[:300]}))
        k = j + 1
    return out


# --- the transcript itself ----------------------------------------------------------------------


def transcript_caveats(transcript: Transcript, alignments: Sequence[Alignment]) -> list[Finding]:
    out: list[Finding] = []
    provider = (transcript.provider or "").lower()
    if transcript.generated or "asr" in provider:
        out.append(Finding(M.TRANSCRIPT_CAVEAT, "info",
                           "The transcript is YouTube's automatic captions: names and numbers may be "
                           "misheard, so a mismatch can be the captions' fault.",
                           {"generated": True}))
    elif "whisper" in provider or "speech" in provider:
        out.append(Finding(M.TRANSCRIPT_CAVEAT, "info",
                           "The transcript is machine speech recognition: names and numbers may be "
                           "misheard.", {"provider": transcript.provider}))
    if transcript.translated:
        out.append(Finding(M.TRANSCRIPT_CAVEAT, "warning",
                           "The transcript is a machine translation of the video's own language: quotes "
                           "are compared with a translation.", {"translated": True}))
    if alignments and not any(al.same_language for al in alignments):
        spoken = f" (the video is in {transcript.language})" if transcript.language else ""
        out.append(Finding(M.TRANSCRIPT_CAVEAT, "info",
                           f"The article renders the video in another language{spoken}: quotes are "
                           "matched by meaning, numbers and names, not word for word.",
                           {"cross_language": True, "language": transcript.language}))
    return out
