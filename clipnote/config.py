"""Settings from `clipnote.toml` or `[tool.clipnote]` in `pyproject.toml`, and the command line.

The first of those files found walking up from the checked folder (stopping at the repository's
top folder) is used; in one folder `clipnote.toml` wins over `pyproject.toml`, and a
`pyproject.toml` without a `[tool.clipnote]` table does not count. Options given on the command
line replace the file's values (lists included). Every key is checked: an unknown key or a value of
the wrong type is a one-line `ConfigError` naming the file, the line and the key.

Relative paths and patterns in the file are relative to the file's folder; those given on the
command line are relative to the current folder.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Callable, Literal, Mapping

from .errors import ConfigError, UsageError
from .ignores.rules import IgnoreRules, PathPatterns, parse_entries
from .model import FAIL_ON, Severity
from .paths import project_dirs

CONFIG_FILE = "clipnote.toml"
# `fail-on`: a severity, or "never" (report findings, never exit 1 for them)
PYPROJECT = "pyproject.toml"


@dataclass(frozen=True)
class Thresholds:
    """Cut-offs the checks use. Defaults are a starting point, tuned against the gold files."""

    # below this calibrated confidence `annotate` never writes a link
    min_confidence: float = 0.5
    # quotes beginning this many seconds after the clip's start are a drift finding ...
    drift_seconds: float = 30.0
    # ... and so are quotes that begin this many seconds before it (readers miss their start)
    early_seconds: float = 10.0
    # a visible label this many seconds from its link's time disagrees with it
    label_seconds: float = 3.0
    # a stretch of the video this long inside a quote that the quote leaves out is an omission
    omission_seconds: float = 15.0
    # verdicts by calibrated confidence: >= supported is "supported", >= weak is "weak", else
    # "unsupported" (a paraphrase, the author's own summary, gets softer severities, not other cut-offs)
    supported: float = 0.5
    weak: float = 0.25


@dataclass(frozen=True)
class Config:
    """Everything a run can be told, with its defaults. Frozen: derive changes with `merged`."""

    path: Path | None = None  # the file the settings came from; None: built-in defaults
    languages: tuple[str, ...] = ()  # preferred transcript languages, in order
    transcripts: Path | None = None  # a folder of transcript files, tried first
    fail_on: Severity | Literal["never"] = "error"  # exit 1 when a finding is at least this severe
    thresholds: Thresholds = field(default_factory=Thresholds)
    include: PathPatterns = field(default_factory=lambda: PathPatterns(Path(".")))
    exclude: PathPatterns = field(default_factory=lambda: PathPatterns(Path(".")))
    drafts: bool = False  # check drafts too
    jobs: int | None = None  # parallel workers; None: one per core
    offline: bool = False  # never reach YouTube; snapshots and cache only
    ignore: IgnoreRules = field(default_factory=IgnoreRules)
    delay: float = 5.0  # seconds between fetches of uncached videos (jitter is added)

    @property
    def folder(self) -> Path | None:
        """The folder the file's relative paths are relative to."""
        return self.path.parent if self.path else None

    def merged(self, overrides: Mapping[str, Any], *, cwd: Path | None = None) -> Config:
        """This configuration with command-line values on top. Keys are field names or threshold
        names (`min_confidence`, ...); None or an empty list means "not given" and keeps the file's
        value. Lists
        replace the file's list. Paths and patterns are taken relative to `cwd` (default: the
        current folder). A bad value is a `UsageError` naming the option."""
        base = (cwd or Path.cwd()).resolve()
        changes: dict[str, Any] = {}
        threshold_changes: dict[str, Any] = {}
        threshold_names = {f.name for f in fields(Thresholds)}
        for name, value in overrides.items():
            if value is None or (isinstance(value, (tuple, list)) and not value):
                continue  # not given (click passes () for an unused `multiple` option)
            option = "--" + name.replace("_", "-")
            if name in threshold_names:
                threshold_changes[name] = _cli(option, _THRESHOLD_CHECKS[name], value)
            elif name == "thresholds" and isinstance(value, Thresholds):
                changes[name] = value
            elif name == "ignore" and isinstance(value, IgnoreRules):
                changes[name] = value
            elif name in ("include", "exclude"):
                patterns = _cli(option, _strings, value)
                changes[name] = PathPatterns(base, patterns, option)
            elif name == "transcripts":
                changes[name] = base / Path(_cli(option, _string, str(value))).expanduser()
            elif name in _CHECKS and name not in ("ignore", "thresholds"):
                changes[name] = _cli(option, _CHECKS[name], value)
            else:
                raise ValueError(f"Config.merged: no setting named {name!r}")
        if threshold_changes:
            thresholds = replace(changes.get("thresholds", self.thresholds), **threshold_changes)
            _cli("--thresholds", _check_threshold_order, thresholds)
            changes["thresholds"] = thresholds
        return replace(self, **changes)

    def as_dict(self) -> dict[str, Any]:
        """The settings in the file's own spelling, for `--print-config` and reports."""
        return {
            "config": str(self.path) if self.path else None,
            "languages": list(self.languages),
            "transcripts": str(self.transcripts) if self.transcripts else None,
            "fail-on": self.fail_on,
            "include": list(self.include.patterns),
            "exclude": list(self.exclude.patterns),
            "drafts": self.drafts,
            "jobs": self.jobs,
            "offline": self.offline,
            "delay": self.delay,
            "thresholds": {f.name.replace("_", "-"): getattr(self.thresholds, f.name)
                           for f in fields(Thresholds)},
            "ignore": {
                "paths": [p for group in self.ignore.paths for p in group.patterns],
                "videos": sorted(self.ignore.videos),
                "kinds": sorted(self.ignore.kinds),
            },
        }


# --- finding and reading the file --------------------------------------------------------------


def find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest configuration file above `start` and its clipnote table, or None."""
    for folder in project_dirs(start):
        own = folder / CONFIG_FILE
        if own.is_file():
            return own, _read_toml(own)
        pyproject = folder / PYPROJECT
        if pyproject.is_file():
            table = _read_toml(pyproject).get("tool", {})
            if isinstance(table, dict) and "clipnote" in table:
                section = table["clipnote"]
                if not isinstance(section, dict):
                    raise ConfigError(str(pyproject), "[tool.clipnote] must be a table",
                                      line=_line_of(pyproject, ("tool",), "clipnote"))
                return pyproject, section
    return None


def load_config(start: Path) -> Config:
    """The configuration that applies to `start` (a folder or a file), or the defaults."""
    found = find_config(start)
    if found is None:
        return Config()
    path, table = found
    return parse_config(table, path)


def load_config_file(path: Path) -> Config:
    """A configuration given explicitly (`--config FILE`): `clipnote.toml`-style, or a
    `pyproject.toml` whose `[tool.clipnote]` is used."""
    if not path.is_file():
        raise ConfigError(str(path), "no such file")
    table = _read_toml(path)
    if path.name == PYPROJECT:
        table = table.get("tool", {}).get("clipnote", {})
    return parse_config(table, path)


def parse_config(table: Mapping[str, Any], path: Path) -> Config:
    """Check and convert one clipnote table read from `path` (pure but for error line lookup)."""
    path = path.resolve()
    prefix = ("tool", "clipnote") if path.name == PYPROJECT else ()
    folder = path.parent
    values: dict[str, Any] = {}
    for key, value in table.items():
        name = key.replace("-", "_") if key in _KEYS else None
        if name is None:
            _unknown_key(path, prefix, key, list(_KEYS))
        where = _Where(path, prefix, key)
        if name == "thresholds":
            values[name] = _thresholds(value, where)
        elif name == "ignore":
            values[name] = _ignore(value, where, folder)
        elif name in ("include", "exclude"):
            values[name] = PathPatterns(folder, where.check(_strings, value),
                                        f"{path.name} {key}")
        elif name == "transcripts":
            values[name] = folder / Path(where.check(_string, value)).expanduser()
        else:
            values[name] = where.check(_CHECKS[name], value)
    return Config(path=path, **values)


def _thresholds(value: Any, where: _Where) -> Thresholds:
    if not isinstance(value, dict):
        where.fail("must be a table, e.g. [thresholds]")
    names = {f.name.replace("_", "-"): f.name for f in fields(Thresholds)}
    given = {}
    for key, item in value.items():
        if key not in names:
            _unknown_key(where.path, (*where.table, "thresholds"), key, list(names))
        given[names[key]] = _Where(where.path, (*where.table, "thresholds"), key).check(
            _THRESHOLD_CHECKS[names[key]], item)
    thresholds = Thresholds(**given)
    where.check(_check_threshold_order, thresholds)
    return thresholds


def _ignore(value: Any, where: _Where, folder: Path) -> IgnoreRules:
    if not isinstance(value, dict):
        where.fail("must be a table with paths, videos and kinds lists, e.g. [ignore]")
    table = (*where.table, "ignore")
    rules = IgnoreRules()
    for key, item in value.items():
        if key not in _IGNORE_PREFIXES:
            _unknown_key(where.path, table, key, list(_IGNORE_PREFIXES))
        item_where = _Where(where.path, table, key)
        items = item_where.check(_strings, item)
        line = _line_of(where.path, table, key)
        try:
            rules = rules.union(parse_entries(
                ((line, _IGNORE_PREFIXES[key] + text) for text in items),
                base=folder, origin=f"{where.path.name} ignore.paths", source=str(where.path),
                allow_paths=key == "paths",
            ))
        except ConfigError as error:  # say which key, not only which file and line
            raise ConfigError(error.path, f"{item_where.dotted}: {error.reason}", line=error.line,
                              hint=error.hint) from None
    return replace(rules, sources=(str(where.path),))


_IGNORE_PREFIXES = {"paths": "", "videos": "video:", "kinds": "kind:"}


# --- value checks: each returns the converted value or raises ValueError(reason) ---------------


def _string(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("must be a non-empty string")
    return value


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) and v for v in value):
        raise ValueError("must be a list of strings")
    return tuple(value)


def _languages(value: Any) -> tuple[str, ...]:
    languages = _strings(value)
    for tag in languages:
        if not re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*", tag):
            raise ValueError(f"{tag!r} is not a language code such as 'en', 'ja' or 'pt-BR'")
    return languages


def _fail_on(value: Any) -> Severity | Literal["never"]:
    if value not in FAIL_ON:
        raise ValueError("must be one of " + ", ".join(FAIL_ON))
    return value


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


def _jobs(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError("must be a whole number of at least 1")
    return value


def _number(low: float, high: float | None = None) -> Callable[[Any], float]:
    def check(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError("must be a number")
        if value < low or (high is not None and value > high):
            raise ValueError(f"must be between {low:g} and {high:g}" if high is not None
                             else f"must be at least {low:g}")
        return float(value)

    return check


def _check_threshold_order(thresholds: Thresholds) -> Thresholds:
    if thresholds.weak > thresholds.supported:
        raise ValueError(f"weak ({thresholds.weak:g}) must not be above supported "
                         f"({thresholds.supported:g})")
    return thresholds


_CHECKS: dict[str, Callable[[Any], Any]] = {
    "languages": _languages,
    "transcripts": _string,
    "fail_on": _fail_on,
    "include": _strings,
    "exclude": _strings,
    "drafts": _bool,
    "jobs": _jobs,
    "offline": _bool,
    "delay": _number(0),
    "thresholds": lambda v: v,
    "ignore": lambda v: v,
}
_KEYS = {name.replace("_", "-"): name for name in _CHECKS}
_THRESHOLD_CHECKS: dict[str, Callable[[Any], float]] = {
    "min_confidence": _number(0, 1),
    "drift_seconds": _number(0),
    "early_seconds": _number(0),
    "label_seconds": _number(0),
    "omission_seconds": _number(0),
    "supported": _number(0, 1),
    "weak": _number(0, 1),
}


def _cli(option: str, check: Callable[[Any], Any], value: Any) -> Any:
    try:
        return check(value)
    except ValueError as error:
        raise UsageError(f"{option}: {error}") from None


# --- errors that name the file, the line and the key -------------------------------------------


@dataclass(frozen=True)
class _Where:
    path: Path
    table: tuple[str, ...]
    key: str

    @property
    def dotted(self) -> str:
        inner = self.table[2:] if self.table[:2] == ("tool", "clipnote") else self.table
        return ".".join((*inner, self.key))

    def fail(self, reason: str):
        raise ConfigError(str(self.path), f"{self.dotted}: {reason}",
                          line=_line_of(self.path, self.table, self.key))

    def check(self, check: Callable[[Any], Any], value: Any) -> Any:
        try:
            return check(value)
        except ValueError as error:
            self.fail(str(error))


def _unknown_key(path: Path, table: tuple[str, ...], key: str, known: list[str]) -> None:
    close = difflib.get_close_matches(key.replace("_", "-"), known, n=1, cutoff=0.6)
    inner = table[2:] if table[:2] == ("tool", "clipnote") else table
    raise ConfigError(str(path), f"unknown key {'.'.join((*inner, key))!r}",
                      line=_line_of(path, table, key),
                      hint=f"did you mean {close[0]!r}?" if close else "known keys: " + ", ".join(known))


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib

    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        # tomllib says "... (at line 3, column 7)"; lift the line into the usual place
        message = str(error)
        found = re.search(r"\s*\(at line (\d+), column \d+\)$", message)
        line = int(found.group(1)) if found else None
        raise ConfigError(str(path), "not valid TOML: " + message[:found.start()] if found
                          else "not valid TOML: " + message, line=line) from None
    except UnicodeDecodeError:
        raise ConfigError(str(path), "not UTF-8 text") from None
    except OSError as error:
        raise ConfigError(str(path), f"cannot read: {error.strerror or error}") from None


def _line_of(path: Path, table: tuple[str, ...], key: str) -> int | None:
    """Best effort: the line where `key` is set inside `[table]` (or as `table.key` dotted)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    current: tuple[str, ...] = ()
    key_pattern = re.compile(r'\s*(?:"([^"]*)"|\'([^\']*)\'|([A-Za-z0-9_-]+))\s*')
    for number, text in enumerate(lines, start=1):
        header = re.match(r"\s*\[\[?([^\]]+)\]\]?\s*(?:#.*)?$", text)
        if header:
            current = tuple(p.strip().strip('"\'') for p in header.group(1).split("."))
            if current == (*table, key):
                return number
            continue
        if "=" not in text:
            continue
        left = text.split("=", 1)[0]
        parts = tuple(m.group(1) or m.group(2) or m.group(3) for m in
                      (key_pattern.fullmatch(p) for p in left.split(".")) if m)
        if len(parts) == left.count(".") + 1 and (*current, *parts)[: len(table) + 1] == (*table, key):
            return number
    return None


__all__ = [
    "CONFIG_FILE", "FAIL_ON", "Config", "Thresholds", "find_config", "load_config", "load_config_file",
    "parse_config",
]
