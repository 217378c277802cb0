"""The worked example of docs/TENSION.md, reproduced to the digit through the API and the pure formula."""

import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import h3
import pytest
from django.contrib.gis.geos import Point

from appeals.workflow import AppealStatus
from tension.scoring import Weights, appeal_contribution, tension_index
from tension.services.signals import signal_create
from tests.appeals.public_support import LENINA, STATION, make_appeal, town  # noqa: F401

MSK = ZoneInfo("Europe/Moscow")
WINDOW = "from=2026-04-01&to=2026-06-30"
A = h3.latlng_to_cell(LENINA[1], LENINA[0], 9)
B = h3.latlng_to_cell(STATION[1], STATION[0], 9)


def noon(day: str) -> datetime:
    return datetime.combine(date.fromisoformat(day), datetime.min.time(), MSK) + timedelta(hours=12)


@pytest.fixture
def example(town):  # noqa: F811
    potholes, lights = town["potholes"], town["roads"]
    potholes.severity = 2.0
    potholes.save()
    light = type(lights).objects.create(code="lights", name_ru="Освещение", name_en="Lighting", severity=1.0)
    make_appeal(potholes, created_at=noon("2026-06-30"), due_at=noon("2026-07-03"))
    make_appeal(
        light, created_at=noon("2026-05-31"), status=AppealStatus.IN_PROGRESS, supports_count=3,
        due_at=noon("2026-06-20"),
    )  # fmt: skip
    make_appeal(potholes, created_at=noon("2026-04-01"), status=AppealStatus.CLOSED, supports_count=1)
    make_appeal(potholes, created_at=noon("2026-03-31"))  # the day before the window: not counted
    make_appeal(potholes, created_at=noon("2026-06-29"), status=AppealStatus.NEW)  # awaiting moderation
    signal_create(source="vk", geom=Point(*LENINA, srid=4326), at=noon("2026-06-15"), weight=2.0, text="Пост")
    make_appeal(lights, lonlat=STATION, created_at=noon("2026-06-30"))
    return town


def hexes(client, query: str) -> dict[str, dict]:
    response = client.get(f"/api/v1/tension/hexes?{query}")
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/geo+json"
    return {f["properties"]["h3"]: f for f in json.loads(response.content)["features"]}


def test_worked_example_to_the_digit(client, example):
    cells = hexes(client, f"res=9&{WINDOW}")
    assert set(cells) == {A, B}
    a, b = cells[A]["properties"], cells[B]["properties"]
    assert a["t"] == 4.602649 and b["t"] == 1.0
    assert (a["index"], b["index"]) == (62.2, 26.3)
    assert a["count"] == 3 and a["statuses"] == {"closed": 1, "in_progress": 1, "registered": 1}
    assert a["overdue"] == 1 and a["share_overdue"] == 0.333 and a["signals"] == 1
    assert cells[A]["geometry"]["type"] == "Polygon"
    k = (4.602649251 + 1.0) / 2
    assert round(tension_index(4.602649251, k), 1) == 62.2


def test_pure_formula_gives_the_table_rows():
    w = Weights.from_settings()
    end = date(2026, 6, 30)
    light = appeal_contribution(
        w, severity=1.0, day=date(2026, 5, 31), ref_day=end, supports=3, status="in_progress",
        due_day=date(2026, 6, 20),
    )  # fmt: skip
    closed = appeal_contribution(
        w, severity=2.0, day=date(2026, 4, 1), ref_day=end, supports=1, status="closed", due_day=None
    )
    assert f"{light:.9f}" == "1.789720771" and f"{closed:.9f}" == "0.105821699"


def test_cell_explains_its_score(client, example):
    response = client.get(f"/api/v1/tension/cells/{A}?{WINDOW}")
    assert response.status_code == 200
    body = response.json()
    contributions = sorted(
        [a["contribution"] for a in body["appeals"]] + [s["contribution"] for s in body["signals"]]
    )
    assert contributions == [0.105822, 0.707107, 1.789721, 2.0]
    assert body["t"] == 4.602649 and body["index"] == 62.2 and body["count"] == 3
    assert {"text", "author", "contact", "email"}.isdisjoint(body["appeals"][0])


def test_res_10_reads_the_appeals_and_agrees(client, example):
    fine = hexes(client, f"res=10&{WINDOW}")
    assert round(sum(f["properties"]["t"] for f in fine.values()), 5) == round(4.602649251 + 1.0, 5)


def test_filters(client, example):
    roads_only = hexes(client, f"res=9&{WINDOW}&category={example['potholes'].code}")
    assert set(roads_only) == {A}  # no signal under a category filter
    assert roads_only[A]["properties"]["t"] == round(2.0 + 0.105821699, 6)
    assert hexes(client, f"res=9&{WINDOW}&kind=proposal") == {}
    west, south = LENINA[0] - 0.001, LENINA[1] - 0.001
    boxed = hexes(client, f"res=9&{WINDOW}&bbox={west},{south},{west + 0.002},{south + 0.002}")
    assert set(boxed) == {A} and boxed[A]["properties"]["index"] == 62.2  # K still over the whole town


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("res=6", "res"),
        ("res=abc", "res"),
        ("from=2026-07-01&to=2026-06-30", "from"),
        ("to=30.06.2026", "to"),
        ("kind=complaint", "kind"),
        ("category=nope", "category"),
        ("bbox=38,44,37,45", "bbox"),
    ],
)
def test_bad_input_is_400_naming_the_field(client, town, query, field):  # noqa: F811
    response = client.get(f"/api/v1/tension/hexes?{query}")
    assert response.status_code == 400
    assert response.json()["field"] == field


def test_unknown_cell_is_404(client, town):  # noqa: F811
    assert client.get("/api/v1/tension/cells/zzz").status_code == 404
    assert (
        client.get(f"/api/v1/tension/cells/{h3.latlng_to_cell(LENINA[1], LENINA[0], 5)}").status_code == 404
    )


def test_whole_months_come_from_the_monthly_rollup_to_the_same_digits(client, town):  # noqa: F811
    """Five months of appeals in every status mix: the rollups' T of each hexagon (whole months from the
    monthly sums, the rest daily) equals the pure formula over its appeals, for windows cut anywhere."""
    statuses = [
        AppealStatus.CLOSED,
        AppealStatus.ANSWERED,
        AppealStatus.IN_PROGRESS,
        AppealStatus.IMPLEMENTED,
    ]
    start = date(2026, 1, 14)
    for i in range(60):
        lonlat = (LENINA[0] + (i % 7) * 0.004, LENINA[1] + (i % 5) * 0.003)
        day = (start + timedelta(days=i * 37 % 150)).isoformat()
        make_appeal(
            town["potholes"] if i % 2 else town["roads"], lonlat=lonlat, created_at=noon(day),
            status=statuses[i % 4], supports_count=i % 3, due_at=noon(day) + timedelta(days=10),
            contact=False,
        )  # fmt: skip
    for window in (
        "from=2026-01-01&to=2026-05-31",
        "from=2026-01-20&to=2026-06-10",
        "from=2026-02-01&to=2026-02-20",
    ):
        for cell, feature in hexes(client, f"res=9&{window}").items():
            explained = client.get(f"/api/v1/tension/cells/{cell}?{window}").json()
            assert feature["properties"]["t"] == explained["t"], (window, cell)
