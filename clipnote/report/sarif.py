"""SARIF 2.1.0 for GitHub code scanning: every finding as a result at the post's `path:line`.

One rule per finding kind (all known kinds, so rule indexes are stable between runs, plus any
new kind a result uses). Levels: error → `error`, warning → `warning`, info → `note`; errors
that made something uncheckable are `error`. Paths are relative with forward slashes, based on
`%SRCROOT%` as GitHub expects. `partialFingerprints` ignore line numbers, so an alert survives
edits above it.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import PurePosixPath
from typing import Any, Sequence
from urllib.parse import quote

from .. import __version__
from ..model import ArticleResult
from ..outcome import Located, at_least, located_findings
from .kinds import KINDS, kind_of, one_line, video_link

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
INFORMATION_URI = "https://github.com/clipnote/clipnote"


def to_sarif(results: Sequence[ArticleResult], *, base: str | None = None,
             min_severity: str = "info") -> dict[str, Any]:
    """A SARIF 2.1.0 log of one run. Absolute article paths are made relative to `base`
    (default: the current directory). Findings below `min_severity` are left out (errors that
    made something uncheckable never are)."""
    located = [item for result in results for item in located_findings(result)
               if at_least(item, min_severity)]
    rule_ids = list(KINDS)
    for item in located:
        if item.finding.kind not in rule_ids:
            rule_ids.append(item.finding.kind)
    index = {rule_id: n for n, rule_id in enumerate(rule_ids)}
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "clipnote",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [_rule(rule_id) for rule_id in rule_ids],
            }},
            "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The repository root."}}},
            "columnKind": "unicodeCodePoints",
            "results": [_result(item, index[item.finding.kind], base) for item in located],
        }],
    }


def _rule(rule_id: str) -> dict[str, Any]:
    kind = kind_of(rule_id)
    return {
        "id": rule_id,
        "name": "".join(word.capitalize() for word in rule_id.split("-")),
        "shortDescription": {"text": kind.short},
        "fullDescription": {"text": kind.full},
        "help": {"text": f"{kind.short} {kind.full}"},
        "defaultConfiguration": {"level": LEVELS.get(kind.severity, "warning")},
        "properties": {"tags": ["clipnote", "quotes", "video"]},
    }


def _result(item: Located, rule_index: int, base: str | None) -> dict[str, Any]:
    level = "error" if item.runtime else LEVELS.get(item.finding.severity, "warning")
    physical: dict[str, Any] = {
        "artifactLocation": {"uri": artifact_uri(item.path, base), "uriBaseId": "%SRCROOT%"},
    }
    region = _region(item)
    if region:
        physical["region"] = region
    out: dict[str, Any] = {
        "ruleId": item.finding.kind,
        "ruleIndex": rule_index,
        "level": level,
        "message": {"text": one_line(item)},
        "locations": [{"physicalLocation": physical}],
        "partialFingerprints": {"clipnoteFinding/v1": _fingerprint(item)},
    }
    properties: dict[str, Any] = {"severity": item.finding.severity}
    if item.clip is not None:
        properties["videoId"] = item.clip.clip.video_id
        properties["url"] = video_link(item)
    if item.excerpt is not None:
        properties["verdict"] = item.excerpt.verdict
    out["properties"] = properties
    return out


def _region(item: Located) -> dict[str, int] | None:
    if not item.line or item.line < 1:
        return None
    region = {"startLine": item.line}
    if item.excerpt is not None:
        end = item.excerpt.excerpt.end_line
        if end and end > item.line and item.line == item.excerpt.excerpt.line:
            region["endLine"] = end
    elif item.clip is not None and item.line == item.clip.clip.line:
        region["startColumn"] = item.clip.clip.column + 1
    return region


def artifact_uri(path: str, base: str | None = None) -> str:
    """A relative URI reference with forward slashes, percent-encoded (spaces, `#`, `%`...)."""
    if os.path.isabs(path):
        path = os.path.relpath(path, base or os.getcwd())
    posix = PurePosixPath(path.replace("\\", "/")).as_posix()
    if posix.startswith("./"):
        posix = posix[2:]
    return quote(posix, safe="/-._~!$&'()*+,;=@")


def _fingerprint(item: Located) -> str:
    """Stable across line moves: the kind, the file, what the finding is about, its message."""
    about = ""
    if item.excerpt is not None:
        about = item.excerpt.excerpt.text
    elif item.clip is not None:
        about = item.clip.clip.raw
    key = "\x1f".join([item.finding.kind, item.path.replace("\\", "/"), about, item.finding.message])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
