"""What a batch run leaves in its report folder, and the short summary it prints.

    index.md          counts, the articles worst first (each linking to its report), what could not be read
    articles/*.md     one report per article with a clip or a problem (written as each is checked)
    summary.json      clipnote/summary@1: every article seen, errors included
    report.json       --format json: the clipnote/report@1 object of every article
    clipnote.sarif    --format sarif: SARIF 2.1.0 for GitHub code scanning

Every file is written atomically. A run marks its output incomplete when it was interrupted.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Sequence

from ..errors import UsageError
from ..outcome import count, is_unreadable, total
from .plan import ARTICLES_DIR
from .run import BatchRun

INDEX = "index.md"
SUMMARY = "summary.json"
REPORT_JSON = "report.json"
SARIF = "clipnote.sarif"


def prepare_folder(out: Path) -> None:
    """Make the report folder, and remove the article reports an earlier run wrote there (those
    its summary.json lists, nothing else), so the folder never mixes two runs."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"--out {out}: cannot make the report folder ({error.strerror or error})") from None
    try:
        earlier = json.loads((out / SUMMARY).read_text(encoding="utf-8"))
        reports = [a.get("report") for a in earlier.get("articles", [])]
    except (OSError, ValueError, AttributeError):
        return
    folder = (out / ARTICLES_DIR).resolve()
    for report in reports:
        if not isinstance(report, str):
            continue
        path = (out / report).resolve()
        if path.parent == folder and path.suffix == ".md":
            path.unlink(missing_ok=True)


def report_files(run: BatchRun, formats: Sequence[str], *, fail_on: str) -> list[tuple[str, str]]:
    """The run's files, (name in the report folder, text): index.md and summary.json always,
    report.json and clipnote.sarif when asked for."""
    results = run.ordered()
    files = [(INDEX, index_markdown(run)), (SUMMARY, _json(summary(run, fail_on=fail_on)))]
    if "json" in formats:
        from ..report.json import article_to_json

        files.append((REPORT_JSON, _json([article_to_json(r) for r in results])))
    if "sarif" in formats:
        from ..report.sarif import to_sarif

        files.append((SARIF, _json(to_sarif(results, base=str(run.root)))))
    return files


def github_annotations(run: BatchRun) -> str:
    """`::error|warning file=…,line=…::` lines for the findings worth a look in a pull request
    (warnings and errors: GitHub shows only the first few annotations of a step)."""
    from ..report.github import to_github_annotations

    return to_github_annotations(run.ordered(), min_severity="warning")


def index_markdown(run: BatchRun) -> str:
    from ..report.markdown import render_index

    return render_index(run.ordered(), report_links=run.reports, notes=_notes(run))


def summary(run: BatchRun, *, fail_on: str) -> dict[str, Any]:
    """summary.json: `summary_json` with where each article's report is, and how the run went."""
    from ..report.summary import summary_json

    data = summary_json(run.ordered())
    for article in data["articles"]:
        article["report"] = run.reports.get(article["path"])
    data["complete"] = not run.interrupted
    data["run"] = {
        "folder": _relative(run.discovery.root, run.root),
        "layout": run.discovery.layout,
        "changed_since": run.changed_since,
        "fail_on": fail_on,
        "planned": run.planned,
        "skipped": [{"path": _relative(s.path, run.root), "reason": s.reason}
                    for s in run.skipped],
        "transcript_failures": dict(sorted(run.fetched.failures.items())),
    }
    return data


def _notes(run: BatchRun) -> list[str]:
    from ..report import mdtext as md

    facts = [md.code(_relative(run.discovery.root, run.root)), md.text(run.discovery.layout)]
    if run.changed_since:
        facts.append(f"posts changed since {md.code(run.changed_since)}")
    skipped = _skipped_phrase(run)
    if skipped:
        facts.append(md.text(skipped))
    notes = [" · ".join(facts)]
    if run.interrupted:
        notes.insert(0, f"> ⚠️ **Incomplete:** the run was interrupted after {len(run.results)} of "
                        f"{run.planned} articles; the others were not checked.")
    if run.fetched.blocked:
        notes.append(f"> ⛔ {md.text(run.fetched.blocked)}")
    if run.skipped:
        lines = "\n".join(f"- {md.text(_relative(s.path, run.root))} — {md.text(s.reason)}"
                          for s in run.skipped)
        notes.append(f"<details><summary>{md.text(skipped)}</summary>\n\n{lines}\n\n</details>")
    return notes


def _skipped_phrase(run: BatchRun) -> str:
    if not run.skipped:
        return ""
    drafts = sum(1 for s in run.skipped if s.reason.startswith("draft"))
    others = len(run.skipped) - drafts
    parts = [f"{drafts} draft{'s' * (drafts != 1)}" if drafts else "",
             f"{others} ignored or excluded" if others else ""]
    return f"{len(run.skipped)} skipped (" + ", ".join(p for p in parts if p) + ")"


def terminal_summary(run: BatchRun, written: Sequence[Path], *, worst: int = 5) -> list[str]:
    """The few lines printed at the end: counts by verdict and finding, the worst articles,
    where the report is."""
    results = run.ordered()
    checked = [r for r in results if not is_unreadable(r)]
    unread = len(results) - len(checked)
    counts = total(checked)
    head = f"clipnote: {len(checked)} article{'s' * (len(checked) != 1)} checked"
    if unread:
        head += f", {unread} could not be read"
    skipped = _skipped_phrase(run)
    if skipped:
        head += f", {skipped}"
    head += f" in {run.seconds:.1f} s"
    if run.interrupted:
        head += f" (interrupted: {run.planned - len(results)} not checked)"
    lines = [head,
             f"  quotes: {counts.supported} supported · {counts.weak} weak · "
             f"{counts.unsupported} unsupported · {counts.unchecked} not checked · "
             f"{counts.errors} error{'s' * (counts.errors != 1)}",
             f"  findings: {counts.findings_phrase()}"]
    if counts.by_kind:
        kinds = sorted(counts.by_kind.items(), key=lambda kv: (-kv[1], kv[0]))
        lines[-1] += " (" + ", ".join(f"{kind} {n}" for kind, n in kinds) + ")"
    ranked = sorted(((count(r), r) for r in results), key=lambda cr: tuple(-n for n in cr[0].badness())
                    + (cr[1].article.path,))
    bad = [(c, r) for c, r in ranked if any(c.badness())][:worst]
    if bad:
        lines.append("  worst:")
        for c, r in bad:
            what = []
            if c.errors:
                what.append(f"{c.errors} error{'s' * (c.errors != 1)}")
            if c.unsupported:
                what.append(f"{c.unsupported} unsupported")
            if c.weak:
                what.append(f"{c.weak} weak")
            what.append(f"findings: {c.findings_phrase()}")
            lines.append(f"    {r.article.path} — {', '.join(what)}")
    if written:
        lines.append(f"  report: {written[0]}" + (
            f" (and {', '.join(p.name for p in written[1:])}, {len(run.reports)} article "
            f"report{'s' * (len(run.reports) != 1)} in {written[0].parent / ARTICLES_DIR})"))
    return lines


def _relative(path: Path, root: Path) -> str:
    from ..layouts import display

    return display(path, root)


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


__all__ = ["INDEX", "REPORT_JSON", "SARIF", "SUMMARY", "github_annotations",
           "index_markdown", "prepare_folder", "report_files", "summary", "terminal_summary"]
