"""Search and geocoding on real data: tests/data/krymsk_centre.osm.pbf (central Krymsk, OSM via NextGIS,
ODbL) through the real `import osm`, then the gazetteer rebuild. Imported once for the module and rolled
back afterwards.

Coordinates below were read from the same extract (ST_PointOnSurface of the buildings, a point of the
courtyard of the multipolygon «улица Луначарского, 303»); the reverse answers are checked against a
brute-force reference query written beside them.
"""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction

from geoportal.db import fetch_dicts, fetch_value
from layers.models import GazetteerEntry, Property
from layers.search.services import gazetteer_rebuild

pytestmark = pytest.mark.django_db

CENTRE_PBF = Path(__file__).resolve().parents[2] / "data" / "krymsk_centre.osm.pbf"
LUNACHARSKOGO_303_COURTYARD = (37.98185737, 44.92671645)  # inside the inner ring, not the building
ON_PEREYASLAVSKAYA = (37.98483324, 44.92344002)  # the middle of a Переяславская улица way

# The nearest addressed building by geodesic distance, over every address: what KNN must agree with.
REFERENCE_NEAREST = """
SELECT p.id, p.address, ST_Distance(p.geom::geography, ST_SetSRID(ST_MakePoint(%s, %s), 4326)::geography) AS d
FROM layers_property p
JOIN layers_gazetteerentry g ON g.kind = 'address' AND g.ref_type = 'property' AND g.ref_id = p.id
ORDER BY d, p.id LIMIT 1
"""


@pytest.fixture(scope="module", autouse=True)
def krymsk_centre(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("import", "osm", str(CENTRE_PBF), stdout=StringIO(), stderr=StringIO())
        counts = gazetteer_rebuild()
        yield counts
        transaction.set_rollback(True)


def first(client, query: str) -> dict:
    response = client.get("/api/v1/search", {"q": query})
    assert response.status_code == 200, response.content
    return response.json()["results"][0]


def test_the_gazetteer_holds_the_slice(krymsk_centre):
    addressed = Property.objects.exclude(street="").exclude(housenumber="").count()

    assert krymsk_centre["address"] == addressed > 250
    assert krymsk_centre["street"] >= 16  # every addr:street of the slice, plus named roads
    assert GazetteerEntry.objects.filter(kind="street", name="Переяславская улица").count() == 1


@pytest.mark.parametrize("query", ["ленина 122а", "Ленина, д.122А", "ул. Ленина, дом 122 а", "ленена 122а"])
def test_real_address_in_every_spelling(client, query):
    hit = first(client, query)

    assert (hit["kind"], hit["label"]) == ("address", "улица Ленина, 122А")
    assert hit["ref"]["id"] == Property.objects.get(address="улица Ленина, 122А").id


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ("луначарскава 303", "улица Луначарского, 303"),
        ("Одагумская", "Адагумская улица"),
        ("пиреяславская", "Переяславская улица"),
        ("совецкая 248б", "Советская улица, 248Б"),
    ],
)
def test_typos_in_real_street_names(client, query, label):
    assert first(client, query)["label"] == label


def test_a_street_from_roads_points_at_its_longest_road(client):
    hit = first(client, "Переяславская улица")

    assert hit["kind"] == "street"
    assert hit["ref"]["type"] == "asset"
    longest = fetch_value(
        "SELECT id FROM layers_asset WHERE kind = 'road' AND name = 'Переяславская улица'"
        " ORDER BY ST_Length(geom::geography) DESC, id LIMIT 1"
    )
    assert hit["ref"]["id"] == longest
    on_road = fetch_value(
        "SELECT bool_or(ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint(%s, %s), 4326)::geography, 0.01))"
        " FROM layers_asset WHERE name = 'Переяславская улица'",
        [hit["lon"], hit["lat"]],
    )
    assert on_road


def test_geocode_puts_the_point_inside_the_building(client):
    response = client.get("/api/v1/geocode", {"q": "Советская 248Б"})

    [feature] = json.loads(response.content)["features"]
    lon, lat = feature["geometry"]["coordinates"]
    inside = fetch_value(
        "SELECT ST_Contains(geom, ST_SetSRID(ST_MakePoint(%s, %s), 4326)) FROM layers_property"
        " WHERE address = 'Советская улица, 248Б'",
        [lon, lat],
    )
    assert inside
    assert feature["properties"]["label"] == "Советская улица, 248Б"


def reverse(client, lon: float, lat: float) -> dict:
    response = client.get("/api/v1/reverse", {"lon": lon, "lat": lat})
    assert response.status_code == 200, response.content
    [feature] = json.loads(response.content)["features"]
    return feature["properties"]


def test_reverse_at_the_point_geocode_gave_is_the_same_building(client):
    geocoded = json.loads(client.get("/api/v1/geocode", {"q": "ленина 122а"}).content)["features"][0]

    found = reverse(client, *geocoded["geometry"]["coordinates"])

    assert found["label"] == "улица Ленина, 122А"
    assert found["distance_m"] == 0
    assert found["street"] == "улица Ленина"
    assert found["housenumber"] == "122А"
    assert found["district"] is None  # the slice has no districts


@pytest.mark.parametrize("point", [LUNACHARSKOGO_303_COURTYARD, ON_PEREYASLAVSKAYA])
def test_reverse_outside_buildings_agrees_with_the_brute_force_reference(client, point):
    [expected] = fetch_dicts(REFERENCE_NEAREST, list(point))

    found = reverse(client, *point)

    assert 0 < expected["d"] < 100
    assert found["ref"]["id"] == expected["id"]
    assert found["label"] == expected["address"]
    assert found["distance_m"] == pytest.approx(expected["d"], abs=0.05)


def test_the_courtyard_belongs_to_its_own_building(client):
    assert reverse(client, *LUNACHARSKOGO_303_COURTYARD)["label"] == "улица Луначарского, 303"


def test_reverse_outside_the_town_is_404(client):
    response = client.get("/api/v1/reverse", {"lon": 37.95, "lat": 44.925})  # 2.8 km west of the slice

    assert response.status_code == 404
