"""The JSON of an ImportRun for GET /api/v1/imports/{id}: status, counts, rejects, timings, progress.

Server paths never leave the server: the source is shown by its file name, and folders in messages
(the rejects CSV, a temporary folder) are cut down to the file name.
"""

from rest_framework import serializers

from importers.models import ImportRun
from importers.runs import file_name_of, without_server_paths


class CountsOutput(serializers.Serializer):
    read = serializers.IntegerField(help_text="Records read from the file (features, lines)")
    written = serializers.IntegerField()
    inserted = serializers.IntegerField()
    updated = serializers.IntegerField()
    deleted = serializers.IntegerField(help_text="Features removed from the layer (replace mode)")
    rejected = serializers.IntegerField()


class ProgressOutput(serializers.Serializer):
    done = serializers.IntegerField()
    total = serializers.IntegerField(allow_null=True)


class RejectOutput(serializers.Serializer):
    row = serializers.IntegerField(help_text="Feature number, or line of a CSV (line 1 is the header)")
    source_id = serializers.CharField()
    reason = serializers.CharField()


class ImportRunOutput(serializers.Serializer):
    id = serializers.IntegerField()
    importer = serializers.CharField()
    status = serializers.ChoiceField(choices=ImportRun.Status.choices)
    file = serializers.CharField()
    layer = serializers.CharField(allow_null=True, help_text="Slug of the layer the features go to")
    mode = serializers.CharField(allow_null=True)
    started_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)
    counts = CountsOutput()
    targets = serializers.DictField(help_text="Counts per target table")
    progress = ProgressOutput(allow_null=True, help_text="While running: records read so far")
    rejects = RejectOutput(many=True, help_text="The first 100 rejects")
    error = serializers.CharField(allow_blank=True)
    timings = serializers.DictField(help_text="read_s, write_s, total_s (seconds); elapsed_s while running")


def import_run_body(run: ImportRun) -> dict:
    """The ImportRunOutput of `run`."""
    options = run.options or {}
    running = run.status == ImportRun.Status.RUNNING
    timings = dict(run.timings or {})
    progress = timings.pop("progress", None) if running else None
    layer = (
        options.get("layer")
        if options.get("target", "layer") == "layer" and run.importer == "vector"
        else None
    )
    deleted = sum(counts.get("deleted", 0) for counts in (run.target_counts or {}).values())
    return {
        "id": run.pk,
        "importer": run.importer,
        "status": run.status,
        "file": file_name_of(run),
        "layer": layer,
        "mode": (options.get("mode") or "replace") if layer else None,
        "started_at": run.started_at,
        "finished_at": run.finished_at,
        "counts": {
            "read": run.read_count,
            "written": run.written_count,
            "inserted": run.inserted_count,
            "updated": run.updated_count,
            "deleted": deleted,
            "rejected": run.rejected_count,
        },
        "targets": run.target_counts or {},
        "progress": progress,
        "rejects": [
            {
                "row": r.get("row"),
                "source_id": r.get("source_id", ""),
                "reason": without_server_paths(r.get("reason", "")),
            }
            for r in run.rejects or []
        ],
        "error": without_server_paths(run.error or ""),
        "timings": timings,
    }
