#!/usr/bin/env python3
"""How fast is `clipnote batch` on a big blog? Figures only, no assertions.

    python benchmarks/batch_speed.py [--posts 1000] [--videos 100] [--jobs 1,2] [--loop-sample 50]
                                     [--dir DIR] [--keep]

It generates a Jekyll blog from our samples (every post of samples/ but the drafts, copied with new
names and new video ids; each sample transcript copied under those ids into the blog's
`.clipnote/transcripts/`), so nothing here needs YouTube, and the same arguments always make the
same blog. The copies keep the samples' caption text, so the embedding cache (keyed by text) is
shared between copies of one sample video: the cold run embeds the six sample transcripts once,
and prepares (windows, features) each of the videos. Then, with a cache folder of its own:

1. a cold run (empty cache), `--jobs 2`, which also warms the caches;
2. warm runs with `--jobs 1` and `--jobs 2`: posts per second over the whole command (start-up,
   discovery, reading, checking, every report written), and peak memory: the largest resident
   set of the process tree at once (parent and workers, sampled every 20 ms from /proc) and the
   largest single process (getrusage of the children);
3. the per-post loop a user would otherwise write (`for p in posts; clipnote check $p --offline`),
   timed on a sample of `--loop-sample` posts spread over the blog and extrapolated to all of
   them, against the warm `--jobs 2` batch run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
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


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants, from /proc (0 when it is gone)."""
    total = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
                        break
            with open(f"/proc/{p}/task/{p}/children") as handle:
                todo += [int(c) for c in handle.read().split()]
        except (OSError, ValueError):
            continue
    return total


def run(args: list[str], env: dict) -> dict:
    """Run clipnote; wall time, exit code, peak tree RSS and the children's max RSS."""
    started = time.perf_counter()
    # through a small wrapper that reports its children's getrusage: ours would mix up the runs
    process = subprocess.Popen([sys.executable, "-c", _WRAPPER, sys.executable, "-m", "clipnote", *args],
                               env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(process.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = process.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode not in (0, 1):
        sys.exit(f"clipnote {' '.join(args)} exited {process.returncode}:\n{err[-2000:]}")
    found = re.search(r"maxrss_kb=(\d+)\s*$", err)
    return {"seconds": seconds, "code": process.returncode, "peak_tree_mb": peak / 2**20,
            "max_process_mb": int(found.group(1)) / 1024 if found else float("nan")}


_WRAPPER = """import resource, subprocess, sys
code = subprocess.call(sys.argv[1:])
print(f"maxrss_kb={resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}", file=sys.stderr)
sys.exit(code)
"""


def per_post_loop(posts: list[Path], sample: int, env: dict) -> dict:
    step = max(1, len(posts) // sample)
    chosen = posts[::step][:sample]
    started = time.perf_counter()
    for post in chosen:
        result = subprocess.run([sys.executable, "-m", "clipnote", "check", str(post), "--offline"],
                                env=env, cwd=ROOT, capture_output=True, text=True)
        if result.returncode not in (0, 1):
            sys.exit(f"clipnote check {post} exited {result.returncode}:\n{result.stderr[-2000:]}")
    seconds = time.perf_counter() - started
    return {"sampled": len(chosen), "seconds": seconds, "per_post": seconds / len(chosen),
            "extrapolated": seconds / len(chosen) * len(posts)}


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--videos", type=int, default=100)
    parser.add_argument("--jobs", default="1,2", help="warm runs to time, e.g. 1,2")
    parser.add_argument("--loop-sample", type=int, default=50)
    parser.add_argument("--dir", type=Path, help="work folder (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    options = parser.parse_args(argv)

    work = options.dir or Path(tempfile.mkdtemp(prefix="clipnote-batch-bench-"))
    blog, cache, out = work / "blog", work / "cache", work / "report"
    shutil.rmtree(cache, ignore_errors=True)
    env = {**os.environ, "CLIPNOTE_CACHE_DIR": str(cache), "NO_COLOR": "1",
           "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    try:
        made = generate(blog, options.posts, options.videos)
        print(f"blog: {made['posts']} posts over {made['videos']} videos, copied from "
              f"{made['templates']} sample posts ({blog})")
        batch = ["batch", str(blog), "--offline", "--out", str(out), "--fail-on", "never"]
        cold = run(batch + ["--jobs", "2"], env)
        print(f"cold (empty cache, --jobs 2): {cold['seconds']:.1f} s, "
              f"{options.posts / cold['seconds']:.1f} posts/s, peak {cold['peak_tree_mb']:.0f} MB")
        warm = {}
        for jobs in [int(j) for j in options.jobs.split(",")]:
            warm[jobs] = run(batch + ["--jobs", str(jobs)], env)
            w = warm[jobs]
            print(f"warm --jobs {jobs}: {w['seconds']:.1f} s, {options.posts / w['seconds']:.1f} posts/s, "
                  f"peak {w['peak_tree_mb']:.0f} MB (process tree), largest process "
                  f"{w['max_process_mb']:.0f} MB")
        posts = sorted((blog / "_posts").glob("*.md"))
        loop = per_post_loop(posts, options.loop_sample, env)
        best = min(warm.values(), key=lambda w: w["seconds"])
        print(f"per-post loop (clipnote check POST --offline, warm): {loop['per_post']:.2f} s a post "
              f"over {loop['sampled']} posts spread over the blog; extrapolated to {len(posts)}: "
              f"{loop['extrapolated']:.0f} s")
        print(f"batch (fastest warm run) vs the loop: {loop['extrapolated'] / best['seconds']:.1f}x faster")
    finally:
        if options.keep or options.dir:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
