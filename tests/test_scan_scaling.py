"""Scanning stays linear (issue 9 item 3): twice the links, lines, quotes or words cost twice the
work, never four times.

Work is counted, not timed: the number of Python lines the article reader executes (a trace
limited to `clipnote/article/` and `clipnote/timecode.py`). A per-item pass over a whole
paragraph or document (the paragraph rebuilt once per link, every taken span searched for each
new one, every block searching every clip) makes that count grow with the square of the input,
so scanning 4n items costs about 16 times the work of n instead of about 4. The count is
deterministic, so the bound is tight without being flaky on a busy machine.
"""

from __future__ import annotations

import sys

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from clipnote.article.scan import scan_text

VIDEO = "G4hL5Om4IJ4"

# One item of an article, numbered so that no two are the same clip or the same quote.
ITEMS = [
    "[{clock}](https://www.youtube.com/watch?v=" + VIDEO + "&t={t}s) Part {i} of the talk",
    "[{clock}](https://youtu.be/" + VIDEO + "?t={t}) “a quoted line number {i} of words”",
    "> Quote number {i} says something worth quoting here.",
    "— Speaker {i}",
    "**Host:** Why did you do part {i} that way, then?",
    "Q（Lex）：Question number {i} about “the thing you said”?",
    "## {clock} Chapter {i}",
    "[{clock}] and the words of part {i} that follow it",
    "He said “line {i} of the quoted words” and went on at {clock}.",
    "https://youtu.be/" + VIDEO + "?t={t} word{i}",
    '<iframe src="https://www.youtube.com/embed/' + VIDEO + '?start={t}"></iframe>',
    "{{{{< youtube id=\"" + VIDEO + "?start={t}\" >}}}}",
    "`code {i}` *em {i}* **bold** <br> [^{i}] &amp; {i}",
    "word *{i} note, _x{i} and {{% include x{i} <!-- c{i} <blockquote> {{{{< youtube x{i}",
    "{{% a %}} {{% b %}} {{% c %}} {{% d %}} {{% e %}} {{% f %}} part {i}",
]
JOINERS = ["\n", "\n\n", " ", "\n> ", "\n- "]  # one paragraph, blocks, one line, a quote, a list
PREFIXES = ["", f"---\ntitle: T\nvideo: https://youtu.be/{VIDEO}\n---\n\n",
            f'{{% include youtube.html id="{VIDEO}" %}}\n\n']


def article(templates: list[str], joiner: str, prefix: str, n: int) -> str:
    parts = []
    for i in range(n):
        t = 7 * i + 5
        clock = f"{t // 3600}:{t // 60 % 60:02d}:{t % 60:02d}"
        parts.extend(template.format(i=i, t=t, clock=clock) for template in templates)
    return prefix + joiner.join(parts) + "\n"


def work(text: str) -> int:
    """Python lines executed by the article reader while scanning `text`."""
    count = 0

    def local(frame, event, arg):
        nonlocal count
        count += 1
        return local

    def enter(frame, event, arg):
        name = frame.f_code.co_filename.replace("\\", "/")
        return local if "/clipnote/article/" in name or name.endswith("/clipnote/timecode.py") else None

    sys.settrace(enter)
    try:
        scan_text(text, "post.md")
    finally:
        sys.settrace(None)
    return count


SMALL = 60


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(templates=st.lists(st.sampled_from(ITEMS), min_size=1, max_size=3),
       joiner=st.sampled_from(JOINERS), prefix=st.sampled_from(PREFIXES))
@example(templates=[ITEMS[0]], joiner="\n", prefix=PREFIXES[2])  # links in one paragraph
@example(templates=ITEMS[2:4], joiner="\n\n", prefix=PREFIXES[2])  # quotes, each with a name
@example(templates=[ITEMS[8]], joiner="\n", prefix=PREFIXES[2])  # quotations, line after line
@example(templates=ITEMS[4:8], joiner="\n\n", prefix=PREFIXES[1])  # lines of an article
@example(templates=[ITEMS[1], ITEMS[12]], joiner=" ", prefix=PREFIXES[0])  # one long line
def test_four_times_the_items_cost_at_most_four_times_the_work(templates, joiner, prefix):
    small = work(article(templates, joiner, prefix, SMALL))
    large = work(article(templates, joiner, prefix, 4 * SMALL))
    assert large <= 4.4 * small, f"{large / small:.2f}x the work for 4x the items"


# --- lazy patterns stop at their last closer ----------------------------------------------------
# The regex engine's own work is not counted above. An `opener.*?closer` pattern reads the rest of
# the text once per opener that is never closed, so the reader searches such patterns only up to
# the last place their closer occurs (`search_limit`); past it no match can end. These tests pin
# that the bound never changes what is found.

PIECES = ["{% include youtube.html id=\"G4hL5Om4IJ4\" %}", "{% include x", "%}", "{% raw %}",
          "{% endraw %}", "<!--", "-->", "<pre>", "</pre>", "<blockquote>", "</blockquote>",
          "{{< youtube G4hL5Om4IJ4 >}}", "{{<", ">}}", "}}", "{/*", "*/}", "{{% quote %}}",
          "{{% /quote %}}", "{% blockquote A %}", "{% endblockquote %}", "text", "\n", "\n\n", " "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_a_bounded_search_finds_what_the_whole_search_finds(pieces):
    from clipnote.article import document, embed_tags, excerpts, inline

    text = "".join(pieces)
    for pattern, closer in [(document._NON_CONTENT, document._NON_CONTENT_CLOSER),
                            (excerpts._QUOTE_REGION, excerpts._REGION_CLOSER),
                            (embed_tags._LIQUID_INCLUDE, embed_tags._LIQUID_CLOSER),
                            (embed_tags._LIQUID_TAG, embed_tags._LIQUID_CLOSER),
                            (embed_tags._SHORTCODE, embed_tags._SHORTCODE_CLOSER),
                            (inline._LIQUID, inline._LIQUID_CLOSER)]:
        limit = inline.search_limit(text, closer)
        assert [m.span() for m in pattern.finditer(text, 0, limit)] == \
            [m.span() for m in pattern.finditer(text)]


def test_emphasis_is_read_however_many_marks_are_never_closed():
    from clipnote.article.inline import plain_text, search_limit

    notes = " ".join(f"*{i} note" for i in range(300))  # `*1`: marks that close nothing
    assert plain_text(f"**bold** and *em* then _x_, {notes}") == f"bold and em then x, {notes}"
    assert search_limit("}}}", __import__("re").compile(r"\}\}")) == 3  # overlapping closers count


def test_a_block_of_many_template_tags_is_classified_at_once():
    from clipnote.article.excerpts import _TEMPLATE_ONLY

    tags = "{% include a.html %} " * 200  # the old pattern tried every pairing: 2^200 ways
    assert _TEMPLATE_ONLY.match(tags) and not _TEMPLATE_ONLY.match(tags + "words")
