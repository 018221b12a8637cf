"""GitHub Actions workflow commands: one `::error|warning|notice file=…,line=…::` line per finding.

Escaping follows the Actions toolkit (`@actions/core` command.ts): in the message `%`, CR and LF
become `%25`, `%0D`, `%0A`; in property values `:` and `,` become `%3A` and `%2C` as well.
A message therefore stays on its line whatever the article or transcript holds, and cannot end
the command early or forge another one.
"""

from __future__ import annotations

from typing import Sequence

from ..model import ArticleResult
from ..outcome import Located, at_least, located_findings
from .kinds import kind_of, one_line

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def to_github_annotations(results: Sequence[ArticleResult], *, min_severity: str = "info") -> str:
    """Every finding of every article at or above `min_severity` as an annotation line (each
    with a final newline; "" when there is none). GitHub shows only the first few annotations
    of each level per step, so CI may want `min_severity="warning"`."""
    lines = [annotation(item) for result in results for item in located_findings(result)
             if at_least(item, min_severity)]
    return "".join(line + "\n" for line in lines)


def annotation(item: Located) -> str:
    command = "error" if item.runtime else COMMANDS.get(item.finding.severity, "warning")
    properties = {"file": item.path.replace("\\", "/")}
    if item.line:
        properties["line"] = str(item.line)
        end = item.excerpt.excerpt.end_line if item.excerpt is not None else None
        if end and end > item.line and item.line == item.excerpt.excerpt.line:
            properties["endLine"] = str(end)
    properties["title"] = f"clipnote {item.finding.kind}: {kind_of(item.finding.kind).title}"
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{command} {props}::{escape_data(one_line(item))}"


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")
