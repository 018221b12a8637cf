"""Small blogs for the batch tests, built in a temporary folder: posts we write, quoting the
invented rooftop-beekeeping talk of `talk_fixture` (its transcript committed as a snapshot)."""

from __future__ import annotations

from pathlib import Path

from talk_fixture import talk_transcript

from clipnote.transcripts import save_snapshot

VIDEO = "Bq3ZkT7mW2e"
OTHER = "Rf5TnY8wQ1u"  # the same talk under another id: a second video with a snapshot
MISSING = "Zz9XcV2bN4m"  # a video with no snapshot anywhere

REAL = ("> it was, my grandmother kept four hives behind her house in the valley\n"
        "> and when I moved to the city I missed the sound of them\n")
INVENTED = "> the mayor promised to paint every bridge in the city bright orange before the elections\n"


_CACHE: list[Path] = []


def use_shared_cache(tmp_path_factory, monkeypatch) -> None:
    """One user cache for the batch tests (after conftest's per-test one is set): the talk is
    embedded once per session, not once per test."""
    if not _CACHE:
        _CACHE.append(tmp_path_factory.mktemp("batch-cache"))
    monkeypatch.setenv("CLIPNOTE_CACHE_DIR", str(_CACHE[0]))


def post(video: str = VIDEO, *quotes: str, start: int = 72, title: str = "Bees on the roof",
         front: str = "") -> str:
    """A Jekyll post: front matter, a line of prose, an include embed, then the quotes."""
    body = "\n".join(quotes or (REAL,))
    return (f"---\ntitle: {title}\n{front}---\n\nThe interview starts here.\n\n"
            f'{{% include youtubePlayer.html id="{video}?start={start}" %}}\n\n{body}')


def make_blog(root: Path, posts: dict[str, str | bytes], *, videos=(VIDEO, OTHER),
              files: dict[str, str] | None = None) -> Path:
    """A Jekyll blog at `root`: `_config.yml`, the posts (paths relative to `root`), snapshots of
    `videos`, and any other `files`."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "_config.yml").write_text("title: test blog\n", encoding="utf-8")
    for name, content in {**posts, **(files or {})}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    for video in videos:
        save_snapshot(talk_transcript(video), root / ".clipnote" / "transcripts")
    return root
