"""The daily escalation of overdue appeals (run by `manage.py escalate_overdue` and Celery beat).

An appeal is overdue when it is open and its due_at has passed — or, for a new appeal without a due date,
when its registration term (deadlines.registration_due) has passed. Each run, at most once per local day
(settings.TIME_ZONE) per appeal: escalated_at = now, escalation_level + 1, an internal AppealEvent; then
one e-mail per department listing its newly escalated appeals, and one to the moderators for appeals not
yet registered or without a department. Safe to run twice a day: the second run escalates nothing.
"""

import logging
import smtplib
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from appeals import deadlines, notifications
from appeals.events import record_event
from appeals.models import Appeal, Department
from appeals.workflow import OPEN_STATUSES, AppealStatus
from geoportal.db import fetch_dicts, sql_file

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EscalationSummary:
    escalated: int
    awaiting_registration: int
    teams_mailed: int
    emails: int

    def line(self) -> str:
        return (
            f"escalate_overdue: {self.escalated} appeals escalated "
            f"({self.awaiting_registration} awaiting registration), "
            f"{self.teams_mailed} teams e-mailed, {self.emails} e-mails sent"
        )


def _late_new_appeal_ids(now: datetime) -> list[int]:
    # New appeals normally carry due_at = registration_due (intake); older or imported ones may not.
    candidates = Appeal.objects.filter(
        status=AppealStatus.NEW,
        due_at__isnull=True,
        created_at__lt=now - timedelta(days=deadlines.REGISTRATION_DAYS),
    ).values_list("pk", "created_at")
    return [pk for pk, created_at in candidates if deadlines.registration_due(created_at) < now]


@transaction.atomic
def _mark(now: datetime) -> list[Appeal]:
    day_start = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    rows = fetch_dicts(
        sql_file("appeals", "escalate_overdue"),
        {
            "now": now,
            "day_start": day_start,
            "open": sorted(OPEN_STATUSES),
            "new_ids": _late_new_appeal_ids(now),
        },
    )
    appeals = Appeal.objects.select_related("category").in_bulk([row["id"] for row in rows])
    marked = []
    with translation.override(settings.LANGUAGE_CODE):
        for row in rows:
            appeal = appeals[row["id"]]
            due = row["due_at"] or deadlines.registration_due(appeal.created_at)
            note = _("Overdue since %(due)s (%(days)d days late); escalation level %(level)d.") % {
                "due": timezone.localtime(due).strftime("%d.%m.%Y %H:%M"),
                "days": deadlines.days_overdue(due, now),
                "level": row["escalation_level"],
            }
            record_event(appeal=appeal, actor=None, internal_note=note, at=now)
            marked.append(appeal)
    return marked


def _send(team: str, addresses: list[str], appeals: list[Appeal]) -> int:
    try:
        return notifications.notify_overdue(team=team, addresses=addresses, appeals=appeals)
    except (OSError, smtplib.SMTPException):
        # The escalation is recorded already; tomorrow's run mails again. Other teams still get theirs.
        log.exception("escalate_overdue: could not e-mail %s", team)
        return 0


def escalate_overdue(*, now: datetime | None = None) -> EscalationSummary:
    """Escalate today's overdue appeals and e-mail the teams that own them; returns the summary."""
    now = now or timezone.now()
    marked = _mark(now)
    by_department: dict[int, list[Appeal]] = defaultdict(list)
    for_moderators: list[Appeal] = []
    for appeal in marked:
        if appeal.status == AppealStatus.NEW or appeal.department_id is None:
            for_moderators.append(appeal)
        else:
            by_department[appeal.department_id].append(appeal)
    emails = teams = 0
    for department in Department.objects.filter(pk__in=by_department).prefetch_related("members"):
        sent = _send(
            department.name, notifications.department_addresses(department), by_department[department.pk]
        )
        emails, teams = emails + sent, teams + bool(sent)
    if for_moderators:
        with translation.override(settings.LANGUAGE_CODE):
            team = _("moderators")
        sent = _send(team, notifications.moderator_addresses(), for_moderators)
        emails, teams = emails + sent, teams + bool(sent)
    summary = EscalationSummary(
        escalated=len(marked),
        awaiting_registration=sum(a.status == AppealStatus.NEW for a in marked),
        teams_mailed=teams,
        emails=emails,
    )
    log.info(summary.line())
    return summary
