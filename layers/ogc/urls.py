"""OGC API – Features, included at /ogc/ (see layers/ogc/views.py)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularSwaggerView

from layers.ogc import views

urlpatterns = [
    path("", views.landing, name="ogc-landing"),
    path("conformance", views.conformance, name="ogc-conformance"),
    path("api", views.api, name="ogc-api"),
    path(
        "api.html",
        SpectacularSwaggerView.as_view(url_name="ogc-api", title=_("Geoportal: OGC API – Features")),
        name="ogc-api-doc",
    ),
    path("collections", views.collections, name="ogc-collections"),
    path("collections/<str:collection_id>", views.collection, name="ogc-collection"),
    path("collections/<str:collection_id>/queryables", views.queryables, name="ogc-queryables"),
    path("collections/<str:collection_id>/items", views.items, name="ogc-items"),
    path("collections/<str:collection_id>/items/<str:feature_id>", views.item, name="ogc-item"),
]
