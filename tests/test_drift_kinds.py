"""Drift for every kind of time (issue 10 item 4): bare `[M:SS]` labels whose sentences run on
into the next label, chapter headings, times written in the prose; severity by distance."""

import pytest

from clipnote import model as M
from clipnote.article.scan import scan_text
from clipnote.checks.timestamps import drift_severity
from clipnote.config import Thresholds
from clipnote.pipeline import Checker

from talk_fixture import talk_transcript


class Store:
    def __init__(self, transcript):
        self.transcript = transcript

    def get(self, video_id, article_path=None):
        return self.transcript


# the talk starts at 1:00 and runs four seconds a line; these labels claim it starts at 5:00
LABELLED = """---
title: Rooftop notes
video: Bq3ZkT7mW2e
---

[5:00] Welcome back to the rooftop hour, today my guest keeps bees on office buildings

[5:30] downtown. So how did you start, was it a hobby first? It was, my grandmother kept four hives

[1:12] behind her house in the valley, and when I moved to the city I missed the sound of them.

## 17:10 The hardest part

**Host:** What is the hardest part of the job?
**Guest:** Honestly the paperwork, every building has its own insurance rules. The bees are easy, people are the difficult part.
"""


@pytest.fixture(scope="module")
def result():
    return Checker(Store(talk_transcript())).check_article(scan_text(LABELLED, "post.md"))


def drift_of(result, line):
    clip = next(c for c in result.clips if c.clip.line == line)
    return [f for f in clip.findings if f.kind == M.DRIFT]


def test_labels_far_from_their_text_drift_and_a_right_one_does_not(result):
    (first,) = drift_of(result, 6)
    assert first.severity == "warning" and first.data["time_source"] == "label"
    assert first.data["quotes_start"] == pytest.approx(60.0, abs=5)
    assert drift_of(result, 8) and not drift_of(result, 10)


def test_a_chapter_heading_far_from_its_turns_is_an_error(result):
    (heading,) = drift_of(result, 12)
    assert heading.severity == "error" and "0:17:10" in heading.message
    assert heading.data["clip_start"] == 1030.0 and heading.data["quotes_start"] < 200


def test_severity_grows_with_distance():
    th = Thresholds()
    assert [drift_severity(s, th) for s in (45, -50, 200, 900)] == ["info", "info", "warning", "error"]


def test_a_time_in_the_prose_that_disagrees_is_its_own_finding():
    text = ("{{< youtube id=\"Bq3ZkT7mW2e\" start=\"120\" >}}\n\n"
            "Watch from 9분 30초부터: the guest on the hardest part of the job.\n\n"
            "> What is the hardest part of the job?\n\n"
            "> Honestly the paperwork, every building has its own insurance rules.\n")
    r = Checker(Store(talk_transcript())).check_article(scan_text(text, "post.md"))
    (clip,) = r.clips
    sources = {f.data.get("time_source"): f for f in clip.findings if f.kind == M.DRIFT}
    assert set(sources) == {"prose"} and sources["prose"].data["prose_time"] == 570.0


# a lecture translated with a label every 30 s, each paragraph's sentence running on into the
# next; the labels drift further from the talk as it goes on (ours, in Korean)
KOREAN = """---
title: 옥상 양봉 강의 번역
video: Bq3ZkT7mW2e
---

[1:00] 오늘 옥상 한 시간에 다시 오신 것을 환영합니다. 오늘 게스트는 시내 사무실 건물 위에서 벌을 키웁니다. 불러 주셔서 감사합니다, 이상한 직업이지만 저는 정말 좋아해요. 어떻게 시작하셨나요, 처음에는 취미였나요? 네, 할머니가 계곡에 있는 집 뒤에서 벌통 네 개를 키우셨어요. 도시로 이사 왔을 때 그 소리가 그리웠습니다. 그래서 건물 관리인에게 옥상에 벌통 하나를 놓아도 되는지 물었더니, 아무도 쏘이지 않는다고

[1:40] 약속하면 된다고 했어요. 첫 여름에 그 벌통 하나에서 꿀을 약 12킬로그램 얻었습니다. 옥상 하나에서 12킬로그램이라니 많네요. 저도 놀랐어요, 도시는 아무도 눈치채지 못하는 꽃으로 가득합니다. 가로수의 라임 나무, 공원의 클로버, 곳곳의 창가 화분들. 벌은 꽃을 찾아 3킬로미터까지 날아갑니다. 도시에는 농약이 적어서 벌 무리가

[2:30] 더 건강한 경우가 많습니다. 이 일에서 가장 어려운 점은 무엇인가요? 솔직히 서류 작업이에요, 건물마다 보험 규정이 다릅니다. 벌은 쉽고, 사람이 어려운 부분이죠. 어떤 세입자들은 무서워해서 오픈 데이를 열어 꿀을 맛보게 합니다. 자기 옥상의 꿀을 맛보면 더 이상 무서워하지 않아요.

[3:20] 한 도시에 벌통이 너무 많은 것은 걱정되지 않나요? 네, 실제로 위험합니다, 야생 벌들이 같은 꽃을 두고 경쟁하거든요. 어떤 동네에는 제곱킬로미터당 벌통이 서른 개가 넘는데, 너무 많은 겁니다. 그래서 시내에는 벌통을 더 늘리지 않고 대신 꽃을 심습니다. 꽃이 없는 벌통은 배고픈 곤충이 든 상자일 뿐이에요.

[4:10] 시작하려는 사람에게 무슨 말을 해 주시겠어요? 벌을 사는 것보다 꽃을 심는 것부터 시작하세요. 첫 벌 무리를 들이기 전에 지역 협회에서 1년 동안 배우고, 무엇보다 먼저 이웃과 이야기하세요. 제가 아는 최고의 양봉가들은 일하는 것보다 지켜보는 데 더 많은 시간을

[5:00] 보냅니다. 그리고 꿀은 도시의 맛이 나나요? 그때 피는 꽃의 맛이 나요, 6월에는 대부분 라임 꽃이에요. 8월에는 더 진해져서 공원과 철도 제방 같은 맛이 납니다. 옥상마다 다른 꿀이 나와요, 그게 바로 마법이죠.
"""


def test_running_on_label_paragraphs_are_placed_and_their_drift_grows():
    r = Checker(Store(talk_transcript())).check_article(scan_text(KOREAN, "post.md"))
    labels = [c for c in r.clips if c.clip.kind == "label"]
    starts = [c.excerpts[0].match.start for c in labels]
    assert starts == sorted(starts) and abs(starts[0] - 60) <= 8 and abs(starts[-1] - 196) <= 8
    drifts = [[f.severity for f in c.findings if f.kind == M.DRIFT] for c in labels]
    assert drifts[:2] == [[], []]  # within 30 s: the running-on words before the label don't count
    assert drifts[3:] == [["info"], ["warning"], ["warning"]]


def test_a_label_pointing_at_the_cold_open_of_a_repeated_passage_does_not_drift():
    text = ("---\nvideo: Bq3ZkT7mW2e\n---\n\n"
            "[0:06] In the first summer we got about twelve kilos of honey from that one hive.\n")
    r = Checker(Store(talk_transcript(repeat_intro=True))).check_article(scan_text(text, "post.md"))
    (clip,) = [c for c in r.clips if c.clip.kind == "label"]
    (excerpt,) = clip.excerpts
    places = [excerpt.match.start, *(alt[0] for alt in excerpt.match.alternatives)]
    assert min(places) < 10 and max(places) > 60  # said in the cold open and again later
    assert not [f for f in clip.findings if f.kind == M.DRIFT]


def test_a_link_without_a_time_is_held_to_the_time_its_text_gives():
    text = ("Watch [the talk](https://youtu.be/Bq3ZkT7mW2e) from 9분 30초부터: the hardest part of the job.\n\n"
            "> What is the hardest part of the job?\n\n"
            "> Honestly the paperwork, every building has its own insurance rules.\n")
    r = Checker(Store(talk_transcript())).check_article(scan_text(text, "post.md"))
    (clip,) = r.clips
    assert clip.clip.start is None and clip.clip.prose_time.start == 570.0
    (drift,) = [f for f in clip.findings if f.kind == M.DRIFT]
    assert drift.data["time_source"] == "prose" and drift.severity == "warning"


def test_a_drift_is_only_as_sure_as_its_match():
    from clipnote.align import Alignment
    from clipnote.checks.timestamps import drift_findings
    from clipnote.model import Clip, Excerpt, Match

    def drift_at(confidence):
        excerpt = Excerpt("post.md", 3, "a claim of the summary", role="paraphrase")
        match = Match(start=900.0, end=910.0, score=1.0, confidence=confidence, first_segment=0,
                      last_segment=1, text="…")
        clip = Clip("Bq3ZkT7mW2e", 300.0, None, "post.md", 3, "[5:00]", kind="label")
        (finding,) = drift_findings(clip, [Alignment(excerpt, "supported", match)], Thresholds())
        return finding.severity

    assert (drift_at(0.95), drift_at(0.6)) == ("error", "info")  # ten minutes off


def test_a_prose_time_at_the_very_start_is_measured_from_zero():
    from clipnote.align import Alignment
    from clipnote.checks.timestamps import drift_findings

    # said at 0:00 (a cold open) and again at 10:00; the link says 10:00, the prose "from 0:00"
    match = M.Match(start=0.0, end=8.0, score=0.9, confidence=0.95, first_segment=0, last_segment=1,
                    text="…", alternatives=((600.0, 608.0, 0.98),))
    excerpt = M.Excerpt(path="post.md", line=5, text="…", speaker=None, role="quote")
    clip = M.Clip("Gd7pR2nWq4Z", 600.0, None, "post.md", 3, "https://youtu.be/Gd7pR2nWq4Z?t=600",
                  kind="link", prose_time=M.ProseTime("0:00", 0.0))
    found = drift_findings(clip, [Alignment(excerpt, "supported", match, {"confidence": 0.95})], Thresholds())
    assert not [f for f in found if f.data.get("time_source") == "prose"]
