"""Tension tiles (/tiles/…): included in geoportal/urls.py before layers.tiles.urls, whose
`tiles/<collection>/…` pattern would otherwise take these paths.

Tile numbers accept a sign so that a negative one is a 400 with a reason rather than a bare 404.
"""

from django.urls import re_path

from tension import tiles_matrix
from tension.api.tiles import tension_tile_view

_N = r"-?\d{1,10}"

urlpatterns = [
    re_path(
        rf"^tiles/tension/(?P<z>{_N})/(?P<x>{_N})/(?P<y>{_N})\.mvt$", tension_tile_view, name="tiles-tension"
    ),
    re_path(
        rf"^tiles/tension-matrix/(?P<z>{_N})/(?P<x>{_N})/(?P<y>{_N})\.mvt$",
        tiles_matrix.matrix_tile_view,
        name="tiles-tension-matrix",
    ),
]
