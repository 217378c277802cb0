"""Celery tasks of appeals. Without a broker (CELERY_TASK_ALWAYS_EAGER) `.delay()` runs them inline."""

from django.core.management import call_command

from appeals import notifications
from geoportal.celery import app


@app.task(name="appeals.notify_event", autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def notify_event_task(event_id: int) -> None:
    """E-mails of one AppealEvent (appeals.notifications.notify_event); retried when the mail server fails.
    Kept for the messages queued before the outbox sweep (notify_pending_task) took over."""
    notifications.notify_event(event_id)


@app.task(name="appeals.notify_pending")
def notify_pending_task() -> None:
    """The outbox sweep (appeals.notifications.notify_pending), every few seconds from Celery beat."""
    notifications.notify_pending()


@app.task(name="appeals.escalate_overdue")
def escalate_overdue_task() -> None:
    """The daily overdue escalation (the escalate_overdue management command), for Celery beat."""
    call_command("escalate_overdue")
