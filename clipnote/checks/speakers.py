"""Who says it: quotes that join two speakers' words, and quotes credited to the wrong one."""

from __future__ import annotations

import re
from typing import Sequence

import numpy as np
from rapidfuzz import fuzz

from .. import model as M
from ..align import Alignment
from ..align.units import PreparedTranscript
from ..model import ClipResult, Finding
from ..timecode import format_hms


def speaker_findings(alignments: Sequence[Alignment], pt: PreparedTranscript) -> dict[int, list[Finding]]:
    """Where the transcript names its speakers (`Sarah: …`), flag a passage whose label names
    another of them. Where captions only mark speaker changes (`>>`, `- `), flag a quote that runs
    across one (words of two people stitched together) and consecutive quotes whose labels
    disagree with the turns."""
    matched = [al for al in alignments if al.match is not None and al.verdict != "unsupported"]
    named = named_speakers(pt)
    if named is not None:
        return _named_findings(matched, pt, named)
    out: dict[int, list[Finding]] = {}
    turns = turns_of(pt)
    if turns is None:
        return out
    for al in matched:
        if al.excerpt.role in ("paraphrase", "topic"):
            continue  # a summary may well cover both sides of a conversation, a topic's stretch too
        a, b = al.match.first_segment, al.match.last_segment
        changes = [k for k in range(a + 1, b + 1) if turns[k] != turns[k - 1]]
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
        t_prev = turns[prev.match.first_segment]
        t_cur = turns[cur.match.first_segment]
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
    turns = turns_of(pt)
    if turns is None or named_speakers(pt) is not None or not _two_person_conversation(pt, turns):
        return {}
    by_person: dict[str, list[tuple[int, int, int]]] = {}
    for ci, clip in enumerate(results):
        for ei, ex in enumerate(clip.excerpts):
            if ex.match is None or ex.verdict != "supported" or not ex.excerpt.speaker:
                continue
            parity = int(turns[ex.match.first_segment]) % 2
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
                f"captions mark a change of speaker at {format_hms(pt.starts[_turn_start(turns, ex.match.first_segment)])}, "
                f"and the other quotes credited to {ex.excerpt.speaker} fall in the alternate turns.",
                {"speaker": ex.excerpt.speaker, "turn_start": float(pt.starts[_turn_start(turns, ex.match.first_segment)])},
                line=ex.excerpt.line)
    return out


def _two_person_conversation(pt: PreparedTranscript, turns: np.ndarray) -> bool:
    """Do the captions look like two people taking turns (a podcast, an interview), rather than a
    talk with a few questions at the end? Many marked turns, and both alternate sets of turns
    hold some of the speaking time (an interviewer may ask short questions)."""
    if int(turns[-1]) < 10:
        return False
    durations = pt.ends - pt.starts
    odd = float(durations[turns % 2 == 1].sum())
    total = float(durations.sum()) or 1.0
    return 0.05 <= odd / total <= 0.95


def _turn_start(turns: np.ndarray, line: int) -> int:
    while line > 0 and turns[line - 1] == turns[line]:
        line -= 1
    return line


def _person_key(name: str) -> str:
    words = [w for w in name.lower().replace(".", " ").split() if w not in ("dr", "mr", "ms", "mrs", "prof")]
    return words[-1] if words else name.lower()


def _same_person(a: str, b: str) -> bool:
    a, b = a.strip().lower(), b.strip().lower()
    return a == b or a in b.split() or b in a.split()


# --- turn marks and named speakers ----------------------------------------------------------------

_DASH_TURN = re.compile(r"^\s*-\s")
MIN_DASH_TURNS = 3  # a line or two starting "- " may be a list, not a dialogue


def turns_of(pt: PreparedTranscript) -> np.ndarray | None:
    """Speaker-turn number per caption line from the marks captions put at a change of speaker:
    `>>` (YouTube), or a leading `- ` (dialogue dashes in subtitle files); None without marks."""
    if pt.has_turn_marks:
        return pt.turns
    if "dash_turns" not in pt._cache:
        marks = [bool(_DASH_TURN.match(s.text)) for s in pt.transcript.segments]
        pt._cache["dash_turns"] = (np.cumsum(np.array(marks, dtype=np.int64))
                                   if sum(marks) >= MIN_DASH_TURNS else None)
    return pt._cache["dash_turns"]


_NAME_PREFIX = re.compile(r"^\s*(?:>>\s*)?([^\W_][\w.'’ -]{0,29}?)\s*[:：]\s+\S")
_NOT_A_SPEAKER = frozenset("note notes update edit music applause laughter transcript source summary "
                           "q a question answer chapter part step http https".split())
MIN_NAMED_SHARE = 0.02  # of caption lines carrying a `Name:` prefix, for the names to be speakers


def named_speakers(pt: PreparedTranscript) -> list[str | None] | None:
    """Who speaks each caption line, where the transcript names its speakers with a `Name: `
    prefix at each turn (`Sarah Sachs: Thanks for having us.`, `SPEAKER_01: …`); None when it
    does not. Spellings of one person (`Alessio`, `Alsesio`) are one speaker."""
    if "named" in pt._cache:
        return pt._cache["named"]
    prefixes = []
    for segment in pt.transcript.segments:
        m = _NAME_PREFIX.match(segment.text)
        name = m.group(1).strip() if m else None
        if name and (len(name.split()) > 4 or name.lower() in _NOT_A_SPEAKER):
            name = None
        prefixes.append(name)
    counts: dict[str, int] = {}
    for name in prefixes:
        if name:
            counts[name] = counts.get(name, 0) + 1
    recurring = {n for n, c in counts.items() if c >= 2}
    result = None
    if len(recurring) >= 2 and sum(counts[n] for n in recurring) >= MIN_NAMED_SHARE * max(pt.n, 1):
        canonical = _merge_spellings(recurring, counts)
        for name in set(counts) - recurring:  # a one-off: a misspelling, or someone unknown
            known = next((canonical[r] for r in recurring if _alike(name, r)), None)
            if known or _looks_like_a_name(name):
                canonical[name] = known  # None: a speaker we cannot hold a label against
        result, current = [], None
        for name in prefixes:
            if name in canonical:
                current = canonical[name]
            result.append(current)
    pt._cache["named"] = result
    return result


def _merge_spellings(names: set[str], counts: dict[str, int]) -> dict[str, str | None]:
    """Each name → the commonest spelling of the same person (`Alsesio` → itself when it is the
    commonest; `Alessio` → `Alsesio`)."""
    canonical: dict[str, str | None] = {}
    for name in sorted(names, key=lambda n: -counts[n]):
        same = next((c for c in dict.fromkeys(canonical.values()) if c and _alike(name, c)), None)
        canonical[name] = same or name
    return canonical


def _alike(a: str, b: str) -> bool:
    """Two spellings of one speaker's name in one transcript (not two people who share a first
    name)."""
    return fuzz.ratio(a.lower(), b.lower()) >= 80


def _looks_like_a_name(prefix: str) -> bool:
    words = prefix.split()
    return len(words) <= 3 and all(w[0].isupper() for w in words)


_TITLES = frozenset("dr mr mrs ms prof sir".split())
_HOST_LABELS = frozenset("host hosts interviewer moderator mc presenter 主持人 主持 司会 司会者 ホスト 聞き手 "
                         "インタビュアー 진행자 사회자 호스트".split())


def _name_words(name: str) -> list[str]:
    words = re.split(r"[\s・·.,、()（）]+", name.lower())
    return [w for w in words if w and w not in _TITLES]


def _same_person_name(label: str, speaker: str) -> bool:
    """`Sarah` ~ `Sarah Sachs`, `Alessio` ~ `Alsesio`, `サラ` ~ `Sarah`: a shared name word,
    spelled alike, or sounding alike for a katakana label."""
    from .names import RENDERED, _sounds_like
    from ..align import text as T

    for x in _name_words(label):
        for y in _name_words(speaker):
            if x == y and len(x) >= 2:
                return True
            if len(x) >= 5 and len(y) >= 5 and x.isascii() and fuzz.ratio(x, y) >= 80:
                return True
            if T.katakana_words(x) and y.isascii() and len(y) >= 3 and \
                    _sounds_like(x, T.phonetic_key(x), y, T.phonetic_key(y)) >= RENDERED:
                return True
    return False


SPAN_SHARE = 0.8  # of a span's words one named speaker must say for the span to be theirs
LABEL_SHARE = 0.2  # ... and the labelled person must say less than this for a mismatch


def _named_findings(matched: Sequence[Alignment], pt: PreparedTranscript,
                    named: list[str | None]) -> dict[int, list[Finding]]:
    """A passage credited to one of the transcript's named speakers that another of them says."""
    speakers = set(n for n in named if n)
    out: dict[int, list[Finding]] = {}
    for al in matched:
        label = al.excerpt.speaker
        a, b = al.match.first_segment, al.match.last_segment
        share: dict[str, int] = {}
        for k in range(a, b + 1):
            if named[k]:
                share[named[k]] = share.get(named[k], 0) + len(pt.texts[k])
        total = sum(share.values())
        if not total:
            continue
        actual, most = max(share.items(), key=lambda kv: kv[1])
        if most < SPAN_SHARE * total:
            continue  # a span that joins two people: no one to hold the label against
        at = format_hms(al.match.start)
        if label and not _is_host_label(label):
            credited = [s for s in speakers if _same_person_name(label, s)]
            if not credited and len(speakers) >= 2 and _full_latin_name(label):
                # a full name the transcript never gives a turn: someone the conversation only
                # mentions (or no one in it) is credited with words a named speaker says
                out.setdefault(al.excerpt.line, []).append(Finding(
                    M.SPEAKER_MISMATCH, "warning",
                    f"Credited to {label}, who does not speak in this video; in the transcript "
                    f"{actual} says this (at {at}).",
                    {"speaker": label, "actual": actual, "start": float(al.match.start)},
                    line=al.excerpt.line))
                continue
            if len(credited) != 1 or credited[0] == actual or share.get(credited[0], 0) >= LABEL_SHARE * total:
                continue  # a name we cannot hold to one speaker, or the right person
            out.setdefault(al.excerpt.line, []).append(Finding(
                M.SPEAKER_MISMATCH, "warning",
                f"Credited to {label}, but in the transcript {actual} says this (at {at}).",
                {"speaker": label, "actual": actual, "start": float(al.match.start)}, line=al.excerpt.line))
        elif (label or al.excerpt.role == "question") and _asks_no_questions(actual, named, pt):
            who = f"Labelled {label}" if label else "Presented as the interviewer's question"
            out.setdefault(al.excerpt.line, []).append(Finding(
                M.SPEAKER_MISMATCH, "warning",
                f"{who}, but in the transcript {actual} says this (at {at}), and {actual} is not the "
                "one asking the questions.",
                {"speaker": label, "actual": actual, "start": float(al.match.start)}, line=al.excerpt.line))
    return out


_FULL_NAME = re.compile(r"[A-Z][a-z]+(?:[-'][A-Za-z]+)?(?: [A-Z][a-z]+(?:[-'][A-Za-z]+)?){1,2}")


def _full_latin_name(label: str) -> bool:
    """`Dana Whitfield`: a first and a last name in Latin letters, so that a speaker list that
    lacks it can be trusted to lack the person (a first name alone, a role or a katakana
    rendering may be a spelling we fail to match)."""
    words = _name_words(label)
    return bool(_FULL_NAME.fullmatch(label.strip())) and not any(w in _HOST_LABELS for w in words)


def _is_host_label(label: str) -> bool:
    return label.strip().lower() in _HOST_LABELS or label.strip() in ("Q", "Q.")


def _asks_no_questions(speaker: str, named: list[str | None], pt: PreparedTranscript) -> bool:
    """Is `speaker` a guest, by the transcript: they have turns, hardly any with a question in it,
    while someone else asks in many of theirs (an interviewer)."""
    asked: dict[str, list[int]] = {}
    for k, name in enumerate(named):
        if name is None:
            continue
        if k == 0 or named[k - 1] != name:
            asked.setdefault(name, []).append(0)
        if "?" in pt.texts[k]:
            asked[name][-1] = 1
    rate = {name: sum(turns) / len(turns) for name, turns in asked.items()}
    mine = asked.get(speaker, [])
    return (len(mine) >= 5 and rate[speaker] < 0.15
            and any(r >= 0.35 and len(asked[n]) >= 5 for n, r in rate.items() if n != speaker))
