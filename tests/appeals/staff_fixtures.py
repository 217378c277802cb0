"""Shared data of the staff-workflow tests: real Krymsk geometry, departments with zones, staff users.

The municipality is the real boundary (tests/data/krymsk_boundary.geojson); its north and south halves
(split at lat 44.925) are districts and responsibility zones; roads are the 50 real polylines of
tests/data/krymsk_roads_50.shp.zip. Import the fixtures by name into a test module.
"""

import json
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.gis.gdal import DataSource
from django.contrib.gis.geos import GEOSGeometry, MultiPolygon, Point, Polygon
from rest_framework.test import APIClient

from appeals.models import Appeal, AppealContact, Category, Department
from appeals.workflow import AppealKind, AppealStatus
from geoportal.roles import Role
from layers.models import AdminArea, Asset
from tension.hexes import cell_of

DATA = Path(__file__).resolve().parent.parent / "data"
SPLIT_LAT = 44.925
LENINA = (37.987712, 44.930034)  # (lon, lat), north half, central Krymsk
STATION = (38.010451, 44.915209)  # south half, near the railway station
RESIDENT_EMAIL = "secret.resident@example.org"
RESIDENT_PHONE = "+7 918 555-12-34"
RESIDENT_NAME = "Иван Секретов"


def krymsk_boundary() -> MultiPolygon:
    feature = json.loads((DATA / "krymsk_boundary.geojson").read_text(encoding="utf-8"))["features"][0]
    return GEOSGeometry(json.dumps(feature["geometry"]), srid=4326)


def _half(boundary: MultiPolygon, *, north: bool) -> MultiPolygon:
    west, south, east, top = boundary.extent
    box = Polygon.from_bbox(
        (west - 1, SPLIT_LAT, east + 1, top + 1) if north else (west - 1, south - 1, east + 1, SPLIT_LAT)
    )
    box.srid = 4326
    part = boundary.intersection(box)
    return part if isinstance(part, MultiPolygon) else MultiPolygon(part, srid=4326)


def offset(lonlat: tuple[float, float], *, north_m: float = 0.0, east_m: float = 0.0) -> tuple[float, float]:
    """A point `north_m` / `east_m` metres from (lon, lat) — a local approximation, good to ~0.5 % here."""
    import math

    lon, lat = lonlat
    return lon + east_m / (111_320.0 * math.cos(math.radians(lat))), lat + north_m / 110_574.0


def make_appeal(category, *, lonlat=LENINA, status=AppealStatus.REGISTERED, contact=True, **extra) -> Appeal:
    values = {
        "kind": category.kind,
        "category": category,
        "status": status,
        "text": "Не горит фонарь у дома 12",
        "address": "улица Ленина, 12",
        "created_at": datetime(2026, 5, 4, 7, 30, tzinfo=UTC),
        "h3": cell_of(*lonlat),
        "geom": Point(*lonlat, srid=4326),
    } | extra
    appeal = Appeal.objects.create(**values)
    if contact:
        AppealContact.objects.create(
            appeal=appeal, name=RESIDENT_NAME, email=RESIDENT_EMAIL, phone=RESIDENT_PHONE
        )
    return appeal


@pytest.fixture
def town(db):
    """Municipality, two districts, departments with zones, categories, the 50 real roads."""
    boundary = krymsk_boundary()
    municipality = AdminArea.objects.create(
        kind=AdminArea.Kind.MUNICIPALITY, name="Крымск", code="krymsk", geom=boundary
    )
    north = AdminArea.objects.create(
        kind=AdminArea.Kind.DISTRICT, name="Север", code="north", geom=_half(boundary, north=True)
    )
    south = AdminArea.objects.create(
        kind=AdminArea.Kind.DISTRICT, name="Юг", code="south", geom=_half(boundary, north=False)
    )
    zone_north = AdminArea.objects.create(
        kind=AdminArea.Kind.RESPONSIBILITY_ZONE, name="Участок «Север»", code="zone-north", geom=north.geom
    )
    roads = Department.objects.create(code="roads", name="Дорожное хозяйство", email="roads@example.org")
    roads.zones.add(municipality)
    contractor = Department.objects.create(code="contractor", name="Подрядчик по дорогам")
    improvement = Department.objects.create(code="improvement", name="Благоустройство")  # no zones
    greenery_north = Department.objects.create(code="greenery-north", name="Озеленение «Север»")
    greenery_north.zones.add(zone_north)
    energy = Department.objects.create(code="energy", name="Энергетика", email="energy@example.org")
    energy.zones.add(municipality)

    def category(code, department, **extra):
        return Category.objects.create(
            code=code, name_ru=code, name_en=code, default_department=department, **extra
        )

    cats = SimpleNamespace(
        potholes=category("roads-potholes", roads, asset_kinds=["road"], answer_working_days=8),
        improvement=category("improvement", improvement),
        streetlight=category("streetlight", energy, asset_kinds=["streetlight"]),
        proposal=category("proposal-yard", improvement, kind=AppealKind.PROPOSAL),
    )
    cats.greenery = category("improvement-greenery", greenery_north, parent=cats.improvement)
    cats.orphan = category("orphan", None)
    layer = DataSource(f"/vsizip/{DATA / 'krymsk_roads_50.shp.zip'}/roads.shp")[0]
    for i, feature in enumerate(layer):
        Asset.objects.create(
            kind=Asset.Kind.ROAD,
            name=feature.get("NAME") or "",
            department=contractor,
            source="test",
            source_id=str(i),
            geom=GEOSGeometry(feature.geom.wkt, srid=4326),
        )
    return SimpleNamespace(
        municipality=municipality,
        north=north,
        south=south,
        zone_north=zone_north,
        roads=roads,
        contractor=contractor,
        improvement=improvement,
        greenery_north=greenery_north,
        energy=energy,
        cat=cats,
    )


def _user(username: str, *roles: str, email: str = "", **extra):
    user = get_user_model().objects.create_user(username=username, email=email, password=None, **extra)
    for role in roles:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def people(town):
    """One user per role; `operator` is a member of roads, `other_operator` of improvement."""
    operator = _user("op.roads", Role.OPERATOR, email="op.roads@example.org")
    town.roads.members.add(operator)
    colleague = _user("op.roads.2", Role.OPERATOR, email="op2.roads@example.org")
    town.roads.members.add(colleague)
    other = _user("op.improvement", Role.OPERATOR, email="op.improvement@example.org")
    town.improvement.members.add(other)
    return SimpleNamespace(
        anonymous=None,
        resident=_user("resident", Role.RESIDENT, email="someone@example.org"),
        moderator=_user("moderator", Role.MODERATOR, email="moderator@example.org"),
        operator=operator,
        colleague=colleague,
        other_operator=other,
        planner=_user("planner", Role.PLANNER),
        admin=_user("admin", Role.ADMIN),
        superuser=_user("root", is_superuser=True, is_staff=True),
    )


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client
