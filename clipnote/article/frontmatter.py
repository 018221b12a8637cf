"""Front matter: YAML (`---`), TOML (`+++`), JSON (Hugo's `{ … }`) or Hexo-style (no opening
fence), and what it says about the article (draft or not, language).

Parsed with `yaml.safe_load` / `tomllib` / `json` (imported when a file has front matter). A
broken block (invalid, or never closed) is returned with its reason and line rather than raised,
with what a tolerant reading of its plain `key: value` lines finds, so that a site generator's
lenient parse (`speaker: Panel: A, B`) does not cost the article its video or its body.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any


# --- front matter -------------------------------------------------------------------------------


@dataclass(frozen=True)
class FrontMatter:
    data: dict[str, Any] = field(default_factory=dict)
    first_line: int = 0  # 1-based line of the opening fence (or first key); 0 when absent
    last_line: int = 0  # 1-based last line of the front matter (its closing fence); 0 when absent
    format: str | None = None  # "yaml" | "toml" | "json" | None
    # why it could not be parsed; `data` then holds what its plain `key: value` lines say, and
    # the body is scanned as usual
    error: str | None = None
    error_line: int | None = None


_FENCE = {"---": "yaml", "+++": "toml"}
_HEXO_FIRST_KEY = re.compile(r"^[A-Za-z_][\w-]*\s*:(?:\s|$)")
_HEXO_KNOWN_KEYS = {"title", "date", "tags", "categories", "layout", "permalink", "updated"}
_JSON_OPENING = re.compile(r"^\{\s*(?:\"|$)")  # Hugo's JSON front matter; not `{{<`, `{%`, `{/*`


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
        return _never_closed(lines, fmt, opening)
    if _JSON_OPENING.match(opening):
        return _json_front_matter(text, lines)
    if _HEXO_FIRST_KEY.match(opening):
        # Hexo accepts front matter without the opening fence: `title: …` … `---`.
        for index in range(1, min(len(lines), 200)):
            if lines[index].rstrip() == "---":
                parsed = _parse_front_matter("\n".join(lines[:index]), "yaml", 1, index + 1,
                                             first_content_line=1)
                # a broken block counts only when every line of it reads as front matter, so
                # that prose above a thematic break (`Date: 2020: notes` … `---`) stays prose
                if _HEXO_KNOWN_KEYS & {str(k).lower() for k in parsed.data} and (
                        parsed.error is None or _front_matter_lines(lines, 0, "yaml") == index):
                    return parsed
                break
    return FrontMatter()


def _never_closed(lines: list[str], fmt: str, opening: str) -> FrontMatter:
    """`---` (or `+++`) on line 1 and no closing fence: the leading lines that read as front
    matter are its keys, the rest is the body. With no such line, the fence is only a
    thematic break at the top of a plain Markdown post."""
    last = _front_matter_lines(lines, 1, fmt)
    if last == 1:
        return FrontMatter()
    return FrontMatter(
        data=tolerant_keys("\n".join(lines[:last]), fmt), first_line=1, last_line=last,
        format=fmt, error_line=1,
        error=f"front matter opened with {opening} on line 1 is never closed; read its "
              f"{_KEYS_PHRASE[fmt]} lines up to line {last}, and the rest as the body")


def _front_matter_lines(lines: list[str], start: int, fmt: str) -> int:
    """The index of the first line from `start` on that does not read as front matter (a
    `key: value` line, an indented line or a YAML list item; a blank line ends it)."""
    end = start
    while end < len(lines) and lines[end].strip() and (
            _KEY_LINE[fmt].match(lines[end]) or lines[end][:1] in (" ", "\t")
            or (fmt == "yaml" and lines[end].startswith("- "))):
        end += 1
    return end


def _json_front_matter(text: str, lines: list[str]) -> FrontMatter:
    """Hugo's JSON front matter: an object at the top of the file, ending with its `}`."""
    try:
        data, end = json.JSONDecoder().raw_decode(text)
    except ValueError as error:  # json.JSONDecodeError
        closing = next((i for i in range(1, len(lines)) if lines[i].rstrip() == "}"), None)
        if closing is None:
            return _never_closed(lines, "json", "{")
        line = getattr(error, "lineno", 1)
        reason = getattr(error, "msg", str(error))
        return _broken("\n".join(lines[:closing + 1]), "json", 1, closing + 1,
                       f"broken front matter (JSON): {reason}", line)
    except RecursionError:  # thousands of nested brackets: not a front matter anyone wrote
        return FrontMatter()
    last = text.count("\n", 0, end) + 1
    if not isinstance(data, dict):
        return FrontMatter()
    return FrontMatter(data=data, first_line=1, last_line=last, format="json")


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
        return _broken(chunk, fmt, first, last, message, line)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return _broken(chunk, fmt, first, last,
                       f"front matter is a {type(data).__name__}, not a set of keys", first)
    return FrontMatter(data=data, first_line=first, last_line=last, format=fmt)


def _broken(chunk: str, fmt: str, first: int, last: int, message: str,
            line: int | None) -> FrontMatter:
    return FrontMatter(data=tolerant_keys(chunk, fmt), first_line=first, last_line=last,
                       format=fmt, error=f"{message}; read its {_KEYS_PHRASE[fmt]} lines instead",
                       error_line=line)


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


# --- a tolerant reading, for front matter that does not parse ----------------------------------

_KEY_LINE = {
    "yaml": re.compile(r"^(?P<key>[A-Za-z_][\w.-]*|\"[^\"\n]+\"|'[^'\n]+')[ \t]*:(?:[ \t]+(?P<value>.*?))?[ \t]*$"),
    "toml": re.compile(r"^(?P<key>[A-Za-z_][\w.-]*|\"[^\"\n]+\")[ \t]*=[ \t]*(?P<value>.*?)[ \t]*$"),
    "json": re.compile(r"^[ \t]*(?P<key>\"(?:[^\"\\\n]|\\.)+\")[ \t]*:[ \t]*(?P<value>.*?)[ \t]*,*[ \t]*$"),
}
_KEYS_PHRASE = {"yaml": "plain `key: value`", "toml": "plain `key = value`",
                "json": "plain `\"key\": value`"}
_LIST_ITEM = re.compile(r"^[ \t]+-[ \t]+(.*?)[ \t]*$")
_JSON_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_COMMENT = re.compile(r"[ \t]+#.*$")


def tolerant_keys(chunk: str, fmt: str) -> dict[str, Any]:
    """The keys a broken front matter still states plainly, one per line: top-level
    `key: value` (YAML, with `  - item` lines under an empty value read as a list),
    `key = value` before any `[table]` (TOML), `"key": value` (JSON). Values are kept as the
    strings they are written as, quotes removed; whatever is not that plain is left out."""
    data: dict[str, Any] = {}
    listing: list[str] | None = None  # the list a YAML key with an empty value is collecting
    depth = 0  # JSON: how many objects and arrays are open where the line starts
    for line in chunk.split("\n"):
        if fmt == "json":
            if depth == 0 and line.lstrip().startswith("{"):  # the opening `{`, maybe a key after it
                line, depth = line.lstrip()[1:], 1
            bare = _JSON_STRING.sub("", line)
            outer, depth = depth, depth + sum(bare.count(c) for c in "{[") - sum(
                bare.count(c) for c in "}]")
            if outer != 1:
                continue
        if fmt == "toml" and line.lstrip().startswith("["):
            break  # keys below a table header belong to that table
        item = _LIST_ITEM.match(line) if listing is not None else None
        if item:
            listing.append(_unquote(_COMMENT.sub("", item.group(1))))
            continue
        listing = None
        m = _KEY_LINE[fmt].match(line)
        if not m:
            continue
        key, value = _unquote(m.group("key")), m.group("value") or ""
        if fmt == "json" and value[:1] in ("{", "["):
            continue
        if fmt == "json":  # the value's own token: a string (escapes undone), or up to a comma
            string = _JSON_STRING.match(value)
            value = _json_string(string.group(0)) if string else value.split(",")[0].strip()
            data.setdefault(key, value)
            continue
        value = _COMMENT.sub("", value)
        if not value:
            if fmt == "yaml":
                data.setdefault(key, listing := [])
            continue
        if value[:1] in "|>&*!":
            continue  # a block scalar, an anchor or a tag: not plain
        if value.startswith("[") and value.endswith("]"):
            data.setdefault(key, [_unquote(v) for v in value[1:-1].split(",") if v.strip()])
        else:
            data.setdefault(key, _unquote(value))
    return {k: v for k, v in data.items() if v != []}


def _json_string(token: str) -> str:
    try:
        return json.loads(token)
    except ValueError:  # a bad escape: the text between the quotes as written
        return token[1:-1]


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


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
