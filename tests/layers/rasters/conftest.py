"""Fixtures of the raster tests: a private MEDIA_ROOT, English messages, users with roles, stored rasters."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import translation

from layers.rasters.services import raster_create

DATA = Path(__file__).resolve().parents[2] / "data" / "rasters"
DEM = DATA / "krymsk_dem_32637.tif"
RGB = DATA / "krymsk_rgb_3857.tif"
TINY = DATA / "tiny_4x4_32637.tif"
NO_GEOREF = DATA / "no_georef.tif"
TRUNCATED = DATA / "truncated_dem.tif"


@pytest.fixture(autouse=True)
def english(client):
    """Messages are asserted in English (the msgids); the site default is Russian. Requests ask for
    English too, or LocaleMiddleware would answer in Russian."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    """MEDIA_ROOT of this test alone; rasters go to media/rasters."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def make_user(db):
    def make(username: str, *roles: str):
        user = get_user_model().objects.create_user(username=username)  # no password: no slow hashing
        for role in roles:
            user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def planner(make_user):
    return make_user("planner", "planner")


@pytest.fixture
def dem(db):
    return raster_create(source=DEM, slug="dem", title="Рельеф Крымска", colormap="greys")


@pytest.fixture
def rgb(db):
    return raster_create(source=RGB, slug="ortho", title="Ортофото")


@pytest.fixture
def tiny(db):
    return raster_create(source=TINY, slug="tiny", title="Tiny")


def stored_files(media: Path) -> list[str]:
    """Every file under media/rasters (temporary ones included), sorted names."""
    folder = media / "rasters"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []
