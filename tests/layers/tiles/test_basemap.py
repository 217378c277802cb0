"""GET /tiles/basemap/{z}/{x}/{y}.mvt: the basemap from a real OSM slice of Krymsk imported by the osm
importer (tests/data/krymsk_centre.osm.pbf: 370 buildings, 39 roads, the municipal boundary)."""

import pytest
from django.contrib.gis.geos import LineString, Point, Polygon

from geoportal.db import fetch_value
from importers.services import run_import
from layers.models import Asset
from layers.tiles.selectors import BASEMAP_LAYERS
from layers.tiles.tilemath import tile_of
from tests.layers.tiles.conftest import CENTRE, CENTRE_PBF, decode

ROAD_CLASSES = {
    "motorway",
    "trunk",
    "primary",
    "secondary",
    "tertiary",
    "residential",
    "service",
    "track",
    "path",
}
FIELDS = {layer.id: set(layer.fields) for layer in BASEMAP_LAYERS}


@pytest.fixture
def town(db):
    run = run_import(importer="osm", source=CENTRE_PBF, options={"code": "krymsk"})
    assert run.status == "succeeded", run.status


def basemap(client, z: int, lonlat=CENTRE) -> dict:
    x, y = tile_of(*lonlat, z)
    response = client.get(f"/tiles/basemap/{z}/{x}/{y}.mvt")
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/vnd.mapbox-vector-tile"
    return {name: layer["features"] for name, layer in decode(response.content).items()}


def test_town_centre_tile_has_buildings_roads_and_labels(client, town):
    layers = basemap(client, 16)

    assert {"buildings", "roads", "road_labels", "housenumbers"} <= set(layers)
    assert "boundary" not in layers  # the town centre is inside the municipality, far from its edge
    x, y = tile_of(*CENTRE, 16)
    buildings = fetch_value(
        "SELECT count(*) FROM layers_property WHERE kind = 'building'"
        # Intersects, not the bbox test: a building whose box reaches the buffer but whose shape does not
        # is clipped away, rightly.
        " AND ST_Intersects(geom, ST_Transform(ST_TileEnvelope(16, %s, %s, margin => 0.015625), 4326))",
        [x, y],
    )
    assert len(layers["buildings"]) == buildings > 20
    assert {f["properties"]["class"] for f in layers["roads"]} <= ROAD_CLASSES
    names = {f["properties"]["name"] for f in layers["road_labels"]}
    assert "улица Мира" in names and all(
        f["geometry"]["type"].endswith("LineString") for f in layers["road_labels"]
    )
    numbers = [f["properties"]["housenumber"] for f in layers["housenumbers"]]
    assert numbers and all(numbers) and all(f["geometry"]["type"] == "Point" for f in layers["housenumbers"])
    for name, features in layers.items():
        for feature in features:
            assert set(feature["properties"]) <= FIELDS[name], (name, feature["properties"])


def test_detail_comes_with_the_zoom(client, town):
    z12, z13, z15 = basemap(client, 12), basemap(client, 13), basemap(client, 15)

    assert "buildings" not in z12 and "road_labels" not in z12 and "housenumbers" not in z12
    assert "buildings" in z13 and "road_labels" in z13 and "housenumbers" not in z15
    assert not {"service", "track", "path"} & {f["properties"]["class"] for f in z12["roads"]}
    assert z12["place"][0]["properties"] == {"class": "town", "name": "Крымск"}
    assert z12["boundary"][0]["properties"] == {"kind": "municipality", "name": "Крымск"}
    assert z12["boundary"][0]["geometry"]["type"].endswith("LineString")


def test_road_classes_come_from_the_highway_tag(client, db):
    def road(highway: str, east: float) -> Asset:
        return Asset.objects.create(
            kind=Asset.Kind.ROAD,
            name=f"дорога {highway}",
            attributes={"highway": highway, "oneway": "-1" if highway == "primary_link" else "yes"},
            geom=LineString(
                (CENTRE[0] + east, CENTRE[1] - 0.001), (CENTRE[0] + east, CENTRE[1] + 0.001), srid=4326
            ),
        )

    roads = {
        h: road(h, -i * 0.0002) for i, h in enumerate(["primary_link", "unclassified", "footway", "proposed"])
    }

    features = {f["id"]: f["properties"] for f in basemap(client, 16)["roads"]}

    assert features[roads["primary_link"].pk]["class"] == "primary"
    assert features[roads["primary_link"].pk]["oneway"] == -1
    assert features[roads["unclassified"].pk]["class"] == "residential"
    assert features[roads["footway"].pk] == {
        "class": "path",
        "rank": 1,
        "name": "дорога footway",
        "oneway": 1,
    }
    assert roads["proposed"].pk not in features  # not built yet: not on the map


def test_water_and_landuse_are_empty_until_the_data_has_them(client, town):
    before = basemap(client, 15)
    assert "water" not in before and "landuse" not in before and "waterway" not in before

    lon, lat = CENTRE
    pond = Asset.objects.create(
        kind=Asset.Kind.OTHER,
        name="пруд",
        attributes={"natural": "water", "water": "pond"},
        geom=Polygon.from_bbox((lon, lat, lon + 0.0005, lat + 0.0005)),
    )
    park = Asset.objects.create(
        kind=Asset.Kind.PARK,
        name="Парк",
        geom=Polygon.from_bbox((lon - 0.001, lat, lon - 0.0005, lat + 0.0005)),
    )
    river = Asset.objects.create(
        kind=Asset.Kind.OTHER,
        name="Адагум",
        attributes={"waterway": "river"},
        geom=LineString((lon - 0.001, lat - 0.0002), (lon + 0.001, lat - 0.0002), srid=4326),
    )
    Asset.objects.create(kind=Asset.Kind.BENCH, geom=Point(lon, lat, srid=4326))  # not a land use

    after = basemap(client, 15)
    assert [(f["id"], f["properties"]) for f in after["water"]] == [
        (pond.pk, {"class": "pond", "name": "пруд"})
    ]
    assert [(f["id"], f["properties"]) for f in after["landuse"]] == [
        (park.pk, {"class": "park", "name": "Парк"})
    ]
    assert [(f["id"], f["properties"]["class"]) for f in after["waterway"]] == [(river.pk, "river")]


def test_basemap_tile_caching(client, town, settings):
    x, y = tile_of(*CENTRE, 16)
    path = f"/tiles/basemap/16/{x}/{y}.mvt"
    response = client.get(path)

    assert response["Cache-Control"] == "public, max-age=86400"
    assert client.get(path, headers={"If-None-Match": response["ETag"]}).status_code == 304
    empty = client.get("/tiles/basemap/16/0/0.mvt")
    assert empty.status_code == 204 and empty["Cache-Control"] == "public, max-age=86400"
    assert client.get("/tiles/basemap/16/65536/0.mvt").status_code == 400
