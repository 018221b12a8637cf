#!/usr/bin/env python3
"""How well does `clipnote check` find where each excerpt is spoken? Score it against the gold files.

    python benchmarks/accuracy.py [--samples samples] [--seed ../shared/seed] [--json] [--verbose]

For every gold file (`samples/gold/**/*.gold.json`, and the seed's `gold.json` when it is present) this
runs `python -m clipnote check ARTICLE --offline --format json` (with `--transcripts DIR` for the seed,
whose transcript is not in a snapshot folder), matches the reported excerpts to the gold ones by line,
and prints:

- link precision, recall and F1 at temporal IoU >= 0.5. A predicted link is an excerpt with verdict
  `supported` or `weak` and a match; it is a true positive when its gold excerpt is in the video, on the
  same video, and the two spans overlap with IoU >= 0.5.
- the median absolute start error, and the share within 2, 5 and 10 s, over the gold in-video excerpts
  that got a predicted link;
- precision and recall of `unsupported` on the quotes that are not in the video (over reported
  excerpts that correspond to gold excerpts; a gold quote the checker never reports counts as missed);
- recall of the gold findings, by kind.

A file whose check fails (the command errors, times out or prints no JSON) gets one line on stderr and
the run goes on; its gold still counts, as found by nothing. The scoring is pure (`score(gold,
report)`) so it can be tested without the checker: see `tests/test_accuracy_harness.py`.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IOU_MIN = 0.5
LINK_VERDICTS = frozenset({"supported", "weak"})
START_TOLERANCES = (2.0, 5.0, 10.0)


# --- gold --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldExcerpt:
    line: int
    end_line: int
    in_video: bool
    start: float | None = None
    end: float | None = None
    video_id: str | None = None
    role: str = "quote"
    alt_lines: tuple[int, ...] = ()

    def covers(self, line: int) -> bool:
        return self.line <= line <= self.end_line or line in self.alt_lines


@dataclass(frozen=True)
class GoldFinding:
    kind: str
    line: int | None = None  # an excerpt's first line
    clip_line: int | None = None


@dataclass(frozen=True)
class Gold:
    name: str  # how to call it in the output
    article: Path
    transcripts: Path | None  # a --transcripts folder, when the article's snapshots are not enough
    excerpts: tuple[GoldExcerpt, ...]
    findings: tuple[GoldFinding, ...] = ()
    not_excerpt_lines: frozenset[int] = frozenset()
    language_pair: str = "?"  # "ja→en": the article's language → the video's


def load_gold(path: Path, base: Path) -> Gold:
    """A gold file in either form: clipnote/gold@1 (the samples) or the seed's (one video, `turns`).

    `base` is the folder the file's `article` path is relative to.
    """
    doc = json.loads(path.read_text(encoding="utf-8"))
    if "turns" in doc:  # the seed's form
        embed = doc.get("embed") or {}
        excerpts = tuple(
            GoldExcerpt(line=t["line"], end_line=t.get("end_line", t["line"]), in_video=True,
                        start=t["gold_start"], end=t["gold_end"], video_id=doc.get("video_id"),
                        role=_role_from_label(t.get("label")))
            for t in doc["turns"])
        findings = []
        if doc.get("expected_drift_seconds") is not None and embed.get("line"):
            findings.append(GoldFinding("timestamp-drift", clip_line=embed["line"]))
        transcripts = None
        if doc.get("transcript"):
            transcripts = (base / doc["transcript"]).parent
        article = base / doc["article"]
        video_lang = _transcript_language(base / doc["transcript"]) if doc.get("transcript") else None
        return Gold(
            name=_relative(path), article=article, transcripts=transcripts, excerpts=excerpts,
            findings=tuple(findings),
            not_excerpt_lines=frozenset(n["line"] for n in doc.get("not_excerpts", [])),
            language_pair=f"{doc.get('language') or _guess_language(article)}→{video_lang or '?'}",
        )
    excerpts = tuple(
        GoldExcerpt(line=e["line"], end_line=e.get("end_line") or e["line"], in_video=bool(e["in_video"]),
                    start=e.get("gold_start"), end=e.get("gold_end"), video_id=e.get("video_id"),
                    role=e.get("role", "quote"), alt_lines=tuple(e.get("alt_lines", ())))
        for e in doc.get("excerpts", []))
    findings = tuple(GoldFinding(f["kind"], line=f.get("line"), clip_line=f.get("clip_line"))
                     for f in doc.get("findings", []))
    video_langs = sorted({_transcript_language(base / p) or "?" for p in doc.get("transcripts", {}).values()})
    return Gold(
        name=_relative(path), article=base / doc["article"], transcripts=None, excerpts=excerpts,
        findings=findings,
        not_excerpt_lines=frozenset(n["line"] for n in doc.get("not_excerpts", [])),
        language_pair=f"{doc.get('language') or '?'}→{'+'.join(video_langs) or '?'}",
    )


def _role_from_label(label: str | None) -> str:
    if label and label.lstrip().startswith("Q"):
        return "question"
    if label and label.lstrip().startswith("A"):
        return "answer"
    return "quote"


def _transcript_language(path: Path) -> str | None:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if isinstance(doc, dict):
        return doc.get("language")
    if isinstance(doc, list) and doc:  # youtube-transcript-api's raw list carries no language
        text = " ".join(str(s.get("text", "")) for s in doc[:200])
        return _guess_language_of(text)
    return None


def _guess_language(path: Path) -> str:
    try:
        return _guess_language_of(path.read_text(encoding="utf-8"))
    except OSError:
        return "?"


def _guess_language_of(text: str) -> str:
    if re.search(r"[\u3040-\u30ff]", text):
        return "ja"
    if re.search(r"[\uac00-\ud7af]", text):
        return "ko"
    if re.search(r"[\u4e00-\u9fff]", text):
        return "zh"
    return "en"


# --- report ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Predicted:
    line: int
    verdict: str
    start: float | None
    end: float | None
    video_id: str | None
    clip_line: int | None
    finding_kinds: tuple[str, ...] = ()
    confidence: float | None = None

    @property
    def is_link(self) -> bool:
        return self.verdict in LINK_VERDICTS and self.start is not None and self.end is not None


@dataclass(frozen=True)
class ReportedFinding:
    kind: str
    line: int | None  # the excerpt (or line) it is about, when it says
    clip_line: int | None


def read_report(report: dict) -> tuple[list[Predicted], list[ReportedFinding]]:
    """The excerpts and findings of one DESIGN §7 article object."""
    predicted: list[Predicted] = []
    findings: list[ReportedFinding] = []
    for clip in report.get("clips") or []:
        clip_line = clip.get("line")
        for f in clip.get("findings") or []:
            findings.append(ReportedFinding(f.get("kind", ""), _int(f.get("line")), clip_line))
        for ex in clip.get("excerpts") or []:
            line = _int(ex.get("line"))
            if line is None:
                continue
            match = ex.get("match") or {}
            kinds = tuple(f.get("kind", "") for f in ex.get("findings") or [])
            predicted.append(Predicted(
                line=line, verdict=str(ex.get("verdict") or ""),
                start=_float(match.get("start")), end=_float(match.get("end")),
                video_id=clip.get("video_id"), clip_line=clip_line, finding_kinds=kinds,
                confidence=_float(match.get("confidence"))))
            for kind in kinds:
                findings.append(ReportedFinding(kind, line, clip_line))
    return predicted, findings


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _float(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


# --- scoring -----------------------------------------------------------------------------------


def temporal_iou(a_start: float, a_end: float, b_start: float, b_end: float) -> float:
    """Intersection over union of two time spans; a zero-length span counts as a point."""
    inter = max(0.0, min(a_end, b_end) - max(a_start, b_start))
    union = max(a_end, b_end) - min(a_start, b_start)
    if union <= 0:
        return 1.0 if a_start == b_start else 0.0
    return inter / union


@dataclass
class Scores:
    files: int = 0
    failed: list[str] = field(default_factory=list)
    gold_links: int = 0  # gold excerpts that are in the video
    predicted_links: int = 0
    true_links: int = 0
    start_errors: list[float] = field(default_factory=list)
    gold_unsupported: int = 0  # gold excerpts that are not in the video
    predicted_unsupported: int = 0  # reported excerpts judged unsupported, among those matched to gold
    true_unsupported: int = 0
    missed_excerpts: int = 0  # gold excerpts the report does not contain at all
    extra_excerpts: int = 0  # reported excerpts on lines no gold excerpt covers
    findings: dict[str, list[int]] = field(default_factory=dict)  # kind → [gold, found]
    # (confidence, the match is right) for every excerpt reported with a match: how calibrated
    # the confidence is
    calibration: list[tuple[float, bool]] = field(default_factory=list)

    # -- combining --

    def add(self, other: "Scores") -> "Scores":
        """Micro-average: sum the counts of two score sets."""
        out = Scores()
        for name in ("files", "gold_links", "predicted_links", "true_links", "gold_unsupported",
                     "predicted_unsupported", "true_unsupported", "missed_excerpts", "extra_excerpts"):
            setattr(out, name, getattr(self, name) + getattr(other, name))
        out.failed = self.failed + other.failed
        out.start_errors = self.start_errors + other.start_errors
        out.calibration = self.calibration + other.calibration
        for src in (self.findings, other.findings):
            for kind, (g, f) in src.items():
                acc = out.findings.setdefault(kind, [0, 0])
                acc[0] += g
                acc[1] += f
        return out

    # -- figures --

    @property
    def precision(self) -> float | None:
        return _ratio(self.true_links, self.predicted_links)

    @property
    def recall(self) -> float | None:
        return _ratio(self.true_links, self.gold_links)

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    @property
    def median_start_error(self) -> float | None:
        return statistics.median(self.start_errors) if self.start_errors else None

    def within(self, seconds: float) -> float | None:
        if not self.start_errors:
            return None
        return sum(1 for e in self.start_errors if e <= seconds) / len(self.start_errors)

    @property
    def brier(self) -> float | None:
        """Mean squared gap between confidence and being right (0 is perfect)."""
        if not self.calibration:
            return None
        return sum((c - ok) ** 2 for c, ok in self.calibration) / len(self.calibration)

    def reliability(self, bins: int = 5) -> list[tuple[float, float, int, float]]:
        """(low, high, count, share right) per confidence bin."""
        out = []
        for i in range(bins):
            low, high = i / bins, (i + 1) / bins
            inside = [ok for c, ok in self.calibration if low <= c < high or (i == bins - 1 and c == 1.0)]
            if inside:
                out.append((low, high, len(inside), sum(inside) / len(inside)))
        return out

    @property
    def ece(self) -> float | None:
        """Expected calibration error: the count-weighted gap between mean confidence and the
        share right, over five bins."""
        if not self.calibration:
            return None
        total = 0.0
        for low, high, count, right in self.reliability():
            confs = [c for c, _ in self.calibration if low <= c < high or (high == 1.0 and c == 1.0)]
            total += count * abs(sum(confs) / len(confs) - right)
        return total / len(self.calibration)

    @property
    def unsupported_precision(self) -> float | None:
        return _ratio(self.true_unsupported, self.predicted_unsupported)

    @property
    def unsupported_recall(self) -> float | None:
        return _ratio(self.true_unsupported, self.gold_unsupported)

    def summary(self) -> dict:
        return {
            "files": self.files,
            "failed": list(self.failed),
            "links": {"gold": self.gold_links, "predicted": self.predicted_links, "true": self.true_links,
                      "precision": self.precision, "recall": self.recall, "f1": self.f1,
                      "iou_min": IOU_MIN},
            "start_error": {"n": len(self.start_errors), "median": self.median_start_error,
                            **{f"within_{int(t)}s": self.within(t) for t in START_TOLERANCES}},
            "unsupported": {"gold": self.gold_unsupported, "predicted": self.predicted_unsupported,
                            "true": self.true_unsupported, "precision": self.unsupported_precision,
                            "recall": self.unsupported_recall},
            "excerpts": {"missed": self.missed_excerpts, "extra": self.extra_excerpts},
            "confidence": {"n": len(self.calibration), "brier": self.brier, "ece": self.ece,
                           "bins": [{"low": lo, "high": hi, "count": n, "right": r}
                                    for lo, hi, n, r in self.reliability()]},
            "findings": {k: {"gold": g, "found": f, "recall": _ratio(f, g)}
                         for k, (g, f) in sorted(self.findings.items())},
        }


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def score(gold: Gold, report: dict | None) -> Scores:
    """Score one article's report (a DESIGN §7 object, or None when the check failed) against its gold."""
    predicted, reported = read_report(report) if report else ([], [])
    s = Scores(files=1)
    if report is None:
        s.failed.append(gold.name)

    # each gold excerpt takes the reported excerpt on its first line, else the first one inside it
    claimed: set[int] = set()
    pairs: list[tuple[GoldExcerpt, Predicted | None]] = []
    for g in gold.excerpts:
        inside = [i for i, p in enumerate(predicted) if i not in claimed and g.covers(p.line)]
        exact = [i for i in inside if predicted[i].line == g.line]
        pick = (exact or inside or [None])[0]
        if pick is not None:
            claimed.update(inside)  # an excerpt split in two is one prediction, not a false one
        pairs.append((g, predicted[pick] if pick is not None else None))
    unclaimed = [p for i, p in enumerate(predicted) if i not in claimed]

    for g, p in pairs:
        if g.in_video:
            s.gold_links += 1
        else:
            s.gold_unsupported += 1
        if p is None:
            s.missed_excerpts += 1
            continue
        if p.confidence is not None and p.start is not None and p.end is not None:
            right = bool(g.in_video and g.start is not None and g.end is not None
                         and temporal_iou(p.start, p.end, g.start, g.end) >= IOU_MIN)
            s.calibration.append((p.confidence, right))
        if p.is_link:
            s.predicted_links += 1
            if g.in_video:
                s.start_errors.append(abs(p.start - g.start))
                same_video = g.video_id is None or p.video_id is None or g.video_id == p.video_id
                if same_video and temporal_iou(p.start, p.end, g.start, g.end) >= IOU_MIN:
                    s.true_links += 1
        elif p.verdict == "unsupported":
            s.predicted_unsupported += 1
            if not g.in_video:
                s.true_unsupported += 1
    for p in unclaimed:
        s.extra_excerpts += 1
        if p.is_link:
            s.predicted_links += 1  # a link on a line that is not an excerpt is a false link

    for f in gold.findings:
        acc = s.findings.setdefault(f.kind, [0, 0])
        acc[0] += 1
        if _finding_found(f, gold, reported):
            acc[1] += 1
    return s


def _finding_found(f: GoldFinding, gold: Gold, reported: list[ReportedFinding]) -> bool:
    same_kind = [r for r in reported if r.kind == f.kind]
    if f.line is not None:
        excerpt = next((g for g in gold.excerpts if g.line == f.line), None)
        for r in same_kind:
            if r.line is None:
                continue
            if r.line == f.line or (excerpt is not None and excerpt.covers(r.line)):
                return True
        return False
    return any(r.clip_line == f.clip_line for r in same_kind)


# --- running the checker -----------------------------------------------------------------------


def run_check(gold: Gold, command: list[str], timeout: float,
              extra: tuple[str, ...] = ()) -> tuple[dict | None, str | None]:
    """Run `clipnote check` on the gold's article (any object with `article` and `transcripts`),
    with `extra` options after the usual ones; (report, None) or (None, one-line error)."""
    args = [*command, "check", str(gold.article), "--offline", "--format", "json"]
    if gold.transcripts is not None:
        args += ["--transcripts", str(gold.transcripts)]
    args += list(extra)
    try:
        proc = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=timeout,
                              env={**os.environ, "NO_COLOR": "1"})
    except subprocess.TimeoutExpired:
        return None, f"clipnote check timed out after {timeout:g} s"
    except OSError as error:
        return None, f"could not run clipnote check: {error}"
    # 1 means findings at or above --fail-on; 2 with a report means part of the article could not
    # be checked (a bad video reference, a missing transcript): the rest is still scored
    try:
        doc = json.loads(proc.stdout) if proc.stdout.strip() else None
    except ValueError:
        doc = None
    if doc is None:
        last = (proc.stderr.strip().splitlines() or ["(no message)"])[-1]
        if proc.returncode not in (0, 1):
            return None, f"clipnote check exited {proc.returncode}: {last}"
        return None, "clipnote check printed no JSON report"
    if isinstance(doc, list):  # several articles: take ours
        doc = next((d for d in doc if _same_article(d, gold.article)), doc[0] if len(doc) == 1 else None)
    if not isinstance(doc, dict):
        return None, "clipnote check's JSON holds no report for this article"
    return doc, None


def _same_article(doc, article: Path) -> bool:
    path = ((doc or {}).get("article") or {}).get("path") if isinstance(doc, dict) else None
    if not path:
        return False
    try:
        return Path(path).resolve() == article.resolve() or Path(path).name == article.name
    except OSError:
        return False


def find_golds(samples: Path, seed: Path | None) -> list[Gold]:
    golds = [load_gold(p, samples) for p in sorted((samples / "gold").rglob("*.gold.json"))]
    if seed is not None and (seed / "gold.json").is_file():
        golds.append(load_gold(seed / "gold.json", seed))
    return golds


def default_seed() -> Path:
    """`$CLIPNOTE_SHARED/seed`, else the nearest `shared/seed` beside the project or above it."""
    if os.environ.get("CLIPNOTE_SHARED"):
        return Path(os.environ["CLIPNOTE_SHARED"]) / "seed"
    for folder in ROOT.parents:
        if (folder / "shared" / "seed" / "gold.json").is_file():
            return folder / "shared" / "seed"
    return ROOT.parent / "shared" / "seed"


# --- output ------------------------------------------------------------------------------------


def _pct(x: float | None) -> str:
    return "  n/a" if x is None else f"{100 * x:4.0f}%"


def _num(x: float | None, fmt: str = "{:.3f}") -> str:
    return "n/a" if x is None else fmt.format(x)


def render_text(total: Scores, per_file: list[tuple[Gold, Scores]], verbose: bool) -> str:
    out = []
    out.append(f"clipnote accuracy: {total.files} gold file(s), {len(total.failed)} failed to run")
    out.append(f"  links at IoU >= {IOU_MIN}: gold {total.gold_links}, predicted {total.predicted_links}, "
               f"correct {total.true_links}  P {_num(total.precision)}  R {_num(total.recall)}  "
               f"F1 {_num(total.f1)}")
    out.append(f"  start error (n={len(total.start_errors)}): median {_num(total.median_start_error, '{:.1f} s')}"
               + "".join(f"  <={int(t)} s {_pct(total.within(t))}" for t in START_TOLERANCES))
    out.append(f"  unsupported: gold {total.gold_unsupported}, flagged {total.predicted_unsupported}, "
               f"correct {total.true_unsupported}  P {_num(total.unsupported_precision)}  "
               f"R {_num(total.unsupported_recall)}")
    out.append(f"  excerpts the report lacks: {total.missed_excerpts}; reported on other lines: "
               f"{total.extra_excerpts}")
    if total.calibration:
        bins = ", ".join(f"{lo:.1f}-{hi:.1f}: {right:.0%} of {n}" for lo, hi, n, right in total.reliability())
        out.append(f"  confidence (n={len(total.calibration)}): Brier {_num(total.brier)}  ECE {_num(total.ece)}"
                   f"  right by bin: {bins}")
    if total.findings:
        out.append("  findings found: " + ", ".join(
            f"{k} {f}/{g}" for k, (g, f) in sorted(total.findings.items())))
    if verbose:
        by_pair: dict[str, Scores] = {}
        for gold, s in per_file:
            by_pair[gold.language_pair] = by_pair.get(gold.language_pair, Scores()).add(s)
        out.append("  by language pair:")
        for pair, s in sorted(by_pair.items()):
            out.append(f"    {pair:10s} F1 {_num(s.f1)}  (gold {s.gold_links}, correct {s.true_links}, "
                       f"predicted {s.predicted_links}); unsupported R {_num(s.unsupported_recall)}")
        out.append("  per file:")
        for gold, s in per_file:
            state = "FAILED" if s.failed else f"F1 {_num(s.f1)}"
            out.append(f"    {state:9s} links {s.true_links}/{s.gold_links} (pred {s.predicted_links})  "
                       f"unsupported {s.true_unsupported}/{s.gold_unsupported}  "
                       f"median start err {_num(s.median_start_error, '{:.1f} s')}  {_display(gold)}")
    return "\n".join(out)


def _display(gold: Gold) -> str:
    return _relative(gold.article)


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Score `clipnote check` against the gold files.")
    ap.add_argument("--samples", type=Path, default=ROOT / "samples", help="the samples folder (default: samples)")
    ap.add_argument("--seed", type=Path, default=None,
                    help="the seed folder with gold.json (default: ../shared/seed, skipped when absent)")
    ap.add_argument("--no-seed", action="store_true", help="score the samples only")
    ap.add_argument("--json", action="store_true", help="print machine-readable scores")
    ap.add_argument("--verbose", "-v", action="store_true", help="per-file and per-language breakdown")
    ap.add_argument("--python", default=sys.executable, help="interpreter that runs `-m clipnote`")
    ap.add_argument("--timeout", type=float, default=600.0, help="seconds allowed per article")
    ap.add_argument("--only", default=None, help="score only gold files whose article path contains this")
    args = ap.parse_args(argv)

    seed = None if args.no_seed else (args.seed or default_seed())
    if args.seed is not None and not (args.seed / "gold.json").is_file():
        print(f"accuracy: no gold.json in {args.seed}", file=sys.stderr)
        return 2
    samples = args.samples.resolve()
    if not (samples / "gold").is_dir():
        print(f"accuracy: no gold folder in {samples}", file=sys.stderr)
        return 2
    if seed is not None and not (seed / "gold.json").is_file():
        print(f"accuracy: no seed gold at {seed}; scoring the samples only", file=sys.stderr)
        seed = None
    golds = find_golds(samples, seed.resolve() if seed else None)
    if args.only:
        golds = [g for g in golds if args.only in str(g.article)]
    if not golds:
        print("accuracy: no gold files to score", file=sys.stderr)
        return 2

    command = [args.python, "-m", "clipnote"]
    total = Scores()
    per_file: list[tuple[Gold, Scores]] = []
    for gold in golds:
        report, error = run_check(gold, command, args.timeout)
        if error:
            print(f"accuracy: {_display(gold)}: {error}", file=sys.stderr)
        s = score(gold, report)
        per_file.append((gold, s))
        total = total.add(s)

    if args.json:
        print(json.dumps({"total": total.summary(),
                          "files": [{"article": _display(g), "language_pair": g.language_pair, **s.summary()}
                                    for g, s in per_file]}, ensure_ascii=False, indent=1))
    else:
        print(render_text(total, per_file, args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
