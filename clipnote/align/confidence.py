"""From alignment features to a calibrated confidence and a verdict.

Two models, because the evidence differs: a same-language quote is judged on its words (coverage
of its words and word pairs by the span — an invented quote on the right topic has the topic's
words but not the speaker's sentences), a translation on meaning and anchors (share of its
sentences the DP could place, how far they stand out, the whole excerpt's similarity to the span).
The translation weights are fitted by `benchmarks/calibrate.py` on the gold files (the samples',
the seed's and the real-world cases' in ../shared/realworld: every excerpt against its own video,
and against an unrelated one as a negative); it also reports them held out by case. A translation
whose clip's own time agrees with where it was found (`hint_agrees`) has one more piece of
evidence, which summaries with a time on every bullet need: their short lines match loosely.
The same-language and paraphrase weights are set by hand: the gold separates the former cleanly,
and holds too few paraphrases (and no invented one on the right topic) to fit the latter.
`benchmarks/accuracy.py` reports how well calibrated the result is (Brier score, expected
calibration error, share right per confidence bin). The cut-offs turn it into a verdict.
"""

from __future__ import annotations

from math import exp
from typing import Mapping

from ..model import Role, Verdict

# logistic weights: (bias, {feature: weight})
SAME_LANGUAGE = (-7.0, {"coverage": 5.0, "pair_coverage": 5.5, "placed_share": 1.5})
# the author's own summary in the video's language: meaning first, but some of the speaker's
# content words should be there too
PARAPHRASE = (-9.0, {"placed_share": 2.5, "placed_margin": 1.5, "meaning": 6.0, "coverage": 3.0})
CROSS_LANGUAGE = (-5.34, {"placed_share": 0.29, "placed_margin": 1.26, "meaning": 3.48,
                          "contiguity": 2.28, "anchor_evidence": 2.54, "local_contrast": 0.53,
                          "hint_agrees": 0.79})

MODELS = {"same-language": SAME_LANGUAGE, "paraphrase": PARAPHRASE, "cross-language": CROSS_LANGUAGE}

SUPPORTED = 0.5
WEAK = 0.25


def derived(features: Mapping[str, float]) -> dict[str, float]:
    """Features computed from others: anchors found minus anchors missed, counting up to three
    (a translation that keeps the speaker's names and numbers is evidence; one whose names and
    numbers are nowhere in the span is evidence against)."""
    anchors = min(float(features.get("anchors", 0.0)), 3.0)
    return {"anchor_evidence": (float(features.get("anchor_share", 0.5)) - 0.5) * anchors / 3.0}


# where a clip's first excerpt may start, relative to the article's own time for it, for the two to
# agree: an article links at or a little before what it renders
HINT_BEFORE = 15.0
HINT_AFTER = 45.0


def hint_agreement(start: float, hint: float | None, *, first: bool) -> float:
    """1.0 when the article's own time for the clip (the hint) and where its first excerpt was
    found agree, else 0.0: the aligner searches the whole video, so a match at the very second
    the article names is independent evidence (one far from it is not evidence against: that is
    a drift finding, not a reason to doubt the words)."""
    if not first or hint is None:
        return 0.0
    return 1.0 if -HINT_BEFORE <= start - hint <= HINT_AFTER else 0.0


def model_for(features: Mapping[str, float], role: Role = "quote") -> str:
    if features.get("same_language"):
        # a paraphrase is judged on meaning even in the video's language: its words are the author's
        return "paraphrase" if role == "paraphrase" else "same-language"
    return "cross-language"


def confidence(features: Mapping[str, float], role: Role = "quote") -> float:
    bias, weights = MODELS[model_for(features, role)]
    values = {**features, **derived(features)}
    z = bias + sum(w * min(float(values.get(name, 0.0)), 3.0) for name, w in weights.items())
    return 1.0 / (1.0 + exp(-z))


def judge(features: Mapping[str, float], role: Role, thresholds=None) -> tuple[Verdict, float]:
    """The verdict and its confidence; `thresholds` (config.Thresholds) may move the cut-offs."""
    p = confidence(features, role)
    if features.get("span_score", 0.0) <= 0.0 and features.get("placed_share", 0.0) == 0.0:
        p = min(p, 0.05)
    hi = thresholds.supported if thresholds is not None else SUPPORTED
    lo = thresholds.weak if thresholds is not None else WEAK
    if p >= hi:
        return "supported", p
    if p >= lo:
        return "weak", p
    return "unsupported", p
