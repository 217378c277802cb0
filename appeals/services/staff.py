"""Staff writes on appeals: moderation, operator transitions, assignment, notes, the one extension.

Every function is atomic, keyword-only, checks the actor's permission (appeals.permissions), locks the
appeal row, raises geoportal.errors (400 with the field, 403), and writes an AppealEvent via
appeals.events.record_event — public events e-mail the resident after commit. Related objects (the
original of a duplicate, an assignee, a department, a template) may be passed as instances or ids.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from appeals import deadlines
from appeals.events import record_event
from appeals.models import Appeal, AppealContact, AppealEvent, Department, ResponseTemplate
from appeals.permissions import require_moderator, require_note_author, require_operator
from appeals.routing import route
from appeals.services.refs import resolve
from appeals.services.templates import template_render
from appeals.workflow import HIDDEN_STATUSES, OPEN_STATUSES, AppealKind, AppealStatus, can_transition
from geoportal.errors import NotFound, ValidationFailed

S = AppealStatus
TEXT_MIN, TEXT_MAX = 10, 5000
RESPONSE_MAX = 10_000
NOTE_MAX = 5000
# Moves that need a public response the resident can read.
RESPONSE_REQUIRED = frozenset({S.ANSWERED, S.REJECTED, S.REDIRECTED})
# Moves that belong to moderation (they carry more than a status) and not to appeal_transition.
MODERATION_ONLY = frozenset({S.DUPLICATE})


def _locked(appeal: Appeal) -> Appeal:
    try:
        return Appeal.objects.select_for_update(of=("self",)).select_related("category").get(pk=appeal.pk)
    except Appeal.DoesNotExist:
        raise NotFound() from None


def _text(value: str, *, field: str, minimum: int, maximum: int) -> str:
    value = (value or "").strip()
    if not minimum <= len(value) <= maximum:
        raise ValidationFailed(
            _("Must be %(min)d to %(max)d characters long.") % {"min": minimum, "max": maximum}, field=field
        )
    return value


def _check_move(appeal: Appeal, to_status: str, *, field: str) -> None:
    if not can_transition(kind=appeal.kind, from_status=appeal.status, to_status=to_status):
        raise ValidationFailed(
            _("An appeal cannot move from %(from)s to %(to)s.") % {"from": appeal.status, "to": to_status},
            field=field,
        )


@transaction.atomic
def appeal_approve(*, appeal: Appeal, actor, department: Department | int | None = None) -> Appeal:
    """Moderation: new → registered (an issue) or → published (a proposal).

    Routes the appeal (appeals.routing) unless `department` is given, sets registered_at and, for an
    issue, due_at = deadlines.answer_due (the category's working days, else 30 days). Raises 400 on
    `department` when neither routing nor the caller names one.
    """
    require_moderator(actor)
    department = resolve(Department, department, field="department")
    appeal = _locked(appeal)
    target = S.REGISTERED if appeal.kind == AppealKind.ISSUE else S.PUBLISHED
    _check_move(appeal, target, field="action")
    note = ""
    if department is None:
        decision = route(category=appeal.category, point=appeal.geom)
        if decision is not None:
            department, note = decision.department, decision.describe()
        else:
            department = appeal.department
    if department is None:
        raise ValidationFailed(_("No department is responsible here; choose one."), field="department")
    now = timezone.now()
    from_status = appeal.status
    if department.pk != appeal.department_id:
        appeal.assignee = None
    appeal.department = department
    appeal.status = target
    appeal.registered_at = now
    if appeal.kind == AppealKind.ISSUE:
        appeal.due_at = deadlines.answer_due(now, working_days=appeal.category.answer_working_days)
    appeal.save()
    record_event(
        appeal=appeal, actor=actor, from_status=from_status, to_status=target, internal_note=note, at=now
    )
    return appeal


@transaction.atomic
def appeal_reject(*, appeal: Appeal, actor, reason: str) -> Appeal:
    """Moderation: reject with a reason the resident reads (→ rejected, hidden from the public map)."""
    require_moderator(actor)
    reason = _text(reason, field="reason", minimum=1, maximum=RESPONSE_MAX)
    appeal = _locked(appeal)
    _check_move(appeal, S.REJECTED, field="action")
    from_status, appeal.status = appeal.status, S.REJECTED
    appeal.save()
    record_event(
        appeal=appeal, actor=actor, from_status=from_status, to_status=S.REJECTED, public_response=reason
    )
    return appeal


@transaction.atomic
def appeal_mark_duplicate(*, appeal: Appeal, actor, of: Appeal | int) -> Appeal:
    """Moderation: → duplicate of `of` (followed to the original when `of` is itself a duplicate).

    The original must be another public appeal of the same kind. Raises 400 on `duplicate_of`.
    """
    require_moderator(actor)
    original = resolve(Appeal, of, field="duplicate_of")
    for _hop in range(10):
        if original.status != S.DUPLICATE or original.duplicate_of_id is None:
            break
        original = original.duplicate_of
    appeal = _locked(appeal)
    if original.pk == appeal.pk:
        raise ValidationFailed(_("An appeal cannot duplicate itself."), field="duplicate_of")
    if original.kind != appeal.kind or original.status in HIDDEN_STATUSES | {S.DUPLICATE}:
        raise ValidationFailed(
            _("The original must be a public appeal of the same kind."), field="duplicate_of"
        )
    _check_move(appeal, S.DUPLICATE, field="action")
    from_status = appeal.status
    appeal.status, appeal.duplicate_of = S.DUPLICATE, original
    appeal.save()
    response = _("This appeal repeats appeal No. %(id)s; please follow that one.") % {"id": original.pk}
    record_event(
        appeal=appeal, actor=actor, from_status=from_status, to_status=S.DUPLICATE, public_response=response
    )
    return appeal


@transaction.atomic
def appeal_edit_public_text(*, appeal: Appeal, actor, text: str) -> Appeal:
    """Moderation: replace the public text (e.g. to remove personal data).

    The resident's first text is kept privately in AppealContact.original_text (never overwritten by a
    later edit); an internal event records the edit without repeating either text. Same text: no change.
    """
    require_moderator(actor)
    text = _text(text, field="text", minimum=TEXT_MIN, maximum=TEXT_MAX)
    appeal = _locked(appeal)
    if text == appeal.text:
        return appeal
    contact, _created = AppealContact.objects.select_for_update().get_or_create(appeal=appeal)
    if not contact.original_text:
        contact.original_text = appeal.text
        contact.save(update_fields=["original_text"])
    old_length, appeal.text = len(appeal.text), text
    appeal.save(update_fields=["text", "updated_at"])
    note = _(
        "Public text edited by a moderator (%(old)d → %(new)d characters); the original is kept privately."
    ) % {"old": old_length, "new": len(text)}
    record_event(appeal=appeal, actor=actor, internal_note=note)
    return appeal


@transaction.atomic
def appeal_transition(
    *,
    appeal: Appeal,
    actor,
    to_status: str,
    public_response: str = "",
    internal_note: str = "",
    template: ResponseTemplate | int | None = None,
    department: Department | int | None = None,
) -> Appeal:
    """Operator: a move from the workflow table with a public response (required for answered, rejected,
    redirected; a `template` of the department fills an empty response).

    answered sets answered_at (the latest answer), closed sets closed_at; redirected moves the appeal to
    `department` (or the routing's choice), clears the assignee and keeps due_at — the municipality owes
    one answer. New appeals go through moderation first; duplicates are marked by moderators.
    """
    appeal = _locked(appeal)
    require_operator(actor, appeal)
    if appeal.status == S.NEW:
        raise ValidationFailed(_("New appeals are moderated first."), field="to_status")
    if to_status in MODERATION_ONLY:
        raise ValidationFailed(_("Duplicates are marked through moderation."), field="to_status")
    _check_move(appeal, to_status, field="to_status")
    template = resolve(ResponseTemplate, template, field="template")
    if template is not None:
        if template.department_id != appeal.department_id or template.category_id not in (
            None,
            appeal.category_id,
        ):
            raise ValidationFailed(
                _("The template is not one of this appeal's department."), field="template"
            )
        public_response = public_response or template_render(template=template, appeal=appeal)
    if to_status in RESPONSE_REQUIRED:
        public_response = _text(public_response, field="public_response", minimum=1, maximum=RESPONSE_MAX)
    elif len(public_response) > RESPONSE_MAX:
        raise ValidationFailed(_("The response is too long."), field="public_response")
    if len(internal_note) > NOTE_MAX:
        raise ValidationFailed(_("The note is too long."), field="internal_note")
    now = timezone.now()
    from_status = appeal.status
    if to_status == S.REDIRECTED:
        target = _redirect_target(appeal, resolve(Department, department, field="department"))
        internal_note = "\n".join(
            filter(None, [internal_note, f"redirected from {appeal.department_id} to {target.pk}"])
        )
        appeal.department, appeal.assignee = target, None
    if to_status == S.ANSWERED:
        appeal.answered_at = now
    if to_status == S.CLOSED:
        appeal.closed_at = now
    appeal.status = to_status
    appeal.save()
    record_event(
        appeal=appeal,
        actor=actor,
        from_status=from_status,
        to_status=to_status,
        public_response=public_response.strip(),
        internal_note=internal_note.strip(),
        at=now,
    )
    return appeal


def _redirect_target(appeal: Appeal, department: Department | None) -> Department:
    if department is None:
        decision = route(category=appeal.category, point=appeal.geom)
        department = decision.department if decision else None
    if department is None or department.pk == appeal.department_id:
        raise ValidationFailed(_("Name another department to redirect the appeal to."), field="department")
    return department


@transaction.atomic
def appeal_assign(*, appeal: Appeal, actor, assignee=None) -> Appeal:
    """Operator: give the appeal to a member of its department (None: unassign). 400 on `assignee`."""
    appeal = _locked(appeal)
    require_operator(actor, appeal)
    user = resolve(get_user_model(), assignee, field="assignee")
    if user is not None and not Department.objects.filter(pk=appeal.department_id, members=user).exists():
        raise ValidationFailed(
            _("The assignee must be a member of the appeal's department."), field="assignee"
        )
    if (user.pk if user else None) == appeal.assignee_id:
        return appeal
    appeal.assignee = user
    appeal.save(update_fields=["assignee", "updated_at"])
    note = _("Assigned to %(user)s.") % {"user": user.get_username()} if user else _("Unassigned.")
    record_event(appeal=appeal, actor=actor, internal_note=note)
    return appeal


@transaction.atomic
def appeal_add_note(*, appeal: Appeal, actor, text: str) -> AppealEvent:
    """An internal note (moderators, admins, operators of the department): never public, never e-mailed."""
    require_note_author(actor, appeal)
    text = _text(text, field="text", minimum=1, maximum=NOTE_MAX)
    return record_event(appeal=appeal, actor=actor, internal_note=text)


@transaction.atomic
def appeal_extend(*, appeal: Appeal, actor, days: int, notice: str) -> Appeal:
    """Operator: the one extension of the answer term (59-ФЗ art. 12 p. 2), 1..30 days, with a notice the
    resident receives by e-mail. Raises 400 on `days` (out of range, already extended, no term) or `notice`.
    """
    appeal = _locked(appeal)
    require_operator(actor, appeal)
    if not isinstance(days, int) or not 1 <= days <= deadlines.MAX_EXTENSION_DAYS:
        raise ValidationFailed(
            _("An extension is 1 to %(max)d days.") % {"max": deadlines.MAX_EXTENSION_DAYS}, field="days"
        )
    if appeal.extension_days is not None:
        raise ValidationFailed(_("The term has been extended once already."), field="days")
    if appeal.due_at is None or appeal.status not in OPEN_STATUSES or appeal.status == S.NEW:
        raise ValidationFailed(
            _("Only a registered open appeal with a due date can be extended."), field="days"
        )
    notice = _text(notice, field="notice", minimum=TEXT_MIN, maximum=RESPONSE_MAX)
    old_due = appeal.due_at
    appeal.due_at = deadlines.extension_due(old_due, days)
    appeal.extension_days = days
    appeal.save(update_fields=["due_at", "extension_days", "updated_at"])
    note = f"term extended by {days} days: {old_due.isoformat()} → {appeal.due_at.isoformat()}"
    record_event(appeal=appeal, actor=actor, public_response=notice, internal_note=note)
    return appeal
