"""GET /api/v1/appeals/mine: a signed-in resident's own appeals on any device — every status, newest
first, cursor-paged, public fields only; nobody else's, and nothing for an anonymous caller."""

import pytest
from django.contrib.auth import get_user_model

from appeals.workflow import AppealStatus
from tests.appeals.public_support import CONTACT, LENINA, STATION, make_appeal, town  # noqa: F401

URL = "/api/v1/appeals/mine"


@pytest.fixture
def resident(db):
    return get_user_model().objects.create_user("olga", "olga@example.org", "Krymsk-Mine-2026")


@pytest.fixture
def filed(town, resident):  # noqa: F811
    statuses = [AppealStatus.NEW, AppealStatus.REGISTERED, AppealStatus.REJECTED, AppealStatus.ANSWERED]
    own = [make_appeal(town["roads"], author=resident, status=status) for status in statuses]
    others = [
        make_appeal(town["roads"], lonlat=STATION),  # anonymous
        make_appeal(town["roads"], author=get_user_model().objects.create_user("ivan", "ivan@example.org")),
    ]
    return {"own": own, "others": others}


def test_an_anonymous_caller_is_told_to_sign_in(client, filed):
    response = client.get(URL)
    assert response.status_code == 403
    assert response.json()["detail"] == "Войдите, чтобы увидеть свои обращения."


def test_the_resident_sees_every_own_appeal_newest_first_and_nobody_elses(client, filed, resident):
    client.force_login(resident)
    response = client.get(URL)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/geo+json")
    page = response.json()
    ids = [f["id"] for f in page["features"]]
    assert ids == sorted((a.pk for a in filed["own"]), reverse=True)
    statuses = {f["properties"]["status"] for f in page["features"]}
    assert statuses == {"new", "registered", "rejected", "answered"}  # hidden ones included: theirs
    assert page["properties"] == {"numberReturned": 4, "next": None}
    assert page["features"][-1]["geometry"]["coordinates"] == [round(c, 6) for c in LENINA]
    for secret in (*CONTACT.values(), "olga@example.org"):
        assert secret not in response.content.decode()


def test_pages_follow_the_cursor(client, filed, resident):
    client.force_login(resident)
    newest_first = sorted((a.pk for a in filed["own"]), reverse=True)
    seen, url = [], f"{URL}?limit=3"
    while url:
        page = client.get(url).json()
        seen += [f["id"] for f in page["features"]]
        url = page["properties"]["next"]
    assert seen == newest_first
    assert client.get(f"{URL}?limit=4").json()["properties"]["next"] is None  # exactly one full page


@pytest.mark.parametrize(
    ("query", "field"), [("limit=0", "limit"), ("limit=1001", "limit"), ("cursor=%%%", "cursor")]
)
def test_bad_paging_is_refused_with_a_reason(client, resident, query, field):
    client.force_login(resident)
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 400 and response.json()["field"] == field
