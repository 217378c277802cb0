"""GET /api/v1/appeals/export.geojson: every public appeal streamed as GeoJSON from PostgreSQL COPY."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.gis.geos import Point
from django.http import StreamingHttpResponse

from appeals.api.export import HEAD, appeal_public_export_chunks
from appeals.models import Appeal, AppealContact, Category
from appeals.selectors import PUBLIC_STATUSES
from appeals.workflow import AppealKind, AppealStatus
from tension.hexes import cell_of

URL = "/api/v1/appeals/export.geojson"
PUBLIC_PROPERTIES = {
    "id", "kind", "category", "category_name", "status", "created_at", "address", "text", "supports_count",
}  # fmt: skip
WEST, SOUTH = 37.95, 44.90  # (lon, lat) of the south-west corner of the grid, in Krymsk
STEP = 0.002  # degrees between neighbouring appeals
TRICKY_TEXT = 'Яма "глубокая" \\ у дома\nвторая строка\t</script><b>&amp; \x01\x02 ,{"x":1}'
# Personal data that no public output may carry (152-ФЗ).
SECRETS = [
    "secret.resident@example.org",
    "+7 918 555-12-34",
    "Иван Секретов",
    "исходный текст",
    "ivan.author",
]
# Every 10th appeal is hidden (new or rejected); the others cycle through public statuses.
ISSUE_CYCLE = [
    AppealStatus.REGISTERED, AppealStatus.IN_PROGRESS, AppealStatus.ANSWERED, AppealStatus.CLOSED,
    AppealStatus.REDIRECTED, AppealStatus.REOPENED, AppealStatus.DUPLICATE, AppealStatus.REGISTERED,
    AppealStatus.CLOSED,
]  # fmt: skip


@pytest.fixture
def town(db):
    """300 appeals on a 20 × 15 grid: issues of roads / roads-potholes, every 7th a proposal; 30 hidden."""
    roads = Category.objects.create(code="roads", name_ru="Дороги", name_en="Roads")
    potholes = Category.objects.create(
        code="roads-potholes", name_ru="Ямы «на дорогах»", name_en="Potholes", parent=roads
    )
    yard = Category.objects.create(
        code="proposal-yard", name_ru="Двор", name_en="Yard", kind=AppealKind.PROPOSAL
    )
    author = get_user_model().objects.create_user("ivan.author", email="author@example.org")
    start = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    appeals = []
    for i in range(300):
        lon, lat = WEST + (i % 20) * STEP, SOUTH + (i // 20) * STEP
        if i % 10 == 9:
            kind, category = AppealKind.ISSUE, potholes
            status = AppealStatus.NEW if i % 20 == 9 else AppealStatus.REJECTED
        elif i % 7 == 0:
            kind, category, status = AppealKind.PROPOSAL, yard, AppealStatus.PUBLISHED
        else:
            kind, category = AppealKind.ISSUE, potholes if i % 2 else roads
            status = ISSUE_CYCLE[i % len(ISSUE_CYCLE)]
        appeals.append(
            Appeal(
                kind=kind,
                category=category,
                status=status,
                text=TRICKY_TEXT if i == 1 else f"Обращение номер {i}: яма у дома",
                address=f"ул. Ленина, {i}",
                author=author,
                supports_count=i % 5,
                created_at=start + timedelta(hours=i),
                h3=cell_of(lon, lat),
                geom=Point(lon, lat, srid=4326),
            )
        )
    appeals = Appeal.objects.bulk_create(appeals)
    AppealContact.objects.bulk_create(
        AppealContact(
            appeal=appeal,
            name="Иван Секретов",
            email="secret.resident@example.org",
            phone="+7 918 555-12-34",
            original_text="исходный текст с телефоном",
        )
        for appeal in appeals
    )
    return {"appeals": appeals, "roads": roads, "potholes": potholes, "yard": yard}


def public(town) -> list[Appeal]:
    return [a for a in town["appeals"] if a.status not in (AppealStatus.NEW, AppealStatus.REJECTED)]


def export(client, **query) -> tuple[StreamingHttpResponse, bytes]:
    response = client.get(URL, query)
    assert response.status_code == 200, response.content
    assert response.streaming
    return response, b"".join(response.streaming_content)


def features_by_id(body: bytes) -> dict[int, dict]:
    collection = json.loads(body)
    assert set(collection) == {"type", "features"}
    assert collection["type"] == "FeatureCollection"
    by_id = {}
    for feature in collection["features"]:
        assert set(feature) == {"type", "id", "geometry", "properties"}
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        assert set(feature["properties"]) == PUBLIC_PROPERTIES
        assert feature["id"] == feature["properties"]["id"]
        assert feature["id"] not in by_id
        by_id[feature["id"]] = feature
    return by_id


def test_exports_every_public_appeal_as_a_geojson_download(client, town):
    response, body = export(client)

    assert response["Content-Type"] == "application/geo+json"
    assert response["Content-Disposition"].startswith('attachment; filename="appeals-')
    assert response["Content-Disposition"].endswith('.geojson"')
    assert set(features_by_id(body)) == {a.id for a in public(town)}
    assert len(public(town)) == 270


def test_hidden_statuses_are_left_out(client, town):
    _, body = export(client)

    hidden = {a.id for a in town["appeals"] if a.status in (AppealStatus.NEW, AppealStatus.REJECTED)}
    assert len(hidden) == 30
    assert hidden.isdisjoint(features_by_id(body))


def test_features_are_those_of_the_public_list(client, town):
    _, body = export(client)
    listed = client.get("/api/v1/appeals", {"limit": 10000}).json()

    assert features_by_id(body) == {f["id"]: f for f in listed["features"]}


def test_the_read_model_export_is_the_built_export_line_for_line(client, town):
    """Without filters (or `kind` only) the texts come from the read model (appeals_export_kept.sql);
    naming every public status sends the same request through the rows (appeals_export.sql)."""
    every_status = ",".join(sorted(PUBLIC_STATUSES))
    for query in ({}, {"kind": "proposal"}):
        _, kept = export(client, **query)
        _, built = export(client, **query, status=every_status)
        assert kept.startswith(HEAD) and built.startswith(HEAD)
        # the same lines in another order: storage order, the first one without its comma
        assert sorted(line.lstrip(b",") for line in kept.splitlines()) == sorted(
            line.lstrip(b",") for line in built.splitlines()
        )
        assert len(features_by_id(kept)) == len(features_by_id(built)) > 0


def test_text_with_quotes_backslashes_and_control_characters_round_trips(client, town):
    _, body = export(client)

    feature = features_by_id(body)[town["appeals"][1].id]
    assert feature["properties"]["text"] == TRICKY_TEXT
    assert feature["properties"]["category_name"] == "Ямы «на дорогах»"
    assert feature["geometry"]["coordinates"] == [pytest.approx(WEST + STEP, abs=1e-6), pytest.approx(SOUTH)]


def test_no_contact_or_author_data(client, town):
    _, body = export(client)

    text = body.decode("utf-8")
    for secret in SECRETS:
        assert secret not in text


def test_bbox_keeps_the_appeals_inside_it(client, town):
    # the first 5 columns of the first 3 rows: 15 appeals, of which the hidden ones stay out
    bbox = f"{WEST - STEP / 2},{SOUTH - STEP / 2},{WEST + 4.5 * STEP},{SOUTH + 2.5 * STEP}"

    _, body = export(client, bbox=bbox)

    expected = {a.id for i, a in enumerate(town["appeals"]) if i % 20 < 5 and i // 20 < 3}
    assert set(features_by_id(body)) == expected & {a.id for a in public(town)}
    assert len(expected) == 15


def test_category_filter_takes_in_sub_categories_and_ids(client, town):
    _, by_parent = export(client, category="roads")
    _, by_child_id = export(client, category=str(town["potholes"].id))

    issues = {a.id for a in public(town) if a.kind == AppealKind.ISSUE}
    potholes = {a.id for a in public(town) if a.category_id == town["potholes"].id}
    assert set(features_by_id(by_parent)) == issues
    assert set(features_by_id(by_child_id)) == potholes
    assert 0 < len(potholes) < len(issues)


def test_status_and_kind_filters(client, town):
    _, closed = export(client, status="closed,answered")
    _, proposals = export(client, kind="proposal")

    assert {f["properties"]["status"] for f in features_by_id(closed).values()} == {"closed", "answered"}
    assert set(features_by_id(closed)) == {a.id for a in public(town) if a.status in ("closed", "answered")}
    assert set(features_by_id(proposals)) == {a.id for a in public(town) if a.kind == AppealKind.PROPOSAL}


def test_nothing_matching_is_an_empty_collection(client, town):
    _, body = export(client, bbox="10,10,11,11")

    assert json.loads(body) == {"type": "FeatureCollection", "features": []}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"bbox": "38,44,37,45"}, "bbox"),
        ({"bbox": "1,2,3"}, "bbox"),
        ({"status": "new"}, "status"),  # a hidden status cannot be asked for
        ({"status": "rejected"}, "status"),
        ({"kind": "complaint"}, "kind"),
        ({"category": "no-such-category"}, "category"),
        ({"category": "roads;drop table"}, "category"),
    ],
)
def test_bad_filters_are_a_400_naming_the_parameter(client, town, query, field):
    response = client.get(URL, query)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["field"] == field


def test_chunks_are_bounded_and_join_into_the_same_document(town):
    small = list(appeal_public_export_chunks(chunk_bytes=4096))
    whole = list(appeal_public_export_chunks())

    assert b"".join(small) == b"".join(whole)
    assert len(whole) == 3  # head, one chunk of ~100 kB, tail
    body_chunks = small[1:-1]
    assert len(body_chunks) > 10
    longest_feature = max(len(line) for line in b"".join(small).split(b"\n"))
    assert all(len(chunk) < 4096 + longest_feature for chunk in body_chunks)
    assert len(features_by_id(b"".join(small))) == 270
