"""GET /api/v1/staff/queue and GET /api/v1/appeals/{id}/internal: the department's appeals by due date
with the overdue flag, paging and filters; the moderation queue; the internal timeline with notes."""

from datetime import UTC, datetime, timedelta

from django.utils import timezone

from appeals.events import record_event
from appeals.workflow import AppealStatus
from tests.appeals import staff_fixtures
from tests.appeals.staff_fixtures import client_for, make_appeal

town, people = staff_fixtures.town, staff_fixtures.people
S = AppealStatus


def test_department_queue_is_sorted_by_due_date_with_the_overdue_flag(town, people):
    now = timezone.now()
    late = make_appeal(
        town.cat.potholes, status=S.IN_PROGRESS, department=town.roads, due_at=now - timedelta(days=2)
    )
    soon = make_appeal(
        town.cat.potholes, status=S.REGISTERED, department=town.roads, due_at=now + timedelta(days=1)
    )
    later = make_appeal(
        town.cat.potholes, status=S.REOPENED, department=town.roads, due_at=now + timedelta(days=9)
    )
    undated = make_appeal(town.cat.potholes, status=S.REGISTERED, department=town.roads, due_at=None)
    make_appeal(town.cat.potholes, status=S.CLOSED, department=town.roads, due_at=now - timedelta(days=5))
    make_appeal(town.cat.potholes, status=S.NEW, department=town.roads, due_at=now - timedelta(days=5))
    make_appeal(town.cat.greenery, status=S.REGISTERED, department=town.improvement, due_at=now)
    response = client_for(people.operator).get("/api/v1/staff/queue")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 4
    assert [r["id"] for r in body["results"]] == [late.pk, soon.pk, later.pk, undated.pk]
    assert [r["overdue"] for r in body["results"]] == [True, False, False, False]
    first = body["results"][0]
    assert first["department"]["code"] == "roads" and first["category"]["code"] == "roads-potholes"
    assert "contact" not in first and "email" not in str(first)


def test_queue_filters_and_paging(town, people):
    now = timezone.now()
    rows = [
        make_appeal(
            town.cat.potholes, status=S.REGISTERED, department=town.roads, due_at=now + timedelta(hours=i)
        )
        for i in range(5)
    ]
    rows[0].due_at = now - timedelta(hours=1)
    rows[0].assignee = people.operator
    rows[0].save()
    client = client_for(people.operator)
    page = client.get("/api/v1/staff/queue", {"page_size": 2, "page": 2}).json()
    assert page["count"] == 5 and [r["id"] for r in page["results"]] == [rows[2].pk, rows[3].pk]
    assert page["next"] and page["previous"]
    assert [r["id"] for r in client.get("/api/v1/staff/queue", {"overdue": "1"}).json()["results"]] == [
        rows[0].pk
    ]
    assert [r["id"] for r in client.get("/api/v1/staff/queue", {"mine": "1"}).json()["results"]] == [
        rows[0].pk
    ]
    assert client.get("/api/v1/staff/queue", {"status": "in_progress"}).json()["count"] == 0
    assert client.get("/api/v1/staff/queue", {"department": town.roads.pk}).json()["count"] == 5
    admin = client_for(people.admin).get("/api/v1/staff/queue", {"department": town.roads.pk}).json()
    assert admin["count"] == 5


def test_bad_queue_parameters_are_400_with_the_field(people):
    client = client_for(people.operator)
    for params, field in [
        ({"scope": "all"}, "scope"),
        ({"status": "lost"}, "status"),
        ({"department": "x"}, "department"),
    ]:
        response = client.get("/api/v1/staff/queue", params)
        assert response.status_code == 400 and response.json()["field"] == field, response.content


def test_moderation_queue_oldest_first_with_the_registration_term(town, people):
    old = make_appeal(town.cat.potholes, status=S.NEW, created_at=datetime(2026, 1, 2, 9, 0, tzinfo=UTC))
    fresh = make_appeal(town.cat.potholes, status=S.NEW, created_at=timezone.now())
    make_appeal(town.cat.potholes, status=S.REGISTERED, department=town.roads)
    body = client_for(people.moderator).get("/api/v1/staff/queue", {"scope": "moderation"}).json()
    assert [(r["id"], r["overdue"]) for r in body["results"]] == [(old.pk, True), (fresh.pk, False)]


def test_internal_view_shows_notes_and_the_whole_timeline(town, people):
    appeal = make_appeal(town.cat.potholes, status=S.REGISTERED, department=town.roads)
    record_event(appeal=appeal, actor=people.moderator, from_status=S.NEW, to_status=S.REGISTERED)
    record_event(appeal=appeal, actor=people.operator, internal_note="Позвонить в ГИБДД")
    body = client_for(people.operator).get(f"/api/v1/appeals/{appeal.pk}/internal").json()
    assert [(e["to_status"], e["internal_note"]) for e in body["events"]] == [
        (S.REGISTERED, ""),
        ("", "Позвонить в ГИБДД"),
    ]
    assert body["events"][1]["actor"]["username"] == "op.roads"
    assert client_for(people.operator).get("/api/v1/appeals/99999999/internal").status_code == 404
