"""The import-run API: thin views (selector → body). Routed from layers/catalogue/urls.py."""

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from importers.api.serializers import ImportRunOutput, import_run_body
from importers.selectors import import_run_get


class ImportRunDetailApi(APIView):
    """GET /api/v1/imports/{id}: status, counts, rejects and timings of an import (also while it runs).
    Its creator and staff only; 404 for anyone else."""

    @extend_schema(summary="One import run: status, progress, counts, rejects", responses=ImportRunOutput)
    def get(self, request: Request, run_id: int):
        run = import_run_get(run_id=run_id, user=request.user)
        return Response(import_run_body(run))
