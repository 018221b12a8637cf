"""The oracle-extraction benchmark (benchmarks/alignment_oracle.py) takes each gold passage's text
from the article and decides its role from that text: checked on a small case written here."""

from __future__ import annotations

import importlib.util
import json
import sys

from conftest import ROOT

_spec = importlib.util.spec_from_file_location("alignment_oracle", ROOT / "benchmarks" / "alignment_oracle.py")
oracle = importlib.util.module_from_spec(_spec)
sys.modules["alignment_oracle"] = oracle
_spec.loader.exec_module(oracle)

ARTICLE = """\
---
layout: two-cols
---

# 第一部分

<div class="mt-4 text-sm">
他说测试应该**先写**，然后才写代码。<br/>
这样改起来更放心。
</div>

<div class="text-sm mt-2">Maria: "We always wrote the tests first, and it saved us every single time."</div>

- **早期的团队** 只有五个人 [Maria Lopez][02:05]
  - 具体例: 第一个版本只用了三周 [Maria Lopez][02:40]

作者自己的看法：这一点值得所有团队学习。
"""

GOLD = [
    {"line": 8, "text": "他说测试应该", "kind": "paragraph", "claimed_start": None, "gold_start": 30.0,
     "gold_end": 41.0, "verdict": "loose-paraphrase"},
    {"line": 12, "text": "Maria", "kind": "quote", "claimed_start": None, "gold_start": 50.0, "gold_end": 56.0,
     "verdict": "translation"},
    {"line": 14, "text": "早期", "kind": "bullet", "claimed_start": 125.0, "gold_start": 120.0,
     "gold_end": 130.0, "verdict": "translation"},
    {"line": 15, "text": "具体例", "kind": "bullet", "claimed_start": 160.0, "gold_start": None,
     "gold_end": None, "verdict": "not-found"},
]


def write_case(tmp_path):
    case = tmp_path / "abcdefghijk"
    (case / "transcripts").mkdir(parents=True)
    (case / "article.md").write_text(ARTICLE, encoding="utf-8")
    (case / "gold.json").write_text(json.dumps(GOLD, ensure_ascii=False), encoding="utf-8")
    (case / "transcripts" / "abcdefghijk.json").write_text("[]", encoding="utf-8")
    return case


def test_passages_run_to_the_end_of_their_block_without_markup(tmp_path):
    passages, _, video = oracle.load_case(write_case(tmp_path))
    assert video == "abcdefghijk"
    texts = {p.line: p.text for p in passages}
    assert texts[8] == "他说测试应该先写，然后才写代码。这样改起来更放心。"
    assert texts[12].startswith('Maria: "We always wrote the tests first')
    # a bullet ends at the next bullet, and its `[Speaker][mm:ss]` label is not content
    assert texts[14] == "早期的团队 只有五个人"
    assert texts[15] == "具体例: 第一个版本只用了三周"


def test_roles_come_from_the_text_and_hints_from_the_claimed_time(tmp_path):
    passages, _, _ = oracle.load_case(write_case(tmp_path))
    by_line = {p.line: p for p in passages}
    assert by_line[12].role == "quote"  # a speaker label and a quotation
    assert by_line[8].role == by_line[14].role == "paraphrase"
    assert (by_line[8].hint, by_line[14].hint) == (None, 125.0)


def test_the_other_passages_are_the_blocks_between_gold_ones(tmp_path):
    assert oracle.block_starts(ARTICLE.splitlines(), 1, 17) == [2, 8, 12, 14, 15, 17]
    assert oracle.other_passages(write_case(tmp_path)) == []  # only gold between its first and last line
    case = write_case(tmp_path / "sparse")
    (case / "gold.json").write_text(json.dumps([GOLD[0], {**GOLD[3], "line": 17}], ensure_ascii=False),
                                    encoding="utf-8")
    others = oracle.other_passages(case)
    assert [(line, role) for line, _, role in others] == [(12, "quote"), (14, "paraphrase"), (15, "paraphrase")]


def test_placed_within_ten_seconds_or_by_overlap_and_the_summary_counts():
    p = oracle.Passage("c", 1, "t", "quote", "translation", "quote", None, 100.0, 130.0, ((5.0, 9.0),))
    assert oracle.placed(p, 108.0, 120.0)
    assert oracle.placed(p, 90.0, 131.0)  # starts 10 s early, spans the gold
    assert oracle.placed(p, 6.0, 8.0)  # where the passage is said a second time
    assert not oracle.placed(p, 140.0, 150.0)
    assert not oracle.placed(p, None, None)
    rows = [{"verdict_gold": "translation", "kind": "quote", "placed": True, "verdict": "weak"},
            {"verdict_gold": "not-found", "kind": "quote", "placed": False, "verdict": "unsupported"},
            {"verdict_gold": "summary", "kind": "bullet", "placed": False, "verdict": "supported"}]
    s = oracle.summarise(rows)
    assert (s["faithful"], s["faithful_placed"], s["faithful_weak"], s["faithful_unsupported"]) == (1, 1, 1, 0)
    assert (s["not_found"], s["not_found_unsupported"], s["not_found_supported"]) == (1, 1, 0)
    assert (s["loose"], s["loose_placed"]) == (1, 0)
