"""Who says it (issue 10, item 6): transcripts that name their speakers (`Name: ` at each turn),
and captions that only mark turns (`>>`, `- `). Our own conversation, in those formats."""

from clipnote import model as M
from clipnote.align import Alignment, prepare_transcript
from clipnote.checks.speakers import named_speakers, speaker_findings, turns_of
from clipnote.model import Excerpt, Match, Segment, Transcript

# a podcast transcript in the layout some sites publish: the speaker's name opens each turn, the
# turn's later lines carry none, and one host's name is misspelled now and then
NAMED = [
    "Corin: Welcome back to the show. Today I have Priya Raman with me. How did the garden start?",
    "Priya Raman: It started with a single bed of beans behind the school.",
    "Then the parents wanted one too, and it grew from there.",
    "Corin: And who waters it in the summer holidays?",
    "Priya Raman: The neighbours do, we made a rota on the fence.",
    "Nobody has missed a day in three summers.",
    "Corinn: What surprised you most?",
    "Priya Raman: That the children eat the vegetables they grow themselves.",
    "Corin: Would you do it again?",
    "Priya Raman: Every year, as long as the beans come up.",
    "Corin: Where do the seeds come from?",
    "Priya Raman: From the last harvest, we dry them on the classroom windows.",
    "Corin: Is that hard to teach?",
    "Priya Raman: Not at all, they love it.",
]


def transcript(lines):
    segs = tuple(Segment(i * 5.0, 5.0, t) for i, t in enumerate(lines))
    return prepare_transcript(Transcript("Gd7pR2nWq4Z", "en", segs, provider="manual", generated=False))


def aligned(pt, first, last, speaker=None, role="quote", line=9):
    match = Match(start=first * 5.0, end=last * 5.0 + 5, score=0.8, confidence=0.9, first_segment=first,
                  last_segment=last, text=" ".join(pt.texts[first:last + 1]))
    excerpt = Excerpt(path="post.md", line=line, text="…", speaker=speaker, role=role)
    return Alignment(excerpt, "supported", match, {"confidence": 0.9})


def test_named_turns_are_read_and_misspellings_merged():
    pt = transcript(NAMED)
    named = named_speakers(pt)
    assert named[:4] == ["Corin", "Priya Raman", "Priya Raman", "Corin"]
    assert named[6] == "Corin"  # "Corinn" is the same host


def test_a_passage_credited_to_the_other_speaker_is_flagged():
    pt = transcript(NAMED)
    found = speaker_findings([aligned(pt, 4, 5, speaker="Corin")], pt)
    (finding,) = found[9]
    assert finding.kind == M.SPEAKER_MISMATCH and finding.severity == "warning"
    assert finding.data["actual"] == "Priya Raman" and "Credited to Corin" in finding.message


def test_first_names_and_the_right_speaker_draw_nothing():
    pt = transcript(NAMED)
    ok = [aligned(pt, 1, 2, speaker="Priya", line=3), aligned(pt, 3, 3, speaker="Corin", line=5),
          aligned(pt, 7, 7, speaker="プリヤ", line=7)]
    assert speaker_findings(ok, pt) == {}


def test_a_full_name_that_never_speaks_is_flagged_but_not_a_first_name_or_a_shared_span():
    pt = transcript(NAMED)
    (finding,) = speaker_findings([aligned(pt, 4, 5, speaker="Dana Whitfield")], pt)[9]
    assert finding.kind == M.SPEAKER_MISMATCH and finding.data["actual"] == "Priya Raman"
    assert "Dana Whitfield, who does not speak in this video" in finding.message
    assert speaker_findings([aligned(pt, 4, 5, speaker="Dana")], pt) == {}  # may be a nickname
    assert speaker_findings([aligned(pt, 4, 5, speaker="Host Team")], pt) == {}
    assert speaker_findings([aligned(pt, 3, 5, speaker="Corin")], pt) == {}  # both speak here
    assert speaker_findings([aligned(pt, 3, 5, speaker="Dana Whitfield")], pt) == {}


def test_the_interviewer_label_on_the_guests_words():
    pt = transcript(NAMED)
    found = speaker_findings([aligned(pt, 11, 11, speaker="主持人")], pt)
    assert "not the one asking" in found[9][0].message
    assert speaker_findings([aligned(pt, 10, 10, speaker="主持人")], pt) == {}
    assert 9 in speaker_findings([aligned(pt, 11, 11, role="question")], pt)


def test_a_transcript_without_names_has_no_named_speakers():
    pt = transcript(["Note: this is a rough transcript.", "welcome back to the show",
                     "it started with a single bed of beans"])
    assert named_speakers(pt) is None


DASHED = [
    "- How did the garden start?",
    "- With a single bed of beans behind the school.",
    "The parents wanted one too.",
    "- And who waters it in the summer?",
    "- The neighbours do, we made a rota.",
]


def test_dialogue_dashes_mark_turns_and_a_quote_across_one_is_flagged():
    pt = transcript(DASHED)
    assert list(turns_of(pt)) == [1, 2, 2, 3, 4]
    found = speaker_findings([aligned(pt, 2, 3, speaker="Priya")], pt)
    assert "runs across a change of speaker" in found[9][0].message
    assert speaker_findings([aligned(pt, 1, 2, speaker="Priya")], pt) == {}
