"""GET /api/v1/appeals: public appeals as GeoJSON built in PostGIS — fields, privacy, bbox, limit, paging.

Filters other than bbox: test_api_list_filters.py.
"""

import gc
import json
import weakref
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.contrib.gis.geos import GEOSGeometry, Point
from django.db import connection
from django.test import RequestFactory
from django.urls import resolve

from appeals.api.params import cursor_of, parse_cursor
from appeals.models import Appeal, AppealContact, Category
from appeals.workflow import AppealKind, AppealStatus
from layers.models import AdminArea
from tension.hexes import cell_of
from tests.appeals.public_support import CONTACT

BOUNDARY = Path(__file__).resolve().parent.parent / "data" / "krymsk_boundary.geojson"
URL = "/api/v1/appeals"
PUBLIC_PROPERTIES = {
    "id",
    "kind",
    "category",
    "category_name",
    "status",
    "created_at",
    "address",
    "text",
    "supports_count",
}
LENINA = (37.987712, 44.930034)  # (lon, lat), Krymsk, Lenina street
STATION = (38.010451, 44.915209)
OUTSKIRTS = (37.951234, 44.951234)
TRICKY_TEXT = 'Яма "глубокая" \\ у дома\nвторая строка\t</script><b>&amp;'
# Personal data that no public output may carry (152-ФЗ).
SECRETS = [
    "secret.resident@example.org",
    "+7 918 555-12-34",
    "Иван Секретов",
    "исходный текст с телефоном",
    "ivan.author",
    "author@example.org",
]


def krymsk_boundary():
    feature = json.loads(BOUNDARY.read_text(encoding="utf-8"))["features"][0]
    return GEOSGeometry(json.dumps(feature["geometry"]), srid=4326)


def make_appeal(category, author, *, lonlat, status, text="Не горит фонарь", day=1, contact=True, **extra):
    appeal = Appeal.objects.create(
        kind=AppealKind.ISSUE,
        category=category,
        status=status,
        text=text,
        author=author,
        author_public_name="",
        created_at=datetime(2026, 5, day, 7, 30, tzinfo=UTC),
        h3=cell_of(*lonlat),
        geom=Point(*lonlat, srid=4326),
        **extra,
    )
    if contact:
        AppealContact.objects.create(appeal=appeal, **CONTACT, original_text="исходный текст с телефоном")
    return appeal


@pytest.fixture
def town(db):
    AdminArea.objects.create(
        kind=AdminArea.Kind.MUNICIPALITY, name="Крымск", code="krymsk", geom=krymsk_boundary()
    )
    roads = Category.objects.create(code="roads", name_ru="Дороги и тротуары", name_en="Roads and pavements")
    author = get_user_model().objects.create_user("ivan.author", email="author@example.org")
    return {
        "lenina": make_appeal(
            roads,
            author,
            lonlat=LENINA,
            status=AppealStatus.REGISTERED,
            text=TRICKY_TEXT,
            address="ул. Ленина, 1",
            supports_count=3,
        ),
        "station": make_appeal(roads, author, lonlat=STATION, status=AppealStatus.IN_PROGRESS, day=2),
        "hidden_new": make_appeal(roads, author, lonlat=LENINA, status=AppealStatus.NEW, day=3),
        "hidden_rejected": make_appeal(roads, author, lonlat=STATION, status=AppealStatus.REJECTED, day=4),
        "outskirts": make_appeal(
            roads, None, lonlat=OUTSKIRTS, status=AppealStatus.CLOSED, day=5, contact=False
        ),
    }


def get_page(client, url: str = URL, **query) -> dict:
    response = client.get(url, query)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/geo+json"
    page = json.loads(response.content)
    assert page["type"] == "FeatureCollection"
    assert page["properties"]["numberReturned"] == len(page["features"])
    for feature in page["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        assert set(feature["properties"]) == PUBLIC_PROPERTIES
        assert feature["id"] == feature["properties"]["id"]
    return page


def ids(page: dict) -> list[int]:
    return [f["id"] for f in page["features"]]


def test_lists_public_appeals_only_ordered_by_id(client, town):
    page = get_page(client)

    assert ids(page) == [town["lenina"].id, town["station"].id, town["outskirts"].id]
    assert page["properties"]["next"] is None


def test_feature_carries_public_fields_in_lon_lat_order(client, town):
    page = get_page(client)

    feature = page["features"][0]
    assert feature["geometry"]["coordinates"] == [
        pytest.approx(LENINA[0], abs=1e-6),
        pytest.approx(LENINA[1], abs=1e-6),
    ]
    props = feature["properties"]
    assert props["kind"] == "issue"
    assert props["category"] == "roads"
    assert props["category_name"] == "Дороги и тротуары"
    assert props["status"] == "registered"
    assert datetime.fromisoformat(props["created_at"]) == datetime(2026, 5, 1, 7, 30, tzinfo=UTC)
    assert props["address"] == "ул. Ленина, 1"
    assert props["text"] == TRICKY_TEXT
    assert props["supports_count"] == 3


@pytest.mark.parametrize("url", [URL, URL + "?limit=1", URL + "?bbox=37,44,39,46", "/api/v1/areas", "/"])
def test_no_contact_or_author_data_in_any_public_output(client, town, url):
    response = client.get(url)

    assert response.status_code == 200
    body = response.content.decode("utf-8")
    for secret in SECRETS:
        assert secret not in body


def test_bbox_keeps_appeals_inside_it(client, town):
    lon, lat = LENINA
    page = get_page(client, bbox=f"{lon - 0.001},{lat - 0.001},{lon + 0.001},{lat + 0.001}")

    assert ids(page) == [town["lenina"].id]  # the hidden "new" appeal at the same spot stays hidden


def test_bbox_with_nothing_inside_is_an_empty_collection(client, town):
    page = get_page(client, bbox="10,10,11,11")

    assert page["features"] == []
    assert page["properties"] == {"numberReturned": 0, "next": None}


@pytest.mark.parametrize(
    "bbox",
    [
        "",
        "1,2,3",
        "1,2,3,4,5",
        "a,b,c,d",
        "38,44,37,45",
        "37,45,38,44",
        "nan,44,38,45",
        "37,-91,38,45",
        "-181,0,0,1",
    ],
)
def test_malformed_bbox_is_a_400_naming_the_parameter(client, town, bbox):
    response = client.get(URL, {"bbox": bbox})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["field"] == "bbox"
    assert "bbox" in response.json()["detail"]


@pytest.mark.parametrize("limit", ["0", "-5", "ten", "1.5", ""])
def test_invalid_limit_is_a_400(client, town, limit):
    response = client.get(URL, {"limit": limit})

    assert response.status_code == 400
    assert response.json()["field"] == "limit"
    assert "limit" in response.json()["detail"]


def test_limit_beyond_10000_is_a_400_saying_the_maximum(client, town):
    response = client.get(URL, {"limit": "10001"})

    assert response.status_code == 400
    assert "10000" in response.json()["detail"]


@pytest.mark.parametrize(
    "cursor", ["abc", "-1", "", "aWQ6", "aWQ6LTE", "eDox", "aWQ6MS4w", "aWQ6" + "OTk" * 10]
)
def test_invalid_cursor_is_a_400(client, town, cursor):
    # aWQ6 = "id:", aWQ6LTE = "id:-1", eDox = "x:1", aWQ6MS4w = "id:1.0", then "id:" + 20 digits.
    response = client.get(URL, {"cursor": cursor})

    assert response.status_code == 400
    assert response.json() == {"detail": response.json()["detail"], "field": "cursor"}


def test_cursor_round_trips():
    for last_id in (1, 9, 10, 99, 12345, 2**40):
        assert parse_cursor(cursor_of(last_id)) == last_id


def follow(client, url: str) -> dict:
    parts = urlsplit(url)
    assert parts.netloc == "testserver"
    return get_page(client, f"{parts.path}?{parts.query}")


def test_next_links_walk_every_public_appeal_once(client, town):
    page = get_page(client, limit=1)
    seen = ids(page)
    while page["properties"]["next"]:
        query = parse_qs(urlsplit(page["properties"]["next"]).query)
        assert query["limit"] == ["1"]
        assert query["cursor"] == [cursor_of(seen[-1])]
        page = follow(client, page["properties"]["next"])
        seen += ids(page)

    assert seen == [town["lenina"].id, town["station"].id, town["outskirts"].id]


def test_next_link_keeps_the_bbox(client, town):
    page = get_page(client, limit=1, bbox="37.9,44.9,38.1,45.0")

    query = parse_qs(urlsplit(page["properties"]["next"]).query)
    assert query == {
        "limit": ["1"],
        "bbox": ["37.9,44.9,38.1,45.0"],
        "cursor": [cursor_of(town["lenina"].id)],
    }
    assert ids(follow(client, page["properties"]["next"])) == [town["station"].id]


def test_cursor_starts_past_that_id(client, town):
    page = get_page(client, cursor=cursor_of(town["lenina"].id))

    assert ids(page) == [town["station"].id, town["outskirts"].id]


@pytest.mark.slow
def test_default_page_is_10000_with_a_next_link(client, town):
    with connection.cursor() as cur:
        cur.execute(
            # 10,000 copies of a public appeal with ids past every existing one (a copy of the whole
            # row, so columns other apps add are filled too).
            """INSERT INTO appeals_appeal
               SELECT (jsonb_populate_record(a, jsonb_build_object(
                         'id', (SELECT max(id) FROM appeals_appeal) + g,
                         'text', 'bulk', 'address', '', 'supports_count', 0,
                         'geom', ST_SetSRID(ST_MakePoint(38.0 + g * 1e-6, 44.92), 4326)::text))).*
               FROM appeals_appeal a, generate_series(1, 10000) AS g
               WHERE a.id = %s""",
            [town["station"].id],
        )

    page = get_page(client)

    assert page["properties"]["numberReturned"] == 10_000
    assert ids(page) == sorted(ids(page))
    rest = follow(client, page["properties"]["next"])
    assert rest["properties"]["numberReturned"] == 3  # 3 + 10,000 public appeals in all
    assert rest["properties"]["next"] is None


@pytest.mark.parametrize("path", ["/api/v1/appeals?limit=10000", "/api/v1/appeals/mine", "/api/v1/areas"])
def test_a_page_is_freed_once_sent_not_left_to_the_cycle_collector(town, path):
    """DRF keeps a view's response on the view, which refers to its request and back: a 5 MB page would
    wait for the cycle collector (a worker held 185 MB after 16 pages instead of 133). Nothing keeps it."""
    user = get_user_model().objects.create_user("olga", "olga@example.org")
    request = RequestFactory().get(path)
    request.user = user
    view = resolve(path.split("?")[0]).func
    gc.disable()
    try:
        response = view(request)
        assert response.status_code == 200 and response.content.startswith(b'{"type":"FeatureCollection"')
        kept = weakref.ref(response)
        response.close()
        del response
        assert kept() is None
    finally:
        gc.enable()
