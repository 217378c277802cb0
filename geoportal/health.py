"""Liveness and readiness probes for load balancers and docker-compose healthchecks."""

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse


def healthz(request):
    """The process is up and answers; touches nothing else."""
    return JsonResponse({"status": "ok"})


def readyz(request):
    """The database answers, PostGIS is there and every migration is applied; 503 otherwise."""
    checks: dict[str, object] = {}
    try:
        with connection.cursor() as cur:
            cur.execute("SELECT version(), postgis_full_version()")
            pg_version, postgis_version = cur.fetchone()
        checks["database"] = pg_version.split(",")[0]
        checks["postgis"] = postgis_version.split('"')[1] if '"' in postgis_version else postgis_version
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        checks["migrations"] = "applied" if not pending else f"{len(pending)} pending"
        ready = not pending
    except DatabaseError as exc:
        checks["database"] = f"unreachable: {exc.__class__.__name__}"
        ready = False
    return JsonResponse({"status": "ready" if ready else "not ready", **checks}, status=200 if ready else 503)
