"""Numbers the excerpt shares with the video, and numbers it changes: at most one finding of each
kind per excerpt, each number quoted with its unit on both sides.

Only figures that say what they count are compared (a unit, or a year; any figure in a
same-language quote), and a changed figure is
reported only against a figure of the same kind in the span (years against years, percent against
percent), so a long passage full of numbers does not draw a mismatch for every one it renders
differently. Vague quantities (数百, dozens) are never compared with figures, only noted when the
video says the same order of magnitude (几百 = a few hundred); hedged ones (about 20, 约1万)
differ only when they are far apart.
"""

from __future__ import annotations

from .. import model as M
from ..align import Alignment
from ..align import numbers as N
from ..align import text as T
from ..align.units import PreparedTranscript
from ..model import Finding

HEDGE_TOLERANCE = 0.25  # "about 20" is consistent with 18..25, not with 12


def number_findings(al: Alignment, pt: PreparedTranscript) -> list[Finding]:
    """Numbers the excerpt shares with its span (noted) and numbers it changes (flagged)."""
    if al.match is None or al.verdict == "unsupported":
        return []
    # one caption line either side: a span's edges are only as sure as a line
    lo, hi = max(0, al.match.first_segment - 1), min(pt.n - 1, al.match.last_segment + 1)
    said = N.number_mentions(" ".join(pt.texts[lo : hi + 1]))
    text = al.text or al.excerpt.text
    # a translation's figure must say what it counts to be compared; a same-language quote is the
    # speaker's own words, where any changed figure is a changed claim
    mentions = [m for m in N.number_mentions(text) if m.reportable or al.same_language]
    written = [m for m in mentions if not m.vague]
    said, said_vague = [s for s in said if not s.vague], [s for s in said if s.vague]
    out: list[Finding] = []
    agreed = (_agreements(written, said) + _agreements([m for m in mentions if m.vague], said_vague)
              + _alphanumeric_agreements(text, al.match.text))
    if agreed:
        pairs = list(dict.fromkeys(agreed))
        shown = ", ".join(w if w == s else f"{w} ({s})" for w, s in pairs)
        verb = "agrees" if len(pairs) == 1 else "agree"
        out.append(Finding(M.NUMBER_AGREES, "info", f"{shown} {verb} with the video.",
                           {"article": ", ".join(w for w, _ in pairs), "video": ", ".join(s for _, s in pairs),
                            "numbers": [{"article": w, "video": s} for w, s in pairs]}))
    changed = _changes(written, said)
    if changed:
        article = list(dict.fromkeys(w.written for w, _ in changed))
        video = list(dict.fromkeys(s.written for _, rivals in changed for s in rivals))
        out.append(Finding(M.NUMBER_MISMATCH, "warning",
                           f"The article says {', '.join(article)} where the video says {', '.join(video)}.",
                           {"article": article, "video": video}))
    elif al.same_language and al.excerpt.role != "paraphrase":
        values = {s.value for s in said}
        unsaid = list(dict.fromkeys(w.written for w in written if not w.hedged and w.value not in values))
        if unsaid:
            out.append(Finding(M.NUMBER_MISMATCH, "warning",
                               f"The article says {', '.join(unsaid)}, which the video does not say here.",
                               {"article": unsaid, "video": []}))
    return out


def _agreements(written: list[N.Mention], said: list[N.Mention]) -> list[tuple[str, str]]:
    out = []
    for w in written:
        same = [s for s in said if s.value == w.value]
        if same:
            best = next((s for s in same if s.kind == w.kind), same[0])
            out.append((w.written, best.written if _says_its_unit(best, w) else best.figure))
    return out


def _says_its_unit(said: N.Mention, written: N.Mention) -> bool:
    """Is the word after the video's figure its unit? (`10 years ago`, `1万2000ページ`, but not
    the `again` of "twenty-two again".)"""
    return (said.kind == written.kind or not said.unit.isascii() or not said.kind.startswith("~")
            or said.vague)


def _changes(written: list[N.Mention], said: list[N.Mention]) -> list[tuple[N.Mention, list[N.Mention]]]:
    """Article figures the span does not say, each with the span's figures of the same kind that
    the article does not render: a changed claim, not a figure the translation left out."""
    said_values = {s.value for s in said}
    written_values = {w.value for w in written}
    out = []
    for w in written:
        if w.value in said_values:
            continue
        rivals = [s for s in said if s.kind == w.kind and s.value not in written_values]
        if not rivals or any(_close(w, s) for s in rivals):
            continue
        out.append((w, rivals))
    return out


def _close(a: N.Mention, b: N.Mention) -> bool:
    """Hedged figures (about 20, 约1万, 100多) only claim a neighbourhood."""
    if not (a.hedged or b.hedged):
        return False
    return abs(a.value - b.value) <= HEDGE_TOLERANCE * max(abs(a.value), abs(b.value))


def _alphanumeric_agreements(text: str, span: str) -> list[tuple[str, str]]:
    """Names that carry a number (GPT-3, A100, M1) and that the span says too: a changed digit
    there would be a changed claim."""
    said = {T.name_key(w) for w in T.latin_words(span)}
    tokens = dict.fromkeys(w for w in T.latin_words(text)
                           if any(c.isdigit() for c in w) and any(c.isalpha() for c in w))
    return [(token, token) for token in tokens if T.name_key(token) in said]
