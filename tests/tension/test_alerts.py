"""Tension alerts (tension.services.alerts): thresholds, emerging hotspots, departments, e-mail, cooldown.

Real PostGIS: appeals go through the rollup triggers, departments are found by their zones' geometry.
The town: districts «Центр» (roads' zone) and «Юг» (improvement's zone; its box only touches Центр's at a
corner). Ten appeals at Lenina street and one in each of five other res-9 cells: K (the median non-zero T)
is one appeal's T, so Lenina's index is 100·10/11 ≈ 90.9 and every other cell's 50; Центр's mean index
over its three cells with tension is ≈ 63.6, Юг's 50.
"""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.gis.geos import MultiPolygon, Polygon
from django.core import mail
from django.core.mail.backends import locmem
from django.core.management import CommandError, call_command
from django.utils import timezone

from appeals.models import Department
from geoportal.celery import app as celery_app
from layers.models import AdminArea
from tension.models import Alert
from tension.services.alerts import tension_alerts
from tension.tasks import tension_alerts_task
from tests.appeals.public_support import CONTACT, STATION, make_appeal, town  # noqa: F401
from tests.tension.hotspot_support import LENINA_RES9, cell_at, file_appeals

SINGLES = [(37.975, 44.925), (37.995, 44.936), STATION, (38.02, 44.905), (38.006, 44.909)]
OFF = 1e9  # a threshold nothing reaches


@pytest.fixture
def world(town, settings):  # noqa: F811
    town["department"].zones.set([town["centre"]])
    improvement = Department.objects.create(
        code="improvement", name="Благоустройство", email="yards@example.org"
    )
    improvement.zones.set([town["south"]])
    now = timezone.now()
    file_appeals(town["roads"], LENINA_RES9, 10, now=now)
    for lonlat in SINGLES:
        file_appeals(town["roads"], cell_at(lonlat, 9), 1, now=now)
    # A resident's contact data exists for one of them: no alert e-mail may carry it.
    make_appeal(town["roads"], lonlat=SINGLES[0], status="new")
    return {**town, "improvement": improvement, "now": now}


def thresholds(settings, *, cell=OFF, area=OFF, z=OFF, cooldown=72):
    settings.TENSION = {
        **settings.TENSION,
        "ALERT_RES": 9,
        "WINDOW_DAYS": 90,
        "ALERT_CELL_INDEX": cell,
        "ALERT_AREA_INDEX": area,
        "HOTSPOT_Z": z,
        "ALERT_COOLDOWN_HOURS": cooldown,
    }


def test_a_hexagon_over_the_threshold_alerts_its_department_once_per_cooldown(world, settings):
    thresholds(settings, cell=80, cooldown=72)
    now = world["now"]

    first = tension_alerts(now=now)

    alert = Alert.objects.get()
    assert (alert.kind, alert.cell, alert.area_id) == (Alert.Kind.CELL_INDEX, LENINA_RES9, None)
    assert alert.value == pytest.approx(100 * 10 / 11, abs=0.5) and alert.threshold == 80
    assert list(alert.departments.all()) == [world["department"]]
    assert alert.delivery == Alert.Delivery.PENDING and alert.notified_at == now
    assert (first.raised, first.suppressed, first.departments_mailed, first.emails) == (1, 0, 1, 1)
    [message] = mail.outbox
    assert message.to == ["roads-dept@example.org"]
    assert f"{LENINA_RES9:x}" in message.body and "90,9" in message.body  # Russian decimal comma
    assert not any(secret in message.body for secret in CONTACT.values())

    inside = tension_alerts(now=now + timedelta(hours=71))
    assert (inside.raised, inside.suppressed, inside.emails) == (0, 1, 0)
    assert Alert.objects.count() == 1 and len(mail.outbox) == 1

    after = tension_alerts(now=now + timedelta(hours=73))
    assert (after.raised, after.emails) == (1, 1)
    assert Alert.objects.filter(cell=LENINA_RES9).count() == 2 and len(mail.outbox) == 2


def test_a_district_over_the_threshold_alerts_the_overlapping_zones_only(world, settings):
    thresholds(settings, area=60)

    tension_alerts(now=world["now"])

    alert = Alert.objects.get()
    assert (alert.kind, alert.cell, alert.area) == (Alert.Kind.AREA_INDEX, None, world["centre"])
    assert alert.value == pytest.approx((100 * 10 / 11 + 50 + 50) / 3, abs=0.5)
    assert alert.details["cells"] == 3
    # improvement's zone (Юг) touches Центр at one corner only: not an overlap.
    assert list(alert.departments.all()) == [world["department"]]
    assert [m.to for m in mail.outbox] == [["roads-dept@example.org"]]
    assert "Центр" in mail.outbox[0].body


def test_a_district_too_small_to_hold_a_hexagon_centre_is_judged_by_its_one_hexagon(world, settings):
    """As in the digital matrix (tension.matrix.area_cells): a 20 m district around one of the single
    appeals holds no res-9 centre, so its hexagon is the one of a point inside it (index 50)."""
    lon, lat = SINGLES[1]
    d = 0.0001  # ~10 m
    tiny = AdminArea.objects.create(
        kind=AdminArea.Kind.DISTRICT,
        name="Квартал",
        code="kvartal",
        geom=MultiPolygon(Polygon.from_bbox((lon - d, lat - d, lon + d, lat + d)), srid=4326),
    )
    thresholds(settings, area=45)

    tension_alerts(now=world["now"])

    alert = Alert.objects.get(kind=Alert.Kind.AREA_INDEX, area=tiny)
    assert alert.value == pytest.approx(50, abs=0.5) and alert.details["cells"] == 1
    assert {a.area for a in Alert.objects.filter(kind=Alert.Kind.AREA_INDEX)} == {
        world["centre"],
        world["south"],
        tiny,
    }


def test_an_emerging_hotspot_alerts(world, settings):
    thresholds(settings, z=1.96)

    tension_alerts(now=world["now"])

    alert = Alert.objects.get(kind=Alert.Kind.EMERGING)
    assert alert.cell == LENINA_RES9 and alert.value > 1.96
    assert alert.details["t_before"] == 0 and alert.details["p"] < 0.05
    assert list(alert.departments.all()) == [world["department"]]


def test_nothing_over_any_threshold_raises_nothing(world, settings):
    thresholds(settings, cell=95, area=70, z=OFF)
    assert tension_alerts(now=world["now"]).raised == 0
    assert not Alert.objects.exists() and mail.outbox == []


def test_an_alert_whose_e_mail_failed_for_one_department_is_mailed_again(world, settings):
    thresholds(settings, cell=80)
    world["improvement"].zones.add(world["centre"])  # now both departments answer for Lenina
    settings.EMAIL_BACKEND = "tests.tension.test_alerts.YardsDownBackend"

    tension_alerts(now=world["now"])

    alert = Alert.objects.get()
    assert {d.code for d in alert.departments.all()} == {"roads", "improvement"}
    assert alert.notified_at is None and [m.to for m in mail.outbox] == [["roads-dept@example.org"]]

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    again = tension_alerts(now=world["now"] + timedelta(hours=1))

    assert (again.raised, again.emails) == (0, 2)  # a repeat for roads rather than a loss for improvement
    assert Alert.objects.get().notified_at is not None
    assert sorted(m.to[0] for m in mail.outbox[1:]) == ["roads-dept@example.org", "yards@example.org"]
    assert tension_alerts(now=world["now"] + timedelta(hours=2)).emails == 0


class YardsDownBackend(locmem.EmailBackend):
    """The mail server refuses the improvement department's address."""

    def send_messages(self, messages):
        if any("yards@example.org" in m.to for m in messages):
            raise ConnectionRefusedError("the mail server is down")
        return super().send_messages(messages)


def test_the_command_and_the_beat_task(world, settings):
    thresholds(settings, cell=80)
    out = StringIO()
    call_command("tension_alerts", "--at", world["now"].isoformat(), stdout=out)
    assert "1 alerts raised" in out.getvalue()
    with pytest.raises(CommandError, match="--at"):
        call_command("tension_alerts", "--at", "tomorrow", stdout=StringIO())

    entry = settings.CELERY_BEAT_SCHEDULE["tension-alerts-hourly"]
    assert entry["task"] == tension_alerts_task.name == "tension.alerts"
    assert "tension.alerts" in celery_app.tasks
    tension_alerts_task.apply().get()  # inside the cooldown: nothing new
    assert Alert.objects.count() == 1
