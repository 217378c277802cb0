"""Browser tests: Playwright (Python, sync API) drives Debian's Chromium (/usr/bin/chromium, never a
downloaded browser) against pytest-django's live server on real PostGIS.

Every page comes from the `page` fixture, which fails the test on any console error, any uncaught page
error and any request to an origin other than the live server's (such requests are also aborted, so
nothing leaves the machine). The front end must be built (scripts/bootstrap.sh builds it).
"""

import os
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group

from geoportal.roles import Role
from tests.appeals.staff_fixtures import people, town  # noqa: F401 — fixtures used by the web tests
from tests.frontend.conftest import DIST
from tests.web.chromium import CHROMIUM, launch

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a thread with a
# running loop unless told that it is safe (it is: the loop only talks to the browser).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 812}
NO_LIMITS = {"appeal_create_ip": "0", "appeal_create_user": "0", "support_email_ip": "0"}
# The map is ready when its style and every tile in view have loaded and it has stopped moving.
MAP_READY = (
    "() => { const app = window.geoportal; return !!app && app.map.loaded() && app.map.areTilesLoaded()"
    " && !app.map.isMoving(); }"
)


@pytest.fixture(scope="session")
def browser() -> Iterator:
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: run `scripts/bootstrap.sh --test` (apt-get install chromium)")
    if not (DIST / "main.js").is_file():
        pytest.fail(f"{DIST / 'main.js'} is missing: run `npm ci && npm run build` in frontend/")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(autouse=True)
def web_settings(transactional_db, settings, tmp_path):
    """Role groups (a transactional test flushes what the migration made), photos under tmp_path, media
    served by the live server, e-mail in memory, rate limits off."""
    for role in Role:
        Group.objects.get_or_create(name=role.value)
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ROOT_URLCONF = "tests.web.urls"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.GEOPORTAL = {**settings.GEOPORTAL, "MUNICIPALITY_CODE": "krymsk", "RATE_LIMITS": NO_LIMITS}
    return settings


class BrowserGuard:
    """Collects what must never happen on a page: console errors, page errors, foreign requests."""

    def __init__(self, origin: str):
        self.origin = origin
        self.problems: list[str] = []
        self.expected: list[re.Pattern] = []

    def expect(self, pattern: str) -> None:
        """Tolerates console errors matching `pattern` — only for a test that provokes one on purpose
        (Chromium logs every 4xx response as "Failed to load resource")."""
        self.expected.append(re.compile(pattern))

    def console(self, message) -> None:
        if message.type == "error" and not any(p.search(message.text) for p in self.expected):
            self.problems.append(f"console error: {message.text}")

    def allowed(self, url: str) -> bool:
        if url.startswith(("data:", f"blob:{self.origin}/")):
            return True
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}" == self.origin

    def watch(self, context, page) -> None:
        def route(route):
            if self.allowed(route.request.url):
                route.continue_()
            else:
                self.problems.append(f"request to another origin: {route.request.url}")
                route.abort()

        context.route("**/*", route)
        page.on("console", self.console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))

    def check(self) -> None:
        assert not self.problems, "\n".join(self.problems)


@pytest.fixture
def open_page(browser, live_server):
    """`open_page(path="/", viewport=DESKTOP, **context_options)` → a guarded page at the live server;
    the test fails on a console error or a foreign request, checked again when the test ends."""
    contexts, guards = [], []

    def open_(path: str = "/", viewport: dict = DESKTOP, **options):
        context = browser.new_context(viewport=viewport, locale="ru-RU", **options)
        page = context.new_page()
        guard = BrowserGuard(live_server.url)
        guard.watch(context, page)
        page.guard = guard
        contexts.append(context)
        guards.append(guard)
        page.goto(live_server.url + path)
        wait_for_map(page)
        return page

    yield open_
    for context in contexts:
        context.close()
    for guard in guards:
        guard.check()


@pytest.fixture
def page(open_page):
    """The map page on a desktop viewport, loaded and idle."""
    return open_page()


def wait_for_map(page, timeout: float = 30_000) -> None:
    page.wait_for_function(MAP_READY, timeout=timeout)


@pytest.fixture
def screenshot(request):
    """`screenshot(page, "name")` writes var/screenshots/<name>.png (an artifact, never committed)."""

    def take(page, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path))
        return path

    return take
