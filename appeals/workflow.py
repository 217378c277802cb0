"""Appeal statuses and the allowed moves between them: pure data, no database.

Issues follow 59-ФЗ practice (new → registered → in_progress → answered → closed); proposals follow the
participatory-budget practice (new → published → under_review → accepted | rejected → implemented).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AppealKind(models.TextChoices):
    ISSUE = "issue", _("issue")
    PROPOSAL = "proposal", _("proposal")


class AppealStatus(models.TextChoices):
    NEW = "new", _("new")
    REGISTERED = "registered", _("registered")
    IN_PROGRESS = "in_progress", _("in progress")
    ANSWERED = "answered", _("answered")
    CLOSED = "closed", _("closed")
    REJECTED = "rejected", _("rejected")
    REDIRECTED = "redirected", _("redirected")
    DUPLICATE = "duplicate", _("duplicate")
    REOPENED = "reopened", _("reopened")
    PUBLISHED = "published", _("published")
    UNDER_REVIEW = "under_review", _("under review")
    ACCEPTED = "accepted", _("accepted")
    IMPLEMENTED = "implemented", _("implemented")


S = AppealStatus

TRANSITIONS: dict[str, dict[str, frozenset[str]]] = {
    AppealKind.ISSUE: {
        S.NEW: frozenset({S.REGISTERED, S.REJECTED, S.DUPLICATE}),
        S.REGISTERED: frozenset({S.IN_PROGRESS, S.REDIRECTED, S.ANSWERED, S.REJECTED, S.DUPLICATE}),
        S.REDIRECTED: frozenset({S.REGISTERED, S.IN_PROGRESS}),
        S.IN_PROGRESS: frozenset({S.ANSWERED, S.REDIRECTED}),
        S.ANSWERED: frozenset({S.CLOSED, S.REOPENED}),
        S.REOPENED: frozenset({S.IN_PROGRESS}),
        S.CLOSED: frozenset(),
        S.REJECTED: frozenset(),
        S.DUPLICATE: frozenset(),
    },
    AppealKind.PROPOSAL: {
        S.NEW: frozenset({S.PUBLISHED, S.REJECTED, S.DUPLICATE}),
        S.PUBLISHED: frozenset({S.UNDER_REVIEW, S.REJECTED}),
        S.UNDER_REVIEW: frozenset({S.ACCEPTED, S.REJECTED}),
        S.ACCEPTED: frozenset({S.IMPLEMENTED}),
        S.IMPLEMENTED: frozenset(),
        S.REJECTED: frozenset(),
        S.DUPLICATE: frozenset(),
    },
}

# Statuses in which an appeal is still waiting for the municipality.
OPEN_STATUSES = frozenset(
    {S.NEW, S.REGISTERED, S.IN_PROGRESS, S.REDIRECTED, S.REOPENED, S.PUBLISHED, S.UNDER_REVIEW, S.ACCEPTED}
)
# Statuses a resident never sees on the public map (not yet moderated, or removed).
HIDDEN_STATUSES = frozenset({S.NEW, S.REJECTED})


def can_transition(*, kind: str, from_status: str, to_status: str) -> bool:
    """True when the workflow table allows moving an appeal of `kind` from `from_status` to `to_status`."""
    return to_status in TRANSITIONS.get(kind, {}).get(from_status, frozenset())


def open_311_status(status: str) -> str:
    """Open311 GeoReport v2 knows only 'open' and 'closed'."""
    return "open" if status in OPEN_STATUSES or status == S.ANSWERED else "closed"
