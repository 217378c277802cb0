"""POST /api/v1/appeals/{id}/support and GET /api/v1/supports/confirm: one support per user or per confirmed
e-mail, idempotent, supports_count kept in step with the Support rows."""

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from appeals.models import Appeal, Support
from appeals.services.resident import support_token
from appeals.workflow import AppealStatus
from tests.appeals.public_support import make_appeal, resident, row_counts, town  # noqa: F401


def support_url(appeal) -> str:
    return f"/api/v1/appeals/{appeal.pk}/support"


@pytest.fixture
def appeal(town):  # noqa: F811
    return make_appeal(town["roads"], status=AppealStatus.REGISTERED, supports_count=0)


def count_of(appeal) -> int:
    return Appeal.objects.get(pk=appeal.pk).supports_count


def test_signed_in_support_counts_once(client, appeal, resident):  # noqa: F811
    client.force_login(resident)

    first = client.post(support_url(appeal))
    second = client.post(support_url(appeal))

    assert first.status_code == 201
    assert first.json() == {"appeal": appeal.pk, "supports_count": 1, "created": True}
    assert second.status_code == 200
    assert second.json() == {"appeal": appeal.pk, "supports_count": 1, "created": False}
    assert Support.objects.filter(appeal=appeal, user=resident).count() == 1
    assert count_of(appeal) == 1


def test_two_users_count_twice(client, appeal, resident):  # noqa: F811
    other = get_user_model().objects.create_user("petr")
    for user in (resident, other):
        client.force_login(user)
        client.post(support_url(appeal))

    assert count_of(appeal) == Support.objects.filter(appeal=appeal).count() == 2


def confirm_link(message) -> str:
    [link] = re.findall(r"http://testserver/api/v1/supports/confirm\?token=\S+", message.body)
    parts = urlsplit(link)
    return f"{parts.path}?{parts.query}"


def test_anonymous_support_counts_only_after_the_e_mailed_link(client, appeal):
    response = client.post(
        support_url(appeal), {"email": "Maria@Example.org"}, content_type="application/json"
    )

    assert response.status_code == 202
    assert count_of(appeal) == 0
    assert Support.objects.count() == 0
    [message] = mail.outbox
    assert message.to == ["Maria@Example.org"]

    confirmed = client.get(confirm_link(message))
    again = client.get(confirm_link(message))

    assert confirmed.status_code == 200
    assert confirmed.json() == {"appeal": appeal.pk, "supports_count": 1, "created": True}
    assert again.status_code == 200
    assert again.json() == {"appeal": appeal.pk, "supports_count": 1, "created": False}
    assert Support.objects.get().email == "maria@example.org"
    assert "maria@example.org" not in confirmed.content.decode()


def test_same_e_mail_twice_counts_once(client, appeal):
    for _ in range(2):
        client.post(support_url(appeal), {"email": "maria@example.org"}, content_type="application/json")
    for message in mail.outbox:
        client.get(confirm_link(message))

    assert count_of(appeal) == 1


@pytest.mark.parametrize("body", [{}, {"email": "nope"}, {"email": ""}])
def test_anonymous_support_needs_an_e_mail(client, appeal, body):
    response = client.post(support_url(appeal), body, content_type="application/json")

    assert response.status_code == 400
    assert response.json()["field"] == "email"
    assert mail.outbox == []


@pytest.mark.parametrize(
    "token",
    ["", "garbage", support_token(appeal_id=1, email="a@example.org") + "x"],
    ids=["empty", "junk", "forged"],
)
def test_bad_token_is_a_400(client, appeal, token):
    response = client.get("/api/v1/supports/confirm", {"token": token})

    assert response.status_code == 400
    assert response.json()["field"] == "token"
    assert Support.objects.count() == 0


def test_token_of_another_appeal_counts_there_only(client, appeal, town):  # noqa: F811
    other = make_appeal(town["roads"])

    client.get(
        "/api/v1/supports/confirm", {"token": support_token(appeal_id=other.pk, email="a@example.org")}
    )

    assert (count_of(appeal), count_of(other)) == (0, 1)


@pytest.mark.parametrize("status", [AppealStatus.NEW, AppealStatus.REJECTED])
def test_hidden_appeal_is_404(client, town, resident, status):  # noqa: F811
    hidden = make_appeal(town["roads"], status=status)
    client.force_login(resident)
    before = row_counts()

    assert client.post(support_url(hidden)).status_code == 404
    assert row_counts() == before


@pytest.mark.parametrize("status", [AppealStatus.CLOSED, AppealStatus.ANSWERED, AppealStatus.DUPLICATE])
def test_appeal_no_longer_open_is_409(client, town, resident, status):  # noqa: F811
    done = make_appeal(town["roads"], status=status)
    client.force_login(resident)

    assert client.post(support_url(done)).status_code == 409
    assert (
        client.post(
            support_url(done), {"email": "a@example.org"}, content_type="application/json"
        ).status_code
        == 409
    )


def test_proposal_gets_support(client, town, resident):  # noqa: F811
    proposal = make_appeal(town["yard"], status=AppealStatus.PUBLISHED)
    client.force_login(resident)

    assert client.post(support_url(proposal)).json()["supports_count"] == 1
