"""How fast clipnote is where users feel it (issue 4, item 7). Prints figures; asserts nothing.

    python benchmarks/speed.py [--runs 5] [--seed ../shared/seed]

- `clipnote --help`: a fresh interpreter each time, median of --runs;
- the seed check (`clipnote check <seed> --transcripts <seed>/transcripts --offline`), cold (an
  empty cache: the model loads and embeds all 3,804 caption lines) and warm (a second run);
- aligning 100 excerpts against a 3-hour transcript, in process, cold and warm. The transcript is
  built from our sample podcasts (repeated, times shifted, to 3 hours); the excerpts are 100 runs of
  its caption lines, lightly edited, in order.

Targets on a 2-core machine: --help <= 0.25 s; seed warm <= 0.6 s; seed cold <= 10 s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def run(args: list[str], env: dict) -> float:
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "clipnote", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        raise SystemExit(f"clipnote {' '.join(args)} failed ({proc.returncode}): {proc.stderr.strip()[-300:]}")
    return elapsed


def env_with(cache: Path) -> dict:
    """The environment of a normal installation: compiled bytecode is kept (some sandboxes set
    PYTHONDONTWRITEBYTECODE, which would make every run recompile clipnote from source)."""
    env = {**os.environ, "CLIPNOTE_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def three_hour_transcript():
    """Our sample podcasts laid end to end until the transcript lasts three hours."""
    from clipnote.model import Segment, Transcript
    from clipnote.transcripts import load_transcript_file

    files = sorted((ROOT / "samples").glob("*/.clipnote/transcripts/*.json"))
    segments: list[Segment] = []
    offset = 0.0
    round_ = 0
    while offset < 3 * 3600:
        for path in files:
            t = load_transcript_file(path)
            if t.language != "en":
                continue
            for s in t.segments:
                # a different round repeats the talk with a marker word, so passages are unique
                text = s.text if round_ == 0 else f"{s.text} (part {round_})"
                segments.append(Segment(offset + s.start, s.duration, text))
            offset += (t.segments[-1].start + t.segments[-1].duration) + 5.0
            if offset >= 3 * 3600:
                break
        round_ += 1
    return Transcript("SpeedTest3hr", "en", tuple(segments), source="snapshot")


def hundred_excerpts(transcript):
    from clipnote.model import Excerpt

    rng = random.Random(7)
    n = len(transcript.segments)
    starts = sorted(rng.sample(range(0, n - 6), 100))
    out = []
    for i, a in enumerate(starts):
        words = " ".join(s.text for s in transcript.segments[a : a + rng.randint(2, 4)]).split()
        if len(words) > 6:  # lightly edited: one word dropped
            del words[rng.randrange(len(words))]
        out.append(Excerpt("speed.md", 10 + 2 * i, " ".join(words)))
    return out


def align_figures() -> dict:
    from clipnote.align import align_clip
    from clipnote.align.embed import default_encoder
    from clipnote.align.stored import load_or_prepare

    transcript = three_hour_transcript()
    excerpts = hundred_excerpts(transcript)
    figures = {"segments": len(transcript.segments),
               "hours": round(transcript.segments[-1].start / 3600, 2), "excerpts": len(excerpts)}
    for label in ("cold", "warm"):
        started = time.perf_counter()
        encoder = default_encoder()
        prepared = load_or_prepare(transcript, encoder)
        prepared_at = time.perf_counter()
        results = align_clip(excerpts, prepared, 0.0, encoder)
        done = time.perf_counter()
        figures[label] = {"prepare_s": round(prepared_at - started, 2), "align_s": round(done - prepared_at, 2),
                          "supported": sum(r.verdict == "supported" for r in results)}
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=Path, default=Path(os.environ.get("CLIPNOTE_SHARED", ROOT.parent / "shared")) / "seed")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    figures: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache"
        env = env_with(cache)
        run(["--help"], env)  # writes the bytecode, as the first run after an installation does
        helps = [run(["--help"], env) for _ in range(args.runs)]
        figures["help_s"] = {"median": round(statistics.median(helps), 3), "min": round(min(helps), 3)}
        article = args.seed / "2021-02-22-jim-keller-interview.md"
        if article.exists():
            seed = [str(article), "--transcripts", str(args.seed / "transcripts"), "--offline", "--format", "json"]
            cold = run(["check", *seed], env)
            warm = [run(["check", *seed], env) for _ in range(args.runs)]
            figures["seed_check_s"] = {"cold": round(cold, 2), "warm_median": round(statistics.median(warm), 3),
                                       "warm_min": round(min(warm), 3)}
        else:
            figures["seed_check_s"] = f"skipped: {article} not present"
        os.environ["CLIPNOTE_CACHE_DIR"] = str(Path(tmp) / "align-cache")
        figures["align_100_excerpts_3h"] = align_figures()
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"clipnote --help                      median {figures['help_s']['median']:.3f} s  (target <= 0.25 s)")
    seed = figures["seed_check_s"]
    if isinstance(seed, dict):
        print(f"seed check, cold (empty cache)       {seed['cold']:.2f} s  (target <= 10 s)")
        print(f"seed check, warm                     median {seed['warm_median']:.3f} s  (target <= 0.6 s)")
    else:
        print(f"seed check                           {seed}")
    a = figures["align_100_excerpts_3h"]
    print(f"align {a['excerpts']} excerpts, {a['hours']} h ({a['segments']} lines), in process:")
    for label in ("cold", "warm"):
        f = a[label]
        print(f"  {label}: prepare {f['prepare_s']:.2f} s + align {f['align_s']:.2f} s; "
              f"{f['supported']} of {a['excerpts']} supported")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
