"""GET /tiles/tension-matrix/{z}/{x}/{y}.mvt — the digital matrix as a choropleth of districts or ТОС.

One layer, `tension_matrix`: a polygon per area (feature id = AdminArea id) with the figures of
GET /api/v1/tension/matrix as flat properties (the top categories as `top_1`… codes and `top_1_count`…;
unknown figures left out, MVT has no null). Query as the matrix API: `level`, `from`, `to`, `kind`,
`category`. The matrix of a level and filters is computed once and kept in the shared cache for
TILE_MAX_AGE seconds, so each tile is one indexed lookup of the areas that meet it. Public; 204 when no
area meets the tile.
"""

import hashlib
import json
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from geoportal.db import sql_file
from layers.tiles.http import max_age, tile_response
from layers.tiles.selectors import check_tile, render_mvt
from tension.api.matrix import parse_level
from tension.api.params import parse_filters
from tension.matrix import MatrixLevel, area_matrix
from tension.matrix_export import matrix_public
from tension.selectors import Filters

FLAT = (
    "code", "name", "population", "population_source", "appeals", "per_1000", "overdue", "overdue_share",
    "answered", "median_answer_days", "hexagons", "tension_mean", "tension_max", "t", "t_previous", "trend",
)  # fmt: skip


def tile_properties(area: dict[str, Any]) -> dict[str, Any]:
    """An area of the matrix document as flat MVT properties (nulls left out)."""
    props = {key: area[key] for key in FLAT if area[key] is not None}
    for n, category in enumerate(area["top_categories"], start=1):
        props[f"top_{n}"] = category["code"]
        props[f"top_{n}_count"] = category["count"]
    return props


def _properties(level: MatrixLevel, filters: Filters) -> str:
    """{area id: properties} of the level's matrix as JSON text (cached)."""
    window = filters.window
    key_text = f"{level}|{window.start}|{window.end}|{sorted(filters.kinds)}|{filters.category_ids}"
    key = "tension-matrix-tile:" + hashlib.sha1(key_text.encode()).hexdigest()
    props = cache.get(key)
    if props is None:
        document = matrix_public(area_matrix(level, filters, now=timezone.now()))
        props = json.dumps({str(a["id"]): tile_properties(a) for a in document["areas"]}, ensure_ascii=False)
        cache.set(key, props, max_age("TILE_MAX_AGE"))
    return props


def matrix_tile(*, z: int, x: int, y: int, level: MatrixLevel, filters: Filters) -> bytes:
    """The MVT tile (z, x, y) of layer "tension_matrix"; b"" when no area meets it.

    Raises ValidationFailed for a tile outside the grid."""
    check_tile(z, x, y)
    params = {"z": z, "x": x, "y": y, "kind": level.value, "props": _properties(level, filters)}
    return render_mvt(sql_file("tension", "matrix_tile"), params)


@require_safe
def matrix_tile_view(request: HttpRequest, z: str, x: str, y: str) -> HttpResponse:
    level = parse_level(request.GET.get("level"))
    data = matrix_tile(z=int(z), x=int(x), y=int(y), level=level, filters=parse_filters(request.GET))
    return tile_response(request, data, public=True, seconds=max_age("TILE_MAX_AGE"))
