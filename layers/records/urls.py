from django.urls import path

from geoportal.lazy_views import lazy_view
from layers.records.views import AssetApi, AssetHistoryApi, PropertyApi, PropertyHistoryApi

# Imported on its first request (geoportal.lazy_views): reportlab stays out of the other workers.
PropertyCertificateApi = lazy_view("layers.certificates.views", "PropertyCertificateApi")

urlpatterns = [
    path("api/v1/properties/<int:property_id>", PropertyApi.as_view(), name="api-property"),
    path(
        "api/v1/properties/<int:property_id>/history",
        PropertyHistoryApi.as_view(),
        name="api-property-history",
    ),
    path(
        "api/v1/properties/<int:property_id>/certificate.pdf",
        PropertyCertificateApi,
        name="api-property-certificate",
    ),
    path("api/v1/assets/<int:asset_id>", AssetApi.as_view(), name="api-asset"),
    path("api/v1/assets/<int:asset_id>/history", AssetHistoryApi.as_view(), name="api-asset-history"),
]
