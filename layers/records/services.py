"""Edits of property and asset records (attributes and geometry), each kept in the record's history
(django-simple-history: who, when, the row after the change; layers.records.selectors diffs the rows).

Every write is atomic and validated before anything is saved: a bad value raises ValidationFailed naming
the field and leaves the record and its history untouched.
"""

from django.contrib.gis.geos import GEOSGeometry, MultiPolygon
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from geoportal.errors import ValidationFailed
from layers.models import Asset, Property
from layers.records.permissions import can_edit_asset, can_edit_property, require
from layers.records.selectors import municipality_covers

GEOMETRY_FAMILIES = {
    "Point": "point",
    "MultiPoint": "point",
    "LineString": "line",
    "MultiLineString": "line",
    "Polygon": "polygon",
    "MultiPolygon": "polygon",
}


def history_baseline_ensure(record: Property | Asset) -> None:
    """Give a record that has no history yet (loaded by an import, which bypasses save()) one row with its
    current stored state, dated by its updated_at, so that its first edit shows the values before."""
    model = type(record)
    if model.history.filter(id=record.pk).exists():
        return
    stored = model.objects.get(pk=record.pk)
    model.history.bulk_history_create(
        [stored],
        default_change_reason=gettext("state before the first recorded edit"),
        default_date=stored.updated_at,
    )


def _checked_geometry(geom: GEOSGeometry, *, family: str | None) -> GEOSGeometry:
    """`geom` (EPSG:4326, already valid) if it is of `family` (None: any of GEOMETRY_FAMILIES) and inside
    the municipality; raises ValidationFailed(field="geometry")."""
    if GEOMETRY_FAMILIES.get(geom.geom_type) is None or (
        family is not None and GEOMETRY_FAMILIES[geom.geom_type] != family
    ):
        raise ValidationFailed(
            gettext("Expected a %(family)s geometry, got %(type)s.")
            % {"family": family or "point/line/polygon", "type": geom.geom_type},
            field="geometry",
        )
    if not municipality_covers(geom):
        raise ValidationFailed(_("The geometry is outside the municipality."), field="geometry")
    return geom


def _save(record, *, actor, changes: dict, reason: str) -> None:
    if not changes:
        raise ValidationFailed(_("Nothing to change: send at least one field."))
    history_baseline_ensure(record)
    for name, value in changes.items():
        setattr(record, name, value)
    record._history_user = actor
    record._change_reason = reason
    record.save()


@transaction.atomic
def property_update(*, record: Property, actor, changes: dict, reason: str = "") -> Property:
    """Apply `changes` (validated field values; `geometry` a GEOS Polygon or MultiPolygon, EPSG:4326) to the
    property as `actor`, recorded in its history with `reason`. Raises PermissionDenied, ValidationFailed."""
    require(can_edit_property(actor))
    changes = dict(changes)
    if "geometry" in changes:
        geom = _checked_geometry(changes.pop("geometry"), family="polygon")
        changes["geom"] = MultiPolygon(geom, srid=4326) if geom.geom_type == "Polygon" else geom
    record = Property.objects.select_for_update().get(pk=record.pk)
    _save(record, actor=actor, changes=changes, reason=reason)
    return record


@transaction.atomic
def asset_update(*, record: Asset, actor, changes: dict, reason: str = "") -> Asset:
    """Apply `changes` (validated field values; `department` a Department or None; `geometry` GEOS,
    EPSG:4326, of the same family — point, line or polygon — as the asset's) as `actor`, recorded in its
    history. An operator may move an asset only to a department of theirs. Raises PermissionDenied,
    ValidationFailed."""
    record = Asset.objects.select_for_update().get(pk=record.pk)
    require(can_edit_asset(actor, record.department_id))
    changes = dict(changes)
    if "department" in changes:
        department = changes["department"]
        require(can_edit_asset(actor, department.pk if department else None))
    if "geometry" in changes:
        family = GEOMETRY_FAMILIES.get(record.geom.geom_type)
        changes["geom"] = _checked_geometry(changes.pop("geometry"), family=family)
    _save(record, actor=actor, changes=changes, reason=reason)
    return record
