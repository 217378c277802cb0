"""How an AppealEvent is written (record_event; a new appeal's first event is written by the intake's own
insert statement) and the hook that sends its notifications after commit (event_notify_after_commit)."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from appeals.models import Appeal, AppealEvent


def is_public_event(*, from_status: str, to_status: str, public_response: str) -> bool:
    """A resident-visible event: a real status change, or a public response (e.g. an extension notice)."""
    return bool(public_response) or (bool(to_status) and to_status != from_status)


def record_event(
    *,
    appeal: Appeal,
    actor,
    from_status: str = "",
    to_status: str = "",
    public_response: str = "",
    internal_note: str = "",
    at: datetime | None = None,
) -> AppealEvent:
    """Append an AppealEvent for `appeal` (actor: a user or None for the system; `at` defaults to now).

    A public event (see is_public_event) schedules appeals.notifications.notify_event after the
    surrounding transaction commits — through Celery when a broker is configured, inline otherwise —
    so that a rolled-back change never e-mails anybody.
    """
    event = AppealEvent.objects.create(
        appeal=appeal,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        from_status=from_status,
        to_status=to_status,
        public_response=public_response,
        internal_note=internal_note,
        at=at or timezone.now(),
    )
    if is_public_event(from_status=from_status, to_status=to_status, public_response=public_response):
        event_notify_after_commit(event_id=event.pk)
    return event


def event_notify_after_commit(*, event_id: int) -> None:
    """Send the e-mails of a public event once the surrounding transaction commits (at once in autocommit):
    queued for the Celery worker when a broker is configured (the request only publishes a message), run
    inline otherwise (CELERY_TASK_ALWAYS_EAGER: the demo and the tests)."""
    from appeals.tasks import notify_event_task

    transaction.on_commit(lambda: notify_event_task.delay(event_id), robust=True)
