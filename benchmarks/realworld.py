#!/usr/bin/env python3
"""How does `clipnote check` do on real articles? Score it against the hand-made gold in ../shared/realworld.

    python benchmarks/realworld.py [--root ../shared/realworld] [--cases A,B] [--json] [--verbose]

Every subfolder of the root that holds `article.md`, `gold.json` and `transcripts/` is a case (so
cases added later are picked up). For each one this runs

    python -m clipnote check CASE/article.md --transcripts CASE/transcripts --offline --format json

(with `--video ID` when the article never names the id of its one transcript), and scores the
report against the gold (see `../shared/realworld/README.md` for the schema):

- found: a passage is found when an excerpt starts at its line ±1;
- placed: a passage's match starts within 10 s of `gold_start` (or of `also_at`), or overlaps the
  gold span with IoU >= 0.5; key points are placed within 60 s. Rows for faithful passages
  (`verbatim`, `near-verbatim`, `translation`) and for every passage in the video;
- the verdicts: faithful passages called `unsupported` or `weak`; `not-found` passages called
  `unsupported`, and any called `supported`;
- drift: placed passages whose claimed time is more than 30 s from the gold that carry a drift
  finding (on the excerpt, or on its clip);
- speakers: passages whose claimed speaker is not in `speaker_actual` that are reported with a
  `speaker-mismatch`, and the agreeing ones reported all the same;
- noise: warnings and errors per found faithful passage, findings per reported excerpt;
- seconds per case (wall time of the check; the machine is shared, so rough).

A case whose check fails gets one line on stderr and counts as finding nothing; the run goes on.
When the root is absent (no ../shared) it says so and exits 0. The scoring is pure (`score(gold,
report)`), tested without the checker in `tests/test_realworld_harness.py`.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Iterable, Mapping, Sequence

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from accuracy import _float, _int, run_check, temporal_iou  # noqa: E402  (a sibling script)

FAITHFUL = frozenset({"verbatim", "near-verbatim", "translation"})
NOT_FOUND = "not-found"
KEY_POINT_VERDICTS = frozenset({"on-topic", "off-topic"})
PLACE_SECONDS = 10.0
IOU_MIN = 0.5
KEY_POINT_SECONDS = 60.0
DRIFT_SECONDS = 30.0
LINE_SLACK = 1
NOISY_SEVERITIES = frozenset({"warning", "error"})
LINE_KEYS = ("line", "lines", "excerpt_line", "excerpt_lines")  # finding data that names excerpts


# --- gold --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Passage:
    """One gold passage (or key point) of a case."""

    line: int
    verdict: str
    kind: str = "paragraph"
    text: str = ""
    gold_start: float | None = None
    gold_end: float | None = None
    also_at: tuple[tuple[float, float | None], ...] = ()
    claimed_start: float | None = None
    speaker_claimed: str | None = None
    speaker_actual: str | None = None

    @property
    def is_key_point(self) -> bool:
        return self.kind == "key-point" or self.verdict in KEY_POINT_VERDICTS

    @property
    def faithful(self) -> bool:
        return self.verdict in FAITHFUL

    @property
    def in_video(self) -> bool:
        return self.gold_start is not None

    @property
    def spans(self) -> tuple[tuple[float, float | None], ...]:
        """Where it is said: the gold span, then any repeat (a cold open)."""
        if self.gold_start is None:
            return ()
        return ((self.gold_start, self.gold_end), *self.also_at)

    @property
    def claim_error(self) -> float | None:
        """How far the article's own time is from the nearest place it is said."""
        if self.claimed_start is None or not self.spans:
            return None
        return min(abs(self.claimed_start - start) for start, _ in self.spans)

    @property
    def speaker_agrees(self) -> bool | None:
        """None when there is nothing to check; a claimed name agrees when it is inside the actual one."""
        if not self.speaker_claimed or not self.speaker_actual:
            return None
        return self.speaker_claimed.strip().casefold() in self.speaker_actual.casefold()


def read_gold(items: Iterable[Mapping]) -> tuple[Passage, ...]:
    """The passages of a `gold.json` list."""
    out = []
    for item in items:
        also = item.get("also_at")
        also_at = ((float(also["start"]), _float(also.get("end"))),) if also and also.get("start") is not None else ()
        out.append(Passage(
            line=int(item["line"]), verdict=str(item.get("verdict") or ""), kind=str(item.get("kind") or ""),
            text=str(item.get("text") or "").strip(), gold_start=_float(item.get("gold_start")),
            gold_end=_float(item.get("gold_end")), also_at=also_at,
            claimed_start=_float(item.get("claimed_start")), speaker_claimed=item.get("speaker_claimed"),
            speaker_actual=item.get("speaker_actual")))
    return tuple(out)


@dataclass(frozen=True)
class Case:
    name: str
    article: Path
    transcripts: Path
    passages: tuple[Passage, ...]
    video: str | None = None  # for --video: the article never names its one transcript's video


def load_case(folder: Path) -> Case:
    article = folder / "article.md"
    transcripts = folder / "transcripts"
    passages = read_gold(json.loads((folder / "gold.json").read_text(encoding="utf-8")))
    ids = sorted({p.name.split(".")[0] for p in transcripts.iterdir() if p.is_file()})
    video = None
    if len(ids) == 1 and ids[0] not in article.read_text(encoding="utf-8", errors="replace"):
        video = ids[0]
    return Case(folder.name, article, transcripts, passages, video)


def find_cases(root: Path) -> list[Case]:
    """Every subfolder with article.md, gold.json and transcripts/, by name."""
    return [load_case(d) for d in sorted(root.iterdir())
            if d.is_dir() and (d / "article.md").is_file() and (d / "gold.json").is_file()
            and (d / "transcripts").is_dir()]


def default_root() -> Path:
    """`$CLIPNOTE_SHARED/realworld`, else the nearest `shared/realworld` beside the project or above it."""
    if os.environ.get("CLIPNOTE_SHARED"):
        return Path(os.environ["CLIPNOTE_SHARED"]) / "realworld"
    for folder in ROOT.parents:
        if (folder / "shared" / "realworld").is_dir():
            return folder / "shared" / "realworld"
    return ROOT.parent / "shared" / "realworld"


# --- report ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Said:
    """A finding as the scorer needs it."""

    kind: str
    severity: str
    message: str = ""


@dataclass(frozen=True)
class Reported:
    """One reported excerpt with the findings that bear on it."""

    line: int
    end_line: int
    verdict: str
    role: str
    start: float | None
    end: float | None
    own: tuple[Said, ...] = ()  # on the excerpt, or on its clip naming its line
    clip: tuple[Said, ...] = ()  # on its clip, naming no line in particular

    def has(self, test) -> bool:
        return any(test(f.kind) for f in (*self.own, *self.clip))


def is_drift(kind: str) -> bool:
    return "drift" in kind


def is_speaker(kind: str) -> bool:
    return kind.startswith("speaker")


@dataclass(frozen=True)
class ReadReport:
    excerpts: tuple[Reported, ...]
    findings: int  # every finding of the report, clip and excerpt


def read_report(report: Mapping | None) -> ReadReport:
    """The excerpts of a DESIGN §7 article object, each with its own findings and its clip's."""
    if not report:
        return ReadReport((), 0)
    excerpts: list[Reported] = []
    total = 0
    for clip in report.get("clips") or []:
        clip_line = _int(clip.get("line"))
        clip_findings = list(clip.get("findings") or [])
        total += len(clip_findings)
        for ex in clip.get("excerpts") or []:
            line = _int(ex.get("line"))
            if line is None:
                continue
            end_line = max(line, _int(ex.get("end_line")) or line)
            own = [_said(f) for f in ex.get("findings") or []]
            total += len(own)
            general = []
            for f in clip_findings:
                named = _named_lines(f)
                if any(line <= n <= end_line for n in named):
                    own.append(_said(f))
                elif named <= {clip_line}:  # about the clip as a whole
                    general.append(_said(f))
            match = ex.get("match") or {}
            excerpts.append(Reported(
                line=line, end_line=end_line, verdict=str(ex.get("verdict") or ""), role=str(ex.get("role") or ""),
                start=_float(match.get("start")), end=_float(match.get("end")), own=tuple(own), clip=tuple(general)))
    return ReadReport(tuple(excerpts), total)


def _said(f: Mapping) -> Said:
    return Said(str(f.get("kind") or ""), str(f.get("severity") or ""), str(f.get("message") or ""))


def _named_lines(f: Mapping) -> set[int]:
    """The lines a clip finding is about: its own line (by default the clip's) and any line in its data."""
    named = set()
    if _int(f.get("line")) is not None:
        named.add(_int(f.get("line")))
    data = f.get("data") if isinstance(f.get("data"), Mapping) else {}
    for key in LINE_KEYS:
        value = data.get(key)
        for item in value if isinstance(value, list) else [value]:
            if _int(item) is not None:
                named.add(_int(item))
    return named


# --- scoring -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    form: str = "share"  # share: n/d as a percentage; rate: n/d as a number; count: n of d
    target: tuple[str, float] | None = None  # (">=" or "<=", value)

    def met(self, num: float, den: float) -> bool | None:
        if self.target is None or not den:
            return None
        op, bound = self.target
        v = num / den
        return v >= bound - 1e-12 if op == ">=" else v <= bound + 1e-12

    def target_text(self) -> str:
        if self.target is None:
            return ""
        op, bound = self.target
        sign = "≥" if op == ">=" else "≤"
        if self.form == "share":
            return f"{sign} {100 * bound:g}%"
        if self.form == "count":
            return "0" if bound == 0 else f"{sign} {bound:g}"
        return f"{sign} {bound:g}"


ROWS = (
    Row("found", "passages found (line ±1)", target=(">=", 0.95)),
    Row("faithful_placed", "faithful placed (≤ 10 s or IoU ≥ 0.5)", target=(">=", 0.95)),
    Row("in_video_placed", "placed (all in-video passages)"),
    Row("faithful_unsupported", "faithful called unsupported", target=("<=", 0.02)),
    Row("faithful_weak", "faithful called weak", target=("<=", 0.05)),
    Row("not_found_unsupported", "not-found called unsupported", target=(">=", 0.90)),
    Row("not_found_supported", "not-found called supported", form="count", target=("<=", 0.0)),
    Row("claims_off", "claimed times > 30 s off (gold)", form="count"),
    Row("drift_found", "drift found (claim > 30 s off, placed)", target=(">=", 0.90)),
    Row("key_points_placed", "key points placed (≤ 60 s)", target=(">=", 0.90)),
    Row("speaker_reported", "wrong speaker labels reported"),
    Row("speaker_false", "right speaker labels reported"),
    Row("noise", "warnings+errors per faithful excerpt", form="rate", target=("<=", 0.1)),
    Row("findings_per_excerpt", "findings per reported excerpt", form="rate"),
)
ROW_KEYS = tuple(r.key for r in ROWS)


@dataclass(frozen=True)
class Miss:
    """One thing to look at: a passage missed, misplaced, misjudged or mis-flagged."""

    line: int
    verdict: str
    problem: str
    gold_start: float | None
    got_start: float | None
    got_verdict: str | None
    text: str = ""
    got_line: int | None = None  # the excerpt's line, when found


@dataclass(frozen=True)
class CaseScore:
    counts: Mapping[str, tuple[float, float]]  # row key → (numerator, denominator)
    misses: tuple[Miss, ...] = ()
    excerpts: int = 0  # reported
    failed: bool = False
    seconds: float | None = None

    def value(self, key: str) -> float | None:
        num, den = self.counts[key]
        return num / den if den else None


def score(gold: Sequence[Passage], report: Mapping | None) -> CaseScore:
    """Score one case's report (a DESIGN §7 object, or None when the check failed) against its gold."""
    read = read_report(report)
    counts = {key: [0, 0] for key in ROW_KEYS}
    misses: list[Miss] = []
    gold_lines = {p.line for p in gold}

    def tally(key: str, hit: bool) -> None:
        counts[key][0] += int(hit)
        counts[key][1] += 1

    for p in gold:
        ex = pick_excerpt(p, read.excerpts, gold_lines)
        problems: list[str] = []
        tally("found", ex is not None)
        if ex is None:
            problems.append(_not_found_note(p, read.excerpts))
        placed = _placed(p, ex)
        if p.is_key_point:
            if p.in_video:
                tally("key_points_placed", placed)
                if ex is not None and not placed:
                    problems.append(_misplaced_note(p, ex, KEY_POINT_SECONDS))
        elif p.in_video:
            tally("in_video_placed", placed)
            if p.faithful:
                tally("faithful_placed", placed)
            if ex is not None and not placed:
                problems.append(_misplaced_note(p, ex, PLACE_SECONDS))
        if p.faithful:
            tally("faithful_unsupported", ex is not None and ex.verdict == "unsupported")
            tally("faithful_weak", ex is not None and ex.verdict == "weak")
            if ex is not None and ex.verdict in ("unsupported", "weak"):
                problems.append(f"faithful, called {ex.verdict}")
            if ex is not None:
                noisy = [f for f in ex.own if f.severity in NOISY_SEVERITIES]
                counts["noise"][0] += len(noisy)
                counts["noise"][1] += 1
                if noisy:
                    problems.append("faithful, but " + ", ".join(f"{f.severity} {f.kind}" for f in noisy))
        if p.verdict == NOT_FOUND:
            tally("not_found_unsupported", ex is not None and ex.verdict == "unsupported")
            tally("not_found_supported", ex is not None and ex.verdict == "supported")
            if ex is not None and ex.verdict != "unsupported":
                problems.append(f"not in the video, called {ex.verdict or 'nothing'}")
        error = p.claim_error
        if error is not None:
            tally("claims_off", error > DRIFT_SECONDS)
        if error is not None and error > DRIFT_SECONDS and placed:
            drift = ex.has(is_drift)
            tally("drift_found", drift)
            if not drift:
                problems.append(f"claimed {_clock(p.claimed_start)} is {error:.0f} s off; no drift finding")
        agrees = p.speaker_agrees
        reported = ex is not None and ex.has(is_speaker)
        if agrees is False:
            tally("speaker_reported", reported)
            if not reported:
                problems.append(f"labelled {p.speaker_claimed!r}, said by {p.speaker_actual!r}; not reported")
        elif agrees is True:
            tally("speaker_false", reported)
            if reported:
                problems.append(f"labelled {p.speaker_claimed!r} rightly, but reported as a speaker mismatch")
        if problems:
            misses.append(Miss(p.line, p.verdict, "; ".join(problems), p.gold_start,
                               ex.start if ex else None, ex.verdict if ex else None, p.text,
                               ex.line if ex else None))
    counts["findings_per_excerpt"] = [read.findings, len(read.excerpts)]
    return CaseScore(counts={k: (v[0], v[1]) for k, v in counts.items()}, misses=tuple(misses),
                     excerpts=len(read.excerpts), failed=report is None)


def pick_excerpt(p: Passage, excerpts: Sequence[Reported], gold_lines: set[int]) -> Reported | None:
    """The excerpt that stands for a passage: one starting at its line, else at a line next to it
    that is no other passage's; a key point prefers a `topic` excerpt, then report order."""
    near = [(abs(e.line - p.line), 0 if (p.is_key_point and e.role == "topic") else 1, i)
            for i, e in enumerate(excerpts)
            if abs(e.line - p.line) <= LINE_SLACK and (e.line == p.line or e.line not in gold_lines)]
    return excerpts[min(near)[2]] if near else None


def _placed(p: Passage, ex: Reported | None) -> bool:
    if ex is None or ex.start is None:
        return False
    for start, end in p.spans:
        if p.is_key_point:
            if abs(ex.start - start) <= KEY_POINT_SECONDS:
                return True
            continue
        if abs(ex.start - start) <= PLACE_SECONDS:
            return True
        if end is not None and ex.end is not None and temporal_iou(ex.start, ex.end, start, end) >= IOU_MIN:
            return True
    return False


def _not_found_note(p: Passage, excerpts: Sequence[Reported]) -> str:
    if not excerpts:
        return "not found (the report has no excerpts)"
    nearest = min(excerpts, key=lambda e: abs(e.line - p.line))
    return f"not found (nearest excerpt at line {nearest.line})"


def _misplaced_note(p: Passage, ex: Reported, within: float) -> str:
    if ex.start is None:
        return f"found, no match ({ex.verdict or 'no verdict'})"
    off = min((ex.start - start for start, _ in p.spans), key=abs)
    return f"placed {off:+.0f} s off (> {within:g} s)"


def total(scores: Iterable[CaseScore]) -> CaseScore:
    """Micro-average: the counts of all cases summed."""
    scores = list(scores)
    counts = {k: (sum(s.counts[k][0] for s in scores), sum(s.counts[k][1] for s in scores)) for k in ROW_KEYS}
    seconds = [s.seconds for s in scores if s.seconds is not None]
    return CaseScore(counts=counts, misses=tuple(m for s in scores for m in s.misses),
                     excerpts=sum(s.excerpts for s in scores), failed=any(s.failed for s in scores),
                     seconds=sum(seconds) if seconds else None)


# --- running the checker -----------------------------------------------------------------------


def check_case(case: Case, command: list[str], timeout: float) -> tuple[CaseScore, str | None]:
    """Run the check on one case and score it; a failure is scored as finding nothing."""
    extra = (f"--video={case.video}",) if case.video else ()  # "=": an id may begin with "-"
    began = time.monotonic()
    report, error = run_check(case, command, timeout, extra=extra)
    return replace(score(case.passages, report), seconds=time.monotonic() - began), error


# --- output ------------------------------------------------------------------------------------


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    s = int(round(seconds))
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


def _cell(row: Row, num: float, den: float, with_share: bool) -> str:
    if not den:
        return "—"
    if row.form == "rate":
        return f"{num / den:.2f}"
    fraction = f"{num:g}/{den:g}"
    if row.form == "count" or not with_share:
        return fraction
    return f"{100 * num / den:.0f}% {fraction}"


def _met(row: Row, num: float, den: float) -> str:
    met = row.met(num, den)
    return "" if met is None and row.target is None else {True: "yes", False: "NO", None: "n/a"}[met]


def render_text(per_case: Sequence[tuple[Case, CaseScore]], verbose: bool) -> str:
    overall = total(s for _, s in per_case)
    failed = [c.name for c, s in per_case if s.failed]
    names = [c.name for c, _ in per_case]
    width = max([11, *(len(n) for n in names)])
    label_width = max(len(r.label) for r in ROWS)
    out = [f"clipnote on real articles: {len(per_case)} case(s), {len(failed)} failed"
           + (f" ({', '.join(failed)})" if failed else "")]
    head = f"{'':{label_width}}  " + "  ".join(f"{n:>{width}}" for n in names)
    out.append(f"{head}  {'total':>14}  {'target':>7}  met")
    for row in ROWS:
        cells = "  ".join(f"{_cell(row, *s.counts[row.key], False):>{width}}" for _, s in per_case)
        out.append(f"{row.label:{label_width}}  {cells}  {_cell(row, *overall.counts[row.key], True):>14}  "
                   f"{row.target_text():>7}  {_met(row, *overall.counts[row.key])}".rstrip())
    seconds = "  ".join(f"{'—' if s.seconds is None else f'{s.seconds:.1f}':>{width}}" for _, s in per_case)
    out.append(f"{'seconds per case':{label_width}}  {seconds}  "
               f"{'—' if overall.seconds is None else f'{overall.seconds:.1f}':>14}")
    excerpts = "  ".join(f"{s.excerpts:>{width}}" for _, s in per_case)
    out.append(f"{'excerpts reported':{label_width}}  {excerpts}  {overall.excerpts:>14}")
    if verbose:
        for case, s in per_case:
            out.append("")
            how = f", checked with --video={case.video}" if case.video else ""
            out.append(f"{case.name}: {len(s.misses)} passage(s) to look at{how}"
                       + (" (the check failed)" if s.failed else ""))
            for m in s.misses:
                text = m.text if len(m.text) <= 60 else m.text[:59] + "…"
                moved = f" (excerpt on line {m.got_line})" if m.got_line not in (None, m.line) else ""
                out.append(f"  line {m.line:>4}  {m.verdict:16s} gold {_clock(m.gold_start):>7}  "
                           f"got {_clock(m.got_start):>7} {m.got_verdict or '—':11s}  {m.problem}{moved}")
                out.append(f"  {'':10s}{text}")
    return "\n".join(out)


def to_json(per_case: Sequence[tuple[Case, CaseScore]]) -> dict:
    def rows(s: CaseScore) -> dict:
        return {r.key: {"num": s.counts[r.key][0], "den": s.counts[r.key][1], "value": s.value(r.key)}
                for r in ROWS}

    overall = total(s for _, s in per_case)
    return {
        "cases": [{"case": c.name, "video": c.video, "failed": s.failed, "seconds": s.seconds,
                   "excerpts": s.excerpts, "rows": rows(s),
                   "misses": [asdict(m) for m in s.misses]} for c, s in per_case],
        "total": {"failed": [c.name for c, s in per_case if s.failed], "seconds": overall.seconds,
                  "excerpts": overall.excerpts, "rows": rows(overall)},
        "targets": {r.key: {"op": r.target[0], "value": r.target[1], "met": r.met(*overall.counts[r.key])}
                    for r in ROWS if r.target is not None},
    }


@contextlib.contextmanager
def _empty_cache():
    """For the checks run inside: a fresh, empty clipnote cache."""
    before = os.environ.get("CLIPNOTE_CACHE_DIR")
    with tempfile.TemporaryDirectory(prefix="clipnote-realworld-") as cache:
        os.environ["CLIPNOTE_CACHE_DIR"] = cache
        try:
            yield
        finally:
            if before is None:
                del os.environ["CLIPNOTE_CACHE_DIR"]
            else:
                os.environ["CLIPNOTE_CACHE_DIR"] = before


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Score `clipnote check` against the real articles' gold.")
    ap.add_argument("--root", type=Path, default=None,
                    help="the folder of cases (default: ../shared/realworld; skipped when absent)")
    ap.add_argument("--cases", default=None, help="score only these cases (comma-separated folder names)")
    ap.add_argument("--json", action="store_true", help="print machine-readable scores")
    ap.add_argument("--verbose", "-v", action="store_true", help="list each passage missed or misjudged")
    ap.add_argument("--python", default=sys.executable, help="interpreter that runs `-m clipnote`")
    ap.add_argument("--timeout", type=float, default=600.0, help="seconds allowed per case")
    ap.add_argument("--cold", action="store_true",
                    help="check each case with an empty cache (its seconds then include loading the model "
                         "and embedding the transcript)")
    args = ap.parse_args(argv)

    root = args.root or default_root()
    if not root.is_dir():
        if args.root is not None:
            print(f"realworld: no such folder: {root}", file=sys.stderr)
            return 2
        print(f"realworld: {root} is absent (no ../shared); nothing to score", file=sys.stderr)
        return 0
    cases = find_cases(root)
    if args.cases:
        wanted = [n.strip() for n in args.cases.split(",") if n.strip()]
        unknown = [n for n in wanted if n not in {c.name for c in cases}]
        if unknown:
            print(f"realworld: no such case in {root}: {', '.join(unknown)}", file=sys.stderr)
            return 2
        cases = [c for c in cases if c.name in wanted]
    if not cases:
        print(f"realworld: no cases in {root}", file=sys.stderr)
        return 2

    command = [args.python, "-m", "clipnote"]
    per_case: list[tuple[Case, CaseScore]] = []
    for case in cases:
        with _empty_cache() if args.cold else contextlib.nullcontext():
            s, error = check_case(case, command, args.timeout)
        if error:
            print(f"realworld: {case.name}: {error}", file=sys.stderr)
        per_case.append((case, s))

    if args.json:
        print(json.dumps(to_json(per_case), ensure_ascii=False, indent=1))
    else:
        print(render_text(per_case, args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
