"""Tension vector tiles: zoom → H3 resolution, and one tile rendered in PostGIS.

| zoom | hexagon resolution | hexagon edge |
|---|---|---|
| 0–9 | 7 | ≈ 1.2 km |
| 10–11 | 8 | ≈ 460 m |
| 12+ | 9 | ≈ 175 m |

The appeals and proposals tiles use the same table below their point zoom (layers.collections min_zoom):
hexagons with counts by status from the all-time cell counts (tension_tensioncellstatus); from it to z15,
counted points of res-12 cells (tension_tensionpointcell, appeal_points_tile).

Tension tiles stop at res 9, the rollup's resolution (res 10 is in /api/v1/tension/hexes): the scores of a
resolution and filters are computed once from the rollups and kept in the shared cache for TILE_MAX_AGE
seconds (tension.selectors.score_arrays), so each tile is one indexed lookup of the outlines that meet
it, whatever the number of appeals.
"""

from django.utils import timezone

from geoportal.db import sql_file
from layers.tiles.selectors import check_tile, render_mvt
from tension.cells import ensure_outlines
from tension.selectors import Filters, score_arrays


def tension_res(z: int) -> int:
    """The H3 resolution of the hexagons drawn at zoom z (tension, and appeals below their point zoom)."""
    if z <= 9:
        return 7
    if z <= 11:
        return 8
    return 9


def tension_tile(*, z: int, x: int, y: int, filters: Filters) -> bytes:
    """The MVT tile (z, x, y) of layer "tension"; b"" when no hexagon meets it. Raises ValidationFailed."""
    check_tile(z, x, y)
    ensure_outlines()
    res = tension_res(z)
    arrays = score_arrays(res, filters)
    params = {k: arrays[k] for k in ("cells", "t", "count", "overdue", "k")} | {
        "res": res,
        "z": z,
        "x": x,
        "y": y,
    }
    return render_mvt(sql_file("tension", "tension_tile"), params)


def appeal_hexagons_tile(*, z: int, x: int, y: int, params: dict) -> bytes:
    """The appeals of one kind as H3 hexagons with counts by status (below the collection's point zoom).

    `params` are the collection's tile parameters: name (layer), kind, hidden (statuses never shown).
    """
    ensure_outlines()
    query = {"name": params["name"], "kind": params["kind"], "hidden": params["hidden"]}
    query |= {"res": tension_res(z), "z": z, "x": x, "y": y, "today": timezone.localdate()}
    return render_mvt(sql_file("tension", "appeal_hexagons_tile"), query)


def appeal_points_tile(*, z: int, x: int, y: int, params: dict) -> bytes:
    """The appeals of one kind from the collection's min_zoom up to FULL_POINTS_ZOOM (layers.tiles.selectors):
    lone appeals as points, denser res-12 cells as counted points."""
    return render_mvt(sql_file("tension", "appeal_points_tile"), {**params, "z": z, "x": x, "y": y})
