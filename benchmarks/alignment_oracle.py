#!/usr/bin/env python3
"""The aligner on real articles, with extraction taken out of the question ("oracle extraction").

    python benchmarks/alignment_oracle.py [--realworld ../shared/realworld] [--json] [--verbose]
                                         [--features FILE]

For every case in `../shared/realworld/*/` (article.md, gold.json, transcripts/) each gold
passage's text is taken from the article itself — from its `line` to the end of its paragraph,
bullet or quote (a blank line, a heading, a new bullet, a line of bare HTML tags or the next gold
passage ends it), markup stripped with clipnote's own `article.inline.plain_text` — and aligned
with clipnote's real aligner (`align.align_clip`) against the case's transcript.

The role is decided from the passage's text, as an extractor would, never from the gold verdict:
a passage that quotes (a quotation that is most of it) or opens with a speaker label is a `quote`,
any other paragraph or bullet a `paraphrase`. Passages whose article gives a time (the gold's
`claimed_start`) are aligned one by one with that time as the hint, as their own clips; the others
of a case form one clip in article order with no hint.

Prints per case and in total: faithful passages (`verbatim`, `near-verbatim`, `translation`)
placed within 10 s or at IoU >= 0.5 and how many were called `unsupported`/`weak`; loose passages
(`paraphrase`, `loose-paraphrase`, `summary`) placed; not-found passages called
`unsupported`/`supported`; key points placed within 60 s. The gold data is read at run time from
../shared (third-party data, never copied). `--features FILE` writes every passage's alignment
features as JSON lines (benchmarks/calibrate.py reads them).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FAITHFUL = frozenset({"verbatim", "near-verbatim", "translation"})
LOOSE = frozenset({"paraphrase", "loose-paraphrase", "summary"})
PLACE_SECONDS = 10.0
KEY_POINT_SECONDS = 60.0

_BULLET = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
_BARE_TAGS = re.compile(r"^\s*(?:</?[A-Za-z][^<>]*>\s*)+$")
_RULE = re.compile(r"^\s*(?:---+|\*\*\*+|::\w+::)\s*$")
# a trailing `[Speaker][mm:ss]` label (meeting-style summaries): speaker and time, not content
_LABEL_TIME = re.compile(r"\s*\[([^\[\]]+)\]\s*\[(\d{1,2}:\d{2}(?::\d{2})?)\]\s*$")
_FRONT_MATTER_KEY = re.compile(r"^[a-z][\w-]*:\s*[\w-]*$")  # a slide deck's `layout: two-cols`
_SPEAKER_LABEL = re.compile(r"^\s*([A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,2})\s*(?:\([^()]*\))?\s*[:：]\s*")


@dataclass(frozen=True)
class Passage:
    case: str
    line: int
    text: str
    role: str
    verdict: str
    kind: str
    hint: float | None
    gold_start: float | None
    gold_end: float | None
    also_at: tuple[tuple[float, float], ...]
    own_time: bool = False  # the time is written on the passage's own line: it names the passage


def passage_text(lines: list[str], line: int, stops: set[int]) -> str:
    """Markdown of the passage starting at 1-based `line`: up to the end of its paragraph, bullet
    or quote."""
    out = [lines[line - 1]]
    for n in range(line + 1, len(lines) + 1):
        raw = lines[n - 1]
        if (n in stops or not raw.strip() or _HEADING.match(raw) or _BULLET.match(raw)
                or _BARE_TAGS.match(raw) or _RULE.match(raw)):
            break
        out.append(raw)
    return "\n".join(out)


def passage_role(plain: str) -> str:
    """`quote` when it quotes someone (a quotation is most of it) or opens with a speaker label,
    else `paraphrase`: the decision an extractor makes from the article, never from the gold."""
    from clipnote.align.text import quoted_speech

    if _SPEAKER_LABEL.match(plain) or quoted_speech(plain) is not None:
        return "quote"
    return "paraphrase"


def block_starts(lines: list[str], first: int, last: int) -> list[int]:
    """1-based lines between `first` and `last` where a paragraph, bullet or quote begins (outside
    code fences): the other passages a summary article's extractor would align too."""
    starts, fenced, previous_ends = [], False, True
    for n in range(first, last + 1):
        raw = lines[n - 1]
        if raw.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            previous_ends = True
            continue
        ends = (fenced or not raw.strip() or bool(_HEADING.match(raw) or _BARE_TAGS.match(raw) or _RULE.match(raw)))
        if not ends and (previous_ends or _BULLET.match(raw)):
            starts.append(n)
        previous_ends = ends
    return starts


def passage_plain(lines: list[str], line: int, stops: set[int]) -> str:
    from clipnote.article.inline import plain_text

    markdown = passage_text(lines, line, stops)
    markdown = _BULLET.sub("", markdown, count=1)
    return plain_text(_LABEL_TIME.sub("", markdown))


def other_passages(folder: Path) -> list[tuple[int, str, str]]:
    """(line, text, role) of the article's other paragraphs and bullets between its first and last
    gold passage, with at least eight letters: the author's commentary an extractor also hands the
    aligner (its neighbours are what `contiguity` asks about)."""
    lines = (folder / "article.md").read_text(encoding="utf-8").splitlines()
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    stops = {g["line"] for g in gold}
    starts = block_starts(lines, min(stops), max(stops))
    out = []
    for n in starts:
        if n in stops:
            continue
        plain = passage_plain(lines, n, stops | set(starts))
        if len(re.sub(r"[\W\d_]+", "", plain)) >= 8 and not _FRONT_MATTER_KEY.match(plain):
            out.append((n, plain, passage_role(plain)))
    return out


def load_case(folder: Path) -> tuple[list[Passage], Path, str]:
    lines = (folder / "article.md").read_text(encoding="utf-8").splitlines()
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    stops = {g["line"] for g in gold}
    passages = []
    for g in gold:
        plain = passage_plain(lines, g["line"], stops)
        also = g.get("also_at") or None
        passages.append(Passage(
            case=folder.name, line=g["line"], text=plain, role=passage_role(plain), verdict=g["verdict"],
            kind=g.get("kind", ""), hint=g.get("claimed_start"), gold_start=g.get("gold_start"),
            gold_end=g.get("gold_end"),
            also_at=((also["start"], also["end"]),) if also else (),
            own_time=bool(re.search(r"\d{1,2}:\d{2}", lines[g["line"] - 1]))))
    transcripts = folder / "transcripts"
    video = next(transcripts.glob("*.json")).stem
    return passages, transcripts, video


def temporal_iou(a0: float, a1: float, b0: float, b1: float) -> float:
    inter = max(0.0, min(a1, b1) - max(a0, b0))
    union = max(a1, b1) - min(a0, b0)
    return inter / union if union > 0 else float(a0 == b0)


def placed(p: Passage, start: float | None, end: float | None) -> bool:
    if start is None or p.gold_start is None:
        return False
    tolerance = KEY_POINT_SECONDS if p.kind == "key-point" else PLACE_SECONDS
    spans = [(p.gold_start, p.gold_end if p.gold_end is not None else p.gold_start), *p.also_at]
    return any(abs(start - g0) <= tolerance or temporal_iou(start, end, g0, g1) >= 0.5 for g0, g1 in spans)


def prepare_case(folder: Path, encoder):
    """The case's transcript, prepared for alignment (cached on disk like clipnote's own)."""
    from clipnote.align.stored import load_or_prepare
    from clipnote.transcripts import TranscriptStore

    transcripts = folder / "transcripts"
    video = next(transcripts.glob("*.json")).stem
    return load_or_prepare(TranscriptStore(transcripts, offline=True).get(video), encoder)


def align_case(folder: Path, encoder, prepared=None, *, everything: bool = False, hints: bool = True) -> list[dict]:
    """One row per gold passage: the passage, its verdict, match and features. `prepared`: align
    against this transcript instead of the case's own (a negative control for calibration).
    `everything`: the article's other paragraphs and bullets go into the unhinted clip too.
    `hints=False`: every passage goes into that one clip, whatever times the article gives (a
    summary grouped by theme, read as one clip in article order)."""
    from clipnote.align import align_clip
    from clipnote.model import Excerpt

    passages, _, _ = load_case(folder)
    if not hints:
        passages = [replace(p, hint=None) for p in passages]
    if prepared is None:
        prepared = prepare_case(folder, encoder)
    article = str(folder / "article.md")

    def excerpt(p: Passage) -> Excerpt:
        return Excerpt(path=article, line=p.line, text=p.text, role=p.role)

    results = {}
    unhinted = [excerpt(p) for p in passages if p.hint is None]
    if everything and unhinted:
        unhinted += [Excerpt(path=article, line=n, text=text, role=role) for n, text, role in other_passages(folder)]
        unhinted.sort(key=lambda e: e.line)
    for ex, a in zip(unhinted, align_clip(unhinted, prepared, None, encoder)):
        results[ex.line] = a
    for p in passages:
        if p.hint is not None:
            results[p.line] = align_clip([excerpt(p)], prepared, p.hint, encoder, own_time=p.own_time)[0]
    rows = []
    for p in passages:
        a = results[p.line]
        m = a.match
        start, end = (m.start, m.end) if m is not None else (None, None)
        rows.append({
            "case": p.case, "line": p.line, "role": p.role, "kind": p.kind, "verdict_gold": p.verdict,
            "verdict": a.verdict, "start": start, "end": end, "gold_start": p.gold_start,
            "gold_end": p.gold_end, "placed": placed(p, start, end),
            "confidence": a.features.get("confidence"), "features": dict(a.features), "text": p.text,
        })
    return rows


def summarise(rows: list[dict]) -> dict:
    faithful = [r for r in rows if r["verdict_gold"] in FAITHFUL]
    loose = [r for r in rows if r["verdict_gold"] in LOOSE]
    missing = [r for r in rows if r["verdict_gold"] == "not-found"]
    keys = [r for r in rows if r["kind"] == "key-point"]
    return {
        "faithful": len(faithful),
        "faithful_placed": sum(r["placed"] for r in faithful),
        "faithful_unsupported": sum(r["verdict"] == "unsupported" for r in faithful),
        "faithful_weak": sum(r["verdict"] == "weak" for r in faithful),
        "loose": len(loose),
        "loose_placed": sum(r["placed"] for r in loose),
        "loose_unsupported": sum(r["verdict"] == "unsupported" for r in loose),
        "not_found": len(missing),
        "not_found_unsupported": sum(r["verdict"] == "unsupported" for r in missing),
        "not_found_supported": sum(r["verdict"] == "supported" for r in missing),
        "key_points": len(keys),
        "key_points_placed": sum(r["placed"] for r in keys),
    }


def _pct(a: int, b: int) -> str:
    return f"{a}/{b} ({100.0 * a / b:.0f}%)" if b else "-"


def render(name: str, s: dict) -> str:
    parts = [f"{name:<13}"]
    if s["faithful"]:
        parts.append(f"faithful placed {_pct(s['faithful_placed'], s['faithful'])}, "
                     f"unsupported {_pct(s['faithful_unsupported'], s['faithful'])}, "
                     f"weak {_pct(s['faithful_weak'], s['faithful'])}")
    if s["loose"]:
        parts.append(f"loose placed {_pct(s['loose_placed'], s['loose'])}")
    if s["not_found"]:
        parts.append(f"not-found unsupported {_pct(s['not_found_unsupported'], s['not_found'])}, "
                     f"supported {s['not_found_supported']}")
    if s["key_points"]:
        parts.append(f"key points placed (60 s) {_pct(s['key_points_placed'], s['key_points'])}")
    return " | ".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--realworld", type=Path,
                        default=Path(os.environ.get("CLIPNOTE_SHARED", ROOT.parent / "shared")) / "realworld")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--verbose", action="store_true", help="print every passage that is not right")
    parser.add_argument("--features", type=Path, help="write every passage's features here (JSON lines)")
    parser.add_argument("--everything", action="store_true",
                        help="align the article's other paragraphs and bullets too (as an extractor of a "
                             "summary article would), scoring only the gold ones")
    parser.add_argument("--no-hints", action="store_true",
                        help="ignore the article's times: each case is one clip in article order")
    args = parser.parse_args(argv)
    cases = sorted(p for p in args.realworld.glob("*/") if (p / "gold.json").exists())
    if not cases:
        print(f"{args.realworld}: no case with a gold.json", file=sys.stderr)
        return 2
    from clipnote.align.embed import default_encoder

    encoder = default_encoder()
    every: list[dict] = []
    per_case = {}
    for folder in cases:
        rows = align_case(folder, encoder, everything=args.everything, hints=not args.no_hints)
        every.extend(rows)
        per_case[folder.name] = summarise(rows)
    total = summarise(every)
    if args.features:
        with open(args.features, "w", encoding="utf-8") as handle:
            for r in every:
                handle.write(json.dumps(r, ensure_ascii=False) + "\n")
    if args.json:
        print(json.dumps({"cases": per_case, "total": total}, indent=2))
        return 0
    for name, s in per_case.items():
        print(render(name, s))
    print(render("total", total))
    if args.verbose:
        for r in every:
            good = r["placed"] and r["verdict"] == "supported"
            if r["verdict_gold"] == "not-found":
                good = r["verdict"] == "unsupported"
            if not good:
                where = "-" if r["start"] is None else f"{r['start']:.0f}"
                print(f"  {r['case']}:{r['line']} {r['verdict_gold']:<16} {r['role']:<10} -> {r['verdict']:<11} "
                      f"at {where} (gold {r['gold_start']}) conf {r['confidence']:.2f}  {r['text'][:60]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
