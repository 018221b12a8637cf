"""Fit the confidence model (clipnote/align/confidence.py) on the gold files.

    python benchmarks/calibrate.py [--samples samples] [--seed ../shared/seed]
                                   [--realworld ../shared/realworld] [--examples FILE] [--show]

Every excerpt of every gold file is aligned against its own video (a positive when its match is
right at IoU >= 0.5, a negative otherwise, invented quotes included), and again against a video it
does not come from (always a negative: a translation must not "find itself" in an unrelated talk
on a neighbouring topic). The real-world cases' gold passages are added the same way, with their
text taken from the article as benchmarks/alignment_oracle.py does (right when placed within 10 s
or at IoU >= 0.5). A logistic regression per model (same-language quotes, translations,
paraphrases) is fitted with a little L2 regularisation, and its weights printed in the form
confidence.py holds them; figures held out by group (each gold file or case judged by a fit made
without it) say what the weights are worth on an article they have not seen. Prints figures;
changes nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


@dataclass(frozen=True)
class Example:
    model: str  # which confidence model judges it (confidence.model_for)
    features: dict
    right: int  # 1 when the match is where the gold says
    group: str  # the gold file or real-world case it comes from: cross-validation holds out whole groups
    kind: str  # faithful, loose, not-in-video, other-video (a negative control), key-point


def examples(samples: Path, seed: Path | None) -> list[Example]:
    from accuracy import find_golds, temporal_iou

    from clipnote.align import align_clip
    from clipnote.align.confidence import model_for
    from clipnote.align.embed import default_encoder
    from clipnote.align.stored import load_or_prepare
    from clipnote.article.scan import scan_file
    from clipnote.transcripts import TranscriptStore

    encoder = default_encoder()
    rows: list[Example] = []
    golds = find_golds(samples, seed)
    prepared: dict[str, object] = {}
    clips = []
    for gold in golds:
        store = TranscriptStore(gold.transcripts, offline=True)
        article = scan_file(gold.article)
        for clip in article.clips:
            if not clip.excerpts:
                continue
            transcript = store.get(clip.video_id, article_path=gold.article)
            prepared.setdefault(clip.video_id, load_or_prepare(transcript, encoder))
            clips.append((gold, clip))
    videos = sorted(prepared)
    for gold, clip in clips:
        by_line = {g.line: g for g in gold.excerpts}
        for alignment in align_clip(clip.excerpts, prepared[clip.video_id], clip.start, encoder):
            g = next((x for line, x in by_line.items() if x.covers(alignment.excerpt.line)), None)
            if g is None:
                continue
            m = alignment.match
            right = bool(g.in_video and m is not None and g.start is not None
                         and temporal_iou(m.start, m.end, g.start, g.end) >= 0.5)
            rows.append(Example(model_for(alignment.features, alignment.excerpt.role), dict(alignment.features),
                                int(right), gold.name, "faithful" if g.in_video else "not-in-video"))
        other = videos[(videos.index(clip.video_id) + 1) % len(videos)]
        for alignment in align_clip(clip.excerpts, prepared[other], clip.start, encoder):
            rows.append(Example(model_for(alignment.features, alignment.excerpt.role), dict(alignment.features),
                                0, gold.name, "other-video"))
    return rows


def realworld_examples(realworld: Path) -> list[Example]:
    """The real-world cases' gold passages, with extraction taken out of the question
    (benchmarks/alignment_oracle.py, with the article's other passages around them): each against its own video (right when placed within 10 s or
    at IoU >= 0.5), and against the next case's video (always wrong)."""
    from alignment_oracle import FAITHFUL, LOOSE, align_case, prepare_case

    from clipnote.align.confidence import model_for
    from clipnote.align.embed import default_encoder

    encoder = default_encoder()
    cases = sorted(p for p in realworld.glob("*/") if (p / "gold.json").exists())
    prepared = {case.name: prepare_case(case, encoder) for case in cases}
    rows: list[Example] = []
    for n, case in enumerate(cases):
        other = cases[(n + 1) % len(cases)].name
        for own, against in ((True, prepared[case.name]), (False, prepared[other])):
            for r in align_case(case, encoder, against, everything=True):
                kind = ("key-point" if r["kind"] == "key-point" else "faithful" if r["verdict_gold"] in FAITHFUL
                        else "loose" if r["verdict_gold"] in LOOSE else "not-in-video")
                if not own:
                    kind = "other-video"
                rows.append(Example(model_for(r["features"], r["role"]), r["features"],
                                    int(own and r["placed"] and r["start"] is not None), case.name, kind))
    return rows


def fit(x: np.ndarray, y: np.ndarray, l2: float = 0.002, steps: int = 20000, lr: float = 0.5):
    """Logistic regression by gradient descent (a handful of features, a few hundred rows)."""
    w = np.zeros(x.shape[1])
    b = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        grad_w = x.T @ (p - y) / len(y) + l2 * w
        grad_b = float(np.mean(p - y))
        w -= lr * grad_w
        b -= lr * grad_b
    return b, w


def logistic(x: np.ndarray, b: float, w: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(x @ w + b)))


def held_out(x: np.ndarray, y: np.ndarray, groups: list[str]) -> np.ndarray:
    """Each example's confidence from a model fitted without its whole group (its gold file or
    case): what the fit is worth on an article it has not seen."""
    out = np.full(len(y), np.nan)
    for group in sorted(set(groups)):
        mask = np.array([g == group for g in groups])
        if len({*y[~mask]}) < 2:
            continue
        b, w = fit(x[~mask], y[~mask])
        out[mask] = logistic(x[mask], b, w)
    return out


def verdict_table(kinds: list[str], p: np.ndarray, supported: float, weak: float) -> str:
    lines = []
    for kind in ("faithful", "loose", "key-point", "not-in-video", "other-video"):
        sel = np.array([k == kind for k in kinds]) & ~np.isnan(p)
        if not sel.any():
            continue
        q = p[sel]
        lines.append(f"      {kind:<13} n={int(sel.sum()):<4} supported {np.mean(q >= supported):4.0%}  "
                     f"weak {np.mean((q >= weak) & (q < supported)):4.0%}  unsupported {np.mean(q < weak):4.0%}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from clipnote.align.confidence import MODELS, SUPPORTED, WEAK, derived

    shared = Path(os.environ.get("CLIPNOTE_SHARED", ROOT.parent / "shared"))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--samples", type=Path, default=ROOT / "samples")
    parser.add_argument("--seed", type=Path, default=shared / "seed")
    parser.add_argument("--realworld", type=Path, default=shared / "realworld")
    parser.add_argument("--examples", type=Path,
                        help="keep the aligned examples in this file (JSON lines) and reuse it when it exists")
    parser.add_argument("--show", action="store_true", help="print every example's features")
    args = parser.parse_args(argv)
    if args.examples and args.examples.exists():
        rows = [Example(**json.loads(line)) for line in args.examples.read_text(encoding="utf-8").splitlines()]
    else:
        rows = examples(args.samples, args.seed if args.seed.exists() else None)
        if args.realworld.exists():
            rows += realworld_examples(args.realworld)
        if args.examples:
            args.examples.write_text("".join(json.dumps(r.__dict__) + "\n" for r in rows), encoding="utf-8")
    for name, (bias, weights) in MODELS.items():
        data = [r for r in rows if r.model == name]
        if len(data) < 8 or len({r.right for r in data}) < 2:
            print(f"{name}: {len(data)} examples, not enough to fit")
            continue
        names = list(weights)
        x = np.array([[min(float({**r.features, **derived(r.features)}.get(n, 0.0)), 3.0) for n in names]
                      for r in data])
        y = np.array([r.right for r in data], dtype=float)
        groups = [r.group for r in data]
        kinds = [r.kind for r in data]
        b, w = fit(x, y)
        p_now = logistic(x, bias, np.array([weights[n] for n in names]))
        p_cv = held_out(x, y, groups)
        known = ~np.isnan(p_cv)
        print(f"{name}: {len(y)} examples ({int(y.sum())} right) from {len(set(groups))} groups; "
              f"Brier now {np.mean((p_now - y) ** 2):.3f}, held out {np.mean((p_cv[known] - y[known]) ** 2):.3f}")
        print(f"    fitted on all: ({b:.2f}, {{" + ", ".join(f'"{n}": {v:.2f}' for n, v in zip(names, w)) + "})")
        print("    verdicts with the weights now (training figures for the groups they were fitted on):")
        print(verdict_table(kinds, p_now, SUPPORTED, WEAK))
        print("    verdicts held out (each group judged by a fit without it):")
        print(verdict_table(kinds, p_cv, SUPPORTED, WEAK))
        if args.show:
            for r, row, po, pc in zip(data, x, p_now, p_cv):
                print("     ", r.group, r.kind, int(r.right), f"{po:.2f} held-out {pc:.2f}",
                      json.dumps(dict(zip(names, np.round(row, 2).tolist()))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
