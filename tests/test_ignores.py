""".clipnoteignore, inline ignore comments, and how they thin out an article and its result."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clipnote.errors import ConfigError
from clipnote.ignores import (
    IGNORE_DIRECTIVE,
    IgnoreMap,
    IgnoreRules,
    apply_ignores,
    filter_article,
    find_ignore_file,
    inline_ignores,
    known_kinds,
    load_ignore_file,
    read_ignore_file,
)
from clipnote.model import (
    BAD_REFERENCE,
    DRIFT,
    NAME_MISSING,
    NUMBER_AGREES,
    NUMBER_MISMATCH,
    UNSUPPORTED,
    Article,
    ArticleResult,
    Clip,
    ClipResult,
    Excerpt,
    ExcerptResult,
    Finding,
    Problem,
)

# --- .clipnoteignore ---------------------------------------------------------------------------

IGNORE_TEXT = """\
# old posts quote talks that are gone
_posts/2012-*.md
!_posts/2012-keep.md
/drafts/
video:dQw4w9WgXcQ
video:https://www.youtube.com/watch?v=G4hL5Om4IJ4&t=4648s
kind:number-agrees
"""


def test_ignore_file_entries(tmp_path):
    path = tmp_path / ".clipnoteignore"
    path.write_text(IGNORE_TEXT, encoding="utf-8")
    rules = read_ignore_file(path)
    root = tmp_path.resolve()
    assert rules.videos == {"dQw4w9WgXcQ", "G4hL5Om4IJ4"}
    assert rules.kinds == {NUMBER_AGREES}
    assert rules.match_path(root / "_posts/2012-01-01-a.md") == ".clipnoteignore:2: _posts/2012-*.md"
    assert rules.match_path(root / "_posts/2012-keep.md") is None  # negation takes it back
    assert rules.match_path(root / "drafts/x/y.md") == ".clipnoteignore:4: /drafts/"
    assert rules.match_path(root / "content/drafts/y.md") is None  # anchored to the file's folder
    assert rules.match_path(root / "_posts/2013-01-01-a.md") is None
    assert rules.match_path(tmp_path.parent / "_posts/2012-01-01-a.md") is None  # outside


@pytest.mark.parametrize("line, words", [
    ("video:abc", "not a YouTube video id or URL: 'abc'"),
    ("kind:number-agree", "unknown finding kind 'number-agree' (did you mean number-agrees?)"),
    ("kind:", "kind: needs a value"),
])
def test_ignore_file_errors_name_file_and_line(tmp_path, line, words):
    path = tmp_path / ".clipnoteignore"
    path.write_text(f"# fine\n{line}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        read_ignore_file(path)
    assert str(caught.value).startswith(f"{path}:2: ")
    assert words in str(caught.value)


def test_ignore_file_is_found_up_to_the_repository_top(tmp_path):
    (tmp_path / ".clipnoteignore").write_text("x.md\n", encoding="utf-8")
    blog = tmp_path / "blog"
    (blog / ".git").mkdir(parents=True)
    (blog / "content").mkdir()
    assert find_ignore_file(blog / "content") is None  # above the repository: not ours
    (blog / ".clipnoteignore").write_text("y.md\n", encoding="utf-8")
    assert find_ignore_file(blog / "content") == (blog / ".clipnoteignore").resolve()
    assert load_ignore_file(blog / "content").match_path(blog.resolve() / "content/y.md")
    other = tmp_path / "other"
    (other / ".git").mkdir(parents=True)
    assert not load_ignore_file(other)  # no file: no rules


def test_every_finding_kind_of_the_model_is_known():
    assert {DRIFT, NUMBER_AGREES, UNSUPPORTED, NAME_MISSING, BAD_REFERENCE} <= known_kinds()
    assert "timestamp-drift" in known_kinds() and "supported" not in known_kinds()


# --- inline comments ---------------------------------------------------------------------------


def lines_of(ignores: IgnoreMap, kind: str = DRIFT, upto: int = 40) -> list[int]:
    return [n for n in range(1, upto) if ignores.suppresses(n, kind)]


def all_lines_of(ignores: IgnoreMap, upto: int = 40) -> list[int]:
    return [n for n in range(1, upto) if ignores.suppresses_all(n)]


def test_disable_next_line_and_line():
    text = "a\n<!-- clipnote-disable-next-line -->\nb\nc <!-- clipnote-disable-line -->\nd\n"
    ignores = inline_ignores(text)
    assert all_lines_of(ignores) == [3, 4]
    assert ignores.suppresses(3, NUMBER_MISMATCH)


def test_off_on_region_and_disable_enable_synonyms():
    text = "\n".join([
        "a",                          # 1
        "<!-- clipnote off -->",      # 2
        "b",                          # 3
        "c",                          # 4
        "<!-- clipnote on -->",       # 5
        "d",                          # 6
        "<!-- clipnote-disable -->",  # 7
        "e",                          # 8
        "<!-- clipnote-enable -->",   # 9
        "f",                          # 10
    ])
    assert all_lines_of(inline_ignores(text)) == [2, 3, 4, 7, 8]


def test_off_without_on_runs_to_the_end():
    ignores = inline_ignores("a\nb\n<!-- clipnote off -->\nc\nd\n")
    assert all_lines_of(ignores, upto=1000) == list(range(3, 1000))


def test_kinds_narrow_a_comment():
    text = ("<!-- clipnote-disable-next-line timestamp-drift, number-mismatch -- intro on purpose -->\n"
            "{% include youtubePlayer.html id=\"G4hL5Om4IJ4?start=4648\" %}\n")
    ignores = inline_ignores(text)
    assert ignores.suppresses(2, DRIFT) and ignores.suppresses(2, NUMBER_MISMATCH)
    assert not ignores.suppresses(2, NAME_MISSING)
    assert not ignores.suppresses_all(2)  # the clip is still checked
    assert not ignores.problems


def test_on_with_kinds_closes_only_those():
    text = "\n".join([
        "<!-- clipnote off timestamp-drift number-mismatch -->",  # 1
        "a",                                                      # 2
        "<!-- clipnote on number-mismatch -->",                   # 3
        "b",                                                      # 4
        "<!-- clipnote on -->",                                   # 5
        "c",                                                      # 6
    ])
    ignores = inline_ignores(text)
    assert lines_of(ignores, DRIFT) == [1, 2, 3, 4]
    assert lines_of(ignores, NUMBER_MISMATCH) == [1, 2]
    assert all_lines_of(ignores) == []


def test_on_with_a_kind_inside_an_all_kinds_region_is_reported_not_guessed():
    ignores = inline_ignores("<!-- clipnote off -->\na\n<!-- clipnote on timestamp-drift -->\nb\n")
    assert all_lines_of(ignores, upto=6) == [1, 2, 3, 4, 5]
    assert [p.line for p in ignores.problems] == [3]


def test_unknown_kind_silences_nothing_and_is_reported():
    ignores = inline_ignores("x\n<!-- clipnote-disable-next-line timestamp-drfit -->\ny\n", "p.md")
    assert not ignores.suppresses(3, DRIFT) and not ignores.suppresses_all(3)
    [problem] = ignores.problems
    assert (problem.path, problem.line, problem.kind) == ("p.md", 2, IGNORE_DIRECTIVE)
    assert "timestamp-drfit" in problem.message and "did you mean timestamp-drift?" in problem.message


def test_a_mistyped_directive_is_reported_other_clipnote_notes_are_not():
    ignores = inline_ignores("<!-- clipnote-disable-nextline -->\na\n<!-- clipnote: reviewed -->\n")
    assert not ignores
    [problem] = ignores.problems
    assert problem.line == 1 and "disable-next-line" in problem.message


def test_comments_in_code_do_not_count():
    text = "\n".join([
        "```markdown",                                # 1
        "<!-- clipnote off -->",                      # 2
        "```",                                        # 3
        "",                                           # 4
        "    <!-- clipnote off -->",                  # 5 indented code
        "",                                           # 6
        "Write `<!-- clipnote-disable-line -->` at the end of a line.",  # 7 code span
        "~~~",                                        # 8
        "<!-- clipnote-disable-next-line -->",        # 9
        "~~~",                                        # 10
        "real",                                       # 11
    ])
    ignores = inline_ignores(text)
    assert not ignores and not ignores.problems


def test_front_matter_does_not_count_and_lines_stay_true():
    text = "---\ntitle: 'about <!-- clipnote off -->'\n---\n\nx <!-- clipnote-disable-line -->\n"
    assert all_lines_of(inline_ignores(text)) == [5]
    toml = "+++\ntitle = 'a'\n+++\n<!-- clipnote-disable-next-line -->\ny\n"
    assert all_lines_of(inline_ignores(toml)) == [5]


def test_line_numbers_survive_code_spans_broken_across_lines():
    text = "para with `code\nspan` and more\ntext <!-- clipnote-disable-line -->\n"
    assert all_lines_of(inline_ignores(text)) == [3]


def test_in_a_blockquote_a_list_and_with_crlf():
    text = "\r\n".join([
        "> A（Jim Keller）：quoted",                  # 1
        "> <!-- clipnote-disable-line -->",           # 2
        "",                                            # 3
        "- item <!-- clipnote-disable-line number-mismatch -->",  # 4
        "",                                            # 5
        "<!-- clipnote-disable-next-line -->",         # 6
        "Q（Lex）：next",                              # 7
    ])
    ignores = inline_ignores(text)
    assert all_lines_of(ignores) == [2, 7]
    assert lines_of(ignores, NUMBER_MISMATCH) == [2, 4, 7]


def test_multiline_comment_next_line_counts_from_its_end():
    text = "<!--\n  clipnote-disable-next-line\n-->\ntarget\n"
    assert all_lines_of(inline_ignores(text)) == [4]


def test_mdx_comments():
    text = "import X from './x'\n\n{/* clipnote-disable-next-line */}\n<YouTube id=\"dQw4w9WgXcQ\" />\n"
    assert all_lines_of(inline_ignores(text)) == [4]


def test_text_without_the_word_is_cheap_and_empty():
    assert inline_ignores("# a post\n\n<!-- just a comment -->\n") == IgnoreMap()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([
    "<!-- clipnote off -->", "<!-- clipnote on -->", "<!-- clipnote-disable-line -->",
    "<!-- clipnote-disable-next-line timestamp-drift -->", "<!-- clipnote on number-agrees -->",
    "```", "    code", "> quote", "text", "", "<!--", "-->", "`", "{/* clipnote off */}",
    "<!-- clipnote-disable-next-line bogus -->", "---", "+++",
]), max_size=30), st.text(max_size=40))
def test_never_raises_and_stays_in_the_file(parts, noise):
    text = "\n".join(parts) + noise
    ignores = inline_ignores(text)
    total = text.count("\n") + 2
    for suppression in ignores.suppressions:
        assert 1 <= suppression.first <= total
        assert suppression.last is None or suppression.first <= suppression.last <= total


# --- applying ignores to an article and its result ---------------------------------------------

POST = """\
---
title: t
---
Intro.

{% include youtubePlayer.html id="G4hL5Om4IJ4?start=4648" %}

Q（Lex）：first question
<!-- clipnote-disable-next-line -->
A（Jim Keller）：an answer we leave alone
A（Jim Keller）：numbers here, 10,000 watts <!-- clipnote-disable-line number-mismatch -->
continued on a second line <!-- clipnote-disable-line name-missing -->

<!-- clipnote-disable-next-line -->
{% include youtubePlayer.html id="dQw4w9WgXcQ" %}

{% include youtubePlayer.html id="aaaaaaaaaaa" %}

{% include youtubePlayer.html id="bbbbbbbbbbb" %} <!-- clipnote-disable-line timestamp-drift -->
"""
# line numbers in POST: the first clip 6, excerpts 8, 10, 11-12; the other clips 15, 17, 19


def f(kind: str, line: int | None = None, severity: str = "warning") -> Finding:
    return Finding(kind, severity, f"{kind} message", line=line)


def excerpt(line: int, end_line: int | None = None) -> Excerpt:
    return Excerpt("p.md", line, f"text {line}", end_line=end_line)


def article_result() -> ArticleResult:
    e8, e10, e11 = excerpt(8), excerpt(10), excerpt(11, 12)
    clip1 = Clip("G4hL5Om4IJ4", 4648.0, None, "p.md", 6, "…", excerpts=(e8, e10, e11))
    clip2 = Clip("dQw4w9WgXcQ", None, None, "p.md", 15, "…")
    clip3 = Clip("aaaaaaaaaaa", None, None, "p.md", 17, "…")
    clip4 = Clip("bbbbbbbbbbb", None, None, "p.md", 19, "…")
    problems = (Problem("p.md", 10, "bad thing", kind=BAD_REFERENCE),
                Problem("p.md", 3, "other", kind=BAD_REFERENCE))
    article = Article("p.md", clips=(clip1, clip2, clip3, clip4), problems=problems)
    return ArticleResult(
        article=article,
        clips=(
            ClipResult(clip1, None, excerpts=(
                ExcerptResult(e8, "supported", None, (f(NUMBER_AGREES, 8, "info"),)),
                ExcerptResult(e10, "unsupported", None, (f(UNSUPPORTED, 10, "error"),)),
                ExcerptResult(e11, "supported", None, (
                    f(NUMBER_MISMATCH, 11), f(NAME_MISSING), f(NUMBER_AGREES, 11, "info"))),
            ), findings=(f(DRIFT, 6),)),
            ClipResult(clip2, None, findings=(f(DRIFT, 15),)),
            ClipResult(clip3, None, error="no transcript"),
            ClipResult(clip4, None, findings=(f(DRIFT), f(NAME_MISSING, 19))),
        ),
        errors=problems,
    )


def test_apply_ignores_drops_exactly_what_the_comments_say():
    result = apply_ignores(article_result(), inline_ignores(POST, "p.md"))
    clips = {c.clip.line: c for c in result.clips}
    assert sorted(clips) == [6, 17, 19]  # the clip on line 15 is silenced for every kind
    first = clips[6]
    assert [e.excerpt.line for e in first.excerpts] == [8, 11]  # line 10 silenced
    e11 = first.excerpts[1]
    # number-mismatch silenced on its own line, name-missing (no line of its own) by a comment
    # on the excerpt's second line; the agreeing number stays
    assert [x.kind for x in e11.findings] == [NUMBER_AGREES]
    assert e11.verdict == "supported"
    assert [x.kind for x in first.findings] == [DRIFT]
    # a clip finding without a line counts on the clip's line
    assert [x.kind for x in clips[19].findings] == [NAME_MISSING]
    assert clips[17].error == "no transcript"
    assert [p.line for p in result.errors] == [3]  # the problem on line 10 is silenced
    assert [p.line for p in result.article.problems] == [3]


def test_rules_drop_videos_and_kinds_everywhere():
    rules = IgnoreRules(videos=frozenset({"aaaaaaaaaaa"}), kinds=frozenset({NUMBER_AGREES, DRIFT}))
    result = apply_ignores(article_result(), rules=rules)
    assert [c.clip.video_id for c in result.clips] == ["G4hL5Om4IJ4", "dQw4w9WgXcQ", "bbbbbbbbbbb"]
    kinds = {x.kind for x in result.findings()}
    assert kinds == {UNSUPPORTED, NUMBER_MISMATCH, NAME_MISSING}
    # an unsupported excerpt keeps its verdict when only its finding's kind is ignored
    unsupported = apply_ignores(article_result(), rules=IgnoreRules(kinds=frozenset({UNSUPPORTED})))
    verdicts = [e.verdict for e in unsupported.clips[0].excerpts]
    assert verdicts == ["supported", "unsupported", "supported"]
    assert UNSUPPORTED not in {x.kind for x in unsupported.findings()}


def test_nothing_to_ignore_is_the_identity():
    result = article_result()
    assert apply_ignores(result) is result
    assert apply_ignores(result, inline_ignores("no comments\n")) is result


def test_filter_article_leaves_out_what_need_not_be_fetched_or_aligned():
    article = article_result().article
    rules = IgnoreRules(videos=frozenset({"aaaaaaaaaaa"}))
    kept = filter_article(article, inline_ignores(POST, "p.md"), rules)
    assert [c.line for c in kept.clips] == [6, 19]
    assert [e.line for e in kept.clips[0].excerpts] == [8, 11]
    assert [p.line for p in kept.problems] == [3]
    assert filter_article(article) is article


def test_apply_after_filter_agrees_with_apply_alone():
    ignores = inline_ignores(POST, "p.md")
    result = article_result()
    filtered = filter_article(result.article, ignores)
    alone = apply_ignores(result, ignores)
    assert [c.clip.line for c in alone.clips] == [c.line for c in filtered.clips]
    assert [[e.excerpt.line for e in c.excerpts] for c in alone.clips] == \
        [[e.line for e in c.excerpts] for c in filtered.clips]


def test_a_post_on_disk_round_trip(tmp_path: Path):
    """The whole path a runner takes: read the post, find its comments, thin its result."""
    post = tmp_path / "p.md"
    post.write_bytes(POST.replace("\n", "\r\n").encode("utf-8"))
    ignores = inline_ignores(post.read_text(encoding="utf-8"), str(post))
    result = apply_ignores(article_result(), ignores)
    assert [c.clip.line for c in result.clips] == [6, 17, 19]
