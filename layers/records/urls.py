from django.urls import path

from layers.certificates.views import PropertyCertificateApi
from layers.records.views import AssetApi, AssetHistoryApi, PropertyApi, PropertyHistoryApi

urlpatterns = [
    path("api/v1/properties/<int:property_id>", PropertyApi.as_view(), name="api-property"),
    path(
        "api/v1/properties/<int:property_id>/history",
        PropertyHistoryApi.as_view(),
        name="api-property-history",
    ),
    path(
        "api/v1/properties/<int:property_id>/certificate.pdf",
        PropertyCertificateApi.as_view(),
        name="api-property-certificate",
    ),
    path("api/v1/assets/<int:asset_id>", AssetApi.as_view(), name="api-asset"),
    path("api/v1/assets/<int:asset_id>/history", AssetHistoryApi.as_view(), name="api-asset-history"),
]
