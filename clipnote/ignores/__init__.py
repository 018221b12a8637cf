"""What a run leaves out: ignore files and config (`rules`), comments in posts (`inline`), and
how both apply to an article and its result (`apply`). Pure, but for reading `.clipnoteignore`."""

from .apply import apply_ignores, clip_is_ignored, excerpt_is_ignored, filter_article
from .inline import IGNORE_DIRECTIVE, IgnoreMap, Suppression, inline_ignores
from .rules import (
    IGNORE_FILE,
    IgnoreRules,
    PathPatterns,
    find_ignore_file,
    known_kinds,
    load_ignore_file,
    parse_entries,
    read_ignore_file,
)

__all__ = [
    "IGNORE_DIRECTIVE", "IGNORE_FILE", "IgnoreMap", "IgnoreRules", "PathPatterns", "Suppression",
    "apply_ignores", "clip_is_ignored", "excerpt_is_ignored", "filter_article",
    "find_ignore_file", "inline_ignores", "known_kinds", "load_ignore_file", "parse_entries",
    "read_ignore_file",
]
