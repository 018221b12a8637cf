"""How fast extraction is: `scan_text` per post over real articles, and how its cost grows.

    python benchmarks/scan_speed.py [FOLDER...]     # per post, over a folder (default: the corpus)
    python benchmarks/scan_speed.py --growth        # growth curves of generated articles

Per post: the median and worst time per post (parsing included, file reading excluded) and the
posts per second of a single core.

Growth (issue 9): articles generated with 2,000, 4,000, 8,000 and 16,000 items of one kind —
links in one paragraph (one per line, a chapter list), lines of an article (headings, links,
quotes, dialogue turns, prose), quotes of one clip, words in one line and in one list entry — and then 20,000
links in one paragraph. For each doubling it prints the time ratio and the ratio of the time per
item: linear scanning doubles the time, so the time per item stays level (×1.0); a pass over the
whole paragraph per link would double the time per item (×2.0). The bar is ×1.5 per item at
most. Each figure is the best of a few runs (more for short ones), so a busy machine blurs them\nless.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from clipnote.article.document import read_article_text  # noqa: E402
from clipnote.errors import ArticleError  # noqa: E402
from clipnote.article.scan import iter_articles, scan_text  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = [ROOT.parent / "shared" / "corpus", ROOT.parent / "shared" / "seed",
           Path("/work/shared/corpus"), Path("/work/shared/seed")]
VIDEO = "G4hL5Om4IJ4"


def main(argv: list[str]) -> None:
    if "--growth" in argv:
        growth()
        return
    folders = [Path(a) for a in argv] or [p for p in DEFAULT if p.exists()][:2]
    posts = []
    for item in iter_articles(folders):
        if not isinstance(item, ArticleError):
            try:
                posts.append((item, read_article_text(item)))
            except ArticleError:
                pass
    if not posts:
        sys.exit("no articles found; pass a folder")
    for _, text in posts:  # warm up: imports, regex compilation, markdown-it set-up
        scan_text(text, "warm")
    rounds = 20
    times = []
    for path, text in posts:
        best = min(_time(text, str(path)) for _ in range(rounds))
        times.append((best, path, len(text)))
    per_post = [t for t, _, _ in times]
    worst = max(times)
    total_bytes = sum(n for _, _, n in times)
    print(f"{len(posts)} posts, {total_bytes / 1024:.0f} KiB")
    print(f"median {statistics.median(per_post) * 1000:.2f} ms/post, mean "
          f"{statistics.mean(per_post) * 1000:.2f} ms/post, worst {worst[0] * 1000:.2f} ms "
          f"({worst[1].name}, {worst[2] / 1024:.0f} KiB)")
    print(f"{len(posts) / sum(per_post):.0f} posts/s on one core")


def _time(text: str, path: str) -> float:
    start = time.perf_counter()
    scan_text(text, path)
    return time.perf_counter() - start


# --- growth curves ------------------------------------------------------------------------------


def _clock(seconds: int) -> str:
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def links_in_a_paragraph(n: int) -> str:
    lines = [f'{{% include youtube.html id="{VIDEO}" %}}', ""]
    lines += [f"[{_clock(7 * i)}](https://www.youtube.com/watch?v={VIDEO}&t={7 * i}s) Part {i}"
              for i in range(n)]
    return "\n".join(lines) + "\n"


def lines_of_an_article(n: int) -> str:
    out = ["---", "title: A long talk", f"video: https://youtu.be/{VIDEO}", "---", ""]
    i = 0
    while len(out) < n:
        t = 30 * i
        out += [f"## Part {i}", "", f"[{_clock(t)}](https://youtu.be/{VIDEO}?t={t})", "",
                f"> “We built thing number {i} because it mattered to us,” he said.", "",
                f"**Host:** Why did you do part {i} that way?", "",
                f"**Guest:** Because at {_clock(t)} we had no other choice, really.", "",
                f"The author thinks part {i} starts at {t // 60}分から and says why here.", ""]
        i += 1
    return "\n".join(out[:n]) + "\n"


def quotes_of_a_clip(n: int) -> str:
    out = [f'<iframe src="https://www.youtube.com/embed/{VIDEO}?start=60"></iframe>', ""]
    for i in range(n):
        out += [f"> Quote number {i} says something “worth quoting here” about it.", "",
                f"— Speaker {chr(65 + i % 26)}", ""]
    return "\n".join(out) + "\n"


def words_in_a_line(n: int) -> str:
    words = []
    for i in range(n):
        if i % 50 == 0:
            words.append(f"[{_clock(i)}](https://youtu.be/{VIDEO}?t={i})")
        elif i % 20 == 0:
            words.append("“a quoted phrase here”")
        elif i % 13 == 0:
            words.append("**bold** `code`")
        else:
            words.append(f"word{i}")
    return "Intro paragraph.\n\n" + " ".join(words) + "\n"


def words_in_a_list_entry(n: int) -> str:
    """One list entry of n words with `Key:` colons and a time at its end: the shape of a chapter
    list entry (`- Scaling Laws 34:24`), the longest a pattern over its words would walk."""
    words = " ".join(f"w{i}:" if i % 7 == 0 else f"word{i}" for i in range(n))
    return f"---\nvideo: {VIDEO}\n---\n\n- {words} 1:2\n- Scaling Laws 34:24\n"


CURVES = [("links in one paragraph", links_in_a_paragraph),
          ("lines of an article", lines_of_an_article),
          ("quotes of one clip", quotes_of_a_clip),
          ("words in one line", words_in_a_line),
          ("words in one list entry", words_in_a_list_entry)]
SIZES = (2_000, 4_000, 8_000, 16_000)


def _best(text: str, rounds: int) -> float:
    """The best of `rounds` runs, or of as many as fit in about 2 s when a run is short (a
    0.05 s run on a shared machine is mostly noise)."""
    times = [_time(text, "generated.md")]
    while len(times) < rounds or (sum(times) < 2.0 and len(times) < 40):
        times.append(_time(text, "generated.md"))
    return min(times)


def growth() -> None:
    scan_text(lines_of_an_article(300), "warm")
    print("(each time is the best of 3 runs or more; the machine may be shared: read the ratios)")
    worst_ratio = 0.0
    for name, make in CURVES:
        print(f"{name}:")
        previous = None
        for n in SIZES:
            seconds = _best(make(n), 3)
            line = f"  {n:>6,} items  {seconds:7.3f} s  {seconds / n * 1e6:7.1f} µs/item"
            if previous is not None:
                per_item = (seconds / n) / (previous / (n // 2))
                worst_ratio = max(worst_ratio, per_item)
                line += f"   time ×{seconds / previous:.2f}, per item ×{per_item:.2f}"
            print(line)
            previous = seconds
    seconds = _best(links_in_a_paragraph(20_000), 1)
    print(f"20,000 links in one paragraph: {seconds:.2f} s")
    print(f"largest growth of the time per item per doubling: ×{worst_ratio:.2f} (bar: ×1.5)")


if __name__ == "__main__":
    main(sys.argv[1:])
