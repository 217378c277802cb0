"""Tension on the demo town: the SQL H3 path agrees with h3-py, and the hottest hexagons are the clusters."""

import json

import h3
import pytest

from demo.clusters import CLUSTERS
from geoportal.db import fetch_rows
from tests.demo.conftest import NOW

pytestmark = pytest.mark.django_db


def test_sql_parents_agree_with_h3_py_on_every_cell_of_the_town(demo_town):
    rows = fetch_rows(
        "SELECT h3, h3_parent(h3, 7), h3_parent(h3, 8), h3_parent(h3, 9), h3_parent(h3, 10)"
        " FROM appeals_appeal"
    )
    assert len(rows) >= 700
    for h, *parents in rows:
        cell = h3.int_to_str(h)
        assert parents == [h3.str_to_int(h3.cell_to_parent(cell, res)) for res in (7, 8, 9, 10)]
    registered = {c for (c,) in fetch_rows("SELECT h3 FROM tension_tensioncell WHERE res BETWEEN 7 AND 10")}
    assert {p for _, *parents in rows for p in parents} <= registered


def test_hottest_hexagons_are_the_planted_clusters(client, demo_town):
    response = client.get(f"/api/v1/tension/hexes?res=9&to={NOW.date().isoformat()}")
    features = json.loads(response.content)["features"]
    # A street cluster spans several res-9 hexagons: the top two per cluster must all be cluster hexagons.
    hottest = sorted(features, key=lambda f: -f["properties"]["t"])[: 2 * len(CLUSTERS)]
    found = set()
    for feature in hottest:
        lat, lng = h3.cell_to_latlng(feature["properties"]["h3"])
        near = [
            c.code for c in CLUSTERS
            if h3.great_circle_distance((lat, lng), (c.lat, c.lon), "m") <= c.radius_m + 200
        ]  # fmt: skip
        assert near, f"hexagon {feature['properties']['h3']} is among the hottest but near no planted cluster"
        found.update(near)
    assert found == {c.code for c in CLUSTERS}
    assert all(f["properties"]["index"] > 75 for f in hottest)
