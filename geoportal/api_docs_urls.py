"""OpenAPI 3 of the whole API (`/api/schema/`, YAML; `?format=json` for JSON) and Swagger UI (`/api/docs/`).

The Swagger UI assets come from drf-spectacular-sidecar through the static files, so the docs work offline.
"""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

urlpatterns = [
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]
