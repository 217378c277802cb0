"""Who may do what with an appeal: staff roles (geoportal.roles) × department membership.

- moderators (and admins) moderate any appeal: approve, reject, mark a duplicate, edit the public text;
- operators act only on appeals of departments they are a member of (Department.members): transitions,
  assignment, notes, the extension, response templates of those departments;
- admins (and superusers) may do everything;
- planners may read the internal view (events and notes) of any appeal, but not the resident's contact;
- everybody else — residents, anonymous users, operators of another department — gets 403.

The resident's contact data (AppealContact) is shown to moderators, admins and operators of the appeal's
department only: the people who may have to call the resident back. `require_*` raise
geoportal.errors.PermissionDenied; the `can_*` questions return booleans.
"""

from django.utils.translation import gettext_lazy as _

from appeals.models import Appeal, Department
from geoportal.errors import PermissionDenied
from geoportal.roles import Role, has_role


def is_admin(user) -> bool:
    return has_role(user, Role.ADMIN)


def can_moderate(user) -> bool:
    return has_role(user, Role.MODERATOR) or is_admin(user)


def is_department_operator(user, department_id: int | None) -> bool:
    """An operator who is a member of the department (department_id None: never)."""
    if department_id is None or not has_role(user, Role.OPERATOR):
        return False
    return Department.objects.filter(pk=department_id, members=user).exists()


def can_operate(user, appeal: Appeal) -> bool:
    """Transitions, assignment, notes, extension: an operator of the appeal's department, or an admin."""
    return is_admin(user) or is_department_operator(user, appeal.department_id)


def can_add_note(user, appeal: Appeal) -> bool:
    return can_moderate(user) or can_operate(user, appeal)


def can_see_contact(user, appeal: Appeal) -> bool:
    return can_moderate(user) or can_operate(user, appeal)


def can_view_internal(user, appeal: Appeal) -> bool:
    return can_see_contact(user, appeal) or has_role(user, Role.PLANNER)


def can_manage_templates(user, department_id: int) -> bool:
    return is_admin(user) or is_department_operator(user, department_id)


def operator_department_ids(user) -> list[int]:
    """The departments whose queue `user` works: every department for admins, memberships for operators."""
    if is_admin(user):
        return list(Department.objects.values_list("pk", flat=True))
    if not has_role(user, Role.OPERATOR):
        return []
    return list(Department.objects.filter(members=user).values_list("pk", flat=True))


def _deny(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("You do not have permission to do this."))


def require_moderator(user) -> None:
    _deny(can_moderate(user))


def require_operator(user, appeal: Appeal) -> None:
    _deny(can_operate(user, appeal))


def require_note_author(user, appeal: Appeal) -> None:
    _deny(can_add_note(user, appeal))


def require_internal_reader(user, appeal: Appeal) -> None:
    _deny(can_view_internal(user, appeal))


def require_template_manager(user, department_id: int) -> None:
    _deny(can_manage_templates(user, department_id))
