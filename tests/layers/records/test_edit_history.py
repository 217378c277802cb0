"""Edits of properties and assets through PATCH, kept in the history with who, when, before and after."""

import json

from django.contrib.gis.geos import MultiPolygon, Polygon

from layers.models import Asset, Property
from tests.layers.records.support import client_for


def patch(client, url: str, body: dict):
    return client.patch(url, json.dumps(body), content_type="application/json")


def shifted_square(geom, d: float = 0.00005) -> dict:
    """A small square GeoJSON Polygon around the centroid of `geom`, half-side `d` degrees, EPSG:4326."""
    c = geom.centroid
    return json.loads(Polygon.from_bbox((c.x - d, c.y - d, c.x + d, c.y + d)).geojson)


def test_two_officials_two_edits_both_in_history_with_before_and_after(world):
    building = world.building
    url = f"/api/v1/properties/{building.pk}"
    old_geom = json.loads(building.geom.geojson)
    new_geom = shifted_square(building.geom)

    first = patch(
        client_for(world.users["planner_anna"]), url, {"use": "школа", "levels": 3, "reason": "акт 12"}
    )
    second = patch(
        client_for(world.users["planner_boris"]), url, {"ownership": "private", "geometry": new_geom}
    )

    assert first.status_code == 200, first.content
    assert second.status_code == 200, second.content
    building.refresh_from_db()
    assert (building.use, building.levels, building.ownership) == ("школа", 3, "private")
    assert building.geom.geom_type == "MultiPolygon"
    history = client_for(world.users["moderator"]).get(f"{url}/history").json()["history"]
    # newest first: Boris, Anna, then the row made when the test created the building
    boris, anna = history[0], history[1]
    assert boris["user"]["username"] == "planner_boris" and anna["user"]["username"] == "planner_anna"
    assert boris["date"] >= anna["date"]
    assert anna["reason"] == "акт 12"
    assert {c["field"]: (c["before"], c["after"]) for c in anna["changes"]} == {
        "use": ("жилой дом", "школа"),
        "levels": (None, 3),
    }
    changed = {c["field"]: c for c in boris["changes"]}
    assert set(changed) == {"ownership", "geometry"}
    assert (changed["ownership"]["before"], changed["ownership"]["after"]) == ("municipal", "private")
    assert changed["geometry"]["before"]["type"] == "MultiPolygon"
    assert changed["geometry"]["before"]["coordinates"] == old_geom["coordinates"]
    assert changed["geometry"]["after"]["coordinates"] == [new_geom["coordinates"]]


def test_imported_record_gets_a_baseline_so_the_first_edit_has_a_before(world):
    building = world.building
    Property.history.filter(id=building.pk).delete()  # as if loaded by COPY, which bypasses save()

    response = patch(
        client_for(world.users["planner_anna"]), f"/api/v1/properties/{building.pk}", {"levels": 5}
    )

    assert response.status_code == 200
    history = client_for(world.users["planner_anna"]).get(f"/api/v1/properties/{building.pk}/history").json()
    edit = history["history"][0]
    assert edit["changes"] == [{"field": "levels", "before": None, "after": 5}]
    assert history["history"][-1]["type"] == "created"


def test_operator_edits_an_asset_of_their_department(world):
    url = f"/api/v1/assets/{world.road.pk}"
    response = patch(
        client_for(world.users["operator_roads"]), url, {"condition": "poor", "name": "ул. Полковая (ремонт)"}
    )

    assert response.status_code == 200, response.content
    history = client_for(world.users["operator_light"]).get(f"{url}/history").json()["history"]
    assert history[0]["user"]["username"] == "operator_roads"
    assert {c["field"] for c in history[0]["changes"]} == {"condition", "name"}


def test_operator_may_not_move_an_asset_to_another_department(world):
    url = f"/api/v1/assets/{world.road.pk}"
    response = patch(client_for(world.users["operator_roads"]), url, {"department": world.light.pk})

    assert response.status_code == 403
    assert Asset.objects.get(pk=world.road.pk).department_id == world.town["department"].pk


def test_residents_anonymous_and_other_operators_get_403_and_nothing_changes(world):
    building, road = world.building, world.road
    before = Property.history.filter(id=building.pk).count(), Asset.history.filter(id=road.pk).count()
    for user in (None, world.users["resident"], world.users["operator_roads"], world.users["moderator"]):
        assert patch(client_for(user), f"/api/v1/properties/{building.pk}", {"use": "x"}).status_code == 403
    for user in (None, world.users["resident"], world.users["operator_light"]):
        assert patch(client_for(user), f"/api/v1/assets/{road.pk}", {"condition": "poor"}).status_code == 403
    for user in (None, world.users["resident"]):
        assert client_for(user).get(f"/api/v1/properties/{building.pk}/history").status_code == 403

    building.refresh_from_db()
    assert building.use == "жилой дом"
    assert (
        Property.history.filter(id=building.pk).count(),
        Asset.history.filter(id=road.pk).count(),
    ) == before


BAD_PROPERTY_INPUT = [
    ({"ownership": "stolen"}, "ownership"),
    ({"kind": "castle"}, "kind"),
    ({"levels": -1}, "levels"),
    ({"cadastral_number": "23-15-1"}, "cadastral_number"),
    ({"colour": "red"}, "colour"),
    (
        {"geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}},
        "geometry",
    ),
    ({"geometry": {"type": "Point", "coordinates": [37.98, 44.93]}}, "geometry"),
    ({"geometry": {"type": "Nonsense"}}, "geometry"),
    ({}, None),
]


def test_bad_input_is_400_naming_the_field_and_writes_nothing(world):
    building = world.building
    client = client_for(world.users["planner_anna"])
    rows_before = Property.history.filter(id=building.pk).count()
    for body, field in BAD_PROPERTY_INPUT:
        response = patch(
            client, f"/api/v1/properties/{building.pk}", {"use": "школа", **body} if body else {}
        )
        assert response.status_code == 400, (body, response.content)
        assert response.json().get("field") == field, (body, response.json())
    building.refresh_from_db()
    assert building.use == "жилой дом"
    assert Property.history.filter(id=building.pk).count() == rows_before


def test_geometry_outside_the_municipality_is_refused(world):
    outside = MultiPolygon(Polygon.from_bbox((37.76, 44.72, 37.77, 44.73)), srid=4326)  # Novorossiysk way
    response = patch(
        client_for(world.users["planner_anna"]),
        f"/api/v1/properties/{world.building.pk}",
        {"geometry": json.loads(outside.geojson)},
    )
    assert response.status_code == 400
    assert response.json()["field"] == "geometry"


def test_asset_geometry_must_keep_its_family(world):
    c = world.road.geom.centroid
    response = patch(
        client_for(world.users["planner_anna"]),
        f"/api/v1/assets/{world.road.pk}",
        {"geometry": {"type": "Point", "coordinates": [c.x, c.y]}},
    )
    assert response.status_code == 400
    assert response.json()["field"] == "geometry"
