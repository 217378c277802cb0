"""Clocks for the bench: one HTTP GET timed to the first byte and to the last, and medians of N runs.

Plain http.client on loopback, a new connection per request (as a browser or QGIS opening a page), the
body read in 1 MB pieces and thrown away, so a 500 MB export costs the client no memory.
"""

import http.client
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass
class Fetch:
    status: int
    nbytes: int
    seconds: float  # request sent → last byte read
    first_byte_s: float  # request sent → first byte of the body
    headers: dict[str, str]
    body: bytes | None = None  # kept only when asked for


def http_get(url: str, *, keep_body: bool = False, on_chunk: Callable[[bytes], None] | None = None) -> Fetch:
    """GET `url`; the body is kept only with `keep_body`; `on_chunk` sees every piece as it arrives."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=600)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    t0 = time.perf_counter()
    conn.request("GET", path, headers={"Accept-Encoding": "identity"})
    response = conn.getresponse()
    first = None
    nbytes = 0
    pieces = []
    while piece := response.read1(1 << 20):
        if first is None:
            first = time.perf_counter() - t0
        nbytes += len(piece)
        if keep_body:
            pieces.append(piece)
        if on_chunk:
            on_chunk(piece)
    seconds = time.perf_counter() - t0
    conn.close()
    return Fetch(
        status=response.status,
        nbytes=nbytes,
        seconds=seconds,
        first_byte_s=first if first is not None else seconds,
        headers={k.lower(): v for k, v in response.getheaders()},
        body=b"".join(pieces) if keep_body else None,
    )


def summary(values: list[float]) -> dict:
    """Median, p95 (nearest rank), min and max of `values`, and how many there were."""
    ordered = sorted(values)
    p95 = ordered[max(0, -(-95 * len(ordered) // 100) - 1)]
    return {
        "n": len(ordered),
        "median": statistics.median(ordered),
        "p95": p95,
        "min": ordered[0],
        "max": ordered[-1],
    }


def repeat(fn: Callable[[], float], runs: int, *, warmup: int = 1) -> dict:
    """summary() of `runs` calls of `fn` (each returns seconds), after `warmup` untimed calls."""
    for _ in range(warmup):
        fn()
    return summary([fn() for _ in range(runs)])
