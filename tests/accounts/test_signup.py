"""Resident sign-up: an inactive resident and a signed confirmation link; never tells if an address exists."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from geoportal.roles import Role, has_role
from tests.accounts.support import PASSWORD, local, outbox_link, token_of

User = get_user_model()
SIGNUP = "/api/v1/auth/signup"
CONFIRM = "/api/v1/auth/confirm"
LOGIN = "/api/v1/auth/login"


def signup(client, email="Anna.Petrova@Example.org", password=PASSWORD, **extra):
    return client.post(
        SIGNUP, {"email": email, "password": password, **extra}, content_type="application/json"
    )


@pytest.mark.django_db
def test_signup_creates_an_inactive_resident_and_mails_a_confirmation_link(client, settings):
    settings.PUBLIC_BASE_URL = "https://geo.krymsk.example"

    response = signup(client, name="Анна Петрова")

    assert response.status_code == 202, response.content
    user = User.objects.get()
    assert (user.username, user.email, user.first_name) == ("anna.petrova@example.org",) * 2 + (
        "Анна Петрова",
    )
    assert not user.is_active
    assert user.check_password(PASSWORD)
    assert list(user.groups.values_list("name", flat=True)) == [Role.RESIDENT]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["anna.petrova@example.org"]
    assert mail.outbox[0].subject == "Подтвердите адрес электронной почты на Геопортале"  # Russian by default
    link = outbox_link()
    # The link is built on the configured public URL, never on the request's Host header.
    assert link.startswith("https://geo.krymsk.example/api/v1/auth/confirm?token=")


@pytest.mark.django_db
def test_the_link_activates_once_and_then_the_resident_signs_in(client):
    signup(client)
    path = local(outbox_link())
    too_early = client.post(LOGIN, {"username": "anna.petrova@example.org", "password": PASSWORD})
    assert too_early.status_code == 400
    assert (
        too_early.json()["field"] == "username"
    )  # "confirm your address first", told only with the password

    confirmed = client.get(path)
    again = client.get(path)

    assert confirmed.status_code == 200, confirmed.content
    assert User.objects.get().is_active
    assert again.status_code == 400 and again.json()["field"] == "token"
    login = client.post(LOGIN, {"username": "Anna.Petrova@example.org", "password": PASSWORD})
    assert login.status_code == 200, login.content
    assert login.json()["roles"] == [Role.RESIDENT]


@pytest.mark.django_db
def test_confirm_by_post_and_forged_tokens_are_refused(client):
    signup(client)
    token = token_of(outbox_link())
    forged = token[:-1] + ("0" if token[-1] != "0" else "1")

    assert client.post(CONFIRM, {"token": forged}).status_code == 400
    assert client.post(CONFIRM, {"token": "garbage"}).status_code == 400
    assert client.get(CONFIRM).status_code == 400
    assert not User.objects.get().is_active
    assert client.post(CONFIRM, {"token": token}).status_code == 200
    assert User.objects.get().is_active


@pytest.mark.django_db
def test_a_known_address_gets_the_same_answer_and_an_account_exists_mail(client, make_user):
    owner = make_user("anna", email="anna.petrova@example.org", roles=[Role.RESIDENT])

    response = signup(client, password="Another-Password-42")

    assert response.status_code == 202
    assert response.json() == signup(client, email="nobody@example.org").json()
    assert User.objects.filter(email__iexact="anna.petrova@example.org").count() == 1
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD)  # untouched
    assert mail.outbox[0].subject == "У вас уже есть учётная запись на Геопортале"
    assert "/api/v1/auth/password/reset/confirm?token=" in outbox_link(0)


@pytest.mark.django_db
def test_signing_up_again_before_confirming_replaces_the_password_and_kills_the_old_link(client):
    signup(client, password="First-Password-11")
    old_link = outbox_link()
    signup(client, password="Second-Password-22")
    new_link = outbox_link()

    assert User.objects.count() == 1
    assert User.objects.get().check_password("Second-Password-22")
    assert client.get(local(old_link)).status_code == 400
    assert client.get(local(new_link)).status_code == 200


@pytest.mark.django_db
def test_a_disabled_account_is_not_revived_by_signing_up(client, make_user):
    banned = make_user("anna", email="anna.petrova@example.org", roles=[Role.RESIDENT])
    client.force_login(banned)  # it has signed in before …
    client.logout()
    banned.is_active = False  # … and an administrator disabled it
    banned.save()

    signup(client)

    banned.refresh_from_db()
    assert not banned.is_active and banned.check_password(PASSWORD)
    assert "/api/v1/auth/confirm" not in mail.outbox[0].body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("short1", "Введённый пароль слишком короткий"),
        ("12345678901", "Введённый пароль состоит только из цифр"),
        ("password123", "Введённый пароль слишком широко распространён"),
        ("anna.petrova", "Введённый пароль слишком похож на"),
    ],
)
def test_password_validators_apply_and_nothing_is_written(client, password, reason):
    response = signup(client, password=password)

    assert response.status_code == 400
    assert response.json()["field"] == "password"
    assert reason in response.json()["detail"]
    assert not User.objects.exists() and not mail.outbox


@pytest.mark.django_db
def test_field_errors_for_a_malformed_body(client):
    response = client.post(SIGNUP, {"email": "not-an-address"}, content_type="application/json")

    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"email", "password", "detail", "field"}  # per-field lists + the first reason
    assert body["field"] in ("email", "password") and body["detail"] in body[body["field"]]
    assert not User.objects.exists()


@pytest.mark.django_db
def test_signup_never_makes_staff(client):
    response = signup(client, roles=["admin"], is_staff=True, groups=["admin"])

    assert response.status_code == 202
    user = User.objects.get()
    assert not user.is_staff and not user.is_superuser
    assert has_role(user, Role.RESIDENT) and not has_role(user, Role.ADMIN)
