"""Staff reads of appeals: the department queue, the moderation queue, the internal view, templates.

Every selector checks the reader's permission (appeals.permissions) and raises geoportal.errors.
"""

from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from appeals import deadlines
from appeals.models import Appeal, AppealContact, AppealEvent, ResponseTemplate
from appeals.permissions import (
    can_see_contact,
    operator_department_ids,
    require_internal_reader,
    require_moderator,
)
from appeals.workflow import OPEN_STATUSES, AppealStatus
from geoportal.errors import NotFound, PermissionDenied, ValidationFailed

QUEUE_SCOPES = ("department", "moderation")


def appeal_get(*, appeal_id: int) -> Appeal:
    """One appeal with its category, department and assignee; 404 when there is none."""
    try:
        return Appeal.objects.select_related("category", "department", "assignee").get(pk=appeal_id)
    except Appeal.DoesNotExist:
        raise NotFound() from None


def appeal_overdue(appeal: Appeal, now) -> bool:
    """Open and past its due date; a new appeal without one: past its registration term (59-ФЗ)."""
    if appeal.status not in OPEN_STATUSES:
        return False
    due = appeal.due_at
    if due is None and appeal.status == AppealStatus.NEW:
        due = deadlines.registration_due(appeal.created_at)
    return deadlines.is_overdue(due, now)


def staff_queue(
    *,
    user,
    scope: str = "department",
    department_id: int | None = None,
    status: str | None = None,
    overdue: bool = False,
    assigned_to_me: bool = False,
) -> QuerySet[Appeal]:
    """The appeals a staff member works on, most urgent first (due_at, then id; no due date last).

    scope "department": registered open appeals (not new) of the departments `user` operates (admins:
    all, or `department_id`); 403 for others, and for a department the user is not a member of.
    scope "moderation": new appeals awaiting moderation, oldest first; moderators and admins only.
    """
    if scope not in QUEUE_SCOPES:
        raise ValidationFailed(_("Unknown queue %(scope)s.") % {"scope": scope}, field="scope")
    queryset = Appeal.objects.select_related("category", "department", "assignee")
    if scope == "moderation":
        require_moderator(user)
        queryset = queryset.filter(status=AppealStatus.NEW)
    else:
        allowed = operator_department_ids(user)
        if not allowed:
            raise PermissionDenied()
        if department_id is not None:
            if department_id not in allowed:
                raise PermissionDenied()
            allowed = [department_id]
        queryset = queryset.filter(department_id__in=allowed, status__in=OPEN_STATUSES).exclude(
            status=AppealStatus.NEW
        )
    if status:
        if status not in AppealStatus.values:
            raise ValidationFailed(_("Unknown status %(status)s.") % {"status": status}, field="status")
        queryset = queryset.filter(status=status)
    if overdue:
        queryset = queryset.filter(due_at__lt=timezone.now())
    if assigned_to_me:
        queryset = queryset.filter(assignee=user)
    if scope == "moderation":
        return queryset.order_by("created_at", "id")
    return queryset.order_by(F("due_at").asc(nulls_last=True), "id")


def appeal_internal(*, appeal_id: int, user) -> dict:
    """The staff view of one appeal: the appeal, every event (internal notes included), and the
    resident's contact only for those who may see it (appeals.permissions.can_see_contact)."""
    appeal = appeal_get(appeal_id=appeal_id)
    require_internal_reader(user, appeal)
    events = AppealEvent.objects.filter(appeal=appeal).select_related("actor").order_by("at", "id")
    visible = can_see_contact(user, appeal)
    contact = AppealContact.objects.filter(appeal=appeal).first() if visible else None
    return {"appeal": appeal, "events": list(events), "contact": contact, "contact_visible": visible}


def template_list(*, user, department_id: int | None = None) -> QuerySet[ResponseTemplate]:
    """Response templates of the departments `user` operates (admins: all); 403 for everybody else."""
    allowed = operator_department_ids(user)
    if not allowed:
        raise PermissionDenied()
    queryset = ResponseTemplate.objects.select_related("department", "category").filter(
        department_id__in=allowed
    )
    if department_id is not None:
        queryset = queryset.filter(department_id=department_id)
    return queryset.order_by("department__name", "title", "id")
