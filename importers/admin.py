"""Admin for import runs: a read-only record of what each importer read, wrote and rejected."""

from django.contrib import admin

from importers.models import ImportRun


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = (
        "id",
        "importer",
        "source",
        "target",
        "status",
        "read_count",
        "written_count",
        "rejected_count",
        "started_at",
        "finished_at",
    )
    list_filter = ("status", "importer")
    search_fields = ("source", "target", "=id")
    date_hierarchy = "started_at"

    # Runs are written by the importers only; the admin shows them.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
