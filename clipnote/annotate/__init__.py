"""`clipnote annotate`: write the exact timestamps back into an article, safely.

Pure core — `plan` / `plan_annotations` decide the edits from an article's text and its
ArticleResult, `apply_edits` makes them — and a file layer (`annotate_bytes`, `annotate_file`)
that keeps every byte outside the edits, shows a unified diff, and writes atomically.

    links.py   the ▶ deep links after quotes: form, placement, recognising earlier ones
    starts.py  moving a clip's start in its own syntax (--fix-start)
    blocks.py  HTML blocks and table rows (markdown-it), for where and how a link is written
    plan.py    the edits for one article
    files.py   bytes, diff, atomic write
"""

from __future__ import annotations

from .files import FileChange, annotate_bytes, annotate_file, decode_article, unified_diff, write_atomic
from .links import MARKER, render_link
from .plan import (
    ATTRIBUTION_TOLERANCE,
    DEFAULT_MIN_CONFIDENCE,
    Plan,
    annotate_text,
    plan,
    plan_annotations,
)
from .starts import StartError, rewrite_start
from .text import Edit, Note, apply_edits

__all__ = [
    "ATTRIBUTION_TOLERANCE", "DEFAULT_MIN_CONFIDENCE", "MARKER", "Edit", "FileChange", "Note", "Plan",
    "StartError", "annotate_bytes", "annotate_file", "annotate_text", "apply_edits", "decode_article",
    "plan", "plan_annotations", "render_link", "rewrite_start", "unified_diff", "write_atomic",
]
