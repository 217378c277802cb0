from django.urls import path

from layers.api.views import AreaListApi

urlpatterns = [
    path("areas", AreaListApi.as_view(), name="api-area-list"),
]
