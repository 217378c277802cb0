"""Reads of appeals. Public reads never touch AppealContact or the author (152-ФЗ)."""

from appeals.workflow import HIDDEN_STATUSES
from geoportal.db import fetch_value, sql_file


def appeal_public_list_geojson(
    *,
    limit: int,
    after: int = 0,
    bbox: tuple[float, float, float, float] | None = None,
    next_url_prefix: str,
) -> str:
    """One page of public appeals (status not hidden) with id > `after`, ordered by id, as GeoJSON text.

    `bbox` is (west, south, east, north) in degrees, EPSG:4326. The collection's properties carry
    `numberReturned` and `next` (`next_url_prefix` + the last id shown, or null on the last page).
    Built entirely in PostGIS by appeals/sql/appeals_public_geojson.sql.
    """
    west, south, east, north = bbox if bbox else (None, None, None, None)
    params = {
        "hidden": sorted(status.value for status in HIDDEN_STATUSES),
        "after": after,
        "page_size": limit,
        "west": west,
        "south": south,
        "east": east,
        "north": north,
        "next_prefix": next_url_prefix,
    }
    return fetch_value(sql_file("appeals", "appeals_public_geojson"), params)
