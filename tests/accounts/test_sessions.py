"""Sessions for the web map: login / logout / me, with CSRF on session writes."""

import pytest
from django.test import Client

from appeals.models import Department
from geoportal.roles import Role
from tests.accounts.support import PASSWORD

LOGIN = "/api/v1/auth/login"
LOGOUT = "/api/v1/auth/logout"
ME = "/api/v1/auth/me"


@pytest.mark.django_db
def test_me_of_an_anonymous_visitor_sets_the_csrf_cookie(client):
    response = client.get(ME)

    assert response.status_code == 200
    assert response.json() == {"authenticated": False, "roles": [], "departments": []}
    assert response.cookies["csrftoken"].value


@pytest.mark.django_db
def test_login_by_user_name_or_e_mail_then_me_shows_roles_and_departments(client, make_user):
    operator = make_user("olga", email="Olga@Roads.example", roles=[Role.OPERATOR, Role.PLANNER])
    roads = Department.objects.create(code="roads", name="Дорожное хозяйство")
    Department.objects.create(code="parks", name="Парки")
    roads.members.add(operator)

    by_name = client.post(LOGIN, {"username": "olga", "password": PASSWORD})
    client.post(LOGOUT)
    by_email = client.post(LOGIN, {"username": " olga@roads.EXAMPLE ", "password": PASSWORD})
    me = client.get(ME).json()

    assert by_name.status_code == 200 and by_email.status_code == 200, by_email.content
    assert me == {
        "authenticated": True,
        "id": operator.pk,
        "username": "olga",
        "email": "Olga@roads.example",  # Django lower-cases the domain only
        "name": "",
        "roles": ["operator", "planner"],
        "departments": [{"id": roads.pk, "code": "roads", "name": "Дорожное хозяйство"}],
    }


@pytest.mark.django_db
def test_a_superuser_holds_every_role(client, django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.org", PASSWORD)
    client.force_login(root)

    assert client.get(ME).json()["roles"] == [role.value for role in Role]


@pytest.mark.django_db
def test_wrong_password_is_a_400_that_does_not_tell_which_part_was_wrong(client, make_user):
    make_user("olga")

    wrong_password = client.post(LOGIN, {"username": "olga", "password": "nope-nope-nope"})
    unknown_user = client.post(LOGIN, {"username": "nobody@example.org", "password": PASSWORD})

    assert wrong_password.status_code == unknown_user.status_code == 400
    assert wrong_password.json() == unknown_user.json()
    assert "field" not in wrong_password.json()
    assert client.get(ME).json()["authenticated"] is False


@pytest.mark.django_db
def test_logout_ends_the_session(client, make_user):
    make_user("olga")
    client.post(LOGIN, {"username": "olga", "password": PASSWORD})

    response = client.post(LOGOUT)

    assert response.status_code == 204
    assert client.get(ME).json()["authenticated"] is False


@pytest.mark.django_db
def test_session_writes_need_the_csrf_token(make_user):
    make_user("olga")
    browser = Client(enforce_csrf_checks=True)

    forged = browser.post(LOGIN, {"username": "olga", "password": PASSWORD})
    csrf = browser.get(ME).cookies["csrftoken"].value
    login = browser.post(LOGIN, {"username": "olga", "password": PASSWORD}, headers={"X-CSRFToken": csrf})
    csrf = browser.cookies["csrftoken"].value  # rotated at login
    logout_forged = browser.post(LOGOUT)
    logout = browser.post(LOGOUT, headers={"X-CSRFToken": csrf})

    assert forged.status_code == 403 and "CSRF" in forged.json()["detail"]
    assert login.status_code == 200, login.content
    assert logout_forged.status_code == 403
    assert logout.status_code == 204
