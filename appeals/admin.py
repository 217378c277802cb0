"""Admin for appeals, the rubricator and departments.

Status changes go through the workflow (every move writes an AppealEvent), so status is read-only here;
the event log and supports are append-only records and are shown, never edited. Photos are uploaded only
through the service that strips EXIF, so the admin may remove a photo but not add one.
"""

import h3
from django.contrib import admin
from django.db import models
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from appeals.models import (
    Appeal,
    AppealContact,
    AppealEvent,
    AppealFeature,
    AppealPhoto,
    AreaSubscription,
    Category,
    Department,
    ResponseTemplate,
    Support,
)
from geoportal.admin_widgets import MapAdmin
from tension.hexes import cell_of


class ReadOnlyAdminMixin:
    """View-only: the rows are written by services (append-only logs, counters kept in step)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "email")
    search_fields = ("name", "name_en", "code")
    prepopulated_fields = {"code": ("name",)}
    autocomplete_fields = ("zones", "members")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = (
        (None, {"fields": ("code", "name", "name_en", "email")}),
        (_("Responsibility"), {"fields": ("zones", "members")}),
        (_("Webhook"), {"fields": ("webhook_url", "webhook_secret")}),
    )


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = (
        "code",
        "name_ru",
        "kind",
        "parent",
        "severity",
        "default_department",
        "answer_working_days",
        "is_active",
    )
    list_filter = ("kind", "is_active", "default_department")
    search_fields = ("code", "name_ru", "name_en", "federal_code")
    list_select_related = ("parent", "default_department")
    autocomplete_fields = ("parent", "default_department")


class AppealContactInline(admin.StackedInline):
    model = AppealContact
    can_delete = False
    max_num = 1
    verbose_name_plural = _("resident's contact data (never public)")


class AppealPhotoInline(admin.TabularInline):
    model = AppealPhoto
    extra = 0
    fields = ("preview", "image", "width", "height", "created_at")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("preview"))
    def preview(self, photo: AppealPhoto) -> str:
        if not photo.image:
            return "—"
        return format_html('<img src="{}" alt="" style="max-height: 120px">', photo.image.url)


class AppealEventInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = AppealEvent
    extra = 0
    fields = ("at", "actor", "from_status", "to_status", "public_response", "internal_note")
    readonly_fields = fields
    ordering = ("at", "id")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


@admin.register(Appeal)
class AppealAdmin(MapAdmin):
    list_display = (
        "id",
        "kind",
        "category",
        "status",
        "department",
        "area",
        "address",
        "supports_count",
        "created_at",
        "due_at",
    )
    list_filter = ("status", "kind", "source", "category", "department")
    search_fields = ("=id", "address", "text", "=source_id")
    list_select_related = ("category", "department", "area")
    date_hierarchy = "created_at"
    show_full_result_count = False
    autocomplete_fields = ("category", "area", "department", "assignee", "author", "duplicate_of")
    readonly_fields = ("status", "h3", "h3_index", "supports_count", "updated_at")
    fieldsets = (
        (None, {"fields": ("kind", "category", "status", "text", "address", "geom")}),
        (_("Routing"), {"fields": ("area", "department", "assignee", "duplicate_of")}),
        (
            _("Origin"),
            {"fields": ("source", "source_id", "author", "author_public_name", "supports_count", "rating")},
        ),
        (
            _("Dates"),
            {"fields": ("created_at", "registered_at", "due_at", "answered_at", "closed_at", "updated_at")},
        ),
        (_("H3"), {"fields": ("h3", "h3_index")}),
    )
    inlines = (AppealContactInline, AppealPhotoInline, AppealEventInline)

    @admin.display(description=_("H3 index (hex)"))
    def h3_index(self, appeal: Appeal) -> str:
        return h3.int_to_str(appeal.h3) if appeal.h3 else "—"

    def get_changeform_initial_data(self, request):
        return {"created_at": timezone.now(), **super().get_changeform_initial_data(request)}

    def save_model(self, request, obj, form, change):
        # h3 is derived from the point and is not a form field: keep it in step when the pin moves.
        if not change or "geom" in form.changed_data:
            obj.h3 = cell_of(obj.geom.x, obj.geom.y)
        super().save_model(request, obj, form, change)


@admin.register(AppealEvent)
class AppealEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("id", "appeal", "from_status", "to_status", "actor", "at")
    list_filter = ("to_status",)
    search_fields = ("=appeal__id", "public_response", "internal_note")
    list_select_related = ("appeal", "actor")
    date_hierarchy = "at"
    show_full_result_count = False


@admin.register(AppealFeature)
class AppealFeatureAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The read model of public Features, written by triggers: shown to check what the public sees."""

    list_display = ("id", "kind")
    list_filter = ("kind",)
    search_fields = ("=id",)
    show_full_result_count = False


@admin.register(Support)
class SupportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("id", "appeal", "user", "email", "created_at")
    search_fields = ("=appeal__id", "email", "user__username")
    list_select_related = ("appeal", "user")
    show_full_result_count = False


@admin.register(ResponseTemplate)
class ResponseTemplateAdmin(admin.ModelAdmin):
    list_display = ("title", "department", "category", "created_at")
    list_filter = ("department",)
    list_select_related = ("department", "category")
    search_fields = ("title", "text")


@admin.register(AreaSubscription)
class AreaSubscriptionAdmin(MapAdmin):
    list_display = ("id", "email", "user", "area", "confirmed_at")
    list_filter = ("confirmed_at",)
    list_select_related = ("user", "area")
    search_fields = ("email",)
    raw_id_fields = ("user", "area")
