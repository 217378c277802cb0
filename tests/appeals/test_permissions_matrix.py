"""The permission matrix: every /api/v1/ endpoint × every kind of user → the expected status class.

The table MATRIX is data: one row per (route, method), each a Case (or a list of Cases) holding what every
role gets. `test_every_endpoint_has_a_row` discovers the URL patterns under /api/v1/ and fails when an
endpoint (or a method of it) has no row, or a row names an endpoint that no longer exists — so no endpoint
is added without deciding its permissions.

Roles: anonymous; resident (the author of the appeals below); moderator; operator (member of the
responsible department, "roads"); other_operator (member of another department); planner; admin (group
admin, not a superuser, so the group is what is tested). Expected: "2xx" (any success), or an exact code.
Appeals of the world: `new` (awaiting moderation), `registered` (routed to roads, due in 10 days) and
`answered` (roads; the resident may confirm, reopen, rate).
"""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.gis.geos import LineString
from django.core.cache import cache
from django.db import transaction
from django.test import Client

from appeals.models import Department
from appeals.workflow import AppealStatus
from geoportal.roles import Role
from importers.models import ImportRun
from layers.models import Access, Asset, Layer
from layers.rasters.services import raster_create
from tests.appeals.public_support import feature, make_appeal, town  # noqa: F401
from tests.geoportal.api_routes import api_routes

ROLES = ("anonymous", "resident", "moderator", "operator", "other_operator", "planner", "admin")
PASSWORD = "Krymsk-Matrix-2026"


def everyone(expected: str) -> dict[str, str]:
    return dict.fromkeys(ROLES, expected)


def only(*allowed: str, granted: str = "2xx", refused: str = "403") -> dict[str, str]:
    unknown = set(allowed) - set(ROLES)
    assert not unknown, unknown
    return {role: granted if role in allowed else refused for role in ROLES}


@dataclass(frozen=True)
class Case:
    """One request and what each role gets. `body` is a dict or a function of the world; `appeal` names
    the world's appeal that fills <appeal_id>; `path_values` fills other path parameters (a dict or a
    function of the world); `query` is a string or a function of the world; `multipart` sends the body
    as multipart/form-data instead of JSON."""

    expect: dict[str, str]
    body: dict | Callable | None = None
    query: str | Callable = ""
    appeal: str = "registered"
    path_values: dict | Callable = field(default_factory=dict)
    multipart: bool = False
    note: str = field(default="", compare=False)


STAFF_OPERATE = only("operator", "admin")  # appeals.permissions.can_operate
CREDENTIALS = {"username": "olga@example.org", "password": PASSWORD}
# geoportal.roles.can_see_internal: every staff role; others get 404, as if the thing did not exist.
INTERNAL_READ = only("moderator", "operator", "other_operator", "planner", "admin", refused="404")
# geoportal.roles.can_see_internal, refusing with 403: record history, certificates.
STAFF_READ = only("moderator", "operator", "other_operator", "planner", "admin")
RASTER = {"slug": "internal-tiny"}
LAYER = {"slug": "internal-plan"}
# Layer writes (layers/catalogue): the world's layer is internal, so non-staff get 404 before any role check.
LAYER_WRITE = {
    "anonymous": "404", "resident": "404", "moderator": "403", "operator": "403", "other_operator": "403",
    "planner": "2xx", "admin": "2xx",
}  # fmt: skip
TINY_RASTER = Path(__file__).resolve().parent.parent / "data" / "rasters" / "tiny_4x4_32637.tif"

MATRIX: dict[tuple[str, str], Case | list[Case]] = {
    # --- public reads -------------------------------------------------------------------------------
    ("api/v1/appeals", "get"): Case(everyone("2xx")),
    ("api/v1/appeals/<int:appeal_id>", "get"): [
        Case(everyone("2xx")),
        Case(
            only("resident", "moderator", "operator", "other_operator", "planner", "admin", refused="404"),
            appeal="new",
            note="new appeals: their author and staff only",
        ),
    ],
    ("api/v1/appeals/nearby", "get"): Case(everyone("2xx"), query="lon=37.987712&lat=44.930034"),
    ("api/v1/appeals/mine", "get"): Case(only(*ROLES[1:]), note="anyone signed in: their own appeals"),
    ("api/v1/appeals/export.geojson", "get"): Case(everyone("2xx")),
    ("api/v1/areas", "get"): Case(everyone("2xx")),
    ("api/v1/categories", "get"): Case(everyone("2xx")),
    ("api/v1/departments", "get"): Case(everyone("2xx")),
    ("api/v1/search", "get"): Case(everyone("2xx"), query=urlencode({"q": "Полковая"})),
    ("api/v1/geocode", "get"): Case(everyone("2xx"), query=urlencode({"q": "Полковая 42"})),
    ("api/v1/reverse", "get"): Case(
        everyone("404"),
        query=lambda w: urlencode(w.building_lonlat),
        note="public; the test world has no gazetteer, so the same 404 for every role",
    ),
    ("api/v1/stats/kpi", "get"): Case(everyone("2xx"), note="per-operator rows: tests/appeals/test_kpi.py"),
    ("api/v1/stats/monthly", "get"): Case(everyone("2xx")),
    ("api/v1/tension/hexes", "get"): Case(everyone("2xx"), query="res=9"),
    ("api/v1/tension/hotspots", "get"): Case(everyone("2xx"), query="res=9"),
    ("api/v1/tension/matrix", "get"): [
        Case(everyone("2xx"), query="level=tos"),
        Case(everyone("2xx"), query="format=csv", note="CSV and XLSX: the same public figures"),
    ],
    ("api/v1/tension/cells/<str:cell>", "get"): Case(
        everyone("2xx"), path_values={"cell": "892d72b8ccfffff"}
    ),
    # --- rasters (layers/rasters): the world's raster is internal, so it "does not exist" for non-staff -----
    ("api/v1/rasters", "get"): Case(everyone("2xx")),
    ("api/v1/rasters", "post"): Case(
        only("planner", "admin", granted="400"),
        multipart=True,
        body={"slug": "upload", "title": "Без файла"},
        note="no file sent: past the role check, planners get 400",
    ),
    ("api/v1/rasters/<slug:slug>", "get"): Case(INTERNAL_READ, path_values=RASTER),
    ("api/v1/rasters/<slug:slug>/value", "get"): Case(
        INTERNAL_READ, path_values=RASTER, query=lambda w: urlencode(w.raster_lonlat)
    ),
    ("api/v1/rasters/<slug:slug>/zonal", "post"): Case(
        INTERNAL_READ, path_values=RASTER, body=lambda w: {"geometry": w.raster_polygon}
    ),
    # --- area analysis (layers/analysis): open to all; appeals counted by role (tests/layers/analysis) ---
    ("api/v1/analysis/area", "post"): [
        Case(everyone("2xx"), body=lambda w: {"area": w.district.pk}),
        Case(
            only("moderator", "operator", "other_operator", "planner", "admin", refused="400"),
            body=lambda w: {"area": w.district.pk, "rasters": [RASTER["slug"]]},
            note="the internal raster is an unknown raster (400 naming it) to non-staff",
        ),
    ],
    # --- layer catalogue and uploads (layers/catalogue, importers/api) ------------------------------------
    ("api/v1/layers", "get"): Case(everyone("2xx"), note="internal layers listed for staff only"),
    ("api/v1/layers", "post"): Case(
        only("planner", "admin"), body={"slug": "new-plan", "title": "Новый план"}
    ),
    ("api/v1/layers/<slug:slug>", "get"): Case(INTERNAL_READ, path_values=LAYER),
    ("api/v1/layers/<slug:slug>", "patch"): Case(
        LAYER_WRITE, path_values=LAYER, body={"title": "План застройки 2026"}
    ),
    ("api/v1/layers/<slug:slug>", "delete"): Case(LAYER_WRITE, path_values=LAYER),
    ("api/v1/layers/<slug:slug>/upload", "post"): Case(
        {**LAYER_WRITE, "planner": "400", "admin": "400"},
        path_values=LAYER,
        multipart=True,
        body={"mode": "append"},
        note="no file sent: past the role check, planners get 400",
    ),
    ("api/v1/imports/<int:run_id>", "get"): Case(
        INTERNAL_READ,
        path_values=lambda w: {"run_id": w.import_run.pk},
        note="the run's creator (the planner) and staff",
    ),
    # --- property and asset records (layers/records, layers/certificates) ------------------------------
    ("api/v1/properties/<int:property_id>", "get"): Case(everyone("2xx"), path_values=lambda w: w.record_ids),
    ("api/v1/properties/<int:property_id>", "patch"): Case(
        only("planner", "admin"), path_values=lambda w: w.record_ids, body={"use": "жилой дом"}
    ),
    ("api/v1/properties/<int:property_id>/history", "get"): Case(
        STAFF_READ, path_values=lambda w: w.record_ids
    ),
    ("api/v1/properties/<int:property_id>/certificate.pdf", "get"): Case(
        STAFF_READ, path_values=lambda w: w.record_ids, note="staff issue numbered certificates (a journal)"
    ),
    ("api/v1/assets/<int:asset_id>", "get"): Case(everyone("2xx"), path_values=lambda w: w.record_ids),
    ("api/v1/assets/<int:asset_id>", "patch"): Case(
        only("operator", "planner", "admin"),
        path_values=lambda w: w.record_ids,
        body={"condition": "poor"},
        note="the asset belongs to roads: its operator may edit it, the other department's may not",
    ),
    ("api/v1/assets/<int:asset_id>/history", "get"): Case(STAFF_READ, path_values=lambda w: w.record_ids),
    # --- residents: filing, support, after the answer -----------------------------------------------
    ("api/v1/appeals", "post"): Case(everyone("2xx"), body=lambda w: feature(category="roads")),
    ("api/v1/appeals/<int:appeal_id>/support", "post"): Case(
        everyone("2xx"), body={"email": "me.too@example.org"}
    ),
    ("api/v1/appeals/<int:appeal_id>/confirm", "post"): Case(only("resident"), appeal="answered"),
    ("api/v1/appeals/<int:appeal_id>/reopen", "post"): Case(
        only("resident"), appeal="answered", body={"reason": "Яму так и не заделали, она на месте."}
    ),
    ("api/v1/appeals/<int:appeal_id>/rate", "post"): Case(
        only("resident"), appeal="answered", body={"rating": 4}
    ),
    ("api/v1/supports/confirm", "get"): Case(everyone("400"), note="token-gated, not role-gated"),
    ("api/v1/subscriptions", "post"): Case(
        everyone("2xx"), body=lambda w: {"email": "sub@example.org", "area": w.district.pk}
    ),
    ("api/v1/subscriptions/confirm", "get"): Case(everyone("400"), note="token-gated"),
    ("api/v1/subscriptions/unsubscribe", "get"): Case(everyone("400"), note="token-gated"),
    # --- staff ---------------------------------------------------------------------------------------
    ("api/v1/staff/queue", "get"): [
        Case(only("operator", "other_operator", "admin"), note="each operator gets their own departments"),
        Case(only("moderator", "admin"), query="scope=moderation"),
    ],
    ("api/v1/staff/templates", "get"): Case(only("operator", "other_operator", "admin")),
    ("api/v1/staff/templates", "post"): Case(
        STAFF_OPERATE,
        body=lambda w: {"department": w.roads.pk, "title": "Ремонт", "text": "Яма будет заделана."},
    ),
    ("api/v1/appeals/<int:appeal_id>/moderate", "post"): Case(
        only("moderator", "admin"),
        appeal="new",
        body=lambda w: {"action": "approve", "department": w.roads.pk},
    ),
    ("api/v1/appeals/<int:appeal_id>/transition", "post"): Case(
        STAFF_OPERATE, body={"to_status": "in_progress"}
    ),
    ("api/v1/appeals/<int:appeal_id>/assign", "post"): Case(
        STAFF_OPERATE, body=lambda w: {"assignee": w.users["operator"].pk}
    ),
    ("api/v1/appeals/<int:appeal_id>/notes", "post"): Case(
        only("moderator", "operator", "admin"), body={"text": "Позвонить жителю в понедельник."}
    ),
    ("api/v1/appeals/<int:appeal_id>/internal", "get"): Case(
        only("moderator", "operator", "planner", "admin")
    ),
    ("api/v1/appeals/<int:appeal_id>/extend", "post"): Case(
        STAFF_OPERATE, body={"days": 10, "notice": "Нужен подрядчик: срок ответа продлён на 10 дней."}
    ),
    # --- accounts (open to all by design; CSRF and throttling: tests/accounts) ------------------------
    ("api/v1/auth/signup", "post"): Case(
        everyone("2xx"), body={"email": "new.resident@example.org", "password": PASSWORD}
    ),
    ("api/v1/auth/confirm", "get"): Case(everyone("400"), note="token-gated"),
    ("api/v1/auth/confirm", "post"): Case(everyone("400"), note="token-gated"),
    ("api/v1/auth/login", "post"): Case(everyone("2xx"), body=CREDENTIALS),
    ("api/v1/auth/logout", "post"): Case(everyone("2xx")),
    ("api/v1/auth/me", "get"): Case(everyone("2xx")),
    ("api/v1/auth/token", "post"): Case(everyone("2xx"), body=CREDENTIALS),
    ("api/v1/auth/password/reset", "post"): Case(everyone("2xx"), body={"email": "olga@example.org"}),
    ("api/v1/auth/password/reset/confirm", "get"): Case(everyone("400"), note="token-gated"),
    ("api/v1/auth/password/reset/confirm", "post"): Case(
        everyone("400"), body={"token": "x", "password": PASSWORD}
    ),
}


def rows() -> list:
    params = []
    for (path, method), row in MATRIX.items():
        for index, case in enumerate(row if isinstance(row, list) else [row]):
            params.append(pytest.param(path, method, case, id=f"{method.upper()} {path} #{index}"))
    return params


def test_every_endpoint_has_a_row():
    routed = {(route.path, method) for route in api_routes() for method in route.methods}

    missing = sorted(routed - set(MATRIX))
    stale = sorted(set(MATRIX) - routed)

    assert not missing, f"endpoints without a row in MATRIX (decide their permissions): {missing}"
    assert not stale, f"rows for endpoints that do not exist: {stale}"


def test_every_row_names_every_role():
    for key, row in MATRIX.items():
        for case in row if isinstance(row, list) else [row]:
            assert set(case.expect) == set(ROLES), key


@pytest.fixture
def world(town, settings):  # noqa: F811
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()  # throttles and rate limits count in the default cache
    User = get_user_model()
    roads = town["department"]
    light = Department.objects.create(code="light", name="Освещение")
    users = {}
    for role, group, department in [
        ("resident", Role.RESIDENT, None),
        ("moderator", Role.MODERATOR, None),
        ("operator", Role.OPERATOR, roads),
        ("other_operator", Role.OPERATOR, light),
        ("planner", Role.PLANNER, None),
        ("admin", Role.ADMIN, None),
    ]:
        user = User.objects.create(username=f"matrix-{role}", email=f"{role}@example.org")
        user.groups.add(Group.objects.get(name=group))
        if department is not None:
            department.members.add(user)
        users[role] = user
    User.objects.create_user("olga", email="olga@example.org", password=PASSWORD)
    now = datetime.now(tz=UTC)
    category = town["potholes"]
    resident = users["resident"]
    appeals = {
        "new": make_appeal(category, status=AppealStatus.NEW, author=resident, created_at=now),
        "registered": make_appeal(
            category, author=resident, department=roads, created_at=now - timedelta(days=2),
            registered_at=now - timedelta(days=1), due_at=now + timedelta(days=10),
        ),
        "answered": make_appeal(
            category, status=AppealStatus.ANSWERED, author=resident, department=roads,
            created_at=now - timedelta(days=9), registered_at=now - timedelta(days=8),
            due_at=now + timedelta(days=20), answered_at=now - timedelta(days=1),
        ),
    }  # fmt: skip
    raster = raster_create(source=TINY_RASTER, slug=RASTER["slug"], title="Tiny", access=Access.INTERNAL)
    raster_centre = raster.extent.centroid
    Layer.objects.create(slug=LAYER["slug"], title="План застройки", access=Access.INTERNAL)
    import_run = ImportRun.objects.create(
        importer="vector", source="plan.geojson", created_by=users["planner"]
    )
    inside = town["building"].geom.point_on_surface
    road = Asset.objects.create(
        kind=Asset.Kind.ROAD,
        department=roads,
        geom=LineString((inside.x - 0.0005, inside.y), (inside.x + 0.0005, inside.y), srid=4326),
    )
    yield SimpleNamespace(
        users=users,
        appeals=appeals,
        roads=roads,
        light=light,
        district=town["centre"],
        building_lonlat={"lon": inside.x, "lat": inside.y},
        record_ids={"property_id": town["building"].pk, "asset_id": road.pk},
        raster_lonlat={"lon": raster_centre.x, "lat": raster_centre.y},
        raster_polygon=json.loads(raster.extent.geojson),
        import_run=import_run,
    )
    cache.clear()


def matches(status: int, expected: str) -> bool:
    return 200 <= status < 300 if expected == "2xx" else str(status) == expected


def request_as(world, role: str, path: str, method: str, case: Case):
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    values = {"appeal_id": world.appeals[case.appeal].pk}
    values |= case.path_values(world) if callable(case.path_values) else case.path_values
    url = "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), path)
    query = case.query(world) if callable(case.query) else case.query
    url += f"?{query}" if query else ""
    if method == "get":
        return client.get(url)
    body = case.body(world) if callable(case.body) else case.body
    if case.multipart:
        return getattr(client, method)(url, body or {})
    return getattr(client, method)(url, body or {}, content_type="application/json")


@pytest.mark.parametrize(("path", "method", "case"), rows())
def test_permissions(world, path, method, case):
    wrong = []
    for role in ROLES:
        cache.clear()  # throttles and rate limits count in the default cache
        # Each role starts from the same world: its request runs in a savepoint that is rolled back.
        with transaction.atomic():
            response = request_as(world, role, path, method, case)
            transaction.set_rollback(True)
        if not matches(response.status_code, case.expect[role]):
            body = b"" if getattr(response, "streaming", False) else response.content[:200]
            wrong.append(f"{role}: got {response.status_code}, expected {case.expect[role]} {body!r}")

    assert not wrong, "\n".join(wrong)
