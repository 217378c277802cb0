"""Admin for tension: signals are edited (their cells follow the geometry); the rest is derived, read-only."""

from django.contrib import admin

from appeals.admin import ReadOnlyAdminMixin
from geoportal.admin_widgets import MapAdmin
from tension.models import (
    Alert,
    TensionCell,
    TensionCellStatus,
    TensionMonthlyRollup,
    TensionPointCell,
    TensionRollup,
    TensionSignal,
)
from tension.services.signals import signal_save


@admin.register(TensionSignal)
class TensionSignalAdmin(MapAdmin):
    list_display = ("at", "source", "weight", "text")
    list_filter = ("source",)
    search_fields = ("text", "source_id")
    date_hierarchy = "at"
    readonly_fields = ("cells", "created_at")

    def save_model(self, request, obj, form, change):
        signal_save(obj)


@admin.register(Alert)
class AlertAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("created_at", "kind", "value", "threshold", "delivery", "notified_at")
    list_filter = ("kind", "delivery")
    date_hierarchy = "created_at"


@admin.register(TensionCell)
class TensionCellAdmin(ReadOnlyAdminMixin, MapAdmin):
    list_display = ("__str__", "res", "population")
    list_filter = ("res",)


@admin.register(TensionRollup)
class TensionRollupAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("day", "cell", "category", "kind", "status", "due_day", "n", "sw")
    list_filter = ("kind", "status")
    date_hierarchy = "day"


@admin.register(TensionCellStatus)
class TensionCellStatusAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("cell", "kind", "status", "due_day", "n")
    list_filter = ("kind", "status")


@admin.register(TensionPointCell)
class TensionPointCellAdmin(ReadOnlyAdminMixin, MapAdmin):
    list_display = ("cell", "kind", "n", "public", "open", "answered", "closed")
    list_filter = ("kind",)


@admin.register(TensionMonthlyRollup)
class TensionMonthlyRollupAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("month", "cell", "category", "kind", "status", "n", "swd")
    list_filter = ("kind", "status")
