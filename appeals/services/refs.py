"""Resolving the objects a staff request refers to (by instance or id), with a field-level 400."""

from typing import Any, TypeVar

from django.db import models
from django.utils.translation import gettext as _

from geoportal.errors import ValidationFailed

M = TypeVar("M", bound=models.Model)


def resolve(model: type[M], value: Any, *, field: str) -> M | None:
    """`value` itself when it is a `model` instance, None for None, else the row with that id.

    Raises ValidationFailed naming `field` for an id that is not an integer or names no row.
    """
    if value is None or isinstance(value, model):
        return value
    try:
        return model.objects.get(pk=int(value))
    except (model.DoesNotExist, TypeError, ValueError):
        raise ValidationFailed(_("No such object: %(value)s.") % {"value": value}, field=field) from None
