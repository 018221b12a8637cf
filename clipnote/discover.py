"""Finding the posts of a blog repository, and saying why the others were left out.

The layout is recognised from the files a site generator needs (see `detect_layouts`); only its
content folders are searched, so templates, READMEs and built output are never taken for posts.
A folder with none of those markers is searched for Markdown everywhere, except that a child
folder that is itself a recognised blog is searched as that blog (a folder holding several blogs,
like our `samples/`). `include` patterns replace the layout: exactly the files they select are
checked. `exclude` patterns, the configuration's `[ignore] paths` and `.clipnoteignore` then take
files out, and drafts are left out unless asked for. Built output, dependencies and clipnote's own
folders are never entered (`NEVER_ENTER`, and every folder whose name starts with a dot).

The result is sorted, so two runs over the same tree list the same posts in the same order.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Iterator

from .errors import UsageError
from .ignores.rules import IgnoreRules, PathPatterns, find_ignore_file, read_ignore_file

MARKDOWN = frozenset({".md", ".markdown", ".mdown", ".mkd"})
# every kind of file clipnote can read as a post (what `include` patterns may select)
POST_SUFFIXES = MARKDOWN | {".mdx", ".qmd", ".html", ".htm"}

# folders never entered, at any depth: dependencies, built sites, caches, clipnote's own output
NEVER_ENTER = frozenset({
    "node_modules", "bower_components", "jspm_packages", "vendor", "__pycache__",
    "site-packages", "_site", "public", "resources", "_freeze", "clipnote-report",
})
# built output that only counts as such at the top of a plain folder of Markdown
_TOP_OUTPUT = frozenset({"build", "dist", "out", "target", "site"})
DRAFTS_FOLDER = "_drafts"


@dataclass(frozen=True)
class Layout:
    """A recognised kind of site and where its posts live."""

    name: str  # jekyll, hugo, hexo, quarto, eleventy, docusaurus, astro, markdown, include
    label: str  # for people: "Jekyll"
    folders: tuple[Path, ...]  # content folders searched (absolute)
    suffixes: frozenset[str]
    skip: frozenset[str] = frozenset()  # more folder names not to enter, at any depth
    skip_top: frozenset[str] = frozenset()  # folder names not to enter right below `folders`
    # generators that leave out folders starting with "_" (Hexo, Quarto), except these
    skip_underscore: bool = False
    keep_underscore: frozenset[str] = frozenset()

    def describe(self, root: Path) -> str:
        where = ", ".join(_display(folder, root) for folder in self.folders)
        return f"{self.label} ({where})"


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
        return _display(path, self.root)

    def only(self, paths: Iterable[Path]) -> Discovery:
        """Keep the posts that are among `paths` (for `--changed-since`). Paths are compared
        absolute and Unicode-normalised, as git and macOS may spell Hangul differently."""
        wanted = {_key(Path(p).absolute()) for p in paths}
        keep = tuple(p for p in self.posts if _key(p) in wanted)
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
        layouts = _layouts_with_fallback(root)
    skip_keys = {_key(Path(p).absolute()) for p in skip}
    candidates: dict[Path, None] = {}
    for layout in layouts:
        for path in _walk(root, layout, skip_keys):
            candidates.setdefault(path, None)
    if include:
        candidates = {p: None for p in candidates if include.match(p)}
    return _sift(root, layouts, sorted(candidates), exclude=exclude, rules=rules, drafts=drafts)


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
    return _sift(root, (), sorted(dict.fromkeys(paths)), exclude=exclude, rules=rules,
                 drafts=drafts)


# --- which files are posts ---------------------------------------------------------------------


def _sift(root: Path, layouts: tuple[Layout, ...], candidates: list[Path], *,
          exclude: PathPatterns, rules: IgnoreRules, drafts: bool) -> Discovery:
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
        why_draft = draft_reason(path, root)
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


# --- recognising the layout --------------------------------------------------------------------


def detect_layouts(root: Path) -> tuple[Layout, ...]:
    """The site layouts recognised at `root` (several when a repository holds several)."""
    root = root.resolve()
    found: list[Layout] = []
    is_dir = _dir_test(root)
    markdown_html = MARKDOWN | {".html", ".htm"}

    hexo = is_dir("source/_posts") or is_dir("source/_drafts")
    if hexo:
        found.append(Layout("hexo", "Hexo", (root / "source",), markdown_html,
                            skip_underscore=True, keep_underscore=frozenset({"_posts", "_drafts"})))

    jekyll = _jekyll_folders(root, skip_top={"source"} if hexo else set())
    if jekyll:
        found.append(Layout("jekyll", "Jekyll", jekyll, markdown_html))

    hugo = _hugo_content(root)
    if hugo:
        found.append(Layout("hugo", "Hugo", hugo, markdown_html))

    if (root / "_quarto.yml").is_file() or (root / "_quarto.yaml").is_file():
        output = _quarto_output_dir(root)
        found.append(Layout("quarto", "Quarto", (root,), MARKDOWN | {".qmd"},
                            skip=frozenset({output} if output else ()), skip_underscore=True))

    eleventy = _first_file(root, [".eleventy.js", ".eleventy.cjs", "eleventy.config.js",
                                  "eleventy.config.cjs", "eleventy.config.mjs",
                                  "eleventy.config.ts", "eleventy.config.mts"])
    if eleventy:
        source, output = _eleventy_dirs(eleventy)
        folder = (root / source).resolve() if source else root
        if folder.is_dir():
            skip = {"_includes", "_data", "_layouts"} | ({Path(output).name} if output else set())
            found.append(Layout("eleventy", "11ty", (folder,), MARKDOWN, skip=frozenset(skip)))

    mdx = MARKDOWN | {".mdx"}
    if _first_file(root, [f"docusaurus.config.{e}" for e in ("js", "ts", "mjs", "cjs", "mts")]):
        folders = tuple(root / d for d in ("blog", "docs", "src/pages", "i18n") if is_dir(d))
        if folders:
            found.append(Layout("docusaurus", "Docusaurus", folders, mdx))

    if _first_file(root, [f"astro.config.{e}" for e in ("mjs", "js", "ts", "cjs", "mts")]):
        folders = tuple(root / d for d in ("src/content", "src/pages") if is_dir(d))
        if folders:
            found.append(Layout("astro", "Astro", folders, mdx))
    return tuple(found)


def _layouts_with_fallback(root: Path) -> tuple[Layout, ...]:
    layouts = detect_layouts(root)
    if layouts:
        return layouts
    plain = MARKDOWN | {".mdx", ".qmd"}
    nested: list[Layout] = []
    blogs: set[str] = set()
    for child in sorted(root.iterdir()) if root.is_dir() else ():
        if child.is_dir() and not _never_enter(child.name):
            inner = detect_layouts(child)
            if inner:
                nested.extend(inner)
                blogs.add(child.name)
    if not nested:
        return (Layout("markdown", "Markdown", (root,), plain, skip_top=_TOP_OUTPUT),)
    # the rest of the folder is still searched as plain Markdown, the blogs found are not
    rest = Layout("markdown", "Markdown", (root,), plain, skip_top=_TOP_OUTPUT | blogs)
    return (*nested, rest) if any(True for _ in _walk(root, rest, set())) else tuple(nested)


def _jekyll_folders(root: Path, skip_top: set[str]) -> tuple[Path, ...]:
    """`_posts` and `_drafts` at the top or one level down (category folders), and collections
    declared in `_config.yml`."""
    folders: list[Path] = []
    for name in ("_posts", DRAFTS_FOLDER):
        if (root / name).is_dir():
            folders.append(root / name)
    try:
        children = sorted(c for c in root.iterdir() if c.is_dir())
    except OSError:
        children = []
    for child in children:
        if child.name in skip_top or _never_enter(child.name) or child.name.startswith("_"):
            continue
        folders.extend(child / n for n in ("_posts", DRAFTS_FOLDER) if (child / n).is_dir())
    if not folders:
        return ()  # collections alone do not make a Jekyll blog: Hexo has a _config.yml too
    config = _read_yaml(root / "_config.yml")
    collections = config.get("collections") if isinstance(config, dict) else None
    base = root / str(config.get("collections_dir") or "") if isinstance(config, dict) else root
    names = list(collections) if isinstance(collections, (dict, list)) else []
    for name in names:
        folder = base / f"_{name}"
        if isinstance(name, str) and folder.is_dir() and folder not in folders:
            folders.append(folder)
    return tuple(folders)


def _hugo_content(root: Path) -> tuple[Path, ...]:
    """Hugo's content folder(s): `contentDir` from the site config (also per language), else
    `content/`."""
    dirs: list[str] = []
    for name in ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml",
                 "config.yml", "config.json", "config/_default/hugo.toml",
                 "config/_default/config.toml"):
        config = _read_any(root / name)
        if config:
            dirs.append(str(config.get("contentDir") or config.get("contentdir") or "content"))
            languages = config.get("languages")
            if isinstance(languages, dict):
                dirs.extend(str(v["contentDir"]) for v in languages.values()
                            if isinstance(v, dict) and v.get("contentDir"))
            break
    if not dirs:
        dirs = ["content"]
    folders = []
    for name in dict.fromkeys(dirs):
        folder = (root / name).resolve()
        if folder.is_dir() and not any(folder.is_relative_to(f) for f in folders):
            folders.append(folder)
    return tuple(folders)


def _quarto_output_dir(root: Path) -> str | None:
    for name in ("_quarto.yml", "_quarto.yaml"):
        config = _read_yaml(root / name)
        project = config.get("project") if isinstance(config, dict) else None
        if isinstance(project, dict) and project.get("output-dir"):
            return Path(str(project["output-dir"])).name
    return None


def _eleventy_dirs(config: Path) -> tuple[str | None, str | None]:
    """`dir: {input, output}` from an 11ty config, read with a regex (it is JavaScript)."""
    try:
        text = config.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None, None
    found = {}
    for key in ("input", "output"):
        match = re.search(rf"\b{key}\s*:\s*[\"'`]([^\"'`]+)[\"'`]", text)
        found[key] = match.group(1) if match else None
    return found["input"], found["output"]


# --- walking -----------------------------------------------------------------------------------


def _walk(root: Path, layout: Layout, skip_keys: set[str]) -> Iterator[Path]:
    for folder in layout.folders:
        for current, dirnames, filenames in os.walk(folder):
            here = Path(current)
            dirnames[:] = sorted(
                d for d in dirnames
                if not _never_enter(d) and d not in layout.skip
                and not (layout.skip_underscore and d.startswith("_")
                         and d not in layout.keep_underscore)
                and not (here == folder and d in layout.skip_top)
                and _key(here / d) not in skip_keys
            )
            for name in sorted(filenames):
                if os.path.splitext(name)[1].lower() in layout.suffixes:
                    yield here / name


def _never_enter(name: str) -> bool:
    return name.startswith(".") or name in NEVER_ENTER


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


def _dir_test(root: Path):
    return lambda relative: (root / relative).is_dir()


def _first_file(root: Path, names: list[str]) -> Path | None:
    return next((root / n for n in names if (root / n).is_file()), None)


def _read_yaml(path: Path):
    if not path.is_file():
        return None
    try:
        import yaml

        return yaml.safe_load(path.read_text(encoding="utf-8", errors="replace"))
    except Exception:  # a site config we cannot read only costs us its hints
        return None


def _read_any(path: Path) -> dict | None:
    if not path.is_file():
        return None
    if path.suffix == ".toml":
        import tomllib

        try:
            return tomllib.loads(path.read_text(encoding="utf-8", errors="replace"))
        except (tomllib.TOMLDecodeError, OSError):
            return None
    if path.suffix == ".json":
        import json

        try:
            data = json.loads(path.read_text(encoding="utf-8", errors="replace"))
        except (ValueError, OSError):
            return None
        return data if isinstance(data, dict) else None
    data = _read_yaml(path)
    return data if isinstance(data, dict) else None


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix() or "."
    except ValueError:
        return str(path)


def _key(path: Path) -> str:
    return unicodedata.normalize("NFC", str(path))


__all__ = [
    "DRAFTS_FOLDER", "Discovery", "Layout", "MARKDOWN", "NEVER_ENTER", "POST_SUFFIXES",
    "Skipped", "detect_layouts", "discover_posts", "draft_reason", "select_files",
]
