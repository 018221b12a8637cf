"""How fast clipnote is where users feel it (issue 4, item 7). Prints figures; asserts nothing.

    python benchmarks/speed.py [--runs 5] [--seed ../shared/seed]

- `clipnote --help`: a fresh interpreter each time, median of --runs;
- the seed check (`clipnote check <seed> --transcripts <seed>/transcripts --offline`), cold (an
  empty cache: the model loads and embeds all 3,804 caption lines) and warm (a second run);
- aligning 100 excerpts against a 3-hour transcript, in process, cold and warm. The transcript is
  built from our sample podcasts (repeated, times shifted, to 3 hours); the excerpts are 100 runs of
  its caption lines, lightly edited, in order.

- the long case (`benchmarks/long_case.py`: a five-hour transcript of our sample talks, ~8,700 lines,
  against a 300 KB glossed Chinese translation of 700 passages): `clipnote check` cold and warm, each
  beside the seed's warm check of the same run, peak memory of the whole process tree, the time per
  passage, and, as the floor for the cold run, the time it takes just to embed that transcript; how
  many passages land on the lines they render and the longest match;
- `--growth`: the alignment alone (warm, in process) for 1, 2 and 5 h transcripts × 10, 100 and 1,000
  passages, as a Markdown table.

Targets on a 2-core machine: --help <= 0.25 s; seed warm <= 0.6 s; seed cold <= 10 s; long case warm
<= 12x the seed's warm check, cold <= 3x the embedding of its transcript, peak <= 1 GB.
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


def embed_only(transcript_file: str) -> None:
    """(run in a fresh process) Load the model and embed a transcript's caption lines: the least a
    cold check of that video has to do."""
    from clipnote.align.embed import USEEncoder
    from clipnote.align.units import clean_caption
    from clipnote.transcripts import load_transcript_file

    transcript = load_transcript_file(Path(transcript_file))
    USEEncoder().encode([clean_caption(s.text) for s in transcript.segments])


def long_figures(folder: Path, env: dict, seed_warm: float | None, runs: int) -> dict:
    """The long case: cold and warm check, peak memory, time per passage, where the passages land."""
    import long_case

    article, transcripts, found = long_case.write_case(folder / "case", 5.0, 700)
    started = time.perf_counter()
    subprocess.run([sys.executable, str(Path(__file__).resolve()), "--embed-only",
                    str(transcripts / f"{long_case.VIDEO_ID}.json")], cwd=ROOT, env=env, check=True)
    embed_s = time.perf_counter() - started
    from batch_speed import run as run_measured  # wall time and peak memory of the process tree

    args = ["check", str(article), "--transcripts", str(transcripts), "--offline", "--format", "json"]
    cold = run_measured(args, env)
    warm = [run_measured(args, env) for _ in range(runs)]
    # peak memory from one more warm run, sampled (sampling costs the timed runs CPU) and from
    # a cold one: the model and the embedding of the whole transcript are the heaviest moment
    sampled = [run_measured(args, env, memory=True),
               run_measured(args, {**env, "CLIPNOTE_CACHE_DIR": str(folder / "cold-sampled-cache")}, memory=True)]
    warm_s = statistics.median(w["seconds"] for w in warm)
    cold_s = cold["seconds"]
    report = json.loads(subprocess.run([sys.executable, "-m", "clipnote", *args], cwd=ROOT, env=env,
                                       capture_output=True, text=True).stdout)
    placed = [e for c in report["clips"] for e in c["excerpts"]]
    figures = {
        "article_kb": round(article.stat().st_size / 1024), "passages": len(found),
        "excerpts_reported": len(placed),
        "lines": len(json.loads((transcripts / f"{long_case.VIDEO_ID}.json").read_text())["segments"]),
        "embed_transcript_s": round(embed_s, 2), "cold_s": round(cold_s, 2), "warm_s": round(warm_s, 2),
        "cold_over_embed": round(cold_s / embed_s, 2),
        "peak_mb": round(max(r["peak_rss_mb"] for r in sampled)),  # resident sets summed: the upper figure
        "peak_pss_mb": round(max(r["peak_pss_mb"] for r in sampled)),
        "warm_ms_per_passage": round(1000 * warm_s / len(found), 1),
    }
    if seed_warm:
        figures["warm_over_seed_warm"] = round(warm_s / seed_warm, 1)
        figures["cold_over_seed_warm"] = round(cold_s / seed_warm, 1)
    figures.update(landing(found, placed))
    return figures


def landing(found: list, placed: list[dict]) -> dict:
    """How many matched passages start within 10 s of the lines they render; the longest match; how
    many matches last longer than their passage takes to say x3 plus a minute."""
    from clipnote.align.spans import longest_plausible

    by_text = {p.text: p for p in found}
    near = matched = too_long = 0
    longest = 0.0
    for e in placed:
        m = e.get("match")
        if not m or e.get("verdict") == "unsupported":
            continue
        matched += 1
        parts = m.get("parts") or [m]
        longest = max(longest, max(p["end"] - p["start"] for p in parts))
        if not m.get("parts"):  # a run of parts is judged part by part, in the aligner's own tests
            too_long += m["end"] - m["start"] > longest_plausible(e["text"])
        truth = next((p for t, p in by_text.items() if e["text"] and e["text"][:40] in t), None)
        if truth is not None and abs(m["start"] - truth.start) <= 10.0:
            near += 1
    return {"matched": matched, "start_within_10s": near, "longest_match_s": round(longest, 1),
            "over_length_limit": too_long}


def growth_table() -> str:
    """The alignment alone, warm, in process: seconds per transcript length × passage count. The
    passages are quotes of up to three caption lines spread evenly over the transcript, glossed."""
    import long_case
    from clipnote.align import align_clip, bands
    from clipnote.align.embed import default_encoder
    from clipnote.align.stored import load_or_prepare
    from clipnote.align.units import prepare_excerpts
    from clipnote.model import Excerpt

    rows = ["| transcript | lines | 10 passages | 100 passages | 1,000 passages |", "|---|---|---|---|---|"]
    encoder = default_encoder()
    table = long_case.read_gloss()
    rng = random.Random(5)
    for hours in (1, 2, 5):
        transcript = long_case.long_transcript(hours)
        prepared = load_or_prepare(transcript, encoder)
        cells = []
        for count in (10, 100, 1000):
            step = prepared.n / count
            excerpts = []
            for i in range(count):
                first = int(i * step)
                last = min(prepared.n - 1, first + max(0, min(2, int(step) - 1)))
                text = long_case.gloss(" ".join(s.text for s in transcript.segments[first : last + 1]), table, rng)
                excerpts.append(Excerpt("growth.md", 10 + 2 * i, text or "…", "嘉宾", "answer"))
            align_clip(excerpts, prepared, 0.0, encoder)  # embeds the passages
            started = time.perf_counter()
            align_clip(excerpts, prepared, 0.0, encoder)
            elapsed = time.perf_counter() - started
            sentences = len(prepare_excerpts(excerpts, prepared).sentences)
            how = "bands" if bands.use_bands(sentences, prepared.n) else "whole"
            cells.append(f"{elapsed:.2f} s ({1000 * elapsed / count:.0f} ms/passage, {how})")
        rows.append(f"| {hours} h | {prepared.n:,} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=Path, default=Path(os.environ.get("CLIPNOTE_SHARED", ROOT.parent / "shared")) / "seed")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--long-runs", type=int, default=2, help="warm runs of the long case")
    parser.add_argument("--skip-long", action="store_true", help="leave out the long case")
    parser.add_argument("--growth", action="store_true", help="only print the growth table of the alignment")
    parser.add_argument("--embed-only", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.embed_only:
        embed_only(args.embed_only)
        return 0
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    if args.growth:  # (an empty cache unless CLIPNOTE_CACHE_DIR names one: only warm runs are timed)
        with tempfile.TemporaryDirectory() as tmp:
            os.environ.setdefault("CLIPNOTE_CACHE_DIR", str(Path(tmp) / "cache"))
            print(growth_table())
        return 0
    figures: dict = {"cores": os.cpu_count()}
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
        if not args.skip_long:
            seed = figures["seed_check_s"]
            seed_warm = seed["warm_median"] if isinstance(seed, dict) else None
            figures["long_case"] = long_figures(Path(tmp), env_with(Path(tmp) / "long-cache"), seed_warm,
                                                args.long_runs)
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
    long = figures.get("long_case")
    if long:
        print(f"long case: {long['lines']} lines (5 h) x {long['passages']} passages ({long['article_kb']} KB), "
              f"{figures['cores']} cores:")
        ratio = (lambda key: f" = {long[key]}x the seed's warm check" if key in long else "")
        print(f"  embed the transcript alone  {long['embed_transcript_s']:.2f} s")
        print(f"  cold check                  {long['cold_s']:.2f} s = {long['cold_over_embed']}x the embedding"
              f"{ratio('cold_over_seed_warm')}  (target <= 3x the embedding)")
        print(f"  warm check                  {long['warm_s']:.2f} s{ratio('warm_over_seed_warm')}  (target <= 12x); "
              f"{long['warm_ms_per_passage']} ms per passage")
        print(f"  peak memory (process tree)  {long['peak_mb']} MB  (target <= 1024 MB)")
        print(f"  {long['matched']} of {long['excerpts_reported']} excerpts matched, {long['start_within_10s']} start "
              f"within 10 s of their lines; longest match {long['longest_match_s']} s; "
              f"{long['over_length_limit']} longer than their text takes to say x3 + 60 s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
