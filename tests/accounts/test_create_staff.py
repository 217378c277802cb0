"""Staff accounts are made by administrators only: `manage.py create_staff` (and the Django admin)."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command

from appeals.models import Department
from geoportal.roles import Role, has_role
from tests.accounts.support import local, outbox_link, token_of

User = get_user_model()


@pytest.fixture
def roads(db):
    return Department.objects.create(code="roads", name="Дорожное хозяйство")


def test_create_an_operator_of_a_department_who_then_chooses_a_password(client, roads):
    out = StringIO()

    call_command(
        "create_staff",
        "--email",
        "Olga@Krymsk.example",
        "--role",
        "operator",
        "--department",
        "roads",
        "--name",
        "Ольга Дорожная",
        stdout=out,
    )

    user = User.objects.get()
    assert (user.username, user.email, user.first_name) == (
        "olga@krymsk.example",
        "olga@krymsk.example",
        "Ольга Дорожная",
    )
    assert user.is_active and not user.is_staff and not user.has_usable_password()
    assert has_role(user, Role.OPERATOR) and not has_role(user, Role.ADMIN)
    assert list(roads.members.all()) == [user]
    assert "Created operator olga@krymsk.example in roads" in out.getvalue()
    assert mail.outbox[0].subject == "Ваша служебная учётная запись на Геопортале"
    assert "оператор отдела" in mail.outbox[0].body
    link = outbox_link()
    assert client.get(local(link)).status_code == 200
    chosen = client.post(
        "/api/v1/auth/password/reset/confirm", {"token": token_of(link), "password": "Dorogi-Krymsk-2026"}
    )
    assert chosen.status_code == 200, chosen.content
    login = client.post(
        "/api/v1/auth/login", {"username": "olga@krymsk.example", "password": "Dorogi-Krymsk-2026"}
    )
    assert login.json()["departments"][0]["code"] == "roads"


def test_an_administrator_gets_the_django_admin_too(roads):
    call_command("create_staff", "--email", "admin@krymsk.example", "--role", "admin", stdout=StringIO())

    user = User.objects.get()
    assert user.is_staff and user.is_superuser and has_role(user, Role.ADMIN)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role", "operator"], "department: Оператору нужен отдел."),
        (
            ["--role", "operator", "--department", "roads", "--department", "water"],
            "Неизвестный отдел: water",
        ),
        (["--role", "resident"], "invalid choice: 'resident'"),
    ],
)
def test_bad_input_writes_nothing(roads, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("create_staff", "--email", "olga@krymsk.example", *args, stdout=StringIO())

    assert not User.objects.exists() and not mail.outbox


def test_an_address_with_an_account_is_refused(roads, make_user):
    make_user("olga", email="Olga@Krymsk.example")

    with pytest.raises(CommandError, match="email: Учётная запись с этим адресом"):
        call_command(
            "create_staff", "--email", "olga@krymsk.example", "--role", "moderator", stdout=StringIO()
        )

    assert User.objects.count() == 1
