"""How fast extraction is: `scan_text` per post over a folder of articles (default: the corpus).

    python benchmarks/scan_speed.py [FOLDER...]

Prints the median and worst time per post (parsing included, file reading excluded) and the
posts per second of a single core.
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


def main(argv: list[str]) -> None:
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


if __name__ == "__main__":
    main(sys.argv[1:])
