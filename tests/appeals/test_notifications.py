"""E-mails on public changes (locmem backend): the resident, area subscribers, privacy, after-commit."""

import re
import time
from datetime import timedelta

import pytest
from django.contrib.gis.geos import MultiPolygon, Polygon
from django.core import signing
from django.db import transaction
from django.utils import timezone

from appeals import notifications
from appeals.events import record_event
from appeals.models import AppealEvent, AreaSubscription
from appeals.tokens import confirm_token
from appeals.workflow import AppealStatus
from tests.appeals import staff_fixtures
from tests.appeals.staff_fixtures import (
    LENINA,
    RESIDENT_EMAIL,
    RESIDENT_NAME,
    RESIDENT_PHONE,
    STATION,
    client_for,
    make_appeal,
    offset,
)

town, people = staff_fixtures.town, staff_fixtures.people

SECRETS = [RESIDENT_EMAIL, RESIDENT_PHONE, RESIDENT_NAME, "исходный текст"]


def box_around(lonlat, metres: float) -> MultiPolygon:
    west, south = offset(lonlat, north_m=-metres, east_m=-metres)
    east, north = offset(lonlat, north_m=metres, east_m=metres)
    return MultiPolygon(Polygon.from_bbox((west, south, east, north)), srid=4326)


def subscribe(email="", *, area=None, geom=None, user=None, confirmed=True):
    return AreaSubscription.objects.create(
        email=email, area=area, geom=geom, user=user, confirmed_at=timezone.now() if confirmed else None
    )


def status_event(appeal, to_status, response=""):
    from_status = appeal.status
    appeal.status = to_status
    appeal.save()
    return record_event(
        appeal=appeal, actor=None, from_status=from_status, to_status=to_status, public_response=response
    )


@pytest.fixture
def appeal(town):
    appeal = make_appeal(town.cat.potholes, lonlat=LENINA, status=AppealStatus.REGISTERED)
    appeal.contact.original_text = "исходный текст с телефоном"
    appeal.contact.save()
    return appeal


def test_resident_gets_one_email_per_public_change_with_the_response(
    appeal, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        status_event(appeal, AppealStatus.IN_PROGRESS)
    with django_capture_on_commit_callbacks(execute=True):
        status_event(appeal, AppealStatus.ANSWERED, "Яму заделали 12 мая.")
    assert [m.to for m in mailoutbox] == [[RESIDENT_EMAIL], [RESIDENT_EMAIL]]
    answer = mailoutbox[1]
    assert f"{appeal.pk}" in answer.subject
    assert "Яму заделали 12 мая." in answer.body
    assert f"/?appeal={appeal.pk}" in answer.body
    assert AppealEvent.objects.filter(appeal=appeal, notified_at__isnull=False).count() == 2


def test_internal_events_and_rolled_back_changes_send_nothing(
    appeal, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        record_event(appeal=appeal, actor=None, internal_note="позвонить в ГИБДД")
    with pytest.raises(RuntimeError), django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            status_event(appeal, AppealStatus.ANSWERED, "ответ")
            raise RuntimeError("rolled back")
    assert callbacks == []
    assert mailoutbox == []


def test_notify_event_is_idempotent(appeal, mailoutbox):
    event = status_event(appeal, AppealStatus.IN_PROGRESS)
    notifications.notify_event(event.pk)
    notifications.notify_event(event.pk)
    assert len(mailoutbox) == 1


def test_area_subscribers_by_district_polygon_and_user(town, people, appeal, mailoutbox):
    subscribe("north@example.org", area=town.north)
    subscribe("south@example.org", area=town.south)  # the appeal is in the north
    subscribe("unconfirmed@example.org", area=town.north, confirmed=False)
    subscribe("Drawn@Example.org", geom=box_around(LENINA, 100))
    subscribe("drawn@example.org", area=town.north)  # the same person twice: one e-mail
    subscribe("far@example.org", geom=box_around(STATION, 100))
    subscribe(user=people.moderator, area=town.municipality)
    event = status_event(appeal, AppealStatus.IN_PROGRESS, "Работы начаты.")
    notifications.notify_event(event.pk)
    recipients = sorted(addr for m in mailoutbox for addr in m.to)
    assert recipients == sorted(
        [RESIDENT_EMAIL, "north@example.org", "drawn@example.org", "moderator@example.org"]
    )
    assert all(len(m.to) == 1 and not m.cc and not m.bcc for m in mailoutbox)


def test_subscriber_mail_never_carries_the_residents_contact(town, appeal, mailoutbox):
    subscribe("north@example.org", area=town.north)
    notifications.notify_event(status_event(appeal, AppealStatus.IN_PROGRESS, "Работы начаты.").pk)
    subscriber = next(m for m in mailoutbox if m.to == ["north@example.org"])
    for secret in SECRETS:
        assert secret not in subscriber.subject + subscriber.body
    assert appeal.text in subscriber.body  # the public text, yes
    assert "/api/v1/subscriptions/unsubscribe?token=" in subscriber.body


def test_a_resident_who_subscribed_gets_only_the_personal_email(town, appeal, mailoutbox):
    subscribe(RESIDENT_EMAIL.upper(), area=town.north)
    notifications.notify_event(status_event(appeal, AppealStatus.IN_PROGRESS).pk)
    assert [m.to for m in mailoutbox] == [[RESIDENT_EMAIL]]


def test_hidden_appeals_reach_only_their_resident(town, appeal, mailoutbox):
    subscribe("north@example.org", area=town.north)
    notifications.notify_event(status_event(appeal, AppealStatus.REJECTED, "Не относится к ведению.").pk)
    assert [m.to for m in mailoutbox] == [[RESIDENT_EMAIL]]


def test_an_appeal_without_contact_mails_its_author(town, people, mailoutbox):
    appeal = make_appeal(town.cat.potholes, contact=False, author=people.resident)
    notifications.notify_event(status_event(appeal, AppealStatus.IN_PROGRESS).pk)
    assert [m.to for m in mailoutbox] == [["someone@example.org"]]


def test_subscription_api_confirm_and_unsubscribe(town, mailoutbox, django_capture_on_commit_callbacks):
    client = client_for(None)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/v1/subscriptions", {"email": "Follower@Example.org", "area": town.north.pk}, format="json"
        )
    assert response.status_code == 201, response.content
    assert response.json() == {
        "id": response.json()["id"],
        "area": town.north.pk,
        "drawn": False,
        "confirmed": False,
    }
    link = re.search(r"http://\S+/api/v1/subscriptions/confirm\?token=(\S+)", mailoutbox[0].body)
    assert mailoutbox[0].to == ["follower@example.org"] and link
    confirmed = client.get("/api/v1/subscriptions/confirm", {"token": link.group(1)})
    assert confirmed.status_code == 200 and confirmed.json()["confirmed"] is True

    appeal = make_appeal(town.cat.potholes, lonlat=LENINA, status=AppealStatus.REGISTERED, contact=False)
    notifications.notify_event(status_event(appeal, AppealStatus.IN_PROGRESS).pk)
    update = mailoutbox[-1]
    assert update.to == ["follower@example.org"]
    token = re.search(r"unsubscribe\?token=(\S+)", update.body).group(1)
    gone = client.get("/api/v1/subscriptions/unsubscribe", {"token": token})
    assert gone.status_code == 200 and gone.json() == {"unsubscribed": 1}
    assert not AreaSubscription.objects.exists()


def test_subscription_to_a_drawn_polygon(town, mailoutbox, django_capture_on_commit_callbacks):
    polygon = {"type": "Polygon", "coordinates": [list(box_around(LENINA, 150)[0].exterior_ring.coords)]}
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(None).post(
            "/api/v1/subscriptions", {"email": "drawn@example.org", "geometry": polygon}, format="json"
        )
    assert response.status_code == 201, response.content
    assert response.json()["drawn"] is True
    subscription = AreaSubscription.objects.get()
    assert subscription.geom.num_geom == 1 and subscription.confirmed_at is None
    assert len(mailoutbox) == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"email": "not-an-email", "area": "NORTH"}, "email"),
        ({"email": "a@example.org"}, "area"),
        ({"email": "a@example.org", "area": "NORTH", "geometry": "BOX"}, "area"),
        ({"email": "a@example.org", "area": 999999}, "area"),
        ({"email": "a@example.org", "area": "ZONE"}, "area"),  # a responsibility zone is not for residents
        (
            {"email": "a@example.org", "geometry": {"type": "Polygon", "coordinates": [[[37.9, 44.9]]]}},
            "geometry",
        ),
        (
            {"email": "a@example.org", "geometry": {"type": "Point", "coordinates": [37.98, 44.93]}},
            "geometry",
        ),
        ({"email": "a@example.org", "geometry": "{not json"}, "geometry"),
        ({"email": "a@example.org", "geometry": "BOWTIE"}, "geometry"),
        ({"email": "a@example.org", "geometry": "FAR"}, "geometry"),
    ],
)
def test_bad_subscriptions_are_refused_with_the_field_and_nothing_written(town, mailoutbox, body, field):
    square = box_around(LENINA, 100)[0]
    lon0, lat0, lon1, lat1 = square.extent
    replace = {
        "NORTH": town.north.pk,
        "ZONE": town.zone_north.pk,
        "BOX": {"type": "Polygon", "coordinates": [list(square.exterior_ring.coords)]},
        "BOWTIE": {
            "type": "Polygon",
            "coordinates": [[[lon0, lat0], [lon1, lat1], [lon1, lat0], [lon0, lat1], [lon0, lat0]]],
        },
        "FAR": {"type": "Polygon", "coordinates": [[[10, 10], [10.1, 10], [10.1, 10.1], [10, 10]]]},
    }
    body = {k: replace.get(v, v) if isinstance(v, str) else v for k, v in body.items()}
    response = client_for(None).post("/api/v1/subscriptions", body, format="json")
    assert response.status_code == 400, response.content
    payload = response.json()
    assert payload.get("field") == field or field in payload, payload
    assert not AreaSubscription.objects.exists()
    assert mailoutbox == []


def test_bad_or_forged_tokens_are_refused(town):
    subscription = subscribe("x@example.org", area=town.north, confirmed=False)
    client = client_for(None)
    for token in ["", "garbage", confirm_token(subscription.pk)[:-2] + "xx"]:
        response = client.get("/api/v1/subscriptions/confirm", {"token": token})
        assert response.status_code == 400 and response.json()["field"] == "token"
    assert client.get("/api/v1/subscriptions/unsubscribe", {"token": "nope"}).status_code == 400
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None


def test_confirmation_links_expire_after_a_week(town, monkeypatch):
    subscription = subscribe("x@example.org", area=town.north, confirmed=False)
    eight_days_ago = time.time() - 8 * 24 * 3600
    monkeypatch.setattr(signing.time, "time", lambda: eight_days_ago)
    token = confirm_token(subscription.pk)
    monkeypatch.undo()
    response = client_for(None).get("/api/v1/subscriptions/confirm", {"token": token})
    assert response.status_code == 400 and response.json()["field"] == "token"


@pytest.fixture
def with_broker(settings):
    """As with a Celery broker (production): events wait in the outbox for the beat sweep."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    return settings


def test_with_a_broker_events_wait_in_the_outbox_for_the_sweep(
    appeal, mailoutbox, django_capture_on_commit_callbacks, with_broker
):
    with django_capture_on_commit_callbacks(execute=True):
        event = status_event(appeal, AppealStatus.IN_PROGRESS)
        record_event(appeal=appeal, actor=None, internal_note="позвонить в ГИБДД")  # nothing to send
    assert mailoutbox == []  # no message per event: the request publishes nothing

    assert notifications.notify_pending() == 1
    assert [m.to for m in mailoutbox] == [[RESIDENT_EMAIL]] and f"{appeal.pk}" in mailoutbox[0].subject
    assert AppealEvent.objects.get(pk=event.pk).notified_at is not None
    assert notifications.notify_pending() == 0 and len(mailoutbox) == 1  # sent once


def test_the_sweep_goes_in_batches_and_leaves_stale_events(appeal, mailoutbox, with_broker):
    events = [status_event(appeal, status) for status in (AppealStatus.IN_PROGRESS, AppealStatus.ANSWERED)]
    stale = status_event(appeal, AppealStatus.CLOSED)
    AppealEvent.objects.filter(pk=stale.pk).update(at=timezone.now() - timedelta(days=3))
    with_broker.GEOPORTAL = {**with_broker.GEOPORTAL, "NOTIFY_MAX_AGE_HOURS": 24}

    assert notifications.notify_pending(batch=1) == 2
    assert len(mailoutbox) == 2
    assert AppealEvent.objects.filter(pk__in=[e.pk for e in events], notified_at__isnull=True).count() == 0
    assert AppealEvent.objects.get(pk=stale.pk).notified_at is None


def test_a_failed_sweep_releases_its_claims_and_the_next_one_sends(
    appeal, mailoutbox, with_broker, monkeypatch
):
    first, second = (status_event(appeal, s) for s in (AppealStatus.IN_PROGRESS, AppealStatus.ANSWERED))
    sent = []

    def flaky(event_id):
        if event_id == second.pk and not sent:
            sent.append(event_id)
            raise OSError("mail server down")
        real(event_id)

    real = notifications._send_event_mail
    monkeypatch.setattr(notifications, "_send_event_mail", flaky)
    with pytest.raises(OSError):
        notifications.notify_pending()
    assert AppealEvent.objects.get(pk=first.pk).notified_at is not None
    assert AppealEvent.objects.get(pk=second.pk).notified_at is None  # released

    assert notifications.notify_pending() == 1
    assert len(mailoutbox) == 2


def test_an_event_that_cannot_be_mailed_does_not_hold_up_the_others(
    appeal, mailoutbox, with_broker, monkeypatch
):
    broken, fine = (status_event(appeal, s) for s in (AppealStatus.IN_PROGRESS, AppealStatus.ANSWERED))
    real = notifications._send_event_mail

    def bad_data(event_id):
        if event_id == broken.pk:
            raise ValueError("a template that cannot render")
        real(event_id)

    monkeypatch.setattr(notifications, "_send_event_mail", bad_data)
    assert notifications.notify_pending() == 2
    assert len(mailoutbox) == 1 and AppealEvent.objects.filter(notified_at__isnull=True).count() == 0
    assert notifications.notify_pending() == 0  # not retried for ever
