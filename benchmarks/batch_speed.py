#!/usr/bin/env python3
"""How fast is `clipnote batch` on a small blog and on a big one? Figures only, no assertions.

    python benchmarks/batch_speed.py [--posts 50,1000] [--videos N] [--jobs 1,2] [--repeat 3]
                                     [--loop-sample 50] [--dir DIR] [--keep] [--cache DIR]

For each size it generates a Jekyll blog from our samples (every post of samples/ but the drafts,
copied with new names and new video ids; each sample transcript copied under those ids into the
blog's `.clipnote/transcripts/`), so nothing here needs YouTube, and the same arguments always
make the same blog: 50 posts over 6 videos, 1,000 posts over 100 by default. The copies keep the
samples' caption text, so the embedding cache (keyed by text) is shared between copies of one
sample video: the first run embeds the six sample transcripts once, and prepares (windows,
features) each of the videos. Then, with a cache folder of its own (shared by the sizes):

1. a first run (default --jobs), which fills the caches;
2. warm runs with `--jobs 1` and `--jobs 2`, the best of `--repeat`: posts per second over the
   whole command (start-up, discovery, reading, checking, every report written), the CPU time of
   the whole process tree; then one more run of each for the peak memory of the tree at once
   (parent and workers, sampled every 20 ms from /proc): PSS, which shares out the pages processes
   share (mapped cache files, the interpreter), and the plain sum of their resident sets, which
   counts those once per process. Timed runs are not sampled: reading a process tree's
   smaps_rollup costs about 2 ms of CPU, every 20 ms, taken from the two cores being measured;
3. the per-post loop a user would otherwise write (`for p in posts; clipnote check $p --offline`),
   timed on a sample of `--loop-sample` posts spread over the blog, against the fastest warm run:
   how many times faster in wall time, and how many times less CPU.

The machine's core count and load are printed: on a shared machine wall times are noisy (the
best of a few runs is kept), the CPU ratio much less so.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
BLOGS = ("jekyll-blog", "hugo-blog", "hexo-blog")


# --- the generated blog --------------------------------------------------------------------------


def sample_posts() -> list[Path]:
    """The samples' posts that a batch run checks (drafts left out), in a fixed order."""
    sys.path.insert(0, str(ROOT))
    from clipnote.discover import discover_posts

    posts = []
    for blog in BLOGS:
        posts += discover_posts(SAMPLES / blog).posts
    return sorted(posts)


def sample_transcripts() -> dict[str, Path]:
    out: dict[str, Path] = {}
    for path in sorted(SAMPLES.glob("*/.clipnote/transcripts/*.json")):
        out.setdefault(path.stem, path)
    return out


def new_id(base: str, group: int) -> str:
    """A valid, deterministic 11-character video id for copy `group` of video `base`."""
    digest = hashlib.sha256(f"{base}/{group}".encode()).digest()
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    return "".join(alphabet[b % 64] for b in digest[:11])


def generate(blog: Path, n_posts: int, n_videos: int) -> dict:
    templates = sample_posts()
    transcripts = sample_transcripts()
    bases = sorted(transcripts)
    groups = -(-n_videos // len(bases))  # copies of each sample video
    ids: dict[tuple[str, int], str] = {}
    for group in range(groups):
        for b, base in enumerate(bases):
            # exactly n_videos: the last group reuses group 0's ids for the videos over the count
            ids[(base, group)] = new_id(base, group) if group * len(bases) + b < n_videos else new_id(base, 0)
    if blog.exists():
        shutil.rmtree(blog)
    (blog / "_posts").mkdir(parents=True)
    (blog / "_config.yml").write_text("title: clipnote batch benchmark\n", encoding="utf-8")
    snapshots = blog / ".clipnote" / "transcripts"
    snapshots.mkdir(parents=True)
    for (base, group), video in ids.items():
        data = json.loads(transcripts[base].read_text(encoding="utf-8"))
        data["video_id"] = video
        (snapshots / f"{video}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    texts = [t.read_text(encoding="utf-8") for t in templates]
    pattern = re.compile("|".join(map(re.escape, bases)))
    for i in range(n_posts):
        template = i % len(templates)
        group = (i // len(templates)) % groups
        text = pattern.sub(lambda m: ids[(m.group(0), group)], texts[template])
        slug = re.sub(r"[^a-z0-9]+", "-", templates[template].stem.lower()).strip("-") or "post"
        name = f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}-{slug}-{i:04d}.md"
        (blog / "_posts" / name).write_text(text, encoding="utf-8")
    return {"posts": n_posts, "videos": len(set(ids.values())), "templates": len(templates)}


# --- measuring ---------------------------------------------------------------------------------


def tree_memory(pid: int) -> tuple[int, int]:
    """(resident, proportional) bytes of a process and all its descendants, from /proc: the sum
    of their VmRSS counts the pages they share (the interpreter, mapped cache files) once per
    process; the sum of their Pss shares each such page out, so it is what the tree really uses."""
    rss = pss = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/smaps_rollup") as handle:
                for line in handle:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1]) * 1024
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1]) * 1024
            with open(f"/proc/{p}/task/{p}/children") as handle:
                todo += [int(c) for c in handle.read().split()]
        except (OSError, ValueError):
            continue
    return rss, pss


def run(args: list[str], env: dict, *, memory: bool = False) -> dict:
    """Run clipnote; wall time, CPU time of the tree, exit code, and with `memory` the peak tree
    RSS and PSS (sampling costs CPU on the cores clipnote runs on: time the runs without it)."""
    # through a small wrapper that times clipnote and reports its children's getrusage (ours
    # would mix up the runs); the wrapper's own start-up is not clipnote's
    process = subprocess.Popen([sys.executable, "-c", _WRAPPER, sys.executable, "-m", "clipnote", *args],
                               env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True)
    peak = [0, 0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            rss, pss = tree_memory(process.pid)
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    if memory:
        sampler.start()
    _, err = process.communicate()
    done.set()
    if memory:
        sampler.join()
    if process.returncode not in (0, 1):
        sys.exit(f"clipnote {' '.join(args)} exited {process.returncode}:\n{err[-2000:]}")
    found = re.search(r"wall=([\d.]+) maxrss_kb=(\d+) cpu=([\d.]+)\s*$", err)
    return {"seconds": float(found.group(1)) if found else float("nan"), "code": process.returncode,
            "peak_rss_mb": peak[0] / 2**20, "peak_pss_mb": peak[1] / 2**20,
            "max_process_mb": int(found.group(2)) / 1024 if found else float("nan"),
            "cpu": float(found.group(3)) if found else float("nan")}


_WRAPPER = """import resource, subprocess, sys, time
started = time.perf_counter()
code = subprocess.call(sys.argv[1:])
wall = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"wall={wall:.4f} maxrss_kb={usage.ru_maxrss} cpu={usage.ru_utime + usage.ru_stime:.3f}", file=sys.stderr)
sys.exit(code)
"""


def per_post_loop(posts: list[Path], sample: int, env: dict) -> dict:
    step = max(1, len(posts) // sample)
    chosen = posts[::step][:sample]
    started = time.perf_counter()
    cpu = 0.0
    for post in chosen:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        result = subprocess.run([sys.executable, "-m", "clipnote", "check", str(post), "--offline"],
                                env=env, cwd=ROOT, capture_output=True, text=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu += (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        if result.returncode not in (0, 1):
            sys.exit(f"clipnote check {post} exited {result.returncode}:\n{result.stderr[-2000:]}")
    seconds = time.perf_counter() - started
    return {"sampled": len(chosen), "seconds": seconds, "per_post": seconds / len(chosen),
            "cpu_per_post": cpu / len(chosen)}


def measure(size: int, videos: int, work: Path, env: dict, options) -> dict:
    """One blog of `size` posts: the first run (fills the cache), warm runs, the per-post loop."""
    blog, out = work / f"blog-{size}", work / f"report-{size}"
    made = generate(blog, size, videos)
    print(f"\n{size} posts over {made['videos']} videos, copied from {made['templates']} sample posts")
    batch = ["batch", str(blog), "--offline", "--out", str(out), "--fail-on", "never"]
    first = run(batch, env)
    print(f"  first run (fills the cache): {first['seconds']:.1f} s, {size / first['seconds']:.1f} posts/s")
    warm = {}
    for jobs in [int(j) for j in options.jobs.split(",")]:
        # the best of a few: on a shared machine the slowest runs measure the neighbours
        tries = [run(batch + ["--jobs", str(jobs)], env) for _ in range(options.repeat)]
        w = warm[jobs] = min(tries, key=lambda t: t["seconds"])
        sampled = run(batch + ["--jobs", str(jobs)], env, memory=True)
        w["peak_pss_mb"], w["peak_rss_mb"] = sampled["peak_pss_mb"], sampled["peak_rss_mb"]
        w["max_process_mb"] = max(t["max_process_mb"] for t in tries + [sampled])
        print(f"  warm --jobs {jobs}: {w['seconds']:.2f} s, {size / w['seconds']:.1f} posts/s "
              f"(best of {options.repeat}; CPU {w['cpu']:.2f} s); peak memory of the process tree "
              f"{w['peak_pss_mb']:.0f} MB (PSS; RSS summed {w['peak_rss_mb']:.0f} MB; one more run, "
              f"sampled), largest process {w['max_process_mb']:.0f} MB")
    posts = sorted((blog / "_posts").glob("*.md"))
    loop = per_post_loop(posts, min(options.loop_sample, len(posts)), env)
    best = min(warm.values(), key=lambda w: w["seconds"])
    ratio = loop["per_post"] * size / best["seconds"]
    cpu_ratio = loop["cpu_per_post"] * size / best["cpu"]
    print(f"  per-post loop (clipnote check POST --offline, warm): {loop['per_post']:.2f} s a post "
          f"(CPU {loop['cpu_per_post']:.2f} s) over {loop['sampled']} posts")
    print(f"  batch (fastest warm run) vs the loop: {ratio:.1f}x faster ({cpu_ratio:.1f}x less CPU)")
    return {"size": size, "posts_per_s": size / best["seconds"], "ratio": ratio, "cpu_ratio": cpu_ratio,
            "peak_pss_mb": max(w["peak_pss_mb"] for w in warm.values()),
            "peak_rss_mb": max(w["peak_rss_mb"] for w in warm.values())}


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", default="50,1000", help="blog sizes to measure, e.g. 50,1000")
    parser.add_argument("--videos", type=int, help="videos per blog (default: a tenth of the posts, "
                                                   "at least one per sample video)")
    parser.add_argument("--jobs", default="1,2", help="warm runs to time, e.g. 1,2")
    parser.add_argument("--repeat", type=int, default=3, help="warm runs of each kind (the best counts)")
    parser.add_argument("--loop-sample", type=int, default=50)
    parser.add_argument("--dir", type=Path, help="work folder (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--cache", type=Path, help="a cache folder to use as it is (default: a new "
                                                   "one in the work folder)")
    options = parser.parse_args(argv)

    work = options.dir or Path(tempfile.mkdtemp(prefix="clipnote-batch-bench-"))
    cache = options.cache or work / "cache"
    if not options.cache:
        shutil.rmtree(cache, ignore_errors=True)
    env = {**os.environ, "CLIPNOTE_CACHE_DIR": str(cache), "NO_COLOR": "1",
           "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at the start")
    try:
        results = []
        for size in [int(n) for n in options.posts.split(",")]:
            videos = options.videos or max(len(sample_transcripts()), size // 10)
            results.append(measure(size, videos, work, env, options))
        print(f"\nsummary ({os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end):")
        for r in results:
            print(f"  {r['size']:>5} posts: {r['posts_per_s']:.1f} posts/s warm, {r['ratio']:.1f}x the "
                  f"per-post loop ({r['cpu_ratio']:.1f}x less CPU), peak {r['peak_pss_mb']:.0f} MB "
                  f"for the whole process tree (PSS; {r['peak_rss_mb']:.0f} MB RSS summed)")
    finally:
        if options.keep or options.dir:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
