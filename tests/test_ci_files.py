"""The shipped GitHub Actions workflow and pre-commit hook: valid, and saying what we mean."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
from importlib import resources

import jsonschema
import pytest
import yaml
from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "clipnote.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"


def load_workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    # YAML 1.1 (PyYAML) reads the key `on` as True; GitHub reads it as "on"
    if True in data:
        data["on"] = data.pop(True)
    return data


def steps() -> list[dict]:
    [job] = load_workflow()["jobs"].values()
    return job["steps"]


def step_using(action: str) -> dict:
    [step] = [s for s in steps() if s.get("uses", "").startswith(action + "@")]
    return step


def batch_command() -> str:
    [script] = [s["run"] for s in steps() if "clipnote batch" in s.get("run", "")]
    return script


# --- the workflow ------------------------------------------------------------------------------


def test_workflow_matches_githubs_schema():
    schema_file = resources.files("check_jsonschema.builtin_schemas.vendor") / "github-workflows.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    jsonschema.validate(load_workflow(), schema)


def test_workflow_runs_on_pull_requests_and_can_upload_sarif():
    workflow = load_workflow()
    assert "pull_request" in workflow["on"]
    [job] = workflow["jobs"].values()
    assert job["permissions"]["security-events"] == "write"
    assert job["permissions"]["contents"] == "read"


def test_checkout_has_the_history_the_diff_needs():
    assert step_using("actions/checkout")["with"]["fetch-depth"] == 0


def test_installs_clipnote_from_the_repository():
    assert step_using("actions/setup-python")["with"]["python-version"] == "3.11"
    assert any(s.get("run", "").strip() == "pip install ." for s in steps())


def test_batch_step_has_every_ci_flag():
    script = batch_command()
    for flag in ("--offline", "--changed-since", "--format sarif", "--format github", "--out"):
        assert flag in script
    assert '"origin/$BASE_REF"' in script
    [step] = [s for s in steps() if "clipnote batch" in s.get("run", "")]
    assert step["env"]["BASE_REF"] == "${{ github.base_ref }}"


def test_no_expression_is_pasted_into_a_script():
    # `${{ … }}` inside `run:` is a script-injection risk (a branch name is attacker-chosen);
    # values reach scripts through `env:`
    for step in steps():
        assert "${{" not in step.get("run", ""), step


def test_scripts_are_valid_bash():
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed")
    for step in steps():
        if "run" in step:
            result = subprocess.run(["bash", "-n"], input=step["run"], text=True,
                                    capture_output=True)
            assert result.returncode == 0, result.stderr


def test_report_goes_to_the_summary_sarif_upload_and_artifact():
    env = load_workflow()["env"]
    report = env["REPORT"]
    [summary] = [s for s in steps() if "GITHUB_STEP_SUMMARY" in s.get("run", "")]
    assert '"$REPORT/index.md"' in summary["run"] and ">> \"$GITHUB_STEP_SUMMARY\"" in summary["run"]
    upload = step_using("github/codeql-action/upload-sarif")
    assert upload["with"]["sarif_file"] == f"{report}/clipnote.sarif"
    assert "!cancelled()" in upload["if"]  # also after clipnote exits 1 on findings
    assert f"hashFiles('{report}/clipnote.sarif')" in upload["if"]
    assert step_using("actions/upload-artifact")["with"]["path"].rstrip("/") == report
    assert "!cancelled()" in summary["if"]


def test_batch_command_line_parses_when_batch_exists():
    """Once `clipnote batch` is built, the workflow's command line must be one it accepts."""
    from clipnote.cli import main

    batch = main.commands.get("batch")
    if batch is None:
        pytest.skip("`clipnote batch` is not built on this branch yet")
    env = load_workflow()["env"]
    line = batch_command().split("clipnote batch", 1)[1].replace("\\\n", " ")
    line = (line.replace('"${since[@]}"', "--changed-since origin/main")
            .replace("$CLIPNOTE_PATH", env["CLIPNOTE_PATH"]).replace("$REPORT", env["REPORT"]))
    batch.make_context("batch", shlex.split(line))  # raises on an unknown option


# --- the pre-commit hook -----------------------------------------------------------------------


def load_hooks() -> list[dict]:
    from pre_commit.clientlib import load_manifest  # pre-commit's own validation

    return load_manifest(str(HOOKS))


def test_hook_manifest_is_valid_for_pre_commit():
    [hook] = load_hooks()
    assert hook["id"] == "clipnote" and hook["language"] == "python"
    assert re.match(r"clipnote (check|batch)\b", hook["entry"])
    assert "--offline" in hook["entry"].split()
    assert hook["require_serial"] is True and hook["pass_filenames"] is True


def test_hook_files_are_the_posts_clipnote_reads(tmp_path):
    """pre-commit passes a file when `files` matches its name and `types` its tags (which
    identify reads from the name, or from the content for a name it does not know)."""
    from identify import identify

    from clipnote.discover import MARKDOWN

    [hook] = load_hooks()
    assert set(hook["types"]) <= identify.ALL_TAGS
    for suffix in sorted(MARKDOWN | {".mdx", ".qmd"}):
        for name in ("post" + suffix, "LOUD" + suffix.upper()):
            post = tmp_path / name
            post.write_text("# 제목\n\n本文 with a quote.\n", encoding="utf-8")
            assert re.search(hook["files"], f"blog/_posts/{name}"), name
            assert set(hook["types"]) <= identify.tags_from_path(str(post)), name
    for name in ("logo.png", "notes.txt", "post.md.bak", "_config.yml"):
        assert not re.search(hook["files"], name), name


def test_hook_entry_parses_when_the_command_exists():
    from clipnote.cli import main

    [hook] = load_hooks()
    name, *options = shlex.split(hook["entry"])[1:]
    command = main.commands.get(name)
    if command is None:
        pytest.skip(f"`clipnote {name}` is not built on this branch yet")
    command.make_context(name, [*options, "post.md"])


def test_the_console_script_the_hook_runs_is_declared():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"]["clipnote"] == "clipnote.cli:main"
