"""Query parameters of the public API: parsing and validation, no database.

Each parser raises geoportal.errors.ValidationFailed (HTTP 400, body {"detail": "...", "field": name}).
Axis order is always (lon, lat); a bbox is (west, south, east, north) in degrees, EPSG:4326.
"""

import math
from collections.abc import Sequence

from django.utils.translation import gettext

from geoportal.errors import ValidationFailed

Bbox = tuple[float, float, float, float]


def parse_bbox(raw: str | None) -> Bbox | None:
    """`west,south,east,north` in degrees (EPSG:4326) as floats, or None when absent."""
    if raw is None:
        return None
    malformed = ValidationFailed(
        gettext("bbox must be four numbers west,south,east,north in degrees (EPSG:4326)."), field="bbox"
    )
    parts = raw.split(",")
    if len(parts) != 4:
        raise malformed
    try:
        west, south, east, north = (float(part) for part in parts)
    except ValueError:
        raise malformed from None
    if not all(math.isfinite(v) for v in (west, south, east, north)):
        raise malformed
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= 90 and -90 <= north <= 90):
        raise ValidationFailed(
            gettext("bbox longitudes must lie in -180..180 and latitudes in -90..90."), field="bbox"
        )
    if west > east:
        message = gettext(
            "bbox west must not be greater than east (boxes across the antimeridian are not served)."
        )
        raise ValidationFailed(message, field="bbox")
    if south > north:
        raise ValidationFailed(gettext("bbox south must not be greater than north."), field="bbox")
    return (west, south, east, north)


def parse_limit(raw: str | None, *, default: int, maximum: int) -> int:
    """A page size from 1 to `maximum`; `default` when absent."""
    if raw is None:
        return default
    try:
        limit = int(raw)
    except ValueError:
        raise ValidationFailed(gettext("limit must be a whole number."), field="limit") from None
    if limit < 1:
        raise ValidationFailed(gettext("limit must be at least 1."), field="limit")
    if limit > maximum:
        message = gettext("limit must be at most %(maximum)d; follow the next link for more.")
        raise ValidationFailed(message % {"maximum": maximum}, field="limit")
    return limit


def parse_after(raw: str | None) -> int:
    """The keyset cursor: the last id of the previous page (0, the default, is before every id)."""
    if raw is None:
        return 0
    try:
        after = int(raw)
    except ValueError:
        raise ValidationFailed(gettext("after must be a whole number (an id)."), field="after") from None
    if after < 0:
        raise ValidationFailed(gettext("after must not be negative."), field="after")
    return after


def parse_choices(raw: str | None, *, name: str, allowed: Sequence[str]) -> list[str]:
    """A comma-separated subset of `allowed`, in the order given; all of `allowed` when absent."""
    if raw is None:
        return list(allowed)
    chosen = [item.strip() for item in raw.split(",")]
    if any(item not in allowed for item in chosen):
        raise ValidationFailed(
            gettext("%(name)s must be one or more of %(allowed)s, separated by commas.")
            % {"name": name, "allowed": ", ".join(allowed)},
            field=name,
        )
    return list(dict.fromkeys(chosen))
