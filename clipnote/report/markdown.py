"""The Markdown reports: one per article for a fact-checker, and batch's `index.md`.

The layout follows what link checkers' users already read (lychee: a summary table first, then
sections) and what transcript tools print (yt2doc: `[h:mm:ss](https://youtu.be/ID?t=S)` links).
All article and transcript text goes through `mdtext`, so it renders as itself and never as
Markdown or HTML. Renders well on GitHub (issues, job summaries) and in plain CommonMark.
"""

from __future__ import annotations

from typing import Mapping, Sequence

from ..model import (
    ArticleResult,
    ClipResult,
    Excerpt,
    ExcerptResult,
    Problem,
    Segment,
    Transcript,
)
from ..outcome import (
    Counts,
    Located,
    as_problem,
    count,
    locate_clip,
    located_findings,
    is_unreadable,
    problems_of,
    total,
)
from ..timecode import deep_link, format_hms, format_offset
from . import mdtext as md
from .timeline import timeline

VERDICT_MARK = {"supported": "✅ supported", "weak": "⚠️ weak", "unsupported": "❌ unsupported",
                "on-topic": "🎯 on-topic", "off-topic": "↪️ off-topic"}
SEVERITY_MARK = {"error": "⛔", "warning": "⚠️", "info": "ℹ️"}
ERROR_MARK = "🚫"
CONTEXT_LINES = 4  # caption lines shown before and after a match, folded
SHOWN_LINES = 24  # matched caption lines shown unfolded; the rest are folded


# --- one article ------------------------------------------------------------------------------


def render_article(result: ArticleResult) -> str:
    """The fact-checker's report of one article, as GitHub-flavoured Markdown."""
    counts = count(result)
    located = located_findings(result)
    parts = [
        _article_header(result, counts),
        _summary_table(counts),
        _attention(located),
    ]
    parts += [_clip_section(result, clip) for clip in result.clips]
    if not result.clips and not problems_of(result):
        parts.append("No YouTube clip with quotes was found in this article.")
    return "\n\n".join(part for part in parts if part) + "\n"


def _article_header(result: ArticleResult, counts: Counts) -> str:
    article = result.article
    heading = f"# clipnote report: {md.text(article.title or article.path)}"
    facts = [md.code(article.path)]
    if article.language:
        facts.append(f"language {md.code(article.language)}")
    if article.draft:
        facts.append("draft")
    facts.append(_plural(counts.clips, "clip"))
    facts.append(f"{_plural(counts.excerpts, 'excerpt')} checked")
    return f"{heading}\n\n" + " · ".join(facts)


def _summary_table(counts: Counts) -> str:
    rows = [
        [VERDICT_MARK["supported"], str(counts.supported)],
        [VERDICT_MARK["weak"], str(counts.weak)],
        [VERDICT_MARK["unsupported"], str(counts.unsupported)],
    ]
    if counts.unchecked:
        rows.append([f"{ERROR_MARK} not checked", str(counts.unchecked)])
    rows.append([f"{ERROR_MARK} errors", str(counts.errors)])
    for severity in ("error", "warning", "info"):
        rows.append([f"{SEVERITY_MARK[severity]} {severity} findings", str(counts.severity(severity))])
    return md.table(["Result", "Count"], rows, "lr")


def _attention(located: list[Located]) -> str:
    """Errors and warnings, worst first: the fact-checker's to-do list."""
    serious = [item for item in located if not item.is_note]
    if not serious:
        return ""
    rank = {"error": 0, "warning": 1}
    serious.sort(key=lambda item: (not item.runtime, rank.get(item.finding.severity, 2)))
    return "## Needs attention\n\n" + "\n".join(f"- {_finding_line(item)}" for item in serious)


def _finding_line(item: Located) -> str:
    mark = ERROR_MARK if item.runtime else SEVERITY_MARK.get(item.finding.severity, "•")
    raw = item.finding.data.get("raw") if item.clip is None else None  # an article problem's text
    return (f"{mark} {md.code(item.where)} **{md.text(item.finding.kind)}** — "
            f"{md.text(item.finding.message)}" + (f" ({md.code(raw)})" if raw else ""))


# --- clips ------------------------------------------------------------------------------------


def _clip_section(result: ArticleResult, clip: ClipResult) -> str:
    c = clip.clip
    title = clip.transcript.title if clip.transcript and clip.transcript.title else c.video_id
    when = format_hms(c.start) if c.start is not None else "from the start"
    parts = [f"## ▶ {md.text(title)} · {md.link(when, deep_link(c.video_id, c.start))}"]
    facts = [f"{_kind_name(c.kind)} at {md.code(f'{c.path}:{c.line}')}", f"video {md.code(c.video_id)}"]
    if c.end is not None:
        facts.append(f"ends at {format_hms(c.end)}")
    if c.label:
        facts.append(f"labelled {md.code(c.label)}")
    if clip.transcript:
        facts.append(_transcript_facts(clip.transcript))
    parts.append(" · ".join(facts))
    if clip.error:
        parts.append(f"**{ERROR_MARK} Not checked:** {md.text(clip.error.strip().rstrip('.'))}.")
        if not clip.excerpts and c.excerpts:
            parts.append("Excerpts of this clip that could not be checked:\n\n" + "\n".join(
                f"- {md.code(f'{e.path}:{e.line}')}{_who(e)} {md.text(e.text)}" for e in c.excerpts))
    picture = timeline(clip)
    if picture:
        parts.append("```text\n" + picture + "\n```")
    located = locate_clip(result.article.path, clip)
    # a clip's error is shown above as "Not checked"
    clip_findings = [item for item in located if item.excerpt is None and not item.runtime]
    if clip_findings:
        parts.append(_findings_block("Clip findings", clip_findings))
    for number, excerpt in enumerate(clip.excerpts, 1):
        findings = [item for item in located if item.excerpt is excerpt]
        parts.append(_excerpt_section(clip, excerpt, number, findings))
    return "\n\n".join(parts)


def _kind_name(kind: str) -> str:
    return {"embed": "Embed", "link": "Link", "label": "Timestamp label",
            "front-matter": "Front-matter video"}.get(kind, "Reference")


def _transcript_facts(transcript: Transcript) -> str:
    origin = {True: "speech recognition", False: "made by a person", None: "origin unknown"}
    facts = [transcript.language or "language unknown", origin[transcript.generated]]
    if transcript.translated:
        facts.append("machine-translated")
    facts.append(f"from {transcript.source}")
    return "transcript: " + md.text(", ".join(facts))


# --- excerpts ---------------------------------------------------------------------------------


def _excerpt_section(clip: ClipResult, excerpt: ExcerptResult, number: int,
                     findings: list[Located]) -> str:
    e = excerpt.excerpt
    where = f"{e.path}:{e.line}" + (f"–{e.end_line}" if e.end_line and e.end_line != e.line else "")
    verdict = VERDICT_MARK.get(excerpt.verdict, excerpt.verdict)
    parts = [f"### #{number} {verdict}{_who(e, ' ·')} · {md.code(where)}", md.quote_block(e.text)]
    video = clip.clip.video_id
    match = excerpt.match
    if match is None:
        parts.append("**Not found in the transcript.**" if clip.transcript else "")
    else:
        said = ("**Closest passage** (it does not say this)" if excerpt.verdict == "unsupported" else
                "**Topic discussed from**" if e.role == "topic" else "**Spoken at**")
        facts = [f"{said} {md.link(format_hms(match.start), deep_link(video, match.start))}"
                 f"–{format_hms(match.end)}"]
        if clip.clip.start is not None:
            facts.append(f"{format_offset(match.start - clip.clip.start)} from the clip's start")
        facts.append(f"score {match.score:.2f}")
        facts.append(f"confidence {match.confidence:.0%}")
        if match.out_of_order:
            facts.append("out of order")
        parts.append(" · ".join(facts))
        if match.parts:
            parts.append(_match_parts(video, match))
        parts.append(_matched_lines(clip, excerpt))
        if match.alternatives:
            also = ", ".join(f"{md.link(format_hms(start), deep_link(video, start))} ({ratio:.0%} as good a match)"
                             for start, _end, ratio in match.alternatives)
            parts.append(f"Also said at {also}.")
    if findings:
        parts.append(_findings_block("Findings", findings))
    if match is not None:
        parts.append(_context(clip, excerpt))
    return "\n\n".join(part for part in parts if part)


def _findings_block(title: str, findings: list[Located]) -> str:
    """Errors and warnings listed; info findings (notes a fact-checker may skip) folded under a
    count, so a section reads in a glance."""
    serious = [i for i in findings if not i.is_note]
    notes = [i for i in findings if i.is_note]
    parts = []
    if serious:
        parts.append(f"**{title}**\n\n" + "\n".join(f"- {_finding_line(i)}" for i in serious))
    if notes:
        kinds = ", ".join(dict.fromkeys(i.finding.kind for i in notes))
        parts.append(_details(f"{_plural(len(notes), 'note')} ({kinds})",
                              "\n".join(f"- {_finding_line(i)}" for i in notes)))
    return "\n\n".join(parts)


def _match_parts(video: str, match) -> str:
    """A long excerpt placed as a run of sentence groups: one line per group."""
    lines = [f"- sentences {p.first_sentence + 1}–{p.last_sentence + 1}: "
             f"{md.link(format_hms(p.start), deep_link(video, p.start))}–{format_hms(p.end)}"
             for p in match.parts]
    return f"Placed in {len(match.parts)} parts:\n\n" + "\n".join(lines)


def _who(excerpt: Excerpt, sep: str = "") -> str:
    name = excerpt.label or excerpt.speaker
    return f"{sep} {md.text(name)}" if name else ""


def _segments(clip: ClipResult) -> tuple[Segment, ...]:
    return clip.transcript.segments if clip.transcript else ()


def _caption(video: str, segment: Segment) -> str:
    return f"- {md.link(format_hms(segment.start), deep_link(video, segment.start))} {md.text(segment.text)}"


def _matched_lines(clip: ClipResult, excerpt: ExcerptResult) -> str:
    """One linked line per caption line of the matched span (the match text if the transcript
    lines are not at hand)."""
    match = excerpt.match
    assert match is not None
    video = clip.clip.video_id
    segments = _segments(clip)
    first, last = max(0, match.first_segment), min(len(segments) - 1, match.last_segment)
    if not segments or first > last:
        return f"- {md.link(format_hms(match.start), deep_link(video, match.start))} {md.text(match.text)}"
    lines = [_caption(video, s) for s in segments[first:last + 1]]
    if len(lines) <= SHOWN_LINES:
        return "\n".join(lines)
    shown, rest = lines[:SHOWN_LINES], lines[SHOWN_LINES:]
    return ("\n".join(shown) + "\n\n" +
            _details(f"{len(rest)} more matched caption lines", "\n".join(rest)))


def _context(clip: ClipResult, excerpt: ExcerptResult) -> str:
    match = excerpt.match
    assert match is not None
    segments = _segments(clip)
    if not segments:
        return ""
    video = clip.clip.video_id
    first, last = max(0, match.first_segment), min(len(segments) - 1, match.last_segment)
    before = segments[max(0, first - CONTEXT_LINES):first]
    after = segments[last + 1:last + 1 + CONTEXT_LINES]
    if not before and not after:
        return ""
    body = []
    if before:
        body += [_caption(video, s) for s in before]
    body.append(f"- *(the {_plural(last - first + 1, 'matched line')} above)*")
    if after:
        body += [_caption(video, s) for s in after]
    return _details("Transcript around the match", "\n".join(body))


def _details(summary: str, body_markdown: str) -> str:
    # GitHub renders Markdown inside <details> only with blank lines around it
    return f"<details>\n<summary>{md.html(summary)}</summary>\n\n{body_markdown}\n\n</details>"


# --- batch index ------------------------------------------------------------------------------


def render_index(results: Sequence[ArticleResult], *, report_links: Mapping[str, str],
                 errors: Sequence[Problem | object] = (), notes: Sequence[str] = ()) -> str:
    """batch's `index.md`: counts over the run, the articles worst first (each linking to its
    report, `report_links[article path]`), and the articles that could not be read. `notes` are
    paragraphs of Markdown put under the heading (what was checked, an interrupted run).

    An article could not be read when it is in `errors` (a Problem or an ArticleError) or when its
    result holds only an `article-error` problem and no clip.
    """
    unreadable = [_place(as_problem(e)) for e in errors]
    checked: list[ArticleResult] = []
    for result in results:
        if is_unreadable(result):
            unreadable += [_place(p) for p in problems_of(result)]
        else:
            checked.append(result)
    counts = {id(r): count(r) for r in checked}
    run = total(checked)
    parts = ["# clipnote batch report", *notes,
             " · ".join([_plural(len(checked), "article") + " checked",
                         _plural(run.clips, "clip"), _plural(run.excerpts, "excerpt"),
                         f"{len(unreadable)} could not be read"]),
             _run_table(run, len(unreadable)),
             _kind_table(checked)]
    listed = sorted((r for r in checked if r.clips or counts[id(r)].errors),
                    key=lambda r: _worst_first(counts[id(r)], r.article.path))
    if listed:
        rows = [_article_row(r, counts[id(r)], report_links) for r in listed]
        parts.append("## Articles, worst first\n\n" + md.table(
            ["", "Article", "✅", "⚠️", "❌", ERROR_MARK, "Findings"], rows, "llrrrrl"))
    quiet = [r for r in checked if not (r.clips or counts[id(r)].errors)]
    if quiet:
        # most posts of a blog quote no video: name them, folded, rather than fill the table
        body = "\n".join(f"- {md.text(r.article.path)}" for r in quiet)
        parts.append(_details(f"{_plural(len(quiet), 'article')} with no YouTube clip", body))
    if unreadable:
        lines = [f"- {ERROR_MARK} {md.code(path)} — {md.text(reason)}" for path, reason in unreadable]
        parts.append("## Articles that could not be read\n\n" + "\n".join(lines))
    return "\n\n".join(part for part in parts if part) + "\n"


def _place(problem: Problem) -> tuple[str, str]:
    return (f"{problem.path}:{problem.line}" if problem.line else problem.path), problem.message


def _worst_first(counts: Counts, path: str) -> tuple:
    return tuple(-n for n in counts.badness()) + (path,)


def _status(counts: Counts) -> str:
    if counts.errors:
        return ERROR_MARK
    if counts.unsupported or counts.severity("error"):
        return "❌"
    if counts.weak or counts.severity("warning"):
        return "⚠️"
    return "✅"


def _article_row(result: ArticleResult, counts: Counts, report_links: Mapping[str, str]) -> list[str]:
    path = result.article.path
    label = md.text(path)
    target = report_links.get(path)
    cell = md.link(label, target) if target else label
    if result.article.title:
        cell += f" — {md.text(result.article.title)}"
    findings = counts.findings_phrase()
    return [_status(counts), cell, str(counts.supported), str(counts.weak),
            str(counts.unsupported), str(counts.errors), findings]


def _run_table(run: Counts, unreadable: int) -> str:
    rows = [
        [VERDICT_MARK["supported"], str(run.supported)],
        [VERDICT_MARK["weak"], str(run.weak)],
        [VERDICT_MARK["unsupported"], str(run.unsupported)],
        [f"{ERROR_MARK} not checked", str(run.unchecked)],
        [f"{ERROR_MARK} errors", str(run.errors)],
        [f"{ERROR_MARK} articles that could not be read", str(unreadable)],
    ]
    return md.table(["Result", "Count"], rows, "lr")


def _kind_table(results: Sequence[ArticleResult]) -> str:
    by_kind: dict[str, dict[str, int]] = {}
    for result in results:
        for item in located_findings(result):
            if item.runtime:
                continue
            row = by_kind.setdefault(item.finding.kind, {})
            row[item.finding.severity] = row.get(item.finding.severity, 0) + 1
    if not by_kind:
        return "No findings."
    order = sorted(by_kind, key=lambda k: (-by_kind[k].get("error", 0), -by_kind[k].get("warning", 0),
                                           -sum(by_kind[k].values()), k))
    rows = [[md.text(kind)] + [str(by_kind[kind].get(s, 0)) for s in ("error", "warning", "info")]
            + [str(sum(by_kind[kind].values()))] for kind in order]
    return md.table(["Finding", f"{SEVERITY_MARK['error']} error", f"{SEVERITY_MARK['warning']} warning",
                     f"{SEVERITY_MARK['info']} info", "Total"], rows, "lrrrr")


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
