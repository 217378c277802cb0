"""The property and asset cards: public fields, appeals nearby (open first, nearest first, no contact
data, no hidden appeals), and related assets / properties — on hand-placed data."""

from appeals.workflow import AppealStatus
from tests.appeals.public_support import CONTACT, make_appeal
from tests.layers.records.support import client_for, north_of


def test_property_card_lists_nearby_public_appeals_open_first_then_nearest(world):
    building, potholes = world.building, world.town["potholes"]
    inside = building.geom.point_on_surface
    open_inside = make_appeal(potholes, lonlat=(inside.x, inside.y))
    open_60 = make_appeal(potholes, lonlat=north_of(building.geom, 60), status=AppealStatus.IN_PROGRESS)
    closed_10 = make_appeal(potholes, lonlat=north_of(building.geom, 10), status=AppealStatus.CLOSED)
    make_appeal(potholes, lonlat=north_of(building.geom, 5), status=AppealStatus.NEW)  # hidden
    make_appeal(potholes, lonlat=north_of(building.geom, 300))  # too far

    response = client_for(None).get(f"/api/v1/properties/{building.pk}")

    assert response.status_code == 200
    card = response.json()
    assert card["type"] == "Feature" and card["id"] == building.pk
    assert card["properties"]["cadastral_number"] == "23:15:0601001:123"
    appeals = card["appeals_nearby"]["features"]
    assert [a["id"] for a in appeals] == [open_inside.pk, open_60.pk, closed_10.pk]
    assert [a["properties"]["is_open"] for a in appeals] == [True, True, False]
    assert appeals[0]["properties"]["distance_m"] == 0
    assert 55 <= appeals[1]["properties"]["distance_m"] <= 65
    text = response.content.decode()
    assert all(value not in text for value in CONTACT.values())
    assert "author" not in text and "Не горит фонарь" not in text


def test_property_card_lists_assets_within_20_m(world):
    card = client_for(None).get(f"/api/v1/properties/{world.building.pk}").json()

    assert [a["id"] for a in card["assets"]["features"]] == [world.road.pk]
    assert 5 <= card["assets"]["features"][0]["properties"]["distance_m"] <= 11


def test_asset_card_lists_its_properties(world):
    card = client_for(None).get(f"/api/v1/assets/{world.road.pk}").json()

    assert card["properties"]["name"] == "ул. Полковая"
    assert [p["id"] for p in card["properties_nearby"]["features"]] == [world.building.pk]


def test_unknown_record_is_404(world):
    assert client_for(None).get("/api/v1/properties/999999").status_code == 404
    assert client_for(None).get("/api/v1/assets/999999").status_code == 404
