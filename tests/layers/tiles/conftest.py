"""Shared set-up for the tile tests: real data on real PostGIS, decoded tiles, English messages.

Coordinates are (lon, lat) in degrees around central Krymsk; tiles are XYZ (y from the top).
"""

import json
from datetime import UTC, datetime
from pathlib import Path

import mapbox_vector_tile
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.gis.geos import GEOSGeometry, Point
from django.utils import translation

from appeals.models import Appeal, AppealContact, Category
from appeals.workflow import AppealKind, AppealStatus
from geoportal.roles import Role
from layers.models import AdminArea
from tension.hexes import cell_of
from tests.appeals.public_support import CONTACT

DATA = Path(__file__).resolve().parents[2] / "data"
BOUNDARY = DATA / "krymsk_boundary.geojson"
CENTRE_PBF = DATA / "krymsk_centre.osm.pbf"
CENTRE = (37.985, 44.925)  # (lon, lat): the middle of tests/data/krymsk_centre.osm.pbf
ORIGIN = "http://testserver"
# Personal data that no tile may carry (152-ФЗ).
SECRETS = ["secret.resident@example.org", "+7 918 555-12-34", "Иван Секретов", "исходный текст"]


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English (the msgids); the site default is Russian."""
    with translation.override("en"):
        yield


def decode(content: bytes) -> dict:
    """The layers of an MVT tile: name → {"features": [...], "extent": ...}, y pointing down as in MVT."""
    return mapbox_vector_tile.decode(content, default_options={"y_coord_down": True})


def tile_layer(response, name: str) -> list[dict]:
    assert response.status_code == 200, (response.status_code, response.content[:200])
    layers = decode(response.content)
    assert name in layers, sorted(layers)
    return layers[name]["features"]


def krymsk_boundary():
    feature = json.loads(BOUNDARY.read_text(encoding="utf-8"))["features"][0]
    return GEOSGeometry(json.dumps(feature["geometry"]), srid=4326)


@pytest.fixture
def municipality(db) -> AdminArea:
    return AdminArea.objects.create(
        kind=AdminArea.Kind.MUNICIPALITY,
        name="Крымск",
        code="krymsk",
        population=57_000,
        geom=krymsk_boundary(),
    )


@pytest.fixture
def category(db) -> Category:
    return Category.objects.create(code="roads-pothole", name_ru="Ямы на дороге", name_en="Potholes")


def make_appeal(category: Category, lonlat: tuple[float, float], **fields) -> Appeal:
    fields = {
        "kind": AppealKind.ISSUE,
        "status": AppealStatus.REGISTERED,
        "text": "Яма у дома",
        "address": "улица Ленина, 12",
        "created_at": datetime(2026, 5, 1, 21, 30, tzinfo=UTC),  # 2 May, 00:30 in Moscow
        **fields,
    }
    appeal = Appeal.objects.create(
        category=category, h3=cell_of(*lonlat), geom=Point(*lonlat, srid=4326), **fields
    )
    AppealContact.objects.create(appeal=appeal, **CONTACT, original_text="исходный текст")
    return appeal


@pytest.fixture
def planner(db):
    user = get_user_model().objects.create_user(username="planner", password="x")
    user.groups.add(Group.objects.get_or_create(name=Role.PLANNER)[0])
    return user


@pytest.fixture
def resident(db):
    user = get_user_model().objects.create_user(username="resident", password="x")
    user.groups.add(Group.objects.get_or_create(name=Role.RESIDENT)[0])
    return user
