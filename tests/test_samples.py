"""The shipped sample blogs hang together: posts parse, transcripts look like real captions, and every
gold file agrees with its post and with the transcript it was read from."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from conftest import SAMPLES

VIDEO_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
POST_GLOBS = ("jekyll-blog/_posts/*.md", "jekyll-blog/_drafts/*.md", "hugo-blog/content/**/*.md",
              "hexo-blog/source/_posts/*.md")


def posts() -> list[Path]:
    return sorted({p for pattern in POST_GLOBS for p in SAMPLES.glob(pattern)})


def transcripts() -> list[Path]:
    return sorted(SAMPLES.glob("*/.clipnote/transcripts/*.json"))


def golds() -> list[Path]:
    return sorted((SAMPLES / "gold").rglob("*.gold.json"))


def rel(path: Path) -> str:
    return path.relative_to(SAMPLES).as_posix()


def split_front_matter(text: str) -> tuple[dict, str]:
    """YAML front matter between `---` lines, or Hexo's form that only closes with `---`."""
    if text.startswith("---\n"):
        head, sep, body = text[4:].partition("\n---\n")
    else:
        head, sep, body = text.partition("\n---\n")
    assert sep, "no front matter"
    meta = yaml.safe_load(head)
    assert isinstance(meta, dict), "front matter is not a mapping"
    return meta, body


@lru_cache(maxsize=None)
def load_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def norm(text: str, cjk: bool) -> str:
    text = text.replace(">>", " ")
    return re.sub(r"\s+", "" if cjk else " ", text).strip()


# --- posts -------------------------------------------------------------------------------------


@pytest.mark.parametrize("post", posts(), ids=rel)
def test_every_post_is_front_matter_and_a_body(post):
    meta, body = split_front_matter(post.read_text(encoding="utf-8"))
    assert meta.get("title"), f"{rel(post)}: no title"
    assert body.strip(), f"{rel(post)}: empty body"


def test_the_blogs_are_big_and_varied_enough():
    all_posts = posts()
    assert len(all_posts) >= 10
    assert any(p.parent.name == "_drafts" for p in all_posts)
    hugo_drafts = [p for p in all_posts if "hugo-blog" in p.parts
                   and split_front_matter(p.read_text(encoding="utf-8"))[0].get("draft") is True]
    assert hugo_drafts
    languages = {json.loads(g.read_text(encoding="utf-8"))["language"] for g in golds()}
    assert {"en", "ja", "ko"} <= languages
    for blog, config in (("jekyll-blog", "_config.yml"), ("hugo-blog", "hugo.toml"), ("hexo-blog", "_config.yml")):
        assert (SAMPLES / blog / config).is_file()


def test_every_post_has_a_gold_file_and_every_gold_file_a_post():
    articles = {load_json(g)["article"] for g in golds()}
    assert articles == {rel(p) for p in posts()}


def test_the_samples_stay_small():
    total = sum(p.stat().st_size for p in SAMPLES.rglob("*") if p.is_file())
    assert total < 3_000_000


# --- transcripts -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", transcripts(), ids=rel)
def test_every_transcript_is_a_valid_snapshot_shaped_like_captions(path):
    doc = load_json(path)
    assert doc["schema"] == "clipnote/transcript@1"
    assert doc["video_id"] == path.stem and VIDEO_ID.match(path.stem)
    for key in ("language", "source", "provider", "title", "channel", "fetched_at"):
        assert isinstance(doc[key], str) and doc[key], key
    assert isinstance(doc["generated"], bool)
    segs = doc["segments"]
    assert len(segs) >= 150
    for s in segs:
        assert set(s) <= {"start", "duration", "text", "words"}
        assert s["start"] >= 0 and s["duration"] > 0 and s["text"].strip()
        for t, word in s.get("words", []):
            assert s["start"] - 0.01 <= t <= s["start"] + s["duration"] + 0.01 and word.strip()
    starts = [s["start"] for s in segs]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    # manual captions do not overlap; speech-recognition lines stay up until the line after next
    step = 2 if doc["generated"] else 1
    for i in range(len(segs) - step):
        assert segs[i]["start"] + segs[i]["duration"] <= segs[i + step]["start"] + 0.05, segs[i]
    speech = [s for s in segs if not s["text"].startswith("[")]
    typical = sum(1 for s in speech if 2.0 <= s["duration"] <= 6.0) / len(speech)
    assert typical >= 0.7, f"only {typical:.0%} of segments last 2-6 s"
    last = segs[-1]
    assert doc["duration"] >= last["start"] + last["duration"]
    assert last["start"] >= 8 * 60  # a real test: at least eight minutes of talk


def test_transcripts_come_in_both_caption_styles_and_some_are_long():
    docs = {p.stem: load_json(p) for p in transcripts()}
    asr = [d for d in docs.values() if d["generated"]]
    manual = [d for d in docs.values() if not d["generated"]]
    assert asr and manual
    for d in asr:  # auto-captions: no sentence punctuation
        if d["language"] == "en":
            text = " ".join(s["text"] for s in d["segments"] if not s["text"].startswith("["))
            assert not re.search(r"[.?!;]", text.replace("...", "")) and text == text.lower()
    marked = [d for d in docs.values() if any(s["text"].startswith(">> ") for s in d["segments"])]
    assert marked and len(marked) < len(docs)
    assert any(d["duration"] >= 3600 for d in docs.values())
    assert {d["language"] for d in docs.values()} >= {"en", "ja"}


def test_copies_of_one_video_in_several_blogs_are_identical():
    by_id: dict[str, set[str]] = {}
    for p in transcripts():
        by_id.setdefault(p.stem, set()).add(p.read_text(encoding="utf-8"))
    assert all(len(texts) == 1 for texts in by_id.values())


def test_video_ids_look_random():
    for vid in {p.stem for p in transcripts()}:
        assert VIDEO_ID.match(vid)
        assert len(set(vid)) >= 8, vid
        assert re.search(r"[a-z]", vid) and re.search(r"[A-Z]", vid) and re.search(r"[0-9]", vid), vid


# --- gold files --------------------------------------------------------------------------------


def segment_at(doc: dict, start: float) -> int:
    for i, s in enumerate(doc["segments"]):
        if abs(s["start"] - start) < 0.005:
            return i
    raise AssertionError(f"no segment starts at {start} in {doc['video_id']}")


def check_span(doc: dict, start: float, end: float, first_words: str, where: str) -> None:
    assert 0 <= start < end <= doc["duration"], where
    i = segment_at(doc, start)
    cjk = doc["language"] in {"ja", "zh", "ko"}
    here = norm(" ".join(s["text"] for s in doc["segments"][i:i + 3]), cjk)
    assert norm(first_words, cjk) in here, f"{where}: {first_words!r} not at {start}"
    # the span ends on a caption line: at a segment's end or where the next one starts
    ends = {round(s["start"] + s["duration"], 2) for s in doc["segments"]} | {s["start"] for s in doc["segments"]}
    assert round(end, 2) in ends, f"{where}: {end} is not a caption boundary"


@pytest.mark.parametrize("path", golds(), ids=lambda p: p.relative_to(SAMPLES / "gold").as_posix())
def test_every_gold_file_agrees_with_its_post_and_transcripts(path):
    gold = load_json(path)
    assert gold["schema"] == "clipnote/gold@1"
    article = SAMPLES / gold["article"]
    assert article.is_file(), gold["article"]
    lines = article.read_text(encoding="utf-8").splitlines()

    def line_text(n: int) -> str:
        assert 1 <= n <= len(lines), f"line {n} outside {gold['article']}"
        return lines[n - 1]

    videos = {vid: load_json(SAMPLES / p) for vid, p in gold["transcripts"].items()}
    clip_lines = {}
    for c in gold["clips"]:
        assert c["raw"] in line_text(c["line"]), c
        assert c["video_id"] in videos and VIDEO_ID.match(c["video_id"])
        assert c["kind"] in {"embed", "link", "label", "front-matter"}
        if c["start"] is not None:
            assert 0 <= c["start"] < videos[c["video_id"]]["duration"]
        clip_lines[c["line"]] = c

    covered: set[int] = set()
    for e in gold["excerpts"]:
        where = f"{gold['article']}:{e['line']}"
        assert line_text(e["line"]).strip() and e["end_line"] >= e["line"]
        for n in range(e["line"], e["end_line"] + 1):
            assert line_text(n).strip(), where
            covered.add(n)
        assert e["clip_line"] in clip_lines, where
        assert e["video_id"] == clip_lines[e["clip_line"]]["video_id"], where
        assert e["role"] in {"question", "answer", "quote", "paraphrase"}, where
        if e["in_video"]:
            doc = videos[e["video_id"]]
            check_span(doc, e["gold_start"], e["gold_end"], e["first_words_in_video"], where)
            for other in e.get("other_occurrences", []):
                check_span(doc, other["gold_start"], other["gold_end"], other["first_words_in_video"], where)
                assert norm(other["first_words_in_video"], False) == norm(e["first_words_in_video"], False)
        else:
            assert e["gold_start"] is None and e["why_not_in_video"], where

    for n in gold["not_excerpts"]:
        assert line_text(n["line"]).strip() and n["line"] not in covered and n["why"]
    for p in gold["problems"]:
        assert p["raw"] in line_text(p["line"])
    excerpt_lines = {e["line"] for e in gold["excerpts"]}
    for f in gold["findings"]:
        assert f.get("line") in excerpt_lines or f.get("clip_line") in clip_lines, f
        if f["kind"] == "timestamp-drift":
            assert abs(f["data"]["seconds"]) >= 30
    assert [(c["line"], c["video_id"], c["start"]) for c in gold["embeds"]] == \
        [(c["line"], c["video_id"], c["start"]) for c in gold["clips"]]


def test_the_gold_covers_the_cases_the_checker_must_handle():
    docs = [load_json(g) for g in golds()]
    excerpts = [e for d in docs for e in d["excerpts"]]
    kinds = Counter(f["kind"] for d in docs for f in d["findings"])
    assert sum(not e["in_video"] for e in excerpts) >= 6
    assert any(e.get("other_occurrences") for e in excerpts)
    assert any(e["role"] == "paraphrase" for e in excerpts)
    assert {"timestamp-drift", "label-mismatch", "number-mismatch", "name-missing", "speaker-mismatch",
            "out-of-order", "repeated-passage", "unsupported-quote", "transcript-caveat"} <= set(kinds)
    assert any(d["problems"] for d in docs)
    assert any(c["kind"] == "label" for d in docs for c in d["clips"])


def test_the_generator_reproduces_the_committed_files():
    spec = importlib.util.spec_from_file_location("make_samples", SAMPLES / "tools" / "make_samples.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_samples"] = module
    spec.loader.exec_module(module)
    outputs, _ = module.build_all()
    stale = [rel(p) for p, text in outputs.items() if not p.is_file() or p.read_text(encoding="utf-8") != text]
    assert not stale, f"run python samples/tools/make_samples.py: {stale}"
    assert {p for p in outputs if p.suffix == ".json"} == \
        set(transcripts()) | set(golds()) | {SAMPLES / "gold" / "expected-embeds.json"}


def test_the_expected_embeds_list_is_every_gold_files_embeds():
    listed = load_json(SAMPLES / "gold" / "expected-embeds.json")
    assert listed == sorted((c for g in golds() for c in load_json(g)["embeds"]),
                            key=lambda c: (c["path"], c["line"]))
    assert all(c["path"].endswith((".md", ".markdown", ".mdx")) for c in listed)
