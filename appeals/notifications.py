"""E-mails about appeals: to the resident on each public change, to area subscribers, to departments.

Sent through Django's mail backends (console in the demo, locmem in tests, SMTP in production), one message
per recipient so nobody sees another recipient's address. A resident's contact data goes only into that
resident's own e-mail: subscriber and department e-mails are built from public fields and internal ids only.
Texts are rendered in the site's default language (Russian) via gettext and appeals/templates/appeals/email/.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from appeals.models import Appeal, AppealContact, AppealEvent, AreaSubscription, Department
from appeals.tokens import unsubscribe_token
from appeals.workflow import HIDDEN_STATUSES, AppealStatus
from geoportal.db import fetch_rows, sql_file
from geoportal.roles import Role

log = logging.getLogger(__name__)


def public_base_url() -> str:
    """Where the site is published (settings.PUBLIC_BASE_URL, GEOPORTAL_PUBLIC_URL), without a slash.

    Configured, never taken from a request's Host header, so a forged Host cannot change e-mailed links.
    """
    return getattr(settings, "PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/")


def appeal_public_url(appeal_id: int) -> str:
    """The map page that opens one appeal."""
    return f"{public_base_url()}/?appeal={appeal_id}"


def _status_label(status: str) -> str:
    return str(AppealStatus(status).label) if status in AppealStatus.values else status


def _resident_email(appeal: Appeal) -> str:
    """The contact e-mail, else the author's; `appeal` comes with its contact and author joined."""
    try:
        email = appeal.contact.email
    except AppealContact.DoesNotExist:
        email = ""
    if not email and appeal.author_id:
        email = appeal.author.email or ""
    return email.strip()


def _subscriber_emails(appeal: Appeal) -> dict[str, list[int]]:
    """Confirmed subscribers whose area contains the appeal: lower-cased e-mail → subscription ids."""
    rows = fetch_rows(
        sql_file("appeals", "subscribers_for_point"), {"lon": appeal.geom.x, "lat": appeal.geom.y}
    )
    user_ids = {user_id for _, _, user_id in rows if user_id}
    user_emails = dict(get_user_model().objects.filter(pk__in=user_ids).values_list("pk", "email"))
    recipients: dict[str, list[int]] = {}
    for sub_id, email, user_id in rows:
        address = (email or user_emails.get(user_id) or "").strip().lower()
        if address:
            recipients.setdefault(address, []).append(sub_id)
    return recipients


def _claim(event_id: int) -> bool:
    # Only one worker sends an event's e-mails, even when a task is delivered twice.
    return bool(
        AppealEvent.objects.filter(pk=event_id, notified_at__isnull=True).update(notified_at=timezone.now())
    )


def notify_event(event_id: int) -> None:
    """Send the e-mails of one public AppealEvent: the resident's, then the area subscribers'.

    Idempotent (AppealEvent.notified_at). If sending fails the claim is released and the error raised, so
    the Celery task retries. Subscribers hear only of appeals that are public (not new / rejected).
    """
    if not _claim(event_id):
        return
    try:
        _send_event_mail(event_id)
    except Exception:
        AppealEvent.objects.filter(pk=event_id).update(notified_at=None)
        raise


def notify_pending(*, batch: int = 200) -> int:
    """Send the e-mails of every public event not yet notified (the outbox: AppealEvent.notified_at empty),
    oldest first, claimed in batches with SKIP LOCKED so that overlapping sweeps never send one twice.
    Events older than settings.GEOPORTAL["NOTIFY_MAX_AGE_HOURS"] are left alone (news that stale is not
    sent). When the mail server fails (OSError), the claims not yet sent are released and the error
    raised: the next sweep retries them. An event whose e-mail cannot be built (bad data) is logged and
    left as handled, so that it cannot hold up the events after it. Returns the events handled."""
    max_age = settings.GEOPORTAL["NOTIFY_MAX_AGE_HOURS"]
    done = 0
    while True:
        rows = fetch_rows(
            sql_file("appeals", "events_claim_pending"),
            {"since": timezone.now() - timedelta(hours=max_age), "batch": batch},
        )
        claimed = sorted(row[0] for row in rows)  # RETURNING keeps no order: oldest first again
        for position, event_id in enumerate(claimed):
            try:
                _send_event_mail(event_id)
            except OSError:  # the mail server: every send after this one would fail too
                AppealEvent.objects.filter(pk__in=claimed[position:]).update(notified_at=None)
                raise
            except Exception:
                log.exception("appeal event %s: its e-mails could not be sent; left as handled", event_id)
        done += len(claimed)
        if len(claimed) < batch:
            return done


def _send_event_mail(event_id: int) -> None:
    event = AppealEvent.objects.select_related("appeal__category", "appeal__author", "appeal__contact").get(
        pk=event_id
    )
    appeal = event.appeal
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "appeal": appeal,
            "category": appeal.category.name_ru,
            "status": _status_label(appeal.status),
            "event_status": _status_label(event.to_status) if event.to_status else "",
            "response": event.public_response,
            "due_at": timezone.localtime(appeal.due_at) if appeal.due_at else None,
            "url": appeal_public_url(appeal.pk),
        }
        sent = 0
        resident = _resident_email(appeal)
        if resident:
            subject = _("Your appeal No. %(id)s: %(status)s") % {"id": appeal.pk, "status": context["status"]}
            body = render_to_string("appeals/email/resident_update.txt", context)
            sent += send_mail(subject, body, None, [resident])
        if appeal.status not in HIDDEN_STATUSES:
            subject = _("Appeals in your area: No. %(id)s, %(status)s") % {
                "id": appeal.pk,
                "status": context["status"],
            }
            for address, sub_ids in _subscriber_emails(appeal).items():
                if address == resident.lower():
                    continue  # the resident has had the fuller e-mail already
                unsubscribe = (
                    f"{public_base_url()}/api/v1/subscriptions/unsubscribe?token={unsubscribe_token(sub_ids)}"
                )
                body = render_to_string(
                    "appeals/email/subscriber_update.txt", {**context, "unsubscribe_url": unsubscribe}
                )
                sent += send_mail(subject, body, None, [address])
    log.info("appeal event %s: %d e-mails sent", event_id, sent)


def send_subscription_confirmation(*, subscription: AreaSubscription, confirm_url: str) -> None:
    """The e-mail with the signed link that confirms an area subscription."""
    address = subscription.email or subscription.user.email
    with translation.override(settings.LANGUAGE_CODE):
        where = subscription.area.name if subscription.area_id else _("the area drawn on the map")
        body = render_to_string(
            "appeals/email/subscription_confirm.txt", {"where": where, "confirm_url": confirm_url}
        )
        send_mail(_("Confirm your subscription to appeals"), body, None, [address])


def department_addresses(department: Department) -> list[str]:
    """Where a department's mail goes: its own address, else its members' addresses."""
    if department.email:
        return [department.email]
    return sorted(
        set(department.members.filter(is_active=True).exclude(email="").values_list("email", flat=True))
    )


def moderator_addresses() -> list[str]:
    """The addresses of active moderators (they answer for appeals not yet registered or routed)."""
    users = get_user_model().objects.filter(groups__name=Role.MODERATOR, is_active=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def notify_overdue(*, team: str, addresses: list[str], appeals: list[Appeal]) -> int:
    """One e-mail to each address of a team (a department, the moderators) listing its overdue appeals.

    The list holds ids, categories, addresses, statuses, due dates and escalation levels — no contact
    data. Returns the number of messages sent.
    """
    if not addresses or not appeals:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        rows = [
            {
                "id": a.pk,
                "category": a.category.name_ru,
                "address": a.address,
                "status": _status_label(a.status),
                "due_at": timezone.localtime(a.due_at) if a.due_at else None,
                "level": a.escalation_level,
            }
            for a in appeals
        ]
        subject = _("Overdue appeals: %(count)d") % {"count": len(rows)}
        body = render_to_string(
            "appeals/email/overdue.txt", {"team": team, "rows": rows, "base_url": public_base_url()}
        )
        return sum(send_mail(subject, body, None, [address]) for address in addresses)
