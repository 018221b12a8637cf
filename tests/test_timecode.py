import pytest
from hypothesis import given, strategies as st

from clipnote.timecode import (
    deep_link, format_clock, format_hms, format_letters, format_offset, parse_time, try_parse_time,
)


@pytest.mark.parametrize("text, seconds", [
    ("4648", 4648), ("4648s", 4648), ("4648.5", 4648.5), ("1:17:28", 4648), ("77:28", 4648),
    ("01:33:23", 5603), ("0:21", 21), ("1h17m28s", 4648), ("1h5m15s", 3915), ("53m25s", 3205),
    ("4m46s", 286), ("20m06s", 1206), ("1m4s", 64), ("0s", 0), ("2h", 7200), ("77m", 4620),
    ("PT1H17M28S", 4648), ("pt1m30s", 90), ("124:06", 7446), ("1：23：43", 5023),
])
def test_parse_time_accepts_every_written_form(text, seconds):
    assert parse_time(text) == pytest.approx(seconds)


@pytest.mark.parametrize("text", ["", "N/A", "HH:MM:SS", "1:75:00", "1:2:60", "abc", "-5", "1h2x",
                                  "https://youtu.be/XYZ", "20m06", "::"])
def test_parse_time_rejects_what_is_not_a_time(text):
    assert try_parse_time(text) is None
    with pytest.raises(ValueError, match="not a time"):
        parse_time(text)


def test_formats():
    assert format_hms(5023.84) == "1:23:43"
    assert format_hms(335) == "0:05:35"
    assert format_clock(335) == "5:35"
    assert format_clock(5023) == "1:23:43"
    assert format_offset(375.84) == "+6:16"
    assert format_offset(-42) == "-0:42"
    assert format_letters(286) == "4m46s"
    assert format_letters(3915) == "1h5m15s"
    assert format_letters(0) == "0s"
    assert deep_link("G4hL5Om4IJ4", 5023.84) == "https://youtu.be/G4hL5Om4IJ4?t=5023"
    assert deep_link("G4hL5Om4IJ4") == "https://youtu.be/G4hL5Om4IJ4"


@given(st.integers(min_value=0, max_value=40 * 3600))
def test_every_format_parses_back(seconds):
    for fmt in (format_hms, format_clock, format_letters):
        assert parse_time(fmt(seconds)) == seconds


@given(st.text(max_size=30))
def test_try_parse_time_never_raises(text):
    value = try_parse_time(text)
    assert value is None or value >= 0
