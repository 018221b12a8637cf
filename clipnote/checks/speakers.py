"""Who says it: quotes that join two speakers' words, and quotes credited to the wrong one."""

from __future__ import annotations

from typing import Sequence

from .. import model as M
from ..align import Alignment
from ..align.units import PreparedTranscript
from ..model import ClipResult, Finding
from ..timecode import format_hms


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
