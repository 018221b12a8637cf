"""Front matter: YAML (`---`), TOML (`+++`) or Hexo-style (no opening fence), and what it says
about the article (draft or not, language).

Parsed with `yaml.safe_load` / `tomllib` (imported when a file has front matter). A broken block
is returned with its reason and line rather than raised, so the body can still be scanned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any


# --- front matter -------------------------------------------------------------------------------


@dataclass(frozen=True)
class FrontMatter:
    data: dict[str, Any] = field(default_factory=dict)
    first_line: int = 0  # 1-based line of the opening fence (or first key); 0 when absent
    last_line: int = 0  # 1-based line of the closing fence; 0 when absent
    format: str | None = None  # "yaml" | "toml" | None
    error: str | None = None  # why it could not be parsed (the body is still usable)
    error_line: int | None = None


_FENCE = {"---": "yaml", "+++": "toml"}
_HEXO_FIRST_KEY = re.compile(r"^[A-Za-z_][\w-]*\s*:(?:\s|$)")
_HEXO_KNOWN_KEYS = {"title", "date", "tags", "categories", "layout", "permalink", "updated"}


def split_front_matter(text: str) -> FrontMatter:
    """Find and parse the front matter at the top of `text` (newlines already normalised)."""
    lines = text.split("\n")
    opening = lines[0].rstrip() if lines else ""
    if opening in _FENCE:
        fmt = _FENCE[opening]
        closers = ("---", "...") if fmt == "yaml" else ("+++",)
        for index in range(1, len(lines)):
            if lines[index].rstrip() in closers:
                return _parse_front_matter("\n".join(lines[1:index]), fmt, 1, index + 1)
        return FrontMatter(
            first_line=1, last_line=0, format=fmt, error_line=1,
            error=f"front matter opened with {opening} on line 1 is never closed")
    if _HEXO_FIRST_KEY.match(opening):
        # Hexo accepts front matter without the opening fence: `title: …` … `---`.
        for index in range(1, min(len(lines), 200)):
            if lines[index].rstrip() == "---":
                parsed = _parse_front_matter("\n".join(lines[:index]), "yaml", 1, index + 1,
                                             first_content_line=1)
                if parsed.error is None and _HEXO_KNOWN_KEYS & {str(k).lower() for k in parsed.data}:
                    return parsed
                break
    return FrontMatter()


def _parse_front_matter(chunk: str, fmt: str, first: int, last: int, *,
                        first_content_line: int | None = None) -> FrontMatter:
    content_line = first_content_line or first + 1  # file line of the chunk's first line
    try:
        if fmt == "yaml":
            import yaml

            data = yaml.safe_load(chunk)
        else:
            import tomllib

            data = tomllib.loads(chunk)
    except Exception as error:  # yaml.YAMLError, tomllib.TOMLDecodeError, RecursionError…
        message, line = _front_matter_error(error, content_line, fmt.upper())
        return FrontMatter(first_line=first, last_line=last, format=fmt, error=message,
                           error_line=line)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return FrontMatter(first_line=first, last_line=last, format=fmt, error_line=first,
                           error=f"front matter is a {type(data).__name__}, not a set of keys")
    return FrontMatter(data=data, first_line=first, last_line=last, format=fmt)


def _front_matter_error(error: Exception, content_line: int, fmt: str) -> tuple[str, int | None]:
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None)
    if mark is not None:
        return f"broken front matter ({fmt}): {problem or error}", content_line + mark.line
    found = re.search(r"\s*\(at line (\d+), column \d+\)", str(error))
    if found:
        line = content_line + int(found.group(1)) - 1
        return f"broken front matter ({fmt}): {str(error)[: found.start()].strip()}", line
    reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return f"broken front matter ({fmt}): {reason}", content_line


# --- metadata -----------------------------------------------------------------------------------


def is_draft(front_matter: dict[str, Any]) -> bool:
    """`draft: true` (Jekyll/Hugo) or `published: false` (Jekyll/Hexo)."""
    def truthy(value: Any) -> bool | None:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in ("true", "yes", "false", "no"):
            return value.strip().lower() in ("true", "yes")
        return None

    keys = {str(k).lower(): v for k, v in front_matter.items()}
    return truthy(keys.get("draft")) is True or truthy(keys.get("published")) is False


_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def guess_language(front_matter: dict[str, Any], body: str) -> str | None:
    """The front matter's `lang`/`language`, else a guess from the script (ja/ko/zh only)."""
    keys = {str(k).lower(): v for k, v in front_matter.items()}
    for key in ("lang", "language", "languagecode", "locale"):
        value = keys.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    sample = body[:20000]
    kana, hangul, han = (len(p.findall(sample)) for p in (_KANA, _HANGUL, _HAN))
    if kana >= 20:
        return "ja"
    if hangul >= 20:
        return "ko"
    if han >= 20:
        return "zh"
    return None
