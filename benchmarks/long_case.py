"""The long benchmark case: hours of one video against a long translated article, built from our samples.

- The transcript: the English sample talks (the snapshots `samples/tools/make_samples.py` writes) laid
  end to end until it lasts the hours asked for, long lines cut in two (the two-second lines of an
  automatic transcript); each later round repeats the talks with a marker word ("part 2"), so every
  caption line is unique.
- The article: a Chinese "translation" of most of it, passage by passage in the video's order, made
  with a word-by-word gloss (`data/gloss-en-zh.txt`): crude, but long, in another script, with the
  numbers and names a real translation keeps. Passages are runs of 1 to 30 caption lines, with a few
  long multi-turn paragraphs of 80 to 200 lines (several thousand characters); some stretches of the
  video are left out, as translators do. Each passage knows the span it renders, so a benchmark can
  say how many land there and how long the longest match is.

    python benchmarks/long_case.py OUT_DIR [--hours 5] [--passages 600]   # writes article.md, transcripts/
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GLOSS = Path(__file__).resolve().parent / "data" / "gloss-en-zh.txt"
VIDEO_ID = "LongCase5hr"
PUNCT = {".": "。", "?": "？", "!": "！", ",": "，"}


@dataclass(frozen=True)
class Passage:
    first: int  # caption lines rendered (inclusive)
    last: int
    text: str
    start: float
    end: float


def long_transcript(hours: float):
    """Our English sample talks laid end to end until the transcript lasts `hours`."""
    import sys

    sys.path.insert(0, str(ROOT))
    from clipnote.model import Segment, Transcript
    from clipnote.transcripts import load_transcript_file

    talks = {}
    for path in sorted(ROOT.glob("samples/*/.clipnote/transcripts/*.json")):
        t = load_transcript_file(path)
        if t.language == "en":
            talks.setdefault(t.video_id, t)  # the same talk is committed in several blogs
    segments: list = []
    offset, round_ = 0.0, 0
    while offset < hours * 3600:
        for t in talks.values():
            clock, previous = 0.0, None  # the talk's own time, long silences (music, applause) cut to a second
            for s in t.segments:
                if previous is not None:
                    silence = s.start - (previous.start + previous.duration)
                    clock += s.start - previous.start - max(0.0, silence - 1.0)
                previous = s
                if offset + clock >= hours * 3600:
                    break
                for start, duration, text in _halves(s):
                    text = text if round_ == 0 else f"{text} (part {round_ + 1})"
                    segments.append(Segment(round(offset + clock + start - s.start, 2), duration, text))
            offset += clock + previous.duration + 2.0
            if offset >= hours * 3600:
                break
        round_ += 1
    return Transcript(VIDEO_ID, "en", tuple(segments), source="snapshot", title=f"{hours:g} hours of our sample talks")


def _halves(segment) -> list[tuple[float, float, str]]:
    """A caption line of six words or more cut in two, its time shared by word count: the two-second
    lines of an automatic transcript, which is what a five-hour video usually has."""
    words = segment.text.split()
    if len(words) < 6:
        return [(segment.start, segment.duration, segment.text)]
    half = len(words) // 2
    first = segment.duration * half / len(words)
    return [(segment.start, round(first, 2), " ".join(words[:half])),
            (round(segment.start + first, 2), round(segment.duration - first, 2), " ".join(words[half:]))]


def read_gloss() -> dict[str, str]:
    out = {}
    for line in GLOSS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("//"):
            word, chinese = line.split()
            out[word] = chinese
    return out


# spoken Chinese opens many sentences with one of these; a translation of a conversation keeps them
CONNECTIVES = ("我觉得", "其实", "你知道", "就是说", "也就是说", "换句话说", "说实话", "老实说", "所以说",
               "我们可以看到", "大家知道", "坦白讲", "从某种意义上说", "我想强调的是", "需要指出的是",
               "我想说的是", "值得一提的是")


def gloss(text: str, table: dict[str, str], rng: random.Random) -> str:
    """English caption text → the gloss: listed words in Chinese, numbers kept, other words of three
    letters or more kept in Latin script (as Chinese translations keep names and terms), sentence
    punctuation made full-width, sentences and clauses opened with a spoken connective."""
    out: list[str] = []
    opening = 1.0  # chance that the next word opens with a connective
    for token in re.findall(r"[A-Za-z][A-Za-z'’]*|\d[\d,.]*\d|\d|[.?!,]", text):
        if token in PUNCT:
            if out and out[-1] not in PUNCT.values():
                out.append(PUNCT[token])
            opening = 1.0
            continue
        if opening and rng.random() < opening:
            out.append(rng.choice(CONNECTIVES) + "，")
        opening = 0.0
        if token[0].isdigit():
            out.append(f" {token} ")
        elif token.lower() in table:
            out.append(table[token.lower()])
        elif len(token) > 2:
            out.append(f" {token} ")
    return re.sub(r"\s+", " ", "".join(out)).strip()


def passages(transcript, count: int, seed: int = 11) -> list[Passage]:
    """`count` passages in the video's order, covering most of it: mostly 1–20 caption lines, one in
    sixty a long multi-turn paragraph of 250–600 lines, with short stretches left out between them."""
    rng = random.Random(seed)
    segs = transcript.segments
    n = len(segs)
    sizes = [rng.randint(250, 600) if rng.random() < 1 / 60 else rng.randint(1, 20) for _ in range(count)]
    gaps = [int(rng.random() < 0.4) for _ in range(count)]
    scale = min(1.0, n / max(1, sum(sizes) + sum(gaps)))  # fit them into the transcript
    table = read_gloss()
    out: list[Passage] = []
    line = 0
    for size, gap in zip(sizes, gaps):
        line += int(gap * scale)
        last = min(n - 1, line + max(1, int(size * scale)) - 1)
        if line > last:
            break
        text = gloss(" ".join(s.text for s in segs[line : last + 1]), table, rng)
        if len(text) >= 4:
            out.append(Passage(line, last, text, segs[line].start, segs[last].start + segs[last].duration))
        line = last + 1
    return out


def article(found: list[Passage], hours: float) -> str:
    """The translated article: an embed, then each passage as a labelled turn; long passages hold a
    second label in the middle of the paragraph (one paragraph, several turns)."""
    head = (f"---\ntitle: \"{hours:g} 小时访谈全文翻译\"\nlang: zh\n---\n\n以下是整期节目的翻译。\n\n"
            f'<iframe src="https://www.youtube.com/embed/{VIDEO_ID}?start=0" allowfullscreen></iframe>\n\n')
    labels = ("**主持人**：", "**嘉宾**：")
    body = []
    for i, p in enumerate(found):
        text = p.text
        if len(text) > 1500:
            cut = text.find("。", len(text) // 2)
            if cut > 0:
                text = text[: cut + 1] + labels[(i + 1) % 2] + text[cut + 1 :]
        body.append(labels[i % 2] + text)
    return head + "\n\n".join(body) + "\n"


def write_case(folder: Path, hours: float, count: int) -> tuple[Path, Path, list[Passage]]:
    """article.md and transcripts/<id>.json under `folder`; returns them and the passages."""
    from clipnote.transcripts import transcript_to_json

    transcript = long_transcript(hours)
    found = passages(transcript, count)
    folder.mkdir(parents=True, exist_ok=True)
    transcripts = folder / "transcripts"
    transcripts.mkdir(exist_ok=True)
    (transcripts / f"{VIDEO_ID}.json").write_text(json.dumps(transcript_to_json(transcript), ensure_ascii=False),
                                                  encoding="utf-8")
    path = folder / "article.md"
    path.write_text(article(found, hours), encoding="utf-8")
    return path, transcripts, found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--hours", type=float, default=5.0)
    parser.add_argument("--passages", type=int, default=700)
    args = parser.parse_args(argv)
    path, transcripts, found = write_case(args.out, args.hours, args.passages)
    lines = len(json.loads((transcripts / f"{VIDEO_ID}.json").read_text(encoding="utf-8"))["segments"])
    print(f"{path}: {path.stat().st_size / 1024:.0f} KB, {len(found)} passages "
          f"(longest {max(len(p.text) for p in found)} characters); {lines} caption lines")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
