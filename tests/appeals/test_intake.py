"""POST /api/v1/appeals: a new appeal from a GeoJSON Feature or multipart with photos — what is written.

Bad input (each a 400 naming the field, nothing written): test_intake_bad_input.py.
"""

import json
from datetime import timedelta
from io import BytesIO

import pytest
from django.contrib.gis.geos import Point
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from appeals.deadlines import registration_due
from appeals.models import Appeal, AppealContact, AppealEvent, AppealPhoto
from appeals.services.intake import appeal_create
from appeals.workflow import AppealStatus
from tension.hexes import cell_of
from tests.appeals.public_support import (
    CONTACT,
    LENINA,
    STATION,
    feature,
    gps_jpeg,
    image_bytes,
    media_files,
    resident,  # noqa: F401
    row_counts,
    town,  # noqa: F401
)

URL = "/api/v1/appeals"


def post_json(client, body, content_type="application/json"):
    return client.post(URL, json.dumps(body), content_type=content_type)


def test_anonymous_json_appeal_is_filed_with_everything_computed(client, town):  # noqa: F811
    response = post_json(client, feature(LENINA, contact=CONTACT, author_public_name="Иван"))

    assert response.status_code == 201, response.content
    assert response["Content-Type"] == "application/geo+json"
    body = response.json()
    appeal = Appeal.objects.get()
    assert body["type"] == "Feature"
    assert body["id"] == body["properties"]["id"] == appeal.pk
    assert response["Location"] == f"http://testserver/api/v1/appeals/{appeal.pk}"
    assert body["geometry"] == {
        "type": "Point",
        "coordinates": [pytest.approx(LENINA[0]), pytest.approx(LENINA[1])],
    }
    assert body["properties"]["status"] == "new"
    assert body["properties"]["category"] == "roads"
    assert body["properties"]["author_public_name"] == "Иван"
    assert [e["to_status"] for e in body["properties"]["timeline"]] == ["new"]
    assert appeal.status == AppealStatus.NEW
    assert appeal.source == Appeal.Source.API
    assert appeal.author is None
    assert appeal.h3 == cell_of(*LENINA)
    assert appeal.geom.equals_exact(Point(*LENINA, srid=4326), tolerance=1e-9)
    assert appeal.area == town["centre"]
    assert appeal.address == ""  # no addressed building within 50 m
    assert appeal.due_at == registration_due(appeal.created_at)
    assert appeal.due_at - appeal.created_at > timedelta(days=2)
    contact = AppealContact.objects.get(appeal=appeal)
    assert (contact.name, contact.email, contact.phone) == (
        CONTACT["name"],
        CONTACT["email"],
        CONTACT["phone"],
    )
    [event] = AppealEvent.objects.filter(appeal=appeal)
    assert (event.from_status, event.to_status, event.actor) == ("", "new", None)


def test_a_creation_costs_five_queries_with_the_receipt_sent_inline(
    client,
    town,  # noqa: F811
    django_assert_max_num_queries,
):
    # category, place (district, address), the one INSERT of appeal + contact + event; then, without a
    # Celery broker, the receipt inline: claim the event, read it with its appeal and contact. The 201
    # is built from what was written: nothing is read back.
    with django_assert_max_num_queries(5) as captured:
        response = post_json(client, feature(LENINA, contact=CONTACT))

    assert response.status_code == 201, response.content
    assert sum("INSERT INTO appeals_appeal " in q["sql"] for q in captured.captured_queries) == 1


def test_contact_is_not_in_the_response(client, town):  # noqa: F811
    response = post_json(client, feature(contact=CONTACT))

    for secret in CONTACT.values():
        assert secret not in response.content.decode("utf-8")


def test_geojson_media_type_and_category_by_id(client, town):  # noqa: F811
    body = feature(category=town["potholes"].pk)

    response = post_json(client, body, content_type="application/geo+json")

    assert response.status_code == 201, response.content
    assert Appeal.objects.get().category == town["potholes"]


def test_proposal_in_a_proposal_category(client, town):  # noqa: F811
    response = post_json(client, feature(STATION, kind="proposal", category="proposal-yard"))

    assert response.status_code == 201, response.content
    appeal = Appeal.objects.get()
    assert (appeal.kind, appeal.area) == ("proposal", town["south"])


def test_address_of_the_building_under_the_point(client, town):  # noqa: F811
    inside = town["building"].geom.point_on_surface

    response = post_json(client, feature((inside.x, inside.y)))

    assert response.status_code == 201, response.content
    assert response.json()["properties"]["address"] == town["address"] == "Полковая улица, 42"


def test_address_of_a_building_40_m_away_but_not_70_m(client, town):  # noqa: F811
    # 0.0005° of latitude is about 56 m; the building's north edge is the reference.
    north = town["building"].geom.extent[3]
    lon = town["building"].geom.point_on_surface.x
    near = post_json(client, feature((lon, north + 0.00036)))  # ~40 m north of the edge
    far = post_json(client, feature((lon, north + 0.00063)))  # ~70 m

    assert near.json()["properties"]["address"] == town["address"]
    assert far.json()["properties"]["address"] == ""


def test_signed_in_session_is_the_author_and_source_web(client, town, resident):  # noqa: F811
    client.force_login(resident)

    response = post_json(client, feature())

    assert response.status_code == 201, response.content
    appeal = Appeal.objects.get()
    assert (appeal.author, appeal.source) == (resident, Appeal.Source.WEB)
    assert AppealEvent.objects.get(appeal=appeal).actor == resident
    assert "ivan.author" not in response.content.decode("utf-8")


def multipart(client, body: dict, *photos: tuple[str, bytes]):
    files = [SimpleUploadedFile(name, content, content_type="image/jpeg") for name, content in photos]
    return client.post(URL, {"feature": json.dumps(body), "photos": files})


def test_multipart_with_photos_stores_them_re_encoded(client, town, settings):  # noqa: F811
    response = multipart(
        client,
        feature(),
        ("a.jpg", image_bytes("JPEG", size=(64, 48))),
        ("b.png", image_bytes("PNG")),
        ("c.webp", image_bytes("WEBP")),
    )

    assert response.status_code == 201, response.content
    photos = AppealPhoto.objects.filter(appeal_id=response.json()["id"])
    assert photos.count() == 3
    urls = [p["url"] for p in response.json()["properties"]["photos"]]
    assert all(url.startswith("http://testserver/media/appeals/") and url.endswith(".jpg") for url in urls)
    for photo in photos:
        with Image.open(photo.image.path) as stored:
            assert stored.format == "JPEG"
            assert (stored.width, stored.height) == (photo.width, photo.height) == (64, 48)
    assert len(media_files(settings)) == 3


def test_photo_with_gps_exif_is_accepted_and_stored_without_it(client, town):  # noqa: F811
    response = multipart(client, feature(), ("IMG_0042.jpg", gps_jpeg(size=(80, 40), orientation=6)))

    assert response.status_code == 201, response.content
    photo = AppealPhoto.objects.get()
    with open(photo.image.path, "rb") as stored_file:
        stored_bytes = stored_file.read()
    stored = Image.open(BytesIO(stored_bytes))
    assert len(stored.getexif()) == 0
    assert not stored.getexif().get_ifd(0x8825)
    assert b"SecretCam" not in stored_bytes
    assert (stored.width, stored.height) == (40, 80)  # upright: orientation 6 applied before stripping
    assert "IMG_0042" not in photo.image.name  # the client's file name is not kept


def test_feature_may_come_as_a_file_part(client, town):  # noqa: F811
    part = SimpleUploadedFile(
        "feature.geojson", json.dumps(feature()).encode(), content_type="application/geo+json"
    )

    response = client.post(URL, {"feature": part})

    assert response.status_code == 201, response.content


def test_failure_after_photos_were_stored_removes_them(town, settings, monkeypatch):  # noqa: F811
    def boom(**kwargs):  # fails after the rows and the photo files were written, inside the transaction
        raise RuntimeError("the notification queue is down")

    monkeypatch.setattr("appeals.services.intake.event_notify_after_commit", boom)
    before = row_counts()
    photo = SimpleUploadedFile("a.jpg", image_bytes("JPEG"), content_type="image/jpeg")

    with pytest.raises(RuntimeError):
        appeal_create(
            lon=LENINA[0], lat=LENINA[1], kind="issue", category="roads", text="Яма на дороге у дома",
            source="api", photos=[photo],
        )  # fmt: skip

    assert row_counts() == before
    assert media_files(settings) == []
