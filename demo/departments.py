"""The demo departments and their responsibility zones: pure data, no database.

Every department is responsible for the whole municipality. Roads and improvement work is split further
into maintenance sections (unions of demo districts), so that routing by responsibility zone and
per-section KPIs have something to tell apart; see demo/data/README.md.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class DepartmentSpec:
    code: str
    name: str
    name_en: str
    email: str


@dataclass(frozen=True)
class ZoneSpec:
    code: str
    name: str
    department: str
    districts: tuple[int, ...]  # numbers of the demo districts ("Микрорайон N") the zone covers


DEPARTMENTS: tuple[DepartmentSpec, ...] = (
    DepartmentSpec("housing", "ЖКХ", "Housing and utilities", "housing@example.org"),
    DepartmentSpec("roads", "Дорожное хозяйство", "Roads", "roads@example.org"),
    DepartmentSpec("improvement", "Благоустройство", "Public space improvement", "improvement@example.org"),
    DepartmentSpec("transport", "Транспорт", "Public transport", "transport@example.org"),
    DepartmentSpec("energy", "Энергетика", "Energy", "energy@example.org"),
    DepartmentSpec("social", "Социальная сфера", "Social services", "social@example.org"),
)

# Districts are numbered north to south (demo/kmeans.py), so 1–4 is the northern half of the town.
ZONES: tuple[ZoneSpec, ...] = (
    ZoneSpec("demo-zone-roads-north", "Дорожный участок «Север»", "roads", (1, 2, 3, 4)),
    ZoneSpec("demo-zone-roads-south", "Дорожный участок «Юг»", "roads", (5, 6, 7, 8)),
    ZoneSpec("demo-zone-improvement-1", "Участок благоустройства № 1", "improvement", (1, 2)),
    ZoneSpec("demo-zone-improvement-2", "Участок благоустройства № 2", "improvement", (3, 4)),
    ZoneSpec("demo-zone-improvement-3", "Участок благоустройства № 3", "improvement", (5, 6)),
    ZoneSpec("demo-zone-improvement-4", "Участок благоустройства № 4", "improvement", (7, 8)),
)

# Assets of these kinds belong to the department with this code (applied to rows with no owner yet).
ASSET_OWNERS: dict[str, str] = {"road": "roads"}
