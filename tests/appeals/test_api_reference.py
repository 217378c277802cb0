"""GET /api/v1/categories and /api/v1/departments: the rubricator and the departments, public fields only."""

import pytest

from tests.appeals.public_support import town  # noqa: F401


def test_categories_active_only_with_names_kind_parent_icon_radius(client, town):  # noqa: F811
    response = client.get("/api/v1/categories")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    by_code = {c["code"]: c for c in response.json()}
    assert set(by_code) == {"roads", "roads-potholes", "proposal-yard"}  # "retired" is inactive
    assert by_code["roads-potholes"] == {
        "id": town["potholes"].pk,
        "code": "roads-potholes",
        "name": "Ямы",
        "name_ru": "Ямы",
        "name_en": "Potholes",
        "kind": "issue",
        "parent": town["roads"].pk,
        "icon": "",
        "duplicate_radius_m": 120,
        "federal_code": "",
    }
    assert by_code["roads"]["icon"] == "road"
    assert by_code["proposal-yard"]["kind"] == "proposal"


def test_category_name_follows_the_language(client, town):  # noqa: F811
    response = client.get("/api/v1/categories", HTTP_ACCEPT_LANGUAGE="en")

    assert {c["name"] for c in response.json()} == {"Roads", "Potholes", "Yard"}


def test_categories_of_one_kind(client, town):  # noqa: F811
    response = client.get("/api/v1/categories", {"kind": "proposal"})

    assert [c["code"] for c in response.json()] == ["proposal-yard"]


@pytest.mark.parametrize("kind", ["", "complaint"])
def test_unknown_kind_is_a_400(client, town, kind):  # noqa: F811
    response = client.get("/api/v1/categories", {"kind": kind})

    assert response.status_code == 400
    assert response.json()["field"] == "kind"


def test_departments_public_fields_only(client, town):  # noqa: F811
    response = client.get("/api/v1/departments")

    assert response.status_code == 200
    assert response.json() == [
        {
            "id": town["department"].pk,
            "code": "roads",
            "name": "Дорожное хозяйство",
            "name_ru": "Дорожное хозяйство",
            "name_en": "Roads",
            "categories": ["roads"],
        }
    ]
    text = response.content.decode()
    for secret in ("webhook-secret-value", "hooks.example.org", "roads-dept@example.org"):
        assert secret not in text
