"""Writes of the demo loader: every one is a single transaction, so a failed step leaves nothing partial."""

from datetime import datetime

import numpy as np
from django.db import connection, transaction

from appeals.models import Appeal, Category, Department
from demo.appeals import AppealBatch, CategoryInfo
from demo.departments import ASSET_OWNERS, DEPARTMENTS, ZONES
from demo.rubricator import CategorySpec
from geoportal.db import fetch_rows, sql_file
from layers.models import AdminArea, Asset

DISTRICT_NAME = "Микрорайон"
M2_PER_RESIDENT = 25.0  # floor area per resident used to estimate population
# Property.use values counted as homes; the OSM importer leaves most buildings as "" or "yes".
RESIDENTIAL_USES = [
    "", "yes", "residential", "house", "detached", "semidetached_house", "terrace", "apartments", "dormitory",
]  # fmt: skip


NEXT_APPEAL_IDS = "SELECT nextval(pg_get_serial_sequence('appeals_appeal', 'id')) FROM generate_series(1, %s)"
COPY_APPEALS = (
    "COPY appeals_appeal (id, kind, category_id, department_id, status, text, address, author_public_name,"
    " source, source_id, supports_count, rating, duplicate_of_id, created_at, registered_at, due_at,"
    " answered_at, closed_at, updated_at, h3, geom) FROM STDIN"
)


class DemoDataError(RuntimeError):
    """The data the demo is built on is missing or does not fit (message says what)."""


def area_population_update(*, area_ids: list[int]) -> None:
    """Estimate AdminArea.population from residential floor area (footprint × levels / 25 m²)."""
    with connection.cursor() as cur:
        cur.execute(
            sql_file("demo", "area_population"),
            {"ids": area_ids, "uses": RESIDENTIAL_USES, "m2_per_resident": M2_PER_RESIDENT},
        )


@transaction.atomic
def demo_districts_replace(*, municipality: AdminArea, centres_m: np.ndarray) -> list[int]:
    """Replace the demo districts by the Voronoi cells of `centres_m` (UTM 37N metres, in district order)
    clipped to the municipal boundary; returns their ids. Raises DemoDataError when a cell is lost."""
    AdminArea.objects.filter(kind=AdminArea.Kind.DISTRICT, is_demo=True, source="demo").delete()
    params = {
        "municipality_id": municipality.pk,
        "xs": [float(x) for x in centres_m[:, 0]],
        "ys": [float(y) for y in centres_m[:, 1]],
        "name_prefix": DISTRICT_NAME,
    }
    ids = [row[0] for row in fetch_rows(sql_file("demo", "districts_insert"), params)]
    if len(ids) != len(centres_m):
        raise DemoDataError(f"expected {len(centres_m)} districts, the Voronoi clip gave {len(ids)}")
    area_population_update(area_ids=ids)
    return ids


@transaction.atomic
def demo_tos_replace(
    *, tos: list[tuple[AdminArea, str, str]], n_buildings: int, max_radius_m: float, buffer_m: float
) -> list[int]:
    """Replace the demo ТОС: one per (district, name, code), around the buildings nearest its centroid."""
    AdminArea.objects.filter(kind=AdminArea.Kind.TOS, is_demo=True, source="demo").delete()
    ids: list[int] = []
    for district, name, code in tos:
        params = {
            "district_id": district.pk,
            "n_buildings": n_buildings,
            "max_radius_m": max_radius_m,
            "buffer_m": buffer_m,
            "name": name,
            "code": code,
        }
        rows = fetch_rows(sql_file("demo", "tos_insert"), params)
        if not rows:
            raise DemoDataError(f"ТОС {code}: district {district.code} has no buildings")
        ids.append(rows[0][0])
    area_population_update(area_ids=ids)
    return ids


@transaction.atomic
def demo_departments_ensure(
    *, municipality: AdminArea, districts: dict[int, AdminArea], rebuild_zones: bool
) -> dict[str, int]:
    """Create the missing demo departments and responsibility zones (all zones again when `rebuild_zones`),
    link each department to the municipality and its zones, and give ownerless roads to their department.
    Returns counts of what changed."""
    changed = {"departments": 0, "zones": 0, "links": 0, "assets": 0}
    departments = {}
    for spec in DEPARTMENTS:
        dept, created = Department.objects.get_or_create(
            code=spec.code, defaults={"name": spec.name, "name_en": spec.name_en, "email": spec.email}
        )
        departments[spec.code] = dept
        changed["departments"] += created
    existing = {
        z.code: z for z in AdminArea.objects.filter(kind=AdminArea.Kind.RESPONSIBILITY_ZONE, source="demo")
    }
    if rebuild_zones or set(existing) != {z.code for z in ZONES}:
        AdminArea.objects.filter(pk__in=[z.pk for z in existing.values()]).delete()
        existing = {}
        for spec in ZONES:
            missing = [n for n in spec.districts if n not in districts]
            if missing:
                raise DemoDataError(f"zone {spec.code}: demo districts {missing} do not exist")
            params = {
                "area_ids": [districts[n].pk for n in spec.districts],
                "name": spec.name,
                "code": spec.code,
            }
            zone_id = fetch_rows(sql_file("demo", "zone_insert"), params)[0][0]
            existing[spec.code] = AdminArea.objects.get(pk=zone_id)
            changed["zones"] += 1
    for spec in DEPARTMENTS:
        wanted = {municipality.pk} | {existing[z.code].pk for z in ZONES if z.department == spec.code}
        have = set(departments[spec.code].zones.values_list("pk", flat=True))
        if wanted - have:
            departments[spec.code].zones.add(*(wanted - have))
            changed["links"] += len(wanted - have)
    for kind, code in ASSET_OWNERS.items():
        changed["assets"] += Asset.objects.filter(kind=kind, department__isnull=True).update(
            department=departments[code]
        )
    return changed


@transaction.atomic
def demo_rubricator_upsert(*, specs: list[CategorySpec]) -> dict[str, int]:
    """Create or update appeals.Category rows by code from the rubricator specs (parents first).
    Raises DemoDataError when a spec names a department that does not exist."""
    departments = {d.code: d for d in Department.objects.all()}
    current = {c.code: c for c in Category.objects.all()}
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for spec in specs:
        if spec.department not in departments:
            raise DemoDataError(f"category {spec.code}: department {spec.department!r} does not exist")
        values = {
            "federal_code": spec.federal_code, "name_ru": spec.name_ru, "name_en": spec.name_en,
            "parent": current[spec.parent] if spec.parent else None, "kind": spec.kind,
            "severity": spec.severity, "default_department": departments[spec.department],
            "answer_working_days": spec.answer_working_days, "asset_kinds": list(spec.asset_kinds),
            "icon": spec.icon,
        }  # fmt: skip
        cat = current.get(spec.code)
        if cat is None:
            current[spec.code] = Category.objects.create(code=spec.code, **values)
            counts["created"] += 1
        elif any(getattr(cat, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(cat, k, v)
            cat.save()
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
    return counts


def category_infos() -> dict[str, CategoryInfo]:
    """What the appeal generator needs to know of each category, by code."""
    return {
        c.code: CategoryInfo(
            id=c.pk,
            kind=c.kind,
            department_id=c.default_department_id,
            department_name=c.default_department.name if c.default_department else "",
            answer_working_days=c.answer_working_days,
        )
        for c in Category.objects.select_related("default_department")
    }


@transaction.atomic
def demo_appeals_replace(*, batch: AppealBatch, categories: dict[str, CategoryInfo], now: datetime) -> int:
    """Replace all demo appeals (source "demo") by `batch`, with their events, contacts and supports, through
    COPY; then set each appeal's district by ST_Contains. Returns the number of appeals written."""
    Appeal.objects.filter(source=Appeal.Source.DEMO).delete()
    n = len(batch.appeals)
    if n == 0:
        return 0
    # ids are taken up front so that events, contacts, supports and duplicate_of can point at them
    ids = [r[0] for r in fetch_rows(NEXT_APPEAL_IDS, [n])]
    with connection.cursor() as wrapper:
        cur = wrapper.cursor  # the psycopg cursor: COPY is not part of the DB-API
        with cur.copy(COPY_APPEALS) as copy:
            for i, a in enumerate(batch.appeals):
                cat = categories[a.category]
                copy.write_row((
                    ids[i], a.kind, cat.id, cat.department_id, a.status, a.text, a.address,
                    a.author_public_name, Appeal.Source.DEMO, a.source_id, a.supports_count, a.rating,
                    None if a.duplicate_of is None else ids[a.duplicate_of], a.created_at, a.registered_at,
                    a.due_at, a.answered_at, a.closed_at, now, a.h3, f"SRID=4326;POINT({a.lon!r} {a.lat!r})",
                ))  # fmt: skip
        with cur.copy(
            "COPY appeals_appealevent (appeal_id, from_status, to_status, public_response, internal_note, at)"
            " FROM STDIN"
        ) as copy:
            for e in batch.events:
                copy.write_row(
                    (ids[e.appeal], e.from_status, e.to_status, e.public_response, e.internal_note, e.at)
                )
        with cur.copy(
            "COPY appeals_appealcontact (appeal_id, name, email, phone, original_text) FROM STDIN"
        ) as copy:
            for appeal, name, email, phone, text in batch.contacts:
                copy.write_row((ids[appeal], name, email, phone, text))
        with cur.copy("COPY appeals_support (appeal_id, email, created_at) FROM STDIN") as copy:
            for appeal, email, at in batch.supports:
                copy.write_row((ids[appeal], email, at))
        wrapper.execute(sql_file("demo", "appeals_assign_area"))
    return n


def demo_appeal_areas_assign() -> int:
    """Set the district of every demo appeal whose district changed (after the districts were rebuilt)."""
    with connection.cursor() as cur:
        cur.execute(sql_file("demo", "appeals_assign_area"))
        return cur.rowcount
