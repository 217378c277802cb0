"""Password reset: e-mailed single-use link; the answer never tells whether an address has an account."""

import pytest
from django.core import mail
from rest_framework.authtoken.models import Token

from tests.accounts.support import PASSWORD, local, outbox_link, token_of

RESET = "/api/v1/auth/password/reset"
CONFIRM = "/api/v1/auth/password/reset/confirm"
LOGIN = "/api/v1/auth/login"
NEW_PASSWORD = "Novorossiysk-Road-88"


@pytest.mark.django_db
def test_known_and_unknown_addresses_get_the_same_answer(client, make_user):
    make_user("olga", email="olga@example.org")

    known = client.post(RESET, {"email": "OLGA@example.org"})
    unknown = client.post(RESET, {"email": "nobody@example.org"})

    assert known.status_code == unknown.status_code == 202
    assert known.json() == unknown.json()
    assert [m.to for m in mail.outbox] == [["olga@example.org"]]
    assert mail.outbox[0].subject == "Новый пароль для Геопортала"


@pytest.mark.django_db
def test_the_link_sets_a_new_password_once_and_revokes_api_tokens(client, make_user):
    olga = make_user("olga", email="olga@example.org")
    Token.objects.create(user=olga)
    client.post(RESET, {"email": "olga@example.org"})
    link = outbox_link()

    check = client.get(local(link))
    done = client.post(CONFIRM, {"token": token_of(link), "password": NEW_PASSWORD})
    reused = client.post(CONFIRM, {"token": token_of(link), "password": "Yet-Another-Pass-99"})

    assert check.status_code == 200
    assert done.status_code == 200, done.content
    assert reused.status_code == 400 and reused.json()["field"] == "token"
    olga.refresh_from_db()
    assert olga.check_password(NEW_PASSWORD)
    assert not Token.objects.filter(user=olga).exists()
    assert client.post(LOGIN, {"username": "olga", "password": PASSWORD}).status_code == 400
    assert client.post(LOGIN, {"username": "olga", "password": NEW_PASSWORD}).status_code == 200


@pytest.mark.django_db
def test_a_weak_new_password_is_refused_and_the_old_one_stays(client, make_user):
    olga = make_user("olga", email="olga@example.org")
    client.post(RESET, {"email": "olga@example.org"})

    response = client.post(CONFIRM, {"token": token_of(outbox_link()), "password": "12345678"})

    assert response.status_code == 400 and response.json()["field"] == "password"
    olga.refresh_from_db()
    assert olga.check_password(PASSWORD)


@pytest.mark.django_db
def test_no_link_for_an_inactive_account_and_forged_tokens_fail(client, make_user):
    make_user("ivan", email="ivan@example.org", active=False)

    assert client.post(RESET, {"email": "ivan@example.org"}).status_code == 202
    assert not mail.outbox
    assert client.get(CONFIRM, {"token": "MQ.abc-def"}).status_code == 400
    assert client.post(CONFIRM, {"token": "", "password": NEW_PASSWORD}).status_code == 400
