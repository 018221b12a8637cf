"""Speaker labels: who a turn of a transcribed or translated conversation belongs to.

`read_turn(source)` reads the label a block opens with:

- Q/A labels: `Q（Lex）：`, `**Q:**`, `問：`, `질문:`, `Answer:`;
- speaker labels: `**Host**: …`, `**Name：**…`, `Name: …` (a name, not `Note:` or `Slides:`);
- role-prefixed labels: `主持人 **Dwarkesh Patel**：…`, `Host **Lex Fridman**: …` (the bold
  part is the speaker, the word before it their role);
- diarisation labels, as speech-to-text tools write them: `发言人甲：`, `扬声器 B：`, `Speaker 1:`,
  `SPEAKER_00:`, `話者2：`, `화자 1:` (an anonymous speaker, known only by the label).

`turn_breaks(source)` finds where a new turn starts inside one Markdown paragraph: transcripts
pasted without blank lines (`**A：**…\n**B：**…`) and a label in the middle of a line after a
sentence ends (`…the end. **Host**: next`) — so no turn is merged into its neighbour.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .inline import plain_text
from .keyvalues import fact_line
from ..model import Role

MARK = "\ue000"  # stands for a clip inside a unit's text, so quotations can find their clip
_B = r"(?:\*\*|__)?"
CLOCK = r"\d{1,2}:\d{2}(?::\d{2})?"
# a time written with the label, `**Anna** [00:01:04]：`, `Speaker 1 (00:01:08):` (a label clip
# has become MARK by the time a block is read)
_TIME = rf"(?:[ \t]*(?:{MARK}|[\[(（][ \t]*{CLOCK}[ \t]*[\])）]))?"
_LEADING_TIME = re.compile(rf"^[ \t]*(?:{MARK}|\[[ \t]*{CLOCK}[ \t]*\])[ \t]*(?=\S)")
_TURN = re.compile(
    rf"^{_B}\s*(Q|A|問|答|질문|답변|답|Question|Answer|QUESTION|ANSWER)\s*\d*\s*"
    rf"(?:[（(]\s*([^（）()\n]{{1,40}}?)\s*[）)])?\s*{_B}\s*([:：]|[.．](?=\s|{_B}))\s*{_B}\s*")
_BOLD_LABEL = re.compile(rf"^(\*\*|__)([^*_\n]{{1,60}}?){_TIME}\s*([:：])?\s*\1{_TIME}\s*([:：])?[ \t]*")
_ROLES = (r"host|co-?host|guest|interviewer|interviewee|moderator|panell?ist|narrator|anchor|"
          r"reporter|presenter|主持人|主持|主播|嘉宾|嘉賓|来宾|來賓|访谈者|訪談者|受访者|受訪者|采访者|採訪者|"
          r"记者|記者|司会|司会者|ゲスト|聞き手|話し手|インタビュアー|ホスト|진행자|게스트|사회자|인터뷰어|"
          r"패널|기자")
_ROLE_PREFIXED = re.compile(
    rf"^({_ROLES})[ \t]*(\*\*|__)([^*_\n]{{1,60}}?){_TIME}\s*([:：])?\s*\2{_TIME}\s*([:：])?[ \t]*", re.I)
_ROLE_ALONE = re.compile(rf"^(?:{_ROLES})$", re.I)
_ROLE_THEN_NAME = re.compile(rf"^({_ROLES})\s*(?:[（(]\s*([^()（）]+?)\s*[)）]|\s(.+))$", re.I)
_DIARISED = re.compile(
    rf"^{_B}\s*((?:发言人|發言人|说话人|說話人|讲话人|講話人|扬声器|揚聲器|Speaker|SPEAKER|speaker|Spk|SPK|"
    r"話者|発言者|화자|발화자|참석자|Sprecher|Locuteur|Orador|Hablante)[ \t_]?"
    r"(?:[A-Z]|\d{1,2}|[甲乙丙丁戊己庚辛壬癸]|[一二三四五六七八九十]))"
    rf"\s*{_B}{_TIME}\s*[:：]\s*{_B}[ \t]*")
_PLAIN_LABEL = re.compile(rf"^([^\s:：*\[\]()（）<>{{}}#`|>\"“「{MARK}][^:：\n{MARK}]{{0,40}}?){_TIME}\s*([:：])[ \t]*")
_ROLE_SUFFIX = re.compile(r"^(.*?)\s*[（(][^()（）]{1,30}[)）]$")
# (Latin letters only: `\w` would let `Vinod Khoslaの引用`, "Khosla's quote", pass for a name)
_LATIN_WORD = r"[A-Z][A-Za-z\u00c0-\u024f'’.-]*"
_LATIN_NAME = re.compile(
    rf"^{_LATIN_WORD}(?:\s+(?:{_LATIN_WORD}|de|da|do|dos|das|van|von|der|den|la|le|del|di|bin|"
    r"al|el|y|e))*$")
# what a Japanese note's topic before a colon ends with (`当時の状況:`, `具体例:`, `心理的影響:`),
# never a family name
_TOPIC_NOUN = re.compile(
    r"(?:状況|影響|結果|結論|課題|問題|背景|理由|目的|要点|補足|注意|例|対策|方法|特徴|定義|概要|前提|"
    r"効果|原因|提案|展望|教訓|示唆|引用|段階|予測|可能性|意義|役割|比較|評価|方針|戦略|変化|現状|"
    r"事実|主張|見解|意見|質問|回答|ポイント|メリット|デメリット|ミッション|テーマ|トピック)\d*$")
_CJK_NAME = re.compile(r"^[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3・·ー\s]{1,12}$")
# A Chinese name is short and opens with a surname; a topic or caption before a colon (`结论：`,
# `为什么重要：`, `关键术语：`) is any phrase. Transliterated names carry a middle dot (`埃隆·马斯克`).
_SURNAMES = set(
    "王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何林罗羅高郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭"
    "曾萧蕭田董潘袁蔡蒋蔣余于杜叶葉程魏苏蘇吕呂丁任卢盧姚沈钟鍾姜崔谭譚陆陸范汪廖石金贾賈韦韋夏付方邹鄒"
    "熊白孟秦邱侯江尹薛闫閆段雷龙龍黎史陶贺賀毛郝顾顧龚龔邵万萬覃武钱錢戴严嚴莫孔向常汤湯康易乔喬赖賴"
    "文施洪辛柯庄莊牛欧歐殷齐齊翁左温溫岳俞祝倪骆駱葛")
_COMPOUND_SURNAMES = ("欧阳", "歐陽", "司马", "司馬", "诸葛", "諸葛", "上官", "东方", "東方", "慕容",
                      "令狐", "皇甫", "尉迟", "尉遲", "公孙", "公孫", "长孙", "長孫", "夏侯", "司徒")
_HAN_ONLY = re.compile(r"^[\u3400-\u9fff]+$")
_KANA = re.compile(r"[\u3040-\u30ff]")
_NOT_SPEAKERS = {
    "note", "notes", "nb", "todo", "update", "updated", "edit", "source", "sources", "slides",
    "reference", "references", "example", "examples", "summary", "warning", "tip", "tips", "ps",
    "p.s", "p.s.", "url", "link", "links", "via", "shared", "see also", "related", "tags", "tag",
    "date", "title", "author", "disclaimer", "caveat", "tl;dr", "tldr", "fyi", "important",
    "info", "hint", "videos", "video", "chapters", "transcript", "question", "answer", "step",
    "result", "output", "input", "code", "error", "translation", "original", "context",
    "background", "problem", "solution", "conclusion", "bonus", "definition", "quote", "quotes",
    "pros", "cons", "why", "how", "what", "when", "where", "who", "answer", "usage", "install",
    "注", "注意", "例", "出典", "参考", "引用", "引用元", "追記", "補足", "結論", "要約", "備考",
    "メモ", "ポイント", "まとめ", "動画", "リンク", "その動画", "原文", "翻訳", "참고", "출처",
    "주의", "예", "요약", "결론", "링크", "정리", "영상", "来源", "更新", "总结", "摘要", "链接",
    "视频", "翻译", "译文", "备注", "提示",
}
# the author speaking for themself, not rendering the talk: `作者概括：`, `笔者注：`, `编者按：`,
# `译者注：`, `加一句私货：`, `Author's note:`, `My take:` (a gloss such as `作者外推（非原话定论）`
# may follow the marker)
_AUTHOR_NOTE = re.compile(
    r"^\s*(?:\*\*|__)?\s*(?P<label>[^:：\n]{0,8}?(?:作者|笔者|筆者|编者|編者|译者|譯者|私货|私貨|本文|"
    r"筆者|訳者|編集部|필자|역자|편집자)[^:：\n]{0,8}?|(?:author|editor|translator)'?s?\s+(?:note|take|"
    r"summary|aside|comment)|my\s+(?:take|note|two cents|opinion|comment)|personal\s+note)"
    r"\s*(?:[（(][^()（）\n]{1,20}[)）])?\s*(?:\*\*|__)?\s*[:：]", re.I)


def author_note(text: str) -> tuple[str, str] | None:
    """(the marker, the words after it) for a line of the author's own commentary (`作者概括：…`,
    `My take: …`), or None: such a line may still render the talk, but it does not claim to."""
    m = _AUTHOR_NOTE.match(text)
    return (m.group("label").strip(), text[m.end():].strip()) if m and text[m.end():].strip() else None


# where a label may start in the middle of a line: after the end of a sentence
_SENTENCE_END = re.compile(r"[.!?。！？…\"”」』)）][ \t]*(?=\S)")


class Turn(NamedTuple):
    role: Role
    speaker: str | None
    label: str  # as written, markup removed: `Q（Lex）`, `主持人 Dwarkesh Patel`, `Speaker 1`
    text: str  # the turn's words (plain text)
    form: str  # "qa", "bold", "role" (role-prefixed), "diarised" or "plain"

    @property
    def strong(self) -> bool:
        """Unmistakably a label: bold, role-prefixed, diarised, or Q/A naming the speaker."""
        return self.form in ("bold", "role", "diarised") or (self.form == "qa" and self.speaker is not None)


def speaker_name(label: str, context: str = "") -> str | None:
    """`Jim Keller (CEO)` → `Jim Keller`, `主持人 Dwarkesh Patel` and `主持人（Dwarkesh Patel）` →
    `Dwarkesh Patel`; None when the label does not look like a name."""
    name = label.strip().strip("*_").strip()
    titled = _ROLE_THEN_NAME.match(name)
    if titled and (inner := speaker_name(titled.group(2) or titled.group(3), context)):
        return inner
    role = _ROLE_SUFFIX.match(name)
    core = role.group(1).strip() if role else name
    if not core or core.lower() in _NOT_SPEAKERS or name.lower() in _NOT_SPEAKERS:
        return None
    if any(ch.isdigit() for ch in core) or len(core.split()) > 5:
        return None
    if _ROLE_ALONE.match(core):
        return name  # `主持人：`, `嘉宾：`, `Host:`: a role speaks
    return name if (_LATIN_NAME.match(core) or (_CJK_NAME.match(core) and _cjk_name_shape(core, context))) \
        else None


def _cjk_name_shape(core: str, context: str) -> bool:
    """Could this CJK label be a person's name? Han characters alone, in a Chinese line (no kana
    in the label or the words after it), must look like a Chinese name: a surname and one or two
    characters (a compound surname and one or two), or a transliteration with a middle dot. A
    Japanese line's kanji label may be a family name of any shape, but not a phrase (a particle
    such as `の` makes it one)."""
    compact = re.sub(r"\s", "", core)
    if _HAN_ONLY.match(compact) and not _KANA.search(context):
        if compact.startswith(_COMPOUND_SURNAMES):
            return 3 <= len(compact) <= 4
        return 2 <= len(compact) <= 3 and compact[0] in _SURNAMES
    if re.search(r"[·・]", compact):
        return True
    if _TOPIC_NOUN.search(compact):
        return False
    return not (re.search(r"[\u3040-\u309f]", compact) and re.search(r"[\u3400-\u9fff\u30a0-\u30ff]", compact))


def read_turn(source: str) -> Turn | None:
    """The speaker label `source` opens with, and the words after it."""
    found = read_label(source)
    return found[0]._replace(text=plain_text(found[1])) if found else None


def read_label(source: str) -> tuple[Turn, str] | None:
    """The speaker label `source` opens with (a Turn without its words) and the Markdown after
    it: for callers that only ask whether and how a label opens a line, which is most of them,
    so the words are not turned into plain text for nothing."""
    lead = _LEADING_TIME.match(source)  # `[00:01:40] **Anna**：…`
    if lead:
        source = source[lead.end():]
    m = _TURN.match(source)
    if m and (m.group(3) in ":：" or m.group(2)):
        kind = m.group(1).lower()
        role: Role = "question" if kind in ("q", "問", "질문", "question") else "answer"
        label = re.sub(r"[*_]", "", m.group(0)).strip().rstrip(":：.．").strip()
        speaker = m.group(2).strip() if m.group(2) else None
        return Turn(role, speaker, label, "", "qa"), source[m.end():]
    m = _DIARISED.match(source)
    if m and source[m.end():].strip():
        label = re.sub(r"[ \t_]+", " ", m.group(1)).strip()
        return Turn("quote", label, label, "", "diarised"), source[m.end():]
    m = _ROLE_PREFIXED.match(source)
    if m and (m.group(4) or m.group(5)) and source[m.end():].strip():
        name = speaker_name(m.group(3), source[m.end():])
        if name:
            return Turn("quote", name, f"{m.group(1)} {name}", "", "role"), source[m.end():]
    for pattern, bold in ((_BOLD_LABEL, True), (_PLAIN_LABEL, False)):
        m = pattern.match(source)
        if not m:
            continue
        if bold and not (m.group(3) or m.group(4)):
            continue
        rest = source[m.end():]
        written = m.group(2) if bold else m.group(1)
        name = speaker_name(written, rest)
        if name is None or not rest.strip() or _fact(written.strip(), rest):
            continue
        return Turn("quote", name, name, "", "bold" if bold else "plain"), rest
    return None


def _fact(label: str, rest: str) -> bool:
    """`- Duration: 01:09`, `- Speaker: Dylan Beattie`, `Capex: 资本支出`: a fact, not a turn."""
    return fact_line(label, re.sub(r"[*_`]", "", rest.replace(MARK, " ")))


def label_key(source: str) -> str | None:
    """The key of a `Key: value` or `**Key**: value` line, a name or not (`Airplane Mode`,
    `Research interests`), for telling a definition list from a dialogue; None for a line that
    does not open so, or opens with a Q/A, role-prefixed or diarisation label (always turns)."""
    found = read_label(source)
    if (found and found[0].form not in ("bold", "plain")) or re.match(rf"[*_\s]*{CLOCK}", source):
        return None  # `11:30 Humans will…`: a time, not a key
    for pattern, bold in ((_BOLD_LABEL, True), (_PLAIN_LABEL, False)):
        m = pattern.match(source)
        if m and (not bold or m.group(3) or m.group(4)) and source[m.end():].strip():
            key = (m.group(2) if bold else m.group(1)).strip()
            return key if re.search(r"[^\W\d_]", key) else None
    return None


def turn_breaks(source: str) -> list[int]:
    """Offsets in `source` (one paragraph's Markdown) where a turn other than the first starts.

    A line that opens with a label starts a turn when the paragraph itself opens with one (a
    transcript pasted without blank lines) or when the label is unmistakable; in the middle of
    a line, only an unmistakable label right after the end of a sentence does."""
    first = read_label(source.lstrip())
    breaks: list[int] = []
    offset = 0
    for k, line in enumerate(source.split("\n")):
        at = offset + len(line) - len(line.lstrip())
        offset += len(line) + 1
        if k == 0 or not line.strip():
            continue
        label = read_label(line.strip())
        if label and (label[0].strong or first is not None):
            breaks.append(at)
    if "*" in source or "_" in source or re.search(r"[:：]", source):
        for m in _SENTENCE_END.finditer(source):
            at = m.end()
            if source.rfind("\n", 0, at) >= at - len(m.group(0)) or at in breaks:
                continue  # the label opens a line: handled above
            label = read_label(source[at:at + 200])  # a label is short: its first words suffice
            if label and label[0].strong and (first is not None or label[0].form in ("role", "diarised")):
                breaks.append(at)
    return sorted(set(breaks))
