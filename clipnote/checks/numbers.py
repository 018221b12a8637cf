"""Numbers the excerpt shares with the video, and numbers it changes."""

from __future__ import annotations

from .. import model as M
from ..align import Alignment
from ..align import numbers as N
from ..align import text as T
from ..align.units import PreparedTranscript
from ..model import Finding


def number_findings(al: Alignment, pt: PreparedTranscript) -> list[Finding]:
    """Numbers the excerpt shares with its span (noted) and numbers it changes (flagged)."""
    if al.match is None or al.verdict == "unsupported":
        return []
    # one caption line either side: a span's edges are only as sure as a line
    lo, hi = max(0, al.match.first_segment - 1), min(pt.n - 1, al.match.last_segment + 1)
    said = N.number_mentions(" ".join(pt.texts[lo : hi + 1]))
    said_values = {v for v, _ in said}
    written = N.number_mentions(al.text or al.excerpt.text)
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
