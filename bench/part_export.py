"""(b) The full streaming export (GET /api/v1/appeals/export.geojson) against a raw COPY of the same text.

Timed: the whole download, its first byte and its first feature (the bytes past the FeatureCollection's
head). Checked once: the body has one feature per public appeal. Memory, of the gunicorn workers during
the exports: the peak resident set (VmHWM, reset before through /proc/PID/clear_refs — needs root or
the workers' user — and VmRSS sampled every 10 ms), each worker's RSS just before (a warm worker of the
GeoDjango stack), the growth over it, and the peak PSS (shared library pages split between workers).
"""

import threading
import time
from pathlib import Path

import reference
from context import Context, load_average
from timing import http_get, summary

HEAD_BYTES = len(b'{"type":"FeatureCollection","features":[\n')


class RssWatcher:
    """Peak RSS (MB) of the children of a gunicorn master while it runs (a context manager)."""

    def __init__(self, master_pid: int | None):
        self.master_pid = master_pid
        self.peak_sampled_mb = 0.0
        self.peak_hwm_mb = 0.0
        self.peak_pss_mb = 0.0
        self.before_mb: dict[int, float] = {}
        self.growth_mb = 0.0
        self._stop = threading.Event()

    def workers(self) -> list[int]:
        if not self.master_pid:
            return []
        path = Path(f"/proc/{self.master_pid}/task/{self.master_pid}/children")
        return [int(pid) for pid in path.read_text().split()] if path.exists() else []

    @staticmethod
    def _status_kb(pid: int, key: str, file: str = "status") -> float:
        try:
            for line in Path(f"/proc/{pid}/{file}").read_text().splitlines():
                if line.startswith(key + ":"):
                    return float(line.split()[1])
        except OSError:
            pass
        return 0.0

    def __enter__(self):
        for pid in self.workers():
            self.before_mb[pid] = self._status_kb(pid, "VmRSS") / 1024
            try:
                Path(f"/proc/{pid}/clear_refs").write_text("5")  # resets VmHWM to the current RSS
            except OSError:
                pass
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        ticks = 0
        while not self._stop.is_set():
            for pid in self.workers():
                rss = self._status_kb(pid, "VmRSS") / 1024
                self.peak_sampled_mb = max(self.peak_sampled_mb, rss)
                self.growth_mb = max(self.growth_mb, rss - self.before_mb.get(pid, rss))
                if ticks % 10 == 0:
                    pss = self._status_kb(pid, "Pss", "smaps_rollup") / 1024
                    self.peak_pss_mb = max(self.peak_pss_mb, pss)
            ticks += 1
            time.sleep(0.01)

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        for pid in self.workers():
            hwm = self._status_kb(pid, "VmHWM") / 1024
            self.peak_hwm_mb = max(self.peak_hwm_mb, hwm)
            self.growth_mb = max(self.growth_mb, hwm - self.before_mb.get(pid, hwm))

    def as_dict(self) -> dict:
        return {
            "workers_rss_before_mb": {str(k): round(v, 1) for k, v in self.before_mb.items()},
            "peak_rss_sampled_mb": round(self.peak_sampled_mb, 1),
            "peak_vmhwm_mb": round(self.peak_hwm_mb, 1),
            "growth_over_before_mb": round(self.growth_mb, 1),
            "peak_pss_mb": round(self.peak_pss_mb, 1),
        }


def timed_export(url: str) -> dict:
    """One download: seconds, first byte, first feature (seconds from the request), bytes, lines."""
    state = {"bytes": 0, "first_feature": None, "lines": 0}
    t0 = time.perf_counter()

    def on_chunk(piece: bytes) -> None:
        state["bytes"] += len(piece)
        state["lines"] += piece.count(b"\n")
        if state["first_feature"] is None and state["bytes"] > HEAD_BYTES:
            state["first_feature"] = time.perf_counter() - t0

    fetch = http_get(url, on_chunk=on_chunk)
    return {
        "status": fetch.status,
        "seconds": fetch.seconds,
        "first_byte_s": fetch.first_byte_s,
        "first_feature_s": state["first_feature"],
        "bytes": fetch.nbytes,
        "features": state["lines"] - 2,  # head and tail end with a newline, and so does every feature
        "content_type": fetch.headers.get("content-type"),
    }


def run(ctx: Context) -> dict:
    url = f"{ctx.ours}/api/v1/appeals/export.geojson"
    ok, why = ctx.answers(f"{url}?bbox=0,0,0.001,0.001")
    if not ok:
        return {"skipped": why}
    ctx.log(f"export: {ctx.export_runs} runs of the raw COPY and of {url}")
    result = {"load_before": load_average()}
    statement, params = reference.export_statement(hidden=ctx.hidden)
    with reference.connect(ctx.database_url, options=reference.EXPORT_OPTIONS) as conn:
        public = conn.execute("SELECT count(*) FROM appeals_appeal WHERE status <> ALL (%s)", [ctx.hidden])
        expected = public.fetchone()[0]
        raw = [reference.time_copy_psycopg(conn, statement, params) for _ in range(ctx.export_runs)]
        command = reference.render(conn, statement, params)
    result["raw COPY (psycopg)"] = {
        "rows": raw[0]["rows"],
        "bytes": raw[0]["bytes"],
        **summary([r["seconds"] for r in raw]),
        "first_row": summary([r["first_row_s"] for r in raw]),
    }
    options = reference.EXPORT_OPTIONS
    psql = [reference.time_psql(ctx.database_url, command, options=options) for _ in range(ctx.export_runs)]
    result["raw COPY (psql -c, wall)"] = summary(psql)
    ctx.log(f"export: raw COPY median {result['raw COPY (psycopg)']['median']:.2f} s")
    with RssWatcher(ctx.gunicorn_pid) as rss:
        runs = [timed_export(url) for _ in range(ctx.export_runs)]
    bad = [r for r in runs if r["status"] != 200 or r["features"] != expected]
    result["geoportal export"] = {
        "url": url,
        "bytes": runs[0]["bytes"],
        "features": runs[0]["features"],
        "expected_features": expected,
        "complete": not bad,
        "content_type": runs[0]["content_type"],
        **summary([r["seconds"] for r in runs]),
        "first_byte": summary([r["first_byte_s"] for r in runs]),
        "first_feature": summary([r["first_feature_s"] or r["seconds"] for r in runs]),
        "memory": rss.as_dict(),
    }
    ours = result["geoportal export"]["median"]
    result["ratios"] = {
        "export / raw COPY (psycopg)": ours / result["raw COPY (psycopg)"]["median"],
        "export / raw COPY (psql)": ours / result["raw COPY (psql -c, wall)"]["median"],
    }
    result["load_after"] = load_average()
    ctx.log(f"export: median {ours:.2f} s, peak worker RSS {rss.peak_hwm_mb:.0f} MB")
    return result
