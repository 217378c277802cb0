"""RFC 7946 output, who sees which collection, and that contact data never leaves through /ogc (152-ФЗ)."""

import json

import pytest

from tests.layers.ogc.conftest import AUTHOR_SECRETS, CW_RING, SECRETS
from tests.layers.ogc.responses import assert_rfc7946_feature, features_of, get_json, ring_area2

STATIC = ["appeals", "proposals", "properties", "assets", "areas"]


def test_clockwise_input_polygon_comes_out_counter_clockwise(client, town):
    assert ring_area2(CW_RING) < 0  # the stored exterior ring really is clockwise
    feature = get_json(
        client, f"/ogc/collections/properties/items/{town.building.id}", "application/geo+json"
    )

    exterior, hole = feature["geometry"]["coordinates"][0]
    assert ring_area2(exterior) > 0
    assert ring_area2(hole) < 0  # the hole was stored CCW and comes out CW
    assert sorted(map(tuple, exterior[:-1])) == sorted(CW_RING[:-1])  # same corners, other order
    assert_rfc7946_feature(feature)


def test_polygons_of_mixed_collections_come_out_counter_clockwise(client, town):
    park = get_json(client, f"/ogc/collections/assets/items/{town.assets['park'].id}", "application/geo+json")

    assert park["geometry"]["type"] == "Polygon"
    assert ring_area2(park["geometry"]["coordinates"][0]) > 0


def test_every_feature_of_every_collection_is_rfc7946(client, town):
    for collection in [*STATIC, "bus-routes"]:
        for feature in features_of(client, collection)["features"]:
            assert_rfc7946_feature(feature)


def test_degrees_have_six_decimals(client, town):
    page = features_of(client, "areas")

    digits = {len(str(x).split(".")[1]) for f in page["features"] for x in json.dumps(
        f["geometry"]["coordinates"]).replace("[", "").replace("]", "").split(",") if "." in x}  # fmt: skip
    assert max(digits) <= 6


def test_responsibility_zones_are_not_public_areas(client, town):
    names = {f["properties"]["name"] for f in features_of(client, "areas")["features"]}

    assert names == {"Крымск", "Центральный", "ТОС «Ленина»"}


@pytest.mark.parametrize("who", ["client", "resident_client"])
def test_internal_layers_are_invisible_without_a_staff_role(request, town, who):
    client = request.getfixturevalue(who)

    listed = [c["id"] for c in get_json(client, "/ogc/collections")["collections"]]
    assert "water-network" not in listed
    for url in ["", "/items", f"/items/{town.secret_pipe.id}", "/queryables"]:
        assert client.get(f"/ogc/collections/water-network{url}").status_code == 404
    assert "water-network" not in client.get("/ogc/api").content.decode()
    assert client.get(f"/ogc/collections/bus-routes/items/{town.secret_pipe.id}").status_code == 404


def test_staff_see_internal_layers(staff_client, town):
    listed = [c["id"] for c in get_json(staff_client, "/ogc/collections")["collections"]]

    assert listed == [*STATIC, "bus-routes", "water-network"]
    page = features_of(staff_client, "water-network")
    assert [f["id"] for f in page["features"]] == [town.secret_pipe.id]
    assert page["features"][0]["properties"] == {"DIAMETER": 300}
    assert (
        "/collections/water-network/items"
        in get_json(staff_client, "/ogc/api", "application/vnd.oai.openapi+json;version=3.0")["paths"]
    )


@pytest.mark.parametrize("who", ["client", "staff_client"])
def test_no_contact_or_author_data_in_any_ogc_output(request, town, who):
    client = request.getfixturevalue(who)
    urls = ["/ogc/", "/ogc/conformance", "/ogc/api", "/ogc/collections"]
    for collection in [*STATIC, "bus-routes"]:
        base = f"/ogc/collections/{collection}"
        urls += [base, f"{base}/queryables", f"{base}/items", f"{base}/items?limit=10000&f=json"]
    urls += [f"/ogc/collections/appeals/items/{appeal.id}" for appeal in town.appeals.values()]
    urls += ["/ogc/collections/appeals/items?filter=text LIKE '%25'"]

    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        body = response.content.decode("utf-8")
        for secret in (*SECRETS, *AUTHOR_SECRETS):
            assert secret not in body, (url, secret)


def test_contact_fields_cannot_be_reached_through_filters(client, town):
    for text in ["contact.email = 'secret.resident@example.org'", "author = 1", "original_text LIKE '%'"]:
        response = client.get("/ogc/collections/appeals/items", {"filter": text})
        assert response.status_code == 400, text
    for param in ["contact__email", "author", "email"]:
        response = client.get("/ogc/collections/appeals/items", {param: "secret.resident@example.org"})
        assert response.status_code == 400, param


def test_hidden_appeals_are_never_served(client, staff_client, town):
    hidden = [
        town.appeals["hidden_new"].id,
        town.appeals["hidden_rejected"].id,
        town.appeals["proposal_new"].id,
    ]
    for c in (client, staff_client):
        served = {f["id"] for name in ("appeals", "proposals") for f in features_of(c, name)["features"]}
        assert not served & set(hidden)
        for appeal_id in hidden:
            assert c.get(f"/ogc/collections/appeals/items/{appeal_id}").status_code == 404
