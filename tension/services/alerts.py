"""Tension alerts (run by `manage.py tension_alerts` and Celery beat): record, then e-mail the departments.

Over the last TENSION["WINDOW_DAYS"] local days at resolution TENSION["ALERT_RES"], an Alert is raised for
- a hexagon whose 0–100 index is at or above ALERT_CELL_INDEX (kind cell_index);
- a hexagon that is an emerging hotspot: Gi* hot now and rising against the previous window
  (emerging_hotspot);
- a district whose mean index — over its hexagons with tension, the digital matrix's hexagons of the
  district — is at or above ALERT_AREA_INDEX (area_index).
No alert repeats for the same kind and cell (or area) while an earlier one is younger than
ALERT_COOLDOWN_HOURS. Each alert names the departments whose responsibility zones overlap its hexagon or
district; each department gets one e-mail per run listing its new alerts (no resident data: scores and
places only). The Alert row is the event a webhook integration delivers later: `delivery` stays pending
until one does; `notified_at` records the e-mails. E-mails that failed are retried by the next run.
"""

import json
import logging
import smtplib
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import h3.api.basic_int as h3
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from appeals.models import Department
from appeals.notifications import department_addresses, public_base_url
from geoportal.db import fetch_dicts, fetch_rows, sql_file
from layers.models import AdminArea
from tension.cells import outline_wkt
from tension.hotspots import HotspotMap, hotspot_map
from tension.matrix import area_cells, area_tension
from tension.models import Alert
from tension.scoring import Window
from tension.selectors import Filters

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Candidate:
    kind: str
    value: float
    threshold: float | None
    details: dict[str, Any]
    cell: int | None = None
    area_id: int | None = None

    @property
    def key(self) -> tuple[str, int | None, int | None]:
        return self.kind, self.cell, self.area_id


@dataclass(frozen=True)
class AlertSummary:
    raised: int
    suppressed: int
    departments_mailed: int
    emails: int

    def line(self) -> str:
        return (
            f"tension_alerts: {self.raised} alerts raised ({self.suppressed} inside the cooldown), "
            f"{self.departments_mailed} departments e-mailed, {self.emails} e-mails sent"
        )


def _cell_candidates(hmap: HotspotMap, conf: dict[str, Any]) -> list[Candidate]:
    found = []
    for cell, c in sorted(hmap.cells.items()):
        details = {"h3": f"{cell:x}", "res": hmap.res, "t": c.t, "index": c.index, "count": c.count}
        if c.index >= conf["ALERT_CELL_INDEX"]:
            found.append(
                Candidate(Alert.Kind.CELL_INDEX.value, c.index, conf["ALERT_CELL_INDEX"], details, cell)
            )
        if c.emerging:
            trend = {"z": c.hotspot.z, "p": c.hotspot.p, "t_before": c.trend.before, "ratio": c.trend.ratio}
            found.append(
                Candidate(Alert.Kind.EMERGING.value, c.hotspot.z, conf["HOTSPOT_Z"], details | trend, cell)
            )
    return found


def _area_candidates(hmap: HotspotMap, conf: dict[str, Any]) -> list[Candidate]:
    """Districts whose mean index, over their hexagons with tension, reaches ALERT_AREA_INDEX — the
    hexagons of the digital matrix (tension.matrix.area_cells: centre inside, or the one cell of a point
    inside a district too small to hold a centre), so an alert and the matrix agree."""
    t_now = {cell: c.t for cell, c in hmap.cells.items()}
    areas = fetch_dicts(sql_file("tension", "matrix_area_shapes"), {"kind": AdminArea.Kind.DISTRICT})
    threshold = conf["ALERT_AREA_INDEX"]
    found = []
    for area in sorted(areas, key=lambda a: a["id"]):
        shape = h3.geo_to_h3shape(json.loads(area["geometry"]))
        cells = area_cells(shape, (area["inside_lon"], area["inside_lat"]), hmap.res)
        tension = area_tension(cells, t_now, {}, hmap.k)
        if tension.hexagons and tension.mean >= threshold:
            details = {"area": area["name"], "res": hmap.res, "cells": tension.hexagons, "max": tension.max}
            found.append(
                Candidate(Alert.Kind.AREA_INDEX.value, tension.mean, threshold, details, area_id=area["id"])
            )
    return found


def _cooling(now: datetime, hours: float) -> set[tuple[str, int | None, int | None]]:
    recent = Alert.objects.filter(created_at__gt=now - timedelta(hours=hours))
    return {(kind, cell, area) for kind, cell, area in recent.values_list("kind", "cell", "area_id")}


def _departments(candidates: list[Candidate]) -> dict[tuple, list[int]]:
    cells = sorted({c.cell for c in candidates if c.cell is not None})
    areas = sorted({c.area_id for c in candidates if c.area_id is not None})
    by_cell: dict[int, list[int]] = defaultdict(list)
    by_area: dict[int, list[int]] = defaultdict(list)
    if cells:
        params = {"cells": cells, "outlines": [outline_wkt(cell) for cell in cells]}
        for cell, department_id in fetch_rows(sql_file("tension", "alert_cell_departments"), params):
            by_cell[cell].append(department_id)
    if areas:
        for area_id, department_id in fetch_rows(
            sql_file("tension", "alert_area_departments"), {"areas": areas}
        ):
            by_area[area_id].append(department_id)
    return {c.key: by_cell[c.cell] if c.cell is not None else by_area[c.area_id] for c in candidates}


@transaction.atomic
def _record(candidates: list[Candidate], window: Window, now: datetime) -> list[Alert]:
    departments = _departments(candidates)
    alerts = []
    for c in candidates:
        details = c.details | {"from": window.start.isoformat(), "to": window.end.isoformat()}
        alert = Alert.objects.create(
            kind=c.kind,
            cell=c.cell,
            area_id=c.area_id,
            value=c.value,
            threshold=c.threshold,
            details=details,
            created_at=now,
        )
        alert.departments.set(departments[c.key])
        alerts.append(alert)
    return alerts


def _row(alert: Alert) -> dict[str, Any]:
    details = alert.details
    if alert.cell is not None:
        place = _("hexagon %(h3)s") % {"h3": details["h3"]}
        url = f"{public_base_url()}/api/v1/tension/cells/{details['h3']}"
    else:
        place = details.get("area", "")
        url = f"{public_base_url()}/api/v1/tension/hexes?res={details['res']}"
    return {
        "kind": alert.get_kind_display(),
        "place": place,
        "value": alert.value,
        "threshold": alert.threshold,
        "window": f"{details['from']} — {details['to']}",
        "url": url,
    }


def _mail(department: Department, alerts: list[Alert]) -> int:
    addresses = department_addresses(department)
    if not addresses:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Tension alerts: %(count)d") % {"count": len(alerts)}
        body = render_to_string(
            "tension/email/alerts.txt", {"team": department.name, "rows": [_row(a) for a in alerts]}
        )
        return sum(send_mail(subject, body, None, [address]) for address in addresses)


def _notify(now: datetime, cooldown_hours: float) -> tuple[int, int]:
    """E-mails every alert not yet e-mailed (this run's, and earlier ones whose e-mail failed).

    An alert counts as notified once every one of its departments was mailed; if one failed, the next run
    mails the alert again to all of them (a repeated e-mail rather than a lost one).
    """
    pending = Alert.objects.filter(
        notified_at__isnull=True, created_at__gt=now - timedelta(hours=cooldown_hours)
    ).prefetch_related("departments", "area")
    by_department: dict[int, list[Alert]] = defaultdict(list)
    for alert in pending:
        for department in alert.departments.all():
            by_department[department.pk].append(alert)
    emails = teams = 0
    failed: set[int] = set()
    for department in Department.objects.filter(pk__in=by_department).prefetch_related("members"):
        alerts = by_department[department.pk]
        try:
            sent = _mail(department, alerts)
        except (OSError, smtplib.SMTPException):
            # Other departments still get theirs; the next run mails these alerts again.
            log.exception("tension_alerts: could not e-mail %s", department.name)
            failed.update(a.pk for a in alerts)
            continue
        emails, teams = emails + sent, teams + bool(sent)
    done = {a.pk for alerts in by_department.values() for a in alerts} - failed
    Alert.objects.filter(pk__in=done).update(notified_at=now)
    return teams, emails


def tension_alerts(*, now: datetime | None = None) -> AlertSummary:
    """Raise the alerts of the window ending today (local), outside the cooldown, and e-mail them."""
    now = now or timezone.now()
    conf = settings.TENSION
    end = timezone.localdate(now)
    window = Window(end - timedelta(days=conf["WINDOW_DAYS"] - 1), end)
    hmap = hotspot_map(conf["ALERT_RES"], Filters(window=window))
    candidates = _cell_candidates(hmap, conf) + _area_candidates(hmap, conf)
    cooling = _cooling(now, conf["ALERT_COOLDOWN_HOURS"])
    fresh = [c for c in candidates if c.key not in cooling]
    raised = _record(fresh, window, now)
    teams, emails = _notify(now, conf["ALERT_COOLDOWN_HOURS"])
    summary = AlertSummary(
        raised=len(raised), suppressed=len(candidates) - len(fresh), departments_mailed=teams, emails=emails
    )
    log.info(summary.line())
    return summary
