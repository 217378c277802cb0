"""A worker that loads the URL configuration does not load the heavy libraries of rasters, area analysis,
certificates and CQL2 filters: they come with the first request that needs them (geoportal.lazy_views)."""

import subprocess
import sys

from django.urls import resolve, reverse

HEAVY = ("rasterio", "reportlab", "pygeofilter", "openpyxl")
PROBE = (
    "import sys, django; django.setup(); import geoportal.urls; "
    f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
)


def test_the_url_configuration_imports_none_of_the_heavy_libraries():
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)

    assert done.stdout.strip() == ""


def test_a_lazy_route_reverses_and_resolves_to_its_view_class():
    match = resolve(reverse("api-raster-list"))

    assert match.url_name == "api-raster-list"
    assert match.func.cls.__name__ == "RasterListApi"  # drf-spectacular and the permission matrix read it
    assert match.func.csrf_exempt is True  # DRF's views do their own CSRF check
