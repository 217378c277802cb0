"""Which department answers an appeal: routing on registration (and on a redirect without a target).

The rule, in order — the first that gives a department wins:

1. Asset-bound categories (Category.asset_kinds non-empty: streetlight, road surface, playground…): the
   owner department (Asset.department) of the NEAREST asset of one of those kinds within ASSET_RADIUS_M
   (30 m, geodesic) of the appeal's point. Assets without an owner are ignored. This takes precedence over
   zones: whoever owns the lamp post fixes it, wherever the zone lines run.
2. Category × responsibility zone: the category's department is Category.default_department; when a
   category has none, its parent's, and so on up the rubricator. Walking from the category up, the first
   such department that is responsible at the point wins. A department is responsible at a point when it
   has no zones at all (responsible everywhere) or one of its zones (Department.zones, any AdminArea kind:
   the municipality, a district, a maintenance section) contains the point, its border included.
   So a department whose zones miss the point passes the appeal to the department of the parent category.
3. Otherwise None: nobody is responsible there; the moderator chooses the department by hand.

A category belongs to one department; splitting one category between two departments by territory needs
a child category per department (or, later, a category ↔ department table).
Points are EPSG:4326 (lon, lat). SQL: appeals/sql/routing_nearest_asset.sql, routing_category_zone.sql.
"""

from dataclasses import dataclass

from django.contrib.gis.geos import Point

from appeals.models import Category, Department
from geoportal.db import fetch_rows, sql_file

ASSET_RADIUS_M = 30.0


@dataclass(frozen=True)
class Route:
    """A routing decision and why: by an asset (asset_id, distance_m) or by a zone (zone_id, or None when
    the department has no zones) of the category at `depth` levels above the appeal's category."""

    department: Department
    asset_id: int | None = None
    distance_m: float | None = None
    zone_id: int | None = None
    depth: int = 0

    def describe(self) -> str:
        """A short English line for the internal event log."""
        if self.asset_id is not None:
            distance = f"{self.distance_m:.1f} m"
            return f"routed to {self.department.code}: owner of asset #{self.asset_id} at {distance}"
        where = f"zone #{self.zone_id}" if self.zone_id is not None else "no zones (everywhere)"
        return f"routed to {self.department.code}: category department, {where}, depth {self.depth}"


def _lonlat(point: Point) -> tuple[float, float]:
    if point.srid not in (None, 4326):
        point = point.transform(4326, clone=True)
    return point.x, point.y


def route(*, category: Category, point: Point) -> Route | None:
    """The routing decision for an appeal of `category` at `point` (EPSG:4326), or None (module docstring)."""
    lon, lat = _lonlat(point)
    if category.asset_kinds:
        rows = fetch_rows(
            sql_file("appeals", "routing_nearest_asset"),
            {"lon": lon, "lat": lat, "kinds": list(category.asset_kinds), "radius_m": ASSET_RADIUS_M},
        )
        if rows:
            department_id, asset_id, distance_m = rows[0]
            return Route(Department.objects.get(pk=department_id), asset_id=asset_id, distance_m=distance_m)
    rows = fetch_rows(
        sql_file("appeals", "routing_category_zone"), {"category_id": category.pk, "lon": lon, "lat": lat}
    )
    if not rows:
        return None
    department_id, depth, zone_id = rows[0]
    return Route(Department.objects.get(pk=department_id), zone_id=zone_id, depth=depth)


def route_appeal(*, category: Category, point: Point) -> Department | None:
    """The department that answers an appeal of `category` at `point` (EPSG:4326), or None."""
    decision = route(category=category, point=point)
    return decision.department if decision else None
