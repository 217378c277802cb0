"""Celery tasks of the importers. Queued only when a broker is configured (importers.runs.queue_enabled)."""

import logging

from geoportal.celery import app
from importers.errors import ImportFailed
from importers.runs import run_recorded

log = logging.getLogger(__name__)


@app.task(name="importers.run_upload")
def run_upload_task(run_id: int) -> None:
    """Run the recorded ImportRun `run_id` (an upload) on a worker. A failed import is a result, not a
    task error: its reason, counts and rejects are on the run, read through GET /api/v1/imports/{id}."""
    try:
        run_recorded(run_id)
    except ImportFailed as exc:
        log.info("import %s failed: %s", run_id, exc)
