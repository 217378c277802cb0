"""Shared pieces of the public appeals API tests: a small real town, appeals, images made at test time.

The municipality is the real Krymsk boundary (tests/data/krymsk_boundary.geojson); the one building is the
first feature of tests/data/krymsk_buildings_50.geojson (Полковая улица, 42); districts are boxes.
Import the fixtures into a test module: `from tests.appeals.public_support import town  # noqa: F401`.
"""

import json
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.gis.geos import GEOSGeometry, MultiPolygon, Point, Polygon
from django.db import connection
from PIL import Image

from appeals.models import Appeal, AppealContact, AppealEvent, AppealPhoto, Category, Department, Support
from appeals.workflow import AppealKind, AppealStatus
from layers.models import AdminArea, Property
from tension.hexes import cell_of

DATA = Path(__file__).resolve().parent.parent / "data"
LENINA = (37.987712, 44.930034)  # (lon, lat), Krymsk, Lenina street
STATION = (38.010451, 44.915209)
NOVOROSSIYSK = (37.768, 44.723)  # outside the town
# Personal data that no public output may carry (152-ФЗ).
CONTACT = {"name": "Иван Секретов", "email": "secret.resident@example.org", "phone": "+7 918 555-12-34"}
NO_LIMITS = {"appeal_create_ip": "0", "appeal_create_user": "0", "support_email_ip": "0"}


def krymsk_boundary() -> MultiPolygon:
    feature = json.loads((DATA / "krymsk_boundary.geojson").read_text(encoding="utf-8"))["features"][0]
    return GEOSGeometry(json.dumps(feature["geometry"]), srid=4326)


def first_building() -> tuple[MultiPolygon, str]:
    feature = json.loads((DATA / "krymsk_buildings_50.geojson").read_text(encoding="utf-8"))["features"][0]
    geom = GEOSGeometry(json.dumps(feature["geometry"]), srid=4326)
    props = feature["properties"]
    return MultiPolygon(geom, srid=4326), f"{props['A_STRT']}, {props['A_HSNMBR']}"


def box(west: float, south: float, east: float, north: float) -> MultiPolygon:
    return MultiPolygon(Polygon.from_bbox((west, south, east, north)), srid=4326)


@pytest.fixture
def town(db, settings, tmp_path):
    """Municipality, two districts, one addressed building, a department, categories; photos under
    tmp_path; rate limits off (test_ratelimit switches them on)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GEOPORTAL = {**settings.GEOPORTAL, "MUNICIPALITY_CODE": "krymsk", "RATE_LIMITS": NO_LIMITS}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    municipality = AdminArea.objects.create(
        kind=AdminArea.Kind.MUNICIPALITY, name="Крымск", code="krymsk", geom=krymsk_boundary()
    )
    centre = AdminArea.objects.create(
        kind=AdminArea.Kind.DISTRICT,
        name="Центр",
        code="d1",
        parent=municipality,
        geom=box(37.97, 44.92, 38.00, 44.94),
    )
    south = AdminArea.objects.create(
        kind=AdminArea.Kind.DISTRICT,
        name="Юг",
        code="d2",
        parent=municipality,
        geom=box(38.00, 44.90, 38.03, 44.92),
    )
    building_geom, address = first_building()
    building = Property.objects.create(kind=Property.Kind.BUILDING, address=address, geom=building_geom)
    roads_dept = Department.objects.create(
        code="roads", name="Дорожное хозяйство", name_en="Roads", webhook_url="https://hooks.example.org/x",
        webhook_secret="webhook-secret-value", email="roads-dept@example.org",
    )  # fmt: skip
    roads = Category.objects.create(
        code="roads", name_ru="Дороги", name_en="Roads", default_department=roads_dept, icon="road"
    )
    potholes = Category.objects.create(
        code="roads-potholes", name_ru="Ямы", name_en="Potholes", parent=roads, duplicate_radius_m=120
    )
    yard = Category.objects.create(
        code="proposal-yard", name_ru="Двор", name_en="Yard", kind=AppealKind.PROPOSAL
    )
    retired = Category.objects.create(code="retired", name_ru="Старая", name_en="Old", is_active=False)
    return {
        "municipality": municipality,
        "centre": centre,
        "south": south,
        "building": building,
        "address": address,
        "department": roads_dept,
        "roads": roads,
        "potholes": potholes,
        "yard": yard,
        "retired": retired,
    }


@pytest.fixture
def resident(db):
    return get_user_model().objects.create_user("ivan.author", email="author@example.org", password="x")


def make_appeal(
    category: Category,
    *,
    lonlat=LENINA,
    status=AppealStatus.REGISTERED,
    author=None,
    created_at: datetime | None = None,
    text="Не горит фонарь у дома",
    contact=True,
    **extra,
) -> Appeal:
    appeal = Appeal.objects.create(
        kind=category.kind,
        category=category,
        status=status,
        text=text,
        author=author,
        created_at=created_at or datetime.now(tz=UTC),
        h3=cell_of(*lonlat),
        geom=Point(*lonlat, srid=4326),
        **extra,
    )
    if contact:
        AppealContact.objects.create(appeal=appeal, **CONTACT, original_text="исходный текст с телефоном")
    return appeal


MIX_AT = datetime(2026, 6, 30, 9, 0, tzinfo=UTC)


def mixed_appeals(town: dict) -> list[Appeal]:
    """Three public issues for the write tests of the derived tables: registered with a due date, in
    progress a day earlier, one at STATION 40 days earlier with 4 supports (MIX_AT is the newest)."""
    now = MIX_AT
    return [
        make_appeal(town["potholes"], created_at=now, due_at=now + timedelta(days=3)),
        make_appeal(town["potholes"], created_at=now - timedelta(days=1), status=AppealStatus.IN_PROGRESS),
        make_appeal(town["roads"], lonlat=STATION, created_at=now - timedelta(days=40), supports_count=4),
    ]


def copy_appeals(category: Category, lonlat, n: int) -> None:
    """`n` registered appeals at `lonlat` written by one COPY (as importers and the bench load them), an
    hour apart from 1 June 2026 UTC, supports 0, 1, 2, 0, …: the path that bypasses the ORM."""
    lon, lat = lonlat
    with connection.cursor() as cur:
        with cur.cursor.copy(
            "COPY appeals_appeal (kind, category_id, status, text, address, author_public_name, source, "
            "source_id, supports_count, created_at, updated_at, h3, geom, escalation_level) FROM STDIN"
        ) as copy:
            for i in range(n):
                at = datetime(2026, 6, 1, tzinfo=UTC) + timedelta(hours=i)
                copy.write_row(
                    (category.kind, category.pk, "registered", "Текст обращения из импорта", "", "", "import",
                     f"bulk-{i}", i % 3, at, at, cell_of(lon, lat), f"SRID=4326;POINT({lon} {lat})", 0)
                )  # fmt: skip


def feature(lonlat=LENINA, **properties) -> dict:
    """A GeoJSON Feature of a new appeal; properties override the defaults."""
    props = {"kind": "issue", "category": "roads", "text": "Глубокая яма на проезжей части у дома"}
    props.update(properties)
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": list(lonlat)},
        "properties": props,
    }


def image_bytes(fmt: str = "JPEG", size=(64, 48), color=(200, 30, 30), **save) -> bytes:
    out = BytesIO()
    mode = "RGBA" if fmt == "PNG" and save.pop("alpha", False) else "RGB"
    Image.new(mode, size, color + ((0,) if mode == "RGBA" else ())).save(out, format=fmt, **save)
    return out.getvalue()


def gps_jpeg(size=(80, 40), orientation: int | None = 6) -> bytes:
    """A JPEG whose EXIF holds a GPS position (44.93 N, 37.99 E), a camera and, optionally, an orientation."""
    image = Image.new("RGB", size, (10, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    if orientation:
        exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (44.0, 55.0, 48.0), 3: "E", 4: (37.0, 59.0, 24.0)})
    out = BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def pdf_bytes() -> bytes:
    """A real one-page PDF, written by Pillow."""
    out = BytesIO()
    Image.new("RGB", (20, 20), (255, 255, 255)).save(out, format="PDF")
    return out.getvalue()


def row_counts() -> dict[str, int]:
    models = (Appeal, AppealContact, AppealPhoto, AppealEvent, Support)
    return {model.__name__: model.objects.count() for model in models}


def media_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []
