"""KPIs of the answers to residents' appeals: selectors over appeals/sql/kpi_figures.sql and kpi_monthly.sql.

Department-level figures are public (transparency, as the regional portals publish them); per-operator
figures are for managers only — see `kpi_operator_scope`. Definitions are in the SQL files' headers and
docs/ARCHITECTURE.md ("Accounts, roles, API docs, KPIs").
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from appeals.workflow import OPEN_STATUSES, TRANSITIONS, AppealKind
from geoportal.db import fetch_dicts, sql_file
from geoportal.language import localized
from geoportal.roles import Role, has_role

# 59-ФЗ art. 8 p. 2: an appeal is registered within three days of its receipt.
REGISTER_WITHIN = timedelta(days=3)
ISSUE_OPEN_STATUSES = sorted(s.value for s in OPEN_STATUSES if s in TRANSITIONS[AppealKind.ISSUE])
COUNTS = (
    "appeals",
    "registered_on_time",
    "registration_decided",
    "answered",
    "answered_on_time",
    "answer_decided",
    "reopened",
    "ever_answered",
    "ratings",
    "overdue_now",
)
RATES = (
    "registered_on_time_pct",
    "answered_on_time_pct",
    "median_hours_to_answer",
    "reopen_rate_pct",
    "mean_rating",
)


@dataclass(frozen=True)
class KpiWindow:
    """Local calendar days `first_day`..`last_day` (inclusive) as the aware instants [start, end)."""

    first_day: date
    last_day: date
    start: datetime
    end: datetime


def kpi_window(*, first_day: date, last_day: date, tz: str | None = None) -> KpiWindow:
    """The window of whole days in the municipality's time zone (settings.TIME_ZONE unless `tz`)."""
    zone = ZoneInfo(tz or settings.TIME_ZONE)
    start = datetime.combine(first_day, time.min, tzinfo=zone)
    end = datetime.combine(last_day + timedelta(days=1), time.min, tzinfo=zone)
    return KpiWindow(first_day=first_day, last_day=last_day, start=start, end=end)


def kpi_operator_scope(*, user) -> bool | frozenset[int]:
    """Whose per-operator figures `user` may see: True = every department's, else a set of department ids.

    Administrators and moderators (who manage the whole flow) see all; an operator sees the colleagues of
    the departments they are a member of; everyone else (anonymous, residents, planners) none.
    """
    if has_role(user, Role.ADMIN) or has_role(user, Role.MODERATOR):
        return True
    if has_role(user, Role.OPERATOR):
        return frozenset(user.departments.values_list("id", flat=True))
    return frozenset()


def _localized(row: dict, ru_key: str, en_key: str) -> str | None:
    return localized(row.get(ru_key), row.get(en_key))


def _figures(row: dict) -> dict:
    return {key: row[key] for key in COUNTS + RATES}


def kpi_figures(
    *, window: KpiWindow, operators: bool | frozenset[int] = frozenset(), now: datetime | None = None
) -> dict:
    """KPIs of the issues created in `window`: the municipality total and every department.

    `operators` (from kpi_operator_scope) adds an `operators` list to the departments it allows: one entry
    per assignee (id None = not assigned). `overdue_now` is a snapshot at `now` (default: the current
    time) over all open issues, whatever the window. Rates are percent with one decimal, hours with one,
    the mean rating with two; None when there is nothing to measure.
    """
    rows = fetch_dicts(
        sql_file("appeals", "kpi_figures"),
        {
            "start": window.start,
            "end": window.end,
            "now": now or timezone.now(),
            "register_within": REGISTER_WITHIN,
            "open": ISSUE_OPEN_STATUSES,
            "with_operators": bool(operators),
        },
    )
    total: dict = {}
    departments: dict[int | None, dict] = {}
    for row in rows:
        if row["level"] == "total":
            total = _figures(row)
        elif row["level"] == "department":
            name = _localized(row, "department_name", "department_name_en")
            entry = {"id": row["department_id"], "code": row["department_code"], "name": name}
            entry |= _figures(row)
            if operators is True or row["department_id"] in operators:
                entry["operators"] = []
            departments[row["department_id"]] = entry
        else:  # operator rows come after their department's row (the SQL's ORDER BY)
            department = departments[row["department_id"]]
            if "operators" in department:
                name = row["assignee_name"] or row["assignee_username"]
                department["operators"].append({"id": row["assignee_id"], "name": name} | _figures(row))
    return {
        "from": window.first_day.isoformat(),
        "to": window.last_day.isoformat(),
        "register_within_days": REGISTER_WITHIN.days,
        "total": total,
        "departments": list(departments.values()),
    }


def month_starts(first_day: date, last_day: date) -> list[date]:
    """First days of every calendar month that `first_day`..`last_day` touches, in order."""
    months = []
    month = first_day.replace(day=1)
    while month <= last_day:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return months


def kpi_monthly_by_category(*, window: KpiWindow) -> dict:
    """Per category, per month of `window` (local time): appeals created and answers given, dense arrays.

    Only categories with an appeal created or answered in the window are listed; `months` holds the
    "YYYY-MM" labels the arrays are aligned with. Both kinds (issues and proposals) are counted.
    """
    months = month_starts(window.first_day, window.last_day)
    rows = fetch_dicts(
        sql_file("appeals", "kpi_monthly"),
        {
            "start": window.start,
            "end": window.end,
            "tz": str(window.start.tzinfo),
            "first_month": months[0],
            "last_month": months[-1],
        },
    )
    return {
        "from": window.first_day.isoformat(),
        "to": window.last_day.isoformat(),
        "months": [m.strftime("%Y-%m") for m in months],
        "categories": [
            {
                "id": row["category_id"],
                "code": row["code"],
                "name": _localized(row, "name_ru", "name_en"),
                "kind": row["kind"],
                "created": row["created"],
                "answered": row["answered"],
            }
            for row in rows
        ],
    }
