"""Tiles, TileJSON, the basemap's style, glyphs and sprites, and OGC API – Tiles (full "ogc/…" paths:
the OGC Features include in geoportal/urls.py is tried first and uses no path under collections/{id}/tiles).

Tile numbers accept a sign so that a negative one is a 400 with a reason rather than a bare 404.
The basemap routes come before the collection routes: "basemap" is not a collection id.
"""

from django.urls import path, re_path

from layers.tiles import ogc_views, views

_N = r"-?\d{1,10}"
_ID = r"[-a-zA-Z0-9_]+"

urlpatterns = [
    re_path(
        rf"^tiles/basemap/(?P<z>{_N})/(?P<x>{_N})/(?P<y>{_N})\.mvt$", views.basemap_tile, name="tiles-basemap"
    ),
    path("tiles/basemap.json", views.basemap_tilejson, name="tiles-basemap-tilejson"),
    re_path(
        rf"^tiles/(?P<collection_id>{_ID})/(?P<z>{_N})/(?P<x>{_N})/(?P<y>{_N})\.mvt$",
        views.collection_tile,
        name="tiles-collection",
    ),
    re_path(rf"^tiles/(?P<collection_id>{_ID})\.json$", views.collection_tilejson, name="tiles-tilejson"),
    re_path(rf"^styles/(?P<name>{_ID})\.json$", views.style, name="styles"),
    path("fonts/<str:fontstack>/<str:glyph_range>.pbf", views.glyphs, name="fonts"),
    path("sprites/<str:file_name>", views.sprite, name="sprites"),
    path("ogc/tileMatrixSets", ogc_views.tile_matrix_sets, name="ogc-tilematrixsets"),
    path("ogc/tileMatrixSets/<str:tms_id>", ogc_views.tile_matrix_set, name="ogc-tilematrixset"),
    re_path(
        rf"^ogc/collections/(?P<collection_id>{_ID})/tiles$",
        ogc_views.collection_tilesets,
        name="ogc-tilesets",
    ),
    re_path(
        rf"^ogc/collections/(?P<collection_id>{_ID})/tiles/(?P<tms_id>{_ID})$",
        ogc_views.collection_tileset,
        name="ogc-tileset",
    ),
    re_path(
        rf"^ogc/collections/(?P<collection_id>{_ID})/tiles/(?P<tms_id>{_ID})"
        rf"/(?P<tile_matrix>{_N})/(?P<tile_row>{_N})/(?P<tile_col>{_N})$",
        ogc_views.collection_tile,
        name="ogc-tile",
    ),
]
