"""The resident's map tools in a real browser: the tension heatmap with its window and category filter,
address search, subscribing to a district and supporting a proposal."""

import pytest
from django.contrib.gis.geos import MultiPolygon, Polygon
from django.core import mail
from django.utils import timezone

from appeals.models import AreaSubscription
from appeals.workflow import AppealStatus
from layers.models import Property
from layers.search.services import gazetteer_rebuild
from tests.appeals.staff_fixtures import LENINA, make_appeal, offset
from tests.web.conftest import wait_for_map

pytestmark = pytest.mark.slow

LENINA_12_BOX = (37.9853418, 44.9115133, 37.9854993, 44.9116095)  # the real house, west south east north
RENDERED_TENSION = (
    "() => window.geoportal.map.getLayer('tension-fill') &&"
    " window.geoportal.map.queryRenderedFeatures({layers: ['tension-fill']}).length"
)


def test_tension_heatmap_follows_the_time_window_and_the_category_filter(town, open_page, screenshot):
    for north_m in (0, 20, 40, 60):
        make_appeal(town.cat.potholes, lonlat=offset(LENINA, north_m=north_m), created_at=timezone.now())
    page = open_page()
    page.evaluate("([lon, lat]) => window.geoportal.map.jumpTo({center: [lon, lat], zoom: 13})", LENINA)
    wait_for_map(page)
    page.get_by_role("link", name="Слои").click()
    panel = page.locator(".gp-layers")
    panel.wait_for()

    with page.expect_response(lambda r: "/api/v1/tension/hexes" in r.url) as answer:
        panel.get_by_label("Социальная напряжённость", exact=True).check()
    assert answer.value.status == 200 and "res=9" in answer.value.url
    hexes = answer.value.json()["features"]
    assert hexes and all(0 <= f["properties"]["index"] <= 100 for f in hexes)
    page.wait_for_function(RENDERED_TENSION)
    screenshot(page, "tension")

    # Only street lights: none of the appeals, no hexagon with anything in it.
    with page.expect_response(lambda r: "category=streetlight" in r.url) as answer:
        panel.locator("summary", has_text="Категории").click()
        panel.get_by_label("streetlight").check()
    assert answer.value.status == 200
    assert sum(f["properties"]["count"] for f in answer.value.json()["features"]) == 0

    # A window that ended before the appeals were filed.
    panel.get_by_label("streetlight").uncheck()
    with page.expect_response(lambda r: "to=2020-01-31" in r.url) as answer:
        panel.get_by_label("С", exact=True).fill("2020-01-01")
        panel.get_by_label("По", exact=True).fill("2020-01-31")
    assert sum(f["properties"]["count"] for f in answer.value.json()["features"]) == 0


@pytest.fixture
def lenina_12(town):
    """The house улица Ленина, 12 in the gazetteer, for the address search."""
    Property.objects.create(
        kind=Property.Kind.BUILDING,
        geom=MultiPolygon(Polygon.from_bbox(LENINA_12_BOX), srid=4326),
        street="улица Ленина",
        housenumber="12",
        address="улица Ленина, 12",
    )
    gazetteer_rebuild()


def test_address_search_moves_the_map_to_the_house(town, lenina_12, open_page):
    page = open_page()

    search = page.get_by_role("combobox", name="Поиск адреса")
    search.fill("ленина 12")
    option = page.get_by_role("option", name="улица Ленина, 12")
    option.wait_for()
    search.press("ArrowDown")
    search.press("Enter")
    wait_for_map(page)

    centre = page.evaluate("window.geoportal.map.getCenter().toArray()")
    lon, lat = centre
    assert lon == pytest.approx(37.98542, abs=3e-4) and lat == pytest.approx(44.91156, abs=3e-4)
    assert page.evaluate("window.geoportal.map.getZoom()") >= 16


def test_report_pin_goes_to_a_searched_address_or_the_map_centre_without_a_pointer(
    town, lenina_12, open_page
):
    page = open_page()
    page.get_by_role("link", name="Сообщить о проблеме").click()
    place = page.locator(".gp-place")
    place.wait_for()

    search = page.get_by_role("combobox", name="Поиск адреса")
    search.fill("ленина 12")
    page.get_by_role("option", name="улица Ленина, 12").wait_for()
    search.press("Enter")
    assert place.inner_text() == "44.91156, 37.98542"

    page.evaluate("window.geoportal.map.jumpTo({center: [37.99, 44.93]})")
    page.get_by_role("button", name="Поставить метку в центр карты").click()
    assert place.inner_text() == "44.93000, 37.99000"


def test_subscribe_to_a_district(town, open_page):
    page = open_page()
    page.get_by_role("link", name="Подписка").click()
    page.get_by_label("Район", exact=True).select_option(label="Север")
    page.get_by_label("Эл. почта").fill("resident@example.org")
    page.get_by_role("button", name="Подписаться").click()
    page.get_by_text("Проверьте почту").wait_for()

    subscription = AreaSubscription.objects.get()
    assert subscription.area == town.north and subscription.email == "resident@example.org"
    assert subscription.confirmed_at is None and len(mail.outbox) == 1


def test_signed_in_resident_supports_a_proposal(town, people, open_page):
    proposal = make_appeal(
        town.cat.proposal,
        status=AppealStatus.PUBLISHED,
        created_at=timezone.now(),
        text="Поставить скамейки и урны во дворе дома 12",
    )
    page = open_page()
    page.context.add_cookies(session_cookie(page, people.resident))
    page.goto(page.url.split("#")[0] + f"#/appeal/{proposal.pk}")
    page.reload()  # a hash change alone does not load the page again
    wait_for_map(page)
    assert page.evaluate("window.geoportal.me.authenticated")
    card = page.locator(f'.gp-card[data-appeal="{proposal.pk}"]')
    card.wait_for()
    assert "опубликовано" in card.inner_text()

    card.get_by_role("button", name="Поддержать").click()
    card.get_by_text("Вы поддержали (1)").wait_for()
    proposal.refresh_from_db()
    assert proposal.supports_count == 1


def session_cookie(page, user) -> list[dict]:
    """A signed-in session for `user`, as a cookie of the live server (no password round trip)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    return [{"name": cookie.key, "value": cookie.value, "url": page.url.split("#")[0]}]


def test_appeals_are_hexagons_at_low_zoom_and_status_points_up_close(town, open_page):
    for east_m in (0, 25, 50):
        make_appeal(town.cat.potholes, lonlat=offset(LENINA, east_m=east_m), created_at=timezone.now())
    page = open_page()
    page.evaluate("([lon, lat]) => window.geoportal.map.jumpTo({center: [lon, lat], zoom: 12})", LENINA)
    wait_for_map(page)
    hexes = page.evaluate(
        "window.geoportal.map.queryRenderedFeatures({layers: ['appeals-hex']}).map((f) => f.properties)"
    )
    assert sum(h["count"] for h in hexes) == 3 and all(h["h3"] for h in hexes)

    # A click on a hexagon zooms in; close up every appeal is a point coloured by its status.
    box = page.locator("#map").bounding_box()
    x, y = page.evaluate("([lon, lat]) => Object.values(window.geoportal.map.project([lon, lat]))", LENINA)
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.wait_for_function("window.geoportal.map.getZoom() > 13.5")
    page.evaluate("([lon, lat]) => window.geoportal.map.jumpTo({center: [lon, lat], zoom: 17})", LENINA)
    wait_for_map(page)
    points = page.evaluate(
        "window.geoportal.map.queryRenderedFeatures({layers: ['appeals-points']})"
        ".map((f) => f.properties.status)"
    )
    assert points == ["registered"] * 3
