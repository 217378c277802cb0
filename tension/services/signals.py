"""Writes social signals (tension.models.TensionSignal), each spread over the res-10 H3 cells it covers."""

import json
from datetime import datetime

import h3
from django.contrib.gis.geos import GEOSGeometry
from django.db import transaction

from tension.cells import register_cells
from tension.models import TensionSignal

SIGNAL_RES = 10


def signal_cells(geom: GEOSGeometry) -> list[int]:
    """The res-10 cell of a point; the cells whose centres lie in an area (at least its inner point's)."""
    if geom.geom_type == "Point":
        return [h3.str_to_int(h3.latlng_to_cell(geom.y, geom.x, SIGNAL_RES))]
    cells: set[str] = set()
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        cells = set(h3.geo_to_cells(json.loads(geom.json), SIGNAL_RES))
    if not cells:
        centre = geom.point_on_surface
        cells = {h3.latlng_to_cell(centre.y, centre.x, SIGNAL_RES)}
    return sorted(h3.str_to_int(c) for c in cells)


@transaction.atomic
def signal_save(signal: TensionSignal) -> TensionSignal:
    """Saves a signal with its cells (computed from its geometry) and registers those cells."""
    signal.cells = signal_cells(signal.geom)
    signal.save()
    register_cells(signal.cells)
    return signal


def signal_create(
    *, source: str, geom: GEOSGeometry, at: datetime, weight: float = 1.0, text: str = "", source_id: str = ""
) -> TensionSignal:
    return signal_save(
        TensionSignal(source=source, source_id=source_id, geom=geom, at=at, weight=weight, text=text)
    )
