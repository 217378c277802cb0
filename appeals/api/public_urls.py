"""Public /api/v1/ routes of one appeal, supports, the rubricator and departments (appeals/api/public.py).
GET and POST /api/v1/appeals itself is routed in appeals/api/urls.py (AppealListApi)."""

from django.urls import path

from appeals.api import public

urlpatterns = [
    path("appeals/nearby", public.AppealNearbyApi.as_view(), name="api-appeal-nearby"),
    path("appeals/<int:appeal_id>", public.AppealDetailApi.as_view(), name="api-appeal-detail"),
    path("appeals/<int:appeal_id>/support", public.AppealSupportApi.as_view(), name="api-appeal-support"),
    path("appeals/<int:appeal_id>/confirm", public.AppealConfirmApi.as_view(), name="api-appeal-confirm"),
    path("appeals/<int:appeal_id>/reopen", public.AppealReopenApi.as_view(), name="api-appeal-reopen"),
    path("appeals/<int:appeal_id>/rate", public.AppealRateApi.as_view(), name="api-appeal-rate"),
    path("supports/confirm", public.SupportConfirmApi.as_view(), name="api-support-confirm"),
    path("categories", public.CategoryListApi.as_view(), name="api-category-list"),
    path("departments", public.DepartmentListApi.as_view(), name="api-department-list"),
]
