"""Moderation through POST /api/v1/appeals/{id}/moderate: approve (routing + due date), reject,
duplicate, edit of the public text — with the event log, the resident's e-mail and field-level 400s."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from appeals import deadlines
from appeals.models import Appeal, AppealContact, AppealEvent
from appeals.workflow import AppealStatus
from tests.appeals import staff_fixtures
from tests.appeals.staff_fixtures import LENINA, RESIDENT_EMAIL, STATION, client_for, make_appeal, offset

town, people = staff_fixtures.town, staff_fixtures.people
S = AppealStatus


def moderate(user, appeal, **body):
    return client_for(user).post(f"/api/v1/appeals/{appeal.pk}/moderate", body, format="json")


def snapshot(appeal_id: int) -> tuple:
    appeal = Appeal.objects.get(pk=appeal_id)
    return (
        appeal.status,
        appeal.text,
        appeal.department_id,
        appeal.due_at,
        appeal.duplicate_of_id,
        AppealEvent.objects.filter(appeal_id=appeal_id).count(),
    )


@pytest.fixture
def new_appeal(town):
    return make_appeal(town.cat.potholes, lonlat=STATION, status=S.NEW, department=None)


def test_approve_registers_routes_and_sets_the_due_date(
    town, people, new_appeal, mailoutbox, django_capture_on_commit_callbacks
):
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        response = moderate(people.moderator, new_appeal, action="approve")
    assert response.status_code == 200, response.content
    appeal = Appeal.objects.get(pk=new_appeal.pk)
    assert appeal.status == S.REGISTERED and appeal.department == town.roads
    assert before <= appeal.registered_at <= timezone.now()
    # the category sets 8 working days on the production calendar
    assert appeal.due_at == deadlines.answer_due(appeal.registered_at, working_days=8)
    assert response.json()["due_at"] is not None and response.json()["overdue"] is False
    event = AppealEvent.objects.get(appeal=appeal)
    assert (event.from_status, event.to_status, event.actor) == (S.NEW, S.REGISTERED, people.moderator)
    assert "routed to roads" in event.internal_note
    assert [m.to for m in mailoutbox] == [[RESIDENT_EMAIL]]
    assert "routed" not in mailoutbox[0].body  # the internal note stays internal


def test_approve_routes_an_asset_bound_category_to_the_asset_owner(town, people):
    road = town.contractor.assets.order_by("id").first()
    appeal = make_appeal(town.cat.potholes, lonlat=offset(road.geom.coords[1], north_m=3), status=S.NEW)
    assert moderate(people.moderator, appeal, action="approve").status_code == 200
    assert Appeal.objects.get(pk=appeal.pk).department == town.contractor


def test_approve_with_an_explicit_department_and_a_proposal_is_published(town, people):
    proposal = make_appeal(town.cat.proposal, status=S.NEW)
    response = moderate(people.moderator, proposal, action="approve", department=town.energy.pk)
    assert response.status_code == 200, response.content
    proposal.refresh_from_db()
    assert (proposal.status, proposal.department, proposal.due_at) == (S.PUBLISHED, town.energy, None)


def test_approve_without_a_responsible_department_is_refused(town, people):
    appeal = make_appeal(town.cat.orphan, status=S.NEW)
    before = snapshot(appeal.pk)
    response = moderate(people.moderator, appeal, action="approve")
    assert response.status_code == 400 and response.json()["field"] == "department"
    assert snapshot(appeal.pk) == before


def test_reject_with_a_reason_the_resident_reads(
    people, new_appeal, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = moderate(
            people.moderator, new_appeal, action="reject", reason="Обращение не по теме портала."
        )
    assert response.status_code == 200
    assert Appeal.objects.get(pk=new_appeal.pk).status == S.REJECTED
    event = AppealEvent.objects.get(appeal=new_appeal)
    assert event.public_response == "Обращение не по теме портала."
    assert "Обращение не по теме портала." in mailoutbox[0].body


def test_duplicate_points_at_the_original_and_follows_chains(town, people, new_appeal):
    original = make_appeal(town.cat.potholes, status=S.IN_PROGRESS)
    middle = make_appeal(town.cat.potholes, status=S.DUPLICATE, duplicate_of=original)
    response = moderate(people.moderator, new_appeal, action="duplicate", duplicate_of=middle.pk)
    assert response.status_code == 200, response.content
    appeal = Appeal.objects.get(pk=new_appeal.pk)
    assert (appeal.status, appeal.duplicate_of) == (S.DUPLICATE, original)
    assert f"{original.pk}" in AppealEvent.objects.get(appeal=appeal).public_response


def test_edit_keeps_the_original_privately_and_logs_an_internal_event(town, people, new_appeal):
    new_appeal.text = "Яма у дома Иванова, звоните 8-918-000-00-00"
    new_appeal.save()
    cleaned = "Яма у дома, глубина около 20 см"
    assert moderate(people.moderator, new_appeal, action="edit", text=cleaned).status_code == 200
    assert moderate(people.moderator, new_appeal, action="edit", text=cleaned + ".").status_code == 200
    appeal = Appeal.objects.get(pk=new_appeal.pk)
    assert appeal.text == cleaned + "." and appeal.status == S.NEW
    # the resident's first text survives a second edit
    assert (
        AppealContact.objects.get(appeal=appeal).original_text
        == "Яма у дома Иванова, звоните 8-918-000-00-00"
    )
    events = list(AppealEvent.objects.filter(appeal=appeal))
    assert len(events) == 2
    assert all(e.to_status == "" and e.public_response == "" and e.internal_note for e in events)
    assert all("8-918" not in e.internal_note for e in events)


def test_edit_creates_the_contact_row_when_missing(town, people):
    appeal = make_appeal(
        town.cat.potholes, status=S.REGISTERED, contact=False, text="Телефон 89180000000 яма"
    )
    assert moderate(people.moderator, appeal, action="edit", text="Яма на дороге у школы").status_code == 200
    assert AppealContact.objects.get(appeal=appeal).original_text == "Телефон 89180000000 яма"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"action": "publish"}, "action"),
        ({}, "action"),
        ({"action": "reject"}, "reason"),
        ({"action": "reject", "reason": "   "}, "reason"),
        ({"action": "duplicate"}, "duplicate_of"),
        ({"action": "duplicate", "duplicate_of": 99999999}, "duplicate_of"),
        ({"action": "duplicate", "duplicate_of": "SELF"}, "duplicate_of"),
        ({"action": "duplicate", "duplicate_of": "HIDDEN"}, "duplicate_of"),
        ({"action": "duplicate", "duplicate_of": "PROPOSAL"}, "duplicate_of"),
        ({"action": "edit"}, "text"),
        ({"action": "edit", "text": "Яма"}, "text"),
        ({"action": "edit", "text": "я" * 5001}, "text"),
        ({"action": "approve", "department": 99999999}, "department"),
        ({"action": "approve", "department": "roads"}, "department"),
    ],
)
def test_bad_moderation_input_is_400_with_the_field_and_writes_nothing(town, people, new_appeal, body, field):
    others = {
        "SELF": new_appeal.pk,
        "HIDDEN": make_appeal(town.cat.potholes, status=S.REJECTED).pk,
        "PROPOSAL": make_appeal(town.cat.proposal, status=S.PUBLISHED).pk,
    }
    body = {k: others.get(v, v) if isinstance(v, str) else v for k, v in body.items()}
    before = snapshot(new_appeal.pk)
    response = moderate(people.moderator, new_appeal, **body)
    assert response.status_code == 400, response.content
    payload = response.json()
    assert payload.get("field") == field or field in payload, payload
    assert snapshot(new_appeal.pk) == before


def test_moves_the_workflow_does_not_allow_are_400(town, people):
    closed = make_appeal(town.cat.potholes, status=S.CLOSED)
    before = snapshot(closed.pk)
    for body in ({"action": "approve"}, {"action": "reject", "reason": "нет"}):
        response = moderate(people.moderator, closed, **body)
        assert response.status_code == 400 and response.json()["field"] == "action"
    assert snapshot(closed.pk) == before


def test_unknown_appeal_is_404(people):
    response = client_for(people.moderator).post(
        "/api/v1/appeals/99999999/moderate", {"action": "approve"}, format="json"
    )
    assert response.status_code == 404


def test_approve_sets_the_due_date_across_the_new_year_break(town, people, settings, monkeypatch):
    settings.TIME_ZONE = "Europe/Moscow"
    msk = ZoneInfo("Europe/Moscow")
    appeal = make_appeal(town.cat.potholes, lonlat=LENINA, status=S.NEW)
    monkeypatch.setattr(timezone, "now", lambda: datetime(2025, 12, 30, 10, 0, tzinfo=msk))
    assert moderate(people.moderator, appeal, action="approve").status_code == 200
    appeal.refresh_from_db()
    # 8 working days: 31 Dec and 1–11 Jan are days off, then 12–16 and 19–21 Jan
    assert appeal.due_at == datetime(2026, 1, 21, 18, 0, tzinfo=msk)
