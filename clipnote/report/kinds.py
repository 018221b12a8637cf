"""What each finding kind means, in words a fact-checker and a CI reviewer understand.

SARIF rules and annotation titles are made from this table; a kind missing here (a newer check)
still gets a generic description, so no finding is ever dropped.
"""

from __future__ import annotations

from typing import NamedTuple

from ..model import (
    ARTICLE_ERROR,
    BAD_REFERENCE,
    BROKEN_FRONT_MATTER,
    DRIFT,
    LABEL_MISMATCH,
    NAME_MISSING,
    NUMBER_AGREES,
    NUMBER_MISMATCH,
    OMISSION,
    OUT_OF_ORDER,
    REPEATED,
    SPEAKER_MISMATCH,
    TRANSCRIPT_CAVEAT,
    TRANSCRIPT_ERROR,
    UNSUPPORTED,
    WEAK,
)
from ..outcome import Located
from ..timecode import deep_link, format_hms


class Kind(NamedTuple):
    title: str  # a short name, e.g. for an annotation title
    short: str  # one sentence: what was found
    full: str  # what it means and what to do
    severity: str = "warning"  # the usual severity, SARIF's default level


KINDS: dict[str, Kind] = {
    DRIFT: Kind(
        "Timestamp drift",
        "The clip's start time is far from where its quotes are spoken.",
        "The embed or link starts the video at one time, but the quoted words are spoken at "
        "another, so a reader who presses play does not hear the quote. Move the start to where "
        "the quotes begin (`clipnote annotate --fix-start`) or check that the right passage is "
        "quoted."),
    LABEL_MISMATCH: Kind(
        "Timestamp label disagrees",
        "A visible timestamp written next to a link disagrees with the link's own time.",
        "Readers see one time and the link plays another. Make the label and the link agree."),
    UNSUPPORTED: Kind(
        "Quote not in the video",
        "A quoted excerpt was not found anywhere in the video's transcript.",
        "Nothing in the transcript says what the quote says, even allowing for translation. "
        "The quote may be invented, attributed to the wrong video, or from a part of the video "
        "the transcript lacks. Listen to the video before publishing it as a quote.", "error"),
    WEAK: Kind(
        "Weak match",
        "A quote matches the transcript only weakly.",
        "clipnote found a likely place but cannot vouch for it: a loose paraphrase, a poor "
        "translation or a poor transcript. Check the linked passage by ear."),
    NUMBER_MISMATCH: Kind(
        "Number differs",
        "A number in the quote differs from the number spoken in the video.",
        "The matched passage says a different number (amount, year, count). Correct the quote "
        "or explain the difference.", "error"),
    NUMBER_AGREES: Kind(
        "Number agrees",
        "A number in the quote agrees with the number spoken in the video.",
        "Recorded so a fact-checker can see which figures were verified against the video.", "info"),
    NAME_MISSING: Kind(
        "Name missing or garbled",
        "A name spoken in the matched passage is missing or garbled in the quote.",
        "Names often break in machine translation and speech recognition (a name rendered as a "
        "different word). Check the name against the video."),
    SPEAKER_MISMATCH: Kind(
        "Speaker differs",
        "The quote is attributed to someone other than the person who says it.",
        "The turn changes in the video suggest another speaker. Check who says it."),
    OMISSION: Kind(
        "Omission inside a quote",
        "A long stretch of speech is left out inside a quoted span.",
        "The quote joins words spoken apart. Mark the cut (…) or check that it does not change "
        "the meaning."),
    OUT_OF_ORDER: Kind(
        "Quote out of order",
        "A quote is spoken in a different order than the article gives.",
        "The article presents passages in an order the video does not; make sure the "
        "reordering does not change their meaning."),
    REPEATED: Kind(
        "Repeated passage",
        "The quoted passage is spoken more than once in the video.",
        "The nearest occurrence to the clip's start is reported; the other is named (a "
        "podcast's cold open often repeats a later passage)."),
    TRANSCRIPT_CAVEAT: Kind(
        "Transcript caveat",
        "The transcript may be unreliable: speech recognition or machine translation.",
        "Names, numbers and rare words in it may be misheard or mistranslated; findings about "
        "them deserve a listen.", "info"),
    TRANSCRIPT_ERROR: Kind(
        "Clip not checked",
        "The clip could not be checked because its transcript could not be had.",
        "Commit a transcript snapshot (`clipnote fetch --save`) so runs without YouTube access "
        "can check it, or run without --offline.", "error"),
    BAD_REFERENCE: Kind(
        "Bad video reference",
        "A YouTube reference in the article is malformed.",
        "A video id is exactly 11 characters of A-Z, a-z, 0-9, _ and -; clipnote never guesses "
        "a broken one. Fix the id or the URL.", "error"),
    ARTICLE_ERROR: Kind(
        "Article not readable",
        "The article could not be read.",
        "The file is missing, binary, not UTF-8 or unreadable.", "error"),
    BROKEN_FRONT_MATTER: Kind(
        "Broken front matter",
        "The article's front matter does not parse (or never closes).",
        "clipnote read its plain `key: value` lines instead (the video fields among them) and "
        "checked the body as usual; a site generator may read it differently. Fix the front "
        "matter (quote a value that holds `: `).", "warning"),
}


def kind_of(name: str) -> Kind:
    known = KINDS.get(name)
    if known:
        return known
    words = name.replace("-", " ").replace("_", " ")
    return Kind(words.capitalize(), f"clipnote finding: {words}.", f"clipnote finding: {words}.")


def video_link(item: Located) -> str | None:
    """Where to listen: the match's start, else the clip's own start."""
    if item.clip is None:
        return None
    video = item.clip.clip.video_id
    if item.excerpt is not None and item.excerpt.match is not None:
        return deep_link(video, item.excerpt.match.start)
    return deep_link(video, item.clip.clip.start)


def one_line(item: Located) -> str:
    """The finding's message on one line, with where to listen when there is a video."""
    message = " ".join(item.finding.message.split())
    link = video_link(item)
    if link is None:
        return message
    match = item.excerpt.match if item.excerpt is not None else None
    when = format_hms(match.start) if match is not None else None
    return f"{message} ({'spoken at ' + when + ': ' if when else 'video: '}{link})"
