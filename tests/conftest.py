"""Shared test fixtures.

Every test runs offline: a socket guard turns any attempt to open a network connection into an
error, so a test that would silently reach YouTube fails instead.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
# Third-party data lives next to the project, never inside it (see README, "Test data").
SHARED = Path(os.environ.get("CLIPNOTE_SHARED", ROOT.parent / "shared")).resolve()
SEED = SHARED / "seed"
CORPUS = SHARED / "corpus"


class NetworkBlocked(RuntimeError):
    pass


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    def guard(*args, **kwargs):
        raise NetworkBlocked("tests must not open network connections")

    monkeypatch.setattr(socket.socket, "connect", guard)
    monkeypatch.setattr(socket.socket, "connect_ex", guard)
    monkeypatch.setattr(socket, "create_connection", guard)
    monkeypatch.setattr(socket, "getaddrinfo", guard)


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch):
    """Each test gets its own empty user cache, so nothing leaks between tests or from the host."""
    monkeypatch.setenv("CLIPNOTE_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


def need(path: Path) -> Path:
    """Skip the calling test, saying why, when third-party data from ../shared is absent."""
    if not path.exists():
        pytest.skip(f"third-party test data not present: {path} (set CLIPNOTE_SHARED to ../shared)")
    return path


@pytest.fixture
def seed_dir() -> Path:
    return need(SEED)


@pytest.fixture
def corpus_dir() -> Path:
    return need(CORPUS)


def run_clipnote(*args: str, cwd: Path | None = None, env: dict | None = None,
                 timeout: float = 120) -> subprocess.CompletedProcess:
    """Run `python -m clipnote ARGS` in a fresh interpreter (for start-up and exit-code tests)."""
    full_env = dict(os.environ)
    full_env["PYTHONPATH"] = str(ROOT) + os.pathsep + full_env.get("PYTHONPATH", "")
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "clipnote", *args],
        cwd=cwd or ROOT, env=full_env, capture_output=True, text=True, timeout=timeout,
    )


def executable_script(path: Path, body: str) -> Path:
    """A Python script at PATH that runs as a program (a stand-in interpreter for --python options)."""
    path.write_text(f"#!{sys.executable}\n{body}", encoding="utf-8")
    path.chmod(path.stat().st_mode | 0o111)
    return path
