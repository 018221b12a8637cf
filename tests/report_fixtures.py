"""Hand-built check results for the report tests.

Everything here is written for these tests (no seed or corpus text): a Japanese interview post
whose eight Q/A turns are found 6:16 after the embed's start, with a garbled name, agreeing
numbers, an invented quote and a second clip whose transcript is missing; an English post whose
article text, transcript and messages try to break Markdown and inject HTML; a post that only
invents; a clean post; and a file that could not be read.
"""

from __future__ import annotations

from clipnote.model import (
    ARTICLE_ERROR,
    BAD_REFERENCE,
    DRIFT,
    NAME_MISSING,
    NUMBER_AGREES,
    NUMBER_MISMATCH,
    OMISSION,
    TRANSCRIPT_CAVEAT,
    UNSUPPORTED,
    WEAK,
    Article,
    ArticleResult,
    Clip,
    ClipResult,
    Excerpt,
    ExcerptResult,
    Finding,
    Match,
    Problem,
    Segment,
    Transcript,
)

INTERVIEW = "_posts/2021-02-22-chip-interview.md"
HOSTILE = "content/posts/hostile.md"
INVENTED = "_posts/2023-05-01-summary-bot.md"
CLEAN = "_posts/2020-01-01-clean.md"
BINARY = "_posts/binary.md"

VIDEO = "G4hL5Om4IJ4"
MISSING_VIDEO = "Zx9_kq-3PLm"
HOSTILE_VIDEO = "AbCdEfGhIjK"

SCRIPT = "<script>alert(1)</script>"

# Invented caption lines, 4 s each from 5011.84 s (1:23:31).
CAPTIONS = [
    "and that's where the money really goes",
    "it's a hard problem to get right",
    "okay so let me ask you about something else",
    "what do you think about the big training computer",  # 3: Q1 starts at 5023.84
    "that the car company is building",
    "is it a good idea to build your own",
    "instead of buying from the usual vendors",
    "do you think it can work",
    "well first of all I think it's great",  # 8: A1
    "it's a bold thing to build a training computer",
    "from scratch with your own chips",
    "and your own packaging",
    "the team is very good",
    "they started with a clean sheet",
    "and they thought about the whole system",
    "not just the chip",
    "the power delivery the cooling the software",
    "all of it together",
    "so the cooling does seem to be a big problem",  # 18: Q2
    "Elon talked about the power a lot",
    "when he presented it",
    "how do you even cool a thing like that",
    "yeah and the other thing is",  # 22: A2
    "one tile burns ten thousand watts",
    "ten years ago nobody would build",
    "something that dense",
    "you'd have said it's crazy",
    "but now the packaging lets you do it",
    "you put the power in from the bottom",
    "and the water goes through the top",
    "it's really a plumbing problem",
    "as much as a computing problem",
    "and plumbing is hard",
    "yeah these transformers behind GPT-3",  # 33: Q3
    "they seem to keep getting bigger",
    "three years ago nobody imagined",  # 35: A3
    "a model this size would be useful",
    "do you think the scaling keeps going",  # 37: Q4
    "or does it hit a wall",
    "at some point",
    "I think it keeps going for a while",  # 40: A4
    "the curves are still straight",
    "and every time someone says it stops",
    "it doesn't stop",
    "you just need more computers",
    "and better ones",
    "so what about the software side",
    "the software is always the hard part",
    "people underestimate it",
    "every single time",
]

SEGMENTS = tuple(Segment(5011.84 + 4 * i, 4.0, text) for i, text in enumerate(CAPTIONS))


def span(first: int, last: int, score: float = 0.82, confidence: float = 0.95, **extra) -> Match:
    return Match(
        start=SEGMENTS[first].start,
        end=SEGMENTS[last].end,
        score=score,
        confidence=confidence,
        first_segment=first,
        last_segment=last,
        text=" ".join(s.text for s in SEGMENTS[first:last + 1]),
        **extra,
    )


def interview_result() -> ArticleResult:
    """The Japanese interview: 8 supported turns 6:16 after the embed, an invented quote, and a
    second clip with no transcript."""
    turns = [
        # line, label, speaker, role, text, (first, last segment), findings
        (33, "Q（Lex）", "Lex", "question",
         "テスラが自前で作っている学習用コンピュータについてどう思いますか？", (3, 7), ()),
        (35, "A（Jim Keller）", "Jim Keller", "answer",
         "まず、素晴らしいと思います。自分たちのチップで一から作るのは大胆な挑戦です。", (8, 17), ()),
        (38, "Q（Lex）", "Lex", "question",
         "冷却が大きな問題のようですね。ナイロンも電力の話をたくさんしていました。", (18, 21),
         (Finding(NAME_MISSING, "warning",
                  "The transcript names “Elon” here; the article has no such name "
                  "(perhaps garbled as “ナイロン”).",
                  {"name": "Elon", "article_form": "ナイロン", "seconds": 5087.84}, line=38),)),
        (40, "A（Jim Keller）", "Jim Keller", "answer",
         "タイル1枚で1万ワットを消費します。10年前なら誰も作らなかったでしょう。", (22, 32),
         (Finding(NUMBER_AGREES, "info", "“1万ワット” agrees with “ten thousand watts” (10,000).",
                  {"article": "1万", "video": "ten thousand", "value": 10000.0}),
          Finding(NUMBER_AGREES, "info", "“10年前” agrees with “ten years ago” (10).",
                  {"article": "10年前", "video": "ten years ago", "value": 10.0}))),
        (44, "Q（Lex）", "Lex", "question",
         "GPT-3の背後にあるトランスフォーマーはどんどん大きくなっていますね。", (33, 34),
         (Finding(NUMBER_AGREES, "info", "“GPT-3” agrees with “GPT-3” (3).",
                  {"article": "GPT-3", "video": "GPT-3", "value": 3.0}),)),
        (46, "A（Jim Keller）", "Jim Keller", "answer",
         "3年前には、この大きさのモデルが役に立つとは誰も思っていませんでした。", (35, 36),
         (Finding(NUMBER_AGREES, "info", "“3年前” agrees with “three years ago” (3).",
                  {"article": "3年前", "video": "three years ago", "value": 3.0}),)),
        (49, "Q（Lex）", "Lex", "question",
         "スケーリングはこのまま続くと思いますか？", (37, 39), ()),
        (51, "A（Jim Keller）", "Jim Keller", "answer",
         "しばらくは続くと思います。曲線はまだまっすぐです。", (40, 45), ()),
    ]
    excerpts = []
    results = []
    for line, label, speaker, role, text, (first, last), findings in turns:
        excerpt = Excerpt(INTERVIEW, line, text, speaker=speaker, role=role, label=label)
        excerpts.append(excerpt)
        results.append(ExcerptResult(excerpt, "supported", span(first, last), findings))
    invented = Excerpt(INTERVIEW, 55, "私は量子コンピュータが来年すべてを置き換えると確信しています。",
                       speaker="Jim Keller", role="answer", label="A（Jim Keller）")
    excerpts.append(invented)
    results.append(ExcerptResult(invented, "unsupported", None, (
        Finding(UNSUPPORTED, "error",
                "Not found in the video: nothing in the transcript says this "
                "(best candidate 1:25:04, similarity 0.21).",
                {"best_start": 5104.0, "best_score": 0.21}),)))
    transcript = Transcript(
        VIDEO, "en", SEGMENTS, source="transcripts-dir", generated=True,
        title="Chips, AI and Cooling | Interview #162", channel="A Podcast", duration=10060.0,
        provider="youtube-asr",
    )
    clip = Clip(VIDEO, 4648.0, None, INTERVIEW, 29,
                '{% include youtubePlayer.html id="G4hL5Om4IJ4?start=4648" %}',
                excerpts=tuple(excerpts))
    main = ClipResult(clip, transcript, tuple(results), (
        Finding(DRIFT, "warning",
                "The quotes begin 6:16 after the embed's start: the embed starts at 1:17:28, "
                "the first quote is spoken at 1:23:43.",
                {"seconds": 375.84, "article_start": 4648.0, "spoken_start": 5023.84}),
        Finding(TRANSCRIPT_CAVEAT, "info",
                "The transcript was made by YouTube's speech recognition: names and numbers in it "
                "may be misheard.", {"generated": True}),
    ))
    missing_excerpts = (
        Excerpt(INTERVIEW, 62, "次の話題はロボットです。", speaker="Lex", role="question", label="Q（Lex）"),
        Excerpt(INTERVIEW, 64, "ロボットはまだ難しい。", speaker="Jim Keller", role="answer",
                label="A（Jim Keller）"),
    )
    missing_clip = Clip(MISSING_VIDEO, 300.0, None, INTERVIEW, 60,
                        "https://www.youtube.com/watch?v=Zx9_kq-3PLm&t=300", kind="link",
                        excerpts=missing_excerpts)
    missing = ClipResult(missing_clip, None, (), (), error=(
        f"no transcript for {MISSING_VIDEO} in the snapshots or the cache, and --offline "
        "forbids fetching it"))
    article = Article(INTERVIEW, title="ジム・ケラー氏インタビュー：チップと冷却", language="ja",
                      clips=(clip, missing_clip))
    return ArticleResult(article, (main, missing))


HOSTILE_CAPTIONS = (
    f"he said {SCRIPT} | ** ]( and laughed",
    "# not a heading > not a quote - not a list",
    "`code` [click](javascript:alert(1)) <img src=x onerror=alert(1)>",
    "&lt;b&gt;entity&lt;/b&gt; &amp; $x^2$ ~~gone~~ | cell | cell |",
    "1. not a list </details> <!-- open comment",
)
HOSTILE_SEGMENTS = tuple(Segment(330.0 + 3 * i, 3.0, t) for i, t in enumerate(HOSTILE_CAPTIONS))


def hostile_result() -> ArticleResult:
    """An English post whose every string tries to break the Markdown or inject HTML."""
    quote = Excerpt(HOSTILE, 12, f"He said {SCRIPT} | ** ]( and then\n# laughed\n> twice\n- really",
                    speaker="Ann | <b>Bold</b>", role="quote", end_line=15)
    weak = Excerpt(HOSTILE, 18, "`Something` about [links](http://evil.example) & code",
                   speaker=None, role="quote")
    matched = Match(330.0, 339.0, 0.77, 0.9, 0, 2,
                    " ".join(HOSTILE_CAPTIONS[0:3]), alternatives=((12.0, 20.0, 0.7),))
    weak_match = Match(339.0, 345.0, 0.41, 0.38, 3, 4, " ".join(HOSTILE_CAPTIONS[3:5]),
                       out_of_order=True)
    transcript = Transcript(HOSTILE_VIDEO, "en", HOSTILE_SEGMENTS, source="snapshot",
                            generated=False, title=f"Talk | {SCRIPT} ](x) `t`")
    clip = Clip(HOSTILE_VIDEO, 335.0, None, HOSTILE, 10,
                "[5:35](https://youtu.be/AbCdEfGhIjK?t=335)", kind="link",
                excerpts=(quote, weak))
    results = (
        ExcerptResult(quote, "supported", matched, (
            Finding(NUMBER_MISMATCH, "error",
                    f"The article says 5 `million` | ** ]( , the video says {SCRIPT} 50.",
                    {"article": "5", "video": "50"}),
            Finding(OMISSION, "warning", "The quote leaves out 12 s of speech:\n# a heading?",
                    {"seconds": 12.0}, line=14),
        )),
        ExcerptResult(weak, "weak", weak_match, (
            Finding(WEAK, "warning", "Only a weak match: <i>check it</i> by ear.", {}),)),
    )
    article = Article(HOSTILE, title=f"Quotes & <b>bold</b> | \"tricks\" {SCRIPT}",
                      language="en", clips=(clip,),
                      problems=(Problem(HOSTILE, 7, "invalid YouTube video id 'XYZ' (an id is 11 "
                                        "characters of A-Z a-z 0-9 _ -)", raw="{% youtube XYZ %}",
                                        kind=BAD_REFERENCE),))
    return ArticleResult(article, (ClipResult(clip, transcript, results),))


def invented_result() -> ArticleResult:
    """A machine-written summary: one quote nowhere in the video."""
    quote = Excerpt(INVENTED, 8, "We will ship a billion robots by next spring.", speaker="CEO",
                    role="quote")
    clip = Clip(VIDEO, 120.0, None, INVENTED, 5, "https://youtu.be/G4hL5Om4IJ4?t=120", kind="link",
                excerpts=(quote,))
    transcript = Transcript(VIDEO, "en", SEGMENTS, generated=True, title=None)
    result = ClipResult(clip, transcript, (ExcerptResult(quote, "unsupported", None, (
        Finding(UNSUPPORTED, "error", "Not found in the video: nothing in the transcript says this.",
                {}),)),))
    return ArticleResult(Article(INVENTED, title="Summary", language="en", clips=(clip,)), (result,))


def clean_result() -> ArticleResult:
    quote = Excerpt(CLEAN, 9, "Cooling is a plumbing problem.", speaker="Jim", role="quote")
    clip = Clip(VIDEO, 5100.0, None, CLEAN, 7, "{{< youtube id=\"G4hL5Om4IJ4\" start=\"5100\" >}}",
                excerpts=(quote,))
    transcript = Transcript(VIDEO, "en", SEGMENTS, source="snapshot", generated=False,
                            title="Chips, AI and Cooling | Interview #162")
    result = ClipResult(clip, transcript, (ExcerptResult(quote, "supported", span(30, 31)),))
    return ArticleResult(Article(CLEAN, title="Clean", language="en", clips=(clip,)), (result,))


def unreadable_problem() -> Problem:
    return Problem(BINARY, None, "not a text file (binary data at byte 12)", kind=ARTICLE_ERROR)


def all_results() -> list[ArticleResult]:
    """In path order, as batch would pass them."""
    return sorted([interview_result(), hostile_result(), invented_result(), clean_result()],
                  key=lambda r: r.article.path)

