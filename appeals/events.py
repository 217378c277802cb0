"""The one way an AppealEvent is written, and the hook that sends its notifications after commit."""

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
        from appeals.tasks import notify_event_task

        transaction.on_commit(lambda: notify_event_task.delay(event.pk), robust=True)
    return event
