"""The resident in a real browser: files an appeal with a photo and finds it after a reload, gets the
duplicate hint with "me too", reads the public response in the timeline and confirms the solution."""

import io
import re

import pytest
from django.core import mail
from django.utils import timezone
from PIL import Image

from appeals.models import Appeal
from appeals.services.staff import appeal_approve, appeal_transition
from appeals.workflow import AppealStatus
from tests.appeals.staff_fixtures import LENINA, make_appeal, offset
from tests.web.conftest import wait_for_map
from tests.web.staff_login import sign_in

pytestmark = pytest.mark.slow

RESPONSE = "Яму на улице Ленина заделали 20 ноября, приносим извинения за задержку."


def jpeg(path, size=(64, 48)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def centre_on(page, lonlat, zoom=16.5) -> tuple[float, float]:
    """Puts (lon, lat) at the map's centre and returns its pixel in the map's canvas, once idle."""
    page.evaluate(
        "([lon, lat, zoom]) => window.geoportal.map.jumpTo({center: [lon, lat], zoom})", [*lonlat, zoom]
    )
    wait_for_map(page)
    x, y = page.evaluate(
        "([lon, lat]) => { const p = window.geoportal.map.project([lon, lat]); return [p.x, p.y]; }",
        list(lonlat),
    )
    return x, y


def rendered_ids(page, layer: str, lonlat) -> list[int]:
    """Appeal ids drawn by `layer` within a few pixels of (lon, lat)."""
    return page.evaluate(
        """([layer, lon, lat]) => { const m = window.geoportal.map; const p = m.project([lon, lat]);
             return m.queryRenderedFeatures([[p.x - 6, p.y - 6], [p.x + 6, p.y + 6]], {layers: [layer]})
                     .map((f) => f.id ?? f.properties.id); }""",
        [layer, *lonlat],
    )


def test_resident_files_an_appeal_with_a_photo_and_finds_it_after_a_reload(
    town, people, open_page, tmp_path, screenshot
):
    page = open_page()
    where = offset(LENINA, north_m=30)
    x, y = centre_on(page, where)

    # A click on empty ground offers "report a problem here".
    page.locator("#map canvas").click(position={"x": x, "y": y})
    page.get_by_role("button", name="Сообщить о проблеме здесь").click()
    form = page.locator("form.gp-report")
    form.wait_for()
    assert page.locator("#gp-panel-title").inner_text() == "Сообщить о проблеме"

    form.locator('[data-category="roads-potholes"]').click()
    form.get_by_label("Опишите проблему").fill("Глубокая яма на проезжей части у дома 12, её объезжают")
    form.locator('input[type="file"]').set_input_files(str(jpeg(tmp_path / "pothole.jpg")))
    preview = form.locator(".gp-preview img")
    preview.wait_for()
    assert preview.evaluate("(img) => img.complete && img.naturalWidth") == 64
    form.locator("summary", has_text="Контакты").click()
    form.get_by_label("Эл. почта").fill("ivan@example.org")
    screenshot(page, "report-form")
    form.get_by_role("button", name="Отправить").click()

    done = page.locator(".gp-done")
    done.wait_for()
    appeal = Appeal.objects.get()
    assert f"Обращение № {appeal.pk} отправлено" in done.inner_text()
    assert appeal.status == AppealStatus.NEW and appeal.category.code == "roads-potholes"
    assert appeal.photos.count() == 1 and appeal.contact.email == "ivan@example.org"
    assert appeal.geom.coords == pytest.approx(where, abs=2e-5)

    # After a reload the resident's own appeal (not public until moderated) is on the map, and listed.
    page.reload()
    wait_for_map(page)
    centre_on(page, where)
    assert rendered_ids(page, "mine-points", where) == [appeal.pk]
    page.get_by_role("link", name="Мои обращения").click()
    mine = page.locator(f'.gp-mine [data-appeal="{appeal.pk}"]')
    mine.wait_for()
    assert "на модерации" in mine.inner_text()

    # Once a moderator has registered it, any visitor finds it in the public layer and opens its card.
    appeal_approve(appeal=appeal, actor=people.moderator)
    visitor = open_page()
    x, y = centre_on(visitor, where, zoom=17)
    assert rendered_ids(visitor, "appeals-points", where) == [appeal.pk]
    visitor.locator("#map canvas").click(position={"x": x, "y": y})
    card = visitor.locator(f'.gp-card[data-appeal="{appeal.pk}"]')
    card.wait_for()
    assert "зарегистрировано" in card.locator(".gp-facts").inner_text()
    photo = card.locator(".gp-photos img")
    photo.wait_for()
    visitor.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=photo.element_handle())
    screenshot(visitor, "appeal-card")

    # The anonymous filer's "my appeals" learns it is registered (from the public list, never a 404).
    page.reload()
    wait_for_map(page)
    page.get_by_role("link", name="Мои обращения").click()
    mine.locator(".gp-status", has_text="зарегистрировано").wait_for()


def test_duplicate_hint_appears_next_to_an_open_appeal_of_the_same_category(town, open_page):
    existing = make_appeal(
        town.cat.potholes, lonlat=LENINA, created_at=timezone.now(), text="Яма у дома 12 по улице Ленина"
    )
    make_appeal(town.cat.streetlight, lonlat=LENINA, created_at=timezone.now())  # another category
    lon, lat = offset(LENINA, east_m=15)
    page = open_page(f"/#/report?lon={lon:.6f}&lat={lat:.6f}&kind=issue")
    form = page.locator("form.gp-report")
    form.wait_for()
    assert page.locator(".gp-duplicates-box").count() == 0

    form.locator('[data-category="roads-potholes"]').click()
    hint = page.locator(".gp-duplicates-box")
    hint.wait_for()
    items = hint.locator(".gp-duplicate")
    assert items.count() == 1
    assert items.first.get_attribute("data-appeal") == str(existing.pk)
    assert re.search(r"\b1[45] м\b", items.first.inner_text()), items.first.inner_text()

    # "Me too" of an anonymous resident: an e-mail address, then a confirmation link by e-mail.
    items.first.get_by_role("button", name="Я тоже").click()
    items.first.get_by_label("Эл. почта для подтверждения").fill("neighbour@example.org")
    items.first.get_by_role("button", name="Я тоже").click()
    page.get_by_text("Мы отправили письмо").wait_for()
    assert [message.to for message in mail.outbox] == [["neighbour@example.org"]]


def test_timeline_shows_the_public_response_and_the_author_confirms(town, people, open_page, screenshot):
    resident = people.resident
    appeal = make_appeal(town.cat.potholes, department=town.roads, author=resident, created_at=timezone.now())
    appeal_transition(appeal=appeal, actor=people.operator, to_status=AppealStatus.IN_PROGRESS)
    appeal_transition(
        appeal=appeal, actor=people.operator, to_status=AppealStatus.ANSWERED, public_response=RESPONSE
    )

    page = open_page(f"/#/appeal/{appeal.pk}")
    card = page.locator(f'.gp-card[data-appeal="{appeal.pk}"]')
    card.wait_for()
    timeline = card.locator(".gp-timeline")
    assert RESPONSE in timeline.inner_text()
    assert "в работе" in timeline.inner_text() and "дан ответ" in timeline.inner_text()
    assert card.get_by_role("button", name="Проблема решена").count() == 0  # not signed in
    screenshot(page, "appeal-timeline")

    sign_in(page, resident)  # through the form of "Мои обращения"

    page.evaluate(f"window.location.hash = '#/appeal/{appeal.pk}'")
    card.get_by_role("button", name="Проблема решена").click()
    card.locator(".gp-facts", has_text="закрыто").wait_for()
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.CLOSED

    card.get_by_label("4 из 5").check()
    card.get_by_role("button", name="Оценить").click()
    card.locator(".gp-facts", has_text="4 из 5").wait_for()
    appeal.refresh_from_db()
    assert appeal.rating == 4


def test_the_author_reopens_an_answer_that_did_not_solve_the_problem(town, people, open_page):
    appeal = make_appeal(
        town.cat.potholes, department=town.roads, author=people.resident, created_at=timezone.now()
    )
    appeal_transition(
        appeal=appeal, actor=people.operator, to_status=AppealStatus.ANSWERED, public_response=RESPONSE
    )
    page = open_page()
    sign_in(page, people.resident)

    page.evaluate(f"window.location.hash = '#/appeal/{appeal.pk}'")
    card = page.locator(f'.gp-card[data-appeal="{appeal.pk}"]')
    card.locator("summary", has_text="Проблема не решена").click()
    card.get_by_label("Что осталось не так?").fill("Яму засыпали песком, после дождя она снова на месте")
    card.get_by_role("button", name="Вернуть в работу").click()

    card.locator(".gp-facts", has_text="открыто повторно").wait_for()
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.REOPENED
    assert "открыто повторно" in card.locator(".gp-timeline").inner_text()


def test_a_signed_in_resident_finds_appeals_filed_on_another_device(town, people, open_page):
    """GET /api/v1/appeals/mine fills "my appeals" on a browser that filed nothing: the resident's own
    appeals, the one awaiting moderation included, listed and drawn on the map; nobody else's."""
    waiting = make_appeal(town.cat.potholes, author=people.resident, status=AppealStatus.NEW)
    where = offset(LENINA, north_m=60)
    answered = make_appeal(
        town.cat.streetlight, lonlat=where, author=people.resident, status=AppealStatus.ANSWERED
    )
    someone_elses = make_appeal(town.cat.potholes, author=people.moderator, status=AppealStatus.NEW)
    page = open_page()
    wait_for_map(page)
    sign_in(page, people.resident)
    for appeal, status in ((waiting, "на модерации"), (answered, "дан ответ")):
        item = page.locator(f'.gp-mine [data-appeal="{appeal.pk}"]')
        item.locator(".gp-status", has_text=status).wait_for()
    listed = page.locator(".gp-mine [data-appeal]").evaluate_all(
        "(items) => items.map((i) => i.dataset.appeal)"
    )
    assert listed == [str(answered.pk), str(waiting.pk)]  # newest first
    assert str(someone_elses.pk) not in listed
    centre_on(page, where)
    assert rendered_ids(page, "mine-points", where) == [answered.pk]
