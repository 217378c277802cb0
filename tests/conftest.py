"""Every test talks to real PostGIS (the private cluster, or DATABASE_URL); never SQLite."""

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def rejects_dir(settings, tmp_path) -> Path:
    """Any import a test runs writes its reject report to the test's own folder, never var/imports."""
    folder = tmp_path / "rejects"
    settings.GEOPORTAL = {**settings.GEOPORTAL, "IMPORT_REJECTS_DIR": folder}
    return folder


@pytest.fixture(autouse=True)
def fresh_shared_cache(request):
    """The shared cache is a database table outside the models, so a flushing (transactional or live-server)
    test would leave its entries — cached tension scores, rate counters — to the next test: emptied after."""
    yield
    if {"transactional_db", "live_server"} & set(request.fixturenames):
        from django.core.cache import cache

        django_db_blocker = request.getfixturevalue("django_db_blocker")
        with django_db_blocker.unblock():
            cache.clear()
