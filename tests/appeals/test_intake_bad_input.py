"""POST /api/v1/appeals with bad input: each a 400 (413 for an oversized request) with a field-level reason,
and nothing written — no row in any appeals table, no file under MEDIA_ROOT (counted before and after)."""

import json
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from appeals.photos import MAX_BYTES
from tests.appeals.public_support import (
    CONTACT,
    LENINA,
    NOVOROSSIYSK,
    feature,
    image_bytes,
    media_files,
    pdf_bytes,
    row_counts,
    town,  # noqa: F401
)

URL = "/api/v1/appeals"


def refused(client, settings, send, *, field: str, status: int = 400, mentions: str = "") -> dict:
    before = row_counts()

    response = send()

    assert response.status_code == status, response.content
    body = response.json()
    assert body["field"] == field, body
    assert body["detail"]
    assert mentions in body["detail"]
    assert row_counts() == before
    assert media_files(settings) == []
    return body


def json_post(client, body):
    return lambda: client.post(URL, json.dumps(body), content_type="application/json")


def with_feature(**changes) -> dict:
    body = feature(contact=dict(CONTACT))
    for key, value in changes.items():
        body[key] = value
    return body


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (feature(NOVOROSSIYSK), "geometry"),  # a point outside the town
        (feature(kind="proposal", category="roads"), "category"),  # a category of the wrong kind
        (feature(kind="issue", category="proposal-yard"), "category"),
        (feature(category="retired"), "category"),  # inactive
        (feature(category="no-such-category"), "category"),
        (feature(category=987654), "category"),
        (feature(category=None), "category"),
        (feature(kind="complaint"), "kind"),
        (feature(text="Яма"), "text"),  # 3 characters
        (feature(text="   Яма     "), "text"),  # blanks do not count
        (feature(text="я" * 5001), "text"),
        (feature(text=["a list"]), "text"),
        (feature(text="Текст с нулевым символом \x00 внутри"), "text"),
        (feature(contact={"email": "not-an-e-mail"}), "contact.email"),
        (feature(contact={"phone": "call me maybe"}), "contact.phone"),
        (feature(contact={"name": "x" * 256}), "contact.name"),
        (feature(contact="ivan@example.org"), "contact"),
        (feature(author_public_name="x" * 129), "author_public_name"),
        (with_feature(type="FeatureCollection"), "type"),
        ([feature()], "type"),
        (with_feature(geometry=None), "geometry"),
        (
            with_feature(geometry={"type": "LineString", "coordinates": [[38, 44.9], [38.1, 44.9]]}),
            "geometry",
        ),
        (with_feature(geometry={"type": "Point", "coordinates": [44.93, 37.99]}), "geometry"),  # lat, lon
        (with_feature(geometry={"type": "Point", "coordinates": [38.0]}), "geometry"),
        (with_feature(geometry={"type": "Point", "coordinates": ["38.0", "44.9"]}), "geometry"),
        (with_feature(geometry={"type": "Point", "coordinates": [200, 44.9]}), "geometry"),
        (with_feature(geometry={"type": "Point", "coordinates": [True, 44.9]}), "geometry"),
        (with_feature(properties=None), "properties"),
        (with_feature(properties="text"), "properties"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_bad_feature_is_a_400_naming_the_field(client, settings, town, body, field):  # noqa: F811
    refused(client, settings, json_post(client, body), field=field)


@pytest.mark.parametrize(
    "raw", ['{"type": "Feature", "geometry": ', "", "not json", '{"type": "Feature",}', "NaN["]
)
def test_malformed_json_is_a_400_of_the_body(client, settings, town, raw):  # noqa: F811
    send = lambda: client.post(URL, raw, content_type="application/json")  # noqa: E731

    refused(client, settings, send, field="body")


def multipart(client, body, *photos: tuple[str, bytes], feature_text: str | None = None):
    files = [SimpleUploadedFile(name, content, content_type="image/jpeg") for name, content in photos]
    data = {"photos": files}
    if feature_text is not None or body is not None:
        data["feature"] = feature_text if feature_text is not None else json.dumps(body)
    return lambda: client.post(URL, data)


def test_a_pdf_named_jpg_is_refused_naming_the_file(client, settings, town):  # noqa: F811
    send = multipart(client, feature(), ("ok.jpg", image_bytes("JPEG")), ("scan.jpg", pdf_bytes()))

    refused(client, settings, send, field="photos", mentions="scan.jpg")


def test_a_12_mb_photo_is_refused_naming_the_file(client, settings, town):  # noqa: F811
    # A real PNG of random pixels, stored uncompressed: 2048 × 2048 × 3 bytes ≈ 12.6 MB.
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.frombytes("RGB", (2048, 2048), os.urandom(2048 * 2048 * 3)).save(
        out, format="PNG", compress_level=0
    )
    assert out.tell() > 12 * 1024 * 1024 > MAX_BYTES

    refused(
        client,
        settings,
        multipart(client, feature(), ("big.png", out.getvalue())),
        field="photos",
        mentions="big.png",
    )


def test_six_photos_are_refused(client, settings, town):  # noqa: F811
    photos = [(f"p{i}.jpg", image_bytes("JPEG")) for i in range(6)]

    refused(client, settings, multipart(client, feature(), *photos), field="photos")


def test_a_good_photo_with_a_bad_feature_writes_nothing(client, settings, town):  # noqa: F811
    send = multipart(client, feature(text="Яма"), ("ok.jpg", image_bytes("JPEG")))

    refused(client, settings, send, field="text")


def test_a_good_photo_outside_the_town_writes_nothing(client, settings, town):  # noqa: F811
    send = multipart(client, feature(NOVOROSSIYSK), ("ok.jpg", image_bytes("JPEG")))

    refused(client, settings, send, field="geometry")


def test_multipart_without_the_feature(client, settings, town):  # noqa: F811
    refused(client, settings, multipart(client, None, ("ok.jpg", image_bytes("JPEG"))), field="feature")


def test_multipart_with_malformed_feature_json(client, settings, town):  # noqa: F811
    send = multipart(client, None, ("ok.jpg", image_bytes("JPEG")), feature_text='{"type": "Feature"')

    refused(client, settings, send, field="feature")


def test_oversized_request_is_refused_from_content_length_before_reading(client, settings, town):  # noqa: F811
    body = json.dumps(feature())
    send = lambda: client.post(  # noqa: E731
        URL,
        {"feature": body},
        CONTENT_LENGTH=str(5 * MAX_BYTES + 2 * 1024 * 1024),
    )

    refused(client, settings, send, field="photos", status=413)


def test_point_on_the_town_boundary_counts_as_inside(client, settings, town):  # noqa: F811
    # ST_Covers, not ST_Contains: a vertex of the boundary itself is inside.
    lon, lat = town["municipality"].geom[0][0][0]

    response = client.post(URL, json.dumps(feature((lon, lat))), content_type="application/json")

    assert response.status_code == 201, response.content


def test_lenina_is_inside(client, town):  # noqa: F811
    # The control for the refusals above: the same body with a good point is accepted.
    response = client.post(URL, json.dumps(feature(LENINA, contact=CONTACT)), content_type="application/json")

    assert response.status_code == 201, response.content
