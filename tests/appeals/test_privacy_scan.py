"""No public output carries a resident's contact data (152-ФЗ).

Appeals are filed through the API with a known contact name, e-mail and phone (and an author, an internal
note, the original text, a supporter's e-mail); then every public endpoint is fetched, anonymously, and
its bytes searched for each of those strings — JSON, GeoJSON, HTML, vector tiles (MVT keeps strings as
UTF-8 bytes) and the OpenAPI document alike.

To cover a new public endpoint, add one line to PUBLIC_ENDPOINTS: a URL template with {appeal}, {hidden},
{lon}, {lat}, {z}, {x}, {y} filled from the fixture below.
"""

import json
import math

import h3
import pytest
from django.contrib.auth import get_user_model

from appeals.events import record_event
from appeals.models import Appeal, AppealContact, Support
from appeals.workflow import AppealStatus
from tests.appeals.public_support import LENINA, feature, town  # noqa: F401

CONTACT = {"name": "Агафья Приватная", "email": "agafya.private@example.org", "phone": "+7 861 311-22-33"}
SECRETS = [
    *CONTACT.values(),
    "89613112233",  # the phone as digits only, as the resident may also have written it
    "agafya.author@example.org",  # the signed-in author's e-mail
    "agafya_login",  # the author's user name
    "внутренняя пометка оператора",  # an internal note
    "supporter.private@example.org",  # a supporter's e-mail
]

# (name, URL template): every public GET a resident or a department system can reach without signing in.
PUBLIC_ENDPOINTS = [
    ("appeal list", "/api/v1/appeals"),
    ("appeal list, filtered", "/api/v1/appeals?category=roads&status=registered,answered&limit=1"),
    ("appeal detail", "/api/v1/appeals/{appeal}"),
    ("appeal detail, answered", "/api/v1/appeals/{answered}"),
    ("appeal detail, hidden", "/api/v1/appeals/{hidden}"),
    ("nearby", "/api/v1/appeals/nearby?lon={lon}&lat={lat}&category=roads"),
    ("nearby, any category", "/api/v1/appeals/nearby?lon={lon}&lat={lat}"),
    ("export", "/api/v1/appeals/export.geojson"),
    ("areas", "/api/v1/areas"),
    ("categories", "/api/v1/categories"),
    ("departments", "/api/v1/departments"),
    ("map page", "/"),
    ("OGC appeals items", "/ogc/collections/appeals/items?f=json"),
    ("OGC appeal item", "/ogc/collections/appeals/items/{appeal}?f=json"),
    ("appeal tile", "/tiles/appeals/{z}/{x}/{y}.mvt"),
    ("tension hexes", "/api/v1/tension/hexes?res=10"),
    ("tension hotspots", "/api/v1/tension/hotspots?res=10"),
    ("tension cell", "/api/v1/tension/cells/{cell}"),
    ("tension matrix", "/api/v1/tension/matrix"),
    ("tension matrix, ТОС, CSV", "/api/v1/tension/matrix?level=tos&format=csv"),
    ("tension matrix tile", "/tiles/tension-matrix/{z}/{x}/{y}.mvt"),
    ("OpenAPI", "/api/schema/?format=json"),
]
# Statuses an endpoint may answer with and still be scanned (a hidden appeal is 404; an empty tile 204).
SCANNED_STATUSES = {200, 204, 404}


def tile_of(lon: float, lat: float, z: int) -> tuple[int, int]:
    """The XYZ (Web Mercator) tile holding (lon, lat) degrees at zoom z."""
    n = 2**z
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return x, y


@pytest.fixture
def filed(client, town):  # noqa: F811
    """Three appeals filed through the API with CONTACT: registered, answered (with an internal note),
    and one left new (hidden); a confirmed anonymous support on the first."""
    author = get_user_model().objects.create_user("agafya_login", email="agafya.author@example.org")
    text = "Яма у дома, глубокая, опасно для машин"
    ids = []
    for signed_in in (True, False, False):
        if signed_in:
            client.force_login(author)
        body = feature(LENINA, text=text, contact=CONTACT)
        response = client.post("/api/v1/appeals", json.dumps(body), content_type="application/json")
        assert response.status_code == 201, response.content
        ids.append(response.json()["id"])
        client.logout()
    appeal, answered, hidden = (Appeal.objects.get(pk=pk) for pk in ids)
    AppealContact.objects.filter(appeal__in=[appeal, answered]).update(
        original_text=f"звоните {CONTACT['phone']}"
    )
    Appeal.objects.filter(pk=appeal.pk).update(status=AppealStatus.REGISTERED, supports_count=1)
    Appeal.objects.filter(pk=answered.pk).update(status=AppealStatus.ANSWERED)
    record_event(
        appeal=answered,
        actor=author,
        from_status="registered",
        to_status="answered",
        public_response="Отремонтировано.",
        internal_note="внутренняя пометка оператора",
    )
    Support.objects.create(appeal=appeal, email="supporter.private@example.org")
    z = 14
    x, y = tile_of(*LENINA, z)
    return {
        "appeal": appeal.pk, "answered": answered.pk, "hidden": hidden.pk,
        "lon": LENINA[0], "lat": LENINA[1], "z": z, "x": x, "y": y,
        "cell": h3.latlng_to_cell(LENINA[1], LENINA[0], 10),
    }  # fmt: skip


def body_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize(("name", "template"), PUBLIC_ENDPOINTS, ids=[name for name, _ in PUBLIC_ENDPOINTS])
def test_no_contact_data_in_public_output(client, filed, name, template):
    response = client.get(template.format(**filed))

    assert response.status_code in SCANNED_STATUSES, (name, response.status_code, response.content[:300])
    body = body_of(response)
    for secret in SECRETS:
        assert secret.encode("utf-8") not in body, f"{name} shows {secret!r}"


def test_the_scan_would_see_a_leak(client, filed):
    # The control: the same search finds the contact where it legitimately is (the database), so a pass
    # above means absent, not unsearched.
    stored = AppealContact.objects.get(appeal_id=filed["appeal"])
    assert (stored.name, stored.email, stored.phone) == (CONTACT["name"], CONTACT["email"], CONTACT["phone"])
    listed = body_of(client.get("/api/v1/appeals"))
    assert "Яма у дома".encode() in listed  # the public text is there; the scan reads real bodies


def test_every_public_appeals_route_is_scanned():
    # A new public GET route of the appeals API must be added to PUBLIC_ENDPOINTS.
    from appeals.api import public_urls

    scanned = " ".join(template for _, template in PUBLIC_ENDPOINTS)
    for pattern in public_urls.urlpatterns:
        route = str(pattern.pattern)
        if pattern.name in {
            "api-appeal-support",
            "api-appeal-confirm",
            "api-appeal-reopen",
            "api-appeal-rate",
        }:
            continue  # POST only
        if pattern.name == "api-support-confirm":
            continue  # needs a token; its answer is tested in test_api_support.py
        stem = route.replace("<int:appeal_id>", "{appeal}")
        assert stem in scanned, f"{route} is not in PUBLIC_ENDPOINTS"
