"""The accuracy harness (benchmarks/accuracy.py) scores right, on hand-written gold/report pairs.

None of these tests runs the real checker: reports are written by hand, and the subprocess path is
exercised with a stand-in command.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLES, executable_script

_spec = importlib.util.spec_from_file_location("accuracy", ROOT / "benchmarks" / "accuracy.py")
acc = importlib.util.module_from_spec(_spec)
sys.modules["accuracy"] = acc
_spec.loader.exec_module(acc)


# --- helpers -----------------------------------------------------------------------------------


def gold(*excerpts, findings=(), not_excerpts=()) -> "acc.Gold":
    return acc.Gold(name="t", article=Path("t.md"), transcripts=None, excerpts=tuple(excerpts),
                    findings=tuple(findings), not_excerpt_lines=frozenset(not_excerpts))


def in_video(line, start, end, *, end_line=None, video="vidAAAAAAAA", alt=()):
    return acc.GoldExcerpt(line=line, end_line=end_line or line, in_video=True, start=start, end=end,
                           video_id=video, alt_lines=tuple(alt))


def invented(line):
    return acc.GoldExcerpt(line=line, end_line=line, in_video=False, video_id="vidAAAAAAAA")


def excerpt(line, verdict, start=None, end=None, findings=()):
    match = None if start is None else {"start": start, "end": end, "score": 0.8}
    return {"line": line, "verdict": verdict, "match": match, "findings": [{"kind": k} for k in findings]}


def report(*excerpts, clip_line=10, video="vidAAAAAAAA", clip_findings=()):
    return {"schema": "clipnote/report@1", "article": {"path": "t.md"},
            "clips": [{"video_id": video, "line": clip_line, "start": 0.0,
                       "findings": [{"kind": k} for k in clip_findings],
                       "excerpts": list(excerpts)}]}


def oracle_report(doc: dict) -> dict:
    """The report a perfect checker would print for a clipnote/gold@1 document."""
    clips = {}
    for c in doc["clips"]:
        clips.setdefault(c["line"], {"video_id": c["video_id"], "line": c["line"], "start": c["start"],
                                     "findings": [], "excerpts": []})
    for e in doc["excerpts"]:
        item = {"line": e["line"], "verdict": "supported" if e["in_video"] else "unsupported",
                "match": {"start": e["gold_start"], "end": e["gold_end"]} if e["in_video"] else None,
                "findings": []}
        clips[e["clip_line"]]["excerpts"].append(item)
    by_line = {x["line"]: x for c in clips.values() for x in c["excerpts"]}
    for f in doc["findings"]:
        if f.get("line") is not None:
            by_line[f["line"]]["findings"].append({"kind": f["kind"]})
        else:
            clips[f["clip_line"]]["findings"].append({"kind": f["kind"]})
    return {"schema": "clipnote/report@1", "article": {"path": doc["article"]}, "clips": list(clips.values())}


# --- temporal IoU ------------------------------------------------------------------------------


def test_iou_of_identical_disjoint_and_half_overlapping_spans():
    assert acc.temporal_iou(10, 20, 10, 20) == 1.0
    assert acc.temporal_iou(10, 20, 30, 40) == 0.0
    assert acc.temporal_iou(10, 20, 15, 25) == pytest.approx(5 / 15)
    assert acc.temporal_iou(10, 20, 12, 20) == pytest.approx(0.8)
    assert acc.temporal_iou(5, 5, 5, 5) == 1.0


# --- links ------------------------------------------------------------------------------------


def test_a_perfect_report_scores_one_everywhere():
    g = gold(in_video(12, 100, 110), in_video(14, 111, 130), invented(16))
    r = report(excerpt(12, "supported", 100, 110), excerpt(14, "weak", 111.5, 130),
               excerpt(16, "unsupported"))
    s = acc.score(g, r)
    assert (s.gold_links, s.predicted_links, s.true_links) == (2, 2, 2)
    assert s.precision == s.recall == s.f1 == 1.0
    assert s.start_errors == [0.0, 0.5]
    assert s.within(2) == 1.0
    assert (s.unsupported_precision, s.unsupported_recall) == (1.0, 1.0)
    assert s.missed_excerpts == s.extra_excerpts == 0


def test_a_span_in_the_wrong_place_is_a_predicted_link_but_not_a_true_one():
    g = gold(in_video(12, 100, 110))
    s = acc.score(g, report(excerpt(12, "supported", 104, 118)))  # IoU 6/18 < 0.5
    assert (s.predicted_links, s.true_links) == (1, 0)
    assert s.precision == 0.0 and s.recall == 0.0 and s.f1 == 0.0
    assert s.start_errors == [4.0]  # still counted for the start error: it was matched
    assert s.within(5) == 1.0 and s.within(2) == 0.0


def test_the_right_span_on_another_video_is_not_a_true_link():
    g = gold(in_video(12, 100, 110, video="vidAAAAAAAA"))
    s = acc.score(g, report(excerpt(12, "supported", 100, 110), video="vidBBBBBBBB"))
    assert (s.predicted_links, s.true_links) == (1, 0)


def test_a_link_on_an_invented_quote_costs_precision_and_misses_the_unsupported():
    g = gold(in_video(12, 100, 110), invented(16))
    s = acc.score(g, report(excerpt(12, "supported", 100, 110), excerpt(16, "weak", 200, 210)))
    assert (s.gold_links, s.predicted_links, s.true_links) == (1, 2, 1)
    assert s.precision == 0.5 and s.recall == 1.0
    assert s.gold_unsupported == 1 and s.true_unsupported == 0 and s.unsupported_recall == 0.0
    assert s.unsupported_precision is None  # nothing was flagged


def test_unsupported_on_a_real_quote_is_a_false_alarm():
    g = gold(in_video(12, 100, 110), invented(16))
    s = acc.score(g, report(excerpt(12, "unsupported"), excerpt(16, "unsupported")))
    assert (s.predicted_unsupported, s.true_unsupported) == (2, 1)
    assert s.unsupported_precision == 0.5 and s.unsupported_recall == 1.0
    assert s.recall == 0.0 and s.precision is None


def test_a_supported_verdict_without_a_match_is_not_a_link():
    s = acc.score(gold(in_video(12, 100, 110)), report(excerpt(12, "supported")))
    assert s.predicted_links == 0 and s.start_errors == []


def test_excerpts_the_report_lacks_count_against_recall():
    g = gold(in_video(12, 100, 110), in_video(14, 120, 130), invented(16))
    s = acc.score(g, report(excerpt(12, "supported", 100, 110)))
    assert s.missed_excerpts == 2
    assert s.recall == 0.5 and s.precision == 1.0
    assert s.unsupported_recall == 0.0


def test_a_link_on_an_authors_paragraph_is_a_false_link():
    g = gold(in_video(12, 100, 110), not_excerpts=[8])
    s = acc.score(g, report(excerpt(8, "supported", 50, 60), excerpt(12, "supported", 100, 110)))
    assert (s.predicted_links, s.true_links, s.extra_excerpts) == (2, 1, 1)
    assert s.precision == 0.5


def test_an_unsupported_verdict_on_an_authors_paragraph_is_not_scored():
    g = gold(invented(16))
    s = acc.score(g, report(excerpt(8, "unsupported"), excerpt(16, "unsupported")))
    assert (s.predicted_unsupported, s.true_unsupported, s.extra_excerpts) == (1, 1, 1)


def test_excerpts_are_matched_by_line_range_and_a_split_is_not_a_false_link():
    # a two-line Q/A turn (a soft-wrapped continuation) reported as two excerpts
    g = gold(in_video(37, 100, 150, end_line=38))
    s = acc.score(g, report(excerpt(38, "supported", 130, 150), excerpt(37, "supported", 100, 150)))
    assert (s.predicted_links, s.true_links, s.extra_excerpts) == (1, 1, 0)
    assert s.start_errors == [0.0]  # the one on the first line is the one scored


def test_a_later_line_of_the_excerpt_stands_for_it_when_the_first_is_missing():
    g = gold(in_video(37, 100, 150, end_line=39))
    s = acc.score(g, report(excerpt(39, "supported", 101, 150)))
    assert s.true_links == 1 and s.missed_excerpts == 0


def test_an_alternative_line_matches_a_hexo_blockquote_reported_on_its_tag_line():
    g = gold(in_video(29, 338, 348, alt=(28,)))
    s = acc.score(g, report(excerpt(28, "supported", 338, 348)))
    assert s.true_links == 1


# --- findings ---------------------------------------------------------------------------------


def test_findings_are_found_by_kind_and_place():
    g = gold(in_video(35, 100, 110), in_video(37, 111, 150, end_line=38),
             findings=[acc.GoldFinding("timestamp-drift", clip_line=26),
                       acc.GoldFinding("name-missing", line=35),
                       acc.GoldFinding("name-missing", line=37),
                       acc.GoldFinding("number-agrees", line=37)])
    r = report(excerpt(35, "supported", 100, 110, findings=["name-missing"]),
               excerpt(38, "supported", 111, 150, findings=["number-agrees"]),
               clip_line=26, clip_findings=["timestamp-drift"])
    s = acc.score(g, r)
    assert s.findings == {"timestamp-drift": [1, 1], "name-missing": [2, 1], "number-agrees": [1, 1]}


def test_a_finding_on_the_wrong_clip_or_of_another_kind_is_not_found():
    g = gold(in_video(12, 100, 110), findings=[acc.GoldFinding("label-mismatch", clip_line=30),
                                              acc.GoldFinding("speaker-mismatch", line=12)])
    r = report(excerpt(12, "supported", 100, 110, findings=["name-missing"]),
               clip_line=31, clip_findings=["label-mismatch"])
    assert acc.score(g, r).findings == {"label-mismatch": [1, 0], "speaker-mismatch": [1, 0]}


def test_a_clip_level_finding_that_names_an_excerpt_line_counts_for_that_excerpt():
    g = gold(in_video(12, 100, 110), findings=[acc.GoldFinding("out-of-order", line=12)])
    r = report(excerpt(12, "supported", 100, 110))
    r["clips"][0]["findings"] = [{"kind": "out-of-order", "line": 12}]
    assert acc.score(g, r).findings == {"out-of-order": [1, 1]}


# --- totals ------------------------------------------------------------------------------------


def test_a_failed_check_still_counts_its_gold_and_is_named():
    g = gold(in_video(12, 100, 110), invented(16), findings=[acc.GoldFinding("timestamp-drift", clip_line=10)])
    s = acc.score(g, None)
    assert s.failed == ["t"] and s.gold_links == 1 and s.gold_unsupported == 1 and s.missed_excerpts == 2
    assert s.findings == {"timestamp-drift": [1, 0]}


def test_scores_add_up_as_a_micro_average():
    a = acc.score(gold(in_video(12, 100, 110)), report(excerpt(12, "supported", 101, 110)))
    b = acc.score(gold(in_video(12, 100, 110), in_video(14, 200, 210)),
                  report(excerpt(12, "supported", 100, 110), excerpt(14, "supported", 220, 230)))
    total = acc.Scores().add(a).add(b)
    assert (total.files, total.gold_links, total.predicted_links, total.true_links) == (2, 3, 3, 2)
    assert total.precision == pytest.approx(2 / 3)
    assert sorted(total.start_errors) == [0.0, 1.0, 20.0]
    assert total.median_start_error == 1.0
    assert total.within(2) == pytest.approx(2 / 3) and total.within(10) == pytest.approx(2 / 3)
    summary = total.summary()
    assert summary["links"]["f1"] == pytest.approx(2 / 3)
    assert summary["start_error"]["within_10s"] == pytest.approx(2 / 3)


def test_empty_scores_say_not_applicable_rather_than_zero():
    s = acc.Scores()
    assert s.precision is None and s.recall is None and s.f1 is None
    assert s.median_start_error is None and s.within(2) is None
    assert "n/a" in acc.render_text(s, [], verbose=True)


# --- reading gold files ------------------------------------------------------------------------


def test_the_seed_form_is_read_as_in_video_turns_with_a_drift_finding(tmp_path):
    (tmp_path / "transcripts").mkdir()
    (tmp_path / "transcripts" / "vidAAAAAAAA.json").write_text(
        json.dumps([{"text": "What do you think about it", "start": 1.0, "duration": 2.0}]), encoding="utf-8")
    (tmp_path / "post.md").write_text("---\ntitle: x\n---\nQ（A）：テスト\n", encoding="utf-8")
    (tmp_path / "gold.json").write_text(json.dumps({
        "article": "post.md", "video_id": "vidAAAAAAAA", "transcript": "transcripts/vidAAAAAAAA.json",
        "embed": {"line": 3, "start": 0, "end": None}, "expected_drift_seconds": 1.0,
        "turns": [{"line": 4, "label": "Q（A）", "speaker_in_video": "A", "gold_start": 1.0, "gold_end": 3.0,
                   "first_words_in_video": "What do you"}],
        "not_excerpts": [{"line": 2, "why": "x"}]}), encoding="utf-8")
    g = acc.load_gold(tmp_path / "gold.json", tmp_path)
    assert g.article == tmp_path / "post.md"
    assert g.transcripts == tmp_path / "transcripts"
    assert g.excerpts == (acc.GoldExcerpt(4, 4, True, 1.0, 3.0, "vidAAAAAAAA", "question"),)
    assert g.findings == (acc.GoldFinding("timestamp-drift", clip_line=3),)
    assert g.not_excerpt_lines == {2}
    assert g.language_pair == "ja→en"


def test_the_real_seed_gold_reads(seed_dir):
    g = acc.load_gold(seed_dir / "gold.json", seed_dir)
    assert g.article.is_file() and (g.transcripts / "G4hL5Om4IJ4.json").is_file()
    assert [e.line for e in g.excerpts] == [33, 35, 38, 40, 44, 46, 49, 51]
    assert all(e.in_video for e in g.excerpts)


def test_every_sample_gold_reads_and_an_oracle_report_scores_perfectly():
    paths = sorted((SAMPLES / "gold").rglob("*.gold.json"))
    assert len(paths) >= 10
    total = acc.Scores()
    for path in paths:
        doc = json.loads(path.read_text(encoding="utf-8"))
        g = acc.load_gold(path, SAMPLES)
        assert g.article.is_file(), path
        total = total.add(acc.score(g, oracle_report(doc)))
    assert total.precision == total.recall == total.f1 == 1.0
    assert total.unsupported_precision == total.unsupported_recall == 1.0
    assert total.median_start_error == 0.0
    assert all(found == gold_count for gold_count, found in total.findings.values())
    assert total.gold_unsupported >= 5 and total.gold_links >= 40


def test_the_seed_gold_scores_perfectly_against_its_own_oracle(seed_dir):
    doc = json.loads((seed_dir / "gold.json").read_text(encoding="utf-8"))
    r = report(*[excerpt(t["line"], "supported", t["gold_start"], t["gold_end"]) for t in doc["turns"]],
               clip_line=doc["embed"]["line"], video=doc["video_id"], clip_findings=["timestamp-drift"])
    s = acc.score(acc.load_gold(seed_dir / "gold.json", seed_dir), r)
    assert s.f1 == 1.0 and s.findings == {"timestamp-drift": [1, 1]}


# --- running a checker --------------------------------------------------------------------------


def fake_command(tmp_path: Path, body: str) -> list[str]:
    """A stand-in for `python -m clipnote`: a script that receives `check ARTICLE ...`."""
    script = tmp_path / "fake_clipnote.py"
    script.write_text("import json, sys\nargs = sys.argv[1:]\n" + body, encoding="utf-8")
    return [sys.executable, str(script)]


def test_run_check_passes_the_options_and_takes_this_articles_report_from_a_list(tmp_path):
    g = acc.Gold(name="t", article=tmp_path / "post.md", transcripts=tmp_path / "tr", excerpts=())
    command = fake_command(tmp_path, (
        "assert args[0] == 'check' and '--offline' in args and args[args.index('--format') + 1] == 'json'\n"
        "assert args[args.index('--transcripts') + 1].endswith('tr')\n"
        "print(json.dumps([{'article': {'path': 'other.md'}, 'clips': []},\n"
        "                  {'article': {'path': args[1]}, 'clips': [], 'mine': True}]))\n"
        "sys.exit(1)\n"))
    doc, error = acc.run_check(g, command, timeout=60)
    assert error is None and doc["mine"] is True


def test_run_check_turns_a_failing_checker_into_one_line(tmp_path):
    g = acc.Gold(name="t", article=tmp_path / "post.md", transcripts=None, excerpts=())
    command = fake_command(tmp_path, "print('Traceback...', file=sys.stderr)\n"
                                     "print(\"Error: No such command 'check'.\", file=sys.stderr)\nsys.exit(2)\n")
    assert acc.run_check(g, command, timeout=60) == (None, "clipnote check exited 2: Error: No such command 'check'.")
    command = fake_command(tmp_path, "print('not json')\n")
    assert acc.run_check(g, command, timeout=60) == (None, "clipnote check printed no JSON report")
    command = fake_command(tmp_path, "import time\ntime.sleep(30)\n")
    doc, error = acc.run_check(g, command, timeout=0.5)
    assert doc is None and "timed out" in error


def _write_fake_python(tmp_path: Path, golds: dict[str, dict]) -> Path:
    """An 'interpreter' for --python that answers `-m clipnote check ARTICLE` with the oracle report."""
    data = tmp_path / "oracle.json"
    data.write_text(json.dumps({k: oracle_report(v) for k, v in golds.items()}), encoding="utf-8")
    return executable_script(tmp_path / "fakepython", (
        "import json, sys, pathlib\n"
        "args = sys.argv[1:]\n"
        "assert args[:3] == ['-m', 'clipnote', 'check'], args\n"
        f"reports = json.loads(pathlib.Path({str(data)!r}).read_text())\n"
        "article = pathlib.Path(args[3]).resolve().as_posix()\n"
        "hit = [v for k, v in reports.items() if article.endswith(k)]\n"
        "if not hit:\n"
        "    print('clipnote: error: no such article', file=sys.stderr); sys.exit(2)\n"
        "print(json.dumps(hit[0]))\n"))


def test_main_scores_a_samples_folder_end_to_end(tmp_path, capsys):
    samples = tmp_path / "samples"
    (samples / "gold" / "blog").mkdir(parents=True)
    (samples / "blog").mkdir()
    (samples / "blog" / "post.md").write_text("---\ntitle: t\n---\n", encoding="utf-8")
    (samples / "blog" / "broken.md").write_text("---\ntitle: t\n---\n", encoding="utf-8")
    good = {"schema": "clipnote/gold@1", "article": "blog/post.md", "language": "en",
            "transcripts": {},
            "clips": [{"line": 5, "video_id": "vidAAAAAAAA", "start": 0}],
            "excerpts": [{"line": 7, "end_line": 7, "clip_line": 5, "video_id": "vidAAAAAAAA", "in_video": True,
                          "gold_start": 10.0, "gold_end": 20.0, "role": "quote"},
                         {"line": 9, "end_line": 9, "clip_line": 5, "video_id": "vidAAAAAAAA", "in_video": False,
                          "gold_start": None, "gold_end": None, "role": "quote"}],
            "findings": [{"kind": "unsupported-quote", "line": 9}]}
    broken = dict(good, article="blog/broken.md")
    (samples / "gold" / "blog" / "post.gold.json").write_text(json.dumps(good), encoding="utf-8")
    (samples / "gold" / "blog" / "broken.gold.json").write_text(json.dumps(broken), encoding="utf-8")
    fake = _write_fake_python(tmp_path, {"blog/post.md": good})  # no report for broken.md

    assert acc.main(["--samples", str(samples), "--no-seed", "--json", "--python", str(fake)]) == 0
    out = capsys.readouterr()
    result = json.loads(out.out)
    assert result["total"]["files"] == 2
    assert result["total"]["links"] == {"gold": 2, "predicted": 1, "true": 1, "precision": 1.0,
                                        "recall": 0.5, "f1": pytest.approx(2 / 3), "iou_min": 0.5}
    assert result["total"]["unsupported"]["true"] == 1 and result["total"]["unsupported"]["gold"] == 2
    assert len(result["total"]["failed"]) == 1 and "broken" in result["total"]["failed"][0]
    errors = [line for line in out.err.splitlines() if line]
    assert len(errors) == 1 and "broken.md" in errors[0] and "exited 2" in errors[0]

    assert acc.main(["--samples", str(samples), "--no-seed", "--verbose", "--python", str(fake)]) == 0
    text = capsys.readouterr().out
    assert "links at IoU >= 0.5" in text and "per file:" in text and "FAILED" in text and "en→?" in text


def test_main_says_so_when_there_is_nothing_to_score(tmp_path, capsys):
    assert acc.main(["--samples", str(tmp_path), "--no-seed"]) == 2
    assert "no gold folder" in capsys.readouterr().err
    assert acc.main(["--samples", str(SAMPLES), "--seed", str(tmp_path)]) == 2
    assert "no gold.json" in capsys.readouterr().err


def test_calibration_figures():
    from accuracy import Scores

    s = Scores()
    s.calibration = [(0.9, True), (0.9, True), (0.9, False), (0.1, False), (0.1, False)]
    assert s.brier == pytest.approx((0.01 * 2 + 0.81 + 0.01 * 2) / 5)
    bins = s.reliability()
    assert [(n, round(r, 3)) for _, _, n, r in bins] == [(2, 0.0), (3, 0.667)]
    assert s.ece == pytest.approx((2 * 0.1 + 3 * abs(0.9 - 2 / 3)) / 5)
