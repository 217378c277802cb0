"""What a resident does to an existing appeal: support it ("me too" / a vote for a proposal), and after
an answer confirm it, reopen it with a reason, or rate it 1–5.

Who may act after an answer: the appeal's author signed in, or anybody holding the appeal's resident
token — the signed link the resident receives by e-mail (resident_token(); anonymous filers have no
account, so the e-mail link is their only key). Supports: one per signed-in user, or one per e-mail
address confirmed through a signed link (support_token()); the count is kept in step in the same
transaction with an F() update.
"""

from collections.abc import Callable

from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext

from appeals.events import record_event
from appeals.models import Appeal, Support
from appeals.selectors import appeal_visible_to
from appeals.workflow import HIDDEN_STATUSES, OPEN_STATUSES, AppealKind, AppealStatus, can_transition
from geoportal.errors import Conflict, NotFound, PermissionDenied, ValidationFailed

SUPPORT_SALT = "appeals.support.confirm"
SUPPORT_MAX_AGE_S = 3 * 24 * 3600
RESIDENT_SALT = "appeals.resident.action"
# Counted from when the link was made, i.e. from the e-mail that carries it (the answer's notice).
RESIDENT_MAX_AGE_S = 90 * 24 * 3600
RATEABLE_STATUSES = frozenset({AppealStatus.ANSWERED, AppealStatus.CLOSED})


def support_token(*, appeal_id: int, email: str) -> str:
    """The token of the link that confirms an e-mail's support of one appeal (valid 3 days)."""
    return signing.dumps({"a": appeal_id, "e": email}, salt=SUPPORT_SALT, compress=True)


def read_support_token(token: str) -> tuple[int, str]:
    """(appeal id, e-mail) of a support token. Raises ValidationFailed(field="token")."""
    try:
        data = signing.loads(token, salt=SUPPORT_SALT, max_age=SUPPORT_MAX_AGE_S)
        return int(data["a"]), str(data["e"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        message = gettext("The confirmation link is not valid or has expired.")
        raise ValidationFailed(message, field="token") from None


def resident_token(appeal_id: int) -> str:
    """The token of the e-mailed link that lets the resident confirm, reopen or rate (valid 90 days)."""
    return signing.dumps({"a": appeal_id}, salt=RESIDENT_SALT, compress=True)


def _token_opens(token: str, appeal_id: int) -> bool:
    try:
        return int(signing.loads(token, salt=RESIDENT_SALT, max_age=RESIDENT_MAX_AGE_S)["a"]) == appeal_id
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return False


def _supportable(appeal_id: int) -> Appeal:
    appeal = Appeal.objects.filter(pk=appeal_id).first()
    if appeal is None or appeal.status in HIDDEN_STATUSES:
        raise NotFound(gettext("There is no public appeal with this id."))
    if appeal.status not in OPEN_STATUSES:
        raise Conflict(gettext("This appeal is no longer open for support."))
    return appeal


def _support_add(appeal: Appeal, **supporter) -> tuple[int, bool]:
    exists = Support.objects.filter(appeal=appeal, **supporter).exists()
    if not exists:
        try:
            with transaction.atomic():  # a savepoint: a racing twin insert must not spoil the outer one
                Support.objects.create(appeal=appeal, **supporter)
        except IntegrityError:
            exists = True
    if not exists:
        Appeal.objects.filter(pk=appeal.pk).update(supports_count=F("supports_count") + 1)
    count = Appeal.objects.filter(pk=appeal.pk).values_list("supports_count", flat=True).get()
    return count, not exists


@transaction.atomic
def appeal_support(*, appeal_id: int, user) -> tuple[int, bool]:
    """A signed-in user's support of a public, open appeal: (supports_count, created). Idempotent: a second
    call returns the same count and created=False. Raises NotFound (hidden), Conflict (not open)."""
    appeal = _supportable(appeal_id)
    return _support_add(appeal, user=user)


def support_request_email(*, appeal_id: int, email: str, confirm_url: Callable[[str], str]) -> None:
    """E-mail `email` a link (confirm_url(token)) that counts its support once opened. Writes nothing.
    Raises NotFound / Conflict as appeal_support does."""
    appeal = _supportable(appeal_id)
    link = confirm_url(support_token(appeal_id=appeal.pk, email=email.strip().lower()))
    subject = gettext("Confirm your support of appeal No. %(id)d") % {"id": appeal.pk}
    body = gettext(
        "Someone (we hope you) asked to support appeal No. %(id)d on the city map.\n"
        "To count your support, open this link within 3 days:\n%(link)s\n\n"
        "If it was not you, ignore this message."
    ) % {"id": appeal.pk, "link": link}
    send_mail(subject, body, None, [email])


@transaction.atomic
def support_confirm(*, token: str) -> tuple[int, int, bool]:
    """Count the support of a confirmed e-mail: (appeal id, supports_count, created). Idempotent.
    Raises ValidationFailed(field="token"), NotFound, Conflict."""
    appeal_id, email = read_support_token(token)
    appeal = _supportable(appeal_id)
    count, created = _support_add(appeal, email=email)
    return appeal.pk, count, created


def _appeal_for_resident(*, appeal_id: int, user, token: str) -> Appeal:
    appeal = Appeal.objects.select_for_update().filter(pk=appeal_id).first()
    if appeal is None:
        raise NotFound(gettext("There is no public appeal with this id."))
    is_author = getattr(user, "is_authenticated", False) and appeal.author_id == user.pk
    if is_author or (token and _token_opens(token, appeal.pk)):
        return appeal
    if not appeal_visible_to(appeal, user):
        raise NotFound(gettext("There is no public appeal with this id."))
    if token:
        raise PermissionDenied(
            gettext("The link is not valid for this appeal or has expired."), field="token"
        )
    raise PermissionDenied(gettext("Only the resident who filed the appeal may do this."))


def _move(appeal: Appeal, *, to_status: str, actor, internal_note: str = "", **stamps) -> Appeal:
    if not can_transition(kind=appeal.kind, from_status=appeal.status, to_status=to_status):
        message = gettext("An appeal in status %(status)s cannot become %(to)s.")
        raise Conflict(message % {"status": appeal.status, "to": to_status})
    from_status = appeal.status
    appeal.status = to_status
    for name, value in stamps.items():
        setattr(appeal, name, value)
    appeal.save(update_fields=["status", "updated_at", *stamps])
    record_event(
        appeal=appeal, actor=actor, from_status=from_status, to_status=to_status, internal_note=internal_note
    )
    return appeal


@transaction.atomic
def appeal_confirm(*, appeal_id: int, user, token: str = "") -> Appeal:
    """The resident accepts the answer: answered → closed (closed_at = now).
    Raises NotFound, PermissionDenied (403: not the author, no valid token), Conflict (409: not answered)."""
    appeal = _appeal_for_resident(appeal_id=appeal_id, user=user, token=token)
    return _move(appeal, to_status=AppealStatus.CLOSED, actor=user, closed_at=timezone.now())


@transaction.atomic
def appeal_reopen(*, appeal_id: int, user, reason: str, token: str = "") -> Appeal:
    """The resident disputes the answer: answered → reopened. The reason goes to staff as the event's
    internal note (unmoderated resident text is not published). Raises as appeal_confirm does."""
    appeal = _appeal_for_resident(appeal_id=appeal_id, user=user, token=token)
    note = gettext("Reopened by the resident: %(reason)s") % {"reason": reason}
    return _move(appeal, to_status=AppealStatus.REOPENED, actor=user, internal_note=note)


@transaction.atomic
def appeal_rate(*, appeal_id: int, user, rating: int, token: str = "") -> Appeal:
    """The resident's rating 1–5 of an answered or closed issue; a later rating replaces an earlier one.
    Raises as appeal_confirm does (Conflict for proposals and for appeals without an answer)."""
    if not 1 <= rating <= 5:
        raise ValidationFailed(gettext("rating must be a whole number from 1 to 5."), field="rating")
    appeal = _appeal_for_resident(appeal_id=appeal_id, user=user, token=token)
    if appeal.kind != AppealKind.ISSUE or appeal.status not in RATEABLE_STATUSES:
        raise Conflict(gettext("Only an answered issue can be rated."))
    appeal.rating = rating
    appeal.save(update_fields=["rating", "updated_at"])
    record_event(
        appeal=appeal, actor=user, internal_note=gettext("Rated %(rating)d of 5.") % {"rating": rating}
    )
    return appeal
