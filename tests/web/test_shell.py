"""The shell: Russian by default, the ru/en switch (remembered, told to Django so API errors follow),
the keyboard, and a 375-px phone."""

import re

import pytest

from tests.appeals.staff_fixtures import LENINA
from tests.web.conftest import PHONE, wait_for_map

pytestmark = pytest.mark.slow

CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


def test_page_opens_in_russian_with_attribution_and_no_error(town, page, screenshot):
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.locator(".gp-brand-title").inner_text() == "Геопортал"
    assert page.get_by_role("link", name="Сообщить о проблеме").is_visible()
    assert "© OpenStreetMap contributors" in page.locator(".maplibregl-ctrl-attrib").inner_text()
    assert page.locator("#gp-loading").is_hidden()
    screenshot(page, "map-desktop")


def test_language_switch_changes_the_interface_and_the_api_language(town, page, screenshot):
    page.get_by_role("link", name="Слои").click()
    assert page.locator("#gp-panel-title").inner_text() == "Слои карты"

    page.get_by_label("Язык").select_option("en")

    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("#gp-panel-title").inner_text() == "Map layers"  # the open panel re-renders
    assert page.get_by_role("link", name="Report a problem").is_visible()
    assert page.get_by_placeholder("Street, house or cadastral number").is_visible()
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    assert cookies["django_language"] == "en"
    screenshot(page, "layers-english")

    # Remembered across a reload; and the server now answers in English too.
    page.reload()
    wait_for_map(page)
    assert page.get_by_role("link", name="My appeals").is_visible()
    lon, lat = LENINA
    page.evaluate(f"window.location.hash = '#/report?lon={lon}&lat={lat}&kind=issue'")
    form = page.locator("form.gp-report")
    form.locator('[data-category="roads-potholes"]').click()
    form.get_by_label("Describe the problem").fill("short")
    page.guard.expect("status of 400")  # the server refuses the short text, on purpose
    form.get_by_role("button", name="Send").click()
    error = form.locator(".gp-form-error")
    error.wait_for()
    assert "10" in error.inner_text() and not CYRILLIC.search(error.inner_text()), error.inner_text()

    page.get_by_label("Language").select_option("ru")
    assert page.get_by_role("link", name="Сообщить о проблеме").is_visible()
    assert {c["name"]: c["value"] for c in page.context.cookies()}["django_language"] == "ru"


def test_keyboard_opens_and_closes_a_panel(town, page):
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.panel") == "layers":
            break
    else:
        pytest.fail("Tab never reached the layers button")

    page.keyboard.press("Enter")
    page.locator(".gp-layers").wait_for()
    assert page.evaluate("document.activeElement.id") == "gp-panel-title"  # focus moves into the panel
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Закрыть"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "appeals"
    page.keyboard.press("Space")  # toggles the focused layer checkbox
    assert page.evaluate("window.geoportal.map.getLayoutProperty('appeals-points', 'visibility')") == "none"

    page.keyboard.press("Escape")
    assert page.locator("#gp-panel").is_hidden()
    assert page.evaluate("document.activeElement.dataset.panel") == "layers"  # focus comes back


def test_phone_viewport_has_a_bottom_sheet_and_tap_to_report(town, open_page, screenshot):
    page = open_page(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)

    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    header = page.locator("#gp-header").bounding_box()
    assert header["height"] < 120
    page.get_by_role("link", name="Сообщить о проблеме").tap()
    form = page.locator("form.gp-report")
    form.wait_for()
    sheet = page.locator("#gp-panel").bounding_box()
    assert sheet["width"] == PHONE["width"] and sheet["y"] > 300
    assert sheet["y"] + sheet["height"] == pytest.approx(PHONE["height"], abs=1)
    form.locator('[data-category="roads-potholes"]').tap()
    assert form.locator('[data-category="roads-potholes"] input').is_checked()
    screenshot(page, "phone-report")

    page.locator(".gp-panel-head button").tap()
    assert page.locator("#gp-panel").is_hidden()
    box = page.locator("#map").bounding_box()
    page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    here = page.get_by_role("button", name="Сообщить о проблеме здесь")
    here.wait_for()
    here.tap()
    form.wait_for()
    screenshot(page, "phone-report-here")


def test_long_press_on_a_phone_opens_the_report_form_there(town, open_page):
    page = open_page(viewport=PHONE, is_mobile=True, has_touch=True)
    box = page.locator("#map").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 3
    touch = page.context.new_cdp_session(page)
    expected = page.evaluate(
        "([x, y]) => window.geoportal.map.unproject([x, y]).toArray()", [x - box["x"], y - box["y"]]
    )

    touch.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    page.wait_for_timeout(900)
    touch.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})

    page.locator("form.gp-report").wait_for()
    lon, lat = (
        float(page.evaluate(f"new URLSearchParams(location.hash.split('?')[1]).get('{k}')"))
        for k in ("lon", "lat")
    )
    assert (lon, lat) == pytest.approx(expected, abs=1e-3)


def test_a_failed_request_shows_an_error_and_the_panel_says_why(town, page, screenshot):
    page.route("**/api/v1/categories*", lambda route: route.abort())
    page.guard.expect("ERR_FAILED")  # the aborted request, on purpose

    page.get_by_role("link", name="Сообщить о проблеме").click()

    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "Сервер не отвечает" in alert.inner_text()
    assert "Сервер не отвечает" in page.locator(".gp-panel-body").inner_text()
    screenshot(page, "error-state")
