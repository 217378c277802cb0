from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from geoportal import health, views

urlpatterns = [
    path("", views.index, name="index"),
    path("api/v1/", include("layers.api.urls")),
    path("api/v1/", include("appeals.api.urls")),
    path("api/v1/", include("layers.api.search_urls")),
    path("api/v1/", include("tension.api.urls")),
    path("", include("accounts.urls")),
    path("", include("geoportal.api_docs_urls")),
    path("ogc/", include("layers.ogc.urls")),
    path("", include("tension.urls_tiles")),  # before layers.tiles.urls: tiles/<collection>/… would match
    path("", include("layers.tiles.urls")),
    path("", include("layers.rasters.urls")),
    path("", include("layers.catalogue.urls")),
    path("", include("layers.analysis.urls")),
    path("", include("layers.records.urls")),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
