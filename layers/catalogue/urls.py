"""Routes of the layer catalogue and of import runs. Included at the site root (geoportal/urls.py)."""

from django.urls import path

from importers.api.views import ImportRunDetailApi
from layers.catalogue import views

urlpatterns = [
    path("api/v1/layers", views.LayerListApi.as_view(), name="api-layer-list"),
    path("api/v1/layers/<slug:slug>", views.LayerDetailApi.as_view(), name="api-layer-detail"),
    path("api/v1/layers/<slug:slug>/upload", views.LayerUploadApi.as_view(), name="api-layer-upload"),
    path("api/v1/imports/<int:run_id>", ImportRunDetailApi.as_view(), name="api-import-detail"),
]
