"""GET /api/v1/appeals filters: kind, category (id or code, with sub-categories), status, area (ST_Covers),
department, created_after / created_before — each checked against real PostGIS, each bad value a 400."""

import json
from datetime import UTC, datetime

import pytest

from appeals.workflow import AppealStatus
from tests.appeals.public_support import LENINA, STATION, make_appeal, town  # noqa: F401

URL = "/api/v1/appeals"


@pytest.fixture
def appeals(town):  # noqa: F811
    return {
        "lenina_roads": make_appeal(
            town["roads"],
            lonlat=LENINA,
            department=town["department"],
            created_at=datetime(2026, 5, 1, 9, tzinfo=UTC),
        ),
        "lenina_pothole": make_appeal(
            town["potholes"],
            lonlat=LENINA,
            status=AppealStatus.IN_PROGRESS,
            created_at=datetime(2026, 5, 2, 9, tzinfo=UTC),
        ),
        "station_pothole": make_appeal(
            town["potholes"],
            lonlat=STATION,
            status=AppealStatus.CLOSED,
            created_at=datetime(2026, 5, 3, 9, tzinfo=UTC),
        ),
        "station_yard": make_appeal(
            town["yard"],
            lonlat=STATION,
            status=AppealStatus.PUBLISHED,
            created_at=datetime(2026, 5, 4, 9, tzinfo=UTC),
        ),
        "hidden": make_appeal(town["roads"], lonlat=LENINA, status=AppealStatus.NEW),
    }


def listed(client, **query) -> list[int]:
    response = client.get(URL, query)
    assert response.status_code == 200, response.content
    return [f["id"] for f in json.loads(response.content)["features"]]


def pks(appeals, *names) -> list[int]:
    return sorted(appeals[name].pk for name in names)


def test_no_filter_lists_every_public_appeal(client, appeals):
    assert listed(client) == pks(appeals, "lenina_roads", "lenina_pothole", "station_pothole", "station_yard")


def test_kind(client, appeals):
    assert listed(client, kind="proposal") == pks(appeals, "station_yard")
    assert len(listed(client, kind="issue,proposal")) == 4


def test_category_by_code_takes_in_sub_categories(client, appeals):
    assert listed(client, category="roads") == pks(
        appeals, "lenina_roads", "lenina_pothole", "station_pothole"
    )
    assert listed(client, category="roads-potholes") == pks(appeals, "lenina_pothole", "station_pothole")


def test_category_by_id_and_mixed(client, appeals, town):  # noqa: F811
    assert listed(client, category=str(town["yard"].pk)) == pks(appeals, "station_yard")
    both = listed(client, category=f"{town['yard'].pk},roads-potholes")
    assert both == pks(appeals, "lenina_pothole", "station_pothole", "station_yard")


def test_status(client, appeals):
    assert listed(client, status="closed,published") == pks(appeals, "station_pothole", "station_yard")


def test_area_by_code_and_id_matches_by_geometry(client, appeals, town):  # noqa: F811
    # area_id is not set on these appeals: the filter is spatial (ST_Covers), not by the stored district.
    assert listed(client, area="d1") == pks(appeals, "lenina_roads", "lenina_pothole")
    assert listed(client, area=str(town["south"].pk)) == pks(appeals, "station_pothole", "station_yard")
    assert len(listed(client, area="krymsk")) == 4


def test_department_by_code_or_id(client, appeals, town):  # noqa: F811
    assert listed(client, department="roads") == pks(appeals, "lenina_roads")
    assert listed(client, department=str(town["department"].pk)) == pks(appeals, "lenina_roads")


def test_created_after_is_inclusive_and_before_exclusive(client, appeals):
    window = listed(client, created_after="2026-05-02T09:00:00Z", created_before="2026-05-04T09:00:00Z")

    assert window == pks(appeals, "lenina_pothole", "station_pothole")


def test_created_bounds_read_dates_and_offsets(client, appeals):
    # 2026-05-03 00:00 Moscow (UTC+3) = 2026-05-02 21:00 UTC: after the 2nd appeal, before the 3rd.
    assert listed(client, created_after="2026-05-03") == pks(appeals, "station_pothole", "station_yard")
    # A "+" that arrived unescaped in the query string becomes a space; it is read as "+".
    assert listed(client, created_before="2026-05-02T12:00:00 03:00") == pks(appeals, "lenina_roads")


def test_filters_combine_with_each_other_and_the_bbox(client, appeals):
    lon, lat = LENINA
    bbox = f"{lon - 0.001},{lat - 0.001},{lon + 0.001},{lat + 0.001}"

    assert listed(client, category="roads", status="in_progress", bbox=bbox) == pks(appeals, "lenina_pothole")
    assert listed(client, kind="proposal", area="d1") == []


def test_next_link_keeps_the_filters(client, appeals):
    response = client.get(URL, {"category": "roads", "limit": "1"})
    first = json.loads(response.content)

    second = client.get(first["properties"]["next"])
    third = client.get(json.loads(second.content)["properties"]["next"])

    seen = [json.loads(r.content)["features"][0]["id"] for r in (response, second, third)]
    assert seen == pks(appeals, "lenina_roads", "lenina_pothole", "station_pothole")
    assert json.loads(third.content)["properties"]["next"] is None


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("kind", "complaint"),
        ("status", "new"),  # hidden statuses cannot be asked for
        ("status", "rejected"),
        ("status", "closed,bogus"),
        ("category", "no-such-category"),
        ("category", "99999999"),
        ("category", "roads;drop table"),
        ("category", ""),
        ("area", "responsibility-zone-code"),
        ("area", "99999999"),
        ("department", "nobody"),
        ("created_after", "yesterday"),
        ("created_after", "2026-13-01"),
        ("created_before", "2026-05-01T25:00"),
        ("created_before", "2026-05-01T10:00:00+99:00"),
    ],
)
def test_bad_filter_is_a_400_naming_the_parameter(client, appeals, name, value):
    response = client.get(URL, {name: value})

    assert response.status_code == 400, response.content
    assert response.json()["field"] == name


def test_created_before_not_after_created_after_is_a_400(client, appeals):
    response = client.get(URL, {"created_after": "2026-05-02", "created_before": "2026-05-02"})

    assert response.status_code == 400
    assert response.json()["field"] == "created_before"


def test_responsibility_zones_are_not_an_area_filter(client, appeals, town):  # noqa: F811
    from layers.models import AdminArea

    zone = AdminArea.objects.create(
        kind=AdminArea.Kind.RESPONSIBILITY_ZONE, name="Зона", code="z1", geom=town["centre"].geom
    )

    response = client.get(URL, {"area": str(zone.pk)})

    assert response.status_code == 400
    assert response.json()["field"] == "area"
