"""A hand-made quarter for the area analysis tests, drawn in EPSG:32637 metres so that every expected count,
length and area can be worked out on paper, then stored in EPSG:4326 like all our geometry.

Origin O = (419000, 4975000) in UTM 37N, a few hundred metres from the centre of Krymsk. Coordinates below
are metres east / north of O. The zone is the 200 × 200 m box (0..200, 0..200); the municipality the
2 × 2 km box around O. Expected figures are planar UTM metres: the zone sits ~75 km from the central meridian,
where UTM's scale (0.9996…0.99967) keeps them within 0.05 % of the geodesic ones.
"""

from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.gis.geos import LineString, MultiPolygon, Point, Polygon
from django.utils import translation
from rasterio.warp import transform, transform_geom

from appeals.models import Appeal, AppealContact, Category
from appeals.workflow import AppealKind, AppealStatus
from layers.models import AdminArea, Asset, Property
from tension.hexes import cell_of

ORIGIN = (419_000.0, 4_975_000.0)
TINY_RASTER = Path(__file__).resolve().parents[2] / "data" / "rasters" / "tiny_4x4_32637.tif"
# Personal data that must never appear in an analysis (152-ФЗ).
CONTACT = {"name": "Пётр Тайный", "email": "hidden.resident@example.org", "phone": "+7 918 000-11-22"}
NOW = datetime.now(tz=UTC)


def lonlat(x: float, y: float) -> tuple[float, float]:
    """(lon, lat) of the point x m east and y m north of ORIGIN."""
    lons, lats = transform("EPSG:32637", "EPSG:4326", [ORIGIN[0] + x], [ORIGIN[1] + y])
    return lons[0], lats[0]


def box_geojson(west: float, south: float, east: float, north: float) -> dict:
    """A GeoJSON Polygon (EPSG:4326) of a box given in metres from ORIGIN."""
    ring = [(west, south), (east, south), (east, north), (west, north), (west, south)]
    utm = [(ORIGIN[0] + x, ORIGIN[1] + y) for x, y in ring]
    return transform_geom("EPSG:32637", "EPSG:4326", {"type": "Polygon", "coordinates": [utm]})


def box(west: float, south: float, east: float, north: float) -> MultiPolygon:
    polygon = Polygon(box_geojson(west, south, east, north)["coordinates"][0], srid=4326)
    return MultiPolygon(polygon, srid=4326)


def line(*points: tuple[float, float]) -> LineString:
    return LineString([lonlat(x, y) for x, y in points], srid=4326)


def point(x: float, y: float) -> Point:
    return Point(*lonlat(x, y), srid=4326)


ZONE = (0, 0, 200, 200)


@pytest.fixture(autouse=True)
def english(client):
    """Messages are asserted in English (the msgids); the site default is Russian."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def make_user(db):
    def make(username: str, *roles: str):
        user = get_user_model().objects.create_user(username=username)
        for role in roles:
            user.groups.add(Group.objects.get(name=role))
        return user

    return make


def make_appeal(category: Category, at: tuple[float, float], status: str, **dates) -> Appeal:
    lon, lat = lonlat(*at)
    appeal = Appeal.objects.create(
        kind=category.kind,
        category=category,
        status=status,
        text="Текст обращения",
        created_at=NOW - timedelta(days=40),
        h3=cell_of(lon, lat),
        geom=Point(lon, lat, srid=4326),
        **dates,
    )
    AppealContact.objects.create(appeal=appeal, **CONTACT)
    return appeal


@pytest.fixture
def quarter(db, settings, media):
    """The municipality, a district and a ТОС equal to the zone, a responsibility zone, and what lies
    in and around the zone: properties, assets, appeals (see the module docstring for the layout)."""
    settings.GEOPORTAL = {**settings.GEOPORTAL, "MUNICIPALITY_CODE": "krymsk", "ANALYSIS_MAX_AREA_KM2": 10.0}
    town = AdminArea.objects.create(
        kind=AdminArea.Kind.MUNICIPALITY, name="Крымск", code="krymsk", geom=box(-1000, -1000, 1000, 1000)
    )
    district = AdminArea.objects.create(
        kind=AdminArea.Kind.DISTRICT, name="Квартал", code="q", parent=town, population=1234, geom=box(*ZONE)
    )
    tos = AdminArea.objects.create(
        kind=AdminArea.Kind.TOS, name="ТОС «Угол»", parent=town, geom=box(0, 0, 90, 90)
    )
    works = AdminArea.objects.create(
        kind=AdminArea.Kind.RESPONSIBILITY_ZONE, name="Участок", parent=town, geom=box(*ZONE)
    )

    b, parcel = Property.Kind.BUILDING, Property.Kind.PARCEL
    Property.objects.bulk_create([
        # 10 × 20 m, no stored area (computed: 200 m²), 3 storeys → 600 m² of floors.
        Property(kind=b, ownership="municipal", use="residential", levels=3, geom=box(60, 60, 70, 80)),
        # 16 × 10 m across the east edge, centre x = 198 inside: counted whole with its stored 160 m².
        Property(kind=b, ownership="private", use="residential", area_m2=160, geom=box(190, 40, 206, 50)),
        # Across the edge with its centre x = 208 outside: not counted.
        Property(kind=b, ownership="private", use="residential", area_m2=240, geom=box(196, 60, 220, 70)),
        Property(kind=b, ownership="private", use="garage", area_m2=30, geom=box(400, 400, 405, 406)),
        Property(kind=parcel, ownership="municipal", use="park", area_m2=1600, geom=box(100, 100, 140, 140)),
    ])  # fmt: skip

    road, pipe = Asset.Kind.ROAD, Asset.Kind.WATER_PIPE
    Asset.objects.bulk_create([
        Asset(kind=road, attributes={"highway": "residential"}, geom=line((150, 100), (250, 100))),  # 50 m in
        Asset(kind=road, attributes={"highway": "service"}, geom=line((20, 50), (20, 150))),  # 100 m in
        Asset(kind=road, attributes={"highway": "service"}, geom=line((300, 300), (400, 300))),  # outside
        Asset(kind=road, geom=line((-50, 180), (30, 180))),  # no highway tag, 30 m in
        Asset(kind=pipe, condition="poor", geom=line((50, 20), (50, 180))),  # 160 m in
        Asset(kind=Asset.Kind.HEAT_PIPE, condition="fair", geom=line((-50, 120), (250, 120))),  # 200 m in
        Asset(kind=Asset.Kind.STREETLIGHT, condition="good", geom=point(30, 30)),
        Asset(kind=Asset.Kind.BUS_STOP, condition="good", geom=point(-30, 30)),  # outside
        Asset(kind=Asset.Kind.PLAYGROUND, geom=box(190, 190, 210, 210)[0]),  # a polygon across a corner
    ])  # fmt: skip

    potholes = Category.objects.create(code="roads-potholes", name_ru="Ямы", name_en="Potholes")
    lights = Category.objects.create(code="streetlight", name_ru="Освещение", name_en="Street lighting")
    yard = Category.objects.create(
        code="proposal-yard", name_ru="Двор", name_en="Yard", kind=AppealKind.PROPOSAL
    )
    s, day = AppealStatus, timedelta(days=1)
    make_appeal(potholes, (100, 50), s.REGISTERED, due_at=NOW + 10 * day)  # open, not yet due
    make_appeal(potholes, (110, 60), s.IN_PROGRESS, due_at=NOW - 2 * day)  # open and overdue
    make_appeal(lights, (120, 70), s.CLOSED, due_at=NOW - 20 * day, answered_at=NOW - 15 * day)  # late
    make_appeal(lights, (130, 80), s.CLOSED, due_at=NOW - 20 * day, answered_at=NOW - 25 * day)  # on time
    make_appeal(yard, (140, 90), s.PUBLISHED)  # a proposal: no deadline
    make_appeal(potholes, (150, 95), s.NEW, due_at=NOW + 2 * day)  # hidden from the public
    make_appeal(lights, (160, 99), s.REJECTED)  # hidden from the public
    make_appeal(potholes, (300, 50), s.IN_PROGRESS, due_at=NOW - 2 * day)  # outside the zone
    return SimpleNamespace(town=town, district=district, tos=tos, works=works)


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
