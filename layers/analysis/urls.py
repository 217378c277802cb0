"""Area analysis route, included at the site root (geoportal/urls.py)."""

from django.urls import path

from layers.analysis import views

urlpatterns = [
    path("api/v1/analysis/area", views.AreaAnalysisApi.as_view(), name="api-analysis-area"),
]
