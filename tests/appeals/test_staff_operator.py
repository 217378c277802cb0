"""Operator work through the staff API: transitions with responses and templates, redirect, assignment,
internal notes, the one extension — every change an AppealEvent, bad input a field-level 400."""

from datetime import UTC, datetime

import pytest

from appeals import deadlines
from appeals.models import Appeal, AppealEvent, ResponseTemplate
from appeals.workflow import AppealStatus
from tests.appeals import staff_fixtures
from tests.appeals.staff_fixtures import RESIDENT_EMAIL, client_for, make_appeal

town, people = staff_fixtures.town, staff_fixtures.people
S = AppealStatus
DUE = datetime(2026, 6, 1, 15, 0, tzinfo=UTC)


def post(user, appeal, action, **body):
    return client_for(user).post(f"/api/v1/appeals/{appeal.pk}/{action}", body, format="json")


def state(appeal_id: int) -> tuple:
    a = Appeal.objects.get(pk=appeal_id)
    events = AppealEvent.objects.filter(appeal_id=appeal_id).count()
    return (a.status, a.department_id, a.assignee_id, a.due_at, a.extension_days, a.answered_at, events)


@pytest.fixture
def appeal(town):
    return make_appeal(town.cat.potholes, status=S.REGISTERED, department=town.roads, due_at=DUE)


def test_in_progress_then_answered_then_closed(
    people, appeal, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert post(people.operator, appeal, "transition", to_status="in_progress").status_code == 200
        response = post(
            people.operator,
            appeal,
            "transition",
            to_status="answered",
            public_response="Яма заделана 12 мая.",
            internal_note="бригада №3",
        )
    assert response.status_code == 200, response.content
    appeal.refresh_from_db()
    assert appeal.status == S.ANSWERED and appeal.answered_at is not None and appeal.closed_at is None
    answered = AppealEvent.objects.get(appeal=appeal, to_status=S.ANSWERED)
    assert (answered.public_response, answered.internal_note) == ("Яма заделана 12 мая.", "бригада №3")
    assert [m.to for m in mailoutbox] == [[RESIDENT_EMAIL]] * 2
    assert "бригада" not in mailoutbox[1].body
    assert post(people.colleague, appeal, "transition", to_status="closed").status_code == 200
    appeal.refresh_from_db()
    assert appeal.status == S.CLOSED and appeal.closed_at is not None


def test_redirect_moves_the_appeal_to_another_department_with_a_public_note(town, people, appeal):
    appeal.assignee = people.operator
    appeal.save()
    response = post(
        people.operator,
        appeal,
        "transition",
        to_status="redirected",
        public_response="Передано в Благоустройство.",
        department=town.improvement.pk,
    )
    assert response.status_code == 200, response.content
    appeal.refresh_from_db()
    assert (appeal.status, appeal.department, appeal.assignee, appeal.due_at) == (
        S.REDIRECTED,
        town.improvement,
        None,
        DUE,
    )
    # the old department has lost it, the new one registers it
    assert post(people.operator, appeal, "transition", to_status="registered").status_code == 403
    assert post(people.other_operator, appeal, "transition", to_status="in_progress").status_code == 200


def test_a_template_fills_the_response(town, people, appeal):
    appeal.address = "улица Ленина, 12"
    appeal.save()
    created = client_for(people.operator).post(
        "/api/v1/staff/templates",
        {
            "department": town.roads.pk,
            "category": town.cat.potholes.pk,
            "title": "Яма заделана",
            "text": "Обращение № {appeal_id} ({address}): яма заделана. {department}.",
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    response = post(
        people.operator, appeal, "transition", to_status="answered", template=created.json()["id"]
    )
    assert response.status_code == 200, response.content
    event = AppealEvent.objects.get(appeal=appeal, to_status=S.ANSWERED)
    assert (
        event.public_response
        == f"Обращение № {appeal.pk} (улица Ленина, 12): яма заделана. Дорожное хозяйство."
    )
    listed = client_for(people.operator).get("/api/v1/staff/templates").json()["results"]
    assert [t["title"] for t in listed] == ["Яма заделана"]
    assert client_for(people.other_operator).get("/api/v1/staff/templates").json()["results"] == []


def test_assign_to_a_member_and_unassign(people, appeal):
    assert post(people.operator, appeal, "assign", assignee=people.colleague.pk).status_code == 200
    appeal.refresh_from_db()
    assert appeal.assignee == people.colleague
    assert post(people.operator, appeal, "assign", assignee=None).status_code == 200
    appeal.refresh_from_db()
    assert appeal.assignee is None
    notes = list(AppealEvent.objects.filter(appeal=appeal).values_list("internal_note", "public_response"))
    assert len(notes) == 2 and all(note and public == "" for note, public in notes)


def test_notes_are_internal_and_never_mailed(people, appeal, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(people.moderator, appeal, "notes", text="Житель звонил повторно")
    assert response.status_code == 201
    assert response.json()["internal_note"] == "Житель звонил повторно"
    event = AppealEvent.objects.get(appeal=appeal)
    assert (event.to_status, event.public_response, event.notified_at) == ("", "", None)
    assert mailoutbox == []


def test_extend_once_with_a_notice_to_the_resident(
    people, appeal, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            people.operator, appeal, "extend", days=30, notice="Нужен выезд комиссии, срок продлён."
        )
    assert response.status_code == 200, response.content
    appeal.refresh_from_db()
    assert appeal.extension_days == 30
    assert appeal.due_at == deadlines.extension_due(DUE, 30)
    assert "Нужен выезд комиссии" in mailoutbox[0].body and mailoutbox[0].to == [RESIDENT_EMAIL]
    before = state(appeal.pk)
    again = post(people.operator, appeal, "extend", days=5, notice="Ещё раз продлеваем срок.")
    assert again.status_code == 400 and again.json()["field"] == "days"
    assert state(appeal.pk) == before


@pytest.mark.parametrize(
    ("action", "body", "field"),
    [
        ("transition", {"to_status": "flying"}, "to_status"),
        ("transition", {}, "to_status"),
        ("transition", {"to_status": "closed"}, "to_status"),  # registered → closed is not a move
        ("transition", {"to_status": "duplicate"}, "to_status"),
        ("transition", {"to_status": "answered"}, "public_response"),
        ("transition", {"to_status": "answered", "public_response": "  "}, "public_response"),
        ("transition", {"to_status": "redirected", "public_response": "Передано."}, "department"),
        (
            "transition",
            {"to_status": "redirected", "public_response": "x", "department": "SAME"},
            "department",
        ),
        (
            "transition",
            {"to_status": "redirected", "public_response": "x", "department": 99999999},
            "department",
        ),
        ("transition", {"to_status": "answered", "template": 99999999}, "template"),
        ("transition", {"to_status": "answered", "template": "FOREIGN"}, "template"),
        ("assign", {}, "assignee"),
        ("assign", {"assignee": "OUTSIDER"}, "assignee"),
        ("assign", {"assignee": 99999999}, "assignee"),
        ("notes", {}, "text"),
        ("notes", {"text": ""}, "text"),
        ("extend", {"days": 31, "notice": "Продлеваем срок ответа."}, "days"),
        ("extend", {"days": 0, "notice": "Продлеваем срок ответа."}, "days"),
        ("extend", {"days": "many", "notice": "Продлеваем срок ответа."}, "days"),
        ("extend", {"days": 10}, "notice"),
        ("extend", {"days": 10, "notice": "коротко"}, "notice"),
    ],
)
def test_bad_operator_input_is_400_with_the_field_and_writes_nothing(
    town, people, appeal, action, body, field
):
    foreign = ResponseTemplate.objects.create(department=town.improvement, title="чужой", text="ответ")
    refs = {"SAME": town.roads.pk, "FOREIGN": foreign.pk, "OUTSIDER": people.other_operator.pk}
    body = {k: refs.get(v, v) if isinstance(v, str) else v for k, v in body.items()}
    before = state(appeal.pk)
    response = post(people.operator, appeal, action, **body)
    assert response.status_code == 400, response.content
    payload = response.json()
    assert payload.get("field") == field or field in payload, payload
    assert state(appeal.pk) == before


def test_new_and_closed_appeals_cannot_be_moved_by_operators(town, people):
    new = make_appeal(town.cat.potholes, status=S.NEW, department=town.roads)
    response = post(people.operator, new, "transition", to_status="in_progress")
    assert response.status_code == 400 and response.json()["field"] == "to_status"
    closed = make_appeal(town.cat.potholes, status=S.CLOSED, department=town.roads, due_at=DUE)
    response = post(people.operator, closed, "extend", days=5, notice="Продлеваем срок ответа.")
    assert response.status_code == 400 and response.json()["field"] == "days"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"department": "ROADS", "title": "t", "text": "Ответ {appeal_id} {resident_phone}"}, "text"),
        ({"department": "ROADS", "title": "t", "text": "Ответ {0}"}, "text"),
        ({"department": "ROADS", "title": "t", "text": "Ответ {appeal_id.__class__}"}, "text"),
        ({"department": "ROADS", "title": "t", "text": "Ответ {appeal_id:>10}"}, "text"),
        ({"department": "ROADS", "title": "t", "text": "Ответ {appeal_id"}, "text"),
        ({"department": "ROADS", "title": "Есть", "text": "Ответ"}, "title"),
        ({"department": "ROADS", "title": "t", "text": "Ответ", "category": 99999999}, "category"),
        ({"department": 99999999, "title": "t", "text": "Ответ"}, "department"),
        ({"title": "t", "text": "Ответ"}, "department"),
    ],
)
def test_bad_templates_are_refused(town, people, body, field):
    ResponseTemplate.objects.create(department=town.roads, title="Есть", text="Ответ")
    body = {k: town.roads.pk if v == "ROADS" else v for k, v in body.items()}
    response = client_for(people.operator).post("/api/v1/staff/templates", body, format="json")
    assert response.status_code == 400, response.content
    payload = response.json()
    assert payload.get("field") == field or field in payload, payload
    assert ResponseTemplate.objects.count() == 1
