"""/api/v1/stats/…: public KPIs and monthly series (appeals.kpi)."""

from django.urls import path

from appeals.api.stats import KpiApi, KpiMonthlyApi

urlpatterns = [
    path("stats/kpi", KpiApi.as_view(), name="api-stats-kpi"),
    path("stats/monthly", KpiMonthlyApi.as_view(), name="api-stats-monthly"),
]
