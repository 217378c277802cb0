"""GET /api/v1/appeals/nearby: open public appeals of the same category within its radius, last 90 days,
nearest first with distance_m (metres on the spheroid, checked against PostGIS's own ST_Distance)."""

import json
from datetime import UTC, datetime, timedelta

import pytest

from appeals.workflow import AppealStatus
from geoportal.db import fetch_value
from tests.appeals.public_support import LENINA, make_appeal, town  # noqa: F401

URL = "/api/v1/appeals/nearby"
M_PER_DEG_LAT = 111_132  # about, at 45° N


def north_of(metres: float) -> tuple[float, float]:
    return (LENINA[0], LENINA[1] + metres / M_PER_DEG_LAT)


@pytest.fixture
def around(town):  # noqa: F811
    roads, potholes, now = town["roads"], town["potholes"], datetime.now(tz=UTC)
    return {
        "at_20m": make_appeal(roads, lonlat=north_of(20)),
        "at_5m": make_appeal(roads, lonlat=north_of(5), status=AppealStatus.IN_PROGRESS),
        "at_45m_reopened": make_appeal(roads, lonlat=north_of(45), status=AppealStatus.REOPENED),
        "at_60m": make_appeal(roads, lonlat=north_of(60)),  # beyond the default 50 m
        "closed": make_appeal(roads, lonlat=north_of(10), status=AppealStatus.CLOSED),
        "answered": make_appeal(roads, lonlat=north_of(10), status=AppealStatus.ANSWERED),
        "hidden_new": make_appeal(roads, lonlat=north_of(10), status=AppealStatus.NEW),
        "old": make_appeal(roads, lonlat=north_of(10), created_at=now - timedelta(days=91)),
        "other_category": make_appeal(potholes, lonlat=north_of(10)),
        "pothole_100m": make_appeal(potholes, lonlat=north_of(100)),  # potholes: 120 m radius
        "pothole_130m": make_appeal(potholes, lonlat=north_of(130)),
    }


def nearby(client, **query) -> dict:
    response = client.get(URL, {"lon": LENINA[0], "lat": LENINA[1], **query})
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/geo+json"
    return json.loads(response.content)


def test_same_category_open_recent_within_50_m_nearest_first(client, around):
    found = nearby(client, category="roads")

    assert [f["id"] for f in found["features"]] == [
        around[n].pk for n in ("at_5m", "at_20m", "at_45m_reopened")
    ]
    assert found["properties"] == {"numberReturned": 3, "radius_m": 50}


def test_distance_is_metres_on_the_spheroid(client, around):
    found = nearby(client, category="roads")

    for feature in found["features"]:
        expected = fetch_value(
            "SELECT ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint(%s, %s), 4326)::geography)"
            " FROM appeals_appeal WHERE id = %s",
            [LENINA[0], LENINA[1], feature["id"]],
        )
        assert feature["properties"]["distance_m"] == pytest.approx(expected, abs=0.05)
    assert [round(f["properties"]["distance_m"]) for f in found["features"]] == [5, 20, 45]


def test_the_category_radius_applies(client, around):
    found = nearby(client, category="roads-potholes")

    assert [f["id"] for f in found["features"]] == [around["other_category"].pk, around["pothole_100m"].pk]
    assert found["properties"]["radius_m"] == 120


def test_category_by_id(client, around, town):  # noqa: F811
    assert nearby(client, category=str(town["potholes"].pk))["properties"]["numberReturned"] == 2


def test_without_a_category_every_category_within_50_m(client, around):
    found = nearby(client)

    assert {f["id"] for f in found["features"]} == {
        around[n].pk for n in ("at_5m", "at_20m", "at_45m_reopened", "other_category")
    }


def test_limit(client, around):
    assert [f["id"] for f in nearby(client, category="roads", limit="1")["features"]] == [around["at_5m"].pk]


def test_public_fields_only(client, around):
    feature = nearby(client, category="roads")["features"][0]

    assert set(feature["properties"]) == {
        "id", "kind", "category", "category_name", "status", "created_at", "address", "text",
        "supports_count", "distance_m",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"lat": "44.93"}, "lon"),
        ({"lon": "37.99"}, "lat"),
        ({"lon": "east", "lat": "44.93"}, "lon"),
        ({"lon": "37.99", "lat": "91"}, "lat"),
        ({"lon": "nan", "lat": "44.93"}, "lon"),
        ({"lon": "37.99", "lat": "44.93", "category": "nope"}, "category"),
        ({"lon": "37.99", "lat": "44.93", "category": "roads,roads-potholes"}, "category"),
        ({"lon": "37.99", "lat": "44.93", "limit": "101"}, "limit"),
    ],
)
def test_bad_query_is_a_400_naming_the_parameter(client, town, query, field):  # noqa: F811
    response = client.get(URL, query)

    assert response.status_code == 400
    assert response.json()["field"] == field
