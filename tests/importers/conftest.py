"""Shared set-up for the importer tests: fixture paths, English messages, a private rejects folder."""

from pathlib import Path

import pytest
from django.utils import translation

DATA = Path(__file__).resolve().parent.parent / "data"
CENTRE_PBF = DATA / "krymsk_centre.osm.pbf"
BUILDINGS = DATA / "krymsk_buildings_50.geojson"
ROADS = DATA / "krymsk_roads_50.shp.zip"


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English (the msgids); the site default is Russian."""
    with translation.override("en"):
        yield
