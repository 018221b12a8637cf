"""Finding the posts of a blog repository, and saying why the others were left out.

The layout says where posts live (`clipnote.layouts`). A folder with no layout marker is searched
for Markdown everywhere, except that a child folder that is itself a recognised blog is searched
as that blog (a folder holding several blogs, like our `samples/`). `include` patterns replace the
layout: exactly the files they select are checked. `exclude` patterns, the configuration's
`[ignore] paths` and `.clipnoteignore` then take files out, and drafts are left out unless asked
for. Negation re-includes a file even inside an excluded folder (git would not): patterns are
matched against each file, never used to skip a folder.

The result is sorted, so two runs over the same tree list the same posts in the same order.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Iterator

from .errors import UsageError
from .ignores.rules import IgnoreRules, PathPatterns, find_ignore_file, read_ignore_file
from .layouts import (
    DRAFTS_FOLDER,
    MARKDOWN,
    POST_SUFFIXES,
    Layout,
    detect_layouts,
    display,
    layouts_for,
    path_key,
    walk_layout,
)


@dataclass(frozen=True)
class Skipped:
    path: Path
    reason: str  # "draft (draft: true)", "excluded by .clipnoteignore:3: old/", ...


@dataclass(frozen=True)
class Discovery:
    """The posts a run checks, and every post-like file it did not, with the reason."""

    root: Path  # absolute
    layouts: tuple[Layout, ...]
    posts: tuple[Path, ...]  # absolute, sorted
    drafts: tuple[Path, ...] = ()  # the posts that are drafts (only with drafts=True)
    skipped: tuple[Skipped, ...] = ()
    # the ignore rules in force (configuration and .clipnoteignore): the runner applies their
    # video and kind entries to the results
    ignore: IgnoreRules = field(default_factory=IgnoreRules)

    @property
    def layout(self) -> str:
        """What was recognised, for the batch header: "Jekyll (_posts, _drafts) + Hugo (content)"."""
        return " + ".join(layout.describe(self.root) for layout in self.layouts) or "files"

    def relative(self, path: Path) -> str:
        return display(path, self.root)

    def only(self, paths: Iterable[Path]) -> Discovery:
        """Keep the posts that are among `paths` (for `--changed-since`). Paths are compared
        absolute and Unicode-normalised, as git and macOS may spell Hangul differently."""
        wanted = {path_key(Path(p).absolute()) for p in paths}
        keep = tuple(p for p in self.posts if path_key(p) in wanted)
        return replace(self, posts=keep, drafts=tuple(p for p in self.drafts if p in keep))


def discover_posts(root: Path, *, include: Iterable[str] | PathPatterns = (),
                   exclude: Iterable[str] | PathPatterns = (), drafts: bool = False,
                   ignore_file: bool = True, ignore: IgnoreRules | None = None,
                   skip: Iterable[Path] = ()) -> Discovery:
    """The posts under `root` (a folder; a file is taken as the only candidate).

    `include` / `exclude` are gitignore-style patterns, as strings relative to `root` or as
    `PathPatterns` (from the configuration) with their own base folder. `ignore` adds rules (the
    configuration's `[ignore]`); `ignore_file` also reads the nearest `.clipnoteignore`. `skip`
    names more folders never to enter (the report folder, say)."""
    root = Path(root)
    if not root.exists():
        raise UsageError(f"{root}: no such file or folder")
    root = root.resolve()
    if root.is_file():
        return select_files([root], exclude=exclude, ignore=ignore, ignore_file=ignore_file,
                            drafts=drafts)
    include = _patterns(include, root, "--include")
    exclude = _patterns(exclude, root, "--exclude")
    rules = _rules(root, ignore, ignore_file)
    if include:
        layouts = (Layout("include", "include patterns", (root,), POST_SUFFIXES),)
    else:
        layouts = layouts_for(root)
    skip_keys = {path_key(Path(p).absolute()) for p in skip}
    candidates: dict[Path, None] = {}
    for layout in layouts:
        for path in walk_layout(layout, skip_keys):
            candidates.setdefault(path, None)
    if include:
        candidates = {p: None for p in candidates if include.match(p)}
    return _sift(root, layouts, sorted(candidates), exclude=exclude, rules=rules, drafts=drafts,
                 draft_root=root)


def select_files(files: Iterable[Path], *, exclude: Iterable[str] | PathPatterns = (),
                 ignore: IgnoreRules | None = None, ignore_file: bool = True,
                 drafts: bool = True) -> Discovery:
    """The same filters for files named one by one (`clipnote check a.md b.md`, pre-commit):
    exclusions and `.clipnoteignore` apply; drafts are kept unless `drafts=False`, since the user
    named them. Files that do not exist are kept: checking them reports the error."""
    paths = [Path(f).absolute() for f in files]
    if not paths:
        return Discovery(Path.cwd().resolve(), (), ())
    root = Path(os.path.commonpath([p.parent for p in paths]))
    rules = _rules(root, ignore, False)
    if ignore_file:
        seen: dict[Path, IgnoreRules] = {}
        for path in paths:
            found = find_ignore_file(path.parent)
            if found and found not in seen:
                seen[found] = read_ignore_file(found)
        for extra in seen.values():
            rules = rules.union(extra)
    exclude = _patterns(exclude, Path.cwd().resolve(), "--exclude")
    # a named file's own folders decide whether it sits in _drafts/, whatever the common root
    return _sift(root, (), sorted(dict.fromkeys(paths)), exclude=exclude, rules=rules,
                 drafts=drafts, draft_root=None)


# --- which files are posts ---------------------------------------------------------------------


def _sift(root: Path, layouts: tuple[Layout, ...], candidates: list[Path], *,
          exclude: PathPatterns, rules: IgnoreRules, drafts: bool,
          draft_root: Path | None) -> Discovery:
    posts: list[Path] = []
    draft_posts: list[Path] = []
    skipped: list[Skipped] = []
    for path in candidates:
        reason = exclude.match(path)
        if reason:
            skipped.append(Skipped(path, f"excluded by {reason}"))
            continue
        reason = rules.match_path(path)
        if reason:
            skipped.append(Skipped(path, f"ignored by {reason}"))
            continue
        why_draft = draft_reason(path, draft_root)
        if why_draft and not drafts:
            skipped.append(Skipped(path, f"draft ({why_draft})"))
            continue
        posts.append(path)
        if why_draft:
            draft_posts.append(path)
    return Discovery(root, layouts, tuple(posts), tuple(draft_posts), tuple(skipped), rules)


def draft_reason(path: Path, root: Path | None = None) -> str | None:
    """Why a post is a draft ("_drafts/", "draft: true", "published: false"), or None.

    A cheap look at the front matter's top-level keys (YAML, TOML or JSON), not a parse: broken
    front matter is the scanner's to report, and an unreadable file is not a draft."""
    try:
        parts = path.relative_to(root).parts[:-1] if root else path.parts[:-1]
    except ValueError:
        parts = path.parts[:-1]
    if DRAFTS_FOLDER in parts:
        return f"{DRAFTS_FOLDER}/"
    for key, value in _front_matter_flags(path):
        if key == "draft" and value is True:
            return "draft: true"
        if key == "published" and value is False:
            return "published: false"
    return None


_YAML_FLAG = re.compile(r"^(draft|published)\s*:\s*(.*?)\s*(?:#.*)?$")
_TOML_FLAG = re.compile(r"^(draft|published)\s*=\s*(.*?)\s*(?:#.*)?$")
_JSON_FLAG = re.compile(r'"(draft|published)"\s*:\s*("?\w+"?)')
_TRUE = {"true", "yes", "on"}
_FALSE = {"false", "no", "off"}


def _front_matter_flags(path: Path) -> Iterator[tuple[str, bool]]:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            first = handle.readline().lstrip("\ufeff").rstrip()
            if first not in ("---", "+++", "{"):
                return
            closing = {"---": ("---", "..."), "+++": ("+++",), "{": ("}",)}[first]
            pattern = {"---": _YAML_FLAG, "+++": _TOML_FLAG, "{": _JSON_FLAG}[first]
            for number, line in enumerate(handle):
                text = line.rstrip()
                if text in closing or number > 2000:
                    return
                if first == "+++" and text.startswith("["):
                    return  # a TOML table: its keys are not top-level
                found = pattern.search(text) if first == "{" else pattern.match(text)
                if found:
                    value = found.group(2).strip("'\"").lower()
                    if value in _TRUE or value in _FALSE:
                        yield found.group(1), value in _TRUE
    except OSError:
        return


# --- small helpers -----------------------------------------------------------------------------


def _patterns(value: Iterable[str] | PathPatterns, base: Path, origin: str) -> PathPatterns:
    if isinstance(value, PathPatterns):
        return value
    return PathPatterns(base, tuple(value), origin)


def _rules(root: Path, extra: IgnoreRules | None, ignore_file: bool) -> IgnoreRules:
    rules = extra or IgnoreRules()
    if ignore_file:
        found = find_ignore_file(root)
        if found:
            rules = rules.union(read_ignore_file(found))
    return rules


__all__ = [
    "Discovery", "Skipped", "discover_posts", "draft_reason", "select_files",
    # re-exported: what a layout is and which files are posts
    "DRAFTS_FOLDER", "Layout", "MARKDOWN", "POST_SUFFIXES", "detect_layouts",
]
