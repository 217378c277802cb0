"""All /api/v1/ routes of the appeals app, one module per audience."""

from django.urls import include, path

from appeals.api.views import AppealListApi, AppealMineApi

urlpatterns = [
    path("appeals", AppealListApi.as_view(), name="api-appeal-list"),
    path("appeals/mine", AppealMineApi.as_view(), name="api-appeal-mine"),
    path("", include("appeals.api.export_urls")),
    path("", include("appeals.api.public_urls")),
    path("", include("appeals.api.staff_urls")),
    path("", include("appeals.api.stats_urls")),
]
