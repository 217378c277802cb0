"""manage.py escalate_overdue: marks overdue appeals once a day, logs an internal event, e-mails the
owning department (the moderators for unregistered appeals), prints a summary; and its Celery beat entry."""

import logging
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from appeals.models import Appeal, AppealEvent
from appeals.tasks import escalate_overdue_task
from appeals.workflow import AppealStatus
from geoportal.celery import app as celery_app
from tests.appeals import staff_fixtures
from tests.appeals.staff_fixtures import RESIDENT_EMAIL, RESIDENT_PHONE, client_for, make_appeal

town, people = staff_fixtures.town, staff_fixtures.people
S = AppealStatus
NOW = datetime(2026, 6, 10, 4, 0, tzinfo=UTC)  # 07:00 in Moscow


def run(at: datetime = NOW) -> str:
    out = StringIO()
    call_command("escalate_overdue", "--at", at.isoformat(), stdout=out)
    return out.getvalue().strip()


@pytest.fixture
def appeals(town):
    return {
        "late": make_appeal(
            town.cat.potholes, status=S.IN_PROGRESS, department=town.roads, due_at=NOW - timedelta(days=3)
        ),
        "late_energy": make_appeal(
            town.cat.streetlight, status=S.REGISTERED, department=town.energy, due_at=NOW - timedelta(hours=1)
        ),
        "on_time": make_appeal(
            town.cat.potholes, status=S.REGISTERED, department=town.roads, due_at=NOW + timedelta(hours=1)
        ),
        "answered": make_appeal(
            town.cat.potholes, status=S.ANSWERED, department=town.roads, due_at=NOW - timedelta(days=9)
        ),
        "unregistered": make_appeal(town.cat.potholes, status=S.NEW, created_at=NOW - timedelta(days=10)),
        "fresh": make_appeal(town.cat.potholes, status=S.NEW, created_at=NOW - timedelta(hours=5)),
    }


def test_escalates_overdue_appeals_once_a_day(appeals, people, mailoutbox, caplog):
    with caplog.at_level(logging.INFO, logger="appeals.services.escalation"):
        line = run()
    assert (
        line
        == "escalate_overdue: 3 appeals escalated (1 awaiting registration), 3 teams e-mailed, 3 e-mails sent"
    )
    assert line in caplog.text
    levels = dict(Appeal.objects.values_list("pk", "escalation_level"))
    assert {name: levels[a.pk] for name, a in appeals.items()} == {
        "late": 1,
        "late_energy": 1,
        "on_time": 0,
        "answered": 0,
        "unregistered": 1,
        "fresh": 0,
    }
    late = Appeal.objects.get(pk=appeals["late"].pk)
    assert late.escalated_at == NOW
    event = AppealEvent.objects.get(appeal=late)
    assert (event.to_status, event.public_response, event.actor) == ("", "", None)
    assert "3" in event.internal_note and event.at == NOW

    # the same day again: nothing new…
    assert run(NOW + timedelta(minutes=30)).startswith("escalate_overdue: 0 appeals escalated")
    assert AppealEvent.objects.count() == 3 and len(mailoutbox) == 3
    # …until another appeal passes its due date later that day: only that one
    assert run(NOW + timedelta(hours=12)).startswith("escalate_overdue: 1 appeals escalated")
    assert Appeal.objects.get(pk=appeals["on_time"].pk).escalation_level == 1
    assert Appeal.objects.get(pk=appeals["late"].pk).escalation_level == 1
    # the next day: level 2
    run(NOW + timedelta(days=1))
    assert Appeal.objects.get(pk=appeals["late"].pk).escalation_level == 2


def test_emails_go_to_the_owning_teams_without_contact_data(appeals, people, mailoutbox):
    run()
    by_address = {m.to[0]: m for m in mailoutbox}
    assert set(by_address) == {"roads@example.org", "energy@example.org", "moderator@example.org"}
    roads = by_address["roads@example.org"].body
    assert f"{appeals['late'].pk}" in roads and f"{appeals['on_time'].pk}" not in roads
    assert f"{appeals['unregistered'].pk}" in by_address["moderator@example.org"].body
    for message in mailoutbox:
        assert RESIDENT_EMAIL not in message.body and RESIDENT_PHONE not in message.body


def test_a_department_without_an_address_mails_its_members(town, people, mailoutbox):
    make_appeal(
        town.cat.greenery, status=S.REGISTERED, department=town.improvement, due_at=NOW - timedelta(days=1)
    )
    run()
    assert [m.to for m in mailoutbox] == [["op.improvement@example.org"]]


def test_extension_takes_an_appeal_out_of_the_overdue_list(town, people, appeals):
    client_for(people.operator).post(
        f"/api/v1/appeals/{appeals['late'].pk}/extend",
        {"days": 30, "notice": "Срок продлён: нужна экспертиза."},
        format="json",
    )
    run()
    assert Appeal.objects.get(pk=appeals["late"].pk).escalation_level == 0


def test_bad_at_is_a_command_error(db):
    with pytest.raises(CommandError, match="--at"):
        call_command("escalate_overdue", "--at", "yesterday", stdout=StringIO())


def test_celery_beat_runs_the_task_daily_and_the_task_runs(appeals):
    entry = settings.CELERY_BEAT_SCHEDULE["escalate-overdue-daily"]
    assert entry["task"] == escalate_overdue_task.name == "appeals.escalate_overdue"
    assert entry["schedule"].hour == {6} and entry["schedule"].minute == {0}
    assert settings.CELERY_TIMEZONE == settings.TIME_ZONE
    assert "appeals.escalate_overdue" in celery_app.tasks
    escalate_overdue_task.apply().get()  # runs at the real "now": every fixture due date is long past
    assert Appeal.objects.get(pk=appeals["late"].pk).escalation_level == 1
