"""The streaming GeoJSON export of the public appeals (included under /api/v1/)."""

from django.urls import path

from appeals.api.export import AppealExportApi

urlpatterns = [
    path("appeals/export.geojson", AppealExportApi.as_view(), name="api-appeal-export"),
]
