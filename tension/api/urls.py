"""Public /api/v1/tension/ routes."""

from django.urls import path

from tension.api import hotspots, matrix, views

urlpatterns = [
    path("tension/hexes", views.TensionHexesApi.as_view(), name="api-tension-hexes"),
    path("tension/cells/<str:cell>", views.TensionCellApi.as_view(), name="api-tension-cell"),
    path("tension/hotspots", hotspots.TensionHotspotsApi.as_view(), name="api-tension-hotspots"),
    path("tension/matrix", matrix.TensionMatrixApi.as_view(), name="api-tension-matrix"),
]
