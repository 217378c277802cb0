"""Every test talks to real PostGIS (the private cluster, or DATABASE_URL); never SQLite."""

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def rejects_dir(settings, tmp_path) -> Path:
    """Any import a test runs writes its reject report to the test's own folder, never var/imports."""
    folder = tmp_path / "rejects"
    settings.GEOPORTAL = {**settings.GEOPORTAL, "IMPORT_REJECTS_DIR": folder}
    return folder
