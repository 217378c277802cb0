"""Reads of appeals. Public reads never touch AppealContact or the author (152-ФЗ).

Lists and duplicate suggestions are GeoJSON text built in PostGIS (appeals/sql/); single objects and the
small reference lists (categories, departments) are read through the ORM.
"""

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from appeals.models import Appeal, AppealEvent, Category, Department
from appeals.workflow import HIDDEN_STATUSES, OPEN_STATUSES, AppealStatus
from geoportal.db import fetch_bytes, fetch_dicts, fetch_value, sql_file
from geoportal.errors import NotFound, PermissionDenied, ValidationFailed
from geoportal.roles import can_see_internal
from layers.models import AdminArea
from layers.selectors import PUBLIC_AREA_KINDS

Bbox = tuple[float, float, float, float]

# Statuses the public may see, in workflow order (for filters and docs).
PUBLIC_STATUSES: tuple[str, ...] = tuple(s.value for s in AppealStatus if s not in HIDDEN_STATUSES)
NEARBY_DAYS = 90
NEARBY_DEFAULT_RADIUS_M = 50
# How far the nearest addressed building may be for its address to become the appeal's address.
ADDRESS_RADIUS_M = 50


@dataclass(frozen=True)
class AppealListFilter:
    """Filters of the public list; None means "any". Ids are already resolved (see *_ids_for)."""

    kinds: list[str] | None = None
    statuses: list[str] | None = None
    category_ids: list[int] | None = None
    department_ids: list[int] | None = None
    area_ids: list[int] | None = None
    created_after: datetime | None = None
    created_before: datetime | None = None
    bbox: Bbox | None = None


def appeal_public_list_geojson(
    *,
    limit: int,
    after: int = 0,
    filters: AppealListFilter | None = None,
    bbox: Bbox | None = None,
    next_url_prefix: str,
) -> bytes:
    """One page of public appeals (status not hidden) with id > `after`, ordered by id, as GeoJSON text.

    `bbox` (or filters.bbox) is (west, south, east, north) in degrees, EPSG:4326. The collection's
    properties carry `numberReturned` and `next` (`next_url_prefix` + an opaque cursor, or null on the
    last page). Built entirely in PostGIS by appeals/sql/appeals_public_geojson.sql; returned as UTF-8 bytes.
    With no filter but `kinds`, the Features are read from the read model (appeals_public_kept_rows.sql),
    else built from the matching rows (appeals_public_rows.sql): the same text either way.
    """
    filters = filters or AppealListFilter()
    west, south, east, north = bbox or filters.bbox or (None, None, None, None)
    kept = west is None and replace(filters, kinds=None, bbox=None) == AppealListFilter()
    params = {
        "hidden": sorted(status.value for status in HIDDEN_STATUSES),
        "after": after,
        "page_size": limit,
        "west": west,
        "south": south,
        "east": east,
        "north": north,
        "kinds": filters.kinds,
        "statuses": filters.statuses,
        "categories": filters.category_ids,
        "departments": filters.department_ids,
        "areas": filters.area_ids,
        "created_after": filters.created_after,
        "created_before": filters.created_before,
        "next_prefix": next_url_prefix,
    }
    return _collection_page("appeals_public_kept_rows" if kept else "appeals_public_rows", params)


def appeal_author_list_geojson(*, user, limit: int, before: int | None, next_url_prefix: str) -> bytes:
    """One page of the appeals `user` filed, every status (new and rejected ones are theirs to see), newest
    first, with id < `before`, as GeoJSON text: the public list's Features and envelope
    (appeals/sql/appeals_author_rows.sql). Raises PermissionDenied when nobody is signed in."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(gettext("Sign in to see the appeals you filed."))
    params = {"author": user.pk, "before": before, "page_size": limit, "next_prefix": next_url_prefix}
    return _collection_page("appeals_author_rows", params)


def _collection_page(rows_sql: str, params: dict) -> bytes:
    """appeals/sql/appeals_public_geojson.sql around the rows of appeals/sql/<rows_sql>.sql."""
    rows = sql_file("appeals", rows_sql)
    return fetch_bytes(sql_file("appeals", "appeals_public_geojson").replace("{rows}", rows), params)


def _split_refs(refs: list[str]) -> tuple[list[int], list[str]]:
    ids = [int(ref) for ref in refs if ref.isdigit()]
    codes = [ref for ref in refs if not ref.isdigit()]
    return ids, codes


def _unknown(name: str, missing: list[str]) -> ValidationFailed:
    message = gettext("Unknown %(name)s: %(refs)s.") % {"name": name, "refs": ", ".join(missing)}
    return ValidationFailed(message, field=name)


def category_ids_for(refs: list[str]) -> list[int]:
    """Ids of the categories named by id or code, each with all its descendants (a parent filter takes
    in its sub-categories). Raises ValidationFailed(field="category") naming unknown references."""
    ids, codes = _split_refs(refs)
    rows = list(Category.objects.values_list("id", "code", "parent_id"))
    by_code = {code: pk for pk, code, _ in rows}
    known = {pk for pk, _, _ in rows}
    missing = [str(pk) for pk in ids if pk not in known] + [code for code in codes if code not in by_code]
    if missing:
        raise _unknown("category", missing)
    chosen = set(ids) | {by_code[code] for code in codes}
    children: dict[int, list[int]] = {}
    for pk, _, parent in rows:
        children.setdefault(parent, []).append(pk)
    todo = list(chosen)
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in chosen:
                chosen.add(child)
                todo.append(child)
    return sorted(chosen)


def department_ids_for(refs: list[str]) -> list[int]:
    """Ids of the departments named by id or code. Raises ValidationFailed(field="department")."""
    ids, codes = _split_refs(refs)
    found = Department.objects.filter(Q(pk__in=ids) | Q(code__in=codes)).values_list("id", "code")
    known_ids = {pk for pk, _ in found}
    known_codes = {code for _, code in found}
    missing = [str(pk) for pk in ids if pk not in known_ids] + [c for c in codes if c not in known_codes]
    if missing:
        raise _unknown("department", missing)
    return sorted(known_ids)


def area_ids_for(refs: list[str]) -> list[int]:
    """Ids of the public areas (municipality, district, ТОС) named by id or code; a code shared by several
    areas names them all. Raises ValidationFailed(field="area")."""
    ids, codes = _split_refs(refs)
    found = AdminArea.objects.filter(kind__in=PUBLIC_AREA_KINDS).filter(Q(pk__in=ids) | Q(code__in=codes))
    pairs = list(found.values_list("id", "code"))
    known_ids = {pk for pk, _ in pairs}
    known_codes = {code for _, code in pairs}
    missing = [str(pk) for pk in ids if pk not in known_ids] + [c for c in codes if c not in known_codes]
    if missing:
        raise _unknown("area", missing)
    return sorted(known_ids)


def category_get(*, ref: str | int) -> Category | None:
    """The category with this id (an int or a string of digits) or code, or None."""
    text = str(ref)
    if text.isdigit():
        return Category.objects.filter(pk=int(text)).first()
    return Category.objects.filter(code=text).first()


def appeal_visible_to(appeal: Appeal, user) -> bool:
    """Public appeals to everybody; new and rejected ones only to their author and to staff."""
    if appeal.status not in HIDDEN_STATUSES:
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    return appeal.author_id == user.pk or can_see_internal(user)


def appeal_get_public(*, appeal_id: int, user=None) -> Appeal:
    """The appeal with its category, district, department and photos, if `user` may see it.

    Raises NotFound for an unknown id and for a hidden status (appeal_visible_to), so a hidden appeal's
    existence is not revealed.
    """
    appeal = (
        Appeal.objects.select_related("category", "area", "department")
        .prefetch_related("photos")
        .filter(pk=appeal_id)
        .first()
    )
    if appeal is None or not appeal_visible_to(appeal, user):
        raise NotFound(gettext("There is no public appeal with this id."))
    return appeal


def appeal_public_timeline(*, appeal: Appeal) -> QuerySet[AppealEvent]:
    """Events a resident may read: status changes and public responses, oldest first. Callers must read
    only at / from_status / to_status / public_response (never internal_note or actor)."""
    changed = ~Q(to_status="") & ~Q(to_status=F("from_status"))
    return (
        AppealEvent.objects.filter(appeal=appeal)
        .filter(changed | ~Q(public_response=""))
        .only("at", "from_status", "to_status", "public_response")
        .order_by("at", "id")
    )


def appeal_nearby_geojson(
    *, lon: float, lat: float, category: Category | None, max_rows: int = 20, now: datetime | None = None
) -> str:
    """Open public appeals of `category` (any category when None) within its duplicate_radius_m (50 m
    without a category) of (lon, lat) degrees EPSG:4326, created in the last 90 days, nearest first, with
    distance_m (metres, geography), as GeoJSON FeatureCollection text (appeals_nearby_geojson.sql)."""
    radius_m = category.duplicate_radius_m if category else NEARBY_DEFAULT_RADIUS_M
    params = {
        "lon": lon,
        "lat": lat,
        "radius_m": float(radius_m),
        "categories": [category.pk] if category else None,
        "open": sorted(OPEN_STATUSES - HIDDEN_STATUSES),
        "since": (now or timezone.now()) - timedelta(days=NEARBY_DAYS),
        "max_rows": max_rows,
    }
    return fetch_value(sql_file("appeals", "appeals_nearby_geojson"), params)


def appeal_place(*, lon: float, lat: float) -> dict:
    """Where (lon, lat) degrees EPSG:4326 lies: {"inside": bool (in the municipality of
    settings.GEOPORTAL["MUNICIPALITY_CODE"]), "area_id": district id or None, "address": the nearest
    building's address within 50 m or None} (appeals/sql/appeal_place.sql)."""
    params = {
        "lon": lon,
        "lat": lat,
        "municipality": settings.GEOPORTAL["MUNICIPALITY_CODE"],
        "address_radius_m": float(ADDRESS_RADIUS_M),
    }
    return fetch_dicts(sql_file("appeals", "appeal_place"), params)[0]


def category_list_public(*, kinds: list[str]) -> QuerySet[Category]:
    """Active categories of `kinds`, ordered by kind and code."""
    return Category.objects.filter(is_active=True, kind__in=kinds)


def department_list_public() -> QuerySet[Department]:
    """Every department, its `categories` prefetched: the active categories it answers by default."""
    active = Category.objects.filter(is_active=True).only("id", "code", "default_department_id")
    return Department.objects.prefetch_related(Prefetch("categories", queryset=active))
