"""The three planted clusters of demo appeals: pure data, no database.

They are real places of Krymsk (OSM, NextGIS extract) and are described in demo/data/README.md. A later
heatmap / hotspot test can assert that it finds each one: within `radius_m` of (lon, lat), appeals of
`category` filed in the last `recent_days` days are far denser than anywhere else in town.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoCluster:
    code: str
    title: str
    category: str  # appeals.Category.code
    count: int  # appeals planted (part of the demo's issue total)
    lon: float  # centre, WGS84
    lat: float
    radius_m: float  # every planted appeal lies within this distance of the centre
    street: str | None  # street clusters: points on this street's road, addresses of its houses
    recent_days: int  # every planted appeal was filed within this many days before the demo's "now"


CLUSTERS: tuple[DemoCluster, ...] = (
    DemoCluster(
        code="bad-road",
        title="Разбитая дорога на улице Фадеева",
        category="roads-potholes",
        count=80,
        lon=37.9863,
        lat=44.9414,
        radius_m=400.0,
        street="улица Фадеева",
        recent_days=60,
    ),
    DemoCluster(
        code="garbage-yard",
        title="Мусор во дворе домов 1–6 по улице Маршала Жукова",
        category="waste-containers",
        count=60,
        lon=38.0122,
        lat=44.9279,
        radius_m=60.0,
        street=None,
        recent_days=45,
    ),
    DemoCluster(
        code="dark-street",
        title="Не горят фонари на Лагерной улице",
        category="streetlight",
        count=50,
        lon=37.9755,
        lat=44.9100,
        radius_m=300.0,
        street="Лагерная улица",
        recent_days=60,
    ),
)


def cluster_by_code(code: str) -> DemoCluster:
    """The cluster with this code. Raises KeyError for an unknown one."""
    for cluster in CLUSTERS:
        if cluster.code == code:
            return cluster
    raise KeyError(code)
