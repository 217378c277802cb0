"""Admin for reference geodata. Tables are large (16k buildings): FKs use autocomplete, never a select."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from geoportal.admin_widgets import MapAdmin
from layers.models import (
    AdminArea,
    Asset,
    Feature,
    GazetteerEntry,
    Layer,
    Property,
    PropertyCertificate,
    RasterLayer,
)
from layers.records.services import history_baseline_ensure

SOURCE_FIELDS = ("source", "source_id", "created_at", "updated_at")


@admin.register(AdminArea)
class AdminAreaAdmin(MapAdmin):
    list_display = ("name", "kind", "code", "parent", "population", "is_demo")
    list_filter = ("kind", "is_demo")
    search_fields = ("name", "code")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)
    readonly_fields = ("created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("kind", "name", "code", "parent", "population", "is_demo", "geom")}),
        (_("Origin"), {"fields": SOURCE_FIELDS}),
    )


class RecordHistoryAdmin(SimpleHistoryAdmin, MapAdmin):
    """Edits through the admin are kept like API edits: simple-history's save_model sets the history user
    to the request's user, and a record loaded by an import first gets a baseline row (its state before
    the edit). The "History" button lists the changes; layers.records has the per-field diff API."""

    history_list_display = ("history_change_reason",)

    def save_model(self, request, obj, form, change):
        if change:
            history_baseline_ensure(obj)
        super().save_model(request, obj, form, change)


@admin.register(Property)
class PropertyAdmin(RecordHistoryAdmin):
    list_display = ("id", "kind", "address", "cadastral_number", "ownership", "use", "levels", "area_m2")
    list_filter = ("kind", "ownership", "source")
    search_fields = ("address", "street", "housenumber", "cadastral_number", "=source_id")
    readonly_fields = ("created_at", "updated_at")
    # 16k rows: the exact total of a filtered list costs a second COUNT; the estimate is enough here.
    show_full_result_count = False
    fieldsets = (
        (None, {"fields": ("kind", "cadastral_number", "address", "street", "housenumber", "geom")}),
        (_("Use"), {"fields": ("ownership", "use", "levels", "area_m2", "attributes")}),
        (_("Origin"), {"fields": SOURCE_FIELDS}),
    )


@admin.register(Asset)
class AssetAdmin(RecordHistoryAdmin):
    list_display = ("id", "kind", "name", "department", "condition", "source")
    list_filter = ("kind", "condition", "department", "source")
    search_fields = ("name", "=source_id")
    list_select_related = ("department",)
    autocomplete_fields = ("department",)
    readonly_fields = ("created_at", "updated_at")
    show_full_result_count = False
    fieldsets = (
        (None, {"fields": ("kind", "name", "department", "condition", "geom", "attributes")}),
        (_("Origin"), {"fields": SOURCE_FIELDS}),
    )


@admin.register(Layer)
class LayerAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "department", "access", "licence", "updated_at")
    list_filter = ("access", "department")
    search_fields = ("title", "slug", "description")
    list_select_related = ("department",)
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("department",)
    # ImportRun admin is read-only: a raw id with a lookup link rather than an editable select.
    raw_id_fields = ("source_run",)
    readonly_fields = ("created_at", "updated_at")


@admin.register(Feature)
class FeatureAdmin(MapAdmin):
    list_display = ("id", "layer", "source_id")
    list_filter = ("layer",)
    search_fields = ("=source_id",)
    list_select_related = ("layer",)
    autocomplete_fields = ("layer",)
    show_full_result_count = False


@admin.register(RasterLayer)
class RasterLayerAdmin(MapAdmin):
    list_display = ("title", "slug", "department", "access", "crs", "band_count", "dtype")
    list_filter = ("access", "department")
    search_fields = ("title", "slug", "description", "path")
    list_select_related = ("department",)
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("department",)
    readonly_fields = ("created_at", "updated_at")


@admin.register(GazetteerEntry)
class GazetteerEntryAdmin(MapAdmin):
    """Read-only: the gazetteer is derived data, replaced by `manage.py gazetteer_rebuild`."""

    list_display = ("name", "kind", "street", "housenumber", "ref_type", "ref_id", "is_public")
    list_filter = ("kind", "is_public")
    search_fields = ("name", "normalized")
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PropertyCertificate)
class PropertyCertificateAdmin(admin.ModelAdmin):
    """Read-only: the journal of issued certificates is written by GET …/certificate.pdf only."""

    list_display = ("number", "cadastral_number", "address", "issuer", "issued_by", "issued_at")
    search_fields = ("number", "cadastral_number", "address")
    list_select_related = ("issued_by",)
    raw_id_fields = ("property", "issued_by")
    date_hierarchy = "issued_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
