#!/usr/bin/env python3
"""Build the sample blogs' transcript snapshots and gold files from our own talk scripts.

Everything in `samples/` is invented by us. The talks are written as scripts
(`samples/tools/talks/*.talk`): who says what, with the passages that articles quote marked
`[[id]] … [[/id]]`, pinned to fixed times with `@at`, and stretches of on-topic filler talk
generated from per-topic phrase banks (`samples/tools/filler/*.txt`). This script times every
word, cuts the words into caption segments the way YouTube's manual captions or its speech
recognition would, and writes clipnote's transcript JSON into each blog's
`.clipnote/transcripts/`. It then turns the hand-written gold specs
(`samples/tools/gold_specs/**.yaml`) into `samples/gold/**.gold.json`, reading the gold spans off
the segments it just wrote and the line numbers off the articles.

It is deterministic (seeded RNG, no clock, no environment): the same inputs give byte-identical
files.

    python samples/tools/make_samples.py           # (re)write transcripts and gold files
    python samples/tools/make_samples.py --check   # exit 1 if a committed file would change
    python samples/tools/make_samples.py --passages  # print every passage with its times
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

TOOLS = Path(__file__).resolve().parent
SAMPLES = TOOLS.parent
TALKS = TOOLS / "talks"
FILLER = TOOLS / "filler"
SPECS = TOOLS / "gold_specs"
GOLD = SAMPLES / "gold"

FETCHED_AT = "2026-11-20T09:00:00Z"  # fixed, so outputs are reproducible
CJK = {"ja", "zh", "ko"}
SENTENCE_END = tuple(".?!。？！")
CLAUSE_END = tuple(",;:、—")
MARKER = re.compile(r"\[\[(~?)(/?)([A-Za-z0-9_.-]+)\]\]")


# --- talk scripts ------------------------------------------------------------------------------


def parse_clock(text: str) -> float:
    parts = [float(p) for p in str(text).split(":")]
    value = 0.0
    for p in parts:
        value = value * 60 + p
    return value


def clock(seconds: float) -> str:
    s = int(seconds)
    h, rest = divmod(s, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


@dataclass
class Talk:
    path: Path
    meta: dict
    body: list[tuple]  # events: ("say", speaker, text) | ("pause", s) | ("sound", text, s) | ...

    @property
    def video_id(self) -> str:
        return self.meta["video_id"]

    @property
    def language(self) -> str:
        return self.meta["language"]


def read_talk(path: Path) -> Talk:
    text = path.read_text(encoding="utf-8")
    _, header, body = text.split("---\n", 2)
    meta = yaml.safe_load(header)
    events: list[tuple] = []
    current: list | None = None
    speakers = meta["speakers"]
    for raw in body.splitlines():
        line = raw.strip()
        if not line or line.startswith("//"):
            current = None
            continue
        if line.startswith("@"):
            current = None
            word, _, rest = line[1:].partition(" ")
            if word == "pause":
                events.append(("pause", float(rest)))
            elif word == "sound":
                label, _, secs = rest.rpartition(" ")
                events.append(("sound", label, float(secs)))
            elif word == "at":
                events.append(("at", parse_clock(rest)))
            elif word == "filler":
                topic, *opts = rest.split()
                kv = dict(o.split("=", 1) for o in opts)
                events.append(("filler", topic, parse_clock(kv["until"]),
                               kv.get("speakers", "").split(","), kv.get("mode", "interview")))
            else:
                raise SystemExit(f"{path}: unknown directive @{word}")
            continue
        m = re.match(r"^([A-Z][A-Z0-9_]*):\s*(.*)$", line)
        if m and m.group(1) in speakers:
            current = ["say", m.group(1), m.group(2)]
            events.append(current)
        elif current is not None:
            current[2] += ("" if meta["language"] in CJK else " ") + line
        else:
            raise SystemExit(f"{path}: text outside a turn: {line[:60]!r}")
    return Talk(path, meta, [tuple(e) for e in events])


# --- filler banks ------------------------------------------------------------------------------


@dataclass
class Bank:
    sections: dict[str, list[str]]

    def get(self, name: str) -> list[str]:
        return self.sections.get(name, [])


def read_bank(topic: str) -> Bank:
    sections: dict[str, list[str]] = {}
    name = None
    for raw in (FILLER / f"{topic}.txt").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("//"):
            continue
        m = re.match(r"^\[([a-z0-9:_]+)\]$", line)
        if m:
            name = m.group(1)
            sections.setdefault(name, [])
            continue
        sections[name].append(line)
    return Bank(sections)


KEEP_CAPITAL = {"I", "I'm", "I've", "I'd", "I'll"}


class FillerSource:
    """Draws on-topic sentences from a bank: hand-written statements and slot templates, with
    spoken openers and tails, never the same rendered sentence twice in one video."""

    def __init__(self, bank: Bank, rng: random.Random, cjk: bool):
        self.bank, self.rng, self.cjk = bank, rng, cjk
        self.used: set[str] = set()
        self.decks: dict[str, list[str]] = {}

    def _draw(self, name: str) -> str:
        """Statements come in the order they were written (a bank reads like a train of thought),
        from a random place; templates and questions come shuffled."""
        deck = self.decks.get(name)
        if not deck:
            deck = list(self.bank.get(name))
            if name == "statements":
                cut = self.rng.randrange(len(deck))
                deck = deck[cut:] + deck[:cut]
                deck.reverse()
            else:
                self.rng.shuffle(deck)
            self.decks[name] = deck
        return deck.pop()

    def _fill(self, template: str) -> str:
        return re.sub(r"\{(\w+)\}", lambda m: self.rng.choice(self.bank.get("slot:" + m.group(1))), template)

    def statement(self) -> str:
        for _ in range(40):
            if self.bank.get("templates") and self.rng.random() < 0.22:
                core = self._fill(self._draw("templates"))
            else:
                core = self._draw("statements")
            sentence = self._dress(core)
            if sentence not in self.used:
                self.used.add(sentence)
                return sentence
        return sentence

    def question(self) -> str:
        for _ in range(40):
            q = self._draw("questions")
            if "{" in q:
                q = self._fill(q)
            if self.rng.random() < 0.3 and self.bank.get("question_openers"):
                q = self._join(self.rng.choice(self.bank.get("question_openers")), q)
            if q not in self.used:
                self.used.add(q)
                return q
        return q

    def backchannel(self) -> str:
        return self.rng.choice(self.bank.get("backchannels"))

    def _join(self, opener: str, core: str) -> str:
        if self.cjk:
            return opener + core
        first = core.split(" ", 1)[0]
        keep = first in KEEP_CAPITAL or (len(first) > 1 and first.isupper()) or first in self.bank.get("proper")
        if not keep:
            core = core[0].lower() + core[1:]
        return f"{opener} {core}"

    def _dress(self, core: str) -> str:
        if self.rng.random() < 0.35 and self.bank.get("openers"):
            opener = self.rng.choice(self.bank.get("openers"))
            bare = opener.rstrip(",、 ").lower()
            if not core.lower().startswith(bare):
                core = self._join(opener, core)
        if not self.cjk and core.endswith(".") and self.rng.random() < 0.12 and self.bank.get("tails"):
            core = core[:-1] + self.rng.choice(self.bank.get("tails"))
        return core


# --- timing and segmentation -------------------------------------------------------------------


@dataclass
class Token:
    text: str
    start: float
    end: float
    turn: int
    speaker: str
    opens: list[str] = field(default_factory=list)
    soft_opens: list[str] = field(default_factory=list)
    closes: list[str] = field(default_factory=list)
    sound: bool = False


def split_units(text: str, cjk: bool) -> list[tuple[str, list[str], list[str], list[str]]]:
    """Text with [[id]] markers → units (word, or character for CJK) with the markers on them."""
    units: list[list] = []
    pending_open: list[str] = []
    pending_soft: list[str] = []
    pos = 0
    pieces: list[tuple[str, str | None]] = []
    for m in MARKER.finditer(text):
        pieces.append((text[pos:m.start()], None))
        pieces.append(("", m.group(0)))
        pos = m.end()
    pieces.append((text[pos:], None))
    for chunk, marker in pieces:
        if marker:
            soft, close, name = MARKER.match(marker).groups()
            if close:
                if not units:
                    raise SystemExit(f"closing marker {marker} before any word")
                units[-1][3].append(name)
            elif soft:
                pending_soft.append(name)
            else:
                pending_open.append(name)
            continue
        if cjk:
            items = []
            for ch in chunk:
                if ch.isspace():
                    continue
                if items and (ch in "、。？！」』）…" or ch in ",.?!"):
                    items[-1] += ch
                elif items and items[-1] in "「『（":
                    items[-1] += ch
                else:
                    items.append(ch)
        else:
            items = chunk.split()
            # text glued to the previous word across a marker ("word[[/x]],") stays one word
            if items and units and not chunk[0].isspace() and not pending_open and not pending_soft:
                units[-1][0] += items.pop(0)
        for item in items:
            units.append([item, pending_open, pending_soft, []])
            pending_open, pending_soft = [], []
    if pending_open or pending_soft:
        raise SystemExit(f"opening marker at the end of a turn: {pending_open or pending_soft}")
    return [tuple(u) for u in units]


class Timeline:
    def __init__(self, talk: Talk):
        self.talk = talk
        self.meta = talk.meta
        self.cjk = talk.language in CJK
        self.rng = random.Random(talk.meta["seed"])
        self.clock = float(talk.meta.get("lead_in", 0.4))
        self.tokens: list[Token] = []
        self.turn = 0
        self.last_speaker: str | None = None

    def rate(self, speaker: str) -> float:
        return float(self.meta["speakers"][speaker]["rate"])

    def estimate(self, speaker: str, text: str) -> float:
        n = len(re.sub(r"\s", "", text)) if self.cjk else len(text.split())
        return n / self.rate(speaker) * 1.1 + 0.9

    def pause(self, seconds: float) -> None:
        self.clock += seconds

    def sound(self, label: str, seconds: float) -> None:
        self.turn += 1
        self.tokens.append(Token(label, self.clock, self.clock + seconds, self.turn, "", sound=True))
        self.clock += seconds + 0.3
        self.last_speaker = None

    def say(self, speaker: str, text: str) -> None:
        rng = self.rng
        gap = 0.0
        if self.last_speaker is not None and speaker != self.last_speaker:
            gap = rng.uniform(0.25, 0.85)
        elif self.last_speaker == speaker:
            gap = rng.uniform(0.3, 0.7)
        self.clock += gap
        self.turn += 1
        rate = self.rate(speaker)
        for item, opens, soft, closes in split_units(text, self.cjk):
            if self.cjk:
                dur = (1.0 / rate) * rng.uniform(0.85, 1.15)
            else:
                letters = len(re.sub(r"\W", "", item)) or 1
                dur = (1.0 / rate) * (0.45 + 0.55 * letters / 4.6) * rng.uniform(0.88, 1.12)
            tok = Token(item, self.clock, self.clock + dur, self.turn, speaker,
                        list(opens), list(soft), list(closes))
            self.tokens.append(tok)
            self.clock += dur
            if item.endswith(SENTENCE_END) or item.endswith(("?」", "。」")):
                p = rng.uniform(0.22, 0.5)
            elif item.endswith(CLAUSE_END):
                p = rng.uniform(0.06, 0.18)
            else:
                p = rng.uniform(0.0, 0.03)
            self.clock += p
        self.last_speaker = speaker

    def filler(self, topic: str, until: float, speakers: list[str], mode: str) -> None:
        source = FillerSource(read_bank(topic), random.Random(f"{self.meta['seed']}:{topic}:{until}"), self.cjk)
        rng = source.rng
        if mode == "monologue":
            (speaker,) = speakers
            while True:
                s = source.statement()
                if self.clock + self.estimate(speaker, s) > until - 0.5:
                    break
                self.say(speaker, s)
                if rng.random() < 0.15:
                    self.pause(rng.uniform(0.5, 1.2))
            self._top_up(source, speaker, until)
        else:
            host, guest = speakers
            done = False
            while not done:
                q = source.question()
                if self.clock + self.estimate(host, q) + self.estimate(guest, "x " * 30) > until:
                    break
                self.say(host, q)
                answer_len = rng.randint(3, 8)
                for i in range(answer_len):
                    s = source.statement()
                    if self.clock + self.estimate(guest, s) > until - 0.5:
                        done = True
                        break
                    self.say(guest, s)
                    if i < answer_len - 1 and rng.random() < 0.12:
                        b = source.backchannel()
                        if self.clock + self.estimate(host, b) < until - 6:
                            self.say(host, b)
            # close the gap before the pinned part with whatever short remarks still fit
            self._top_up(source, guest, until)
        # a small overshoot is harmless; the next @at catches a real collision
        self.clock = max(self.clock, until)

    def _top_up(self, source: "FillerSource", speaker: str, until: float) -> None:
        for _ in range(12):
            s = source.statement()
            if self.clock + self.estimate(speaker, s) <= until - 0.5:
                self.say(speaker, s)

    def at(self, when: float) -> None:
        if self.clock > when + 1e-6:
            raise SystemExit(f"{self.talk.path.name}: @at {clock(when)} but the talk is already at "
                             f"{clock(self.clock)} ({self.clock:.1f} s)")
        self.clock = when

    def run(self) -> list[Token]:
        for event in self.talk.body:
            kind = event[0]
            if kind == "say":
                self.say(event[1], event[2])
            elif kind == "pause":
                self.pause(event[1])
            elif kind == "sound":
                self.sound(event[1], event[2])
            elif kind == "at":
                self.at(event[1])
            elif kind == "filler":
                self.filler(*event[1:])
        return self.tokens


@dataclass
class Seg:
    tokens: list[Token]
    start: float = 0.0
    duration: float = 0.0
    text: str = ""


JA_PARTICLES = set("はがをにでもてへと")
ASR_STRIP = re.compile(r"[\"“”‘’.,?!;:()\[\]—–…]")


def render_word(tok: Token, talk: Talk) -> str:
    if tok.sound:
        return tok.text
    style = talk.meta["style"]
    if style != "asr":
        return tok.text
    if talk.language in CJK:
        return re.sub(r"[、。「」『』？！（）…,.?!]", "", tok.text)
    word = tok.text
    # keep separators inside numbers (10,000 · 2.5), drop other punctuation
    word = re.sub(r"(?<=\d)[,.](?=\d)", "\x01", word)
    word = ASR_STRIP.sub("", word).replace("\x01", ",").lower()
    if word.endswith("'s") is False:
        word = word.strip("'")
    heard = talk.meta.get("mishear", {}) or {}
    return heard.get(word, word)


def segment(tokens: list[Token], talk: Talk) -> list[Seg]:
    style = talk.meta["style"]
    cjk = talk.language in CJK
    rng = random.Random(f"{talk.meta['seed']}:segments")
    segs: list[Seg] = []
    cur: list[Token] = []
    limit = 0

    def new_limit() -> int:
        if cjk:
            return rng.randint(10, 17) if style == "asr" else rng.randint(14, 24)
        return rng.randint(4, 8) if style == "asr" else rng.randint(8, 13)

    limit = new_limit()

    def size(ts: list[Token]) -> int:
        return sum(len(t.text) for t in ts) if cjk else len(ts)

    def ends_soon(i: int) -> bool:
        for t in tokens[i:i + (3 if cjk else 2)]:
            if t.opens or t.sound:
                return False
            if t.text.endswith(SENTENCE_END):
                return True
        return False

    for ti, tok in enumerate(tokens):
        brk = False
        if cur:
            prev = cur[-1]
            gap = tok.start - prev.end
            if tok.sound or prev.sound:
                brk = True
            elif tok.opens or prev.closes:
                brk = True
            elif gap > (0.8 if style == "asr" else 1.0):
                brk = True
            elif style != "asr" and tok.turn != prev.turn and tok.speaker != prev.speaker:
                brk = True
            elif size(cur) >= limit:
                if cjk:
                    # cut after punctuation or a particle, as a listener would hear the pause,
                    # and never leave the last syllables of a sentence alone on a line
                    brk = (prev.text.endswith(SENTENCE_END + CLAUSE_END) or size(cur) >= limit + 8
                           or (prev.text[-1] in JA_PARTICLES and size(cur) >= limit + 2))
                    if brk and ends_soon(ti) and not prev.text.endswith(SENTENCE_END) and size(cur) < limit + 12:
                        brk = False
                elif style == "asr":
                    brk = True
                else:
                    brk = not (ends_soon(ti) and size(cur) < limit + 3 and tok.turn == prev.turn)
            elif tok.start - cur[0].start >= 5.4:
                brk = True
            elif style != "asr":
                n = size(cur)
                if prev.text.endswith(SENTENCE_END) and n >= (8 if cjk else 4) and rng.random() < 0.85:
                    brk = True
                elif prev.text.endswith(CLAUSE_END) and n >= (12 if cjk else 7) and rng.random() < 0.6:
                    brk = True
        if brk:
            segs.append(Seg(cur))
            cur = []
            limit = new_limit()
        cur.append(tok)
    if cur:
        segs.append(Seg(cur))

    marks = talk.meta.get("speaker_marks", False)
    prev_speaker = None
    for i, seg in enumerate(segs):
        seg.start = round(seg.tokens[0].start, 2)
        words = [render_word(t, talk) for t in seg.tokens]
        words = [w for w in words if w]
        text = ("" if cjk else " ").join(words)
        if cjk and style == "asr":
            for wrong, right in (talk.meta.get("mishear") or {}).items():
                text = text.replace(wrong, right)
        first = seg.tokens[0]
        if marks and not first.sound and first.speaker != prev_speaker and prev_speaker is not None:
            if i == 0 or seg.tokens[0].turn != segs[i - 1].tokens[-1].turn:
                text = ">> " + text
        if not first.sound:
            prev_speaker = seg.tokens[-1].speaker
        seg.text = text
    for i, seg in enumerate(segs):
        own_end = seg.tokens[-1].end
        nxt = segs[i + 1].start if i + 1 < len(segs) else None
        if style == "asr" and not seg.tokens[0].sound:
            # YouTube's speech-recognition lines stay up until the line after the next appears
            after = segs[i + 2].start if i + 2 < len(segs) else own_end + 0.6
            end = min(after, own_end + 2.0)
            end = max(end, own_end)
        else:
            end = own_end + 0.15
            if nxt is not None and (end > nxt or nxt - own_end < 0.6):
                end = nxt
        seg.duration = round(max(0.3, round(end, 2) - seg.start), 2)
    return segs


# --- transcripts -------------------------------------------------------------------------------


@dataclass
class Passage:
    id: str
    video_id: str
    first_seg: int
    last_seg: int
    start: float
    end: float
    first_words: str
    speaker: str
    text: str


def build_talk(talk: Talk) -> tuple[dict, list[Seg], dict[str, Passage]]:
    tokens = Timeline(talk).run()
    segs = segment(tokens, talk)
    index_of = {}
    for si, seg in enumerate(segs):
        for tok in seg.tokens:
            index_of[id(tok)] = si
    opened: dict[str, tuple[int, Token, int]] = {}
    passages: dict[str, Passage] = {}
    cjk = talk.language in CJK
    for ti, tok in enumerate(tokens):
        for name in tok.opens + tok.soft_opens:
            if name in opened or name in passages:
                raise SystemExit(f"{talk.path.name}: passage {name} opened twice")
            opened[name] = (ti, tok, index_of[id(tok)])
        for name in tok.closes:
            if name not in opened:
                raise SystemExit(f"{talk.path.name}: passage {name} closed but never opened")
            ti0, tok0, s0 = opened.pop(name)
            s1 = index_of[id(tok)]
            start = segs[s0].start
            end = round(segs[s1].start + segs[s1].duration, 2)
            if s1 + 1 < len(segs):
                end = min(end, segs[s1 + 1].start)
            span = tokens[ti0:ti + 1]
            rendered = [render_word(t, talk) for t in span if not t.sound]
            rendered = [w for w in rendered if w]
            if cjk:
                joined = "".join(rendered)
                if talk.meta["style"] == "asr":
                    for wrong, right in (talk.meta.get("mishear") or {}).items():
                        joined = joined.replace(wrong, right)
                first_words = joined[:14]
                text = "".join(t.text for t in span)
            else:
                first_words = " ".join(rendered[:8])
                text = " ".join(t.text for t in span)
            speakers = {t.speaker for t in span if not t.sound}
            speaker = talk.meta["speakers"][tok0.speaker]["name"] if len(speakers) == 1 else "mixed"
            passages[name] = Passage(name, talk.video_id, s0, s1, start, end, first_words, speaker, text)
    if opened:
        raise SystemExit(f"{talk.path.name}: passages never closed: {sorted(opened)}")
    last = segs[-1]
    duration = round(last.start + last.duration + float(talk.meta.get("tail", 3.0)), 2)
    m = talk.meta
    doc = {
        "schema": "clipnote/transcript@1",
        "video_id": m["video_id"],
        "language": m["language"],
        "source": "youtube-transcript-api",
        "generated": bool(m["generated"]),
        "provider": m["provider"],
        "title": m["title"],
        "channel": m["channel"],
        "duration": duration,
        "fetched_at": FETCHED_AT,
        "versions": {"clipnote": "0.1.0", "youtube-transcript-api": "1.2.3"},
        "alternatives": list(m.get("alternatives", [])),
        "segments": [],
    }
    for seg in segs:
        item = {"start": seg.start, "duration": seg.duration, "text": seg.text}
        if m.get("words") and not seg.tokens[0].sound:
            words = []
            for t in seg.tokens:
                pieces = render_word(t, talk).split()
                for k, piece in enumerate(pieces):  # a mishearing can turn one word into two
                    words.append([round(t.start + k * (t.end - t.start) / len(pieces), 2), piece])
            item["words"] = words
        doc["segments"].append(item)
    return doc, segs, passages


def dump_transcript(doc: dict) -> str:
    """One segment per line: readable diffs, small files, still plain JSON."""
    head = {k: v for k, v in doc.items() if k != "segments"}
    lines = ["{"]
    for k, v in head.items():
        lines.append(f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)},")
    lines.append('  "segments": [')
    segs = doc["segments"]
    for i, s in enumerate(segs):
        comma = "," if i + 1 < len(segs) else ""
        lines.append("    " + json.dumps(s, ensure_ascii=False) + comma)
    lines.append("  ]")
    lines.append("}")
    return "\n".join(lines) + "\n"


# --- gold files --------------------------------------------------------------------------------


class SpecError(SystemExit):
    pass


def find_line(lines: list[str], needle: str, nth: int | None, where: str) -> int:
    """1-based line of the nth line holding `needle`; without nth the needle must be unique."""
    hits = [i + 1 for i, line in enumerate(lines) if needle in line]
    if nth is None and len(hits) > 1:
        raise SpecError(f"{where}: {needle!r} is on several lines {hits}; give nth")
    if len(hits) < (nth or 1):
        raise SpecError(f"{where}: {needle!r} found {len(hits)} time(s), wanted #{nth or 1}")
    return hits[(nth or 1) - 1]


def block_end(lines: list[str], line: int) -> int:
    """Last line of the paragraph or blockquote paragraph starting at `line` (1-based)."""
    first = lines[line - 1]
    quoted = first.lstrip().startswith(">")
    end = line
    for i in range(line, len(lines)):
        nxt = lines[i]
        s = nxt.strip()
        if not s:
            break
        if quoted:
            body = s.lstrip(">").strip()
            if not s.startswith(">") or not body or body.startswith(("—", "―", "–", "-- ")):
                break
        elif s.startswith(("#", ">", "{%", "{{", "<iframe")) or re.match(r"^(\*\*[^*]+\*\*\s*[:：]|[QA][（(])", s):
            break
        end = i + 1
    return end


LABEL = re.compile(r"^(?:[QA]（[^）]*）：|[QA]\([^)]*\)[:：]|\*\*[^*]+\*\*\s*[:：]|\*\*[^*]+[:：]\*\*)\s*")


def excerpt_text(lines: list[str], start: int, end: int) -> str:
    parts = []
    for raw in lines[start - 1:end]:
        s = raw.strip()
        while s.startswith(">"):
            s = s[1:].strip()
        s = LABEL.sub("", s)
        s = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", s)
        s = s.replace("**", "").replace("__", "")
        parts.append(s.strip())
    text = ""
    for part in filter(None, parts):
        # a soft-wrapped CJK paragraph joins without a space
        glue = "" if text and _is_cjk(text[-1]) and _is_cjk(part[0]) else " "
        text = text + glue + part if text else part
    return text


def _is_cjk(ch: str) -> bool:
    return "\u3000" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af" or "\uff00" <= ch <= "\uffef"


def build_gold(spec_path: Path, passages: dict[str, Passage], videos: dict[str, dict]) -> tuple[Path, dict]:
    try:
        spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise SpecError(f"{spec_path}: {error}") from None
    where = str(spec_path.relative_to(SPECS))
    article_rel = spec["article"]
    article = SAMPLES / article_rel
    lines = article.read_text(encoding="utf-8").splitlines()
    fm_draft = bool(spec.get("draft", False))

    clips = []
    for c in spec.get("clips", []):
        line = find_line(lines, c["raw"], c.get("nth"), where)
        vid = c["video_id"]
        if vid not in videos:
            raise SpecError(f"{where}: clip video {vid} has no transcript")
        clips.append({
            "line": line,
            "video_id": vid,
            "start": c.get("start"),
            "end": c.get("end"),
            "kind": c.get("kind", "embed"),
            "raw": c["raw"],
            "label": c.get("label"),
            "label_seconds": c.get("label_seconds"),
        })
        if c.get("prose_time"):
            clips[-1]["prose_time"] = c["prose_time"]

    excerpts = []
    for e in spec.get("excerpts", []):
        line = find_line(lines, e["at"], e.get("nth"), where)
        end_line = line + e["lines"] - 1 if "lines" in e else block_end(lines, line)
        clip = clips[e["clip"]] if e.get("clip") is not None else None
        item = {
            "line": line,
            "end_line": end_line,
            "clip_line": clip["line"] if clip else None,
            "video_id": clip["video_id"] if clip else None,
            "role": e.get("role", "quote"),
            "label": e.get("label"),
            "speaker": e.get("speaker"),
            "speaker_in_video": None,
            "in_video": False,
            "gold_start": None,
            "gold_end": None,
            "first_words_in_video": None,
            "text": excerpt_text(lines, line, end_line),
        }
        if e.get("alt_lines_at"):
            item["alt_lines"] = [find_line(lines, a, None, where) for a in e["alt_lines_at"]]
        pid = e.get("passage")
        if pid:
            p = passages.get(pid)
            if p is None:
                raise SpecError(f"{where}: unknown passage {pid}")
            if clip and p.video_id != clip["video_id"]:
                raise SpecError(f"{where}: passage {pid} is in {p.video_id}, clip is {clip['video_id']}")
            item.update(in_video=True, gold_start=p.start, gold_end=p.end,
                        first_words_in_video=p.first_words,
                        speaker_in_video=e.get("speaker_in_video", p.speaker))
            others = []
            for oid in e.get("other_occurrences", []):
                o = passages[oid]
                others.append({"gold_start": o.start, "gold_end": o.end, "first_words_in_video": o.first_words})
            if others:
                item["other_occurrences"] = others
        else:
            item["why_not_in_video"] = e["why_not_in_video"]
        if e.get("note"):
            item["note"] = e["note"]
        excerpts.append(item)

    not_excerpts = []
    for n in spec.get("not_excerpts", []):
        not_excerpts.append({"line": find_line(lines, n["at"], n.get("nth"), where), "why": n["why"]})

    problems = []
    for p in spec.get("problems", []):
        problems.append({"line": find_line(lines, p["at"], p.get("nth"), where),
                         "kind": p.get("kind", "bad-reference"), "raw": p["at"], "why": p["why"]})

    by_at = {e["at"] + f"#{e.get('nth', 1)}": x for e, x in zip(spec.get("excerpts", []), excerpts)}
    findings = []
    for f in spec.get("findings", []):
        item = {"kind": f["kind"], "severity": f.get("severity", "warning")}
        if "clip" in f:
            item["clip_line"] = clips[f["clip"]]["line"]
        if "excerpt" in f:
            key = f["excerpt"] + f"#{f.get('nth', 1)}"
            if key not in by_at:
                raise SpecError(f"{where}: finding names unknown excerpt {f['excerpt']!r}")
            item["line"] = by_at[key]["line"]
        data = dict(f.get("data", {}))
        if f["kind"] == "timestamp-drift" and data.get("seconds") == "auto":
            clip = clips[f["clip"]]
            firsts = [x["gold_start"] for x in excerpts if x["clip_line"] == clip["line"] and x["in_video"]]
            base = clip["start"] or 0.0
            if f.get("excerpt"):
                firsts = [by_at[f["excerpt"] + f"#{f.get('nth', 1)}"]["gold_start"]]
            data["seconds"] = round(min(firsts) - base, 2)
            data["quotes_start_at"] = min(firsts)
        if f["kind"] == "repeated-passage" and f.get("excerpt"):
            x = by_at[f["excerpt"] + f"#{f.get('nth', 1)}"]
            data["nearest"] = [x["gold_start"], x["gold_end"]]
            data["others"] = [[o["gold_start"], o["gold_end"]] for o in x.get("other_occurrences", [])]
        if data:
            item["data"] = data
        item["message"] = f["message"]
        findings.append(item)

    videos_used = sorted({c["video_id"] for c in clips})
    transcripts = {}
    for v in videos_used:
        blog = article_rel.split("/", 1)[0]
        transcripts[v] = f"{blog}/.clipnote/transcripts/{v}.json"

    embeds = []
    for c in clips:
        embeds.append({
            "path": article_rel, "line": c["line"], "video_id": c["video_id"],
            "start": c["start"], "end": c["end"], "kind": c["kind"], "raw": c["raw"],
            "label": c["label"], "label_seconds": c["label_seconds"], "draft": fm_draft,
            "excerpts": [{"line": x["line"], "speaker": x["speaker"], "role": x["role"], "text": x["text"]}
                         for x in excerpts if x["clip_line"] == c["line"]],
        })

    gold = {
        "schema": "clipnote/gold@1",
        "article": article_rel,
        "language": spec["language"],
        "draft": fm_draft,
        "covers": spec.get("covers", []),
        "transcripts": transcripts,
        "clips": clips,
        "excerpts": excerpts,
        "not_excerpts": not_excerpts,
        "problems": problems,
        "findings": findings,
        "embeds": embeds,
        "how_gold_was_made": spec.get("how", "Spans read off the segments of our own transcript script "
                                      "(samples/tools/talks) by samples/tools/make_samples.py and checked by eye; "
                                      "lines located in the article by their text."),
    }
    rel = spec_path.relative_to(SPECS).with_suffix("")
    out = GOLD / rel.parent / (rel.name + ".gold.json")
    return out, gold


# --- main --------------------------------------------------------------------------------------


def build_all() -> tuple[dict[Path, str], dict[str, Passage]]:
    outputs: dict[Path, str] = {}
    passages: dict[str, Passage] = {}
    videos: dict[str, dict] = {}
    for talk_path in sorted(TALKS.glob("*.talk")):
        talk = read_talk(talk_path)
        doc, _, ps = build_talk(talk)
        videos[talk.video_id] = doc
        for name, p in ps.items():
            if name in passages:
                raise SystemExit(f"passage id {name} used in two talks")
            passages[name] = p
        text = dump_transcript(doc)
        for blog in talk.meta["blogs"]:
            outputs[SAMPLES / blog / ".clipnote" / "transcripts" / f"{talk.video_id}.json"] = text
    all_embeds = []
    for spec_path in sorted(SPECS.rglob("*.yaml")):
        out, gold = build_gold(spec_path, passages, videos)
        outputs[out] = json.dumps(gold, ensure_ascii=False, indent=1) + "\n"
        all_embeds.extend(gold["embeds"])
    # every post's expected `clipnote embeds --format json` clips in one list, for the extractor's tests
    all_embeds.sort(key=lambda c: (c["path"], c["line"]))
    outputs[GOLD / "expected-embeds.json"] = json.dumps(all_embeds, ensure_ascii=False, indent=1) + "\n"
    return outputs, passages


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="only compare with the committed files")
    ap.add_argument("--passages", action="store_true", help="print every passage with its times")
    args = ap.parse_args(argv)
    outputs, passages = build_all()
    if args.passages:
        for p in passages.values():
            print(f"{p.video_id} {p.id:28s} {clock(p.start):>8s}–{clock(p.end):<8s} "
                  f"{p.start:8.2f} {p.end:8.2f}  {p.speaker:18s} {p.first_words}")
        return 0
    stale = []
    for path, text in sorted(outputs.items()):
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old != text:
            stale.append(path)
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    for path in stale:
        print(("stale: " if args.check else "wrote: ") + str(path.relative_to(SAMPLES)))
    return 1 if (args.check and stale) else 0


if __name__ == "__main__":
    sys.exit(main())
