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
