"""demo_load as a whole: rubricator, departments and zones, and a second run that changes nothing."""

import time

import pytest

from appeals.models import Appeal, AppealEvent, Category, Department
from demo.departments import DEPARTMENTS, ZONES
from demo.loader import counts
from demo.rubricator import load_rubricator
from layers.models import AdminArea, Asset
from tests.demo.conftest import run_demo_load

pytestmark = pytest.mark.django_db

REQUIRED_TOPICS = (
    "Чистота и порядок", "Социальное обеспечение", "Спортивное оборудование",
    "Спортивные и культурные мероприятия", "Благоустройство", "Ямы и разрушение дорожного покрытия",
    "Дорожная разметка и знаки", "Тротуары и пешеходные дорожки", "Отопление", "Водоснабжение",
    "Канализация", "Управляющие компании", "Остановки общественного транспорта", "Маршруты и расписание",
    "Уличное освещение", "Мусор и несанкционированные свалки", "Контейнерные площадки",
)  # fmt: skip


def test_first_run_printed_one_line_per_step_and_a_summary(demo_town):
    lines = demo_town.first_output.strip().splitlines()
    assert [line[:5] for line in lines[:7]] == [f"[{n}/7]" for n in range(1, 8)]
    assert "построено районов: 8" in lines[1] and "построено ТОС: 4" in lines[2]
    assert lines[-1].startswith("демо-город готов") and "issues 700" in lines[-1]


def test_rubricator(demo_town):
    cats = {c.code: c for c in Category.objects.select_related("default_department")}
    assert set(cats) == {s.code for s in load_rubricator()}
    names = {c.name_ru for c in cats.values()}
    assert set(REQUIRED_TOPICS) <= names
    assert sum(c.kind == "proposal" for c in cats.values()) >= 5
    assert cats["streetlight"].asset_kinds == ["streetlight"]
    assert cats["roads-potholes"].asset_kinds == ["road"]
    assert cats["improvement-playground"].asset_kinds == ["playground"]
    assert cats["housing-heating"].answer_working_days == 8
    assert cats["improvement"].answer_working_days is None
    assert cats["roads-potholes"].parent.code == "roads"
    assert all(c.default_department is not None and c.name_en and c.icon for c in cats.values())


def test_departments_zones_and_road_owners(demo_town):
    municipality = AdminArea.objects.get(kind="municipality", code="krymsk")
    departments = {d.code: d for d in Department.objects.prefetch_related("zones")}
    assert set(departments) == {d.code for d in DEPARTMENTS}
    assert all(municipality in d.zones.all() for d in departments.values())
    for zone in ZONES:
        area = AdminArea.objects.get(code=zone.code)
        assert area.kind == "responsibility_zone" and area in departments[zone.department].zones.all()
    assert not Asset.objects.filter(kind="road").exclude(department=departments["roads"]).exists()


def test_second_run_does_nothing(demo_town):
    before = counts()
    max_appeal, max_event = Appeal.objects.order_by("-id")[0].pk, AppealEvent.objects.order_by("-id")[0].pk
    t0 = time.perf_counter()
    output = run_demo_load()
    elapsed = time.perf_counter() - t0
    steps = output.strip().splitlines()[:6]
    assert all("уже есть" in line or "пропущено" in line for line in steps), output
    assert counts() == before
    assert Appeal.objects.order_by("-id")[0].pk == max_appeal
    assert AppealEvent.objects.order_by("-id")[0].pk == max_event
    assert elapsed < 5
