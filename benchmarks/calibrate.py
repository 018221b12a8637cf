"""Fit the confidence model (clipnote/align/confidence.py) on the gold files.

    python benchmarks/calibrate.py [--samples samples] [--seed ../shared/seed] [--show]

Every excerpt of every gold file is aligned against its own video (a positive when its match is
right at IoU >= 0.5, a negative otherwise, invented quotes included), and again against a video it
does not come from (always a negative: a translation must not "find itself" in an unrelated talk
on a neighbouring topic). A logistic regression per model (same-language quotes, translations,
paraphrases) is fitted with a little L2 regularisation, and its weights printed in the form
confidence.py holds them. Prints figures; changes nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def examples(samples: Path, seed: Path | None):
    from accuracy import find_golds, temporal_iou

    from clipnote.align import align_clip
    from clipnote.align.confidence import model_for
    from clipnote.align.embed import default_encoder
    from clipnote.align.stored import load_or_prepare
    from clipnote.article.scan import scan_file
    from clipnote.transcripts import TranscriptStore

    encoder = default_encoder()
    rows: list[tuple[str, dict, int]] = []
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
            rows.append((model_for(alignment.features, alignment.excerpt.role), dict(alignment.features), int(right)))
        other = videos[(videos.index(clip.video_id) + 1) % len(videos)]
        for alignment in align_clip(clip.excerpts, prepared[other], clip.start, encoder):
            rows.append((model_for(alignment.features, alignment.excerpt.role), dict(alignment.features), 0))
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


def main(argv: list[str] | None = None) -> int:
    from clipnote.align.confidence import MODELS, derived

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--samples", type=Path, default=ROOT / "samples")
    parser.add_argument("--seed", type=Path,
                        default=Path(os.environ.get("CLIPNOTE_SHARED", ROOT.parent / "shared")) / "seed")
    parser.add_argument("--show", action="store_true", help="print every example's features")
    args = parser.parse_args(argv)
    rows = examples(args.samples, args.seed if args.seed.exists() else None)
    for name, (bias, weights) in MODELS.items():
        data = [(f, y) for model, f, y in rows if model == name]
        if len(data) < 8 or len({y for _, y in data}) < 2:
            print(f"{name}: {len(data)} examples, not enough to fit")
            continue
        names = list(weights)
        x = np.array([[min(float({**f, **derived(f)}.get(n, 0.0)), 3.0) for n in names] for f, _ in data])
        y = np.array([y for _, y in data], dtype=float)
        b, w = fit(x, y)
        p_old = np.array([1 / (1 + np.exp(-(bias + sum(weights[n] * v for n, v in zip(names, row))))) for row in x])
        p_new = 1 / (1 + np.exp(-(x @ w + b)))
        brier_old = float(np.mean((p_old - y) ** 2))
        brier_new = float(np.mean((p_new - y) ** 2))
        print(f"{name}: {len(y)} examples ({int(y.sum())} right); Brier now {brier_old:.3f}, fitted {brier_new:.3f}")
        print(f"    ({b:.2f}, {{" + ", ".join(f'"{n}": {v:.2f}' for n, v in zip(names, w)) + "})")
        if args.show:
            for row, target, po, pn in zip(x, y, p_old, p_new):
                print("     ", int(target), f"{po:.2f}->{pn:.2f}", json.dumps(dict(zip(names, np.round(row, 2).tolist()))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
