"""The tension of any zone (a drawn polygon, an area): its res-9 hexagons over the default window.

Used by the area analysis (layers.analysis); the same reading as one row of the digital matrix
(tension.matrix.area_tension): the hexagons whose centres lie in the zone, their mean and max index,
T now and in the previous window of the same length, and the trend class.
"""

from dataclasses import replace
from datetime import timedelta

import h3
from django.conf import settings
from django.utils import timezone
from shapely.geometry import shape

from tension.matrix import MATRIX_RES, area_cells, area_tension
from tension.scoring import Window
from tension.selectors import Filters, cell_scores
from tension.trends import trend_of


def default_filters() -> Filters:
    """Every kind and category over the last TENSION["WINDOW_DAYS"] local days, ending today."""
    end = timezone.localdate()
    return Filters(window=Window(end - timedelta(days=settings.TENSION["WINDOW_DAYS"] - 1), end))


def zone_tension(geojson: dict, filters: Filters | None = None) -> dict:
    """The tension summary of a (Multi)Polygon given as GeoJSON (lon, lat degrees)."""
    filters = filters or default_filters()
    conf = settings.TENSION
    scores = cell_scores(MATRIX_RES, filters)
    before = cell_scores(MATRIX_RES, replace(filters, window=filters.window.previous()))
    k = next((s.k for s in scores.values() if s.k), None)
    point = shape(geojson).representative_point()
    cells = area_cells(h3.geo_to_h3shape(geojson), (point.x, point.y), MATRIX_RES)
    tension = area_tension(cells, {c: s.t for c, s in scores.items()}, {c: s.t for c, s in before.items()}, k)
    trend = trend_of(
        tension.t, tension.t_before, rise_ratio=conf["TREND_RISE_RATIO"], min_delta=conf["TREND_MIN_DELTA"]
    )
    hottest = max((c for c in cells if c in scores), key=lambda c: scores[c].t, default=None)
    return {
        "res": MATRIX_RES,
        "from": filters.window.start.isoformat(),
        "to": filters.window.end.isoformat(),
        "hexagons": tension.hexagons,
        "mean_index": round(tension.mean, 1),
        "max_index": round(tension.max, 1),
        "t": round(tension.t, 6),
        "t_previous": round(tension.t_before, 6),
        "trend": trend.cls.value,
        "hottest": h3.int_to_str(hottest) if hottest is not None else None,
    }
