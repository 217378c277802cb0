"""Live progress of a running import, visible to other requests while the import transaction is open.

run_import writes every row inside one transaction, so its own updates of the ImportRun would stay
invisible until the end. RunProgress writes `read_count` and `timings.progress` through a second database
connection in autocommit mode instead, at most once per INTERVAL_S. It is best effort: a short lock
timeout, and a failed write is logged and skipped, never fails the import. The final counts and timings
are written by run_import itself when the run ends (they replace these).
"""

import logging
import time

from django.db import DatabaseError, connections

from geoportal.db import sql_file
from importers.models import ImportRun

log = logging.getLogger(__name__)
INTERVAL_S = 1.0


class RunProgress:
    """progress(done, total) for run_import that publishes the counts of run `run_id` as they grow."""

    def __init__(self, run_id: int, *, alias: str = "default"):
        self.run_id = run_id
        self.alias = alias
        self.started = time.monotonic()
        self.last = float("-inf")
        self.connection = None

    def __call__(self, done: int, total: int | None) -> None:
        now = time.monotonic()
        if now - self.last < INTERVAL_S and done != total:
            return
        self.last = now
        try:
            self._write(done, total, round(now - self.started, 1))
        except DatabaseError as exc:
            log.warning("import %s: progress not recorded: %s", self.run_id, exc)

    def _write(self, done: int, total: int | None, elapsed_s: float) -> None:
        if self.connection is None:
            self.connection = connections.create_connection(self.alias)
        params = {
            "done": done,
            "total": total,
            "elapsed_s": elapsed_s,
            "run_id": self.run_id,
            "running": ImportRun.Status.RUNNING.value,
        }
        with self.connection.cursor() as cursor:
            # A row locked by the import's own transaction would make us wait for it: give up instead.
            cursor.execute("SET lock_timeout = '200ms'")
            cursor.execute(sql_file("importers", "run_progress"), params)

    def close(self) -> None:
        """Close the second connection (call when the run has ended)."""
        if self.connection is not None:
            self.connection.close()
            self.connection = None
