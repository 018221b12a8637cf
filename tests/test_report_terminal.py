"""The rich terminal report and the console that respects NO_COLOR and non-terminals."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from report_fixtures import INTERVIEW, all_results, hostile_result, interview_result

from clipnote.model import Article, ArticleResult, Clip, ClipResult, Excerpt, ExcerptResult
from clipnote.report.terminal import make_console, print_results

ANSI = "\x1b["


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def _plain_env(monkeypatch):
    for name in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "COLUMNS", "TERM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")


def render(results, file=None) -> str:
    out = file if file is not None else io.StringIO()
    print_results(results, make_console(out))
    return out.getvalue()


def test_colour_on_a_terminal():
    assert ANSI in render([interview_result()], FakeTTY())


def test_no_colour_when_not_a_terminal():
    text = render(all_results())
    assert ANSI not in text and "\x1b]8;" not in text  # no colour, no hyperlink escapes


def test_no_colour_under_no_color_even_on_a_terminal(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    assert ANSI not in render([interview_result()], FakeTTY())
    monkeypatch.setenv("FORCE_COLOR", "1")  # NO_COLOR wins
    assert ANSI not in render([interview_result()], FakeTTY())


def test_force_color_colours_a_log(monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert ANSI in render([interview_result()])


def test_width_for_logs_comes_from_columns(monkeypatch):
    monkeypatch.setenv("COLUMNS", "70")
    assert make_console(io.StringIO()).width == 70
    monkeypatch.delenv("COLUMNS")
    assert make_console(io.StringIO()).width == 120


def test_the_report_has_each_excerpt_and_the_summary():
    text = render([interview_result()])
    assert INTERVIEW in text and "ジム・ケラー氏インタビュー" in text
    assert "▶ Chips, AI and Cooling | Interview #162" in text
    assert "https://youtu.be/G4hL5Om4IJ4?t=4648" in text
    for line in ("33", "35", "38", "40", "44", "46", "49", "51", "55"):
        assert f"\n  {line} │" in text or f"\n {line} │" in text
    assert text.count("✓ supported") == 8 and text.count("✗ unsupported") == 1
    assert "1:23:43 (+6:16)" in text
    assert "name-missing" in text and "number-agrees" in text
    assert f"{INTERVIEW}:29 warning timestamp-drift" in text
    assert f"{INTERVIEW}:60 error transcript-error" in text
    assert "2 excerpt(s) not checked" in text
    assert ("8 supported · 0 weak · 1 unsupported · 1 error · 2 not checked · "
            "findings: 1 error, 2 warnings, 5 info") in text


def test_a_run_of_several_articles_ends_with_a_total():
    text = render(all_results())
    assert text.rstrip().splitlines()[-1].startswith("4 articles: 10 supported · 1 weak · 2 unsupported")


def test_text_is_never_console_markup():
    text = render([hostile_result()])
    assert "Ann | <b>Bold</b>" in text
    from clipnote.model import Finding

    excerpt = Excerpt("a.md", 3, "x", speaker="[b]Eve[/b]")
    clip = Clip("G4hL5Om4IJ4", 1.0, None, "a.md", 1, "raw", excerpts=(excerpt,))
    clip_finding = Finding("omission", "warning", "[bold red]loud[/] :smile:")
    result = ArticleResult(Article("a.md", title="[link=http://evil]t[/link]"),
                           (ClipResult(clip, None, (ExcerptResult(excerpt, "weak", None),),
                                       (clip_finding,)),))
    text = render([result])
    assert "[b]Eve[/b]" in text
    assert "[bold red]loud[/] :smile:" in text and "😄" not in text
    assert "[link=http://evil]t[/link]" in text


def test_finding_cells_show_the_first_two_and_count_the_rest():
    from clipnote.model import Finding

    excerpt = Excerpt("a.md", 3, "x")
    findings = tuple(Finding("omission", "warning", f"gap number {n}") for n in range(4))
    clip = Clip("G4hL5Om4IJ4", 1.0, None, "a.md", 1, "raw", excerpts=(excerpt,))
    result = ArticleResult(Article("a.md"), (ClipResult(clip, None, (
        ExcerptResult(excerpt, "weak", None, findings),)),))
    text = render([result])
    assert "gap number 1" in text and "gap number 2" not in text and "+2 more" in text


def test_importing_the_renderers_loads_neither_rich_nor_markdown_it():
    code = ("import sys; import clipnote.report.terminal, clipnote.report.markdown, "
            "clipnote.report.json, clipnote.report.sarif, clipnote.report.github, "
            "clipnote.report.summary, clipnote.outcome; "
            "print(sorted(m for m in ('rich', 'markdown_it', 'jsonschema') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_info_findings_are_counted_behind_a_warning():
    from clipnote.model import Finding

    excerpt = Excerpt("a.md", 3, "x")
    findings = (Finding("number-agrees", "info", "note one"), Finding("omission", "warning", "the gap"),
                Finding("repeated-passage", "info", "note two"))
    clip = Clip("G4hL5Om4IJ4", 1.0, None, "a.md", 1, "raw", excerpts=(excerpt,))
    result = ArticleResult(Article("a.md"), (ClipResult(clip, None, (
        ExcerptResult(excerpt, "weak", None, findings),), (Finding("transcript-caveat", "info", "asr"),)),))
    text = render([result])
    assert "the gap" in text and "note one" not in text and "+2 notes" in text
    assert "1 note: transcript-caveat" in text and "asr" not in text
