import pytest

from clipnote.article.urls import is_video_id, parse_id_argument, parse_params, parse_youtube_url


@pytest.mark.parametrize("url, vid, start", [
    ("https://www.youtube.com/watch?v=dP8NmcEkxJI&t=475s", "dP8NmcEkxJI", 475),
    ("https://www.youtube.com/watch?v=rfbmf9OHJo8&t=1h5m15s", "rfbmf9OHJo8", 3915),
    ("http://youtu.be/75Ju0eM5T2c?t=3m41s", "75Ju0eM5T2c", 221),
    ("http://www.youtube.com/watch?v=WpkDN78P884&feature=player_detailpage#t=2546s", "WpkDN78P884", 2546),
    ("https://youtube.com/watch?v=tMDFv5m18Pw#t=0m32s", "tMDFv5m18Pw", 32),
    ("https://www.youtube.com/watch?feature=player_detailpage&v=KIGhA4_7dtw#t=27003", "KIGhA4_7dtw", 27003),
    ("https://youtu.be/HHYeKxlRV1Y?t=230", "HHYeKxlRV1Y", 230),
    ("https://youtu.be/Evlk9J-B_uc?t=68s", "Evlk9J-B_uc", 68),
    ("https://youtu.be/CFCqe3A5fFg?&t=11", "CFCqe3A5fFg", 11),
    ("https://youtu.be/zyM2Ep28ED8?t=484&si=O3cw60wFKt0GgivG", "zyM2Ep28ED8", 484),
    ("https://youtu.be/1x3k0V2IITo?si=CHjla5PUkMAec-jl&t=5s", "1x3k0V2IITo", 5),
    ("https://youtu.be/p6keMgLmFEk?feature=shared&t=559", "p6keMgLmFEk", 559),
    ("https://m.youtube.com/watch?v=nYxy7Y7Gji4&t=28m35s", "nYxy7Y7Gji4", 1715),
    ("https://www.youtube.com/watch?time_continue=1667&v=duf5uUsW3TM&feature=emb_logo", "duf5uUsW3TM", 1667),
    ("https://www.youtube.com/watch?v=HHYeKxlRV1Y&ampt=230s", "HHYeKxlRV1Y", 230),
    ("https://www.youtube.com/watch?v=HHYeKxlRV1Y&amp;t=230s", "HHYeKxlRV1Y", 230),
    ("\u202ahttps://youtu.be/b8hHfI2HX4w?t=1724", "b8hHfI2HX4w", 1724),
    ("https://www.youtube.com/embed/h5Tz7gZT9Fo?start=7113", "h5Tz7gZT9Fo", 7113),
    ("https://www.youtube.com/embed/T8TZQ6k4SLE?t=973s", "T8TZQ6k4SLE", 973),
    ("https://www.youtube.com/embed/zyVRg2QR6LA?si=z-8t_xCc12HwGJH_&t=1067s", "zyVRg2QR6LA", 1067),
    ("https://www.youtube-nocookie.com/embed/h5Tz7gZT9Fo?start=60", "h5Tz7gZT9Fo", 60),
    ("https://www.youtube.com/shorts/FfpVRoGYZIE", "FfpVRoGYZIE", None),
    ("https://www.youtube.com/live/FfpVRoGYZIE?t=90", "FfpVRoGYZIE", 90),
    ("https://www.youtube.com/watch?v=FZ0cG47msEk&list=PLNG_1j3cPCaZZ7etkzWA7JfdmKWT0pMsa", "FZ0cG47msEk", None),
    ("https://img.youtube.com/vi/FZ0cG47msEk/0.jpg", "FZ0cG47msEk", None),
    ("youtu.be/FZ0cG47msEk", "FZ0cG47msEk", None),
    ("https://www.youtube.com/watch?v=T8TZQ6k4SLE&t=26815s", "T8TZQ6k4SLE", 26815),
])
def test_video_urls(url, vid, start):
    ref = parse_youtube_url(url)
    assert ref is not None and ref.error is None
    assert ref.video_id == vid
    assert ref.start == start


def test_fragment_wins_over_query_and_every_candidate_is_kept():
    ref = parse_youtube_url("https://www.youtube.com/watch?v=HHYeKxlRV1Y&t=230#t=240")
    assert ref.start == 240
    assert dict(ref.times) == {"#t": 240, "t": 230}


@pytest.mark.parametrize("url", [
    "https://www.youtube.com/", "https://www.youtube.com/playlist?list=PLD4atqlPcvA5G7gqRiE1cYw1lDpcAyWTL",
    "https://www.youtube.com/@HikakinTV", "https://music.youtube.com/channel/UCabc",
    "https://example.com/watch?v=FZ0cG47msEk", "not a url",
])
def test_urls_that_name_no_video(url):
    assert parse_youtube_url(url) is None


@pytest.mark.parametrize("url", ["https://youtu.be/url", "https://www.youtube.com/watch?v=XYZ",
                                 "https://www.youtube.com/embed/_________"])
def test_invalid_ids_are_reported_never_guessed(url):
    ref = parse_youtube_url(url)
    assert ref is not None and ref.video_id is None and "not a valid YouTube video id" in ref.error


@pytest.mark.parametrize("arg, vid, start, end", [
    ("G4hL5Om4IJ4?start=4648", "G4hL5Om4IJ4", 4648, None),
    ("OCWj5xgu5Ng?rel=0&start=10", "OCWj5xgu5Ng", 10, None),
    ("syQnn_xuB8U?t=4m46s", "syQnn_xuB8U", 286, None),
    ("s4pvr3dA9nM?start=205&end=250", "s4pvr3dA9nM", 205, 250),
    ("Jd3-eiid-Uw?modestbranding=1&amp;showinfo=0&amp;rel=0", "Jd3-eiid-Uw", None, None),
    ("'wbY97-hdD5c'", "wbY97-hdD5c", None, None),
    ("https://www.youtube.com/watch?v=MtQL_ll5KhQ", "MtQL_ll5KhQ", None, None),
])
def test_embed_id_arguments(arg, vid, start, end):
    ref = parse_id_argument(arg)
    assert (ref.video_id, ref.start, ref.end) == (vid, start, end)


@pytest.mark.parametrize("arg", ["url", "XYZ", "_________", "page.youtubeId", ""])
def test_bad_id_arguments(arg):
    ref = parse_id_argument(arg)
    assert ref.video_id is None and ref.error


def test_params_attribute_and_invalid_end():
    assert parse_params("start=114") == (114, None)
    assert parse_params("start=130&end=10&controls=0") == (130, None)  # end before start: ignored
    assert parse_params("start=130&end=150") == (130, 150)


def test_is_video_id():
    assert is_video_id("G4hL5Om4IJ4")
    assert not is_video_id("G4hL5Om4IJ") and not is_video_id("G4hL5Om4IJ4x") and not is_video_id("G4hL5Om4I$4")
