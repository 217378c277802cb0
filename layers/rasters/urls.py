"""Raster routes: the /api/v1/rasters API and the PNG tiles. Included at the site root (geoportal/urls.py).

Tile numbers accept a sign so that a negative one is a 400 with a reason rather than a bare 404.
The views are imported on their first request (geoportal.lazy_views): rasterio and shapely stay out of
the workers that never serve a raster.
"""

from django.urls import path, re_path

from geoportal.lazy_views import lazy_view

VIEWS = "layers.rasters.views"

_N = r"-?\d{1,10}"

urlpatterns = [
    path("api/v1/rasters", lazy_view(VIEWS, "RasterListApi"), name="api-raster-list"),
    path("api/v1/rasters/<slug:slug>", lazy_view(VIEWS, "RasterDetailApi"), name="api-raster-detail"),
    path("api/v1/rasters/<slug:slug>/value", lazy_view(VIEWS, "RasterValueApi"), name="api-raster-value"),
    path("api/v1/rasters/<slug:slug>/zonal", lazy_view(VIEWS, "RasterZonalApi"), name="api-raster-zonal"),
    re_path(
        rf"^tiles/rasters/(?P<slug>[-a-zA-Z0-9_]+)/(?P<z>{_N})/(?P<x>{_N})/(?P<y>{_N})\.png$",
        lazy_view(VIEWS, "raster_tile"),
        name="tiles-raster",
    ),
]
