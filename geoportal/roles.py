"""The roles of the product as Django groups, and the questions views ask about a user."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    RESIDENT = "resident", _("resident")
    MODERATOR = "moderator", _("moderator")
    OPERATOR = "operator", _("department operator")
    PLANNER = "planner", _("planner")
    ADMIN = "admin", _("administrator")


def has_role(user, role: str) -> bool:
    """True when `user` is in the group `role`; superusers hold every role."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name=role).exists()


def can_see_internal(user) -> bool:
    """Internal layers and notes are for staff roles only."""
    return any(has_role(user, r) for r in (Role.MODERATOR, Role.OPERATOR, Role.PLANNER, Role.ADMIN))
