"""How an AppealEvent is written (record_event; a new appeal's first event is written by the intake's own
insert statement) and the hook that sends its notifications after commit (event_notify_after_commit)."""

from datetime import datetime

from django.conf import settings
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

    A public event (see is_public_event) is e-mailed after the surrounding transaction commits — by the
    outbox sweep when a broker is configured, inline otherwise (event_notify_after_commit) — so that a
    rolled-back change never e-mails anybody.
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
    """Send the e-mails of a public event once the surrounding transaction commits (at once in autocommit).

    With a Celery broker (production, the bench) nothing is published per event: the event row itself is
    the outbox, and Celery beat's `appeals.notify_pending` sends what is pending every few seconds, in
    batches (appeals.notifications.notify_pending) — a creation then costs the web process no broker
    round trip and the worker no task per e-mail. Without one (CELERY_TASK_ALWAYS_EAGER: the demo and the
    tests) they are sent inline after commit."""
    if not settings.CELERY_TASK_ALWAYS_EAGER:
        return
    from appeals.notifications import notify_event

    transaction.on_commit(lambda: notify_event(event_id), robust=True)
