"""The planner in a real browser: draws a polygon on the map and reads the area analysis, whose counts
match POST /api/v1/analysis/area with the same polygon; the catalogue, export and tension panels."""

import json
from pathlib import Path

import pytest
from django.utils import timezone

from appeals.workflow import AppealStatus
from layers.models import Layer
from tests.appeals.staff_fixtures import LENINA, STATION, make_appeal, offset
from tests.web.conftest import PHONE, wait_for_map
from tests.web.staff_login import csrf_headers, sign_in

pytestmark = pytest.mark.slow

BUILDINGS = Path(__file__).resolve().parents[1] / "data" / "krymsk_buildings_50.geojson"
HALF_SIDE_M = 150  # the drawn square around LENINA: 300 m a side


def click_at(page, lonlat) -> None:
    """A real mouse click on the map at (lon, lat)."""
    box = page.locator("#map").bounding_box()
    x, y = page.evaluate(
        "([lon, lat]) => { const p = window.geoportal.map.project([lon, lat]); return [p.x, p.y]; }",
        list(lonlat),
    )
    page.mouse.click(box["x"] + x, box["y"] + y)


def test_planner_draws_a_polygon_and_reads_the_counts_of_the_api(town, people, open_page, screenshot):
    now = timezone.now()
    inside = [
        (offset(LENINA, north_m=20), AppealStatus.REGISTERED, town.cat.potholes),
        (offset(LENINA, east_m=-40), AppealStatus.IN_PROGRESS, town.cat.potholes),
        (offset(LENINA, north_m=-60, east_m=50), AppealStatus.CLOSED, town.cat.streetlight),
        (offset(LENINA, north_m=80, east_m=80), AppealStatus.NEW, town.cat.streetlight),  # staff count it
    ]
    for lonlat, status, category in inside:
        make_appeal(category, lonlat=lonlat, status=status, created_at=now)
    make_appeal(town.cat.potholes, lonlat=STATION, created_at=now)  # outside the square
    page = open_page("/")
    sign_in(page, people.planner)

    page.get_by_role("link", name="Анализ территории").click()
    page.evaluate("([lon, lat]) => window.geoportal.map.jumpTo({center: [lon, lat], zoom: 16})", list(LENINA))
    wait_for_map(page)
    page.get_by_role("button", name="Нарисовать полигон").click()
    corners = [(-1, -1), (1, -1), (1, 1), (-1, 1)]
    for north, east in corners:
        click_at(page, offset(LENINA, north_m=north * HALF_SIDE_M, east_m=east * HALF_SIDE_M))
    page.get_by_text("Вершин: 4").wait_for()
    page.get_by_role("button", name="Готово").click()

    result = page.locator(".gp-analysis")
    result.wait_for()
    figures = {
        name: result.locator(f'[data-figure="{name}"]').inner_text()
        for name in ("appeals-total", "appeals-open", "appeals-overdue")
    }
    request = json.loads(result.get_attribute("data-request"))
    assert request["geometry"]["type"] == "Polygon"
    assert len(request["geometry"]["coordinates"][0]) == 5  # four clicks, closed
    screenshot(page, "planner-analysis")

    # The same polygon through the API, with the planner's session.
    response = page.request.post(
        page.url.split("#")[0] + "api/v1/analysis/area", data=json.dumps(request), headers=csrf_headers(page)
    )
    assert response.status == 200, response.text()
    api = response.json()["appeals"]
    assert api["scope"] == "all"
    assert api["total"]["count"] == len(inside)
    assert figures == {
        "appeals-total": str(api["total"]["count"]),
        "appeals-open": str(api["total"]["open"]),
        "appeals-overdue": str(api["total"]["overdue"]),
    }
    assert result.locator("svg.gp-chart").count() == 2  # by category, by status


def test_planner_catalogue_export_and_tension_panels(town, people, open_page, screenshot):
    make_appeal(town.cat.potholes, lonlat=offset(LENINA, north_m=10), created_at=timezone.now())
    Layer.objects.create(
        slug="water-network",
        title="Водопровод",
        style={
            "layers": [{"id": "pipes", "type": "line", "paint": {"line-color": "#1f78b4"}}],
            "metadata": {"legend": [{"label": "Магистраль", "color": "#1f78b4"}]},
        },
    )
    page = open_page("/")
    sign_in(page, people.planner)

    page.get_by_role("link", name="Каталог слоёв").click()
    item = page.locator('.gp-catalogue-item[data-layer="water-network"]')
    item.get_by_label("Показать слой «Водопровод»").check()
    assert "Магистраль" in item.inner_text()
    layer = "'planner-water-network-pipes'"
    assert page.evaluate(f"window.geoportal.map.getLayoutProperty({layer}, 'visibility')") == "visible"
    item.get_by_label("Прозрачность: Водопровод").fill("0.5")
    assert page.evaluate(f"window.geoportal.map.getPaintProperty({layer}, 'line-opacity')") == 0.5
    screenshot(page, "planner-catalogue")

    with page.expect_download() as download:
        page.get_by_role("button", name="Скачать CSV").click()
    csv = download.value.path().read_text(encoding="utf-8-sig").splitlines()
    assert csv[0].startswith("id,kind,category")
    assert len(csv) == 2  # the header and the one public appeal in view
    with page.expect_download() as download:
        page.get_by_role("link", name="Скачать GeoJSON").click()
    assert "bbox=" in download.value.url
    exported = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert len(exported["features"]) == 1

    page.get_by_role("button", name="Загрузить данные").click()
    dialog = page.locator("dialog.gp-dialog")
    assert dialog.is_visible()
    page.keyboard.press("Escape")
    assert dialog.is_hidden()
    assert page.locator("#gp-panel").is_visible()  # Escape closed the dialog only

    # A new layer from a file: created, filled, listed.
    page.get_by_role("button", name="Загрузить данные").click()
    dialog.get_by_label("Слой", exact=True).select_option(label="Новый слой…")
    dialog.get_by_label("Код нового слоя (латиница, цифры, «-»)").fill("buildings-50")
    dialog.get_by_label("Название нового слоя").fill("Здания (50)")
    dialog.get_by_label("Файл (GeoJSON, GeoPackage, KML, CSV, ZIP с Shapefile)").set_input_files(BUILDINGS)
    dialog.get_by_role("button", name="Загрузить", exact=True).click()
    page.get_by_text("Загружено: 50 объектов, отклонено: 0.").wait_for()
    assert dialog.is_hidden()
    page.locator('.gp-catalogue-item[data-layer="buildings-50"]', has_text="50 объектов").wait_for()
    assert Layer.objects.get(slug="buildings-50").title == "Здания (50)"

    page.get_by_role("link", name="Напряжённость").click()
    page.get_by_role("heading", name="Цифровая матрица").wait_for()
    table = page.locator('table[data-table="matrix"]')
    assert table.locator("tbody tr").count() == 2  # the two districts of the test town
    page.get_by_label("Показать на карте").check()
    page.get_by_label("Горячие точки (Gi*)").check()
    wait_for_map(page)
    assert page.evaluate("!!window.geoportal.map.getLayer('planner-matrix-fill')")
    screenshot(page, "planner-tension")

    page.get_by_label("Язык").select_option("en")
    page.get_by_role("heading", name="Digital matrix").wait_for()
    assert page.get_by_role("link", name="Layer catalogue").is_visible()


def test_planner_draws_by_keyboard_on_a_phone(town, people, open_page, screenshot):
    page = open_page("/", viewport=PHONE)
    sign_in(page, people.planner)
    page.evaluate("window.location.hash = '#/analysis'")
    page.evaluate("([lon, lat]) => window.geoportal.map.jumpTo({center: [lon, lat], zoom: 15})", list(LENINA))
    wait_for_map(page)
    vertices = []

    def press(name: str) -> None:
        page.get_by_role("button", name=name).focus()
        page.keyboard.press("Enter")

    def vertex_here() -> None:
        centre = page.evaluate(
            "(() => { const c = window.geoportal.map.getCenter(); return [c.lng, c.lat]; })()"
        )
        vertices.append(centre)
        press("Вершина в центре карты")

    def pan(key: str) -> None:
        page.locator(".maplibregl-canvas").focus()
        page.keyboard.press(key)
        wait_for_map(page)

    press("Нарисовать полигон")
    vertex_here()
    pan("ArrowRight")
    vertex_here()
    pan("ArrowUp")
    vertex_here()
    page.get_by_text("Вершин: 3").wait_for()
    centroid = tuple(sum(v[i] for v in vertices) / 3 for i in (0, 1))
    make_appeal(town.cat.potholes, lonlat=centroid)
    make_appeal(town.cat.potholes, lonlat=STATION)  # outside
    press("Готово")

    result = page.locator(".gp-analysis")
    result.wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    request = json.loads(result.get_attribute("data-request"))
    assert request["geometry"]["coordinates"][0][:3] == [[round(c, 6) for c in v] for v in vertices]
    response = page.request.post(
        page.url.split("#")[0] + "api/v1/analysis/area", data=json.dumps(request), headers=csrf_headers(page)
    )
    assert response.json()["appeals"]["total"]["count"] == 1
    assert result.locator('[data-figure="appeals-total"]').inner_text() == "1"
    screenshot(page, "planner-phone")
