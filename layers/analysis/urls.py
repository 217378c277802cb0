"""Area analysis route, included at the site root (geoportal/urls.py). The view is imported on its first
request (geoportal.lazy_views): it brings rasterio and shapely, which the other workers do without."""

from django.urls import path

from geoportal.lazy_views import lazy_view

urlpatterns = [
    path(
        "api/v1/analysis/area",
        lazy_view("layers.analysis.views", "AreaAnalysisApi"),
        name="api-analysis-area",
    ),
]
