"""Runs wrk (Debian's `wrk` package) with one of the Lua scripts of bench/wrk/ and reads its JSON line."""

import json
import os
import subprocess
from pathlib import Path

WRK_DIR = Path(__file__).resolve().parent / "wrk"


def wrk(
    base_url: str, *, script: str, seconds: int, connections: int, env: dict[str, str], threads: int = 2
) -> dict:
    """A closed-loop load of `connections` clients for `seconds`: requests/s, latency percentiles (ms),
    responses by HTTP status. `script` is a file name in bench/wrk/; `env` its BENCH_* variables."""
    command = [
        "wrk", "-t", str(min(threads, connections)), "-c", str(connections), "-d", f"{seconds}s",
        "--timeout", "30s", "-s", str(WRK_DIR / script), base_url,
    ]  # fmt: skip
    done = subprocess.run(
        command,
        env={**os.environ, "BENCH_WRK_DIR": str(WRK_DIR), **env},
        capture_output=True,
        text=True,
        timeout=seconds + 90,
        check=True,
    )
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("BENCH_JSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no BENCH_JSON line:\n{done.stdout}\n{done.stderr}")
    result = json.loads(line.removeprefix("BENCH_JSON "))
    result["statuses"] = {int(k): v for k, v in result["statuses"].items()}
    ok = sum(n for status, n in result["statuses"].items() if 200 <= status < 300)
    result["ok"] = ok
    result["ok_per_s"] = ok / result["duration_s"]
    result["requests_per_s"] = result["requests"] / result["duration_s"]
    result["connections"] = connections
    return result
