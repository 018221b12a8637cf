"""Findings (DESIGN §6) on our own invented talk."""

import pytest

from clipnote import model as M
from clipnote.align import align_clip, prepare_transcript
from clipnote.align.embed import default_encoder
from clipnote.checks import check_clip
from clipnote.model import Clip, Segment, Transcript

from talk_fixture import quote, talk_transcript


def run(transcript, quotes, start=60.0, **clip_fields):
    pt = prepare_transcript(transcript, default_encoder())
    clip = Clip(video_id=transcript.video_id, start=start, end=None, path="post.md", line=5,
                raw="{{< youtube Bq3ZkT7mW2e >}}", excerpts=tuple(quotes), **clip_fields)
    alignments = align_clip(clip.excerpts, pt, start, default_encoder())
    return check_clip(clip, transcript, pt, alignments)


def kinds(findings):
    return [f.kind for f in findings]


@pytest.fixture(scope="module")
def talk():
    return talk_transcript()


def test_drift_when_the_quotes_start_minutes_after_the_embed(talk):
    result = run(talk, [quote("Every roof gives a different honey, that is the magic of it.")], start=0.0)
    drift = [f for f in result.findings if f.kind == M.DRIFT]
    assert drift and drift[0].severity == "warning"
    assert drift[0].data["seconds"] == pytest.approx(result.excerpts[0].match.start, abs=0.01)
    assert drift[0].line == 5


def test_no_drift_when_the_embed_starts_at_the_quote(talk):
    r = run(talk, [quote("My grandmother kept four hives behind her house in the valley.")], start=68.0)
    assert M.DRIFT not in kinds(r.findings)


def test_a_visible_label_that_disagrees_with_its_link(talk):
    r = run(talk, [quote("The bees are easy, people are the difficult part.")], start=132.0,
            label="@ 28m42s", label_seconds=1722.0)
    finding = next(f for f in r.findings if f.kind == M.LABEL_MISMATCH)
    assert "28m42s" in finding.message and finding.data["link_seconds"] == 132.0


def test_a_changed_number_is_flagged_and_an_equal_one_noted(talk):
    r = run(talk, [quote("In the first summer we got about twenty kilos of honey from that one hive."),
                   quote("In some neighbourhoods we now have more than thirty hives per square kilometre.", 12)])
    changed, same = r.excerpts
    mismatch = [f for f in changed.findings if f.kind == M.NUMBER_MISMATCH]
    assert changed.verdict in ("supported", "weak")
    assert mismatch and "20" in mismatch[0].message and "12" in mismatch[0].message
    assert M.NUMBER_AGREES in kinds(same.findings)


def test_an_invented_quote_is_an_error_and_a_paraphrase_only_a_warning(talk):
    r = run(talk, [quote("Rooftop hives make twice as much money as hives in the countryside.", 10),
                   quote("The guest explains that rooftop honey sells for a hundred euros a jar in Paris.", 12,
                         role="paraphrase")])
    invented, paraphrase = r.excerpts
    assert invented.verdict == "unsupported"
    assert [f.severity for f in invented.findings if f.kind == M.UNSUPPORTED] == ["error"]
    assert paraphrase.verdict != "supported"
    assert {f.severity for f in paraphrase.findings if f.kind in (M.UNSUPPORTED, M.WEAK)} <= {"warning", "info"}
    assert any(f.kind in (M.UNSUPPORTED, M.WEAK) for f in paraphrase.findings)


def test_a_quote_that_joins_host_and_guest_is_flagged(talk):
    stitched = quote("Do you worry about too many hives in one city? Yes, that is a real risk, wild bees "
                     "compete for the same flowers.", 10, speaker="Guest")
    r = run(talk, [stitched])
    assert M.SPEAKER_MISMATCH in kinds(r.excerpts[0].findings)


def test_automatic_captions_get_a_caveat(talk):
    r = run(talk, [quote("The bees are easy, people are the difficult part.")])
    caveat = [f for f in r.findings if f.kind == M.TRANSCRIPT_CAVEAT]
    assert caveat and "automatic" in caveat[0].message


def test_a_name_the_article_drops_or_garbles():
    lines = ["So what did Elon say about the factory in Berlin?",
             "He said the line in Berlin is the fastest we have ever built.",
             "And Tesla will double it next year, that is the plan."]
    filler = [f"we talked about many other things {i} that day" for i in range(40)]
    segs = tuple(Segment(i * 3.0, 3.0, t) for i, t in enumerate(filler[:20] + lines + filler[20:]))
    transcript = Transcript("Nm4qT8xLp2Z", "en", segs, provider="youtube-manual", generated=False)
    garbled = quote("So what did Elton say about the factory? He said the line is the fastest we have "
                    "ever built.", 10)
    r = run(transcript, [garbled], start=0.0)
    names = [f for f in r.excerpts[0].findings if f.kind == M.NAME_MISSING]
    assert {f.data["name"] for f in names} >= {"Berlin"}
