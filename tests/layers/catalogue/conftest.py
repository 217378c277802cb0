"""Fixtures of the catalogue tests: English messages, private import folders, users with roles, clients.

Upload fixtures are the small real files of tests/data/uploads (Krymsk, © OpenStreetMap contributors,
extract by NextGIS, ODbL; made by tests/data/uploads/make_uploads.py, provenance in tests/data/README.md).
"""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import translation

UPLOADS = Path(__file__).resolve().parents[2] / "data" / "uploads"
DATA = UPLOADS.parent


@pytest.fixture(autouse=True)
def english(client):
    """Messages are asserted in English (the msgids); requests ask for English too (LocaleMiddleware)."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def import_dirs(settings, tmp_path) -> Path:
    """Reject reports and stored uploads of this test alone; no task queue (imports run inline)."""
    folder = tmp_path / "imports"
    settings.GEOPORTAL = {**settings.GEOPORTAL, "IMPORT_REJECTS_DIR": folder}
    settings.CELERY_BROKER_URL = ""
    return folder


@pytest.fixture
def make_user(db):
    def make(username: str, *roles: str):
        user = get_user_model().objects.create_user(username=username)  # no password: no slow hashing
        for role in roles:
            user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def as_role(make_user):
    """as_role("planner") → a Client signed in as a new user with that role ("anonymous": no one)."""
    made = {}

    def client_for(role: str) -> Client:
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        if role != "anonymous":
            if role not in made:
                made[role] = make_user(f"user-{role}", *([] if role == "nobody" else [role]))
            client.force_login(made[role])
        return client

    return client_for


@pytest.fixture
def planner(as_role) -> Client:
    return as_role("planner")
