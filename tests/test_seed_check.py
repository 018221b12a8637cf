"""The case clipnote exists for (issue 4, item 4), end to end through the command line:

    clipnote check ../shared/seed/2021-02-22-jim-keller-interview.md \
        --transcripts ../shared/seed/transcripts --offline

The seed is third-party data: read from ../shared, skipped with a reason when absent.
"""

import json
import shutil

import jsonschema
import pytest
from click.testing import CliRunner

from clipnote.cli import main
from clipnote.report.json import load_schema

ARTICLE = "2021-02-22-jim-keller-interview.md"


@pytest.fixture(scope="module")
def seed_cache(tmp_path_factory):
    """One cache for the module: the seed's 3,804 caption lines are embedded once, not per test."""
    return str(tmp_path_factory.mktemp("seed-cache"))


@pytest.fixture(scope="module")
def seed_report(seed_cache):
    from conftest import SEED, need

    seed = need(SEED)
    run = CliRunner().invoke(
        main, ["check", str(seed / ARTICLE), "--transcripts", str(seed / "transcripts"), "--offline",
               "--format", "json"],
        env={"CLIPNOTE_CACHE_DIR": seed_cache})
    assert run.exit_code in (0, 1), run.output
    return json.loads(run.stdout), json.loads((seed / "gold.json").read_text(encoding="utf-8"))


def test_the_report_follows_the_contract(seed_report):
    report, _ = seed_report
    jsonschema.validate(report, load_schema("report"))
    assert report["schema"] == "clipnote/report@1"


def test_one_clip_and_all_eight_turns_are_matched_within_five_seconds(seed_report):
    report, gold = seed_report
    assert len(report["clips"]) == 1
    clip = report["clips"][0]
    assert (clip["line"], clip["video_id"], clip["start"]) == (29, "G4hL5Om4IJ4", 4648.0)
    by_line = {e["line"]: e for e in clip["excerpts"]}
    assert sorted(by_line) == [t["line"] for t in gold["turns"]]
    for turn in gold["turns"]:
        excerpt = by_line[turn["line"]]
        assert excerpt["verdict"] == "supported", turn["line"]
        assert abs(excerpt["match"]["start"] - turn["gold_start"]) <= 5, turn["line"]
        assert abs(excerpt["match"]["end"] - turn["gold_end"]) <= 5, turn["line"]
        assert excerpt["match"]["url"] == f"https://youtu.be/G4hL5Om4IJ4?t={int(excerpt['match']['start'])}"


def test_the_embed_drifts_by_six_minutes(seed_report):
    report, gold = seed_report
    drift = [f for f in report["clips"][0]["findings"] if f["kind"] == "timestamp-drift"]
    assert len(drift) == 1
    assert drift[0]["data"]["seconds"] == pytest.approx(gold["expected_drift_seconds"], abs=5)
    assert "+6:16" in drift[0]["message"]


def test_line_38_has_elon_garbled_as_nylon(seed_report):
    report, _ = seed_report
    line38 = next(e for e in report["clips"][0]["excerpts"] if e["line"] == 38)
    names = [f for f in line38["findings"] if f["kind"] == "name-missing"]
    assert names and names[0]["data"]["name"] == "Elon" and "ナイロン" in names[0]["message"]
    others = [f for e in report["clips"][0]["excerpts"] if e["line"] != 38 for f in e["findings"]
              if f["kind"] == "name-missing" and f["severity"] != "info"]
    assert others == []


def test_the_numbers_that_agree_are_noted(seed_report):
    report, _ = seed_report
    agree = {e["line"]: [f["data"]["article"] for f in e["findings"] if f["kind"] == "number-agrees"]
             for e in report["clips"][0]["excerpts"]}
    assert any("1万" in a for a in agree[35])
    assert any("10年前" in a for a in agree[40]) and any("3年前" in a for a in agree[40])
    assert "GPT-3" in agree[44]
    mismatches = [f for e in report["clips"][0]["excerpts"] for f in e["findings"] if f["kind"] == "number-mismatch"]
    assert mismatches == []


def test_markdown_and_terminal_reports_render(seed_report, seed_cache, tmp_path):
    from conftest import SEED

    out = tmp_path / "seed.md"
    run = CliRunner().invoke(
        main, ["check", str(SEED / ARTICLE), "--transcripts", str(SEED / "transcripts"), "--offline",
               "--format", "markdown", "--output", str(out)],
        env={"CLIPNOTE_CACHE_DIR": seed_cache})
    assert run.exit_code in (0, 1), run.output
    text = out.read_text(encoding="utf-8")
    assert "[1:23:43](https://youtu.be/G4hL5Om4IJ4?t=5023)" in text
    assert "timestamp-drift" in text and "ナイロン" in text
    run = CliRunner().invoke(
        main, ["check", str(SEED / ARTICLE), "--transcripts", str(SEED / "transcripts"), "--offline"],
        env={"CLIPNOTE_CACHE_DIR": seed_cache, "NO_COLOR": "1"})
    assert "1:23:43" in run.stdout and "\x1b[" not in run.stdout


def test_annotating_a_copy_of_the_seed_links_every_turn_and_fixes_the_start(seed_report, seed_cache, tmp_path):
    from conftest import SEED

    _, gold = seed_report
    copy = tmp_path / ARTICLE
    shutil.copyfile(SEED / ARTICLE, copy)
    env = {"CLIPNOTE_CACHE_DIR": seed_cache}
    args = ["annotate", str(copy), "--transcripts", str(SEED / "transcripts"), "--offline", "--write"]
    run = CliRunner().invoke(main, [*args, "--fix-start"], env=env)
    assert run.exit_code == 0, run.output
    text = copy.read_text(encoding="utf-8").split("\n")
    for turn in gold["turns"]:
        line = text[turn["line"] - 1]
        assert "[▶ " in line and "https://youtu.be/G4hL5Om4IJ4?t=" in line, turn["line"]
        linked = int(line.rsplit("?t=", 1)[1].split(")")[0])
        assert abs(linked - turn["gold_start"]) <= 5, turn["line"]
    include = text[28]
    start = int(include.split("?start=")[1].split('"')[0])
    assert abs(start - gold["quoted_exchange_starts_at"]) <= 5
    again = CliRunner().invoke(main, [*args, "--fix-start"], env=env)
    assert again.exit_code == 0 and "nothing to change" in again.stderr
