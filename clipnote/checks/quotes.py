"""Findings about a quote itself: its verdict, where it stands in the order of the talk, and
stretches of the video it leaves out."""

from __future__ import annotations

from .. import model as M
from ..align import Alignment
from ..align import text as T
from ..align.units import PreparedTranscript
from ..config import Thresholds
from ..model import Finding
from ..timecode import format_hms


def verdict_findings(al: Alignment) -> list[Finding]:
    confidence = round(float(al.features.get("confidence", 0.0)), 2)
    paraphrase = al.excerpt.role == "paraphrase"
    what = "paraphrase" if paraphrase else "quote"
    if al.excerpt.author_note:  # the author's own remark: worth a look, never a fault
        what = "note of the author's"
    if al.verdict == "unsupported":
        where = ""
        if al.match is not None:
            where = f"; the closest passage, at {format_hms(al.match.start)}, does not say it"
        how = ("its words are not in the transcript" if al.same_language
               else "no passage of the video says this")
        return [Finding(M.UNSUPPORTED, _severity(al, "warning" if paraphrase else "error"),
                        f"This {what} is not in the video: {how}{where}.",
                        {"confidence": confidence})]
    if al.verdict == "weak" and al.match is not None:
        return [Finding(M.WEAK, _severity(al, "info" if paraphrase else "warning"),
                        f"Only a weak match for this {what}, at {format_hms(al.match.start)}: "
                        f"check it against the video (confidence {confidence:.2f}).",
                        {"confidence": confidence, "start": al.match.start})]
    return []


def _severity(al: Alignment, severity: str) -> str:
    return "info" if al.excerpt.author_note else severity


def order_findings(al: Alignment) -> list[Finding]:
    out = []
    if al.match is None or al.verdict == "unsupported":
        return out
    if al.match.out_of_order:
        out.append(Finding(M.OUT_OF_ORDER, "info",
                           f"Said at {format_hms(al.match.start)}, out of the order the article gives: "
                           "the article rearranges the conversation here.",
                           {"start": al.match.start}))
    if al.match.alternatives:  # one finding for all the other places it is said
        (start, end, ratio), *more = al.match.alternatives
        where = ", ".join(format_hms(s) for s, _, _ in al.match.alternatives)
        out.append(Finding(M.REPEATED, "info",
                           f"The same passage is also said at {where}; reported here is the "
                           f"occurrence nearest the clip's start ({format_hms(al.match.start)}).",
                           {"start": start, "end": end, "ratio": ratio,
                            "also": [{"start": s, "end": e, "ratio": r} for s, e, r in more]}))
    return out


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
    gaps: list[tuple[float, float, str]] = []
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
            gaps.append((float(start), float(end), " ".join(pt.texts[a + k : a + j + 1])))
        k = j + 1
    if not gaps:
        return []
    # one finding for every stretch left out of this quote
    marked = "…" in al.excerpt.text or "..." in al.excerpt.text
    seconds = round(sum(end - start for start, end, _ in gaps))
    where = ", ".join(f"{format_hms(start)}–{format_hms(end)}" for start, end, _ in gaps)
    start, end, said = gaps[0]
    return [Finding(M.OMISSION, "info" if marked else "warning",
                    f"{seconds} seconds of the video inside this quote are left out ({where})"
                    + (", where the article marks a cut." if marked else " without a mark."),
                    {"start": start, "end": end, "text": said[:300],
                     "also": [{"start": s, "end": e} for s, e, _ in gaps[1:]]})]
