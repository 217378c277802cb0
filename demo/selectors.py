"""Reads for the demo loader: what is there already, and the real places demo rows are built on."""

from dataclasses import dataclass

import numpy as np
import shapely
from django.conf import settings

from appeals.models import Appeal, Category, Department
from demo.clusters import DemoCluster
from geoportal.db import fetch_rows, sql_file
from layers.models import AdminArea, Property


@dataclass(frozen=True)
class Places:
    """Candidate places, one per row: ids, addresses, points (lon, lat, WGS84)."""

    ids: np.ndarray
    addresses: list[str]
    lon: np.ndarray
    lat: np.ndarray
    area_m2: np.ndarray  # footprint; 0 where unknown
    road_lon: np.ndarray  # closest point on the nearest road, NaN when none is near
    road_lat: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)


def municipality_get() -> AdminArea | None:
    """The demo municipality (settings.GEOPORTAL['MUNICIPALITY_CODE']), or None when not imported yet."""
    code = settings.GEOPORTAL["MUNICIPALITY_CODE"]
    return AdminArea.objects.filter(kind=AdminArea.Kind.MUNICIPALITY, code=code).order_by("id").first()


def building_count() -> int:
    return Property.objects.filter(kind=Property.Kind.BUILDING).count()


def demo_areas(kind: str) -> list[AdminArea]:
    """Demo areas of one kind, ordered by code."""
    return list(AdminArea.objects.filter(kind=kind, is_demo=True, source="demo").order_by("code"))


def building_centroids_m(*, municipality_id: int) -> np.ndarray:
    """Centroids (n × 2, UTM 37N metres) of the buildings inside the municipality."""
    rows = fetch_rows(sql_file("demo", "building_centroids"), {"municipality_id": municipality_id})
    return np.array(rows, dtype=float).reshape(-1, 2)


def municipality_shape(*, municipality_id: int) -> shapely.Geometry:
    """The municipal boundary as a prepared shapely geometry (4326)."""
    geom = AdminArea.objects.only("geom").get(pk=municipality_id).geom
    shape = shapely.from_wkb(bytes(geom.wkb))
    shapely.prepare(shape)
    return shape


def appeal_places(*, municipality_id: int, road_radius_m: float = 60.0) -> Places:
    """Buildings with an address inside the municipality, as places for background demo appeals."""
    rows = fetch_rows(
        sql_file("demo", "appeal_places"),
        {"municipality_id": municipality_id, "road_radius_m": road_radius_m},
    )
    return _places(rows)


def street_cluster_places(*, municipality_id: int, cluster: DemoCluster) -> Places:
    """Points on the cluster's street (its road, else its houses) within the cluster radius."""
    params = {
        "municipality_id": municipality_id,
        "street": cluster.street,
        "lon": cluster.lon,
        "lat": cluster.lat,
        "radius_m": cluster.radius_m,
    }
    rows = fetch_rows(sql_file("demo", "street_cluster_places"), params)
    return _places([(*row, 0.0, None, None) for row in rows])


def categories_by_code() -> dict[str, Category]:
    return {c.code: c for c in Category.objects.select_related("default_department")}


def departments_by_code() -> dict[str, Department]:
    return {d.code: d for d in Department.objects.all()}


def demo_appeal_count() -> int:
    return Appeal.objects.filter(source=Appeal.Source.DEMO).count()


def demo_appeals_without_area() -> int:
    return Appeal.objects.filter(source=Appeal.Source.DEMO, area__isnull=True).count()


def _places(rows: list[tuple]) -> Places:
    def column(i: int) -> np.ndarray:
        return np.array([np.nan if r[i] is None else r[i] for r in rows], dtype=float)

    return Places(
        ids=np.array([r[0] for r in rows], dtype=np.int64),
        addresses=[r[1] for r in rows],
        lon=column(2),
        lat=column(3),
        area_m2=np.nan_to_num(column(4)),
        road_lon=column(5),
        road_lat=column(6),
    )
