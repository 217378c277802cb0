"""GET /tiles/tension/{z}/{x}/{y}.mvt — tension hexagons as vector tiles (layer "tension").

Query as /api/v1/tension/hexes without `res` and `bbox` (the zoom picks the resolution, tension.tiles):
`from`, `to`, `kind`, `category`. Public; 204 when no hexagon meets the tile.
"""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from layers.tiles.http import max_age, tile_response
from tension.api.params import parse_filters
from tension.tiles import tension_tile


@require_safe
def tension_tile_view(request: HttpRequest, z: str, x: str, y: str) -> HttpResponse:
    data = tension_tile(z=int(z), x=int(x), y=int(y), filters=parse_filters(request.GET))
    return tile_response(request, data, public=True, seconds=max_age("TILE_MAX_AGE"))
