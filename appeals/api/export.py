"""GET /api/v1/appeals/export.geojson — every public appeal as one GeoJSON file, streamed.

PostgreSQL writes the Feature texts through `COPY … TO STDOUT` on the request's own psycopg connection:
read from the read model (appeals/sql/appeals_export_kept.sql) without filters but `kind`, else built
from the matching rows (appeals/sql/appeals_export.sql), the same text either way. They are gathered
into ~1 MB chunks and written to the client as they come, between the FeatureCollection's head and tail.
Nothing is parsed or encoded in Python, memory stays at about one chunk whatever the number of appeals,
the head leaves at once and the first features as soon as PostgreSQL has written ~1 MB of them.
"""

from collections.abc import Iterator

from django.db import connection
from django.http import StreamingHttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.views import APIView

from appeals.api.params import parse_refs
from appeals.api.public_schema import ERROR, REFS, TAGS
from appeals.selectors import PUBLIC_STATUSES, category_ids_for
from appeals.workflow import HIDDEN_STATUSES, AppealKind
from geoportal.db import sql_file
from layers.api.geojson import GEOJSON_MEDIA_TYPE, GEOJSON_RENDERERS
from layers.api.params import Bbox, parse_bbox, parse_choices

CHUNK_BYTES = 1 << 20
HEAD = b'{"type":"FeatureCollection","features":[\n'
TAIL = b"]}\n"
# CSV with a delimiter and a quote byte that JSON text never holds raw (JSON escapes every control
# character): COPY then writes each row exactly as it is, with no quoting or backslash escaping.
COPY_OPTIONS = "(FORMAT csv, DELIMITER E'\\x01', QUOTE E'\\x02')"


def appeal_public_export_chunks(
    *,
    kinds: list[str] | None = None,
    statuses: list[str] | None = None,
    category_ids: list[int] | None = None,
    bbox: Bbox | None = None,
    chunk_bytes: int = CHUNK_BYTES,
) -> Iterator[bytes]:
    """The public appeals (status not hidden) as the bytes of one GeoJSON FeatureCollection, in chunks.

    Filters are None for "any"; `bbox` is (west, south, east, north) in degrees, EPSG:4326. Features come
    in storage order, one per line. The query runs when the first chunk after the head is asked for, on
    Django's connection of this thread, as one COPY statement (one consistent snapshot).
    """
    west, south, east, north = bbox or (None, None, None, None)
    if statuses is None and category_ids is None and bbox is None:  # ready texts of the read model
        sql_name, params = "appeals_export_kept", {"kinds": kinds}
    else:
        sql_name = "appeals_export"
        params = {
            "hidden": sorted(status.value for status in HIDDEN_STATUSES),
            "statuses": statuses,
            "kinds": kinds,
            "category_ids": category_ids,
            "west": west,
            "south": south,
            "east": east,
            "north": north,
        }
    statement = f"COPY ({sql_file('appeals', sql_name).strip()}) TO STDOUT {COPY_OPTIONS}"
    yield HEAD
    connection.ensure_connection()
    buffer = bytearray()
    first = True
    pg = connection.connection  # the raw psycopg connection: Django's cursor wrapper has no COPY
    # A transaction of its own (a savepoint inside an outer one) scopes SET LOCAL. Connections start
    # without parallel workers and JIT (geoportal/settings.py); the export, which may read the whole
    # table, takes back PostgreSQL's default two workers (954k features built from the rows: 3.75 s
    # serial, ~2.5 s with them).
    # JIT stays off: for this plan PostgreSQL spent 0.6-1.1 s compiling (in each worker) before the first
    # row, on every export, a small filtered one included.
    # psycopg binds the parameters client-side for COPY, and cancels and drains the COPY (then rolls
    # back) when the client goes away mid-stream.
    with pg.transaction(), pg.cursor() as cursor:
        cursor.execute("SET LOCAL max_parallel_workers_per_gather = 2")
        with cursor.copy(statement, params) as copy:
            for row in copy:
                buffer += row
                if len(buffer) >= chunk_bytes:
                    yield _flush(buffer, first)
                    first = False
    if buffer:
        yield _flush(buffer, first)
    yield TAIL


def _flush(buffer: bytearray, first: bool) -> bytes:
    """The buffered rows as bytes, the buffer emptied; the leading comma of the very first row dropped."""
    chunk = bytes(buffer[1:] if first else buffer)
    buffer.clear()
    return chunk


class AppealExportApi(APIView):
    """GET /api/v1/appeals/export.geojson — all public appeals as one GeoJSON FeatureCollection (a download).

    The features and their properties are those of GET /api/v1/appeals. Query: `bbox=west,south,east,north`
    (degrees, EPSG:4326), `kind` (issue, proposal), `category` (ids or codes; a parent takes in its
    sub-categories), `status` (public statuses), each a comma-separated list. Streamed: no paging, no limit.
    """

    renderer_classes = GEOJSON_RENDERERS

    @extend_schema(
        operation_id="appeals_export",
        tags=TAGS,
        parameters=[
            OpenApiParameter("bbox", str, description="west,south,east,north in degrees (EPSG:4326)"),
            OpenApiParameter("kind", str, description="issue, proposal (comma-separated)"),
            OpenApiParameter("status", str, description="public statuses, comma-separated"),
            OpenApiParameter("category", str, description=REFS + "; sub-categories included"),
        ],
        responses={
            (200, GEOJSON_MEDIA_TYPE): OpenApiResponse(
                OpenApiTypes.OBJECT,
                description="GeoJSON FeatureCollection of every matching public appeal, streamed as a "
                "download (Content-Disposition: attachment), one Feature per line",
            ),
            400: ERROR,
        },
    )
    def get(self, request: Request):
        params = request.query_params
        bbox = parse_bbox(params.get("bbox"))
        kinds = _optional_choices(params.get("kind"), name="kind", allowed=list(AppealKind.values))
        statuses = _optional_choices(params.get("status"), name="status", allowed=list(PUBLIC_STATUSES))
        refs = parse_refs(params.get("category"), name="category")
        category_ids = category_ids_for(refs) if refs is not None else None
        chunks = appeal_public_export_chunks(
            kinds=kinds, statuses=statuses, category_ids=category_ids, bbox=bbox
        )
        response = StreamingHttpResponse(chunks, content_type=GEOJSON_MEDIA_TYPE)
        response["Content-Disposition"] = (
            f'attachment; filename="appeals-{timezone.localdate().isoformat()}.geojson"'
        )
        response["X-Accel-Buffering"] = "no"  # a reverse proxy must pass the stream on as it comes
        return response


def _optional_choices(raw: str | None, *, name: str, allowed: list[str]) -> list[str] | None:
    return None if raw is None else parse_choices(raw, name=name, allowed=allowed)
