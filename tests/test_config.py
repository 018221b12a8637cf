"""clipnote.toml / [tool.clipnote]: where it is found, what it may say, and how errors read."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from clipnote.cli import ClipnoteGroup
from clipnote.config import Config, Thresholds, load_config, load_config_file
from clipnote.errors import ConfigError, UsageError

FULL = """\
# every key, in the file's own spelling
languages = ["ja", "en"]
transcripts = "snapshots"
fail-on = "warning"
include = ["_posts/**"]
exclude = ["_posts/2012-*"]
drafts = true
jobs = 3
offline = true
delay = 7.5

[thresholds]
min-confidence = 0.8
drift-seconds = 30
supported = 0.75
weak = 0.5

[ignore]
paths = ["_posts/old/", "!_posts/old/keep.md"]
videos = ["dQw4w9WgXcQ", "https://youtu.be/G4hL5Om4IJ4?t=4648"]
kinds = ["number-agrees"]
"""


def repo(tmp_path: Path) -> Path:
    """A folder that is the top of a git repository (config lookup stops there)."""
    (tmp_path / ".git").mkdir()
    return tmp_path


def test_defaults_without_a_file(tmp_path):
    config = load_config(repo(tmp_path))
    assert config == Config()
    assert config.path is None
    assert config.fail_on == "error" and config.drafts is False and config.offline is False
    assert config.thresholds == Thresholds()
    assert config.jobs is None and config.delay == 5.0 and config.languages == ()


def test_every_key_is_read_and_typed(tmp_path):
    root = repo(tmp_path)
    (root / "clipnote.toml").write_text(FULL, encoding="utf-8")
    config = load_config(root)
    assert config.path == root.resolve() / "clipnote.toml"
    assert config.languages == ("ja", "en")
    assert config.transcripts == root.resolve() / "snapshots"
    assert config.fail_on == "warning"
    assert config.include.patterns == ("_posts/**",) and config.include.base == root.resolve()
    assert config.exclude.patterns == ("_posts/2012-*",)
    assert config.drafts is True and config.offline is True
    assert config.jobs == 3 and config.delay == 7.5
    assert config.thresholds == Thresholds(min_confidence=0.8, drift_seconds=30.0,
                                           supported=0.75, weak=0.5)
    assert config.ignore.videos == {"dQw4w9WgXcQ", "G4hL5Om4IJ4"}
    assert config.ignore.kinds == {"number-agrees"}
    assert config.ignore.match_path(root.resolve() / "_posts/old/a.md")
    assert config.ignore.match_path(root.resolve() / "_posts/old/keep.md") is None
    assert config.as_dict()["thresholds"]["drift-seconds"] == 30.0
    assert config.as_dict()["ignore"]["kinds"] == ["number-agrees"]


def test_found_walking_up_from_a_post_folder(tmp_path):
    root = repo(tmp_path)
    (root / "clipnote.toml").write_text('fail-on = "info"\n', encoding="utf-8")
    deep = root / "content" / "posts" / "2024"
    deep.mkdir(parents=True)
    assert load_config(deep).fail_on == "info"
    post = deep / "a.md"
    post.write_text("x", encoding="utf-8")
    assert load_config(post).fail_on == "info"


def test_pyproject_table(tmp_path):
    root = repo(tmp_path)
    (root / "pyproject.toml").write_text(
        '[project]\nname = "blog"\n\n[tool.clipnote]\nlanguages = ["ko"]\n\n'
        '[tool.clipnote.thresholds]\ndrift-seconds = 5\n', encoding="utf-8")
    config = load_config(root)
    assert config.path.name == "pyproject.toml"
    assert config.languages == ("ko",) and config.thresholds.drift_seconds == 5.0


def test_pyproject_without_our_table_does_not_stop_the_search(tmp_path):
    root = repo(tmp_path)
    (root / "clipnote.toml").write_text("jobs = 2\n", encoding="utf-8")
    site = root / "site"
    site.mkdir()
    (site / "pyproject.toml").write_text('[tool.black]\nline-length = 99\n', encoding="utf-8")
    assert load_config(site).jobs == 2


def test_clipnote_toml_wins_over_pyproject_in_one_folder(tmp_path):
    root = repo(tmp_path)
    (root / "clipnote.toml").write_text("jobs = 2\n", encoding="utf-8")
    (root / "pyproject.toml").write_text("[tool.clipnote]\njobs = 4\n", encoding="utf-8")
    assert load_config(root).jobs == 2


def test_nearest_file_wins(tmp_path):
    root = repo(tmp_path)
    (root / "clipnote.toml").write_text("jobs = 2\n", encoding="utf-8")
    (root / "blog").mkdir()
    (root / "blog" / "clipnote.toml").write_text("jobs = 4\n", encoding="utf-8")
    assert load_config(root / "blog").jobs == 4


def test_search_stops_at_the_repository_top(tmp_path):
    (tmp_path / "clipnote.toml").write_text("jobs = 9\n", encoding="utf-8")
    (tmp_path / "blog").mkdir()
    blog = repo(tmp_path / "blog")
    assert load_config(blog).jobs is None  # the file above the repository is not ours


def test_explicit_file(tmp_path):
    path = tmp_path / "ci.toml"
    path.write_text('fail-on = "warning"\n', encoding="utf-8")
    assert load_config_file(path).fail_on == "warning"
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.clipnote]\nfail-on = "info"\n', encoding="utf-8")
    assert load_config_file(pyproject).fail_on == "info"
    with pytest.raises(ConfigError, match="no such file"):
        load_config_file(tmp_path / "missing.toml")


# --- errors: one line, the file, the line, the key ---------------------------------------------


def error_for(tmp_path: Path, text: str, name: str = "clipnote.toml") -> ConfigError:
    root = repo(tmp_path)
    (root / name).write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(root)
    error = caught.value
    assert error.exit_code == 2
    assert "\n" not in str(error)
    assert str(error).startswith(str(root.resolve() / name))
    return error


def test_unknown_key_names_file_line_and_key(tmp_path):
    error = error_for(tmp_path, 'languages = ["en"]\n\nfail_on = "warning"\n')
    assert error.line == 3
    assert "unknown key 'fail_on'" in str(error)
    assert "did you mean 'fail-on'?" in str(error)


def test_unknown_key_in_a_table(tmp_path):
    error = error_for(tmp_path, "[thresholds]\nmin-confidence = 0.5\ndrift = 3\n")
    assert error.line == 3 and "'thresholds.drift'" in str(error)
    assert "drift-seconds" in str(error)


def test_unknown_key_in_pyproject(tmp_path):
    error = error_for(tmp_path, '[project]\nname = "x"\n\n[tool.clipnote]\ncolour = true\n',
                      "pyproject.toml")
    assert error.line == 5 and "unknown key 'colour'" in str(error)


def test_unknown_ignore_key(tmp_path):
    error = error_for(tmp_path, '[ignore]\nvideo = ["dQw4w9WgXcQ"]\n')
    assert error.line == 2 and "did you mean 'videos'?" in str(error)


@pytest.mark.parametrize("text, line, words", [
    ('fail-on = "fatal"\n', 1, "fail-on: must be one of info, warning, error"),
    ("jobs = 0\n", 1, "jobs: must be a whole number"),
    ("jobs = true\n", 1, "jobs: must be a whole number"),
    ("jobs = 2.5\n", 1, "jobs: must be a whole number"),
    ('drafts = "yes"\n', 1, "drafts: must be true or false"),
    ("delay = -1\n", 1, "delay: must be at least 0"),
    ('delay = "5s"\n', 1, "delay: must be a number"),
    ("languages = [1, 2]\n", 1, "languages: must be a list of strings"),
    ('languages = ["english!"]\n', 1, "is not a language code"),
    ("include = 3\n", 1, "include: must be a list of strings"),
    ("transcripts = []\n", 1, "transcripts: must be a non-empty string"),
    ("thresholds = 3\n", 1, "thresholds: must be a table"),
    ("[thresholds]\nmin-confidence = 2\n", 2, "thresholds.min-confidence: must be between 0 and 1"),
    ("[thresholds]\nsupported = 0.4\nweak = 0.6\n", 1, "weak (0.6) must not be above supported"),
    ('[ignore]\nkinds = ["timestamp-drfit"]\n', 2, "did you mean timestamp-drift?"),
    ('[ignore]\nvideos = ["youtu.be/XYZ"]\n', 2, "ignore.videos: not a YouTube video id or URL"),
    ("ignore = []\n", 1, "ignore: must be a table"),
])
def test_wrong_values(tmp_path, text, line, words):
    error = error_for(tmp_path, text)
    assert words in str(error)
    assert error.line == line


def test_dotted_keys_are_located(tmp_path):
    error = error_for(tmp_path, "jobs = 1\nthresholds.weak = 7\n")
    assert error.line == 2 and "thresholds.weak" in str(error)


def test_broken_toml_names_the_line(tmp_path):
    error = error_for(tmp_path, 'languages = ["en"]\nfail-on = \n')
    assert error.line == 2 and "not valid TOML" in str(error)


def test_a_language_given_as_one_string_is_a_list_of_one(tmp_path):
    root = repo(tmp_path)
    (root / "clipnote.toml").write_text('languages = "pt-BR"\n', encoding="utf-8")
    assert load_config(root).languages == ("pt-BR",)


def test_cli_prints_one_line_and_exits_2(tmp_path):
    """Through the real CLI error path: one line on stderr, exit 2, no traceback."""
    root = repo(tmp_path)
    (root / "clipnote.toml").write_text("jobz = 2\n", encoding="utf-8")

    @click.group(cls=ClipnoteGroup)
    def cli():
        pass

    @cli.command()
    def run():
        load_config(root)

    result = CliRunner().invoke(cli, ["run"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert "clipnote.toml:1: unknown key 'jobz'" in lines[0] and "did you mean 'jobs'?" in lines[0]
    assert "Traceback" not in result.output


# --- the command line on top ------------------------------------------------------------------


def test_command_line_overrides_the_file(tmp_path):
    root = repo(tmp_path)
    (root / "clipnote.toml").write_text(FULL, encoding="utf-8")
    config = load_config(root)
    cwd = root / "elsewhere"
    merged = config.merged({
        "fail_on": "info", "jobs": 1, "offline": False, "languages": ("en",),
        "exclude": ("drafts/",), "transcripts": "t", "min_confidence": 0.9,
        "include": (), "drafts": None,  # not given: the file's values stay
    }, cwd=cwd)
    assert merged.fail_on == "info" and merged.jobs == 1 and merged.offline is False
    assert merged.languages == ("en",)
    assert merged.exclude.patterns == ("drafts/",) and merged.exclude.base == cwd.resolve()
    assert merged.exclude.origin == "--exclude"
    assert merged.transcripts == cwd.resolve() / "t"
    assert merged.thresholds.min_confidence == 0.9 and merged.thresholds.drift_seconds == 30.0
    assert merged.include == config.include and merged.drafts is True
    assert config.fail_on == "warning"  # the original is untouched


def test_bad_command_line_values_name_the_option():
    with pytest.raises(UsageError, match="--jobs: must be a whole number"):
        Config().merged({"jobs": 0})
    with pytest.raises(UsageError, match="--weak: must be between 0 and 1"):
        Config().merged({"weak": 1.5})
    with pytest.raises(UsageError, match="must not be above supported"):
        Config().merged({"weak": 0.9})
    with pytest.raises(ValueError, match="no setting named 'colour'"):
        Config().merged({"colour": True})


def test_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Config().jobs = 3
    with pytest.raises(dataclasses.FrozenInstanceError):
        Thresholds().weak = 0.1
