"""Shapes the grouped rows of layers/sql/analysis_*.sql into the sections of the answer. Pure, no database.

Each SQL statement returns a few dozen group rows (GROUPING SETS) tagged with their `section`; these
functions split them by section and add translated names. Areas in m², lengths in metres, shares in
percent with one decimal (as the KPIs of appeals.kpi).
"""

from collections.abc import Iterable

from django.db import models

from appeals.workflow import AppealKind, AppealStatus
from layers.models import Asset, Property

APPEAL_COUNTS = ("count", "open", "with_deadline", "overdue_open", "answered_late", "overdue")


def label(choices: type[models.TextChoices], value: str | None) -> str:
    """The translated name of `value` in `choices`, or the value itself when it is not one of them."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value or ""


def percent(part: int, whole: int) -> float | None:
    """100 · part / whole with one decimal; None when whole is 0."""
    return round(100.0 * part / whole, 1) if whole else None


def _appeal_counts(row: dict) -> dict:
    counts = {name: row[name] for name in APPEAL_COUNTS}
    counts["overdue_pct"] = percent(row["overdue"], row["with_deadline"])
    return counts


def appeals_section(rows: Iterable[dict], *, scope: str) -> dict:
    """Appeals: total, by kind, by category (code, ru / en names), by status; `scope` public | all."""
    by_section: dict[str, list[dict]] = {"total": [], "kind": [], "category": [], "status": []}
    for row in rows:
        by_section[row["section"]].append(row)
    total = by_section["total"][0] if by_section["total"] else dict.fromkeys(APPEAL_COUNTS, 0)
    return {
        "scope": scope,
        "total": _appeal_counts(total),
        "by_kind": [
            {"kind": r["kind"], "name": label(AppealKind, r["kind"]), **_appeal_counts(r)}
            for r in by_section["kind"]
        ],
        "by_category": [
            {
                "code": r["category_code"],
                "name_ru": r["category_name_ru"],
                "name_en": r["category_name_en"],
                "kind": r["category_kind"],
                **_appeal_counts(r),
            }
            for r in by_section["category"]
        ],
        "by_status": [
            {"status": r["status"], "name": label(AppealStatus, r["status"]), **_appeal_counts(r)}
            for r in by_section["status"]
        ],
    }


def properties_section(rows: Iterable[dict]) -> dict:
    """Properties by kind, by (kind, ownership), by (kind, use), and the buildings' floor area."""
    out = {"by_kind": [], "by_ownership": [], "by_use": []}
    buildings = {"count": 0, "area_m2": 0.0, "floor_area_m2": 0.0, "levels_unknown": 0}
    for r in rows:
        base = {"kind": r["kind"], "kind_name": label(Property.Kind, r["kind"])}
        figures = {"count": r["count"], "area_m2": r["area_m2"]}
        if r["section"] == "kind":
            out["by_kind"].append({**base, **figures})
            if r["kind"] == Property.Kind.BUILDING:
                buildings = {
                    **figures,
                    "floor_area_m2": r["floor_area_m2"],
                    "levels_unknown": r["levels_unknown"],
                }
        elif r["section"] == "ownership":
            owner = {"ownership": r["ownership"], "name": label(Property.Ownership, r["ownership"])}
            out["by_ownership"].append({**base, **owner, **figures})
        else:
            out["by_use"].append({**base, "use": r["use"], **figures})
    out["count"] = sum(r["count"] for r in out["by_kind"])
    out["buildings"] = buildings
    return out


def assets_section(rows: Iterable[dict]) -> dict:
    """Assets: count and line length in total, by kind, by condition, and roads by highway class."""
    out = {"count": 0, "length_m": None, "by_kind": [], "by_condition": [], "roads_by_highway": []}
    for r in rows:
        section = r["section"]
        if section == "total":
            out["count"], out["length_m"] = r["count"], r["length_m"]
        elif section == "kind":
            out["by_kind"].append(
                {
                    "kind": r["kind"],
                    "name": label(Asset.Kind, r["kind"]),
                    "count": r["count"],
                    "length_m": r["length_m"],
                }
            )
        elif section == "condition":
            out["by_condition"].append(
                {
                    "condition": r["condition"],
                    "name": label(Asset.Condition, r["condition"]),
                    "count": r["count"],
                }
            )
        else:
            out["roads_by_highway"].append(
                {"highway": r["highway"], "count": r["count"], "length_m": r["length_m"]}
            )
    return out
