"""Liveness and readiness probes for load balancers and docker-compose healthchecks.

`/healthz` says the process answers; `/readyz` says it can serve: the database answers, PostGIS is
installed and every migration is applied. Both answer JSON; readyz answers 503 with a `reason` otherwise.
"""

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse

# How many pending migrations the 503 answer names.
SHOWN_PENDING = 10


def healthz(request):
    """The process is up and answers; touches nothing else."""
    return JsonResponse({"status": "ok"})


def readyz(request):
    """The database answers, PostGIS is there and every migration is applied; 503 with a reason otherwise."""
    checks: dict[str, object] = {}
    try:
        with connection.cursor() as cur:
            cur.execute("SELECT current_setting('server_version')")
            checks["database"] = cur.fetchone()[0]
            cur.execute("SELECT extversion FROM pg_extension WHERE extname = 'postgis'")
            row = cur.fetchone()
    except DatabaseError as exc:
        # The class name only: the message may carry the host and user of the connection string.
        return _not_ready(checks, f"database unreachable: {exc.__class__.__name__}")
    if row is None:
        return _not_ready(checks, "the PostGIS extension is not installed")
    checks["postgis"] = row[0]
    try:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as exc:
        return _not_ready(checks, f"migration state unreadable: {exc.__class__.__name__}")
    if plan:
        names = [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]
        checks["migrations"] = {"pending": len(names), "first": names[:SHOWN_PENDING]}
        return _not_ready(checks, f"{len(names)} migration(s) not applied")
    checks["migrations"] = "applied"
    return JsonResponse({"status": "ready", **checks})


def _not_ready(checks: dict[str, object], reason: str) -> JsonResponse:
    return JsonResponse({"status": "not ready", "reason": reason, **checks}, status=503)
