"""Gi* on the demo town finds the three planted clusters (demo/clusters.py) as emerging hotspots."""

from datetime import timedelta

import h3.api.basic_int as h3
import pytest

from demo.clusters import CLUSTERS
from tension.gistar import HotspotClass
from tension.hotspots import hotspot_map
from tension.scoring import Window
from tension.selectors import Filters
from tests.demo.conftest import NOW

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("cluster", CLUSTERS, ids=[c.code for c in CLUSTERS])
def test_each_planted_cluster_is_an_emerging_hotspot_at_res_9(demo_town, cluster):
    end = NOW.date()
    hmap = hotspot_map(9, Filters(window=Window(end - timedelta(days=89), end)))

    centre = hmap.cells[h3.latlng_to_cell(cluster.lat, cluster.lon, 9)]

    assert centre.hotspot.cls is HotspotClass.HOT and centre.hotspot.p < 0.05
    assert centre.trend.cls == "rising" and centre.emerging
