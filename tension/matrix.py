"""The digital matrix: appeal figures and tension per district or per ТОС (docs/TENSION.md, "Digital matrix").

tension/sql/matrix_area_shapes.sql reads the areas; tension/sql/matrix_areas.sql aggregates the appeals
and the population per area (an appeal's res-9 cell narrows down its area, its point decides); the res-9
scores of the window and of the previous window come from tension.selectors.cell_scores (the rollup), their
0–100 index from tension.scoring and the trend class from tension.trends. An area's hexagons are those
whose centre lies in it (area_cells). The arithmetic on the aggregates is pure.
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from functools import lru_cache
from typing import Any

import h3.api.basic_int as h3
from django.conf import settings

from appeals.workflow import OPEN_STATUSES
from geoportal.db import fetch_dicts, sql_file
from layers.models import AdminArea
from tension.scoring import Weights, tension_index
from tension.selectors import Filters, cell_scores
from tension.trends import trend_of

MATRIX_RES = 9  # the hexagons whose index an area's mean and max summarise
# The cells that narrow down an appeal's area (matrix_areas.sql): only the appeals in the band along an
# area's edge, one or two cells wide, need a point-in-polygon test (res 10: edges ≈ 66 m).
MAP_RES = 10


class MatrixLevel(StrEnum):
    DISTRICT = AdminArea.Kind.DISTRICT.value
    TOS = AdminArea.Kind.TOS.value


@dataclass(frozen=True)
class TopCategory:
    code: str
    name_ru: str
    name_en: str
    count: int


@dataclass(frozen=True)
class MatrixRow:
    id: int
    code: str
    name: str
    population: float | None
    population_source: str | None  # "known" (AdminArea.population), "estimated" (res-10 cells) or None
    appeals: int
    per_1000: float | None
    overdue: int
    overdue_share: float | None
    answered: int
    median_answer_days: float | None
    hexagons: int
    tension_mean: float
    tension_max: float
    t: float
    t_previous: float
    trend: str
    top_categories: tuple[TopCategory, ...]


@dataclass(frozen=True)
class Matrix:
    level: MatrixLevel
    filters: Filters
    previous: Filters
    k: float | None
    rows: tuple[MatrixRow, ...]


def per_thousand(count: int, population: float | None) -> float | None:
    """Appeals per 1,000 residents; None when fewer than one resident is known or estimated."""
    if population is None or population < 1:
        return None
    return 1000.0 * count / population


def share(part: int, whole: int) -> float | None:
    """part / whole, None when whole is 0."""
    return part / whole if whole else None


def area_population(known: int | None, estimated: float | None) -> tuple[float | None, str | None]:
    """The population an area's figures use and where it comes from: known first, else the estimate."""
    if known is not None:
        return float(known), "known"
    if estimated is not None and estimated > 0:
        return estimated, "estimated"
    return None, None


@dataclass(frozen=True)
class AreaTension:
    hexagons: int  # the area's hexagons with T > 0 in the window
    mean: float  # their mean 0–100 index (0 when there is none)
    max: float
    t: float  # Σ T of the area's hexagons in the window
    t_before: float  # … and in the previous window


def area_cells(shape: h3.H3Shape, inside: tuple[float, float], res: int) -> set[int]:
    """The H3 cells of an area: those whose centre lies in it (h3's polygon fill); an area too small to
    hold any centre gets the one cell of a point inside it (`inside` = (lon, lat)), so it is never empty."""
    cells = set(h3.h3shape_to_cells(shape, res))
    return cells or {h3.latlng_to_cell(inside[1], inside[0], res)}


@lru_cache(maxsize=256)
def area_cell_map(geometry: str, res: int) -> tuple[frozenset[int], frozenset[int]]:
    """The cells an appeal of the area can have as its res-`res` parent, and the `safe` ones among them.

    `geometry` is the area's GeoJSON text (the cache key: an area's cells are worked out once per
    process until its outline changes). A point's parent cell (h3_parent of its res-15 cell) is the cell
    it lies in or a neighbour of it (H3 children stick out of their parent a little), so the candidates
    are the cells that overlap the area and their neighbours, and a cell is safe — each of its appeals
    inside the area, no point test needed — when it and all its neighbours lie wholly inside the area.
    """
    shape = h3.geo_to_h3shape(json.loads(geometry))
    full = set(h3.h3shape_to_cells_experimental(shape, res, contain="full"))
    overlap = h3.h3shape_to_cells_experimental(shape, res, contain="overlap")
    candidates = frozenset(n for cell in overlap for n in h3.grid_disk(cell, 1))
    safe = frozenset(cell for cell in full if full.issuperset(h3.grid_disk(cell, 1)))
    return candidates, safe


def area_tension(
    cells: set[int], now: Mapping[int, float], before: Mapping[int, float], k: float | None
) -> AreaTension:
    """Mean and max index of the area's hexagons with tension, and its T now and in the previous window."""
    indexes = [tension_index(now[c], k or 0.0) for c in cells if now.get(c, 0.0) > 0]
    return AreaTension(
        hexagons=len(indexes),
        mean=sum(indexes) / len(indexes) if indexes else 0.0,
        max=max(indexes, default=0.0),
        t=sum(now.get(c, 0.0) for c in cells),
        t_before=sum(before.get(c, 0.0) for c in cells),
    )


NO_APPEALS = {
    "appeals": 0, "overdue": 0, "answered": 0, "median_answer_days": None, "estimated_population": None,
    "top_categories": [],
}  # fmt: skip


def matrix_row(
    area: dict[str, Any],
    figures: dict[str, Any],
    tension: AreaTension,
    *,
    rise_ratio: float,
    min_delta: float,
) -> MatrixRow:
    """One area's MatrixRow from its row of matrix_area_shapes.sql, of matrix_areas.sql and its tension."""
    population, source = area_population(area["known_population"], figures["estimated_population"])
    trend = trend_of(tension.t, tension.t_before, rise_ratio=rise_ratio, min_delta=min_delta)
    return MatrixRow(
        id=area["id"],
        code=area["code"],
        name=area["name"],
        population=population,
        population_source=source,
        appeals=figures["appeals"],
        per_1000=per_thousand(figures["appeals"], population),
        overdue=figures["overdue"],
        overdue_share=share(figures["overdue"], figures["appeals"]),
        answered=figures["answered"],
        median_answer_days=figures["median_answer_days"],
        hexagons=tension.hexagons,
        tension_mean=tension.mean,
        tension_max=tension.max,
        t=tension.t,
        t_previous=tension.t_before,
        trend=trend.cls.value,
        top_categories=tuple(TopCategory(**c) for c in figures["top_categories"]),
    )


def _area_figures(level: MatrixLevel, filters: Filters, now: datetime, maps: dict[int, tuple]) -> dict:
    """{area id: its row of matrix_areas.sql}; `maps` is {area id: (candidate cells, safe cells)}."""
    cells, areas, safe = [], [], []
    for area_id, (candidates, safe_cells) in maps.items():
        for cell in sorted(candidates):
            cells.append(cell)
            areas.append(area_id)
            safe.append(cell in safe_cells)
    params = {
        "kind": level.value,
        "start": filters.window.start,
        "end": filters.window.end,
        "now": now,
        "kinds": list(filters.kinds),
        "categories": list(filters.category_ids) if filters.category_ids is not None else None,
        "counted": list(Weights.from_settings().status_factors),
        "open": sorted(OPEN_STATUSES),
        "map_cells": cells,
        "map_areas": areas,
        "map_safe": safe,
        "map_res": MAP_RES,
    }
    # Planned without JIT (the connections' setting): compiling this plan cost more than running it
    # (0.7 s on a million appeals).
    rows = fetch_dicts(sql_file("tension", "matrix_areas"), params)
    return {row["id"]: row for row in rows}


def area_matrix(level: MatrixLevel, filters: Filters, *, now: datetime) -> Matrix:
    """Every area of `level` with its indicators over the window of `filters`; "overdue" is as of `now`."""
    conf = settings.TENSION
    previous = replace(filters, window=filters.window.previous())
    scores = cell_scores(MATRIX_RES, filters)
    t_now = {cell: score.t for cell, score in scores.items()}
    t_before = {cell: score.t for cell, score in cell_scores(MATRIX_RES, previous).items()}
    k = next((s.k for s in scores.values() if s.k), None)
    areas = fetch_dicts(sql_file("tension", "matrix_area_shapes"), {"kind": level.value})
    shapes = {area["id"]: h3.geo_to_h3shape(json.loads(area["geometry"])) for area in areas}
    maps = {area["id"]: area_cell_map(area["geometry"], MAP_RES) for area in areas}
    figures = _area_figures(level, filters, now, maps)
    rows = []
    for area in areas:
        inside = (area["inside_lon"], area["inside_lat"])
        tension = area_tension(area_cells(shapes[area["id"]], inside, MATRIX_RES), t_now, t_before, k)
        rows.append(
            matrix_row(
                area,
                figures.get(area["id"], NO_APPEALS),
                tension,
                rise_ratio=conf["TREND_RISE_RATIO"],
                min_delta=conf["TREND_MIN_DELTA"],
            )
        )
    return Matrix(level=level, filters=filters, previous=previous, k=k, rows=tuple(rows))
