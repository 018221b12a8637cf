"""A link to a video through another site's redirector is that video, at its time.

Social sites and search engines rewrite the links their users share: the video's URL rides,
percent-encoded, in a query parameter of the redirector's own link. The ids and texts here are
made up.
"""

import pytest

from clipnote.article.scan import scan_text
from clipnote.article.urls import parse_youtube_url

VIDEO = "Qx7Lm2Np4Rs"


@pytest.mark.parametrize("url, start", [
    (f"https://l.threads.net/?u=https%3A%2F%2Fwww.youtube.com%2Fwatch%3Fv%3D{VIDEO}&e=AT0xYz", None),
    (f"https://l.facebook.com/l.php?u=https%3A%2F%2Fyoutu.be%2F{VIDEO}%3Ft%3D95&h=AT1abc", 95),
    (f"https://www.google.com/url?sa=t&q=https%3A%2F%2Fwww.youtube.com%2Fwatch%3Fv%3D{VIDEO}"
     "%26t%3D2m5s&usg=AOv", 125),
    (f"https://out.reddit.com/t3_abc?url=https%3A%2F%2Fm.youtube.com%2Fwatch%3Fv%3D{VIDEO}"
     "%26t%3D40&token=x", 40),
    (f"https://href.li/?https://www.youtube.com/watch?v={VIDEO}&t=30", 30),
    (f"https://example.org/go?target=https%3A%2F%2Fwww.youtube.com%2Fembed%2F{VIDEO}%3Fstart%3D7", 7),
    # encoded twice, as some redirectors chain
    (f"https://l.facebook.com/l.php?u=https%253A%252F%252Fyoutu.be%252F{VIDEO}%253Ft%253D12", 12),
])
def test_redirector_links_are_the_video_they_lead_to(url, start):
    ref = parse_youtube_url(url)
    assert ref is not None and ref.error is None
    assert (ref.video_id, ref.start) == (VIDEO, start)


@pytest.mark.parametrize("url", [
    # YouTube's own redirect leads away from YouTube: never a video
    f"https://www.youtube.com/redirect?event=video_description&q=https%3A%2F%2Fyoutu.be%2F{VIDEO}",
    "https://t.co/Zq8Xw3Lk2M",  # a shortener hides its target
    "https://l.facebook.com/l.php?u=https%3A%2F%2Fexample.com%2Fyoutube-tips",
    f"https://example.org/page?v={VIDEO}&ref=youtube",  # a parameter that is no URL
])
def test_links_that_lead_to_no_video(url):
    assert parse_youtube_url(url) is None


def test_a_redirected_bad_id_is_reported_not_guessed():
    ref = parse_youtube_url("https://l.threads.net/?u=https%3A%2F%2Fyoutu.be%2Fnot-an-id")
    assert ref is not None and ref.video_id is None and ref.error


def test_editing_code_can_ask_for_the_url_itself():
    url = f"https://l.threads.net/?u=https%3A%2F%2Fyoutu.be%2F{VIDEO}"
    assert parse_youtube_url(url, unwrap=False) is None


def test_a_wrapped_link_in_an_article_is_a_clip_with_its_quote():
    text = (f"[The interview at the school](https://l.threads.net/?u=https%3A%2F%2Fwww.youtube.com"
            f"%2Fwatch%3Fv%3D{VIDEO}%26t%3D1m4s&e=AT0q) covers the early years.\n\n"
            "> We rented a tiny office above a bakery and wrote the first driver there.\n")
    article = scan_text(text, "post.md")
    assert [(c.video_id, c.start, c.kind) for c in article.clips] == [(VIDEO, 64, "link")]
    assert [(e.role, e.text[:23]) for e in article.clips[0].excerpts] == [("quote", "We rented a tiny office")]
