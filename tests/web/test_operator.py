"""The operator in a real browser: the department's queue by deadline with badges, an answer with a
template and a public response that the resident then reads in the appeal's public timeline, the KPI
dashboard, and the queue on a 375-px phone."""

from datetime import timedelta

import pytest
from django.utils import timezone

from appeals.models import ResponseTemplate
from appeals.workflow import AppealStatus
from tests.appeals.staff_fixtures import LENINA, STATION, make_appeal, offset
from tests.web.conftest import PHONE
from tests.web.staff_login import sign_in

pytestmark = pytest.mark.slow

RESPONSE = "Яму у дома 12 на улице Ленина заделали, спасибо за сообщение."


def queue_appeals(town):
    """Three registered potholes of the roads department: overdue, due tomorrow, due in ten days."""
    now = timezone.now()

    def appeal(lonlat, due_in_days):
        return make_appeal(
            town.cat.potholes,
            lonlat=lonlat,
            department=town.roads,
            created_at=now - timedelta(days=12),
            registered_at=now - timedelta(days=11),
            due_at=now + timedelta(days=due_in_days),
        )

    return appeal(LENINA, 10), appeal(offset(LENINA, north_m=200), -2), appeal(STATION, 1)


def test_operator_answers_an_appeal_and_the_resident_reads_the_response(town, people, open_page, screenshot):
    later, overdue, tomorrow = queue_appeals(town)
    ResponseTemplate.objects.create(
        department=town.roads, title="Яма заделана", text="Обращение № {appeal_id}: яму заделали."
    )
    page = open_page("/")
    sign_in(page, people.operator)

    page.get_by_role("link", name="Очередь").click()
    items = page.locator(".gp-queue-item")
    items.first.wait_for()
    assert [int(i) for i in items.evaluate_all("(nodes) => nodes.map((n) => n.dataset.appeal)")] == [
        overdue.pk,
        tomorrow.pk,
        later.pk,
    ]
    assert [b for b in page.locator(".gp-badge").evaluate_all("(n) => n.map((b) => b.dataset.deadline)")] == [
        "overdue",
        "soon",
        "later",
    ]
    assert "просрочено" in items.first.locator(".gp-badge").inner_text()
    screenshot(page, "operator-queue")

    page.locator(f'.gp-queue-item[data-appeal="{later.pk}"]').get_by_role("link", name="Ответить").click()
    form = page.locator('form[data-form="transition"]')
    form.get_by_label("Новый статус").select_option("answered")
    form.get_by_label("Шаблон ответа").select_option(label="Яма заделана")
    response = form.get_by_label("Публичный ответ (увидит заявитель и все)")
    assert response.input_value() == f"Обращение № {later.pk}: яму заделали."
    response.fill(RESPONSE)
    form.get_by_label("Внутренняя заметка (только для сотрудников)").fill("Бригада 3")
    screenshot(page, "operator-transition")
    form.get_by_role("button", name="Сохранить").click()

    page.get_by_text(f"Статус обращения № {later.pk}: дан ответ.").wait_for()
    later.refresh_from_db()
    assert later.status == AppealStatus.ANSWERED

    # A redirect names the department; the appeal leaves this queue.
    page.locator(f'.gp-queue-item[data-appeal="{tomorrow.pk}"]').get_by_role("link", name="Ответить").click()
    form.get_by_label("Новый статус").select_option("redirected")
    form.get_by_label("Передать в отдел").select_option(label="Благоустройство")
    form.get_by_label("Публичный ответ (увидит заявитель и все)").fill("Передано в отдел благоустройства.")
    form.get_by_role("button", name="Сохранить").click()
    page.get_by_text(f"Статус обращения № {tomorrow.pk}: перенаправлено.").wait_for()
    tomorrow.refresh_from_db()
    assert (tomorrow.status, tomorrow.department) == (AppealStatus.REDIRECTED, town.improvement)
    page.locator(f'.gp-queue-item[data-appeal="{overdue.pk}"]').wait_for()  # the queue again
    assert page.locator(f'.gp-queue-item[data-appeal="{tomorrow.pk}"]').count() == 0

    resident = open_page(f"/#/appeal/{later.pk}")  # another browser context: not signed in
    timeline = resident.locator(f'.gp-card[data-appeal="{later.pk}"] .gp-timeline')
    timeline.wait_for()
    assert RESPONSE in timeline.inner_text()
    assert "Бригада 3" not in resident.locator("#gp-panel").inner_text()  # internal notes stay inside


def test_kpi_dashboard_shows_the_figures_of_the_api(town, people, open_page, screenshot):
    queue_appeals(town)
    page = open_page("/")
    sign_in(page, people.operator)

    page.get_by_role("link", name="Показатели").click()
    appeals = page.locator('[data-figure="appeals"]')
    appeals.wait_for()
    api = page.request.get(page.url.split("#")[0] + "api/v1/stats/kpi").json()
    assert appeals.inner_text() == str(api["total"]["appeals"]) == "3"
    assert page.locator('[data-figure="overdue-now"]').inner_text() == str(api["total"]["overdue_now"]) == "1"
    assert page.locator("#gp-panel svg.gp-chart").count() == 2
    screenshot(page, "operator-kpi")


def test_queue_works_on_a_phone(town, people, open_page, screenshot):
    queue_appeals(town)
    page = open_page("/", viewport=PHONE)
    sign_in(page, people.operator)

    page.get_by_role("link", name="Очередь").click()
    page.locator(".gp-queue-item").first.wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    first = page.locator(".gp-queue-item").first.get_by_role("link", name="Ответить")
    first.focus()
    page.keyboard.press("Enter")
    page.locator('form[data-form="transition"]').wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "operator-phone")
