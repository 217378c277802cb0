"""Who may edit property and asset records, read their history and issue certificates.

- properties: planners and admins (superusers hold every role) edit any property;
- assets: planners and admins edit any asset; an operator edits the assets of a department they are a
  member of (Department.members), and may move an asset only to another department of theirs;
- history (it names the officials who edited) and certificates (a numbered document issued by the
  administration, kept in a journal): every staff role (geoportal.roles.can_see_internal);
- everybody else — residents, anonymous users, operators of another department — gets 403.
"""

from django.utils.translation import gettext_lazy as _

from appeals.permissions import is_department_operator
from geoportal.errors import PermissionDenied
from geoportal.roles import Role, can_see_internal, has_role


def can_edit_property(user) -> bool:
    return has_role(user, Role.PLANNER) or has_role(user, Role.ADMIN)


def can_edit_asset(user, department_id: int | None) -> bool:
    """Planners and admins: any asset; operators: assets of their departments (none for no department)."""
    return can_edit_property(user) or is_department_operator(user, department_id)


def require(allowed: bool) -> None:
    """Raises PermissionDenied (403) unless `allowed`."""
    if not allowed:
        raise PermissionDenied(_("You do not have permission to do this."))


def require_history_reader(user) -> None:
    require(can_see_internal(user))


def require_certificate_issuer(user) -> None:
    require(can_see_internal(user))
