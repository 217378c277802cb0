"""API tokens (DRF TokenAuthentication) for API clients, and the throttle on the auth endpoints."""

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.throttling import ScopedRateThrottle

from geoportal.roles import Role
from tests.accounts.support import PASSWORD

TOKEN = "/api/v1/auth/token"
ME = "/api/v1/auth/me"
LOGOUT = "/api/v1/auth/logout"


@pytest.mark.django_db
def test_a_token_authenticates_api_requests_without_a_session_or_csrf(make_user):
    make_user("olga", email="olga@example.org", roles=[Role.PLANNER])
    api = Client(enforce_csrf_checks=True)

    first = api.post(TOKEN, {"username": "olga@example.org", "password": PASSWORD})
    second = api.post(TOKEN, {"username": "olga", "password": PASSWORD})
    key = first.json()["token"]
    me = api.get(ME, headers={"Authorization": f"Token {key}"})

    assert first.status_code == 200, first.content
    assert second.json()["token"] == key  # one token per user
    assert me.json()["authenticated"] is True and me.json()["roles"] == ["planner"]
    assert "sessionid" not in api.cookies


@pytest.mark.django_db
def test_logout_with_a_token_revokes_it(client, make_user):
    make_user("olga")
    key = client.post(TOKEN, {"username": "olga", "password": PASSWORD}).json()["token"]

    response = Client(enforce_csrf_checks=True).post(LOGOUT, headers={"Authorization": f"Token {key}"})
    after = client.get(ME, headers={"Authorization": f"Token {key}"})

    assert response.status_code == 204
    assert not Token.objects.filter(key=key).exists()
    assert after.status_code == 403  # DRF refuses an unknown token outright


@pytest.mark.django_db
def test_no_token_for_wrong_or_unconfirmed_credentials(client, make_user):
    make_user("olga")
    make_user("ivan", active=False)

    wrong = client.post(TOKEN, {"username": "olga", "password": "wrong-password-1"})
    unconfirmed = client.post(TOKEN, {"username": "ivan", "password": PASSWORD})

    assert wrong.status_code == unconfirmed.status_code == 400
    assert not Token.objects.exists()


@pytest.mark.django_db
def test_auth_endpoints_are_throttled_per_client(client, make_user, monkeypatch):
    make_user("olga")
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"auth": "3/min"})

    codes = [client.post(TOKEN, {"username": "olga", "password": f"guess-{i}"}).status_code for i in range(4)]
    blocked = client.post(TOKEN, {"username": "olga", "password": PASSWORD})

    assert codes == [400, 400, 400, 429]
    assert blocked.status_code == 429  # even the right password waits
    assert "Retry-After" in blocked.headers


@pytest.mark.django_db
def test_a_forged_x_forwarded_for_does_not_escape_the_throttle(client, make_user, monkeypatch):
    make_user("olga")
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"auth": "2/min"})

    codes = [
        client.post(
            TOKEN, {"username": "olga", "password": "guess"}, headers={"X-Forwarded-For": f"203.0.113.{i}"}
        ).status_code
        for i in range(3)
    ]

    assert codes == [400, 400, 429]
