from django.urls import path

from layers.api.search import GeocodeApi, ReverseApi, SearchApi

urlpatterns = [
    path("search", SearchApi.as_view(), name="api-search"),
    path("geocode", GeocodeApi.as_view(), name="api-geocode"),
    path("reverse", ReverseApi.as_view(), name="api-reverse"),
]
