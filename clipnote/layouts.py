"""Recognising a blog's site generator from its files, and where its posts live.

Each layout names its content folders and the file kinds it renders: only those are searched, so
templates, READMEs and built output are never taken for posts. Built output, dependencies and
clipnote's own folders are never entered (`NEVER_ENTER`, and every folder whose name starts with a
dot). Site configs are read only for hints (Hugo's `contentDir`, Quarto's `output-dir`, 11ty's
`dir.input`); one that cannot be read costs only its hint.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

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
        where = ", ".join(display(folder, root) for folder in self.folders)
        return f"{self.label} ({where})"


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


def layouts_for(root: Path) -> tuple[Layout, ...]:
    """The layouts to search under `root`: those recognised there; else those of its child
    folders that are blogs of their own, plus plain Markdown for the rest; else plain Markdown."""
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
    return (*nested, rest) if any(True for _ in walk_layout(rest, set())) else tuple(nested)


def _jekyll_folders(root: Path, skip_top: set[str]) -> tuple[Path, ...]:
    """`_posts` and `_drafts` (inside `collections_dir` when `_config.yml` sets one), those of
    category folders one level down (`travel/_posts`), and the collections `_config.yml` declares."""
    config = _read_yaml(root / "_config.yml")
    config = config if isinstance(config, dict) else {}
    base = root / str(config.get("collections_dir") or "")
    folders = [base / name for name in ("_posts", DRAFTS_FOLDER) if (base / name).is_dir()]
    # category folders only in a Jekyll site; in a plain folder a child with `_posts` is a blog
    # of its own
    if folders or (root / "_config.yml").is_file():
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
    collections = config.get("collections")
    for name in list(collections) if isinstance(collections, (dict, list)) else []:
        folder = base / f"_{name}"
        if isinstance(name, str) and folder.is_dir():
            folders.append(folder)
    return tuple(dict.fromkeys(folders))  # the collections folder is also a child folder


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


def walk_layout(layout: Layout, skip_keys: set[str]) -> Iterator[Path]:
    """Every file of the layout's kinds in its folders, never entering the folders it skips, nor
    those whose `path_key` is in `skip_keys`. Symbolic links to folders are not followed."""
    for folder in layout.folders:
        for current, dirnames, filenames in os.walk(folder):
            here = Path(current)
            dirnames[:] = sorted(
                d for d in dirnames
                if not _never_enter(d) and d not in layout.skip
                and not (layout.skip_underscore and d.startswith("_")
                         and d not in layout.keep_underscore)
                and not (here == folder and d in layout.skip_top)
                and path_key(here / d) not in skip_keys
            )
            for name in sorted(filenames):
                if os.path.splitext(name)[1].lower() in layout.suffixes:
                    yield here / name


def _never_enter(name: str) -> bool:
    return name.startswith(".") or name in NEVER_ENTER


# --- small helpers -----------------------------------------------------------------------------


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


def display(path: Path, root: Path) -> str:
    """`path` relative to `root` with forward slashes, as reports show it."""
    try:
        return path.relative_to(root).as_posix() or "."
    except ValueError:
        return str(path)


def path_key(path: Path) -> str:
    """A path as a comparable key: macOS and git may spell Hangul and kana composed or not."""
    return unicodedata.normalize("NFC", str(path))


__all__ = [
    "DRAFTS_FOLDER", "Layout", "MARKDOWN", "NEVER_ENTER", "POST_SUFFIXES", "detect_layouts",
    "display", "layouts_for", "path_key", "walk_layout",
]
