"""Caveats about the transcript itself."""

from __future__ import annotations

from typing import Sequence

from .. import model as M
from ..align import Alignment
from ..model import Finding, Transcript


def transcript_caveats(transcript: Transcript, alignments: Sequence[Alignment]) -> list[Finding]:
    out: list[Finding] = []
    provider = (transcript.provider or "").lower()
    if transcript.generated or "asr" in provider:
        out.append(Finding(M.TRANSCRIPT_CAVEAT, "info",
                           "The transcript is YouTube's automatic captions: names and numbers may be "
                           "misheard, so a mismatch can be the captions' fault.",
                           {"generated": True}))
    elif "whisper" in provider or "speech" in provider:
        out.append(Finding(M.TRANSCRIPT_CAVEAT, "info",
                           "The transcript is machine speech recognition: names and numbers may be "
                           "misheard.", {"provider": transcript.provider}))
    if transcript.translated:
        out.append(Finding(M.TRANSCRIPT_CAVEAT, "warning",
                           "The transcript is a machine translation of the video's own language: quotes "
                           "are compared with a translation.", {"translated": True}))
    if alignments and not any(al.same_language for al in alignments):
        spoken = f" (the video is in {transcript.language})" if transcript.language else ""
        out.append(Finding(M.TRANSCRIPT_CAVEAT, "info",
                           f"The article renders the video in another language{spoken}: quotes are "
                           "matched by meaning, numbers and names, not word for word.",
                           {"cross_language": True, "language": transcript.language}))
    return out
