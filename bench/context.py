"""What every part of the bench needs: the servers' base URLs, the database, N, and a way to say why a
measurement was skipped. Built by bench/measure.py from its command line (bench/run.sh passes it)."""

import os
from dataclasses import dataclass, field

from timing import http_get


@dataclass
class Context:
    ours: str  # http://127.0.0.1:PORT of the geoportal under gunicorn
    database_url: str
    runs: int  # N: timed runs per sequential measurement (median and p95 of these)
    export_runs: int
    concurrent_seconds: int  # length of each 4-client wrk run
    load_seconds: int  # length of the appeal-creation load
    load_connections: int
    gunicorn_pid: int | None
    tipg: str | None = None
    pygeoapi: str | None = None
    hidden: list[str] = field(default_factory=list)
    workdir: str = "/tmp"
    notes: list[str] = field(default_factory=list)

    def log(self, message: str) -> None:
        print(f"[bench] {message}", flush=True)

    def answers(self, url: str, *, expect: tuple[int, ...] = (200,)) -> tuple[bool, str]:
        """(True, "") when GET url answers one of `expect`, else (False, why) — for skipping a part."""
        try:
            fetch = http_get(url)
        except OSError as exc:
            return False, f"{url}: {exc}"
        if fetch.status in expect:
            return True, ""
        return False, f"{url} answered {fetch.status}"


def load_average() -> list[float]:
    """The 1-, 5- and 15-minute load averages (other work on the machine skews every figure)."""
    return [round(v, 2) for v in os.getloadavg()]
