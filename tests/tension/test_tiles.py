"""Tension tiles: hexagons of the zoom's resolution with the same index as the hexes API."""

import h3
import mapbox_vector_tile
import pytest

from tension.tiles import tension_res
from tests.appeals.public_support import LENINA, town  # noqa: F401
from tests.appeals.test_privacy_scan import tile_of
from tests.tension.test_index import WINDOW, A, B, example  # noqa: F401


def decode(response) -> list[dict]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/vnd.mapbox-vector-tile"
    return mapbox_vector_tile.decode(response.content)["tension"]["features"]


def test_zoom_to_resolution():
    assert [tension_res(z) for z in (0, 9, 10, 11, 12, 13, 14, 16, 22)] == [7, 7, 8, 8, 9, 9, 9, 9, 9]


@pytest.mark.parametrize("z", [5, 10, 12, 15])
def test_tile_carries_the_hexagons_of_its_resolution(client, example, z):  # noqa: F811
    x, y = tile_of(*LENINA, z)
    features = decode(client.get(f"/tiles/tension/{z}/{x}/{y}.mvt?{WINDOW}"))
    cells = {f["properties"]["h3"]: f["properties"] for f in features}
    res = tension_res(z)
    mine = h3.cell_to_parent(A, res) if res < 9 else A
    assert mine in cells and cells[mine]["res"] == res
    hexes = client.get(f"/api/v1/tension/hexes?res={res}&{WINDOW}").json()["features"]
    expected = {f["properties"]["h3"]: f["properties"]["index"] for f in hexes}
    assert cells[mine]["index"] == expected[mine]
    assert all(f["geometry"]["type"] == "Polygon" for f in features)


def test_empty_and_bad_tiles(client, example):  # noqa: F811
    assert client.get(f"/tiles/tension/10/0/0.mvt?{WINDOW}").status_code == 204
    bad = client.get("/tiles/tension/10/5000/0.mvt")
    assert bad.status_code == 400 and bad.json()["field"] == "x"
    assert client.get("/tiles/tension/10/0/0.mvt?res=3&from=zzz").json()["field"] == "from"


@pytest.mark.parametrize("z", [0, 1])
def test_world_tiles_keep_every_hexagon(client, example, z):  # noqa: F811
    x, y = tile_of(*LENINA, z)
    cells = {f["properties"]["h3"] for f in decode(client.get(f"/tiles/tension/{z}/{x}/{y}.mvt?{WINDOW}"))}
    assert cells == {h3.cell_to_parent(A, 7), h3.cell_to_parent(B, 7)}  # smaller than a unit: drawn as points
