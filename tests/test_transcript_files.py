"""Transcript files: every format we read, the names we recognise, the JSON we write."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from clipnote.model import Segment, Transcript, Word
from clipnote.transcripts import CorruptTranscriptFile, dumps_transcript, load_transcript_file, save_snapshot
from clipnote.transcripts.files import atomic_write_text, find_transcript_files, parse_file_name, pick_file
from clipnote.transcripts.formats import format_srt, format_vtt

DATA = Path(__file__).parent / "data" / "transcripts"


def texts(t: Transcript) -> list[str]:
    return [s.text for s in t.segments]


def test_youtube_transcript_api_raw_json():
    t = load_transcript_file(DATA / "rawJsonList.json")
    assert t.video_id == "rawJsonList" and t.language is None and t.generated is None
    assert texts(t) == ["we started with a small team", "and a very large ambition"]  # empty one dropped
    assert t.segments[1].start == 3.0 and t.segments[1].duration == 2.25


def test_clipnote_json_keeps_everything():
    t = load_transcript_file(DATA / "clipnoteOwn.json")
    assert (t.video_id, t.language, t.generated, t.provider) == ("clipnoteOwn", "en", True, "youtube-asr")
    assert (t.title, t.channel, t.duration, t.fetched_at) == ("A made-up talk", "clipnote tests", 61.5,
                                                             "2026-11-27T14:00:00Z")
    assert t.alternatives == ("de", "ja") and t.origin == "youtube-transcript-api"
    assert t.segments[0].words == (Word(0.0, "hello"), Word(0.6, "and"), Word(0.9, "welcome"))
    assert t.segments[1].words == ()


def test_youtube_rolling_vtt_is_deduplicated_and_keeps_word_times():
    t = load_transcript_file(DATA / "rollingVtt0.en.vtt")
    assert t.language == "en" and t.generated is True and t.video_id == "rollingVtt0"
    assert texts(t) == ["so the question is", "how fast can it go", "[Music]", "ten thousand watts"]
    first = t.segments[0]
    assert (first.start, first.duration) == (0.0, 2.11)
    assert first.words == (Word(0.0, "so"), Word(0.32, "the"), Word(0.64, "question"), Word(1.2, "is"))
    assert t.segments[1].words[0] == Word(2.12, "how") and t.segments[1].words[-1] == Word(3.7, "go")
    assert t.segments[3].words == (Word(6.0, "ten"), Word(6.5, "thousand"), Word(7.1, "watts"))


def test_plain_vtt_with_notes_styles_ids_voices_and_a_real_repeat():
    t = load_transcript_file(DATA / "plainVtt000.en.vtt")
    assert texts(t) == ["Welcome & thanks for coming.", "Thank you, Alice.", "Yes.", "Yes."]
    assert t.segments[0].start == 1.0 and t.segments[0].duration == 3.5  # mm:ss.ttt form
    assert t.segments[0].words == () and t.generated is None


def test_srt_with_tags_entities_and_multiline_cues():
    t = load_transcript_file(DATA / "srtSubs0000.en.srt")
    assert texts(t) == ["Hello there.", "It is 10,000 watts, give or take.", "Fish & chips."]
    assert (t.segments[1].start, t.segments[1].duration) == (3.0, 2.5)
    assert t.language == "en"


def test_srt_with_crlf_and_bom(tmp_path):
    path = tmp_path / "crlfSrt0000.srt"
    path.write_bytes("\ufeff1\r\n00:00:01,500 --> 00:00:02,000\r\nOne.\r\n\r\n2\r\n00:00:02,000 --> 00:00:03,000\r\nTwo.\r\n".encode())
    assert texts(load_transcript_file(path)) == ["One.", "Two."]


def test_rolling_captions_converted_to_srt_are_deduplicated_too(tmp_path):
    path = tmp_path / "rollingSrt0.en.srt"
    path.write_text("1\n00:00:00,000 --> 00:00:02,000\nfirst line\n\n2\n00:00:02,000 --> 00:00:02,010\nfirst line\n\n"
                    "3\n00:00:02,010 --> 00:00:04,000\nfirst line\nsecond line\n\n")
    assert texts(load_transcript_file(path)) == ["first line", "second line"]


def test_json3_speech_recognition_keeps_word_offsets():
    t = load_transcript_file(DATA / "json3Asr000.en.json3")
    assert t.generated is True and t.language == "en"
    assert texts(t) == ["we built a chip", "for training"]
    assert t.segments[0].start == 0.12 and t.segments[0].duration == 3.8
    assert t.segments[0].words == (Word(0.12, "we"), Word(0.52, "built"), Word(1.02, "a"), Word(1.22, "chip"))
    assert t.segments[1].words == (Word(2.01, "for"), Word(2.31, "training"))


def test_json3_manual_captions_have_no_words():
    t = load_transcript_file(DATA / "json3Manual.de.json3")
    assert texts(t) == ["Guten Tag.", "Willkommen zur Sendung."]
    assert all(s.words == () for s in t.segments) and t.generated is None and t.language == "de"


def test_yt_dlp_original_track_name_means_generated(tmp_path):
    path = tmp_path / "json3Asr000.en-orig.json3"
    path.write_text((DATA / "json3Asr000.en.json3").read_text())
    t = load_transcript_file(path)
    assert t.language == "en" and t.generated is True


@pytest.mark.parametrize("name, parsed", [
    ("G4hL5Om4IJ4.json", ("G4hL5Om4IJ4", None, "json")),
    ("G4hL5Om4IJ4.en.vtt", ("G4hL5Om4IJ4", "en", "vtt")),
    ("G4hL5Om4IJ4.en-US.srt", ("G4hL5Om4IJ4", "en-US", "srt")),
    ("G4hL5Om4IJ4.zh-Hant.json3", ("G4hL5Om4IJ4", "zh-Hant", "json3")),
    ("G4hL5Om4IJ4.en-orig.json3", ("G4hL5Om4IJ4", "en-orig", "json3")),
    ("Jim Keller - Lex Fridman Podcast #162 [G4hL5Om4IJ4].en.vtt", ("G4hL5Om4IJ4", "en", "vtt")),
    ("-abc_DEF-12.ja.json", ("-abc_DEF-12", "ja", "json")),
])
def test_file_names(name, parsed):
    f = parse_file_name(name)
    assert (f.video_id, f.language, f.fmt) == parsed


@pytest.mark.parametrize("name", ["G4hL5Om4IJ.json", "G4hL5Om4IJ4.txt", "notes.json", ".G4hL5Om4IJ4.json.x.tmp",
                                  "G4hL5Om4IJ4x.json", "G4hL5Om4IJ4.en.vtt.bak"])
def test_names_that_are_not_transcripts(name):
    assert parse_file_name(name) is None


def test_picking_a_file_by_language_and_format(tmp_path):
    vid = "G4hL5Om4IJ4"
    for name in (f"{vid}.de.vtt", f"{vid}.en.srt", f"{vid}.en.json3", f"other [{vid}].ja.vtt", "aaaaaaaaaaa.json"):
        (tmp_path / name).write_text("x")
    files = find_transcript_files(tmp_path, vid)
    assert sorted(f.path.name for f in files) == sorted([f"{vid}.de.vtt", f"{vid}.en.srt", f"{vid}.en.json3",
                                                         f"other [{vid}].ja.vtt"])
    assert pick_file(files, ["en"]).path.name == f"{vid}.en.json3"  # JSON keeps word times: preferred
    assert pick_file(files, ["fr", "ja"]).path.name == f"other [{vid}].ja.vtt"
    assert pick_file(files, ["en-GB"]).path.name == f"{vid}.en.json3"  # en serves en-GB
    assert pick_file(files, ["fr"]) is None
    (tmp_path / f"{vid}.json").write_text("x")
    files = find_transcript_files(tmp_path, vid)
    assert pick_file(files, []).path.name == f"{vid}.json"
    assert pick_file(files, ["en"]).path.name == f"{vid}.en.json3"  # a named language beats an unnamed file
    assert pick_file(files, ["fr"]).path.name == f"{vid}.json"  # an unnamed file may hold anything


@pytest.mark.parametrize("name, content, reason", [
    ("badJson0000.json", '{"schema": "clipnote/transcript@1",', "invalid JSON at line 1"),
    ("emptyList00.json", "[]", "holds no captions"),
    ("wrongShape0.json", '{"hello": 1}', "neither clipnote's"),
    ("newSchema00.json", '{"schema": "clipnote/transcript@9", "segments": []}', "newer than this clipnote"),
    ("noText00000.json", '[{"start": 1, "duration": 2}]', "segment 0 has no text"),
    ("badStart000.json", '[{"text": "a", "start": "soon", "duration": 2}]', "segment 0 start is not a number"),
    ("negStart000.json", '[{"text": "a", "start": -4, "duration": 2}]', "segment 0 start is not a time"),
    ("noCues00000.en.vtt", "WEBVTT\n\nNOTE nothing here\n", "holds no captions"),
    ("json3Bad000.json3", '{"events": [{"segs": [{"utf8": "x"}]}]}', "missing field 'tStartMs'"),
    ("wrongVideo0.json", '{"schema": "clipnote/transcript@1", "video_id": "otherVideo0", "segments": '
                         '[{"start": 0, "duration": 1, "text": "a"}]}', "holds video otherVideo0"),
])
def test_corrupt_files_are_named_with_the_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(CorruptTranscriptFile) as caught:
        load_transcript_file(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: not a transcript clipnote can read") and reason in message
    assert "\n" not in message and caught.value.path == str(path)


def test_binary_and_missing_files(tmp_path):
    binary = tmp_path / "binaryFile0.json"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\xff\xfe")
    with pytest.raises(CorruptTranscriptFile, match="not UTF-8 text"):
        load_transcript_file(binary)
    with pytest.raises(CorruptTranscriptFile, match="No such file"):
        load_transcript_file(tmp_path / "missingFile.json")


def sample_transcript(**kw) -> Transcript:
    base = dict(video_id="G4hL5Om4IJ4", language="en", source="youtube", generated=True,
                segments=(Segment(0.0, 2.5, "hello \"world\"", (Word(0.0, "hello"), Word(0.8, "\"world\""))),
                          Segment(2.5, 1.25, "日本語も")),
                title="T", channel="C", duration=9.0, provider="youtube-asr",
                fetched_at="2026-11-27T14:00:00Z", alternatives=("de",), origin="youtube-transcript-api")
    base.update(kw)
    return Transcript(**base)


def test_snapshot_round_trip_and_git_friendly_layout(tmp_path):
    t = sample_transcript()
    path = save_snapshot(t, tmp_path / ".clipnote" / "transcripts")
    assert path == tmp_path / ".clipnote" / "transcripts" / "G4hL5Om4IJ4.json"
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["schema"] == "clipnote/transcript@1" and data["source"] == "youtube-transcript-api"
    assert data["versions"]["clipnote"] == "0.1.0" and data["versions"]["youtube-transcript-api"]
    assert "日本語も" in text  # readable, not \u-escaped
    segment_lines = [line for line in text.splitlines() if line.startswith('  {"start"')]
    assert len(segment_lines) == 2  # one segment per line: small diffs when a snapshot changes
    back = load_transcript_file(path, source="snapshot")
    assert back.segments == t.segments
    assert (back.language, back.generated, back.title, back.channel, back.duration, back.provider, back.origin,
            back.alternatives) == ("en", True, "T", "C", 9.0, "youtube-asr", "youtube-transcript-api", ("de",))
    assert oct(path.stat().st_mode & 0o777) == "0o644"
    assert [p.name for p in path.parent.iterdir()] == ["G4hL5Om4IJ4.json"]  # no temporary left behind


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 20000, allow_nan=False), st.floats(0, 60, allow_nan=False),
                          st.text(min_size=1, max_size=40)), min_size=1, max_size=8))
def test_clipnote_json_round_trips_any_text(tmp_path_factory, items):
    segments = tuple(Segment(round(a, 3), round(b, 3), t2) for a, b, t in items
                     if (t2 := " ".join(t.split())))
    if not segments:
        return
    path = tmp_path_factory.mktemp("rt") / "G4hL5Om4IJ4.json"
    path.write_text(dumps_transcript(sample_transcript(segments=segments)), encoding="utf-8")
    assert load_transcript_file(path).segments == segments


def test_atomic_write_failure_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "G4hL5Om4IJ4.json"
    path.write_text("old")

    def boom(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", boom)
    with pytest.raises(OSError):
        atomic_write_text(path, "new")
    assert path.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["G4hL5Om4IJ4.json"]


def test_two_threads_writing_one_snapshot_leave_one_whole_file(tmp_path):
    a = sample_transcript(title="A" * 5000)
    b = sample_transcript(title="B" * 5000)
    errors = []

    def write(t):
        try:
            for _ in range(30):
                save_snapshot(t, tmp_path)
        except Exception as e:  # pragma: no cover - the assertion below reports it
            errors.append(e)

    threads = [threading.Thread(target=write, args=(t,)) for t in (a, b)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors
    assert load_transcript_file(tmp_path / "G4hL5Om4IJ4.json").title in ("A" * 5000, "B" * 5000)
    assert [p.name for p in tmp_path.iterdir()] == ["G4hL5Om4IJ4.json"]


def test_srt_and_vtt_writers_end_a_cue_where_the_next_begins():
    segs = (Segment(0.0, 5.0, "one"), Segment(3.5, 2.0, "two"), Segment(3661.25, 1.0, "three"))
    assert format_srt(segs) == ("1\n00:00:00,000 --> 00:00:03,500\none\n\n2\n00:00:03,500 --> 00:00:05,500\ntwo\n\n"
                                "3\n01:01:01,250 --> 01:01:02,250\nthree\n\n")
    vtt = format_vtt(segs, "en")
    assert vtt.startswith("WEBVTT\nLanguage: en\n\n00:00:00.000 --> 00:00:03.500\none\n")


def test_written_srt_and_vtt_read_back(tmp_path):
    segs = (Segment(0.0, 2.0, "one"), Segment(2.0, 2.0, "two"))
    (tmp_path / "G4hL5Om4IJ4.en.srt").write_text(format_srt(segs))
    (tmp_path / "G4hL5Om4IJ4.en.vtt").write_text(format_vtt(segs))
    for name in ("G4hL5Om4IJ4.en.srt", "G4hL5Om4IJ4.en.vtt"):
        assert load_transcript_file(tmp_path / name).segments == segs
