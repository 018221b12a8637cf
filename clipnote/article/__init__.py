"""Reading an article: the first stage of the pipeline, from a file to its clips and excerpts.

The public face is small: `scan_text(text, path)` (pure, never raises), `scan_file(path)`,
`scan_paths(paths)` and `iter_articles(paths)` (the walk `check`, `batch` and `fetch` share), and
`read_article_bytes(path)`. Inside, one module per step, in the order they run:

- `document`: the file's text and its Markdown blocks with line numbers (`frontmatter` reads the
  front matter; `inline` turns inline Markdown into plain text);
- `clips`, `embed_tags`, `urls`: every way an article points at a YouTube video;
- `labels`: timestamps a reader sees (labels beside links, bare labels, times in prose);
- `turns`: speaker labels in every form (Q/A, `**Name**：`, role-prefixed, diarisation), and
  where one turn gives way to the next inside a paragraph; `keyvalues`: `Key: value` lines that
  state a fact (`Duration: 01:09`, a glossary) rather than open a turn;
- `excerpts`: what each block is (a quote, the author's prose, neither); `credits`: who a line
  credits and what it claims (`— Name, [5:35]`, `“…,” Hamel says`, `结果: …`, key points);
- `summaries`: summaries and slide decks, where every rendered line retells the one video;
- `claims`: which quotations are someone's words and which paragraphs claim enough to check;
- `timed`: what a time says is there (chapter lists, timestamped notes, `At [12:40](…), he …`);
- `attach`: which excerpts belong to which clip (sections that sum up or transcribe the video,
  quotes of other pages);
- `scan`: the whole of it, over one text, one file or many.

Names are resolved on first use, so importing `clipnote.article.urls` (as the transcript code
does) does not load the Markdown parser.
"""

from __future__ import annotations

from importlib import import_module

_PUBLIC = {
    "scan_text": "scan",
    "scan_file": "scan",
    "scan_paths": "scan",
    "iter_articles": "scan",
    "read_article_bytes": "document",
}

__all__ = sorted(_PUBLIC)


def __getattr__(name: str):
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
