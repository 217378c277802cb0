"""Invalid geometries: repaired with PostGIS ST_MakeValid where that is safe, otherwise a reject.

The rule (`repair_verdict`, pure). A repair is kept when both hold:
  1. it keeps the type family of the input — a polygon stays a (multi)polygon, a line a (multi)line, a
     point a point; parts of another dimension that ST_MakeValid leaves behind (the collapsed spike of a
     polygon becomes a line) are dropped, and when nothing of the input's dimension is left the row is
     rejected;
  2. it changes the size by at most MAX_SIZE_CHANGE (1 %): the area of a polygon, the length of a line
     (planar in EPSG:4326 degrees; only the ratio counts, which at town scale is the same in metres).
So a ring that touches itself, a spike, a repeated hole edge are repaired silently, while a self-crossing
"bowtie" (whose lobes cancel in the ring's signed area, so the repair changes it by far more than 1 %) or
a hole drawn outside its shell by a wide margin are rejected with the row number and the reason: the
author must decide what the shape was meant to be.

Valid geometries never reach the database here: GEOS checks validity in-process, and only the rare invalid
one costs a query (importers/sql/geometry_repair.sql).
"""

from django.contrib.gis.geos import GEOSException, GEOSGeometry
from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy

from geoportal.db import sql_file

MAX_SIZE_CHANGE = 0.01
VALID = "Valid Geometry"  # GEOSisValidReason of a valid geometry
FAMILIES = {0: gettext_lazy("point"), 1: pgettext_lazy("geometry", "line"), 2: gettext_lazy("polygon")}


def repair_verdict(*, dim: int, fixed_empty: bool, size_before: float, size_after: float) -> str | None:
    """None when a repair may be kept; else why not (a sentence). dim: 0 point, 1 line, 2 polygon;
    sizes: area (dim 2) or length (dim 1) of the input and of the repaired parts, any one unit."""
    if fixed_empty:
        return _("repairing it leaves no %(family)s") % {"family": FAMILIES.get(dim, _("geometry"))}
    if dim == 0:
        return None
    change = abs(size_after - size_before) / size_before if size_before > 0 else float("inf")
    if change > MAX_SIZE_CHANGE:
        measure = pgettext("measure", "area") if dim == 2 else _("length")
        shown = "> 100%" if change > 1 else f"{change:.1%}"
        return _("repairing it would change its %(measure)s by %(change)s (at most %(limit)s is safe)") % {
            "measure": measure,
            "change": shown,
            "limit": f"{MAX_SIZE_CHANGE:.0%}",
        }
    return None


def valid_or_repaired(wkb: bytes) -> tuple[bytes | None, str | None]:
    """(WKB, None): the geometry as it is when valid, or its safe repair; (None, reason) otherwise.

    `wkb` is in EPSG:4326 (lon, lat). The reason reads "invalid geometry: Self-intersection at POINT(…);
    repairing it would change its area by …".
    """
    try:
        reason = GEOSGeometry(memoryview(wkb)).valid_reason
    except GEOSException:
        return None, _("the geometry cannot be read")
    if reason == VALID:
        return wkb, None
    with connection.cursor() as cursor:
        cursor.execute(sql_file("importers", "geometry_repair"), {"wkb": wkb})
        detail, dim, fixed, size_before, size_after = cursor.fetchone()
    problem = repair_verdict(
        dim=dim, fixed_empty=fixed is None, size_before=size_before or 0.0, size_after=size_after or 0.0
    )
    if problem:
        return None, _("invalid geometry: %(detail)s; %(problem)s") % {"detail": detail, "problem": problem}
    return bytes(fixed), None
