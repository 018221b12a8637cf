"""Every report clipnote writes, each a pure function of the results in `clipnote.model`.

* `json.article_to_json` — the `clipnote/report@1` object of DESIGN §7 (`--format json`);
* `markdown.render_article` / `markdown.render_index` — the fact-checker's report and batch's
  `index.md`;
* `terminal.print_results` / `terminal.make_console` — rich tables on a console;
* `sarif.to_sarif` — SARIF 2.1.0 for GitHub code scanning;
* `github.to_github_annotations` — `::warning file=…,line=…::` workflow commands;
* `summary.summary_json` — batch's `summary.json`.

What is counted, where a finding is located and the exit code live in `clipnote.outcome`, so
every format agrees. Nothing here imports rich or markdown-it at module level.
"""
