"""The README's Quickstart is the contract with a new user and with CI: keep it honest."""

import re

from conftest import ROOT


def quickstart_blocks() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Quickstart", 1)[1]
    return re.findall(r"```(?:bash|sh|console)?\n(.*?)```", section, flags=re.S)


def test_quickstart_has_the_two_commands():
    blocks = quickstart_blocks()
    assert len(blocks) >= 2
    assert "clipnote " in blocks[0] and "samples" in blocks[0]
    assert "pytest" in blocks[1]


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for command in quickstart_blocks()[1].strip().split("&&"):
        assert command.strip() in ci, f"README test step not in .ci/run: {command.strip()}"
