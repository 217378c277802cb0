"""Reads of import runs. A run is shown to the user who started it and to staff (can_see_internal); to
anyone else it does not exist (404): its messages name files and rows of possibly internal data."""

from django.utils.translation import gettext as _

from geoportal.errors import NotFound
from geoportal.roles import can_see_internal
from importers.models import ImportRun


def import_run_get(*, run_id: int, user) -> ImportRun:
    """The ImportRun `run_id` if `user` started it or is staff. Raises NotFound otherwise."""
    run = ImportRun.objects.filter(pk=run_id).first()
    if run is None or not (
        can_see_internal(user)
        or (run.created_by_id is not None and run.created_by_id == getattr(user, "pk", None))
    ):
        raise NotFound(_("No import %(id)s.") % {"id": run_id})
    return run
