"""The real-article benchmark (benchmarks/realworld.py) scores right, on hand-written gold/report pairs.

Every gold passage and report here is made up for the test; only the last test reads ../shared,
and it skips when that folder is absent.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SHARED, executable_script, need

_spec = importlib.util.spec_from_file_location("realworld", ROOT / "benchmarks" / "realworld.py")
rw = importlib.util.module_from_spec(_spec)
sys.modules["realworld"] = rw
_spec.loader.exec_module(rw)


# --- helpers -----------------------------------------------------------------------------------


def passage(line, verdict="translation", start=None, end=None, **extra):
    item = {"line": line, "text": f"passage on line {line}", "kind": extra.pop("kind", "quote"),
            "verdict": verdict, "gold_start": start, "gold_end": end, **extra}
    return item


def key_point(line, start, end, claimed, **extra):
    return passage(line, "on-topic", start, end, kind="key-point", claimed_start=claimed, **extra)


def finding(kind, severity="warning", line=None, **data):
    return {"kind": kind, "severity": severity, "message": kind, "data": data, "line": line}


def excerpt(line, verdict, start=None, end=None, findings=(), role="quote", end_line=None):
    match = None if start is None else {"start": start, "end": end, "score": 0.8}
    return {"line": line, "end_line": end_line, "role": role, "verdict": verdict, "match": match,
            "findings": list(findings)}


def clip(*excerpts, line=5, findings=()):
    return {"video_id": "vidAAAAAAAA", "line": line, "start": None, "findings": list(findings),
            "excerpts": list(excerpts)}


def report(*clips):
    return {"schema": "clipnote/report@1", "article": {"path": "article.md"}, "clips": list(clips)}


def score(gold_items, rep):
    return rw.score(rw.read_gold(gold_items), rep)


def counts(s, *keys):
    return tuple(s.counts[k] for k in keys)


# --- a perfect report ----------------------------------------------------------------------------


PERFECT_GOLD = [
    passage(10, "translation", 100, 110, speaker_claimed="Ada", speaker_actual="Ada Lovelace"),
    passage(12, "loose-paraphrase", 200, 230),
    passage(14, "not-found"),
    passage(16, "verbatim", 300, 305, claimed_start=250, speaker_claimed="Ada", speaker_actual="Bob"),
    key_point(20, 600, 900, claimed=610),
]


def perfect_report():
    return report(clip(
        excerpt(10, "supported", 100, 110),
        excerpt(12, "weak", 202, 228, findings=[finding("weak-match", "info")]),
        excerpt(14, "unsupported", findings=[finding("unsupported-quote", "error")]),
        excerpt(16, "supported", 300, 305, findings=[finding("timestamp-drift", "info"),
                                                     finding("speaker-mismatch", "info")]),
        excerpt(20, "supported", 605, 640, role="topic")))


def test_a_perfect_report_meets_every_target():
    s = score(PERFECT_GOLD, perfect_report())
    assert s.counts["found"] == (5, 5)
    assert s.counts["faithful_placed"] == (2, 2)
    assert s.counts["in_video_placed"] == (3, 3)  # key points are scored on their own row
    assert counts(s, "faithful_unsupported", "faithful_weak") == ((0, 2), (0, 2))
    assert counts(s, "not_found_unsupported", "not_found_supported") == ((1, 1), (0, 1))
    assert counts(s, "claims_off", "drift_found") == ((1, 2), (1, 1))
    assert s.counts["key_points_placed"] == (1, 1)
    assert counts(s, "speaker_reported", "speaker_false") == ((1, 1), (0, 1))
    assert s.counts["noise"] == (0, 2)  # the info findings on faithful passages are no noise
    assert s.counts["findings_per_excerpt"] == (4, 5)
    assert s.misses == () and not s.failed
    assert all(row.met(*s.counts[row.key]) for row in rw.ROWS if row.target)


def test_a_failed_check_counts_as_finding_nothing():
    s = score(PERFECT_GOLD, None)
    assert s.failed and s.excerpts == 0
    assert s.counts["found"] == (0, 5)
    assert s.counts["faithful_placed"] == (0, 2) and s.counts["key_points_placed"] == (0, 1)
    assert s.counts["not_found_unsupported"] == (0, 1)
    assert s.counts["drift_found"] == (0, 0)  # nothing placed, so nothing to expect a drift on
    assert s.counts["speaker_reported"] == (0, 1)
    assert {m.line for m in s.misses} == {10, 12, 14, 16, 20}
    assert all("not found (the report has no excerpts)" in m.problem for m in s.misses)


# --- found: line ±1 ------------------------------------------------------------------------------


def test_an_excerpt_one_line_off_is_found_but_not_one_on_another_passages_line():
    gold = [passage(10, "translation", 100, 110), passage(11, "translation", 120, 130),
            passage(20, "translation", 200, 210), passage(30, "translation", 300, 310)]
    rep = report(clip(excerpt(11, "supported", 120, 130), excerpt(21, "supported", 200, 210),
                      excerpt(32, "supported", 300, 310)))
    s = score(gold, rep)
    assert s.counts["found"] == (2, 4)  # 10 may not take 11's excerpt; 32 is two lines off
    assert s.counts["faithful_placed"] == (2, 4)
    missed = {m.line: m.problem for m in s.misses}
    assert set(missed) == {10, 30}
    assert "nearest excerpt at line 11" in missed[10] and "nearest excerpt at line 32" in missed[30]
    rep = report(clip(excerpt(21, "weak", 200, 210)))
    (miss,) = score([passage(20, "translation", 200, 210)], rep).misses
    assert miss.got_line == 21
    text = rw.render_text([(rw.Case("c", Path("a.md"), Path("t"), ()), rw.CaseScore(
        {k: (0, 0) for k in rw.ROW_KEYS}, (miss,)))], verbose=True)
    assert "faithful, called weak (excerpt on line 21)" in text


def test_the_excerpt_on_the_passages_own_line_wins_and_a_key_point_prefers_a_topic():
    gold = [passage(10, "translation", 100, 110), key_point(20, 500, 800, claimed=500)]
    rep = report(clip(excerpt(9, "supported", 400, 410), excerpt(10, "unsupported"),
                      excerpt(20, "weak", 100, 110), excerpt(20, "supported", 510, 520, role="topic")))
    s = score(gold, rep)
    assert s.counts["faithful_unsupported"] == (1, 1)  # line 10's own excerpt, not line 9's
    assert s.counts["key_points_placed"] == (1, 1)


# --- placed --------------------------------------------------------------------------------------


@pytest.mark.parametrize("start, end, placed", [
    (109.0, 140.0, True),    # within 10 s of the start
    (111.0, 125.0, False),   # 11 s off, IoU 14/50
    (111.0, 150.0, True),    # 11 s off but IoU 39/50 >= 0.5
    (20.0, 25.0, True),      # on the repeat (also_at)
    (None, None, False),     # no match at all
])
def test_placed_means_within_10_s_or_iou_at_least_half(start, end, placed):
    gold = [passage(10, "translation", 100, 150, also_at={"start": 15, "end": 25})]
    s = score(gold, report(clip(excerpt(10, "supported", start, end))))
    assert s.counts["faithful_placed"] == (int(placed), 1)
    assert s.counts["in_video_placed"] == (int(placed), 1)


def test_a_misplaced_passage_says_how_far_off_it_is():
    gold = [passage(10, "loose-paraphrase", 100, 110)]
    s = score(gold, report(clip(excerpt(10, "weak", 160, 170))))
    assert s.counts["in_video_placed"] == (0, 1) and s.counts["faithful_placed"] == (0, 0)
    (miss,) = s.misses
    assert miss.problem == "placed +60 s off (> 10 s)"
    assert (miss.gold_start, miss.got_start, miss.got_verdict) == (100, 160, "weak")


def test_key_points_are_placed_within_60_s_of_the_topic_or_its_repeat():
    gold = [key_point(20, 600, 900, claimed=600), key_point(21, 1000, 1200, claimed=1000),
            key_point(22, 2000, 2100, claimed=2000, also_at={"start": 0, "end": 60}),
            key_point(23, None, None, claimed=3000)]
    rep = report(clip(excerpt(20, "supported", 659, 700), excerpt(21, "supported", 1061, 1100),
                      excerpt(22, "weak", 30, 50), excerpt(23, "unsupported")))
    s = score(gold, rep)
    assert s.counts["key_points_placed"] == (2, 3)  # the topic not in the video is not scored for place
    assert s.counts["found"] == (4, 4)
    assert [m.line for m in s.misses] == [21]
    assert "(> 60 s)" in s.misses[0].problem


# --- verdicts ------------------------------------------------------------------------------------


def test_faithful_passages_called_unsupported_or_weak_and_not_found_ones_called_supported():
    gold = [passage(10, "translation", 100, 110), passage(12, "near-verbatim", 120, 130),
            passage(14, "verbatim", 140, 150), passage(16, "summary", 160, 170),
            passage(18, "not-found"), passage(20, "not-found"), passage(22, "not-found")]
    rep = report(clip(excerpt(10, "unsupported", 100, 110), excerpt(12, "weak", 120, 130),
                      excerpt(14, "supported", 140, 150), excerpt(16, "unsupported"),
                      excerpt(18, "supported", 500, 510), excerpt(20, "weak", 600, 610),
                      excerpt(22, "unsupported")))
    s = score(gold, rep)
    assert counts(s, "faithful_unsupported", "faithful_weak") == ((1, 3), (1, 3))
    assert counts(s, "not_found_unsupported", "not_found_supported") == ((1, 3), (1, 3))
    # an unsupported verdict still places a passage when its match is right
    assert s.counts["faithful_placed"] == (3, 3)
    problems = {m.line: m.problem for m in s.misses}
    assert problems[18] == "not in the video, called supported"
    assert problems[20] == "not in the video, called weak"
    assert problems[10].startswith("faithful, called unsupported")
    assert 16 in problems and 22 not in problems and 14 not in problems


# --- drift ---------------------------------------------------------------------------------------


def drift_gold():
    return [passage(10, "translation", 100, 110, claimed_start=200),   # 100 s off
            passage(20, "translation", 300, 310, claimed_start=320),   # 20 s off: nothing to expect
            passage(30, "translation", 400, 410, claimed_start=10, also_at={"start": 0, "end": 12})]


def test_drift_is_expected_only_on_placed_passages_whose_claim_is_more_than_30_s_off():
    rep = report(clip(excerpt(10, "supported", 100, 110)),
                 clip(excerpt(20, "supported", 300, 310), excerpt(30, "supported", 400, 410), line=19))
    s = score(drift_gold(), rep)
    # line 30's claim lands on the repeat of the words, so it is not off
    assert s.counts["claims_off"] == (1, 3)
    assert s.counts["drift_found"] == (0, 1)
    (miss,) = s.misses
    assert miss.line == 10 and "claimed 3:20 is 100 s off; no drift finding" in miss.problem
    # not placed: no drift expected
    s = score(drift_gold(), report(clip(excerpt(10, "supported", 150, 160))))
    assert s.counts["drift_found"] == (0, 0)


@pytest.mark.parametrize("where, found", [
    ("excerpt", True),
    ("clip", True),                 # a clip finding naming no excerpt counts for all its excerpts
    ("clip-naming-this", True),
    ("clip-naming-other", False),   # it is about another excerpt
    ("other-clip", False),
    ("drift-like-kind", True),      # any kind that says drift
    ("other-kind", False),
])
def test_a_drift_finding_counts_from_the_excerpt_or_its_clip(where, found):
    ex_findings, clip_findings, other_findings = [], [], []
    if where == "excerpt":
        ex_findings.append(finding("timestamp-drift", line=10))
    elif where == "clip":
        clip_findings.append(finding("timestamp-drift", line=5))
    elif where == "clip-naming-this":
        clip_findings.append(finding("timestamp-drift", line=5, excerpt_line=10))
    elif where == "clip-naming-other":
        clip_findings.append(finding("timestamp-drift", line=12))
    elif where == "other-clip":
        other_findings.append(finding("timestamp-drift", line=40))
    elif where == "drift-like-kind":
        ex_findings.append(finding("passage-drift"))
    else:
        ex_findings.append(finding("label-mismatch"))
    rep = report(clip(excerpt(10, "supported", 100, 110, findings=ex_findings), excerpt(12, "supported", 300, 310),
                      findings=clip_findings),
                 clip(excerpt(41, "supported", 500, 510), line=40, findings=other_findings))
    s = score([passage(10, "translation", 100, 110, claimed_start=200)], rep)
    assert s.counts["drift_found"] == (int(found), 1)


def test_a_clip_finding_on_a_clip_that_is_its_excerpts_own_line_is_the_excerpts():
    # a `[Speaker][mm:ss]` bullet: the clip (its label) and the excerpt share the line
    gold = [passage(10, "translation", 100, 110, claimed_start=200), passage(12, "translation", 300, 310)]
    rep = report(clip(excerpt(10, "supported", 100, 110), line=10, findings=[finding("timestamp-drift", line=10)]),
                 clip(excerpt(12, "supported", 300, 310), line=12, findings=[finding("transcript-caveat", "info", 12)]))
    s = score(gold, rep)
    assert s.counts["drift_found"] == (1, 1)
    assert s.counts["noise"] == (1, 2)


def test_a_clip_finding_on_a_line_inside_a_multi_line_excerpt_is_its_own():
    gold = [passage(10, "translation", 100, 110, claimed_start=200)]
    rep = report(clip(excerpt(10, "supported", 100, 110, end_line=13), findings=[finding("timestamp-drift", line=12)]))
    s = score(gold, rep)
    assert s.counts["drift_found"] == (1, 1)
    assert s.counts["noise"] == (1, 1)  # and it is noise on that excerpt


# --- speakers ------------------------------------------------------------------------------------


def test_speaker_labels_agree_when_the_claimed_name_is_inside_the_actual_one():
    agrees = [rw.Passage(1, "translation", speaker_claimed=c, speaker_actual=a).speaker_agrees
              for c, a in [("Sam Altman", "Garry Tan / Sam Altman"), ("simon last", "Simon Last; Sarah Sachs"),
                           ("Brian Levin", "Sarah Sachs"), (None, "Sarah Sachs"), ("Ada", None)]]
    assert agrees == [True, True, False, None, None]


def test_wrong_labels_reported_and_right_labels_reported_all_the_same():
    gold = [passage(10, "translation", 100, 110, speaker_claimed="Ada", speaker_actual="Bob"),
            passage(12, "translation", 120, 130, speaker_claimed="Ada", speaker_actual="Bob"),
            passage(14, "translation", 140, 150, speaker_claimed="Bob", speaker_actual="Bob"),
            passage(16, "translation", 160, 170, speaker_claimed="Bob", speaker_actual="Bob"),
            passage(18, "translation", 180, 190, speaker_claimed=None, speaker_actual="Bob")]
    mismatch = [finding("speaker-mismatch")]
    rep = report(clip(excerpt(10, "supported", 100, 110, findings=mismatch), excerpt(12, "supported", 120, 130),
                      excerpt(14, "supported", 140, 150, findings=mismatch), excerpt(16, "supported", 160, 170),
                      excerpt(18, "supported", 180, 190, findings=mismatch)))
    s = score(gold, rep)
    assert s.counts["speaker_reported"] == (1, 2)
    assert s.counts["speaker_false"] == (1, 2)  # line 18 claims nobody: nothing to check
    problems = {m.line: m.problem for m in s.misses}
    assert "labelled 'Ada', said by 'Bob'; not reported" in problems[12]
    assert "rightly, but reported as a speaker mismatch" in problems[14]


# --- noise ---------------------------------------------------------------------------------------


def test_noise_counts_warnings_and_errors_on_found_faithful_passages_only():
    gold = [passage(10, "translation", 100, 110), passage(12, "translation", 120, 130),
            passage(14, "loose-paraphrase", 140, 150), passage(16, "translation", 160, 170)]
    rep = report(clip(
        excerpt(10, "supported", 100, 110, findings=[finding("number-mismatch"), finding("name-missing", "error"),
                                                     finding("number-agrees", "info")]),
        excerpt(12, "supported", 120, 130),
        excerpt(14, "weak", 140, 150, findings=[finding("weak-match"), finding("omission")]),
        findings=[finding("transcript-caveat", line=5)]))
    s = score(gold, rep)
    assert s.counts["noise"] == (2, 2)  # line 16 is not found: no excerpt to be noisy
    assert s.counts["findings_per_excerpt"] == (6, 3)
    assert "faithful, but warning number-mismatch, error name-missing" in {m.line: m.problem for m in s.misses}[10]


# --- totals and output ---------------------------------------------------------------------------


def test_total_sums_the_counts_and_the_seconds():
    a = rw.score(rw.read_gold(PERFECT_GOLD), perfect_report())
    b = rw.score(rw.read_gold(PERFECT_GOLD), None)
    t = rw.total([rw.CaseScore(a.counts, a.misses, a.excerpts, seconds=2.0), rw.CaseScore(b.counts, b.misses,
                                                                                          failed=True, seconds=1.5)])
    assert t.counts["found"] == (5, 10) and t.value("found") == 0.5
    assert t.seconds == 3.5 and t.failed and t.excerpts == 5
    assert len(t.misses) == 5


def test_the_table_shows_targets_and_whether_they_are_met():
    case = rw.Case("caseA", Path("a.md"), Path("t"), rw.read_gold(PERFECT_GOLD))
    good = rw.score(case.passages, perfect_report())
    bad = rw.score(case.passages, None)
    text = rw.render_text([(case, good)], verbose=False)
    found = next(line for line in text.splitlines() if line.startswith("passages found"))
    assert "5/5" in found and "100% 5/5" in found and "≥ 95%" in found and found.endswith("yes")
    text = rw.render_text([(case, bad), (rw.replace(case, name="caseB"), good)], verbose=True)
    assert "1 failed (caseA)" in text
    found = next(line for line in text.splitlines() if line.startswith("passages found"))
    assert "0/5" in found and "50% 5/10" in found and found.endswith("NO")
    drift = next(line for line in text.splitlines() if line.startswith("drift found"))
    assert "100% 1/1" in drift and drift.endswith("yes")
    assert "caseA: 5 passage(s) to look at (the check failed)" in text
    assert "caseB: 0 passage(s) to look at" in text


def test_empty_rows_say_not_applicable():
    case = rw.Case("c", Path("a.md"), Path("t"), ())
    s = rw.score((), report())
    text = rw.render_text([(case, s)], verbose=False)
    found = next(line for line in text.splitlines() if line.startswith("passages found"))
    assert found.endswith("n/a") and "—" in found
    doc = rw.to_json([(case, s)])
    assert doc["total"]["rows"]["found"] == {"num": 0, "den": 0, "value": None}
    assert doc["targets"]["found"]["met"] is None


# --- cases on disk and the runner ----------------------------------------------------------------


def make_case(root: Path, name: str, article: str, gold: list, videos=("vidAAAAAAAA",)) -> Path:
    folder = root / name
    (folder / "transcripts").mkdir(parents=True)
    (folder / "article.md").write_text(article, encoding="utf-8")
    (folder / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    for video in videos:
        (folder / "transcripts" / f"{video}.json").write_text(
            json.dumps([{"text": "hello there", "start": 0.0, "duration": 2.0}]), encoding="utf-8")
    return folder


def test_cases_are_every_folder_with_an_article_gold_and_transcripts(tmp_path):
    make_case(tmp_path, "linked", "Watch https://youtu.be/vidAAAAAAAA?t=5\n", [passage(3, "translation", 1, 2)])
    make_case(tmp_path, "unlinked", "# Notes\nNo link here.\n", [passage(2, "not-found")], videos=("-idBBBBBBBB",))
    make_case(tmp_path, "two", "# Notes\n", [], videos=("vidAAAAAAAA", "vidCCCCCCCC"))
    (tmp_path / "incomplete").mkdir()
    (tmp_path / "incomplete" / "article.md").write_text("x", encoding="utf-8")
    cases = {c.name: c for c in rw.find_cases(tmp_path)}
    assert sorted(cases) == ["linked", "two", "unlinked"]
    assert cases["linked"].video is None
    assert cases["unlinked"].video == "-idBBBBBBBB"
    assert cases["two"].video is None  # which of two? the article must say
    assert cases["linked"].passages == (rw.Passage(3, "translation", "quote", "passage on line 3", 1.0, 2.0),)


def _write_fake_python(tmp_path: Path, reports: dict[str, dict | None]) -> Path:
    """An 'interpreter' for --python that answers `-m clipnote check CASE/article.md ...` with a
    canned report (and records its arguments), or fails like a broken checker."""
    data = tmp_path / "reports.json"
    data.write_text(json.dumps(reports), encoding="utf-8")
    return executable_script(tmp_path / "fakepython", (
        "import json, os, sys, pathlib\n"
        "args = sys.argv[1:]\n"
        "assert args[:3] == ['-m', 'clipnote', 'check'], args\n"
        "assert '--offline' in args and args[args.index('--format') + 1] == 'json'\n"
        "case = pathlib.Path(args[3]).parent\n"
        "assert args[args.index('--transcripts') + 1] == str(case / 'transcripts')\n"
        f"log = pathlib.Path({str(tmp_path / 'calls.log')!r})\n"
        "log.open('a').write(' '.join(args[4:]) + '\\n')\n"
        f"caches = pathlib.Path({str(tmp_path / 'caches.log')!r})\n"
        "caches.open('a').write(os.environ.get('CLIPNOTE_CACHE_DIR', '') + '\\n')\n"
        f"report = json.loads(pathlib.Path({str(data)!r}).read_text()).get(case.name)\n"
        "if report is None:\n"
        "    print('clipnote: error: the transcript is broken', file=sys.stderr); sys.exit(2)\n"
        "print(json.dumps(report)); sys.exit(1)\n"))


def test_main_scores_every_case_and_a_failing_one_costs_one_line(tmp_path, capsys):
    root = tmp_path / "realworld"
    make_case(root, "good", "# x\n", PERFECT_GOLD)
    make_case(root, "broken", "https://youtu.be/vidAAAAAAAA\n", [passage(3, "translation", 1, 2)])
    fake = _write_fake_python(tmp_path, {"good": perfect_report(), "broken": None})

    assert rw.main(["--root", str(root), "--json", "--python", str(fake)]) == 0
    out = capsys.readouterr()
    doc = json.loads(out.out)
    assert [c["case"] for c in doc["cases"]] == ["broken", "good"]
    assert doc["cases"][0]["failed"] and not doc["cases"][1]["failed"]
    assert doc["total"]["rows"]["found"] == {"num": 5, "den": 6, "value": pytest.approx(5 / 6)}
    assert doc["targets"]["found"]["met"] is False and doc["targets"]["not_found_supported"]["met"] is True
    assert doc["cases"][1]["seconds"] > 0 and doc["total"]["failed"] == ["broken"]
    errors = [line for line in out.err.splitlines() if line]
    assert errors == ["realworld: broken: clipnote check exited 2: clipnote: error: the transcript is broken"]
    calls = (tmp_path / "calls.log").read_text().splitlines()
    assert len(calls) == 2
    assert sum(c.endswith("--video=vidAAAAAAAA") for c in calls) == 1  # good's article links no video
    assert sum("--video" in c for c in calls) == 1

    assert rw.main(["--root", str(root), "--cases", "good", "--verbose", "--python", str(fake)]) == 0
    text = capsys.readouterr().out
    assert "1 case(s), 0 failed" in text and "broken" not in text
    assert "good: 0 passage(s) to look at, checked with --video=vidAAAAAAAA" in text


def test_cold_checks_each_case_with_its_own_empty_cache(tmp_path, capsys, monkeypatch):
    root = tmp_path / "realworld"
    make_case(root, "one", "# x\n", [])
    make_case(root, "two", "# x\n", [])
    fake = _write_fake_python(tmp_path, {"one": report(), "two": report()})
    monkeypatch.setenv("CLIPNOTE_CACHE_DIR", str(tmp_path / "warm"))
    assert rw.main(["--root", str(root), "--cold", "--python", str(fake)]) == 0
    caches = (tmp_path / "caches.log").read_text().splitlines()
    assert len(set(caches)) == 2 and str(tmp_path / "warm") not in caches
    assert all(not Path(c).exists() for c in caches)  # cleaned up
    assert rw.os.environ["CLIPNOTE_CACHE_DIR"] == str(tmp_path / "warm")
    rw.main(["--root", str(root), "--python", str(fake)])
    assert (tmp_path / "caches.log").read_text().splitlines()[-1] == str(tmp_path / "warm")


def test_main_says_so_when_there_is_nothing_to_score(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CLIPNOTE_SHARED", str(tmp_path / "absent"))
    assert rw.main([]) == 0
    assert "absent" in capsys.readouterr().err
    assert rw.main(["--root", str(tmp_path / "nope")]) == 2
    assert "no such folder" in capsys.readouterr().err
    make_case(tmp_path / "rw", "one", "# x\n", [])
    assert rw.main(["--root", str(tmp_path / "rw"), "--cases", "one,two"]) == 2
    err = capsys.readouterr().err
    assert "no such case" in err and "two" in err and "one," not in err
    (tmp_path / "empty").mkdir()
    assert rw.main(["--root", str(tmp_path / "empty")]) == 2


# --- the real thing --------------------------------------------------------------------------------


@pytest.mark.shared
def test_the_harness_runs_clipnote_on_the_smallest_real_case(capsys):
    root = need(SHARED / "realworld")
    cases = rw.find_cases(root)
    assert cases, f"no cases in {root}"
    smallest = min(cases, key=lambda c: (sum(f.stat().st_size for f in (c.article, *c.transcripts.iterdir())), c.name))
    gold = smallest.passages
    assert rw.main(["--root", str(root), "--cases", smallest.name, "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    (case,) = doc["cases"]
    assert case["case"] == smallest.name and not case["failed"]
    assert case["rows"]["found"]["den"] == len(gold)
    assert case["rows"]["key_points_placed"]["den"] == sum(p.is_key_point and p.in_video for p in gold)
    assert case["rows"]["faithful_placed"]["den"] == sum(p.faithful and p.in_video for p in gold)
