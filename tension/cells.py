"""H3 cell outlines and population: h3-py computes, the cell table caches (never per request).

`ensure_outlines()` fills the outlines of cells the triggers registered since the last call: one indexed
probe when there is nothing to do. `rebuild_population()` estimates residents per cell from residential
floor area (footprint × levels, one level when unknown), scaled to the district's population where it is
known, else at settings.TENSION["M2_PER_RESIDENT"] m² per resident.
"""

from collections import defaultdict
from dataclasses import dataclass

import h3
from django.conf import settings
from django.db import connection, transaction

from geoportal.db import fetch_rows, sql_file

CELL_RESOLUTIONS = range(5, 11)  # the cells the town keeps: res 5 (whole town) … res 10 (a block)


def outline_wkt(cell: int) -> str:
    """The hexagon (or pentagon) of `cell` as a closed WKT polygon in lon/lat."""
    ring = [(lng, lat) for lat, lng in h3.cell_to_boundary(h3.int_to_str(cell))]
    ring.append(ring[0])
    return "POLYGON((" + ",".join(f"{x!r} {y!r}" for x, y in ring) + "))"


def ensure_outlines() -> int:
    """Computes the outline of every registered cell that has none yet; returns how many were filled."""
    missing = [row[0] for row in fetch_rows("SELECT h3 FROM tension_tensioncell WHERE geom IS NULL")]
    if missing:
        _write_outlines(missing)
    return len(missing)


def register_cells(cells: list[int]) -> None:
    """Registers res-10 cells (and their parents down to res 5) with outlines, e.g. for a new signal."""
    with connection.cursor() as cur:
        cur.execute("SELECT tension_register_cells(%s::bigint[])", [cells])
    ensure_outlines()


def _write_outlines(cells: list[int]) -> None:
    with connection.cursor() as cur:
        cur.execute(
            "UPDATE tension_tensioncell t SET geom = ST_GeomFromText(v.wkt, 4326) "
            "FROM unnest(%s::bigint[], %s::text[]) AS v(h3, wkt) WHERE t.h3 = v.h3",
            [cells, [outline_wkt(c) for c in cells]],
        )


@dataclass(frozen=True)
class PopulationResult:
    buildings: int
    residents: float
    cells: int


@transaction.atomic
def rebuild_population() -> PopulationResult:
    """Re-estimates the population of every cell of res 5–10 from the residential buildings."""
    conf = settings.TENSION
    rows = fetch_rows(
        sql_file("tension", "residential_floor"), {"non_residential": list(conf["NON_RESIDENTIAL_USES"])}
    )
    floor_by_district: dict[int | None, float] = defaultdict(float)
    for _lon, _lat, floor, district, _population in rows:
        floor_by_district[district] += floor
    per_cell: dict[int, float] = defaultdict(float)
    total = 0.0
    for lon, lat, floor, district, population in rows:
        if population and floor_by_district[district] > 0:
            residents = floor * population / floor_by_district[district]
        else:
            residents = floor / conf["M2_PER_RESIDENT"]
        total += residents
        cell10 = h3.latlng_to_cell(lat, lon, 10)
        for res in CELL_RESOLUTIONS:
            per_cell[h3.str_to_int(h3.cell_to_parent(cell10, res))] += residents
    cells = list(per_cell)
    with connection.cursor() as cur:
        cur.execute("UPDATE tension_tensioncell SET population = NULL WHERE population IS NOT NULL")
        cur.execute(
            "INSERT INTO tension_tensioncell (h3, res, population) "
            "SELECT c, h3_res(c), p FROM unnest(%s::bigint[], %s::float8[]) AS v(c, p) "
            "ON CONFLICT (h3) DO UPDATE SET population = EXCLUDED.population",
            [cells, [per_cell[c] for c in cells]],
        )
    ensure_outlines()
    return PopulationResult(buildings=len(rows), residents=total, cells=len(cells))
