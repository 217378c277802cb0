"""A small town for the /ogc tests: every collection, hidden rows, contact data, a clockwise polygon.

The municipality is the real Krymsk boundary (tests/data/krymsk_boundary.geojson, OSM, extract by NextGIS);
the rest is placed by hand at real Krymsk coordinates (lon, lat).
"""

import json
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.gis.geos import GEOSGeometry, LineString, MultiPolygon, Point, Polygon
from django.db import transaction
from django.test import Client

from appeals.models import Appeal, AppealContact, Category
from appeals.workflow import AppealKind, AppealStatus
from geoportal.roles import Role
from layers.models import Access, AdminArea, Asset, Feature, Layer, Property
from tension.hexes import cell_of
from tests.appeals.public_support import CONTACT

BOUNDARY = Path(__file__).resolve().parents[2] / "data" / "krymsk_boundary.geojson"
LENINA = (37.987712, 44.930034)  # (lon, lat), Krymsk, Lenina street
STATION = (38.010451, 44.915209)
OUTSKIRTS = (37.951234, 44.951234)
# Personal data that no /ogc output may carry (152-ФЗ).
SECRETS = ("secret.resident@example.org", "+7 918 555-12-34", "Иван Секретов", "исходный текст с телефоном")
AUTHOR_SECRETS = ("ivan.author", "author@example.org")
# Exterior ring clockwise (west→north→east→south), as some shapefiles write it: must come out CCW.
CW_RING = ((37.990, 44.930), (37.990, 44.931), (37.991, 44.931), (37.991, 44.930), (37.990, 44.930))
HOLE_CCW = (
    (37.9903, 44.9303),
    (37.9907, 44.9303),
    (37.9907, 44.9307),
    (37.9903, 44.9307),
    (37.9903, 44.9303),
)
ROUTES = [("улица Ленина", 2, True), ("Кирова", 1, False), ("Мира", 4, True)]  # NAME, LANES, LIT of a layer


def krymsk_boundary() -> MultiPolygon:
    feature = json.loads(BOUNDARY.read_text(encoding="utf-8"))["features"][0]
    return GEOSGeometry(json.dumps(feature["geometry"]), srid=4326)


def box(west: float, south: float, east: float, north: float) -> MultiPolygon:
    return MultiPolygon(Polygon.from_bbox((west, south, east, north)), srid=4326)


def make_appeal(category, *, lonlat, status, day, kind=AppealKind.ISSUE, author=None, contact=True, **extra):
    appeal = Appeal.objects.create(
        kind=kind,
        category=category,
        status=status,
        text=extra.pop("text", "Не горит фонарь"),
        author=author,
        created_at=datetime(2025, 5, day, 7, 30, tzinfo=UTC),
        h3=cell_of(*lonlat),
        geom=Point(*lonlat, srid=4326),
        **extra,
    )
    if contact:
        AppealContact.objects.create(appeal=appeal, **CONTACT, original_text="исходный текст с телефоном")
    return appeal


def build_town() -> SimpleNamespace:
    """Creates the town; returns its rows by name. Public appeals: 6 issues, 1 proposal."""
    municipality = AdminArea.objects.create(
        kind=AdminArea.Kind.MUNICIPALITY, name="Крымск", code="krymsk", geom=krymsk_boundary()
    )
    centre = AdminArea.objects.create(
        kind=AdminArea.Kind.DISTRICT, name="Центральный", code="d1", parent=municipality,
        geom=box(37.97, 44.92, 38.00, 44.94),
    )  # fmt: skip
    AdminArea.objects.create(
        kind=AdminArea.Kind.TOS, name="ТОС «Ленина»", parent=centre, geom=box(37.98, 44.925, 37.99, 44.93)
    )
    AdminArea.objects.create(
        kind=AdminArea.Kind.RESPONSIBILITY_ZONE, name="Зона ЖКХ", geom=box(37.9, 44.9, 38.1, 45.0)
    )
    roads = Category.objects.create(code="roads", name_ru="Дороги и тротуары", name_en="Roads")
    light = Category.objects.create(code="light", name_ru="Уличное освещение", name_en="Street lighting")
    parks = Category.objects.create(
        code="parks", name_ru="Благоустройство", name_en="Parks", kind=AppealKind.PROPOSAL
    )
    author = get_user_model().objects.create_user("ivan.author", email="author@example.org")
    s = AppealStatus
    appeals = {
        "lenina": make_appeal(roads, lonlat=LENINA, status=s.REGISTERED, day=1, author=author,
                              address="ул. Ленина, 1", supports_count=3, area=centre),
        "lenina_light": make_appeal(light, lonlat=LENINA, status=s.IN_PROGRESS, day=2),
        "station": make_appeal(roads, lonlat=STATION, status=s.REGISTERED, day=3, supports_count=7,
                               due_at=datetime(2025, 6, 2, tzinfo=UTC)),
        "station_closed": make_appeal(roads, lonlat=STATION, status=s.CLOSED, day=10,
                                      due_at=datetime(2025, 5, 9, tzinfo=UTC)),
        "outskirts": make_appeal(light, lonlat=OUTSKIRTS, status=s.ANSWERED, day=20, contact=False),
        "outskirts_late": make_appeal(roads, lonlat=OUTSKIRTS, status=s.REOPENED, day=31,
                                      text="Яма 50% дороги"),
        "hidden_new": make_appeal(roads, lonlat=LENINA, status=s.NEW, day=4),
        "hidden_rejected": make_appeal(roads, lonlat=STATION, status=s.REJECTED, day=5),
        "proposal": make_appeal(parks, lonlat=LENINA, status=s.PUBLISHED, day=6, kind=AppealKind.PROPOSAL),
        "proposal_new": make_appeal(parks, lonlat=STATION, status=s.NEW, day=7, kind=AppealKind.PROPOSAL),
    }  # fmt: skip
    building = Property.objects.create(
        kind=Property.Kind.BUILDING, address="ул. Ленина, 5", levels=2, area_m2=88.5,
        geom=MultiPolygon(Polygon(CW_RING, HOLE_CCW), srid=4326),
    )  # fmt: skip
    parcel = Property.objects.create(
        kind=Property.Kind.PARCEL,
        cadastral_number="23:15:0101001:17",
        geom=box(38.000, 44.920, 38.002, 44.921),
    )
    assets = {
        "road": Asset.objects.create(
            kind=Asset.Kind.ROAD, name="улица Ленина", geom=LineString(LENINA, STATION, srid=4326)
        ),
        "light": Asset.objects.create(kind=Asset.Kind.STREETLIGHT, geom=Point(*LENINA, srid=4326)),
        "park": Asset.objects.create(kind=Asset.Kind.PARK, name="Парк", geom=Polygon(CW_RING, srid=4326)),
    }
    public_layer = Layer.objects.create(slug="bus-routes", title="Маршруты автобусов", access=Access.PUBLIC)
    internal_layer = Layer.objects.create(slug="water-network", title="Водопровод", access=Access.INTERNAL)
    features = [
        Feature.objects.create(
            layer=public_layer, source_id=str(n), properties={"NAME": name, "LANES": lanes, "LIT": lit},
            geom=LineString((37.98 + n / 1000, 44.93), (37.99 + n / 1000, 44.931), srid=4326),
        )
        for n, (name, lanes, lit) in enumerate(ROUTES)
    ]  # fmt: skip
    secret_pipe = Feature.objects.create(
        layer=internal_layer, properties={"DIAMETER": 300}, geom=LineString(LENINA, OUTSKIRTS, srid=4326)
    )
    return SimpleNamespace(
        appeals=appeals, building=building, parcel=parcel, assets=assets, public_layer=public_layer,
        internal_layer=internal_layer, features=features, secret_pipe=secret_pipe, author=author,
    )  # fmt: skip


@pytest.fixture
def client() -> Client:
    """The test client asking for English, so reasons can be checked against their msgids."""
    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture(scope="module")
def _town_rows(django_db_setup, django_db_blocker):
    """The town, built once per module inside a transaction that is rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_town()
        transaction.set_rollback(True)


@pytest.fixture
def town(_town_rows, db) -> SimpleNamespace:
    """The town; each test runs in a savepoint inside the module's transaction."""
    return _town_rows


def signed_in_client(username: str, role: str) -> Client:
    user = get_user_model().objects.create_user(username)
    user.groups.add(Group.objects.get(name=role))
    signed_in = Client(HTTP_ACCEPT_LANGUAGE="en")
    signed_in.force_login(user)
    return signed_in


@pytest.fixture
def staff_client(db) -> Client:
    """A moderator's own client (not the anonymous `client`): may see internal layers."""
    return signed_in_client("moderator.anna", Role.MODERATOR)


@pytest.fixture
def resident_client(db) -> Client:
    """A resident's own client: no staff role, sees what anonymous users see."""
    return signed_in_client("resident.oleg", Role.RESIDENT)
