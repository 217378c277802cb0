from django.urls import path

from appeals.api.views import AppealListApi

urlpatterns = [
    path("appeals", AppealListApi.as_view(), name="api-appeal-list"),
]
