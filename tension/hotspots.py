"""Reads hotspots and trends of H3 cells: Gi* over the current window, trend against the previous one.

One selector serves the hotspots API and the alerts job. T per cell comes from tension.selectors.cell_scores
(the rollup, or the appeals at res 10) for the window and for the window of the same length before it; Gi*
(tension.gistar) runs over the current T with its study area (the k-ring(1) closure of the cells with T > 0);
trends and emerging hotspots come from tension.trends with the thresholds of settings.TENSION.
"""

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace

import h3.api.basic_int as h3
from django.conf import settings

from tension.gistar import Hotspot, hotspots
from tension.scoring import tension_index
from tension.selectors import Filters, cached_cell_scores, cell_scores, kept_with_scores, score_arrays
from tension.trends import Trend, is_emerging, trend_of


@dataclass(frozen=True, slots=True)
class HotspotCell:
    cell: int
    t: float
    index: float
    count: int
    hotspot: Hotspot
    trend: Trend
    emerging: bool


@dataclass(frozen=True)
class HotspotMap:
    res: int
    filters: Filters
    previous: Filters
    k: float | None
    cells: dict[int, HotspotCell]


def hotspot_map(res: int, filters: Filters, *, cached: bool = False) -> HotspotMap:
    """Every cell of the Gi* study area at `res` with T, index, z, p, class, trend and emerging flag.

    `cached`: read the scores through the shared cache (the public API) instead of computing them."""
    conf = settings.TENSION
    previous = replace(filters, window=filters.window.previous())
    scores = cached_cell_scores if cached else cell_scores
    now = scores(res, filters)
    before = scores(res, previous)
    k = next((score.k for score in now.values() if score.k), None)
    gi = hotspots({cell: score.t for cell, score in now.items()}, z_threshold=conf["HOTSPOT_Z"])
    cells = {}
    for cell, hotspot in gi.items():
        score = now.get(cell)
        t = score.t if score else 0.0
        trend = trend_of(
            t,
            before[cell].t if cell in before else 0.0,
            rise_ratio=conf["TREND_RISE_RATIO"],
            min_delta=conf["TREND_MIN_DELTA"],
        )
        cells[cell] = HotspotCell(
            cell=cell,
            t=t,
            index=tension_index(t, k or 0.0),
            count=score.count if score else 0,
            hotspot=hotspot,
            trend=trend,
            emerging=is_emerging(hotspot, trend),
        )
    return HotspotMap(res=res, filters=filters, previous=previous, k=k, cells=cells)


def outline_lonlat(cell: int) -> list[list[float]]:
    """The closed ring of a cell as GeoJSON [lon, lat] positions (h3 gives (lat, lng))."""
    ring = [[round(lng, 6), round(lat, 6)] for lat, lng in h3.cell_to_boundary(cell)]
    return [*ring, ring[0]]


def _meets(ring: list[list[float]], bbox: Sequence[float]) -> bool:
    west, south, east, north = bbox
    lons = [p[0] for p in ring]
    lats = [p[1] for p in ring]
    return min(lons) <= east and max(lons) >= west and min(lats) <= north and max(lats) >= south


def _ratio(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def hotspots_geojson(hmap: HotspotMap, bbox: Sequence[float] | None) -> bytes:
    """The study-area cells of `hmap` whose outline meets `bbox` (all when None) as GeoJSON bytes."""
    features = []
    for cell in sorted(hmap.cells):
        ring = outline_lonlat(cell)
        if bbox is not None and not _meets(ring, bbox):
            continue
        c = hmap.cells[cell]
        features.append(
            {
                "type": "Feature",
                "id": f"{cell:x}",
                "geometry": {"type": "Polygon", "coordinates": [ring]},
                "properties": {
                    "h3": f"{cell:x}",
                    "res": hmap.res,
                    "t": round(c.t, 6),
                    "index": round(c.index, 1),
                    "count": c.count,
                    "z": round(c.hotspot.z, 4),
                    "p": round(c.hotspot.p, 6),
                    "class": c.hotspot.cls.value,
                    "t_before": round(c.trend.before, 6),
                    "delta": round(c.trend.delta, 6),
                    "ratio": _ratio(c.trend.ratio),
                    "trend": c.trend.cls.value,
                    "emerging": c.emerging,
                },
            }
        )
    window, previous = hmap.filters.window, hmap.previous.window
    collection = {
        "type": "FeatureCollection",
        "properties": {
            "res": hmap.res,
            "from": window.start.isoformat(),
            "to": window.end.isoformat(),
            "previous_from": previous.start.isoformat(),
            "previous_to": previous.end.isoformat(),
            "k": None if hmap.k is None else round(hmap.k, 6),
            "z_threshold": settings.TENSION["HOTSPOT_Z"],
            "study_area_cells": len(hmap.cells),
        },
        "features": features,
    }
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode()


def cached_hotspots_geojson(res: int, filters: Filters, bbox: Sequence[float] | None) -> bytes:
    """hotspots_geojson() of the shared cached scores of the window and the one before it, itself kept in
    the shared cache with those scores (the public API)."""
    previous = replace(filters, window=filters.window.previous())
    sources = [score_arrays(res, filters), score_arrays(res, previous)]
    return kept_with_scores(
        "hotspots",
        sources,
        repr(list(bbox) if bbox else None),
        lambda: hotspots_geojson(hotspot_map(res, filters, cached=True), bbox),
    )
