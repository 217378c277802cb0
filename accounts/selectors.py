"""Reads of the accounts app."""

from geoportal.roles import Role


def user_roles(*, user) -> list[str]:
    """The product roles of `user` (geoportal.roles.Role values, in that order); a superuser holds all."""
    if not getattr(user, "is_authenticated", False):
        return []
    if user.is_superuser:
        return [role.value for role in Role]
    names = set(user.groups.values_list("name", flat=True))
    return [role.value for role in Role if role.value in names]


def user_profile(*, user) -> dict:
    """What the web map needs about the caller: who it is, its roles and its departments."""
    if not getattr(user, "is_authenticated", False):
        return {"authenticated": False, "roles": [], "departments": []}
    departments = list(user.departments.order_by("name").values("id", "code", "name"))
    return {
        "authenticated": True,
        "id": user.pk,
        "username": user.get_username(),
        "email": user.email,
        "name": user.get_full_name(),
        "roles": user_roles(user=user),
        "departments": departments,
    }
