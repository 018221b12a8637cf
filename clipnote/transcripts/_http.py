"""What both network paths share: proxy settings, and retrying transient failures with backoff.

Only network errors and HTTP 5xx are retried (up to 3 tries, full-jitter exponential backoff:
base 2 s, doubling, capped at 30 s). A block (429, bot check) is never retried: retrying from a
blocked address only prolongs the block (research/transcripts-libraries.md §4.3).
"""

from __future__ import annotations

import os
import random
from typing import Callable, Mapping, TypeVar

TRIES = 3
BACKOFF_BASE = 2.0
BACKOFF_CAP = 30.0

T = TypeVar("T")


def backoff_delay(attempt: int, rng: Callable[[], float] = random.random) -> float:
    """Seconds to wait after failed try number `attempt` (1-based): uniform in [0, min(cap, 2·2^n))."""
    return rng() * min(BACKOFF_CAP, BACKOFF_BASE * 2 ** (attempt - 1))


def retrying(call: Callable[[], T], *, transient: Callable[[BaseException], bool],
             sleep: Callable[[float], None], tries: int = TRIES,
             rng: Callable[[], float] = random.random) -> T:
    """Run `call`; on an exception `transient` accepts, wait and try again, up to `tries` times."""
    for attempt in range(1, tries + 1):
        try:
            return call()
        except Exception as error:
            if attempt == tries or not transient(error):
                raise
            sleep(backoff_delay(attempt, rng))
    raise AssertionError("unreachable")


def network_reason(text: str) -> str:
    """A library's long connection-error text → the few words a user needs."""
    low = text.lower()
    if "proxy" in low:
        return "the proxy did not connect"
    if "resolve" in low or "resolution" in low or "getaddrinfo" in low or "name or service not known" in low:
        return "cannot resolve www.youtube.com: no network?"
    if "timed out" in low or "timeout" in low:
        return "timed out"
    if "refused" in low:
        return "connection refused"
    if "unreachable" in low:
        return "network unreachable"
    return "connection failed"


def resolve_proxy(proxy: str | None, environ: Mapping[str, str] | None = None) -> str | None:
    """`--proxy URL`, else the environment's HTTPS_PROXY / HTTP_PROXY (either case)."""
    if proxy:
        return proxy
    env = os.environ if environ is None else environ
    for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
        if env.get(name):
            return env[name]
    return None
