"""The digital matrix (tension.matrix, GET /api/v1/tension/matrix, /tiles/tension-matrix/…) on a tiny town.

Real PostGIS: appeals go through the rollup triggers, areas and cells are real geometry. The window is
2026-06-01 … 2026-06-30 (T measured on 06-30), the previous one 2026-05-02 … 2026-05-31.

- «Центр» (no population: the estimate, 300 + 200 residents of two res-10 cells) holds the ТОС «Ленина»,
  a 50 m box inside res-9 cell A that holds no hexagon centre (so A stands for it), and cell W.
  In the window: a1 potholes registered 06-28 at the ТОС, due 06-29 (overdue); a2 potholes in progress
  06-27 in W, due in a month; a3 roads answered 06-20 at the ТОС (registered 06-21 12:00, answered 06-25
  12:00: 4 days); a4 yard proposal published 06-25 at the ТОС; a7 potholes answered 06-23 12:00 at the ТОС
  (registered 18:00, answered 06-29 18:00: 6 days); a6 new (not counted). Before: a5 potholes closed 05-21
  at the ТОС, answered 06-10 12:00 (20 days from its creation: no registration) — answered in the window.
- «Юг» (population 2,000, known): b1 potholes registered 06-29 at the station, due 06-29 (overdue); four
  registered appeals there on 05-16 (previous window only).
"""

import csv
import io
import json
import math
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import h3.api.basic_int as h3
import mapbox_vector_tile
import openpyxl
import pytest
from django.utils import timezone

from appeals.workflow import AppealStatus
from layers.models import AdminArea
from tension.cells import register_cells
from tension.models import TensionCell
from tests.appeals.public_support import CONTACT, STATION, box, make_appeal, town  # noqa: F401
from tests.tension.hotspot_support import cell_at, centre_of

MSK = ZoneInfo("Europe/Moscow")
WINDOW = "from=2026-06-01&to=2026-06-30"
LENINA_A = cell_at((37.987712, 44.930034), 9)
TOS_POINT = (centre_of(LENINA_A)[0] + 0.0008, centre_of(LENINA_A)[1])  # inside A, ~60 m east of its centre
W_POINT = (37.975, 44.925)
S = cell_at(STATION, 9)
W = cell_at(W_POINT, 9)


def at(day: str, hour: int = 12) -> datetime:
    return datetime.combine(date.fromisoformat(day), datetime.min.time(), MSK) + timedelta(hours=hour)


def decay(days: int) -> float:
    return 2 ** (-days / 30)


# T by hand (severity 1, no supports; open 1.0, answered 0.5, closed 0.25, overdue boost 1.5).
T_A = 1.5 * decay(2) + 0.5 * decay(10) + 1.0 * decay(5) + 0.5 * decay(7)  # a1, a3, a4, a7
T_W = decay(3)  # a2
T_S = 1.5 * decay(1)  # b1
K = sorted([T_A, T_W, T_S])[1]  # the median non-zero T of the municipality's res-9 cells
INDEX = {cell: 100 * t / (t + K) for cell, t in ((LENINA_A, T_A), (W, T_W), (S, T_S))}
T_A_BEFORE = 0.25 * decay(10)  # a5, on 05-31
T_S_BEFORE = 4 * decay(15)


@pytest.fixture
def matrix_town(town):  # noqa: F811
    assert cell_at(TOS_POINT, 9) == LENINA_A
    south = town["south"]
    south.population = 2000
    south.save()
    tos = AdminArea.objects.create(
        kind=AdminArea.Kind.TOS,
        name="ТОС «Ленина»",
        code="tos-lenina",
        parent=town["centre"],
        geom=box(TOS_POINT[0] - 0.0003, TOS_POINT[1] - 0.0003, TOS_POINT[0] + 0.0003, TOS_POINT[1] + 0.0003),
    )
    assert not h3.geo_to_cells(json.loads(tos.geom.geojson), 9)  # too small to hold a res-9 centre
    populated = {cell_at((37.98, 44.935), 10): 300, cell_at((37.99, 44.925), 10): 200}
    populated[cell_at((38.02, 44.91), 10)] = 999  # in «Юг», whose population is known: not used
    register_cells(list(populated))
    for cell, population in populated.items():
        TensionCell.objects.filter(h3=cell).update(population=population)

    potholes, roads, yard = town["potholes"], town["roads"], town["yard"]
    later = timezone.now() + timedelta(days=30)
    S_ = AppealStatus
    make_appeal(potholes, lonlat=TOS_POINT, created_at=at("2026-06-28"), due_at=at("2026-06-29"))  # a1
    make_appeal(potholes, lonlat=W_POINT, status=S_.IN_PROGRESS, created_at=at("2026-06-27"), due_at=later)
    make_appeal(
        roads, lonlat=TOS_POINT, status=S_.ANSWERED, created_at=at("2026-06-20"),
        registered_at=at("2026-06-21"), answered_at=at("2026-06-25"),
    )  # a3  # fmt: skip
    make_appeal(yard, lonlat=TOS_POINT, status=S_.PUBLISHED, created_at=at("2026-06-25"))  # a4
    make_appeal(
        potholes, lonlat=TOS_POINT, status=S_.CLOSED, created_at=at("2026-05-21"),
        answered_at=at("2026-06-10"),
    )  # a5  # fmt: skip
    make_appeal(potholes, lonlat=TOS_POINT, status=S_.NEW, created_at=at("2026-06-29"))  # a6
    make_appeal(
        potholes, lonlat=TOS_POINT, status=S_.ANSWERED, created_at=at("2026-06-23"),
        registered_at=at("2026-06-23", 18), answered_at=at("2026-06-29", 18),
    )  # a7  # fmt: skip
    make_appeal(potholes, lonlat=STATION, created_at=at("2026-06-29"), due_at=at("2026-06-29"))  # b1
    for _ in range(4):
        make_appeal(potholes, lonlat=STATION, created_at=at("2026-05-16"), contact=False)
    return {**town, "tos": tos}


def get_matrix(client, query: str = "", **headers) -> dict:
    response = client.get(f"/api/v1/tension/matrix?{WINDOW}&{query}", **headers)
    assert response.status_code == 200, response.content
    return response.json()


def by_name(document: dict) -> dict[str, dict]:
    return {area["name"]: area for area in document["areas"]}


def test_district_indicators_match_the_hand_computed_values(client, matrix_town):
    document = get_matrix(client, "level=district")
    assert document["level"] == "district" and document["res"] == 9
    assert (document["from"], document["to"]) == ("2026-06-01", "2026-06-30")
    assert document["previous"] == {"from": "2026-05-02", "to": "2026-05-31"}
    assert document["k"] == round(K, 6)
    areas = by_name(document)
    assert list(areas) == ["Центр", "Юг"]
    centre, south = areas["Центр"], areas["Юг"]

    assert (centre["population"], centre["population_source"]) == (500, "estimated")
    assert centre["appeals"] == 5 and centre["per_1000"] == 10.0
    assert (centre["overdue"], centre["overdue_share"]) == (1, 0.2)
    assert (centre["answered"], centre["median_answer_days"]) == (3, 6.0)  # 4, 6 and 20 days
    assert centre["hexagons"] == 2
    assert centre["tension_mean"] == round((INDEX[LENINA_A] + INDEX[W]) / 2, 1)
    assert centre["tension_max"] == round(INDEX[LENINA_A], 1)
    assert centre["t"] == round(T_A + T_W, 6) and centre["t_previous"] == round(T_A_BEFORE, 6)
    assert centre["trend"] == "rising"
    assert centre["top_categories"] == [
        {"code": "roads-potholes", "name": "Ямы", "count": 3},
        {"code": "proposal-yard", "name": "Двор", "count": 1},  # a tie: by code
        {"code": "roads", "name": "Дороги", "count": 1},
    ]

    assert (south["population"], south["population_source"]) == (2000, "known")
    assert south["appeals"] == 1 and south["per_1000"] == 0.5
    assert (south["overdue"], south["overdue_share"]) == (1, 1.0)
    assert (south["answered"], south["median_answer_days"]) == (0, None)
    assert south["hexagons"] == 1 and south["tension_mean"] == south["tension_max"] == 50.0
    assert south["t"] == round(T_S, 6) and south["t_previous"] == round(T_S_BEFORE, 6)
    assert south["trend"] == "falling"
    assert south["top_categories"] == [{"code": "roads-potholes", "name": "Ямы", "count": 1}]


def test_a_tos_too_small_for_a_hexagon_centre_takes_the_hexagon_it_lies_in(client, matrix_town):
    (tos,) = get_matrix(client, "level=tos")["areas"]
    assert tos["name"] == "ТОС «Ленина»" and tos["code"] == "tos-lenina"
    assert tos["population"] is None and tos["population_source"] is None and tos["per_1000"] is None
    assert (tos["appeals"], tos["overdue"], tos["overdue_share"]) == (4, 1, 0.25)
    assert (tos["answered"], tos["median_answer_days"]) == (3, 6.0)
    assert tos["hexagons"] == 1 and tos["tension_mean"] == tos["tension_max"] == round(INDEX[LENINA_A], 1)
    assert tos["t"] == round(T_A, 6) and tos["trend"] == "rising"
    assert [c["count"] for c in tos["top_categories"]] == [2, 1, 1]


def test_kind_and_category_filters_narrow_the_counts(client, matrix_town):
    centre = by_name(get_matrix(client, "kind=issue"))["Центр"]
    assert centre["appeals"] == 4 and [c["code"] for c in centre["top_categories"]] == [
        "roads-potholes",
        "roads",
    ]
    centre = by_name(get_matrix(client, "category=roads-potholes"))["Центр"]
    assert centre["appeals"] == 3 and centre["per_1000"] == 6.0
    assert (centre["answered"], centre["median_answer_days"]) == (2, 13.0)  # a5 (20 days), a7 (6 days)
    assert centre["top_categories"] == [{"code": "roads-potholes", "name": "Ямы", "count": 3}]
    centre = by_name(get_matrix(client, "kind=proposal"))["Центр"]
    assert centre["appeals"] == 1 and centre["overdue_share"] == 0.0 and centre["answered"] == 0


def test_english_names_follow_the_language(client, matrix_town):
    centre = by_name(get_matrix(client, "", HTTP_ACCEPT_LANGUAGE="en"))["Центр"]
    assert [c["name"] for c in centre["top_categories"]] == ["Potholes", "Yard", "Roads"]


def as_numbers(row: list) -> list:
    """CSV cells back to numbers where they are numbers ('' → None)."""
    out = []
    for value in row:
        try:
            out.append(None if value == "" else float(value))
        except ValueError:
            out.append(value)
    return out


EXPECTED_CENTRE_ROW = [
    "Центр", "d1", 500, None, 5, 10.0, 1, 0.2, 3, 6.0, 2,
    round((INDEX[LENINA_A] + INDEX[W]) / 2, 1), round(INDEX[LENINA_A], 1), round(T_A + T_W, 6),
    round(T_A_BEFORE, 6), None, "Ямы", 3, "Двор", 1, "Дороги", 1,
]  # fmt: skip


def test_csv_reads_back_to_the_json_numbers_with_russian_headers(client, matrix_town):
    response = client.get(f"/api/v1/tension/matrix?{WINDOW}&format=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == (
        'attachment; filename="tension-matrix-district-2026-06-01-2026-06-30.csv"'
    )
    text = response.content.decode("utf-8-sig")
    assert not any(secret in text for secret in CONTACT.values())
    header, centre, south = list(csv.reader(io.StringIO(text)))
    assert header[:6] == ["Территория", "Код", "Население", "Источник численности", "Обращений",
                          "Обращений на 1000 жителей"]  # fmt: skip
    assert header[15] == "Тренд" and header[-2:] == ["Категория 3", "Категория 3, обращений"]
    values = as_numbers(centre)
    assert values[3] == "оценка" and values[15] == "рост"
    assert [v for i, v in enumerate(values) if i not in (3, 15)] == [
        v for i, v in enumerate(EXPECTED_CENTRE_ROW) if i not in (3, 15)
    ]
    assert as_numbers(south)[:10] == ["Юг", "d2", 2000, "известна", 1, 0.5, 1, 1.0, 0, None]


def test_accept_text_csv_and_english_headers(client, matrix_town):
    url = f"/api/v1/tension/matrix?{WINDOW}"
    response = client.get(url, HTTP_ACCEPT="text/csv", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    header, centre, _south = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert header[:5] == ["Area", "Code", "Population", "Population source", "Appeals"]
    assert centre[3] == "estimated" and centre[15] == "rising" and centre[16] == "Potholes"


def test_xlsx_reads_back_to_the_same_numbers(client, matrix_town):
    response = client.get(f"/api/v1/tension/matrix?{WINDOW}&format=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0].freeze_panes == "B2"
    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    sheet = book.worksheets[0]
    assert sheet.title == "Цифровая матрица"
    header, centre, south = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert header[0] == "Территория" and header[5] == "Обращений на 1000 жителей"
    assert centre[3] == "оценка" and centre[15] == "рост"
    assert [v for i, v in enumerate(centre) if i not in (3, 15)] == [
        v for i, v in enumerate(EXPECTED_CENTRE_ROW) if i not in (3, 15)
    ]
    assert south[:10] == ["Юг", "d2", 2000, "известна", 1, 0.5, 1, 1, 0, None]
    cells = [str(v) for row in sheet.iter_rows(values_only=True) for v in row if v is not None]
    assert not any(secret in cell for cell in cells for secret in CONTACT.values())


def tile_of(lon: float, lat: float, z: int) -> tuple[int, int]:
    n = 2**z
    return int((lon + 180) / 360 * n), int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)


def test_choropleth_tile_carries_the_indicators(client, matrix_town):
    x, y = tile_of(*TOS_POINT, 12)
    response = client.get(f"/tiles/tension-matrix/12/{x}/{y}.mvt?{WINDOW}&level=district")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.mapbox-vector-tile"
    layer = mapbox_vector_tile.decode(response.content)["tension_matrix"]
    features = {f["properties"]["name"]: f for f in layer["features"]}
    assert set(features) == {"Центр", "Юг"}
    centre = features["Центр"]
    assert centre["id"] == matrix_town["centre"].id
    assert centre["geometry"]["type"] in ("Polygon", "MultiPolygon")
    props = centre["properties"]
    assert props["appeals"] == 5 and props["per_1000"] == 10.0 and props["overdue_share"] == 0.2
    assert props["median_answer_days"] == 6.0 and props["trend"] == "rising"
    assert props["tension_max"] == round(INDEX[LENINA_A], 1) and props["population"] == 500
    assert (props["top_1"], props["top_1_count"], props["top_3"]) == ("roads-potholes", 3, "roads")
    assert "median_answer_days" not in features["Юг"]["properties"]  # unknown: left out

    tos_tile = client.get(f"/tiles/tension-matrix/12/{x}/{y}.mvt?{WINDOW}&level=tos")
    (tos,) = mapbox_vector_tile.decode(tos_tile.content)["tension_matrix"]["features"]
    assert tos["properties"]["appeals"] == 4 and "per_1000" not in tos["properties"]
    empty = client.get(f"/tiles/tension-matrix/12/0/0.mvt?{WINDOW}")
    assert empty.status_code == 204


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/tension/matrix?level=city", "level"),
        ("/api/v1/tension/matrix?from=2026-13-01", "from"),
        ("/api/v1/tension/matrix?from=2026-07-01&to=2026-06-01", "from"),
        ("/api/v1/tension/matrix?format=pdf", "format"),
        ("/api/v1/tension/matrix?format=csv&level=city", "level"),
        ("/api/v1/tension/matrix?kind=complaint", "kind"),
        ("/tiles/tension-matrix/12/1/1.mvt?level=city", "level"),
        ("/tiles/tension-matrix/12/1/1.mvt?to=yesterday", "to"),
        ("/tiles/tension-matrix/40/1/1.mvt", "z"),
        ("/tiles/tension-matrix/2/9/1.mvt", "x"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(client, town, url, field):  # noqa: F811
    response = client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["field"] == field


def test_appeals_a_metre_from_an_edge_count_where_their_point_lies(client, town):  # noqa: F811
    # «Центр» is 37.97–38.00 × 44.92–44.94 and «Юг» 38.00–38.03 × 44.90–44.92: they meet at one corner.
    inside_centre = [(37.99999, 44.93), (37.97001, 44.925), (37.985, 44.93999), (37.99999, 44.92001)]
    inside_south = [(38.00001, 44.91999), (38.02999, 44.905), (38.015, 44.90001)]
    outside = [
        (38.00001, 44.93),
        (37.96999, 44.925),
        (37.985, 44.94001),
        (38.03001, 44.905),
        (37.99999, 44.91999),
    ]
    for lonlat in inside_centre + inside_south + outside:
        make_appeal(town["potholes"], lonlat=lonlat, created_at=at("2026-06-15"), contact=False)
    areas = by_name(get_matrix(client))
    assert (areas["Центр"]["appeals"], areas["Юг"]["appeals"]) == (len(inside_centre), len(inside_south))


def test_safe_cells_and_their_neighbours_lie_inside_the_area():
    from shapely.geometry import Polygon as ShapelyPolygon
    from shapely.geometry import shape

    from tension.matrix import area_cell_map

    geometry = json.dumps(
        {
            "type": "MultiPolygon",
            "coordinates": [[[[37.97, 44.92], [38.0, 44.92], [38.0, 44.94], [37.97, 44.92]]]],
        }
    )  # a triangle: long slanted edges
    area = shape(json.loads(geometry))
    candidates, safe = area_cell_map(geometry, 10)
    assert safe and safe < candidates
    for cell in safe:
        for near in h3.grid_disk(cell, 1):
            outline = ShapelyPolygon([(lng, lat) for lat, lng in h3.cell_to_boundary(near)])
            assert area.contains(outline)
    # Every res-10 cell whose outline meets the area is a candidate.
    centre_cells = h3.geo_to_cells(json.loads(geometry), 10)
    assert set(centre_cells) <= candidates
