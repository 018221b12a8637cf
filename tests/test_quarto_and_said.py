"""Quarto's fenced divs frame passages without being part of them; a quotation closed by
`Hamel says` is Hamel's."""

from clipnote.article.scan import scan_text

QMD = """---
title: "Annotated talk: bees"
---

{{< video https://youtu.be/Bq3ZkT7mW2e >}}

::: {.callout-note}
## Summary

The guest argues that you should plant flowers before buying any bees.
:::

## Starting out

> "Start by planting, not by buying bees," Anna says.

:::{.callout-tip collapse="true"}
## From the talk
> A hive without flowers is just a box of hungry insects.
:::

“Learn for a full year with a local association,” says Anna Berg.
"""


def test_quarto_callouts_and_said_clauses():
    got = [(e.line, e.role, e.speaker, e.text) for c in scan_text(QMD, "talk.qmd").clips for e in c.excerpts]
    assert got == [
        (10, "paraphrase", None, "The guest argues that you should plant flowers before buying any bees."),
        (15, "quote", "Anna", "Start by planting, not by buying bees"),
        (19, "quote", None, "A hive without flowers is just a box of hungry insects."),
        (22, "quote", "Anna Berg", "Learn for a full year with a local association"),
    ]
