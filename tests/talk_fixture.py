"""A small invented talk (ours) as caption lines, for alignment and check tests that must not
depend on third-party data. About urban beekeeping, told by a host and a guest."""

from clipnote.model import Excerpt, Segment, Transcript

TALK = """\
>> welcome back to the rooftop hour, today my guest keeps bees on office buildings downtown
thanks for having me, it is a strange job and I love it
>> so how did you start, was it a hobby first
it was, my grandmother kept four hives behind her house in the valley
and when I moved to the city I missed the sound of them
so I asked the manager of my building if I could put one hive on the roof
he said yes if I promised nobody would get stung
and in the first summer we got about twelve kilos of honey from that one hive
>> twelve kilos from a single roof, that sounds like a lot
it surprised me too, the city is full of flowers that nobody notices
lime trees along the avenues, clover in the parks, window boxes everywhere
the bees fly up to three kilometres to find them
and because there are fewer pesticides in town the colonies are often healthier
>> what is the hardest part of the job
honestly the paperwork, every building has its own insurance rules
the bees are easy, people are the difficult part
some tenants are afraid, so we hold open days and let them taste the honey
once you taste honey from your own roof you stop being afraid
>> do you worry about too many hives in one city
yes, that is a real risk, wild bees compete for the same flowers
in some neighbourhoods we now have more than thirty hives per square kilometre
and that is too many, the wild pollinators lose out
so we stopped adding hives downtown and plant flowers instead
a hive without flowers is just a box of hungry insects
>> what would you tell someone who wants to start
start by planting, not by buying bees
learn for a full year with a local association before your first colony
and talk to your neighbours before anything else
the best beekeepers I know spend more time watching than working
>> and the honey, does it taste of the city
it tastes of whatever is flowering, in june it is mostly lime blossom
in august it gets darker, more like the parks and the railway embankments
every roof gives a different honey, that is the magic of it
>> thank you so much for coming on the show
thank you, and plant something this weekend, the bees will find it
"""


def talk_transcript(video_id: str = "Bq3ZkT7mW2e", *, step: float = 4.0, generated: bool = True,
                    offset: float = 60.0, repeat_intro: bool = False) -> Transcript:
    """The talk as 4-second caption lines starting at `offset` seconds. With `repeat_intro` a
    cold open first plays the lines about the twelve kilos, as podcasts do."""
    lines = [line for line in TALK.splitlines() if line.strip()]
    # YouTube marks every change of speaker with `>>`: the host's lines and the guest's replies
    lines = [(">> " + line if i and lines[i - 1].startswith(">>") and not line.startswith(">>") else line)
             for i, line in enumerate(lines)]
    segments = []
    t = offset
    if repeat_intro:
        t = 0.0
        for line in lines[7:9]:
            segments.append(Segment(t, step, line.lstrip("> ")))
            t += step
        t = max(t, offset)
    filler = [f"{word} and so on as we were saying about the weather and the traffic" for word in
              ("well", "anyway", "right", "okay", "so", "yes", "now", "also")]
    for i, line in enumerate(lines):
        segments.append(Segment(t, step, line))
        t += step
        if i % 5 == 4:  # unrelated small talk between topics
            segments.append(Segment(t, step, filler[i % len(filler)]))
            t += step
    return Transcript(video_id=video_id, language="en", segments=tuple(segments), generated=generated,
                      provider="youtube-asr" if generated else "youtube-manual", title="The rooftop hour")


def quote(text: str, line: int = 10, *, speaker: str | None = None, role: str = "quote") -> Excerpt:
    return Excerpt(path="post.md", line=line, text=text, speaker=speaker, role=role)
