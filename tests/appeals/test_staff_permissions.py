"""Who may call which staff endpoint: anonymous, resident, moderator, operator of the responsible
department, operator of another department, planner, admin, superuser × every staff endpoint.
A refused call is 403 and changes nothing."""

import json

import pytest

from appeals.models import Appeal, AppealEvent, AreaSubscription, ResponseTemplate
from appeals.workflow import AppealStatus
from tests.appeals import staff_fixtures
from tests.appeals.staff_fixtures import RESIDENT_EMAIL, RESIDENT_PHONE, STATION, client_for, make_appeal

town, people = staff_fixtures.town, staff_fixtures.people
S = AppealStatus
ROLES = ["anonymous", "resident", "moderator", "operator", "other_operator", "planner", "admin", "superuser"]
STAFF_ADMINS = {"admin", "superuser"}


def allowed(*roles: str) -> set[str]:
    return set(roles) | STAFF_ADMINS


# endpoint → (method, path template, body, roles that succeed)
ENDPOINTS = {
    "queue": ("get", "/api/v1/staff/queue", None, allowed("operator", "other_operator")),
    "moderation_queue": ("get", "/api/v1/staff/queue?scope=moderation", None, allowed("moderator")),
    "moderate": ("post", "/api/v1/appeals/{new}/moderate", {"action": "approve"}, allowed("moderator")),
    "edit": (
        "post",
        "/api/v1/appeals/{new}/moderate",
        {"action": "edit", "text": "Яма на дороге у школы"},
        allowed("moderator"),
    ),
    "transition": (
        "post",
        "/api/v1/appeals/{registered}/transition",
        {"to_status": "in_progress"},
        allowed("operator"),
    ),
    "assign": ("post", "/api/v1/appeals/{registered}/assign", {"assignee": "COLLEAGUE"}, allowed("operator")),
    "notes": (
        "post",
        "/api/v1/appeals/{registered}/notes",
        {"text": "заметка"},
        allowed("operator", "moderator"),
    ),
    "internal": (
        "get",
        "/api/v1/appeals/{registered}/internal",
        None,
        allowed("operator", "moderator", "planner"),
    ),
    "extend": (
        "post",
        "/api/v1/appeals/{registered}/extend",
        {"days": 10, "notice": "Продлеваем срок ответа."},
        allowed("operator"),
    ),
    "templates": ("get", "/api/v1/staff/templates", None, allowed("operator", "other_operator")),
    "template_create": (
        "post",
        "/api/v1/staff/templates",
        {"department": "ROADS", "title": "t", "text": "ответ"},
        allowed("operator"),
    ),
}


def footprint() -> tuple:
    """Everything a staff call could write."""
    appeals = tuple(
        Appeal.objects.order_by("id").values_list(
            "status", "text", "department_id", "assignee_id", "due_at", "extension_days"
        )
    )
    return (
        appeals,
        AppealEvent.objects.count(),
        ResponseTemplate.objects.count(),
        AreaSubscription.objects.count(),
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", sorted(ENDPOINTS))
def test_permission_matrix(town, people, role, endpoint):
    new = make_appeal(town.cat.potholes, lonlat=STATION, status=S.NEW, department=None)
    registered = make_appeal(
        town.cat.potholes, status=S.REGISTERED, department=town.roads, due_at=new.created_at
    )
    method, path, body, ok_roles = ENDPOINTS[endpoint]
    path = path.format(new=new.pk, registered=registered.pk)
    refs = {"COLLEAGUE": people.colleague.pk, "ROADS": town.roads.pk}
    body = {k: refs.get(v, v) for k, v in body.items()} if body else None
    client = client_for(getattr(people, role))
    before = footprint()
    response = client.get(path) if method == "get" else client.post(path, body, format="json")
    if role in ok_roles:
        assert response.status_code in (200, 201), (role, endpoint, response.content)
    else:
        assert response.status_code == 403, (role, endpoint, response.status_code, response.content)
        assert footprint() == before


@pytest.mark.parametrize("role", ["operator", "moderator", "admin", "planner"])
def test_contact_only_for_those_who_answer_the_resident(town, people, role):
    appeal = make_appeal(town.cat.potholes, status=S.REGISTERED, department=town.roads)
    response = client_for(getattr(people, role)).get(f"/api/v1/appeals/{appeal.pk}/internal")
    assert response.status_code == 200
    body = response.json()
    text = json.dumps(body, ensure_ascii=False)
    if role == "planner":
        assert body["contact_visible"] is False and "contact" not in body
        assert RESIDENT_EMAIL not in text and RESIDENT_PHONE not in text
    else:
        assert body["contact_visible"] is True
        assert (body["contact"]["email"], body["contact"]["phone"]) == (RESIDENT_EMAIL, RESIDENT_PHONE)


def test_subscriptions_are_open_to_everybody(town, people):
    for role in ROLES:
        response = client_for(getattr(people, role)).post(
            "/api/v1/subscriptions", {"email": f"{role}@example.org", "area": town.north.pk}, format="json"
        )
        assert response.status_code == 201, (role, response.content)


def test_an_operator_cannot_manage_another_departments_templates_or_queue(town, people):
    client = client_for(people.other_operator)
    response = client.post(
        "/api/v1/staff/templates", {"department": town.roads.pk, "title": "t", "text": "ответ"}, format="json"
    )
    assert response.status_code == 403
    assert client.get("/api/v1/staff/queue", {"department": town.roads.pk}).status_code == 403
    assert not ResponseTemplate.objects.exists()
