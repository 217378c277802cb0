"""OGC API – Tiles for the collections: tile matrix sets, tilesets list, tileset metadata and the tiles
at /ogc/collections/{id}/tiles/WebMercatorQuad/{tileMatrix}/{tileRow}/{tileCol} (row = y, col = x)."""

import pytest

from layers.models import Access, Layer
from layers.tiles.tilemath import tile_of
from tests.layers.tiles.conftest import CENTRE, ORIGIN, make_appeal

TMS_URI = "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad"


def test_tile_matrix_sets(client, db):
    doc = client.get("/ogc/tileMatrixSets").json()

    assert [t["id"] for t in doc["tileMatrixSets"]] == ["WebMercatorQuad"]
    href = doc["tileMatrixSets"][0]["links"][0]["href"]
    assert href == f"{ORIGIN}/ogc/tileMatrixSets/WebMercatorQuad"
    tms = client.get("/ogc/tileMatrixSets/WebMercatorQuad").json()
    assert tms["uri"] == TMS_URI and tms["tileMatrices"][0]["matrixWidth"] == 1
    assert client.get("/ogc/tileMatrixSets/WorldCRS84Quad").status_code == 404


def test_collection_tilesets_list(client, db):
    doc = client.get("/ogc/collections/appeals/tiles").json()

    [tileset] = doc["tilesets"]
    assert (tileset["dataType"], tileset["tileMatrixSetURI"]) == ("vector", TMS_URI)
    assert tileset["crs"] == "http://www.opengis.net/def/crs/EPSG/0/3857"
    rels = {link["rel"]: link["href"] for link in tileset["links"]}
    assert rels["self"] == f"{ORIGIN}/ogc/collections/appeals/tiles/WebMercatorQuad"


def test_collection_tileset_metadata(client, category):
    make_appeal(category, CENTRE)

    doc = client.get("/ogc/collections/appeals/tiles/WebMercatorQuad").json()

    assert doc["dataType"] == "vector" and doc["tileMatrixSetURI"] == TMS_URI
    links = {link["rel"]: link for link in doc["links"]}
    item = links["item"]
    assert item["type"] == "application/vnd.mapbox-vector-tile" and item["templated"] is True
    assert (
        item["href"]
        == f"{ORIGIN}/ogc/collections/appeals/tiles/WebMercatorQuad/{{tileMatrix}}/{{tileRow}}/{{tileCol}}"
    )
    assert links["http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme"]["href"].endswith(
        "/ogc/tileMatrixSets/WebMercatorQuad"
    )
    limits = {limit["tileMatrix"]: limit for limit in doc["tileMatrixSetLimits"]}
    assert sorted(limits, key=int) == [str(z) for z in range(0, 17)]  # hexagons below z14
    x, y = tile_of(*CENTRE, 14)
    assert (limits["14"]["minTileCol"], limits["14"]["minTileRow"]) == (x, y)
    [layer] = doc["layers"]
    assert layer["id"] == "appeals" and layer["geometryDimension"] == 0
    assert layer["propertiesSchema"]["properties"]["supports_count"] == {"type": "number"}


def test_ogc_tile_is_the_xyz_tile_with_row_and_column_swapped_in_the_path(client, category):
    make_appeal(category, CENTRE)
    x, y = tile_of(*CENTRE, 14)

    ogc = client.get(f"/ogc/collections/appeals/tiles/WebMercatorQuad/14/{y}/{x}")
    xyz = client.get(f"/tiles/appeals/14/{x}/{y}.mvt")

    assert ogc.status_code == 200 and ogc["Content-Type"] == "application/vnd.mapbox-vector-tile"
    assert ogc.content == xyz.content and ogc["ETag"] == xyz["ETag"]
    assert client.get(f"/ogc/collections/appeals/tiles/WebMercatorQuad/14/{x}/{y}").status_code == 204


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/ogc/collections/appeals/tiles/WebMercatorQuad/30/0/0", 400),
        ("/ogc/collections/appeals/tiles/WebMercatorQuad/2/4/0", 400),
        ("/ogc/collections/appeals/tiles/WorldCRS84Quad/2/0/0", 404),
        ("/ogc/collections/nothing/tiles", 404),
    ],
)
def test_bad_ogc_tile_requests(client, db, path, status):
    assert client.get(path).status_code == status


def test_internal_layer_tilesets_are_hidden_from_anonymous_users(client, planner):
    Layer.objects.create(slug="water-pipes", title="Водопровод", access=Access.INTERNAL)

    assert client.get("/ogc/collections/water-pipes/tiles").status_code == 404
    client.force_login(planner)
    assert client.get("/ogc/collections/water-pipes/tiles").status_code == 200
