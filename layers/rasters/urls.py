"""Raster routes: the /api/v1/rasters API and the PNG tiles. Included at the site root (geoportal/urls.py).

Tile numbers accept a sign so that a negative one is a 400 with a reason rather than a bare 404.
"""

from django.urls import path, re_path

from layers.rasters import views

_N = r"-?\d{1,10}"

urlpatterns = [
    path("api/v1/rasters", views.RasterListApi.as_view(), name="api-raster-list"),
    path("api/v1/rasters/<slug:slug>", views.RasterDetailApi.as_view(), name="api-raster-detail"),
    path("api/v1/rasters/<slug:slug>/value", views.RasterValueApi.as_view(), name="api-raster-value"),
    path("api/v1/rasters/<slug:slug>/zonal", views.RasterZonalApi.as_view(), name="api-raster-zonal"),
    re_path(
        rf"^tiles/rasters/(?P<slug>[-a-zA-Z0-9_]+)/(?P<z>{_N})/(?P<x>{_N})/(?P<y>{_N})\.png$",
        views.raster_tile,
        name="tiles-raster",
    ),
]
